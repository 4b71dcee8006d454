//! Index files are written to a temporary file in the same folder, synced, then renamed: a
//! failing input, a write error or a writer killed mid-write leaves the previous file intact,
//! and stray temporary files are cleaned up.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn build(out: &Path, fault: Option<&str>) -> Output {
    let doc = common::raw_documents()[0].clone();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_msq"));
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
