//! The TUI in the local terminal: raw mode, alternate screen and bracketed paste on the way
//! in, and restored on every way out (return, error, panic, SIGTERM, SIGHUP).

use super::action::{Action, Effect};
use super::app::App;
use super::run::{Events, Input, run};
use crate::course::Course;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Stdout, stdout};
use std::sync::Arc;
use std::sync::mpsc;

/// Inputs from the terminal and from signals, merged by two threads into one channel so the
/// loop blocks on a single receive (no polling).
struct Local<'a>(&'a mpsc::Receiver<Input>);

impl Events for Local<'_> {
    fn next_timeout(&mut self, timeout: Option<std::time::Duration>) -> io::Result<Option<Input>> {
        let Some(t) = timeout else { return self.next() };
        match self.0.recv_timeout(t) {
            Ok(input) => Ok(Some(input)),
            Err(mpsc::RecvTimeoutError::Timeout) => Ok(Some(Input::Tick(crate::time::now_ms()))),
            Err(mpsc::RecvTimeoutError::Disconnected) => Ok(None),
        }
    }

    fn next(&mut self) -> io::Result<Option<Input>> {
        let input = self.0.recv().ok();
        // Debug builds only: lets the end-to-end tests prove a panic restores the terminal.
        if cfg!(debug_assertions)
            && std::env::var_os("TUTOR_TEST_PANIC_KEY").is_some()
            && matches!(&input, Some(Input::Key(k)) if k.code == event::KeyCode::F(12))
        {
            panic!("test panic requested with F12");
        }
        Ok(input)
    }
}

/// The terminal's inputs and the signals that end a session, merged into one channel by two
/// threads. The signal handlers are installed at once (a signal that comes early waits in
/// signal-hook's pipe); the threads start with [`Inputs::start`], once the first frame is
/// on screen (keys typed before that wait in the terminal).
pub struct Inputs {
    tx: mpsc::Sender<Input>,
    rx: mpsc::Receiver<Input>,
    signals: Option<signal_hook::iterator::Signals>,
}

impl Inputs {
    fn new() -> io::Result<Inputs> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let (tx, rx) = mpsc::channel();
        let signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        Ok(Inputs {
            tx,
            rx,
            signals: Some(signals),
        })
    }

    /// Starts reading keys and signals (once; later calls do nothing).
    pub fn start(&mut self) {
        let Some(mut signals) = self.signals.take() else {
            return;
        };
        let keys = self.tx.clone();
        std::thread::spawn(move || {
            loop {
                let input = match event::read() {
                    Ok(Event::Key(k)) => Input::Key(k),
                    Ok(Event::Paste(s)) => Input::Paste(s),
                    Ok(Event::Resize(w, h)) => Input::Resize(w, h),
                    Ok(_) => continue,
                    // The terminal is gone (e.g. hangup): quit cleanly.
                    Err(_) => Input::Terminate,
                };
                let last = input == Input::Terminate;
                if keys.send(input).is_err() || last {
                    break;
                }
            }
        });
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            for _ in signals.forever() {
                if tx.send(Input::Terminate).is_err() {
                    break;
                }
            }
        });
    }

    /// Where the inputs arrive, once started.
    pub fn receiver(&self) -> &mpsc::Receiver<Input> {
        &self.rx
    }
}

/// Puts the terminal back: cooked mode, main screen, cursor shown, paste mode off.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// The local terminal as every full-screen front end uses it.
pub type LocalTerminal = Terminal<CrosstermBackend<Stdout>>;

/// Sets up this terminal (raw mode, alternate screen, bracketed paste, hidden cursor), runs
/// `f` with it and the merged terminal and signal inputs (which `f` starts), then restores
/// the terminal whatever happened: return, error, panic (through the hook), SIGTERM or SIGHUP (as
/// [`Input::Terminate`]).
pub fn session<T>(
    f: impl FnOnce(&mut LocalTerminal, &mut Inputs) -> io::Result<T>,
) -> io::Result<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let mut inputs = Inputs::new()?;
    enable_raw_mode()?;
    let result = execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
    .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())))
    .and_then(|mut terminal| f(&mut terminal, &mut inputs));
    restore();
    result
}

/// Runs an app in this terminal until it quits. The terminal is set up first and `app` is
/// made in it; an error making it comes back once the terminal is restored. `start`
/// runs once the first frame is on screen (e.g. opening the progress store), with the app's
/// course, and its actions are applied before the next.
pub fn run_local<E: From<io::Error>>(
    app: impl FnOnce() -> Result<App, E>,
    start: impl FnOnce(Arc<Course>) -> Vec<Action>,
    on_effect: impl FnMut(&Effect) -> Vec<Action>,
) -> Result<(), E> {
    let mut failed = None;
    let ran = session(|terminal, inputs| {
        let mut app = match app() {
            Ok(app) => app,
            Err(e) => {
                failed = Some(e);
                return Ok(());
            }
        };
        let size = terminal.size()?;
        app.update(Action::Resize(size.width, size.height));
        super::run::draw(terminal, &mut app)?;
        inputs.start();
        for action in start(Arc::clone(&app.course)) {
            app.update(action);
        }
        run(terminal, &mut app, &mut Local(inputs.receiver()), on_effect)
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(ran?),
    }
}
