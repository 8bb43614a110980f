//! `tutor report --tui`: the item-analysis report in a small full-screen app of its own (the
//! view is `tutor::tui::view::report`). The terminal is set up as the tutor's local TUI sets
//! it up, and restored on every way out: q, Esc, Ctrl-C, an error, a panic, SIGTERM, SIGHUP.

use ratatui::layout::Rect;
use std::io;
use std::sync::mpsc;
use tutor::report::analysis::Report;
use tutor::tui::local::{LocalTerminal, session};
use tutor::tui::view::report::{Flow, ReportState, ReportView};
use tutor::tui::{Input, Theme};

/// Shows `report` until the reader quits, in colour unless `mono`.
pub fn show(report: &Report, mono: bool) -> io::Result<()> {
    session(|terminal, inputs| {
        inputs.start();
        run(terminal, report, Theme::new(mono), inputs.receiver())
    })
}

/// Draws, then waits for the next input; blocks in between (no polling, no CPU when idle).
fn run(
    terminal: &mut LocalTerminal,
    report: &Report,
    theme: Theme,
    events: &mpsc::Receiver<Input>,
) -> io::Result<()> {
    let mut state = ReportState::default();
    loop {
        terminal.draw(|f| {
            let view = ReportView {
                report,
                state: &state,
                theme,
            };
            f.render_widget(&view, f.area());
        })?;
        match events.recv() {
            Ok(Input::Key(k)) => {
                let size = terminal.size()?;
                let area = Rect::new(0, 0, size.width, size.height);
                if state.handle(&k, report, area) == Flow::Quit {
                    return Ok(());
                }
            }
            Ok(Input::Resize(..) | Input::Paste(_) | Input::Tick(_) | Input::Pace(_)) => {}
            Ok(Input::Terminate) | Err(_) => return Ok(()),
        }
    }
}
