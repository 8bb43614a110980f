//! The drills a store has seen, each with the settings it was started with, so the
//! instructor's report can say what each drill id was (seed, questions, lessons, time limit,
//! exam, paced). Written once per drill, beside its first answer.

use super::{Store, StoreError};
use crate::quiz::drill::DrillSettings;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// One drill as recorded (and as a results file carries it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillRecord {
    pub id: String,
    pub course: String,
    pub course_version: u32,
    #[serde(with = "crate::json::seed")]
    pub seed: u64,
    pub settings: DrillSettings,
    /// When it was first recorded here.
    pub at_ms: i64,
}

impl Store {
    /// Records a drill's settings, unless the store has them already (a drill's id is a
    /// hash of its course and settings, so a second record could only repeat the first).
    pub fn record_drill(&mut self, d: &DrillRecord) -> Result<(), StoreError> {
        let settings = serde_json::to_string(&d.settings).unwrap_or_default();
        self.conn
            .execute(
                "INSERT OR IGNORE INTO drills (id, course, course_version, seed, settings, at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    d.id,
                    d.course,
                    d.course_version,
                    d.seed as i64,
                    settings,
                    d.at_ms
                ],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Every drill recorded, by id; none in a store from before drills were recorded, which
    /// a reader opens without migrating. A row whose settings cannot be read is left out.
    pub fn drills(&self) -> Result<Vec<DrillRecord>, StoreError> {
        let has: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drills'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if has.is_none() {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, course, course_version, seed, settings, at_ms FROM drills ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let settings: String = r.get(4)?;
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, i64>(3)?,
                    settings,
                    r.get::<_, i64>(5)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, course, course_version, seed, settings, at_ms) =
                row.map_err(|e| self.err(e))?;
            let Ok(settings) = serde_json::from_str(&settings) else {
                continue;
            };
            out.push(DrillRecord {
                id,
                course,
                course_version,
                seed: seed as u64,
                settings,
                at_ms,
            });
        }
        Ok(out)
    }
}
