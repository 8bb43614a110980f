//! The feedback right after an answer, as a full review of the question: right or wrong in
//! words, what was given, the question again with every option marked (your answer, correct
//! answer, not chosen; for multi-select also the right options missed) and its rationale,
//! the explanation, and the cited sentences with the supporting words highlighted.

use crate::grade::review::{self, Mark};
use crate::grade::text::DiffPart;
use crate::grade::{Answer, Outcome};
use crate::quiz::Question;
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::quiz::QuizState;
use crate::tui::wrap;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Every line of the feedback on `question`, wrapped at `width`.
pub fn lines(
    app: &App,
    q: &QuizState,
    question: &Question,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let Some(o) = q.session.outcome() else { return };
    verdict(app, q, question, o, width, out);
    out.push(Line::default());
    super::quiz::stem(app, question, width, out);
    let before = out.len();
    let class = q.class.as_ref();
    match q.session.answer_at(q.session.current()) {
        Some(answer) if !question.is_free_text() => {
            options(app, question, answer, class, width, out)
        }
        _ => typed(app, o, width, out),
    }
    if let Some(c) = class {
        out.push(Line::default());
        out.push(Line::from(Span::styled(
            super::paced::summary(c),
            app.theme.heading(),
        )));
    }
    if out.len() > before {
        out.push(Line::default());
    }
    let explanation = format!("Why: {}", sanitize(&o.explanation));
    out.extend(wrap::lines(&explanation, width, 0, app.theme.text(), &[]));
    out.push(Line::default());
    sources(app, q, question, o, width, out);
    out.push(Line::default());
    let next = if q.session.paced() {
        "The instructor opens the next question.".to_owned()
    } else {
        format!("Enter: {}", next(q))
    };
    out.push(Line::from(Span::styled(next, app.theme.dim())));
}

/// What Enter does next, in words the body and the footer both use.
pub fn next(q: &QuizState) -> String {
    let following = q.session.questions().get(q.session.current() + 1);
    match following.and_then(Question::step) {
        Some(s) if s.number > 1 => format!("the case goes on (step {} of {})", s.number, s.of),
        _ if following.is_some() => "next question".to_owned(),
        _ => "see the results".to_owned(),
    }
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
        // A paced question closes when the instructor says, whatever the clock.
        let why = if q.session.paced() {
            "⏱ Answers were closed before yours: recorded as unanswered."
        } else {
            "⏱ Time ran out: recorded as unanswered."
        };
        out.push(Line::from(Span::styled(why, t.wrong())));
    }
    let verdict = match (o.correct, o.typo) {
        (true, false) => Span::styled("✓ Correct.", t.correct()),
        (true, true) => Span::styled("✓ Correct (accepted with a typo).", t.correct()),
        (false, _) => Span::styled("✗ Incorrect.", t.wrong()),
    };
    out.push(Line::from(verdict));
    if let Some(given) = given(question, o, q.session.answer_at(q.session.current())) {
        out.extend(wrap::lines(&given, width, 0, t.text(), &[]));
    }
    if !o.correct || o.typo {
        let label = if o.typo { "Expected" } else { "Correct answer" };
        let expected = format!("{label}: {}", sanitize(&o.expected));
        out.extend(wrap::lines(&expected, width, 0, t.correct(), &[]));
    }
    if !o.diff.is_empty() {
        out.extend(diff_lines(app, &o.diff, width));
    }
    if let Some((hits, of, wrong)) = o.partial.filter(|_| !o.correct) {
        out.push(Line::from(review::partly(hits, of, wrong)));
    }
}

/// "You typed: …", or "You chose: …" for a wrong choice.
fn given(question: &Question, o: &Outcome, answer: Option<&Answer>) -> Option<String> {
    match answer {
        Some(Answer::Text(typed)) if !typed.trim().is_empty() => {
            Some(format!("You typed: {}", sanitize(typed.trim())))
        }
        Some(a @ Answer::Choices(c)) if !o.correct && !c.is_empty() => {
            let chosen = review::chosen(question, a).join("; ");
            Some(format!("You chose: {}", sanitize(&chosen)))
        }
        _ => None,
    }
}

/// Every option as shown, marked in words and by symbol, each with why it is right or wrong.
fn options(
    app: &App,
    question: &Question,
    answer: &Answer,
    class: Option<&crate::session::pace::ClassAnswers>,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = &app.theme;
    for o in review::options(question, answer) {
        let style = match o.mark {
            Mark::ChosenRight | Mark::Missed => t.correct(),
            Mark::ChosenWrong => t.wrong(),
            Mark::NotChosen => t.dim(),
        };
        let symbol = o.mark.symbol();
        let words = o.mark.words();
        let share = super::paced::share(class, o.index);
        let head = format!(
            "{symbol} {}) {} — {words}{share}",
            o.letter,
            sanitize(&o.choice.text)
        );
        let marks: [(Range<usize>, Style); 2] = [
            (0..symbol.len(), style),
            (
                head.len() - words.len() - share.len()..head.len() - share.len(),
                style,
            ),
        ];
        // Wrapped lines of a long option line up with its rationale, under the text.
        let mut ls = wrap::lines(&head, width, 4, t.text(), &marks);
        if let Some(first) = ls.first_mut() {
            first.spans[0] = Span::raw("");
        }
        out.extend(ls);
        // A true/false option has no rationale of its own: the Why line gives it.
        if !o.choice.why.trim().is_empty() {
            out.extend(wrap::lines(
                &sanitize(&o.choice.why),
                width,
                4,
                t.dim(),
                &[],
            ));
        }
    }
}

/// Why the typed answer is right or wrong (a known wrong answer has feedback of its own).
fn typed(app: &App, o: &Outcome, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
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
        let marks: Vec<(Range<usize>, Style)> = quotes
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

/// What the typed answer had that the expected one did not, and what it lacked, in words
/// (no diff brackets, which a screen reader reads out), each list also styled.
fn diff_lines(app: &App, diff: &[DiffPart], width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let words = |typed: bool| -> Vec<String> {
        diff.iter()
            .filter_map(|p| match (p, typed) {
                (DiffPart::Typed(s), true) | (DiffPart::Expected(s), false) => Some(sanitize(s)),
                _ => None,
            })
            .collect()
    };
    let mut text = String::new();
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    for (label, list, style) in [
        ("Not in the answer: ", words(true), t.diff_typed()),
        ("missing: ", words(false), t.diff_expected()),
    ] {
        if list.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str(label);
        let at = text.len();
        text.push_str(&list.join(", "));
        marks.push((at..text.len(), style));
    }
    wrap::lines(&text, width, 0, t.text(), &marks)
}
