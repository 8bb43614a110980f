//! What the user can ask for, and what the app asks its host to do in return.
//!
//! One `Action` enum serves keys, tests and the help overlay: keys are mapped to actions by
//! [`super::keys`], tests send actions directly, and help lists the same bindings.

use crate::session::{Answered, Session, Slot};

/// A request to the app, independent of how it was typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: open, answer, continue.
    Select,
    /// Esc: go back one screen (asks first when it would leave a quiz).
    Back,
    /// q: quit (asks first when a quiz is in progress).
    Quit,
    /// Ctrl-C: quit now.
    ForceQuit,
    Help,
    /// Tab: next pane or next item in a list of links.
    NextPane,
    /// Space: toggle an option of a multi-select question.
    Toggle,
    /// Choose option `n` (from a letter or a digit).
    Choose(usize),
    /// Open the source view at the selected sentence.
    OpenSource,
    /// Retry the missed questions.
    Retry,
    /// Show the next glossary term of the lesson.
    NextTerm,
    /// Start the lesson's "check yourself" quiz.
    CheckYourself,
    /// Answer to a yes/no question.
    Confirm(bool),
    /// Text editing in an answer field.
    Input(char),
    Backspace,
    Delete,
    Home,
    End,
    Paste(String),
    /// The terminal was resized (the next draw lays out again).
    Resize(u16, u16),
    /// The clock (Unix ms), sent while a timed drill question is open.
    Tick(i64),
    /// From the host: the learner's stored progress changed.
    Progress(Box<super::app::Snapshot>),
    /// From the host, after [`Effect::NeedReview`] and fresh progress: open the review, with
    /// the practice of the weakest sentences for when nothing is due.
    OpenReview(Box<crate::quiz::review::Weakest>),
    /// From the host: the answer just recorded came this many milliseconds after its
    /// question was shown.
    AnswerTook(i64),
    /// From the host: the instructor of a paced drill moved the class.
    Pace(Box<crate::session::pace::PaceUpdate>),
    /// From the host: figures for the statistics screen.
    Stats(Box<crate::report::Stats>),
    /// From the host: something the user should read (e.g. an answer not saved).
    Notice(String),
    /// From the host: a quiz saved by an earlier session, to offer for resuming.
    OfferResume(Box<Session>),
    /// From the host: a drill saved by an earlier session; it takes the place of the same
    /// drill opened fresh, so a student who comes back goes on where they were.
    ResumeDrill(Box<Session>),
}

/// Work for the host after an update: the app itself does no I/O. The host may answer with
/// actions (e.g. the new progress figures), applied before the next frame is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// A new question is on screen; the time to answer counts from here.
    Shown,
    /// An answer was graded: record it before the feedback is drawn.
    Answered(Box<Answered>),
    /// The quiz in progress changed: keep it in its slot so a quit, a dropped connection or
    /// a crash can resume it.
    SaveQuiz(Box<Session>),
    /// The quiz in this slot need not be kept any more: it was finished, or the learner
    /// declined to resume it.
    ClearQuiz(Slot),
    /// A lesson was opened (marked read).
    LessonOpened(String),
    /// The statistics screen was opened and needs figures.
    NeedStats,
    /// Review was chosen: it needs what is due now, answered with fresh
    /// [`Action::Progress`] then [`Action::OpenReview`].
    NeedReview,
}
