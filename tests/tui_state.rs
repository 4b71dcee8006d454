//! The browser's one state (a screen and at most one modal) and what hangs off it: mouse
//! routing, keys named in messages, help, the link picker, messages too long for the bar, the
//! reading width, and the comparison's export, pinned topic and counts.

mod common;

use common::tui::{app, draw, run, screen, select};
use msq::tui::action::{Action, Effect, Mouse};
use msq::tui::app::{App, Modal};
use msq::tui::input::Edit;
use msq::tui::keymap::{self, Mode};
use msq::tui::layout::{self, PickerAreas, Size};

fn compare(countries: &[&str], w: u16, h: u16) -> App {
    let mut a = app(w, h);
    for c in countries {
        select(&mut a, c);
        a.update(Action::ToggleMark);
    }
    a.update(Action::OpenCompare);
    assert_eq!(a.mode(), Mode::Compare);
    a
}

fn help_scroll(a: &App) -> usize {
    match &a.modal {
        Some(Modal::Help(h)) => h.scroll.offset,
        other => panic!("help is not open: {other:?}"),
    }
}

#[test]
fn help_over_the_comparison_takes_the_wheel_and_the_table_stays() {
    let mut a = compare(&["Azerbaijan", "Mongolia"], 100, 30);
    let table = a.compare().unwrap().rows;
    a.update(Action::Help);
    assert_eq!(a.mode(), Mode::Help);
    for _ in 0..3 {
        a.update(Action::Mouse(Mouse::ScrollDown {
            column: 50,
            row: 15,
        }));
    }
    assert_eq!(help_scroll(&a), 9, "the wheel scrolls help");
    assert_eq!(
        a.compare().unwrap().rows,
        table,
        "the hidden table did not move"
    );
    let s = screen(&a).join("\n");
    assert!(
        !s.contains("Country list"),
        "help lists the comparison's keys"
    );
    // Esc closes help and gives the keys back to the comparison, as it was.
    a.update(Action::Back);
    assert_eq!(a.mode(), Mode::Compare);
    a.update(Action::Mouse(Mouse::ScrollDown {
        column: 50,
        row: 15,
    }));
    assert_ne!(
        a.compare().unwrap().rows,
        table,
        "now the wheel scrolls the table"
    );
}

#[test]
fn help_opened_from_search_goes_back_to_search() {
    let mut a = app(100, 30);
    common::tui::search(&mut a, "portal");
    a.update(Action::Help);
    assert_eq!(a.mode(), Mode::Help);
    let s = screen(&a).join("\n");
    assert!(s.contains("Search"), "{s}");
    a.update(Action::Back);
    assert_eq!(a.mode(), Mode::Search);
    assert_eq!(a.search.input.text(), "portal");
}

/// Key names as `Key::name` spells them, that a message could mention.
fn named_keys(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == ':')
        .filter(|w| !w.is_empty())
        .collect();
    for (k, w) in words.iter().enumerate() {
        let after_press = k > 0 && matches!(words[k - 1], "press" | "with");
        let looks_like_key = [
            "Tab", "Esc", "Enter", "Space", "PgDn", "PgUp", "Home", "End",
        ]
        .contains(w)
            || w.starts_with("Ctrl-")
            || w.starts_with("Alt-");
        if after_press || looks_like_key {
            // A hint such as "Ctrl-N/P" names Ctrl-N and Ctrl-P.
            if w.len() < 2 || !w.contains('/') {
                out.push(w.to_string());
                continue;
            }
            let mut parts = w.split('/');
            let first = parts.next().unwrap_or("");
            let prefix = first.rfind('-').map_or("", |i| &first[..=i]);
            out.push(first.to_string());
            out.extend(parts.map(|p| format!("{prefix}{p}")));
        }
    }
    out
}

#[test]
fn every_key_a_message_names_is_bound_where_the_message_shows() {
    // Situations whose messages name keys: marks, n without hits, c with too few, help's
    // "more" line, search without hits, an empty topic filter's export.
    let mut situations: Vec<(String, App)> = Vec::new();
    let mut a = app(100, 30);
    a.update(Action::NextHit);
    situations.push(("n with no hits".into(), a));
    let mut a = app(100, 30);
    a.update(Action::OpenCompare);
    situations.push(("c with none marked".into(), a));
    let mut a = app(100, 30);
    a.update(Action::ToggleMark);
    situations.push(("one mark".into(), a));
    let mut a = app(100, 30);
    run(
        &mut a,
        &[Action::ToggleMark, Action::Down, Action::ToggleMark],
    );
    situations.push(("two marks".into(), a));
    let mut a = app(100, 30);
    a.update(Action::Help);
    situations.push(("help".into(), a));
    let mut a = app(100, 30);
    a.update(Action::FocusContent);
    a.update(Action::OpenSearch);
    a.update(Action::ToggleScope);
    common::tui::search(&mut a, "zzzqqqxx");
    situations.push(("no hits in one response".into(), a));
    let mut a = compare(&["Azerbaijan", "Mongolia"], 100, 30);
    a.update(Action::StartFilter);
    for c in "qqqqzzzz".chars() {
        a.update(Action::Edit(Edit::Insert(c)));
    }
    a.update(Action::Accept);
    a.update(Action::Export);
    situations.push(("export of nothing".into(), a));
    let mut checked = 0;
    for (what, a) in &situations {
        let mode = a.mode();
        let mut texts: Vec<String> = a.status.iter().map(|s| s.text.clone()).collect();
        // Help's own table documents every mode's keys; what it says about itself is its title
        // and its "more" line.
        let shown = screen(a);
        texts.extend(
            shown
                .into_iter()
                .filter(|l| mode != Mode::Help || l.contains("closes") || l.contains("more:")),
        );
        for text in texts {
            for key in named_keys(&text) {
                // A key named on screen works in the mode it is shown in.
                assert!(
                    keymap::is_bound(mode, &key),
                    "{what}: \"{key}\" is not bound in {mode:?}: {text}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 8, "the messages named {checked} keys");
}

#[test]
fn no_user_facing_string_in_the_browser_types_a_key_name() {
    // Key names come from the key table (`keymap::key`), never typed into a message: a typed
    // one is not checked against the table and drifts from it.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = vec![dir.with_extension("rs")];
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let typed = [
        "press ", "Esc ", " Enter", "Tab to", "Space ", "Ctrl-", "PgDn",
    ];
    let mut found = Vec::new();
    for f in files {
        if f.ends_with("keymap.rs") {
            continue;
        }
        let src = std::fs::read_to_string(&f).unwrap();
        for (n, line) in src.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            // Only string literals count.
            for literal in code.split('"').skip(1).step_by(2) {
                if typed.iter().any(|t| literal.contains(t)) && !literal.contains("{") {
                    found.push(format!("{}:{}: {literal}", f.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "typed key names:\n{}", found.join("\n"));
}

#[test]
fn a_message_too_long_for_the_bar_shows_whole_in_a_box_above_it() {
    for (w, h) in [(80, 24), (120, 40), (60, 15)] {
        let mut a = app(w, h);
        let long = "not exported to /a/very/long/folder/name/that/goes/on/and/on/for/a/while/\
                    msq-compare-azerbaijan-2022-cambodia-2022-tajikistan-2020.md: No space left \
                    on device (os error 28)";
        a.update(Action::Fail(long.into()));
        let s = screen(&a);
        let all = s.join("\n");
        // Every word of it is on screen, none cut.
        for word in long.split_whitespace() {
            let piece = word.trim_end_matches(':');
            assert!(
                all.contains(piece) || piece.len() > usize::from(w) - 4,
                "{w}x{h}: {piece} missing\n{all}"
            );
        }
        let lines = msq::tui::text::wrap(
            long,
            layout::message_width(a.size),
            "",
            Default::default(),
            &[],
        );
        let area = layout::message_popup(a.size, lines.len());
        for y in area.y..area.bottom() {
            assert!(!s[usize::from(y)].contains('…'), "{w}x{h}: cut\n{all}");
        }
        // The bar keeps its hints.
        assert!(
            s.last().unwrap().contains("? help"),
            "{}",
            s.last().unwrap()
        );
    }
}

#[test]
fn answers_wrap_at_a_reading_width_on_a_wide_terminal() {
    let mut a = app(200, 50);
    select(&mut a, "Azerbaijan");
    a.update(Action::GoTab(3));
    let areas = a.areas().unwrap();
    assert!(areas.body.width > 150);
    let widest = a.page().lines.iter().map(|l| l.width()).max().unwrap();
    assert!(
        widest <= layout::READING_WIDTH,
        "a line of {widest} columns in a body of {}",
        areas.body.width
    );
    assert!(
        widest > 80,
        "the text still uses the width it has: {widest}"
    );
}

#[test]
fn the_link_picker_fits_above_the_status_bar_and_merges_and_filters_links() {
    for (w, h) in [(80, 24), (120, 40), (200, 50), (60, 15)] {
        let mut a = app(w, h);
        select(&mut a, "Azerbaijan");
        run(&mut a, &[Action::GoTab(2), Action::Down, Action::Open]);
        let Some(Modal::Picker(p)) = &a.modal else {
            panic!("no picker at {w}x{h}")
        };
        let n = p.links.len();
        assert!(n > 1);
        let areas = PickerAreas::at(a.size, n);
        assert!(
            areas.popup.bottom() < a.size.height - 1,
            "{w}x{h}: the picker covers the status bar"
        );
        let s = screen(&a);
        assert!(
            s.last().unwrap().contains("Enter open"),
            "{}",
            s.last().unwrap()
        );
        // Each link carries its item.
        let item = a.section().unwrap().items[a.reader.body.focus]
            .display_number()
            .to_string();
        assert!(
            p.links
                .iter()
                .all(|l| l.label.starts_with(&format!("{item} · "))),
            "{:?}",
            p.links
        );
        // Typing narrows the list; Enter opens the one left.
        let target = p
            .links
            .iter()
            .map(|l| l.url.clone())
            .max_by_key(|u| u.len())
            .unwrap();
        for c in target.chars() {
            a.update(Action::Edit(Edit::Insert(c)));
        }
        let Some(Modal::Picker(p)) = &a.modal else {
            panic!()
        };
        let shown: Vec<&str> = p.shown().iter().map(|l| l.url.as_str()).collect();
        assert_eq!(shown, [target.as_str()]);
        match a.update(Action::Accept) {
            Some(Effect::OpenUrl(u)) => assert!(u.ends_with(target.trim_start_matches("https://"))),
            other => panic!("{other:?}"),
        }
    }
    // Two spellings of one portal are one link.
    let links = vec![
        msq::tui::ui::response::LinkChoice {
            url: "x.mn".into(),
            label: "National portal".into(),
        },
        msq::tui::ui::response::LinkChoice {
            url: "https://x.mn/".into(),
            label: "Open data portal".into(),
        },
        msq::tui::ui::response::LinkChoice {
            url: "https://x.mn/data".into(),
            label: "Open data portal".into(),
        },
    ];
    let merged = msq::tui::ui::response::dedup(links);
    assert_eq!(merged.len(), 2, "{merged:?}");
    assert_eq!(merged[0].label, "National portal");
}

#[test]
fn export_writes_what_the_screen_shows() {
    let mut a = compare(&["Azerbaijan", "Mongolia", "Tajikistan"], 160, 40);
    a.update(Action::StartFilter);
    for c in "signature".chars() {
        a.update(Action::Edit(Edit::Insert(c)));
    }
    a.update(Action::Accept);
    let s = screen(&a);
    assert!(s[0].contains("3 responses · 1 topic "), "{}", s[0]);
    // Tajikistan moved to the front.
    run(
        &mut a,
        &[
            Action::Right,
            Action::Right,
            Action::MoveColumn(-1),
            Action::MoveColumn(-1),
        ],
    );
    assert_eq!(a.compare().unwrap().order, [2, 0, 1]);
    let Some(Effect::WriteFile { contents, .. }) = a.update(Action::Export) else {
        panic!("no export")
    };
    let rows: Vec<&str> = contents
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .collect();
    assert_eq!(
        rows.len(),
        2,
        "a header and the one topic shown:\n{contents}"
    );
    let header = rows[0];
    let (t, az, mn) = (
        header.find("Tajikistan").unwrap(),
        header.find("Azerbaijan").unwrap(),
        header.find("Mongolia").unwrap(),
    );
    assert!(t < az && az < mn, "columns as ordered: {header}");
}

#[test]
fn a_tall_topics_name_stays_pinned_while_it_is_read() {
    let mut a = compare(&["Azerbaijan", "Mongolia"], 100, 16);
    let view = a.compare().unwrap();
    let h = layout::CompareAreas::at(a.size).body_rows();
    // Find a topic taller than the view, and scroll into its middle.
    let (k, range) = view
        .page()
        .rows
        .iter()
        .cloned()
        .enumerate()
        .find(|(_, r)| r.len() > h + 3)
        .expect("a tall topic");
    let label = view.cmp.rows[view.shown()[k]].label;
    while a.compare().unwrap().rows.focus < k {
        a.update(Action::Down);
    }
    while a.compare().unwrap().rows.offset < range.start + 2 {
        a.update(Action::Down);
    }
    let body = layout::CompareAreas::at(a.size).body;
    let s = screen(&a);
    let top = &s[usize::from(body.y)];
    let first_word = label.split_whitespace().next().unwrap();
    assert!(
        top.contains(first_word),
        "{label} not pinned: {top}\n{}",
        s.join("\n")
    );
}

#[test]
fn the_query_line_keeps_its_cursor_in_view_and_edits_mid_line() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut a = app(w, h);
        a.update(Action::OpenSearch);
        let long = "digital signature law electronic transactions cybersecurity strategy open \
                    government data portal interoperability framework";
        for c in long.chars() {
            a.update(Action::Edit(Edit::Insert(c)));
        }
        let input = layout::SearchAreas::at(a.size).unwrap().input;
        let mut t = draw(&a);
        let cursor = t.get_cursor_position().unwrap();
        assert_eq!(cursor.y, input.y, "{w}x{h}");
        assert!(
            cursor.x < input.right(),
            "{w}x{h}: cursor at {cursor:?} past {input:?}"
        );
        let row = &screen(&a)[usize::from(input.y)];
        assert!(
            row.contains("framework"),
            "{w}x{h}: the end of the query shows: {row}"
        );
        // Home, then the start shows and the cursor is on it.
        a.update(Action::Edit(Edit::Home));
        let mut t = draw(&a);
        let row = &screen(&a)[usize::from(input.y)];
        assert!(row.contains("/ digital"), "{w}x{h}: {row}");
        assert_eq!(t.get_cursor_position().unwrap().x, input.x + 2);
        // Ctrl-W after a word deletes that word only.
        run(
            &mut a,
            &[
                Action::Edit(Edit::WordRight),
                Action::Edit(Edit::DeleteWordBack),
            ],
        );
        assert!(
            a.search.input.text().starts_with(" signature law"),
            "{}",
            a.search.input.text()
        );
        let _ = Size::new(w, h);
    }
}

#[test]
fn help_gives_the_query_syntax_that_msq_search_help_gives() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_msq"))
        .args(["search", "--help"])
        .output()
        .unwrap();
    let cli = String::from_utf8(out.stdout).unwrap();
    let mut a = app(200, 50);
    a.update(Action::Help);
    let inner = layout::inside(layout::help_popup(a.size));
    let lines: Vec<String> =
        msq::tui::ui::help::lines(&a.help_modes(), usize::from(inner.width), a.theme)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
    let syntax: Vec<&str> = msq::search::SYNTAX.lines().skip(1).collect();
    assert!(syntax.len() >= 5);
    let help = lines
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for line in syntax {
        assert!(
            cli.contains(line.trim()),
            "msq search --help lacks {line:?}"
        );
        // Each example and its meaning, in help's own columns and wrapping.
        let mut at = 0;
        for word in line.split_whitespace() {
            match help[at..].find(word) {
                Some(k) => at += k + word.len(),
                None => panic!("help lacks {word:?} of {line:?}"),
            }
        }
    }
    // The mouse and the selection legend have their sections too.
    for heading in ["Mouse", "Selections", "Editing a query line"] {
        assert!(lines.iter().any(|l| l.starts_with(heading)), "{heading}");
    }
}

#[test]
fn the_topic_filter_shows_in_a_narrow_title_with_differences_marked() {
    let mut a = compare(&["Azerbaijan", "Mongolia"], 60, 15);
    a.update(Action::ToggleDiff);
    a.update(Action::StartFilter);
    for c in "portal".chars() {
        a.update(Action::Edit(Edit::Insert(c)));
    }
    let s = screen(&a);
    assert!(s[0].contains("portal"), "{}", s[0]);
    let mut t = draw(&a);
    assert_eq!(
        t.get_cursor_position().unwrap().y,
        0,
        "the cursor is on the title's field"
    );
}

#[test]
fn a_search_closed_by_a_click_keeps_its_query_in_the_history() {
    let mut a = app(100, 30);
    common::tui::search(&mut a, "portal");
    // Outside the overlay: the status bar.
    a.update(Action::Mouse(Mouse::Click { column: 0, row: 29 }));
    assert!(a.modal.is_none());
    a.update(Action::OpenSearch);
    a.update(Action::HistoryOlder);
    assert_eq!(a.search.input.text(), "portal");
}

#[test]
fn a_long_index_name_leaves_the_hints_their_room() {
    let mut a = common::tui::app_with(common::tui::embedded(), 60, 15);
    a.index_label =
        "/a/very/long/path/to/somebody's/own/index/files/that/goes/on/index.json".into();
    let s = screen(&a);
    let bar = s.last().unwrap();
    assert!(bar.contains("? help") && bar.contains("q quit"), "{bar}");
}
