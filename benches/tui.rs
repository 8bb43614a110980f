//! TUI drawing benchmarks: one frame of the busiest screens at 120x40 into `TestBackend`
//! (target: median under 200 µs), and a key press's update plus redraw.
//!
//! Run: `cargo bench -p tutor-bench --bench tui`.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::sync::Arc;
use tutor::course::Course;
use tutor::tui::{Action, App, Theme};

fn app_at(actions: &[Action]) -> App {
    let mut app = App::new(
        Arc::new(Course::embedded().expect("course")),
        1,
        Theme::default(),
    );
    app.update(Action::Resize(120, 40));
    for a in actions {
        app.update(a.clone());
    }
    app
}

fn draw(c: &mut Criterion) {
    let screens = [
        // Case drill feedback: verdict, why, per-option feedback, quoted sources.
        (
            "feedback",
            vec![
                Action::Down,
                Action::Down,
                Action::Select,
                Action::Choose(0),
            ],
        ),
        // The longest lesson reader, with a glossary term open.
        (
            "lesson",
            vec![
                Action::Select,
                Action::Down,
                Action::Down,
                Action::Down,
                Action::Select,
                Action::NextTerm,
            ],
        ),
        ("home", vec![]),
    ];
    for (name, actions) in screens {
        let app = app_at(&actions);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        c.bench_function(&format!("draw_{name}_120x40"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| f.render_widget(black_box(&app), f.area()))
                    .expect("draw");
            })
        });
    }
    // A key press in the quiz: update (move the cursor) then redraw.
    let mut app = app_at(&[Action::Down, Action::Down, Action::Select]);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut down = true;
    c.bench_function("key_update_and_draw_120x40", |b| {
        b.iter(|| {
            app.update(if down { Action::Down } else { Action::Up });
            down = !down;
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        })
    });
}

criterion_group!(benches, draw);
criterion_main!(benches);
