//! The browser tried as a new user tries it, in a real pseudo-terminal at 80x24, 120x40 and
//! 200x50: the query line edits like a shell's and remembers across runs, help fits, the link
//! picker sits inside the frame, and an export holds what the screen shows.

mod common;

use common::pty::Session;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

const LEFT: &str = "\x1b[D";
const HOME: &str = "\x1b[H";
const UP: &str = "\x1b[A";
const CTRL_W: &str = "\x17";
const ESC: &str = "\x1b";

fn start(dir: &std::path::Path, state: &std::path::Path, w: u16, h: u16) -> Session {
    let state = state.to_str().unwrap();
    let s = Session::start_in(Some(dir), &[], w, h, &[("MSQ_STATE_DIR", state)]);
    s.wait_for("193 states");
    s
}

/// Sends an escape sequence and gives the browser a moment to tell it from a lone Esc.
fn key(s: &mut Session, seq: &str) {
    s.send(seq.as_bytes());
    std::thread::sleep(std::time::Duration::from_millis(60));
}

#[test]
fn the_query_line_edits_like_a_shells_and_remembers_across_runs() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut s = start(dir.path(), state.path(), w, h);
        s.keys("/signature");
        s.wait_for("/ signature");
        // Home, then a word in front: typed where the cursor is, not appended.
        key(&mut s, HOME);
        s.keys("digital ");
        s.wait_for("/ digital signature");
        // The cursor is the terminal's, on the query line, after "digital ". Results arrive as
        // the user types: a frame still being written has the cursor wherever its last cell
        // was, so the cursor is read once the frame is whole (it ends on the query line).
        let on_query_line = |s: &Session| {
            let (row, col) = s.cursor();
            let line = s
                .screen()
                .lines()
                .nth(usize::from(row))
                .unwrap_or("")
                .to_string();
            (row, col, line)
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let (_, col, line) = loop {
            let seen = on_query_line(&s);
            if seen.2.contains("/ digital signature") || std::time::Instant::now() > deadline {
                break seen;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        assert!(
            line.contains("/ digital signature"),
            "{w}x{h}: cursor on {line:?}"
        );
        let at = line.find("/ digital ").unwrap() + "/ digital ".len();
        assert_eq!(
            usize::from(col),
            line[..at].chars().count(),
            "{w}x{h}: {line}"
        );
        // Ctrl-W deletes the word before the cursor, and only that: "digital ".
        s.keys("x");
        key(&mut s, LEFT);
        key(&mut s, CTRL_W);
        s.wait_for("/ xsignature");
        // Ctrl-E to the end, Ctrl-U clears back to the start.
        s.keys("\x05\x15");
        s.wait_for("type to search every answer");
        s.keys("digital signature");
        s.wait_for("/ digital signature");
        s.keys("\r");
        s.wait_for("44.");
        s.keys("n");
        s.wait_for("match ");
        // / starts afresh; ↑ brings the last query back whole.
        s.keys("/");
        s.wait_for("last search: digital signature");
        key(&mut s, UP);
        s.wait_for("/ digital signature");
        key(&mut s, ESC);
        s.keys("q");
        assert_eq!(s.wait_exit(), 0);
        let saved = std::fs::read_to_string(state.path().join("history.json")).unwrap();
        assert!(saved.contains("digital signature"), "{saved}");
        // A new run has it too.
        let mut s = start(dir.path(), state.path(), w, h);
        s.keys("/");
        key(&mut s, UP);
        s.wait_for("/ digital signature");
        key(&mut s, ESC);
        s.keys("q");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn help_fits_the_terminal_and_shows_the_mouse_and_the_query_syntax() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut s = start(dir.path(), state.path(), w, h);
        s.keys("?");
        s.wait_for("Help · Esc closes");
        s.keys("G");
        // The legend's last words are on screen whole: nothing is cut at the box's edge.
        s.wait_for("recorded\".");
        let screen = s.screen();
        assert!(
            screen.contains("Selections") && screen.contains("allowing typos"),
            "{w}x{h}: the query syntax and the legend end help\n{screen}"
        );
        assert!(
            screen.lines().last().unwrap_or("").contains("Esc close"),
            "{w}x{h}: the status bar shows under help\n{screen}"
        );
        key(&mut s, ESC);
        s.keys("q");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn the_link_picker_sits_inside_the_frame_and_narrows_as_you_type() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut s = start(dir.path(), state.path(), w, h);
        s.wait_for("Jeyhun Salmanov");
        s.keys("3");
        s.wait_for("Institutional");
        // To an item with several links: 8 (j reads on through a tall 7 first).
        for _ in 0..12 {
            if s.screen().contains("▌ 8.") {
                break;
            }
            s.keys("j");
            std::thread::sleep(std::time::Duration::from_millis(40));
        }
        s.keys("o");
        s.wait_for("Links in 8");
        let screen = s.screen();
        let last = screen.lines().last().unwrap_or("").to_string();
        assert!(
            last.contains("Enter open"),
            "{w}x{h}: the status bar is covered: {last}"
        );
        assert!(
            screen.contains("8 · Please provide"),
            "{w}x{h}: links carry their item"
        );
        s.keys("my.gov");
        s.wait_for("› my.gov");
        let screen = s.screen();
        let rows: Vec<&str> = screen
            .lines()
            .filter(|l| l.contains("8 · Please"))
            .collect();
        assert_eq!(rows.len(), 1, "{w}x{h}: the filter kept {rows:?}\n{screen}");
        assert!(rows[0].contains("my.gov.az"), "{}", rows[0]);
        key(&mut s, ESC);
        s.keys("q");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn an_export_holds_the_topics_shown_with_its_provenance() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut s = start(dir.path(), state.path(), w, h);
        s.keys(" jjj ");
        s.wait_for("2 marked: press c to compare");
        s.keys("c");
        s.wait_for("Compare · 2 responses");
        s.keys("/signature\r");
        s.wait_for("· 1 topic ");
        s.keys("e");
        let name = "msq-compare-azerbaijan-2022-tajikistan-2020.md";
        s.wait_for("exported to");
        s.keys("q");
        s.wait_for("193 states");
        s.keys("q");
        assert_eq!(s.wait_exit(), 0);
        let md = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let rows: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| ---") && !l.starts_with("| Topic"))
            .collect();
        assert_eq!(rows.len(), 1, "{w}x{h}: {md}");
        assert!(rows[0].starts_with("| Digital signature"), "{}", rows[0]);
        assert!(md.contains("Exported by msq"), "{md}");
        assert!(md.contains("SHA-256"), "{md}");
    }
}

#[test]
fn enter_on_a_hit_shows_its_match_marked_in_view_and_n_moves_to_the_next() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut s = start(dir.path(), state.path(), w, h);
        s.keys("/interoperability");
        s.wait_for("matches");
        s.keys("\r");
        s.wait_for("193 states");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while s.marked().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let marked = s.marked().join(" ").to_lowercase();
        assert!(
            marked.contains("interoperab"),
            "{w}x{h}: no match marked: {marked:?}\n{}",
            s.screen()
        );
        s.keys("n");
        s.wait_for("match 2 of");
        assert!(!s.marked().is_empty(), "{w}x{h}: the next match is in view");
        s.keys("q");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn every_member_state_a_card_with_its_chart_and_the_rankings() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let state = tempfile::tempdir().unwrap();
        let mut s = start(dir.path(), state.path(), w, h);
        // The rankings, opened on the selected state (Azerbaijan, 74th); at the top Denmark,
        // first in 2024; [ goes to 2022.
        s.keys("R");
        s.wait_for("Rankings · 2024");
        s.wait_for("Azerbaijan");
        s.keys("g");
        s.wait_for("Denmark");
        s.keys("[");
        s.wait_for("Rankings · 2022");
        key(&mut s, ESC);
        s.wait_for("193 states");
        // A state without a response: its card, then its chart further down.
        s.keys("fkazakhstan\r");
        s.wait_for("Kazakhstan · no response");
        s.wait_for("Central Asia");
        s.keys("\r");
        for _ in 0..4 {
            s.send(b"\x1b[6~");
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
        s.wait_for("━━ EGDI");
        assert!(
            s.screen()
                .chars()
                .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
            "{w}x{h}: no chart\n{}",
            s.screen()
        );
        s.keys("q");
        assert_eq!(s.wait_exit(), 0);
    }
}
