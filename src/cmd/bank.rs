//! `tutor export`: the course's question bank as Moodle GIFT, Anki notes or JSON on stdout.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use tutor::course::Course;
use tutor::export::{self, Format};

/// Most case variants per template that `--cases` accepts.
pub const MAX_CASES: u64 = 1_000;

/// Format of `tutor export`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BankFormat {
    /// Moodle GIFT: Question bank → Import → GIFT.
    Gift,
    /// Tab-separated notes for Anki's File → Import.
    Anki,
    /// One JSON document with the course, its sentences and every question.
    Json,
}

impl From<BankFormat> for Format {
    fn from(f: BankFormat) -> Format {
        match f {
            BankFormat::Gift => Format::Gift,
            BankFormat::Anki => Format::Anki,
            BankFormat::Json => Format::Json,
        }
    }
}

/// Writes the bank of `course` with `cases` variants per template drawn from `seed`. Every
/// case is generated before anything is written, so a failure leaves stdout empty.
pub fn export(course: &Course, format: BankFormat, cases: u64, seed: u64) -> io::Result<ExitCode> {
    let cases = usize::try_from(cases.min(MAX_CASES)).unwrap_or(0);
    let bank = match export::bank(course, seed, cases) {
        Ok(b) => b,
        Err(e) => {
            crate::cmd::say::error(e);
            return Ok(ExitCode::FAILURE);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    export::write(&mut out, &bank, format.into())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
