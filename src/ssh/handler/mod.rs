//! One connection: authentication (at most 3 failed attempts, back-off per address and
//! name, refusals told in words through keyboard-interactive), then one session channel with
//! a pty and a shell, whose bytes and window sizes go to the session task. Exec, subsystems,
//! forwarding and sessions without a pty are refused with a message.

mod login;

use super::Shared;
use super::auth::AuthMode;
use super::limits::Startup;
use super::log::clean;
use super::registry::ConnGuard;
use super::session::{self, Inbox};
use russh::keys::PublicKey;
use russh::server::VerifiedPublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, Response, Session};
use russh::{Channel, ChannelId, Pty};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Failed login attempts allowed per connection.
const MAX_FAILURES: u32 = 3;
/// How long a session closed for flooding has to say so before its connection is closed.
const FLOOD_GRACE: std::time::Duration = std::time::Duration::from_secs(5);
/// Largest terminal accepted from a pty request (larger is clamped).
const MAX_COLS: u16 = 500;
const MAX_ROWS: u16 = 200;

/// What keyboard-interactive is doing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kbd {
    Idle,
    /// A message with no prompt was shown: the answer ends the login.
    Told,
    /// "Password:" was asked.
    Asked,
}

/// Refused requests logged per connection.
const LOGGED_REFUSALS: u32 = 8;

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

    fn auth(&self) -> &AuthMode {
        &self.shared.settings.auth
    }

    fn log(&self, what: std::fmt::Arguments<'_>) {
        self.shared.registry.log.line(format_args!(
            "{what} id={} from={}",
            self.guard.id, self.guard.addr
        ));
    }

    /// Logs a refused request, the first few on a connection only.
    fn log_refusal(&mut self, what: &str) {
        self.refused = self.refused.saturating_add(1);
        match self.refused {
            ..=LOGGED_REFUSALS => self.log(format_args!("refuse {what}")),
            n if n == LOGGED_REFUSALS + 1 => self.log(format_args!(
                "refuse {what}; further refusals on this connection are not logged"
            )),
            _ => {}
        }
    }

    /// Answers a request that is not served with a message on stderr and exit status 1.
    fn refuse(&mut self, channel: ChannelId, session: &mut Session, what: &str, message: &str) {
        self.log_refusal(what);
        let _ = session.channel_success(channel);
        let _ = session.extended_data(channel, 1, format!("tutor: {message}\r\n"));
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }

    fn ours(&self, channel: ChannelId) -> bool {
        self.channel == Some(channel)
    }

    /// The session's inbox, for requests on our channel once the session started.
    fn inbox(&self, channel: ChannelId) -> Option<&Inbox> {
        self.tx.as_deref().filter(|_| self.ours(channel))
    }
}

/// A size from the client, kept within what a terminal can be (a huge one would make the
/// screen buffers huge); 0 means unknown (e.g. `ssh -tt` without a local terminal): 80x24.
fn clamp(cols: u32, rows: u32) -> (u16, u16) {
    let or = |n: u32, default: u32| if n == 0 { default } else { n };
    let c = or(cols, 80).min(u32::from(MAX_COLS)) as u16;
    let r = or(rows, 24).min(u32::from(MAX_ROWS)) as u16;
    (c, r)
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        let open = matches!(self.auth(), AuthMode::Open);
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
        if matches!(self.auth(), AuthMode::Keys(_)) && self.refusal.is_none() {
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
        if !matches!(self.auth(), AuthMode::Password(_)) || self.refusal.is_some() {
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
        if self.ours(channel) && self.tx.is_none() {
            self.pty = Some(clamp(cols, rows));
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
        let Some(inbox) = self.inbox(channel) else {
            return Ok(());
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
        if self.ours(channel) {
            let (c, r) = clamp(cols, rows);
            self.pty = Some((c, r));
            // Only the latest size is kept: a flood of window changes holds nothing.
            if let Some(inbox) = self.inbox(channel) {
                inbox.resize(c, r);
            }
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The terminal's input ended: like a hangup.
        if let Some(inbox) = self.inbox(channel) {
            inbox.close();
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(inbox) = self.inbox(channel) {
            inbox.close();
        }
        Ok(())
    }
}
