//! The screen Review shows when nothing is due: when the next review is, and the practice of
//! the weakest sentences it offers instead.

use crate::figures::{percent, span};
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::review::NothingDue;
use crate::tui::wrap;
use ratatui::text::{Line, Span};

pub fn lines(app: &App, n: &NothingDue, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let next = match n.next_due {
        Some(at) => format!(
            "The next review falls due in {}.",
            span(at.saturating_sub(n.now_ms))
        ),
        None => "No review is scheduled yet.".to_owned(),
    };
    let mut out = vec![
        Line::from(Span::styled("Nothing is due for review now.", t.title())),
        Line::default(),
    ];
    out.extend(wrap::lines(&next, width, 0, t.text(), &[]));
    out.extend(wrap::lines(
        "Every part of the course has been answered at least once; spaced review brings each back when you are about to forget it.",
        width,
        0,
        t.dim(),
        &[],
    ));
    out.push(Line::default());
    if n.questions.is_empty() {
        out.push(Line::from("Nothing to practise yet."));
        return out;
    }
    let offer = format!(
        "Enter: practise your weakest sentences, {} questions on what you are likeliest to forget within a week:",
        n.questions.len()
    );
    out.extend(wrap::lines(&offer, width, 0, t.heading(), &[]));
    for (id, recall) in &n.sentences {
        let text = app.course.sentence(id).map_or("", |s| s.text.as_str());
        let row = format!(
            "  {:<4} recall in a week {:>3}%  {}",
            sanitize(id),
            percent(f64::from(*recall)),
            sanitize(text).replace(['\n', '\t'], " ")
        );
        out.push(Line::from(crate::tui::view::clip(&row, width)));
    }
    out
}
