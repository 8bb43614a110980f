//! Results of a quiz: the score, a breakdown by lesson, and the missed questions.

use crate::figures::{elapsed, percent_of, percent_text};
use crate::session::Session;
use crate::session::summary::{due_line, lesson_of, study_next};
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::quiz::QuizState;
use crate::tui::wrap;
use ratatui::text::{Line, Span};

pub fn lines(app: &App, q: &QuizState, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let s = &q.session;
    let total = s.first_try_count();
    let score = s.score();
    let pct = percent_text(percent_of(score as u64, total as u64));
    let seed = if s.reproducible() {
        format!("Seed {} · the same seed gives the same quiz", s.seed())
    } else {
        format!(
            "Seed {} · a one-off quiz: the seed alone does not make it again",
            s.seed()
        )
    };
    let mut out = vec![Line::from(Span::styled(
        format!("Score: {score} of {total} right ({pct})"),
        t.title(),
    ))];
    for line in summary(app, q) {
        out.extend(wrap::lines(&line, width, 2, t.text(), &[]));
    }
    out.extend(wrap::lines(&seed, width, 0, t.dim(), &[]));
    out.push(Line::default());
    out.push(Line::from(Span::styled("By lesson", t.heading())));
    out.extend(by_lesson(app, s));
    out.push(Line::default());
    missed(app, s, width, &mut out);
    if let Some(n) = &q.notice {
        out.push(Line::default());
        out.push(Line::from(Span::styled(n.clone(), t.notice())));
    }
    out
}

/// The session summary under the score: time taken, what is due next, what to study next.
fn summary(app: &App, q: &QuizState) -> Vec<String> {
    let s = &q.session;
    let mut out = Vec::new();
    if let Some(ms) = q.answering_ms {
        out.push(format!("Time: {} answering", elapsed(ms)));
    }
    if let Some(p) = app.progress.as_ref().filter(|p| p.unsaved.is_none()) {
        let due = due_line(p.summary.due, &p.states, p.now_ms);
        out.push(format!("{due} (Review on the home menu)"));
    }
    if let Some(n) = study_next(&app.course, s) {
        out.push(n.line(&app.course));
    }
    out
}

/// Per lesson with questions in the quiz: right of asked, as boxes.
fn by_lesson(app: &App, s: &Session) -> Vec<Line<'static>> {
    let right_at = |k: usize| s.outcome_at(k).is_some_and(|o| o.correct);
    let mut out = Vec::new();
    for (i, l) in app.course.lessons.iter().enumerate() {
        let of_lesson = |&k: &usize| lesson_of(&app.course, &s.questions()[k]) == Some(i);
        let first = |k: &usize| !s.again_at(*k);
        let mine: Vec<usize> = (0..s.questions().len())
            .filter(first)
            .filter(of_lesson)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let right = mine.iter().filter(|&&k| right_at(k)).count();
        let bar = format!("{}{}", "■".repeat(right), "□".repeat(mine.len() - right));
        let title = sanitize(&l.title);
        out.push(Line::from(format!(
            "  {right}/{} {bar}  {title}",
            mine.len()
        )));
    }
    out
}

/// The questions answered wrong or not at all, with their answers.
fn missed(app: &App, s: &Session, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let wrong = |&k: &usize| !s.again_at(k) && !s.outcome_at(k).is_some_and(|o| o.correct);
    let missed: Vec<usize> = (0..s.questions().len()).filter(wrong).collect();
    if missed.is_empty() {
        out.push(Line::from(Span::styled("✓ Nothing missed.", t.correct())));
        return;
    }
    out.push(Line::from(Span::styled(
        format!("Missed ({}) · press r to retry just these", missed.len()),
        t.heading(),
    )));
    for k in missed {
        let question = &s.questions()[k];
        let what = if question.stem.is_empty() {
            &question.lead_in
        } else {
            &question.stem
        };
        let what = super::clip(&sanitize(what), width.saturating_sub(12).max(10));
        let line = format!("✗ Q{}: {what}", s.number(k));
        out.extend(wrap::lines(&line, width, 2, t.text(), &[(0..3, t.wrong())]));
        if let Some(o) = s.outcome_at(k) {
            let again = s.second_try(k).map_or("", |right| {
                if right {
                    " · right when asked again"
                } else {
                    " · missed again"
                }
            });
            let answer = format!("answer: {}{again}", sanitize(&o.expected));
            out.extend(wrap::lines(&answer, width, 4, t.dim(), &[]));
        }
    }
}
