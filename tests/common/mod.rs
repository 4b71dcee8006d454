//! Helpers shared by the integration tests: the real corpus in data/raw, parsed.
#![allow(dead_code)]

use msq::ingest::{self, Options, Parsed};
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The five source documents, sorted by file name.
pub fn raw_documents() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("data/raw"))
        .expect("data/raw")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

pub fn parse_path(path: &Path) -> Parsed {
    let bytes = std::fs::read(path).expect("read document");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    ingest::parse(&name, &bytes, &Options::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of the real document for an ISO code ("AZE").
pub fn raw(iso3: &str) -> String {
    let path = raw_documents()
        .into_iter()
        .find(|p| parse_path(p).response.iso3 == iso3)
        .unwrap_or_else(|| panic!("no document for {iso3}"));
    std::fs::read_to_string(path).expect("read document")
}

/// The parsed real document for an ISO code ("AZE").
pub fn parsed(iso3: &str) -> Parsed {
    raw_documents()
        .iter()
        .map(|p| parse_path(p))
        .find(|p| p.response.iso3 == iso3)
        .unwrap_or_else(|| panic!("no document for {iso3}"))
}

pub mod coverage;
pub mod layouts;
pub mod pdf;
pub mod pty;
pub mod tui;

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/data").join(name)
}

/// A runner like [`runner`] whose cases are the same on every run: a property test that CI
/// runs gives the same verdict twice. Soak tests use [`runner`], which draws new cases.
pub fn seeded_runner(cases: u32) -> proptest::test_runner::TestRunner {
    let config = proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    };
    let rng = proptest::test_runner::TestRng::deterministic_rng(config.rng_algorithm);
    proptest::test_runner::TestRunner::new_with_rng(config, rng)
}

/// A property-test runner for `cases` cases that writes no regression files: a failure prints
/// its minimal case, which goes into a named test.
pub fn runner(cases: u32) -> proptest::test_runner::TestRunner {
    proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })
}
