//! The login side of a connection: accepting and refusing, counting failed attempts (3 per
//! connection), the back-off per (address, name) (`ssh::penalty`), the session place taken
//! at login, password checks off the async threads, and keyboard-interactive, through which
//! every refusal reaches the student in words.

use super::{Conn, Kbd, MAX_FAILURES};
use crate::ssh::auth::{AuthMode, verify_password};
use crate::ssh::log::clean;
use crate::ssh::penalty::Turn;
use russh::server::{Auth, Response};
use russh::{MethodKind, MethodSet};
use std::borrow::Cow;
use std::sync::atomic::Ordering;

impl Conn {
    /// A rejection; after the last allowed failure only keyboard-interactive is left, which
    /// says why and ends the login.
    pub(super) fn reject(&self) -> Auth {
        let proceed = (self.failures >= MAX_FAILURES || self.refusal.is_some())
            .then(|| MethodSet::from(&[MethodKind::KeyboardInteractive][..]));
        Auth::Reject {
            proceed_with_methods: proceed,
            partial_success: false,
        }
    }

    pub(super) fn fail(&mut self, user: &str, method: &str, why: &str) -> Auth {
        self.failures += 1;
        self.shared.penalties.failed(self.guard.addr.ip(), user);
        self.log(format_args!(
            "auth fail user={} method={method} attempt={}/{}: {why}",
            clean(user),
            self.failures,
            MAX_FAILURES
        ));
        self.reject()
    }

    /// An attempt refused unchecked: the name's turn from this address is too far away. It
    /// counts against the connection, not as a guess.
    pub(super) fn too_soon(&mut self, user: &str, method: &str) -> Auth {
        self.failures += 1;
        self.log(format_args!(
            "auth fail user={} method={method} attempt={}/{}: not checked (back-off after failed logins for this name from this address)",
            clean(user),
            self.failures,
            MAX_FAILURES
        ));
        self.reject()
    }

    /// A correct login: a session place (or a refusal to be told, the server being full),
    /// and the connection's place among those logging in goes to the next.
    pub(super) fn accept(&mut self, user: &str, method: &str) -> Auth {
        // Past the grace time (a check or back-off ran over it): the stream closes next.
        let late = tokio::time::Instant::now() >= self.guard.deadline;
        if self.refusal.is_some() || self.failures >= MAX_FAILURES || late {
            return self.reject();
        }
        let registry = &self.shared.registry;
        self.shared.penalties.succeeded(self.guard.addr.ip(), user);
        match registry.admit(self.guard.id, self.guard.addr) {
            Ok(slot) => self.slot = Some(slot),
            Err(why) => {
                self.log(format_args!("refuse user={}: {why}", clean(user)));
                self.refusal = Some(why);
                return self.reject();
            }
        }
        self.user = Some(user.to_owned());
        self.authed.store(true, Ordering::Relaxed);
        self.guard.done();
        registry.log.line(format_args!(
            "auth ok user={} method={method} id={} from={} sessions={}",
            clean(user),
            self.guard.id,
            self.guard.addr,
            registry.live()
        ));
        Auth::Accept
    }

    /// Waits for this name's turn from this address; false: not now (refuse unchecked), or
    /// not before the login grace time is over.
    pub(super) async fn back_off(&self, user: &str) -> bool {
        match self.shared.penalties.turn(self.guard.addr.ip(), user) {
            Turn::Wait(wait) if tokio::time::Instant::now() + wait >= self.guard.deadline => false,
            Turn::Wait(wait) => {
                if !wait.is_zero() {
                    tokio::time::sleep(wait).await;
                }
                true
            }
            Turn::TooSoon(_) => false,
        }
    }

    pub(super) async fn check_password(&mut self, user: &str, password: &str) -> Auth {
        if !self.back_off(user).await {
            return self.too_soon(user, "password");
        }
        let hash = self.auth().password_hash(user).map(str::to_owned);
        let password = password.to_owned();
        let ok = {
            let _slot = self.shared.hash_slots.acquire().await;
            tokio::task::spawn_blocking(move || verify_password(hash.as_deref(), &password))
                .await
                .unwrap_or(false)
        };
        if ok {
            self.accept(user, "password")
        } else {
            self.fail(user, "password", "wrong password or name not on the roster")
        }
    }

    /// What keyboard-interactive must tell this client instead of asking for a password.
    pub(super) fn message(&self, user: &str) -> Option<String> {
        if let Some(why) = &self.refusal {
            return Some(format!("tutor: {why}."));
        }
        if self.failures >= MAX_FAILURES {
            return Some("tutor: too many failed attempts; wait a minute and try again.".into());
        }
        if crate::store::valid_user(user).is_err() {
            return Some(format!(
                "tutor: \"{}\" is not a valid learner name: use 1 to 32 of a-z 0-9 _ . - (not starting with -), e.g. ssh alice@this-host",
                shown(user)
            ));
        }
        match *self.auth() {
            AuthMode::Password(_) => None,
            AuthMode::Keys(_) => Some(format!(
                "tutor: no key of yours is on the class roster for \"{}\"; send your instructor your public key (~/.ssh/id_ed25519.pub).",
                shown(user)
            )),
            AuthMode::Open => Some("tutor: login refused.".into()),
        }
    }

    /// Keyboard-interactive: a refusal in words (no prompt; the answer ends the login), or
    /// OpenSSH's password prompt in `password` mode.
    pub(super) async fn keyboard_interactive(
        &mut self,
        user: &str,
        response: Option<Response<'_>>,
    ) -> Result<Auth, russh::Error> {
        Ok(match (self.kbd, response) {
            (Kbd::Asked, Some(mut answers)) => {
                self.kbd = Kbd::Idle;
                let password = answers.next().unwrap_or_default();
                let password = String::from_utf8_lossy(&password).into_owned();
                self.check_password(user, &password).await
            }
            (Kbd::Told, Some(_)) => {
                // A full server is no failed login: it does not slow the address down.
                if self.refusal.is_none() && self.failures < MAX_FAILURES {
                    self.fail(user, "keyboard-interactive", "refused");
                }
                // The student has read why: end the connection rather than let the client
                // go on trying other methods.
                return Err(russh::Error::Disconnect);
            }
            _ => match self.message(user) {
                Some(text) => {
                    self.kbd = Kbd::Told;
                    Auth::Partial {
                        name: Cow::Borrowed(""),
                        instructions: Cow::Owned(text),
                        prompts: Cow::Borrowed(&[]),
                    }
                }
                None => {
                    self.kbd = Kbd::Asked;
                    Auth::Partial {
                        name: Cow::Borrowed(""),
                        instructions: Cow::Borrowed(""),
                        prompts: Cow::Owned(vec![(Cow::Borrowed("Password: "), false)]),
                    }
                }
            },
        })
    }
}

/// A client's name as its terminal may show it: printable ASCII, at most 40 characters.
fn shown(name: &str) -> String {
    let mut out: String = name
        .chars()
        .take(40)
        .map(|c| if c.is_ascii_graphic() { c } else { '?' })
        .collect();
    if name.chars().count() > 40 {
        out.push_str("...");
    }
    out
}
