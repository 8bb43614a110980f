//! The few statistics item analysis needs, over plain `f64` slices. Every function returns
//! `None` where the figure is undefined (too few values, or a variance of zero), never NaN.

/// Variances at or below this are zero: marks are 0 or 1, so a real variance is far larger.
const ZERO: f64 = 1e-12;

pub fn mean(x: &[f64]) -> Option<f64> {
    (!x.is_empty()).then(|| x.iter().sum::<f64>() / x.len() as f64)
}

/// The middle value; the mean of the two middle values for an even count.
pub fn median(x: &[f64]) -> Option<f64> {
    if x.is_empty() {
        return None;
    }
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    })
}

/// Sample variance (divisor n − 1); `None` for fewer than two values.
pub fn sample_var(x: &[f64]) -> Option<f64> {
    if x.len() < 2 {
        return None;
    }
    let m = mean(x)?;
    Some(x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() - 1) as f64)
}

/// Sample standard deviation (divisor n − 1), as Moodle's quiz statistics use.
pub fn sample_sd(x: &[f64]) -> Option<f64> {
    sample_var(x).map(f64::sqrt)
}

/// Pearson's correlation of two equally long series; `None` when either is constant or
/// there are fewer than two pairs.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let (mx, my) = (mean(x)?, mean(y)?);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    (sxx > ZERO && syy > ZERO).then(|| sxy / (sxx * syy).sqrt())
}

/// Cronbach's alpha of a complete score matrix (one row per student, one column per item):
/// k/(k−1) × (1 − Σ var(item) / var(total)), sample variances. `None` for fewer than two
/// items or students, or when the totals do not vary.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let item_vars: f64 = (0..k)
        .map(|j| sample_var(&rows.iter().map(|r| r[j]).collect::<Vec<_>>()))
        .sum::<Option<f64>>()?;
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let total_var = sample_var(&totals)?;
    let k = k as f64;
    let alpha = k / (k - 1.0) * (1.0 - item_vars / total_var);
    // Rounding noise of an alpha that is 0 (items that do not covary) would print -0.000.
    let alpha = if alpha.abs() < ZERO { 0.0 } else { alpha };
    (total_var > ZERO).then_some(alpha)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items that do not covary have an alpha of 0, never a rounding's -0.000.
    #[test]
    fn an_alpha_of_zero_is_zero() {
        // Item 2 does not vary: alpha = 2 × (1 − 1/3 ÷ 1/3) = 0, computed as −4.4e-16.
        let rows: Vec<Vec<f64>> = [[1., 1.], [0., 1.], [0., 1.]]
            .iter()
            .map(|r| r.to_vec())
            .collect();
        let alpha = cronbach_alpha(&rows).expect("defined");
        assert!(alpha == 0.0 && alpha.is_sign_positive(), "{alpha:e}");
    }

    #[test]
    fn figures_of_small_series() {
        assert_eq!(mean(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(sample_var(&[1.0]), None);
        // Mean 0.5; squares 0.25 × 4 = 1; divided by 3.
        assert_eq!(sample_var(&[0.0, 1.0, 0.0, 1.0]), Some(1.0 / 3.0));
        assert_eq!(pearson(&[1.0, 1.0], &[0.0, 1.0]), None);
        let r = pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]).expect("defined");
        assert!((r - 1.0).abs() < 1e-12);
        assert_eq!(cronbach_alpha(&[vec![1.0, 1.0], vec![1.0, 1.0]]), None);
        // Two identical items: alpha = 2 × (1 − 2·v / 4·v) = 1.
        let a = cronbach_alpha(&[vec![1.0, 1.0], vec![0.0, 0.0], vec![1.0, 1.0]]);
        assert!((a.expect("defined") - 1.0).abs() < 1e-12);
    }
}
