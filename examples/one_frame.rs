//! Baseline for `benches/startup.py`: the least a ratatui app does to show a screen. It
//! enters the alternate screen and raw mode as `tutor` does (`ratatui::init`), draws one
//! frame with the marker text `ONE-FRAME-READY`, and waits for a key.
//!
//! `j` and `k` redraw the frame with the marker line moved (so the benchmark has a baseline
//! for key-press-to-redraw latency); any other key (e.g. `q`) quits and restores the
//! terminal. Build: `cargo build --release --example one_frame`.

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// What the benchmark waits for to know the first frame is out.
const MARKER: &str = "ONE-FRAME-READY";

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::init();
    let result = run(&mut terminal);
    ratatui::restore();
    result
}

fn run(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    let mut row = 0usize;
    loop {
        terminal.draw(|f| {
            let mut lines = vec![Line::default(); row];
            lines.push(Line::from(format!("{MARKER} (j/k move, q quits)")));
            f.render_widget(Paragraph::new(lines), f.area());
        })?;
        loop {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Release => continue,
                Event::Key(k) if k.code == KeyCode::Char('j') => row = 1,
                Event::Key(k) if k.code == KeyCode::Char('k') => row = 0,
                Event::Key(_) => return Ok(()),
                // Resizes and other events: draw again.
                _ => {}
            }
            break;
        }
    }
}
