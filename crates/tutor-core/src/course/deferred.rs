//! A part of a course that is decoded on first use. The embedded course's items and case
//! templates are most of its bytes, and the first frame (the home screen) needs neither, so
//! they wait until a quiz, a review or the store asks for them.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

/// A value given at once, or made by `make` the first time it is read.
pub struct Deferred<T> {
    cell: OnceLock<T>,
    make: fn() -> T,
}

impl<T> Deferred<T> {
    /// A value that is there already.
    pub fn ready(value: T) -> Deferred<T> {
        Deferred {
            cell: OnceLock::from(value),
            make: made_at_construction,
        }
    }

    /// A value `make` makes when it is first read.
    pub fn lazy(make: fn() -> T) -> Deferred<T> {
        Deferred {
            cell: OnceLock::new(),
            make,
        }
    }
}

/// The `make` of a [`Deferred::ready`] value, which is never called: its cell is full from
/// the start and is only ever read or changed in place.
fn made_at_construction<T>() -> T {
    unreachable!("a ready value is set when it is made")
}

impl<T> Deref for Deferred<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.cell.get_or_init(self.make)
    }
}

impl<T> DerefMut for Deferred<T> {
    fn deref_mut(&mut self) -> &mut T {
        let make = self.make;
        self.cell.get_or_init(make);
        match self.cell.get_mut() {
            Some(value) => value,
            None => unreachable!("filled just above"),
        }
    }
}

impl<T: Clone> Clone for Deferred<T> {
    fn clone(&self) -> Self {
        Deferred {
            cell: self.cell.clone(),
            make: self.make,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Deferred<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cell.get() {
            Some(value) => value.fmt(f),
            None => f.write_str("<not decoded yet>"),
        }
    }
}

impl<'a, T> IntoIterator for &'a Deferred<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static MADE: AtomicUsize = AtomicUsize::new(0);

    fn three() -> Vec<u8> {
        MADE.fetch_add(1, Ordering::SeqCst);
        vec![1, 2, 3]
    }

    #[test]
    fn a_lazy_value_is_made_once_on_first_read_and_can_be_changed() {
        let mut v = Deferred::lazy(three);
        assert_eq!(MADE.load(Ordering::SeqCst), 0, "not made before it is read");
        assert_eq!(v.len(), 3);
        assert_eq!(v.iter().sum::<u8>(), 6);
        assert_eq!(MADE.load(Ordering::SeqCst), 1, "made once");
        v.push(4);
        assert_eq!((&v).into_iter().count(), 4);
        let ready = Deferred::ready(vec![9]);
        assert_eq!(ready[0], 9);
        assert_eq!(ready.clone()[0], 9);
    }
}
