//! Numbers written out for SVG attributes, CSS and data attributes, with integer arithmetic.
//!
//! `format!("{:.1}", x)` would bring `f64`'s formatting code (about 20 KB of wasm) into the page
//! for what is only a fixed number of decimals (see docs/performance.md).

use std::fmt;

/// `value` rounded to `digits` decimals (half away from zero), written like `{:.digits$}`
/// but never as `-0.0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed {
    /// The value times 10^digits, rounded.
    scaled: i64,
    digits: u32,
}

/// `value` with `digits` decimals (at most 6); not-a-number and infinities are written as 0.
pub fn fixed(value: f64, digits: u32) -> Fixed {
    let digits = digits.min(6);
    let scaled = (value * 10f64.powi(digits as i32)).round();
    // `as` saturates; the values drawn here are far inside i64.
    let scaled = if scaled.is_finite() { scaled as i64 } else { 0 };
    Fixed { scaled, digits }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.scaled < 0 { "-" } else { "" };
        let abs = self.scaled.unsigned_abs();
        if self.digits == 0 {
            return write!(f, "{sign}{abs}");
        }
        let unit = 10u64.pow(self.digits);
        let width = self.digits as usize;
        write!(f, "{sign}{}.{:0width$}", abs / unit, abs % unit)
    }
}

/// `value` limited to `lo..=hi` (`lo` for not-a-number). Unlike `f64::clamp` it cannot panic,
/// so the wasm does not carry the panic message's float formatting; `hi` wins if `lo > hi`.
pub fn within(value: f64, lo: f64, hi: f64) -> f64 {
    value.max(lo).min(hi)
}

#[cfg(test)]
mod tests {
    use super::{fixed, within};

    #[test]
    fn within_limits_like_clamp() {
        assert_eq!(within(-1.0, 0.0, 1.0), 0.0);
        assert_eq!(within(0.25, 0.0, 1.0), 0.25);
        assert_eq!(within(7.0, 0.0, 1.0), 1.0);
        assert_eq!(within(f64::NAN, 0.0, 1.0), 0.0);
    }

    #[test]
    fn writes_like_a_fixed_precision_format() {
        for (value, digits, written) in [
            (12.345, 1, "12.3"),
            (12.36, 1, "12.4"),
            (-3.21, 2, "-3.21"),
            (0.5, 0, "1"),
            (640.0, 0, "640"),
            (0.04, 3, "0.040"),
            (1.0, 4, "1.0000"),
            (-0.004, 2, "0.00"),
            (-0.05, 1, "-0.1"),
            (f64::NAN, 1, "0.0"),
        ] {
            assert_eq!(
                fixed(value, digits).to_string(),
                written,
                "{value} to {digits}"
            );
        }
    }

    #[test]
    fn agrees_with_the_standard_format_away_from_ties() {
        for i in -2000..2000 {
            let value = i as f64 * 0.731 + 0.0113;
            for digits in 0..4 {
                let standard = format!("{value:.*}", digits as usize);
                assert_eq!(fixed(value, digits).to_string(), standard, "{value}");
            }
        }
    }
}
