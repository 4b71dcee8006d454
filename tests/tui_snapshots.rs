//! Snapshots of the whole browser on a TestBackend, at 100x30 and a narrow 60x20.

mod common;

use common::tui::{app, draw, run, select};
use msq::tui::action::Action;

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
fn azerbaijan_selected_with_its_overview() {
    both("azerbaijan_overview", |_| {});
}

#[test]
fn tajikistan_overview_without_a_cio() {
    both("tajikistan_overview", |a| select(a, "Tajikistan"));
}

#[test]
fn a_2022_section_tab() {
    both("azerbaijan_section_c", |a| {
        run(a, &[Action::GoTab(4), Action::Down])
    });
}

#[test]
fn a_2020_section_tab() {
    both("tajikistan_section_ii", |a| {
        select(a, "Tajikistan");
        run(a, &[Action::GoTab(2), Action::Down, Action::Down]);
    });
}

#[test]
fn the_presentation() {
    both("uzbekistan_questions", |a| {
        select(a, "Uzbekistan");
        run(a, &[Action::GoTab(2)]);
    });
}

#[test]
fn the_help_overlay() {
    both("help", |a| run(a, &[Action::Help]));
}

#[test]
fn the_too_small_screen() {
    snapshot("too_small", 59, 15, |_| {});
    snapshot("too_small", 60, 14, |_| {});
    snapshot("too_small", 30, 8, |_| {});
}

#[test]
fn a_filtered_list() {
    both("filter_mo", |a| {
        run(
            a,
            &[
                Action::StartFilter,
                Action::Edit(msq::tui::input::Edit::Insert('m')),
                Action::Edit(msq::tui::input::Edit::Insert('o')),
            ],
        )
    });
}
