//! The login grace time as a property of the connection's stream: once the deadline has
//! passed without a login, every read and write fails, whatever state the SSH protocol is in.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// A stream that fails (`TimedOut`) once `deadline` has passed unless `authed` was set before:
/// the login grace time, whatever the SSH state (a client silent in the version exchange or
/// in the middle of the key exchange is closed too).
pub struct Graced<S> {
    inner: S,
    deadline: Option<Pin<Box<Sleep>>>,
    authed: Arc<AtomicBool>,
}

impl<S> Graced<S> {
    pub fn new(inner: S, deadline: tokio::time::Instant, authed: Arc<AtomicBool>) -> Graced<S> {
        Graced {
            inner,
            deadline: Some(Box::pin(tokio::time::sleep_until(deadline))),
            authed,
        }
    }

    fn check(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        let Some(d) = &mut self.deadline else {
            return Ok(());
        };
        if self.authed.load(Ordering::Relaxed) {
            self.deadline = None;
        } else if d.as_mut().poll(cx).is_ready() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "login grace time over",
            ));
        }
        Ok(())
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Graced<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        this.check(cx)?;
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Graced<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.check(cx)?;
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        this.check(cx)?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
