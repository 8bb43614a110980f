//! One student's session: a tokio task that owns the student's `App`, `Host` (their progress
//! in the shared store), ratatui terminal and input decoder. It reads the bytes and window
//! size the connection handler leaves in its [`Inbox`], as far as its input [`budget`]
//! allows, runs them through the same `apply` as the local loop, draws into a buffer (once
//! for all it read) and flushes it to the channel after each frame (awaiting the channel,
//! so a slow client slows only its own session). Store writes run in `block_in_place`, so a
//! busy disk never stalls the other sessions on the same worker thread.

mod budget;
mod idle;
mod inbox;
mod pump;

pub use inbox::{Inbox, MAX_WAITING};

use super::Shared;
use super::backend::SshBackend;
use super::dashboard::{place, refresh};
use super::log::{clean, now_ms};
use super::registry::{Control, Registry, Student};
use crate::progress::Progress;
use crate::schedule::Scheduler;
use crate::tui::host::Host;
use crate::tui::run::{apply, draw};
use crate::tui::{Action, App, Effect, Input, Theme};
use idle::{Idle, minutes};
use pump::{Pump, Read};
use ratatui::Terminal;
use russh::ChannelId;
use russh::server::Handle;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::time::Instant;

pub struct Start {
    pub shared: Arc<Shared>,
    pub handle: Handle,
    pub channel: ChannelId,
    pub id: u64,
    pub addr: SocketAddr,
    pub user: String,
    pub size: (u16, u16),
    pub mono: bool,
    pub inbox: Arc<Inbox>,
}

/// Alternate screen, bracketed paste, hidden cursor, cleared; and back.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?2004h\x1b[?25l\x1b[2J\x1b[H";
const LEAVE: &[u8] = b"\x1b[0m\x1b[?2004l\x1b[?25h\x1b[?1049l";
/// How long a closed session's connection is kept for the client to close it.
const LINGER: Duration = Duration::from_secs(2);
/// How long a second login waits for the first session with the name to close.
const TAKEOVER_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug)]
enum End {
    Quit,
    /// The connection is gone: nothing can be written.
    Gone,
    Idle(Duration),
    TakenOver(SocketAddr),
    Shutdown,
    /// Far more input than its budget was waiting.
    Flooded,
}

pub async fn run(s: Start) {
    let registry = Arc::clone(&s.shared.registry);
    let (control_tx, control) = tokio::sync::mpsc::unbounded_channel();
    if !claim(&registry, &s, &control_tx).await {
        let msg = format!(
            "tutor: {} is signed in elsewhere and that session did not close; try again.\r\n",
            clean(&s.user)
        );
        let _ = s.handle.data(s.channel, msg.into_bytes()).await;
        close(&s.handle, s.channel, 1, LINGER).await;
        return;
    }
    let (id, user, handle, channel) = (s.id, s.user.clone(), s.handle.clone(), s.channel);
    let end = serve(s, control).await;
    registry.remove_student(id, &user);
    registry.log.line(format_args!(
        "session end id={id} user={}: {end:?}",
        clean(&user)
    ));
    // A flooding client is not kept waiting for: it is cut off once told.
    let linger = match end {
        End::Flooded => Duration::from_millis(200),
        _ => LINGER,
    };
    let (message, status) = match end {
        End::Gone => return,
        End::Quit => (String::new(), 0),
        End::Idle(t) => (
            format!(
                "tutor: closed after {} without a key press; your progress is saved. Connect again to go on.\r\n",
                minutes(t)
            ),
            0,
        ),
        End::TakenOver(from) => (
            format!(
                "tutor: signed out: a new login as {user} from {from} took over this session.\r\n"
            ),
            1,
        ),
        End::Shutdown => (
            "tutor: the server is shutting down; your progress is saved.\r\n".to_owned(),
            1,
        ),
        End::Flooded => (
            format!(
                "tutor: closed: more than {} KiB of input came faster than a person types; \
                 your progress is saved.\r\n",
                MAX_WAITING / 1024
            ),
            1,
        ),
    };
    let mut bytes = LEAVE.to_vec();
    bytes.extend_from_slice(message.as_bytes());
    let _ = handle.data(channel, bytes).await;
    close(&handle, channel, status, linger).await;
}

/// Ends the session: exit status, end of output, channel closed; a client that keeps the
/// connection open after that (OpenSSH does not) is disconnected `linger` later, since a
/// connection serves one session only.
async fn close(handle: &Handle, channel: ChannelId, status: u32, linger: Duration) {
    let _ = handle.exit_status_request(channel, status).await;
    let _ = handle.eof(channel).await;
    let _ = handle.close(channel).await;
    tokio::time::sleep(linger).await;
    let _ = handle
        .disconnect(
            russh::Disconnect::ByApplication,
            "session ended".into(),
            String::new(),
        )
        .await;
}

/// Signs the name in; a session that has it already is told it was taken over, and is
/// waited for.
async fn claim(registry: &Registry, s: &Start, control: &UnboundedSender<Control>) -> bool {
    let deadline = Instant::now() + TAKEOVER_WAIT;
    let mut told = false;
    loop {
        match registry.claim(&s.user, s.id, control) {
            Ok(()) => return true,
            Err(other) if !told => {
                told = true;
                registry.log.line(format_args!(
                    "takeover user={} by id={} from={}",
                    clean(&s.user),
                    s.id,
                    s.addr
                ));
                let _ = other.send(Control::TakenOver(s.addr));
            }
            Err(_) if Instant::now() >= deadline => return false,
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

/// Runs the app until it quits or something ends the session.
async fn serve(s: Start, mut control: UnboundedReceiver<Control>) -> End {
    let Start {
        shared,
        handle,
        channel,
        id,
        addr,
        user,
        size: (w, h),
        mono,
        inbox,
    } = s;
    let (mut app, mut host) = open_app(&shared, &user, id, mono);
    let Ok(mut terminal) = Terminal::new(SshBackend::new(w, h)) else {
        return End::Gone;
    };
    terminal.backend_mut().write_raw(ENTER);
    app.update(Action::Resize(w, h));
    // A paced drill: where the class is now, before the first frame (a late joiner or a
    // returning student sees the open question, not the screen they left), then each move.
    let mut pace = shared.pacer.as_ref().map(|p| p.subscribe());
    if let Some(p) = &shared.pacer {
        let now = Input::Pace(Box::new(p.now()));
        let mut on_effect = |e: &Effect| carry_out(&shared, &mut host, id, &user, e);
        apply(&mut app, now, &mut on_effect);
    }
    if draw(&mut terminal, &mut app).is_err() || !flush(&mut terminal, &handle, channel).await {
        return End::Gone;
    }
    let registry = &shared.registry;
    let (place, quiz) = place(&app);
    registry.add_student(Student {
        id,
        user: user.clone(),
        addr,
        since: std::time::Instant::now(),
        place,
        answered: 0,
        right: 0,
        quiz,
        connected: true,
        drills: super::dashboard::drill_marks(&app),
        paced: super::pace::answers(&app),
    });
    let mut pump = Pump::new(inbox, (w, h));
    let mut idle = Idle::new(shared.settings.idle_timeout);
    // When a timed drill question next needs the time.
    let mut next_tick: Option<Instant> = None;
    let mut on_effect = |e: &Effect| carry_out(&shared, &mut host, id, &user, e);
    loop {
        let tick = app
            .tick_interval()
            .map(|d| *next_tick.get_or_insert_with(|| Instant::now() + d));
        next_tick = tick;
        let (read_at, draw_at) = (pump.read_at(), pump.draw_at());
        let inbox = pump.inbox();
        let mut changed = false;
        tokio::select! {
            () = inbox.changed() => {}
            () = sleep_until(read_at) => {}
            () = sleep_until(draw_at) => {}
            () = sleep_until(tick) => {
                next_tick = None;
                let applied = apply(&mut app, Input::Tick(now_ms()), &mut on_effect);
                if applied.quit {
                    return End::Quit;
                }
                changed = applied.changed;
            }
            update = paced(&mut pace) => {
                let applied = apply(&mut app, Input::Pace(Box::new(update)), &mut on_effect);
                if applied.quit {
                    return End::Quit;
                }
                changed = applied.changed;
            }
            message = control.recv() => match message {
                Some(Control::TakenOver(from)) => return End::TakenOver(from),
                Some(Control::Shutdown) | None => return End::Shutdown,
            },
            () = sleep_until(idle.alarm()) => {
                if let Some(end) = idle.ring(&mut app) {
                    return end;
                }
                changed = true;
            }
        }
        pump.dirty |= changed;
        match pump.read(&mut app, &mut on_effect).await {
            Read::Quit => return End::Quit,
            Read::Closed => return End::Gone,
            Read::Flooded => return End::Flooded,
            Read::Done { typed: true } => idle.typed(),
            Read::Done { typed: false } => {}
        }
        // One frame for everything read, at most as often as the budget allows.
        if pump.frame(&mut app, &mut terminal, &mut on_effect) {
            if draw(&mut terminal, &mut app).is_err()
                || !flush(&mut terminal, &handle, channel).await
            {
                return End::Gone;
            }
            registry.update(id, |st| refresh(st, &app));
        }
    }
}

/// The student's app, with the class drills open (the first on top: finishing one leads to
/// the next, then home), and the host of their progress, started.
fn open_app(shared: &Shared, user: &str, id: u64, mono: bool) -> (App, Host) {
    let settings = &shared.settings;
    let course = Arc::clone(&settings.course);
    let mut app = App::new(Arc::clone(&course), fresh_seed(id), Theme::new(mono));
    // The drills current now: a reload during the session does not change them.
    let drills = settings.drills.now();
    for spec in drills.iter().rev() {
        app.open_drill(spec);
    }
    let (progress, note) = blocking(|| {
        let _turn = shared.store_writes.lock();
        open_progress(shared, user)
    });
    let mut host = Host::new(course, progress, now_ms);
    // A drill on screen is not interrupted by an offer to resume an older quiz.
    let busy = !drills.is_empty();
    let start = blocking(|| host.start())
        .into_iter()
        .filter(|a| !(busy && matches!(a, Action::OfferResume(_))));
    for action in start.chain(note.map(Action::Notice)) {
        app.update(action);
    }
    (app, host)
}

/// Carries out one of the app's effects: answers are logged, and store writes take their
/// turn (reads do not wait for writers in WAL mode).
fn carry_out(shared: &Shared, host: &mut Host, id: u64, user: &str, e: &Effect) -> Vec<Action> {
    if let Effect::Answered(a) = e {
        shared.registry.log.line(format_args!(
            "answer id={id} user={} question={} correct={}",
            clean(user),
            clean(&a.question.id),
            a.outcome.correct
        ));
    }
    match e {
        Effect::Shown | Effect::Quit => host.on_effect(e),
        Effect::NeedStats | Effect::NeedReview => blocking(|| host.on_effect(e)),
        _ => blocking(|| {
            let _turn = shared.store_writes.lock();
            host.on_effect(e)
        }),
    }
}

/// The instructor's next move in the paced drill; never, without one (or once it is gone).
async fn paced(
    rx: &mut Option<tokio::sync::watch::Receiver<crate::session::pace::PaceUpdate>>,
) -> crate::session::pace::PaceUpdate {
    if let Some(r) = rx
        && r.changed().await.is_ok()
    {
        return r.borrow_and_update().clone();
    }
    std::future::pending().await
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Sends what the last draw wrote; false when the connection is gone.
async fn flush(terminal: &mut Terminal<SshBackend>, handle: &Handle, channel: ChannelId) -> bool {
    let bytes = terminal.backend_mut().take_output();
    bytes.is_empty() || handle.data(channel, bytes).await.is_ok()
}

/// Runs blocking work (the store) without holding up the runtime's other tasks.
fn blocking<R>(f: impl FnOnce() -> R) -> R {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        _ => f(),
    }
}

/// The learner's progress, and what to tell them first. The details of a failure go to the
/// log, not to the student.
fn open_progress(shared: &Shared, user: &str) -> (Result<Progress, String>, Option<String>) {
    let s = &shared.settings;
    let opened = Scheduler::new(s.retention)
        .map_err(|e| e.to_string())
        .and_then(|sch| {
            Progress::open(&s.data_dir, user, &s.course, sch, now_ms()).map_err(|e| e.to_string())
        });
    match opened {
        Ok((p, None)) => (Ok(p), None),
        Ok((p, Some(moved))) => {
            shared.registry.log.line(format_args!(
                "store: unreadable database moved to {}",
                moved.display()
            ));
            (Ok(p), None)
        }
        Err(e) => {
            shared
                .registry
                .log
                .line(format_args!("store: cannot open for {}: {e}", clean(user)));
            let why = "the server cannot save progress right now; tell your instructor";
            (
                Err(why.to_owned()),
                Some(format!("Progress will not be saved: {why}.")),
            )
        }
    }
}

/// A seed for the session's first quiz, different for each session.
fn fresh_seed(id: u64) -> u64 {
    (now_ms() as u64 ^ id.rotate_left(20)) % 1_000_000
}
