#!/usr/bin/env python3
"""Start-up, key-latency, idle and memory benchmark of the full-screen tutor, in a real pty.

Usage (from anywhere in the repository):

    python3 benches/startup.py              # builds, then measures (about 15 s)
    python3 benches/startup.py --no-build   # uses the binaries already built
    python3 benches/startup.py --runs 10 --presses 10
    python3 benches/startup.py --attempts 100000   # tutor starts on a store of 100,000 answers

It builds `cargo build --release --bin tutor --example one_frame` (unless --no-build) and
measures, in one run of this script, both `target/release/tutor --seed 1` and the baseline
`target/release/examples/one_frame` (a minimal ratatui 0.30 app: alternate screen and raw mode
through `ratatui::init()`, one Paragraph frame, waits for a key):

  (a) start-up: time from spawn to the first frame in a 120x40 pty (the window size is set
      with TIOCSWINSZ before exec); the first frame is when the output contains the app's
      marker ("Note:", near the end of tutor's home screen; "ONE-FRAME-READY" for the
      baseline). Median over --runs spawns (30), each quit with "q".
  (b) key-press-to-redraw latency: in one session, after the first frame, write "j" (moves the
      menu selection; the baseline moves its marker line) and time until new output bytes
      arrive; "j" and "k" alternate so every press changes the screen. Median over --presses
      presses (30).
  (c) idle: after the first frame and its output have settled, wait 2 s and check that zero
      bytes were written and that the process CPU time (utime + stime in /proc/PID/stat)
      did not increase.
  (d) peak RSS: VmHWM from /proc/PID/status just before quitting.
  (e) start-up to the stored figures: the tutor draws its first frame before it opens the
      progress store; this is the time until the figures ("bench: N answered") are shown.

The tutor runs with `--data-dir` in a fresh temporary directory (never the user's progress)
and `--user bench`; with `--attempts N` that store first gets N answers (spread over the
last 200 days) and a review state for every learning unit, so the first frame includes
opening a large store and computing the home screen figures.

Then it sends "q" and waits for the exit (status 0 expected). It prints a table of medians
with the ratio tutor/baseline. Exit status: 0 when everything ran (whatever the numbers,
including an idle check that failed: that is reported in the table), 1 when a build, a
spawn, a first frame or an exit failed or timed out. Linux only (/proc). Standard library only.
"""

import argparse
import random
import sqlite3
import tempfile
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLS, ROWS = 120, 40
FIRST_FRAME_TIMEOUT = 10.0
EXIT_TIMEOUT = 5.0
IDLE_SECONDS = 2.0
# Output is considered settled after this long without a byte.
QUIET = 0.15


class BenchError(Exception):
    """Something failed to run: the script exits 1."""


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")


def build():
    cmd = ["cargo", "build", "--release", "--bin", "tutor", "--example", "one_frame"]
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    if subprocess.call(cmd, cwd=ROOT) != 0:
        raise BenchError("cargo build failed")


class App:
    """One app under test: its command line and the text of its first frame."""

    def __init__(self, name, argv, marker, ready=None):
        self.name = name
        self.argv = argv
        self.marker = marker.encode()
        # Shown once the app's data is on screen too (tutor: the stored progress figures).
        self.ready = (ready or marker).encode()


class Session:
    """One run of an app in a fresh pty of COLS x ROWS."""

    def __init__(self, app):
        self.app = app
        self.out = bytearray()
        self.spawned = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            # Child: the pty slave is stdin/stdout/stderr and the controlling terminal.
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                env = dict(os.environ, TERM="xterm-256color")
                os.execve(app.argv[0], app.argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status = None

    def read(self, timeout):
        """Reads what is available within `timeout` seconds; returns the bytes (b"" if none)."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the pty
            data = b""
        if not data:
            self.reap(block=False)
            raise BenchError(f"{self.app.name}: the pty closed (exit {self.describe_status()})")
        self.out += data
        return data

    def wait_for(self, needle, timeout):
        """Reads until the output contains `needle`; returns the time it showed."""
        deadline = time.perf_counter() + timeout
        while needle not in self.out:
            left = deadline - time.perf_counter()
            if left <= 0:
                tail = bytes(self.out[-300:])
                raise BenchError(f"{self.app.name}: no {needle!r} within {timeout} s; last output {tail!r}")
            self.read(left)
        return time.perf_counter()

    def settle(self, quiet=QUIET, limit=5.0):
        """Reads until nothing came for `quiet` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if not self.read(quiet):
                return
        raise BenchError(f"{self.app.name}: output did not settle within {limit} s")

    def write(self, data):
        os.write(self.fd, data)

    def cpu_ticks(self):
        """utime + stime of the whole process, in clock ticks."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # Fields 14 and 15 of proc(5); the list starts at field 3 (state).
        return int(fields[11]) + int(fields[12])

    def peak_rss_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise BenchError(f"{self.app.name}: no VmHWM in /proc/{self.pid}/status")

    def reap(self, block):
        if self.status is None:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid:
                self.status = status
        return self.status

    def describe_status(self):
        if self.status is None:
            return "still running"
        if os.WIFSIGNALED(self.status):
            return f"signal {os.WTERMSIG(self.status)}"
        return str(os.WEXITSTATUS(self.status))

    def quit(self):
        """Sends "q" and waits for a clean exit, reading the output meanwhile."""
        self.write(b"q")
        deadline = time.perf_counter() + EXIT_TIMEOUT
        while self.reap(block=False) is None:
            if time.perf_counter() > deadline:
                self.kill()
                raise BenchError(f"{self.app.name}: did not exit within {EXIT_TIMEOUT} s of q")
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.01)
                if ready:
                    os.read(self.fd, 65536)
            except OSError:
                time.sleep(0.005)
        os.close(self.fd)
        if not (os.WIFEXITED(self.status) and os.WEXITSTATUS(self.status) == 0):
            raise BenchError(f"{self.app.name}: exit {self.describe_status()} after q")

    def kill(self):
        if self.reap(block=False) is None:
            os.kill(self.pid, signal.SIGKILL)
            self.reap(block=True)
        try:
            os.close(self.fd)
        except OSError:
            pass


def startup_times(app, runs):
    """Spawn to first frame, and spawn to the frame with the app's data, for each run."""
    times, ready = [], []
    for _ in range(runs):
        s = Session(app)
        try:
            shown = s.wait_for(app.marker, FIRST_FRAME_TIMEOUT)
            times.append(shown - s.spawned)
            ready.append(s.wait_for(app.ready, FIRST_FRAME_TIMEOUT) - s.spawned)
            s.settle()
            s.quit()
        except BaseException:
            s.kill()
            raise
    return times, ready


def session_measures(app, presses):
    """Idle check, key latency and peak RSS in one session."""
    s = Session(app)
    try:
        s.wait_for(app.marker, FIRST_FRAME_TIMEOUT)
        s.settle()
        # (c) idle
        cpu_before = s.cpu_ticks()
        idle_bytes = 0
        deadline = time.perf_counter() + IDLE_SECONDS
        while (left := deadline - time.perf_counter()) > 0:
            idle_bytes += len(s.read(left))
        idle_cpu = s.cpu_ticks() - cpu_before
        # (b) key-press-to-redraw
        latencies = []
        for i in range(presses):
            t0 = time.perf_counter()
            s.write(b"j" if i % 2 == 0 else b"k")
            if not s.read(FIRST_FRAME_TIMEOUT):
                raise BenchError(f"{app.name}: no redraw within {FIRST_FRAME_TIMEOUT} s of a key")
            latencies.append(time.perf_counter() - t0)
            s.settle(quiet=0.05)
        # (d) peak RSS, then quit
        rss = s.peak_rss_kib()
        s.quit()
    except BaseException:
        s.kill()
        raise
    return idle_bytes, idle_cpu, latencies, rss


def ms(seconds):
    return f"{seconds * 1000:.2f} ms"


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "n/a"


def fill_store(tutor, data_dir, attempts):
    """Creates the store with the tutor itself, then adds `attempts` answers of user `bench`."""
    subprocess.run([tutor, "--data-dir", data_dir, "--user", "bench", "stats"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if attempts == 0:
        return
    db = sqlite3.connect(os.path.join(data_dir, "tutor.db"))
    rng = random.Random(1)
    now = int(time.time() * 1000)
    units = [f"unit-{i}" for i in range(20)]
    rows = []
    for i in range(attempts):
        at = now - rng.randrange(200 * 86_400_000)
        sentence = f"s{rng.randrange(1, 15)}"
        rows.append((at, "bench", "metastatic-breast-cancer", 1, f"q{i % 500}", f"item-{i % 50}", None,
                     units[i % 20], 1, None, None, '["a","b","c","d"]', "A", rng.random() < 0.7, 0,
                     12.5, "practice", None, f'["{sentence}"]'))
    with db:
        db.executemany(
            "INSERT INTO attempts (at_ms, user, course, course_version, question, item, template, unit,"
            " quiz_seed, case_seed, vars, options, answer, correct, typo, seconds, mode, drill, cites)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        db.executemany(
            "INSERT OR REPLACE INTO reviews (user, course, unit, stability, difficulty, last_ms, due_ms,"
            " reps, lapses) VALUES ('bench', 'metastatic-breast-cancer', ?, 5.0, 5.0, ?, ?, 3, 0)",
            [(u, now - 86_400_000, now + rng.randrange(-5, 14) * 86_400_000) for u in units])
    db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--runs", type=int, default=30, help="spawns for the start-up median")
    parser.add_argument("--presses", type=int, default=30, help="key presses for the latency median")
    parser.add_argument("--attempts", type=int, default=0,
                        help="answers in the tutor's store before it starts (default: empty store)")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        raise BenchError("Linux only (reads /proc)")
    if not args.no_build:
        build()
    release = os.path.join(target_dir(), "release")
    data_dir = tempfile.mkdtemp(prefix="tutor-startup-")
    tutor = os.path.join(release, "tutor")
    fill_store(tutor, data_dir, args.attempts)
    apps = [
        App("tutor", [tutor, "--seed", "1", "--data-dir", data_dir, "--user", "bench"], "Note:",
            "bench: "),
        App("baseline", [os.path.join(release, "examples", "one_frame")], "ONE-FRAME-READY"),
    ]
    for app in apps:
        if not os.access(app.argv[0], os.X_OK):
            raise BenchError(f"{app.argv[0]} is not built (run without --no-build)")

    results = {}
    for app in apps:
        print(f"measuring {app.name} ...", file=sys.stderr, flush=True)
        startup, ready = startup_times(app, args.runs)
        idle_bytes, idle_cpu, latencies, rss = session_measures(app, args.presses)
        results[app.name] = {
            "startup": statistics.median(startup),
            "startup_min": min(startup),
            "ready": statistics.median(ready),
            "latency": statistics.median(latencies),
            "idle_bytes": idle_bytes,
            "idle_cpu": idle_cpu,
            "rss": rss,
        }

    t, b = results["tutor"], results["baseline"]
    hz = os.sysconf("SC_CLK_TCK")
    rows = [
        ("metric", "tutor", "baseline", "tutor/baseline"),
        (f"start-up to first frame, median of {args.runs}", ms(t["startup"]), ms(b["startup"]),
         ratio(t["startup"], b["startup"])),
        ("start-up to first frame, min", ms(t["startup_min"]), ms(b["startup_min"]),
         ratio(t["startup_min"], b["startup_min"])),
        ("start-up to stored figures on screen, median", ms(t["ready"]), ms(b["ready"]),
         ratio(t["ready"], b["ready"])),
        (f"key press to redraw, median of {args.presses}", ms(t["latency"]), ms(b["latency"]),
         ratio(t["latency"], b["latency"])),
        (f"idle {IDLE_SECONDS:g} s: bytes written", str(t["idle_bytes"]), str(b["idle_bytes"]), ""),
        (f"idle {IDLE_SECONDS:g} s: CPU ticks (1/{hz} s)", str(t["idle_cpu"]), str(b["idle_cpu"]), ""),
        ("peak RSS (VmHWM)", f"{t['rss'] / 1024:.1f} MiB", f"{b['rss'] / 1024:.1f} MiB",
         ratio(t["rss"], b["rss"])),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print(f"pty {COLS}x{ROWS}, TERM=xterm-256color, tutor store: {args.attempts} answers")
    for n, r in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    idle_ok = all(r["idle_bytes"] == 0 and r["idle_cpu"] == 0 for r in results.values())
    print(f"idle check: {'pass' if idle_ok else 'FAIL'} (zero bytes and no CPU time while idle)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"startup.py: {e}", file=sys.stderr)
        sys.exit(1)
