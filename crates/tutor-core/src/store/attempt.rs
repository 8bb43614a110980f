//! Recording answers: one row per attempt, committed with the learner's new review state in
//! one transaction before the feedback is shown.

use super::{Store, StoreError};
use crate::schedule::{Rating, Scheduler};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Practice,
    Review,
    Drill,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Review => "review",
            Mode::Drill => "drill",
        }
    }

    fn parse(s: &str) -> Mode {
        match s {
            "review" => Mode::Review,
            "drill" => Mode::Drill,
            _ => Mode::Practice,
        }
    }
}

/// One answered question, with what is needed to show it again exactly: the seed and
/// variables of the variant and the options in the order shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub at_ms: i64,
    pub user: String,
    pub course: String,
    pub course_version: u32,
    /// Item id, or `template#seed` for a case.
    pub question: String,
    pub item: Option<String>,
    pub template: Option<String>,
    /// Learning unit scheduled for review: an objective or a case template.
    pub unit: String,
    /// Seeds travel as strings in JSON (see `crate::json`).
    #[serde(with = "crate::json::seed")]
    pub quiz_seed: u64,
    #[serde(with = "crate::json::opt_seed")]
    pub case_seed: Option<u64>,
    pub vars: Option<BTreeMap<String, String>>,
    /// Option ids in the order shown (empty for free text).
    pub options: Vec<String>,
    /// Letters chosen (`B`, `A,C`) or the text typed.
    pub answer: String,
    pub correct: bool,
    pub typo: bool,
    pub seconds: f64,
    pub mode: Mode,
    pub drill: Option<String>,
    /// Sentences the question cites.
    pub cites: Vec<String>,
    /// The time limit ran out: the question counts as unanswered (and wrong).
    #[serde(default)]
    pub timed_out: bool,
    /// Which step (from 1) of an unfolding case; `None` for anything else.
    #[serde(default)]
    pub step: Option<u32>,
}

/// Seeds are u64; SQLite integers are i64. The bits are kept as they are.
fn to_sql(seed: u64) -> i64 {
    seed as i64
}

fn from_sql(v: i64) -> u64 {
    v as u64
}

impl Store {
    /// Commits the attempt and the unit's new review state in one transaction. When this
    /// returns `Ok`, the answer is on disk (WAL, synchronous=FULL).
    pub fn record(&mut self, a: &Attempt, scheduler: &Scheduler) -> Result<i64, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sql(&self.path, e))?;
        let path = self.path.clone();
        let sql = |e| StoreError::from_sql(&path, e);
        tx.execute(
            "INSERT INTO attempts (at_ms, user, course, course_version, question, item, template, unit,
                quiz_seed, case_seed, vars, options, answer, correct, typo, seconds, mode, drill, cites,
                timed_out, step)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                ?21)",
            params![
                a.at_ms,
                a.user,
                a.course,
                a.course_version,
                a.question,
                a.item,
                a.template,
                a.unit,
                to_sql(a.quiz_seed),
                a.case_seed.map(to_sql),
                a.vars.as_ref().map(json),
                json(&a.options),
                a.answer,
                a.correct,
                a.typo,
                a.seconds,
                a.mode.as_str(),
                a.drill,
                json(&a.cites),
                a.timed_out,
                a.step,
            ],
        )
        .map_err(sql)?;
        let id = tx.last_insert_rowid();
        let prev = super::review::get(&tx, &a.user, &a.course, &a.unit).map_err(sql)?;
        let next = scheduler.review(prev, Rating::of(a.correct, a.typo), a.at_ms);
        super::review::put(&tx, &a.user, &a.course, &a.unit, &next).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(id)
    }

    /// Attempts, oldest first, of one user (or everyone) in one course (or all).
    pub fn attempts(
        &self,
        user: Option<&str>,
        course: Option<&str>,
    ) -> Result<Vec<Attempt>, StoreError> {
        let query = format!(
            "SELECT at_ms, user, course, course_version, question, item, template, unit, quiz_seed,
                case_seed, vars, options, answer, correct, typo, seconds, mode, drill, cites,
                timed_out, {}
             FROM attempts WHERE (?1 IS NULL OR user = ?1) AND (?2 IS NULL OR course = ?2)
             ORDER BY at_ms, id",
            self.step_column()?
        );
        let mut stmt = self.conn.prepare(&query).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![user, course], |r| {
                let list = |i: usize| -> rusqlite::Result<Vec<String>> {
                    let s: String = r.get(i)?;
                    Ok(serde_json::from_str(&s).unwrap_or_default())
                };
                let vars: Option<String> = r.get(10)?;
                let mode: String = r.get(16)?;
                Ok(Attempt {
                    at_ms: r.get(0)?,
                    user: r.get(1)?,
                    course: r.get(2)?,
                    course_version: r.get(3)?,
                    question: r.get(4)?,
                    item: r.get(5)?,
                    template: r.get(6)?,
                    unit: r.get(7)?,
                    quiz_seed: from_sql(r.get(8)?),
                    case_seed: r.get::<_, Option<i64>>(9)?.map(from_sql),
                    vars: vars.and_then(|v| serde_json::from_str(&v).ok()),
                    options: list(11)?,
                    answer: r.get(12)?,
                    correct: r.get(13)?,
                    typo: r.get(14)?,
                    seconds: r.get(15)?,
                    mode: Mode::parse(&mode),
                    drill: r.get(17)?,
                    cites: list(18)?,
                    timed_out: r.get(19)?,
                    step: r.get(20)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// What to select for an attempt's step: its column, or `NULL` in a store from before
    /// migration 6, which a reader opens without migrating.
    fn step_column(&self) -> Result<&'static str, StoreError> {
        let has: bool = self
            .conn
            .query_row(
                "SELECT count(*) > 0 FROM pragma_table_info('attempts') WHERE name = 'step'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(if has { "step" } else { "NULL" })
    }

    /// Answers of `user` in `course` grouped by item, template and cited sentences (JSON
    /// text): `(item, template, cites, count, right)`. Statistics need only these sums.
    #[allow(clippy::type_complexity)]
    pub fn attempt_groups(
        &self,
        user: &str,
        course: &str,
    ) -> Result<Vec<(Option<String>, Option<String>, String, u64, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT item, template, cites, count(*), coalesce(sum(correct), 0)
                 FROM attempts WHERE user = ?1 AND course = ?2
                 GROUP BY item, template, cites",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![user, course], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// How many attempts `user` has made in `course`.
    pub fn count(&self, user: &str, course: &str) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM attempts WHERE user = ?1 AND course = ?2",
                params![user, course],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Deletes every attempt, review state, lesson mark and saved quiz of `user` (all of
    /// them when `user` is `None`); returns the number of attempts removed.
    pub fn reset(&mut self, user: Option<&str>) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::from_sql(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let n = tx
            .execute(
                "DELETE FROM attempts WHERE ?1 IS NULL OR user = ?1",
                params![user],
            )
            .map_err(sql)?;
        for table in ["reviews", "lessons_read", "saved_quizzes", "daily"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE ?1 IS NULL OR user = ?1"),
                params![user],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(n)
    }

    /// Whether any attempt exists for this exact question id (used to pick fresh variants).
    pub fn seen(&self, user: &str, course: &str, question: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT 1 FROM attempts WHERE user = ?1 AND course = ?2 AND question = ?3 LIMIT 1",
                params![user, course, question],
                |_| Ok(()),
            )
            .optional()
            .map(|o| o.is_some())
            .map_err(|e| self.err(e))
    }
}

/// JSON text of a list or map column.
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}
