//! Output in input order from many threads: whichever thread finishes the chunk the output
//! is waiting for writes it, and every finished chunk after it.
//!
//! There is no writer thread. With `--jobs N`, N threads check and write, so one thread
//! really is one thread (as `rg -j1` or `make -j1` are), and on a machine with N cores no
//! writer thread takes time from the workers at every chunk. Only the thread that claimed
//! the writing touches the output, so writing never blocks a thread that only hands in a
//! chunk; and the producer waits while `limit` chunks are out and unwritten, so memory
//! stays bounded however long the run.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Chunks of type `T` written in order into an output `W`.
pub struct Ordered<T, W> {
    queue: Mutex<Queue<T>>,
    /// Signalled when a chunk is written or the output stops: wakes a waiting producer.
    room: Condvar,
    /// The output. Locked only by the thread that set `Queue::writing`, so never contended.
    out: Mutex<W>,
    /// Most chunks handed out and not yet written.
    limit: u64,
    /// `Queue::stopped`, readable without the lock: every document asks before it is
    /// checked.
    halted: AtomicBool,
}

/// The bookkeeping, under one lock.
struct Queue<T> {
    /// Finished chunks waiting for those before them, by number.
    ready: BTreeMap<u64, T>,
    /// Number of the chunk the output waits for.
    next: u64,
    /// Chunks handed out so far.
    issued: u64,
    /// A thread is writing; a chunk handed in meanwhile is left for it.
    writing: bool,
    /// The output refused a chunk: nothing more is written.
    stopped: bool,
}

/// A mutex's contents even after a panic elsewhere: the panic itself ends the run (rayon
/// passes it on), and nothing here is left half-updated by one.
fn lock<X>(m: &Mutex<X>) -> MutexGuard<'_, X> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<T, W> Ordered<T, W> {
    /// An ordered output into `out` with at most `limit` (at least 1) chunks in flight.
    pub fn new(out: W, limit: usize) -> Self {
        Ordered {
            queue: Mutex::new(Queue {
                ready: BTreeMap::new(),
                next: 0,
                issued: 0,
                writing: false,
                stopped: false,
            }),
            room: Condvar::new(),
            out: Mutex::new(out),
            limit: limit.max(1) as u64,
            halted: AtomicBool::new(false),
        }
    }

    /// The number of a new chunk, once fewer than `limit` are out and unwritten; `None`
    /// once the output has stopped.
    pub fn reserve(&self) -> Option<u64> {
        let mut q = lock(&self.queue);
        while !q.stopped && q.issued - q.next >= self.limit {
            q = self.room.wait(q).unwrap_or_else(PoisonError::into_inner);
        }
        if q.stopped {
            return None;
        }
        q.issued += 1;
        Some(q.issued - 1)
    }

    /// Whether the output has stopped, so a chunk not yet begun need not be worked on.
    pub fn stopped(&self) -> bool {
        self.halted.load(Ordering::Relaxed)
    }

    /// Hands in chunk `number` (from [`Ordered::reserve`]). If the output waits for it
    /// and no other thread is writing, writes it and every ready chunk after it with
    /// `write`, which returns `false` to stop the output.
    pub fn finish(&self, number: u64, chunk: T, mut write: impl FnMut(&mut W, T) -> bool) {
        let mut q = lock(&self.queue);
        if q.stopped {
            return;
        }
        q.ready.insert(number, chunk);
        if q.writing {
            return; // the writing thread takes it when it gets there
        }
        q.writing = true;
        loop {
            let next = q.next;
            let Some(chunk) = q.ready.remove(&next) else {
                break;
            };
            drop(q);
            let ok = write(&mut lock(&self.out), chunk);
            q = lock(&self.queue);
            q.next += 1;
            if !ok {
                self.halt(&mut q);
                break;
            }
            self.room.notify_all();
        }
        q.writing = false;
    }

    /// Stops the output: nothing more is written, and a producer waiting for room is told.
    pub fn stop(&self) {
        self.halt(&mut lock(&self.queue));
    }

    /// Marks the output stopped, drops the chunks waiting and wakes the producer.
    fn halt(&self, q: &mut Queue<T>) {
        q.stopped = true;
        self.halted.store(true, Ordering::Relaxed);
        q.ready.clear();
        self.room.notify_all();
    }

    /// The output, once every thread is done with it.
    pub fn into_inner(self) -> W {
        self.out
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Held by a thread working on a chunk: if the thread unwinds from a panic, the chunk will
/// never be handed in, so the output stops rather than leave the producer waiting for room
/// forever; the panic then ends the run (rayon's scope passes it on).
pub struct StopOnPanic<'a, T, W>(pub &'a Ordered<T, W>);

impl<T, W> Drop for StopOnPanic<'_, T, W> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the output gets when chunks are handed in in the order `order` gives, split
    /// among `threads` threads, and the output refuses chunk `stop_at`.
    fn run(order: &[u64], threads: usize, stop_at: Option<u64>) -> Vec<u64> {
        let ordered = Ordered::new(Vec::new(), order.len());
        for _ in order {
            ordered.reserve().expect("room for every chunk");
        }
        std::thread::scope(|s| {
            for part in order.chunks(order.len().div_ceil(threads).max(1)) {
                let ordered = &ordered;
                s.spawn(move || {
                    for &n in part {
                        ordered.finish(n, n, |out: &mut Vec<u64>, c| {
                            out.push(c);
                            Some(c) != stop_at
                        });
                    }
                });
            }
        });
        ordered.into_inner()
    }

    #[test]
    fn chunks_handed_in_backwards_go_out_in_order() {
        assert_eq!(run(&[3, 2, 1, 0], 1, None), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_refused_chunk_stops_the_output() {
        let ordered = Ordered::new(Vec::new(), 2);
        assert_eq!(ordered.reserve(), Some(0));
        assert_eq!(ordered.reserve(), Some(1));
        ordered.finish(1, 1, |o: &mut Vec<u64>, c| {
            o.push(c);
            true
        });
        ordered.finish(0, 0, |o: &mut Vec<u64>, c| {
            o.push(c);
            false
        });
        assert!(ordered.stopped());
        assert_eq!(ordered.reserve(), None, "no room is given after a stop");
        assert_eq!(
            ordered.into_inner(),
            vec![0],
            "chunk 1 waited behind 0 and was dropped"
        );
    }

    #[test]
    fn the_producer_waits_for_room() {
        let ordered = Ordered::new(Vec::new(), 2);
        let write = |o: &mut Vec<u64>, c| {
            o.push(c);
            true
        };
        assert_eq!(ordered.reserve(), Some(0));
        assert_eq!(ordered.reserve(), Some(1));
        std::thread::scope(|s| {
            let waiter = s.spawn(|| ordered.reserve());
            // Chunk 1 alone frees nothing: chunk 0 is still out.
            ordered.finish(1, 1, write);
            ordered.finish(0, 0, write);
            assert_eq!(waiter.join().unwrap(), Some(2));
        });
        assert_eq!(ordered.into_inner(), vec![0, 1]);
    }

    #[test]
    fn a_panic_on_a_chunk_frees_the_producer() {
        let ordered: Ordered<u64, Vec<u64>> = Ordered::new(Vec::new(), 1);
        assert_eq!(ordered.reserve(), Some(0));
        std::thread::scope(|s| {
            let waiter = s.spawn(|| ordered.reserve());
            let worker = s.spawn(|| {
                let _guard = StopOnPanic(&ordered);
                panic!("a document broke the checker");
            });
            assert!(worker.join().is_err());
            assert_eq!(
                waiter.join().unwrap(),
                None,
                "the producer is not left waiting"
            );
        });
        assert!(ordered.stopped());
    }

    proptest! {
        /// Whatever the order chunks are finished in, and on however many threads, the
        /// output holds each once, in number order; after a refusal, exactly the chunks up
        /// to the refused one.
        #[test]
        fn output_is_in_order(
            order in (1usize..40).prop_flat_map(|n| Just((0..n as u64).collect::<Vec<_>>()).prop_shuffle()),
            threads in 1usize..5,
            stop in proptest::option::of(0u64..40),
        ) {
            let n = order.len() as u64;
            let out = run(&order, threads, stop);
            let last = stop.filter(|&s| s < n).map_or(n, |s| s + 1);
            prop_assert_eq!(out, (0..last).collect::<Vec<_>>());
        }
    }
}
