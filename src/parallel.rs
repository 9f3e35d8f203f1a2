//! Work spread over every core: an ordered parallel map with scoped threads
//! and a shared work index (files to check, rule files to compile), and an
//! ordered stream for inputs too big to hold (export records), with a
//! bounded number of items in flight.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// `items.iter().map(f)`, computed on up to one thread per core, in order.
pub fn map_in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Maps `items` with `f` on one worker thread per core and hands each item
/// and its result to `sink` in input order, as soon as the results before
/// it are in. At most `window` items are read ahead of the sink, so memory
/// is bounded however long the input. `sink` returning false stops the
/// stream (items in flight are dropped).
pub fn stream_in_order<T: Send, R: Send>(
    mut items: impl Iterator<Item = T>,
    window: usize,
    f: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(T, R) -> bool,
) {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let window = window.max(workers).max(1);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (work_tx, work_rx) = crossbeam_channel::bounded::<(usize, T)>(window);
        let (done_tx, done_rx) = crossbeam_channel::unbounded::<(usize, T, R)>();
        for _ in 0..workers {
            let (work_rx, done_tx, f, stop) = (work_rx.clone(), done_tx.clone(), &f, &stop);
            scope.spawn(move || {
                for (i, item) in work_rx {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let result = f(&item);
                    if done_tx.send((i, item, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop((work_rx, done_tx));
        let (mut sent, mut next, mut exhausted) = (0usize, 0usize, false);
        let mut pending: BTreeMap<usize, (T, R)> = BTreeMap::new();
        loop {
            while !exhausted && sent - next < window {
                match items.next() {
                    Some(item) => {
                        if work_tx.send((sent, item)).is_err() {
                            exhausted = true;
                        }
                        sent += 1;
                    }
                    None => exhausted = true,
                }
            }
            if next == sent {
                break;
            }
            let Ok((i, item, result)) = done_rx.recv() else {
                break;
            };
            pending.insert(i, (item, result));
            while let Some((item, result)) = pending.remove(&next) {
                next += 1;
                if !sink(item, result) {
                    stop.store(true, Ordering::Relaxed);
                    drop(work_tx);
                    return;
                }
            }
        }
        drop(work_tx);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_keeps_order_bounds_its_window_and_stops_when_asked() {
        let mut seen = Vec::new();
        let read = std::sync::atomic::AtomicUsize::new(0);
        let items = (0..10_000u64).inspect(|_| {
            read.fetch_add(1, Ordering::Relaxed);
        });
        stream_in_order(
            items,
            64,
            |n| n * 2,
            |n, doubled| {
                assert_eq!(doubled, n * 2);
                seen.push(n);
                // Never more than a window read ahead of what was handed on.
                assert!(read.load(Ordering::Relaxed) <= seen.len() + 64);
                seen.len() < 5_000
            },
        );
        assert_eq!(seen, (0..5_000).collect::<Vec<_>>());
    }

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map_in_order(&items, |n| n * n);
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(map_in_order(&[] as &[u8], |b| *b).is_empty());
    }
}
