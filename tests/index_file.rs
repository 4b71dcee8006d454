//! The committed index is reproducible from data/raw, and a damaged index gets a clear error.

mod common;

use msq::index::{self, IndexError, IndexSource};
use msq::ingest::Options;

#[test]
fn the_committed_index_is_rebuilt_byte_for_byte_from_data_raw() {
    let (built, _) = index::build(&[common::root().join("data/raw")], &Options::default()).unwrap();
    let committed = std::fs::read_to_string(common::root().join("data/index.json")).unwrap();
    let rebuilt = index::to_json(&built);
    assert!(
        rebuilt == committed,
        "data/index.json is stale: run `cargo run -- index build data/raw --out data/index.json`"
    );
    // The built-in index is the same responses in the binary form, with their search data.
    let binary = std::fs::read(common::root().join("data/index.msq")).unwrap();
    assert!(
        index::to_binary(&built) == binary,
        "data/index.msq is stale: run `cargo run -- index build data/raw --out data/index.msq`"
    );
    assert!(
        index::EMBEDDED == binary,
        "the binary embeds data/index.msq"
    );
    let embedded = index::open(&IndexSource::Embedded).unwrap();
    assert_eq!(embedded.index, built);
    // Its stored engine is the one a build makes, record for record.
    let (stored, warning) =
        index::search_engine(&embedded.index, embedded.stored.as_ref(), "built-in index");
    assert!(
        embedded.stored.is_some() && warning.is_none(),
        "{warning:?}"
    );
    assert_eq!(
        stored.haystack(),
        msq::search::Engine::new(&built).haystack()
    );
}

fn committed_json() -> String {
    std::fs::read_to_string(common::root().join("data/index.json")).unwrap()
}

#[test]
fn the_index_lists_responses_by_country_then_edition() {
    let index = index::load(&IndexSource::Embedded).unwrap();
    let ids: Vec<&str> = index.responses.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "aze-2022",
            "khm-2022",
            "mng-2022",
            "tjk-2020",
            "uzb-2024-presentation"
        ]
    );
}

fn temp_index(contents: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.json");
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

#[test]
fn a_truncated_index_is_reported_as_truncated() {
    let json = committed_json();
    let half = &json[..json.len() / 2];
    let (_dir, path) = temp_index(half);
    let err = index::load(&IndexSource::File(path.clone())).unwrap_err();
    assert!(matches!(err, IndexError::Truncated { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.starts_with(&path.display().to_string()) && msg.contains("truncated"),
        "{msg}"
    );
    assert!(!msg.contains('\n'));
}

#[test]
fn wrong_schema_missing_file_and_garbage_get_clear_errors() {
    let (_d, path) = temp_index(r#"{"schema": 99, "responses": []}"#);
    let err = index::load(&IndexSource::File(path)).unwrap_err();
    assert!(
        matches!(err, IndexError::Schema { found: 99, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("msq index build"));

    let (_d, path) = temp_index(r#"{"responses": []}"#);
    assert!(matches!(
        index::load(&IndexSource::File(path)).unwrap_err(),
        IndexError::Invalid { .. }
    ));

    let (_d, path) = temp_index(&format!(
        r#"{{"schema": {}, "responses": [{{"id": 3}}]}}"#,
        msq::model::SCHEMA_VERSION
    ));
    let err = index::load(&IndexSource::File(path)).unwrap_err();
    assert!(matches!(err, IndexError::Invalid { .. }), "{err:?}");

    let (_d, path) = temp_index("\u{1b}[2J not json");
    assert!(matches!(
        index::load(&IndexSource::File(path)).unwrap_err(),
        IndexError::Invalid { .. }
    ));

    let err = index::load(&IndexSource::File("/nonexistent/msq.json".into())).unwrap_err();
    assert!(matches!(err, IndexError::Read { .. }));
    assert!(
        err.to_string()
            .starts_with("/nonexistent/msq.json: cannot read the index")
    );
}

#[test]
fn duplicate_response_ids_are_invalid() {
    let mut index = index::load(&IndexSource::Embedded).unwrap();
    let first = index.responses[0].clone();
    index.responses.push(first);
    let (_d, path) = temp_index(&index::to_json(&index));
    let err = index::load(&IndexSource::File(path)).unwrap_err();
    assert!(err.to_string().contains("appears twice"), "{err}");
}

#[test]
fn emphasis_outside_its_answer_is_invalid() {
    let index = index::load(&IndexSource::Embedded).unwrap();
    let r = index
        .responses
        .iter()
        .position(|r| r.iso3 == "UZB")
        .unwrap();
    let s = index.responses[r].sections.len() - 1;
    // The closing slide: "Department of\nشکرا 谢谢 ...".
    let answer = index.responses[r].sections[s].items[0].answer.clone();
    let inside_a_character = answer.find('谢').unwrap() + 1;
    // Past its end, and ending inside a character.
    for bad in [answer.len()..answer.len() + 1, 0..inside_a_character] {
        let mut index = index.clone();
        index.responses[r].sections[s].items[0].answer_emphasis = vec![bad];
        let (_d, path) = temp_index(&index::to_json(&index));
        let err = index::load(&IndexSource::File(path)).unwrap_err();
        assert!(
            err.to_string().contains("not a piece of its answer"),
            "{err}"
        );
    }
}

#[test]
fn atomic_write_replaces_the_file_and_leaves_no_temporary_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.json");
    index::write_atomic(&path, b"first").unwrap();
    index::write_atomic(&path, b"second").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("index.json")]);
}

#[test]
fn country_selection_by_name_code_alias_and_unique_prefix() {
    use msq::index::{SelectError, Selector};
    let mut index = index::load(&IndexSource::Embedded).unwrap();
    let template = index.responses[0].clone();
    for (name, iso3) in [
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Viet Nam", "VNM"),
    ] {
        let mut r = template.clone();
        r.country = name.into();
        r.iso3 = iso3.into();
        r.id = format!("{}-2022", iso3.to_lowercase());
        index.responses.push(r);
    }
    let pick = |q: &str| {
        index
            .select_one(&Selector::parse(q, None))
            .map(|r| r.iso3.clone())
    };
    assert_eq!(
        pick("guinea").unwrap(),
        "GIN",
        "an exact name beats a longer name it prefixes"
    );
    assert_eq!(pick("guinea-b").unwrap(), "GNB");
    assert_eq!(
        pick("Vietnam").unwrap(),
        "VNM",
        "common short names are aliases"
    );
    assert_eq!(pick("vnm").unwrap(), "VNM");
    assert!(matches!(
        index.select(&Selector::parse("Gui", None)).unwrap_err(),
        SelectError::Ambiguous { .. }
    ));
    let err = index
        .select(&Selector::parse("Gui", None))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "\"Gui\" matches several countries: Guinea, Guinea-Bissau; type more of the name"
    );
    assert_eq!(pick("Tajikistan:2020").unwrap(), "TJK");
}
