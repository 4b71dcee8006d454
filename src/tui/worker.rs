//! Searching off the UI thread. The worker owns the search engine (built there, so start-up does
//! not wait for it), takes the newest job whenever several are queued, and reports back as
//! actions: first the exact hits, then the same merged with the typo-tolerant ones. A shared
//! generation counter cancels work for a query the user has already typed past.

use super::action::Action;
use crate::index::binary::StoredEngine;
use crate::model::Index;
use crate::search::Query;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// How many hits a search returns to the browser at a time: scrolling past them asks for as
/// many more.
pub const HITS: usize = 200;

pub struct Job {
    pub generation: u64,
    pub query: String,
    pub within: Option<usize>,
    /// How many of the best hits to return.
    pub limit: usize,
}

pub struct SearchWorker {
    jobs: Sender<Job>,
    pub events: Receiver<Action>,
    latest: Arc<AtomicU64>,
    /// Tells the worker the first frame is drawn: see [`SearchWorker::first_frame_drawn`].
    drawn: Sender<()>,
}

impl SearchWorker {
    /// The worker, making its engine from `stored` (or building it) before the first search;
    /// `name` is the index as a warning names it.
    pub fn spawn(index: Arc<Index>, stored: Option<StoredEngine>, name: String) -> SearchWorker {
        let (jobs, job_rx) = channel::<Job>();
        let (tx, events) = channel();
        let (drawn, drawn_rx) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::Builder::new()
            .name("msq-search".into())
            .spawn(move || run(&index, stored, &name, (&job_rx, drawn_rx), &tx, &newest))
            .ok();
        SearchWorker {
            jobs,
            events,
            latest,
            drawn,
        }
    }

    /// Once the first frame is drawn, the engine builds what makes a search for one letter
    /// cheap ([`crate::search::Engine::prepare`]), beside the searches: it would otherwise
    /// compete with the first frame for the two cores. A search before it is built scans, and
    /// finds the same.
    pub fn first_frame_drawn(&self) {
        let _ = self.drawn.send(());
    }

    /// Queues a search; any older search still running stops at its next check.
    pub fn submit(&self, job: Job) {
        self.latest.store(job.generation, Ordering::SeqCst);
        let _ = self.jobs.send(job);
    }
}

fn run(
    index: &Index,
    stored: Option<StoredEngine>,
    name: &str,
    (jobs, drawn): (&Receiver<Job>, Receiver<()>),
    tx: &Sender<Action>,
    latest: &AtomicU64,
) {
    let (engine, warning) = crate::index::search_engine(index, stored.as_ref(), name);
    drop(stored);
    let _ = tx.send(Action::EngineReady { warning });
    let engine = &engine;
    std::thread::scope(|s| {
        // Ends without building when the browser goes first.
        s.spawn(move || {
            if drawn.recv().is_ok() {
                engine.prepare();
            }
        });
        serve(index, engine, jobs, tx, latest);
    });
}

/// Runs each job as it comes, the newest of those queued, until the browser goes.
fn serve(
    index: &Index,
    engine: &crate::search::Engine,
    jobs: &Receiver<Job>,
    tx: &Sender<Action>,
    latest: &AtomicU64,
) {
    while let Ok(mut job) = jobs.recv() {
        // Only the newest queued job matters.
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let stale = || latest.load(Ordering::SeqCst) != job.generation;
        if stale() {
            continue;
        }
        let query = Query::parse(&job.query);
        let exact = engine.search(index, &query, job.within, job.limit);
        if stale() {
            continue;
        }
        // With no term a typo could match, the exact hits are all there is.
        let typos = query.terms.iter().any(|t| t.loose());
        let _ = tx.send(Action::SearchResults {
            generation: job.generation,
            results: exact.clone(),
            complete: !typos,
        });
        if !typos {
            continue;
        }
        if let Some(all) = engine.refine(index, &query, job.within, job.limit, &exact, &stale) {
            let _ = tx.send(Action::SearchResults {
                generation: job.generation,
                results: all,
                complete: true,
            });
        }
    }
}
