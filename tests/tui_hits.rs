//! Search hits seen in place: the reader marks every match, a jump puts the first one in the
//! middle of the view, `n`/`N` go match by match, the preview draws an item as the reader does,
//! the hit list pages past its first 200, and a hit's response can be marked from the list.

mod common;

use common::tui::{app, deliver, draw, screen, search};
use msq::tui::action::{Action, Effect};
use msq::tui::app::App;
use msq::tui::layout::Areas;
use ratatui::style::Modifier;

/// The rows of the reader's body whose cells carry the match style, and the text they mark.
fn marked_rows(a: &App) -> Vec<(u16, String)> {
    let body = Areas::at(a.size).unwrap().body;
    let t = draw(a);
    let buf = t.backend().buffer();
    let mut out = Vec::new();
    for y in body.y..body.bottom() {
        let marked: String = (body.x..body.right())
            .filter(|&x| {
                buf[(x, y)]
                    .modifier
                    .contains(Modifier::UNDERLINED | Modifier::BOLD)
            })
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if !marked.trim().is_empty() {
            out.push((y - body.y, marked));
        }
    }
    out
}

#[test]
fn enter_puts_the_first_match_in_the_middle_of_the_view_and_marks_every_match() {
    let mut a = app(100, 30);
    search(&mut a, "interoperability");
    // A hit deep in a long section: the jump must scroll to it.
    a.update(Action::Accept);
    let rows = marked_rows(&a);
    assert!(
        !rows.is_empty(),
        "no match marked\n{}",
        screen(&a).join("\n")
    );
    let h = Areas::at(a.size).unwrap().body_rows();
    let page = a.page();
    let item = page.items[a.reader.body.focus].clone();
    let first_match = page
        .matches
        .iter()
        .find(|l| item.contains(l))
        .copied()
        .unwrap();
    let row = first_match - a.reader.body.offset;
    assert!(row < h, "the item's first match is in view");
    let (_, text) = rows
        .iter()
        .find(|(y, _)| usize::from(*y) == row)
        .unwrap_or_else(|| panic!("row {row} is not marked: {rows:?}"));
    assert!(
        text.to_lowercase().contains("interoperab"),
        "the marked text is the match: {text}"
    );
    let max = page.lines.len().saturating_sub(h);
    if first_match >= h / 2 && a.reader.body.offset < max {
        // Scrolled so the match sits in the middle of the view.
        assert!(row.abs_diff(h / 2) <= 1, "match on row {row} of {h}");
    }
}

#[test]
fn n_walks_the_matches_of_an_item_before_the_next_hit() {
    let mut a = app(100, 30);
    search(&mut a, "portal");
    a.update(Action::Accept);
    let in_first = a.reader.matches_in_focus();
    assert!(in_first >= 1);
    let start = (a.current_response(), a.reader.tab, a.reader.body.focus);
    for k in 1..in_first {
        a.update(Action::NextHit);
        assert_eq!(
            (a.current_response(), a.reader.tab, a.reader.body.focus),
            start,
            "match {k} of the first item"
        );
        assert!(!marked_rows(&a).is_empty(), "the match is in view");
    }
    a.update(Action::NextHit);
    assert_ne!(
        (a.current_response(), a.reader.tab, a.reader.body.focus),
        start,
        "on to the next hit"
    );
    let status = a.status.clone().unwrap().text;
    assert!(
        status.starts_with(&format!("match {} of ", in_first + 1)),
        "{status}"
    );
}

#[test]
fn the_preview_shows_what_the_reader_shows() {
    let mut a = app(120, 40);
    search(&mut a, "signature");
    // Item 44, a bare Yes/No question, ranks after the answers: choose it.
    let k = a
        .search
        .results
        .hits
        .iter()
        .position(|h| h.place(&a.index).1 == "44")
        .expect("item 44 among the hits");
    for _ in 0..k {
        a.update(Action::Down);
    }
    let s = screen(&a).join("\n");
    // Item 44's options, as the reader draws them, with what the source lost.
    assert!(s.contains("( ) Yes  ( ) No"), "{s}");
    assert!(s.contains("selection not recorded in source"), "{s}");
}

#[test]
fn scrolling_to_the_end_of_the_hits_asks_for_the_next_page() {
    let mut a = app(100, 30);
    search(&mut a, "government");
    let shown = a.search.results.hits.len();
    assert_eq!(shown, 200, "a query with more than a page of hits");
    assert!(a.search.results.total > shown);
    let mut asked = None;
    for _ in 0..shown + 5 {
        if let Some(Effect::Search {
            generation,
            query,
            within,
            limit,
        }) = a.update(Action::Down)
        {
            asked = Some((generation, query, within, limit));
            break;
        }
    }
    let (generation, query, within, limit) = asked.expect("no next page asked for");
    assert_eq!(limit, 400);
    let chosen = a.search.results.hits[a.search.hits.focus].clone();
    let engine = msq::search::Engine::new(&a.index);
    let q = msq::search::Query::parse(&query);
    let more = engine.search(&a.index, &q, within, limit);
    a.update(Action::SearchResults {
        generation,
        results: more,
        complete: true,
    });
    assert!(a.search.results.hits.len() > shown);
    let now = &a.search.results.hits[a.search.hits.focus];
    assert_eq!(
        (now.response, now.source),
        (chosen.response, chosen.source),
        "the chosen hit stays chosen"
    );
    let _ = deliver;
}

#[test]
fn ctrl_space_marks_the_hits_response_for_comparison() {
    let mut a = app(100, 30);
    search(&mut a, "Mongolia");
    let r = a.search.results.hits[0].response;
    a.update(Action::ToggleMark);
    assert_eq!(a.list.marked, [r]);
    assert!(
        a.status
            .clone()
            .unwrap()
            .text
            .contains("marked for comparison")
    );
    // Still searching: the query was not typed into.
    assert_eq!(a.search.input.text(), "Mongolia");
}

#[test]
fn a_country_named_in_the_query_is_said_to_scope_it() {
    let mut a = app(120, 40);
    search(&mut a, "azerbaijan cio");
    assert!(!a.search.results.hits.is_empty());
    assert!(
        a.search
            .results
            .hits
            .iter()
            .all(|h| a.index.responses[h.response].country == "Azerbaijan")
    );
    let s = screen(&a).join("\n");
    assert!(
        s.contains("country:"),
        "the overlay says how the name was read\n{s}"
    );
}

#[test]
fn a_word_one_part_holds_is_not_marked_letter_by_letter_in_another() {
    // "portal" is in the question only; the answer holds p, o, r, t, a, l scattered ("Please go
    // to our start page, all"), which a typo-tolerant match would mark.
    let item: msq::model::Item = serde_json::from_value(serde_json::json!({
        "id": "7", "number": "7", "parent": null, "headings": [],
        "question": "What is the national portal?", "required": false,
        "answer": "Please go to our start page, all of it",
        "answer_emphasis": [], "options": [], "links": [], "notes": []
    }))
    .unwrap();
    let q = msq::search::Query::parse("portal please");
    assert_eq!(msq::tui::ui::item::match_count(&item, &q), 2);
    let marked =
        msq::tui::ui::item::item_lines(&item, 80, msq::tui::theme::Theme::plain(), Some(&q));
    assert_eq!(
        marked.matches.len(),
        2,
        "portal in the question, Please in the answer"
    );
    // A word the item holds nowhere as written is still found allowing a typo, and marked.
    let typo = msq::search::Query::parse("portl");
    assert!(msq::tui::ui::item::match_count(&item, &typo) > 0);
}
