//! SIGHUP: the roster (`--auth keys|password FILE`) and the class drills (`--drill-file`)
//! read again without dropping a session, as sshd and nginx reload. Sessions keep what they
//! started with; later logins meet the new roster and later sessions the new drills. Both
//! files are read before either is used: a bad one refuses the whole reload, and the old
//! roster and drills stay. The paced drill stays too (`pace::keep_paced`).

use super::{Args, class};
use std::collections::BTreeSet;
use std::sync::Arc;
use tutor::course::Course;
use tutor::quiz::drill::DrillSpec;
use tutor::ssh::reloadable::Reloadable;
use tutor::ssh::{self, AuthMode, dashboard, pace};
use tutor::text::sanitize_line;

pub(super) struct Reloader {
    pub args: Args,
    pub course: Arc<Course>,
    pub shared: Arc<ssh::Shared>,
    /// The dashboard's header, whose drill list follows the class's; none without one.
    pub header: Option<Arc<Reloadable<dashboard::Header>>>,
}

impl Reloader {
    /// Reads both files again and makes them current, or keeps the old ones and says why.
    pub fn reload(&self) {
        match self.read() {
            Ok((auth, drills)) => self.apply(auth, drills),
            Err(why) => {
                self.shared.registry.log.line(format_args!(
                    "SIGHUP received: reload refused, the roster and drills stay as they were: {why}"
                ));
                self.note(format!("reload refused, nothing changed: {why}"), None);
            }
        }
    }

    /// The roster and drills as the files give them now, or the first error, on one line.
    fn read(&self) -> Result<(AuthMode, Vec<DrillSpec>), String> {
        let auth = class::auth_mode(&self.args.auth).map_err(|e| sanitize_line(&e))?;
        let drills = class::drills(&self.args, &self.course)
            .map_err(|e| sanitize_line(&format!("{e:#}")))?;
        Ok((auth, drills))
    }

    fn apply(&self, auth: AuthMode, drills: Vec<DrillSpec>) {
        let settings = &self.shared.settings;
        let log = &self.shared.registry.log;
        let (drills, kept_out) = pace::keep_paced(&settings.drills.now(), drills);
        let names = class::names(&drills, &self.course);
        let listed = if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        };
        let roster = auth.roster_len();
        let old_auth = settings.auth.replace(auth);
        let old_drills = settings.drills.replace(drills.clone());
        log.line(format_args!(
            "SIGHUP received: reloaded roster ({roster} names) and drills ({listed})"
        ));
        let mut outcome = format!("reloaded: roster {roster} names, drills {listed}");
        if let Some(out) = kept_out {
            outcome.push_str("; the paced drill stays");
            let paced = drills.first().map_or(0, |d| d.seed);
            log.line(format_args!(
                "reload: the paced drill (seed {paced}) stays until the server restarts, as the class is paced through it from the dashboard; the file's first drill (seed {}) is not used",
                out.seed
            ));
        }
        self.log_removed(&old_auth, &settings.auth.now());
        let class = self.class_view(&old_drills, &drills);
        self.note(outcome, Some((names, class)));
    }

    /// Says who left the roster; those connected stay until they leave.
    fn log_removed(&self, old: &AuthMode, new: &AuthMode) {
        let now: BTreeSet<&str> = new.names().into_iter().collect();
        let removed: Vec<&str> = old
            .names()
            .into_iter()
            .filter(|n| !now.contains(n))
            .collect();
        if removed.is_empty() {
            return;
        }
        let log = &self.shared.registry.log;
        log.line(format_args!(
            "reload: no longer on the roster, cannot log in again: {}",
            removed.join(", ")
        ));
        for s in self.shared.registry.students() {
            if s.connected && removed.contains(&s.user.as_str()) {
                log.line(format_args!(
                    "reload: user={} is connected and stays until they leave (id={})",
                    ssh::log::clean(&s.user),
                    s.id
                ));
            }
        }
    }

    /// The class view's drills: the new ones, then the old ones students may still be in.
    fn class_view(&self, old: &[DrillSpec], new: &[DrillSpec]) -> Vec<dashboard::ClassDrill> {
        let mut view = class::class_view(new, &self.course);
        for d in class::class_view(old, &self.course) {
            if !view.iter().any(|v| v.id == d.id) {
                view.push(d);
            }
        }
        view
    }

    /// Shows the reload's outcome on the dashboard, with the new drills when it took.
    fn note(&self, outcome: String, drills: Option<(Vec<String>, Vec<dashboard::ClassDrill>)>) {
        let Some(header) = &self.header else {
            return;
        };
        let mut next = (*header.now()).clone();
        next.reload = Some(outcome);
        if let Some((names, class)) = drills {
            next.drills = names;
            next.class = class;
        }
        header.replace(next);
        self.shared.registry.touch();
    }
}
