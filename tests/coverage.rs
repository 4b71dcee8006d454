//! Every content line of every source document lands in exactly one place: an item's question,
//! answer, options or notes, a header field, or a named drop rule. The parser's trace says where
//! each line went; this test checks the trace against the finished response in both directions,
//! so a parser cannot claim to have placed text it lost, or hold text it did not trace.

mod common;

use common::coverage::check_trace;
use msq::ingest::trace::{DropRule, Place};
use std::collections::BTreeMap;

#[test]
fn every_content_line_lands_in_exactly_one_place() {
    let mut rules_by_doc = BTreeMap::new();
    for path in common::raw_documents() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rules = check_trace(&name, &bytes, &common::parse_path(&path), true);
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
