//! The signals that stop the server: SIGINT, SIGTERM and SIGHUP (Ctrl-C elsewhere).

/// The signals being caught, by name.
#[cfg(unix)]
pub type Signals = Vec<(&'static str, tokio::signal::unix::Signal)>;
#[cfg(not(unix))]
pub type Signals = ();

/// SIGINT, SIGTERM and SIGHUP, caught from now on (in a tokio runtime's context).
#[cfg(unix)]
pub fn signals() -> Signals {
    use tokio::signal::unix::{SignalKind, signal};
    [
        ("SIGINT", SignalKind::interrupt()),
        ("SIGTERM", SignalKind::terminate()),
        ("SIGHUP", SignalKind::hangup()),
    ]
    .into_iter()
    .filter_map(|(name, kind)| Some((name, signal(kind).ok()?)))
    .collect()
}

#[cfg(not(unix))]
pub fn signals() {}

/// The name of the first of `signals` to arrive.
#[cfg(unix)]
pub async fn first_signal(mut signals: Signals) -> &'static str {
    std::future::poll_fn(|cx| {
        for (name, s) in &mut signals {
            if s.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(*name);
            }
        }
        std::task::Poll::Pending
    })
    .await
}

#[cfg(not(unix))]
pub async fn first_signal((): ()) -> &'static str {
    let _ = tokio::signal::ctrl_c().await;
    "Ctrl-C"
}
