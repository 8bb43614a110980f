//! The lesson reader: objectives, the course's explanation, the source sentences as quotes
//! with glossary terms marked, key points, the glossary entry on demand, and "check yourself".

use crate::course::Course;
use crate::course::spec::TermSpec;
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::wrap;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Glossary terms that occur in the lesson's sentences, in glossary order.
pub fn terms(course: &Course, lesson: usize) -> Vec<&TermSpec> {
    let Some(l) = course.lessons.get(lesson) else {
        return Vec::new();
    };
    course
        .glossary
        .iter()
        .filter(|t| t.sentences.iter().any(|s| l.sentences.contains(s)))
        .collect()
}

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
    let terms = terms(course, index);
    let open = term.and_then(|i| terms.get(i)).copied();
    let mut out = vec![Line::from(Span::styled(sanitize(&l.title), t.title()))];

    out.extend(heading(app, "Objectives"));
    for o in &l.objectives {
        out.extend(wrap::lines(
            &format!("• {}", sanitize(&o.text)),
            width,
            2,
            t.text(),
            &[],
        ));
    }
    out.push(Line::default());
    out.extend(wrap::lines(&sanitize(&l.body), width, 0, t.text(), &[]));

    out.extend(heading(app, "From the source"));
    for id in &l.sentences {
        let Some(s) = course.sentence(id) else {
            continue;
        };
        let text = sanitize(&s.text);
        let mut marks: Vec<(Range<usize>, Style)> = terms
            .iter()
            .flat_map(|g| occurrences(&text, &g.term))
            .map(|r| (r, t.term()))
            .collect();
        if let Some(g) = open {
            marks.extend(
                occurrences(&text, &g.term)
                    .into_iter()
                    .map(|r| (r, t.highlight())),
            );
        }
        let mut quoted = wrap::lines(&text, width, 6, t.quote(), &marks);
        if let Some(first) = quoted.first_mut() {
            first.spans[0] =
                Span::styled(format!("{:<6}", format!("{}", sanitize(&s.id))), t.key());
        }
        out.extend(quoted);
        out.push(Line::default());
    }

    out.extend(heading(app, "Key points"));
    for k in &l.key_points {
        let text = format!(
            "• {} [{}]",
            sanitize(&k.text),
            sanitize(&k.cites.join(", "))
        );
        out.extend(wrap::lines(&text, width, 2, t.text(), &[]));
    }

    out.extend(heading(app, "Glossary"));
    if terms.is_empty() {
        out.push(Line::from(Span::styled(
            "No glossary terms in this lesson.",
            t.dim(),
        )));
    } else {
        let names: Vec<String> = terms.iter().map(|g| sanitize(&g.term)).collect();
        let list = format!(
            "Underlined in the text: {}. Press t for the next term.",
            names.join(", ")
        );
        out.extend(wrap::lines(&list, width, 0, t.dim(), &[]));
        if let Some(g) = open {
            let entry = format!("▸ {}: {}", sanitize(&g.term), sanitize(&g.definition));
            let term_end = 4 + sanitize(&g.term).len();
            out.extend(wrap::lines(
                &entry,
                width,
                0,
                t.text(),
                &[(0..term_end, t.highlight())],
            ));
        }
    }

    out.extend(heading(app, "Check yourself"));
    let n = l.items.len() + l.cases.len();
    let hint = format!(
        "Press c for a quiz on this lesson: {} questions and {} case templates check it.",
        l.items.len(),
        l.cases.len()
    );
    out.extend(wrap::lines(
        if n == 0 {
            "This lesson has no questions."
        } else {
            &hint
        },
        width,
        0,
        t.text(),
        &[],
    ));
    out.push(Line::from(Span::styled(
        format!(
            "Lesson {} of {} · n/→ next, p/← previous",
            index + 1,
            course.lessons.len()
        ),
        t.dim(),
    )));
    out
}
