//! A paced drill while the student waits for the instructor: before a question opens, and
//! with the answer in (or the question closed) until the reveal; and the class's answers
//! beside each option once revealed.

use crate::figures::{percent_of, percent_text};
use crate::quiz::Question;
use crate::session::Phase;
use crate::session::pace::ClassAnswers;
use crate::text::{letter, sanitize};
use crate::tui::app::App;
use crate::tui::quiz::QuizState;
use crate::tui::wrap;
use ratatui::text::Line;

/// The lines of a waiting paced drill.
pub fn lines(app: &App, q: &QuizState, question: &Question, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let s = &q.session;
    let mut out = Vec::new();
    if s.phase() == Phase::Waiting {
        let what = if s.answered() == 0 {
            "Waiting for the instructor to open the first question.".to_owned()
        } else {
            "Waiting for the instructor to open the next question.".to_owned()
        };
        out.extend(wrap::lines(&what, width, 0, t.title(), &[]));
        out.push(Line::default());
        out.extend(wrap::lines(
            "The questions come one at a time, for the whole class at once. Stay on this screen.",
            width,
            0,
            t.dim(),
            &[],
        ));
        return out;
    }
    super::quiz::stem(app, question, width, &mut out);
    let chosen = match s.answer_at(s.current()) {
        Some(crate::grade::Answer::Choices(c)) => c.clone(),
        _ => Vec::new(),
    };
    for (i, o) in question.options.iter().enumerate() {
        let mark = if chosen.contains(&i) { "▸" } else { " " };
        let label = format!("{mark} {}) ", letter(i));
        let mut ls = wrap::lines(
            &sanitize(&o.text),
            width,
            label.chars().count(),
            t.text(),
            &[],
        );
        if let Some(first) = ls.first_mut() {
            first.spans[0] = ratatui::text::Span::styled(label, t.key());
        }
        out.extend(ls);
    }
    out.push(Line::default());
    let said = if s.timed_out_at(s.current()) {
        "Answers are closed: you did not answer this one.".to_owned()
    } else {
        let given = s.answer_at(s.current()).map_or(String::new(), |a| match a {
            crate::grade::Answer::Text(text) => format!(": {}", sanitize(text)),
            crate::grade::Answer::Choices(c) => {
                let letters: Vec<String> = c.iter().map(|&i| letter(i).to_string()).collect();
                format!(": {}", letters.join(", "))
            }
        });
        format!("Your answer is in{given}.")
    };
    out.extend(wrap::lines(&said, width, 0, t.heading(), &[]));
    out.extend(wrap::lines(
        "Waiting for the instructor to reveal the answer.",
        width,
        0,
        t.dim(),
        &[],
    ));
    out
}

/// ` · 4 of 9 chose it (44%)`: the class's share for option `i`, once revealed.
pub fn share(class: Option<&ClassAnswers>, i: usize) -> String {
    let Some(c) = class else {
        return String::new();
    };
    let n = c.chose.get(i).copied().unwrap_or(0);
    let p = percent_text(percent_of(u64::from(n), u64::from(c.answered)));
    format!(" · class: {n} of {} ({p})", c.answered)
}

/// `Class: 7 of 9 answered, 5 right (71%)`.
pub fn summary(class: &ClassAnswers) -> String {
    let p = percent_text(percent_of(
        u64::from(class.right),
        u64::from(class.answered),
    ));
    format!(
        "Class: {} of {} answered, {} right ({p})",
        class.answered, class.present, class.right
    )
}
