//! The source document, sentence ids in the margin, one sentence selected, and which lessons
//! and items cite it.

use crate::course::cited::CitedBy;
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

/// The "cited by" list's label of `c`.
fn label(c: &CitedBy<'_>) -> String {
    match c {
        CitedBy::Lesson { title, .. } => format!("Lesson: {}", sanitize(title)),
        CitedBy::Item(id) => format!("Item {}", sanitize(id)),
        CitedBy::Case(title) => format!("Case: {}", sanitize(title)),
    }
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
        Layout::horizontal([Constraint::Min(40), Constraint::Length(36)]).areas(area)
    } else {
        Layout::vertical([Constraint::Min(6), Constraint::Length(7)]).areas(area)
    };
    let width = usize::from(doc_area.width);
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
        " Cited by (Enter opens a lesson) "
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
                super::clip(&label(l), usize::from(inner.width).saturating_sub(2))
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
