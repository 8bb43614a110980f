//! The item-analysis report on screen (`tutor report --tui`): snapshots at 80x24 and 120x40
//! on `TestBackend` (a class on the small invented course, so editing the default course
//! changes none of them), and the keys that scroll, switch panes and quit.

use crate::report_fixture as fixture;
use crate::support::fixtures;

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use tutor::course::Course;
use tutor::report::analysis::{Report, analyze};
use tutor::tui::Theme;
use tutor::tui::view::report::{Flow, Pane, ReportState, ReportView};

fn screen(report: &Report, state: &ReportState, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let view = ReportView {
        report,
        state,
        theme: Theme::new(true),
    };
    t.draw(|f| f.render_widget(&view, f.area())).expect("draw");
    t.backend().to_string()
}

fn hand() -> Report {
    analyze(&fixture::hand_example(), None, Some("d1"))
}

/// Twenty students on the seeded drill of `course`, built in memory.
fn class_on(course: &Course) -> Report {
    let questions = fixture::drill_spec().questions(course).expect("drill");
    let attempts = fixture::class_in_memory(course, &questions, 20, "d-class");
    analyze(&attempts, Some(course), None)
}

/// The class on the small invented course, for the snapshots.
fn class() -> Report {
    class_on(&fixtures::small())
}

fn press(state: &mut ReportState, report: &Report, code: KeyCode, size: (u16, u16)) -> Flow {
    let area = Rect::new(0, 0, size.0, size.1);
    state.handle(&KeyEvent::new(code, KeyModifiers::NONE), report, area)
}

#[test]
fn hand_example_80x24() {
    let text = screen(&hand(), &ReportState::default(), 80, 24);
    // i1's c and d: nobody took them; said in words, whole, at 80 columns.
    assert_eq!(
        text.matches("0.0% (0)  non-functional").count(),
        2,
        "{text}"
    );
    assert_snapshot!(text);
}

#[test]
fn hand_example_120x40() {
    assert_snapshot!(screen(&hand(), &ReportState::default(), 120, 40));
}

#[test]
fn class_items_80x24() {
    assert_snapshot!(screen(&class(), &ReportState::default(), 80, 24));
}

#[test]
fn class_students_with_help_120x40() {
    let r = class();
    let mut st = ReportState::default();
    press(&mut st, &r, KeyCode::Tab, (120, 40));
    press(&mut st, &r, KeyCode::Char('?'), (120, 40));
    assert_eq!((st.pane, st.help), (Pane::Students, true));
    assert_snapshot!(screen(&r, &st, 120, 40));
}

/// The student x item grid and the discussion list, on the class of the small course.
#[test]
fn class_grid_and_discuss_120x40() {
    let r = class();
    let mut st = ReportState {
        pane: Pane::Grid,
        ..ReportState::default()
    };
    let grid = screen(&r, &st, 120, 40);
    let d = &r.drills[0];
    let first = &d.students[0];
    assert!(grid.contains(&format!("│{} ", first.user)), "{grid}");
    assert_snapshot!("class_grid_120x40", grid);
    st.pane = Pane::Discuss;
    let discuss = screen(&r, &st, 120, 40);
    assert!(discuss.contains(&format!(
        "1. #{} {}",
        d.discuss[0].position, d.discuss[0].key
    )));
    assert_snapshot!("class_discuss_120x40", discuss);
}

/// The items pane on the real course: the selected question as the class saw it.
#[test]
fn real_course_items_120x40() {
    let r = class_on(&fixtures::embedded());
    let item = &r.drills[0].items[0];
    let text = screen(&r, &ReportState::default(), 120, 40);
    let lead = item.lead_in.as_deref().expect("the question");
    assert!(text.contains(lead), "{text}");
    assert!(text.contains("✓ key"), "{text}");
    assert_snapshot!(text);
}

#[test]
fn empty_report_and_too_small() {
    let empty = analyze(&[], None, None);
    let text = screen(&empty, &ReportState::default(), 80, 24);
    assert!(text.contains("no drill attempts found"), "{text}");
    let small = screen(&hand(), &ReportState::default(), 50, 12);
    assert!(small.contains("Terminal too small"), "{small}");
}

#[test]
fn keys_scroll_within_bounds_switch_panes_and_quit() {
    let r = class_on(&fixtures::embedded());
    let size = (80, 24);
    let mut st = ReportState::default();
    // 12 items, one selected, its question beside the table; the selection stops at the
    // last, and the table scrolls to keep it in view.
    for _ in 0..15 {
        press(&mut st, &r, KeyCode::Char('j'), size);
    }
    assert_eq!(st.scroll[0], 11);
    let last = &r.drills[0].items[11];
    let scrolled = screen(&r, &st, 80, 24);
    assert!(
        scrolled.contains(&format!("#12 {}", last.key)) && !scrolled.contains("case-goal "),
        "{scrolled}"
    );
    press(&mut st, &r, KeyCode::Char('g'), size);
    press(&mut st, &r, KeyCode::Char('j'), size);
    assert_eq!(st.scroll[0], 1);
    press(&mut st, &r, KeyCode::Tab, size);
    assert_eq!(st.pane, Pane::Students);
    // 20 students, 11 rows: the end is 9 down, and one up from there takes effect at once.
    press(&mut st, &r, KeyCode::End, size);
    assert_eq!(st.scroll[1], 9);
    press(&mut st, &r, KeyCode::Up, size);
    assert_eq!(st.scroll[1], 8);
    press(&mut st, &r, KeyCode::PageDown, size);
    assert_eq!(st.scroll[1], 9);
    press(&mut st, &r, KeyCode::Char('g'), size);
    assert_eq!(st.scroll[1], 0);
    assert_eq!(st.scroll[0], 1, "each pane keeps its own place");
    press(&mut st, &r, KeyCode::Tab, size);
    assert_eq!(st.pane, Pane::Grid);
    press(&mut st, &r, KeyCode::End, size);
    assert_eq!(st.scroll[2], 9, "the grid has a row per student");
    press(&mut st, &r, KeyCode::Tab, size);
    assert_eq!(st.pane, Pane::Discuss);
    press(&mut st, &r, KeyCode::End, size);
    assert!(st.scroll[3] > 0, "the discussion list scrolls: {st:?}");
    press(&mut st, &r, KeyCode::BackTab, size);
    assert_eq!(st.pane, Pane::Grid);
    press(&mut st, &r, KeyCode::Tab, size);
    press(&mut st, &r, KeyCode::Tab, size);
    assert_eq!(st.pane, Pane::Sentences);
    press(&mut st, &r, KeyCode::End, size);
    assert!(st.scroll[4] > 0, "sentences scroll: {st:?}");
    press(&mut st, &r, KeyCode::Tab, size);
    assert_eq!(st.pane, Pane::Items);
    assert_eq!(press(&mut st, &r, KeyCode::Char('q'), size), Flow::Quit);
    assert_eq!(press(&mut st, &r, KeyCode::Esc, size), Flow::Quit);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(st.handle(&ctrl_c, &r, Rect::new(0, 0, 80, 24)), Flow::Quit);
}
