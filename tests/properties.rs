//! Property tests of ingest: whatever the bytes, a parse or an error, never a panic; the same
//! bytes always parse the same way; an index survives a round trip through JSON unchanged.
//!
//! `cargo test` runs a few hundred cases. The soak test runs many more:
//! `cargo test --release --test properties -- --ignored`

mod common;

use msq::ingest::{self, Options};
use msq::model::Index;
use proptest::prelude::*;

fn documents() -> Vec<Vec<u8>> {
    common::raw_documents()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

/// Characters that stress text handling: combining marks, right-to-left text, a ZWJ emoji,
/// C1 and C0 controls, bidi overrides, zero-width characters, wide and Khmer text.
const SPICE: &[&str] = &[
    "e\u{301}\u{308}",
    "שלום עולם",
    "شکرا",
    "👩\u{200d}💻",
    "\u{85}",
    "\u{9b}31m",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{202e}",
    "\u{200b}",
    "谢谢",
    "ព្រះរាជាណាចក្រ",
    "\t",
    "\u{feff}",
    "1. ",
    "- ",
    "[J ",
    "X",
    "Note: ",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    FlipByte(usize, u8),
    Crlf(usize),
    Insert(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::FlipByte(a, b)),
        any::<usize>().prop_map(Mutation::Crlf),
        (any::<usize>(), 0..SPICE.len()).prop_map(|(a, s)| Mutation::Insert(a, s)),
    ]
}

fn apply(doc: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = doc.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::DeleteLine(i) if lines.len() > 1 => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
            Mutation::FlipByte(i, b) => {
                let line = &mut lines[i % n];
                if !line.is_empty() {
                    let k = i % line.len();
                    line[k] ^= b;
                }
            }
            Mutation::Crlf(i) => lines[i % n].push(b'\r'),
            Mutation::Insert(i, s) => {
                let line = &mut lines[i % n];
                let at = if line.is_empty() { 0 } else { i % line.len() };
                line.splice(at..at, SPICE[s].bytes());
            }
            _ => {}
        }
    }
    lines.join(&b'\n')
}

/// Parses, checking what must hold for any input: no panic (the caller's runner catches one),
/// the same result twice, and a JSON round trip that changes nothing.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let first = ingest::parse("p.txt", bytes, &Options::default());
    let second = ingest::parse("p.txt", bytes, &Options::default());
    match (&first, &second) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(&a.response, &b.response, "parsing is deterministic");
            prop_assert_eq!(&a.trace, &b.trace);
            let index = Index::new(vec![a.response.clone()]);
            let json = msq::index::to_json(&index);
            let back = msq::index::parse(&json, "round trip")
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back, index, "the index round-trips through JSON");
        }
        (Err(a), Err(b)) => {
            prop_assert_eq!(a, b);
            prop_assert!(!a.to_string().contains('\n'), "errors are one line");
        }
        _ => prop_assert!(false, "one parse failed and the other did not"),
    }
    Ok(())
}

fn run_cases(cases: u32) {
    let docs = documents();
    let mut runner = common::runner(cases);
    runner
        .run(
            &(0..docs.len(), proptest::collection::vec(mutation(), 1..12)),
            |(d, ms)| check(&apply(&docs[d], &ms)),
        )
        .unwrap();
    let mut runner = common::runner(cases);
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..4096), |bytes| {
            check(&bytes)
        })
        .unwrap();
}

#[test]
fn mutated_documents_and_arbitrary_bytes_never_panic() {
    run_cases(300);
}

#[test]
#[ignore = "a soak test: cargo test --release --test properties -- --ignored"]
fn soak() {
    run_cases(20_000);
}

#[test]
fn every_real_document_round_trips_through_json() {
    for doc in documents() {
        check(&doc).unwrap();
    }
    let index = common::tui::embedded();
    let back = msq::index::parse(&msq::index::to_json(&index), "round trip").unwrap();
    assert_eq!(back, index);
}
