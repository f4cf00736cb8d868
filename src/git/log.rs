//! The first-parent line of history, commits and dates as git reads them,
//! for `wbs history` and `wbs report --since`.

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use super::{Repo, check_object_id, is_object_id, spawn_error, stderr_text};
use crate::safe::escape_control;

/// A commit on the first-parent line of history, as `wbs history` and
/// `wbs report --since` read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full hex id.
    pub id: String,
    /// The committer date in seconds since the epoch.
    pub time: i64,
    /// The committer date's day where it was committed (in the committer's
    /// time zone), so the same history gives the same days on any machine.
    pub date: chrono::NaiveDate,
    /// The first line of the message.
    pub subject: String,
}

impl Repo {
    /// Refuses a shallow clone, whose history stops short: what `wbs diff`
    /// says of a revision it cannot find, said up front.
    pub fn require_full_history(&self) -> Result<()> {
        if self.is_shallow() {
            return Err(crate::i18n::io::InputFailure::ShallowClone.into());
        }
        Ok(())
    }

    /// A plan-set root's path from the top level, `/`-separated (empty for
    /// the top level itself), as [`Repo::plan_files`] reads it.
    pub fn tree_path(&self, root: &Path) -> Result<String> {
        self.git_path(root)
    }

    /// The commits on the first-parent line of `tip` (a commit id), newest
    /// first, down to the root or to the first one reachable from `stop`.
    pub fn first_parent_line(&self, tip: &str, stop: Option<&str>) -> Result<Vec<Commit>> {
        check_object_id(tip)?;
        let mut command = self.git();
        command.args([
            "-c",
            "log.showSignature=false",
            "log",
            "--first-parent",
            "--no-color",
            "-z",
            "--format=%H%x00%ct%x00%cI%x00%s",
            "--end-of-options",
            tip,
        ]);
        if let Some(stop) = stop {
            check_object_id(stop)?;
            command.arg(format!("^{stop}"));
        }
        let output = command.arg("--").output().map_err(spawn_error)?;
        if !output.status.success() {
            bail!(
                "git log failed: {}",
                stderr_text(&output.stderr, output.status)
            );
        }
        let mut fields = output.stdout.split(|&b| b == 0);
        let mut commits = Vec::new();
        while let Some(id) = fields.next().filter(|id| !id.is_empty()) {
            let mut next = || fields.next().map(String::from_utf8_lossy);
            let (Some(time), Some(iso), Some(subject)) = (next(), next(), next()) else {
                bail!("git log ended in the middle of a commit");
            };
            commits.push(parse_commit(id, &time, &iso, &subject)?);
        }
        Ok(commits)
    }

    /// One commit's id, date and subject.
    pub fn commit(&self, id: &str) -> Result<Commit> {
        check_object_id(id)?;
        let output = self
            .git()
            .args([
                "-c",
                "log.showSignature=false",
                "log",
                "-1",
                "--no-color",
                "-z",
                "--format=%H%x00%ct%x00%cI%x00%s",
                "--end-of-options",
                id,
                "--",
            ])
            .output()
            .map_err(spawn_error)?;
        if !output.status.success() {
            bail!(
                "git log failed: {}",
                stderr_text(&output.stderr, output.status)
            );
        }
        let fields: Vec<&[u8]> = output.stdout.split(|&b| b == 0).collect();
        let [id, time, iso, subject, ..] = fields[..] else {
            bail!("git log printed no commit for `{id}`");
        };
        let text = String::from_utf8_lossy;
        parse_commit(id, &text(time), &text(iso), &text(subject))
    }

    /// Whether `ancestor` is `commit` or one of its ancestors.
    pub fn is_ancestor(&self, ancestor: &str, commit: &str) -> Result<bool> {
        check_object_id(ancestor)?;
        check_object_id(commit)?;
        let output = self
            .git()
            .args(["merge-base", "--is-ancestor", ancestor, commit])
            .output()
            .map_err(spawn_error)?;
        match output.status.code() {
            Some(0) => Ok(true),
            Some(1) => Ok(false),
            _ => bail!(
                "git merge-base failed: {}",
                stderr_text(&output.stderr, output.status)
            ),
        }
    }

    /// The newest commit on the first-parent line of `tip` committed at or
    /// before `time` (seconds since the epoch), if any.
    pub fn commit_at(&self, tip: &str, time: i64) -> Result<Option<String>> {
        check_object_id(tip)?;
        if time < 0 {
            return Ok(None);
        }
        let output = self
            .git()
            .args(["rev-list", "-1", "--first-parent"])
            .arg(format!("--min-age={time}"))
            .args(["--end-of-options", tip, "--"])
            .output()
            .map_err(spawn_error)?;
        if !output.status.success() {
            bail!(
                "git rev-list failed: {}",
                stderr_text(&output.stderr, output.status)
            );
        }
        let id = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        Ok(is_object_id(&id).then_some(id))
    }

    /// A date as git reads one (`2026-11-01`, `7 days ago`, `last monday`,
    /// `yesterday 12:00`), in seconds since the epoch; `None` when git does
    /// not read it as a date. git's own strict date reading (that of
    /// expiry dates) refuses words it does not know, where `git log
    /// --since` would silently take them as now.
    pub fn parse_date(&self, text: &str) -> Result<Option<i64>> {
        if text.is_empty() || text.chars().any(char::is_control) {
            return Ok(None);
        }
        let output = self
            .git()
            .arg("-c")
            .arg(format!("wbs.date={text}"))
            .args(["config", "--type=expiry-date", "wbs.date"])
            .output()
            .map_err(spawn_error)?;
        if !output.status.success() {
            return Ok(None);
        }
        let stamp = String::from_utf8_lossy(&output.stdout);
        // git prints the time as unsigned: `now` as the largest number,
        // which every commit is before, and a time before 1970 (`100 years
        // ago`) wrapped around, which no commit is before.
        Ok(stamp.trim().parse::<u64>().ok().map(|t| match t {
            u64::MAX => i64::MAX,
            t => t as i64,
        }))
    }
}

fn parse_commit(id: &[u8], time: &str, iso: &str, subject: &str) -> Result<Commit> {
    let id = String::from_utf8_lossy(id)
        .trim_start_matches('\n')
        .to_owned();
    let malformed = || {
        anyhow!(
            "git log printed `{}` for a commit",
            escape_control(&format!("{id} {time} {iso}"))
        )
    };
    if !is_object_id(&id) {
        return Err(malformed());
    }
    let time: i64 = time.trim().parse().map_err(|_| malformed())?;
    let date = iso
        .get(..10)
        .and_then(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .ok_or_else(malformed)?;
    Ok(Commit {
        id,
        time,
        date,
        subject: subject.to_owned(),
    })
}
