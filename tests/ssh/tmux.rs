//! The real OpenSSH client in a tmux pane of its own tmux server (a unique socket in a
//! scratch `TMUX_TMPDIR`), killed on drop; assertions read `tmux capture-pane`, never raw
//! bytes (ratatui sends only what changed).

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long any one expected screen may take to appear.
pub const WAIT: Duration = Duration::from_secs(15);

pub struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

/// `s` as one single-quoted shell word.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The `ssh` command line for `user` on the test server: a forced pty, no host key files,
/// bounded in time; `extra` goes before the destination.
pub fn ssh_command(port: u16, user: &str, extra: &str) -> String {
    format!(
        "timeout --foreground 60 ssh -tt -p {port} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -F /dev/null {extra} -l {} 127.0.0.1",
        sh_quote(user)
    )
}

impl Tmux {
    /// Runs `cmd` under /bin/sh in a `width`x`height` pane; the pane then shows `EXIT=<status>`
    /// and stays open.
    pub fn start(width: u16, height: u16, cmd: &str) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "tutor-ssh-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let t = Tmux {
            socket,
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let (w, h) = (width.to_string(), height.to_string());
        let shell = format!("{cmd}; echo EXIT=$?; sleep 60");
        let out = t.raw(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &w,
            "-y",
            &h,
            &shell,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    fn raw(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("TMUX_TMPDIR", self.dir.path())
            .env("TERM", "xterm-256color")
            .env("SHELL", "/bin/sh")
            .env("HOME", self.dir.path())
            .env_remove("TMUX")
            .env_remove("TMUX_PANE")
            .env_remove("SSH_AUTH_SOCK")
            .output()
            .expect("tmux runs")
    }

    /// Key names as tmux knows them: `a`, `Enter`, `C-c`, ...
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        let out = self.raw(&args);
        assert!(out.status.success(), "send-keys {keys:?} failed");
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.raw(&["resize-window", "-t", "t", "-x", &w, "-y", &h]);
        assert!(out.status.success(), "resize-window failed");
    }

    /// The visible screen, with the scrollback above it.
    pub fn capture(&self) -> String {
        let out = self.raw(&["capture-pane", "-p", "-J", "-t", "t", "-S", "-"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The visible screen only.
    pub fn screen(&self) -> String {
        let out = self.raw(&["capture-pane", "-p", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `ok` holds; panics with `what` and the screen after [`WAIT`].
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {WAIT:?} waiting for {what}; last screen:\n{screen}\nwith scrollback:\n{}",
                self.capture()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Waits until ssh has exited; its status.
    pub fn wait_exit(&self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            let all = self.capture();
            if let Some((_, after)) = all.rsplit_once("EXIT=") {
                let code: String = after.chars().take_while(char::is_ascii_digit).collect();
                if let Ok(c) = code.parse() {
                    return c;
                }
            }
            assert!(
                Instant::now() < deadline,
                "ssh did not exit within {WAIT:?}:\n{all}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.raw(&["kill-server"]);
    }
}
