//! The one session channel of a connection: its pty (size clamped), the session task the
//! shell request starts, and what the client sends on it from then on: input into the
//! session's inbox (a flood closes the connection), window sizes, and the end of input.

use super::Conn;
use crate::ssh::session::{self, Inbox};
use russh::ChannelId;
use russh::server::Session;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// How long a session closed for flooding has to say so before its connection is closed.
const FLOOD_GRACE: std::time::Duration = std::time::Duration::from_secs(5);
/// Largest terminal accepted from a pty request (larger is clamped).
const MAX_COLS: u16 = 500;
const MAX_ROWS: u16 = 200;

/// A size from the client, kept within what a terminal can be (a huge one would make the
/// screen buffers huge); 0 means unknown (e.g. `ssh -tt` without a local terminal): 80x24.
fn clamp(cols: u32, rows: u32) -> (u16, u16) {
    let or = |n: u32, default: u32| if n == 0 { default } else { n };
    let c = or(cols, 80).min(u32::from(MAX_COLS)) as u16;
    let r = or(rows, 24).min(u32::from(MAX_ROWS)) as u16;
    (c, r)
}

impl Conn {
    pub(super) fn ours(&self, channel: ChannelId) -> bool {
        self.channel == Some(channel)
    }

    /// The session's inbox, for requests on our channel once the session started.
    fn inbox(&self, channel: ChannelId) -> Option<&Inbox> {
        self.tx.as_deref().filter(|_| self.ours(channel))
    }

    /// A pty request: taken (true) on our channel before the session started.
    pub(super) fn take_pty(&mut self, channel: ChannelId, cols: u32, rows: u32) -> bool {
        if self.ours(channel) && self.tx.is_none() {
            self.pty = Some(clamp(cols, rows));
            return true;
        }
        false
    }

    /// A shell request: starts the session task, once, for a learner with a pty; refused
    /// with a message without a pty.
    pub(super) fn start_session(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), russh::Error> {
        let (Some(user), Some(size)) = (self.user.clone(), self.pty) else {
            self.refuse(
                channel,
                session,
                "shell without pty",
                "the tutor needs a terminal: connect with `ssh -t NAME@HOST`.",
            );
            return Ok(());
        };
        if !self.ours(channel) || self.tx.is_some() {
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        self.started.store(true, Ordering::Relaxed);
        let inbox = Arc::new(Inbox::default());
        self.tx = Some(Arc::clone(&inbox));
        tokio::spawn(session::run(session::Start {
            shared: Arc::clone(&self.shared),
            handle: session.handle(),
            channel,
            id: self.guard.id,
            addr: self.guard.addr,
            user,
            size,
            mono: self.mono,
            inbox,
        }));
        Ok(())
    }

    /// Bytes from the client's terminal, into the session's inbox.
    pub(super) fn take_input(&mut self, channel: ChannelId, data: &[u8], ssh: &mut Session) {
        let Some(inbox) = self.inbox(channel) else {
            return;
        };
        // Input waits in the inbox while over the session's budget; far more than that is
        // not a person typing. The session then says so and closes; if it cannot (a client
        // that does not read), the connection is closed a moment later anyway.
        if !inbox.push(data) {
            self.log(format_args!("input flood: closing"));
            let handle = ssh.handle();
            tokio::spawn(async move {
                tokio::time::sleep(FLOOD_GRACE).await;
                let why = "too much input".to_owned();
                let _ = handle
                    .disconnect(russh::Disconnect::ByApplication, why, String::new())
                    .await;
            });
        }
    }

    /// The client's window changed size.
    pub(super) fn resize(&mut self, channel: ChannelId, cols: u32, rows: u32) {
        if self.ours(channel) {
            let (c, r) = clamp(cols, rows);
            self.pty = Some((c, r));
            // Only the latest size is kept: a flood of window changes holds nothing.
            if let Some(inbox) = self.inbox(channel) {
                inbox.resize(c, r);
            }
        }
    }

    /// The client's input ended or the channel closed: the session ends as on a hangup.
    pub(super) fn end_input(&self, channel: ChannelId) {
        if let Some(inbox) = self.inbox(channel) {
            inbox.close();
        }
    }
}
