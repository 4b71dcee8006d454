//! `cargo bench --bench search`: msq at world scale, as a user meets it. The scale corpus is
//! 193 member states x 3 editions (a 2022 web-form export, a 2020 OCR'd form, a 2024
//! presentation), indexed through the normal build path, in msq's binary form; "3x" is three
//! such corpora in one index. Each measurement runs in a child process of its own, so peak
//! RSS is that process's alone.
//!
//! - keystroke by keystroke search latency (p50, p99) at 1x and 3x, against a naive
//!   SkimMatcherV2 scan and a memchr floor (one pass over the same bytes finding the records
//!   that hold the longest term). Every keystroke is replayed in 5 rounds; p50, p99 and the
//!   floor are each the median of the 5 rounds' figures;
//! - the time until typo-tolerant results are complete (`fallback_ms`, the slowest query);
//! - `load_ms`: opening the binary index until it is ready to search (responses decoded and
//!   validated, the stored engine checked), median of 5; `load_json_ms`: parsing the same
//!   index from JSON, and `build_ms`, building its engine, which JSON needs on top;
//! - `first_frame_ms`: from starting `msq --index WORLD.msq` in a pseudo-terminal until its
//!   first frame shows, median of 9 fresh processes;
//! - `cli_search_ms`: a whole `msq --index WORLD.msq search open data` process, median of 9;
//! - `prepare_ms`: building what a one-letter search reads ([`Engine::prepare`]), which the
//!   browser does after its first frame and the keystrokes here are searched after;
//! - `rss_mb`, `rss_3x_mb`: peak RSS of the 1x and 3x search processes.
//!
//! `MSQ_BENCH_SLOWEST=N` lists the N slowest keystrokes on stderr; the bench binary run with
//! `--dump WORLD.msq` (or `--dump-unprepared`) prints every keystroke's results, to diff before
//! and after a change. The last line is the summary:
//! `search: records=N bytes=B p50_ms=X p99_ms=X p99_3x_ms=X naive_p99_ms=X floor_p99_ms=X
//! floor_p99_3x_ms=X fallback_ms=X first_frame_ms=X cli_search_ms=X load_ms=X load_json_ms=X
//! build_ms=X prepare_ms=X rss_mb=X rss_3x_mb=X`

#[path = "../tests/common/pty.rs"]
#[allow(dead_code)]
mod pty;
mod scale;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use msq::index::{self, IndexSource};
use msq::model::Index;
use msq::search::{Engine, Query};
use msq::tui::worker::HITS;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Fresh processes timed for the first frame and for a whole `msq search`.
const PROCESS_RUNS: usize = 9;
/// What `cli_search_ms` searches for.
const CLI_QUERY: [&str; 2] = ["open", "data"];

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

/// Loads JSON shards into one index; later shards' ids get a suffix so they stay unique.
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

/// Opens a binary index until it is ready to search: what `msq search` and the browser's
/// search worker wait for.
fn open(path: &Path) -> (Index, Engine) {
    let source = IndexSource::File(path.to_path_buf());
    let opened = index::open(&source).expect("open the binary scale index");
    assert!(
        opened.stored.is_some(),
        "{}: no stored search data this msq can use",
        path.display()
    );
    let (engine, warning) =
        index::search_engine(&opened.index, opened.stored.as_ref(), "the scale index");
    assert!(warning.is_none(), "{warning:?}");
    (opened.index, engine)
}

/// The binary form of JSON shards merged, written once per schema and engine version.
fn binary_of(shards: &[PathBuf], path: &Path) -> PathBuf {
    if !path.exists() {
        let bytes = index::to_binary(&load(shards));
        index::write_atomic(path, &bytes).expect("write the binary scale index");
    }
    path.to_path_buf()
}

/// JSON: parsing the index, then building its engine.
fn measure_json(paths: &[PathBuf]) {
    let mut loads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let index = load(paths);
        loads.push(ms(t));
        drop(index);
    }
    let index = load(paths);
    let mut builds = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let engine = Engine::new(&index);
        builds.push(ms(t));
        drop(engine);
    }
    println!(
        "json load_ms={:.1} build_ms={:.1}",
        percentile(&loads, 50.0),
        percentile(&builds, 50.0)
    );
}

/// msq's engine: open the binary index, then every keystroke; also the floor and the typo pass.
fn measure_engine(path: &Path) {
    // Opened once, as a user's process does; the repeated opens that time loading come after
    // peak RSS is read.
    let (index, engine) = open(path);
    // The browser builds this after its first frame, well before a person's first keystroke
    // (`prepare_ms`); a search before it is there finds the same (see `--dump-unprepared`).
    let t = Instant::now();
    engine.prepare();
    let prepare = ms(t);
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
    let rss = peak_rss_mb();
    let (records, bytes) = (engine.records(), engine.bytes());
    drop((index, engine));
    let mut loads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let opened = open(path);
        loads.push(ms(t));
        drop(opened);
    }
    println!(
        "engine records={} bytes={} p50_ms={:.2} p99_ms={:.2} floor_p99_ms={:.3} fallback_ms={:.1} load_ms={:.1} prepare_ms={prepare:.1} rss_mb={:.1}",
        records,
        bytes,
        percentile(&p50s, 50.0),
        percentile(&p99s, 50.0),
        percentile(&floors, 50.0),
        fallback.iter().copied().fold(0.0, f64::max),
        percentile(&loads, 50.0),
        rss
    );
}

/// The naive baseline: SkimMatcherV2 over every answer on one thread, then fuzzy_indices for
/// the best 50.
fn measure_naive(path: &Path) {
    let index = open(path).0;
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

/// `--dump WORLD.msq`: every keystroke's results in full, then each query's typo-tolerant ones,
/// for telling that a change to the engine left what it finds as it was (diff two dumps).
/// `prepared`: as the browser searches once [`Engine::prepare`] has run (`--dump`), or before
/// (`--dump-unprepared`); the two dumps are the same.
fn dump(path: &Path, prepared: bool) {
    let (index, engine) = open(path);
    if prepared {
        engine.prepare();
    }
    for k in keystrokes() {
        let r = engine.search(&index, &Query::parse(&k), None, HITS);
        println!("{k:?} {r:?}");
    }
    for q in QUERIES {
        let query = Query::parse(q);
        let exact = engine.search(&index, &query, None, HITS);
        let all = engine.refine(&index, &query, None, HITS, &exact, &|| false);
        println!("refine {q:?} {all:?}");
    }
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

/// From starting the browser on `path` until its first frame shows, median of fresh processes.
fn first_frame(path: &Path) -> f64 {
    let index = path.display().to_string();
    let mut times = Vec::new();
    for _ in 0..PROCESS_RUNS {
        let t = Instant::now();
        let mut s = pty::Session::start(&["--index", &index], 100, 30);
        s.wait_for_every("193 states", Duration::from_millis(1));
        times.push(ms(t));
        s.keys("q");
        s.wait_exit();
    }
    percentile(&times, 50.0)
}

/// A whole `msq search` process on `path`, its output read to the end, median of fresh
/// processes.
fn cli_search(path: &Path) -> f64 {
    let mut times = Vec::new();
    for _ in 0..PROCESS_RUNS {
        let t = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_msq"))
            .arg("--index")
            .arg(path)
            .arg("search")
            .args(CLI_QUERY)
            .output()
            .expect("run msq search");
        times.push(ms(t));
        assert!(
            out.status.success() && !out.stdout.is_empty(),
            "msq search: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    percentile(&times, 50.0)
}

fn main() {
    // As msq's own main does, so that time and memory are msq's.
    msq::tune_allocator();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let paths = || args[1..].iter().map(PathBuf::from).collect::<Vec<_>>();
    match args.first().map(String::as_str) {
        Some("--engine") => return measure_engine(&paths()[0]),
        Some("--naive") => return measure_naive(&paths()[0]),
        Some("--json") => return measure_json(&paths()),
        Some("--dump") => return dump(&paths()[0], true),
        Some("--dump-unprepared") => return dump(&paths()[0], false),
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
    // The binary forms, named for the schema and engine that wrote them.
    let tag = format!(
        "s{}-e{:08x}",
        msq::model::SCHEMA_VERSION,
        msq::search::stored_fingerprint()
    );
    let world = binary_of(&shards[..1], &root.join(format!("world-1x-{tag}.msq")));
    let world3 = binary_of(&shards, &root.join(format!("world-3x-{tag}.msq")));
    eprintln!(
        "scale corpus ready in {:.1} s ({})",
        t.elapsed().as_secs_f64(),
        root.display()
    );
    let arg = |flag: &str, p: &Path| vec![flag.to_string(), p.display().to_string()];

    let engine = child(&arg("--engine", &world));
    println!("1x: {engine}");
    let naive = child(&arg("--naive", &world));
    println!("1x: {naive}");
    let json = child(&arg("--json", &shards[0]));
    println!("1x: {json}");
    let scaled = child(&arg("--engine", &world3));
    println!("3x: {scaled}");
    let frame = first_frame(&world);
    let cli = cli_search(&world);
    println!("1x: first_frame_ms={frame:.1} cli_search_ms={cli:.1}");
    println!(
        "search: records={} bytes={} p50_ms={} p99_ms={} p99_3x_ms={} naive_p99_ms={} floor_p99_ms={} floor_p99_3x_ms={} fallback_ms={} first_frame_ms={frame:.1} cli_search_ms={cli:.1} load_ms={} load_json_ms={} build_ms={} prepare_ms={} rss_mb={} rss_3x_mb={}",
        field(&engine, "records"),
        field(&engine, "bytes"),
        field(&engine, "p50_ms"),
        field(&engine, "p99_ms"),
        field(&scaled, "p99_ms"),
        field(&naive, "p99_ms"),
        field(&engine, "floor_p99_ms"),
        field(&scaled, "floor_p99_ms"),
        field(&engine, "fallback_ms"),
        field(&engine, "load_ms"),
        field(&json, "load_ms"),
        field(&json, "build_ms"),
        field(&engine, "prepare_ms"),
        field(&engine, "rss_mb"),
        field(&scaled, "rss_mb"),
    );
}
