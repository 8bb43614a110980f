//! A question being asked, and the feedback right after the answer: ✓/✗ in words, the key,
//! why each chosen option is right or wrong, and the cited sentences with the quoted span
//! highlighted.

use crate::course::spec::ItemType;
use crate::grade::text::DiffPart;
use crate::grade::{Answer, Outcome};
use crate::quiz::Question;
use crate::session::Phase;
use crate::text::{letter, sanitize};
use crate::tui::app::App;
use crate::tui::quiz::QuizState;
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
        Phase::Feedback => feedback(app, q, question, width, &mut out),
        Phase::Done => {}
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

fn stem(app: &App, question: &Question, width: usize, out: &mut Vec<Line<'static>>) {
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

fn feedback(
    app: &App,
    q: &QuizState,
    question: &Question,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let Some(o) = q.session.outcome() else { return };
    verdict(app, q, question, o, width, out);
    out.push(Line::default());
    why(app, o, width, out);
    out.push(Line::default());
    sources(app, q, question, o, width, out);
    out.push(Line::default());
    let following = q.session.questions().get(q.session.current() + 1);
    let next = match following.and_then(Question::step) {
        Some(s) if s.number > 1 => {
            format!("Enter: the case goes on (step {} of {})", s.number, s.of)
        }
        _ if following.is_some() => "Enter: next question".to_owned(),
        _ => "Enter: see the results".to_owned(),
    };
    out.push(Line::from(Span::styled(next, app.theme.dim())));
}

/// Right or wrong in words, what was given, the expected answer and any partial credit.
fn verdict(
    app: &App,
    q: &QuizState,
    question: &Question,
    o: &Outcome,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = &app.theme;
    if q.session.timed_out_at(q.session.current()) {
        out.push(Line::from(Span::styled(
            "⏱ Time ran out: recorded as unanswered.",
            t.wrong(),
        )));
    }
    let verdict = match (o.correct, o.typo) {
        (true, false) => Span::styled("✓ Correct.", t.correct()),
        (true, true) => Span::styled("✓ Correct (accepted with a typo).", t.correct()),
        (false, _) => Span::styled("✗ Incorrect.", t.wrong()),
    };
    out.push(Line::from(verdict));
    let given = match q.session.answer_at(q.session.current()) {
        Some(Answer::Text(typed)) if !typed.trim().is_empty() => {
            Some(format!("You typed: {}", sanitize(typed.trim())))
        }
        Some(Answer::Choices(c)) if !o.correct && !c.is_empty() => {
            let shown = |&i: &usize| {
                let option = question.options.get(i)?;
                Some(format!("{}) {}", letter(i), option.text))
            };
            let chosen: Vec<String> = c.iter().filter_map(shown).collect();
            Some(format!("You chose: {}", sanitize(&chosen.join("; "))))
        }
        _ => None,
    };
    if let Some(given) = given {
        out.extend(wrap::lines(&given, width, 0, t.text(), &[]));
    }
    if !o.correct || o.typo {
        let label = if o.typo { "Expected" } else { "Correct answer" };
        let expected = format!("{label}: {}", sanitize(&o.expected));
        out.extend(wrap::lines(&expected, width, 0, t.correct(), &[]));
    }
    if !o.diff.is_empty() {
        out.push(diff_line(app, &o.diff));
    }
    if let Some((hits, of, wrong)) = o.partial.filter(|_| !o.correct) {
        out.push(Line::from(format!(
            "Partly right: {hits} of {of} correct options, and {wrong} wrong."
        )));
    }
}

/// The explanation, then why each chosen option (and the key) is right or wrong.
fn why(app: &App, o: &Outcome, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let explanation = format!("Why: {}", sanitize(&o.explanation));
    out.extend(wrap::lines(&explanation, width, 0, t.text(), &[]));
    for f in &o.feedback {
        let (mark, style) = if f.correct {
            ("✓", t.correct())
        } else {
            ("✗", t.wrong())
        };
        let text = format!("{mark} {}: {}", sanitize(&f.label), sanitize(&f.why));
        let head = mark.len() + 1 + sanitize(&f.label).len() + 1;
        out.extend(wrap::lines(&text, width, 2, t.text(), &[(0..head, style)]));
    }
}

/// The cited sentences, quoted spans highlighted, the one `s` opens marked.
fn sources(
    app: &App,
    q: &QuizState,
    question: &Question,
    o: &Outcome,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = &app.theme;
    out.push(Line::from(Span::styled(
        "Source (Tab: next sentence · s: open in the source view)",
        t.heading(),
    )));
    for (i, id) in o.cites.iter().enumerate() {
        let Some(s) = app.course.sentence(id) else {
            continue;
        };
        let text = sanitize(&s.text);
        let quotes = question.quotes.iter().filter(|qt| &qt.sentence == id);
        let marks: Vec<(std::ops::Range<usize>, Style)> = quotes
            .filter_map(|qt| {
                let at = text.find(qt.text.as_str())?;
                Some((at..at + qt.text.len(), t.highlight()))
            })
            .collect();
        let mut ls = wrap::lines(&text, width, 6, t.quote(), &marks);
        if let Some(first) = ls.first_mut() {
            let pointer = if i == q.cite { "▸" } else { " " };
            first.spans[0] = Span::styled(format!("{pointer} {:<4}", sanitize(id)), t.key());
        }
        out.extend(ls);
    }
}

/// `typed` words struck through, expected words underlined, both also bracketed in words so
/// the diff reads without colour.
fn diff_line(app: &App, diff: &[DiffPart]) -> Line<'static> {
    let t = &app.theme;
    let mut spans = vec![Span::raw("Typed vs expected: ")];
    for part in diff {
        spans.push(match part {
            DiffPart::Same(s) => Span::raw(format!("{} ", sanitize(s))),
            DiffPart::Typed(s) => Span::styled(format!("[-{}-] ", sanitize(s)), t.diff_typed()),
            DiffPart::Expected(s) => {
                Span::styled(format!("{{+{}+}} ", sanitize(s)), t.diff_expected())
            }
        });
    }
    Line::from(spans)
}
