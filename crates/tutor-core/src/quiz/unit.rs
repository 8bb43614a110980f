//! Learning units: what spaced review schedules. A fixed item counts toward its objective
//! (so every item of an objective reviews the same unit), an item without one is its own
//! unit, and a case template is one unit whatever variant is drawn.

use crate::course::Course;
use crate::course::spec::ItemSpec;
use std::fmt;

/// The stored key of an item without an objective starts with this.
const ITEM_PREFIX: &str = "item:";

/// One learning unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// A case template, by id.
    Template(String),
    /// A learning objective shared by fixed items.
    Objective(String),
    /// A fixed item without an objective, by id.
    Item(String),
}

impl Unit {
    /// The unit a fixed item reviews.
    pub fn of_item(item: &ItemSpec) -> Unit {
        match &item.objective {
            Some(o) => Unit::Objective(o.clone()),
            None => Unit::Item(item.id.clone()),
        }
    }

    /// The unit a stored key names in `course`: `item:<id>`, a case template's id, or else
    /// an objective.
    pub fn from_key(course: &Course, key: &str) -> Unit {
        if let Some(id) = key.strip_prefix(ITEM_PREFIX) {
            Unit::Item(id.to_owned())
        } else if course.case_template(key).is_some() {
            Unit::Template(key.to_owned())
        } else {
            Unit::Objective(key.to_owned())
        }
    }
}

/// The stored key: the template's or objective's id, or `item:<id>`.
impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Template(id) | Unit::Objective(id) => f.write_str(id),
            Unit::Item(id) => write!(f, "{ITEM_PREFIX}{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_for_every_unit_of_the_course() {
        let course = Course::embedded().expect("course");
        let units = crate::quiz::review::units(&course);
        assert!(units.iter().any(|u| matches!(u, Unit::Template(_))));
        assert!(units.iter().any(|u| matches!(u, Unit::Objective(_))));
        for u in &units {
            assert_eq!(&Unit::from_key(&course, &u.to_string()), u);
        }
        assert_eq!(Unit::Item("i3".into()).to_string(), "item:i3");
    }
}
