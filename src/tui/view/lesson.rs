//! The lesson reader: objectives, the course's explanation, the source sentences as quotes
//! with glossary terms marked, key points, the glossary entry on demand, and "check yourself".

use crate::course::spec::{LessonSpec, TermSpec};
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::wrap;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Byte ranges where `term` occurs in `text`, ignoring ASCII case (offsets stay valid).
fn occurrences(text: &str, term: &str) -> Vec<Range<usize>> {
    if term.is_empty() {
        return Vec::new();
    }
    let hay = text.to_ascii_lowercase();
    let needle = term.to_ascii_lowercase();
    hay.match_indices(&needle)
        .map(|(i, m)| i..i + m.len())
        .collect()
}

fn heading(app: &App, text: &str) -> [Line<'static>; 2] {
    [
        Line::default(),
        Line::from(Span::styled(text.to_owned(), app.theme.heading())),
    ]
}

/// Every line of lesson `index` wrapped at `width`; `term` is the glossary term opened.
pub fn lines(app: &App, index: usize, term: Option<usize>, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let course = &app.course;
    let Some(l) = course.lessons.get(index) else {
        return Vec::new();
    };
    let terms = course.lesson_terms(index);
    let open = term.and_then(|i| terms.get(i)).copied();
    let mut out = vec![Line::from(Span::styled(sanitize(&l.title), t.title()))];
    out.extend(heading(app, "Objectives"));
    for o in &l.objectives {
        let objective = format!("• {}", sanitize(&o.text));
        out.extend(wrap::lines(&objective, width, 2, t.text(), &[]));
    }
    out.push(Line::default());
    out.extend(wrap::lines(&sanitize(&l.body), width, 0, t.text(), &[]));
    out.extend(heading(app, "From the source"));
    source(app, l, &terms, open, width, &mut out);
    out.extend(heading(app, "Key points"));
    for k in &l.key_points {
        let cites = sanitize(&k.cites.join(", "));
        let text = format!("• {} [{cites}]", sanitize(&k.text));
        out.extend(wrap::lines(&text, width, 2, t.text(), &[]));
    }
    out.extend(heading(app, "Glossary"));
    glossary(app, &terms, open, width, &mut out);
    out.extend(heading(app, "Check yourself"));
    check_yourself(app, index, width, &mut out);
    out
}

/// The lesson's source sentences, glossary terms underlined and the open one highlighted.
fn source(
    app: &App,
    l: &LessonSpec,
    terms: &[&TermSpec],
    open: Option<&TermSpec>,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = &app.theme;
    for s in l.sentences.iter().filter_map(|id| app.course.sentence(id)) {
        let text = sanitize(&s.text);
        let underlined = terms.iter().flat_map(|g| occurrences(&text, &g.term));
        let mut marks: Vec<(Range<usize>, Style)> = underlined.map(|r| (r, t.term())).collect();
        if let Some(g) = open {
            let opened = occurrences(&text, &g.term).into_iter();
            marks.extend(opened.map(|r| (r, t.highlight())));
        }
        let mut quoted = wrap::lines(&text, width, 6, t.quote(), &marks);
        if let Some(first) = quoted.first_mut() {
            first.spans[0] = Span::styled(format!("{:<6}", sanitize(&s.id)), t.key());
        }
        out.extend(quoted);
        out.push(Line::default());
    }
}

/// The lesson's glossary terms, and the open term's definition.
fn glossary(
    app: &App,
    terms: &[&TermSpec],
    open: Option<&TermSpec>,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = &app.theme;
    if terms.is_empty() {
        let none = Span::styled("No glossary terms in this lesson.", t.dim());
        out.push(Line::from(none));
        return;
    }
    let names: Vec<String> = terms.iter().map(|g| sanitize(&g.term)).collect();
    let list = format!(
        "Underlined in the text: {}. Press t for the next term.",
        names.join(", ")
    );
    out.extend(wrap::lines(&list, width, 0, t.dim(), &[]));
    if let Some(g) = open {
        let entry = format!("▸ {}: {}", sanitize(&g.term), sanitize(&g.definition));
        let term_end = 4 + sanitize(&g.term).len();
        let marks = [(0..term_end, t.highlight())];
        out.extend(wrap::lines(&entry, width, 0, t.text(), &marks));
    }
}

/// How to check the lesson, and where it is in the course.
fn check_yourself(app: &App, index: usize, width: usize, out: &mut Vec<Line<'static>>) {
    let t = &app.theme;
    let Some(l) = app.course.lessons.get(index) else {
        return;
    };
    let hint = if l.items.len() + l.cases.len() == 0 {
        "This lesson has no questions.".to_owned()
    } else {
        format!(
            "Press c for a quiz on this lesson: {} questions and {} case templates check it.",
            l.items.len(),
            l.cases.len()
        )
    };
    out.extend(wrap::lines(&hint, width, 0, t.text(), &[]));
    let place = format!(
        "Lesson {} of {} · n/→ next, p/← previous",
        index + 1,
        app.course.lessons.len()
    );
    out.push(Line::from(Span::styled(place, t.dim())));
}
