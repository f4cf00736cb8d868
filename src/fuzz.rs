//! A mutation fuzzer that runs on stable Rust as unit tests, shared by the
//! loader target (`crate::source::fuzz_tests`) and the query target
//! (`crate::query::fuzz_tests`): the generator, the case budget, panic
//! capture, the watchdog, shrinking and saving. `WBS_FUZZ_CASES` sets how
//! many mutated cases each target runs and `WBS_FUZZ_SEED` picks the seed.
//! The inputs under `tests/fuzz/regressions/<target>/` are replayed before
//! any mutation. A failing input is shrunk and saved under
//! `target/fuzz-failures/`, and the failure is reported with its seed and
//! case number.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// A case that runs longer than this fails. This is generous for a debug
/// build on inputs of at most [`MAX_INPUT_BYTES`].
pub(crate) const CASE_TIME_LIMIT: Duration = Duration::from_secs(2);

/// The watchdog fails the run when no case has finished for this long. Such
/// a case would never fail the per-case limit, because it never returns.
const HANG_LIMIT: Duration = Duration::from_secs(10);

/// The name prefix of a regression that still fails (see [`run_cases`]).
const KNOWN_PREFIX: &str = "known-";

/// Mutated inputs are cut to this size.
pub(crate) const MAX_INPUT_BYTES: usize = 64 * 1024;

/// Shrinking stops after this many attempts and reports what it has.
const SHRINK_ATTEMPTS: usize = 4_000;

/// A small deterministic generator (xorshift64*), so a seed reproduces a run.
#[derive(Debug)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    /// Spreads the seed with splitmix64, so nearby seeds give unrelated runs
    /// and no seed leaves the state at zero.
    pub(crate) fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred on average.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(crate) fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    /// One line of a text table.
    pub(crate) fn line(&mut self, table: &'static str) -> &'static str {
        let lines: Vec<&'static str> = table.lines().collect();
        lines[self.below(lines.len())]
    }

    /// True once in `n` times on average.
    pub(crate) fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A count of mostly small numbers: 1 half the time, 2 a quarter, and
    /// so on, up to `max`.
    pub(crate) fn rounds(&mut self, max: usize) -> usize {
        (1 + (self.next() | 1 << 63).trailing_zeros() as usize).min(max)
    }
}

/// FNV-1a, to name saved inputs and give each target its own seed.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What an invariant check returns: the invariant's name and what was seen.
pub(crate) type Verdict = Result<(), (&'static str, String)>;

/// One thing a fuzz target tests, and how it stores its inputs.
pub(crate) trait Target: Sized {
    type Input: Clone + Send + 'static;
    /// Names the regression folder and the saved files.
    const NAME: &'static str;
    const EXTENSION: &'static str;

    /// Runs one input and checks the invariants that must hold after it.
    fn check(&self, input: &Self::Input) -> Verdict;

    /// The unmutated seeds, run once before the mutated cases.
    fn corpus(&self) -> Vec<Self::Input>;

    /// A new case made by mutating the seed corpus.
    fn generate(&self, rng: &mut Rng) -> Self::Input;

    /// Smaller variants of an input, roughly the most reducing first.
    fn shrink(input: &Self::Input) -> impl Iterator<Item = Self::Input> + '_;

    fn encode(input: &Self::Input) -> Vec<u8>;

    fn decode(bytes: &[u8]) -> Self::Input;
}

/// Why one input failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    Panic {
        message: String,
        location: String,
    },
    Broken {
        invariant: &'static str,
        detail: String,
    },
    Slow(Duration),
}

impl Failure {
    /// Whether a shrunk input still fails the same way as the original.
    fn same_kind(&self, other: &Failure) -> bool {
        match (self, other) {
            (Failure::Panic { location: a, .. }, Failure::Panic { location: b, .. }) => a == b,
            (Failure::Broken { invariant: a, .. }, Failure::Broken { invariant: b, .. }) => a == b,
            (Failure::Slow(_), Failure::Slow(_)) => true,
            _ => false,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Panic { message, location } => write!(f, "panicked at {location}: {message}"),
            Failure::Broken { invariant, detail } => write!(f, "broke `{invariant}`: {detail}"),
            Failure::Slow(took) => write!(f, "took {took:?}, over {CASE_TIME_LIMIT:?}"),
        }
    }
}

thread_local! {
    /// Set while a case runs, so that its panic is recorded, not printed.
    static CAPTURING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The message and place of the last panic recorded.
    static CAPTURED: std::cell::RefCell<Option<(String, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// Installs, once per process, a panic hook that records the panics of
/// fuzz cases on their own thread. Every other panic still goes to the
/// previous hook, so the other tests print as before.
fn capture_panics() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CAPTURING.get() {
                return previous(info);
            }
            let message = info.payload_as_str().unwrap_or("(not a string)").to_owned();
            let location = info
                .location()
                .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()));
            // A panic inside the standard library (a bad slice, say) is
            // told apart by the crate's own code that called it.
            let backtrace = std::backtrace::Backtrace::force_capture().to_string();
            let location = format!("{location} in {}", crate_frame(&backtrace));
            CAPTURED.set(Some((message, location)));
        }));
    });
}

/// The first frame of this crate's code in a backtrace, outside the fuzz
/// harness, with its file and line when the build has them.
fn crate_frame(backtrace: &str) -> String {
    let mut lines = backtrace.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some((_, symbol)) = line.split_once(": ") else {
            continue;
        };
        if symbol.starts_with("wbs::") && !symbol.contains("fuzz_tests") {
            let at = lines.next().and_then(|l| l.strip_prefix("at "));
            return format!(
                "{symbol}{}",
                at.map(|at| format!(" ({at})")).unwrap_or_default()
            );
        }
    }
    "(no frame of wbs)".to_owned()
}

/// Runs one input through the target, timing it and catching a panic.
pub(crate) fn run_one<T: Target>(target: &T, input: &T::Input) -> Result<(), Failure> {
    let started = Instant::now();
    CAPTURING.set(true);
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| target.check(input)));
    CAPTURING.set(false);
    let took = started.elapsed();
    match outcome {
        Err(_) => {
            let (message, location) = CAPTURED.take().unwrap_or_default();
            Err(Failure::Panic { message, location })
        }
        Ok(Err((invariant, detail))) => Err(Failure::Broken { invariant, detail }),
        Ok(Ok(())) if took > CASE_TIME_LIMIT => Err(Failure::Slow(took)),
        Ok(Ok(())) => Ok(()),
    }
}

/// How many cases to run and from which seed, from the environment.
fn budget(default_cases: u64) -> (u64, u64) {
    let read = |name: &str, default: u64| match std::env::var(name) {
        Ok(text) => text
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a whole number")),
        Err(_) => default,
    };
    (
        read("WBS_FUZZ_CASES", default_cases),
        read("WBS_FUZZ_SEED", 1),
    )
}

/// The repository folder that holds the corpora and regressions.
pub(crate) fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz")
}

/// Every file directly in `folder`, sorted by name, without dot files.
/// A folder that does not exist is empty.
pub(crate) fn read_folder(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.is_file())
        .filter(|path| {
            path.file_name()
                .is_none_or(|name| !name.to_string_lossy().starts_with('.'))
        })
        .map(|path| {
            let bytes = std::fs::read(&path).expect("a readable corpus file");
            (path.display().to_string(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// What the watchdog sees of the worker.
struct Progress<I> {
    /// Inputs run so far, replays and shrinking attempts included.
    finished: AtomicU64,
    /// The input running now, to save if it never returns.
    current: Mutex<Option<I>>,
}

/// Runs the target: regressions first, then `default_cases` mutated cases
/// unless `WBS_FUZZ_CASES` says otherwise. Panics with a report on the
/// first failure. The cases run on a thread of their own while this one
/// watches for a hang.
pub(crate) fn fuzz<T: Target>(default_cases: u64, make: impl FnOnce() -> T + Send + 'static) {
    capture_panics();
    let (cases, seed) = budget(default_cases);
    let progress = Arc::new(Progress::<T::Input> {
        finished: AtomicU64::new(0),
        current: Mutex::new(None),
    });
    let (done, finished) = mpsc::channel();
    let worker = {
        let progress = Arc::clone(&progress);
        std::thread::Builder::new()
            .name(format!("fuzz-{}", T::NAME))
            .spawn(move || {
                let summary = run_cases(&make(), &progress, cases, seed);
                let _ = done.send(summary);
            })
            .expect("a fuzz thread")
    };
    let mut last_seen = u64::MAX;
    loop {
        match finished.recv_timeout(HANG_LIMIT) {
            Ok(summary) => {
                eprintln!("{summary}");
                return;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
                Err(report) => panic::resume_unwind(report),
                Ok(()) => panic!("fuzz {}: the worker stopped without a word", T::NAME),
            },
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let now = progress.finished.load(Ordering::Relaxed);
                if now == last_seen {
                    let current = progress.current.lock().ok().and_then(|c| c.clone());
                    let saved = current.map_or_else(
                        || "nowhere: no input had started".to_owned(),
                        |input| save::<T>("hang", &input),
                    );
                    panic!(
                        "fuzz {}: an input (seed {seed}, after {now} finished) ran over \
                         {HANG_LIMIT:?}; input saved to {saved}",
                        T::NAME
                    );
                }
                last_seen = now;
            }
        }
    }
}

/// The worker: replays the regressions, then generates and runs the
/// mutated cases. Returns the summary line printed at the end.
fn run_cases<T: Target>(
    target: &T,
    progress: &Progress<T::Input>,
    cases: u64,
    seed: u64,
) -> String {
    let started = Instant::now();
    let run = |input: &T::Input| {
        if let Ok(mut current) = progress.current.lock() {
            *current = Some(input.clone());
        }
        let outcome = run_one(target, input);
        progress.finished.fetch_add(1, Ordering::Relaxed);
        outcome
    };
    // A regression named `known-…` is a failure not fixed yet. Other
    // inputs that fail the same way are counted and skipped, so that one
    // open bug does not stop the search for others.
    let mut known: Vec<Failure> = Vec::new();
    let regressions = read_folder(&fuzz_dir().join("regressions").join(T::NAME));
    for (path, bytes) in &regressions {
        let input = T::decode(bytes);
        let name = Path::new(path).file_name().map(|n| n.to_string_lossy());
        let is_known = name.is_some_and(|n| n.starts_with(KNOWN_PREFIX));
        match (run(&input), is_known) {
            (Ok(()), false) => {}
            (Err(failure), true) => known.push(failure),
            // Not fatal: a failure may show in one build only (an
            // overflow check is on in debug builds, off in release).
            (Ok(()), true) => eprintln!(
                "fuzz {}: {path} passes in this build; if it is fixed, drop `{KNOWN_PREFIX}` \
                 from its name so that it stays a plain regression",
                T::NAME
            ),
            (Err(failure), false) => {
                report::<T>(&run, input, failure, format!("regression {path}"))
            }
        }
    }
    let mut skipped = 0_u64;
    let mut check = |input: &T::Input, origin: &dyn Fn() -> String| match run(input) {
        Ok(()) => {}
        Err(failure) if known.iter().any(|k| k.same_kind(&failure)) => skipped += 1,
        Err(failure) => report::<T>(&run, input.clone(), failure, origin()),
    };
    let corpus = target.corpus();
    for (n, input) in corpus.iter().enumerate() {
        check(input, &|| format!("corpus entry {n}"));
    }
    let mut rng = Rng::new(seed ^ fnv(T::NAME.as_bytes()));
    let tenth = (cases / 10).max(1);
    for case in 0..cases {
        check(&target.generate(&mut rng), &|| {
            format!("case {case} of seed {seed}")
        });
        if cases >= 100_000 && (case + 1) % tenth == 0 {
            let took = started.elapsed().as_secs_f64();
            eprintln!("fuzz {}: {} cases, {took:.1} s", T::NAME, case + 1);
        }
    }
    let took = started.elapsed().as_secs_f64();
    format!(
        "fuzz {}: {} regressions and {} corpus entries replayed, {cases} cases run \
         in {took:.1} s ({:.0} cases/s, seed {seed}); {skipped} failed like the {} known \
         failures and were skipped",
        T::NAME,
        regressions.len(),
        corpus.len(),
        cases as f64 / took.max(1e-9),
        known.len(),
    )
}

/// Runs one input as the worker does, telling the watchdog.
type Run<'a, I> = dyn Fn(&I) -> Result<(), Failure> + 'a;

/// Fails the test with a shrunk, saved reproducer.
fn report<T: Target>(
    run: &Run<'_, T::Input>,
    input: T::Input,
    failure: Failure,
    origin: String,
) -> ! {
    let saved = save::<T>("input", &input);
    // A slow case is shrunk no further: every attempt could take as long.
    let (small, small_failure) = match failure {
        Failure::Slow(_) => (input, failure.clone()),
        _ => shrink::<T>(run, input, &failure),
    };
    let small_saved = save::<T>("shrunk", &small);
    let shown = String::from_utf8_lossy(&T::encode(&small)).into_owned();
    let shown = crate::safe::excerpt(&shown).into_owned();
    panic!(
        "fuzz {name}: {origin} {failure}\n  input saved to {saved}\n  shrunk to {small_saved} \
         ({small_failure}):\n  {shown}\n  to replay it first on every run, copy it to \
         tests/fuzz/regressions/{name}/",
        name = T::NAME
    );
}

/// Shrinks an input greedily while it still fails the same way.
fn shrink<T: Target>(
    run: &Run<'_, T::Input>,
    input: T::Input,
    failure: &Failure,
) -> (T::Input, Failure) {
    let (mut input, mut failure) = (input, failure.clone());
    let mut attempts = 0;
    while attempts < SHRINK_ATTEMPTS {
        let smaller = T::shrink(&input)
            .take(SHRINK_ATTEMPTS - attempts)
            .inspect(|_| attempts += 1)
            .find_map(|candidate| match run(&candidate) {
                Err(again) if again.same_kind(&failure) => Some((candidate, again)),
                _ => None,
            });
        match smaller {
            Some(smaller) => (input, failure) = smaller,
            None => break,
        }
    }
    (input, failure)
}

/// Saves an input under `target/fuzz-failures/` and returns the path.
fn save<T: Target>(what: &str, input: &T::Input) -> String {
    let bytes = T::encode(input);
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let path = folder.join(format!(
        "{}-{what}-{:016x}.{}",
        T::NAME,
        fnv(&bytes),
        T::EXTENSION
    ));
    match std::fs::create_dir_all(&folder).and_then(|()| std::fs::write(&path, &bytes)) {
        Ok(()) => path.display().to_string(),
        Err(error) => format!("(nowhere: {error})"),
    }
}
