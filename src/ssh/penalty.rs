//! The back-off after failed logins, keyed by (address, name), in the spirit of OpenSSH's
//! `PerSourcePenalties` but so that one learner's failures never hold up another's login
//! from the same address (a class behind one NAT):
//!
//! - per (address, name): 3 failures are free, then attempts for that name from that address
//!   take turns, 1 s apart, doubling to 30 s with each failure (a turn taken counts as a
//!   failure to come): attempts in parallel connections queue for their turn (parallel
//!   connections do not guess faster), and an attempt whose turn is more than 30 s away is
//!   refused without being checked. A correct login clears only its own (address, name);
//! - per address: a budget of [`ADDRESS_BUDGET`] failures (any names) that a correct login
//!   does not reset; past it, every attempt from the address waits [`ADDRESS_DELAY`] (under a
//!   second: a name with no failures of its own is never held up longer);
//! - both are forgotten 10 minutes after the last failure.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Failures of one name from one address that cost nothing.
const FREE: u32 = 3;
const FORGET: Duration = Duration::from_secs(600);
const MAX_INTERVAL: Duration = Duration::from_secs(30);
/// An attempt whose turn is further away than this is refused unchecked.
const MAX_WAIT: Duration = Duration::from_secs(30);
/// Failures from one address (any names) before each attempt from it waits.
pub const ADDRESS_BUDGET: u32 = 10;
pub const ADDRESS_DELAY: Duration = Duration::from_millis(750);
/// Memory bounds: names kept per address, addresses kept.
const MAX_NAMES: usize = 64;
const MAX_ADDRESSES: usize = 10_000;

/// When a login attempt may be checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Turn {
    /// After this wait.
    Wait(Duration),
    /// Not now: the name's turn from this address is this far away.
    TooSoon(Duration),
}

struct Address {
    failures: u32,
    last: Instant,
    names: HashMap<String, Name>,
}

struct Name {
    failures: u32,
    /// Turns taken and not yet failed: each is counted as a failure to come when the next
    /// turn is spaced (parallel attempts do not all get the short early intervals).
    pending: u32,
    last: Instant,
    /// The earliest time of the next attempt's turn.
    next: Instant,
}

#[derive(Default)]
pub struct Penalties {
    inner: Mutex<HashMap<IpAddr, Address>>,
}

/// The wait between attempts after `failures`.
fn interval(failures: u32) -> Duration {
    if failures < FREE {
        return Duration::ZERO;
    }
    (Duration::from_secs(1) * (1u32 << (failures - FREE).min(5))).min(MAX_INTERVAL)
}

/// Names are keyed by at most 64 bytes (a client may send a long one).
fn key(name: &str) -> &str {
    let mut end = name.len().min(64);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

impl Penalties {
    fn lock(&self) -> MutexGuard<'_, HashMap<IpAddr, Address>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the next turn of `name` from `ip`.
    pub fn turn(&self, ip: IpAddr, name: &str) -> Turn {
        let now = Instant::now();
        let mut g = self.lock();
        let Some(a) = g.get_mut(&ip) else {
            return Turn::Wait(Duration::ZERO);
        };
        if now.duration_since(a.last) >= FORGET {
            g.remove(&ip);
            return Turn::Wait(Duration::ZERO);
        }
        let address = if a.failures >= ADDRESS_BUDGET {
            ADDRESS_DELAY
        } else {
            Duration::ZERO
        };
        let own = match a.names.get_mut(key(name)) {
            Some(n) if n.failures >= FREE && now.duration_since(n.last) < FORGET => {
                let at = n.next.max(now);
                let wait = at - now;
                if wait > MAX_WAIT {
                    return Turn::TooSoon(wait);
                }
                n.pending = n.pending.saturating_add(1);
                n.next = at + interval(n.failures.saturating_add(n.pending));
                wait
            }
            _ => Duration::ZERO,
        };
        Turn::Wait(address.max(own))
    }

    pub fn failed(&self, ip: IpAddr, name: &str) {
        let now = Instant::now();
        let mut g = self.lock();
        if g.len() >= MAX_ADDRESSES && !g.contains_key(&ip) {
            g.retain(|_, a| now.duration_since(a.last) < FORGET);
            if g.len() >= MAX_ADDRESSES {
                return;
            }
        }
        let a = g.entry(ip).or_insert_with(|| Address {
            failures: 0,
            last: now,
            names: HashMap::new(),
        });
        if now.duration_since(a.last) >= FORGET {
            a.failures = 0;
            a.names.clear();
        }
        a.failures = a.failures.saturating_add(1);
        a.last = now;
        let k = key(name);
        if a.names.len() >= MAX_NAMES && !a.names.contains_key(k) {
            let oldest = a
                .names
                .iter()
                .min_by_key(|(_, n)| n.last)
                .map(|(k, _)| k.clone());
            if let Some(o) = oldest {
                a.names.remove(&o);
            }
        }
        let n = a.names.entry(k.to_owned()).or_insert(Name {
            failures: 0,
            pending: 0,
            last: now,
            next: now,
        });
        if now.duration_since(n.last) >= FORGET {
            n.failures = 0;
            n.pending = 0;
        }
        n.failures = n.failures.saturating_add(1);
        n.pending = n.pending.saturating_sub(1);
        n.last = now;
        n.next = n.next.max(now + interval(n.failures));
    }

    /// A correct login of `name` from `ip`: that name's failures there are forgotten; the
    /// address's budget is not.
    pub fn succeeded(&self, ip: IpAddr, name: &str) {
        if let Some(a) = self.lock().get_mut(&ip) {
            a.names.remove(key(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7));

    fn wait(t: Turn) -> Duration {
        match t {
            Turn::Wait(d) => d,
            Turn::TooSoon(d) => panic!("too soon: {d:?}"),
        }
    }

    #[test]
    fn names_back_off_apart_and_successes_do_not_reset_others() {
        let p = Penalties::default();
        for _ in 0..3 {
            assert_eq!(wait(p.turn(IP, "bob")), Duration::ZERO);
            p.failed(IP, "bob");
        }
        // Bob waits; alice, from the same address, does not.
        let b = wait(p.turn(IP, "bob"));
        assert!(b > Duration::from_millis(900), "{b:?}");
        assert_eq!(wait(p.turn(IP, "alice")), Duration::ZERO);
        p.succeeded(IP, "alice");
        // Parallel attempts for bob take turns, a second apart.
        let b2 = wait(p.turn(IP, "bob"));
        assert!(b2 >= b + Duration::from_millis(900), "{b:?} {b2:?}");
        for _ in 0..5 {
            p.failed(IP, "bob");
        }
        assert!(matches!(
            p.turn(IP, "bob"),
            Turn::Wait(_) | Turn::TooSoon(_)
        ));
        // 8 failures: the address is under its budget of 10, alice still waits nothing.
        assert_eq!(wait(p.turn(IP, "alice")), Duration::ZERO);
        for _ in 0..3 {
            p.failed(IP, "carol");
        }
        const { assert!(ADDRESS_BUDGET <= 11) };
        p.succeeded(IP, "alice");
        // Over the budget: at most ADDRESS_DELAY for a name with no failures of its own.
        assert_eq!(wait(p.turn(IP, "alice")), ADDRESS_DELAY);
        const { assert!(ADDRESS_DELAY.as_millis() < 1000) };
        // Bob's failures are still there.
        assert!(p.turn(IP, "bob") != Turn::Wait(ADDRESS_DELAY));
        // A name's turn far away: refused unchecked.
        let p = Penalties::default();
        for _ in 0..10 {
            p.failed(IP, "bob");
        }
        assert!(matches!(p.turn(IP, "bob"), Turn::Wait(_)));
        assert!(matches!(p.turn(IP, "bob"), Turn::TooSoon(_)));
    }

    #[test]
    fn long_names_are_keyed_by_a_prefix() {
        assert_eq!(key(&"é".repeat(40)).len(), 64);
        assert_eq!(key("bob"), "bob");
    }
}
