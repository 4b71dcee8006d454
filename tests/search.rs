//! The search engine on the real corpus: ranking, query syntax, highlight positions.

mod common;

use msq::model::Index;
use msq::search::{Engine, Field, Hit, Query, Results, Source};

fn index() -> Index {
    common::tui::embedded()
}

fn run(index: &Index, q: &str) -> Results {
    let engine = Engine::new(index);
    let query = Query::parse(q);
    let exact = engine.search(index, &query, None, 50);
    engine
        .refine(index, &query, None, 50, &exact, &|| false)
        .unwrap()
}

/// (country, item id) of each hit.
fn places(index: &Index, r: &Results) -> Vec<(String, String)> {
    r.hits
        .iter()
        .map(|h| {
            let (_, item, _) = h.place(index);
            (
                index.responses[h.response].country.clone(),
                item.to_string(),
            )
        })
        .collect()
}

fn has(index: &Index, r: &Results, country: &str, item: &str) -> bool {
    places(index, r).contains(&(country.to_string(), item.to_string()))
}

/// Char positions of every occurrence of `word` in `snippet`, ignoring case.
fn positions(snippet: &str, word: &str) -> Vec<usize> {
    let chars: Vec<char> = snippet
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let w: Vec<char> = word
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let mut out = Vec::new();
    for start in 0..chars.len().saturating_sub(w.len() - 1) {
        if chars[start..start + w.len()] == w[..] {
            out.extend(start..start + w.len());
        }
    }
    out
}

/// The characters of a hit's snippet at its match positions.
fn marked(h: &Hit) -> String {
    let chars: Vec<char> = h.snippet.chars().collect();
    h.matches.iter().map(|&i| chars[i]).collect()
}

#[test]
fn jeyhun_finds_azerbaijans_cio_first() {
    let index = index();
    for q in ["Jeyhun", "jeyhun", "jeyh"] {
        let r = run(&index, q);
        assert_eq!(
            places(&index, &r)[0],
            ("Azerbaijan".to_string(), "15".to_string()),
            "{q}"
        );
    }
    assert_eq!(marked(&run(&index, "Jeyhun").hits[0]), "Jeyhun");
}

#[test]
fn digital_signature_finds_each_2022_law_question_and_the_2020_checklist() {
    let index = index();
    let r = run(&index, "digital signature");
    for country in ["Azerbaijan", "Cambodia", "Mongolia"] {
        assert!(
            has(&index, &r, country, "44"),
            "{country} 44 missing: {:?}",
            places(&index, &r)
        );
    }
    assert!(has(&index, &r, "Tajikistan", "9"));
    // Equal scores keep a stable order: country, then edition, then item order.
    let q44: Vec<String> = places(&index, &r)
        .into_iter()
        .filter(|(_, i)| i == "44")
        .map(|(c, _)| c)
        .collect();
    assert_eq!(q44, ["Azerbaijan", "Cambodia", "Mongolia"]);
    // The answers that name a digital signature law come before the questions that ask.
    assert_eq!(r.hits[0].field, Field::Answer);
    let first_question = places(&index, &r).iter().position(|(_, i)| i == "44");
    let last_answer = r.hits.iter().rposition(|h| h.tier == 0);
    assert!(last_answer < first_question, "{:?}", places(&index, &r));
    assert!(
        r.hits[..7].iter().all(|h| !h.fuzzy),
        "exact hits come first"
    );
}

#[test]
fn an_exact_term_finds_only_exact_hits() {
    let index = index();
    let r = run(&index, "'opendata");
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        assert!(!h.fuzzy);
        assert!(
            h.snippet.to_lowercase().contains("opendata"),
            "{}",
            h.snippet
        );
    }
    // Without the quote, "open data" counts too.
    assert!(run(&index, "opendata").hits.len() > r.hits.len());
}

#[test]
fn an_excluded_term_removes_its_hits() {
    let index = index();
    let engine = Engine::new(&index);
    let with = run(&index, "response");
    let without = run(&index, "response !covid");
    assert!(
        with.hits
            .iter()
            .any(|h| h.snippet.to_lowercase().contains("covid"))
    );
    assert!(without.total < with.total);
    for h in &without.hits {
        let text = match h.source {
            Source::Item { section, item } => {
                let it =
                    &index.responses[h.response].sections[section as usize].items[item as usize];
                msq::search::item_text(it).0.to_lowercase()
            }
            _ => String::new(),
        };
        assert!(!text.contains("covid"), "{text}");
    }
    let _ = engine;
}

#[test]
fn scopes_keep_results_inside_them() {
    let index = index();
    let r = run(&index, "country:mng open data");
    assert!(!r.hits.is_empty());
    assert!(
        r.hits
            .iter()
            .all(|h| index.responses[h.response].iso3 == "MNG")
    );
    let r = run(&index, "law edition:2020");
    assert!(
        r.hits
            .iter()
            .all(|h| index.responses[h.response].edition == 2020)
    );
    let r = run(&index, "section:c law");
    assert!(r.hits.iter().all(|h| h.place(&index).0 == "C"));
    let r = run(&index, "topic:portal.national");
    let items: Vec<(String, String)> = places(&index, &r);
    assert!(
        items.contains(&("Tajikistan".into(), "1".into()))
            && items.contains(&("Mongolia".into(), "7".into()))
    );
    assert!(items.iter().all(|(_, i)| i == "1" || i == "7"));
    let r = run(&index, "topic:law signature");
    assert!(has(&index, &r, "Tajikistan", "9") && has(&index, &r, "Mongolia", "45"));
}

#[test]
fn typo_tolerant_hits_fill_in_after_exact_ones() {
    let index = index();
    let r = run(&index, "cbersecurity");
    assert!(has(&index, &r, "Azerbaijan", "40") && has(&index, &r, "Mongolia", "41"));
    assert!(r.hits.iter().all(|h| h.fuzzy));
    for h in &r.hits[..3] {
        // The marked characters spell the term's letters inside "cybersecurity".
        assert_eq!(marked(h).to_lowercase(), "cbersecurity", "{}", h.snippet);
    }
    // A capitalised term is exact about case, here too.
    assert!(run(&index, "JEYHUN").hits.is_empty());
}

#[test]
fn highlights_are_char_positions_on_multibyte_text() {
    let index = index();
    let h = &run(&index, "Təbib").hits[0];
    assert_eq!(h.matches, positions(&h.snippet, "Təbib"));
    assert_eq!(h.matches.len(), 10, "both E-Təbib in the snippet");
    let r = run(&index, "%E1%9E%85");
    assert!(has(&index, &r, "Cambodia", "45"));
    assert_eq!(
        r.hits[0].matches,
        positions(&r.hits[0].snippet, "%E1%9E%85")
    );
    for word in ["谢谢", "شکرا", "Спасибо"] {
        let r = run(&index, word);
        assert_eq!(
            places(&index, &r),
            [("Uzbekistan".to_string(), "closing".to_string())],
            "{word}"
        );
        assert_eq!(
            r.hits[0].matches,
            positions(&r.hits[0].snippet, word),
            "{word}"
        );
        assert_eq!(marked(&r.hits[0]), word);
    }
}

#[test]
fn malformed_queries_give_hints_never_silence() {
    let index = index();
    for q in ["!", "'", "country:", "edition:soon", "colour:red"] {
        let r = run(&index, q);
        assert!(!r.problems.is_empty(), "{q}");
    }
    let r = run(&index, "colour:red signature");
    assert_eq!(r.problems.len(), 1);
    assert!(!r.hits.is_empty(), "the rest of the query still runs");
}

#[test]
fn contact_blocks_that_are_not_items_are_searchable() {
    let index = index();
    let r = run(&index, "Normatov");
    assert_eq!(r.hits[0].source, Source::Respondent);
    assert_eq!(index.responses[r.hits[0].response].country, "Tajikistan");
    assert_eq!(run(&index, "Saitov").hits[0].source, Source::Respondent);
}

#[test]
fn the_count_is_every_match_once_even_with_typo_hits_added() {
    let index = index();
    let engine = Engine::new(&index);
    for q in [
        "digital signature",
        "open data",
        "portal",
        "cbersecurity",
        "goverment portal",
        "law !covid",
    ] {
        let query = Query::parse(q);
        let exact = engine.search(&index, &query, None, 10_000);
        let all = engine
            .refine(&index, &query, None, 10_000, &exact, &|| false)
            .unwrap();
        let mut seen: Vec<(usize, Source)> =
            all.hits.iter().map(|h| (h.response, h.source)).collect();
        let n = seen.len();
        seen.sort_by_key(|(r, s)| (*r, format!("{s:?}")));
        seen.dedup();
        assert_eq!(seen.len(), n, "{q}: a record listed twice");
        assert_eq!(all.total, all.hits.len(), "{q}: the count is the hits");
        // With a small limit the count stays the same.
        let exact3 = engine.search(&index, &query, None, 3);
        let all3 = engine
            .refine(&index, &query, None, 3, &exact3, &|| false)
            .unwrap();
        assert_eq!(all3.total, all.total, "{q}");
        assert_eq!(all3.hits.len(), all.total.min(3), "{q}");
    }
}

#[test]
fn a_short_term_must_occur_as_written_in_typo_hits_too() {
    let index = index();
    // "cbersecurity" alone has typo hits; a short term nowhere in them rules them out.
    assert!(!run(&index, "cbersecurity").hits.is_empty());
    assert!(run(&index, "qqz cbersecurity").hits.is_empty());
    // A short term that is there keeps them.
    let r = run(&index, "law cbersecurity");
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        assert!(h.snippet.to_lowercase().contains("law") || !h.fuzzy);
    }
}

#[test]
fn a_cased_term_marks_only_its_cased_occurrences() {
    let index = index();
    let r = run(&index, "Portal");
    let both = r
        .hits
        .iter()
        .filter(|h| h.snippet.contains("portal") && h.snippet.contains("Portal"))
        .count();
    assert!(both > 0, "some snippet holds both cases");
    for h in &r.hits {
        assert_eq!(
            h.matches,
            positions_cased(&h.snippet, "Portal"),
            "{}",
            h.snippet
        );
    }
    let q = Query::parse("Portal");
    assert_eq!(
        msq::search::highlight_ranges(&q, "the portal, the Portal"),
        vec![16..22]
    );
    // Lower case still marks both.
    let q = Query::parse("portal");
    assert_eq!(
        msq::search::highlight_ranges(&q, "the portal, the Portal"),
        vec![4..10, 16..22]
    );
}

/// Char positions of every occurrence of `word` in `snippet`, case and all.
fn positions_cased(snippet: &str, word: &str) -> Vec<usize> {
    let chars: Vec<char> = snippet.chars().collect();
    let w: Vec<char> = word.chars().collect();
    (0..chars.len().saturating_sub(w.len() - 1))
        .filter(|&s| chars[s..s + w.len()] == w[..])
        .flat_map(|s| s..s + w.len())
        .collect()
}

#[test]
fn khmer_matches_are_marked_on_whole_clusters() {
    let bytes = std::fs::read(common::fixture("many_scripts.txt")).unwrap();
    let parsed = msq::ingest::parse("many_scripts.txt", &bytes, &Default::default()).unwrap();
    let index = Index::new(vec![parsed.response]);
    let r = run(&index, "សេវា");
    assert_eq!(
        places(&index, &r),
        [("Thailand".to_string(), "8".to_string())]
    );
    assert_eq!(marked(&r.hits[0]), "សេវា");
    let item = &index.responses[0].sections[1].items[1];
    assert_eq!(item.id, "8");
    let text = msq::search::item_text(item).0;
    let ranges = msq::search::highlight_ranges(&Query::parse("សេវា"), &text);
    assert_eq!(ranges.len(), 1);
    assert_eq!(&text[ranges[0].clone()], "សេវា");
}

#[test]
fn an_excluded_term_with_a_capital_is_exact_about_case() {
    let index = index();
    let all = run(&index, "response").total;
    // The answers write "COVID-19" and "Covid-19"; none writes "CoVid".
    assert!(run(&index, "response !COVID").total < all);
    assert_eq!(
        run(&index, "response !covid").total,
        run(&index, "response !COVID").total
    );
    let cased = run(&index, "response !Covid").total;
    assert!(cased < all && cased > run(&index, "response !covid").total);
    assert_eq!(run(&index, "response !CoVid").total, all);
}

#[test]
fn a_country_code_names_that_country_alone() {
    // Australia (AUS) and Austria (AUT): "aus" is a code, and a prefix of both names.
    let base = index();
    let aze = base.responses.iter().find(|r| r.iso3 == "AZE").unwrap();
    let mut responses = Vec::new();
    for (name, iso3) in [("Australia", "AUS"), ("Austria", "AUT")] {
        let mut r = aze.clone();
        r.country = name.into();
        r.iso3 = iso3.into();
        r.id = format!("{}-2022", iso3.to_lowercase());
        responses.push(r);
    }
    let index = Index::new(responses);
    let countries = |q: &str| {
        let mut c: Vec<String> = run(&index, q)
            .hits
            .iter()
            .map(|h| index.responses[h.response].iso3.clone())
            .collect();
        c.sort();
        c.dedup();
        c
    };
    assert_eq!(countries("law country:aus"), ["AUS"]);
    assert_eq!(countries("law country:AUT"), ["AUT"]);
    assert_eq!(
        countries("law country:aust"),
        ["AUS", "AUT"],
        "a longer prefix is a name"
    );
    assert_eq!(countries("law country:austria"), ["AUT"]);
    assert_eq!(index.country_code("Australia").unwrap(), "AUS");
    // The hint line says the code won over the name it begins; a longer prefix has no hint.
    assert_eq!(
        run(&index, "law country:aus").problems,
        ["country:aus is Australia's code (AUS), not a name; for Austria, write more of the name"]
    );
    assert!(run(&index, "law country:aust").problems.is_empty());
    assert!(run(&index, "law country:austria").problems.is_empty());
}

#[test]
fn an_alpha_2_code_beats_the_names_it_begins_and_the_hint_says_so() {
    // Morocco (MA) and Madagascar, Malawi: "ma" is Morocco's code and begins both other names.
    let base = index();
    let aze = base.responses.iter().find(|r| r.iso3 == "AZE").unwrap();
    let mut responses = Vec::new();
    for (name, iso3) in [("Madagascar", "MDG"), ("Malawi", "MWI"), ("Morocco", "MAR")] {
        let mut r = aze.clone();
        r.country = name.into();
        r.iso3 = iso3.into();
        r.id = format!("{}-2022", iso3.to_lowercase());
        responses.push(r);
    }
    let index = Index::new(responses);
    let r = run(&index, "law country:ma");
    assert!(!r.hits.is_empty());
    assert!(
        r.hits
            .iter()
            .all(|h| index.responses[h.response].iso3 == "MAR")
    );
    assert_eq!(
        r.problems,
        [
            "country:ma is Morocco's code (MA), not a name; for Madagascar, Malawi, write more of the name"
        ]
    );
    assert_eq!(index.country_code("MA").unwrap(), "MAR");
    let r = run(&index, "law country:mal");
    assert!(
        r.hits
            .iter()
            .all(|h| index.responses[h.response].iso3 == "MWI")
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn a_hint_is_given_once_however_often_its_scope_is_repeated() {
    let index = index();
    let r = run(
        &index,
        "law country:zz country:zz edition:2019 edition:2019",
    );
    assert_eq!(r.problems.len(), 2, "{:?}", r.problems);
    assert_eq!(
        r.problems[0],
        "no country \"zz\" in this index; it holds aze, khm, mng, tjk, uzb"
    );
}

/// A hit's whole record text, as the engine searches it.
fn record_text(index: &Index, h: &Hit) -> String {
    let r = &index.responses[h.response];
    match h.source {
        Source::Item { section, item } => {
            msq::search::item_text(&r.sections[section as usize].items[item as usize]).0
        }
        Source::Respondent => format!("{:?}", r.respondent),
        Source::Cio => format!("{:?}", r.cio),
    }
}

/// The item a hit is, if it is one.
fn item_of<'a>(index: &'a Index, h: &Hit) -> Option<&'a msq::model::Item> {
    match h.source {
        Source::Item { section, item } => {
            Some(&index.responses[h.response].sections[section as usize].items[item as usize])
        }
        _ => None,
    }
}

/// (response, source) of every hit, sorted.
fn records(r: &Results) -> Vec<(usize, String)> {
    let mut v: Vec<(usize, String)> = r
        .hits
        .iter()
        .map(|h| (h.response, format!("{:?}", h.source)))
        .collect();
    v.sort();
    v
}

#[test]
fn answers_come_before_questions_and_answered_items_before_unanswered() {
    let index = index();
    let r = run(&index, "law");
    let in_answer = r.hits[..10]
        .iter()
        .filter(|h| {
            h.field == Field::Answer
                || item_of(&index, h).is_some_and(|i| i.answer.to_lowercase().contains("law"))
        })
        .count();
    assert!(
        in_answer >= 6,
        "{in_answer} of the first ten: {:?}",
        places(&index, &r)
    );
    // Tiers never go back up, among the exact hits and among the typo hits.
    for w in r.hits.windows(2) {
        if w[0].fuzzy == w[1].fuzzy {
            assert!(w[0].tier <= w[1].tier, "{:?}", places(&index, &r));
        }
    }
    // A choice question whose tick was lost comes after every answered item.
    let engine = Engine::new(&index);
    let r = engine.search(&index, &Query::parse("law"), None, 10_000);
    let lost = r.hits.iter().position(|h| {
        item_of(&index, h).is_some_and(|i| {
            !i.is_answered() && i.selection() == Some(msq::model::ItemSelection::NotRecorded)
        })
    });
    let answered = r
        .hits
        .iter()
        .rposition(|h| !h.fuzzy && item_of(&index, h).is_none_or(|i| i.is_answered()));
    assert!(lost.is_some() && lost > answered, "{lost:?} {answered:?}");
    let r = run(&index, "open data");
    assert!(item_of(&index, &r.hits[0]).is_some_and(|i| i.is_answered()));
}

#[test]
fn a_quoted_phrase_holds_its_words_together() {
    let index = index();
    let phrase = run(&index, "\"open data\"");
    let words = run(&index, "open data");
    assert!(!phrase.hits.is_empty());
    assert!(
        phrase.total < words.total,
        "{} {}",
        phrase.total,
        words.total
    );
    let together = |s: &str| {
        let s = s.to_lowercase();
        let words: Vec<&str> = s.split_whitespace().collect();
        words
            .windows(2)
            .any(|w| w[0].ends_with("open") && w[1].starts_with("data"))
    };
    for h in &phrase.hits {
        assert!(together(&record_text(&index, h)), "{}", h.snippet);
        assert!(!h.fuzzy);
    }
    // Every record of the words that holds them together is a phrase hit.
    let expected: Vec<&Hit> = words
        .hits
        .iter()
        .filter(|h| together(&record_text(&index, h)))
        .collect();
    assert_eq!(expected.len(), phrase.hits.len());
    // Marked: the whole phrase, whitespace and all.
    let q = Query::parse("\"open data\"");
    let text = "an open\n  data portal, open, data";
    let ranges = msq::search::highlight_ranges(&q, text);
    assert_eq!(ranges, vec![3..14]);
    // Left out, the phrase removes its records and no others.
    let without = run(&index, "data !\"open data\"");
    assert!(
        without
            .hits
            .iter()
            .all(|h| !together(&record_text(&index, h)))
    );
    assert_eq!(without.total + phrase.total, run(&index, "data").total);
    // A quote left open is a hint, and the phrase still runs.
    let open = run(&index, "\"open data");
    assert_eq!(records(&open), records(&phrase));
    assert!(
        open.problems[0].contains("closing quote"),
        "{:?}",
        open.problems
    );
}

#[test]
fn a_bar_finds_either_word() {
    let index = index();
    let either = run(&index, "blockchain | biometric");
    let mut union = records(&run(&index, "blockchain"));
    union.extend(records(&run(&index, "biometric")));
    union.sort();
    union.dedup();
    assert!(!union.is_empty());
    assert_eq!(records(&either), union);
    assert!(either.problems.is_empty(), "{:?}", either.problems);
    // Written without spaces, and with an exact mark, it is the same.
    assert_eq!(records(&run(&index, "blockchain|biometric")), union);
    assert_eq!(records(&run(&index, "'blockchain | biometric")), union);
    // Each group must match: here, Mongolia's only.
    let r = run(&index, "blockchain | biometric country:mng");
    assert!(!r.hits.is_empty());
    assert!(
        r.hits
            .iter()
            .all(|h| index.responses[h.response].iso3 == "MNG")
    );
    let q = Query::parse("blockchain | biometric");
    assert_eq!(
        msq::search::highlight_ranges(&q, "Biometric data, blockchain"),
        vec![0..9, 16..26]
    );
    // A bar with nothing on one side is a hint.
    assert!(!Query::parse("blockchain |").problems.is_empty());
    assert!(!Query::parse("| blockchain").problems.is_empty());
}

#[test]
fn accents_do_not_matter_and_marks_fall_on_the_original_letters() {
    let index = index();
    for (q, word) in [("renchinkhumbe", "Renchinkhumbé"), ("tebib", "Təbib")] {
        let r = run(&index, q);
        assert!(!r.hits.is_empty(), "{q}");
        let h = &r.hits[0];
        assert!(!h.fuzzy, "{q}");
        assert!(record_text(&index, h).contains(word), "{q}");
        assert!(!h.matches.is_empty());
        assert_eq!(
            marked(h),
            word.repeat(marked(h).len() / word.len()),
            "{q}: {}",
            h.snippet
        );
        let text = record_text(&index, h);
        let ranges = msq::search::highlight_ranges(&Query::parse(q), &text);
        assert!(ranges.iter().any(|r| text.get(r.clone()) == Some(word)));
        for range in ranges {
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            // The accented word, or the plain spelling where the text has it (a URL).
            let found = text[range].to_lowercase();
            assert!(found == word.to_lowercase() || found == q, "{found}");
        }
    }
    // Folded both ways: the accented query finds the plain spelling's records too.
    assert_eq!(
        records(&run(&index, "renchinkhumbé")),
        records(&run(&index, "renchinkhumbe"))
    );
    // A capital still means case, on the original text: "E-Təbib" is there, "e-təbib" not.
    assert!(!run(&index, "E-Tebib").hits.is_empty());
    assert!(run(&index, "E-TEBIB").hits.is_empty());
}

#[test]
fn a_country_named_in_the_query_scopes_it() {
    let index = index();
    let r = run(&index, "azerbaijan cio");
    assert!(!r.hits.is_empty());
    assert!(
        r.hits
            .iter()
            .all(|h| index.responses[h.response].country == "Azerbaijan")
    );
    // First the CIO's name, found by its heading ("Contact information of national Chief
    // Information Officer (CIO)"), then the CIO questions; "Socio-Economic" in an answer is
    // no answer about a CIO, so it does not rank as one.
    let found = places(&index, &r);
    assert_eq!(found[0].1, "15", "{found:?}");
    assert!(found[..3].iter().any(|(_, i)| i == "14"), "{found:?}");
    assert_eq!(r.hits[0].tier, 1, "matched in its heading, answered");
    let socio = r.hits.iter().find(|h| h.place(&index).1 == "55").unwrap();
    assert_eq!(
        socio.tier, 1,
        "a match inside a word is not an answer match"
    );
    assert_eq!(
        r.notes,
        ["azerbaijan: taken as country:aze; quote it to search the word"]
    );
    let r = run(&index, "mongolia procurement");
    assert!(!r.hits.is_empty());
    assert!(
        r.hits
            .iter()
            .all(|h| index.responses[h.response].iso3 == "MNG")
    );
    // Its code in capitals does the same; in lower case "mng" is a word.
    assert_eq!(records(&run(&index, "MNG procurement")), records(&r));
    assert!(Query::parse("mng procurement").countries.is_empty());
    assert!(Query::parse("and can").countries.is_empty());
    // So does its alpha-2 code in capitals, unless the capitals are a word first ("IT", "ID").
    assert_eq!(records(&run(&index, "MN procurement")), records(&r));
    assert_eq!(Query::parse("KH portal").countries, ["khm"]);
    assert!(Query::parse("mn procurement").countries.is_empty());
    assert!(Query::parse("IT infrastructure").countries.is_empty());
    assert!(Query::parse("digital ID").countries.is_empty());
    assert_eq!(Query::parse("UK law").countries, ["gbr"]);
    // Names of more than one word, from the member-state table.
    assert_eq!(Query::parse("viet nam portal").countries, ["vnm"]);
    assert_eq!(Query::parse("republic of korea").countries, ["kor"]);
    assert_eq!(Query::parse("united states law").countries, ["usa"]);
    assert_eq!(Query::parse("united states law").terms.len(), 1);
    // Quoted or marked exact, it is a word to search.
    let quoted = run(&index, "\"azerbaijan\"");
    assert!(quoted.notes.is_empty());
    assert!(
        quoted
            .hits
            .iter()
            .all(|h| record_text(&index, h).to_lowercase().contains("azerbaijan"))
    );
    assert!(quoted.total > run(&index, "azerbaijan cio").total);
    assert!(Query::parse("'azerbaijan").countries.is_empty());
    let words = run(&index, "\"azerbaijan\" country:mng");
    assert!(
        words
            .hits
            .iter()
            .all(|h| index.responses[h.response].iso3 == "MNG")
    );
}

#[test]
fn a_cased_term_finds_a_capital_that_folding_brings_into_the_text() {
    let mut index = index();
    let item = &mut index.responses[0].sections[1].items[1];
    item.answer = "Contact: Ĵohn Østergaard".into();
    let ours = |r: &Results| {
        r.hits.iter().any(|h| {
            h.response == 0
                && h.source
                    == Source::Item {
                        section: 1,
                        item: 1,
                    }
        })
    };
    // "Ĵ" and "Ø" fold to the capitals "J" and "O", which the text holds nowhere as written.
    for (q, found) in [
        ("Ĵohn", true),
        ("John", true),
        ("Ostergaard", true),
        ("john", true),
        ("JOHN", false),
        ("OSTERGAARD", false),
    ] {
        assert_eq!(ours(&run(&index, q)), found, "{q}");
    }
}
