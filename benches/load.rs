//! Load + validate at 1k, 10k and 100k tasks, next to granit-parser alone
//! over the same text (the floor no YAML-based check can beat).
//!
//! `cargo bench --bench load`. Inputs come from the plan generator, so the
//! plans are the same on every machine.

use std::hint::black_box;
use std::sync::OnceLock;

use divan::Bencher;
use granit_parser::{Event, Parser};
use wbs::plan::derive::Clock;
use wbs::project::Project;

#[path = "../examples/gen.rs"]
#[allow(dead_code, reason = "the generator's main is not used here")]
mod generator;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

/// The generated plan of `tasks` tasks, made once per size.
fn plan(tasks: usize) -> &'static [u8] {
    static PLANS: [OnceLock<Vec<u8>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = SIZES.iter().position(|&n| n == tasks).unwrap_or(0);
    PLANS[slot].get_or_init(|| match generator::generate(tasks, 1) {
        Ok(bytes) => bytes,
        Err(error) => panic!("generating {tasks} tasks: {error}"),
    })
}

/// granit-parser over the text with the options wbs uses, every event read.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn floor(bencher: Bencher, tasks: usize) {
    let text = std::str::from_utf8(plan(tasks)).unwrap_or_default();
    bencher.bench(|| {
        let options = granit_parser::options! {
            emit_anchor_events: true,
            emit_unresolved_aliases: true,
            emit_comments: false,
        };
        let mut events = 0usize;
        for event in Parser::new_from_str_with_options(black_box(text), options) {
            if let Ok((Event::Scalar(..), _)) = black_box(event) {
                events += 1;
            }
        }
        events
    });
}

/// What `wbs check` does after reading the file: UTF-8 check, span tree,
/// model, derived values and validation.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn check(bencher: Bencher, tasks: usize) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    bencher
        .with_inputs(|| vec![("plan.yaml".to_owned(), plan(tasks).to_vec())])
        .bench_values(|files| {
            let project = Project::load(files, Clock::new(today), false);
            assert!(!project.has_errors());
            project.loaded.plan.nodes.len()
        });
}
