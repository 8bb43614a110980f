//! One learner's progress in one course: turns a graded answer into a stored attempt and an
//! FSRS review, for every front end alike.

use crate::course::Course;
use crate::grade::{Answer, Outcome};
use crate::quiz::drill::DrillSettings;
use crate::quiz::{Origin, Question};
use crate::schedule::{ReviewState, Scheduler};
use crate::store::{Attempt, DrillRecord, Mode, Store, StoreError, Summary};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where an answer was given, besides the question itself.
#[derive(Debug, Clone)]
pub struct Context {
    pub quiz_seed: u64,
    pub mode: Mode,
    pub drill: Option<String>,
    /// The drill's settings, recorded with its first answer here.
    pub drill_settings: Option<DrillSettings>,
    pub seconds: f64,
    pub at_ms: i64,
    /// A drill's time limit ran out: recorded as unanswered.
    pub timed_out: bool,
}

pub struct Progress {
    pub store: Store,
    scheduler: Scheduler,
    pub user: String,
    course: String,
    /// Drills whose settings this connection has recorded.
    drills_recorded: HashSet<String>,
}

impl Progress {
    /// Opens `user`'s progress in the store of `data_dir`. The second value says where a
    /// corrupt database was moved, so the front end can tell the user.
    pub fn open(
        data_dir: &Path,
        user: &str,
        course: &Course,
        scheduler: Scheduler,
        now_ms: i64,
    ) -> Result<(Progress, Option<PathBuf>), StoreError> {
        let user = crate::store::valid_user(user)?.to_owned();
        let opened = Store::open(data_dir, now_ms)?;
        let p = Progress {
            store: opened.store,
            scheduler,
            user,
            course: course.meta.id.clone(),
            drills_recorded: HashSet::new(),
        };
        Ok((p, opened.moved_aside))
    }

    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    pub fn course_id(&self) -> &str {
        &self.course
    }

    /// The attempt for `q` answered with `answer`, by this learner.
    pub fn attempt(
        &self,
        course: &Course,
        q: &Question,
        answer: &Answer,
        outcome: &Outcome,
        ctx: &Context,
    ) -> Attempt {
        attempt_of(course, &self.user, q, answer, outcome, ctx)
    }

    /// Commits the answer (and its review) before the caller shows feedback. A database found
    /// corrupt is moved aside, when this is its only user, and the answer written to a fresh
    /// one; the moved path is returned so the user can be told.
    pub fn record(
        &mut self,
        course: &Course,
        q: &Question,
        answer: &Answer,
        outcome: &Outcome,
        ctx: &Context,
    ) -> Result<Option<PathBuf>, StoreError> {
        let a = self.attempt(course, q, answer, outcome, ctx);
        let moved = match self.store.record(&a, &self.scheduler) {
            Ok(_) => None,
            Err(e) if e.is_corrupt() => {
                let moved = self.store.recover(ctx.at_ms)?;
                self.store.record(&a, &self.scheduler)?;
                moved
            }
            Err(e) => return Err(e),
        };
        self.record_drill(course, ctx);
        Ok(moved)
    }

    /// Records the settings of the drill `ctx` answers in, once per drill. The answer is
    /// already stored: a failure here loses only the settings line of the report, and the
    /// next answer tries again.
    fn record_drill(&mut self, course: &Course, ctx: &Context) {
        let (Some(id), Some(settings)) = (&ctx.drill, &ctx.drill_settings) else {
            return;
        };
        if self.drills_recorded.contains(id) {
            return;
        }
        let record = DrillRecord {
            id: id.clone(),
            course: course.meta.id.clone(),
            course_version: course.meta.version,
            seed: ctx.quiz_seed,
            settings: settings.clone(),
            at_ms: ctx.at_ms,
        };
        if self.store.record_drill(&record).is_ok() {
            self.drills_recorded.insert(id.clone());
        }
    }

    pub fn summary(&self, now_ms: i64) -> Result<Summary, StoreError> {
        self.store.summary(&self.user, &self.course, now_ms)
    }

    pub fn review_states(&self) -> Result<Vec<(String, ReviewState)>, StoreError> {
        self.store.review_states(&self.user, &self.course)
    }
}

/// The attempt of `user` for `q` answered with `answer`, in `course` as it is now.
pub fn attempt_of(
    course: &Course,
    user: &str,
    q: &Question,
    answer: &Answer,
    outcome: &Outcome,
    ctx: &Context,
) -> Attempt {
    let (item, template, case_seed, vars) = match &q.origin {
        Origin::Item { id } => (Some(id.clone()), None, None, None),
        Origin::Case {
            template,
            seed,
            vars,
            ..
        } => (
            None,
            Some(template.clone()),
            Some(*seed),
            Some(vars.clone()),
        ),
    };
    Attempt {
        at_ms: ctx.at_ms,
        user: user.to_owned(),
        course: course.meta.id.clone(),
        course_version: course.meta.version,
        question: q.id.clone(),
        item,
        template,
        unit: q.unit(course).to_string(),
        quiz_seed: ctx.quiz_seed,
        case_seed,
        vars,
        options: q.options.iter().map(|o| o.id.clone()).collect(),
        answer: answer.display(),
        correct: outcome.correct,
        typo: outcome.typo,
        seconds: ctx.seconds,
        mode: ctx.mode,
        drill: ctx.drill.clone(),
        cites: q.cites.clone(),
        timed_out: ctx.timed_out,
        step: q.step().map(|s| s.number),
    }
}
