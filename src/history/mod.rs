//! The plan set replayed over git history (SPEC §3.4): one point per commit
//! of the first-parent line that changed the plan set, each computed as of
//! its commit's day, and a forecast from them; and the comparison behind
//! `wbs report --since`.
//!
//! The layers: [`planset`] finds each commit's plan files in git's trees;
//! [`replay`] loads each distinct file once, in parts cached by content, on
//! all cores; [`point`] turns a version into its numbers; [`forecast`]
//! simulates the rest; [`since`] compares a past version with today's.

pub mod forecast;
mod hash;
mod parallel;
mod planset;
mod point;
mod replay;
pub mod since;

use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};
use chrono::Datelike;

use crate::git::{Commit, Repo};
use crate::i18n::errors::Failure;
use crate::safe::excerpt;
pub use forecast::{Forecast, NoForecast};
pub use point::Numbers;
use point::{Evaluated, earned_hours};
use replay::Version;

/// Which commits of a day or week become points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Every commit that changed the plan set
    Commit,
    /// The last such commit of each day
    Day,
    /// The last such commit of each week (Monday to Sunday)
    Week,
}

/// What history to replay, as plain values.
#[derive(Debug, Clone)]
pub struct Request {
    /// The plan-set roots, as in the working tree (`-f`, `WBS_FILE` or
    /// `plans`).
    pub roots: Vec<PathBuf>,
    /// Where to start: a revision, or a date (its state then is the first
    /// point).
    pub since: Option<String>,
    /// Where to end (default `HEAD`): a revision or a date.
    pub until: Option<String>,
    pub by: By,
    /// The query every point is narrowed to.
    pub query: Vec<String>,
    /// The size limit of one file.
    pub limit: u64,
}

/// A point of history.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub commit: Commit,
    pub state: State,
}

#[derive(Debug, Clone, PartialEq)]
pub enum State {
    Valid(Numbers),
    /// A version that does not validate, or could not be loaded.
    Gap(Gap),
}

/// Why a version is a gap in the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// It does not validate: how many errors it has.
    Errors(usize),
    /// No plan file was there at that commit.
    NoPlanFiles,
    /// A file was over the size limit.
    TooBig { file: String, size: u64, limit: u64 },
}

impl Gap {
    /// The error count: 0 when the version could not be loaded at all.
    pub fn errors(&self) -> usize {
        match self {
            Gap::Errors(errors) => *errors,
            Gap::NoPlanFiles | Gap::TooBig { .. } => 0,
        }
    }

    /// Why the version could not be loaded, in words; `None` for errors.
    pub fn note(&self) -> Option<String> {
        match self {
            Gap::Errors(_) => None,
            Gap::NoPlanFiles => Some("no plan files".to_owned()),
            Gap::TooBig { file, size, limit } => Some(format!(
                "`{}` is {size} bytes, over the limit of {limit} bytes",
                crate::safe::escape_control(file)
            )),
        }
    }
}

impl Point {
    pub fn numbers(&self) -> Option<&Numbers> {
        match &self.state {
            State::Valid(numbers) => Some(numbers),
            State::Gap(_) => None,
        }
    }
}

/// The replayed history.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The plan's title at the last valid point.
    pub title: Option<String>,
    /// Oldest first.
    pub points: Vec<Point>,
    /// The forecast, or why there is none.
    pub forecast: Result<Forecast, NoForecast>,
}

/// Replays the plan set over the first-parent history of `HEAD` (or of
/// `--until`), from `--since`.
pub fn replay(repo: &Repo, request: &Request) -> Result<History> {
    repo.require_full_history()?;
    let head = repo.resolve("HEAD")?;
    let until = match &request.until {
        None => head,
        Some(text) => resolve_bound(repo, text, &head, Edge::End)?.ok_or_else(|| {
            anyhow!(Failure::NothingThatOld {
                text: excerpt(text).into_owned(),
            })
        })?,
    };
    let since = match &request.since {
        None => None,
        Some(text) => {
            let since = resolve_bound(repo, text, &until, Edge::Start)?;
            if let Some(since) = &since
                && !repo.is_ancestor(since, &until)?
            {
                bail!(Failure::NotInHistory {
                    since: excerpt(text).into_owned(),
                    until: excerpt(request.until.as_deref().unwrap_or("HEAD")).into_owned(),
                });
            }
            since
        }
    };
    let mut line = repo.first_parent_line(&until, since.as_deref())?;
    line.reverse();
    if let Some(since) = &since {
        line.insert(0, repo.commit(since)?);
    }

    let roots = planset::Root::all(repo, &request.roots)?;
    let mut objects = repo.objects()?;
    let mut versions: Vec<Version> = Vec::new();
    {
        let mut reader = planset::SetReader::new(&mut objects, &roots);
        let mut previous = Vec::new();
        for commit in line {
            let files = reader.files_at(&commit.id)?;
            if files != previous {
                previous.clone_from(&files);
                versions.push(Version { commit, files });
            }
        }
    }
    let versions = thin(versions, request.by);
    if versions.is_empty() {
        bail!(Failure::NoPlansInHistory {
            roots: shown_roots(&request.roots),
        });
    }

    let mut points = Vec::with_capacity(versions.len());
    let mut title = None;
    let mut previous: Option<Vec<point::Leaf>> = None;
    let (mut valid, mut query_errors, mut query_error) = (0, 0, None);
    replay::evaluate_all(
        &mut objects,
        &versions,
        &request.query,
        request.limit,
        |index, evaluated| {
            let state = match evaluated {
                Evaluated::Gap(gap) => State::Gap(gap),
                Evaluated::Valid {
                    mut numbers,
                    leaves,
                    title: plan_title,
                    query_error: error,
                } => {
                    valid += 1;
                    if let Some(error) = error {
                        query_errors += 1;
                        query_error = Some(error);
                    }
                    numbers.earned_hours = previous.as_ref().map(|p| earned_hours(p, &leaves));
                    previous = Some(leaves);
                    title = Some(plan_title);
                    State::Valid(numbers)
                }
            };
            points.push(Point {
                commit: versions[index].commit.clone(),
                state,
            });
        },
    )?;
    // A query no version could read is a mistake in the query; one that
    // only older versions could not read names something added since, and
    // matches nothing there.
    if let Some(error) = query_error.filter(|_| query_errors == valid) {
        bail!("{error}");
    }
    let samples: Vec<forecast::Sample> = points
        .iter()
        .filter_map(|point| {
            point.numbers().map(|n| forecast::Sample {
                date: point.commit.date,
                effort_hours: n.effort_hours,
                done_hours: n.done_hours,
                earned_hours: n.earned_hours.unwrap_or(0.0),
            })
        })
        .collect();
    Ok(History {
        title,
        forecast: forecast::forecast(&samples),
        points,
    })
}

/// Keeps the last version of each day or week.
fn thin(versions: Vec<Version>, by: By) -> Vec<Version> {
    let key = |version: &Version| {
        let date = version.commit.date;
        match by {
            By::Commit => None,
            By::Day => Some((date.year(), date.ordinal())),
            By::Week => Some((date.iso_week().year(), date.iso_week().week())),
        }
    };
    let mut kept: Vec<Version> = Vec::with_capacity(versions.len());
    for version in versions {
        if let Some(last) = kept.last()
            && key(last).is_some()
            && key(last) == key(&version)
        {
            kept.pop();
        }
        kept.push(version);
    }
    kept
}

/// Which end of a day a bare `YYYY-MM-DD` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Its start: `--since 2026-11-01` starts with the state before that day.
    Start,
    /// Its end: `--until 2026-11-01` takes the last commit of that day.
    End,
}

/// The commit `text` names on the first-parent line of `tip`: a revision,
/// or a date (`YYYY-MM-DD` in the local time zone, or anything git reads as
/// a date, e.g. `7 days ago`), which names the last commit at or before it.
/// `None` when the date is older than every commit.
pub fn resolve_bound(repo: &Repo, text: &str, tip: &str, edge: Edge) -> Result<Option<String>> {
    let shown = excerpt(text);
    if let Some(date) = crate::plan::fields::parse_date(text) {
        let time = match edge {
            Edge::Start => format!("{date} 00:00:00"),
            Edge::End => format!("{date} 23:59:59"),
        };
        let stamp = repo
            .parse_date(&time)?
            .ok_or_else(|| anyhow!("git cannot read the date `{shown}`"))?;
        // The state at the start of the day is the last commit before it.
        let stamp = if edge == Edge::Start {
            stamp - 1
        } else {
            stamp
        };
        return repo.commit_at(tip, stamp);
    }
    match repo.resolve(text) {
        Ok(commit) => Ok(Some(commit)),
        Err(error) => match repo.parse_date(text)? {
            Some(stamp) => repo.commit_at(tip, stamp),
            None => {
                drop(error);
                bail!(Failure::NotRevisionOrDate {
                    text: shown.into_owned(),
                })
            }
        },
    }
}

fn shown_roots(roots: &[PathBuf]) -> String {
    let shown: Vec<String> = roots
        .iter()
        .map(|r| format!("`{}`", excerpt(&r.to_string_lossy())))
        .collect();
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(date: &str, id: char) -> Version {
        Version {
            commit: Commit {
                id: id.to_string().repeat(40),
                time: 0,
                date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
                subject: String::new(),
            },
            files: Vec::new(),
        }
    }

    #[test]
    fn thinning_keeps_the_last_of_each_day_or_week() {
        let versions = vec![
            version("2026-11-02", 'a'),
            version("2026-11-02", 'b'),
            version("2026-11-04", 'c'),
            version("2026-11-08", 'd'),
            version("2026-11-09", 'e'),
        ];
        let ids = |by| -> String {
            thin(versions.clone(), by)
                .iter()
                .map(|v| v.commit.id.chars().next().unwrap())
                .collect()
        };
        assert_eq!(ids(By::Commit), "abcde");
        assert_eq!(ids(By::Day), "bcde");
        // 2026-11-02 is a Monday; the 8th a Sunday.
        assert_eq!(ids(By::Week), "de");
    }
}
