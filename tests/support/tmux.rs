//! A real terminal for end-to-end tests: a tmux server of its own (a unique socket in a
//! scratch `TMUX_TMPDIR`, so tests run in parallel) with one session, `t`, killed on drop,
//! passed or failed. Keys go in with `tmux send-keys`; assertions read what tmux shows
//! (`tmux capture-pane`), never raw bytes (ratatui sends only what changed). Nothing waits a
//! fixed time: every step polls the pane until the expected text shows or [`WAIT`] passes, and
//! a timeout prints the last screen.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long any one expected screen may take to appear.
pub const WAIT: Duration = Duration::from_secs(15);

pub struct Tmux {
    socket: String,
    /// Scratch files of this test: the tmux socket (`TMUX_TMPDIR`), `HOME`, the tutor's data
    /// and cache, and a pid file; removed on drop, after the server is killed.
    dir: tempfile::TempDir,
}

/// `s` as one single-quoted shell word.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Whether tmux is installed (see [`super::tools_available`]).
pub fn available() -> bool {
    super::tools_available(&["tmux"])
}

impl Tmux {
    /// Starts a detached `width`x`height` session running the shell command `cmd` under
    /// /bin/sh; the pane closes when it exits.
    pub fn start(width: u16, height: u16, cmd: &str) -> Tmux {
        Tmux::start_in(tempfile::tempdir().expect("temp dir"), width, height, cmd)
    }

    /// [`Tmux::start`], but the pane then shows `EXIT=<status>` and stays open (read it with
    /// [`Tmux::wait_exit`]).
    pub fn run(width: u16, height: u16, cmd: &str) -> Tmux {
        Tmux::start(width, height, &format!("{cmd}; echo EXIT=$?; sleep 60"))
    }

    /// [`Tmux::start`] with the scratch directory `dir`, which `cmd` may already name.
    pub fn start_in(dir: tempfile::TempDir, width: u16, height: u16, cmd: &str) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "tutor-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let t = Tmux { socket, dir };
        let (w, h) = (width.to_string(), height.to_string());
        // -f /dev/null: no user configuration.
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
            cmd,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    /// Where a command may write its pid for the test (`echo $$ > ...`).
    pub fn pid_file(&self) -> PathBuf {
        self.dir.path().join("pid")
    }

    fn raw(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            // The socket lives in this test's scratch directory, so it goes with it.
            .env("TMUX_TMPDIR", self.dir.path())
            // Progress, the course cache and ssh's files of this test only, never the user's.
            .env("TUTOR_DATA_DIR", self.dir.path().join("data"))
            .env("TUTOR_CACHE_DIR", self.dir.path().join("cache"))
            .env("HOME", self.dir.path())
            .env_remove("SSH_AUTH_SOCK")
            // A known outer terminal and shell; not nested in a tmux the tests run under.
            .env("TERM", "xterm-256color")
            .env("SHELL", "/bin/sh")
            .env_remove("TMUX")
            .env_remove("TMUX_PANE")
            // Colour is chosen per test; a NO_COLOR of the caller must not leak in.
            .env_remove("NO_COLOR")
            .output()
            .expect("tmux runs")
    }

    fn tmux(&self, args: &[&str]) {
        let out = self.raw(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}\nscreen:\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.screen()
        );
    }

    /// Key names as tmux knows them: `a`, `Enter`, `C-c`, ...
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.tmux(&["resize-window", "-t", "t", "-x", &w, "-y", &h]);
    }

    /// The visible screen as text (empty when the pane is gone).
    pub fn screen(&self) -> String {
        let out = self.raw(&["capture-pane", "-p", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with the scrollback above it, for output longer than the pane, with lines
    /// the terminal wrapped joined again (`-J`).
    pub fn capture_all(&self) -> String {
        let out = self.raw(&["capture-pane", "-p", "-J", "-t", "t", "-S", "-"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with tmux's rendering of its styles (`-e`), still tmux's text.
    pub fn capture_styled(&self) -> String {
        let out = self.raw(&["capture-pane", "-p", "-e", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `ok` holds; panics with `what` and the screen after [`WAIT`].
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_until_in(what, Tmux::screen, ok)
    }

    /// [`Tmux::wait_until`] on what `capture` returns (e.g. [`Tmux::capture_all`]).
    pub fn wait_until_in(
        &self,
        what: &str,
        capture: impl Fn(&Tmux) -> String,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let screen = capture(self);
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {WAIT:?} waiting for {what}; last screen:\n{screen}\nwith scrollback:\n{}",
                self.capture_all()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("{needle:?}"), |s| s.contains(needle))
    }

    /// Waits for the `EXIT=<status>` of a command started with [`Tmux::run`]; that status.
    pub fn wait_exit(&self) -> i32 {
        let all = self.wait_until_in("EXIT=<status>", Tmux::capture_all, |s| {
            exit_status(s).is_some()
        });
        exit_status(&all).expect("an exit status")
    }
}

/// The last line of `screen`: the tutor's footer.
pub fn last_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// The words inside the boxes drawn on `screen` (a dialog), each line's part between its
/// first and last `│` joined with single spaces, so a sentence the box wrapped reads whole.
pub fn boxed(screen: &str) -> String {
    let inside = screen.lines().filter_map(|l| {
        let (_, rest) = l.split_once('│')?;
        let (body, _) = rest.rsplit_once('│')?;
        Some(body)
    });
    inside
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The status after the last `EXIT=` in `text`.
pub fn exit_status(text: &str) -> Option<i32> {
    let (_, after) = text.rsplit_once("EXIT=")?;
    let code: String = after.chars().take_while(char::is_ascii_digit).collect();
    code.parse().ok()
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Also on failure: never leave a server (and what runs in it) behind.
        let _ = self.raw(&["kill-server"]);
    }
}
