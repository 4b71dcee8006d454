//! Answers in CJK, Khmer, Arabic, with emoji and combining marks: wrapped by display width,
//! never spilling out of their pane.

mod common;

use common::tui::{app_with, draw, run};
use msq::model::Index;
use msq::tui::action::Action;
use msq::tui::layout::Areas;

fn scripts_app(w: u16, h: u16) -> msq::tui::app::App {
    let bytes = std::fs::read(common::fixture("many_scripts.txt")).unwrap();
    let parsed = msq::ingest::parse("many_scripts.txt", &bytes, &Default::default()).unwrap();
    app_with(Index::new(vec![parsed.response]), w, h)
}

/// No wrapped line is wider than the pane's text, and the response pane's right border is
/// intact on every row.
fn assert_contained(a: &msq::tui::app::App) {
    let areas = Areas::at(msq::tui::layout::Size::new(a.size.width, a.size.height)).unwrap();
    for (k, line) in a.page().lines.iter().enumerate() {
        assert!(
            line.width() <= areas.text_width(),
            "line {k} is {} wide in a {}-wide pane: {line:?}",
            line.width(),
            areas.text_width()
        );
    }
    let t = draw(a);
    let buf = t.backend().buffer();
    let x = areas.response.x + areas.response.width - 1;
    for y in areas.response.y..areas.response.y + areas.response.height {
        let sym = buf[(x, y)].symbol();
        assert!(
            ["│", "┐", "┘", "█", "║", "›"].contains(&sym),
            "row {y}: the border column holds {sym:?}"
        );
    }
}

#[test]
fn every_script_wraps_inside_its_pane() {
    for (w, h) in [(100, 30), (60, 20), (61, 15), (137, 41)] {
        let mut a = scripts_app(w, h);
        for tab in 0..a.tab_count() {
            run(&mut a, &[Action::FocusContent]);
            while a.reader.tab != tab {
                a.update(Action::NextTab);
            }
            assert_contained(&a);
            for _ in 0..12 {
                a.update(Action::Down);
                assert_contained(&a);
            }
        }
    }
}

#[test]
fn snapshots_of_the_scripts() {
    for (w, h) in [(100, 30), (60, 20)] {
        let mut a = scripts_app(w, h);
        run(&mut a, &[Action::GoTab(2)]);
        insta::assert_snapshot!(format!("scripts_section_a_{w}x{h}"), draw(&a).backend());
        run(&mut a, &[Action::Down, Action::Down, Action::Down]);
        insta::assert_snapshot!(
            format!("scripts_section_a_lower_{w}x{h}"),
            draw(&a).backend()
        );
    }
}
