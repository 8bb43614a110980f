//! A question being asked (its feedback is drawn by [`super::feedback`]).

use crate::course::spec::ItemType;
use crate::quiz::Question;
use crate::session::Phase;
use crate::text::{letter, sanitize};
use crate::tui::app::App;
use crate::tui::quiz::QuizState;
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(app: &App, q: &QuizState, area: Rect, buf: &mut Buffer) {
    super::scrolled(lines(app, q, usize::from(area.width)), q.scroll, area, buf);
}

/// Every line of the open question or its feedback, wrapped at `width`.
pub fn lines(app: &App, q: &QuizState, width: usize) -> Vec<Line<'static>> {
    let Some(question) = q.session.question() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match q.session.phase() {
        Phase::Asking => asking(app, q, question, width, &mut out),
        Phase::Feedback => super::feedback::lines(app, q, question, width, &mut out),
        Phase::Done => {}
        Phase::Waiting | Phase::Held => out = super::paced::lines(app, q, question, width),
    }
    out
}

/// For a step of an unfolding case: which step it is, and the earlier steps' facts (the case
/// so far), indented, so that what happens next reads as a continuation.
fn case_so_far(app: &App, question: &Question, width: usize, out: &mut Vec<Line<'static>>) {
    let Some(step) = question.step() else {
        return;
    };
    let t = &app.theme;
    let heading = format!("Unfolding case · step {} of {}", step.number, step.of);
    out.push(Line::from(Span::styled(heading, t.heading())));
    if question.context.is_empty() {
        return;
    }
    out.push(Line::from(Span::styled("So far:", t.dim())));
    for fact in &question.context {
        out.extend(wrap::lines(&sanitize(fact), width, 2, t.dim(), &[]));
    }
    out.push(Line::from(Span::styled("Now:", t.dim())));
}

pub(super) fn stem(app: &App, question: &Question, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    case_so_far(app, question, width, out);
    if !question.stem.is_empty() {
        out.extend(wrap::lines(
            &sanitize(&question.stem),
            width,
            0,
            t.text(),
            &[],
        ));
        out.push(Line::default());
    }
    let lead_style = if question.kind == ItemType::Cloze {
        t.quote()
    } else {
        t.heading()
    };
    out.extend(wrap::lines(
        &sanitize(&question.lead_in),
        width,
        0,
        lead_style,
        &[],
    ));
    out.push(Line::default());
}

fn asking(
    app: &App,
    q: &QuizState,
    question: &Question,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = &app.theme;
    stem(app, question, width, out);
    let multi = question.kind == ItemType::MultiSelect;
    for (i, o) in question.options.iter().enumerate() {
        let here = i == q.cursor;
        let pointer = if here { "▸" } else { " " };
        let check = match (multi, q.marked.get(i).copied().unwrap_or(false)) {
            (false, _) => "",
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
        };
        let label = format!("{pointer} {check}{}) ", letter(i));
        let indent = label.chars().count();
        let style = if here { t.selected() } else { t.text() };
        let mut ls = wrap::lines(&sanitize(&o.text), width, indent, style, &[]);
        if let Some(first) = ls.first_mut() {
            first.spans[0] = Span::styled(label, if here { t.selected() } else { t.key() });
        }
        out.extend(ls);
    }
    if question.is_free_text() {
        out.push(Line::from(Span::styled("Your answer:", t.heading())));
        out.push(field_line(app, q, width));
    }
    if let Some(n) = &q.notice {
        out.push(Line::default());
        out.push(Line::from(Span::styled(n.clone(), t.notice())));
    }
}

/// The answer field with a block cursor drawn in the text (no terminal cursor needed).
fn field_line(app: &App, q: &QuizState, width: usize) -> Line<'static> {
    let t = &app.theme;
    let text: Vec<char> = q.field.text().chars().collect();
    let cursor = q.field.cursor().min(text.len());
    // Show the part of a long answer around the cursor.
    let room = width.saturating_sub(4).max(1);
    let start = cursor.saturating_sub(room.saturating_sub(1));
    let before: String = text[start..cursor].iter().collect();
    let at: String = text.get(cursor).map_or(" ".to_owned(), |c| c.to_string());
    let after: String = text
        .iter()
        .skip(cursor + 1)
        .take(room.saturating_sub(before.chars().count() + 1))
        .collect();
    Line::from(vec![
        Span::styled("> ", t.key()),
        Span::raw(before),
        Span::styled(at, t.selected()),
        Span::raw(after),
    ])
}
