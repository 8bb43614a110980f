//! The application state and its pure `update`: an action in, effects out, no I/O.

use super::action::{Action, Effect};
use super::keys::Context;
use super::quiz::QuizState;
use super::theme::Theme;
use crate::course::Course;
use crate::session::{Phase, Session};

use crate::schedule::ReviewState;
use crate::store::Summary;
use std::sync::Arc;

pub use super::menu::{MENU, MenuEntry};

/// Answers given and answers right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub answered: usize,
    pub right: usize,
}

/// Smallest terminal the layout works in; smaller, the screen says so and only q works.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Questions in a practice quiz or a case drill.
pub const QUIZ_LEN: usize = 10;

#[derive(Debug, Clone)]
pub enum Screen {
    Home {
        selected: usize,
    },
    Lessons {
        selected: usize,
    },
    Lesson {
        index: usize,
        scroll: u16,
        term: Option<usize>,
    },
    Quiz(Box<QuizState>),
    Source {
        selected: usize,
        cited_by: bool,
        link: usize,
    },
    Stats {
        scroll: u16,
    },
    /// Review found nothing due.
    NothingDue(Box<super::review::NothingDue>),
}

/// What a screen's update asks of the screen stack.
pub(super) enum Then {
    Stay,
    Push(Screen),
    Back,
    Menu(usize),
    Quiz {
        title: String,
        lessons: Vec<String>,
        cases_only: bool,
    },
    Ask(Ask),
    /// Start the practice the nothing-due screen offers.
    PractiseWeakest,
    /// Try an item or a case template as a quiz of its own.
    Try(Try),
}

/// What the source view's "Cited by" list opens as a quiz, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Try {
    Item(String),
    Case(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Quit,
    LeaveQuiz,
    /// A quiz from an earlier session can be resumed.
    Resume,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm(Ask),
}

pub struct App {
    pub course: Arc<Course>,
    /// Screens, the current last; the home screen is always at the bottom.
    pub screens: Vec<Screen>,
    pub overlay: Option<Overlay>,
    /// First line of the help overlay shown (it scrolls on short terminals).
    pub help_scroll: u16,
    /// Seed of the next quiz; each new quiz takes the next number, so `--seed N` reproduces.
    pub next_seed: u64,
    pub size: (u16, u16),
    pub theme: Theme,
    /// Answers given and answers right in this session, for the home screen.
    pub session: Tally,
    /// Stored progress, as the host last reported it; `None` until it does.
    pub progress: Option<Box<Snapshot>>,
    /// A host will report stored progress shortly (the home screen says it is reading it).
    pub progress_pending: bool,
    /// A quiz left unfinished (in an earlier session, or with Esc in this one), offered for
    /// resuming when the next quiz is chosen.
    pub pending_resume: Option<Box<Session>>,
    /// The menu entry chosen while a quiz was offered for resuming: opened if it is declined.
    pub then_open: Option<super::menu::MenuEntry>,
    /// Figures for the statistics screen, as the host last computed them.
    pub stats: Option<Box<crate::report::Stats>>,
    /// A one-line message for the user (e.g. an answer that could not be saved), shown until
    /// the next key.
    pub notice: Option<String>,
    pub quit: bool,
}

/// What the host knows of the learner's stored progress, for the home screen and reviews.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub user: String,
    pub summary: Summary,
    pub states: Vec<(String, ReviewState)>,
    /// When the snapshot was taken: reviews due by then are due.
    pub now_ms: i64,
    /// Why progress is not being saved, if it is not.
    pub unsaved: Option<String>,
}

impl App {
    pub fn new(course: Arc<Course>, seed: u64, theme: Theme) -> App {
        App {
            course,
            screens: vec![Screen::Home { selected: 0 }],
            overlay: None,
            help_scroll: 0,
            next_seed: seed,
            size: (80, 24),
            theme,
            session: Tally::default(),
            progress: None,
            progress_pending: false,
            pending_resume: None,
            then_open: None,
            stats: None,
            notice: None,
            quit: false,
        }
    }

    pub fn screen(&self) -> &Screen {
        // The stack is never empty: `back` keeps the home screen.
        &self.screens[self.screens.len() - 1]
    }

    pub(super) fn screen_mut(&mut self) -> &mut Screen {
        let last = self.screens.len() - 1;
        &mut self.screens[last]
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            None => self.screen_context(),
        }
    }

    /// The context of the current screen, ignoring overlays (help lists its keys).
    pub fn screen_context(&self) -> Context {
        match self.screen() {
            Screen::Home { .. } => Context::Home,
            Screen::Lessons { .. } => Context::Lessons,
            Screen::Lesson { .. } => Context::Lesson,
            Screen::Source { cited_by: true, .. } => Context::CitedBy,
            Screen::Source { .. } => Context::Source,
            Screen::Stats { .. } => Context::Stats,
            Screen::NothingDue(_) => Context::NothingDue,
            Screen::Quiz(q) => match q.session.phase() {
                Phase::Asking if q.typing() => Context::Text,
                Phase::Asking => Context::Choice {
                    options: q.session.question().map_or(0, |q| q.options.len()),
                    multi: q
                        .session
                        .question()
                        .is_some_and(|q| q.kind == crate::course::spec::ItemType::MultiSelect),
                },
                Phase::Feedback if q.session.paced() => Context::PacedFeedback,
                Phase::Feedback => Context::Feedback,
                Phase::Waiting | Phase::Held => Context::Waiting,
                Phase::Done => Context::Results {
                    retry: !q.session.missed().is_empty(),
                },
            },
        }
    }

    /// Whether the window is below the size the layout needs (the screen says so).
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    fn quiz_in_progress(&self) -> bool {
        self.screens
            .iter()
            .any(|s| matches!(s, Screen::Quiz(q) if q.session.in_progress()))
    }

    /// Applies one action and returns what the host must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        // A notice lasts until the next key.
        if !matches!(
            action,
            Action::Resize(..)
                | Action::Progress(_)
                | Action::Notice(_)
                | Action::Stats(_)
                | Action::Tick(_)
                | Action::AnswerTook(_)
                | Action::Pace(_)
        ) {
            self.notice = None;
        }
        match action {
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            Action::Progress(p) => self.progress = Some(p),
            Action::Stats(s) => self.stats = Some(s),
            // Time runs for the quiz on screen (and only a timed drill question uses it),
            // under help and dialogs too unless the session pauses there.
            Action::Tick(now) => {
                let covered = self.overlay.is_some();
                if let Some(Screen::Quiz(q)) = self.screens.last_mut() {
                    q.tick(now, covered, &mut effects);
                }
            }
            Action::Notice(n) => self.notice = Some(n),
            Action::AnswerTook(ms) => {
                if let Some(Screen::Quiz(q)) = self.screens.last_mut() {
                    q.answering_ms = Some(q.answering_ms.unwrap_or(0).saturating_add(ms));
                }
            }
            Action::OfferResume(q) => {
                self.pending_resume = Some(q);
                self.overlay = Some(Overlay::Confirm(Ask::Resume));
            }
            Action::ResumeDrill(q) => self.resume_drill(*q),
            Action::OpenReview(weakest) => self.open_review(*weakest, &mut effects),
            Action::Pace(update) => self.follow_pace(&update, &mut effects),
            // Too small to see anything: only quitting works, as the notice says.
            Action::Quit if self.too_small() => self.quit = true,
            _ if self.too_small() => {}
            action => match self.overlay {
                Some(Overlay::Help) => match action {
                    Action::Back | Action::Help | Action::Select => self.overlay = None,
                    Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                    Action::Down => {
                        // The keys, then the guide below them (at most this many lines).
                        let rows = super::keys::help(self.screen_context()).len()
                            + super::keys::GUIDE_LINES;
                        self.help_scroll =
                            (self.help_scroll + 1).min(u16::try_from(rows).unwrap_or(0));
                    }
                    _ => {}
                },
                Some(Overlay::Confirm(ask)) => self.confirm(ask, action, &mut effects),
                None => self.on_screen(action, &mut effects),
            },
        }
        for e in &effects {
            if let Effect::Answered(a) = e {
                self.session.answered += 1;
                self.session.right += usize::from(a.outcome.correct);
            }
        }
        if self.quit {
            effects.push(Effect::Quit);
        }
        effects
    }

    fn confirm(&mut self, ask: Ask, action: Action, effects: &mut Vec<Effect>) {
        match action {
            Action::Confirm(true) => {
                self.overlay = None;
                match ask {
                    Ask::Quit => self.quit = true,
                    // Kept, as with q: offered again at the next quiz or the next start.
                    Ask::LeaveQuiz => {
                        if let Screen::Quiz(q) = self.screen()
                            && q.session.drill().is_none()
                        {
                            self.pending_resume = Some(Box::new(q.session.clone()));
                        }
                        self.back(effects);
                    }
                    Ask::Resume => {
                        self.then_open = None;
                        if let Some(session) = self.pending_resume.take() {
                            self.screens
                                .push(Screen::Quiz(Box::new(QuizState::new(*session))));
                            effects.push(Effect::Shown);
                        }
                    }
                }
            }
            // n discards a quiz offered for resuming; Esc keeps it for the next start.
            Action::Confirm(false) => {
                self.overlay = None;
                if ask == Ask::Resume
                    && let Some(session) = self.pending_resume.take()
                {
                    effects.push(Effect::ClearQuiz(session.slot()));
                }
                // Declined: the quiz that was chosen opens.
                if let Some(entry) = self.then_open.take() {
                    self.open_entry(entry, effects);
                }
            }
            // Not now: still kept, and offered again with the next quiz.
            Action::Back => {
                self.overlay = None;
                self.then_open = None;
            }
            _ => {}
        }
    }

    fn on_screen(&mut self, action: Action, effects: &mut Vec<Effect>) {
        match action {
            Action::Help => {
                self.help_scroll = 0;
                return self.overlay = Some(Overlay::Help);
            }
            Action::Quit if self.quiz_in_progress() => {
                return self.overlay = Some(Overlay::Confirm(Ask::Quit));
            }
            Action::Quit => return self.quit = true,
            _ => {}
        }
        let then = self.on_current(action, effects);
        match then {
            Then::Stay => {}
            Then::Push(screen) => self.screens.push(screen),
            Then::Back => self.back(effects),
            Then::Menu(choice) => self.open_menu(choice, effects),
            Then::Quiz {
                title,
                lessons,
                cases_only,
            } => self.start_quiz(&title, lessons, cases_only, effects),
            Then::Ask(ask) => self.overlay = Some(Overlay::Confirm(ask)),
            Then::PractiseWeakest => self.practise_weakest(effects),
            Then::Try(what) => self.try_cited(what, effects),
        }
    }

    /// How often the host should send [`Action::Tick`]: only while a timed question is open,
    /// so an idle tutor otherwise wakes for nothing.
    pub fn tick_interval(&self) -> Option<std::time::Duration> {
        match self.screen() {
            Screen::Quiz(q) if q.session.wants_ticks() => {
                Some(std::time::Duration::from_millis(250))
            }
            _ => None,
        }
    }

    /// Goes back one screen, never past home. Back on the lessons list, its figures are
    /// asked for again: a lesson or a quiz may have changed them.
    fn back(&mut self, effects: &mut Vec<Effect>) {
        if self.screens.len() > 1 {
            self.screens.pop();
        }
        if matches!(self.screen(), Screen::Lessons { .. }) {
            effects.push(Effect::NeedStats);
        }
    }
}
