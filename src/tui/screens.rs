//! Each screen's own response to an action. Anything that changes the screen stack is
//! returned as a [`Then`] for `App` to carry out.

use super::action::{Action, Effect};
use super::app::{App, Ask, MENU, Screen, Then};
use super::quiz::{Next, QuizState};
use std::sync::Arc;

impl App {
    /// Updates the current screen's own state; anything touching the stack is returned.
    pub(super) fn on_current(&mut self, action: Action, effects: &mut Vec<Effect>) -> Then {
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
                    effects.push(Effect::LessonOpened(course.lessons[*selected].id.clone()));
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
            Screen::Stats { scroll } => match action {
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Down => *scroll = scroll.saturating_add(1),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::PageDown => *scroll = scroll.saturating_add(10),
                Action::Top => *scroll = 0,
                Action::Bottom => *scroll = u16::MAX,
                Action::Back => return Then::Back,
                _ => {}
            },
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
                    **q = QuizState::new("Retry missed questions", q.seed, q.mode, questions);
                    effects.push(Effect::Shown);
                }
                Next::Leave => return Then::Back,
                Next::AskLeave => return Then::Ask(Ask::LeaveQuiz),
            },
        }
        Then::Stay
    }
}
