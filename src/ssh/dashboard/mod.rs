//! The instructor's dashboard, shown when `tutor serve` runs in a terminal: who is connected,
//! where each student is (screen, question), their score this session, and per question of
//! the quiz on their screen whether it was right (✓), wrong (✗) or not yet answered (·).

mod view;

pub use view::{Header, View, marks};

use super::input::Decoder;
use super::registry::{QuizPlace, Registry, Student};
use crate::session::Phase;
use crate::tui::app::Screen;
use crate::tui::{App, Input};
use ratatui::Terminal;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// Shows the dashboard in this terminal until the instructor stops the server (q, then y;
/// or Ctrl-C), the terminal goes away (end of input, or a read error after a hangup), or
/// `stopping` is set; `stop` is called in the first two cases.
///
/// The keys are read from stdin by a thread of ours and decoded like a student's, not by
/// crossterm's event reader: that one retries for ever, at full speed, when the terminal
/// has hung up (a read returning 0 bytes or EIO), and blocks in `read` on half an escape
/// sequence (Alt+[), either way never returning to see that the server is stopping.
pub fn run(
    registry: &Arc<Registry>,
    header: &Header,
    pacer: Option<&super::pace::Pacer>,
    stopping: &AtomicBool,
    stop: impl Fn(),
) -> io::Result<()> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        crate::tui::local::restore();
        hook(info);
    }));
    enable_raw_mode()?;
    let (tx, keys) = mpsc::channel();
    std::thread::spawn(move || read_stdin(|bytes| tx.send(bytes.to_vec()).is_ok()));
    let result = execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)
        .and_then(|()| Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout())))
        .and_then(|mut t| {
            let shown = show(&mut t, registry, header, pacer, stopping, &keys);
            // Dropping a terminal whose cursor cannot be shown again prints that with
            // eprintln!, which panics when stderr is the terminal that hung up.
            if t.show_cursor().is_err() {
                std::mem::forget(t);
            }
            shown
        });
    crate::tui::local::restore();
    match result {
        Ok(Shown::Stopped) => Ok(()),
        Ok(Shown::Asked) => {
            stop();
            Ok(())
        }
        Ok(Shown::Gone) => {
            registry.log.line("the dashboard's terminal closed");
            stop();
            Ok(())
        }
        Err(e) => {
            stop();
            Err(e)
        }
    }
}

/// Reads this process's stdin, handing each read to `each` (false: stop reading), until the
/// end of input or an error (EIO once a terminal has hung up).
pub fn read_stdin(mut each: impl FnMut(&[u8]) -> bool) {
    let mut stdin = io::stdin().lock();
    let mut buf = [0u8; 1024];
    loop {
        match stdin.read(&mut buf) {
            Ok(0) => return,
            Ok(n) if !each(&buf[..n]) => return,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

/// How the dashboard ended.
enum Shown {
    /// The server is stopping for another reason.
    Stopped,
    /// The instructor asked to stop.
    Asked,
    /// Its terminal is gone.
    Gone,
}

fn show<B>(
    terminal: &mut Terminal<B>,
    registry: &Registry,
    header: &Header,
    pacer: Option<&super::pace::Pacer>,
    stopping: &AtomicBool,
    keys: &mpsc::Receiver<Vec<u8>>,
) -> io::Result<Shown>
where
    B: ratatui::backend::Backend,
    B::Error: Send + Sync + 'static,
{
    let mut confirm = false;
    let mut notice: Option<String> = None;
    let mut projector = false;
    let mut drawn: Option<(u64, Instant, ratatui::layout::Size)> = None;
    let mut decoder = Decoder::default();
    while !stopping.load(Ordering::Relaxed) {
        // Redraw on a change, a resize, and every few seconds for the session ages.
        let version = registry.version();
        let size = terminal.size().map_err(io::Error::other)?;
        let stale = drawn.is_none_or(|(v, at, s)| {
            // The projector's time left counts down by the second.
            let every = Duration::from_secs(if projector { 1 } else { 5 });
            v != version || s != size || at.elapsed() > every
        });
        if stale {
            let students = registry.students();
            let view = View {
                header,
                students: &students,
                live: registry.live(),
                confirm,
                pace: pacer.map_or_else(Vec::new, |p| super::pace::panel(p, &students)),
                notice: notice.clone(),
                projector: match pacer {
                    Some(p) if projector => {
                        let width = usize::from(size.width.saturating_sub(2));
                        super::projector::lines(p, &students, width)
                    }
                    _ => Vec::new(),
                },
            };
            terminal
                .draw(|f| f.render_widget(&view, f.area()))
                .map_err(io::Error::other)?;
            drawn = Some((version, Instant::now(), size));
        }
        let bytes = match keys.recv_timeout(Duration::from_millis(200)) {
            Ok(bytes) => bytes,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Shown::Gone),
        };
        for input in decoder.feed(&bytes) {
            let Input::Key(k) = input else { continue };
            let ctrl_c =
                k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c');
            if ctrl_c
                || (confirm && k.code == KeyCode::Char('y'))
                || (k.code == KeyCode::Char('q') && registry.live() == 0)
            {
                return Ok(Shown::Asked);
            }
            notice = None;
            if pacer.is_some() && !confirm && k.code == KeyCode::Char('p') {
                projector = !projector;
            }
            let paced = pacer.zip(super::pace::key(k.code));
            if let (false, Some((p, m))) = (confirm, paced) {
                notice = p.step(m, registry).err().map(|e| e.to_string());
            }
            confirm = k.code == KeyCode::Char('q') && !confirm;
            drawn = None;
        }
    }
    Ok(Shown::Stopped)
}

/// Where the student is, for the dashboard.
pub(super) fn place(app: &App) -> (String, Option<QuizPlace>) {
    let text = match app.screen() {
        Screen::Home { .. } => "home".to_owned(),
        Screen::Lessons { .. } => "lessons".to_owned(),
        Screen::Lesson { index, .. } => {
            format!("lesson {}/{}", index + 1, app.course.lessons.len())
        }
        Screen::Quiz(q) if q.session.phase() == Phase::Done => {
            format!("{}: results", q.session.title())
        }
        Screen::Quiz(q) => q.session.title().to_owned(),
        Screen::Source { .. } => "source".to_owned(),
        Screen::Stats { .. } => "statistics".to_owned(),
        #[allow(unreachable_patterns)]
        _ => "…".to_owned(),
    };
    let quiz = match app.screen() {
        Screen::Quiz(q) => Some(QuizPlace {
            title: q.session.title().to_owned(),
            current: (q.session.current() + 1).min(q.session.questions().len()),
            results: (0..q.session.questions().len())
                .map(|i| q.session.outcome_at(i).map(|o| o.correct))
                .collect(),
        }),
        _ => None,
    };
    (text, quiz)
}

/// Copies the app's place into the dashboard entry; whether anything changed.
pub(super) fn refresh(st: &mut Student, app: &App) -> bool {
    let (text, quiz) = place(app);
    let next = (text, quiz, app.session.answered, app.session.right);
    let now = (st.place.clone(), st.quiz.clone(), st.answered, st.right);
    let paced = super::pace::answers(app);
    if next == now && paced == st.paced {
        return false;
    }
    (st.place, st.quiz, st.answered, st.right) = next;
    st.paced = paced;
    true
}
