//! The instructor's side of a paced drill: where the class is ([`Pace`]), changed by the
//! dashboard's `n`, `l` and `r`, and passed to every student's session on a watch channel;
//! at a reveal, with how the class answered, counted from the dashboard's registry.

use super::registry::{Registry, Student};
use crate::course::Course;
use crate::quiz::Question;
use crate::quiz::drill::{DrillId, DrillSpec};
use crate::session::pace::{ClassAnswers, Pace, PaceError, PaceUpdate};
use std::sync::Mutex;
use tokio::sync::watch;

/// One of the instructor's keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// `n`: open the next question.
    Next,
    /// `l`: lock the open question.
    Lock,
    /// `r`: reveal it.
    Reveal,
}

pub struct Pacer {
    pub drill: DrillId,
    course: std::sync::Arc<Course>,
    questions: Vec<Question>,
    time_limit: Option<u32>,
    /// When the open question opened, for the time left on the projector.
    opened: Mutex<Option<std::time::Instant>>,
    tx: watch::Sender<PaceUpdate>,
    /// One move at a time: a reveal counts the class and sends as one step.
    turn: Mutex<()>,
}

impl Pacer {
    /// The pacer of `spec`'s drill, waiting for its first question.
    pub fn new(course: &std::sync::Arc<Course>, spec: &DrillSpec) -> Pacer {
        let drill = spec.id(course);
        let update = PaceUpdate {
            drill: drill.clone(),
            pace: Pace::Waiting,
            class: None,
        };
        Pacer {
            drill,
            course: std::sync::Arc::clone(course),
            questions: spec.questions(course).unwrap_or_default(),
            time_limit: spec.time_limit,
            opened: Mutex::new(None),
            tx: watch::channel(update).0,
            turn: Mutex::new(()),
        }
    }

    /// Where the class is now, for a session that starts (a late joiner) or comes back.
    pub fn now(&self) -> PaceUpdate {
        self.tx.borrow().clone()
    }

    /// Each later move, for one student's session.
    pub fn subscribe(&self) -> watch::Receiver<PaceUpdate> {
        self.tx.subscribe()
    }

    /// Questions in the drill.
    pub fn count(&self) -> usize {
        self.questions.len()
    }

    /// Carries out the instructor's `m`; a reveal counts the class's answers in `registry`.
    /// The new place, or why the move does nothing.
    pub fn step(&self, m: Move, registry: &Registry) -> Result<Pace, PaceError> {
        let _turn = self.turn.lock().unwrap_or_else(|e| e.into_inner());
        let now = self.tx.borrow().pace;
        let next = match m {
            Move::Next => now.next(self.count())?,
            Move::Lock => now.lock()?,
            Move::Reveal => now.reveal()?,
        };
        let class = match next {
            Pace::Revealed(k) => Some(self.class(k, &registry.students())),
            _ => None,
        };
        registry.log.line(format_args!(
            "pace drill={} {next:?}{}",
            self.drill,
            class.as_ref().map_or(String::new(), |c| format!(
                " answered={} right={} present={}",
                c.answered, c.right, c.present
            ))
        ));
        if let Pace::Open(_) = next {
            *self.opened.lock().unwrap_or_else(|e| e.into_inner()) =
                Some(std::time::Instant::now());
        }
        self.tx.send_replace(PaceUpdate {
            drill: self.drill.clone(),
            pace: next,
            class,
        });
        registry.touch();
        Ok(next)
    }

    /// How the students in the drill answered question `k` so far.
    pub fn class(&self, k: usize, students: &[Student]) -> ClassAnswers {
        let options = self.questions.get(k).map_or(0, |q| q.options.len());
        // Present: connected, or gone after answering (the answer counts).
        let answers = students
            .iter()
            .filter_map(|s| {
                let p = s.paced.as_ref().filter(|p| p.drill == self.drill)?;
                let given = p.answers.get(k).and_then(Option::as_ref);
                (s.connected || given.is_some()).then_some(given)
            })
            .map(|given| given.map(|(a, right)| (a, *right)));
        ClassAnswers::count(k, options, answers)
    }

    /// Seconds left for the open question, when the drill has a time limit.
    pub fn seconds_left(&self) -> Option<u64> {
        let limit = u64::from(self.time_limit?);
        let opened = (*self.opened.lock().unwrap_or_else(|e| e.into_inner()))?;
        Some(limit.saturating_sub(opened.elapsed().as_secs()))
    }

    /// The text of source sentence `id`.
    pub fn sentence(&self, id: &str) -> Option<String> {
        self.course.sentence(id).map(|s| s.text.clone())
    }

    /// The question `k` as the class sees it.
    pub fn question(&self, k: usize) -> Option<&Question> {
        self.questions.get(k)
    }
}

/// The drill list `new` with the paced drill of `old` kept first: the class is paced through
/// it from the dashboard, so a reload cannot swap it mid-class (the rest may change). Also
/// the new first drill it kept out, when that differed.
pub fn keep_paced(
    old: &[DrillSpec],
    mut new: Vec<DrillSpec>,
) -> (Vec<DrillSpec>, Option<DrillSpec>) {
    let Some(paced) = old.iter().find(|d| d.paced) else {
        return (new, None);
    };
    match new.first_mut() {
        Some(first) if first == paced => (new, None),
        Some(first) => {
            let kept_out = std::mem::replace(first, paced.clone());
            (new, Some(kept_out))
        }
        None => {
            new.push(paced.clone());
            (new, None)
        }
    }
}

/// The student's answers in the paced drill they have open (anywhere in their stack).
pub fn answers(app: &crate::tui::App) -> Option<super::registry::PacedAnswers> {
    app.screens.iter().find_map(|screen| match screen {
        crate::tui::app::Screen::Quiz(q) if q.session.paced() => {
            let s = &q.session;
            Some(super::registry::PacedAnswers {
                drill: s.drill()?.id.clone(),
                answers: (0..s.questions().len())
                    .map(|k| Some((s.answer_at(k)?.clone(), s.outcome_at(k)?.correct)))
                    .collect(),
            })
        }
        _ => None,
    })
}

/// The instructor's move for a dashboard key.
pub fn key(code: ratatui::crossterm::event::KeyCode) -> Option<Move> {
    use ratatui::crossterm::event::KeyCode::Char;
    match code {
        Char('n') => Some(Move::Next),
        Char('l') => Some(Move::Lock),
        Char('r') => Some(Move::Reveal),
        _ => None,
    }
}

/// The dashboard's lines on the paced drill: where the class is, and the answers to the
/// open question so far (per option, with the key marked once revealed).
pub fn panel(p: &Pacer, students: &[Student]) -> Vec<ratatui::text::Line<'static>> {
    let now = p.now();
    let count = p.count();
    let place = match now.pace {
        Pace::Waiting => format!("waiting to open question 1 of {count}"),
        Pace::Open(k) => format!("question {} of {count} open", k + 1),
        Pace::Locked(k) => format!("question {} of {count} locked", k + 1),
        Pace::Revealed(k) => format!("question {} of {count} revealed", k + 1),
        Pace::Finished => "finished: every question revealed".to_owned(),
    };
    let mut lines = vec![ratatui::text::Line::raw(format!(
        "paced drill {} · {place}",
        p.drill
    ))];
    if let Some(k) = now.pace.question() {
        let c = p.class(k, students);
        let revealed = matches!(now.pace, Pace::Revealed(_));
        let key = p.question(k).map(Question::key).unwrap_or_default();
        let options: Vec<String> = c
            .chose
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let mark = if revealed && key.contains(&i) {
                    "✓"
                } else {
                    ""
                };
                format!("{}{mark} {n}", crate::text::letter(i))
            })
            .collect();
        lines.push(ratatui::text::Line::raw(format!(
            "answered {} of {} · {}",
            c.answered,
            c.present,
            options.join(" · ")
        )));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drill(seed: u64, paced: bool) -> DrillSpec {
        DrillSpec {
            seed,
            count: 3,
            paced,
            ..DrillSpec::default()
        }
    }

    #[test]
    fn a_reload_keeps_the_paced_drill_and_takes_the_rest() {
        let old = [drill(1, true), drill(2, false)];
        let (kept, out) = keep_paced(&old, vec![drill(9, true), drill(3, false)]);
        assert_eq!(kept, vec![drill(1, true), drill(3, false)]);
        assert_eq!(out, Some(drill(9, true)));
        let (same, out) = keep_paced(&old, vec![drill(1, true)]);
        assert_eq!((same, out), (vec![drill(1, true)], None));
        let unpaced = [drill(1, false)];
        let (free, out) = keep_paced(&unpaced, vec![drill(5, false)]);
        assert_eq!((free, out), (vec![drill(5, false)], None));
    }
}
