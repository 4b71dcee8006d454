//! The real binary in a pseudo-terminal: keys in, screen out, and the terminal put back.

mod common;

use common::pty::Session;

#[test]
fn browse_from_azerbaijans_cio_to_tajikistan_and_quit() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("Jeyhun Salmanov");
    s.wait_for("c.salmanov@asan.gov.az");
    s.keys("jjj");
    s.wait_for("CIO: not provided");
    s.keys("\r2"); // read the response, then section I
    s.wait_for("Hukumat.tj");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn copy_the_cio_email_through_osc52() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("Jeyhun Salmanov");
    s.keys("y");
    s.wait_for("copied 22 chars");
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    // base64 of "c.salmanov@asan.gov.az"
    assert!(
        raw.contains("\x1b]52;c;Yy5zYWxtYW5vdkBhc2FuLmdvdi5heg==\x07"),
        "no OSC 52 in the output"
    );
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn escape_sequences_in_documents_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("esc.json");
    let fixture = common::fixture("escape_sequences.txt");
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_msq"))
        .args([
            "index",
            "build",
            fixture.to_str().unwrap(),
            "--out",
            index.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(built.status.success());
    let mut s = Session::start(&["--index", index.to_str().unwrap()], 100, 30);
    s.wait_for("Ghana");
    s.keys("2"); // the Respondent section, with the OSC 52 name and the bidi title
    s.wait_for("Ama ␛]52;c;aGVsbG8=␇Mensah");
    s.wait_for("Director␦gnp.exe");
    s.keys("3"); // section A: OSC 8 hyperlink, clear screen
    s.wait_for("␛]8;;https://evil.example/␛\\www.ghana.gov.gh");
    s.keys("4"); // section B: tab, DEL and C1 CSI
    // The normaliser made the tab a space when the document was read.
    s.wait_for("Tab separated and a DEL␡ and C1 CSI ␦31m red");
    s.keys("5");
    s.wait_for("Zero␦width and ␛[31mred␛[0m text");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw();
    for bad in [
        &b"\x1b]52;c;aGVsbG8="[..],
        b"\x1b]8;;https://evil",
        b"\x1b[31mred",
        b"portal.\x1b[2J",
        "\u{202e}".as_bytes(),
        "\u{9b}".as_bytes(),
        b"\x7f",
    ] {
        assert!(
            !raw.windows(bad.len()).any(|w| w == bad),
            "{:?} reached the terminal",
            String::from_utf8_lossy(bad)
        );
    }
    s.assert_restored();
}

#[test]
fn too_small_then_resized() {
    let mut s = Session::start(&[], 50, 12);
    s.wait_for("terminal too small (need 60x15)");
    s.resize(100, 30);
    s.wait_for("Jeyhun Salmanov");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn signals_and_ctrl_c_restore_the_terminal_with_their_exit_codes() {
    for (signal, code) in [
        (libc::SIGTERM, 143),
        (libc::SIGHUP, 129),
        (libc::SIGINT, 130),
    ] {
        let mut s = Session::start(&[], 100, 30);
        s.wait_for("Jeyhun Salmanov");
        s.signal(signal);
        assert_eq!(s.wait_exit(), code, "signal {signal}");
        s.assert_restored();
    }
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("Jeyhun Salmanov");
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 130, "Ctrl-C");
    s.assert_restored();
}

#[test]
fn search_then_jump_to_the_item() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("Jeyhun Salmanov");
    s.keys("/");
    s.wait_for("type to search every answer");
    s.keys("tengis");
    s.wait_for("Mongolia     2022    15");
    s.keys("\r");
    // Mongolia's section A, item 15 focused: its answer on screen, its heading above the tabs.
    s.wait_for("▌ 15. Name *");
    s.wait_for("Tengis Sukhee");
    s.wait_for("Mongolia · 2022");
    s.keys("n");
    s.wait_for("hit 2 of");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn mark_two_countries_compare_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start_in(Some(dir.path()), &[], 120, 35, &[]);
    s.wait_for("Jeyhun Salmanov");
    s.keys(" jjj "); // mark Azerbaijan, then Tajikistan
    s.wait_for("2 marked: press c to compare");
    s.keys("c");
    s.wait_for("Compare · 2 responses");
    s.wait_for("Hukumat.tj");
    s.keys("e");
    let name = "msq-compare-azerbaijan-2022-tajikistan-2020.md";
    s.wait_for(&format!("exported to {name}"));
    s.keys("q");
    s.wait_for("Countries 5");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let md = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert!(md.starts_with("# msq comparison: Azerbaijan 2022 · Tajikistan 2020"));
    assert!(md.contains("| National portal |") && md.contains("Hukumat.tj"));
    assert!(md.contains("| Chief Information Officer |") && md.contains("Jeyhun Salmanov"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "only the export, no temporary file");
}

/// Starts msq in `dir`, marks Azerbaijan and Tajikistan, compares them and presses `e`.
fn export_azerbaijan_and_tajikistan(dir: &std::path::Path, env: &[(&str, &str)]) -> Session {
    let mut s = Session::start_in(Some(dir), &[], 160, 35, env);
    s.wait_for("Jeyhun Salmanov");
    s.keys(" jjj "); // mark Azerbaijan, then Tajikistan
    s.wait_for("2 marked: press c to compare");
    s.keys("c");
    s.wait_for("Hukumat.tj");
    s.keys("e");
    s
}

#[test]
fn a_failed_export_says_so_and_leaves_the_earlier_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let name = "msq-compare-azerbaijan-2022-tajikistan-2020.md";
    let earlier = dir.path().join(name);
    std::fs::write(&earlier, "an earlier export").unwrap();
    let mut s = export_azerbaijan_and_tajikistan(dir.path(), &[("MSQ_FAULT", "rename")]);
    s.wait_for(&format!(
        "not exported to {name}: injected failure at rename"
    ));
    s.keys("qq");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    assert_eq!(
        std::fs::read_to_string(&earlier).unwrap(),
        "an earlier export"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file: {names:?}");
    // Without the fault, the export replaces the earlier file and says so.
    let mut s = export_azerbaijan_and_tajikistan(dir.path(), &[]);
    s.wait_for(&format!("exported to {name} (replaced the earlier export)"));
    s.keys("qq");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        std::fs::read_to_string(&earlier)
            .unwrap()
            .starts_with("# msq comparison")
    );
}

#[test]
fn a_panic_restores_the_terminal_and_prints_its_message() {
    let mut s = Session::start_with_env(&[], 100, 30, &[("MSQ_TEST_PANIC", "1")]);
    let code = s.wait_exit();
    assert_eq!(code, 101, "a Rust panic");
    s.assert_restored();
    let screen = s.screen();
    assert!(
        screen.contains("test panic requested by MSQ_TEST_PANIC"),
        "{screen}"
    );
}
