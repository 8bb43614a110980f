//! Each screen's own response to an action. Anything that changes the screen stack is
//! returned as a [`Then`] for `App` to carry out.

use super::action::{Action, Effect};
use super::app::{App, Ask, MENU, Screen, Then, Try};
use super::quiz::{Next, QuizState};
use crate::course::Course;
use crate::course::cited::CitedBy;
use std::sync::Arc;

impl App {
    /// Updates the current screen's own state; anything touching the stack is returned.
    pub(super) fn on_current(&mut self, action: Action, effects: &mut Vec<Effect>) -> Then {
        let course = Arc::clone(&self.course);
        match self.screen_mut() {
            Screen::Home { selected } => home(selected, action),
            Screen::Lessons { selected } => lessons(&course, selected, action, effects),
            Screen::Lesson {
                index,
                scroll,
                term,
            } => {
                let before = *index;
                let then = lesson(&course, index, scroll, term, action);
                // A lesson reached with n/p or the arrows is read as much as one opened.
                if *index != before {
                    effects.push(Effect::LessonOpened(course.lessons[*index].id.clone()));
                }
                then
            }
            Screen::Source {
                selected,
                cited_by,
                link,
            } => source(&course, selected, cited_by, link, action),
            Screen::Stats { scroll } => scrolled(scroll, action),
            Screen::NothingDue(_) => match action {
                Action::Select => Then::PractiseWeakest,
                Action::Back => Then::Back,
                _ => Then::Stay,
            },
            Screen::Quiz(q) => quiz(&course, q, action, effects),
        }
    }
}

/// A position in a list of `len` entries moved by `action`; `None` when it does not move it.
fn moved(at: usize, len: usize, step: usize, action: &Action) -> Option<usize> {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => Some(at.saturating_sub(1)),
        Action::Down => Some((at + 1).min(last)),
        Action::PageUp => Some(at.saturating_sub(step)),
        Action::PageDown => Some((at + step).min(last)),
        Action::Top => Some(0),
        Action::Bottom => Some(last),
        _ => None,
    }
}

fn home(selected: &mut usize, action: Action) -> Then {
    match action {
        Action::Select => return Then::Menu(*selected),
        Action::PageUp | Action::PageDown => {}
        action => *selected = moved(*selected, MENU.len(), 1, &action).unwrap_or(*selected),
    }
    Then::Stay
}

fn lessons(
    course: &Course,
    selected: &mut usize,
    action: Action,
    effects: &mut Vec<Effect>,
) -> Then {
    let n = course.lessons.len();
    match action {
        Action::Select if n > 0 => {
            effects.push(Effect::LessonOpened(course.lessons[*selected].id.clone()));
            Then::Push(Screen::Lesson {
                index: *selected,
                scroll: 0,
                term: None,
            })
        }
        Action::Back => Then::Back,
        Action::PageUp | Action::PageDown => Then::Stay,
        action => {
            *selected = moved(*selected, n, 1, &action).unwrap_or(*selected);
            Then::Stay
        }
    }
}

/// A scrolling body (statistics, a lesson): lines and pages; the view keeps the offset within
/// the content when it draws.
fn scrolled(scroll: &mut u16, action: Action) -> Then {
    *scroll = match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(10),
        Action::PageDown => scroll.saturating_add(10),
        Action::Top => 0,
        Action::Bottom => u16::MAX,
        Action::Back => return Then::Back,
        _ => *scroll,
    };
    Then::Stay
}

fn lesson(
    course: &Course,
    index: &mut usize,
    scroll: &mut u16,
    term: &mut Option<usize>,
    action: Action,
) -> Then {
    match action {
        Action::Right if *index + 1 < course.lessons.len() => {
            (*index, *scroll, *term) = (*index + 1, 0, None)
        }
        Action::Left if *index > 0 => (*index, *scroll, *term) = (*index - 1, 0, None),
        Action::NextTerm => {
            let n = course.lesson_terms(*index).len();
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
        action => return scrolled(scroll, action),
    }
    Then::Stay
}

fn source(
    course: &Course,
    selected: &mut usize,
    cited_by: &mut bool,
    link: &mut usize,
    action: Action,
) -> Then {
    let links = course.cited_by(*selected);
    match action {
        Action::NextPane => {
            *cited_by = !*cited_by && !links.is_empty();
            *link = 0;
        }
        Action::Select if *cited_by => return links.get(*link).map_or(Then::Stay, open_cited),
        Action::Back => return Then::Back,
        // In the list, moving keys move in the list; else from sentence to sentence.
        action if *cited_by => *link = moved(*link, links.len(), 5, &action).unwrap_or(*link),
        action => {
            let n = course.sentences().len();
            *selected = moved(*selected, n, 5, &action).unwrap_or(*selected);
        }
    }
    // Moving to another sentence changes the links; start the list over.
    if !*cited_by {
        *link = 0;
    }
    Then::Stay
}

/// Enter on an entry of the "Cited by" list: read the lesson, or try the item or the case.
fn open_cited(c: &CitedBy<'_>) -> Then {
    match c {
        CitedBy::Lesson { index, .. } => Then::Push(Screen::Lesson {
            index: *index,
            scroll: 0,
            term: None,
        }),
        CitedBy::Item(item) => Then::Try(Try::Item(item.id.clone())),
        CitedBy::Case(t) => Then::Try(Try::Case(t.id.clone())),
    }
}

fn quiz(course: &Course, q: &mut QuizState, action: Action, effects: &mut Vec<Effect>) -> Then {
    match q.update(action, effects) {
        Next::Stay => Then::Stay,
        Next::Source(id) => {
            let mut sentences = course.sentences().iter();
            let selected = sentences.position(|s| s.id == id).unwrap_or(0);
            Then::Push(Screen::Source {
                selected,
                cited_by: false,
                link: 0,
            })
        }
        Next::Leave => Then::Back,
        Next::AskLeave => Then::Ask(Ask::LeaveQuiz),
        Next::Retry => {
            q.retry(course, effects);
            Then::Stay
        }
    }
}
