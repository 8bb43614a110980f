//! `tutor export`: the course's question bank as Moodle GIFT, Anki notes or JSON on stdout.

use crate::cmd::Globals;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
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

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_enum)]
    pub format: BankFormat,
    /// Generated variants of each case template (0 to 1000).
    #[arg(long, default_value_t = export::DEFAULT_CASES as u64,
          value_parser = clap::value_parser!(u64).range(..=MAX_CASES))]
    pub cases: u64,
    /// Seed of the case samples; the same seed gives byte-identical output.
    #[arg(long, default_value_t = export::DEFAULT_SEED)]
    pub seed: u64,
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

/// `tutor export`: the bank of the course with `--cases` variants per template drawn from
/// `--seed`. Every case is generated before anything is written, so a failure leaves stdout
/// empty.
pub fn export(args: &Args, g: &Globals) -> anyhow::Result<ExitCode> {
    let course = g.course()?;
    let cases = usize::try_from(args.cases.min(MAX_CASES)).unwrap_or(0);
    let bank = export::bank(&course, args.seed, cases)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    export::write(&mut out, &bank, args.format.into())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
