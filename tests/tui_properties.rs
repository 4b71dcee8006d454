//! The browser under fire: random actions at random terminal sizes never panic, and every
//! position the state holds stays valid.

mod common;

use common::tui::{app, deliver, draw};
use msq::tui::action::{Action, Effect, Mouse};
use msq::tui::app::{App, Modal};
use msq::tui::input::Edit;
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    let simple = prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::PageUp),
        Just(Action::PageDown),
        Just(Action::Top),
        Just(Action::Bottom),
        Just(Action::NextTab),
        Just(Action::PrevTab),
        Just(Action::FocusList),
        Just(Action::FocusContent),
        Just(Action::StartFilter),
        Just(Action::Edit(Edit::Backspace)),
        Just(Action::Edit(Edit::KillToStart)),
        Just(Action::Edit(Edit::KillToEnd)),
        Just(Action::Edit(Edit::Left)),
        Just(Action::Edit(Edit::Right)),
        Just(Action::Edit(Edit::Home)),
        Just(Action::Edit(Edit::DeleteWordBack)),
        Just(Action::HistoryOlder),
        Just(Action::HistoryNewer),
        Just(Action::MoveColumn(1)),
        Just(Action::MoveColumn(-1)),
        Just(Action::Accept),
        Just(Action::Back),
        Just(Action::Copy),
        Just(Action::Open),
        Just(Action::Help),
        Just(Action::OpenSearch),
        Just(Action::ToggleScope),
        Just(Action::NextHit),
        Just(Action::PrevHit),
        Just(Action::ToggleMark),
        Just(Action::OpenCompare),
        Just(Action::ToggleDiff),
        Just(Action::Export),
        Just(Action::Left),
        Just(Action::Right),
    ];
    prop_oneof![
        6 => simple,
        1 => (0usize..12).prop_map(Action::GoTab),
        2 => prop::sample::select(vec!['a', 'e', 'j', 'o', 'z', ' ', '!', '\'', ':', 'T', '谢']).prop_map(|c| Action::Edit(Edit::Insert(c))),
        1 => (0u16..=300, 0u16..=100).prop_map(|(w, h)| Action::Resize(w, h)),
        2 => (0u16..310, 0u16..110, 0u8..3).prop_map(|(column, row, k)| Action::Mouse(match k {
            0 => Mouse::Click { column, row },
            1 => Mouse::ScrollUp { column, row },
            _ => Mouse::ScrollDown { column, row },
        })),
    ]
}

/// What must hold after any action.
fn check(a: &App) -> Result<(), TestCaseError> {
    let rows = a.list.rows(&a.index);
    prop_assert!(rows.is_empty() || a.list.row(&rows) < rows.len());
    prop_assert!(
        a.current_response()
            .is_none_or(|r| rows.iter().any(|row| row.response() == Some(r))),
        "the selection is a row the filter shows"
    );
    prop_assert!(a.reader.tab < a.tab_count());
    if let Some(s) = a.section() {
        prop_assert!(
            s.items.is_empty() || a.reader.body.focus < s.items.len(),
            "item {} of {}",
            a.reader.body.focus,
            s.items.len()
        );
    }
    prop_assert!(a.page().items.is_empty() || a.reader.body.focus < a.page().items.len());
    let hits = a.search.results.hits.len();
    prop_assert!(hits == 0 || a.search.hits.focus < hits);
    if let Some(c) = a.compare() {
        let shown = c.shown().len();
        prop_assert!(shown == 0 || c.rows.focus < shown);
        prop_assert!(c.column < c.order.len());
        let cols = c.columns(a.size);
        prop_assert!(cols.first + cols.shown <= c.order.len().max(1));
        let mut order = c.order.clone();
        order.sort();
        prop_assert_eq!(order, (0..c.cmp.responses.len()).collect::<Vec<_>>());
    }
    if let Some(Modal::Picker(p)) = &a.modal {
        let shown = p.shown().len();
        prop_assert!(shown == 0 || p.list.focus < shown);
    }
    // One place says what has the keys: a modal over a screen, never a compare modal without
    // a comparison.
    if matches!(a.modal, Some(Modal::TopicFilter)) {
        prop_assert!(a.compare().is_some());
    }
    Ok(())
}

fn run_cases(cases: u32, steps: usize) {
    let mut runner = common::runner(cases);
    runner
        .run(
            &(
                (0u16..=300, 0u16..=100),
                proptest::collection::vec(action(), 1..steps),
            ),
            |((w, h), actions)| {
                let mut a = app(w, h);
                for action in actions {
                    // Searches are answered the way the worker answers them.
                    if let Some(Effect::Search {
                        generation,
                        query,
                        within,
                        ..
                    }) = a.update(action)
                    {
                        deliver(&mut a, generation, &query, within);
                    }
                    check(&a)?;
                    let t = draw(&a);
                    prop_assert_eq!(t.backend().buffer().area.width, a.size.width);
                }
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn random_actions_at_random_sizes() {
    run_cases(128, 60);
}

#[test]
#[ignore = "a soak test: cargo test --release --test tui_properties -- --ignored"]
fn soak() {
    run_cases(2_000, 120);
}
