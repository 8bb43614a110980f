//! `tutor check`: every problem of a loaded course at once, with counts for the summary line.

mod answers;
mod article;
mod cases;
mod enumerate;
mod giveaway;
mod hedge;
mod items;
mod leadin;
mod lint;
mod refs;
mod shown;
mod source;
mod taught;
#[cfg(test)]
pub(crate) mod testing;
mod unused;
mod verbatim;

use super::Course;
use super::diag::{Diagnostic, Severity};
use std::collections::HashMap;
use std::fmt;

pub(crate) const COURSE: &str = "course.yaml";
pub(crate) const GLOSSARY: &str = "glossary.yaml";
pub(crate) const LESSONS: &str = "lessons.yaml";
pub(crate) const ITEMS: &str = "items.yaml";
pub(crate) const CASES: &str = "cases.yaml";

/// How many items and cases must cite a sentence for it to count as covered.
pub const MIN_CITES: usize = 2;

/// What one case template yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateCount {
    pub id: String,
    /// Combinations of the deciding variables enumerated against the rules.
    pub combinations: u64,
    /// Distinct cases (all variables, after constraints).
    pub distinct: u64,
    /// Decision cells: rules (of every step) that decide at least one allowed combination.
    pub decisions: u64,
    /// Per decision (one, or one per step of an unfolding case), the keys those rules give,
    /// each once, in rule order. Empty when the template was not enumerated.
    pub keys: Vec<Vec<String>>,
}

impl TemplateCount {
    /// Distinct (step, key) pairs of the template.
    pub fn key_count(&self) -> usize {
        self.keys.iter().map(Vec::len).sum()
    }

    /// Whether it is an unfolding case (several decisions).
    pub fn unfolds(&self) -> bool {
        self.keys.len() > 1
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub sentences: usize,
    pub covered: usize,
    pub lessons: usize,
    pub items: usize,
    /// Items per type, in `ItemType` order.
    pub by_type: [usize; 5],
    pub templates: Vec<TemplateCount>,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn combinations(&self) -> u64 {
        self.templates.iter().map(|t| t.combinations).sum()
    }

    pub fn distinct_cases(&self) -> u64 {
        self.templates
            .iter()
            .fold(0u64, |n, t| n.saturating_add(t.distinct))
    }

    /// Template x rule pairs that some allowed case reaches.
    pub fn decision_cells(&self) -> u64 {
        self.templates.iter().map(|t| t.decisions).sum()
    }

    /// Distinct (template, step, key) triples: how many answers the vignettes can make right.
    pub fn template_keys(&self) -> usize {
        self.templates.iter().map(TemplateCount::key_count).sum()
    }

    /// Unfolding templates, and the steps they ask in all.
    pub fn unfolding(&self) -> (usize, usize) {
        let unfolding = self.templates.iter().filter(|t| t.unfolds());
        unfolding.fold((0, 0), |(n, steps), t| (n + 1, steps + t.keys.len()))
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [sb, ms, tf, sa, cz] = self.by_type;
        let (unfolding, steps) = self.unfolding();
        write!(
            f,
            "{}/{} sentences covered, {} lessons, {} items ({sb} single_best, {ms} multi_select, \
             {tf} true_false, {sa} short_answer, {cz} cloze), {} case templates ({unfolding} \
             unfolding in {steps} steps; {} combinations checked, {} distinct cases, {} decision \
             cells, {} template keys): {} errors, {} warnings",
            self.covered,
            self.sentences,
            self.lessons,
            self.items,
            self.templates.len(),
            self.combinations(),
            self.distinct_cases(),
            self.decision_cells(),
            self.template_keys(),
            self.errors,
            self.warnings,
        )
    }
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Errors first, then warnings, each in file order.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// Runs every check on `course`.
pub fn run(course: &Course) -> Report {
    let mut out = Vec::new();
    source::check(course, &mut out);
    refs::check(course, &mut out);
    items::check(course, &mut out);
    answers::check(course, &mut out);
    let templates = cases::check(course, &mut out);
    lint::check(course, &mut out);
    taught::check(course, &mut out);
    hedge::items(course, &mut out);
    giveaway::clozes(course, &mut out);
    leadin::items(course, &mut out);
    shown::articles(course, &mut out);
    unused::check(course, &mut out);
    let covered = coverage(course, &mut out);

    super::locate::resolve(&mut out, |f| course.texts.get(f).cloned());
    out.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column))
    });
    let errors = out.iter().filter(|d| d.is_error()).count();
    let mut by_type = [0; 5];
    for it in &course.items {
        by_type[it.kind as usize] += 1;
    }
    Report {
        summary: Summary {
            sentences: course.sentences().len(),
            covered,
            lessons: course.lessons.len(),
            items: course.items.len(),
            by_type,
            templates,
            errors,
            warnings: out.len() - errors,
        },
        diagnostics: out,
    }
}

/// Warns about sentences that no lesson presents or that fewer than [`MIN_CITES`] items and
/// case templates cite; returns how many sentences are fully covered.
fn coverage(course: &Course, out: &mut Vec<Diagnostic>) -> usize {
    let mut cites: HashMap<&str, usize> = HashMap::new();
    let item_cites = course.items.iter().map(|i| {
        let mut ids: Vec<&str> = i.cites.iter().map(String::as_str).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    });
    let case_cites = course.cases.iter().map(|t| {
        let mut ids: Vec<&str> = crate::course::template::all_rules(t)
            .flat_map(|r| r.cites.iter().map(String::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    });
    for id in item_cites.chain(case_cites).flatten() {
        *cites.entry(id).or_default() += 1;
    }
    let mut covered = 0;
    for (i, s) in course.sentences().iter().enumerate() {
        let presented = course.lessons.iter().any(|l| l.sentences.contains(&s.id));
        let n = cites.get(s.id.as_str()).copied().unwrap_or(0);
        let path = format!("source.sentences[{i}]");
        if !presented {
            out.push(Diagnostic::warning(
                COURSE,
                path.clone(),
                format!("sentence {} is not presented by any lesson", s.id),
            ));
        }
        if n < MIN_CITES {
            out.push(Diagnostic::warning(COURSE, path, format!("sentence {} is cited by {n} items or case templates (want at least {MIN_CITES})", s.id)));
        }
        if presented && n >= MIN_CITES {
            covered += 1;
        }
    }
    covered
}

/// Most problems of one kind reported within one list or mapping: a key is part of the path of
/// every value beneath it, so reporting every value would repeat it without bound.
pub(crate) const MAX_PER_LIST: usize = 10;

/// The first [`MAX_PER_LIST`] of `found`, and how many more there are.
pub(crate) fn first_few<T>(found: impl Iterator<Item = T>) -> (Vec<T>, usize) {
    let mut few = Vec::new();
    let mut more = 0;
    for x in found {
        if few.len() < MAX_PER_LIST {
            few.push(x);
        } else {
            more += 1;
        }
    }
    (few, more)
}

/// Ids that occur more than once, each with the index of its second occurrence.
pub(crate) fn duplicates<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<(usize, &'a str)> {
    let mut seen = std::collections::HashSet::new();
    ids.enumerate()
        .filter(|(_, id)| !seen.insert(*id))
        .collect()
}

pub(crate) fn err(out: &mut Vec<Diagnostic>, file: &str, path: String, msg: String) {
    out.push(Diagnostic::at(Severity::Error, file, path, msg));
}

pub(crate) fn warn(out: &mut Vec<Diagnostic>, file: &str, path: String, msg: String) {
    out.push(Diagnostic::at(Severity::Warning, file, path, msg));
}
