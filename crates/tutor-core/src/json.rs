//! JSON conventions shared by every output the tutor writes.
//!
//! Seeds are 64-bit: JavaScript and pandas read JSON numbers as doubles, which keep 53 bits,
//! so `5802627622154515547` would come back as `5802627622154515456`. Every seed is therefore
//! written as a string of its decimal digits (`"seed": "5802627622154515547"`). Reading
//! accepts the string or a number, so data written before this change still loads.
//!
//! Use `#[serde(with = "crate::json::seed")]` on a `u64` field and
//! `#[serde(with = "crate::json::opt_seed")]` on an `Option<u64>` field.

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use std::fmt;

/// A `u64` written as a decimal string; read from a string or a number.
pub mod seed {
    use super::*;

    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        d.deserialize_any(SeedVisitor)
    }
}

/// An `Option<u64>` written as a decimal string or `null`; read from a string, a number or
/// `null`.
pub mod opt_seed {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        d.deserialize_option(OptSeedVisitor)
    }
}

struct SeedVisitor;

impl Visitor<'_> for SeedVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a seed: a non-negative integer or a string of its decimal digits")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        // Digits only: no sign, no space, no exponent.
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(E::invalid_value(de::Unexpected::Str(v), &self));
        }
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

struct OptSeedVisitor;

impl<'de> Visitor<'de> for OptSeedVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a seed or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<u64>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<u64>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<u64>, D::Error> {
        seed::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct S {
        #[serde(with = "super::seed")]
        seed: u64,
        #[serde(with = "super::opt_seed", default)]
        case_seed: Option<u64>,
    }

    const BIG: u64 = 5_802_627_622_154_515_547;

    #[test]
    fn seeds_are_written_as_strings() {
        let s = S {
            seed: BIG,
            case_seed: Some(u64::MAX),
        };
        assert_eq!(
            serde_json::to_string(&s).expect("json"),
            r#"{"seed":"5802627622154515547","case_seed":"18446744073709551615"}"#
        );
        let none = S {
            seed: 0,
            case_seed: None,
        };
        assert_eq!(
            serde_json::to_string(&none).expect("json"),
            r#"{"seed":"0","case_seed":null}"#
        );
    }

    #[test]
    fn seeds_are_read_from_strings_or_numbers() {
        let want = S {
            seed: BIG,
            case_seed: Some(u64::MAX),
        };
        for text in [
            r#"{"seed":"5802627622154515547","case_seed":"18446744073709551615"}"#,
            r#"{"seed":5802627622154515547,"case_seed":18446744073709551615}"#,
        ] {
            assert_eq!(serde_json::from_str::<S>(text).expect(text), want);
        }
        let none: S = serde_json::from_str(r#"{"seed":1,"case_seed":null}"#).expect("null");
        assert_eq!(none.case_seed, None);
        let missing: S = serde_json::from_str(r#"{"seed":"1"}"#).expect("missing");
        assert_eq!(missing.case_seed, None);
        // Inside an internally tagged enum (buffered before it is read), as in resume state.
        use crate::quiz::Origin;
        let case = Origin::Case {
            template: "t".into(),
            seed: BIG,
            vars: Default::default(),
            step: None,
        };
        let text = serde_json::to_string(&case).expect("json");
        assert_eq!(
            text,
            r#"{"kind":"case","template":"t","seed":"5802627622154515547","vars":{}}"#
        );
        let old = r#"{"kind":"case","template":"t","seed":5802627622154515547,"vars":{}}"#;
        for t in [text.as_str(), old] {
            assert_eq!(serde_json::from_str::<Origin>(t).expect(t), case);
        }
        for bad in [
            r#"{"seed":-1}"#,
            r#"{"seed":"-1"}"#,
            r#"{"seed":"+1"}"#,
            r#"{"seed":" 1"}"#,
            r#"{"seed":""}"#,
            r#"{"seed":"18446744073709551616"}"#,
            r#"{"seed":1.5}"#,
        ] {
            assert!(serde_json::from_str::<S>(bad).is_err(), "{bad}");
        }
    }
}
