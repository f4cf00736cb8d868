//! When the plan will be done, from how fast it has been getting done: a
//! Monte Carlo over the observed daily gains in done effort.
//!
//! A day's gain is the effort earned by progress that day (see
//! [`super::Numbers::earned_hours`]): a re-estimate moves the scope, not
//! the gains, and neither do leaves added or removed. Each run draws days
//! at random from the recent ones until the remaining effort is done; the
//! 50% and 85% dates are the medians and 85th percentiles of the runs.
//! The generator is seeded, so the same history gives the same dates.

use chrono::{Days, NaiveDate};

/// Recent days whose gains are drawn from.
pub const WINDOW_DAYS: u32 = 56;
/// Runs of the simulation.
pub const RUNS: usize = 2_000;
/// A run that has not finished in this many days counts as never.
pub const HORIZON_DAYS: u32 = 3_650;
/// The generator's seed: a fixed one, so forecasts are reproducible.
const SEED: u64 = 0x005E_ED0F_B0A7;

/// The forecast, and how it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// Half the runs were done by this day; `None` when that is more than
    /// ten years out.
    pub p50: Option<NaiveDate>,
    /// 85% of the runs were done by this day.
    pub p85: Option<NaiveDate>,
    /// The method in words.
    pub method: String,
    /// The effort still to do at the last point, in hours.
    pub remaining_hours: f64,
    /// The mean daily gain over the days drawn from, in hours.
    pub daily_gain_hours: f64,
    /// The days drawn from, ending at the last point's day.
    pub window_days: u32,
    /// How the scope (the effort of live leaves) changed over those days.
    pub scope_change_hours: f64,
    /// How much of the change in done effort over those days was not
    /// progress: re-estimates, leaves added or removed.
    pub rescoped_done_hours: f64,
}

/// One valid point as the forecast sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub date: NaiveDate,
    pub effort_hours: f64,
    pub done_hours: f64,
    /// Done effort earned by progress since the previous sample.
    pub earned_hours: f64,
}

/// Why there is no forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoForecast {
    /// No version validates.
    NoValidPoint,
    /// The latest version has no effort in scope.
    EmptyScope,
    /// Everything in scope is done.
    NothingLeft,
    /// The valid points all fall on one day.
    TooShort,
    /// No progress was earned over the recent days.
    NotRising,
}

impl NoForecast {
    pub fn reason(self) -> &'static str {
        match self {
            NoForecast::NoValidPoint => "no version of the plans validates",
            NoForecast::EmptyScope => "nothing in scope has any effort",
            NoForecast::NothingLeft => "nothing is left to do",
            NoForecast::TooShort => "the history spans less than two days",
            NoForecast::NotRising => "progress is not rising",
        }
    }
}

/// The forecast from the valid points, oldest first, or why there is none:
/// progress not rising over the recent days (or fewer than two days of
/// them), or nothing left to do.
pub fn forecast(samples: &[Sample]) -> Result<Forecast, NoForecast> {
    let (Some(first), Some(last)) = (samples.first(), samples.last()) else {
        return Err(NoForecast::NoValidPoint);
    };
    let remaining = last.effort_hours - last.done_hours;
    let span = (last.date - first.date).num_days();
    if last.effort_hours <= 1e-9 {
        return Err(NoForecast::EmptyScope);
    }
    if remaining <= 1e-9 {
        return Err(NoForecast::NothingLeft);
    }
    if span < 1 {
        return Err(NoForecast::TooShort);
    }
    // Days are counted from the first sample's: day 1 is the day after
    // it, and what was earned later on its own day counts on day 1.
    let window = span.min(i64::from(WINDOW_DAYS));
    let first_day = span - window + 1;
    let day_of = |sample: &Sample| (sample.date - first.date).num_days().max(1);
    let mut gains = vec![0.0; window as usize];
    for sample in &samples[1..] {
        let day = day_of(sample);
        if day >= first_day && day <= span {
            gains[(day - first_day) as usize] += sample.earned_hours;
        }
    }
    let total: f64 = gains.iter().sum();
    if total <= 1e-9 {
        return Err(NoForecast::NotRising);
    }
    // The state the window starts from: the first sample, or when the
    // window is the recent part of a longer history, the last sample
    // before it.
    let base = if first_day == 1 {
        first
    } else {
        samples
            .iter()
            .rev()
            .find(|s| (s.date - first.date).num_days() < first_day)
            .unwrap_or(first)
    };
    let scope_change = last.effort_hours - base.effort_hours;
    let rescoped = (last.done_hours - base.done_hours) - total;
    let mean = total / window as f64;
    // Well past the horizon at the mean rate: the median run would not
    // finish in time, nor would 85% of them, so none is run.
    let hopeless = remaining / mean > 1.2 * f64::from(HORIZON_DAYS);
    let days = if hopeless {
        vec![HORIZON_DAYS + 1]
    } else {
        simulate(&gains, remaining)
    };
    let at = |share: f64| {
        let index = ((days.len() as f64 * share).ceil() as usize).clamp(1, days.len()) - 1;
        let d = days[index];
        (d <= HORIZON_DAYS)
            .then(|| last.date.checked_add_days(Days::new(u64::from(d))))
            .flatten()
    };
    Ok(Forecast {
        p50: at(0.50),
        p85: at(0.85),
        method: format!(
            "Monte Carlo, {RUNS} runs: each draws days at random from the daily gains \
             in done effort of the last {window} days (mean {mean:.1}h a day) until the \
             {remaining:.0}h left are done; re-estimates and added or removed tasks \
             change the scope, not the gains; the scope is held as it is now"
        ),
        remaining_hours: remaining,
        daily_gain_hours: mean,
        window_days: window as u32,
        scope_change_hours: scope_change,
        rescoped_done_hours: rescoped,
    })
}

/// The days each run takes to do `remaining` hours, sorted; a run that
/// takes longer than [`HORIZON_DAYS`] counts one more than that.
fn simulate(gains: &[f64], remaining: f64) -> Vec<u32> {
    let mut rng = Rng::new(SEED);
    let mut days: Vec<u32> = (0..RUNS)
        .map(|_| {
            let mut left = remaining;
            let mut day = 0;
            while left > 1e-9 && day <= HORIZON_DAYS {
                left -= gains[rng.below(gains.len())];
                day += 1;
            }
            day
        })
        .collect();
    days.sort_unstable();
    days
}

/// splitmix64: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, without modulo bias (Lemire's multiply-shift).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(n)
    }

    fn sample(n: u64, effort: f64, done: f64, earned: f64) -> Sample {
        Sample {
            date: day(n),
            effort_hours: effort,
            done_hours: done,
            earned_hours: earned,
        }
    }

    #[test]
    fn a_steady_rate_forecasts_the_day_it_runs_out() {
        // 8h earned every day for ten days; 80h left: ten more days.
        let samples: Vec<Sample> = (0..=10)
            .map(|n| sample(n, 160.0, 8.0 * n as f64, if n == 0 { 0.0 } else { 8.0 }))
            .collect();
        let forecast = forecast(&samples).expect("rising");
        assert_eq!(forecast.p50, Some(day(20)));
        assert_eq!(forecast.p85, Some(day(20)));
        assert_eq!(forecast.window_days, 10);
        assert_eq!(forecast.daily_gain_hours, 8.0);
        assert!(
            forecast.method.starts_with("Monte Carlo"),
            "{}",
            forecast.method
        );
    }

    #[test]
    fn uneven_days_spread_the_dates_and_the_same_input_gives_the_same_dates() {
        // Work on one day in three.
        let samples: Vec<Sample> = (0..=30)
            .map(|n| {
                let earned = if n > 0 && n % 3 == 0 { 12.0 } else { 0.0 };
                sample(n, 400.0, 4.0 * n as f64, earned)
            })
            .collect();
        let a = forecast(&samples).expect("rising");
        let b = forecast(&samples).expect("rising");
        assert_eq!(a, b);
        let (p50, p85) = (a.p50.expect("p50"), a.p85.expect("p85"));
        // About 280h left at 4h a day: about 70 days, p85 later than p50.
        assert!(p50 > day(30 + 60) && p50 < day(30 + 80), "{p50}");
        assert_eq!(a.window_days, 30);
        assert!(p85 > p50, "{p50} {p85}");
    }

    #[test]
    fn re_estimates_are_scope_not_progress() {
        // Done effort rises only because a done task was re-estimated up:
        // nothing was earned, so there is no forecast.
        let samples = [sample(0, 100.0, 50.0, 0.0), sample(5, 140.0, 90.0, 0.0)];
        assert_eq!(forecast(&samples), Err(NoForecast::NotRising));
        // With some progress, the re-estimate shows as scope change.
        let samples = [sample(0, 100.0, 50.0, 0.0), sample(5, 140.0, 95.0, 5.0)];
        let forecast = forecast(&samples).expect("rising");
        assert_eq!(forecast.scope_change_hours, 40.0);
        assert_eq!(forecast.rescoped_done_hours, 40.0);
        assert_eq!(forecast.remaining_hours, 45.0);
    }

    #[test]
    fn no_forecast_without_rising_progress() {
        assert_eq!(forecast(&[]), Err(NoForecast::NoValidPoint));
        // One day only.
        assert_eq!(
            forecast(&[sample(0, 10.0, 1.0, 0.0), sample(0, 10.0, 2.0, 1.0)]),
            Err(NoForecast::TooShort)
        );
        // Going back.
        assert_eq!(
            forecast(&[sample(0, 10.0, 5.0, 0.0), sample(3, 10.0, 2.0, -3.0)]),
            Err(NoForecast::NotRising)
        );
        // Nothing left to do, or nothing to do at all.
        assert_eq!(
            forecast(&[sample(0, 10.0, 5.0, 0.0), sample(3, 10.0, 10.0, 5.0)]),
            Err(NoForecast::NothingLeft)
        );
        assert_eq!(
            forecast(&[sample(0, 0.0, 0.0, 0.0), sample(3, 0.0, 0.0, 0.0)]),
            Err(NoForecast::EmptyScope)
        );
    }

    #[test]
    fn a_long_history_forecasts_from_its_recent_weeks() {
        // Slow for 100 days, then 8h a day for the last 56 (scope up 56h).
        let samples: Vec<Sample> = (0..=156)
            .map(|n| {
                let earned = match n {
                    0 => 0.0,
                    1..=100 => 0.5,
                    _ => 8.0,
                };
                let scope = if n > 100 {
                    1000.0 + (n - 100) as f64
                } else {
                    1000.0
                };
                sample(n, scope, 0.0, earned)
            })
            .collect();
        let forecast = forecast(&samples).expect("rising");
        assert_eq!(forecast.window_days, WINDOW_DAYS);
        assert_eq!(forecast.daily_gain_hours, 8.0);
        assert_eq!(forecast.scope_change_hours, 56.0);
    }

    #[test]
    fn too_slow_is_never() {
        let samples = [
            sample(0, 100_000.0, 0.0, 0.0),
            sample(1, 100_000.0, 1.0, 1.0),
        ];
        let forecast = forecast(&samples).expect("rising");
        assert_eq!((forecast.p50, forecast.p85), (None, None));
    }
}
