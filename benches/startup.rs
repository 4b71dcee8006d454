//! `cargo bench --bench startup`: the time from starting `msq` in a pseudo-terminal until its
//! first frame shows (the country list's title), on the built-in index: every member state with
//! its figures; `MSQ_BENCH_INDEX=FILE` times it on that index instead (`cargo bench --bench
//! search` times it on the world-scale one). The median of 15 runs, each a fresh process. One
//! line:
//! `startup: first_frame_ms=X min_ms=X max_ms=X runs=N`

#[path = "../tests/common/pty.rs"]
#[allow(dead_code)]
mod pty;

use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn main() {
    let index = std::env::var("MSQ_BENCH_INDEX").ok();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut s = match &index {
            Some(i) => pty::Session::start(&["--index", i], 100, 30),
            None => pty::Session::start(&[], 100, 30),
        };
        s.wait_for_every("193 states", Duration::from_millis(1));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        s.keys("q");
        s.wait_exit();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "startup: first_frame_ms={:.1} min_ms={:.1} max_ms={:.1} runs={RUNS}",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
}
