//! The ratatui backend of one SSH session: crossterm's ANSI output into a buffer that the
//! session flushes to the channel after each draw, with the size the client reported in its
//! pty request and window changes (a bare `CrosstermBackend` would ask the server's own
//! terminal, which is wrong, or absent).

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

/// The buffer the crossterm backend writes into, shared with [`SshBackend`] so it can be
/// taken after each draw (crossterm's own writer accessor is unstable).
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Sink {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.lock().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub struct SshBackend {
    inner: CrosstermBackend<Sink>,
    sink: Sink,
    size: Size,
    cursor: Position,
}

impl SshBackend {
    pub fn new(width: u16, height: u16) -> SshBackend {
        let sink = Sink::default();
        SshBackend {
            inner: CrosstermBackend::new(sink.clone()),
            sink,
            size: Size::new(width, height),
            cursor: Position::ORIGIN,
        }
    }

    /// The client's window changed; the next draw lays out again.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.size = Size::new(width, height);
    }

    /// Bytes written since the last call, for the channel.
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut *self.sink.lock())
    }

    /// Raw bytes for the client's terminal (modes, messages), sent with the next output.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        self.sink.lock().extend_from_slice(bytes);
    }
}

impl Backend for SshBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    /// The last position set: asking the client's terminal would need a round trip.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            pixels: Size::new(0, 0),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;

    #[test]
    fn size_comes_from_the_client_and_output_is_buffered() {
        let mut t = Terminal::new(SshBackend::new(30, 5)).unwrap();
        assert_eq!(t.size().unwrap(), Size::new(30, 5));
        t.draw(|f| f.render_widget(Paragraph::new("hello"), f.area()))
            .unwrap();
        let out = t.backend_mut().take_output();
        assert!(String::from_utf8_lossy(&out).contains("hello"));
        assert!(t.backend_mut().take_output().is_empty());
        t.backend_mut().set_size(50, 10);
        t.draw(|f| assert_eq!(f.area().width, 50)).unwrap();
    }
}
