//! Work spread over every core with scoped threads: each worker takes the
//! next item until none is left, so uneven items still keep all cores busy.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

fn threads(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items)
        .max(1)
}

/// `f` applied to every item, on all cores; the results in item order.
pub(super) fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let count = items.len();
    let threads = threads(count);
    if threads < 2 {
        return items.into_iter().map(f).collect();
    }
    let queue = Mutex::new(items.into_iter().enumerate());
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let next = match queue.lock() {
                            Ok(mut queue) => queue.next(),
                            Err(poisoned) => poisoned.into_inner().next(),
                        };
                        let Some((index, item)) = next else {
                            return out;
                        };
                        out.push((index, f(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(out) => out,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    debug_assert_eq!(done.len(), count);
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

/// `f` applied to `0..count` on all cores, each result handed to `sink`
/// in index order as soon as those before it are in: what `sink` no
/// longer holds is freed while the rest is still being computed.
pub(super) fn ordered<R: Send>(
    count: usize,
    f: impl Fn(usize) -> R + Sync,
    mut sink: impl FnMut(usize, R),
) {
    let threads = threads(count);
    if threads < 2 {
        for index in 0..count {
            sink(index, f(index));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel();
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let send = send.clone();
                let (next, f) = (&next, &f);
                scope.spawn(move || {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= count || send.send((index, f(index))).is_err() {
                            return;
                        }
                    }
                })
            })
            .collect();
        drop(send);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (index, result) in receive {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&due) {
                sink(due, result);
                due += 1;
            }
        }
        for worker in workers {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_in_order() {
        let squares = super::map((0..100u64).collect(), |n| n * n);
        assert_eq!(squares, (0..100u64).map(|n| n * n).collect::<Vec<_>>());
        let mut seen = Vec::new();
        super::ordered(100, |n| n * 2, |index, value| seen.push((index, value)));
        assert_eq!(seen, (0..100).map(|n| (n, n * 2)).collect::<Vec<_>>());
    }
}
