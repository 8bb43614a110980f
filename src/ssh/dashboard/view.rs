//! The dashboard's picture: the fixed facts at the top, the paced drill's panel or the
//! projector, and one row per student.

use super::super::registry::{Mark, Student};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Row, Table, Widget};

/// The facts at the top: fixed, but for the drills and the last reload's outcome.
#[derive(Clone)]
pub struct Header {
    pub listen: String,
    pub auth: String,
    pub fingerprint: String,
    pub max_sessions: usize,
    /// Each class drill, e.g. `seed 7 (d-1a2b3c4d)`.
    pub drills: Vec<String>,
    pub log: String,
    /// The class drills with their questions, for the class view.
    pub class: Vec<super::class::ClassDrill>,
    /// What the last reload (SIGHUP) did, sanitized, e.g. `reloaded: roster 30 names, ...`.
    pub reload: Option<String>,
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
    /// In the place of the students' table: the class view (`c`) or the keys (`?`).
    pub body: Vec<Line<'static>>,
    /// A paced drill is served (its keys are in the footer).
    pub paced: bool,
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
                Line::raw(match &h.reload {
                    Some(r) => format!("drills: {drills} · log {} · {r}", h.log),
                    None => format!("drills: {drills} · log {}", h.log),
                }),
            ]),
            top,
            buf,
        );
        if !self.body.is_empty() {
            Widget::render(
                ratatui::widgets::Paragraph::new(self.body.clone()).block(Block::bordered()),
                table,
                buf,
            );
            Widget::render(Line::styled(self.footer(), bold), foot, buf);
            return;
        }
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
        let title = format!(
            " {} · results: ✓ right ✗ wrong ⏱ timed out · open ",
            plural(self.students.len(), "student")
        );
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
        let footer = self.footer();
        Widget::render(Line::styled(footer, bold), foot, buf);
    }
}

impl View<'_> {
    /// The footer: the question asked, a notice, or the keys.
    fn footer(&self) -> String {
        if self.confirm {
            format!(
                "Stop the server and close {}? y: stop · any other key: go on",
                plural(self.live, "session")
            )
        } else if let Some(n) = &self.notice {
            format!("! {n}")
        } else {
            keys(self.paced).to_owned()
        }
    }
}

/// The dashboard's keys, as the footer shows them.
pub fn keys(paced: bool) -> &'static str {
    if paced {
        "n next · l lock · r reveal · p projector · c class · s sort · ? keys · q stop"
    } else {
        "c class view · s sort · ? keys · q stop the server"
    }
}

/// What each key does, for `?`.
pub const HELP: [&str; 9] = [
    "Keys of the dashboard",
    "n  open the next question for everyone (paced drill; after the reveal)",
    "l  lock answers to the open question",
    "r  reveal the key with the class's answers to every student",
    "p  projector: the open question full screen, with the answers as bars",
    "c  class view: facility per question and per sentence; c again: the students",
    "s  sort the class view: drill order, or hardest first",
    "?  these keys; ? again: back",
    "q  stop the server (asks first while students are connected)",
];

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
    let question = s.quiz.as_ref().map_or(String::new(), |q| {
        format!("{}/{}", q.current, q.results.len())
    });
    // A class drill's first tries (as the report counts them); else this session's answers.
    // The drill on screen is the last: the ones still to come are under it.
    let (score, results) = match s.drills.last() {
        Some(d) => {
            let (right, done) = d.score();
            (format!("{right}/{done}"), marks(&d.marks))
        }
        None => (
            format!("{}/{}", s.right, s.answered),
            s.quiz.as_ref().map_or(String::new(), |q| marks(&q.results)),
        ),
    };
    let place = if s.connected {
        crate::text::sanitize(&s.place)
    } else {
        format!("left ({})", crate::text::sanitize(&s.place))
    };
    Row::new(vec![
        crate::text::sanitize(&s.user),
        s.addr.to_string(),
        age,
        place,
        question,
        score,
        results,
    ])
}

/// `✓✗⏱·` per question: right, wrong, timed out, open.
pub fn marks(results: &[Mark]) -> String {
    results.iter().map(|m| m.symbol()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssh::registry::{DrillMarks, QuizPlace};
    use ratatui::Terminal;
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
            class: Vec::new(),
            reload: Some("reloaded: roster 2 names".into()),
        };
        let alice = Student {
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
                results: vec![Mark::Right, Mark::Wrong, Mark::Right, Mark::Open],
            }),
            connected: true,
            drills: Vec::new(),
            paced: None,
        };
        // bob is in the first of two class drills: the row shows it, not the one to come.
        let mut bob = alice.clone();
        bob.user = "bob".into();
        bob.drills = vec![
            DrillMarks {
                id: serde_json::from_str("\"d-2\"").unwrap(),
                marks: vec![Mark::Open; 3],
            },
            DrillMarks {
                id: serde_json::from_str("\"d-1\"").unwrap(),
                marks: vec![Mark::Right, Mark::Wrong, Mark::Open],
            },
        ];
        let students = vec![alice, bob];
        let view = View {
            header: &header,
            students: &students,
            live: 1,
            confirm: false,
            pace: Vec::new(),
            notice: None,
            projector: Vec::new(),
            body: Vec::new(),
            paced: false,
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
            "✓✗·",
            "1/200 sessions",
            "seed 7 (d-00000001)",
            "SHA256:abc",
            "reloaded: roster 2 names",
        ] {
            assert!(screen.contains(want), "{want} missing:\n{screen}");
        }
    }
}
