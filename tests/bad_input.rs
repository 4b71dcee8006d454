//! Bad and unusual input: each gets a clear reason or parses correctly, and none panics.

mod common;

use msq::ingest::{self, IngestError, MAX_DOCUMENT_BYTES, Options};
use msq::model::Response;

fn parse(bytes: &[u8]) -> Result<Response, IngestError> {
    ingest::parse("doc.txt", bytes, &Options::default()).map(|p| p.response)
}

fn raw(iso3: &str) -> Vec<u8> {
    let path = common::raw_documents()
        .into_iter()
        .find(|p| common::parse_path(p).response.iso3 == iso3)
        .unwrap();
    std::fs::read(path).unwrap()
}

/// The response without the fields that describe the source bytes.
fn content(mut r: Response) -> Response {
    r.source.sha256.clear();
    r.source.bytes = 0;
    r.warnings.clear();
    r
}

#[test]
fn empty_whitespace_and_binary_files_get_a_reason() {
    let read = |name: &str| std::fs::read(common::fixture(name)).unwrap();
    assert_eq!(parse(&read("empty.txt")).unwrap_err(), IngestError::Empty);
    assert_eq!(
        parse(&read("whitespace_only.txt")).unwrap_err(),
        IngestError::WhitespaceOnly
    );
    assert_eq!(
        parse(&read("binary.png")).unwrap_err(),
        IngestError::Binary(8)
    );
    // A PDF is read, not refused as binary; one with nothing after its header is damaged
    // (tests/pdf.rs covers PDFs).
    assert!(matches!(
        parse(b"%PDF-1.7\n%\xe2\xe3").unwrap_err(),
        IngestError::Damaged(_)
    ));
    let msg = IngestError::Binary(8).to_string();
    assert!(!msg.contains('\n') && msg.contains("binary"), "{msg}");
}

#[test]
fn windows_and_old_mac_line_endings_parse_the_same() {
    let lf = raw("AZE");
    let text = String::from_utf8(lf.clone()).unwrap();
    let crlf = text.replace('\n', "\r\n");
    let cr = text.replace('\n', "\r");
    let expected = content(parse(&lf).unwrap());
    assert_eq!(content(parse(crlf.as_bytes()).unwrap()), expected);
    assert_eq!(content(parse(cr.as_bytes()).unwrap()), expected);
    let tjk = String::from_utf8(raw("TJK")).unwrap();
    assert_eq!(
        content(parse(tjk.replace('\n', "\r\n").as_bytes()).unwrap()),
        content(parse(tjk.as_bytes()).unwrap())
    );
}

#[test]
fn a_bom_nbsp_and_tabs_do_not_change_the_parse() {
    let text = String::from_utf8(raw("MNG")).unwrap();
    let mangled = format!(
        "\u{FEFF}{}",
        text.replace("7. What is", "7.\u{A0}What is")
            .replace("Tengis Sukhee", "Tengis\tSukhee")
    );
    let r = parse(mangled.as_bytes()).unwrap();
    assert_eq!(r.items().count(), 112);
    assert_eq!(r.cio.unwrap().name.as_deref(), Some("Tengis Sukhee"));
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let mut bytes = raw("MNG");
    let at = bytes.windows(6).position(|w| w == b"Tengis").unwrap();
    bytes[at + 1] = 0xff;
    let r = parse(&bytes).unwrap();
    assert_eq!(
        r.cio.as_ref().unwrap().name.as_deref(),
        Some("T\u{FFFD}ngis Sukhee")
    );
    assert_eq!(r.items().count(), 112);
    assert_eq!(r.warnings.len(), 1);
    assert!(
        r.warnings[0].starts_with("invalid UTF-8 from byte"),
        "{:?}",
        r.warnings
    );
}

#[test]
fn a_30_mb_single_line_is_refused_with_a_size_error() {
    let line = vec![b'a'; 30 * 1024 * 1024];
    match parse(&line).unwrap_err() {
        IngestError::TooLarge { size, limit } => {
            assert_eq!(size, 30 * 1024 * 1024);
            assert_eq!(limit, MAX_DOCUMENT_BYTES);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_long_single_line_answer_under_the_limit_is_kept_whole() {
    let text = String::from_utf8(raw("KHM")).unwrap();
    let long = "word ".repeat(1_000_000); // 5 MB on one line
    let doc = text.replacen("\nn/a\n", &format!("\n{long}\n"), 1);
    let r = parse(doc.as_bytes()).unwrap();
    assert_eq!(r.item("111").unwrap().answer.len(), long.trim_end().len());
    assert_eq!(r.items().count(), 112);
}

#[test]
fn a_numbered_list_inside_an_answer_stays_in_that_answer() {
    let text = String::from_utf8(raw("KHM")).unwrap();
    let list = "1. Strengthen the legal framework\n2. Build digital skills\n112. Not the consent question\n3. Expand CamDX";
    let doc = text.replacen("\nn/a\n", &format!("\n{list}\n"), 1);
    let r = parse(doc.as_bytes()).unwrap();
    assert_eq!(r.item("111").unwrap().answer, list);
    assert_eq!(
        r.item("112").unwrap().question,
        "I/We authorize UN DESA to publish my/our responses as deemed necessary."
    );
    assert_eq!(r.items().count(), 112);
    // Out of sequence, even at the start of a paragraph.
    let doc = text.replacen("\nn/a\n", "\n1. First\n\n50. Fiftieth\n", 1);
    let r = parse(doc.as_bytes()).unwrap();
    assert_eq!(r.item("111").unwrap().answer, "1. First\n\n50. Fiftieth");
}

#[test]
fn a_missing_question_line_does_not_swallow_the_rest() {
    let text = String::from_utf8(raw("AZE")).unwrap();
    let doc = text.replacen(
        "50. Is there any legislation, law or regulation on data sharing/exchange/interoperability across government agencies? *\n",
        "",
        1,
    );
    let r = parse(doc.as_bytes()).unwrap();
    assert!(r.item("50").is_none());
    assert_eq!(
        r.item("51").unwrap().question,
        "If yes, please provide link and detail."
    );
    assert_eq!(r.items().count(), 111);
}

#[test]
fn format_is_detected_from_content_not_the_file_name() {
    let bytes = raw("TJK");
    let a = ingest::parse("webform_export.csv", &bytes, &Options::default()).unwrap();
    let b = ingest::parse("x", &bytes, &Options::default()).unwrap();
    assert_eq!(a.format, msq::model::Format::OcrForm);
    assert_eq!(a.response.sections, b.response.sections);
}

#[test]
fn a_document_without_an_edition_asks_for_one() {
    // A presentation whose title slide has no year.
    let doc = "Ministry of Digital Affairs\n\nDigital Government in Kenya\n\n\n\n1. What works?\n\n- Many things\n";
    assert_eq!(parse(doc.as_bytes()).unwrap_err(), IngestError::NoEdition);
    let r = ingest::parse(
        "k.txt",
        doc.as_bytes(),
        &Options {
            edition: Some(2024),
        },
    )
    .unwrap()
    .response;
    assert_eq!((r.country.as_str(), r.edition), ("Kenya", 2024));
}

#[test]
fn the_edition_option_never_overrides_a_printed_year() {
    let bytes = raw("TJK");
    let r = ingest::parse(
        "t.txt",
        &bytes,
        &Options {
            edition: Some(2031),
        },
    )
    .unwrap()
    .response;
    assert_eq!(r.edition, 2020);
}
