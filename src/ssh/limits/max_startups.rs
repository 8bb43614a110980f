//! OpenSSH's `MaxStartups start:rate:full` for connections logging in: from `start` of them,
//! a new one is refused with probability `rate`%, rising linearly to 100% at `full`.

/// OpenSSH's `MaxStartups start:rate:full`; a single number `n` is `n:100:n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxStartups {
    pub start: usize,
    /// Percent refused at `start`.
    pub rate: u32,
    pub full: usize,
}

impl std::str::FromStr for MaxStartups {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?}: expected START:RATE:FULL (e.g. 100:30:200) or one number");
        let nums: Vec<usize> = s
            .split(':')
            .map(|p| p.trim().parse().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        let m = match nums[..] {
            [n] => MaxStartups {
                start: n,
                rate: 100,
                full: n,
            },
            [start, rate, full] => MaxStartups {
                start,
                rate: u32::try_from(rate).map_err(|_| bad())?,
                full,
            },
            _ => return Err(bad()),
        };
        if m.start == 0 || m.start > m.full || m.rate > 100 || m.full > 1_000_000 {
            return Err(format!(
                "{s:?}: need 1 <= START <= FULL and RATE from 0 to 100"
            ));
        }
        Ok(m)
    }
}

impl std::fmt::Display for MaxStartups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.start, self.rate, self.full)
    }
}

/// Whether MaxStartups refuses a new connection with `served` others logging in.
pub(super) fn early_drop(m: MaxStartups, served: usize) -> Option<&'static str> {
    let why = "too many connections logging in";
    if served >= m.full {
        return Some(why);
    }
    if served < m.start {
        return None;
    }
    // OpenSSH's formula: rate% at start, rising linearly to 100% at full.
    let span = (m.full - m.start).max(1) as u64;
    let p = u64::from(m.rate) + (100 - u64::from(m.rate)) * (served - m.start) as u64 / span;
    rand::random_ratio(p.min(100) as u32, 100).then_some(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_startups_parses() {
        let m: MaxStartups = "10:30:100".parse().unwrap();
        assert_eq!((m.start, m.rate, m.full), (10, 30, 100));
        assert_eq!("7".parse::<MaxStartups>().unwrap().to_string(), "7:100:7");
        for bad in ["", "1:2", "0", "5:30:4", "1:101:2", "a:b:c"] {
            assert!(bad.parse::<MaxStartups>().is_err(), "{bad}");
        }
    }
}
