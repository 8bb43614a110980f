//! Opening screens and quizzes from the home menu, the command line, a resumed session or
//! the source view's "Cited by" list.

use super::action::Effect;
use super::app::{App, Overlay, QUIZ_LEN, Screen, Try};
use super::menu::{MENU, MenuEntry};
use super::quiz::QuizState;
use crate::quiz::{self, Question, QuizSpec};
use crate::session::Session;
use crate::store::Mode;

impl App {
    pub(super) fn open_menu(&mut self, choice: usize, effects: &mut Vec<Effect>) {
        let Some(&entry) = MENU.get(choice) else {
            return;
        };
        let a_quiz = matches!(
            entry,
            MenuEntry::PracticeQuiz | MenuEntry::CaseDrill | MenuEntry::Review
        );
        // A quiz left unfinished is offered first; declining it opens the one chosen.
        if a_quiz && self.pending_resume.is_some() {
            self.then_open = Some(entry);
            self.overlay = Some(super::app::Overlay::Confirm(super::app::Ask::Resume));
            return;
        }
        self.open_entry(entry, effects);
    }

    /// Opens menu `entry`'s screen or quiz.
    pub(super) fn open_entry(&mut self, entry: MenuEntry, effects: &mut Vec<Effect>) {
        match entry {
            MenuEntry::Lessons => {
                // The list shows what is read and how each lesson's questions went.
                self.screens.push(Screen::Lessons { selected: 0 });
                effects.push(Effect::NeedStats);
            }
            MenuEntry::PracticeQuiz => self.start_quiz(entry.label(), Vec::new(), false, effects),
            MenuEntry::CaseDrill => self.start_quiz(entry.label(), Vec::new(), true, effects),
            MenuEntry::Review => self.choose_review(effects),
            MenuEntry::Statistics => {
                self.screens.push(Screen::Stats { scroll: 0 });
                effects.push(Effect::NeedStats);
            }
            MenuEntry::Source => self.screens.push(Screen::Source {
                selected: 0,
                cited_by: false,
                link: 0,
            }),
            MenuEntry::Help => self.overlay = Some(Overlay::Help),
            MenuEntry::Quit => self.quit = true,
        }
    }

    /// Starts a seeded quiz of [`QUIZ_LEN`] questions; the seed is shown on screen so the
    /// quiz can be taken again.
    pub(super) fn start_quiz(
        &mut self,
        title: &str,
        lessons: Vec<String>,
        cases_only: bool,
        effects: &mut Vec<Effect>,
    ) {
        let seed = self.take_seed();
        self.open_quiz(
            title,
            QuizSpec {
                seed,
                count: QUIZ_LEN,
                lessons,
                cases_only,
            },
        );
        effects.push(Effect::Shown);
    }

    pub(super) fn take_seed(&mut self) -> u64 {
        let seed = self.next_seed;
        self.next_seed = self.next_seed.wrapping_add(1);
        seed
    }

    /// Opens a classroom drill over the current screen.
    pub fn open_drill(&mut self, spec: &crate::quiz::drill::DrillSpec) {
        let questions = spec.questions(&self.course).unwrap_or_default();
        let session = Session::for_drill(&self.course, spec, questions);
        self.open_session(session);
    }

    /// Puts `session` on screen over the current screen.
    fn open_session(&mut self, session: Session) {
        self.screens
            .push(Screen::Quiz(Box::new(QuizState::new(session))));
    }

    /// Puts a saved drill in the place of the same drill opened fresh (none open: ignored).
    pub(super) fn resume_drill(&mut self, saved: Session) {
        let id = saved.drill().map(|d| &d.id);
        let open = self
            .screens
            .iter_mut()
            .find(|s| matches!(s, Screen::Quiz(q) if q.session.drill().map(|d| &d.id) == id));
        if let Some(screen) = open {
            *screen = Screen::Quiz(Box::new(QuizState::new(saved)));
        }
    }

    /// Opens the quiz `spec` describes (e.g. from the command line) over the current screen.
    pub fn open_quiz(&mut self, title: &str, spec: QuizSpec) {
        let seed = spec.seed;
        let questions: Vec<Question> = quiz::draw(&self.course, &spec).unwrap_or_default();
        self.open_session(Session::new(title, seed, Mode::Practice, questions));
    }

    /// A practice quiz of one entry of the source view's "Cited by" list: the item as one
    /// question, or one freshly generated case of the template (every step of an unfolding
    /// case). Esc, or Enter on its results, comes back to the source view.
    pub(super) fn try_cited(&mut self, what: Try, effects: &mut Vec<Effect>) {
        let seed = self.take_seed();
        let course = std::sync::Arc::clone(&self.course);
        let (title, questions) = match what {
            Try::Item(id) => {
                let Some(item) = course.item(&id) else { return };
                let question = quiz::from_item_seeded(&course, item, seed);
                ("Question from the source", Ok(vec![question]))
            }
            Try::Case(id) => {
                let Some(t) = course.case_template(&id) else {
                    return;
                };
                ("Case from the source", quiz::generate(t, seed))
            }
        };
        match questions {
            Ok(questions) => {
                let session = Session::new(title, seed, Mode::Practice, questions).one_off();
                self.open_session(session);
                effects.push(Effect::Shown);
            }
            Err(e) => self.notice = Some(format!("This case could not be made: {e}")),
        }
    }
}
