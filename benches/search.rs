//! `cargo bench --bench search`: keystroke-by-keystroke search latency on the scale corpus
//! (193 member states x 3 editions), against a naive SkimMatcherV2 scan and a memchr floor (one
//! pass over the same bytes finding the records that hold the longest term), plus
//! index load time, peak RSS, the time until typo-tolerant results are complete, and a 3x corpus
//! for scaling. Each measurement runs in a child process of its own, so peak RSS is msq's alone.
//! Every keystroke is replayed in 5 rounds; p50, p99 and the floor are each the median of the
//! 5 rounds' figures.
//! `MSQ_BENCH_SLOWEST=N` lists the N slowest keystrokes on stderr. The last line is the summary:
//! `search: records=N bytes=B p50_ms=X p99_ms=X naive_p99_ms=X floor_p99_ms=X fallback_ms=X load_ms=X rss_mb=X`

mod scale;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use msq::index::{self, IndexSource};
use msq::model::Index;
use msq::search::{Engine, Query};
use msq::tui::worker::HITS;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Typed one keystroke at a time: 1-3 characters, long phrases, several terms, scopes (topic:
/// too), an exclusion, an exact term, no hits, a typo, a capitalised name, quoted phrases (one
/// left out), alternatives, an accent-folded word and countries named in the query.
const QUERIES: &[&str] = &[
    "a",
    "ed",
    "gov",
    "national e-government strategy",
    "digital signature law",
    "country:mng open data",
    "edition:2020 portal",
    "section:C cybersecurity",
    "topic:law data",
    "'opendata",
    "covid !vaccine",
    "zzqxjv",
    "cbersecurity",
    "ministry of health",
    "Jeyhun",
    "\"open data\" portal",
    "law !\"data protection\"",
    "blockchain | biometric | artificial",
    "'cloud | 5g strategy",
    "tebib",
    "e-gövernment sérvices",
    "mongolia procurement",
    "viet nam digital identity",
];

/// Replays of every keystroke, in each engine run.
const ROUNDS: usize = 5;

fn keystrokes() -> Vec<String> {
    let mut out = Vec::new();
    for q in QUERIES {
        let chars: Vec<char> = q.chars().collect();
        for n in 1..=chars.len() {
            out.push(chars[..n].iter().collect());
        }
    }
    out
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Peak resident set size of this process, in MB.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Loads shards into one index; later shards' ids get a suffix so they stay unique.
fn load(paths: &[PathBuf]) -> Index {
    let mut merged: Option<Index> = None;
    for (k, p) in paths.iter().enumerate() {
        let mut index = index::load(&IndexSource::File(p.clone())).expect("load the scale index");
        if k > 0 {
            for r in &mut index.responses {
                r.id = format!("{}-s{k}", r.id);
            }
        }
        match &mut merged {
            None => merged = Some(index),
            Some(m) => m.responses.extend(index.responses),
        }
    }
    merged.expect("at least one shard")
}

/// msq's engine: load, build, then every keystroke; also the floor and the typo pass.
fn measure_engine(paths: &[PathBuf]) {
    let mut loads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let index = load(paths);
        loads.push(ms(t));
        drop(index);
    }
    let index = load(paths);
    let t = Instant::now();
    let engine = Engine::new(&index);
    let build_ms = ms(t);
    // Each round replays every keystroke; a figure is the median of its rounds' figures, so
    // that a moment when the shared machine is busy moves one round, not the result.
    let (mut p50s, mut p99s, mut floors) = (Vec::new(), Vec::new(), Vec::new());
    let mut by_key: Vec<(f64, String)> = Vec::new();
    let hay = engine.haystack().as_bytes();
    for _round in 0..ROUNDS {
        let mut lat = Vec::new();
        let mut floor = Vec::new();
        for (n, k) in keystrokes().into_iter().enumerate() {
            let t = Instant::now();
            let q = Query::parse(&k);
            let r = engine.search(&index, &q, None, HITS);
            let took = ms(t);
            lat.push(took);
            match by_key.get_mut(n) {
                Some(slowest) => slowest.0 = slowest.0.min(took),
                None => by_key.push((took, k.clone())),
            }
            std::hint::black_box(r);
            // The floor: one memchr pass over the same bytes that finds the records holding
            // the longest term, jumping to the next record after a hit, and nothing more.
            let needle = k
                .split(|c: char| c.is_whitespace() || c == '"' || c == '|')
                .filter(|w| !w.is_empty())
                .max_by_key(|w| w.len())
                .map(msq::search::lower_keep_len)
                .unwrap_or_default();
            let t = Instant::now();
            let finder = memchr::memmem::Finder::new(needle.as_bytes());
            let (mut at, mut records) = (0, 0usize);
            while at < hay.len()
                && let Some(p) = finder.find(&hay[at..])
            {
                records += 1;
                let hit = at + p;
                at = memchr::memchr(0, &hay[hit..]).map_or(hay.len(), |end| hit + end + 1);
            }
            floor.push(ms(t));
            std::hint::black_box(records);
        }
        p50s.push(percentile(&lat, 50.0));
        p99s.push(percentile(&lat, 99.0));
        floors.push(percentile(&floor, 99.0));
    }
    // MSQ_BENCH_SLOWEST=N: the N keystrokes slowest at their best round, on stderr.
    if let Some(n) = std::env::var("MSQ_BENCH_SLOWEST")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        by_key.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (took, k) in by_key.iter().take(n) {
            eprintln!("slowest: {took:7.2} ms  {k:?}");
        }
    }
    // From the last keystroke of each query until its typo-tolerant results are complete.
    let mut fallback = Vec::new();
    for q in QUERIES {
        let t = Instant::now();
        let query = Query::parse(q);
        let exact = engine.search(&index, &query, None, HITS);
        let all = engine.refine(&index, &query, None, HITS, &exact, &|| false);
        fallback.push(ms(t));
        std::hint::black_box(all);
    }
    println!(
        "engine records={} bytes={} p50_ms={:.2} p99_ms={:.2} floor_p99_ms={:.3} fallback_ms={:.1} load_ms={:.1} build_ms={:.1} rss_mb={:.1}",
        engine.records(),
        engine.bytes(),
        percentile(&p50s, 50.0),
        percentile(&p99s, 50.0),
        percentile(&floors, 50.0),
        fallback.iter().copied().fold(0.0, f64::max),
        percentile(&loads, 50.0),
        build_ms,
        peak_rss_mb()
    );
}

/// The naive baseline: SkimMatcherV2 over every answer on one thread, then fuzzy_indices for
/// the best 50.
fn measure_naive(paths: &[PathBuf]) {
    let index = load(paths);
    let texts: Vec<String> = index
        .responses
        .iter()
        .flat_map(|r| r.items())
        .map(|i| msq::search::item_text(i).0)
        .collect();
    let matcher = SkimMatcherV2::default();
    let mut lat = Vec::new();
    for k in keystrokes() {
        let t = Instant::now();
        let mut scored: Vec<(i64, usize)> = texts
            .iter()
            .enumerate()
            .filter_map(|(i, s)| matcher.fuzzy_match(s, &k).map(|sc| (sc, i)))
            .collect();
        scored.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
        for (_, i) in scored.iter().take(50) {
            std::hint::black_box(matcher.fuzzy_indices(&texts[*i], &k));
        }
        lat.push(ms(t));
    }
    println!(
        "naive p50_ms={:.1} p99_ms={:.1}",
        percentile(&lat, 50.0),
        percentile(&lat, 99.0)
    );
}

fn child(args: &[String]) -> String {
    let out = Command::new(std::env::current_exe().expect("this bench"))
        .args(args)
        .output()
        .expect("run a measurement");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn field<'a>(line: &'a str, key: &str) -> &'a str {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
        .unwrap_or("0")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--engine") => {
            return measure_engine(&args[1..].iter().map(PathBuf::from).collect::<Vec<_>>());
        }
        Some("--naive") => {
            return measure_naive(&args[1..].iter().map(PathBuf::from).collect::<Vec<_>>());
        }
        _ => {}
    }
    // The generated corpus is cached in the target folder, wherever it is.
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
            PathBuf::from,
        )
        .join("msq-bench");
    let t = Instant::now();
    let shards: Vec<PathBuf> = (1..=3).map(|n| scale::shard(&root, n).index).collect();
    eprintln!(
        "scale corpus ready in {:.1} s ({})",
        t.elapsed().as_secs_f64(),
        root.display()
    );
    let one: Vec<String> = vec![shards[0].display().to_string()];
    let three: Vec<String> = shards.iter().map(|p| p.display().to_string()).collect();

    let engine = child(&[vec!["--engine".to_string()], one.clone()].concat());
    println!("1x: {engine}");
    let naive = child(&[vec!["--naive".to_string()], one].concat());
    println!("1x: {naive}");
    let scaled = child(&[vec!["--engine".to_string()], three].concat());
    println!("3x: {scaled}");
    println!(
        "search: records={} bytes={} p50_ms={} p99_ms={} naive_p99_ms={} floor_p99_ms={} fallback_ms={} load_ms={} rss_mb={}",
        field(&engine, "records"),
        field(&engine, "bytes"),
        field(&engine, "p50_ms"),
        field(&engine, "p99_ms"),
        field(&naive, "p99_ms"),
        field(&engine, "floor_p99_ms"),
        field(&engine, "fallback_ms"),
        field(&engine, "load_ms"),
        field(&engine, "rss_mb"),
    );
}
