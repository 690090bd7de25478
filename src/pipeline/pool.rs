//! A generic worker pool that hands results back in submission order.
//!
//! Knows nothing of certificates: tasks in, replies out. Tasks may run inline
//! (no thread is started for a one-file run) or on worker threads that live
//! for the whole run; a task goes to the worker of the lane it is given, so a
//! caller can keep related work on one thread (records freed on the thread
//! that allocated them; BENCHMARKS.md#kept-devices).

use std::collections::{BTreeMap, VecDeque};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::thread::Scope;

/// A task panicked (a bug): the run stops with an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("internal error: a worker thread failed")]
pub struct WorkerFailed;

/// Runs `work` on tasks, inline until [`Pool::start_threads`] is called.
pub struct Pool<'scope, 'env, T, R> {
    scope: &'scope Scope<'scope, 'env>,
    work: &'env (dyn Fn(T) -> R + Sync),
    /// Replies of tasks run inline, not yet received.
    done: VecDeque<R>,
    threads: Option<Threads<T, R>>,
}

struct Threads<T, R> {
    senders: Vec<Sender<T>>,
    replies: Receiver<Option<R>>,
}

impl<'scope, 'env, T: Send + 'env, R: Send + 'env> Pool<'scope, 'env, T, R> {
    /// A pool that runs every task inline, on the caller's thread.
    pub fn inline(scope: &'scope Scope<'scope, 'env>, work: &'env (dyn Fn(T) -> R + Sync)) -> Self {
        Pool {
            scope,
            work,
            done: VecDeque::new(),
            threads: None,
        }
    }

    /// The number of workers (1 while inline).
    pub fn workers(&self) -> usize {
        self.threads.as_ref().map_or(1, |t| t.senders.len())
    }

    /// From now on, runs tasks on `n` worker threads (`n` ≥ 2; with fewer it
    /// stays inline). Replies of tasks already run inline are still received.
    pub fn start_threads(&mut self, n: usize) {
        if self.threads.is_some() || n < 2 {
            return;
        }
        let (reply_tx, replies) = channel();
        let senders = (0..n)
            .map(|_| {
                let (tx, rx) = channel::<T>();
                let reply_tx = reply_tx.clone();
                let work = self.work;
                self.scope.spawn(move || {
                    for task in rx {
                        let r =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(task)));
                        let failed = r.is_err();
                        if reply_tx.send(r.ok()).is_err() || failed {
                            break;
                        }
                    }
                });
                tx
            })
            .collect();
        self.threads = Some(Threads { senders, replies });
    }

    /// Runs `task` on the worker of `lane` (modulo the number of workers).
    pub fn submit(&mut self, lane: usize, task: T) {
        match &self.threads {
            None => self.done.push_back((self.work)(task)),
            Some(t) => {
                // A worker only goes away after a panic, which it reports.
                let _ = t.senders[lane % t.senders.len()].send(task);
            }
        }
    }

    /// The next reply to arrive (in any order), waiting for it; `None` when
    /// nothing is outstanding.
    pub fn recv(&mut self) -> Option<Result<R, WorkerFailed>> {
        if let Some(r) = self.done.pop_front() {
            return Some(Ok(r));
        }
        let t = self.threads.as_ref()?;
        match t.replies.recv() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) | Err(_) => Some(Err(WorkerFailed)),
        }
    }
}

/// Puts results numbered 0, 1, 2, … back in order.
pub struct Reorder<R> {
    next: usize,
    waiting: BTreeMap<usize, R>,
}

impl<R> Default for Reorder<R> {
    fn default() -> Self {
        Reorder {
            next: 0,
            waiting: BTreeMap::new(),
        }
    }
}

impl<R> Reorder<R> {
    /// Keeps result number `n` until its turn.
    pub fn put(&mut self, n: usize, r: R) {
        self.waiting.insert(n, r);
    }

    /// The next result in order, when it has arrived.
    pub fn take(&mut self) -> Option<R> {
        let r = self.waiting.remove(&self.next)?;
        self.next += 1;
        Some(r)
    }

    /// Whether the next result in order has arrived.
    pub fn ready(&self) -> bool {
        self.waiting.contains_key(&self.next)
    }

    /// How many results were taken.
    pub fn taken(&self) -> usize {
        self.next
    }
}

/// Runs `f` over `items` on up to `threads` scoped threads, keeping the
/// order (item `i` goes to thread `i % threads`). A panic in `f` is
/// resumed on the caller's thread.
pub fn par_map<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    let mut lanes: Vec<Vec<(usize, T)>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, item) in items.into_iter().enumerate() {
        lanes[i % threads].push((i, item));
    }
    let f = &f;
    let mut results: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = lanes
            .into_iter()
            .map(|lane| {
                s.spawn(move || lane.into_iter().map(|(i, t)| (i, f(t))).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            // A lane that panicked (a bug) takes its caller down with it,
            // rather than dropping its items silently.
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(n: usize) -> (usize, usize) {
        (n, n * n)
    }

    fn run_all(threads: usize, tasks: usize) -> Vec<(usize, usize)> {
        std::thread::scope(|s| {
            let mut pool = Pool::inline(s, &square);
            pool.start_threads(threads);
            assert_eq!(pool.workers(), if threads >= 2 { threads } else { 1 });
            for n in 0..tasks {
                pool.submit(n, n);
            }
            let mut order = Reorder::default();
            let mut out = Vec::new();
            while out.len() < tasks {
                let (n, sq) = pool.recv().unwrap().unwrap();
                order.put(n, (n, sq));
                while let Some(r) = order.take() {
                    out.push(r);
                }
            }
            out
        })
    }

    #[test]
    fn results_come_back_in_order_inline_and_threaded() {
        let want: Vec<_> = (0..200).map(square).collect();
        for threads in [1, 2, 3, 8] {
            assert_eq!(run_all(threads, 200), want, "{threads} threads");
        }
    }

    #[test]
    fn inline_replies_survive_the_start_of_threads() {
        std::thread::scope(|s| {
            let mut pool = Pool::inline(s, &square);
            pool.submit(0, 3);
            pool.start_threads(2);
            pool.submit(1, 4);
            let mut got = vec![pool.recv().unwrap().unwrap(), pool.recv().unwrap().unwrap()];
            got.sort();
            assert_eq!(got, vec![(3, 9), (4, 16)]);
        });
    }

    #[test]
    fn a_panicking_task_is_reported_not_propagated() {
        let work = |n: usize| {
            assert!(n != 7, "boom");
            n
        };
        std::thread::scope(|s| {
            let mut pool = Pool::inline(s, &work);
            pool.start_threads(2);
            pool.submit(0, 7);
            assert_eq!(pool.recv(), Some(Err(WorkerFailed)));
        });
    }

    #[test]
    fn nothing_outstanding_inline_is_none() {
        std::thread::scope(|s| {
            let mut pool: Pool<'_, '_, usize, usize> = Pool::inline(s, &|n| n);
            assert!(pool.recv().is_none());
        });
    }

    #[test]
    fn reorder_waits_for_the_gap() {
        let mut r = Reorder::default();
        r.put(1, "b");
        assert!(!r.ready());
        assert_eq!(r.take(), None);
        r.put(0, "a");
        assert_eq!(r.take(), Some("a"));
        assert_eq!(r.take(), Some("b"));
        assert_eq!(r.taken(), 2);
    }

    #[test]
    fn par_map_passes_a_panic_on() {
        let r = std::panic::catch_unwind(|| {
            par_map((0..10).collect(), 2, |n: usize| {
                assert!(n != 7, "boom");
                n
            })
        });
        assert!(r.is_err());
    }

    #[test]
    fn par_map_keeps_order() {
        let items: Vec<usize> = (0..1000).collect();
        for t in [1, 2, 5] {
            assert_eq!(
                par_map(items.clone(), t, |n| n + 1),
                (1..1001).collect::<Vec<_>>()
            );
        }
    }
}
