//! Realistic variants of the real documents: what other countries' copies of the same formats
//! will look like. Each test changes a real document the way another respondent, another OCR
//! run or another slide deck would, and checks that the text still lands where it belongs.

mod common;

use msq::ingest::{self, IngestError, Options};
use msq::model::{NoteKind, Response, Selection};

use common::raw;

fn parse(text: &str) -> Response {
    ingest::parse("variant.txt", text.as_bytes(), &Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .response
}

/// Replaces the `n`-th line (1-based) of a document.
fn with_line(text: &str, n: usize, new: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines[n - 1] = new;
    lines.join("\n")
}

fn answer<'a>(r: &'a Response, id: &str) -> &'a str {
    &r.item(id).unwrap_or_else(|| panic!("no item {id}")).answer
}

// Web-form exports.

#[test]
fn webform_thank_you_in_an_answer_does_not_end_the_form() {
    let doc = raw("KHM").replacen("\nn/a\n", "\nThank you\n", 1);
    let r = parse(&doc);
    assert_eq!(answer(&r, "111"), "Thank you");
    assert_eq!(r.item("112").unwrap().options.len(), 2);
}

#[test]
fn webform_a_bulleted_answer_to_a_question_ending_in_a_colon_stays_an_answer() {
    let doc = raw("KHM").replacen(
        "75. Artificial intelligence (AI) - please provide link and detail:\n\n- Policy framework",
        "75. Artificial intelligence (AI) - please provide link and detail:\n\n- National AI Strategy 2025 (draft)\n\n- Policy framework",
        1,
    );
    let r = parse(&doc);
    assert_eq!(
        r.item("75").unwrap().question,
        "Artificial intelligence (AI) - please provide link and detail:"
    );
    assert!(answer(&r, "75").starts_with("- National AI Strategy 2025 (draft)"));
}

#[test]
fn webform_numbered_answer_paragraphs_are_not_questions() {
    let list: String = (1..=10)
        .map(|n| format!("{n}. Portal number {n}\n\n"))
        .collect();
    let doc = raw("MNG").replacen(
        "Government e-services portal that has 527",
        &format!("{list}Government e-services portal that has 527"),
        1,
    );
    let r = parse(&doc);
    assert!(answer(&r, "7").starts_with("1. Portal number 1\n\n2. Portal number 2"));
    assert!(answer(&r, "7").contains("10. Portal number 10"));
    assert_eq!(
        answer(&r, "8"),
        "Online service platform for the Capital City of Mongolia: eservice.ulaanbaatar.mn"
    );
    assert_eq!(r.items().count(), 112);
}

#[test]
fn webform_a_respondents_note_paragraph_stays_in_the_answer() {
    let doc = raw("KHM").replacen(
        "\nn/a\n",
        "\nWe are updating our portal.\n\nNote: figures are from 2020.\n",
        1,
    );
    let r = parse(&doc);
    assert_eq!(
        answer(&r, "111"),
        "We are updating our portal.\n\nNote: figures are from 2020."
    );
    assert!(r.item("111").unwrap().notes.is_empty());
}

#[test]
fn webform_a_sub_heading_out_of_its_place_is_answer_text() {
    // "COVID-19 response" is the form's heading before question 31 only.
    let doc = raw("KHM").replacen("\nn/a\n", "\nn/a\n\nCOVID-19 response\n", 1);
    let r = parse(&doc);
    assert_eq!(answer(&r, "111"), "n/a\n\nCOVID-19 response");
}

#[test]
fn webform_a_country_answer_of_na_falls_back_to_the_country_named_most() {
    let doc = raw("KHM").replacen(
        "1. Country name *\n\nCambodia",
        "1. Country name *\n\nN/A",
        1,
    );
    assert_eq!(parse(&doc).country, "Cambodia");
}

#[test]
fn webform_without_its_header_or_required_marks_is_still_a_webform() {
    let doc = raw("AZE");
    let start = doc.find("1. Country name").unwrap();
    let doc = doc[start..].replace(" *\n", "\n");
    let r = parse(&doc);
    assert_eq!(r.source.format, msq::model::Format::WebForm);
    assert_eq!(r.items().count(), 112);
    assert_eq!(r.cio.unwrap().name.as_deref(), Some("Jeyhun Salmanov"));
}

// OCR'd forms.

#[test]
fn ocr_a_capital_letter_after_x_that_is_not_ascii_does_not_panic() {
    let doc = with_line(&raw("TJK"), 20, "XÉcole nationale d'administration");
    let r = parse(&doc);
    assert_eq!(answer(&r, "1"), "XÉcole nationale d'administration");
}

#[test]
fn ocr_thank_you_in_an_answer_does_not_end_the_form() {
    let doc = with_line(
        &raw("TJK"),
        238,
        "Thank you for the opportunity; we plan to join the Digital CASA project in 2021.",
    );
    let r = parse(&doc);
    assert!(answer(&r, "24").starts_with("Thank you for the opportunity"));
    assert_eq!(
        r.respondent.as_ref().unwrap().name.as_deref(),
        Some("Diyor Normatov")
    );
    assert!(r.item("X.2").is_some());
}

#[test]
fn ocr_a_superscript_after_a_question_does_not_swallow_the_answer() {
    let doc = raw("TJK");
    let doc = with_line(&doc, 43, "national level in charge of e-government.4");
    let doc = with_line(&doc, 45, "www.medt.tj and www.president.tj");
    let r = parse(&doc);
    assert!(
        r.item("3")
            .unwrap()
            .question
            .ends_with("in charge of e-government.4")
    );
    assert!(answer(&r, "3").starts_with("www.medt.tj and www.president.tj"));
}

#[test]
fn ocr_a_bracket_read_as_square_still_closes_the_question() {
    let doc = with_line(
        &raw("TJK"),
        203,
        "18. What percentage of your GDP is allocated for ICT investment in the public sector? (Max. 250 words]",
    );
    let r = parse(&doc);
    assert_eq!(answer(&r, "18"), "No information");
}

#[test]
fn ocr_an_answer_in_brackets_is_an_answer() {
    let r = parse(&with_line(&raw("TJK"), 204, "(no data available)"));
    assert_eq!(answer(&r, "18"), "(no data available)");
    assert!(r.item("18").unwrap().notes.is_empty());
    let doc = with_line(
        &raw("TJK"),
        45,
        "(Executive office of President of the Republic of Tajikistan, Ministry of Economic Development",
    );
    let r = parse(&with_line(&doc, 46, "and Trade)"));
    assert!(r.item("3").unwrap().options.is_empty());
    assert!(answer(&r, "3").ends_with("Development and Trade)"));
}

#[test]
fn ocr_an_answer_starting_with_a_number_at_a_page_foot_is_not_a_footnote() {
    let r = parse(&with_line(
        &raw("TJK"),
        99,
        "3 agencies share it: Ministry of Industry and new Technology,",
    ));
    assert!(answer(&r, "5i").starts_with("3 agencies share it"));
}

#[test]
fn ocr_lettered_parts_survive_a_page_break_with_footnotes() {
    let doc = raw("TJK").replacen(
        "national level in charge of the following:\na. Planning and Development",
        "national level in charge of the following:\n\n6 Agencies listed by the Government.\n a. Planning and Development",
        1,
    );
    let r = parse(&doc);
    assert_eq!(r.item("5a").unwrap().question, "Planning and Development");
    assert_eq!(
        answer(&r, "5a"),
        "Ministry of Economic Development and Trade, www.medt.tj"
    );
    let footnote = "Agencies listed by the Government.";
    assert!(
        r.items()
            .all(|i| !i.answer.contains(footnote) && !i.question.contains(footnote))
    );
    assert!(
        r.items()
            .any(|i| i.notes.iter().any(|n| n.text == footnote))
    );
}

#[test]
fn ocr_checkbox_variants_keep_their_ticks() {
    let doc = with_line(&raw("TJK"), 153, "[] Yes [X] No");
    let doc = with_line(&doc, 160, "☒ Yes ☐ No");
    let r = parse(&doc);
    let states = |id: &str| -> Vec<(String, Selection)> {
        r.item(id)
            .unwrap()
            .options
            .iter()
            .map(|o| (o.label.clone(), o.selection))
            .collect()
    };
    assert_eq!(
        states("10"),
        [
            ("Yes".into(), Selection::NotRecorded),
            ("No".into(), Selection::Recorded)
        ]
    );
    assert_eq!(
        states("12"),
        [
            ("Yes".into(), Selection::Recorded),
            ("No".into(), Selection::NotRecorded)
        ]
    );
}

#[test]
fn ocr_title_block_variants() {
    let doc = with_line(&raw("TJK"), 13, "[ Tajikistan ] [ 31.07.2019");
    let doc = with_line(
        &doc,
        15,
        "[X] I/We hereby authorize UNDESA to publish my/our responses as deemed necessary.",
    );
    let r = parse(&doc);
    assert_eq!(r.field("Date"), Some("31.07.2019"));
    let consent = r.fields.iter().find(|f| f.label == "Consent").unwrap();
    assert_eq!(consent.selection, Some(Selection::Recorded));
}

#[test]
fn ocr_without_page_marks_footnotes_stay_out_of_answers() {
    let doc: String = raw("TJK")
        .split('\n')
        .map(|l| {
            if l.starts_with(' ') && !l.starts_with("  ") {
                &l[1..]
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let r = parse(&doc);
    assert_eq!(
        answer(&r, "5i"),
        "Ministry of Industry and new Technology,\nMinistry of Economic Development and Trade, www.medt.tj"
    );
    assert_eq!(answer(&r, "2e"), "");
    assert_eq!(answer(&r, "13"), "Not yet");
    for i in r.items() {
        assert!(
            !i.answer.contains("CIO or a similar senior official"),
            "{}",
            i.id
        );
        assert!(!i.answer.contains("Related to SDG"), "{}", i.id);
    }
    assert!(
        r.item("4")
            .unwrap()
            .notes
            .iter()
            .any(|n| n.kind == NoteKind::Footnote)
    );
}

// Presentations.

#[test]
fn slides_a_numbered_list_in_an_answer_is_not_a_question() {
    let doc = raw("UZB").replace(
        "What works:\n\n",
        "What works:\n\n1. Digital ID for all citizens\n2. One-stop shop my.gov.uz\n\n",
    );
    let r = parse(&doc);
    let ids: Vec<&str> = r.items().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["background", "1", "2", "3", "closing"]);
    assert!(answer(&r, "1").contains("1. Digital ID for all citizens\n2. One-stop shop my.gov.uz"));
    assert!(
        r.item("2")
            .unwrap()
            .question
            .starts_with("What are two challenges")
    );
}

#[test]
fn slides_a_sub_heading_on_two_slides_is_not_a_header() {
    let doc = raw("UZB").replace(
        "What doesn't work\n",
        "\n\n\n\nWhat works:\n\n- Open data portal data.egov.uz launched.\n\n\n\nWhat doesn't work\n",
    );
    let r = parse(&doc);
    assert_eq!(answer(&r, "1").matches("What works:").count(), 2);
    assert!(answer(&r, "1").contains("- Open data portal data.egov.uz launched."));
}

#[test]
fn slides_a_last_slide_of_points_that_says_thank_you_is_content() {
    let doc = raw("UZB").replace(
        "شکرا 谢谢 Thank You Merci Спасибо Gracias",
        "- Regional data hubs.\n- Shared standards.\nThank you for your attention",
    );
    let r = parse(&doc);
    assert!(answer(&r, "3").contains("- Regional data hubs."));
}

#[test]
fn slides_without_a_title_slide_start_with_their_first_part() {
    let doc = raw("UZB");
    let start = doc.find("Background").unwrap();
    let doc = format!("\n\n\n\n{}", &doc[start..]);
    assert_eq!(
        ingest::parse("v.txt", doc.as_bytes(), &Options::default()).unwrap_err(),
        IngestError::NoEdition
    );
    let r = ingest::parse(
        "v.txt",
        doc.as_bytes(),
        &Options {
            edition: Some(2024),
        },
    )
    .unwrap()
    .response;
    assert_eq!(r.sections[0].title, "Background");
    assert!(
        answer(&r, "background")
            .starts_with("- Digital Government Projects Management Center was established")
    );
    assert!(r.fields.is_empty());
}

#[test]
fn slides_a_presenter_over_several_lines() {
    let doc = "\n\n\n\nINTERNATIONAL CONFERENCE ON DATA AND DIGITAL GOVERNANCE 2024\n\n19 – 22 October 2024 Shanghai and Deqing\n\nAmina Njoroge\nDirector, E-Government Directorate\nICT Authority\nKenya\n\n\n\n\n1. What are two critical lessons learned?\n\nWhat works:\n\n- eCitizen platform with 5,000 services.\n";
    let r = parse(doc);
    assert_eq!(r.country, "Kenya");
    let p = r.respondent.unwrap();
    assert_eq!(p.name.as_deref(), Some("Amina Njoroge"));
    assert_eq!(
        p.title.as_deref(),
        Some("Director, E-Government Directorate")
    );
    assert_eq!(p.organization.as_deref(), Some("ICT Authority"));
    assert!(r.fields.is_empty());
}

#[test]
fn webform_with_questions_hidden_by_branching() {
    // An export that skips from question 13 to question 30, as branching leaves it.
    let doc = raw("AZE");
    let from = doc.find("14. Does your country have a Chief").unwrap();
    let to = doc.find("B. COVID-19 Response and Recovery").unwrap();
    let doc = format!("{}{}", &doc[..from], &doc[to..]);
    let r = parse(&doc);
    assert!(r.item("14").is_none() && r.item("29").is_none());
    assert_eq!(
        r.item("30").unwrap().question,
        "Is there a specific national portal or a dedicated section addressing the COVID-19 pandemic?"
    );
    assert_eq!(r.items().count(), 112 - 16);
    assert!(r.notes.is_empty(), "nothing fell out as a document note");
}

#[test]
fn a_thank_you_line_before_a_section_heading_is_not_the_closing_page() {
    // Found by the soak test: lines swapped so that "THANK YOU" comes before section G.
    let doc = raw("AZE").replacen(
        "G. Other information",
        "THANK YOU\n\nG. Other information",
        1,
    );
    let r = parse(&doc);
    assert_eq!(r.items().count(), 112);
    assert_eq!(
        answer(&r, "109"),
        "<https://www.digital.gov.az/digitalazerbaijan/en/surveys>\n\nTHANK YOU"
    );
    let doc = raw("TJK").replacen("IX. International", "Thank you\n\nIX. International", 1);
    let r = parse(&doc);
    assert!(r.item("X.2").is_some());
}
