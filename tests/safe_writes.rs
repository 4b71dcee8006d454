//! Index files are written to a temporary file in the same folder, synced, then renamed: a
//! failing input, a write error or a writer killed mid-write leaves the previous file intact,
//! and stray temporary files are cleaned up.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn build(out: &Path, fault: Option<&str>) -> Output {
    build_with(out, fault, None)
}

/// Builds the index of the first document into `out`; with `file_size_limit`, under that
/// `RLIMIT_FSIZE` (see `full_disk`).
fn build_with(out: &Path, fault: Option<&str>, file_size_limit: Option<u64>) -> Output {
    let doc = common::raw_documents()[0].clone();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msq"));
    if let Some(limit) = file_size_limit {
        full_disk(&mut cmd, limit);
    }
    cmd.args([
        "index",
        "build",
        doc.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    cmd.env_remove("MSQ_FAULT");
    if let Some(f) = fault {
        cmd.env("MSQ_FAULT", f);
    }
    cmd.output().unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn previous(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("index.json");
    std::fs::write(&out, "the previous index").unwrap();
    out
}

#[test]
fn a_write_error_leaves_the_previous_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = previous(dir.path());
    // A read-only folder where the operating system enforces it; running as root it does
    // not, so the same failure is injected at the step that creates the temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let enforced = std::fs::File::create(dir.path().join("probe")).is_err();
    let o = build(&out, if enforced { None } else { Some("create") });
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let _ = std::fs::remove_file(dir.path().join("probe"));
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("index.json: cannot write the index"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the previous index");
    assert_eq!(names(dir.path()), ["index.json"]);
}

#[test]
fn failures_while_writing_or_renaming_leave_the_previous_index_and_no_temporary() {
    for step in ["write", "rename"] {
        let dir = tempfile::tempdir().unwrap();
        let out = previous(dir.path());
        let o = build(&out, Some(step));
        assert!(!o.status.success(), "{step}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(&format!("injected failure at {step}"))
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "the previous index",
            "{step}"
        );
        assert_eq!(
            names(dir.path()),
            ["index.json"],
            "{step}: the temporary file is removed"
        );
    }
}

#[test]
fn a_writer_killed_mid_write_leaves_the_previous_index_and_its_temporary_is_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = previous(dir.path());
    let o = build(&out, Some("crash"));
    assert_eq!(o.status.code(), Some(137));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the previous index");
    let stray: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with(".msq-"))
        .collect();
    assert_eq!(stray.len(), 1, "the killed writer left its temporary file");
    // A minute later, the next write removes it.
    let path = dir.path().join(&stray[0]);
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let o = build(&out, None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(names(dir.path()), ["index.json"]);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("{"));
}

#[test]
fn a_fresh_temporary_of_another_writer_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = previous(dir.path());
    std::fs::write(dir.path().join(".msq-other.tmp"), "being written").unwrap();
    assert!(build(&out, None).status.success());
    assert_eq!(names(dir.path()), [".msq-other.tmp", "index.json"]);
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    let doc = common::raw_documents()[0].clone();
    // A new index gets 0666 less the umask, like any new file: not the temporary file's
    // private 0600, not a fixed 0644.
    for (umask, expected) in [("002", 0o664), ("077", 0o600), ("022", 0o644)] {
        let out = dir.path().join(format!("new-{umask}.json"));
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" index build \"$1\" --out \"$2\""
            ))
            .arg(env!("CARGO_BIN_EXE_msq"))
            .arg(&doc)
            .arg(&out)
            .env_remove("MSQ_FAULT")
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(mode(&out), expected, "umask {umask}");
    }
    // A replaced file keeps its mode, whatever the umask would say.
    let kept = dir.path().join("kept.json");
    std::fs::write(&kept, b"old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    msq::index::write_atomic(&kept, b"new").unwrap();
    assert_eq!(mode(&kept), 0o640);
    assert_eq!(std::fs::read(&kept).unwrap(), b"new");
}

/// A disk that fills up after `limit` bytes of a file, for the process `cmd` starts: its
/// `RLIMIT_FSIZE`, with SIGXFSZ ignored, makes a write past the limit fail with EFBIG ("File
/// too large"), part of the way through the file. It stands in for a full disk (ENOSPC), which
/// a test cannot make without root; to the writer the two look alike: a write that fails
/// midway, after some bytes of the new file are down.
fn full_disk(cmd: &mut Command, limit: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs between fork and exec and calls only async-signal-safe
    // functions (signal, setrlimit).
    unsafe {
        cmd.pre_exec(move || common::pty::limit_file_size(limit));
    }
}

/// Where a full disk cuts a file short.
const DISK_FULL_AT: u64 = 1024;

#[test]
fn a_disk_that_fills_up_mid_write_leaves_the_previous_index_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    // The index is longer than what fits, so the disk fills up partway through it.
    let whole = dir.path().join("whole.json");
    assert!(build(&whole, None).status.success());
    let len = std::fs::metadata(&whole).unwrap().len();
    assert!(len > 4 * DISK_FULL_AT, "the index is {len} bytes");
    std::fs::remove_file(&whole).unwrap();

    let out = previous(dir.path());
    let o = build_with(&out, None, Some(DISK_FULL_AT));
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&format!("{}: cannot write the index", out.display())),
        "{err}"
    );
    assert!(err.contains("File too large"), "{err}");
    // The user's file and the reason, once: not msq's temporary file.
    assert_eq!(
        err.trim_end(),
        format!(
            "msq: {}: cannot write the index: File too large (os error 27)",
            out.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the previous index");
    assert_eq!(names(dir.path()), ["index.json"], "no temporary file");
}

#[test]
fn a_disk_that_fills_up_mid_export_leaves_the_previous_export_and_the_browser_running() {
    use common::pty::{Options, Session};
    let dir = tempfile::tempdir().unwrap();
    let name = "msq-compare-azerbaijan-2022-tajikistan-2020.md";
    let earlier = dir.path().join(name);
    std::fs::write(&earlier, "an earlier export").unwrap();
    // Mark Azerbaijan and Tajikistan, compare them, export.
    let export = |limit: Option<u64>| {
        let mut s = Session::spawn(
            &[],
            160,
            35,
            Options {
                dir: Some(dir.path()),
                file_size_limit: limit,
                ..Options::default()
            },
        );
        s.wait_for("Jeyhun Salmanov");
        s.keys(" jjj ");
        s.wait_for("2 marked: press c to compare");
        s.keys("c");
        s.wait_for("Hukumat.tj");
        s.keys("e");
        s
    };
    let mut s = export(Some(DISK_FULL_AT));
    s.wait_for(&format!("not exported to {name}: File too large"));
    assert_eq!(
        std::fs::read_to_string(&earlier).unwrap(),
        "an earlier export"
    );
    assert_eq!(names(dir.path()), [name], "no temporary file");
    // The browser goes on: out of the comparison, then quit.
    s.keys("q");
    s.wait_for("193 states");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();

    // With room on the disk the export goes through, and it is longer than what fitted.
    let mut s = export(None);
    s.wait_for(&format!("exported to {name} (replaced the earlier export)"));
    s.keys("qq");
    assert_eq!(s.wait_exit(), 0);
    let len = std::fs::metadata(&earlier).unwrap().len();
    assert!(len > DISK_FULL_AT, "the export is {len} bytes");
    assert_eq!(names(dir.path()), [name]);
}
