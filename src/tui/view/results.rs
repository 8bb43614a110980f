//! Results of a quiz: the score, a breakdown by lesson, and the missed questions.

use crate::course::Course;
use crate::quiz::{Origin, Question};
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::quiz::QuizState;
use crate::tui::wrap;
use ratatui::text::{Line, Span};

/// Index of the first lesson that lists the question's item or case template.
pub fn lesson_of(course: &Course, q: &Question) -> Option<usize> {
    course.lessons.iter().position(|l| match &q.origin {
        Origin::Item { id } => l.items.contains(id),
        Origin::Case { template, .. } => l.cases.contains(template),
    })
}

pub fn lines(app: &App, q: &QuizState, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let total = q.questions.len();
    let score = q.score();
    let pct = (score * 100).checked_div(total).unwrap_or(0);
    let mut out = vec![
        Line::from(Span::styled(
            format!("Score: {score} of {total} right ({pct}%)"),
            t.title(),
        )),
        Line::from(Span::styled(
            format!("Seed {} · the same seed gives the same quiz", q.seed),
            t.dim(),
        )),
        Line::default(),
        Line::from(Span::styled("By lesson", t.heading())),
    ];
    for (i, l) in app.course.lessons.iter().enumerate() {
        let mine: Vec<usize> = (0..total)
            .filter(|&k| lesson_of(&app.course, &q.questions[k]) == Some(i))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let right = mine
            .iter()
            .filter(|&&k| q.outcomes[k].as_ref().is_some_and(|o| o.correct))
            .count();
        let bar = format!("{}{}", "■".repeat(right), "□".repeat(mine.len() - right));
        out.push(Line::from(format!(
            "  {right}/{} {bar}  {}",
            mine.len(),
            sanitize(&l.title)
        )));
    }
    out.push(Line::default());
    let missed: Vec<usize> = (0..total)
        .filter(|&k| !q.outcomes[k].as_ref().is_some_and(|o| o.correct))
        .collect();
    if missed.is_empty() {
        out.push(Line::from(Span::styled("✓ Nothing missed.", t.correct())));
    } else {
        out.push(Line::from(Span::styled(
            format!("Missed ({}) · press r to retry just these", missed.len()),
            t.heading(),
        )));
        for k in missed {
            let question = &q.questions[k];
            let what = if question.stem.is_empty() {
                &question.lead_in
            } else {
                &question.stem
            };
            let what = super::clip(&sanitize(what), width.saturating_sub(12).max(10));
            out.extend(wrap::lines(
                &format!("✗ Q{}: {what}", k + 1),
                width,
                2,
                t.text(),
                &[(0..3, t.wrong())],
            ));
            if let Some(o) = &q.outcomes[k] {
                out.extend(wrap::lines(
                    &format!("answer: {}", sanitize(&o.expected)),
                    width,
                    4,
                    t.dim(),
                    &[],
                ));
            }
        }
    }
    if let Some(n) = &q.notice {
        out.push(Line::default());
        out.push(Line::from(Span::styled(n.clone(), t.notice())));
    }
    out
}
