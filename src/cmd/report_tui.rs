//! `tutor report --tui`: the item-analysis report in a small full-screen app of its own (the
//! view is `tutor::tui::view::report`). The terminal is set up as the tutor's local TUI sets
//! it up, and restored on every way out: q, Esc, Ctrl-C, an error, a panic, SIGTERM, SIGHUP.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEvent};
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use std::io::{self, Stdout, stdout};
use std::sync::mpsc;
use tutor::report::analysis::Report;
use tutor::tui::Theme;
use tutor::tui::local::restore;
use tutor::tui::view::report::{Flow, ReportState, ReportView};

enum Input {
    Key(KeyEvent),
    Resize,
    Quit,
}

/// Terminal events and termination signals, merged by two threads into one channel.
fn inputs() -> io::Result<mpsc::Receiver<Input>> {
    let (tx, rx) = mpsc::channel();
    let keys = tx.clone();
    std::thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(Event::Key(k)) => Input::Key(k),
                Ok(Event::Resize(..)) => Input::Resize,
                Ok(_) => continue,
                // The terminal is gone (e.g. hangup): quit cleanly.
                Err(_) => Input::Quit,
            };
            let last = matches!(input, Input::Quit);
            if keys.send(input).is_err() || last {
                break;
            }
        }
    });
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        for _ in signals.forever() {
            if tx.send(Input::Quit).is_err() {
                break;
            }
        }
    });
    Ok(rx)
}

/// Shows `report` until the reader quits.
pub fn show(report: &Report, no_color: bool) -> io::Result<()> {
    let mono = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let events = inputs()?;
    enable_raw_mode()?;
    let result = execute!(stdout(), EnterAlternateScreen, cursor::Hide)
        .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())))
        .and_then(|mut terminal| run(&mut terminal, report, Theme::new(mono), &events));
    restore();
    result
}

/// Draws, then waits for the next input; blocks in between (no polling, no CPU when idle).
fn run(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
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
            Ok(Input::Resize) => {}
            Ok(Input::Quit) | Err(_) => return Ok(()),
        }
    }
}
