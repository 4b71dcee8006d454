//! Facts of the real corpus, checked against what the documents print.

mod common;

use common::parsed;
use msq::model::{Kind, NoteKind, Response, Selection};

fn item<'a>(r: &'a Response, id: &str) -> &'a msq::model::Item {
    r.item(id)
        .unwrap_or_else(|| panic!("{}: no item {id}", r.id))
}

fn option_states(r: &Response, id: &str) -> Vec<(String, Selection)> {
    item(r, id)
        .options
        .iter()
        .map(|o| (o.label.clone(), o.selection))
        .collect()
}

#[test]
fn contact_blocks_come_out_exactly_as_printed() {
    let aze = parsed("AZE").response;
    let cio = aze.cio.as_ref().unwrap();
    assert_eq!(cio.name.as_deref(), Some("Jeyhun Salmanov"));
    assert_eq!(cio.email.as_deref(), Some("c.salmanov@asan.gov.az"));
    assert_eq!(
        cio.title.as_deref(),
        Some("Deputy Chairman of the State Agency, Head of the E-Government Executive Board")
    );
    assert_eq!(
        cio.organization.as_deref(),
        Some(
            "The State Agency for Public Service and Social Innovations under the President of the Republic of Azerbaijan"
        )
    );
    assert_eq!(cio.phone, None);
    let resp = aze.respondent.as_ref().unwrap();
    assert_eq!(resp.name.as_deref(), Some("Soltan Bayramov"));
    assert_eq!(
        resp.organization.as_deref(),
        Some("\"E-Gov Development Center\" public legal entity")
    );
    assert_eq!(resp.email.as_deref(), Some("s.e.bayramov@asan.gov.az"));

    let mng = parsed("MNG").response;
    assert_eq!(
        mng.cio.as_ref().unwrap().name.as_deref(),
        Some("Tengis Sukhee")
    );
    assert_eq!(
        mng.cio.as_ref().unwrap().email.as_deref(),
        Some("tengis@cita.gov.mn")
    );
    assert_eq!(
        mng.respondent.as_ref().unwrap().name.as_deref(),
        Some("Gantogoo Zundui")
    );

    let khm = parsed("KHM").response;
    assert_eq!(
        khm.cio.as_ref().unwrap().name.as_deref(),
        Some("H.E Mao Neang")
    );
    assert_eq!(
        khm.respondent.as_ref().unwrap().name.as_deref(),
        Some("Mr. Khemera Mok")
    );

    let tjk = parsed("TJK").response;
    let r = tjk.respondent.as_ref().unwrap();
    assert_eq!(r.name.as_deref(), Some("Diyor Normatov"));
    assert_eq!(r.title.as_deref(), Some("Mr."));
    assert_eq!(r.email.as_deref(), Some("Diyor5555@gmail.com"));
    // OCR kept the form's cell border as "| "; it is not part of the organisation's name.
    assert_eq!(
        r.organization.as_deref(),
        Some("Ministry of Economic Development and Trade")
    );
    // The CIO block is printed with every field blank.
    let cio = tjk.cio.as_ref().expect("the 2020 form has a CIO block");
    assert!(!cio.is_provided());

    let uzb = parsed("UZB").response;
    assert_eq!(uzb.kind, Kind::Presentation);
    assert_eq!(uzb.cio, None);
    let p = uzb.respondent.as_ref().unwrap();
    assert_eq!(p.name.as_deref(), Some("Dilshat Saitov"));
    assert_eq!(
        p.title.as_deref(),
        Some("Head/Division for Cooperation with International Rating Organizations")
    );
    assert_eq!(
        p.organization.as_deref(),
        Some("Digital Government Projects Management Center")
    );
    let e = uzb.event.as_ref().unwrap();
    assert_eq!(
        e.name.as_deref(),
        Some("INTERNATIONAL CONFERENCE ON DATA AND DIGITAL GOVERNANCE 2024")
    );
    assert_eq!(e.dates.as_deref(), Some("19 – 22 October 2024"));
    assert_eq!(e.place.as_deref(), Some("Shanghai and Deqing"));
}

#[test]
fn header_fields() {
    let aze = parsed("AZE").response;
    assert_eq!(
        (aze.country.as_str(), aze.iso3.as_str(), aze.edition),
        ("Azerbaijan", "AZE", 2022)
    );
    assert_eq!(aze.field("Respondent ID"), Some("90 Anonymous"));
    assert_eq!(aze.field("Time to complete"), Some("72:37"));
    assert_eq!(aze.source.file, "001_ff75762e77a5ac0a.txt");
    assert_eq!(aze.source.sha256.len(), 64);
    let tjk = parsed("TJK").response;
    assert_eq!(tjk.field("Date"), Some("31.07.2019"));
    assert_eq!(tjk.edition, 2020);
    let consent = tjk.fields.iter().find(|f| f.label == "Consent").unwrap();
    assert_eq!(
        consent.selection,
        Some(Selection::Recorded),
        "the form shows an X"
    );
    assert_eq!(parsed("UZB").response.edition, 2024);
    assert_eq!(parsed("KHM").response.country, "Cambodia");
}

#[test]
fn each_2022_export_has_112_items_numbered_1_to_112() {
    for iso in ["AZE", "MNG", "KHM"] {
        let r = parsed(iso).response;
        let numbers: Vec<String> = r.items().map(|i| i.number.clone()).collect();
        let expected: Vec<String> = (1..=112).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected, "{iso}");
        let sections: Vec<&str> = r.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            sections,
            ["respondent", "A", "B", "C", "D", "E", "F", "G"],
            "{iso}"
        );
        assert!(r.warnings.is_empty(), "{iso}: {:?}", r.warnings);
    }
}

#[test]
fn the_2020_form_gives_24_questions_its_parts_and_the_restarted_section_x() {
    let r = parsed("TJK").response;
    let top: Vec<&str> = r
        .items()
        .filter(|i| i.parent.is_none())
        .map(|i| i.id.as_str())
        .collect();
    let mut expected: Vec<String> = (1..=24).map(|n| n.to_string()).collect();
    expected.extend(["X.1".to_string(), "X.2".to_string()]);
    assert_eq!(top, expected);
    let parts: Vec<&str> = r
        .items()
        .filter(|i| i.parent.is_some())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        parts,
        [
            "2a", "2b", "2c", "2d", "2e", "5a", "5b", "5c", "5d", "5e", "5f", "5g", "5h", "5i"
        ]
    );
    let labels: Vec<(&str, Option<&str>)> = r
        .sections
        .iter()
        .map(|s| (s.label.as_str(), s.printed_label.as_deref()))
        .collect();
    assert_eq!(
        labels,
        [
            ("I", Some("l")),
            ("II", Some("Il")),
            ("III", Some("lll")),
            ("IV", None),
            ("V", None),
            ("VI", None),
            ("VII", Some("VIl")),
            ("VIII", Some("VIIl")),
            ("IX", None),
            ("X", None)
        ]
    );
    assert_eq!(
        r.sections[8].title,
        "International and Regional Cooperation"
    );
    let x1 = item(&r, "X.1");
    assert_eq!(
        (x1.number.as_str(), x1.question.as_str()),
        ("1", "Please select whichever applies:")
    );
}

#[test]
fn the_presentation_gives_its_background_and_three_questions() {
    let r = parsed("UZB").response;
    let ids: Vec<&str> = r.items().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["background", "1", "2", "3", "closing"]);
    assert_eq!(r.sections[0].title, "Background");
    let q2 = item(&r, "2");
    assert_eq!(
        q2.question,
        "What are two challenges that you face, and would like to learn from other countries?"
    );
    assert!(
        q2.answer
            .starts_with("Challenge 1: Bridging the Digital Divide\n\n- Urban vs. Rural")
    );
    assert!(
        q2.answer
            .contains("\n - Utilization of satellite technology"),
        "nested bullet keeps its indent"
    );
    assert!(
        q2.answer
            .contains("Challenge 2: Building a Data-Driven Culture")
    );
    // A bullet the slide wrapped is one line again.
    assert!(item(&r, "background").answer.contains(
        "- Uzbekistan improved its ranking in the UN E-Government Survey 2024 by 6 positions,"
    ));
    let q3 = item(&r, "3");
    assert!(
        q3.answer.ends_with("reduces inequalities."),
        "{:?}",
        q3.answer
    );
    for i in r.items() {
        assert!(
            !i.answer.contains("Projects Management Center\n"),
            "slide header in {}",
            i.id
        );
    }
    // The closing slide is a part of its own, not the end of question 3.
    assert_eq!(
        item(&r, "closing").answer,
        "Department of\nشکرا 谢谢 Thank You Merci Спасибо Gracias"
    );
    assert!(!item(&r, "3").answer.contains("Thank You"));
}

#[test]
fn presentation_emphasis_is_kept_as_spans_without_its_asterisks() {
    let r = parsed("UZB").response;
    for i in r.items() {
        assert!(
            !i.answer.contains('*'),
            "asterisks in {}: {:?}",
            i.id,
            i.answer
        );
    }
    let bold = |id: &str| -> Vec<String> {
        let i = item(&r, id);
        i.answer_emphasis
            .iter()
            .map(|range| i.answer[range.clone()].to_string())
            .collect()
    };
    assert_eq!(bold("1"), ["Guidelines for Improvement:"]);
    assert_eq!(bold("2"), ["Successful Models:"]);
    assert_eq!(bold("3"), ["Standardized Principles:", "Support Countries"]);
    assert!(bold("background").is_empty());
    assert!(
        item(&r, "1")
            .answer
            .contains("\n- Guidelines for Improvement: Follows UNDESA's recommendations")
    );
    // The text between the markers is as printed, down to the missing space.
    let q3 = &item(&r, "3").answer;
    assert!(q3.contains("\n- Standardized Principles:Set rules for data privacy"));
    assert!(q3.contains("\n- Support Countries: Help nations use data"));
}

#[test]
fn the_2022_export_records_no_selection_and_keeps_typed_other_values() {
    for iso in ["AZE", "MNG", "KHM"] {
        let r = parsed(iso).response;
        for i in r.items() {
            for o in &i.options {
                assert_eq!(
                    o.selection,
                    Selection::NotRecorded,
                    "{iso} {} {:?}",
                    i.id,
                    o.label
                );
            }
        }
        // A follow-up answer does not turn the unticked options into a "Yes".
        assert!(!item(&r, "37").answer.is_empty() || iso == "KHM");
        assert!(
            item(&r, "36")
                .options
                .iter()
                .all(|o| o.selection == Selection::NotRecorded)
        );
    }
    let khm = parsed("KHM").response;
    let q57 = item(&khm, "57");
    let labels: Vec<&str> = q57.options.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Two-year", "Three-year", "Five-year", "Ten-year", "Other"]
    );
    assert_eq!(q57.options[4].typed.as_deref(), Some("15 Years"));
    assert_eq!(q57.answer, "");
    let q6 = item(&khm, "6");
    assert_eq!(
        q6.options[4].typed.as_deref(),
        Some("The answer above is by General Department of I")
    );
    let aze = parsed("AZE").response;
    assert!(item(&aze, "57").options.iter().all(|o| o.typed.is_none()));
    // "Yes No" printed on one line is still two options.
    let mng = parsed("MNG").response;
    assert_eq!(
        option_states(&mng, "54"),
        [
            ("Yes".into(), Selection::NotRecorded),
            ("No".into(), Selection::NotRecorded)
        ]
    );
}

#[test]
fn ocr_ticks_are_recorded_and_nothing_else_is() {
    let r = parsed("TJK").response;
    assert_eq!(
        option_states(&r, "10"),
        [
            ("Yes".into(), Selection::NotRecorded),
            ("No".into(), Selection::Recorded)
        ]
    );
    assert_eq!(
        option_states(&r, "12"),
        [
            ("Yes".into(), Selection::Recorded),
            ("No".into(), Selection::NotRecorded)
        ]
    );
    let nine = item(&r, "9");
    assert_eq!(nine.options.len(), 9);
    assert!(
        nine.options
            .iter()
            .all(|o| o.selection == Selection::NotRecorded)
    );
    assert_eq!(nine.options[4].label, "digital certification/signature");
    let eight = item(&r, "8");
    assert_eq!(eight.options.len(), 11);
    assert_eq!(
        eight.question,
        "Please check whichever applies.\nNational e-government strategy or equivalent:"
    );
    assert_eq!(
        eight.options[7].label,
        "has an emphasis to ‘leave no one offline’ or to ‘leave no one behind’; or other specific measures to ensure e-government is accessible by the most vulnerable groups6"
    );
    let fifteen: Vec<&str> = item(&r, "15")
        .options
        .iter()
        .map(|o| o.label.as_str())
        .collect();
    assert_eq!(
        fifteen[..3],
        [
            "Artificial Intelligence (AlI)",
            "Blockchain",
            "Big data Smart cities"
        ]
    );
    assert_eq!(item(&r, "X.2").options.len(), 6);
}

#[test]
fn answers_land_under_their_own_questions() {
    let aze = parsed("AZE").response;
    let q31 = &item(&aze, "31").answer;
    assert!(q31.contains("\"E-Təbib\" mobile application"));
    assert!(q31.contains("8103 - SMS permission system"));
    assert_eq!(
        item(&aze, "30").answer,
        "",
        "the sub-heading is not an answer to 30"
    );
    assert_eq!(item(&aze, "31").headings, ["COVID-19 response"]);
    assert_eq!(
        item(&aze, "15").headings,
        ["Contact information of national Chief Information Officer (CIO) or equivalent"]
    );
    assert_eq!(
        item(&aze, "112").headings,
        ["Consent to publish this Questionnaire"]
    );
    assert_eq!(
        item(&aze, "87").notes[0].text,
        "Vulnerable groups include women, older people, youth, people with disabilities, migrants, minorities and others"
    );
    assert_eq!(
        item(&aze, "48").notes[0].text,
        "This is related to SDG Indicator 16.6.1"
    );
    assert!(item(&aze, "9").answer.contains(
        "\n o Android – <https://play.google.com/store/apps/details?id=az.asan.asanapply>"
    ));
    assert_eq!(
        item(&aze, "8").question,
        "Please provide link(s) for portal(s) providing following services/features:\n- E-services or similar"
    );
    assert!(
        item(&aze, "111")
            .answer
            .starts_with("• \"Artificial Intelligence in Digital Governance\"")
    );

    let mng = parsed("MNG").response;
    assert!(
        item(&mng, "33")
            .answer
            .contains("\n\nappid=3f048073e9db4f4eaa46ffbcbcd8e780 (7) Importance")
    );
    assert!(item(&mng, "35").answer.ends_with("<https://ai.nda.gov.mn/portal/apps/MapSeries/index.html?appid=3f048073e9db4f4eaa46ffbcbcd8e780>"));
    assert_eq!(item(&mng, "7").links[0].text, "www.e-Mongolia.mn");

    let khm = parsed("KHM").response;
    assert_eq!(item(&khm, "12").answer, "", "a blank answer stays blank");
    assert_eq!(item(&khm, "111").answer, "n/a");
    let q110 = item(&khm, "110");
    assert!(
        q110.question
            .ends_with("regional, and international cooperation)")
    );
    assert!(q110.required);

    let tjk = parsed("TJK").response;
    assert_eq!(item(&tjk, "1").answer, "Hukumat.tj");
    assert_eq!(
        item(&tjk, "3").answer,
        "Executive office of President of the Republic of Tajikistan, Ministry of Economic Development and Trade"
    );
    assert_eq!(
        item(&tjk, "5h").answer,
        "Ministry of finance, www.minfin.tj\nTax committee, www.andoz.tj"
    );
    assert_eq!(
        item(&tjk, "14").answer,
        "The government of Dushanbe has its own Facebook account, with the help of which citizens can contact the city leadership on any city problems"
    );
    assert_eq!(
        item(&tjk, "4").question,
        "Does your country have a Chief Information Officer (CI0) to manage national cross-agency e-government programs/strategies?"
    );
    assert_eq!(
        item(&tjk, "15").question,
        "Does your government have a specific national strategy on one or more of following new technologies?"
    );
    assert_eq!(item(&tjk, "18").answer, "No information");
    assert_eq!(item(&tjk, "22").answer, "no");
    assert_eq!(
        item(&tjk, "8").answer,
        "Poor, immigrants, older persons, persons with disabilities, women, youth, indigenous people\n\nAlso referring to emerging technologies"
    );
}

#[test]
fn footnotes_are_notes_never_answers() {
    let r = parsed("TJK").response;
    for i in r.items() {
        for needle in [
            "Related to SDG",
            "CIO or a similar senior official",
            "This can be an agency",
            "WSIS Action Line",
        ] {
            assert!(
                !i.answer.contains(needle),
                "footnote {needle:?} in the answer of {}",
                i.id
            );
            assert!(
                !i.question.contains(needle),
                "footnote {needle:?} in the question of {}",
                i.id
            );
        }
    }
    let footnote = |id: &str| -> Vec<String> {
        item(&r, id)
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Footnote)
            .map(|n| n.text.clone())
            .collect()
    };
    assert_eq!(
        footnote("4"),
        [
            "CIO or a similar senior official with a leadership role, sometimes referred as Chief Technology Officer (CTO) or Chief Digital Officer (CDO)"
        ]
    );
    assert_eq!(footnote("9"), ["Related to SDG Indicator 16.6.1"]);
    assert_eq!(
        footnote("2a"),
        [
            "A specific portal where you can see the list of all online services available for the public"
        ]
    );
    assert_eq!(
        footnote("16"),
        ["This can be an agency, cabinet, commission, committee, initiative etc."]
    );
    assert!(
        footnote("22")[0].ends_with("WSIS-Action-Lines-and-Facilitators"),
        "a URL the PDF hyphenated is whole"
    );
    assert!(
        r.notes[0]
            .text
            .starts_with("This questionnaire is conducted by the Division")
    );
}

#[test]
fn footnote_marks_move_out_of_the_text_into_the_note_they_refer_to() {
    let r = parsed("TJK").response;
    let q = |id: &str| item(&r, id).question.clone();
    assert_eq!(q("2a"), "E-services:");
    assert_eq!(q("2b"), "E-participation:");
    assert!(
        q("1").starts_with("What is the official e-government portal at the national level? If"),
        "{}",
        q("1")
    );
    assert!(q("4").contains("Chief Information Officer (CI0) to manage"));
    assert!(q("16").contains("any government body at the national level"));
    assert!(q("17").contains("percentage of the population satisfied with"));
    assert_eq!(
        item(&r, "9").options[6].label,
        "digitally publishing government expenditure"
    );
    // Each mark, as printed, is the marker of the footnote it refers to, whose number the
    // foot of the page printed or the count of footnotes gives.
    for (id, marker, number) in [
        ("1", "?", 2),
        ("2a", "3", 3),
        ("2b", "*", 4),
        ("4", "°", 5),
        ("9", "8", 8),
        ("16", "?", 9),
        ("17", "??", 10),
    ] {
        let notes: Vec<(Option<&str>, Option<u32>)> = item(&r, id)
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Footnote)
            .map(|n| (n.marker.as_deref(), n.number))
            .collect();
        assert_eq!(notes, [(Some(marker), Some(number))], "item {id}");
    }
    // Digits that are text stay text.
    assert!(r.title.as_deref().unwrap().contains("Survey 2020"));
    assert_eq!(
        item(&r, "9").notes[1].text,
        "Related to SDG Indicator 16.6.1"
    );
    assert!(
        item(&r, "15")
            .options
            .iter()
            .any(|o| o.label == "Internet of Things (I0T)")
    );
    // A mark whose footnote is not on its page stays: OCR lost footnotes 6 and 7 from the
    // foot of the page that refers to them, so nothing says these are marks.
    let eight = item(&r, "8");
    assert!(eight.options[7].label.ends_with("vulnerable groups6"));
    assert!(
        eight.options[10]
            .label
            .contains("new technologies? such as")
    );
}

#[test]
fn each_footnote_has_its_number_printed_or_counted() {
    let r = parsed("TJK").response;
    let numbered: Vec<(String, Option<u32>)> = r
        .notes
        .iter()
        .map(|n| ("document".to_string(), n.number))
        .chain(r.items().flat_map(|i| {
            i.notes
                .iter()
                .filter(|n| n.kind == NoteKind::Footnote)
                .map(|n| (i.id.clone(), n.number))
        }))
        .collect();
    let expected: Vec<(String, Option<u32>)> = [
        ("document", 1),
        ("1", 2),
        ("2a", 3),
        ("2b", 4),
        ("4", 5),
        ("9", 8),
        ("16", 9),
        ("17", 10),
        ("22", 11),
    ]
    .into_iter()
    .map(|(id, n)| (id.to_string(), Some(n)))
    .collect();
    assert_eq!(numbered, expected);
    // OCR made the marks of 1, 9 and 11 symbols; the label shows the number all the same.
    assert_eq!(r.notes[0].marker.as_deref(), Some("\""));
    assert_eq!(r.notes[0].label(), "Footnote 1: ");
    let q16 = &item(&r, "16").notes[0];
    assert_eq!(q16.label(), "Footnote 9: ");
}

#[test]
fn answered_counts() {
    let t = parsed("KHM").response.tally();
    assert_eq!(t.items, 112);
    assert_eq!(t.answered, 65);
    assert_eq!(t.selection_not_recorded, 40);
    let t = parsed("TJK").response.tally();
    assert_eq!(
        (t.items, t.answered),
        (38, 26),
        "containers 2 and 5 are not counted"
    );
}

#[test]
fn a_presentation_counts_its_questions_not_its_background_or_closing_slide() {
    let r = parsed("UZB").response;
    let t = r.tally();
    assert_eq!(
        (t.items, t.answered),
        (3, 3),
        "only the three discussion questions ask anything"
    );
    // The parts left out are the ones that ask nothing.
    let asked: Vec<&str> = r
        .items()
        .filter(|i| i.is_question())
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(asked, ["1", "2", "3"]);
}
