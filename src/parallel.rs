//! Work on many items in parallel while handing results over in input order, as soon as each is
//! next in line: what lets `--format ndjson` stream a huge run without giving up deterministic
//! output. Items are taken roughly in order (rayon's `par_bridge`), so little waits in the
//! reorder buffer.

use std::collections::BTreeMap;
use std::sync::mpsc;

use rayon::iter::{ParallelBridge, ParallelIterator};

/// Calls `work` on every item in parallel and `emit` on the results, on the calling thread, in
/// the order of `items`.
pub fn map_in_order<I, T, W, E>(items: &[I], work: W, mut emit: E)
where
    I: Sync,
    T: Send,
    W: Fn(&I) -> T + Sync,
    E: FnMut(T),
{
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            items
                .iter()
                .enumerate()
                .par_bridge()
                .for_each_with(tx, |tx, (i, item)| {
                    // The receiver lives until every sender is gone; a failed send cannot happen.
                    let _ = tx.send((i, work(item)));
                });
        });
        let mut next = 0;
        let mut waiting = BTreeMap::new();
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&next) {
                emit(result);
                next += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        map_in_order(
            &items,
            |&n| {
                // Uneven work, so results finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((200 - n) * 10));
                n * 2
            },
            |r| seen.push(r),
        );
        assert_eq!(seen, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }
}
