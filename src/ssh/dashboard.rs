//! The instructor's dashboard, shown when `tutor serve` runs in a terminal: who is connected,
//! where each student is (screen, question), their score this session, and per question of
//! the quiz on their screen whether it was right (✓), wrong (✗) or not yet answered (·).

use super::registry::{QuizPlace, Registry, Student};
use crate::tui::App;
use crate::tui::app::Screen;
use crate::tui::quiz::Phase;
use ratatui::Terminal;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Row, Table, Widget};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
}

impl Widget for &View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let h = self.header;
        let [top, table, foot] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
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
        } else {
            "q: stop the server".to_owned()
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
/// or Ctrl-C) or `stopping` is set; `stop` is called when the instructor asks.
pub fn run(
    registry: &Arc<Registry>,
    header: &Header,
    stopping: &AtomicBool,
    stop: impl Fn(),
) -> io::Result<()> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        crate::tui::local::restore();
        hook(info);
    }));
    enable_raw_mode()?;
    let result = execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)
        .and_then(|()| Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout())))
        .and_then(|mut t| show(&mut t, registry, header, stopping, &stop));
    crate::tui::local::restore();
    result
}

fn show<B>(
    terminal: &mut Terminal<B>,
    registry: &Registry,
    header: &Header,
    stopping: &AtomicBool,
    stop: &impl Fn(),
) -> io::Result<()>
where
    B: ratatui::backend::Backend,
    B::Error: Send + Sync + 'static,
{
    let mut confirm = false;
    let mut drawn: Option<(u64, Instant)> = None;
    while !stopping.load(Ordering::Relaxed) {
        // Redraw on a change, and every few seconds for the session ages.
        let version = registry.version();
        let stale =
            drawn.is_none_or(|(v, at)| v != version || at.elapsed() > Duration::from_secs(5));
        if stale {
            let students = registry.students();
            let view = View {
                header,
                students: &students,
                live: registry.live(),
                confirm,
            };
            terminal
                .draw(|f| f.render_widget(&view, f.area()))
                .map_err(io::Error::other)?;
            drawn = Some((version, Instant::now()));
        }
        if !event::poll(Duration::from_millis(200))? {
            continue;
        }
        let ev = event::read()?;
        let Event::Key(k) = ev else {
            drawn = None;
            continue;
        };
        if k.kind == KeyEventKind::Release {
            continue;
        }
        let ctrl_c = k.modifiers.contains(KeyModifiers::CONTROL) && k.code == KeyCode::Char('c');
        if ctrl_c
            || (confirm && k.code == KeyCode::Char('y'))
            || (k.code == KeyCode::Char('q') && registry.live() == 0)
        {
            stop();
            return Ok(());
        }
        confirm = k.code == KeyCode::Char('q') && !confirm;
        drawn = None;
    }
    Ok(())
}

/// Where the student is, for the dashboard.
pub(super) fn place(app: &App) -> (String, Option<QuizPlace>) {
    let text = match app.screen() {
        Screen::Home { .. } => "home".to_owned(),
        Screen::Lessons { .. } => "lessons".to_owned(),
        Screen::Lesson { index, .. } => {
            format!("lesson {}/{}", index + 1, app.course.lessons.len())
        }
        Screen::Quiz(q) if q.phase == Phase::Done => format!("{}: results", q.title),
        Screen::Quiz(q) => q.title.clone(),
        Screen::Source { .. } => "source".to_owned(),
        Screen::Stats { .. } => "statistics".to_owned(),
        #[allow(unreachable_patterns)]
        _ => "…".to_owned(),
    };
    let quiz = match app.screen() {
        Screen::Quiz(q) => Some(QuizPlace {
            title: q.title.clone(),
            current: (q.current + 1).min(q.questions.len()),
            results: q
                .outcomes
                .iter()
                .map(|o| o.as_ref().map(|o| o.correct))
                .collect(),
        }),
        _ => None,
    };
    (text, quiz)
}

/// Copies the app's place into the dashboard entry; whether anything changed.
pub(super) fn refresh(st: &mut Student, app: &App) -> bool {
    let (text, quiz) = place(app);
    let next = (text, quiz, app.session.0, app.session.1);
    let now = (st.place.clone(), st.quiz.clone(), st.answered, st.right);
    if next == now {
        return false;
    }
    (st.place, st.quiz, st.answered, st.right) = next;
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
        }];
        let view = View {
            header: &header,
            students: &students,
            live: 1,
            confirm: false,
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
