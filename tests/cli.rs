//! The quick-lookup commands, run as the real binary.

mod common;

use std::process::{Command, Output};

fn msq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msq"))
        .args(args)
        .env_remove("MSQ_INDEX")
        .env_remove("MSQ_SCORES")
        .output()
        .expect("run msq")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = msq(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn cio_by_name_code_and_prefix() {
    let v = json(&["cio", "Azerbaijan", "--json"]);
    assert_eq!(v["name"], "Jeyhun Salmanov");
    assert_eq!(v["email"], "c.salmanov@asan.gov.az");
    assert_eq!(v["provided"], true);
    assert_eq!(v["phone"], serde_json::Value::Null);
    assert_eq!(json(&["cio", "aze", "--json"]), v);
    assert_eq!(json(&["cio", "AZERB", "--json"]), v);

    let t = json(&["cio", "tjk", "--json"]);
    assert_eq!(t["provided"], false);
    assert_eq!(t["country"], "Tajikistan");
    assert_eq!(t["edition"], 2020);
    assert_eq!(t["name"], serde_json::Value::Null);

    let plain = stdout(&msq(&["cio", "Tajikistan"]));
    assert!(plain.contains("CIO: not provided"), "{plain}");
}

#[test]
fn cio_says_why_there_is_none_as_compare_does() {
    // The 2020 form asks, and its CIO block is printed empty.
    let t = json(&["cio", "tjk", "--json"]);
    assert_eq!(t["provided"], false);
    assert_eq!(t["status"], "no_answer");
    assert_eq!(t["reason"], "No answer given");
    // The presentation never asks.
    let u = json(&["cio", "uzb", "--json"]);
    assert_eq!(u["provided"], false);
    assert_eq!(u["status"], "not_asked");
    assert_eq!(u["reason"], "Not asked in this edition");
    let a = json(&["cio", "aze", "--json"]);
    assert_eq!(a["status"], "answered");
    assert_eq!(a["reason"], serde_json::Value::Null);
    // The same statuses as the comparison's CIO row.
    let cmp = json(&[
        "compare", "aze", "tjk", "uzb", "--topic", "cio", "--format", "json",
    ]);
    let statuses: Vec<&serde_json::Value> = cmp["topics"][0]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["status"])
        .collect();
    assert_eq!(statuses, [&a["status"], &t["status"], &u["status"]]);

    let plain = stdout(&msq(&["cio", "Tajikistan"]));
    assert!(
        plain.contains("CIO: not provided: no answer given"),
        "{plain}"
    );
    let plain = stdout(&msq(&["cio", "Uzbekistan"]));
    assert!(
        plain.contains("CIO: not provided: not asked in this edition"),
        "{plain}"
    );
}

#[test]
fn portals_lists_the_national_portal_first() {
    let v = json(&["portals", "Mongolia", "--json"]);
    let rows = v.as_array().unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "national",
            "e-services",
            "e-participation",
            "open-data",
            "procurement",
            "other",
            "agency"
        ]
    );
    assert_eq!(rows[0]["links"][0], "www.e-Mongolia.mn");
    assert!(
        rows[0]["question"]
            .as_str()
            .unwrap()
            .starts_with("What is the official e-government portal")
    );
    let plain = stdout(&msq(&["portals", "Mongolia"]));
    assert!(
        plain
            .lines()
            .any(|l| l.starts_with("national") && l.contains("www.e-Mongolia.mn")),
        "{plain}"
    );
    let tjk = json(&["portals", "TJK", "--json"]);
    assert_eq!(tjk[0]["links"][0], "Hukumat.tj");
    assert_eq!(tjk[6]["kind"], "agency");
}

#[test]
fn footnotes_are_labelled_by_their_number_never_by_an_ocr_glyph() {
    let plain = stdout(&msq(&["show", "Tajikistan"]));
    let labels: Vec<&str> = plain
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("Footnote"))
        .map(|rest| rest.split(':').next().unwrap_or(""))
        .collect();
    // OCR printed the marks of footnotes 1 and 11 as '"' and that of 9 as '®'; 3 and 4 lost
    // theirs. Each is labelled by its number.
    assert_eq!(
        labels,
        [" 1", " 2", " 3", " 4", " 5", " 8", " 9", " 10", " 11"],
        "{plain}"
    );
    assert!(plain.contains("Footnote 1: This questionnaire is conducted"));
    assert!(plain.contains("Footnote 11: WSIS Action Line C.11"));
}

#[test]
fn list_is_sorted_by_country_then_edition() {
    let v = json(&["list", "--json"]);
    let rows: Vec<(String, u64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["country"].as_str().unwrap().to_string(),
                r["edition"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(rows, sorted);
    assert_eq!(rows.len(), 5);
    assert_eq!(v[0]["items"], 112);
    assert_eq!(v[4]["kind"], "presentation");
    // The presentation's background and closing slides answer no question.
    assert_eq!((&v[4]["items"], &v[4]["answered"]), (&3.into(), &3.into()));
    let plain = stdout(&msq(&["list"]));
    let uzb = plain
        .lines()
        .find(|l| l.starts_with("uzb-2024-presentation"))
        .unwrap();
    assert!(uzb.ends_with("presentation       3         3"), "{uzb}");
}

#[test]
fn show_gives_sections_and_items() {
    let v = json(&["show", "Tajikistan", "--section", "III", "--json"]);
    assert_eq!(v["sections"].as_array().unwrap().len(), 1);
    let item = &v["sections"][0]["items"][0];
    assert_eq!(item["number"], "9");
    assert_eq!(item["selection"], "not_recorded");
    assert_eq!(
        item["options"][4]["label"],
        "digital certification/signature"
    );
    let v = json(&["show", "tjk", "--section", "iv", "--json"]);
    assert_eq!(
        v["sections"][0]["items"][0]["options"][1]["selection"],
        "recorded"
    );
    let v = json(&["show", "Uzbekistan:2024", "--json"]);
    assert_eq!(v["respondent"]["name"], "Dilshat Saitov");
    assert_eq!(v["sections"][1]["items"].as_array().unwrap().len(), 3);
    let plain = stdout(&msq(&["show", "aze", "--section", "C"]));
    assert!(plain.contains("36. Is there any legislation"), "{plain}");
    assert!(plain.contains("(selection not recorded in source)"));
}

#[test]
fn an_unknown_country_gets_one_line_with_suggestions_and_fails() {
    let o = msq(&["cio", "Azerbajan"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("did you mean Azerbaijan"), "{err}");
    let o = msq(&["portals", "Germany"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Germany is not in this index"));
    let o = msq(&["show", "tjk", "--edition", "2018"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no 2018 response for Tajikistan; editions: 2020"),
        "{}",
        stderr(&o)
    );
    let o = msq(&["show", "tjk", "--section", "Z"]);
    assert!(
        stderr(&o).contains("has no section \"Z\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn index_build_reports_each_document_and_matches_the_committed_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("built.json");
    let raw = common::root().join("data/raw");
    let o = msq(&[
        "index",
        "build",
        raw.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 6, "{report}");
    assert!(
        lines[1].starts_with("aze-2022")
            && lines[1].contains("web-form")
            && lines[1].contains("112 items"),
        "{report}"
    );
    assert!(lines[0].contains("Tajikistan") && lines[0].contains("ocr-form"));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(common::root().join("data/index.json")).unwrap()
    );
}

#[test]
fn a_bad_document_fails_the_build_and_leaves_the_old_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("index.json");
    std::fs::write(&out, "previous").unwrap();
    for bad in ["empty.txt", "whitespace_only.txt", "binary.png"] {
        let good = common::raw_documents()[0].clone();
        let bad = common::fixture(bad);
        let o = msq(&[
            "index",
            "build",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(!o.status.success());
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(bad.to_str().unwrap()),
            "the error names the file: {err}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left behind");
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(30 * 1024 * 1024).unwrap(); // sparse: 30 MB without writing them
    let o = msq(&[
        "index",
        "build",
        big.to_str().unwrap(),
        "--out",
        dir.path().join("i.json").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("too large: 31457280 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_user_index_from_flag_or_environment() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("one.json");
    let tjk = &common::raw_documents()[0];
    assert!(
        msq(&[
            "index",
            "build",
            tjk.to_str().unwrap(),
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    let v = json(&["--index", out.to_str().unwrap(), "list", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    let o = Command::new(env!("CARGO_BIN_EXE_msq"))
        .args(["list", "--json"])
        .env("MSQ_INDEX", &out)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["country"], "Tajikistan");
    let o = msq(&["--index", "/nonexistent/x.json", "list"]);
    assert!(!o.status.success());
    assert!(stderr(&o).starts_with("msq: /nonexistent/x.json: cannot read the index"));
    let half = dir.path().join("half.json");
    std::fs::write(&half, &std::fs::read(&out).unwrap()[..1000]).unwrap();
    let o = msq(&["--index", half.to_str().unwrap(), "list"]);
    assert!(
        stderr(&o).contains("the index is truncated"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn control_characters_from_documents_never_reach_stdout_raw() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("esc.json");
    let fixture = common::fixture("escape_sequences.txt");
    assert!(
        msq(&[
            "index",
            "build",
            fixture.to_str().unwrap(),
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    for args in [
        vec!["show", "ghana"],
        vec!["cio", "gha"],
        vec!["portals", "gha"],
        vec!["show", "gha", "--json"],
        vec!["list"],
    ] {
        let mut all = vec!["--index", out.to_str().unwrap()];
        all.extend(&args);
        let o = msq(&all);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let text = stdout(&o);
        for c in text.chars() {
            assert!(
                c == '\n' || !(c.is_control() || msq::sanitize::is_invisible(c)),
                "{args:?} printed {c:?}"
            );
        }
        if args.contains(&"show") && !args.contains(&"--json") {
            assert!(text.contains("Ama ␛]52;c;aGVsbG8=␇Mensah"), "{text}");
        }
    }
    // JSON keeps the data exact, as escapes.
    let v = json(&["--index", out.to_str().unwrap(), "show", "gha", "--json"]);
    assert_eq!(
        v["respondent"]["name"],
        "Ama \u{1b}]52;c;aGVsbG8=\u{7}Mensah"
    );
    assert_eq!(v["respondent"]["title"], "Director\u{202e}gnp.exe");
}

#[test]
fn search_country_names_a_country_as_the_other_commands_do() {
    let countries = |args: &[&str]| -> Vec<String> {
        let v = json(args);
        let mut c: Vec<String> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["iso3"].as_str().unwrap().to_string())
            .collect();
        c.dedup();
        c
    };
    for name in ["Azerbaijan", "aze", "azer", "AZERBAIJAN"] {
        assert_eq!(
            countries(&[
                "search",
                "law",
                "--country",
                name,
                "--json",
                "--limit",
                "500"
            ]),
            ["AZE"],
            "{name}"
        );
    }
    assert_eq!(
        countries(&["search", "legal", "--country", "Tajikistan", "--json"]),
        ["TJK"]
    );
    let o = msq(&["search", "law", "--country", "Azerbajan"]);
    assert!(!o.status.success());
    assert_eq!(stderr(&o).lines().count(), 1);
    assert!(
        stderr(&o).contains("did you mean Azerbaijan"),
        "{}",
        stderr(&o)
    );
    let o = msq(&["search", "law", "--country", "Germany"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Germany is not in this index"));
}

#[test]
fn a_scope_nothing_answers_to_says_so() {
    for (query, hint) in [
        (
            "country:zz",
            "no country \"zz\" in this index; it holds aze, khm, mng, tjk, uzb",
        ),
        (
            "topic:nonsense",
            "no topic \"nonsense\"; topics start with agency, challenges",
        ),
        ("section:Z", "no section \"z\"; sections: respondent, A, B"),
        (
            "edition:2019",
            "no 2019 edition in this index; editions: 2020, 2022, 2024",
        ),
        ("!country:az", "\"!country:az\": a scope cannot be left out"),
    ] {
        let o = msq(&["search", "law", query]);
        assert!(o.status.success(), "{query}");
        assert!(stderr(&o).contains(hint), "{query}: {}", stderr(&o));
    }
    // Scopes that do answer give no hint.
    for query in [
        "legal country:tjk edition:2020 topic:law",
        "law section:C country:mongolia",
    ] {
        let args: Vec<&str> = ["search"].into_iter().chain(query.split(' ')).collect();
        let o = msq(&args);
        assert!(stderr(&o).is_empty(), "{query}: {}", stderr(&o));
        assert!(
            !stdout(&o).starts_with("0 matches"),
            "{query}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn search_flags_are_scopes_even_with_spaces_in_them() {
    let v = json(&[
        "search",
        "law",
        "--section",
        "Legal Framework",
        "--edition",
        "2022",
        "--json",
        "--limit",
        "500",
    ]);
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for h in hits {
        assert_eq!(h["section"], "C", "{h}");
        assert_eq!(h["edition"], 2022);
    }
    // Not words to search for: "framework" would have narrowed it.
    let words = json(&[
        "search",
        "law",
        "Legal",
        "Framework",
        "--json",
        "--limit",
        "500",
    ]);
    assert!(words["hits"].as_array().unwrap().len() < hits.len());
}

/// `msq compare ...` with the export date fixed at 2024-05-01.
fn compare_on_may_day(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msq"))
        .arg("compare")
        .args(args)
        .env_remove("MSQ_INDEX")
        .env_remove("MSQ_SCORES")
        .env("SOURCE_DATE_EPOCH", "1714521600")
        .output()
        .expect("run msq")
}

#[test]
fn compare_exports_only_the_topics_asked_in_the_order_the_countries_are_named() {
    let args = ["tjk", "Azerbaijan", "--topic", "portal.national"];
    let md = stdout(&compare_on_may_day(
        &[&args[..], &["--format", "md"]].concat(),
    ));
    assert!(md.starts_with("# msq comparison: Tajikistan 2020 · Azerbaijan 2022\n"));
    assert!(md.contains("(UTC): 1 topic, 2 responses."), "{md}");
    let table: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .collect();
    assert_eq!(table.len(), 2, "the header and one topic: {md}");
    assert!(table[0].starts_with("| Topic | Tajikistan 2020 | Azerbaijan 2022 |"));
    assert!(table[1].starts_with("| National portal | 1. "), "{md}");

    let csv = stdout(&compare_on_may_day(
        &[&args[..], &["--format", "csv"]].concat(),
    ));
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "group,topic,label,Tajikistan 2020,Azerbaijan 2022"
    );
    let topics: Vec<&str> = lines
        .iter()
        .skip(1)
        .filter(|l| !l.starts_with("provenance,"))
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    assert_eq!(topics, ["portal.national"], "{csv}");

    let o = compare_on_may_day(&[&args[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["responses"][0]["id"], "tjk-2020");
    assert_eq!(v["responses"][1]["id"], "aze-2022");
    assert_eq!(v["topics"].as_array().unwrap().len(), 1);
    assert_eq!(v["topics"][0]["entries"][0]["response"], "tjk-2020");
}

#[test]
fn compare_shows_the_figures_of_each_columns_edition_first() {
    let md = stdout(&compare_on_may_day(&["uzb", "aze", "tjk"]));
    let groups: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(groups[0], "## E-Government Development Index", "{md}");
    assert!(
        md.contains(
            "\n| Rank | 63 ▲6 since 2022 | 83 ▼13 since 2018 | no 2020 figures published |\n"
        ),
        "{md}"
    );
    assert!(md.contains("| EGDI | 0.79990 | 0.69370 |"));
    assert!(md.contains("\nSource: UN DESA, UN E-Government Knowledgebase\n"));

    let o = compare_on_may_day(&["uzb", "tjk", "--topic", "egdi", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["topics"].as_array().unwrap().len(), 6);
    assert_eq!(v["topics"][1]["id"], "egdi.egdi");
    assert_eq!(v["topics"][1]["entries"][0]["figure"]["value"], 0.7999);
    assert!(v["topics"][1]["entries"][1]["figure"]["value"].is_null());
    assert_eq!(
        v["provenance"]["figures_credit"],
        "Source: UN DESA, UN E-Government Knowledgebase"
    );

    let csv = stdout(&compare_on_may_day(&[
        "uzb",
        "tjk",
        "--topic",
        "egdi.rank",
        "--format",
        "csv",
    ]));
    assert!(
        csv.contains("\r\nE-Government Development Index,egdi.rank,Rank,63 ▲6 since 2022,no 2020 figures published\r\n"),
        "{csv}"
    );

    // Figures for 2020 from MSQ_SCORES fill Tajikistan's column.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tajikistan_2020.csv");
    std::fs::write(
        &file,
        "Survey Year,Country Name,E-Government Rank,E-Government Index\n2020,Tajikistan,133,0.44490\n",
    )
    .unwrap();
    let o = msq_env(
        &[
            "compare",
            "uzb",
            "tjk",
            "--topic",
            "egdi.egdi",
            "--format",
            "csv",
        ],
        &[("MSQ_SCORES", file.to_str().unwrap())],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(",egdi.egdi,EGDI,0.79990,0.44490\r\n"),
        "{}",
        stdout(&o)
    );
    let o = compare_on_may_day(&["uzb", "tjk", "--topic", "egdi.gdp"]);
    assert_eq!(o.status.code(), Some(1));
    // `msq topics` lists the figures' rows first, under their group and credit.
    let topics = stdout(&msq(&["topics"]));
    let first: Vec<&str> = topics.lines().filter(|l| !l.is_empty()).take(3).collect();
    assert_eq!(
        first[0],
        "E-Government Development Index (Source: UN DESA, UN E-Government Knowledgebase)"
    );
    assert!(first[1].trim_start().starts_with("egdi.rank "), "{topics}");
    assert!(first[2].trim_start().starts_with("egdi.egdi "), "{topics}");
    assert!(first[2].contains("EGDI"), "{topics}");
}

#[test]
fn compare_stamps_its_provenance_with_source_date_epoch() {
    let version = env!("CARGO_PKG_VERSION");
    let args = ["aze", "tjk", "--topic", "cio"];
    let md = stdout(&compare_on_may_day(&args));
    assert!(
        md.contains(&format!(
            "\nExported by msq {version} on 2024-05-01 (UTC): 2 topics, 2 responses.\n"
        )),
        "{md}"
    );
    let list = ["aze", "tjk"].map(|c| {
        let v = json(&["show", c, "--json"]);
        format!(
            "- {}: `{}`, SHA-256 `{}`",
            if c == "aze" {
                "Azerbaijan 2022"
            } else {
                "Tajikistan 2020"
            },
            v["source"]["file"].as_str().unwrap(),
            v["source"]["sha256"].as_str().unwrap()
        )
    });
    assert!(
        md.contains(&format!("\n{}\n{}\n", list[0], list[1])),
        "{md}"
    );

    let csv = stdout(&compare_on_may_day(
        &[&args[..], &["--format", "csv"]].concat(),
    ));
    assert!(csv.contains("\r\nprovenance,export.date,Export date (UTC),2024-05-01,2024-05-01\r\n"));
    assert!(csv.contains(&format!(
        "\r\nprovenance,msq.version,msq version,{version},{version}\r\n"
    )));

    let o = compare_on_may_day(&[&args[..], &["--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["provenance"]["date"], "2024-05-01");
    assert_eq!(v["provenance"]["msq_version"], version);
    assert_eq!(v["provenance"]["sources"][1]["response"], "tjk-2020");

    // A malformed value is refused rather than replaced by the clock.
    let o = Command::new(env!("CARGO_BIN_EXE_msq"))
        .args(["compare", "aze", "tjk"])
        .env_remove("MSQ_INDEX")
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("SOURCE_DATE_EPOCH must be a whole number"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

fn msq_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_msq"));
    c.args(args)
        .env_remove("MSQ_INDEX")
        .env_remove("MSQ_SCORES")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run msq")
}

/// The lines of `msq search`, without the count at the end.
fn hit_lines(args: &[&str]) -> Vec<String> {
    let o = msq(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let text = stdout(&o);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let count = lines.pop().unwrap_or_default();
    assert!(count.contains("match"), "{text}");
    lines
}

/// The whole text of the item a `--json` hit is in: question, answer and options, as words
/// with their punctuation trimmed.
fn item_words(hit: &serde_json::Value) -> Vec<String> {
    let iso3 = hit["iso3"].as_str().unwrap();
    let edition = hit["edition"].to_string();
    let v = json(&["show", iso3, "--edition", &edition, "--json"]);
    let item = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap())
        .find(|i| i["id"] == hit["item"])
        .unwrap_or_else(|| panic!("no item for {hit}"));
    let mut text = format!("{} {}", item["question"], item["answer"]);
    for o in item["options"].as_array().unwrap() {
        text.push_str(&format!(" {} {}", o["label"], o["typed"]));
    }
    text.replace("\\n", " ")
        .split_whitespace()
        .map(|w| word(w).to_string())
        .collect()
}

fn word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

#[test]
fn a_cut_snippet_ends_on_whole_words_with_an_ellipsis() {
    let (mut starts, mut ends) = (0, 0);
    for query in ["cybercrime", "cybersecurity", "adopted", "e-procurement"] {
        let args = ["search", query, "--limit", "30"];
        let lines = hit_lines(&args);
        let v = json(&["search", query, "--limit", "30", "--json"]);
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(lines.len(), hits.len(), "{query}");
        for (line, hit) in lines.iter().zip(hits) {
            if !line.contains('…') {
                continue;
            }
            let words = item_words(hit);
            for token in line.split_whitespace() {
                let Some(at) = token.find('…') else {
                    continue;
                };
                let (before, after) = (&token[..at], &token[at + '…'.len_utf8()..]);
                // "…link" opens a cut snippet; "article…" ends one; "provide…:" ends a label.
                let fragment = if word(before).is_empty() {
                    starts += 1;
                    after
                } else {
                    ends += 1;
                    before
                };
                assert!(
                    words.iter().any(|w| w == word(fragment)),
                    "{query}: {fragment:?} in {line:?} is not a whole word of its item"
                );
            }
        }
    }
    assert!(starts > 0 && ends > 0, "no cut snippets: {starts} {ends}");
    // A whole record is not marked as cut.
    for line in hit_lines(&["search", "Jeyhun"])
        .iter()
        .chain(&hit_lines(&["search", "Diyor"]))
    {
        assert!(!line.contains('…'), "{line}");
    }
}

#[test]
fn a_contact_hit_names_its_field_once() {
    let lines = hit_lines(&["search", "Jeyhun"]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].matches("Name").count(), 1, "{}", lines[0]);
    // The item's heading says whose name it is.
    assert!(
        lines[0].ends_with(
            "15 Contact information of national Chief Information Officer (CIO) or equivalent \
             Name: Jeyhun Salmanov"
        ),
        "{}",
        lines[0]
    );
    // A contact block that is not an item says its label once too.
    let lines = hit_lines(&["search", "Diyor"]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(
        lines[0].to_lowercase().matches("respondent").count(),
        1,
        "{}",
        lines[0]
    );
    assert!(
        lines[0].starts_with("Tajikistan 2020 Respondent: Diyor Normatov · Mr."),
        "{}",
        lines[0]
    );
    // Nor is a question printed twice when the snippet opens with it (answers rank first, so
    // the bare questions come further down).
    let lines = hit_lines(&["search", "digital signature", "--limit", "30"]);
    let questions: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("Is there any legislation"))
        .collect();
    assert!(!questions.is_empty(), "{lines:?}");
    for line in questions {
        assert_eq!(
            line.matches("Is there any legislation").count(),
            1,
            "{line}"
        );
    }
}

#[test]
fn typo_tolerant_hits_carry_a_tilde_after_the_item() {
    for query in ["cbersecurity", "cybersecurity"] {
        let lines = hit_lines(&["search", query, "--limit", "50"]);
        let v = json(&["search", query, "--limit", "50", "--json"]);
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(lines.len(), hits.len());
        for (line, hit) in lines.iter().zip(hits) {
            let item = line.split_whitespace().nth(2).unwrap();
            let fuzzy = hit["fuzzy"].as_bool().unwrap();
            assert_eq!(item.ends_with('~'), fuzzy, "{query}: {line}");
            assert_eq!(item.trim_end_matches('~'), hit["item"], "{line}");
        }
        // Exact hits come first; a typo finds only typo-tolerant ones.
        assert_eq!(hits[0]["fuzzy"], query == "cbersecurity", "{query}");
        assert!(hits.iter().any(|h| h["fuzzy"] == true), "{query}");
    }
}

#[test]
fn color_always_marks_matches_in_bold_and_colour_never_and_pipes_do_not() {
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let o = msq_env(args, env);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let always = run(&["search", "Jeyhun", "--color", "always"], &[]);
    assert!(
        always.contains("Name: \x1b[1;33mJeyhun\x1b[0m Salmanov"),
        "{always:?}"
    );
    for args in [
        &["search", "Jeyhun", "--color", "never"][..],
        &["search", "Jeyhun", "--color", "auto"],
        &["search", "Jeyhun"],
    ] {
        let plain = run(args, &[]);
        assert!(!plain.contains('\x1b'), "{args:?}: {plain:?}");
        assert!(plain.contains("Name: Jeyhun Salmanov"), "{plain:?}");
    }
    // NO_COLOR, whatever its value, keeps the bold and drops the colour.
    for value in ["1", ""] {
        let bold = run(
            &["search", "Jeyhun", "--color", "always"],
            &[("NO_COLOR", value)],
        );
        assert!(
            bold.contains("Name: \x1b[1mJeyhun\x1b[0m Salmanov"),
            "{bold:?}"
        );
        assert!(!bold.contains("33m"), "{bold:?}");
    }
}

#[test]
fn marks_land_on_the_match_after_document_controls_are_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("ghana.txt");
    let text = std::fs::read_to_string(common::fixture("escape_sequences.txt")).unwrap();
    let text = text.replace("Ama \x1b]52", "Ama\t\u{202e}\x1b]52");
    assert!(text.contains('\t'));
    std::fs::write(&doc, text).unwrap();
    let out = dir.path().join("esc.json");
    let built = msq(&[
        "index",
        "build",
        doc.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    let o = msq(&[
        "--index",
        out.to_str().unwrap(),
        "search",
        "Mensah",
        "--color",
        "always",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("␛]52;c;aGVsbG8=␇\x1b[1;33mMensah\x1b[0m"),
        "{text:?}"
    );
    let unmarked = text.replace("\x1b[1;33m", "").replace("\x1b[0m", "");
    for c in unmarked.chars() {
        assert!(
            c == '\n' || !(c.is_control() || msq::sanitize::is_invisible(c)),
            "printed {c:?}: {text:?}"
        );
    }
}

#[test]
fn search_json_is_an_object_with_the_total_and_where_each_hit_matched() {
    for (query, field) in [
        ("Jeyhun", "answer"),
        // Answers rank before questions: the first hit for a word both hold is an answer.
        ("legislation", "answer"),
        ("cbersecurity", "answer"),
        ("Diyor", "contact"),
    ] {
        let v = json(&["search", query, "--limit", "3", "--json"]);
        let hits = v["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "{query}");
        assert!(v["total"].as_u64().unwrap() >= hits.len() as u64, "{v}");
        for h in hits {
            let m = h["matched_in"].as_str().unwrap();
            assert!(
                ["question", "answer", "options", "contact"].contains(&m),
                "{h}"
            );
            assert!(h["fuzzy"].is_boolean(), "{h}");
        }
        assert_eq!(hits[0]["matched_in"], field, "{query}");
        assert_eq!(hits[0]["fuzzy"], query == "cbersecurity", "{query}");
    }
    let v = json(&["search", "legislation", "--limit", "2", "--json"]);
    assert!(v["total"].as_u64().unwrap() > 2, "{v}");
}

#[test]
fn search_help_describes_every_flag() {
    let o = msq(&["search", "-h"]);
    assert!(o.status.success());
    let help = stdout(&o);
    for flag in [
        "--country <C>",
        "--section <S>",
        "--edition <YEAR>",
        "--limit <N>",
        "--json",
        "--color <WHEN>",
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(flag))
            .unwrap_or_else(|| panic!("no {flag} in {help}"));
        let said = line.trim_start()[flag.len()..].trim();
        assert!(said.split_whitespace().count() >= 3, "{flag}: {line:?}");
    }
    assert!(
        help.contains("[possible values: auto, always, never]"),
        "{help}"
    );
}

#[test]
fn on_a_terminal_matches_are_marked_without_asking() {
    for (env, mark) in [
        (&[][..], "\x1b[1;33mJeyhun\x1b[0m"),
        (&[("NO_COLOR", "1")][..], "\x1b[1mJeyhun\x1b[0m"),
    ] {
        let mut s = common::pty::Session::start_with_env(&["search", "Jeyhun"], 100, 10, env);
        s.wait_for("1 match");
        assert_eq!(s.wait_exit(), 0);
        let raw = String::from_utf8_lossy(&s.raw()).into_owned();
        assert!(raw.contains(mark), "{env:?}: {raw:?}");
    }
}

#[test]
fn search_says_when_a_country_name_scoped_the_query() {
    let o = msq(&["search", "azerbaijan", "cio"]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(err.contains("country:"), "{err}");
    let out = stdout(&o);
    assert!(!out.trim().is_empty());
    let hits: Vec<&str> = out
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.ends_with("matches") && !l.ends_with("match"))
        .collect();
    assert!(!hits.is_empty(), "{out}");
    assert!(
        hits.iter().all(|l| l.starts_with("Azerbaijan")),
        "only Azerbaijan's answers: {out}"
    );
    assert!(
        hits.iter().any(|l| l.contains("Chief Information Officer")),
        "{out}"
    );
}

fn egdi_fixture(name: &str) -> String {
    common::root()
        .join("tests/data/egdi")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn rank_top_3_of_2024_is_denmark_estonia_singapore() {
    let v = json(&["rank", "--edition", "2024", "--top", "3", "--json"]);
    let names: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["country"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Denmark", "Estonia", "Singapore"]);
    assert_eq!(v["rows"][0]["egdi"], 0.98474);
    assert_eq!(v["rows"][0]["rank"], 1);
    assert_eq!(v["compared_with"], 2022);
    let text = stdout(&msq(&["rank", "--edition", "2024", "--top", "3"]));
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("0.9")).collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(
        rows[0].contains("Denmark") && rows[0].contains("0.98474"),
        "{text}"
    );
    assert!(
        rows[1].contains("Estonia") && rows[2].contains("Singapore"),
        "{text}"
    );
    assert!(text.contains("Source: UN DESA, UN E-Government Knowledgebase"));
    // The latest edition is the default.
    assert_eq!(json(&["rank", "--top", "3", "--json"]), v);
}

#[test]
fn rank_without_figures_names_the_editions_there_are() {
    for year in ["2020", "1999"] {
        let o = msq(&["rank", "--edition", year]);
        assert_eq!(o.status.code(), Some(1));
        assert_eq!(
            stderr(&o),
            format!(
                "msq: no EGDI figures for {year}; editions with figures: 2010, 2012, 2014, 2016, 2018, 2022, 2024\n"
            )
        );
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn rank_by_osi_sorts_by_it_and_keeps_the_official_rank() {
    let v = json(&[
        "rank",
        "--edition",
        "2024",
        "--by",
        "osi",
        "--top",
        "5",
        "--json",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(v["by"], "osi");
    assert_eq!(rows[0]["iso3"], "KOR");
    assert_eq!(rows[0]["position"], 1);
    assert_ne!(rows[0]["rank"], 1, "the EGDI rank stays");
    for w in rows.windows(2) {
        assert!(w[0]["osi"].as_f64() >= w[1]["osi"].as_f64());
    }
    let text = stdout(&msq(&[
        "rank",
        "--edition",
        "2024",
        "--by",
        "osi",
        "--top",
        "1",
    ]));
    assert!(text.contains("OSI #  RANK"), "{text}");
}

#[test]
fn rank_by_region_and_subregion() {
    let v = json(&["rank", "--subregion", "central asia", "--json"]);
    let mut codes: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["iso3"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    assert_eq!(codes, ["KAZ", "KGZ", "TJK", "TKM", "UZB"]);
    assert_eq!(v["subregion"], "Central Asia");
    // Ranks stay world ranks.
    assert_eq!(v["rows"][1]["rank"], 63);
    let europe = json(&["rank", "--region", "EUR", "--json"]);
    assert_eq!(europe["region"], "Europe");
    assert!(
        europe["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["region"] == "Europe")
    );
    let o = msq(&["rank", "--region", "Atlantis"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "msq: no region \"Atlantis\"; regions: Africa, Americas, Asia, Europe, Oceania\n"
    );
    let o = msq(&["rank", "--subregion", "central"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Central America, Central Asia"),
        "{}",
        stderr(&o)
    );
    let o = msq(&["rank", "--region", "Asia", "--subregion", "Central Asia"]);
    assert_eq!(o.status.code(), Some(2), "a clap usage error");
}

#[test]
fn rank_csv_has_a_header_and_a_row_per_state() {
    let o = msq(&["rank", "--edition", "2010", "--csv"]);
    assert!(o.status.success());
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "position,rank,rank_change,iso3,country,region,subregion,egdi,osi,hci,tii,epi"
    );
    assert_eq!(lines.len(), 194);
    // South Sudan has no 2010 figures at all: empty cells, never 0.
    assert!(lines.contains(&",,,SSD,South Sudan,Africa,Eastern Africa,,,,,"));
    // The states 2010 did not assess come last, by name, with no EGDI and no rank: the file's
    // 0.0 and tied rank 184 are placeholders. What their rows do publish stays.
    assert_eq!(
        lines[193],
        ",,,TUV,Tuvalu,Oceania,Polynesia,,0.01269,,0.17169,0.00000"
    );
    assert!(lines.contains(&",,,MCO,Monaco,Europe,Western Europe,,0.13650,,0.69614,0.02857"));
    assert!(lines[..184].iter().all(|l| !l.starts_with(',')));
}

#[test]
fn egdi_gives_every_edition_with_2020_missing() {
    let v = json(&["egdi", "uzbekistan", "--json"]);
    assert_eq!(v["iso3"], "UZB");
    assert_eq!(v["subregion"], "Central Asia");
    let editions = v["editions"].as_array().unwrap();
    let years: Vec<u64> = editions
        .iter()
        .map(|e| e["edition"].as_u64().unwrap())
        .collect();
    assert_eq!(years, [2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]);
    let e2020 = &editions[5];
    assert_eq!(e2020["published"], false);
    assert_eq!(e2020["figures"], serde_json::Value::Null);
    let e2024 = &editions[7]["figures"];
    assert_eq!(e2024["rank"], 63);
    assert_eq!(e2024["rank_change"], 6);
    assert_eq!(e2024["compared_with"], 2022);
    assert_eq!(editions[6]["figures"]["rank"], 69);
    assert_eq!(
        editions[0]["figures"]["rank_change"],
        serde_json::Value::Null
    );
    // By code, alpha-2 and prefix too.
    assert_eq!(json(&["egdi", "UZ", "--json"]), v);
    assert_eq!(json(&["egdi", "uzb", "--json"]), v);
    assert_eq!(json(&["egdi", "Uzbek", "--json"]), v);

    let text = stdout(&msq(&["egdi", "uzbekistan"]));
    assert!(text.contains("2020     no figures published"), "{text}");
    let row = text.lines().find(|l| l.starts_with("2024")).unwrap();
    assert!(row.contains("63  ▲6"), "{text}");
}

#[test]
fn egdi_json_is_null_for_missing_and_text_shows_a_dash() {
    let v = json(&["egdi", "Kiribati", "--json"]);
    let f2010 = &v["editions"][0]["figures"];
    assert_eq!(f2010["hci"], serde_json::Value::Null);
    assert_eq!(f2010["osi"], 0.02857);
    let text = stdout(&msq(&["egdi", "Kiribati"]));
    let row = text.lines().find(|l| l.starts_with("2010")).unwrap();
    assert!(row.contains("0.02857  —"), "{row}");
    let csv = stdout(&msq(&["egdi", "ssd", "--csv"]));
    assert!(csv.contains("SSD,South Sudan,2010,,,,,,,,\r\n"), "{csv}");
    assert!(csv.contains("SSD,South Sudan,2020,,,,,,,,\r\n"), "{csv}");
    // Any member state, indexed or not; an unknown one fails with one line.
    let o = msq(&["egdi", "Atlantis"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn the_figures_do_not_depend_on_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.json");
    std::fs::write(
        &path,
        format!(
            r#"{{"schema": {}, "responses": []}}"#,
            msq::model::SCHEMA_VERSION
        ),
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let v = json(&["--index", p, "egdi", "Denmark", "--json"]);
    assert_eq!(v["editions"][7]["figures"]["egdi"], 0.98474);
    let v = json(&["--index", p, "rank", "--top", "1", "--json"]);
    assert_eq!(v["rows"][0]["iso3"], "DNK");
}

#[test]
fn index_build_scores_adds_2020_and_rank_2020_then_works() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("index.json");
    let good = common::raw_documents()[0].clone();
    let o = msq(&[
        "index",
        "build",
        good.to_str().unwrap(),
        "--scores",
        &egdi_fixture("invented_2020.csv"),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("EGDI 2020: figures for 4 states from invented_2020.csv"),
        "{}",
        stdout(&o)
    );
    let p = out.to_str().unwrap();
    let v = json(&["--index", p, "rank", "--edition", "2020", "--json"]);
    assert_eq!(v["rows"][0]["country"], "Denmark");
    assert_eq!(v["rows"].as_array().unwrap().len(), 4);
    let u = json(&["--index", p, "egdi", "uzb", "--json"]);
    assert_eq!(u["editions"][5]["figures"]["rank"], 87);
    assert_eq!(u["editions"][6]["figures"]["compared_with"], 2020);
    // The built-in index is unchanged by it.
    let o = msq(&["rank", "--edition", "2020"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_bad_scores_file_leaves_the_existing_index_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("index.json");
    std::fs::write(&out, "previous").unwrap();
    let good = common::raw_documents()[0].clone();
    for bad in ["non_numeric_value.csv", "unknown_name.csv", "missing.csv"] {
        let o = msq(&[
            "index",
            "build",
            good.to_str().unwrap(),
            "--scores",
            &egdi_fixture("invented_2020.csv"),
            "--scores",
            &egdi_fixture(bad),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(bad), "the error names the file: {err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left behind");
}

#[test]
fn msq_scores_adds_figures_at_run_time() {
    let both = format!(
        "{}:{}",
        egdi_fixture("invented_2020.csv"),
        egdi_fixture("bom_semicolons_crlf_reordered.csv")
    );
    let o = msq_env(
        &["rank", "--edition", "2020", "--json"],
        &[("MSQ_SCORES", &both)],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"][0]["iso3"], "DNK");
    // The later file replaces 2024 with its three states.
    let o = msq_env(&["rank", "--json"], &[("MSQ_SCORES", &both)]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 3);
    let o = msq_env(
        &["egdi", "Denmark"],
        &[("MSQ_SCORES", &egdi_fixture("unknown_name.csv"))],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("unknown_name.csv: line 3:") && err.contains("Atlantis"),
        "{err}"
    );
}

#[test]
fn iso_alpha_2_codes_name_countries_and_beat_a_name_they_begin() {
    // As arguments, in any case, with an edition.
    for (args, first) in [
        (&["cio", "mn"][..], "Mongolia (MNG) · 2022 · CIO"),
        (&["cio", "MN:2022"][..], "Mongolia (MNG) · 2022 · CIO"),
        (&["portals", "kh"][..], "Cambodia (KHM) · 2022 · portals"),
        (&["cio", "az"][..], "Azerbaijan (AZE) · 2022 · CIO"),
    ] {
        let o = msq(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(stdout(&o).lines().next(), Some(first), "{args:?}");
    }
    // "ca" is Canada's code: it does not fall through to Cambodia, whose name it begins.
    let o = msq(&["cio", "ca"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("msq: Canada is not in this index"), "{err}");
    assert!(
        err.contains("\"ca\" is taken as its ISO code: for Cambodia, write more of the name"),
        "the error says the code won over the name it begins: {err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // As a search scope: country:tj is Tajikistan alone.
    let o = msq(&["search", "--json", "country:tj", "portal"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["iso3"] == "TJK"), "{v}");
    let o = msq(&["search", "--json", "country:ca", "portal"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["total"], 0, "{v}");
    assert!(
        stderr(&o).contains("country:ca is Canada's code (CA), and this index holds no response from it; for Cambodia, write more of the name"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_edition_given_twice_and_differently_is_a_usage_error() {
    for args in [
        &["cio", "Cambodia:2022", "--edition", "2020"][..],
        &["portals", "khm:2022", "--edition", "2020", "--json"][..],
        &["show", "mn:2022", "--edition", "2024"][..],
    ] {
        let o = msq(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("give the year once"), "{err}");
    }
    // The same year twice is no conflict.
    assert!(
        msq(&["cio", "Cambodia:2022", "--edition", "2022"])
            .status
            .success()
    );
}

#[test]
fn json_never_changes_the_exit_code() {
    for args in [
        &["portals", "uzb"][..],
        &["cio", "uzb"][..],
        &["show", "zz"][..],
        &["cio", "uzb:2022"][..],
        &["search", "zzqqxx"][..],
        &["portals", "mongolia"][..],
    ] {
        let plain = msq(args).status.code();
        let json = msq(&[args, &["--json"][..]].concat()).status.code();
        assert_eq!(plain, json, "{args:?}");
    }
    // A presentation asks no portal questions: said, not failed.
    let o = msq(&["portals", "uzb"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("asks no portal questions"),
        "{}",
        stdout(&o)
    );
    assert_eq!(stdout(&msq(&["portals", "uzb", "--json"])).trim(), "[]");
}

#[test]
fn completions_for_each_shell_and_a_man_page_come_from_the_clap_definitions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = msq(&["generate", "completions", shell]);
        assert!(o.status.success(), "{shell}");
        let script = stdout(&o);
        for word in ["search", "compare", "portals", "index", "json"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    // The bash script loads, and completes the first word from the subcommands.
    let bash = Command::new("bash")
        .arg("-c")
        .arg(
            r#"source <("$MSQ" generate completions bash) && COMP_WORDS=(msq se) COMP_CWORD=1 && _msq msq se msq && printf '%s\n' "${COMPREPLY[@]}""#,
        )
        .env("MSQ", env!("CARGO_BIN_EXE_msq"))
        .output()
        .unwrap();
    assert!(
        bash.status.success(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    let offered = stdout(&bash);
    assert!(offered.lines().any(|l| l == "search"), "{offered}");
    let man = stdout(&msq(&["generate", "man"]));
    assert!(man.contains(".TH msq 1"), "{man}");
    for word in ["search", "compare", "generate"] {
        assert!(man.contains(word), "the man page lacks {word}");
    }
    // A shell msq does not know is a usage error.
    assert_eq!(
        msq(&["generate", "completions", "tcsh"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_search_scope_flag_that_names_nothing_here_is_an_error_whichever_flag() {
    for (args, says) in [
        (
            &["search", "portal", "--country", "zz"][..],
            "no country matches \"zz\"",
        ),
        (
            &["search", "portal", "--section", "Z"][..],
            "no section \"z\"; sections: ",
        ),
        (
            &["search", "portal", "--edition", "1999"][..],
            "no 1999 edition in this index; editions: 2020, 2022, 2024",
        ),
    ] {
        for json in [false, true] {
            let args = [args, if json { &["--json"][..] } else { &[][..] }].concat();
            let o = msq(&args);
            assert_eq!(o.status.code(), Some(1), "{args:?}");
            assert!(o.stdout.is_empty(), "{args:?}");
            let err = stderr(&o);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.starts_with(&format!("msq: {says}")), "{args:?}: {err}");
        }
    }
    // Scopes that name something still search; in the query text a scope is a note.
    assert!(
        msq(&["search", "portal", "--section", "A", "--edition", "2022"])
            .status
            .success()
    );
    let o = msq(&["search", "portal", "section:zz"]);
    assert_eq!(o.status.code(), Some(0));
}
