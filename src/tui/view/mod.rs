//! Drawing: `impl Widget for &App`, a header, the current screen, a footer of key hints, and
//! overlays. Views read state and do no I/O; only [`AppView`] writes back, keeping each scroll
//! offset within what it drew.

pub mod feedback;
pub mod home;
pub mod lesson;
pub mod nothing_due;
pub mod overlay;
pub mod paced;
pub mod quiz;
pub mod report;
pub mod results;
pub mod source;
pub mod stats;

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Screen};
use super::keys;
use crate::session::Phase;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};

/// The app drawn by the event loop: the screen's scroll is first kept within its content at
/// this size, so scrolling back up after overshooting takes effect at once.
pub struct AppView;

impl StatefulWidget for AppView {
    type State = App;

    fn render(self, area: Rect, buf: &mut Buffer, app: &mut App) {
        clamp_scroll(app, area);
        (&*app).render(area, buf);
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        let [header, body, footer_area] = rows(area);
        let body = inner(body);
        let t = &self.theme;
        let (title, place) = where_am_i(self);
        let right = Span::styled(place, t.dim());
        // Said in words at the very start of every screen: answers given now are lost.
        let unsaved = self.progress.as_ref().is_some_and(|p| p.unsaved.is_some());
        let warning = Span::styled(if unsaved { "NOT SAVED · " } else { "" }, t.wrong());
        let left_width =
            usize::from(header.width).saturating_sub(right.width() + warning.width() + 1);
        let left = Span::styled(clip(&title, left_width), t.title());
        Line::from(vec![warning, left]).render(header, buf);
        Line::from(right).right_aligned().render(header, buf);

        match self.screen() {
            Screen::Home { selected } => home::render_home(self, *selected, body, buf),
            Screen::Lessons { selected } => home::render_lessons(self, *selected, body, buf),
            Screen::Lesson {
                index,
                scroll,
                term,
            } => {
                let lines = lesson::lines(self, *index, *term, usize::from(body.width));
                scrolled(lines, *scroll, body, buf);
            }
            Screen::Quiz(q) => match q.session.phase() {
                Phase::Done => scrolled(
                    results::lines(self, q, usize::from(body.width)),
                    q.scroll,
                    body,
                    buf,
                ),
                _ => quiz::render(self, q, body, buf),
            },
            Screen::Source {
                selected,
                cited_by,
                link,
            } => source::render(self, *selected, *cited_by, *link, body, buf),
            Screen::Stats { scroll } => scrolled(
                stats::lines(self, usize::from(body.width)),
                *scroll,
                body,
                buf,
            ),
            Screen::NothingDue(n) => scrolled(
                nothing_due::lines(self, n, usize::from(body.width)),
                0,
                body,
                buf,
            ),
        }
        footer(self, footer_area, buf);
        // Above the footer, which names the overlay's own keys.
        let above_footer = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        overlay::render(self, above_footer, buf);
    }
}

/// The body area inside a one-column margin.
/// The header line, the body and the footer line. Plain arithmetic: the layout solver costs
/// a tenth of a millisecond on the first frame, and this split needs none.
fn rows(area: Rect) -> [Rect; 3] {
    let line = |y| Rect {
        y,
        height: area.height.min(1),
        ..area
    };
    let body = Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(2),
        ..area
    };
    [line(area.y), body, line(area.bottom().saturating_sub(1))]
}

fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

/// Header text: the course and the screen (left), where you are in it (right).
fn where_am_i(app: &App) -> (String, String) {
    let course = crate::text::sanitize(&app.course.meta.title);
    match app.screen() {
        Screen::Home { .. } => (course, String::new()),
        Screen::Lessons { .. } => (
            format!("{course} · Lessons"),
            format!("{} lessons", app.course.lessons.len()),
        ),
        Screen::Lesson { index, .. } => {
            let title = app
                .course
                .lessons
                .get(*index)
                .map_or("", |l| l.title.as_str());
            (
                crate::text::sanitize(title),
                format!("Lesson {}/{}", index + 1, app.course.lessons.len()),
            )
        }
        Screen::Quiz(q) => {
            let exam = q.session.drill().is_some_and(|d| d.exam);
            let place = match q.session.phase() {
                Phase::Done => format!("Results · seed {}", q.session.seed()),
                Phase::Feedback if q.session.reviewing() => format!(
                    "Feedback {} of {} · seed {}",
                    q.session.current() + 1,
                    q.session.questions().len(),
                    q.session.seed()
                ),
                // An exam holds its feedback, so the running score would give answers away.
                _ if exam => format!(
                    "Question {} of {} · seed {}",
                    q.session.number(q.session.current()),
                    q.session.first_try_count(),
                    q.session.seed()
                ),
                _ => {
                    let (right, answered) = if q.session.phase() == Phase::Held {
                        q.session.score_before(q.session.current())
                    } else {
                        (q.session.score(), q.session.answered())
                    };
                    format!(
                        "Question {} of {} · score {right}/{answered} · seed {}",
                        q.session.number(q.session.current()),
                        q.session.first_try_count(),
                        q.session.seed()
                    )
                }
            };
            let again = q.session.phase() != Phase::Done && q.session.again_at(q.session.current());
            let place = if again {
                format!("asked again · {place}")
            } else {
                place
            };
            let place = match q.seconds_left() {
                Some(s) => format!("⏱ {s} s left · {place}"),
                None => place,
            };
            (crate::text::sanitize(q.session.title()), place)
        }
        Screen::Source { selected, .. } => {
            let id = app
                .course
                .sentences()
                .get(*selected)
                .map_or("", |s| s.id.as_str());
            (
                format!("{course} · Source"),
                format!("{id} ({}/{})", selected + 1, app.course.sentences().len()),
            )
        }
        Screen::NothingDue(_) => (format!("{course} · Review"), String::new()),
        Screen::Stats { .. } => {
            let who = app.progress.as_ref().map_or(String::new(), |p| {
                format!("user {}", crate::text::sanitize(&p.user))
            });
            (format!("{course} · Statistics"), who)
        }
    }
}

fn footer(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    if let Some(n) = &app.notice {
        // The header's countdown may be out of mind: the notice says it too.
        let clock = time_left(app).map_or_else(String::new, |t| format!("{t} · "));
        let text = clip(
            &format!("! {clock}{}", crate::text::sanitize(n)),
            usize::from(area.width),
        );
        Line::from(Span::styled(text, t.notice())).render(area, buf);
        return;
    }
    let width = |(key, what): &(&str, &str)| key.chars().count() + what.chars().count() + 3;
    // Esc, ? and q are always shown; the screen's own hints fill the room left, in order.
    let enter = enter_hint(app);
    let (always, own): (Vec<_>, Vec<_>) = keys::footer(app.context())
        .into_iter()
        .map(|(key, what)| match (&enter, key) {
            (Some(n), "Enter") => (key, n.as_str()),
            _ => (key, what),
        })
        .partition(|(key, _)| keys::ALWAYS_SHOWN.contains(key));
    let mut room = usize::from(area.width).saturating_sub(always.iter().map(width).sum());
    let mut shown = Vec::new();
    for hint in own {
        if width(&hint) > room {
            break;
        }
        room -= width(&hint);
        shown.push(hint);
    }
    let spans: Vec<Span> = shown
        .into_iter()
        .chain(always)
        .flat_map(|(key, what)| [Span::styled(key, t.key()), Span::raw(format!(" {what}  "))])
        .collect();
    Line::from(spans).render(area, buf);
}

/// "time left: N s" while a timed question is open on screen, for overlays and notices.
pub fn time_left(app: &App) -> Option<String> {
    match app.screen() {
        Screen::Quiz(q) => q.seconds_left().map(|s| format!("time left: {s} s")),
        _ => None,
    }
}

/// Enter's footer hint where it depends on what is on screen: after an answer, what the body
/// says comes next; in the "Cited by" list, what the selected entry opens.
fn enter_hint(app: &App) -> Option<String> {
    match (app.context(), app.screen()) {
        (keys::Context::Feedback, Screen::Quiz(q)) if !q.session.reviewing() => {
            Some(feedback::next(q))
        }
        (keys::Context::CitedBy, Screen::Source { selected, link, .. }) => {
            source::enter_hint(&app.course, *selected, *link).map(str::to_owned)
        }
        _ => None,
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = format!(
        "Terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}). Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    let lines: Vec<Line> =
        super::wrap::lines(&msg, usize::from(area.width), 0, Default::default(), &[]);
    Paragraph::new(lines).render(area, buf);
}

/// Draws `lines` from `scroll` (clamped so the last page stays full). When more follows
/// below, the last row says so and how to get there, since the footer may have had no room
/// for the scrolling keys.
fn scrolled(lines: Vec<Line<'static>>, scroll: u16, area: Rect, buf: &mut Buffer) {
    let height = usize::from(area.height);
    let (total, max) = (lines.len(), lines.len().saturating_sub(height));
    let from = usize::from(scroll).min(max);
    let mut shown: Vec<Line<'static>> = lines.into_iter().skip(from).take(height).collect();
    if from + height < total
        && let Some(last) = shown.last_mut()
    {
        let more = format!(
            "↓ {} more lines below: j, ↓ or PgDn",
            total - from - height + 1
        );
        *last = Line::from(Span::styled(
            more,
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::BOLD),
        ));
    }
    Paragraph::new(shown).render(area, buf);
}

pub use crate::text::clip;

/// Keeps the current screen's scroll offset within its content drawn in `area`.
fn clamp_scroll(app: &mut App, area: Rect) {
    // At the top nothing can overshoot: no second wrapping of the body on most frames.
    let scroll = match app.screen() {
        Screen::Lesson { scroll, .. } | Screen::Stats { scroll } => *scroll,
        Screen::Quiz(q) => q.scroll,
        _ => 0,
    };
    if scroll == 0 {
        return;
    }
    let width = usize::from(area.width.saturating_sub(2));
    let height = usize::from(area.height.saturating_sub(2));
    let max = |n: usize| u16::try_from(n.saturating_sub(height)).unwrap_or(u16::MAX);
    let limit = match app.screen() {
        Screen::Lesson { index, term, .. } => max(lesson::lines(app, *index, *term, width).len()),
        Screen::Quiz(q) if q.session.phase() == Phase::Done => {
            max(results::lines(app, q, width).len())
        }
        Screen::Quiz(q) => max(quiz::lines(app, q, width).len()),
        Screen::Stats { .. } => max(stats::lines(app, width).len()),
        _ => return,
    };
    match app.screens.last_mut() {
        Some(Screen::Lesson { scroll, .. } | Screen::Stats { scroll }) => {
            *scroll = (*scroll).min(limit)
        }
        Some(Screen::Quiz(q)) => q.scroll = q.scroll.min(limit),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::rows;
    use ratatui::layout::{Constraint, Layout, Rect};

    #[test]
    fn rows_split_as_the_layout_solver_does() {
        // Smaller windows are told they are too small before any split.
        for (w, h) in [(80, 24), (120, 40), (60, 16), (1, 2)] {
            let area = Rect::new(2, 3, w, h);
            let solved: [Rect; 3] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(0),
                Constraint::Length(1),
            ])
            .areas(area);
            assert_eq!(rows(area), solved, "{w}x{h}");
        }
    }
}
