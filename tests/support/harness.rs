//! The TUI driven as its event loop drives it: every input goes through the loop's own
//! [`tutor::tui::run::apply`] (a key mapped in the app's context, the effects carried out by a
//! `Host` when there is one, its follow-up actions applied), and every frame is drawn by the
//! loop's [`tutor::tui::run::draw`] on a `TestBackend`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use tutor::course::Course;
use tutor::tui::host::Host;
use tutor::tui::run::{self, Applied, Input};
use tutor::tui::{Action, App, Effect, Theme};

pub struct Harness {
    pub app: App,
    host: Option<Host>,
    /// Every effect the app asked for, in order.
    pub effects: Vec<Effect>,
}

impl Harness {
    /// The app on `course` with quiz seed `seed`, monochrome (snapshots hold no colour), and
    /// no host: effects are only recorded.
    pub fn new(course: Arc<Course>, seed: u64) -> Harness {
        Harness::of(App::new(course, seed, Theme::new(true)))
    }

    pub fn of(app: App) -> Harness {
        Harness {
            app,
            host: None,
            effects: Vec::new(),
        }
    }

    /// `app` with `host` carrying out its effects, started as a local session starts: the
    /// host's first actions (progress figures, a quiz to resume) applied before any input.
    pub fn with_host(mut app: App, mut host: Host) -> Harness {
        for action in host.start() {
            app.update(action);
        }
        Harness::attach(app, host)
    }

    /// `app` with `host` carrying out its effects, both started already.
    pub fn attach(app: App, host: Host) -> Harness {
        Harness {
            app,
            host: Some(host),
            effects: Vec::new(),
        }
    }

    /// One input, through the loop's `apply`.
    pub fn input(&mut self, input: Input) -> Applied {
        let (host, effects) = (&mut self.host, &mut self.effects);
        let mut on_effect = |e: &Effect| {
            effects.push(e.clone());
            host.as_mut().map(|h| h.on_effect(e)).unwrap_or_default()
        };
        run::apply(&mut self.app, input, &mut on_effect)
    }

    pub fn key(&mut self, code: KeyCode) -> Applied {
        self.input(Input::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    /// Types `keys`, one key each: `\n` is Enter, `\x1b` Esc, `\t` Tab, any other character
    /// that key.
    pub fn press(&mut self, keys: &str) {
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\x1b' => KeyCode::Esc,
                '\t' => KeyCode::Tab,
                c => KeyCode::Char(c),
            };
            self.key(code);
        }
    }

    /// An action straight into the app, as the host's answers arrive (not from a key).
    pub fn send(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.effects.extend(effects);
    }

    /// The frame at `width`x`height` as text: the terminal resized (an input like any other),
    /// then drawn by the loop's `draw`.
    pub fn frame(&mut self, width: u16, height: u16) -> String {
        self.input(Input::Resize(width, height));
        render(&mut self.app, width, height)
    }

    /// The effects recorded since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }
}

/// `app` drawn by the loop's `draw` on a `width`x`height` `TestBackend`, as text (the app is
/// not told the size: that is an input of its own).
pub fn render(app: &mut App, width: u16, height: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    run::draw(&mut t, app).expect("draw");
    t.backend().to_string()
}
