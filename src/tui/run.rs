//! The event loop: read an input, map it to an action, update, draw. Generic over the
//! backend and the input source; it draws only after an input changed something, so an idle
//! tutor uses no CPU and writes nothing.

use super::action::{Action, Effect};
use super::app::App;
use super::keys;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::io;

/// What an input source delivers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// SIGTERM, SIGHUP or the connection closing: quit and restore the terminal.
    Terminate,
    /// The time (Unix ms), when no input came within the tick interval the app asked for.
    Tick(i64),
    /// The instructor of a paced drill moved the class (over SSH, from the dashboard).
    Pace(Box<crate::session::pace::PaceUpdate>),
}

/// A blocking source of inputs; `Ok(None)` when it is closed.
pub trait Events {
    fn next(&mut self) -> io::Result<Option<Input>>;

    /// Like [`Events::next`], but returns [`Input::Tick`] with the time when `timeout` passes
    /// without input. Sources without a clock never tick (timed drills then count down only
    /// on keys).
    fn next_timeout(&mut self, timeout: Option<std::time::Duration>) -> io::Result<Option<Input>> {
        let _ = timeout;
        self.next()
    }
}

/// Most follow-up actions one input may cause, so a host answering every action with another
/// cannot hang the loop.
const MAX_FOLLOW_UPS: usize = 64;

/// Runs `app` until it quits or the input closes. `on_effect` carries out every effect (e.g.
/// stores an answer) and may answer with actions; all of that happens before the next frame
/// is drawn, so what the screen acknowledges is already stored.
pub fn run<B>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl Events,
    mut on_effect: impl FnMut(&Effect) -> Vec<Action>,
) -> io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    app.update(Action::Resize(size.width, size.height));
    draw(terminal, app)?;
    while let Some(input) = events.next_timeout(app.tick_interval())? {
        let applied = apply(app, input, &mut on_effect);
        if applied.quit {
            return Ok(());
        }
        // Keys bound to nothing change nothing: no redraw.
        if applied.changed {
            draw(terminal, app)?;
        }
    }
    Ok(())
}

/// What one input did to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    /// Something changed: the screen needs drawing.
    pub changed: bool,
    /// The app quit: stop without drawing.
    pub quit: bool,
}

/// Maps one input to actions and applies them with their effects and follow-ups, as [`run`]
/// does for each input; for hosts that drive the loop themselves (the SSH server's async
/// sessions).
pub fn apply(
    app: &mut App,
    input: Input,
    on_effect: &mut impl FnMut(&Effect) -> Vec<Action>,
) -> Applied {
    let mut changed = false;
    for step in steps(input) {
        let action = match step {
            Step::Key(k) => keys::action(app.context(), k),
            Step::Do(a) => Some(a),
        };
        let Some(action) = action else { continue };
        let mut queue = std::collections::VecDeque::from([action]);
        let mut budget = MAX_FOLLOW_UPS;
        while let Some(action) = queue.pop_front() {
            let effects = app.update(action);
            for e in &effects {
                if budget > 0 {
                    let follow = on_effect(e);
                    budget = budget.saturating_sub(follow.len());
                    queue.extend(follow);
                }
            }
            if effects.contains(&Effect::Quit) {
                return Applied {
                    changed,
                    quit: true,
                };
            }
        }
        changed = true;
    }
    Applied {
        changed,
        quit: false,
    }
}

/// Part of an input: a key is mapped to an action in the context the previous step left.
enum Step {
    Key(KeyEvent),
    Do(Action),
}

/// The steps an input stands for. Esc typed quickly before a key reaches us as Alt+key
/// (terminals send both as ESC then the key), so Alt+key is taken as Esc, then the key.
fn steps(input: Input) -> Vec<Step> {
    match input {
        Input::Key(k)
            if k.modifiers.contains(KeyModifiers::ALT) && matches!(k.code, KeyCode::Char(_)) =>
        {
            vec![
                Step::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
                Step::Key(KeyEvent::new(k.code, k.modifiers - KeyModifiers::ALT)),
            ]
        }
        Input::Key(k) => vec![Step::Key(k)],
        Input::Paste(s) => vec![Step::Do(Action::Paste(s))],
        Input::Resize(w, h) => vec![Step::Do(Action::Resize(w, h))],
        Input::Terminate => vec![Step::Do(Action::ForceQuit)],
        Input::Tick(now) => vec![Step::Do(Action::Tick(now))],
        Input::Pace(update) => vec![Step::Do(Action::Pace(update))],
    }
}

/// Draws the app over the whole terminal (keeping its scroll within what is drawn).
pub fn draw<B>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    terminal
        .draw(|f| f.render_stateful_widget(super::view::AppView, f.area(), app))
        .map(|_| ())
        .map_err(io::Error::other)
}
