//! Where a session is kept for resuming, and what to keep after it changed.

use crate::quiz::drill::DrillId;

/// Which saved quiz a session is kept as. A drill is kept by its id, finished or not, so a
/// student who comes back lands where they were (and does not answer it twice); any other
/// quiz by its seed and title, so a second quiz never overwrites the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Drill(DrillId),
    Quiz { seed: u64, title: String },
}

impl Slot {
    /// The store's key for the slot.
    pub fn key(&self) -> String {
        match self {
            Slot::Drill(id) => format!("drill:{id}"),
            Slot::Quiz { seed, title } => format!("quiz:{seed}:{title}"),
        }
    }
}

/// What to keep for resuming after the session changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keep {
    /// Keep the session as it is now in its slot.
    Save,
    /// Nothing to resume any more: forget the slot.
    Clear(Slot),
}
