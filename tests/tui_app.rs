//! The browser's behaviour through `App::update`: keys, mouse, effects, and every size.

mod common;

use common::tui::{app, draw, run, screen, scroll_to, select};
use msq::tui::action::{Action, Effect, Mouse};
use msq::tui::app::{Focus, Modal};
use msq::tui::keymap::Mode;
use msq::tui::layout::Areas;

/// The focused item's lines intersect the body's rows.
fn focused_item_visible(a: &msq::tui::app::App) -> bool {
    let page = a.page();
    let h = usize::from(
        Areas::at(msq::tui::layout::Size::new(a.size.width, a.size.height))
            .unwrap()
            .body
            .height,
    );
    page.items
        .get(a.reader.body.focus)
        .is_none_or(|r| r.end > a.reader.body.offset && r.start < a.reader.body.offset + h)
}

#[test]
fn the_first_screen_shows_azerbaijans_cio_and_tajikistan_is_three_rows_down() {
    let mut a = app(100, 30);
    let s = screen(&a).join("\n");
    assert!(
        s.contains("Jeyhun Salmanov") && s.contains("c.salmanov@asan.gov.az"),
        "{s}"
    );
    run(&mut a, &[Action::Down, Action::Down, Action::Down]);
    let s = screen(&a).join("\n");
    assert!(s.contains("CIO: not provided"), "{s}");
    assert_eq!(a.response().unwrap().country, "Tajikistan");
}

#[test]
fn the_focused_item_stays_visible_through_every_move() {
    for (w, h) in [(100, 30), (60, 15), (60, 20)] {
        let mut a = app(w, h);
        for country in ["Azerbaijan", "Tajikistan", "Uzbekistan"] {
            select(&mut a, country);
            for tab in 1..a.tab_count() {
                run(&mut a, &[Action::GoTab(tab.min(8))]);
                if tab > 8 {
                    run(&mut a, &[Action::NextTab]);
                }
                for action in [
                    Action::Down,
                    Action::Down,
                    Action::PageDown,
                    Action::Down,
                    Action::Bottom,
                    Action::PageUp,
                    Action::Up,
                    Action::Top,
                    Action::PageDown,
                    Action::PageDown,
                ] {
                    a.update(action.clone());
                    assert!(
                        focused_item_visible(&a),
                        "{country} tab {tab} after {action:?} at {w}x{h}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_line_of_every_section_can_be_reached() {
    // Stepping with j through a whole section shows each of its lines with text at some point.
    let mut a = app(60, 15);
    for country in [
        "Azerbaijan",
        "Cambodia",
        "Mongolia",
        "Tajikistan",
        "Uzbekistan",
    ] {
        select(&mut a, country);
        for tab in 1..a.tab_count() {
            a.update(Action::FocusContent);
            while a.reader.tab != tab {
                a.update(Action::NextTab);
            }
            let total = a.page().lines.len();
            // Blank separators between items do not count; every line with text does.
            let blank: Vec<bool> = a.page().lines.iter().map(|l| l.width() == 0).collect();
            let h = usize::from(
                Areas::at(msq::tui::layout::Size::new(60, 15))
                    .unwrap()
                    .body
                    .height,
            );
            let mut seen = vec![false; total];
            for _ in 0..total * 2 + 10 {
                let end = (a.reader.body.offset + h).min(total);
                seen[a.reader.body.offset.min(end)..end]
                    .iter_mut()
                    .for_each(|s| *s = true);
                a.update(Action::Down);
            }
            let unseen: Vec<usize> = seen
                .iter()
                .enumerate()
                .filter(|(i, s)| !**s && !blank[*i])
                .map(|(i, _)| i)
                .collect();
            assert!(
                unseen.is_empty(),
                "{country} tab {tab}: lines {unseen:?} of {total} are never shown (items {:?})",
                a.page().items
            );
        }
    }
}

#[test]
fn tabs_switch_with_tab_keys_and_digits() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::NextTab]);
    assert_eq!((a.reader.tab, a.focus), (1, Focus::Content));
    run(&mut a, &[Action::PrevTab, Action::PrevTab]);
    assert_eq!(a.reader.tab, a.tab_count() - 1, "wraps around");
    run(&mut a, &[Action::GoTab(4)]);
    assert_eq!(a.section().unwrap().id, "C");
    run(&mut a, &[Action::GoTab(40)]);
    assert_eq!(
        a.section().unwrap().id,
        "C",
        "a tab that does not exist is ignored"
    );
    // The same section stays open when the country changes, if it has one.
    run(&mut a, &[Action::FocusList, Action::Down]);
    assert_eq!(
        (
            a.response().unwrap().country.as_str(),
            a.section().unwrap().id.as_str()
        ),
        ("Cambodia", "C")
    );
    select(&mut a, "Tajikistan");
    assert_eq!(a.reader.tab, 0);
}

#[test]
fn filter_narrows_the_list_by_name_or_code() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::StartFilter]);
    assert_eq!(a.mode(), Mode::Filter);
    for c in "tjk".chars() {
        a.update(Action::Edit(msq::tui::input::Edit::Insert(c)));
    }
    assert_eq!(a.list.rows(&a.index).len(), 1);
    assert_eq!(a.response().unwrap().country, "Tajikistan");
    run(&mut a, &[Action::Edit(msq::tui::input::Edit::KillToStart)]);
    for c in "zzzz".chars() {
        a.update(Action::Edit(msq::tui::input::Edit::Insert(c)));
    }
    assert!(a.list.rows(&a.index).is_empty());
    assert!(screen(&a).join("\n").contains("no country matches"));
    run(&mut a, &[Action::Back]);
    assert_eq!(a.list.rows(&a.index).len(), 193, "every member state again");
    assert_eq!(a.mode(), Mode::List);
}

#[test]
fn copy_gives_the_cio_email_on_the_overview_and_the_answer_in_a_section() {
    let mut a = app(100, 30);
    assert_eq!(
        a.update(Action::Copy),
        Some(Effect::Copy {
            text: "c.salmanov@asan.gov.az".into(),
            what: "the CIO's e-mail".into()
        })
    );
    run(&mut a, &[Action::GoTab(1)]); // the Respondent section
    match a.update(Action::Copy) {
        Some(Effect::Copy { text, .. }) => assert_eq!(text, "Azerbaijan"),
        other => panic!("{other:?}"),
    }
    select(&mut a, "Tajikistan");
    assert_eq!(a.update(Action::Copy), None);
    assert!(a.status.as_ref().unwrap().error);
    a.update(Action::Notify("copied 22 chars".into()));
    assert!(screen(&a).last().unwrap().contains("copied 22 chars"));
}

#[test]
fn open_uses_the_one_link_or_offers_a_picker() {
    let mut a = app(100, 30);
    select(&mut a, "Tajikistan");
    run(&mut a, &[Action::GoTab(1)]); // item 1: Hukumat.tj
    assert_eq!(
        a.update(Action::Open),
        Some(Effect::OpenUrl("https://Hukumat.tj".into()))
    );
    select(&mut a, "Azerbaijan");
    run(&mut a, &[Action::GoTab(2), Action::Down]); // section A, item 8: several links
    assert_eq!(a.update(Action::Open), None);
    let Some(Modal::Picker(p)) = &a.modal else {
        panic!("no picker")
    };
    assert!(p.links.len() > 1);
    assert!(screen(&a).join("\n").contains("Links in 8"));
    run(&mut a, &[Action::Down]);
    match a.update(Action::Accept) {
        Some(Effect::OpenUrl(u)) => assert!(u.starts_with("http")),
        other => panic!("{other:?}"),
    }
    assert!(a.modal.is_none());
    // The Respondent tab's last item (6) has no link; item 5 has only an e-mail.
    run(&mut a, &[Action::GoTab(1), Action::Bottom]);
    assert_eq!(a.update(Action::Open), None);
    assert!(a.status.as_ref().unwrap().text.contains("no link"));
}

#[test]
fn help_is_an_overlay_that_closes() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::Help]);
    assert_eq!(a.mode(), Mode::Help);
    assert!(screen(&a).join("\n").contains("jump to tab N"));
    run(&mut a, &[Action::Down, Action::Back]);
    assert_eq!(a.mode(), Mode::List);
}

#[test]
fn the_mouse_selects_a_country_a_tab_and_an_item() {
    let mut a = app(100, 30);
    let areas = Areas::at(msq::tui::layout::Size::new(100, 30)).unwrap();
    a.update(Action::Mouse(Mouse::Click {
        column: areas.list.x + 3,
        row: areas.list.y + 4,
    }));
    assert_eq!(a.response().unwrap().country, "Tajikistan");
    // " 1 Overview │ 2 I │" : the I tab starts after the Overview tab and a divider.
    a.update(Action::Mouse(Mouse::Click {
        column: areas.tabs.x + 15,
        row: areas.tabs.y,
    }));
    assert_eq!(a.reader.tab, 1);
    let row_of_second_item = a.page().items[1].start - a.reader.body.offset;
    a.update(Action::Mouse(Mouse::Click {
        column: areas.body.x + 5,
        row: areas.body.y + row_of_second_item as u16,
    }));
    assert_eq!((a.reader.body.focus, a.focus), (1, Focus::Content));
    a.update(Action::Mouse(Mouse::ScrollDown {
        column: areas.body.x + 5,
        row: areas.body.y + 2,
    }));
    assert!(a.reader.body.offset > 0);
    assert!(focused_item_visible(&a));
}

#[test]
fn quit_and_signals_set_the_exit_code() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::Quit]);
    assert_eq!(a.exit, Some(0));
    let mut a = app(100, 30);
    run(&mut a, &[Action::Interrupt(15)]);
    assert_eq!(a.exit, Some(143));
}

#[test]
fn every_size_from_0x0_to_120x40_renders_without_panic() {
    let mut states = Vec::new();
    let mut a = app(100, 30);
    states.push(a.update(Action::Resize(100, 30)).is_none());
    for setup in [
        vec![],
        vec![Action::GoTab(4), Action::Down],
        vec![Action::Help],
    ] {
        let mut a2 = app(100, 30);
        run(&mut a2, &setup);
        for w in 0..=120 {
            for h in 0..=40 {
                a2.update(Action::Resize(w, h));
                let t = draw(&a2);
                assert_eq!(t.backend().buffer().area.width, w);
            }
        }
    }
    run(&mut a, &[Action::Resize(59, 15)]);
    assert!(
        screen(&a)
            .join("")
            .contains("terminal too small (need 60x15)")
    );
    run(&mut a, &[Action::Resize(60, 15)]);
    assert!(
        !screen(&a).join("").contains("too small"),
        "growing the window restores the view"
    );
}

#[test]
fn a_resize_keeps_the_focused_item_in_view() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::GoTab(4)]);
    for _ in 0..12 {
        a.update(Action::Down);
    }
    for (w, h) in [(60, 15), (99, 18), (120, 40), (60, 15)] {
        a.update(Action::Resize(w, h));
        assert!(focused_item_visible(&a), "after a resize to {w}x{h}");
    }
}

#[test]
fn a_click_in_the_response_ends_filter_typing() {
    let mut a = app(100, 30);
    run(
        &mut a,
        &[
            Action::StartFilter,
            Action::Edit(msq::tui::input::Edit::Insert('a')),
        ],
    );
    assert_eq!(a.mode(), Mode::Filter);
    let body = Areas::at(msq::tui::layout::Size::new(100, 30))
        .unwrap()
        .body;
    a.update(Action::Mouse(Mouse::Click {
        column: body.x + 4,
        row: body.y + 2,
    }));
    assert_eq!(a.mode(), Mode::Content);
    a.update(Action::Down);
    assert_eq!(a.list.filter.text(), "a", "j moved, it was not typed");
}

#[test]
fn the_filter_keeps_the_place_it_started_from() {
    let mut a = app(100, 30);
    select(&mut a, "Mongolia");
    run(&mut a, &[Action::GoTab(3)]);
    run(
        &mut a,
        &[
            Action::StartFilter,
            Action::Edit(msq::tui::input::Edit::Insert('q')),
            Action::Edit(msq::tui::input::Edit::Insert('q')),
            Action::Edit(msq::tui::input::Edit::Insert('q')),
        ],
    );
    // "qq" would still find "Iraq IRQ".
    assert!(a.list.rows(&a.index).is_empty());
    let back = Action::Edit(msq::tui::input::Edit::Backspace);
    run(&mut a, &[back.clone(), back.clone(), back]);
    assert_eq!(a.response().unwrap().country, "Mongolia");
    // The matched letters are known for the list to mark.
    run(
        &mut a,
        &[
            Action::Edit(msq::tui::input::Edit::Insert('m')),
            Action::Edit(msq::tui::input::Edit::Insert('g')),
        ],
    );
    let rows = a.list.rows(&a.index);
    let row = rows
        .iter()
        .find(|r| {
            r.response()
                .is_some_and(|i| a.index.responses[i].country == "Mongolia")
        })
        .unwrap();
    assert_eq!(row.matches, [0, 3], "M and g of Mongolia");
}

#[test]
fn overview_labels_stand_clear_of_their_values() {
    let a = app(100, 30);
    let s = screen(&a).join("\n");
    let _ = s;
    let mut a = a;
    for _ in 0..20 {
        a.update(Action::Down);
    }
    select(&mut a, "Azerbaijan");
    a.update(Action::FocusContent);
    // The response's own fields, above the published figures at the end of the card.
    let s = scroll_to(&mut a, "Time to complete");
    assert!(s.contains("Time to complete  72:37"), "{s}");
}

#[test]
fn the_overview_picker_offers_each_link_once() {
    let mut a = app(100, 30);
    select(&mut a, "Cambodia");
    a.update(Action::FocusContent);
    a.update(Action::Open);
    let Some(Modal::Picker(p)) = &a.modal else {
        panic!("no picker")
    };
    let keys: std::collections::HashSet<Option<String>> = p
        .links
        .iter()
        .map(|l| msq::browser::link_key(&l.url))
        .collect();
    assert_eq!(keys.len(), p.links.len(), "{:?}", p.links);
    assert!(
        !p.links.iter().any(|l| l.url.contains('(')),
        "{:?}",
        p.links
    );
    // Each is labelled with the portal or item it belongs to.
    assert!(p.links.iter().all(|l| !l.label.is_empty()), "{:?}", p.links);
}

#[test]
fn a_click_on_a_link_in_the_picker_opens_it() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::GoTab(2), Action::Down, Action::Open]);
    let Some(Modal::Picker(p)) = &a.modal else {
        panic!("no picker")
    };
    let links: Vec<String> = p.links.iter().map(|l| l.url.clone()).collect();
    let list = msq::tui::layout::PickerAreas::at(a.size, links.len()).list;
    let effect = a.update(Action::Mouse(Mouse::Click {
        column: list.x + 3,
        row: list.y + 1,
    }));
    assert_eq!(
        effect,
        Some(Effect::OpenUrl(msq::browser::web_url(&links[1]).unwrap()))
    );
    assert!(a.modal.is_none());
}

#[test]
fn help_scrolls_no_further_than_its_last_line() {
    for (w, h) in [(60, 15), (100, 30)] {
        let mut a = app(w, h);
        a.update(Action::Help);
        for _ in 0..200 {
            a.update(Action::Down);
        }
        let s = screen(&a).join("\n");
        let inner = msq::tui::layout::inside(msq::tui::layout::help_popup(a.size));
        let lines = msq::tui::ui::help::lines(&a.help_modes(), usize::from(inner.width), a.theme);
        let last: String = lines
            .last()
            .unwrap()
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert!(
            s.contains(last.trim()),
            "the last line shows at {w}x{h}: {last}\n{s}"
        );
        run(&mut a, &[Action::Top]);
        assert!(screen(&a).join("\n").contains("↓ more"));
    }
}

#[test]
fn the_status_bar_always_offers_help_and_quit() {
    for w in [60, 80, 100] {
        let mut a = app(w, 20);
        for actions in [vec![], vec![Action::FocusContent], vec![Action::GoTab(3)]] {
            run(&mut a, &actions);
            let last = screen(&a).last().cloned().unwrap();
            assert!(
                last.contains("? help") && last.contains("q quit"),
                "{w}: {last}"
            );
        }
    }
}

#[test]
fn labels_and_numbers_from_an_index_pass_through_the_sanitiser() {
    let mut index = common::tui::embedded();
    let r = &mut index.responses[0];
    r.fields.push(msq::model::Field {
        label: "Evil\u{1b}]52;c;aGk=\u{7}".into(),
        value: "x".into(),
        selection: None,
    });
    r.sections[1].items[0].id = "7\u{202e}x".into();
    let mut a = common::tui::app_with(index, 100, 30);
    a.update(Action::FocusContent);
    assert!(scroll_to(&mut a, "Evil").contains("Evil␛]52;c;aGk=␇"));
    run(&mut a, &[Action::GoTab(2)]);
    assert!(screen(&a).join("\n").contains("7␦x. What is the official"));
}

#[test]
fn presentation_emphasis_shows_bold_without_asterisks() {
    use ratatui::style::Modifier;
    let mut a = app(100, 30);
    select(&mut a, "Uzbekistan");
    run(&mut a, &[Action::GoTab(2)]);
    let t = draw(&a);
    let buf = t.backend().buffer();
    let rows = screen(&a);
    let y = rows
        .iter()
        .position(|r| r.contains("- Guidelines for Improvement: Follows"))
        .unwrap_or_else(|| panic!("{}", rows.join("\n")));
    assert!(!rows.iter().any(|r| r.contains("**")));
    // Column by column: the row's text is one symbol per cell here (no wide characters).
    let row: Vec<char> = rows[y].chars().collect();
    let at = |word: &str| -> u16 {
        let chars: Vec<char> = word.chars().collect();
        row.windows(chars.len()).position(|w| w == chars).unwrap() as u16
    };
    let bold = |x: u16| buf[(x, y as u16)].modifier.contains(Modifier::BOLD);
    assert!(bold(at("Guidelines")) && bold(at("Improvement:")));
    assert!(!bold(at("Follows")) && !bold(at("- Guidelines")));
}
