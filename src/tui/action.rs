//! What the user can ask for, and what the app asks its host to do in return.
//!
//! One `Action` enum serves keys, tests and the help overlay: keys are mapped to actions by
//! [`super::keys`], tests send actions directly, and help lists the same bindings.

/// A request to the app, independent of how it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// Work for the host after an update: the app itself does no I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// An answer was graded (stores record it; issue 4).
    Answered {
        question: String,
        correct: bool,
        seed: u64,
    },
}
