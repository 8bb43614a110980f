//! A results file: one student's answers to a drill and the drill's settings, written by
//! `tutor drill --results FILE` for an offline class and read by `tutor report --import`.
//! The importer also reads what `tutor export-progress --format json` writes (the answers
//! alone, a JSON array), so a file made either way counts.

use crate::store::{Attempt, DrillRecord};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// Says what the file is, so a stray JSON object is refused with a reason.
pub const FORMAT: &str = "tutor-results";

#[derive(Debug, Serialize, Deserialize)]
struct ResultsFile {
    format: String,
    drills: Vec<DrillRecord>,
    attempts: Vec<Attempt>,
}

/// What a results file holds.
#[derive(Debug, Default)]
pub struct Imported {
    pub attempts: Vec<Attempt>,
    /// Empty for an export of answers alone.
    pub drills: Vec<DrillRecord>,
}

/// Writes a results file of `drills` and their `attempts`.
pub fn write(out: &mut impl Write, drills: &[DrillRecord], attempts: &[Attempt]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        format: &'a str,
        drills: &'a [DrillRecord],
        attempts: &'a [Attempt],
    }
    let file = Borrowed {
        format: FORMAT,
        drills,
        attempts,
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    writeln!(out)?;
    out.flush()
}

/// Reads a results file, or an export of answers (a JSON array). The error says what is
/// wrong and where (line and column).
pub fn read(bytes: &[u8]) -> Result<Imported, String> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'[') {
        let attempts = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        return Ok(Imported {
            attempts,
            drills: Vec::new(),
        });
    }
    let file: ResultsFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if file.format != FORMAT {
        return Err(format!("format {:?}, not {FORMAT:?}", file.format));
    }
    Ok(Imported {
        attempts: file.attempts,
        drills: file.drills,
    })
}
