//! Every member state in the browser, with its published E-Government Development Index: the
//! country list of 193, a state's card and chart, the Overview's figures, and the rankings.

mod common;

use common::tui::{app, draw, run, screen, scroll_to, select};
use msq::tui::action::Action;
use msq::tui::app::{Column, Entry, Screen, Sort};
use msq::tui::input::Edit;
use msq::tui::keymap::Mode;

fn typed(a: &mut msq::tui::app::App, text: &str) {
    for c in text.chars() {
        a.update(Action::Edit(Edit::Insert(c)));
    }
}

/// The ISO codes of the rows the list shows.
fn list_codes(a: &msq::tui::app::App) -> Vec<String> {
    a.list
        .rows(&a.index)
        .iter()
        .filter_map(|r| a.list.state_of(&a.index, r.entry))
        .map(|c| c.iso3.to_string())
        .collect()
}

/// Selects a member state in the list by name, by filtering for it.
fn select_state(a: &mut msq::tui::app::App, name: &str) {
    a.update(Action::FocusList);
    a.update(Action::StartFilter);
    typed(a, name);
    a.update(Action::Accept);
    let picked = a.list.entry().and_then(|e| a.list.state_of(&a.index, e));
    assert_eq!(picked.map(|c| c.name), Some(name), "{name} selected");
}

#[test]
fn the_list_holds_every_member_state_with_the_responses_marked() {
    let mut a = app(100, 30);
    let rows = a.list.rows(&a.index);
    // 5 responses and the 188 states without one.
    assert_eq!(rows.len(), 193);
    let responses = rows.iter().filter(|r| r.response().is_some()).count();
    assert_eq!(responses, 5);
    // The responses come first; a state without one shows dim with its latest rank.
    assert!(rows[..5].iter().all(|r| r.response().is_some()));
    let s = screen(&a).join("\n");
    assert!(s.contains("193 states · 5 answered"), "{s}");
    assert!(s.contains("Afghanistan          #188"), "{s}");
    // r: responses only, and back.
    run(&mut a, &[Action::ToggleResponsesOnly]);
    assert_eq!(a.list.rows(&a.index).len(), 5);
    assert!(screen(&a).join("\n").contains("5 responses"));
    run(&mut a, &[Action::ToggleResponsesOnly]);
    assert_eq!(a.list.rows(&a.index).len(), 193);
}

#[test]
fn the_list_sorts_by_name_by_rank_and_by_rank_change() {
    let mut a = app(100, 30);
    assert_eq!(a.list.sort, Sort::Responses);
    run(&mut a, &[Action::CycleSort]);
    assert_eq!(a.list.sort, Sort::Name);
    assert_eq!(list_codes(&a)[..3], ["AFG", "ALB", "DZA"]);
    run(&mut a, &[Action::CycleSort]);
    assert_eq!(a.list.sort, Sort::Rank);
    // 2024: Denmark, Estonia, Singapore.
    assert_eq!(list_codes(&a)[..3], ["DNK", "EST", "SGP"]);
    assert!(screen(&a).join("\n").contains("by EGDI rank"));
    run(&mut a, &[Action::CycleSort]);
    assert_eq!(a.list.sort, Sort::Change);
    // Most places gained since 2022 first; each one gained at least as many as the next.
    let gains: Vec<i64> = list_codes(&a)
        .iter()
        .map_while(|c| a.egdi.rank_change(c, 2024).map(|(_, n)| n))
        .collect();
    assert!(gains.len() > 150, "{}", gains.len());
    assert!(gains.windows(2).all(|w| w[0] >= w[1]), "{gains:?}");
    // The selection stays on its row through every order.
    assert_eq!(a.response().map(|r| r.iso3.as_str()), Some("AZE"));
}

#[test]
fn the_filter_takes_region_and_subregion_scopes() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::StartFilter]);
    typed(&mut a, "subregion:central asia");
    let mut codes = list_codes(&a);
    codes.sort();
    codes.dedup();
    assert_eq!(codes, ["KAZ", "KGZ", "TJK", "TKM", "UZB"]);
    // A scope and a name: the states of Asia whose name holds "kaz".
    run(&mut a, &[Action::Edit(Edit::KillToStart)]);
    typed(&mut a, "region:asia kazakh");
    assert_eq!(list_codes(&a), ["KAZ"]);
    // Case and a prefix of the region do not matter.
    run(&mut a, &[Action::Edit(Edit::KillToStart)]);
    typed(&mut a, "Region:Oce");
    let codes = list_codes(&a);
    assert!(codes.contains(&"AUS".to_string()) && codes.contains(&"FJI".to_string()));
    assert!(
        codes
            .iter()
            .all(|c| a.egdi.place(c).unwrap().region == "Oceania")
    );
}

#[test]
fn a_state_without_a_response_opens_on_a_card_with_its_figures_and_a_chart() {
    let mut a = app(100, 30);
    select_state(&mut a, "Kazakhstan");
    assert!(matches!(a.list.entry(), Some(Entry::State(_))));
    let s = screen(&a).join("\n");
    assert!(s.contains("Kazakhstan · no response"), "{s}");
    assert!(s.contains("Sub-region        Central Asia"), "{s}");
    // The table, every edition, 2020 missing as a whole.
    a.update(Action::FocusContent);
    let s = scroll_to(&mut a, "2020   no figures published");
    assert!(s.contains("2024"), "{s}");
    // The chart (these tests draw without colour: a marker per index) and its legend; then
    // the credit.
    let s = scroll_to(&mut a, "Source: UN DESA, UN E-Government Knowledgebase");
    assert!(s.contains("██ EGDI") && s.contains("•• OSI"), "{s}");
    assert!(s.contains("2010") && s.contains("2024"), "{s}");
}

#[test]
fn in_colour_the_chart_draws_braille_lines_one_colour_per_index() {
    let mut a = msq::tui::app::App::new(
        common::tui::embedded(),
        "built-in index".into(),
        msq::tui::theme::Theme::colored(),
        100,
        30,
    );
    select(&mut a, "Uzbekistan");
    a.update(Action::FocusContent);
    let s = scroll_to(&mut a, "━━ EGDI");
    let braille = |c: char| ('\u{2801}'..='\u{28ff}').contains(&c);
    assert!(s.chars().any(braille), "{s}");
    let buf = draw(&a);
    let colours: std::collections::HashSet<ratatui::style::Color> = buf
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.symbol().chars().any(braille))
        .map(|c| c.fg)
        .collect();
    // One named colour per index, none of them the terminal's default.
    assert!(colours.len() >= 4, "{colours:?}");
    assert!(!colours.contains(&ratatui::style::Color::Reset));
}

#[test]
fn the_overview_gives_the_rank_its_change_and_the_standing_in_the_subregion() {
    let mut a = app(100, 30);
    select(&mut a, "Uzbekistan");
    let s = screen(&a).join("\n");
    assert!(
        s.contains("0.79990 in 2024 · rank 63 of 193 ▲6 since 2022"),
        "{s}"
    );
    assert!(s.contains("2nd of 5 in Central Asia"), "{s}");
    a.update(Action::FocusContent);
    let s = scroll_to(&mut a, "2024      63");
    assert!(s.contains("2024      63   ▲6  0.79990"), "{s}");
    assert!(s.contains("2022      69  ▲12"), "{s}");
    assert!(s.contains("2020   no figures published"), "{s}");
}

#[test]
fn a_missing_2010_value_is_a_dash_never_a_zero() {
    let mut a = app(100, 30);
    select_state(&mut a, "Nauru");
    a.update(Action::FocusContent);
    let s = scroll_to(&mut a, "2010");
    let row = s.lines().find(|l| l.contains("2010 ")).unwrap();
    // Nauru 2010: HCI and TII were left empty.
    assert!(row.contains('—'), "{row}");
    assert!(!row.contains("0.00000"), "{row}");
}

#[test]
fn the_rankings_sort_switch_editions_filter_and_open_a_state() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::OpenRankings]);
    assert_eq!(a.mode(), Mode::Rankings);
    let view = a.rankings().unwrap();
    assert_eq!(view.year, 2024);
    let top: Vec<&str> = view.rows(&a.egdi)[..3]
        .iter()
        .map(|r| r.country.iso3)
        .collect();
    assert_eq!(top, ["DNK", "EST", "SGP"]);
    // Opened on the state the list had selected.
    assert_eq!(view.focused(&a.egdi).map(|c| c.iso3), Some("AZE"));
    // ]: no edition after 2024; [: 2022, the same state focused.
    run(&mut a, &[Action::Edition(1)]);
    assert_eq!(a.rankings().unwrap().year, 2024);
    run(&mut a, &[Action::Edition(-1)]);
    let view = a.rankings().unwrap();
    assert_eq!(view.year, 2022);
    assert_eq!(view.focused(&a.egdi).map(|c| c.iso3), Some("AZE"));
    // 2020 has no figures: [ goes from 2022 to 2018.
    run(&mut a, &[Action::Edition(-1)]);
    assert_eq!(a.rankings().unwrap().year, 2018);
    run(&mut a, &[Action::Edition(1), Action::Edition(1)]);
    // Sort by OSI, best first, then reversed: missing values stay last either way.
    while a.rankings().unwrap().sort != Column::Figure(msq::egdi::Figure::Osi) {
        run(&mut a, &[Action::CycleSort]);
    }
    let osi = |a: &msq::tui::app::App| -> Vec<f64> {
        let view = a.rankings().unwrap();
        view.rows(&a.egdi)
            .iter()
            .filter_map(|r| r.scores.osi)
            .collect()
    };
    assert!(osi(&a).windows(2).all(|w| w[0] >= w[1]));
    run(&mut a, &[Action::ReverseSort]);
    assert!(osi(&a).windows(2).all(|w| w[0] <= w[1]));
    // Filtered as you type, region scopes included.
    run(&mut a, &[Action::StartFilter]);
    assert_eq!(a.mode(), Mode::RankingsFilter);
    typed(&mut a, "subregion:central asia");
    assert_eq!(a.rankings().unwrap().rows(&a.egdi).len(), 5);
    run(&mut a, &[Action::Accept, Action::Top]);
    // Space marks a state's response; a state without one says why not.
    let focused = a.rankings().unwrap().focused(&a.egdi).unwrap();
    run(&mut a, &[Action::ToggleMark]);
    if a.index.responses.iter().any(|r| r.iso3 == focused.iso3) {
        assert_eq!(a.list.marked.len(), 1);
    } else {
        assert!(a.status.as_ref().unwrap().error);
    }
    // Enter opens the state in the browser.
    let view = a.rankings().unwrap();
    let kaz = view
        .rows(&a.egdi)
        .iter()
        .position(|r| r.country.iso3 == "KAZ")
        .unwrap();
    run(&mut a, &[Action::Top]);
    for _ in 0..kaz {
        a.update(Action::Down);
    }
    run(&mut a, &[Action::Accept]);
    assert!(matches!(a.screen, Screen::Browse));
    let s = screen(&a).join("\n");
    assert!(s.contains("Kazakhstan · no response"), "{s}");
}

#[test]
fn space_in_the_rankings_marks_a_response_and_c_compares() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::OpenRankings, Action::StartFilter]);
    typed(&mut a, "subregion:central asia");
    run(&mut a, &[Action::Accept, Action::Top]);
    // Tajikistan and Uzbekistan have responses: mark both, then compare.
    for _ in 0..5 {
        let c = a.rankings().unwrap().focused(&a.egdi).unwrap();
        if c.iso3 == "TJK" || c.iso3 == "UZB" {
            run(&mut a, &[Action::ToggleMark]);
        }
        a.update(Action::Down);
    }
    assert_eq!(a.list.marked.len(), 2);
    let s = screen(&a).join("\n");
    assert!(s.matches('●').count() == 2, "{s}");
    run(&mut a, &[Action::OpenCompare]);
    assert_eq!(a.mode(), Mode::Compare);
}

#[test]
fn help_credits_the_figures() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::Help, Action::Bottom]);
    let s = screen(&a).join("\n");
    assert!(s.contains("Source: UN DESA, UN E-Government"), "{s}");
}

fn snapshot(name: &str, width: u16, height: u16, setup: impl Fn(&mut msq::tui::app::App)) {
    let mut a = app(width, height);
    setup(&mut a);
    insta::assert_snapshot!(format!("{name}_{width}x{height}"), draw(&a).backend());
}

fn both(name: &str, setup: impl Fn(&mut msq::tui::app::App)) {
    snapshot(name, 100, 30, &setup);
    snapshot(name, 60, 20, &setup);
}

#[test]
fn snapshots_of_a_card_its_chart_and_the_rankings() {
    both("state_card", |a| select_state(a, "Kazakhstan"));
    both("state_chart", |a| {
        select_state(a, "Kazakhstan");
        a.update(Action::FocusContent);
        scroll_to(a, "━━ EGDI");
    });
    both("overview_chart", |a| {
        select(a, "Uzbekistan");
        a.update(Action::FocusContent);
        scroll_to(a, "━━ EGDI");
    });
    both("rankings", |a| {
        a.update(Action::OpenRankings);
        a.update(Action::Top);
    });
    both("rankings_filtered", |a| {
        a.update(Action::OpenRankings);
        a.update(Action::StartFilter);
        typed(a, "region:asia");
    });
}

#[test]
fn figures_added_at_start_reach_the_first_page_shown() {
    let added =
        msq::egdi::read_scores(std::path::Path::new("tests/data/egdi/invented_2020.csv")).unwrap();
    let egdi = msq::egdi::Egdi::builtin().with(added);
    let a = app(100, 40).with_egdi(egdi);
    let mut a = a;
    a.update(Action::FocusContent);
    let s = scroll_to(&mut a, "2020 ");
    let row = s.lines().find(|l| l.contains("│2020 ")).unwrap_or_default();
    assert!(!row.contains("no figures published"), "{row}\n{s}");
}

#[test]
fn a_response_with_a_lower_case_code_is_its_state_once_with_its_figures() {
    let mut index = common::tui::embedded();
    let mut r = index.responses[0].clone();
    r.iso3 = "kaz".into();
    r.country = "Kazakhstan".into();
    index.responses.push(r);
    let mut a = common::tui::app_with(index, 100, 30);
    let kaz: Vec<_> = a
        .list
        .rows(&a.index)
        .into_iter()
        .filter(|r| {
            a.list
                .state_of(&a.index, r.entry)
                .is_some_and(|c| c.iso3 == "KAZ")
        })
        .collect();
    assert_eq!(kaz.len(), 1, "{kaz:?}");
    assert!(kaz[0].response().is_some());
    select(&mut a, "Kazakhstan");
    assert!(screen(&a).join("\n").contains("rank 24 of 193"));
}

#[test]
fn without_colour_each_index_draws_with_its_own_marker() {
    let mut a = app(100, 30);
    a.theme = msq::tui::theme::Theme::plain();
    // The theme is read when pages are made: make them again.
    let mut a = a.with_egdi(msq::egdi::Egdi::builtin().clone());
    select(&mut a, "Uzbekistan");
    a.update(Action::FocusContent);
    let s = scroll_to(&mut a, "Source: UN DESA");
    assert!(
        s.contains("██ EGDI") && s.contains("•• OSI") && s.contains("▄▄ HCI"),
        "{s}"
    );
    let buf = draw(&a);
    let coloured = buf
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.fg != ratatui::style::Color::Reset)
        .count();
    assert_eq!(coloured, 0, "no colour under NO_COLOR");
}

#[test]
fn a_long_name_gives_way_before_no_response_does() {
    for (w, h) in [(60, 15), (80, 24)] {
        let mut a = app(w, h);
        select_state(
            &mut a,
            "United Kingdom of Great Britain and Northern Ireland",
        );
        let s = screen(&a);
        assert!(s[0].contains("· no response"), "{w}x{h}: {}", s[0]);
        assert!(s[0].contains('…'), "{w}x{h}: {}", s[0]);
    }
}

#[test]
fn states_without_figures_stay_last_in_the_rankings_whatever_the_column() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::OpenRankings]);
    while a.rankings().unwrap().year != 2010 {
        run(&mut a, &[Action::Edition(-1)]);
    }
    for _ in 0..Column::ALL.len() {
        for _ in 0..2 {
            let rows = a.rankings().unwrap().rows(&a.egdi);
            let ranked = rows.iter().position(|r| r.scores.rank.is_none());
            if let Some(first_unranked) = ranked {
                let col = a.rankings().unwrap().sort;
                // Under the rank (and the columns that tie on it) the unranked come last.
                if matches!(col, Column::Rank | Column::Change) {
                    assert!(
                        rows[first_unranked..]
                            .iter()
                            .all(|r| r.scores.rank.is_none()),
                        "{col:?}"
                    );
                }
            }
            run(&mut a, &[Action::ReverseSort]);
        }
        run(&mut a, &[Action::CycleSort]);
    }
}

#[test]
fn a_region_scope_that_names_no_region_says_which_there_are() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::StartFilter]);
    typed(&mut a, "region:zz");
    assert!(a.list.rows(&a.index).is_empty());
    let s = screen(&a).join("\n");
    assert!(s.contains("no region \"zz\"; regions:"), "{s}");
    assert!(s.contains("Africa, Americas, Asia,"), "{s}");
    // The rankings say the same of a sub-region.
    let mut a = app(100, 30);
    run(&mut a, &[Action::OpenRankings, Action::StartFilter]);
    typed(&mut a, "subregion:atlantis");
    let s = screen(&a).join("\n");
    assert!(
        s.contains("no sub-region \"atlantis\"; sub-regions:"),
        "{s}"
    );
    // A name that matches nothing is just that.
    run(&mut a, &[Action::Edit(Edit::KillToStart)]);
    typed(&mut a, "qqqq");
    assert!(screen(&a).join("\n").contains("no state matches"));
}

/// The state the list has chosen.
fn chosen(a: &msq::tui::app::App) -> Option<&'static str> {
    a.list
        .entry()
        .and_then(|e| a.list.state_of(&a.index, e))
        .map(|c| c.name)
}

#[test]
fn an_iso_code_in_the_list_filter_chooses_its_state_over_the_names_it_begins() {
    let mut a = app(100, 30);
    a.update(Action::StartFilter);
    // "ca" is Canada's alpha-2 code, and begins Cabo Verde, Cambodia and Cameroon: the code
    // wins, the other names stay in the list, and the hint line says why.
    typed(&mut a, "ca");
    assert_eq!(chosen(&a), Some("Canada"));
    let codes = list_codes(&a);
    assert!(codes.contains(&"KHM".to_string()) && codes.contains(&"CMR".to_string()));
    let status = a.status.clone().expect("a note on the hint line").text;
    assert!(
        status.starts_with("\"ca\" is Canada's code (CA): Canada is chosen; ")
            && status.contains("Cambodia")
            && status.ends_with("begin with it too"),
        "{status}"
    );
    assert!(screen(&a).join("\n").contains("is Canada's code (CA)"));
    // A longer text is a name again.
    typed(&mut a, "m");
    assert_eq!(chosen(&a), Some("Cambodia"));
    assert!(a.status.is_none(), "{:?}", a.status);
    // Alpha-2 and alpha-3 codes of a response, in any case; no note where no name begins so.
    for (code, name) in [
        ("mn", "Mongolia"),
        ("TJ", "Tajikistan"),
        ("kh", "Cambodia"),
        ("uzb", "Uzbekistan"),
    ] {
        a.update(Action::Edit(Edit::KillToStart));
        typed(&mut a, code);
        assert_eq!(chosen(&a), Some(name), "{code}");
        assert!(a.status.is_none(), "{code}: {:?}", a.status);
    }
    // Every member state by its alpha-2 code, in either case.
    for c in msq::countries::MEMBER_STATES {
        for code in [c.alpha2().to_lowercase(), c.alpha2().to_string()] {
            a.update(Action::Edit(Edit::KillToStart));
            typed(&mut a, &code);
            assert_eq!(chosen(&a), Some(c.name), "{code}");
        }
    }
    // Enter keeps the choice.
    a.update(Action::Edit(Edit::KillToStart));
    typed(&mut a, "ca");
    a.update(Action::Accept);
    assert_eq!(chosen(&a), Some("Canada"));
}

#[test]
fn an_iso_code_in_the_rankings_filter_focuses_its_state() {
    let mut a = app(120, 30);
    a.update(Action::OpenRankings);
    a.update(Action::StartFilter);
    typed(&mut a, "ca");
    let r = a.rankings().unwrap();
    assert_eq!(r.focused(&a.egdi).map(|c| c.name), Some("Canada"));
    assert!(r.rows(&a.egdi).len() > 1, "the names it begins stay");
    let status = a.status.clone().expect("a note").text;
    assert!(
        status.starts_with("\"ca\" is Canada's code (CA)"),
        "{status}"
    );
    a.update(Action::Edit(Edit::KillToStart));
    typed(&mut a, "de");
    let r = a.rankings().unwrap();
    assert_eq!(r.focused(&a.egdi).map(|c| c.name), Some("Germany"));
    let status = a.status.clone().expect("Denmark begins with de").text;
    assert!(status.contains("Denmark"), "{status}");
}
