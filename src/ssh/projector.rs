//! The projector view of a paced drill, full screen on the dashboard (`p`): the open question
//! as the class sees it, each option with the live count and share as a bar, how many have
//! answered of those present, and the time left; after the reveal, the key marked, the
//! explanation and the cited sentences verbatim.

use super::pace::Pacer;
use super::registry::Student;
use crate::figures::{percent_of, percent_text};
use crate::report::text::bar;
use crate::session::pace::Pace;
use crate::text::{letter, sanitize};
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Width of an option's bar.
const BAR: usize = 20;

/// The projector's lines at `width`.
pub fn lines(p: &Pacer, students: &[Student], width: usize) -> Vec<Line<'static>> {
    let now = p.now();
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let Some((k, q)) = now.pace.question().and_then(|k| Some((k, p.question(k)?))) else {
        let what = match now.pace {
            Pace::Finished => "The drill is over: every question was revealed.",
            _ => "Waiting to open the first question (n).",
        };
        return vec![Line::styled(what, bold)];
    };
    let c = p.class(k, students);
    let revealed = matches!(now.pace, Pace::Revealed(_));
    let state = match now.pace {
        Pace::Open(_) => "open",
        Pace::Locked(_) => "locked",
        _ => "revealed",
    };
    let time = p
        .seconds_left()
        .filter(|_| now.pace.open())
        .map_or(String::new(), |s| format!(" · time left {s} s"));
    let mut out = vec![
        Line::styled(
            format!(
                "Question {} of {} · {state} · {} of {} answered{time}",
                k + 1,
                p.count(),
                c.answered,
                c.present
            ),
            bold,
        ),
        Line::default(),
    ];
    for text in q.context.iter().chain([&q.stem]) {
        out.extend(wrap::lines(
            &sanitize(text),
            width,
            0,
            Style::default(),
            &[],
        ));
    }
    out.push(Line::default());
    out.extend(wrap::lines(&sanitize(&q.lead_in), width, 0, bold, &[]));
    out.push(Line::default());
    let text_width = width.saturating_sub(BAR + 20).max(10);
    for (i, o) in q.options.iter().enumerate() {
        let n = c.chose.get(i).copied().unwrap_or(0);
        let share = percent_of(u64::from(n), u64::from(c.answered));
        let fraction = share.map_or(0.0, |s| s as f32 / 100.0);
        let key = if revealed && o.correct { "✓" } else { " " };
        let text = crate::text::clip(&sanitize(&o.text), text_width);
        out.push(Line::raw(format!(
            "{key} {}) {text:<text_width$} {} {n:>3} {:>4}",
            letter(i),
            bar(fraction, BAR),
            percent_text(share)
        )));
    }
    if let (true, Some(free)) = (revealed, &q.free) {
        // A typed answer has no option to mark: the answers accepted, and how many were right.
        let key = format!(
            "✓ Key: {} · {} of {} right",
            sanitize(&free.accept.join(" | ")),
            c.right,
            c.answered
        );
        out.extend(wrap::lines(&key, width, 0, bold, &[]));
    }
    if revealed {
        out.push(Line::default());
        let why = format!("Why: {}", sanitize(&q.explanation));
        out.extend(wrap::lines(&why, width, 0, Style::default(), &[]));
        for id in &q.cites {
            let sentence = p.sentence(id).unwrap_or_default();
            let source = format!("Source {}: {}", sanitize(id), sanitize(&sentence));
            out.extend(wrap::lines(&source, width, 2, Style::default(), &[]));
        }
    }
    out
}

/// Draws the projector over `area`.
pub fn render(p: &Pacer, students: &[Student], area: Rect, buf: &mut Buffer) {
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    Paragraph::new(lines(p, students, usize::from(inner.width))).render(inner, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;
    use crate::quiz::drill::DrillSpec;
    use crate::ssh::pace::Move;
    use crate::ssh::registry::Registry;

    /// A revealed typed-answer question shows its key and how many were right: it has no
    /// option for the ✓.
    #[test]
    fn a_revealed_free_text_question_shows_its_key() {
        let course = std::sync::Arc::new(Course::embedded().expect("course"));
        let spec = DrillSpec {
            seed: 5,
            count: 4,
            paced: true,
            ..DrillSpec::default()
        };
        let questions = spec.questions(&course).expect("drill");
        let k = questions
            .iter()
            .position(|q| q.free.is_some())
            .expect("a typed answer in this drill");
        let pacer = Pacer::new(&course, &spec);
        let registry = Registry::new(crate::ssh::log::Log::stderr(), 10, 10);
        for _ in 0..=k {
            pacer.step(Move::Next, &registry).expect("open");
            pacer.step(Move::Reveal, &registry).expect("reveal");
        }
        let text: String = lines(&pacer, &[], 100)
            .iter()
            .map(|l| format!("{l}\n"))
            .collect();
        let accept = &questions[k].free.as_ref().expect("typed").accept[0];
        assert!(
            text.contains(&format!("✓ Key: {accept}")) && text.contains("0 of 0 right"),
            "{text}"
        );
    }
}
