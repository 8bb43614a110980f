//! How numbers read on every screen and in every printout: one rounding rule for percentages
//! (to the nearest whole percent, halves up) and spans of time in words.

/// `part` of `whole` as a whole percent, rounded to nearest with halves up; `None` when
/// `whole` is 0 (nothing to show, never "0%").
pub fn percent_of(part: u64, whole: u64) -> Option<u64> {
    let whole = u128::from(whole);
    let part = u128::from(part).min(whole);
    (whole > 0).then(|| u64::try_from((200 * part + whole) / (2 * whole)).unwrap_or(100))
}

/// A share from 0 to 1 as a whole percent, by the same rule as [`percent_of`].
pub fn percent(share: f64) -> u64 {
    // Whole millionths first, so 0.125 is exactly 12.5% and rounds up like 1 of 8 does.
    let millionths = (share.clamp(0.0, 1.0) * 1_000_000.0).round() as u64;
    percent_of(millionths, 1_000_000).unwrap_or(0)
}

/// A percent as shown: `41%`, or `—` when there is nothing to show.
pub fn percent_text(p: Option<u64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))
}

/// A span of time in words, rounded down to its largest unit or two: `less than a minute`,
/// `8 min`, `3 h 20 min`, `2 days`.
pub fn span(ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    let (hours, days) = (minutes / 60, minutes / (24 * 60));
    match (days, hours, minutes) {
        (0, 0, 0) => "less than a minute".to_owned(),
        (0, 0, m) => format!("{m} min"),
        (0, h, m) if m % 60 == 0 => format!("{h} h"),
        (0, h, m) => format!("{h} h {} min", m % 60),
        (1, ..) => "1 day".to_owned(),
        (d, ..) => format!("{d} days"),
    }
}

/// Time taken, to the second: `42 s`, `4 min 12 s`, `1 h 3 min`.
pub fn elapsed(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_to_nearest_with_halves_up_whatever_the_input() {
        assert_eq!(percent_of(1, 8), Some(13), "12.5 rounds up");
        assert_eq!(percent_of(2, 3), Some(67));
        assert_eq!(percent_of(1, 3), Some(33));
        assert_eq!(percent_of(7, 9), Some(78), "77.8");
        assert_eq!(percent_of(0, 0), None);
        assert_eq!(percent_of(u64::MAX, u64::MAX), Some(100));
        assert_eq!(percent(0.125), 13, "the same rule for shares");
        assert_eq!(percent(2.0 / 3.0), 67);
        assert_eq!(percent(0.994), 99);
        assert_eq!(percent(0.995), 100);
        assert_eq!(percent(f64::NAN), 0);
        for (part, whole) in [(1, 8), (3, 8), (5, 8), (2, 3), (44, 100), (41, 47)] {
            let share = part as f64 / whole as f64;
            assert_eq!(
                Some(percent(share)),
                percent_of(part, whole),
                "{part}/{whole}"
            );
        }
        assert_eq!(percent_text(None), "—");
    }

    #[test]
    fn spans_and_times_read_as_words() {
        const MIN: i64 = 60_000;
        assert_eq!(span(30_000), "less than a minute");
        assert_eq!(span(8 * MIN + 59_000), "8 min");
        assert_eq!(span(180 * MIN), "3 h");
        assert_eq!(span(200 * MIN), "3 h 20 min");
        assert_eq!(span(24 * 60 * MIN), "1 day");
        assert_eq!(span(3 * 24 * 60 * MIN + 5), "3 days");
        assert_eq!(span(-5), "less than a minute");
        assert_eq!(elapsed(42_400), "42 s");
        assert_eq!(elapsed(252_000), "4 min 12 s");
        assert_eq!(elapsed(3_780_000), "1 h 3 min");
    }
}
