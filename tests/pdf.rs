//! PDFs in: the text layer of a PDF made from each real document parses to the same response
//! as the document's text, and every way a PDF can fail gets its own one-line reason. Every PDF
//! here is written by the test (tests/common/pdf.rs), none is a committed binary.

mod common;

use common::pdf;
use msq::ingest::{self, IngestError, MAX_DOCUMENT_BYTES, Options};
use msq::model::Response;
use std::process::Command;

fn parse(bytes: &[u8]) -> Result<Response, IngestError> {
    ingest::parse("doc.pdf", bytes, &Options::default()).map(|p| p.response)
}

use common::raw;

/// How a document's lines go onto pages. A page break is structure the parsers read (a page
/// start in an OCR'd form, a slide in a presentation), so a document that has pages of its own
/// keeps them; a web-form export, which has none, gets 50 lines a page.
#[derive(Clone, Copy)]
enum Pages {
    EveryFifty,
    /// A new page where the OCR text starts one: a line indented by one space.
    OcrPageStarts,
    /// A new page for each slide: after three or more blank lines.
    Slides,
}

fn paginate(text: &str, pages: Pages) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines() {
        let current = out.last_mut().unwrap();
        let new_page = match pages {
            Pages::EveryFifty => current.len() == 50,
            Pages::OcrPageStarts => {
                !current.is_empty() && line.starts_with(' ') && !line.starts_with("  ")
            }
            Pages::Slides => {
                !line.is_empty()
                    && current.len() >= 3
                    && current[current.len() - 3..].iter().all(String::is_empty)
                    && current.iter().any(|l| !l.is_empty())
            }
        };
        if new_page {
            out.push(Vec::new());
        }
        out.last_mut().unwrap().push(line.to_string());
    }
    out
}

/// The document as a PDF. Characters Helvetica's WinAnsiEncoding cannot carry (AZE's "ə",
/// "□", "№"; UZB's Chinese, Arabic and Cyrillic) are written as "?"; the expected parse is of
/// the text with the same replacement, so only what survives is compared.
fn as_pdf(text: &str, pages: Pages) -> Vec<u8> {
    pdf::text_pdf(&paginate(text, pages))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader of the response sees of each item, with whitespace collapsed (PDF text
/// extraction changes spacing): id, headings, question, answer, and the options with their
/// selection.
fn items(r: &Response) -> Vec<[String; 5]> {
    r.items()
        .map(|i| {
            let options: Vec<String> = i.options.iter().map(|o| o.marked("[x]", "[ ]")).collect();
            [
                i.id.clone(),
                collapse(&i.headings.join(" | ")),
                collapse(&i.question),
                collapse(&i.answer),
                collapse(&options.join(" | ")),
            ]
        })
        .collect()
}

fn assert_same_items(iso3: &str, pages: Pages) {
    let text = pdf::winansi_only(&raw(iso3));
    let expected = parse(text.as_bytes()).unwrap();
    let got = parse(&as_pdf(&text, pages)).unwrap();
    let (expected, got) = (items(&expected), items(&got));
    for (e, g) in expected.iter().zip(&got) {
        assert_eq!(g, e, "{iso3}: first item that differs");
    }
    assert_eq!(got.len(), expected.len(), "{iso3}: item count");
}

// What pdf-extract's layout changes, seen on these documents: a run of blank lines becomes one
// blank line, and a page boundary becomes one blank line (the blank lines a page started or
// ended with go into it). So an answer that runs across a page boundary gains a paragraph
// break ("\n\n" for "\n": KHM 103, AZE 100), which the whitespace-collapsing comparison does
// not see; everything else (headers, contacts, fields, notes, warnings) is equal as it is.

#[test]
fn a_web_form_pdf_parses_to_the_same_items_as_its_text() {
    assert_same_items("KHM", Pages::EveryFifty);
    assert_same_items("AZE", Pages::EveryFifty);
    assert_same_items("MNG", Pages::EveryFifty);
}

#[test]
fn the_ocr_form_pdf_parses_to_the_same_items_as_its_text() {
    assert_same_items("TJK", Pages::OcrPageStarts);
}

#[test]
fn a_presentation_pdf_parses_to_the_same_items_as_its_text() {
    // Slide breaks must be pages: the three blank lines that mark one in text come out of
    // the extractor as one.
    assert_same_items("UZB", Pages::Slides);
}

/// A deck at fifty lines a page, whose extracted text keeps one blank line between blocks and
/// no slide breaks: the slides are found from the deck's structure, and the items are the same.
#[test]
fn a_presentation_pdf_paged_every_fifty_lines_keeps_its_items() {
    assert_same_items("UZB", Pages::EveryFifty);
}

/// The 2020 form at fifty lines a page: the layout pass takes the form's pages from its
/// footnotes, not from the PDF's page breaks, and the items are the same.
#[test]
fn an_ocr_form_pdf_paged_every_fifty_lines_keeps_its_items() {
    assert_same_items("TJK", Pages::EveryFifty);
}

/// Pages that are not the form's own keep the outline: country, edition, items, respondent.
#[test]
fn an_ocr_form_paged_differently_keeps_its_outline() {
    let text = pdf::winansi_only(&raw("TJK"));
    let expected = parse(text.as_bytes()).unwrap();
    let got = parse(&as_pdf(&text, Pages::EveryFifty)).unwrap();
    assert_eq!(
        (&got.iso3, got.edition, got.items().count()),
        (&expected.iso3, expected.edition, expected.items().count())
    );
    assert_eq!(got.respondent, expected.respondent);
    assert_eq!(got.item("1").unwrap().answer, "Hukumat.tj");
}

#[test]
fn the_source_of_a_pdf_response_is_the_pdf() {
    let bytes = as_pdf(&raw("KHM"), Pages::EveryFifty);
    let r = parse(&bytes).unwrap();
    assert_eq!(r.source.bytes, bytes.len() as u64);
    assert_eq!(r.source.sha256, ingest::sha256_hex(&bytes));
    assert_eq!(r.source.file, "doc.pdf");
}

#[test]
fn pages_are_separated_by_a_form_feed() {
    let pages = vec![
        vec!["first page".to_string(), "".into(), "  indented".into()],
        vec!["second page".to_string()],
    ];
    let text = ingest::pdf::text_layer(&pdf::text_pdf(&pages)).unwrap();
    assert_eq!(text, "first page\n\n  indented\n\n\x0csecond page");
}

#[test]
fn a_pdf_without_text_asks_for_ocr() {
    for (what, bytes) in [
        ("blank pages", pdf::blank_pdf(3)),
        ("a scan", pdf::scan_pdf(None)),
        ("only spaces", pdf::text_pdf(&[vec!["   ".to_string()]])),
    ] {
        let e = parse(&bytes).unwrap_err();
        assert_eq!(e, IngestError::NoTextLayer, "{what}");
        let msg = e.to_string();
        assert!(msg.contains("ocrmypdf") && !msg.contains('\n'), "{msg}");
    }
}

#[test]
fn a_scan_with_an_ocr_text_layer_gives_that_text() {
    let text = ingest::pdf::text_layer(&pdf::scan_pdf(Some("Hidden OCR text"))).unwrap();
    assert_eq!(text, "Hidden OCR text");
}

#[test]
fn a_truncated_or_garbled_pdf_is_damaged() {
    let good = as_pdf(&raw("KHM"), Pages::EveryFifty);
    for (what, bytes) in [
        ("first half", good[..good.len() / 2].to_vec()),
        (
            "garbage",
            b"%PDF-1.7\n%\xe2\xe3 not a PDF at all \x00\x01\x02".to_vec(),
        ),
        ("header only", b"%PDF-1.7".to_vec()),
    ] {
        match parse(&bytes).unwrap_err() {
            IngestError::Damaged(reason) => {
                assert!(
                    !reason.is_empty() && !reason.contains('\n'),
                    "{what}: {reason}"
                );
            }
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn an_encrypted_pdf_is_refused_unless_it_opens_without_a_password() {
    let pages = paginate(&raw("KHM"), Pages::EveryFifty);
    let e = parse(&pdf::encrypted_pdf(&pages, "secret")).unwrap_err();
    assert_eq!(e, IngestError::Encrypted);
    assert!(e.to_string().starts_with("encrypted PDF"), "{e}");
    // An empty user password is what "no password to open, but no copying" PDFs use; every
    // viewer opens them, and so does msq.
    let r = parse(&pdf::encrypted_pdf(&pages, "")).unwrap();
    assert_eq!(items(&r), items(&parse(&pdf::text_pdf(&pages)).unwrap()));
}

#[test]
fn a_trailer_naming_an_encryption_dictionary_is_encrypted() {
    // A hand-made file whose trailer has /Encrypt with a standard handler dictionary that no
    // password (not even the empty one) opens.
    let body = "%PDF-1.7\n\
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
        2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n\
        3 0 obj << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 \
        /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> \
        /U <ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100> >> endobj\n";
    let xref_at = body.len();
    let mut file = body.to_string();
    file.push_str("xref\n0 4\n0000000000 65535 f \n");
    for n in 1..=3 {
        let offset = body.find(&format!("\n{n} 0 obj")).unwrap() + 1;
        file.push_str(&format!("{offset:010} 00000 n \n"));
    }
    file.push_str(&format!(
        "trailer << /Size 4 /Root 1 0 R /Encrypt 3 0 R /ID [<0011> <0011>] >>\nstartxref\n{xref_at}\n%%EOF\n"
    ));
    assert_eq!(parse(file.as_bytes()).unwrap_err(), IngestError::Encrypted);
}

#[test]
fn text_inside_nested_forms_is_read() {
    let text = ingest::pdf::text_layer(&pdf::nested_forms_pdf(3, 1, "Inside a form")).unwrap();
    assert_eq!(text, "Inside a form");
}

/// pdf-extract recurses into forms without a limit: these would overflow the stack (an abort,
/// not a panic) or run a billion times, so they are refused before extraction.
#[test]
fn forms_that_draw_themselves_nest_too_deep_or_fan_out_are_damaged() {
    for (what, bytes, reason) in [
        (
            "draws itself",
            pdf::self_drawing_form_pdf(),
            "draw themselves",
        ),
        (
            "40 deep",
            pdf::nested_forms_pdf(40, 1, "deep"),
            "nest more than 32",
        ),
        (
            "2^30 draws",
            pdf::nested_forms_pdf(30, 2, "wide"),
            "more than 100000 times",
        ),
    ] {
        match parse(&bytes).unwrap_err() {
            IngestError::Damaged(r) => assert!(r.contains(reason), "{what}: {r}"),
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn a_pdf_over_the_size_limit_is_refused_before_reading() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(MAX_DOCUMENT_BYTES + 1, b' ');
    assert!(matches!(
        ingest::pdf::text_layer(&bytes).unwrap_err(),
        IngestError::TooLarge { .. }
    ));
}

/// A PDF whose text layer is larger than the limit, though the file is small: one content
/// stream, compressed, that shows the same line thousands of times.
#[test]
fn a_text_layer_over_the_size_limit_is_refused() {
    let line = "x".repeat(1000);
    let page: Vec<String> = std::iter::repeat_n(line, 600).collect();
    let pages = vec![page; 16]; // 16 * 600 * 1000 bytes of text: over 8 MiB
    let mut doc = lopdf::Document::load_mem(&pdf::text_pdf(&pages)).unwrap();
    doc.compress();
    let mut small = Vec::new();
    doc.save_to(&mut small).unwrap();
    assert!(small.len() < MAX_DOCUMENT_BYTES, "{}", small.len());
    assert_eq!(
        ingest::pdf::text_layer(&small).unwrap_err(),
        IngestError::TextLayerTooLarge {
            limit: MAX_DOCUMENT_BYTES
        }
    );
}

/// A PDF that pdf-extract panics on: a `Tj` whose operand is a number, not a string.
fn panicking_pdf() -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(&pdf::text_pdf(&[vec!["Hello".to_string()]])).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    doc.change_page_content(page, b"BT /F1 10 Tf 40 800 Td 42 Tj ET".to_vec())
        .unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_panic_in_the_extractor_is_an_error_for_that_file() {
    match parse(&panicking_pdf()).unwrap_err() {
        IngestError::PdfPanicked(reason) => {
            assert!(reason.contains("unexpected Tj operand"), "{reason}");
            let msg = IngestError::PdfPanicked(reason).to_string();
            assert!(!msg.contains('\n') && msg.contains("pdftotext"), "{msg}");
        }
        other => panic!("{other:?}"),
    }
}

/// `msq index build FILE --out index.json` in a fresh folder, with FILE holding `bytes`.
fn build(file_name: &str, bytes: &[u8]) -> (std::process::Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(file_name);
    std::fs::write(&file, bytes).unwrap();
    let out = dir.path().join("index.json");
    let o = Command::new(env!("CARGO_BIN_EXE_msq"))
        .args(["index", "build"])
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .env_remove("MSQ_INDEX")
        .output()
        .expect("run msq");
    (o, dir)
}

#[test]
fn index_build_reads_a_pdf() {
    let bytes = as_pdf(&raw("KHM"), Pages::EveryFifty);
    let (o, dir) = build("cambodia-2022.pdf", &bytes);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let row = stdout.lines().next().unwrap();
    assert!(
        row.starts_with("khm-2022") && row.contains("Cambodia"),
        "{stdout}"
    );
    let items = parse(&bytes).unwrap().tally().items;
    assert!(
        row.contains(&format!(" {items} items")) && row.ends_with("cambodia-2022.pdf"),
        "{row}"
    );
    let json = std::fs::read_to_string(dir.path().join("index.json")).unwrap();
    let index = msq::index::parse(&json, "index.json").unwrap();
    assert_eq!(index.responses[0].source.file, "cambodia-2022.pdf");
}

/// A failing PDF fails the build with one line on stderr (no panic message, no backtrace)
/// that names the file and says why, and writes no index.
#[test]
fn index_build_refuses_a_bad_pdf_with_one_line() {
    for (name, bytes, reason) in [
        ("scan.pdf", pdf::scan_pdf(None), "no text layer"),
        ("odd.pdf", panicking_pdf(), "the PDF reader failed"),
    ] {
        let (o, dir) = build(name, &bytes);
        assert!(!o.status.success(), "{name}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(name) && stderr.contains(reason), "{stderr}");
        assert!(!dir.path().join("index.json").exists());
    }
}

#[test]
fn a_folder_means_its_text_and_pdf_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cambodia.pdf"),
        as_pdf(&raw("KHM"), Pages::EveryFifty),
    )
    .unwrap();
    std::fs::write(dir.path().join("mongolia.txt"), raw("MNG")).unwrap();
    std::fs::write(dir.path().join("notes.md"), "not a document").unwrap();
    let (index, built) =
        msq::index::build(&[dir.path().to_path_buf()], &Options::default()).unwrap();
    let files: Vec<&str> = built
        .iter()
        .map(|b| b.response.source.file.as_str())
        .collect();
    assert_eq!(files, ["cambodia.pdf", "mongolia.txt"]);
    assert_eq!(index.responses.len(), 2);
}
