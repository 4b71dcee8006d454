//! Every content line of every source document lands in exactly one place: an item's question,
//! answer, options or notes, a header field, or a named drop rule. The parser's trace says where
//! each line went; this test checks the trace against the finished response in both directions,
//! so a parser cannot claim to have placed text it lost, or hold text it did not trace.

mod common;

use msq::ingest::normalize::normalize;
use msq::ingest::trace::{DropRule, Part, Place, text_at};
use std::collections::{BTreeMap, BTreeSet};

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What may be left of a line once its traced pieces are taken out: the markup the parsers
/// read structure from, never words.
fn is_markup(token: &str) -> bool {
    const GLYPHS: &[&str] = &[
        "X",
        "[",
        "[]",
        "[J",
        "[I",
        "[1",
        "(",
        "(]",
        "O",
        "O]",
        "0]",
        "]",
        "|",
        "-",
        "*",
        // Markdown's strong emphasis around words kept as emphasis ("**Lead:**").
        "**",
        "<",
        ">",
        "\"",
        "®",
        "Note:",
        "Name:",
        "Title:",
        "Email:",
        "E-mail:",
        "Organization:",
        "Phone:",
    ];
    if GLYPHS.contains(&token) {
        return true;
    }
    // A footnote reference OCR made of a superscript, stripped from a heading: "™\"".
    if token.chars().all(|c| "™\"°®’”'".contains(c)) {
        return true;
    }
    // Question numbers ("12."), lettered parts ("a."), footnote numbers ("10"), roman
    // headings as OCR printed them ("VIIl.").
    let t = token.strip_suffix('.').unwrap_or(token);
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit())
            || (t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase()))
            || (token.ends_with('.') && t.chars().all(|c| "IVXLl|".contains(c)))
            || (token.ends_with('.') && t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase())))
}

fn check_document(path: &std::path::Path) -> BTreeMap<DropRule, usize> {
    let parsed = common::parse_path(path);
    let response = &parsed.response;
    let bytes = std::fs::read(path).unwrap();
    let text = normalize(&bytes);
    let name = path.file_name().unwrap().to_string_lossy();

    let mut by_line: BTreeMap<usize, Vec<&msq::ingest::trace::TraceEntry>> = BTreeMap::new();
    for e in &parsed.trace {
        by_line.entry(e.line).or_default().push(e);
    }
    let mut dropped: BTreeMap<DropRule, usize> = BTreeMap::new();
    for line in text.lines.iter().filter(|l| !l.is_blank()) {
        let entries = by_line.remove(&line.no).unwrap_or_default();
        assert!(
            !entries.is_empty(),
            "{name}:{}: line placed nowhere: {:?}",
            line.no,
            line.text
        );
        let mut rest = line.text.clone();
        let mut seen = BTreeSet::new();
        for e in &entries {
            assert!(
                seen.insert((format!("{:?}", e.place), e.text.clone())),
                "{name}:{}: the same text placed twice: {:?}",
                line.no,
                e
            );
            if let Place::Dropped(rule) = e.place {
                *dropped.entry(rule).or_default() += 1;
                assert_eq!(
                    squash(&e.text),
                    squash(&line.text),
                    "{name}:{}: a drop rule took part of a line",
                    line.no
                );
            } else {
                let held = text_at(response, &e.place).unwrap_or_else(|| {
                    panic!("{name}:{}: place does not exist: {:?}", line.no, e.place)
                });
                assert!(
                    squash(&held).contains(&squash(&e.text)),
                    "{name}:{}: {:?} does not hold {:?} (it holds {:?})",
                    line.no,
                    e.place,
                    e.text,
                    held
                );
            }
            if !e.text.is_empty() {
                let pos = rest.find(&e.text).unwrap_or_else(|| {
                    panic!(
                        "{name}:{}: traced text {:?} is not in the line {:?}",
                        line.no, e.text, line.text
                    )
                });
                rest.replace_range(pos..pos + e.text.len(), " ");
            }
        }
        for token in rest.split_whitespace() {
            assert!(
                is_markup(token),
                "{name}:{}: {:?} of line {:?} went nowhere",
                line.no,
                token,
                line.text
            );
        }
    }
    assert!(
        by_line.is_empty(),
        "{name}: trace names lines that are blank or absent: {:?}",
        by_line.keys()
    );

    // The other direction: each traced field is made of its traced pieces and nothing else.
    let mut pieces: BTreeMap<String, (Place, String)> = BTreeMap::new();
    for e in &parsed.trace {
        // A label names its field rather than holding text; the first pass checked it.
        if matches!(e.place, Place::Dropped(_) | Place::Label(_)) {
            continue;
        }
        pieces
            .entry(format!("{:?}", e.place))
            .or_insert_with(|| (e.place.clone(), String::new()))
            .1
            .push_str(&e.text);
    }
    for (place, joined) in pieces.values() {
        let held = text_at(response, place).unwrap();
        assert_eq!(
            squash(&held),
            squash(joined),
            "{name}: {place:?} holds text no source line accounts for"
        );
    }
    // Every item's question, answer and notes is traced, so nothing in an item is invented.
    for item in response.items() {
        let traced = |part: Part| {
            pieces.contains_key(&format!(
                "{:?}",
                Place::Item {
                    item: item.id.clone(),
                    part
                }
            ))
        };
        if !item.answer.is_empty() {
            assert!(
                traced(Part::Answer),
                "{name}: answer of {} is untraced",
                item.id
            );
        }
        if !item.question.is_empty() {
            assert!(
                traced(Part::Question),
                "{name}: question of {} is untraced",
                item.id
            );
        }
        for i in 0..item.notes.len() {
            assert!(
                traced(Part::Note(i)),
                "{name}: note {i} of {} is untraced",
                item.id
            );
        }
        for (i, o) in item.options.iter().enumerate() {
            // An option the export did not print is the form's own label, such as the "Other"
            // that a typed value replaced.
            if !traced(Part::Option(i)) {
                assert!(
                    msq::ingest::forms::MSQ_2022
                        .choices
                        .iter()
                        .any(|(_, labels)| labels.contains(&o.label.as_str())),
                    "{name}: option {:?} of {} is neither printed nor the form's",
                    o.label,
                    item.id
                );
            }
        }
    }
    dropped
}

#[test]
fn every_content_line_lands_in_exactly_one_place() {
    let mut rules_by_doc = BTreeMap::new();
    for path in common::raw_documents() {
        let rules = check_document(&path);
        let iso = common::parse_path(&path).response.id;
        rules_by_doc.insert(iso, rules.keys().map(|r| r.name()).collect::<Vec<_>>());
    }
    // The drop rules each document needs, and nothing else.
    let expected: BTreeMap<String, Vec<&str>> = [
        ("aze-2022", vec!["form-closing"]),
        ("khm-2022", vec!["form-closing"]),
        ("mng-2022", vec!["form-closing"]),
        ("tjk-2020", vec!["form-intro", "form-closing"]),
        ("uzb-2024-presentation", vec!["slide-header"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(rules_by_doc, expected);
}

#[test]
fn drop_rules_drop_only_what_their_names_say() {
    let tjk = common::parsed("TJK");
    let dropped = |rule: DropRule| -> Vec<String> {
        tjk.trace
            .iter()
            .filter(|e| e.place == Place::Dropped(rule))
            .map(|e| e.text.clone())
            .collect()
    };
    let intro = dropped(DropRule::FormIntro);
    assert!(
        intro[0].starts_with("Member States Questionnaire (MSQ) for the"),
        "{intro:?}"
    );
    assert_eq!(intro.last().map(String::as_str), Some("dpidg@un.org."));
    assert_eq!(
        dropped(DropRule::FormClosing),
        [
            "Thank you for taking the time to fill out the Member States Questionnaire (MSQ) 2020.",
            "We appreciate your participation."
        ]
    );
    let uzb = common::parsed("UZB");
    let headers: Vec<&str> = uzb
        .trace
        .iter()
        .filter(|e| e.place == Place::Dropped(DropRule::SlideHeader))
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        headers,
        [
            "Digital Government Projects Management Center",
            "Digital Government",
            "Center",
            "Projects Management",
            "Digital Government Projects Management Center",
            "Digital Government Projects Management Center"
        ]
    );
}
