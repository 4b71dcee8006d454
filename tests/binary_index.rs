//! The binary index: what `index build` writes by default and what msq compiles in. It round-
//! trips, searches as a built engine does, and a damaged, truncated, foreign or other-schema
//! file gets a one-line error naming the file, never a panic, from the library and the CLI.

mod common;

use msq::index::{self, IndexError, IndexSource, binary};
use msq::model::Index;
use msq::search::{Engine, Query};
use std::path::{Path, PathBuf};
use std::process::Command;

fn builtin() -> Index {
    index::load(&IndexSource::Embedded).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn open(path: &Path) -> Result<index::Opened, IndexError> {
    index::open(&IndexSource::File(path.to_path_buf()))
}

/// The error, checked to be one line that starts with the file's name.
fn one_line_error(path: &Path) -> IndexError {
    let err = match open(path) {
        Ok(_) => panic!("{} loaded", path.display()),
        Err(e) => e,
    };
    let msg = err.to_string();
    assert!(
        msg.starts_with(&path.display().to_string()),
        "the error does not name the file: {msg}"
    );
    assert!(!msg.contains('\n'), "{msg}");
    err
}

/// `msq --index PATH list`: exit 1 and one line on standard error, naming the file.
fn cli_refuses(path: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_msq"))
        .arg("--index")
        .arg(path)
        .arg("list")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("msq: {}", path.display())),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn search(index: &Index, engine: &Engine, q: &str) -> Vec<(usize, String, Vec<usize>)> {
    let query = Query::parse(q);
    let exact = engine.search(index, &query, None, 50);
    let all = engine
        .refine(index, &query, None, 50, &exact, &|| false)
        .unwrap();
    all.hits
        .into_iter()
        .map(|h| (h.response, h.snippet, h.matches))
        .collect()
}

#[test]
fn a_binary_index_round_trips_and_searches_as_a_built_engine_does() {
    let index = builtin();
    let bytes = index::to_binary(&index);
    assert_eq!(
        bytes,
        index::to_binary(&index),
        "the same index, the same bytes"
    );
    assert!(bytes.starts_with(binary::MAGIC));
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "index.msq", &bytes);
    let opened = open(&path).unwrap();
    assert_eq!(opened.index, index);
    let (stored, warning) =
        index::search_engine(&opened.index, opened.stored.as_ref(), "index.msq");
    assert!(opened.stored.is_some() && warning.is_none(), "{warning:?}");
    let built = Engine::new(&index);
    assert_eq!(stored.haystack(), built.haystack());
    for q in [
        "open data",
        "cbersecurity",
        "topic:cio",
        "\"e-government\" | portal",
        "tebib",
        "country:mng law",
    ] {
        let a = search(&index, &stored, q);
        assert!(!a.is_empty(), "{q}");
        assert_eq!(a, search(&index, &built, q), "{q}");
    }
    // The CLI reads it like any index.
    let out = Command::new(env!("CARGO_BIN_EXE_msq"))
        .arg("--index")
        .arg(&path)
        .args(["search", "--json", "opendata"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 2, "{v}");
}

#[test]
fn index_build_writes_binary_unless_told_json_or_named_json() {
    let dir = tempfile::tempdir().unwrap();
    let raw = common::root().join("data/raw");
    let build = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_msq"))
            .current_dir(dir.path())
            .arg("index")
            .arg("build")
            .arg(&raw)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    build(&[]);
    let default = std::fs::read(dir.path().join("index.msq")).unwrap();
    assert!(default.starts_with(binary::MAGIC));
    build(&["--out", "named.json"]);
    let named = std::fs::read_to_string(dir.path().join("named.json")).unwrap();
    assert!(named.starts_with('{'));
    build(&["--format", "json", "--out", "told.idx"]);
    let told = std::fs::read_to_string(dir.path().join("told.idx")).unwrap();
    assert_eq!(told, named);
    build(&["--format", "binary", "--out", "forced.json"]);
    assert_eq!(
        std::fs::read(dir.path().join("forced.json")).unwrap(),
        default
    );
    // Each loads by what it holds: the same index.
    for name in ["index.msq", "named.json", "told.idx", "forced.json"] {
        assert_eq!(
            open(&dir.path().join(name)).unwrap().index,
            builtin(),
            "{name}"
        );
    }
}

#[test]
fn a_truncated_binary_index_is_refused_at_every_length() {
    let bytes = index::to_binary(&builtin());
    let dir = tempfile::tempdir().unwrap();
    // Inside the signature, the header, every section and the last byte.
    let mut lengths: Vec<usize> = (1..200).collect();
    lengths.extend((200..bytes.len()).step_by(977));
    lengths.push(bytes.len() - 1);
    for n in lengths {
        let path = write(dir.path(), "index.msq", &bytes[..n]);
        let err = one_line_error(&path);
        assert!(
            matches!(err, IndexError::TruncatedBinary { .. }),
            "{n} bytes: {err:?}"
        );
        assert!(err.to_string().contains("truncated"), "{err}");
    }
    let path = write(dir.path(), "cut.msq", &bytes[..bytes.len() / 2]);
    assert!(cli_refuses(&path).contains("truncated"));
}

#[test]
fn a_flipped_bit_anywhere_is_refused_by_a_checksum() {
    let bytes = index::to_binary(&builtin());
    let dir = tempfile::tempdir().unwrap();
    // The magic and schema are read before the checksum: their flips get their own errors.
    let mut positions: Vec<usize> = (12..400).collect();
    positions.extend((400..bytes.len()).step_by(1009));
    positions.push(bytes.len() - 1);
    for at in positions {
        for bit in [0, 7] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 1 << bit;
            let path = write(dir.path(), "index.msq", &flipped);
            let err = one_line_error(&path);
            let msg = err.to_string();
            assert!(
                msg.contains("damaged") || msg.contains("truncated") || msg.contains("sections"),
                "byte {at} bit {bit}: {msg}"
            );
        }
    }
    let mut flipped = bytes.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 4;
    let path = write(dir.path(), "flipped.msq", &flipped);
    assert!(cli_refuses(&path).contains("damaged"));
}

#[test]
fn another_schema_is_named_as_such() {
    let mut bytes = index::to_binary(&builtin());
    bytes[8..12].copy_from_slice(&99u32.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "old.msq", &bytes);
    let err = one_line_error(&path);
    assert!(
        matches!(err, IndexError::Schema { found: 99, .. }),
        "{err:?}"
    );
    assert!(cli_refuses(&path).contains("msq index build"));
}

#[test]
fn json_under_a_binary_name_and_foreign_bytes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read(common::root().join("data/index.json")).unwrap();
    // A JSON index renamed .msq: the name promises the binary form.
    let path = write(dir.path(), "renamed.msq", &json);
    let err = one_line_error(&path);
    assert!(err.to_string().contains("holds JSON"), "{err}");
    assert!(cli_refuses(&path).contains("JSON"));
    // Under any other name, the content says what it is.
    let path = write(dir.path(), "index.idx", &json);
    assert_eq!(open(&path).unwrap().index, builtin());
    // An empty file, whatever its name.
    for name in ["empty.msq", "empty.json"] {
        let path = write(dir.path(), name, b"");
        let err = one_line_error(&path);
        assert!(err.to_string().ends_with("the file is empty"), "{err}");
    }
    // Foreign bytes: a PNG's signature.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    for name in ["picture.msq", "picture.idx"] {
        let path = write(dir.path(), name, png);
        let err = one_line_error(&path);
        assert!(err.to_string().contains("not a valid msq index"), "{err}");
        cli_refuses(&path);
    }
}

/// The header's engine fingerprint set to `print`, its checksum made good again.
fn with_engine_print(mut bytes: Vec<u8>, print: u32) -> Vec<u8> {
    bytes[12..16].copy_from_slice(&print.to_le_bytes());
    let count = u32::from_le_bytes(bytes[16..20].try_into().unwrap()) as usize;
    let body = 20 + 24 * count;
    let crc = crc32fast::hash(&bytes[..body]);
    bytes[body..body + 4].copy_from_slice(&crc.to_le_bytes());
    bytes
}

#[test]
fn search_data_from_another_engine_is_rebuilt_not_used() {
    let index = builtin();
    let bytes = index::to_binary(&index);
    let dir = tempfile::tempdir().unwrap();
    let print = msq::search::stored_fingerprint();
    let path = write(
        dir.path(),
        "index.msq",
        &with_engine_print(bytes, print.wrapping_add(1)),
    );
    let opened = open(&path).unwrap();
    assert_eq!(opened.index, index);
    assert!(
        opened.stored.is_none(),
        "another engine's records are not used"
    );

    // Search data that does not fit its responses (another index's, checksums good): the
    // engine is built, with a warning naming the file.
    let mut other = index.clone();
    other.responses.remove(0);
    let mismatched = binary::encode(&index, &Engine::new(&other));
    let path = write(dir.path(), "mixed.msq", &mismatched);
    let opened = open(&path).unwrap();
    let (engine, warning) =
        index::search_engine(&opened.index, opened.stored.as_ref(), "mixed.msq");
    let warning = warning.expect("a warning");
    assert!(
        warning.starts_with("mixed.msq: its search data does not fit"),
        "{warning}"
    );
    assert_eq!(engine.haystack(), Engine::new(&index).haystack());
    let out = Command::new(env!("CARGO_BIN_EXE_msq"))
        .arg("--index")
        .arg(&path)
        .args(["search", "opendata"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("does not fit"), "{err}");
    assert!(!out.stdout.is_empty());
}

/// Every section's checksum and the header's made good again, as a foreign writer would.
fn recrc(mut bytes: Vec<u8>) -> Vec<u8> {
    let count = u32::from_le_bytes(bytes[16..20].try_into().unwrap()) as usize;
    for k in 0..count {
        let at = 20 + 24 * k;
        let offset = u64::from_le_bytes(bytes[at + 4..at + 12].try_into().unwrap()) as usize;
        let len = u64::from_le_bytes(bytes[at + 12..at + 20].try_into().unwrap()) as usize;
        let crc = crc32fast::hash(&bytes[offset..offset + len]);
        bytes[at + 20..at + 24].copy_from_slice(&crc.to_le_bytes());
    }
    let body = 20 + 24 * count;
    let crc = crc32fast::hash(&bytes[..body]);
    bytes[body..body + 4].copy_from_slice(&crc.to_le_bytes());
    bytes
}

#[test]
fn changed_bytes_under_good_checksums_never_panic() {
    // What a foreign or buggy writer could make: any bytes, checksums that hold. Each file
    // loads and searches, or gets a one-line error; the engine's stored data is checked
    // against the responses before it is trusted.
    use proptest::prelude::*;
    let bytes = index::to_binary(&builtin());
    let header = 20 + 24 * 4 + 4;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.msq");
    // The search records and text are the last two sections: half the cases change only them.
    let records = 20 + 24 * 2;
    let stored = u64::from_le_bytes(bytes[records + 4..records + 12].try_into().unwrap()) as usize;
    let mut runner = common::seeded_runner(600);
    let anywhere = proptest::collection::vec((header..bytes.len(), any::<u8>()), 1..6);
    let search_data = proptest::collection::vec((stored..bytes.len(), any::<u8>()), 1..6);
    runner
        .run(&prop_oneof![anywhere, search_data], |edits| {
            let mut changed = bytes.clone();
            for (at, b) in &edits {
                changed[*at] = *b;
            }
            std::fs::write(&path, recrc(changed)).unwrap();
            match open(&path) {
                Err(e) => {
                    let msg = e.to_string();
                    prop_assert!(
                        !msg.contains('\n') && msg.starts_with(&path.display().to_string()),
                        "{}",
                        msg
                    );
                }
                Ok(opened) => {
                    let (engine, warning) =
                        index::search_engine(&opened.index, opened.stored.as_ref(), "index.msq");
                    if let Some(w) = warning {
                        prop_assert!(!w.contains('\n'), "{}", w);
                    }
                    for q in ["open data", "cbersecurity", "a"] {
                        let query = Query::parse(q);
                        let exact = engine.search(&opened.index, &query, None, 20);
                        std::hint::black_box(engine.refine(
                            &opened.index,
                            &query,
                            None,
                            20,
                            &exact,
                            &|| false,
                        ));
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_missing_directory_or_unreadable_index_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases = vec![];
    // Without root, a file its owner may not read: permission denied.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.msq");
        std::fs::write(&locked, index::to_binary(&builtin())).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        cases.push((
            locked,
            "cannot read the index: Permission denied (os error 13)",
        ));
    }
    for (path, reason) in cases.into_iter().chain([
        (
            dir.path().join("missing.msq"),
            "cannot read the index: No such file or directory (os error 2)",
        ),
        (
            dir.path().to_path_buf(),
            "cannot read the index: Is a directory (os error 21)",
        ),
        // A file that opens but cannot be read: the kernel refuses reads of this one at
        // offset 0, for root too (where a chmod 000 file would still be read).
        (
            std::path::PathBuf::from("/proc/self/mem"),
            "cannot read the index: Input/output error (os error 5)",
        ),
    ]) {
        let err = cli_refuses(&path);
        assert_eq!(
            err.trim_end(),
            format!("msq: {}: {reason}", path.display()),
            "the reason once"
        );
    }
}

#[test]
fn a_binary_index_read_from_a_pipe_loads_whole() {
    // A pipe cannot be mapped: the index is read, its first bytes (read to tell its form)
    // kept in front of the rest.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("piped.msq");
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let bytes = index::to_binary(&builtin());
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || std::fs::write(path, bytes).unwrap())
    };
    let opened = open(&path).unwrap();
    writer.join().unwrap();
    assert_eq!(opened.index, builtin());
    let (_, warning) = index::search_engine(&opened.index, opened.stored.as_ref(), "piped.msq");
    assert!(opened.stored.is_some() && warning.is_none(), "{warning:?}");
}
