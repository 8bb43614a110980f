//! One connection: authentication (at most 3 failed attempts, back-off per address and
//! name, refusals told in words through keyboard-interactive: `login`), then one session
//! channel with a pty and a shell, whose bytes and window sizes go to the session task
//! (`channel`). Exec, subsystems, forwarding and sessions without a pty are refused with a
//! message (`refuse`). This module holds the connection's state and russh's `Handler`, which
//! hands each request to one of those.

mod channel;
mod login;
mod refuse;

use super::Shared;
use super::auth::AuthMode;
use super::limits::Startup;
use super::log::clean;
use super::registry::ConnGuard;
use super::session::Inbox;
use russh::keys::PublicKey;
use russh::server::VerifiedPublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, Response, Session};
use russh::{Channel, ChannelId, Pty};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Failed login attempts allowed per connection.
const MAX_FAILURES: u32 = 3;

/// What keyboard-interactive is doing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kbd {
    Idle,
    /// A message with no prompt was shown: the answer ends the login.
    Told,
    /// "Password:" was asked.
    Asked,
}

pub struct Conn {
    shared: Arc<Shared>,
    /// Its id, address and place among the connections logging in (freed at login).
    guard: Startup,
    /// Its session place, taken at login (the caps count logged-in connections only).
    slot: Option<ConnGuard>,
    /// Why this connection is refused whatever it sends (the server is full).
    refusal: Option<String>,
    /// Set at login: the login grace time no longer applies.
    authed: Arc<AtomicBool>,
    started: Arc<AtomicBool>,
    failures: u32,
    /// Requests refused so far: past a few, they are no longer logged, so a client repeating
    /// them cannot fill the log.
    refused: u32,
    kbd: Kbd,
    /// The learner, once authenticated.
    user: Option<String>,
    channel: Option<ChannelId>,
    pty: Option<(u16, u16)>,
    mono: bool,
    /// The session's inbox (input bytes, window size), once it started: one slot, not a
    /// queue, so nothing a client sends piles up.
    tx: Option<Arc<Inbox>>,
}

impl Conn {
    pub fn new(
        shared: Arc<Shared>,
        guard: Startup,
        authed: Arc<AtomicBool>,
        started: Arc<AtomicBool>,
    ) -> Conn {
        let mono = shared.settings.mono;
        Conn {
            shared,
            guard,
            slot: None,
            refusal: None,
            authed,
            started,
            failures: 0,
            refused: 0,
            kbd: Kbd::Idle,
            user: None,
            channel: None,
            pty: None,
            mono,
            tx: None,
        }
    }

    /// The roster current now (a reload may change it between two attempts).
    fn auth(&self) -> Arc<AuthMode> {
        self.shared.settings.auth.now()
    }

    fn log(&self, what: std::fmt::Arguments<'_>) {
        self.shared.registry.log.line(format_args!(
            "{what} id={} from={}",
            self.guard.id, self.guard.addr
        ));
    }
}

/// The connection is gone (dropped by russh when the client vanishes without closing its
/// channel, e.g. killed): the session ends now, as on a hangup, instead of at its next
/// redraw, which on a still screen may never come.
impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(inbox) = &self.tx {
            inbox.close();
        }
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        let open = matches!(*self.auth(), AuthMode::Open);
        if open && self.refusal.is_none() && crate::store::valid_user(user).is_ok() {
            return Ok(self.accept(user, "none"));
        }
        // OpenSSH's first probe: not a failed attempt.
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        if self.refusal.is_none() && self.auth().key_allowed(user, offer.public_key) {
            return Ok(Auth::Accept);
        }
        if matches!(*self.auth(), AuthMode::Keys(_)) && self.refusal.is_none() {
            return Ok(self.fail(user, "publickey", "key not on the roster"));
        }
        Ok(Auth::reject())
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        if !self.back_off(user).await {
            return Ok(self.too_soon(user, "publickey"));
        }
        let key: &PublicKey = key.public_key;
        if self.auth().key_allowed(user, key) {
            return Ok(self.accept(user, "publickey"));
        }
        Ok(self.fail(user, "publickey", "key not on the roster"))
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        if !matches!(*self.auth(), AuthMode::Password(_)) || self.refusal.is_some() {
            return Ok(Auth::reject());
        }
        Ok(self.check_password(user, password).await)
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        self.keyboard_interactive(user, response).await
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One session per connection; dropping `reply` refuses the channel.
        if self.user.is_some() && self.channel.is_none() {
            self.channel = Some(channel.id());
            reply.accept().await;
        } else {
            self.log(format_args!("refuse second channel"));
        }
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host: &str,
        _port: u32,
        _from: &str,
        _from_port: u32,
        _reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log_refusal("forwarding");
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.take_pty(channel, cols, rows) {
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Only NO_COLOR is taken (`ssh -o SetEnv=NO_COLOR=1`): a monochrome screen.
        if name == "NO_COLOR" && self.tx.is_none() {
            self.mono |= !value.is_empty();
            session.channel_success(channel)?;
        } else {
            session.channel_failure(channel)?;
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.start_session(channel, session)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(
            channel,
            session,
            "exec",
            "commands are not available here; connect with `ssh -t NAME@HOST` and no command.",
        );
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let what = format!("subsystem {}", clean(name));
        self.refuse(channel, session, &what, "no subsystems (sftp, ...) here.");
        Ok(())
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log_refusal("x11 forwarding");
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.log_refusal("remote forwarding");
        Ok(false)
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        ssh: &mut Session,
    ) -> Result<(), Self::Error> {
        self.take_input(channel, data, ssh);
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.resize(channel, cols, rows);
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The terminal's input ended: like a hangup.
        self.end_input(channel);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.end_input(channel);
        Ok(())
    }
}
