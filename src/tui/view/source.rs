//! The source document, sentence ids in the margin, one sentence selected, and which lessons
//! and items cite it.

use crate::course::Course;
use crate::course::cited::CitedBy;
use crate::course::spec::ItemType;
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

/// The "cited by" list's label of `c`: its kind, then its text on one line.
fn label(course: &Course, c: &CitedBy<'_>) -> String {
    let text = sanitize(&c.text(course));
    let words: Vec<&str> = text.split_whitespace().collect();
    format!("{}: {}", kind(c), words.join(" "))
}

/// What kind of entry `c` is, in the list's words.
fn kind(c: &CitedBy<'_>) -> &'static str {
    match c {
        CitedBy::Lesson { .. } => "Lesson",
        CitedBy::Item(item) => match item.kind {
            ItemType::SingleBest => "Single best",
            ItemType::MultiSelect => "Multi-select",
            ItemType::TrueFalse => "True/false",
            ItemType::ShortAnswer => "Short answer",
            ItemType::Cloze => "Cloze",
        },
        CitedBy::Case(t) if !t.steps.is_empty() => "Unfolding case",
        CitedBy::Case(_) => "Case",
    }
}

/// What Enter does on entry `link` of sentence `selected`'s list, for the footer.
pub fn enter_hint(course: &Course, selected: usize, link: usize) -> Option<&'static str> {
    Some(match course.cited_by(selected).get(link)? {
        CitedBy::Lesson { .. } => "open lesson",
        CitedBy::Item(_) => "try question",
        CitedBy::Case(_) => "try case",
    })
}

pub fn render(
    app: &App,
    selected: usize,
    cited_by: bool,
    link: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &app.theme;
    let wide = area.width >= 100;
    let [doc_area, list_area] = if wide {
        Layout::horizontal([Constraint::Min(40), Constraint::Length(44)]).areas(area)
    } else {
        Layout::vertical([Constraint::Min(6), Constraint::Length(7)]).areas(area)
    };
    // Side by side, a column of space before the list's border.
    let width = usize::from(doc_area.width).saturating_sub(usize::from(wide));
    let mut lines = Vec::new();
    // Line where each sentence starts, so the view never opens in the middle of one.
    let mut starts = Vec::new();
    for (i, s) in app.course.sentences().iter().enumerate() {
        let here = i == selected;
        starts.push(lines.len());
        let style = if here { t.highlight() } else { t.quote() };
        let mut ls = wrap::lines(&sanitize(&s.text), width, 6, style, &[]);
        if let Some(first) = ls.first_mut() {
            let pointer = if here { "▸" } else { " " };
            first.spans[0] = Span::styled(format!("{pointer} {:<4}", sanitize(&s.id)), t.key());
        }
        lines.extend(ls);
    }
    let from = first_shown(&starts, lines.len(), selected, usize::from(doc_area.height));
    Paragraph::new(lines.into_iter().skip(from).collect::<Vec<_>>()).render(doc_area, buf);

    let entries = app.course.cited_by(selected);
    let title = if cited_by {
        " Cited by (Enter opens it) "
    } else {
        " Cited by (Tab to browse) "
    };
    let block = Block::new()
        .borders(if wide { Borders::LEFT } else { Borders::TOP })
        .border_style(t.border())
        .title(Span::styled(title, t.heading()));
    let inner = block.inner(list_area);
    block.render(list_area, buf);
    let rows: Vec<Line> = entries
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let here = cited_by && i == link;
            let text = format!(
                "{} {}",
                if here { "▸" } else { " " },
                super::clip(
                    &label(&app.course, l),
                    usize::from(inner.width).saturating_sub(2)
                )
            );
            Line::from(Span::styled(
                text,
                if here { t.selected() } else { t.text() },
            ))
        })
        .collect();
    let skip = if cited_by {
        (link + 1).saturating_sub(usize::from(inner.height))
    } else {
        0
    };
    Paragraph::new(rows.into_iter().skip(skip).collect::<Vec<_>>()).render(inner, buf);
}

/// First line to show: the start of the selected sentence, or of the one before it when both
/// fit, or earlier still when the rest of the document fits the height anyway.
fn first_shown(starts: &[usize], total: usize, selected: usize, height: usize) -> usize {
    let Some(&sel) = starts.get(selected) else {
        return 0;
    };
    let sel_end = starts.get(selected + 1).copied().unwrap_or(total);
    let mut k = selected;
    if k > 0 && sel_end - starts[k - 1] <= height {
        k -= 1;
    }
    while k > 0 && total - starts[k - 1] <= height {
        k -= 1;
    }
    starts.get(k).copied().unwrap_or(sel).min(sel)
}
