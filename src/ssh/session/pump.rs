//! The session's input side: takes from the [`Inbox`] what the [`Budget`] allows, decodes it
//! and applies it to the app, and says when a frame may be drawn. Everything read in one go
//! is drawn in one frame.

use super::budget::Budget;
use super::inbox::Inbox;
use crate::ssh::backend::SshBackend;
use crate::ssh::input::Decoder;
use crate::tui::run::apply;
use crate::tui::{Action, App, Effect, Input};
use ratatui::Terminal;
use std::sync::Arc;
use tokio::time::Instant;

/// Inputs applied before the session lets the other tasks run.
const YIELD_EVERY: usize = 64;

pub struct Pump {
    inbox: Arc<Inbox>,
    decoder: Decoder,
    budget: Budget,
    size: (u16, u16),
    /// Input left in the inbox for want of budget.
    waiting: bool,
    /// A change not drawn yet.
    pub dirty: bool,
}

/// What a read did.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    /// The app quit.
    Quit,
    /// The client's input ended.
    Closed,
    /// The client sent far more than its budget: the connection is to be closed.
    Flooded,
    /// Whether any bytes came (a key press, for the idle timeout).
    Done { typed: bool },
}

impl Pump {
    pub fn new(inbox: Arc<Inbox>, size: (u16, u16)) -> Pump {
        Pump {
            inbox,
            decoder: Decoder::default(),
            budget: Budget::new(Instant::now()),
            size,
            waiting: false,
            dirty: false,
        }
    }

    pub fn inbox(&self) -> Arc<Inbox> {
        Arc::clone(&self.inbox)
    }

    /// When input left waiting may be read.
    pub fn read_at(&mut self) -> Option<Instant> {
        let now = Instant::now();
        self.waiting.then(|| self.budget.input_at(now))
    }

    /// When the change (or window size) not drawn yet may be.
    pub fn draw_at(&mut self) -> Option<Instant> {
        let now = Instant::now();
        (self.dirty || self.inbox.resized()).then(|| self.budget.frame_at(now))
    }

    /// Whether to draw now: a frame is allowed (then counted) and there is a change. The
    /// window size is taken here, only when it can be drawn: a flood of window changes costs
    /// at most one layout per frame.
    pub fn frame(
        &mut self,
        app: &mut App,
        terminal: &mut Terminal<SshBackend>,
        on_effect: &mut impl FnMut(&Effect) -> Vec<Action>,
    ) -> bool {
        let now = Instant::now();
        if !self.budget.may_draw(now) {
            return false;
        }
        if let Some((w, h)) = self.inbox.take_size().filter(|&s| s != self.size) {
            self.size = (w, h);
            terminal.backend_mut().set_size(w, h);
            self.dirty |= apply(app, Input::Resize(w, h), on_effect).changed;
        }
        if !self.dirty {
            return false;
        }
        self.dirty = false;
        self.budget.drew(now);
        true
    }

    /// Reads and applies the bytes the budget allows, a piece at a time, letting the other
    /// tasks run between pieces.
    pub async fn read(
        &mut self,
        app: &mut App,
        on_effect: &mut impl FnMut(&Effect) -> Vec<Action>,
    ) -> Read {
        let mut typed = false;
        loop {
            let now = Instant::now();
            let taken = self.inbox.take(self.budget.allowance(now));
            if taken.flooded {
                return Read::Flooded;
            }
            if taken.closed {
                return Read::Closed;
            }
            self.waiting = taken.more;
            if taken.bytes.is_empty() {
                return Read::Done { typed };
            }
            typed = true;
            let inputs = self.decoder.feed_part(&taken.bytes, taken.more);
            self.budget.spend(taken.bytes.len(), inputs.len(), now);
            for (i, input) in inputs.into_iter().enumerate() {
                let applied = apply(app, input, on_effect);
                if applied.quit {
                    return Read::Quit;
                }
                self.dirty |= applied.changed;
                if i % YIELD_EVERY == YIELD_EVERY - 1 {
                    tokio::task::yield_now().await;
                }
            }
            if !taken.more {
                return Read::Done { typed };
            }
            tokio::task::yield_now().await;
        }
    }
}
