//! The real binary in a pseudo-terminal: keys in, screen out, and the terminal put back.

mod common;

use common::pty::{self, Attach, Options, Session};

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
    s.wait_for("match 2 of");
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
    s.wait_for("193 states");
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

// A full-screen process never outlives its terminal (STYLE.md, rule 8): when the terminal
// goes away msq exits at once with status 129 and spins on nothing on the way; SIGTERM ends
// it in every state.

#[test]
fn closing_the_terminal_ends_msq_at_once_without_spinning() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("Jeyhun Salmanov");
    s.close_and_expect_hangup();
}

#[test]
fn closing_the_terminal_ends_msq_even_when_no_sighup_arrives() {
    // Its own session without a controlling terminal: the hang-up sends it no signal.
    let mut s = Session::spawn(
        &[],
        100,
        30,
        Options {
            attach: Attach::NotControlling,
            ..Options::default()
        },
    );
    s.wait_for("Jeyhun Salmanov");
    assert_eq!(pty::controlling_tty(s.pid()), Some(0), "no controlling tty");
    s.close_and_expect_hangup();
    // The terminal controls its session, but SIGHUP is blocked: it stays pending.
    let mut s = Session::spawn(
        &[],
        100,
        30,
        Options {
            block_sighup: true,
            ..Options::default()
        },
    );
    s.wait_for("Jeyhun Salmanov");
    let blocked = pty::proc_status(s.pid(), "SigBlk").expect("SigBlk");
    let mask = u64::from_str_radix(&blocked, 16).expect("a hex mask");
    assert_eq!(mask & 1, 1, "SIGHUP (signal 1) is blocked: {blocked}");
    s.close_and_expect_hangup();
}

#[test]
fn with_standard_input_from_dev_null_the_keys_come_from_the_terminal_until_it_closes() {
    let mut s = Session::spawn(
        &[],
        100,
        30,
        Options {
            attach: Attach::StdinNull,
            ..Options::default()
        },
    );
    s.wait_for("Jeyhun Salmanov");
    s.keys("jjj");
    s.wait_for("CIO: not provided");
    s.close_and_expect_hangup();
}

#[test]
fn the_event_loop_itself_ends_at_a_hang_up_without_the_watchdog() {
    // The watchdog thread ends msq at a hang-up whatever the loop is doing; without it, the
    // loop must see the end of its terminal by itself, and not spin on it.
    for attach in [
        Attach::Controlling,
        Attach::NotControlling,
        Attach::StdinNull,
    ] {
        let mut s = Session::spawn(
            &[],
            100,
            30,
            Options {
                attach,
                env: &[("MSQ_TEST_NO_WATCHDOG", "1")],
                ..Options::default()
            },
        );
        s.wait_for("Jeyhun Salmanov");
        s.close_and_expect_hangup();
    }
}

/// Starts msq and brings it to a state: the country list, the help overlay or the search
/// overlay with a query and its hits.
fn in_state(state: &str) -> Session {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("Jeyhun Salmanov");
    match state {
        "list" => {}
        "help" => {
            s.keys("?");
            s.wait_for("Help · Esc closes");
        }
        "search" => {
            s.keys("/tengis");
            s.wait_for("Mongolia     2022    15");
        }
        _ => unreachable!("{state}"),
    }
    s
}

#[test]
fn sigterm_sighup_and_sigint_end_msq_within_a_second_in_every_state() {
    for state in ["list", "help", "search"] {
        for (signal, code) in [
            (libc::SIGTERM, 143),
            (libc::SIGHUP, 129),
            (libc::SIGINT, 130),
        ] {
            let mut s = in_state(state);
            let sent = std::time::Instant::now();
            s.signal(signal);
            assert_eq!(
                s.wait_exit_within(pty::PROMPT),
                code,
                "signal {signal} in {state}"
            );
            eprintln!(
                "{state}: signal {signal} -> exit {code} after {:?}",
                sent.elapsed()
            );
            s.assert_restored();
        }
    }
}

#[test]
fn sigterm_ends_msq_even_when_its_terminal_takes_no_more_output() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("Jeyhun Salmanov");
    // A frozen terminal: nothing reads what msq writes, so once the pty's buffer is full its
    // writes block. Every resize redraws the whole screen.
    s.pause_output();
    let start = std::time::Instant::now();
    let mut big = false;
    loop {
        match blocked_in_write(s.pid()) {
            Some(true) => break,
            Some(false) => {}
            None => {
                eprintln!("skipped: /proc/<pid>/syscall cannot be read here");
                return;
            }
        }
        assert!(
            start.elapsed() < pty::DEADLINE,
            "msq's writes never blocked"
        );
        s.resize(if big { 100 } else { 120 }, if big { 30 } else { 40 });
        big = !big;
        s.keys("?");
    }
    // The event loop cannot see the signal from inside the write; the watchdog ends msq. The
    // terminal is not put back: it takes no output.
    let sent = std::time::Instant::now();
    s.signal(libc::SIGTERM);
    assert_eq!(s.wait_exit_within(pty::PROMPT), 143);
    eprintln!(
        "blocked in write: SIGTERM -> exit 143 after {:?}",
        sent.elapsed()
    );
}

/// Whether msq's main thread is blocked in write(2), from /proc/<pid>/syscall (`None` where
/// that cannot be read).
fn blocked_in_write(pid: libc::pid_t) -> Option<bool> {
    std::thread::sleep(std::time::Duration::from_millis(50));
    let syscall = std::fs::read_to_string(format!("/proc/{pid}/syscall")).ok()?;
    Some(syscall.split_whitespace().next() == Some(&libc::SYS_write.to_string()))
}

/// Random keys from every mode's bindings (no quit, no link opening), typed in quick
/// succession; then the terminal closes, and msq must end as promptly as ever.
fn keys_then_close(count: usize, seed: u64) {
    const KEYS: &[&str] = &[
        "j", "k", "g", "G", "\t", "\x1b[Z", "h", "l", "1", "2", "3", "5", "9", "\r", "\x1b", "/",
        "f", " ", "c", "n", "N", "y", "?", "d", "e", "a", "t", "\x7f", "\x15", "\x04", "\x1b[6~",
        "\x1b[5~", "\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start_in(Some(dir.path()), &[], 120, 35, &[]);
    s.wait_for("Jeyhun Salmanov");
    let mut state = seed;
    for i in 0..count {
        // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let key = KEYS[usize::try_from(state % KEYS.len() as u64).unwrap()];
        s.send(key.as_bytes());
        // A lone Esc must not run into the next key.
        std::thread::sleep(std::time::Duration::from_millis(if key == "\x1b" {
            30
        } else {
            3
        }));
        if i % 64 == 0 {
            assert!(s.alive(), "msq ended after {i} keys:\n{}", s.screen());
        }
    }
    assert!(s.alive(), "msq ended:\n{}", s.screen());
    s.close_and_expect_hangup();
}

#[test]
fn a_stream_of_keys_then_the_terminal_closes() {
    keys_then_close(400, 0x9e37_79b9_7f4a_7c15);
}

#[test]
#[ignore = "a soak test: cargo test --test e2e -- --ignored"]
fn soak_keys_then_the_terminal_closes() {
    for seed in 1..=8u64 {
        keys_then_close(2_000, seed.wrapping_mul(0x2545_f491_4f6c_dd1d));
    }
}
