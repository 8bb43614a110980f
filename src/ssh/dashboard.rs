//! The instructor's dashboard, shown when `tutor serve` runs in a terminal: who is connected,
//! where each student is (screen, question), their score this session, and per question of
//! the quiz on their screen whether it was right (✓), wrong (✗) or not yet answered (·).

use super::input::Decoder;
use super::registry::{QuizPlace, Registry, Student};
use crate::session::Phase;
use crate::tui::app::Screen;
use crate::tui::{App, Input};
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Row, Table, Widget};
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

/// The fixed facts at the top.
pub struct Header {
    pub listen: String,
    pub auth: String,
    pub fingerprint: String,
    pub max_sessions: usize,
    /// Each class drill, e.g. `seed 7 (d-1a2b3c4d)`.
    pub drills: Vec<String>,
    pub log: String,
}

pub struct View<'a> {
    pub header: &'a Header,
    pub students: &'a [Student],
    pub live: usize,
    /// Asking whether to stop the server.
    pub confirm: bool,
    /// The paced drill's panel (where the class is, the answers so far), if one is paced.
    pub pace: Vec<Line<'static>>,
    /// Why the last key did nothing, until the next key.
    pub notice: Option<String>,
    /// The projector view of the paced drill, full screen, when it is on (`p`).
    pub projector: Vec<Line<'static>>,
}

impl Widget for &View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let h = self.header;
        if !self.projector.is_empty() {
            let [body, foot] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
            let body = Rect {
                x: body.x + 1,
                width: body.width.saturating_sub(2),
                ..body
            };
            Widget::render(
                ratatui::widgets::Paragraph::new(self.projector.clone()),
                body,
                buf,
            );
            let keys = "n: next question · l: lock answers · r: reveal · p: back to the class";
            let line = self
                .notice
                .as_ref()
                .map_or(keys.to_owned(), |n| format!("! {n}"));
            Widget::render(
                Line::styled(line, Style::default().add_modifier(Modifier::BOLD)),
                foot,
                buf,
            );
            return;
        }
        let pace_height = u16::try_from(self.pace.len()).unwrap_or(0);
        let [top, pace, table, foot] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(pace_height),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        Widget::render(
            ratatui::widgets::Paragraph::new(self.pace.clone()),
            pace,
            buf,
        );
        let drills = if h.drills.is_empty() {
            "none".to_owned()
        } else {
            h.drills.join(", ")
        };
        let bold = Style::default().add_modifier(Modifier::BOLD);
        Widget::render(
            ratatui::widgets::Paragraph::new(vec![
                Line::styled(
                    format!(
                        "tutor serve on {} · auth {} · {}/{} sessions",
                        h.listen, h.auth, self.live, h.max_sessions
                    ),
                    bold,
                ),
                Line::raw(format!("host key {}", h.fingerprint)),
                Line::raw(format!("drills: {drills} · log {}", h.log)),
            ]),
            top,
            buf,
        );
        let rows = self.students.iter().map(row);
        let widths = [
            Constraint::Length(16),
            Constraint::Length(21),
            Constraint::Length(6),
            Constraint::Length(24),
            Constraint::Length(8),
            Constraint::Length(7),
            Constraint::Min(10),
        ];
        let title = format!(" {} ", plural(self.students.len(), "student"));
        Widget::render(
            Table::new(rows, widths)
                .header(
                    Row::new([
                        "user", "from", "for", "where", "question", "score", "results",
                    ])
                    .style(bold),
                )
                .block(Block::bordered().title(title)),
            table,
            buf,
        );
        let footer = if self.confirm {
            format!(
                "Stop the server and close {}? y: stop · any other key: go on",
                plural(self.live, "session")
            )
        } else if let Some(n) = &self.notice {
            format!("! {n}")
        } else if self.pace.is_empty() {
            "q: stop the server".to_owned()
        } else {
            "n: next question · l: lock answers · r: reveal · p: projector · q: stop the server"
                .to_owned()
        };
        Widget::render(Line::styled(footer, bold), foot, buf);
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn row(s: &Student) -> Row<'static> {
    let secs = s.since.elapsed().as_secs();
    let age = if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{}m", secs / 60)
    } else {
        format!("{}h{:02}", secs / 3600, secs % 3600 / 60)
    };
    let (question, results) = match &s.quiz {
        Some(q) => (
            format!("{}/{}", q.current, q.results.len()),
            marks(&q.results),
        ),
        None => (String::new(), String::new()),
    };
    Row::new(vec![
        crate::text::sanitize(&s.user),
        s.addr.to_string(),
        age,
        crate::text::sanitize(&s.place),
        question,
        format!("{}/{}", s.right, s.answered),
        results,
    ])
}

/// `✓✗·` per question.
pub fn marks(results: &[Option<bool>]) -> String {
    results
        .iter()
        .map(|r| match r {
            Some(true) => '✓',
            Some(false) => '✗',
            None => '·',
        })
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn shows_each_student_with_place_score_and_results() {
        let header = Header {
            listen: "127.0.0.1:2222".into(),
            auth: "open".into(),
            fingerprint: "SHA256:abc".into(),
            max_sessions: 200,
            drills: vec!["seed 7 (d-00000001)".into()],
            log: "stderr".into(),
        };
        let students = vec![Student {
            id: 1,
            user: "alice".into(),
            addr: "127.0.0.1:5000".parse().unwrap(),
            since: std::time::Instant::now(),
            place: "Practice quiz".into(),
            answered: 3,
            right: 2,
            quiz: Some(QuizPlace {
                title: "Practice quiz".into(),
                current: 4,
                results: vec![Some(true), Some(false), Some(true), None],
            }),
            paced: None,
        }];
        let view = View {
            header: &header,
            students: &students,
            live: 1,
            confirm: false,
            pace: Vec::new(),
            notice: None,
            projector: Vec::new(),
        };
        let mut t = Terminal::new(TestBackend::new(110, 10)).unwrap();
        t.draw(|f| f.render_widget(&view, f.area())).unwrap();
        let screen: String = format!("{:?}", t.backend().buffer());
        for want in [
            "alice",
            "Practice quiz",
            "4/4",
            "2/3",
            "✓✗✓·",
            "1/200 sessions",
            "seed 7 (d-00000001)",
            "SHA256:abc",
        ] {
            assert!(screen.contains(want), "{want} missing:\n{screen}");
        }
    }
}
