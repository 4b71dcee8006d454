//! Comparison by topic: the mapping, cross-edition lining up, the exports, and the view.

mod common;

use common::tui::{app, draw, run, screen, select};
use msq::compare::{self, Comparison, Status};
use msq::egdi::Egdi;
use msq::model::Index;
use msq::topics::{self, Ref, TOPICS};
use msq::tui::action::{Action, Effect};
use msq::tui::keymap::Mode;
use std::process::Command;

fn index() -> Index {
    common::tui::embedded()
}

fn position(index: &Index, iso3: &str) -> usize {
    index.responses.iter().position(|r| r.iso3 == iso3).unwrap()
}

#[test]
fn every_item_of_every_real_document_is_mapped_or_left_out_on_purpose() {
    let index = index();
    let mut left_out_items = Vec::new();
    for r in &index.responses {
        for item in r.items() {
            let mapped = !topics::topics_of(r, &item.id).is_empty();
            let left_out = topics::left_out(r, item).is_some();
            if left_out {
                left_out_items.push(format!("{} {}", r.iso3, item.id));
            }
            assert!(
                mapped || left_out,
                "{} item {} is in no topic and not listed as left out",
                r.id,
                item.id
            );
            assert!(
                !(mapped && left_out),
                "{} item {} is both mapped and left out",
                r.id,
                item.id
            );
        }
    }
    // Every reference in the table names an item (or a checklist line) that exists.
    let tjk = &index.responses[position(&index, "TJK")];
    let aze = &index.responses[position(&index, "AZE")];
    for t in TOPICS {
        for (edition, refs) in t.editions {
            let r = if *edition == 2020 { tjk } else { aze };
            for rf in *refs {
                let item = r
                    .item(rf.item())
                    .unwrap_or_else(|| panic!("{} names missing item {:?}", t.id, rf));
                if let Ref::Line(_, opening) = rf {
                    assert!(
                        topics::find_line(item, opening).is_some(),
                        "{} names line {opening:?} of {}, which it does not print",
                        t.id,
                        item.id
                    );
                }
            }
        }
    }
    // The presentation's questions map by wording; its background and closing slide are left
    // out, with the reason.
    let uzb = &index.responses[position(&index, "UZB")];
    assert_eq!(topics::topics_of(uzb, "1"), ["lessons"]);
    assert_eq!(topics::topics_of(uzb, "2"), ["challenges"]);
    assert_eq!(topics::topics_of(uzb, "3"), ["recommendations"]);
    let uzb_left: Vec<&String> = left_out_items
        .iter()
        .filter(|s| s.starts_with("UZB"))
        .collect();
    assert_eq!(uzb_left, ["UZB background", "UZB closing"]);
    // What the questionnaires leave out is the table's, nothing more: 7 items in each 2022
    // export, 4 in the 2020 form.
    for (iso3, n) in [("AZE", 7), ("KHM", 7), ("MNG", 7), ("TJK", 4)] {
        let got = left_out_items
            .iter()
            .filter(|s| s.starts_with(iso3))
            .count();
        assert_eq!(got, n, "{iso3}: {left_out_items:?}");
    }
}

/// Each topic's first reference in each edition is asked in words that fit the topic, so that a
/// shifted number in the table (item 41 for 40) cannot go unnoticed.
#[test]
fn each_topic_points_at_a_question_about_it() {
    let index = index();
    let tjk = &index.responses[position(&index, "TJK")];
    let aze = &index.responses[position(&index, "AZE")];
    // Topic id, then words of which at least one is in the question (and its headings, or the
    // checklist line) the first reference of each edition points at.
    let expected: &[(&str, &[&str])] = &[
        ("portal.national", &["portal at the national level"]),
        ("portal.e-services", &["e-services"]),
        ("portal.e-participation", &["e-participation"]),
        ("portal.open-data", &["open government data"]),
        ("portal.procurement", &["procurement"]),
        ("portal.other", &["other"]),
        ("agency", &["in charge of e-government"]),
        ("cio", &["chief information officer"]),
        ("cio.network", &["networked cios"]),
        ("ministry.planning", &["planning"]),
        ("ministry.education", &["education"]),
        ("ministry.health", &["health"]),
        ("ministry.social", &["social"]),
        ("ministry.employment", &["employment"]),
        ("ministry.environment", &["environment"]),
        ("ministry.justice", &["justice"]),
        ("ministry.energy-water", &["energy", "water"]),
        ("ministry.finance", &["finance"]),
        ("ministry.industry", &["industry"]),
        ("covid.portal", &["portal"]),
        ("covid.budget", &["budget"]),
        ("covid.strategy", &["post-covid"]),
        ("law.foi", &["access to information"]),
        ("law.data-protection", &["data privacy", "personal data"]),
        ("law.cybersecurity", &["cybersecurity", "digital security"]),
        ("law.digital-identity", &["digital identity"]),
        ("law.digital-signature", &["signature"]),
        ("law.e-procurement", &["e-procurement"]),
        ("law.expenditure", &["expenditure"]),
        ("law.interoperability", &["interoperability"]),
        ("law.open-data", &["open government data"]),
        ("law.emerging-tech", &["emerging technologies"]),
        ("law.digital-right", &["as a right"]),
        ("strategy.development", &["development strategy"]),
        ("strategy.national", &["national e-government strategy"]),
        ("strategy.cycle", &["period/cycle"]),
        ("strategy.implementation-plan", &["implementation plan"]),
        (
            "strategy.development-alignment",
            &["national development strategy"],
        ),
        ("strategy.sdgs", &["sustainable development goals"]),
        ("strategy.subnational", &["sub-national"]),
        ("strategy.participation", &["e-participation"]),
        ("strategy.data-governance", &["data governance"]),
        ("strategy.digital-identity", &["digital identity"]),
        ("strategy.digital-first", &["digital-first"]),
        ("strategy.once-only", &["once-only"]),
        ("strategy.global-alignment", &["regional or global"]),
        ("strategy.foresight", &["foresight"]),
        ("strategy.sandboxes", &["sandboxes"]),
        (
            "new-tech",
            &["new technologies", "new/emerging technologies"],
        ),
        ("inclusion.policy", &["leave no one", "leaving no one"]),
        ("participation.policy", &["e-participation policy"]),
        ("inclusion.connectivity", &["connectivity"]),
        ("inclusion.e-services", &["e-service(s) for women"]),
        ("participation.vulnerable", &["e-participation measure"]),
        ("inclusion.digital-literacy", &["digital literacy"]),
        ("participation.voices", &["people's voices"]),
        ("social-media", &["social media"]),
        ("usage.statistics", &["usage statistics"]),
        ("usage.satisfaction", &["satisfaction"]),
        ("usage.gender", &["by gender"]),
        ("indicators.ict-investment", &["ict investment"]),
        ("indicators.ict-use", &["routinely using icts"]),
        ("cooperation", &["cooperation"]),
        ("other-info", &["any other information"]),
    ];
    // Every topic a questionnaire asks is in the list above.
    for t in TOPICS.iter().filter(|t| !t.editions.is_empty()) {
        assert!(
            expected.iter().any(|(id, _)| *id == t.id),
            "{} has no expected wording here",
            t.id
        );
    }
    let mut checked = 0;
    for (id, words) in expected {
        let t = topics::topic(id).unwrap_or_else(|| panic!("no topic {id}"));
        for (edition, refs) in t.editions {
            let r = if *edition == 2020 { tjk } else { aze };
            let Some(first) = refs.first() else { continue };
            let item = r.item(first.item()).unwrap();
            let mut text = format!("{} {}", item.headings.join(" "), item.question);
            if let Ref::Line(_, opening) = first {
                let k = topics::find_line(item, opening).unwrap();
                text = format!("{text} {}", item.options[k].label);
            }
            let text = text.to_lowercase().replace('\n', " ");
            assert!(
                words.iter().any(|w| text.contains(w)),
                "{id} ({edition}) points at {}: {text}",
                item.id
            );
            checked += 1;
        }
    }
    assert!(checked >= 100, "{checked}");
}

#[test]
fn the_cio_lines_up_across_editions() {
    let out = Command::new(env!("CARGO_BIN_EXE_msq"))
        .args([
            "compare",
            "Azerbaijan",
            "Tajikistan",
            "--topic",
            "cio",
            "--format",
            "json",
        ])
        .env_remove("MSQ_INDEX")
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["responses"][0]["id"], "aze-2022");
    let cio = &v["topics"][0];
    assert_eq!(cio["id"], "cio");
    let aze = &cio["entries"][0];
    assert_eq!(aze["status"], "answered");
    // The contact is one part, its fields named, and kept apart for JSON readers too.
    let contact = aze["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| !p["contact"].is_null())
        .unwrap();
    assert_eq!(contact["item"], "15–18");
    assert_eq!(contact["contact"]["name"], "Jeyhun Salmanov");
    assert_eq!(contact["contact"]["email"], "c.salmanov@asan.gov.az");
    let answer = contact["answer"].as_str().unwrap();
    assert!(
        answer.starts_with("Name: Jeyhun Salmanov\nTitle: "),
        "{answer}"
    );
    assert!(
        answer.contains("\nE-mail: c.salmanov@asan.gov.az\n"),
        "{answer}"
    );
    let tjk = &cio["entries"][1];
    assert_eq!(tjk["response"], "tjk-2020");
    assert_eq!(
        tjk["status"], "no_answer",
        "the 2020 CIO block is printed empty"
    );
    // cio.network is not on the 2020 form at all.
    let network = &v["topics"][1];
    assert_eq!(network["entries"][1]["status"], "not_asked");
}

#[test]
fn the_national_portal_lines_up_hukumat_tj_with_e_gov_az() {
    let index = index();
    let cmp = Comparison::new(
        &index,
        Egdi::builtin(),
        &[position(&index, "AZE"), position(&index, "TJK")],
        &["portal.national".into()],
    );
    let row = &cmp.rows[0];
    assert_eq!(row.topic, "portal.national");
    assert!(
        row.cells[0].parts[0]
            .answer
            .contains("https://www.e-gov.az/en")
    );
    assert_eq!(row.cells[1].parts[0].answer, "Hukumat.tj");
    assert!(row.questions_differ, "the 2020 and 2022 wordings differ");
    // A whole group by its prefix; a 2020 law is one line of the checklist.
    let cmp = Comparison::new(
        &index,
        Egdi::builtin(),
        &[position(&index, "MNG"), position(&index, "TJK")],
        &["law".into()],
    );
    let sig = cmp
        .rows
        .iter()
        .find(|r| r.topic == "law.digital-signature")
        .unwrap();
    assert_eq!(sig.cells[1].parts[0].line, Some(5));
    assert_eq!(
        sig.cells[1].parts[0].options[0].label,
        "digital certification/signature"
    );
    assert_eq!(sig.cells[1].status, Status::NotRecorded);
    let emerging = cmp
        .rows
        .iter()
        .find(|r| r.topic == "law.emerging-tech")
        .unwrap();
    assert_eq!(emerging.cells[1].status, Status::NotAsked);
    assert_eq!(
        compare::cell_text(&emerging.cells[1], false),
        "Not asked in this edition"
    );
}

/// An index whose Azerbaijan answer to item 7 holds commas, quotes, pipes and line breaks.
fn awkward_index() -> (Index, usize, usize) {
    let mut index = index();
    let aze = position(&index, "AZE");
    let (s, i) = index.responses[aze].locate("7").unwrap();
    index.responses[aze].sections[s].items[i].answer =
        "Portal | \"one\", two\nsecond line, with a \"quote\"\r\nthird | line".into();
    let tjk = position(&index, "TJK");
    (index, aze, tjk)
}

#[test]
fn csv_round_trips_through_a_csv_parser() {
    let (index, aze, tjk) = awkward_index();
    let cmp = Comparison::new(&index, Egdi::builtin(), &[aze, tjk], &[]);
    let text = compare::to_csv(&index, &cmp);
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[3], "Azerbaijan 2022");
    // The provenance rows come first, then one row per topic.
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] != "provenance")
        .collect();
    assert_eq!(rows.len(), cmp.rows.len());
    for (record, row) in rows.iter().zip(&cmp.rows) {
        assert_eq!(&record[1], row.topic);
        for (k, cell) in row.cells.iter().enumerate() {
            assert_eq!(
                record[3 + k],
                msq::sanitize::text(&compare::cell_text(cell, row.questions_differ))
            );
        }
    }
    let portal = rows.iter().find(|r| &r[1] == "portal.national").unwrap();
    assert!(portal[3].contains("Portal | \"one\", two\nsecond line"));
}

#[test]
fn markdown_is_a_valid_table_with_pipes_and_line_breaks_in_cells() {
    let (index, aze, tjk) = awkward_index();
    let cmp = Comparison::new(&index, Egdi::builtin(), &[aze, tjk], &[]);
    let md = compare::to_markdown(&index, &cmp);
    let unescaped_pipes = |l: &str| {
        let b = l.as_bytes();
        (0..b.len())
            .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
            .count()
    };
    let mut tables = 0;
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(unescaped_pipes(line), 4, "a row of 3 columns: {line}");
        tables += 1;
    }
    assert!(tables > cmp.rows.len());
    let row = md
        .lines()
        .find(|l| l.starts_with("| National portal"))
        .unwrap();
    assert!(
        row.contains("Portal \\| \"one\", two<br>second line"),
        "{row}"
    );
    assert!(!md.contains('\r'));
}

#[test]
fn a_hostile_country_name_stays_on_the_title_line_and_in_its_header_cell() {
    let (mut index, aze, tjk) = awkward_index();
    index.responses[aze].country = "Azer\x1b[2Jbaijan\n# injected | heading".into();
    let cmp = Comparison::new(&index, Egdi::builtin(), &[aze, tjk], &[]);
    let md = compare::to_markdown(&index, &cmp);
    let title = md.lines().next().unwrap();
    assert!(title.starts_with("# msq comparison: Azer"), "{title}");
    assert!(title.ends_with("· Tajikistan 2020"), "{title}");
    assert!(!md.contains('\x1b'));
    assert!(!md.lines().any(|l| l.starts_with("# injected")), "{md}");
    let csv = compare::to_csv(&index, &cmp);
    assert!(!csv.contains('\x1b'));
}

#[test]
fn the_view_with_two_and_three_responses() {
    for (w, h) in [(100, 30), (160, 40)] {
        let mut a = app(w, h);
        for c in ["Azerbaijan", "Tajikistan"] {
            select(&mut a, c);
            a.update(Action::ToggleMark);
        }
        a.update(Action::OpenCompare);
        assert_eq!(a.mode(), Mode::Compare);
        insta::assert_snapshot!(format!("compare_two_{w}x{h}"), draw(&a).backend());
        a.update(Action::Back);
        select(&mut a, "Mongolia");
        a.update(Action::ToggleMark);
        a.update(Action::OpenCompare);
        run(&mut a, &[Action::Down, Action::Down]);
        insta::assert_snapshot!(format!("compare_three_{w}x{h}"), draw(&a).backend());
    }
}

#[test]
fn c_with_fewer_than_two_responses_says_what_it_needs_and_opens_nothing() {
    let mut a = app(100, 30);
    assert!(
        !a.hints().iter().any(|h| h.keys == "c"),
        "c is not offered while it would do nothing"
    );
    a.update(Action::OpenCompare);
    assert_eq!(a.mode(), Mode::List, "no empty comparison opens");
    let status = a.status.clone().unwrap();
    assert!(status.error);
    assert!(
        status.text.contains("mark them with Space") && status.text.contains("press c"),
        "{}",
        status.text
    );
    // One marked, and the current response is that one: still one short.
    a.update(Action::ToggleMark);
    let text = a.status.clone().unwrap().text;
    assert!(text.contains("1 response marked"), "{text}");
    assert!(text.contains("mark one more with Space"), "{text}");
    a.update(Action::OpenCompare);
    assert!(a.compare().is_none());
    // A second one: now c compares.
    a.update(Action::Down);
    a.update(Action::ToggleMark);
    assert!(
        a.status
            .clone()
            .unwrap()
            .text
            .contains("press c to compare")
    );
    a.update(Action::OpenCompare);
    assert_eq!(a.mode(), Mode::Compare);
}

#[test]
fn c_with_nothing_marked_compares_the_current_response_with_the_previous_one() {
    let mut a = app(100, 30);
    select(&mut a, "Mongolia");
    select(&mut a, "Cambodia");
    a.update(Action::OpenCompare);
    let c = a.compare().unwrap();
    let names = c.cmp.headers(&a.index);
    assert_eq!(
        names,
        ["Azerbaijan 2022", "Cambodia 2022"],
        "select() passes through Azerbaijan"
    );
}

#[test]
fn the_diff_highlight_marks_words_that_differ() {
    let mut a = app(160, 40);
    for c in ["Azerbaijan", "Mongolia"] {
        select(&mut a, c);
        a.update(Action::ToggleMark);
    }
    a.update(Action::OpenCompare);
    let underlined = |a: &msq::tui::app::App| -> String {
        let t = draw(a);
        let buf = t.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let cell = &buf[(x, y)];
                if cell.modifier.contains(ratatui::style::Modifier::UNDERLINED) {
                    out.push_str(cell.symbol());
                }
            }
        }
        out
    };
    let before = underlined(&a);
    a.update(Action::ToggleDiff);
    let after = underlined(&a);
    assert!(after.len() > before.len() + 20, "differences are marked");
    assert!(
        after.contains("www.e-Mongolia.mn"),
        "Mongolia's own words are marked: {after}"
    );
    insta::assert_snapshot!("compare_diff_160x40", draw(&a).backend());
}

#[test]
fn moving_filtering_copying_and_exporting() {
    let mut a = app(100, 30);
    for c in ["Azerbaijan", "Cambodia", "Tajikistan"] {
        select(&mut a, c);
        a.update(Action::ToggleMark);
    }
    a.update(Action::OpenCompare);
    // Three columns do not fit in 100 columns: → scrolls them.
    let cols = a.compare().unwrap().columns(a.size);
    assert!(cols.shown < 3);
    run(&mut a, &[Action::Right, Action::Right]);
    let c = a.compare().unwrap();
    assert_eq!(c.column, 2);
    assert!(
        c.columns(a.size).first > 0,
        "the third column scrolled into view"
    );
    assert!(screen(&a)[1].contains("Tajikistan 2020"));
    // "/" filters the topics.
    run(&mut a, &[Action::StartFilter]);
    assert_eq!(a.mode(), Mode::CompareFilter);
    for ch in "signature".chars() {
        a.update(Action::Edit(msq::tui::input::Edit::Insert(ch)));
    }
    run(&mut a, &[Action::Accept]);
    let c = a.compare().unwrap();
    let topics: Vec<&str> = c.shown().iter().map(|&r| c.cmp.rows[r].topic).collect();
    assert_eq!(topics, ["law.digital-signature"]);
    // y copies the focused cell: Tajikistan's checklist line.
    match a.update(Action::Copy) {
        Some(Effect::Copy { text, what }) => {
            assert!(text.contains("digital certification/signature"), "{text}");
            assert_eq!(what, "Digital signature for Tajikistan 2020");
        }
        other => panic!("{other:?}"),
    }
    match a.update(Action::Export) {
        Some(Effect::WriteFile { path, contents }) => {
            assert_eq!(
                path.to_str(),
                Some("msq-compare-azerbaijan-2022-cambodia-2022-tajikistan-2020.md")
            );
            assert!(contents.starts_with(
                "# msq comparison: Azerbaijan 2022 · Cambodia 2022 · Tajikistan 2020"
            ));
        }
        other => panic!("{other:?}"),
    }
    run(&mut a, &[Action::Back]);
    assert_eq!(a.mode(), Mode::List);
    assert_eq!(a.list.marked.len(), 3, "marks stay for the next comparison");
}

/// Azerbaijan and Mongolia side by side, at `w` x `h`.
fn compare_two(w: u16, h: u16) -> msq::tui::app::App {
    let mut a = app(w, h);
    for c in ["Azerbaijan", "Mongolia"] {
        select(&mut a, c);
        a.update(Action::ToggleMark);
    }
    a.update(Action::OpenCompare);
    a
}

#[test]
fn moving_the_focus_scrolls_no_more_than_it_must() {
    let h = 40;
    let view = usize::from(h) - 4;
    let stride = view / 3;
    let mut a = compare_two(100, h);
    // j all the way down: inside a row taller than the view, j reads on by a third of the
    // view; otherwise it moves the focus, and the scroll stays while the next row is in view,
    // or brings it up to the bottom edge, not to the top.
    let (mut stayed, mut to_bottom, mut read_on) = (0, 0, 0);
    let last = a.compare().unwrap().shown().len() - 1;
    while a.compare().unwrap().rows.focus < last {
        let c = a.compare().unwrap();
        let (before, row) = (c.rows.offset, c.rows.focus);
        let (here, next) = (c.page().rows[row].clone(), c.page().rows[row + 1].clone());
        run(&mut a, &[Action::Down]);
        let c = a.compare().unwrap();
        if here.end > before + view {
            assert_eq!(c.rows.focus, row, "still reading {here:?}");
            assert_eq!(c.rows.offset, (before + stride).min(here.end - view));
            read_on += 1;
        } else if next.start >= before && next.end <= before + view {
            assert_eq!(
                (c.rows.focus, c.rows.offset),
                (row + 1, before),
                "{next:?} was in view"
            );
            stayed += 1;
        } else if next.len() <= view {
            assert_eq!(
                c.rows.offset + view,
                next.end,
                "{next:?} ends at the bottom edge"
            );
            to_bottom += 1;
        } else {
            assert_eq!(c.rows.offset, next.start, "a tall {next:?} shows its start");
        }
    }
    assert!(
        stayed > 0 && to_bottom > 0 && read_on > 0,
        "{stayed} {to_bottom} {read_on}"
    );
    // Reading the last row to its end, then j once more: nothing moves.
    for _ in 0..200 {
        run(&mut a, &[Action::Down]);
    }
    let c = a.compare().unwrap();
    let end = (c.rows.focus, c.rows.offset);
    assert_eq!(
        end.1 + view,
        c.page().lines.len(),
        "the end of the page shows"
    );
    run(&mut a, &[Action::Down]);
    let c = a.compare().unwrap();
    assert_eq!(
        (c.rows.focus, c.rows.offset),
        end,
        "j on the last line of the last row stays"
    );
    // And k at the very top.
    run(&mut a, &[Action::Top]);
    let c = a.compare().unwrap();
    assert_eq!(
        (c.rows.focus, c.rows.offset),
        (0, 0),
        "the first group's heading shows"
    );
    run(&mut a, &[Action::Up]);
    let c = a.compare().unwrap();
    assert_eq!((c.rows.focus, c.rows.offset), (0, 0));
}

#[test]
fn a_row_taller_than_the_view_can_be_read_to_its_end() {
    use msq::tui::action::Mouse;
    let h = 16;
    let view = usize::from(h) - 4;
    let mut a = compare_two(100, h);
    let tall = loop {
        let c = a.compare().unwrap();
        let r = c.page().rows[c.rows.focus].clone();
        if r.len() > view + 3 {
            break r;
        }
        assert!(
            c.rows.focus + 1 < c.shown().len(),
            "no row taller than {view} lines"
        );
        run(&mut a, &[Action::Down]);
    };
    let c = a.compare().unwrap();
    assert!(
        c.rows.offset <= tall.start && tall.start <= c.rows.offset + 1,
        "a tall row shows its start (and heading) first: {} {tall:?}",
        c.rows.offset
    );
    let focused = c.rows.focus;
    // The wheel scrolls through it, and the focus stays on it.
    let mut last = c.rows.offset;
    while last + view < tall.end {
        a.update(Action::Mouse(Mouse::ScrollDown { column: 10, row: 5 }));
        let c = a.compare().unwrap();
        assert!(
            c.rows.offset > last,
            "the wheel moved the view: {} -> {}",
            last,
            c.rows.offset
        );
        assert_eq!(c.rows.focus, focused);
        last = c.rows.offset;
    }
    // The row's last line is on screen.
    assert!(last + view >= tall.end);
}

#[test]
fn a_checklist_lines_answer_is_its_tick_not_the_checklists_explanation() {
    let index = index();
    let (aze, tjk) = (position(&index, "AZE"), position(&index, "TJK"));
    let cmp = Comparison::new(
        &index,
        Egdi::builtin(),
        &[aze, tjk],
        &["strategy".to_string()],
    );
    let row = |id: &str| cmp.rows.iter().find(|r| r.topic == id).unwrap();
    // Tajikistan's checklist 8 has one explanation, about vulnerable groups and new
    // technologies; its line 1 ("has an implementation plan") shows no tick.
    let plan = &row("strategy.implementation-plan").cells[1];
    assert_eq!(plan.status, Status::NotRecorded);
    assert_eq!(plan.parts[0].answer, "");
    assert!(plan.parts[0].checklist_note.starts_with("Poor, immigrants"));
    let text = compare::cell_text(plan, false);
    assert_eq!(
        text,
        "8 line 1: [ ] has an implementation plan. (selection not recorded)\n\
         Explanation given for the whole of checklist 8, not for any one line:\n\
         Poor, immigrants, older persons, persons with disabilities, women, youth, indigenous \
         people\n\nAlso referring to emerging technologies"
    );
    // Two lines of one checklist in a cell: the explanation once.
    let first = compare::cell_text(&row("strategy.digital-first").cells[1], false);
    assert_eq!(first.matches("Explanation given").count(), 1, "{first}");
    assert!(
        first.contains("8 line 5") && first.contains("8 line 6"),
        "{first}"
    );
    // A choice whose tick the export lost is not "no answer"; its blank follow-up is.
    let foresight = &row("strategy.foresight").cells[0];
    assert_eq!(foresight.status, Status::NotRecorded);
    assert_eq!(
        compare::cell_text(foresight, false),
        "83: [ ] Yes  [ ] No (selection not recorded)\n84: no answer given"
    );
    // The view shows the same.
    let lines: Vec<String> = msq::tui::ui::compare::cell_lines(
        plan,
        false,
        40,
        msq::tui::theme::Theme::from_env(),
        None,
    )
    .iter()
    .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
    .collect();
    let at = |s: &str| lines.iter().position(|l| l.contains(s)).unwrap();
    assert!(
        at("selection not recorded") < at("Explanation given") && at("Explanation") < at("Poor")
    );
    assert!(
        !lines.iter().any(|l| l.contains("No answer given")),
        "{lines:?}"
    );
}

#[test]
fn a_cells_item_number_from_a_document_is_sanitised_in_the_view() {
    let part = compare::Part {
        item: "7\x1b[2J".into(),
        line: None,
        question: "Portal?\x1b]52;c;x\x07".into(),
        options: Vec::new(),
        answer: "e-gov\x1b[31m.az".into(),
        checklist_note: String::new(),
        contact: None,
    };
    let cell = compare::Cell {
        status: Status::Answered,
        parts: vec![part],
        figure: None,
    };
    for questions in [false, true] {
        let lines = msq::tui::ui::compare::cell_lines(
            &cell,
            questions,
            30,
            msq::tui::theme::Theme::from_env(),
            None,
        );
        let text: String = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect();
        assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
        assert!(text.contains("7␛[2J."), "{text:?}");
    }
}

#[test]
fn a_checklist_line_ocr_lost_shifts_no_other_line() {
    let mut index = index();
    let tjk = position(&index, "TJK");
    let (s, i) = index.responses[tjk].locate("9").unwrap();
    // OCR dropped line 2, "personal data protection including digital security".
    let lost = index.responses[tjk].sections[s].items[i].options.remove(1);
    assert!(lost.label.starts_with("personal data protection"));
    let cmp = Comparison::new(&index, Egdi::builtin(), &[tjk], &["law".into()]);
    let cell = |id: &str| &cmp.rows.iter().find(|r| r.topic == id).unwrap().cells[0];
    // The lines after it keep their own labels.
    let open = &cell("law.open-data").parts[0];
    assert_eq!(open.options[0].label, "open government data");
    assert_eq!(open.line, Some(2), "now the second line printed");
    let sig = &cell("law.digital-signature").parts[0];
    assert_eq!(sig.options[0].label, "digital certification/signature");
    // The lost line is still asked; the source shows no tick for it.
    let privacy = cell("law.data-protection");
    assert_eq!(privacy.status, Status::NotRecorded);
    assert_eq!(privacy.parts[0].line, None);
    assert_eq!(
        privacy.parts[0].options[0].label,
        "personal data protection"
    );
}

#[test]
fn a_presentation_question_maps_whatever_its_number() {
    let mut index = index();
    let uzb = position(&index, "UZB");
    let (s, i) = index.responses[uzb].locate("3").unwrap();
    index.responses[uzb].sections[s].items[i].id = "12".into();
    let cmp = Comparison::new(&index, Egdi::builtin(), &[uzb], &["recommendations".into()]);
    let cell = &cmp.rows[0].cells[0];
    assert_eq!(cell.status, Status::Answered);
    assert_eq!(cell.parts[0].item, "12");
}

// What an export writes: the topics and columns a screen shows, contacts with their fields
// named, and where it all came from.

/// 2024-05-01, a fixed export date.
fn may_day() -> compare::Date {
    compare::Date::from_unix_seconds(1_714_521_600)
}

/// The CSV's records after its header, with the provenance rows left out.
fn csv_topics(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] != "provenance")
        .collect();
    (headers, rows)
}

/// The Markdown table rows that are topics: not a header row or its rule.
fn md_topic_rows(md: &str) -> Vec<&str> {
    md.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Topic |") && !l.starts_with("| ---"))
        .collect()
}

fn to_json_value(index: &Index, cmp: &Comparison) -> serde_json::Value {
    serde_json::to_value(compare::to_json_at(index, cmp, may_day())).unwrap()
}

#[test]
fn a_subset_of_one_topic_exports_that_topic_alone() {
    let index = index();
    let full = Comparison::new(
        &index,
        Egdi::builtin(),
        &[position(&index, "AZE"), position(&index, "TJK")],
        &[],
    );
    assert!(full.rows.len() > 10);
    let k = full
        .rows
        .iter()
        .position(|r| r.topic == "law.digital-signature")
        .unwrap();
    let cmp = full.subset(&[k], &[0, 1]);
    assert_eq!(cmp.rows.len(), 1);
    assert_eq!(cmp.responses, full.responses);

    let md = compare::to_markdown_at(&index, &cmp, may_day());
    let rows = md_topic_rows(&md);
    assert_eq!(rows.len(), 1, "{md}");
    assert!(rows[0].starts_with("| Digital signature |"), "{md}");
    assert_eq!(md.matches("\n## ").count(), 1, "one group heading: {md}");
    assert!(md.contains("(UTC): 1 topic, 2 responses."), "{md}");

    let (_, records) = csv_topics(&compare::to_csv_at(&index, &cmp, may_day()));
    let topics: Vec<&str> = records.iter().map(|r| &r[1]).collect();
    assert_eq!(topics, ["law.digital-signature"]);

    let v = to_json_value(&index, &cmp);
    let topics: Vec<&str> = v["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(topics, ["law.digital-signature"]);

    // Rows keep the order asked for; an index out of range or given twice is left out.
    let two = full.subset(&[k, 0, k, 999], &[0, 1, 1, 7]);
    let ids: Vec<&str> = two.rows.iter().map(|r| r.topic).collect();
    assert_eq!(ids, ["law.digital-signature", full.rows[0].topic]);
    assert_eq!(two.responses, full.responses);
    assert!(two.rows.iter().all(|r| r.cells.len() == 2));
}

#[test]
fn a_reversed_column_order_is_honoured_by_every_export() {
    let index = index();
    let (aze, tjk) = (position(&index, "AZE"), position(&index, "TJK"));
    let full = Comparison::new(&index, Egdi::builtin(), &[aze, tjk], &[]);
    let all: Vec<usize> = (0..full.rows.len()).collect();
    let cmp = full.subset(&all, &[1, 0]);
    assert_eq!(cmp.responses, [tjk, aze]);
    assert_eq!(
        cmp.file_name(&index, "md"),
        "msq-compare-tajikistan-2020-azerbaijan-2022.md"
    );
    let national = |c: &Comparison| {
        c.rows
            .iter()
            .find(|r| r.topic == "portal.national")
            .unwrap()
            .clone()
    };
    let row = national(&cmp);
    assert_eq!(row.cells[0], national(&full).cells[1]);
    assert_eq!(row.cells[0].parts[0].answer, "Hukumat.tj");

    let md = compare::to_markdown_at(&index, &cmp, may_day());
    assert!(md.starts_with("# msq comparison: Tajikistan 2020 · Azerbaijan 2022\n"));
    assert!(md.contains("\n| Topic | Tajikistan 2020 | Azerbaijan 2022 |\n"));
    let row_md = md
        .lines()
        .find(|l| l.starts_with("| National portal |"))
        .unwrap();
    assert!(
        row_md.starts_with("| National portal | 1. ") && row_md.contains("Hukumat.tj |"),
        "{row_md}"
    );
    let at = |s: &str| md.find(s).unwrap();
    assert!(at("- Tajikistan 2020: `000_") < at("- Azerbaijan 2022: `001_"));

    let (headers, records) = csv_topics(&compare::to_csv_at(&index, &cmp, may_day()));
    assert_eq!(&headers[3], "Tajikistan 2020");
    assert_eq!(&headers[4], "Azerbaijan 2022");
    let r = records.iter().find(|r| &r[1] == "portal.national").unwrap();
    assert!(
        r[3].contains("Hukumat.tj") && r[4].contains("e-gov.az"),
        "{r:?}"
    );

    let v = to_json_value(&index, &cmp);
    assert_eq!(v["responses"][0]["id"], "tjk-2020");
    assert_eq!(v["responses"][1]["id"], "aze-2022");
    assert_eq!(v["provenance"]["sources"][0]["response"], "tjk-2020");
    for t in v["topics"].as_array().unwrap() {
        assert_eq!(t["entries"][0]["response"], "tjk-2020", "{}", t["id"]);
        assert_eq!(t["entries"][1]["response"], "aze-2022", "{}", t["id"]);
    }
}

#[test]
fn a_subset_decides_afresh_whether_its_questions_differ() {
    let index = index();
    let full = Comparison::new(
        &index,
        Egdi::builtin(),
        &[position(&index, "AZE"), position(&index, "TJK")],
        &["portal.national".into()],
    );
    assert!(full.rows[0].questions_differ);
    // One column alone asks in one wording; its export need not repeat the question.
    let alone = full.subset(&[0], &[0]);
    assert!(!alone.rows[0].questions_differ);
    assert_eq!(alone.rows[0].cells.len(), 1);
}

const AZE_CIO: &str = "Name: Jeyhun Salmanov\n\
    Title: Deputy Chairman of the State Agency, Head of the E-Government Executive Board\n\
    Organization: The State Agency for Public Service and Social Innovations under the \
    President of the Republic of Azerbaijan\n\
    E-mail: c.salmanov@asan.gov.az\n\
    Phone: —";

#[test]
fn the_azerbaijan_cio_cell_names_each_field() {
    let index = index();
    let aze = &index.responses[position(&index, "AZE")];
    let cell = compare::cell_for("cio", aze).unwrap();
    assert_eq!(cell.status, Status::Answered);
    // Item 14 (the Yes/No), then the contact block of items 15 to 18 as one part.
    let items: Vec<&str> = cell.parts.iter().map(|p| p.item.as_str()).collect();
    assert_eq!(items, ["14", "15–18"]);
    let contact = &cell.parts[1];
    assert_eq!(contact.answer, AZE_CIO);
    assert_eq!(contact.contact.as_ref(), aze.cio.as_ref());
    assert!(
        contact
            .question
            .starts_with("Contact information of national")
    );
    assert_eq!(
        compare::cell_text(&cell, false),
        format!("14: [ ] Yes  [ ] No (selection not recorded)\n15–18:\n{AZE_CIO}")
    );
    // The browser's cell shows the same lines.
    let lines: Vec<String> = msq::tui::ui::compare::cell_lines(
        &cell,
        false,
        200,
        msq::tui::theme::Theme::from_env(),
        None,
    )
    .iter()
    .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
    .collect();
    for field in AZE_CIO.lines() {
        assert!(lines.iter().any(|l| l == field), "{field}: {lines:?}");
    }
    // And every export.
    let cmp = Comparison::new(
        &index,
        Egdi::builtin(),
        &[position(&index, "AZE"), position(&index, "MNG")],
        &["cio".into()],
    );
    let md = compare::to_markdown_at(&index, &cmp, may_day());
    assert!(
        md.contains(&format!("15–18:<br>{}", AZE_CIO.replace('\n', "<br>"))),
        "{md}"
    );
    assert!(md.contains("<br>Name: Tengis Sukhee<br>Title: "), "{md}");
    let (_, records) = csv_topics(&compare::to_csv_at(&index, &cmp, may_day()));
    assert!(records[0][3].ends_with(&format!("15–18:\n{AZE_CIO}")));
    let v = to_json_value(&index, &cmp);
    let part = &v["topics"][0]["entries"][0]["parts"][1];
    assert_eq!(part["answer"], AZE_CIO);
    assert_eq!(part["contact"]["name"], "Jeyhun Salmanov");
    assert_eq!(part["contact"]["phone"], serde_json::Value::Null);
    // No part is a bare value without its field's name, as "15: Jeyhun Salmanov" was.
    assert!(!md.contains("15: Jeyhun"), "{md}");
}

#[test]
fn a_blank_contact_field_shows_as_missing() {
    let mut index = index();
    let (aze, tjk) = (position(&index, "AZE"), position(&index, "TJK"));
    // Azerbaijan's CIO without a title (item 16 left blank).
    let (s, i) = index.responses[aze].locate("16").unwrap();
    index.responses[aze].sections[s].items[i].answer = String::new();
    let cell = compare::cell_for("cio", &index.responses[aze]).unwrap();
    let answer = &cell.parts[1].answer;
    assert!(
        answer.starts_with("Name: Jeyhun Salmanov\nTitle: —\nOrganization: The State"),
        "{answer}"
    );
    assert_eq!(cell.parts[1].contact.as_ref().unwrap().title, None);

    // The 2020 form prints its CIO block under item 4. Tajikistan's is blank: no answer
    // given, as before, and no field is made up.
    let cell = compare::cell_for("cio", &index.responses[tjk]).unwrap();
    assert_eq!(cell.status, Status::NoAnswer);
    assert_eq!(compare::cell_text(&cell, false), "No answer given");
    assert_eq!(cell.parts.len(), 1);
    assert_eq!(cell.parts[0].answer, "");
    assert_eq!(cell.parts[0].contact, Some(msq::model::Contact::default()));
    // Filled in part, the block is item 4's answer, its blank fields marked missing.
    index.responses[tjk].cio = Some(msq::model::Contact {
        name: Some("A. Person".into()),
        email: Some("a@example.tj".into()),
        ..Default::default()
    });
    let cell = compare::cell_for("cio", &index.responses[tjk]).unwrap();
    assert_eq!(cell.status, Status::Answered);
    assert_eq!(
        compare::cell_text(&cell, false),
        "4:\nName: A. Person\nTitle: —\nOrganization: —\nE-mail: a@example.tj\nPhone: —"
    );

    // A 2022 contact block left wholly blank is a blank follow-up of the Yes/No, as any.
    for id in ["15", "17", "18"] {
        let (s, i) = index.responses[aze].locate(id).unwrap();
        index.responses[aze].sections[s].items[i].answer = String::new();
    }
    let cell = compare::cell_for("cio", &index.responses[aze]).unwrap();
    assert_eq!(cell.status, Status::NotRecorded);
    assert_eq!(
        compare::cell_text(&cell, false),
        "14: [ ] Yes  [ ] No (selection not recorded)\n15–18: no answer given"
    );
}

#[test]
fn every_export_opens_with_its_provenance() {
    let index = index();
    let (aze, tjk) = (position(&index, "AZE"), position(&index, "TJK"));
    let cmp = Comparison::new(&index, Egdi::builtin(), &[aze, tjk], &["portal".into()]);
    assert_eq!(cmp.rows.len(), 6, "the six portals");
    let version = env!("CARGO_PKG_VERSION");
    let sources: Vec<(&str, &str)> = [aze, tjk]
        .iter()
        .map(|&r| {
            let s = &index.responses[r].source;
            (s.file.as_str(), s.sha256.as_str())
        })
        .collect();
    assert!(sources.iter().all(|(f, h)| !f.is_empty() && h.len() == 64));

    let p = compare::provenance(&index, &cmp, may_day());
    assert_eq!(p.msq_version, version);
    assert_eq!(p.date.to_string(), "2024-05-01");
    let got: Vec<(&str, &str)> = p
        .sources
        .iter()
        .map(|s| (s.file.as_str(), s.sha256.as_str()))
        .collect();
    assert_eq!(got, sources);

    let md = compare::to_markdown_at(&index, &cmp, may_day());
    let head: Vec<&str> = md.lines().take(7).collect();
    assert_eq!(
        head,
        [
            "# msq comparison: Azerbaijan 2022 · Tajikistan 2020".to_string(),
            String::new(),
            format!("Exported by msq {version} on 2024-05-01 (UTC): 6 topics, 2 responses."),
            String::new(),
            format!(
                "- Azerbaijan 2022: `{}`, SHA-256 `{}`",
                sources[0].0, sources[0].1
            ),
            format!(
                "- Tajikistan 2020: `{}`, SHA-256 `{}`",
                sources[1].0, sources[1].1
            ),
            String::new(),
        ]
    );

    let csv = compare::to_csv_at(&index, &cmp, may_day());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.as_bytes());
    let first: Vec<Vec<String>> = reader
        .records()
        .take(5)
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let row = |cells: [&str; 5]| cells.map(str::to_string).to_vec();
    assert_eq!(
        first[..4],
        [
            row(["provenance", "msq.version", "msq version", version, version]),
            row([
                "provenance",
                "export.date",
                "Export date (UTC)",
                "2024-05-01",
                "2024-05-01"
            ]),
            row([
                "provenance",
                "source.file",
                "Source file",
                sources[0].0,
                sources[1].0
            ]),
            row([
                "provenance",
                "source.sha256",
                "Source SHA-256",
                sources[0].1,
                sources[1].1
            ]),
        ]
    );
    assert_eq!(first[4][1], "portal.national", "then the topics");

    let v = to_json_value(&index, &cmp);
    let p = &v["provenance"];
    assert_eq!(p["msq_version"], version);
    assert_eq!(p["date"], "2024-05-01");
    for (k, (file, sha)) in sources.iter().enumerate() {
        assert_eq!(p["sources"][k]["file"], *file);
        assert_eq!(p["sources"][k]["sha256"], *sha);
    }
    assert_eq!(p["sources"][0]["column"], "Azerbaijan 2022");
}

#[test]
fn document_strings_reach_no_export_raw() {
    let mut index = index();
    let (aze, tjk) = (position(&index, "AZE"), position(&index, "TJK"));
    let (s, i) = index.responses[aze].locate("15").unwrap();
    index.responses[aze].sections[s].items[i].answer = "Jeyhun\x1b]52;c;eA==\x07 Salmanov".into();
    index.responses[aze].source.file = "evil\x1b[2J`name\u{202E}.txt".into();
    index.responses[tjk].source.sha256 = "cabe\u{9b}31m\nfeed".into();
    let cmp = Comparison::new(&index, Egdi::builtin(), &[aze, tjk], &["cio".into()]);
    let raw = |s: &str| {
        s.chars()
            .filter(|&c| {
                (c.is_control() && c != '\n' && c != '\r') || msq::sanitize::is_invisible(c)
            })
            .collect::<String>()
    };
    let md = compare::to_markdown_at(&index, &cmp, may_day());
    let csv = compare::to_csv_at(&index, &cmp, may_day());
    let json = msq::cli::to_safe_json(&compare::to_json_at(&index, &cmp, may_day())).unwrap();
    for (name, text) in [("md", &md), ("csv", &csv), ("json", &json)] {
        assert_eq!(raw(text), "", "{name}: {text}");
    }
    assert!(md.contains("Name: Jeyhun␛]52;c;eA==␇ Salmanov"), "{md}");
    assert!(csv.contains("Name: Jeyhun␛]52;c;eA==␇ Salmanov"), "{csv}");
    // The file name stays in its code span; the digest stays on its line.
    assert!(
        md.contains("- Azerbaijan 2022: ``evil␛[2J`name␦.txt``, SHA-256"),
        "{md}"
    );
    assert!(md.contains("SHA-256 `cabe␦31m␊feed`\n"), "{md}");
    // JSON keeps the characters, escaped.
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["provenance"]["sources"][0]["file"],
        "evil\x1b[2J`name\u{202E}.txt"
    );
}

/// Uzbekistan 2024, Azerbaijan 2022 and Tajikistan 2020, with these figures.
fn three_editions(index: &Index, egdi: &Egdi) -> Comparison {
    let cols = [
        position(index, "UZB"),
        position(index, "AZE"),
        position(index, "TJK"),
    ];
    Comparison::new(index, egdi, &cols, &[])
}

fn figure_row<'a>(cmp: &'a Comparison, id: &str) -> &'a compare::Row {
    cmp.rows.iter().find(|r| r.topic == id).unwrap()
}

#[test]
fn the_figures_come_first_each_column_from_its_own_edition() {
    let index = index();
    let egdi = Egdi::builtin();
    let cmp = three_editions(&index, egdi);
    let ids: Vec<&str> = cmp.rows.iter().take(7).map(|r| r.topic).collect();
    assert_eq!(
        ids,
        [
            "egdi.rank",
            "egdi.egdi",
            "egdi.osi",
            "egdi.hci",
            "egdi.tii",
            "egdi.epi",
            "portal.national"
        ]
    );
    assert!(
        cmp.rows[..6]
            .iter()
            .all(|r| r.group == compare::FIGURES_GROUP)
    );
    assert_eq!(compare::FIGURES_GROUP, "E-Government Development Index");
    let labels: Vec<&str> = cmp.rows[..6].iter().map(|r| r.label).collect();
    assert_eq!(
        labels,
        [
            "Rank",
            "EGDI",
            "Online Service Index",
            "Human Capital Index",
            "Telecommunications Infrastructure Index",
            "E-Participation Index"
        ]
    );
    let text = |id: &str, col: usize| compare::cell_text(&figure_row(&cmp, id).cells[col], false);
    // Uzbekistan 2024: rank 63, six places up on 2022.
    assert_eq!(text("egdi.rank", 0), "63 ▲6 since 2022");
    assert_eq!(text("egdi.egdi", 0), "0.79990");
    let uzb = egdi.scores("UZB", 2024).unwrap();
    assert_eq!(uzb.egdi, Some(0.7999));
    assert_eq!(text("egdi.osi", 0), format!("{:.5}", uzb.osi.unwrap()));
    // Azerbaijan 2022: the 2022 edition's figures, not the latest.
    let aze = egdi.scores("AZE", 2022).unwrap();
    assert_ne!(aze.egdi, egdi.scores("AZE", 2024).unwrap().egdi);
    assert_eq!(text("egdi.rank", 1), "83 ▼13 since 2018");
    for (id, f) in [
        ("egdi.egdi", aze.egdi),
        ("egdi.osi", aze.osi),
        ("egdi.hci", aze.hci),
        ("egdi.tii", aze.tii),
        ("egdi.epi", aze.epi),
    ] {
        assert_eq!(text(id, 1), format!("{:.5}", f.unwrap()), "{id}");
    }
    let aze_egdi = &figure_row(&cmp, "egdi.egdi").cells[1];
    assert_eq!(aze_egdi.status, Status::Published);
    let published = aze_egdi.figure.as_ref().unwrap();
    assert_eq!(published.edition, 2022);
    assert_eq!(
        published.value,
        compare::PublishedValue::Figure {
            figure: msq::egdi::Figure::Egdi,
            value: aze.egdi
        }
    );
    // Tajikistan 2020: no figures were published that year; never a 0.
    for row in &cmp.rows[..6] {
        let cell = &row.cells[2];
        assert_eq!(cell.status, Status::NotPublished, "{}", row.topic);
        assert_eq!(compare::cell_text(cell, false), "no 2020 figures published");
        assert_eq!(cell.figure.as_ref().unwrap().edition, 2020);
    }
}

#[test]
fn a_state_missing_from_an_edition_is_not_assessed_and_an_empty_value_a_dash() {
    let index = index();
    let mut e2022 = Egdi::builtin()
        .editions()
        .iter()
        .find(|e| e.year == 2022)
        .unwrap()
        .clone();
    e2022.states.remove("AZE");
    let uzb = e2022.states.get_mut("UZB").unwrap();
    uzb.epi = None;
    let mut e2024 = Egdi::builtin()
        .editions()
        .iter()
        .find(|e| e.year == 2024)
        .unwrap()
        .clone();
    e2024.states.get_mut("UZB").unwrap().epi = None;
    let egdi = Egdi::builtin().with(vec![e2022, e2024]);
    let cmp = three_editions(&index, &egdi);
    let aze = |id: &str| compare::cell_text(&figure_row(&cmp, id).cells[1], false);
    assert_eq!(aze("egdi.rank"), "not assessed in 2022");
    assert_eq!(aze("egdi.egdi"), "not assessed in 2022");
    let uzb_epi = &figure_row(&cmp, "egdi.epi").cells[0];
    assert_eq!(compare::cell_text(uzb_epi, false), "—");
    assert_eq!(uzb_epi.status, Status::NotPublished);
    // Uzbekistan's rank is still compared with 2022's.
    assert_eq!(
        compare::cell_text(&figure_row(&cmp, "egdi.rank").cells[0], false),
        "63 ▲6 since 2022"
    );
}

#[test]
fn figures_from_a_scores_file_fill_the_2020_column() {
    let index = index();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tajikistan_2020.csv");
    std::fs::write(
        &file,
        "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,\
         Online Service Index,Human Capital Index,Telecommunication Infrastructure Index\n\
         2020,Tajikistan,133,0.44490,0.36900,0.33530,0.82000,0.17940\n",
    )
    .unwrap();
    let egdi = msq::egdi::effective_with(&index, &[file]).unwrap();
    let cmp = three_editions(&index, &egdi);
    let tjk = |id: &str| compare::cell_text(&figure_row(&cmp, id).cells[2], false);
    // 2018 is the edition before 2020 with figures.
    assert!(
        tjk("egdi.rank").starts_with("133 ▼"),
        "{}",
        tjk("egdi.rank")
    );
    assert!(tjk("egdi.rank").ends_with("since 2018"));
    assert_eq!(tjk("egdi.egdi"), "0.44490");
    assert_eq!(tjk("egdi.tii"), "0.17940");
    // Uzbekistan 2024 is now compared with 2022 still; and the invented 2020 file, which has
    // no Tajikistan, says Tajikistan was not assessed that year.
    let egdi = msq::egdi::effective_with(
        &index,
        &[common::root().join("tests/data/egdi/invented_2020.csv")],
    )
    .unwrap();
    let cmp = three_editions(&index, &egdi);
    let tjk = compare::cell_text(&figure_row(&cmp, "egdi.egdi").cells[2], false);
    assert_eq!(tjk, "not assessed in 2020");
}

#[test]
fn every_export_holds_the_figures_and_their_credit() {
    let index = index();
    let cmp = three_editions(&index, Egdi::builtin());
    let credit = "Source: UN DESA, UN E-Government Knowledgebase";

    let md = compare::to_markdown_at(&index, &cmp, may_day());
    assert!(md.contains("\n## E-Government Development Index\n"), "{md}");
    assert!(
        md.contains(
            "\n| Rank | 63 ▲6 since 2022 | 83 ▼13 since 2018 | no 2020 figures published |\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("\n| EGDI | 0.79990 | 0.69370 | no 2020 figures published |\n"),
        "{md}"
    );
    // The credit is the caption under the figures' table, before the next group.
    let at = md.find(&format!("\n\n{credit}\n\n## Portals\n")).unwrap();
    assert!(at > md.find("| E-Participation Index |").unwrap());
    assert_eq!(md.matches(credit).count(), 1);

    let csv = compare::to_csv_at(&index, &cmp, may_day());
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let credit_row = records.iter().find(|r| &r[1] == "figures.credit").unwrap();
    assert_eq!(&credit_row[0], "provenance");
    assert!((3..6).all(|k| &credit_row[k] == credit));
    let rank = records.iter().find(|r| &r[1] == "egdi.rank").unwrap();
    assert_eq!(&rank[0], "E-Government Development Index");
    assert_eq!(&rank[3], "63 ▲6 since 2022");
    assert_eq!(&rank[5], "no 2020 figures published");
    let first_topic = records.iter().position(|r| &r[0] != "provenance").unwrap();
    assert_eq!(
        &records[first_topic][1], "egdi.rank",
        "the figures come first"
    );

    let v = to_json_value(&index, &cmp);
    assert_eq!(v["provenance"]["figures_credit"], credit);
    let rank = &v["topics"][0];
    assert_eq!(rank["id"], "egdi.rank");
    assert_eq!(rank["group"], "E-Government Development Index");
    let uzb = &rank["entries"][0];
    assert_eq!(uzb["status"], "published");
    assert_eq!(uzb["figure"]["rank"], 63);
    assert_eq!(uzb["figure"]["rank_change"], 6);
    assert_eq!(uzb["figure"]["compared_with"], 2022);
    assert_eq!(uzb["figure"]["text"], "63 ▲6 since 2022");
    let egdi_row = &v["topics"][1];
    assert_eq!(egdi_row["entries"][0]["figure"]["value"], 0.7999);
    assert_eq!(egdi_row["entries"][0]["figure"]["figure"], "egdi");
    let tjk = &egdi_row["entries"][2]["figure"];
    assert_eq!(egdi_row["entries"][2]["status"], "not_published");
    assert!(tjk["value"].is_null(), "never 0: {tjk}");
    assert_eq!(tjk["edition"], 2020);
    assert_eq!(tjk["text"], "no 2020 figures published");
    // Topic cells carry no figure.
    assert!(v["topics"][6]["entries"][0].get("figure").is_none());

    // Without the figures' rows there is no credit to give.
    let portal = cmp.subset(&[6], &[0, 1, 2]);
    assert!(!compare::to_markdown_at(&index, &portal, may_day()).contains(credit));
    assert!(!compare::to_csv_at(&index, &portal, may_day()).contains("figures.credit"));
    assert!(to_json_value(&index, &portal)["provenance"]["figures_credit"].is_null());
}

#[test]
fn a_topic_filter_keeps_or_drops_the_figures_like_any_rows() {
    let index = index();
    let cols = [position(&index, "UZB"), position(&index, "AZE")];
    let only = |f: &[&str]| -> Vec<&'static str> {
        let only: Vec<String> = f.iter().map(|s| s.to_string()).collect();
        Comparison::new(&index, Egdi::builtin(), &cols, &only)
            .rows
            .iter()
            .map(|r| r.topic)
            .collect()
    };
    assert_eq!(only(&["egdi"]).len(), 6);
    assert_eq!(only(&["egdi.rank", "egdi.osi"]), ["egdi.rank", "egdi.osi"]);
    assert_eq!(only(&["cio"]), ["cio", "cio.network"]);
    assert!(compare::known_topic("egdi.tii") && !compare::known_topic("egdi.gdp"));

    // In the browser, "/" narrows to them by name or id, and the subset exports them.
    let mut a = app(100, 30);
    for c in ["Azerbaijan", "Tajikistan"] {
        select(&mut a, c);
        a.update(Action::ToggleMark);
    }
    a.update(Action::OpenCompare);
    run(&mut a, &[Action::StartFilter]);
    for ch in "egdi".chars() {
        a.update(Action::Edit(msq::tui::input::Edit::Insert(ch)));
    }
    run(&mut a, &[Action::Accept]);
    let c = a.compare().unwrap();
    let topics: Vec<&str> = c.shown().iter().map(|&r| c.cmp.rows[r].topic).collect();
    assert_eq!(topics.len(), 6, "{topics:?}");
    assert!(topics.iter().all(|t| t.starts_with("egdi.")));
    let text = screen(&a).join("\n");
    assert!(text.contains("E-Government Development Index"), "{text}");
    assert!(text.contains("83 ▼13 since 2018"), "{text}");
    assert!(text.contains("no 2020 figures published"), "{text}");
    match a.update(Action::Export) {
        Some(Effect::WriteFile { contents, .. }) => {
            assert!(contents.contains("| Rank | 83 ▼13 since 2018 | no 2020 figures published |"));
            assert!(contents.contains("Source: UN DESA, UN E-Government Knowledgebase"));
            assert!(!contents.contains("## Portals"));
        }
        other => panic!("{other:?}"),
    }
}
