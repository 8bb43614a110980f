//! The application state and its pure `update`: an action in, effects out, no I/O.

use super::action::{Action, Effect};
use super::keys::Context;
use super::quiz::{Next, Phase, QuizState};
use super::theme::Theme;
use crate::course::Course;
use crate::quiz::{self, Question, QuizSpec};
use std::sync::Arc;

/// Home menu entries, in order.
pub const MENU: [&str; 6] = [
    "Lessons",
    "Practice quiz",
    "Case drill",
    "Source",
    "Help",
    "Quit",
];

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
}

/// What a screen's update asks of the screen stack.
enum Then {
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Quit,
    LeaveQuiz,
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
    pub session: (usize, usize),
    pub quit: bool,
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
            session: (0, 0),
            quit: false,
        }
    }

    pub fn screen(&self) -> &Screen {
        // The stack is never empty: `back` keeps the home screen.
        &self.screens[self.screens.len() - 1]
    }

    fn screen_mut(&mut self) -> &mut Screen {
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
            Screen::Source { .. } => Context::Source,
            Screen::Quiz(q) => match q.phase {
                Phase::Asking if q.typing() => Context::Text,
                Phase::Asking => Context::Choice {
                    options: q.question().map_or(0, |q| q.options.len()),
                    multi: q
                        .question()
                        .is_some_and(|q| q.kind == crate::course::spec::ItemType::MultiSelect),
                },
                Phase::Feedback => Context::Feedback,
                Phase::Done => Context::Results,
            },
        }
    }

    /// Whether the window is below the size the layout needs (the screen says so).
    pub fn too_small(&self) -> bool {
        self.size.0 < super::view::MIN_WIDTH || self.size.1 < super::view::MIN_HEIGHT
    }

    fn quiz_in_progress(&self) -> bool {
        self.screens
            .iter()
            .any(|s| matches!(s, Screen::Quiz(q) if q.in_progress()))
    }

    /// Applies one action and returns what the host must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        match action {
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.size = (w, h),
            // Too small to see anything: only quitting works, as the notice says.
            Action::Quit if self.too_small() => self.quit = true,
            _ if self.too_small() => {}
            action => match self.overlay {
                Some(Overlay::Help) => match action {
                    Action::Back | Action::Help | Action::Select => self.overlay = None,
                    Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                    Action::Down => {
                        let rows = super::keys::help(self.screen_context()).len();
                        self.help_scroll =
                            (self.help_scroll + 1).min(u16::try_from(rows).unwrap_or(0));
                    }
                    _ => {}
                },
                Some(Overlay::Confirm(ask)) => self.confirm(ask, action),
                None => self.on_screen(action, &mut effects),
            },
        }
        for e in &effects {
            if let Effect::Answered { correct, .. } = e {
                self.session.0 += 1;
                self.session.1 += usize::from(*correct);
            }
        }
        if self.quit {
            effects.push(Effect::Quit);
        }
        super::view::clamp_scroll(self);
        effects
    }

    fn confirm(&mut self, ask: Ask, action: Action) {
        match action {
            Action::Confirm(true) => {
                self.overlay = None;
                match ask {
                    Ask::Quit => self.quit = true,
                    Ask::LeaveQuiz => self.back(),
                }
            }
            Action::Confirm(false) | Action::Back => self.overlay = None,
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
            Then::Back => self.back(),
            Then::Menu(choice) => self.open_menu(choice),
            Then::Quiz {
                title,
                lessons,
                cases_only,
            } => self.start_quiz(&title, lessons, cases_only),
            Then::Ask(ask) => self.overlay = Some(Overlay::Confirm(ask)),
        }
    }

    /// Updates the current screen's own state; anything touching the stack is returned.
    fn on_current(&mut self, action: Action, effects: &mut Vec<Effect>) -> Then {
        let course = Arc::clone(&self.course);
        let lessons = course.lessons.len();
        let sentences = course.sentences().len();
        match self.screen_mut() {
            Screen::Home { selected } => match action {
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Down => *selected = (*selected + 1).min(MENU.len() - 1),
                Action::Top => *selected = 0,
                Action::Bottom => *selected = MENU.len() - 1,
                Action::Select => return Then::Menu(*selected),
                _ => {}
            },
            Screen::Lessons { selected } => match action {
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Down => *selected = (*selected + 1).min(lessons.saturating_sub(1)),
                Action::Top => *selected = 0,
                Action::Bottom => *selected = lessons.saturating_sub(1),
                Action::Select if lessons > 0 => {
                    return Then::Push(Screen::Lesson {
                        index: *selected,
                        scroll: 0,
                        term: None,
                    });
                }
                Action::Back => return Then::Back,
                _ => {}
            },
            Screen::Lesson {
                index,
                scroll,
                term,
            } => match action {
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Down => *scroll = scroll.saturating_add(1),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::PageDown => *scroll = scroll.saturating_add(10),
                Action::Top => *scroll = 0,
                Action::Bottom => *scroll = u16::MAX,
                Action::Right if *index + 1 < lessons => {
                    (*index, *scroll, *term) = (*index + 1, 0, None)
                }
                Action::Left if *index > 0 => (*index, *scroll, *term) = (*index - 1, 0, None),
                Action::NextTerm => {
                    let n = super::view::lesson::terms(&course, *index).len();
                    *term = match *term {
                        _ if n == 0 => None,
                        Some(t) if t + 1 < n => Some(t + 1),
                        Some(_) => None,
                        None => Some(0),
                    };
                    // The entry opens in the glossary section near the end: show it.
                    if term.is_some() {
                        *scroll = u16::MAX;
                    }
                }
                Action::CheckYourself => {
                    let lesson = &course.lessons[*index];
                    return Then::Quiz {
                        title: format!("Check yourself: {}", lesson.title),
                        lessons: vec![lesson.id.clone()],
                        cases_only: false,
                    };
                }
                Action::Back => return Then::Back,
                _ => {}
            },
            Screen::Source {
                selected,
                cited_by,
                link,
            } => {
                let links = super::view::source::links(&course, *selected);
                match action {
                    Action::NextPane => {
                        *cited_by = !*cited_by && !links.is_empty();
                        *link = 0;
                    }
                    Action::Up if *cited_by => *link = link.saturating_sub(1),
                    Action::Down if *cited_by => {
                        *link = (*link + 1).min(links.len().saturating_sub(1))
                    }
                    Action::Up => *selected = selected.saturating_sub(1),
                    Action::Down => *selected = (*selected + 1).min(sentences.saturating_sub(1)),
                    Action::PageUp => *selected = selected.saturating_sub(5),
                    Action::PageDown => {
                        *selected = (*selected + 5).min(sentences.saturating_sub(1))
                    }
                    Action::Top => *selected = 0,
                    Action::Bottom => *selected = sentences.saturating_sub(1),
                    Action::Select if *cited_by => {
                        if let Some(index) = links.get(*link).and_then(|l| l.lesson) {
                            return Then::Push(Screen::Lesson {
                                index,
                                scroll: 0,
                                term: None,
                            });
                        }
                    }
                    Action::Back => return Then::Back,
                    _ => {}
                }
                // Moving to another sentence changes the links; start the list over.
                if !*cited_by {
                    *link = 0;
                }
            }
            Screen::Quiz(q) => match q.update(action, effects) {
                Next::Stay => {}
                Next::Source(id) => {
                    let selected = course
                        .sentences()
                        .iter()
                        .position(|s| s.id == id)
                        .unwrap_or(0);
                    return Then::Push(Screen::Source {
                        selected,
                        cited_by: false,
                        link: 0,
                    });
                }
                Next::Retry(questions) => {
                    let seed = q.seed;
                    **q = QuizState::new("Retry missed questions", seed, questions);
                }
                Next::Leave => return Then::Back,
                Next::AskLeave => return Then::Ask(Ask::LeaveQuiz),
            },
        }
        Then::Stay
    }

    fn open_menu(&mut self, choice: usize) {
        match MENU.get(choice).copied() {
            Some("Lessons") => self.screens.push(Screen::Lessons { selected: 0 }),
            Some("Practice quiz") => self.start_quiz("Practice quiz", Vec::new(), false),
            Some("Case drill") => self.start_quiz("Case drill", Vec::new(), true),
            Some("Source") => self.screens.push(Screen::Source {
                selected: 0,
                cited_by: false,
                link: 0,
            }),
            Some("Help") => self.overlay = Some(Overlay::Help),
            Some("Quit") => self.quit = true,
            _ => {}
        }
    }

    /// Starts a seeded quiz of [`QUIZ_LEN`] questions; the seed is shown on screen so the
    /// quiz can be taken again.
    fn start_quiz(&mut self, title: &str, lessons: Vec<String>, cases_only: bool) {
        let seed = self.next_seed;
        self.next_seed = self.next_seed.wrapping_add(1);
        self.open_quiz(
            title,
            QuizSpec {
                seed,
                count: QUIZ_LEN,
                lessons,
                cases_only,
            },
        );
    }

    /// Opens the quiz `spec` describes (e.g. from the command line) over the current screen.
    pub fn open_quiz(&mut self, title: &str, spec: QuizSpec) {
        let seed = spec.seed;
        let questions: Vec<Question> = quiz::draw(&self.course, &spec).unwrap_or_default();
        self.screens.push(Screen::Quiz(Box::new(QuizState::new(
            title, seed, questions,
        ))));
    }

    /// Goes back one screen, never past home.
    fn back(&mut self) {
        if self.screens.len() > 1 {
            self.screens.pop();
        }
    }
}
