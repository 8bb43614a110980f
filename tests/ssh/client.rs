//! A scripted SSH client (russh) for the load test and `examples/ssh_load.rs`: logs in with
//! the `none` method (the server's `open` mode), asks for a pty and a shell, keeps what it
//! receives in a terminal emulator (vt100) and answers quiz questions by reading the screen.

#![allow(dead_code)]

use russh::client::{self, Handle, Msg};
use russh::keys::PublicKeyOrCertificate;
use russh::{Channel, ChannelMsg};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A terminal emulator of `cols`x`rows` (at least 1x1).
pub fn terminal(cols: u16, rows: u16) -> vt100::Parser {
    let nz = |n: u16| std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN);
    vt100::Parser::new(nz(rows), nz(cols), 0)
}

/// Accepts any host key: the tests' servers make a fresh one each time.
pub struct Trust;

impl client::Handler for Trust {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

pub struct Client {
    handle: Handle<Trust>,
    channel: Channel<Msg>,
    parser: vt100::Parser,
    pub exit: Option<u32>,
    pub closed: bool,
    /// Answers whose feedback the server drew: it records an answer before drawing it.
    pub acknowledged: usize,
}

fn config() -> Arc<client::Config> {
    Arc::new(client::Config {
        inactivity_timeout: Some(Duration::from_secs(120)),
        nodelay: true,
        ..Default::default()
    })
}

/// Connects and tries the `none` method only: whether the server let `user` in.
pub async fn login_none(port: u16, user: &str) -> Result<bool, String> {
    let mut handle = client::connect(config(), ("127.0.0.1", port), Trust)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let ok = handle
        .authenticate_none(user)
        .await
        .map_err(|e| format!("auth: {e}"))?
        .success();
    let _ = handle
        .disconnect(russh::Disconnect::ByApplication, "", "")
        .await;
    Ok(ok)
}

impl Client {
    /// Logs in as `user`, with a `cols`x`rows` pty and a shell.
    pub async fn connect(port: u16, user: &str, cols: u16, rows: u16) -> Result<Client, String> {
        let mut handle = client::connect(config(), ("127.0.0.1", port), Trust)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let auth = handle
            .authenticate_none(user)
            .await
            .map_err(|e| format!("auth: {e}"))?;
        if !auth.success() {
            return Err(format!("{user}: login refused"));
        }
        let channel = handle
            .channel_open_session()
            .await
            .map_err(|e| format!("channel: {e}"))?;
        channel
            .request_pty(false, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
            .await
            .map_err(|e| format!("pty: {e}"))?;
        channel
            .request_shell(false)
            .await
            .map_err(|e| format!("shell: {e}"))?;
        Ok(Client {
            handle,
            channel,
            parser: terminal(cols, rows),
            exit: None,
            closed: false,
            acknowledged: 0,
        })
    }

    pub async fn send(&self, bytes: &[u8]) -> Result<(), String> {
        self.channel
            .data_bytes(bytes.to_vec())
            .await
            .map_err(|e| format!("send: {e}"))
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads until the screen satisfies `ok`; the screen then, or an error with the screen
    /// after `limit`.
    pub async fn wait(
        &mut self,
        what: &str,
        limit: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return Ok(screen);
            }
            if self.closed {
                return Err(format!(
                    "closed while waiting for {what}; screen:\n{screen}"
                ));
            }
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Err(_) => {
                    return Err(format!(
                        "timed out after {limit:?} waiting for {what}; screen:\n{screen}"
                    ));
                }
                Ok(None) => self.closed = true,
                Ok(Some(msg)) => self.take(msg),
            }
        }
    }

    fn take(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::Data { data } | ChannelMsg::ExtendedData { data, .. } => {
                self.parser.process(&data)
            }
            ChannelMsg::ExitStatus { exit_status } => self.exit = Some(exit_status),
            ChannelMsg::Close => self.closed = true,
            _ => {}
        }
    }

    /// Answers `count` questions of the quiz on screen from the one it is at (the first
    /// option, or `x` in a text field), going on after each feedback; returns the time from
    /// each key press to the screen showing its effect.
    pub async fn answer(&mut self, count: usize, limit: Duration) -> Result<Vec<Duration>, String> {
        self.answer_paced(count, limit, || Duration::ZERO).await
    }

    /// [`Client::answer`] with `think()` waited before each key, as a person would.
    pub async fn answer_paced(
        &mut self,
        count: usize,
        limit: Duration,
        think: impl Fn() -> Duration,
    ) -> Result<Vec<Duration>, String> {
        let mut latencies = Vec::with_capacity(2 * count);
        let at = self
            .wait("a question", limit, |s| progress(s).is_some())
            .await?;
        let first = progress(&at).map_or(1, |p| p.0);
        for i in first..first + count {
            let asking = move |s: &str| progress(s).is_some_and(|p| p.0 == i && p.2 + 1 == i);
            let answered = move |s: &str| progress(s).is_some_and(|p| p.0 == i && p.2 == i);
            let screen = self.wait(&format!("question {i}"), limit, asking).await?;
            let of = progress(&screen).map_or(i, |p| p.1);
            let keys = answer_keys(&screen);
            tokio::time::sleep(think()).await;
            let t = Instant::now();
            self.send(keys).await?;
            self.wait(&format!("feedback {i}"), limit, answered).await?;
            self.acknowledged += 1;
            latencies.push(t.elapsed());
            tokio::time::sleep(think()).await;
            let t = Instant::now();
            self.send(b"\r").await?;
            if i < of {
                let next = move |s: &str| progress(s).is_some_and(|p| p.0 == i + 1);
                self.wait(&format!("question {}", i + 1), limit, next)
                    .await?;
            } else {
                self.wait("results", limit, |s| s.contains("Results"))
                    .await?;
            }
            latencies.push(t.elapsed());
        }
        Ok(latencies)
    }

    /// Stops reading: what the server sends from now on is thrown away as it arrives (the
    /// channel's read half is dropped), so this side only sends, as a client that never
    /// reads its session would.
    pub fn into_mute(self) -> Mute {
        let (read, write) = self.channel.split();
        drop(read);
        Mute {
            handle: self.handle,
            write,
        }
    }

    /// Quits politely (`q`, and `y` if asked) and waits for the channel to close.
    pub async fn quit(mut self, limit: Duration) -> Result<Option<u32>, String> {
        self.send(b"q").await?;
        // q must ask (or close): a q typed into an answer field would do neither.
        let screen = self
            .wait("quit", limit, |s| {
                s.contains("Are you sure?") || s.is_empty()
            })
            .await?;
        if screen.contains("Are you sure?") {
            self.send(b"y").await?;
        }
        let _ = self.wait("close", limit, |_| false).await;
        Ok(self.exit)
    }
}

/// The keys that answer the question on `screen`: a letter for a choice (plus Enter for a
/// multi-select), a word and Enter for free text.
pub fn answer_keys(screen: &str) -> &'static [u8] {
    // The footer names the letters there are: `a-d answer`, `a-e toggle`.
    let letters = |what: &str| ('b'..='z').any(|c| screen.contains(&format!("a-{c} {what}")));
    if letters("toggle") {
        b"a\r"
    } else if letters("answer") {
        b"a"
    } else {
        b"x\r"
    }
}

/// `(question, of, answered)` from the header `Question 3 of 10 · score 1/2 · seed 5`.
pub fn progress(screen: &str) -> Option<(usize, usize, usize)> {
    let rest = screen.split("Question ").nth(1)?;
    let num = |s: &str| -> Option<(usize, usize)> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        Some((digits.parse().ok()?, digits.len()))
    };
    let (q, n) = num(rest)?;
    let rest = rest[n..].strip_prefix(" of ")?;
    let (of, n) = num(rest)?;
    let rest = rest[n..].strip_prefix(" · score ")?;
    let (_, n) = num(rest)?;
    let rest = rest[n..].strip_prefix('/')?;
    let (answered, _) = num(rest)?;
    Some((q, of, answered))
}

/// A session that only sends: window changes and bytes, never reading what comes back.
pub struct Mute {
    handle: Handle<Trust>,
    write: russh::ChannelWriteHalf<Msg>,
}

impl Mute {
    /// A window-change request (no reply is asked for).
    pub async fn window_change(&self, cols: u32, rows: u32) -> Result<(), String> {
        self.write
            .window_change(cols, rows, 0, 0)
            .await
            .map_err(|e| format!("window change: {e}"))
    }

    pub async fn send(&self, bytes: &[u8]) -> Result<(), String> {
        self.write
            .data_bytes(bytes.to_vec())
            .await
            .map_err(|e| format!("send: {e}"))
    }

    /// A global request the server answers (it refuses forwarding): once the answer is
    /// back, the server has handled everything sent before it.
    pub async fn round_trip(&self) -> Result<(), String> {
        match self.handle.tcpip_forward("127.0.0.1", 1).await {
            Ok(_) | Err(russh::Error::RequestDenied) => Ok(()),
            Err(e) => Err(format!("round trip: {e}")),
        }
    }

    /// Whether the server has closed the connection.
    pub fn is_closed(&self) -> bool {
        self.handle.is_closed()
    }
}
