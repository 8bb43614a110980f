//! A value a reload (SIGHUP) may replace while sessions run. Each reader takes the value
//! current then and keeps it for as long as it needs it (a login its roster, a session its
//! drills), so nothing in use changes under it; later readers get the new one.

use std::sync::{Arc, RwLock};

pub struct Reloadable<T>(RwLock<Arc<T>>);

impl<T> Reloadable<T> {
    pub fn new(value: T) -> Reloadable<T> {
        Reloadable(RwLock::new(Arc::new(value)))
    }

    /// The current value.
    pub fn now(&self) -> Arc<T> {
        // A panic elsewhere cannot leave a half-written Arc: the old value is still whole.
        Arc::clone(&self.0.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Makes `value` current for every later reader; the one it replaces.
    pub fn replace(&self, value: T) -> Arc<T> {
        let mut slot = self.0.write().unwrap_or_else(|e| e.into_inner());
        std::mem::replace(&mut *slot, Arc::new(value))
    }
}

impl<T> From<T> for Reloadable<T> {
    fn from(value: T) -> Reloadable<T> {
        Reloadable::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_keeps_its_value_across_a_replace() {
        let r = Reloadable::new(1);
        let held = r.now();
        let old = r.replace(2);
        assert_eq!((*held, *old, *r.now()), (1, 1, 2));
    }
}
