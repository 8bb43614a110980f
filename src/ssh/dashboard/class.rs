//! The class view of the dashboard (`c`): for each class drill, every question's facility
//! (share right of first tries, a timeout counting as wrong, as the report counts it) and
//! every source sentence's, from the students who joined, whether still connected or not;
//! sorted in drill order or hardest first (`s`).

use super::super::registry::{Mark, Student};
use crate::figures::{percent_of, percent_text};
use crate::quiz::Question;
use crate::quiz::draw::primary;
use crate::quiz::drill::DrillId;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

/// A class drill as the dashboard knows it.
#[derive(Debug, Clone)]
pub struct ClassDrill {
    pub id: DrillId,
    /// e.g. `seed 7`.
    pub label: String,
    pub questions: Vec<Question>,
}

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    #[default]
    Drill,
    HardestFirst,
}

impl Order {
    pub fn toggled(self) -> Order {
        match self {
            Order::Drill => Order::HardestFirst,
            Order::HardestFirst => Order::Drill,
        }
    }
}

/// Right, answered (timeouts included) and timed out, summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    right: u64,
    answered: u64,
    timed_out: u64,
}

impl Tally {
    fn add(&mut self, m: Mark) {
        self.right += u64::from(m == Mark::Right);
        self.answered += u64::from(m != Mark::Open);
        self.timed_out += u64::from(m == Mark::TimedOut);
    }

    /// Facility in whole percent; `None` before any answer.
    fn facility(self) -> Option<u64> {
        percent_of(self.right, self.answered)
    }

    fn cells(self) -> String {
        format!(
            "{:>9} {:>6} {:>9}",
            percent_text(self.facility()),
            format!("{}/{}", self.right, self.answered),
            self.timed_out
        )
    }
}

/// The class view's lines for every drill.
pub fn lines(drills: &[ClassDrill], students: &[Student], order: Order) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    for d in drills {
        let marks: Vec<&[Mark]> = students
            .iter()
            .filter_map(|s| s.drills.iter().find(|m| m.id == d.id))
            .map(|m| m.marks.as_slice())
            .collect();
        out.push(Line::styled(
            format!("Drill {} ({}) · {} students", d.label, d.id, marks.len()),
            bold,
        ));
        let per_question: Vec<(String, Tally)> = (0..d.questions.len())
            .map(|k| {
                let mut t = Tally::default();
                marks
                    .iter()
                    .filter_map(|m| m.get(k))
                    .for_each(|&m| t.add(m));
                let sentence = primary(&d.questions[k]).unwrap_or("");
                (format!("Q{:<3} {sentence:<4}", k + 1), t)
            })
            .collect();
        out.push(Line::styled(
            format!("{:<9} facility  right timed out", "question"),
            bold,
        ));
        out.extend(rows(per_question.clone(), order));
        let mut per_sentence: Vec<(String, Tally)> = Vec::new();
        for (k, q) in d.questions.iter().enumerate() {
            let Some(s) = primary(q) else { continue };
            let t = per_question[k].1;
            match per_sentence.iter_mut().find(|(id, _)| id == s) {
                Some((_, sum)) => {
                    sum.right += t.right;
                    sum.answered += t.answered;
                    sum.timed_out += t.timed_out;
                }
                None => per_sentence.push((s.to_owned(), t)),
            }
        }
        out.push(Line::styled(
            format!("{:<9} facility  right timed out", "sentence"),
            bold,
        ));
        out.extend(rows(per_sentence, order));
        out.push(Line::default());
    }
    out
}

/// The rows in `order`: as given, or lowest facility first (unanswered last).
fn rows(mut rows: Vec<(String, Tally)>, order: Order) -> Vec<Line<'static>> {
    if order == Order::HardestFirst {
        rows.sort_by_key(|(_, t)| t.facility().unwrap_or(u64::MAX));
    }
    rows.into_iter()
        .map(|(name, t)| Line::raw(format!("{name:<9} {}", t.cells())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;
    use crate::quiz::drill::DrillSpec;
    use crate::ssh::registry::DrillMarks;

    fn student(name: &str, id: &DrillId, marks: Vec<Mark>, connected: bool) -> Student {
        Student {
            id: 0,
            user: name.into(),
            addr: "127.0.0.1:1".parse().expect("addr"),
            since: std::time::Instant::now(),
            place: String::new(),
            answered: 0,
            right: 0,
            quiz: None,
            connected,
            drills: vec![DrillMarks {
                id: id.clone(),
                marks,
            }],
            paced: None,
        }
    }

    #[test]
    fn facility_counts_first_tries_of_everyone_who_joined_with_timeouts_as_wrong() {
        let course = Course::embedded().expect("course");
        let spec = DrillSpec {
            seed: 5,
            count: 3,
            ..DrillSpec::default()
        };
        let drill = ClassDrill {
            id: spec.id(&course),
            label: "seed 5".into(),
            questions: spec.questions(&course).expect("questions"),
        };
        use Mark::{Open, Right, TimedOut, Wrong};
        let students = [
            student("ann", &drill.id, vec![Right, Wrong, Open], true),
            student("ben", &drill.id, vec![Right, TimedOut, Open], false),
            student("cat", &drill.id, vec![Wrong, Right, Open], true),
        ];
        let text = |order| -> Vec<String> {
            lines(std::slice::from_ref(&drill), &students, order)
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        let drill_order = text(Order::Drill);
        assert!(drill_order[0].contains("3 students"), "{drill_order:?}");
        let q = |n: usize| drill_order[1 + n].clone();
        assert!(q(1).starts_with("Q1") && q(1).contains("67%") && q(1).contains("2/3"));
        assert!(q(2).contains("33%") && q(2).contains("1/3") && q(2).ends_with('1'));
        assert!(q(3).contains('—') && q(3).contains("0/0"), "{}", q(3));
        let hardest = text(Order::HardestFirst);
        assert!(
            hardest[2].starts_with("Q2"),
            "lowest facility first: {hardest:?}"
        );
        assert!(hardest[4].starts_with("Q3"), "unanswered last: {hardest:?}");
    }
}
