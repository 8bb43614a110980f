//! The instructor's dashboard, shown when `tutor serve` runs in a terminal: who is connected,
//! where each student is (screen, question), their score this session, and per question of
//! the quiz on their screen whether it was right (✓), wrong (✗) or not yet answered (·).

mod board;
pub mod class;
mod view;

pub use class::ClassDrill;
pub use view::{Header, View, marks};

use super::input::Decoder;
use super::registry::{DrillMarks, Mark, QuizPlace, Registry, Student};
use super::reloadable::Reloadable;
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
    header: &Reloadable<Header>,
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
    header: &Reloadable<Header>,
    pacer: Option<&super::pace::Pacer>,
    stopping: &AtomicBool,
    keys: &mpsc::Receiver<Vec<u8>>,
) -> io::Result<Shown>
where
    B: ratatui::backend::Backend,
    B::Error: Send + Sync + 'static,
{
    let mut board = board::Board::default();
    let mut drawn: Option<(u64, Instant, ratatui::layout::Size)> = None;
    let mut decoder = Decoder::default();
    while !stopping.load(Ordering::Relaxed) {
        // Redraw on a change, a resize, and every few seconds for the session ages (every
        // second for the projector's time left).
        let version = registry.version();
        let size = terminal.size().map_err(io::Error::other)?;
        let every = Duration::from_secs(if board.ticking() { 1 } else { 5 });
        let stale =
            drawn.is_none_or(|(v, at, s)| v != version || s != size || at.elapsed() > every);
        if stale {
            let students = registry.students();
            let width = usize::from(size.width);
            // A reload may have changed the drills (it touches the registry's version).
            let header = header.now();
            let view = board.view(&header, &students, registry.live(), pacer, width);
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
                || (board.confirm && k.code == KeyCode::Char('y'))
                || (k.code == KeyCode::Char('q') && registry.live() == 0)
            {
                return Ok(Shown::Asked);
            }
            board.key(k.code, pacer, registry);
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
        Screen::NothingDue(_) => "review: nothing due".to_owned(),
    };
    let quiz = match app.screen() {
        Screen::Quiz(q) => Some(QuizPlace {
            title: q.session.title().to_owned(),
            current: (q.session.current() + 1).min(q.session.questions().len()),
            results: marks_of(&q.session),
        }),
        _ => None,
    };
    (text, quiz)
}

/// How each question of `s` stands.
fn marks_of(s: &crate::session::Session) -> Vec<Mark> {
    (0..s.questions().len())
        .map(|i| match s.outcome_at(i) {
            None => Mark::Open,
            Some(_) if s.timed_out_at(i) => Mark::TimedOut,
            Some(o) if o.correct => Mark::Right,
            Some(_) => Mark::Wrong,
        })
        .collect()
}

/// The first tries in every class drill the student has open.
pub(super) fn drill_marks(app: &App) -> Vec<DrillMarks> {
    let drills = app.screens.iter().filter_map(|screen| match screen {
        Screen::Quiz(q) => Some(DrillMarks {
            id: q.session.drill()?.id.clone(),
            marks: marks_of(&q.session),
        }),
        _ => None,
    });
    drills.collect()
}

/// Copies the app's place into the dashboard entry; whether anything changed.
pub(super) fn refresh(st: &mut Student, app: &App) -> bool {
    let (text, quiz) = place(app);
    let next = (text, quiz, app.session.answered, app.session.right);
    let now = (st.place.clone(), st.quiz.clone(), st.answered, st.right);
    let paced = super::pace::answers(app);
    // A drill the student closed (Esc, or finished) keeps its marks: the row goes on showing
    // the last figures, under the drills still open.
    let mut drills = drill_marks(app);
    let closed = st
        .drills
        .iter()
        .filter(|d| !drills.iter().any(|o| o.id == d.id));
    drills.splice(0..0, closed.cloned().collect::<Vec<_>>());
    if next == now && paced == st.paced && drills == st.drills {
        return false;
    }
    (st.place, st.quiz, st.answered, st.right) = next;
    st.paced = paced;
    st.drills = drills;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssh::registry::{DrillMarks, Mark};

    /// A student who leaves a drill for the home screen keeps its marks on the dashboard.
    #[test]
    fn a_closed_drill_keeps_its_marks() {
        let course = std::sync::Arc::new(crate::course::Course::embedded().expect("course"));
        let app = App::new(course, 1, crate::tui::Theme::new(true));
        let marks = DrillMarks {
            id: serde_json::from_str("\"d-1\"").expect("id"),
            marks: vec![Mark::Right, Mark::Wrong, Mark::Open],
        };
        let mut st = Student {
            id: 1,
            user: "eve".into(),
            addr: "127.0.0.1:5000".parse().expect("addr"),
            since: std::time::Instant::now(),
            place: "Drill d-1".into(),
            answered: 2,
            right: 1,
            quiz: None,
            connected: true,
            drills: vec![marks.clone()],
            paced: None,
        };
        refresh(&mut st, &app);
        assert_eq!(st.drills, [marks]);
    }
}
