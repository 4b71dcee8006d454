//! The EGDI figures: published values come out exactly, missing stays missing, every name in
//! every shipped file maps to its state, and the reader takes the UN Data Center's layout in
//! its variants and refuses bad rows with one line naming the file and line.

mod common;

use msq::egdi::{self, Egdi, Figure, ScoresError};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/data/egdi").join(name)
}

fn built() -> &'static Egdi {
    Egdi::builtin()
}

#[test]
fn denmark_2024_is_first_with_0_98474() {
    let dnk = built().scores("DNK", 2024).unwrap();
    assert_eq!(dnk.egdi, Some(0.98474));
    assert_eq!(dnk.rank, Some(1));
    assert_eq!(built().scores("DNK", 2022).unwrap().egdi, Some(0.9717));
    for year in [2018, 2022, 2024] {
        assert_eq!(built().ranking(year, Figure::Egdi)[0].0, "DNK", "{year}");
    }
}

#[test]
fn uzbekistan_gains_six_places_from_2022_to_2024() {
    assert_eq!(built().scores("UZB", 2022).unwrap().rank, Some(69));
    assert_eq!(built().scores("UZB", 2024).unwrap().rank, Some(63));
    assert_eq!(built().rank_change("UZB", 2024), Some((2022, 6)));
}

#[test]
fn a_change_across_the_missing_2020_compares_with_2018() {
    assert_eq!(built().previous_year(2022), Some(2018));
    assert_eq!(built().previous_year(2024), Some(2022));
    assert_eq!(built().previous_year(2010), None);
    // 81st in 2018, 69th in 2022.
    assert_eq!(built().rank_change("UZB", 2022), Some((2018, 12)));
    assert_eq!(built().rank_change("UZB", 2010), None);
}

#[test]
fn there_are_no_2020_figures_but_2020_is_a_survey_year() {
    let e = built();
    assert_eq!(e.years(), [2010, 2012, 2014, 2016, 2018, 2022, 2024]);
    assert!(e.edition(2020).is_none());
    assert!(e.scores("DNK", 2020).is_none());
    assert!(e.ranking(2020, Figure::Egdi).is_empty());
    assert_eq!(
        e.survey_years(),
        [2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]
    );
    assert_eq!(
        e.no_figures(2020).to_string(),
        "no EGDI figures for 2020; editions with figures: 2010, 2012, 2014, 2016, 2018, 2022, 2024"
    );
}

#[test]
fn the_empty_2010_cells_stay_missing() {
    let kir = built().scores("KIR", 2010).unwrap();
    assert_eq!(kir.hci, None, "Kiribati 2010 has no HCI");
    assert_eq!(kir.osi, Some(0.02857));
    let nru = built().scores("NRU", 2010).unwrap();
    assert_eq!((nru.hci, nru.tii), (None, None));
    let ssd = built().scores("SSD", 2010).unwrap();
    assert_eq!(*ssd, egdi::Scores::default(), "South Sudan 2010: nothing");
    // And never zero where the source has a value: a 2010 value keeps its published digits.
    assert_eq!(built().scores("IRQ", 2010).unwrap().hci, Some(0.69556));
    assert_eq!(built().scores("IRQ", 2010).unwrap().rank, Some(136));
}

/// The nine states 2010 did not assess (no HCI) are printed with an EGDI of 0.0 and a tied rank
/// of 184: placeholders, read as missing; the values their rows do publish stay.
#[test]
fn the_2010_placeholder_zeros_are_not_figures() {
    let mco = built().scores("MCO", 2010).unwrap();
    assert_eq!((mco.egdi, mco.rank), (None, None), "Monaco 2010");
    assert_eq!(mco.osi, Some(0.1365));
    assert_eq!(mco.tii, Some(0.69614));
    assert_eq!(mco.epi, Some(0.02857));
    assert_eq!(mco.hci, None);
    let unassessed = [
        "KIR", "MHL", "FSM", "MCO", "NRU", "PRK", "SOM", "TUV", "SMR",
    ];
    for iso3 in unassessed {
        let s = built().scores(iso3, 2010).unwrap();
        assert_eq!((s.egdi, s.rank), (None, None), "{iso3}");
    }
    // Somalia's published zeros that are parts stay: 0 is a value there.
    let som = built().scores("SOM", 2010).unwrap();
    assert_eq!(
        (som.osi, som.epi, som.tii),
        (Some(0.0), Some(0.0), Some(0.0122))
    );
    // No other 2010 state lost its EGDI or rank, and no EGDI of 0 is left in 2010.
    let e2010 = built().edition(2010).unwrap();
    let without: Vec<&str> = e2010
        .states
        .iter()
        .filter(|(_, s)| s.egdi.is_none())
        .map(|(c, _)| c.as_str())
        .collect();
    let mut expected: Vec<&str> = unassessed.into_iter().chain(["SSD"]).collect();
    expected.sort_unstable();
    assert_eq!(without, expected);
    assert!(e2010.states.values().all(|s| s.egdi != Some(0.0)));
    // 2012 prints an EGDI of 0.0 and a tied rank of 191 for Libya, the Central African
    // Republic and Guinea beside an HCI and a TII above 0: a mean of parts above 0 cannot be 0,
    // so those are placeholders too. Their published parts stay, the OSI of 0 among them.
    for iso3 in ["LBY", "CAF", "GIN"] {
        let s = built().scores(iso3, 2012).unwrap();
        assert_eq!((s.egdi, s.rank), (None, None), "{iso3}");
        assert_eq!(s.osi, Some(0.0), "{iso3}");
        assert!(s.hci.is_some_and(|v| v > 0.0), "{iso3}");
    }
    assert!(
        built()
            .editions()
            .iter()
            .all(|e| e.states.values().all(|s| s.egdi != Some(0.0)))
    );
    // Ranked last, by name, after the 183 states with an EGDI.
    let ranking = built().ranking(2010, Figure::Egdi);
    assert_eq!(
        ranking.iter().filter(|(_, s)| s.egdi.is_some()).count(),
        183
    );
    assert!(
        ranking[183..]
            .iter()
            .all(|(_, s)| s.egdi.is_none() && s.rank.is_none())
    );
    // A rank change needs a rank in both editions.
    assert_eq!(built().rank_change("MCO", 2012), None);
}

/// A user's file follows the same rule: an EGDI of 0 beside a missing part is a placeholder.
#[test]
fn an_egdi_of_zero_beside_a_missing_part_is_read_as_missing() {
    let text = format!(
        "{HEADER}2022,Monaco,184,0.0,0.1,0.2,,0.3\n\
         2022,Nauru,190,0,0.1,0.2,0.3,\n\
         2022,Denmark,1,0.9,0.9,0.9,0.9,0.9\n\
         2022,Tuvalu,192,0.0,0.0,0.0,0.0,0.0\n\
         2022,Kiribati,193,0.0,,,,\n\
         2022,Malawi,150,0.2,0.0,0.1,0.3,0.2\n"
    );
    let e = &parse(&text).unwrap()[0];
    let mco = &e.states["MCO"];
    assert_eq!((mco.rank, mco.egdi), (None, None));
    assert_eq!(
        (mco.epi, mco.osi, mco.hci, mco.tii),
        (Some(0.1), Some(0.2), None, Some(0.3))
    );
    let nru = &e.states["NRU"];
    assert_eq!((nru.rank, nru.egdi, nru.hci), (None, None, Some(0.3)));
    // Every part published as 0: an EGDI of 0 is then what they make, and stays.
    let tuv = &e.states["TUV"];
    assert_eq!((tuv.rank, tuv.egdi), (Some(192), Some(0.0)));
    let kir = &e.states["KIR"];
    assert_eq!(*kir, egdi::Scores::default());
    // A zero that is a part is a value.
    let mwi = &e.states["MWI"];
    assert_eq!(
        (mwi.rank, mwi.egdi, mwi.epi),
        (Some(150), Some(0.2), Some(0.0))
    );
}

#[test]
fn every_row_of_every_shipped_file_maps_to_a_member_state() {
    let rebuilt = egdi::build(&common::root().join("data/egdi")).unwrap();
    assert_eq!(rebuilt.editions().len(), 7);
    for c in msq::countries::MEMBER_STATES {
        assert!(rebuilt.place(c.iso3).is_some(), "{} has a region", c.name);
    }
    for e in rebuilt.editions() {
        assert_eq!(e.states.len(), 193, "{}", e.year);
    }
    // Names that differ from the table's own spelling.
    let e2024 = rebuilt.edition(2024).unwrap();
    for iso3 in ["TUR", "CIV", "IRN", "GEO", "KOR", "PRK", "COD", "COG"] {
        assert!(e2024.states.contains_key(iso3), "{iso3}");
    }
    assert_eq!(e2024.source, "EGOV_DATA_2024.csv");
}

#[test]
fn every_name_in_every_shipped_file_looks_up_to_the_state_of_its_row() {
    // The files with codes: each name must name the state its code does.
    for year in [2010, 2012, 2014, 2016, 2018] {
        let path = common::root().join(format!("data/egdi/egdi-{year}.csv"));
        let mut reader = csv::Reader::from_path(&path).unwrap();
        for row in reader.records() {
            let row = row.unwrap();
            let by_name = msq::countries::lookup(&row[1]).map(|c| c.iso3);
            assert_eq!(by_name, Some(&row[0]), "{year}: {:?}", &row[1]);
        }
    }
    let path = common::root().join("data/egdi/countries-data_EN.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for row in reader.records() {
        let row = row.unwrap();
        // The file ends with a row of empty cells, which msq skips as a blank line.
        if row.iter().all(str::is_empty) {
            continue;
        }
        assert_eq!(
            msq::countries::lookup(&row[1]).map(|c| c.iso3),
            Some(&row[0]),
            "{:?}",
            &row[1]
        );
    }
}

#[test]
fn an_unknown_name_fails_naming_file_line_and_name() {
    let err = egdi::read_scores(&fixture("unknown_name.csv")).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ScoresError::Line { line: 3, .. }), "{err:?}");
    assert!(msg.contains("unknown_name.csv: line 3:"), "{msg}");
    assert!(msg.contains("\"Atlantis\""), "{msg}");
    assert!(!msg.contains('\n'));
}

#[test]
fn a_non_numeric_value_fails_naming_its_column_and_value() {
    let msg = egdi::read_scores(&fixture("non_numeric_value.csv"))
        .unwrap_err()
        .to_string();
    assert!(
        msg.ends_with(
            "non_numeric_value.csv: line 3: E-Government Index \"zero point nine\" is not a number from 0 to 1"
        ),
        "{msg}"
    );
}

#[test]
fn a_bom_semicolons_crlf_decimal_commas_and_columns_in_another_order() {
    let editions = egdi::read_scores(&fixture("bom_semicolons_crlf_reordered.csv")).unwrap();
    assert_eq!(editions.len(), 1);
    let e = &editions[0];
    assert_eq!(e.year, 2024);
    let dnk = &e.states["DNK"];
    assert_eq!(
        (dnk.rank, dnk.egdi, dnk.tii),
        (Some(1), Some(0.98474), Some(0.99662))
    );
    // A curly apostrophe, a trailing space, a rank of "—", empty cells.
    let civ = &e.states["CIV"];
    assert_eq!(civ.rank, None);
    assert_eq!(
        (civ.egdi, civ.tii, civ.osi, civ.epi),
        (Some(0.6134), None, None, None)
    );
    assert_eq!(e.states["TUR"].rank, None);
}

#[test]
fn a_file_holding_two_years_gives_two_editions() {
    let editions = egdi::read_scores(&fixture("two_years.csv")).unwrap();
    let years: Vec<u16> = editions.iter().map(|e| e.year).collect();
    assert_eq!(years, [2020, 2022]);
    assert_eq!(editions[0].states.len(), 2);
    assert_eq!(editions[0].source, "two_years.csv");
}

fn parse(text: &str) -> Result<Vec<egdi::Edition>, ScoresError> {
    egdi::parse_scores(text, "t.csv", "t.csv", None)
}

const HEADER: &str = "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,Online Service Index,Human Capital Index,Telecommunication Infrastructure Index\n";

#[test]
fn bad_rows_get_one_line_errors() {
    let cases = [
        (
            "2022,Denmark,one,0.9,0.9,0.9,0.9,0.9\n",
            "line 2: E-Government Rank \"one\" is not a rank",
        ),
        ("2022,Denmark,1.5,0.9,0.9,0.9,0.9,0.9\n", "is not a rank"),
        (
            "2022,Denmark,1,1.9,0.9,0.9,0.9,0.9\n",
            "\"1.9\" is not a number from 0 to 1",
        ),
        (
            "2022,Denmark,1,NaN,0.9,0.9,0.9,0.9\n",
            "\"NaN\" is not a number",
        ),
        (
            "20x2,Denmark,1,0.9,0.9,0.9,0.9,0.9\n",
            "Survey Year \"20x2\" is not a year",
        ),
        (
            "2022,Denmark,1,0.9\n",
            "line 2: 4 fields where the header has 8",
        ),
        (
            "2022,\"Denmark,1,0.9,0.9,0.9,0.9,0.9\n",
            "line 2: a quoted field is not closed",
        ),
        (
            "2022,Denmark,1,0.9,0.9,0.9,0.9,0.9\n2022,DENMARK ,1,0.9,0.9,0.9,0.9,0.9\n",
            "line 3: Denmark appears twice for 2022 (first on line 2)",
        ),
    ];
    for (rows, want) in cases {
        let msg = parse(&format!("{HEADER}{rows}")).unwrap_err().to_string();
        assert!(msg.starts_with("t.csv: "), "{msg}");
        assert!(msg.contains(want), "{rows:?}: {msg}");
        assert!(!msg.contains('\n'), "{msg}");
    }
    for (text, want) in [
        ("", "no header row"),
        (HEADER, "a header but no rows"),
        ("Country,Rank\nDenmark,1\n", "no EGDI column"),
        ("E_Index,Rank\n0.9,1\n", "no country column"),
        (
            "Country,E_Index\nDenmark,0.9\n",
            "no \"Survey Year\" column",
        ),
    ] {
        let msg = parse(text).unwrap_err().to_string();
        assert!(msg.contains(want), "{text:?}: {msg}");
    }
}

#[test]
fn a_code_column_wins_and_must_agree_with_the_name() {
    let ok = "country-code,country-name,e-gov-rank,e-gov-index\nTUR,Turkey,1,0.5\nci,Côte d'Ivoire,2,0.4\n";
    let e = egdi::parse_scores(ok, "egdi-2030.csv", "egdi-2030.csv", Some(2030)).unwrap();
    assert_eq!(e[0].year, 2030);
    assert!(e[0].states.contains_key("TUR") && e[0].states.contains_key("CIV"));
    let bad = "country-code,country-name,e-gov-rank,e-gov-index\nTUR,Greece,1,0.5\n";
    let msg = egdi::parse_scores(bad, "x.csv", "x.csv", Some(2030))
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("line 2: code \"TUR\" is Türkiye but the name \"Greece\" is Greece"),
        "{msg}"
    );
    let unknown = "country-code,country-name,e-gov-rank,e-gov-index\nXKX,,1,0.5\n";
    let msg = egdi::parse_scores(unknown, "x.csv", "x.csv", Some(2030))
        .unwrap_err()
        .to_string();
    assert!(msg.contains("\"XKX\" is not the ISO code"), "{msg}");
}

#[test]
fn ranks_written_as_decimals_and_values_rounded_to_five_places() {
    let e = parse(&format!(
        "{HEADER}2010,Iraq,136.0,0.29957,0.04285,0.15238,0.6955600000000001,0.055220000000000005\n"
    ))
    .unwrap();
    let irq = &e[0].states["IRQ"];
    assert_eq!(irq.rank, Some(136));
    assert_eq!(irq.hci, Some(0.69556));
    assert_eq!(irq.tii, Some(0.05522));
}

#[test]
fn ranking_by_a_part_and_the_states_without_it_last() {
    let osi = built().ranking(2024, Figure::Osi);
    assert_eq!(osi.len(), 193);
    for w in osi.windows(2) {
        assert!(w[0].1.osi >= w[1].1.osi);
    }
    assert_eq!(osi[0].0, "KOR", "Republic of Korea leads the 2024 OSI");
    let hci = built().ranking(2010, Figure::Hci);
    let without: Vec<&str> = hci
        .iter()
        .filter(|(_, s)| s.hci.is_none())
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(
        hci[193 - without.len()..]
            .iter()
            .map(|r| r.0)
            .collect::<Vec<_>>(),
        without
    );
    assert!(without.contains(&"KIR") && without.contains(&"SSD"));
}

#[test]
fn regions_and_subregions() {
    let e = built();
    assert_eq!(
        e.regions(),
        ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    );
    assert_eq!(e.subregions().len(), 22);
    let central: Vec<&str> = msq::countries::MEMBER_STATES
        .iter()
        .filter(|c| e.place(c.iso3).unwrap().subregion == "Central Asia")
        .map(|c| c.iso3)
        .collect();
    assert_eq!(central, ["KAZ", "KGZ", "TJK", "TKM", "UZB"]);
    // 2024: Kazakhstan 24th, Uzbekistan 63rd, Kyrgyzstan 78th.
    assert_eq!(e.subregion_standing("UZB", 2024), Some((2, 5)));
    assert_eq!(e.subregion_standing("KAZ", 2024), Some((1, 5)));
    assert_eq!(e.subregion_standing("UZB", 2020), None);
}

#[test]
fn an_added_edition_fills_2020_and_a_later_one_replaces_its_year() {
    let extra = egdi::read_scores(&fixture("invented_2020.csv")).unwrap();
    let e = built().with(extra);
    assert_eq!(e.years(), [2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024]);
    assert_eq!(e.scores("UZB", 2020).unwrap().rank, Some(87));
    assert_eq!(e.rank_change("UZB", 2022), Some((2020, 18)));
    assert_eq!(e.ranking(2020, Figure::Egdi)[0].0, "DNK");
    let replaced = e.with(egdi::read_scores(&fixture("two_years.csv")).unwrap());
    assert_eq!(replaced.edition(2022).unwrap().states.len(), 1);
    assert_eq!(replaced.edition(2020).unwrap().source, "two_years.csv");
    // The built-in figures are untouched.
    assert_eq!(built().edition(2022).unwrap().states.len(), 193);
}

#[test]
fn figures_names_and_order() {
    assert_eq!(
        Figure::ALL.map(Figure::short),
        ["EGDI", "OSI", "HCI", "TII", "EPI"]
    );
    assert_eq!(
        Figure::Tii.name(),
        "Telecommunications Infrastructure Index"
    );
    assert_eq!(serde_json::to_string(&Figure::Osi).unwrap(), "\"osi\"");
}

#[test]
fn member_states_by_name_code_alias_and_prefix() {
    let iso = |q: &str| egdi::member_state(q).map(|c| c.iso3);
    assert_eq!(iso("uzbekistan"), Ok("UZB"));
    assert_eq!(iso("UZ"), Ok("UZB"));
    assert_eq!(iso("dnk"), Ok("DNK"));
    assert_eq!(iso("Turkey"), Ok("TUR"));
    assert_eq!(iso("kyrg"), Ok("KGZ"));
    assert!(iso("united").is_err());
    assert!(iso("Atlantis").is_err());
    assert_eq!(
        egdi::member_state("uzbekstan").unwrap_err().to_string(),
        "no country matches \"uzbekstan\"; did you mean Uzbekistan?"
    );
}

#[test]
fn an_index_with_figures_for_an_unknown_code_is_invalid() {
    let extra = egdi::read_scores(&fixture("invented_2020.csv")).unwrap();
    let mut index = msq::index::load(&msq::index::IndexSource::Embedded).unwrap();
    assert!(index.scores.is_empty());
    index.scores = extra;
    let json = msq::index::to_json(&index);
    let back = msq::index::parse(&json, "i.json").unwrap();
    assert_eq!(back.scores, index.scores);
    let bad = json.replace("\"UZB\"", "\"XXX\"");
    let err = msq::index::parse(&bad, "i.json").unwrap_err().to_string();
    assert!(err.contains("unknown ISO code \"XXX\""), "{err}");
}

#[test]
fn the_normaliser_fails_on_a_shipped_file_with_a_name_that_maps_to_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::root().join("data/egdi")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let file = dir.path().join("EGOV_DATA_2024.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Türkiye", "Atlantis")).unwrap();
    let msg = egdi::build(dir.path()).unwrap_err().to_string();
    let at = text.lines().position(|l| l.contains("Türkiye")).unwrap() + 1;
    assert!(
        msg.contains(&format!("EGOV_DATA_2024.csv: line {at}: \"Atlantis\"")),
        "{msg}"
    );
}

#[test]
fn by_egdi_the_ranking_is_the_official_order_in_every_edition() {
    for year in built().years() {
        let ranks: Vec<Option<u32>> = built()
            .ranking(year, Figure::Egdi)
            .iter()
            .map(|(_, s)| s.rank)
            .collect();
        let mut sorted = ranks.clone();
        // Missing ranks last, as the ranking puts the states without an EGDI.
        sorted.sort_by_key(|r| r.unwrap_or(u32::MAX));
        assert_eq!(ranks, sorted, "{year}");
    }
    // Equal values go by name: Estonia and Singapore share the 2024 EPI.
    let epi: Vec<&str> = built()
        .ranking(2024, Figure::Epi)
        .iter()
        .map(|r| r.0)
        .collect();
    let est = epi.iter().position(|c| *c == "EST").unwrap();
    let sgp = epi.iter().position(|c| *c == "SGP").unwrap();
    assert!(est < sgp);
}
