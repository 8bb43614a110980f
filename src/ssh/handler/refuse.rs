//! Requests that are not served (exec, subsystems, forwarding, a shell without a pty): each
//! is answered with a message where the client shows one, and logged, the first few on a
//! connection only, so a client repeating them cannot fill the log.

use super::Conn;
use russh::ChannelId;
use russh::server::Session;

/// Refused requests logged per connection.
const LOGGED_REFUSALS: u32 = 8;

impl Conn {
    /// Logs a refused request, the first few on a connection only.
    pub(super) fn log_refusal(&mut self, what: &str) {
        self.refused = self.refused.saturating_add(1);
        match self.refused {
            ..=LOGGED_REFUSALS => self.log(format_args!("refuse {what}")),
            n if n == LOGGED_REFUSALS + 1 => self.log(format_args!(
                "refuse {what}; further refusals on this connection are not logged"
            )),
            _ => {}
        }
    }

    /// Answers a request that is not served with a message on stderr and exit status 1.
    pub(super) fn refuse(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
        what: &str,
        message: &str,
    ) {
        self.log_refusal(what);
        let _ = session.channel_success(channel);
        let _ = session.extended_data(channel, 1, format!("tutor: {message}\r\n"));
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
    }
}
