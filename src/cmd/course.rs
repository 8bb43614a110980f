//! `tutor check` and `tutor cases`: commands on the course itself.

use crate::cmd::{Globals, UNREADABLE, load, print_diagnostics};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tutor::course::check;
use tutor::quiz;
use tutor::text::{letter, sanitize, sanitize_line};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Course folder.
    pub path: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct CasesArgs {
    #[arg(long)]
    pub seed: u64,
    #[arg(long, default_value_t = 10)]
    pub count: usize,
}

/// `tutor check [PATH]`: the course's diagnostics on stderr, its summary on stdout; exit
/// status 1 when it has errors, 2 when it cannot be read.
pub fn check(args: &CheckArgs, g: &Globals) -> anyhow::Result<ExitCode> {
    let path = args.path.clone().or_else(|| g.course.clone());
    let name = path.as_ref().map_or_else(
        || "embedded default course".to_owned(),
        |p| p.display().to_string(),
    );
    let course = match load(path) {
        Ok(c) => c,
        Err(diags) => {
            print_diagnostics(&diags);
            println!(
                "{}: cannot be read: {} errors",
                sanitize_line(&name),
                diags.len()
            );
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    let report = check::run(&course);
    print_diagnostics(&report.diagnostics);
    for t in &report.summary.templates {
        println!(
            "case template {}: {} combinations checked, {} distinct cases, {} decision cells, keys: {}",
            sanitize(&t.id),
            t.combinations,
            t.distinct,
            t.decisions,
            shown_keys(&t.keys)
        );
    }
    println!("{}: {}", sanitize_line(&name), report.summary);
    Ok(if report.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A template's keys as `check` prints them: `a, b`, or per step `1: a, b; 2: c`.
fn shown_keys(keys: &[Vec<String>]) -> String {
    match keys {
        [] => "none".to_owned(),
        [only] => sanitize(&only.join(", ")),
        steps => {
            let each = steps
                .iter()
                .enumerate()
                .map(|(j, k)| format!("{}: {}", j + 1, k.join(", ")));
            sanitize(&each.collect::<Vec<_>>().join("; "))
        }
    }
}

/// JSON line of one generated case; field order is fixed so output is byte-identical. A plain
/// case has its question's fields at the top level, an unfolding one a list of `steps`.
#[derive(serde::Serialize)]
struct CaseLine<'a> {
    id: String,
    template: &'a str,
    #[serde(with = "tutor::json::seed")]
    seed: u64,
    vars: &'a std::collections::BTreeMap<String, String>,
    #[serde(flatten)]
    asked: Asked<'a>,
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum Asked<'a> {
    One(StepLine<'a>),
    Steps { steps: Vec<StepLine<'a>> },
}

/// One question of a case: the whole case, or what happens next in an unfolding one.
#[derive(serde::Serialize)]
struct StepLine<'a> {
    stem: &'a str,
    lead_in: &'a str,
    options: Vec<OptionLine<'a>>,
    answer: Vec<String>,
    explanation: &'a str,
    cites: &'a [String],
    quotes: &'a [tutor::course::spec::QuoteSpec],
}

impl<'a> StepLine<'a> {
    fn of(q: &'a quiz::Question) -> Self {
        StepLine {
            stem: &q.stem,
            lead_in: &q.lead_in,
            options: q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| OptionLine {
                    key: letter(i).to_string(),
                    id: &o.id,
                    text: &o.text,
                })
                .collect(),
            answer: q.key().into_iter().map(|i| letter(i).to_string()).collect(),
            explanation: &q.explanation,
            cites: &q.cites,
            quotes: &q.quotes,
        }
    }
}

impl<'a> CaseLine<'a> {
    /// The line of one case's questions; `None` when they are not a generated case.
    fn of(case: &'a [quiz::Question]) -> Option<Self> {
        let first = case.first()?;
        let quiz::Origin::Case {
            template,
            seed,
            vars,
            step,
        } = &first.origin
        else {
            return None;
        };
        let asked = match step {
            None => Asked::One(StepLine::of(first)),
            Some(_) => Asked::Steps {
                steps: case.iter().map(StepLine::of).collect(),
            },
        };
        Some(CaseLine {
            id: format!("{template}#{seed}"),
            template,
            seed: *seed,
            vars,
            asked,
        })
    }
}

#[derive(serde::Serialize)]
struct OptionLine<'a> {
    key: String,
    id: &'a str,
    text: &'a str,
}

/// `tutor cases --seed N`: generated cases as JSON lines on stdout. The lines before a case
/// that cannot be generated are written, then the error.
pub fn cases(args: &CasesArgs, g: &Globals) -> anyhow::Result<ExitCode> {
    let course = g.course()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // Streamed, so a huge count needs no memory beyond one case.
    for q in quiz::case::stream(&course, args.seed).take(args.count) {
        let q = match q {
            Ok(q) => q,
            Err(e) => {
                out.flush()?;
                return Err(e.into());
            }
        };
        let Some(line) = CaseLine::of(&q) else {
            continue;
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
