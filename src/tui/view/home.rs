//! The home screen (course, the note on the source, the menu) and the list of lessons.

use crate::figures::{percent, percent_of, percent_text};
use crate::text::{clip, sanitize};
use crate::tui::app::{App, MENU, MenuEntry, QUIZ_LEN};
use crate::tui::wrap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

fn describe(app: &App, entry: MenuEntry) -> String {
    let c = &app.course;
    match entry {
        MenuEntry::Lessons => format!(
            "{} lessons on the {} source sentences",
            c.lessons.len(),
            c.sentences().len()
        ),
        MenuEntry::PracticeQuiz => format!("{QUIZ_LEN} questions: fixed items and generated cases"),
        MenuEntry::CaseDrill => format!("{QUIZ_LEN} randomized clinical cases"),
        MenuEntry::Review => match &app.progress {
            Some(p) => {
                let new = crate::quiz::review::units(c)
                    .len()
                    .saturating_sub(p.states.len());
                format!("{} due now, {new} not yet studied", p.summary.due)
            }
            None => "spaced review of what is due".to_owned(),
        },
        MenuEntry::Statistics => "mastery by lesson and sentence, review forecast".to_owned(),
        MenuEntry::Source => "the whole document, sentence by sentence".to_owned(),
        MenuEntry::Help => "the keys of this screen, and how the tutor works".to_owned(),
        MenuEntry::Quit => String::new(),
    }
}

pub fn render_home(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let w = usize::from(area.width);
    let src = &app.course.meta.source;
    // The menu comes first so it fits the smallest window; the note follows at once.
    let mut lines = vec![Line::default()];
    for (i, &entry) in MENU.iter().enumerate() {
        let marker = if i == selected { "▸ " } else { "  " };
        let label = format!("{marker}{:<15}", entry.label());
        let style = if i == selected {
            t.selected()
        } else {
            t.text()
        };
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::styled(format!(" {}", describe(app, entry)), t.dim()),
        ]));
    }
    lines.push(Line::default());
    lines.extend(wrap::lines(&progress_line(app), w, 0, t.dim(), &[]));
    lines.push(Line::default());
    lines.extend(wrap::lines(
        &format!("Note: {}", sanitize(&src.note)),
        w,
        0,
        t.notice(),
        &[],
    ));
    lines.push(Line::default());
    let about = format!(
        "Source: {} ({})",
        sanitize(&src.title),
        sanitize(&src.attribution)
    );
    lines.extend(wrap::lines(&about, w, 0, t.dim(), &[]));
    Paragraph::new(lines).render(area, buf);
}

pub fn render_lessons(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let w = usize::from(area.width);
    let mut lines = vec![
        Line::from(Span::styled("Lessons", t.heading())),
        Line::default(),
    ];
    let stats = app.stats.as_deref();
    for (i, l) in app.course.lessons.iter().enumerate() {
        let marker = if i == selected { "▸ " } else { "  " };
        let style = if i == selected {
            t.selected()
        } else {
            t.text()
        };
        let title = clip(&format!("{marker}{}. {}", i + 1, sanitize(&l.title)), w);
        // The sentence ids fill the room left, cut with an ellipsis.
        let room = w.saturating_sub(title.chars().count());
        let ids = clip(&format!("  ({})", sanitize(&l.sentences.join(", "))), room);
        lines.push(Line::from(vec![
            Span::styled(title, style),
            Span::styled(ids, t.dim()),
        ]));
        let progress = stats.and_then(|s| s.per_lesson.get(i)).map(lesson_progress);
        if let Some(p) = progress {
            lines.push(Line::from(Span::styled(
                clip(&format!("     {p}"), w),
                t.dim(),
            )));
        }
    }
    if stats.is_some() {
        lines.push(Line::default());
        lines.extend(wrap::lines(LESSONS_KEY, w, 0, t.dim(), &[]));
    }
    // Keep the selection in view on short terminals (each lesson takes two lines).
    let per = if stats.is_some() { 2 } else { 1 };
    let skip = (per * selected + 2 + per).saturating_sub(usize::from(area.height));
    Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).render(area, buf);
}

/// What the lessons list's second lines mean.
const LESSONS_KEY: &str = "checked: its questions answered right, of all answered; recall: the \
     chance, predicted by FSRS, that you will still know it a week from now.";

/// A lesson's progress in words: read or not, how its questions went, recall in a week.
fn lesson_progress(s: &crate::report::LessonStat) -> String {
    let read = if s.read { "read" } else { "not read yet" };
    if s.answered == 0 {
        return format!("{read} · not checked yet");
    }
    let right = percent_text(percent_of(s.right, s.answered));
    let recall = s.recall_in_a_week.map_or(String::new(), |r| {
        format!(" · recall {}%", percent(f64::from(r)))
    });
    format!(
        "{read} · checked: {} of {} right ({right}){recall}",
        s.right, s.answered
    )
}

/// The key figures: stored progress when there is some, else this session's.
fn progress_line(app: &App) -> String {
    match &app.progress {
        Some(p) if p.unsaved.is_some() => {
            format!(
                "Progress is not being saved: {}",
                sanitize(p.unsaved.as_deref().unwrap_or(""))
            )
        }
        Some(p) => {
            let s = &p.summary;
            let pct = crate::figures::percent_of(s.right, s.answered);
            let pct = crate::figures::percent_text(pct);
            let days = if s.streak == 1 { "day" } else { "days" };
            format!(
                "{}: {} answered, {pct} right · {} due for review · streak {} {days}",
                sanitize(&p.user),
                s.answered,
                s.due,
                s.streak
            )
        }
        None if app.progress_pending => "Progress: reading your saved progress…".to_owned(),
        None => {
            let crate::tui::app::Tally { answered, right } = app.session;
            if answered == 0 {
                "Progress: nothing answered yet in this session.".to_owned()
            } else {
                format!("Progress this session: {right} of {answered} answers right.")
            }
        }
    }
}
