//! The signals `tutor serve` acts on: SIGINT and SIGTERM stop it (Ctrl-C elsewhere); SIGHUP
//! reloads the roster and the drills, as sshd and nginx reload their configuration.

/// The signals being caught: those that stop, by name, and the one that reloads.
#[cfg(unix)]
pub struct Signals {
    pub stop: Vec<(&'static str, tokio::signal::unix::Signal)>,
    pub reload: Option<tokio::signal::unix::Signal>,
}
#[cfg(not(unix))]
pub struct Signals {
    pub stop: (),
    pub reload: (),
}

/// SIGINT, SIGTERM and SIGHUP, caught from now on (in a tokio runtime's context).
#[cfg(unix)]
pub fn signals() -> Signals {
    use tokio::signal::unix::{SignalKind, signal};
    let stop = [
        ("SIGINT", SignalKind::interrupt()),
        ("SIGTERM", SignalKind::terminate()),
    ]
    .into_iter()
    .filter_map(|(name, kind)| Some((name, signal(kind).ok()?)))
    .collect();
    Signals {
        stop,
        reload: signal(SignalKind::hangup()).ok(),
    }
}

#[cfg(not(unix))]
pub fn signals() -> Signals {
    Signals {
        stop: (),
        reload: (),
    }
}

/// The name of the first stop signal to arrive.
#[cfg(unix)]
pub async fn first_stop(
    mut stop: Vec<(&'static str, tokio::signal::unix::Signal)>,
) -> &'static str {
    std::future::poll_fn(|cx| {
        for (name, s) in &mut stop {
            if s.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(*name);
            }
        }
        std::task::Poll::Pending
    })
    .await
}

#[cfg(not(unix))]
pub async fn first_stop((): ()) -> &'static str {
    let _ = tokio::signal::ctrl_c().await;
    "Ctrl-C"
}

/// Waits for the next SIGHUP; false once none can come.
#[cfg(unix)]
pub async fn next_reload(reload: &mut Option<tokio::signal::unix::Signal>) -> bool {
    match reload {
        Some(s) => s.recv().await.is_some(),
        None => false,
    }
}

#[cfg(not(unix))]
pub async fn next_reload((): &mut ()) -> bool {
    false
}
