//! A parse that falls short of what its format promises says so: each format's checks, the
//! refusal of a document with nothing in it, and `index build --strict`.

mod common;

use common::layouts::{self, Transform as T};
use msq::ingest::{self, IngestError, Options};
use std::process::Command;

use common::raw;

fn warnings(text: &str) -> Vec<String> {
    ingest::parse("check.txt", text.as_bytes(), &Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .response
        .warnings
}

/// Cuts the lines from the one that starts with `from` up to the one that starts with `to`.
fn without(text: &str, from: &str, to: &str) -> String {
    let a = text.find(&format!("\n{from}")).unwrap() + 1;
    let b = a + text[a..].find(&format!("\n{to}")).unwrap() + 1;
    format!("{}{}", &text[..a], &text[b..])
}

#[test]
fn the_real_documents_fall_short_of_nothing() {
    for path in common::raw_documents() {
        let r = common::parse_path(&path).response;
        assert!(r.warnings.is_empty(), "{}: {:?}", r.id, r.warnings);
    }
}

#[test]
fn a_2022_export_without_some_questions_names_them() {
    let doc = without(&raw("KHM"), "57. How long", "61. Please provide");
    let w = warnings(&doc);
    assert!(
        w.iter()
            .any(|w| w == "108 of the 2022 form's 112 questions found; missing: 57–60"),
        "{w:?}"
    );
}

#[test]
fn a_closed_question_whose_options_vanished_says_so() {
    let doc = raw("AZE").replacen("programmes? *\n\nYes\n\nNo\n", "programmes? *\n\n", 1);
    let w = warnings(&doc);
    assert!(
        w.iter()
            .any(|w| w.starts_with("question 14: none of its options (Yes / No)")),
        "{w:?}"
    );
    // The options are still shown, as the form's, and not as ticked.
    let r = ingest::parse("x", doc.as_bytes(), &Options::default())
        .unwrap()
        .response;
    let labels: Vec<&str> = r
        .item("14")
        .unwrap()
        .options
        .iter()
        .map(|o| o.label.as_str())
        .collect();
    assert_eq!(labels, ["Yes", "No"]);
}

#[test]
fn a_footnote_the_form_does_not_print_may_be_an_answer() {
    // An answer that fell to the foot of a page, where the form prints its footnotes.
    let doc = raw("TJK").replacen(
        "available for the public\n",
        "available for the public\n3 Our e-services portal also lists every form of every ministry\n",
        1,
    );
    let w = warnings(&doc);
    assert!(
        w.iter()
            .any(|w| w.contains("is not one the 2020 form prints")),
        "{w:?}"
    );
}

#[test]
fn a_2020_form_missing_a_checklist_says_so() {
    let doc = without(
        &raw("TJK"),
        "[ access to information such as",
        "(If any checked, please provide",
    );
    let w = warnings(&doc);
    assert!(
        w.iter()
            .any(|w| w == "question 9: none of its checklist options was found"),
        "{w:?}"
    );
}

#[test]
fn a_presentation_with_no_questions_says_so() {
    let doc = raw("UZB")
        .replace("\n1. What are", "\nWhat are")
        .replace("\n2. What are", "\nWhat are")
        .replace("\n3. Suggest", "\nSuggest")
        // A numbered point inside a slide is not a question.
        .replace("\n- Expanded Services:", "\n1. Expanded Services:");
    let w = warnings(&doc);
    assert!(
        w.iter()
            .any(|w| w.starts_with("no discussion questions found")),
        "{w:?}"
    );
}

#[test]
fn a_document_that_parses_into_nothing_is_refused() {
    let doc = "Respondent\n\n< 12 Anonymous >\n\n10:05\nTime to complete\n\nnothing here\n";
    let e = ingest::parse("empty-form.txt", doc.as_bytes(), &Options::default()).unwrap_err();
    assert_eq!(e, IngestError::NoItems("web-form"));
    assert!(e.to_string().contains("nothing to index"), "{e}");
}

fn msq(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_msq"))
        .args(args)
        .env_remove("MSQ_INDEX")
        .output()
        .unwrap()
}

#[test]
fn strict_builds_refuse_any_warning_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("wrapped.txt");
    std::fs::write(
        &doc,
        layouts::apply(&raw("KHM"), &[T::Wrap(64), T::NoBlank]),
    )
    .unwrap();
    let out = dir.path().join("index.json");
    let args = |strict: bool| {
        let mut a: Vec<&std::ffi::OsStr> = vec![
            "index".as_ref(),
            "build".as_ref(),
            doc.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
        ];
        if strict {
            a.push("--strict".as_ref());
        }
        a
    };
    let o = msq(&args(true));
    assert!(!o.status.success());
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("warning: layout normalised"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("--strict: 1 warning in 1 document"),
        "{stderr}"
    );
    assert!(!out.exists(), "a strict build that fails writes no index");
    // Without --strict the same build writes the index, and still prints the warning.
    let o = msq(&args(false));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.exists());
    assert!(String::from_utf8_lossy(&o.stdout).contains("warning: layout normalised"));
}
