//! The search overlay: typing, results, jumping, and never showing stale results.

mod common;

use common::tui::{app, deliver, draw, run, screen, search};
use msq::tui::action::{Action, Effect};
use msq::tui::keymap::Mode;
use msq::tui::worker::{Job, SearchWorker};
use std::time::{Duration, Instant};

#[test]
fn the_overlay_with_hits() {
    for (w, h) in [(100, 30), (60, 20)] {
        let mut a = app(w, h);
        search(&mut a, "digital signature");
        insta::assert_snapshot!(format!("search_hits_{w}x{h}"), draw(&a).backend());
    }
}

#[test]
fn the_overlay_with_no_hits() {
    let mut a = app(100, 30);
    search(&mut a, "zzzqqqxx");
    let s = screen(&a).join("\n");
    assert!(s.contains("0 matches") && s.contains("no hits"), "{s}");
    insta::assert_snapshot!("search_no_hits_100x30", draw(&a).backend());
}

#[test]
fn the_overlay_with_a_malformed_query() {
    let mut a = app(100, 30);
    search(&mut a, "colour:red signature !");
    let s = screen(&a).join("\n");
    assert!(s.contains("9 matches · unknown scope \"colour:\""), "{s}");
    insta::assert_snapshot!("search_malformed_100x30", draw(&a).backend());
    // A scope nothing answers to says so next to what the rest found.
    search(&mut a, "law country:aze country:zz");
    let s = screen(&a).join("\n");
    assert!(
        s.contains("21 matches · no country \"zz\" in this index"),
        "{s}"
    );
    // A query of nothing but a lone "!" asks the engine nothing and still says why.
    let mut a = app(100, 30);
    a.update(Action::OpenSearch);
    assert_eq!(
        a.update(Action::Edit(msq::tui::input::Edit::Insert('!'))),
        None
    );
    assert!(
        screen(&a)
            .join("\n")
            .contains("\"!\" needs a word after it")
    );
}

#[test]
fn enter_jumps_to_the_item_and_n_steps_through_the_hits() {
    let mut a = app(100, 30);
    search(&mut a, "Jeyhun");
    run(&mut a, &[Action::Accept]);
    assert_eq!(a.mode(), Mode::Content);
    let r = a.response().unwrap();
    assert_eq!(r.country, "Azerbaijan");
    assert_eq!(a.section().unwrap().items[a.reader.body.focus].id, "15");
    assert!(screen(&a).join("\n").contains("Jeyhun Salmanov"));

    search(&mut a, "digital signature");
    run(&mut a, &[Action::Accept]);
    let place = |a: &msq::tui::app::App| {
        (
            a.response().unwrap().country.clone(),
            a.section().unwrap().items[a.reader.body.focus].id.clone(),
        )
    };
    let first = place(&a);
    // n moves match by match: through the item's matches, then on to the next hit.
    let mut k = 1;
    let total = loop {
        run(&mut a, &[Action::NextHit]);
        k += 1;
        let text = a.status.as_ref().unwrap().text.clone();
        let (at, total) = text
            .strip_prefix("match ")
            .and_then(|t| t.split_once(" of "))
            .map(|(a, b)| (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap()))
            .unwrap_or_else(|| panic!("{text}"));
        assert_eq!(at, k, "{text}");
        if place(&a) != first {
            break total;
        }
        assert!(k < 20, "n never left {first:?}");
    };
    assert!(total > k, "{total} matches in all");
    run(&mut a, &[Action::PrevHit]);
    assert_eq!(first, place(&a));
    // The focused item is in view after a jump deep into a long section.
    let item = &a.page().items[a.reader.body.focus];
    assert!(item.start >= a.reader.body.offset && item.start < a.reader.body.offset + 25);
}

#[test]
fn slash_starts_a_fresh_query_escape_keeps_the_hits_and_up_walks_the_history() {
    use msq::tui::input::Edit;
    let mut a = app(100, 30);
    search(&mut a, "cbersecurity");
    run(&mut a, &[Action::Back]);
    assert_eq!(a.mode(), Mode::List);
    // n still steps through the hits of the query Esc closed.
    run(&mut a, &[Action::NextHit]);
    assert!(a.status.as_ref().unwrap().text.starts_with("match 2 of"));
    run(&mut a, &[Action::OpenSearch]);
    assert_eq!(a.search.input.text(), "", "/ starts a fresh query");
    assert!(!a.search.results.hits.is_empty());
    let s = screen(&a).join("\n");
    assert!(s.contains("last search: cbersecurity"), "{s}");
    // Typing is not appended to the old query.
    a.update(Action::Edit(Edit::Insert('e')));
    assert_eq!(a.search.searched, "e");
    // ↑ brings the earlier query back, whole; ↓ returns to what was being typed.
    a.update(Action::HistoryOlder);
    assert_eq!(a.search.input.text(), "cbersecurity");
    assert_eq!(a.search.searched, "cbersecurity");
    a.update(Action::HistoryNewer);
    assert_eq!(a.search.input.text(), "e");
    // The line edits like a shell's: ← and a character go in before the cursor.
    run(
        &mut a,
        &[
            Action::Edit(Edit::Home),
            Action::Edit(Edit::Insert('x')),
            Action::Edit(Edit::End),
            Action::Edit(Edit::Insert('y')),
        ],
    );
    assert_eq!(a.search.input.text(), "xey");
}

#[test]
fn tab_limits_the_search_to_the_current_response() {
    let mut a = app(100, 30);
    common::tui::select(&mut a, "Mongolia");
    search(&mut a, "open data");
    let all = a.search.results.total;
    let effect = a.update(Action::ToggleScope);
    let Some(Effect::Search {
        generation,
        query,
        within,
        ..
    }) = effect
    else {
        panic!("{effect:?}")
    };
    assert_eq!(within, Some(2));
    deliver(&mut a, generation, &query, within);
    assert!(a.search.results.total < all);
    assert!(
        a.search
            .results
            .hits
            .iter()
            .all(|h| a.index.responses[h.response].country == "Mongolia")
    );
    assert!(screen(&a).join("\n").contains("[Mongolia 2022 only]"));
}

#[test]
fn results_of_an_older_query_never_replace_newer_ones() {
    let mut a = app(100, 30);
    a.update(Action::OpenSearch);
    let mut effects = Vec::new();
    for c in "jey".chars() {
        if let Some(Effect::Search {
            generation,
            query,
            within,
            ..
        }) = a.update(Action::Edit(msq::tui::input::Edit::Insert(c)))
        {
            effects.push((generation, query, within));
        }
    }
    // The newest answers first; the older ones straggle in after it.
    let (g3, q3, w3) = effects[2].clone();
    deliver(&mut a, g3, &q3, w3);
    let newest = a.search.results.clone();
    for (g, q, w) in &effects[..2] {
        deliver(&mut a, *g, q, *w);
    }
    assert_eq!(a.search.results, newest);
    assert_eq!(a.search.generation, g3);
}

#[test]
fn the_worker_delivers_the_newest_query_only() {
    let mut a = app(100, 30);
    // The engine from the built-in index's stored search data, as the browser makes it.
    let stored = msq::index::open(&msq::index::IndexSource::Embedded)
        .unwrap()
        .stored;
    assert!(stored.is_some());
    a.search.indexing = true;
    let worker = SearchWorker::spawn(
        std::sync::Arc::clone(&a.index),
        stored,
        "built-in index".into(),
    );
    a.update(Action::OpenSearch);
    for c in "abc".chars() {
        if let Some(Effect::Search {
            generation,
            query,
            within,
            limit,
        }) = a.update(Action::Edit(msq::tui::input::Edit::Insert(c)))
        {
            worker.submit(Job {
                generation,
                query,
                within,
                limit,
            });
        }
    }
    // Feed the app whatever comes back, until the newest search is complete.
    let deadline = Instant::now() + Duration::from_secs(20);
    while a.search.refining && Instant::now() < deadline {
        if let Ok(event) = worker.events.recv_timeout(Duration::from_millis(50)) {
            a.update(event);
        }
    }
    assert!(!a.search.refining, "the search never completed");
    assert!(!a.search.indexing, "the worker said its engine is ready");
    assert_eq!(a.search.searched, "abc");
    let engine = msq::search::Engine::new(&a.index);
    let q = msq::search::Query::parse("abc");
    let exact = engine.search(&a.index, &q, None, 200);
    let expected = engine
        .refine(&a.index, &q, None, 200, &exact, &|| false)
        .unwrap();
    assert_eq!(a.search.results, expected);
}

#[test]
fn the_preview_starts_at_a_match_deep_inside_one_long_line() {
    // Azerbaijan's item 12 is one line of over 3,000 characters; the match is at its end.
    let mut a = app(100, 30);
    search(&mut a, "mida.gov.az");
    assert_eq!(a.search.results.hits.len(), 1);
    let areas = msq::tui::layout::SearchAreas::at(msq::tui::layout::Size::new(100, 30)).unwrap();
    let t = draw(&a);
    let buf = t.backend().buffer();
    let preview: String = (areas.preview.y..areas.preview.y + areas.preview.height)
        .map(|y| {
            (areas.preview.x..areas.preview.x + areas.preview.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(preview.contains("mida.gov.az"), "{preview}");
    assert!(
        preview.contains("Azerbaijan · 2022 · 12"),
        "the title stays: {preview}"
    );
}

#[test]
fn the_status_bar_says_when_the_typo_pass_is_still_running_behind_a_closed_overlay() {
    let mut a = app(100, 30);
    run(&mut a, &[Action::OpenSearch]);
    let mut last = None;
    for c in "cbersecurity".chars() {
        if let Some(Effect::Search {
            generation, query, ..
        }) = a.update(Action::Edit(msq::tui::input::Edit::Insert(c)))
        {
            last = Some((generation, query));
        }
    }
    let (generation, query) = last.unwrap();
    let (exact, all) = common::tui::passes(&a, &query, None);
    a.update(Action::SearchResults {
        generation,
        results: exact,
        complete: false,
    });
    run(&mut a, &[Action::Back]);
    let status = |a: &msq::tui::app::App| screen(a).last().unwrap().clone();
    assert!(status(&a).contains("refining search…"), "{}", status(&a));
    a.update(Action::SearchResults {
        generation,
        results: all,
        complete: true,
    });
    assert!(!status(&a).contains("refining"), "{}", status(&a));
    // With the overlay open, the overlay's own line says it instead.
    run(&mut a, &[Action::OpenSearch]);
    assert!(!status(&a).contains("refining"));
}

#[test]
fn the_preview_follows_the_selected_hit_and_the_newest_results() {
    let mut a = app(100, 30);
    search(&mut a, "digital signature");
    let title = |a: &msq::tui::app::App| a.search.preview(&a.index).unwrap().title;
    // The title names the chosen hit: its country, edition and item.
    let expected = |a: &msq::tui::app::App, k: usize| {
        let h = &a.search.results.hits[k];
        let r = &a.index.responses[h.response];
        format!("{} · {} · {}", r.country, r.edition, h.place(&a.index).1)
    };
    assert_eq!(title(&a), expected(&a, 0));
    run(&mut a, &[Action::Down]);
    assert_eq!(title(&a), expected(&a, 1));
    assert_ne!(expected(&a, 0), expected(&a, 1));
    // Keys that change nothing about the hit leave the preview as it was.
    let before = a.search.preview(&a.index);
    run(&mut a, &[Action::Resize(120, 40), Action::Resize(100, 30)]);
    assert_eq!(a.search.preview(&a.index), before);
    search(&mut a, "Jeyhun");
    assert_eq!(title(&a), "Azerbaijan · 2022 · 15");
    let p = a.search.preview(&a.index).unwrap();
    assert_eq!(&p.text[p.matches[0].clone()], "Jeyhun");
}

#[test]
fn a_search_typed_before_the_engine_is_ready_says_indexing() {
    // As the browser starts on an index without stored search data: the worker builds its
    // engine, and the first frame and the query line do not wait for it.
    let mut a = app(100, 30);
    a.search.indexing = true;
    run(&mut a, &[Action::OpenSearch]);
    for c in "data".chars() {
        a.update(Action::Edit(msq::tui::input::Edit::Insert(c)));
    }
    let s = screen(&a).join("\n");
    assert!(s.contains("indexing…") && !s.contains("refining…"), "{s}");
    a.update(Action::EngineReady { warning: None });
    let s = screen(&a).join("\n");
    assert!(s.contains("refining…") && !s.contains("indexing…"), "{s}");
    // Stored data that did not fit: the status bar says so, and search goes on.
    a.update(Action::EngineReady {
        warning: Some("mine.msq: its search data does not fit its responses".into()),
    });
    let s = screen(&a).join("\n");
    assert!(s.contains("mine.msq: its search data does not fit"), "{s}");
    let generation = a.search.generation;
    deliver(&mut a, generation, "data", None);
    let s = screen(&a).join("\n");
    assert!(s.contains("matches") && !s.contains("indexing…"), "{s}");
}
