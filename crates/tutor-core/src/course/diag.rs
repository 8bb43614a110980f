//! Problems found in a course, each pointing at a file, line, column and field.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem. `line` and `column` are 1-based; 0 means the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Field path inside the file, e.g. `[3].options[1].cites[0]`; empty for the whole file.
    pub path: String,
    pub message: String,
}

impl Diagnostic {
    /// A problem at `path` in `file`; its line and column are filled in by
    /// [`super::locate::resolve`] once all problems are known, so the happy path parses nothing
    /// twice.
    pub fn at(severity: Severity, file: &str, path: impl Into<String>, message: String) -> Self {
        Diagnostic {
            severity,
            file: file.to_owned(),
            line: 0,
            column: 0,
            path: path.into(),
            message,
        }
    }

    pub fn error(file: &str, path: impl Into<String>, message: String) -> Self {
        Self::at(Severity::Error, file, path, message)
    }

    pub fn warning(file: &str, path: impl Into<String>, message: String) -> Self {
        Self::at(Severity::Warning, file, path, message)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // File names, field paths (YAML keys) and messages all come from the course: none may
        // carry an escape to the terminal or break the one-line form.
        let line = crate::text::sanitize_line;
        write!(f, "{}", line(&self.file))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        write!(f, ": {kind}: ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", line(&self.path))?;
        }
        f.write_str(&line(&self.message))
    }
}
