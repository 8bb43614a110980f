//! The login side of a connection: accepting and refusing, counting failed attempts (3 per
//! connection), the per-address back-off, password checks off the async threads, and
//! keyboard-interactive, through which every refusal reaches the student in words.

use super::{Conn, Kbd, MAX_FAILURES};
use crate::ssh::auth::{AuthMode, verify_password};
use crate::ssh::log::clean;
use russh::server::{Auth, Response};
use russh::{MethodKind, MethodSet};
use std::borrow::Cow;

impl Conn {
    /// A rejection; after the last allowed failure only keyboard-interactive is left, which
    /// says why and ends the login.
    pub(super) fn reject(&self) -> Auth {
        let proceed = (self.failures >= MAX_FAILURES)
            .then(|| MethodSet::from(&[MethodKind::KeyboardInteractive][..]));
        Auth::Reject {
            proceed_with_methods: proceed,
            partial_success: false,
        }
    }

    pub(super) fn fail(&mut self, user: &str, method: &str, why: &str) -> Auth {
        self.failures += 1;
        self.shared.registry.auth_failed(self.guard.addr.ip());
        self.log(format_args!(
            "auth fail user={} method={method} attempt={}/{}: {why}",
            clean(user),
            self.failures,
            MAX_FAILURES
        ));
        self.reject()
    }

    pub(super) fn accept(&mut self, user: &str, method: &str) -> Auth {
        if self.refusal.is_some() || self.failures >= MAX_FAILURES {
            return self.reject();
        }
        self.user = Some(user.to_owned());
        self.shared.registry.auth_ok(self.guard.addr.ip());
        self.log(format_args!("auth ok user={} method={method}", clean(user)));
        Auth::Accept
    }

    pub(super) async fn back_off(&self) {
        let wait = self.shared.registry.backoff(self.guard.addr.ip());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }

    pub(super) async fn check_password(&mut self, user: &str, password: &str) -> Auth {
        self.back_off().await;
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
        match self.auth() {
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
