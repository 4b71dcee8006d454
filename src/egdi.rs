//! The E-Government Development Index (EGDI) and its parts, as the UN publishes them for every
//! member state and Survey edition: the figures of `data/egdi/` normalised into `data/egdi.json`
//! and compiled in, the reader for CSV files in the UN Data Center's layout (which adds an
//! analyst's own editions), and the questions asked of them: a ranking, a change of rank, a
//! state's standing in its sub-region. A value the source leaves empty stays `None`, and so do
//! the EGDI of 0 and the rank a source prints for a state it did not assess; an edition with no
//! figures (2020) is absent, never zeros.
//!
//! Source: UN DESA, UN E-Government Knowledgebase, Data Center.

use crate::countries::{self, Country};
use crate::index::SelectError;
use crate::ingest::scan::fold;
use crate::model::Index;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The figures normalised from `data/egdi/`, compiled in.
pub const EMBEDDED_JSON: &str = include_str!("../data/egdi.json");

/// The environment variable naming extra figure files, several joined by `:`.
pub const SCORES_ENV: &str = "MSQ_SCORES";

/// The attribution every display of the figures carries.
pub const CREDIT: &str = "Source: UN DESA, UN E-Government Knowledgebase";

/// The Survey editions before the biennial series that starts in 2008.
const EARLY_SURVEYS: [u16; 3] = [2003, 2004, 2005];
/// The first edition of the biennial series.
const BIENNIAL_FROM: u16 = 2008;

/// One of the published figures.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Figure {
    Egdi,
    Osi,
    Hci,
    Tii,
    Epi,
}

impl Figure {
    pub const ALL: [Figure; 5] = [
        Figure::Egdi,
        Figure::Osi,
        Figure::Hci,
        Figure::Tii,
        Figure::Epi,
    ];

    /// "EGDI", "OSI", ...
    pub const fn short(self) -> &'static str {
        match self {
            Figure::Egdi => "EGDI",
            Figure::Osi => "OSI",
            Figure::Hci => "HCI",
            Figure::Tii => "TII",
            Figure::Epi => "EPI",
        }
    }

    /// The figure's full name, as the Survey writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Figure::Egdi => "E-Government Development Index",
            Figure::Osi => "Online Service Index",
            Figure::Hci => "Human Capital Index",
            Figure::Tii => "Telecommunications Infrastructure Index",
            Figure::Epi => "E-Participation Index",
        }
    }
}

/// One state's figures in one edition. `None` is a value the source leaves empty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    /// The official EGDI rank.
    pub rank: Option<u32>,
    pub egdi: Option<f64>,
    pub osi: Option<f64>,
    pub hci: Option<f64>,
    pub tii: Option<f64>,
    pub epi: Option<f64>,
}

impl Scores {
    pub fn get(&self, f: Figure) -> Option<f64> {
        match f {
            Figure::Egdi => self.egdi,
            Figure::Osi => self.osi,
            Figure::Hci => self.hci,
            Figure::Tii => self.tii,
            Figure::Epi => self.epi,
        }
    }

    fn slot(&mut self, f: Figure) -> &mut Option<f64> {
        match f {
            Figure::Egdi => &mut self.egdi,
            Figure::Osi => &mut self.osi,
            Figure::Hci => &mut self.hci,
            Figure::Tii => &mut self.tii,
            Figure::Epi => &mut self.epi,
        }
    }
}

/// One Survey edition's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub year: u16,
    /// The name of the file the figures came from.
    pub source: String,
    /// By ISO alpha-3 code.
    pub states: BTreeMap<String, Scores>,
}

/// A state's UN region and sub-region (M49 geoscheme).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub region: String,
    pub subregion: String,
}

/// An ISO code as the tables key it, upper case; copied only when it is not already.
fn code(iso3: &str) -> std::borrow::Cow<'_, str> {
    if iso3.bytes().any(|b| b.is_ascii_lowercase()) {
        std::borrow::Cow::Owned(iso3.to_ascii_uppercase())
    } else {
        std::borrow::Cow::Borrowed(iso3)
    }
}

/// Every edition's figures and every state's place.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Egdi {
    /// Whom the figures are from.
    credit: String,
    /// Sorted by year, one per year.
    editions: Vec<Edition>,
    /// By ISO alpha-3 code.
    places: BTreeMap<String, Place>,
}

impl Egdi {
    /// The compiled-in figures, parsed once.
    pub fn builtin() -> &'static Egdi {
        static BUILTIN: OnceLock<Egdi> = OnceLock::new();
        // tests/egdi_file.rs proves the embedded file parses, so the empty fallback is never
        // taken by a released binary.
        BUILTIN.get_or_init(|| serde_json::from_str(EMBEDDED_JSON).unwrap_or_default())
    }

    /// Whom the figures are from, for display beside them.
    pub fn credit(&self) -> &str {
        &self.credit
    }

    /// Every edition, by year.
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// The editions that have figures, ascending.
    pub fn years(&self) -> Vec<u16> {
        self.editions
            .iter()
            .filter(|e| !e.states.is_empty())
            .map(|e| e.year)
            .collect()
    }

    /// Every Survey edition from the first year held to the last, with figures or not: 2003,
    /// 2004, 2005, then every second year from 2008; plus any year held that is none of those.
    pub fn survey_years(&self) -> Vec<u16> {
        let held = self.years();
        let (Some(&first), Some(&last)) = (held.first(), held.last()) else {
            return Vec::new();
        };
        let mut out: Vec<u16> = EARLY_SURVEYS
            .into_iter()
            .chain((BIENNIAL_FROM..=last).step_by(2))
            .filter(|y| (first..=last).contains(y))
            .chain(held)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    pub fn edition(&self, year: u16) -> Option<&Edition> {
        self.editions
            .iter()
            .find(|e| e.year == year && !e.states.is_empty())
    }

    /// A state's figures; its code in any case ("kaz" from an index written by hand).
    pub fn scores(&self, iso3: &str, year: u16) -> Option<&Scores> {
        self.edition(year)?.states.get(code(iso3).as_ref())
    }

    /// The latest edition with figures before `year`.
    pub fn previous_year(&self, year: u16) -> Option<u16> {
        self.years().into_iter().rev().find(|&y| y < year)
    }

    /// The year compared with (the latest edition with figures before `year`, so 2022 is
    /// compared with 2018 across the missing 2020) and the places gained: positive is up.
    /// `None` when either edition has no rank for the state.
    pub fn rank_change(&self, iso3: &str, year: u16) -> Option<(u16, i64)> {
        let now = self.scores(iso3, year)?.rank?;
        let before_year = self.previous_year(year)?;
        let before = self.scores(iso3, before_year)?.rank?;
        Some((before_year, i64::from(before) - i64::from(now)))
    }

    pub fn place(&self, iso3: &str) -> Option<&Place> {
        self.places.get(code(iso3).as_ref())
    }

    /// The regions, sorted.
    pub fn regions(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.places.values().map(|p| p.region.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The sub-regions, sorted.
    pub fn subregions(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.places.values().map(|p| p.subregion.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The state's position by EGDI within its sub-region (1-based; states with the same EGDI
    /// share a position) and how many states there have an EGDI that year.
    pub fn subregion_standing(&self, iso3: &str, year: u16) -> Option<(usize, usize)> {
        let edition = self.edition(year)?;
        let own = edition.states.get(code(iso3).as_ref())?.egdi?;
        let subregion = &self.place(iso3)?.subregion;
        let peers: Vec<f64> = edition
            .states
            .iter()
            .filter(|(code, _)| self.place(code).is_some_and(|p| &p.subregion == subregion))
            .filter_map(|(_, s)| s.egdi)
            .collect();
        let above = peers.iter().filter(|&&v| v > own).count();
        Some((above + 1, peers.len()))
    }

    /// Every state of the edition, best first by `by`, ties by name; the states without that
    /// figure last, by name. Empty for an edition without figures. (In the shipped files no two
    /// states with the same EGDI have different ranks, so by EGDI this is the official order.)
    pub fn ranking(&self, year: u16, by: Figure) -> Vec<(&str, &Scores)> {
        let Some(edition) = self.edition(year) else {
            return Vec::new();
        };
        let mut rows: Vec<(&str, &Scores)> = edition
            .states
            .iter()
            .map(|(c, s)| (c.as_str(), s))
            .collect();
        rows.sort_by(|(a_code, a), (b_code, b)| {
            let value = |s: &Scores| s.get(by);
            match (value(a), value(b)) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| state_name(a_code).cmp(state_name(b_code)))
        });
        rows
    }

    /// A copy with these editions added, each replacing any edition of the same year; a later
    /// one in the list replaces an earlier one.
    pub fn with(&self, editions: Vec<Edition>) -> Egdi {
        let mut out = self.clone();
        for e in editions {
            match out.editions.iter_mut().find(|x| x.year == e.year) {
                Some(slot) => *slot = e,
                None => out.editions.push(e),
            }
        }
        out.editions.sort_by_key(|e| e.year);
        out
    }

    /// The one-line error for an edition without figures.
    pub fn no_figures(&self, year: u16) -> ScoresError {
        ScoresError::NoFigures {
            year,
            years: self.years(),
        }
    }
}

/// A state's UN name, by ISO alpha-3 code ("" for a code that is no member state).
pub fn state_name(iso3: &str) -> &'static str {
    countries::by_iso3(iso3).map_or("", |c| c.name)
}

#[derive(Debug, thiserror::Error)]
pub enum ScoresError {
    #[error("{path}: cannot read the figures: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{path}: line {line}: {reason}")]
    Line {
        path: String,
        line: usize,
        reason: String,
    },
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    #[error("no EGDI figures for {year}; editions with figures: {}", join_years(.years))]
    NoFigures { year: u16, years: Vec<u16> },
}

fn join_years(years: &[u16]) -> String {
    if years.is_empty() {
        return "none".into();
    }
    years
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a column of a figures file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Year,
    Code,
    Name,
    Rank,
    Value(Figure),
}

/// The column a header names, compared with its letters and digits only, lower case:
/// "E-Government Index", "E_Index", "e-gov-index" and "EGDI" are all the EGDI.
fn column(header: &str) -> Option<Column> {
    let key: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match key.as_str() {
        "surveyyear" | "year" | "edition" | "surveyedition" => Column::Year,
        "countrycode" | "iso" | "iso3" | "isocode" | "iso3code" | "code" | "alpha3"
        | "isoalpha3" | "isoalpha3code" | "countryiso3" => Column::Code,
        "countryname" | "country" | "name" | "commonname" | "memberstate" | "countryorarea"
        | "countryterritory" => Column::Name,
        "egovernmentrank" | "egovrank" | "egdirank" | "rank" | "egovernmentdevelopmentrank" => {
            Column::Rank
        }
        "egovernmentindex" | "egovindex" | "eindex" | "egdi" | "egovernmentdevelopmentindex" => {
            Column::Value(Figure::Egdi)
        }
        "onlineserviceindex" | "onlineservicesindex" | "onlineservice" | "osi" => {
            Column::Value(Figure::Osi)
        }
        "humancapitalindex" | "humancapital" | "hci" => Column::Value(Figure::Hci),
        "telecommunicationinfrastructureindex"
        | "telecommunicationsinfrastructureindex"
        | "telecommunicationinfrastructure"
        | "telecommunicationsinfrastructure"
        | "telecominfrastructureindex"
        | "teleinfra"
        | "tii" => Column::Value(Figure::Tii),
        "eparticipationindex" | "eparticipation" | "epatindex" | "epartindex" | "epi" => {
            Column::Value(Figure::Epi)
        }
        _ => return None,
    })
}

/// A parsed CSV record: its first physical line and its fields.
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// Splits CSV text into records: RFC 4180 quoting, `,` or `;` as the separator (whichever the
/// header line holds more of outside quotes), a BOM and CRLF or LF line ends; blank lines are
/// skipped, and an Excel `sep=;` line sets the separator.
fn records(text: &str, path: &str) -> Result<Vec<Record>, ScoresError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let (text, sep, mut line) = match first_line.trim().strip_prefix("sep=") {
        Some(s) if s.chars().count() == 1 => (
            text.split_once('\n').map_or("", |(_, rest)| rest),
            s.chars().next().unwrap_or(','),
            2,
        ),
        _ => (text, separator(first_line), 1),
    };
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut was_quoted = false;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    return Err(ScoresError::Line {
                        path: path.into(),
                        line: start,
                        reason: "a quoted field is not closed".into(),
                    });
                }
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\n' => {
                        line += 1;
                        field.push(c);
                    }
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' if field.trim().is_empty() && !was_quoted => {
                    field.clear();
                    quoted = true;
                    was_quoted = true;
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    break;
                }
                c if c == sep => {
                    fields.push(std::mem::take(&mut field));
                    was_quoted = false;
                }
                _ => field.push(c),
            }
        }
        fields.push(field);
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        out.push(Record {
            line: start,
            fields,
        });
    }
    Ok(out)
}

/// The separator the header line holds most of outside quotes: `,`, `;` or a tab.
fn separator(line: &str) -> char {
    let mut quoted = false;
    let mut counts = [(',', 0), (';', 0), ('\t', 0)];
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && let Some(n) = counts.iter_mut().find(|(s, _)| *s == c) {
            n.1 += 1;
        }
    }
    // Ties go to the comma, the first.
    counts
        .iter()
        .fold(
            (',', 0),
            |best, &(s, n)| if n > best.1 { (s, n) } else { best },
        )
        .0
}

/// A cell that says "no value": empty, or a dash as tables print one.
fn is_missing(cell: &str) -> bool {
    matches!(
        cell.to_lowercase().as_str(),
        "" | "-" | "—" | "–" | ".." | "n/a" | "na" | "null"
    )
}

/// A number as a cell writes it: "0.98474", "136.0", and with `;` files a decimal comma.
fn number(cell: &str) -> Option<f64> {
    let cell = cell.trim();
    let plain = if !cell.contains('.') && cell.matches(',').count() == 1 {
        cell.replace(',', ".")
    } else {
        cell.to_string()
    };
    let ok = !plain.is_empty()
        && plain
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    plain.parse::<f64>().ok().filter(|v| ok && v.is_finite())
}

/// A figure as published: five decimals, which also drops the float noise of the 2010 files
/// (0.6955600000000001 is 0.69556).
fn round5(v: f64) -> f64 {
    (v * 100_000.0).round() / 100_000.0
}

/// Reads a CSV file of figures in the UN Data Center's layout (`EGOV_DATA_2022.csv`): a
/// header row, then one row per state and year. Columns are found by their headers in any
/// order; a file without a `Survey Year` column takes the year from its name
/// (`egdi-2016.csv`). A state is named by its ISO code where the file has one, else by its
/// name; a name must be a member state's. One edition per year in the file, by year.
///
/// An empty cell is a missing value, never 0. An EGDI of exactly 0 where the row has no OSI,
/// HCI or TII (an empty cell, or a file without that column), or one of them above 0, is a
/// placeholder for a state not assessed, as the 2010 and 2012 files print them: that EGDI and
/// the row's rank are read as missing; the row's other values are kept.
pub fn read_scores(path: &Path) -> Result<Vec<Edition>, ScoresError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ScoresError::Read {
        path: shown.clone(),
        error: source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ScoresError::File {
        path: shown.clone(),
        reason: format!(
            "not UTF-8 text (a bad byte at offset {}); save it as UTF-8 CSV",
            e.utf8_error().valid_up_to()
        ),
    })?;
    let source = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    parse_scores(&text, &shown, &source, year_in_name(&source))
}

/// The year in a file name: the last run of four digits that is a plausible Survey year.
fn year_in_name(name: &str) -> Option<u16> {
    let digits: Vec<&str> = name
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .collect();
    digits
        .iter()
        .rev()
        .filter_map(|s| s.parse::<u16>().ok())
        .find(|y| (2000..=2100).contains(y))
}

/// `read_scores` over text already read; `path` names the file in errors, `source` is stored.
pub fn parse_scores(
    text: &str,
    path: &str,
    source: &str,
    default_year: Option<u16>,
) -> Result<Vec<Edition>, ScoresError> {
    let line_err = |line: usize, reason: String| ScoresError::Line {
        path: path.to_string(),
        line,
        reason,
    };
    let recs = records(text, path)?;
    let Some((header, rows)) = recs.split_first() else {
        return Err(ScoresError::File {
            path: path.into(),
            reason: "no header row; expected the UN Data Center's columns (Survey Year, Country Name, E-Government Rank, E-Government Index, ...)".into(),
        });
    };
    let mut columns: Vec<Option<Column>> = Vec::new();
    for h in &header.fields {
        let c = column(h.trim());
        if c.is_some() && columns.contains(&c) {
            return Err(line_err(
                header.line,
                format!(
                    "two columns hold the same thing (the second is {:?})",
                    h.trim()
                ),
            ));
        }
        columns.push(c);
    }
    let at = |c: Column| columns.iter().position(|x| *x == Some(c));
    let (code_at, name_at) = (at(Column::Code), at(Column::Name));
    if code_at.is_none() && name_at.is_none() {
        return Err(line_err(
            header.line,
            "no country column (\"Country Name\" or \"Country Code\")".into(),
        ));
    }
    if at(Column::Value(Figure::Egdi)).is_none() {
        return Err(line_err(
            header.line,
            "no EGDI column (\"E-Government Index\")".into(),
        ));
    }
    let year_at = at(Column::Year);
    if year_at.is_none() && default_year.is_none() {
        return Err(line_err(
            header.line,
            "no \"Survey Year\" column, and no year in the file name".into(),
        ));
    }
    let mut editions: BTreeMap<u16, BTreeMap<String, (usize, Scores)>> = BTreeMap::new();
    for row in rows {
        let err = |reason: String| line_err(row.line, reason);
        // Cells past the header's are allowed when empty: a trailing separator.
        let extra = row.fields.get(header.fields.len()..).unwrap_or_default();
        if row.fields.len() < header.fields.len() || extra.iter().any(|f| !f.trim().is_empty()) {
            return Err(err(format!(
                "{} fields where the header has {}",
                row.fields.len(),
                header.fields.len()
            )));
        }
        let cell = |i: usize| row.fields[i].trim();
        let year = match year_at {
            // An empty year cell takes the file name's year, as a file without the column does.
            Some(i) if cell(i).is_empty() && default_year.is_some() => {
                default_year.unwrap_or_default()
            }
            Some(i) => {
                let v = cell(i);
                number(v)
                    .filter(|y| y.fract() == 0.0 && (2000.0..=2100.0).contains(y))
                    .map(|y| y as u16)
                    .ok_or_else(|| err(format!("Survey Year {v:?} is not a year")))?
            }
            None => default_year.unwrap_or_default(),
        };
        let state = state_of(code_at.map(cell), name_at.map(cell)).map_err(err)?;
        let mut scores = Scores::default();
        for (i, c) in columns.iter().enumerate() {
            let v = cell(i);
            match c {
                Some(Column::Rank) if !is_missing(v) => {
                    let rank = number(v)
                        .filter(|r| r.fract() == 0.0 && *r >= 1.0 && *r <= f64::from(u32::MAX))
                        .ok_or_else(|| {
                            err(format!(
                                "{} {v:?} is not a rank (a whole number from 1)",
                                header.fields[i].trim()
                            ))
                        })?;
                    scores.rank = Some(rank as u32);
                }
                Some(Column::Value(f)) if !is_missing(v) => {
                    let value = number(v)
                        .filter(|x| (0.0..=1.0).contains(x))
                        .ok_or_else(|| {
                            err(format!(
                                "{} {v:?} is not a number from 0 to 1",
                                header.fields[i].trim()
                            ))
                        })?;
                    *scores.slot(*f) = Some(round5(value));
                }
                _ => {}
            }
        }
        placeholder_is_missing(&mut scores);
        let states = editions.entry(year).or_default();
        if let Some((first, _)) = states.get(state.iso3) {
            return Err(err(format!(
                "{} appears twice for {year} (first on line {first})",
                state.name
            )));
        }
        states.insert(state.iso3.to_string(), (row.line, scores));
    }
    if editions.is_empty() {
        return Err(ScoresError::File {
            path: path.into(),
            reason: "a header but no rows of figures".into(),
        });
    }
    Ok(editions
        .into_iter()
        .map(|(year, states)| Edition {
            year,
            source: source.to_string(),
            states: states.into_iter().map(|(k, (_, s))| (k, s)).collect(),
        })
        .collect())
}

/// An EGDI of exactly 0 beside a missing part (OSI, HCI or TII), or beside a part above 0, is
/// a placeholder, not a measurement: the EGDI is the mean of its three parts, so it cannot be
/// worked out without one, and it is 0 only when all three are. The 2010 file prints 0.0 and a
/// tied rank of 184 for the states it did not assess (no HCI), 2012 prints 0.0 and a tied 191
/// for Libya, the Central African Republic and Guinea (HCI and TII above 0); the EGDI and the
/// rank become missing. The row's other values stay as published.
fn placeholder_is_missing(scores: &mut Scores) {
    // The EGDI is the mean of the three: it is 0 only when all three are published as 0.
    let not_all_zero = [Figure::Osi, Figure::Hci, Figure::Tii]
        .into_iter()
        .any(|f| scores.get(f).is_none_or(|v| v > 0.0));
    if scores.egdi == Some(0.0) && not_all_zero {
        scores.egdi = None;
        scores.rank = None;
    }
}

/// The member state a row names: by its ISO code where there is one (alpha-3, or alpha-2),
/// else by its name; a name given beside a code must name the same state.
fn state_of(code: Option<&str>, name: Option<&str>) -> Result<&'static Country, String> {
    let code = code.filter(|c| !c.is_empty());
    let name = name.filter(|n| !n.is_empty());
    let by_name = match name {
        Some(n) => Some(
            countries::lookup(n)
                .ok_or_else(|| format!("{n:?} is not the name of a UN member state"))?,
        ),
        None => None,
    };
    match (code, by_name) {
        (Some(c), by_name) => {
            let by_code = countries::by_iso3(c)
                .or_else(|| countries::by_alpha2(c))
                .ok_or_else(|| format!("{c:?} is not the ISO code of a UN member state"))?;
            match by_name {
                Some(n) if n.iso3 != by_code.iso3 => Err(format!(
                    "code {c:?} is {} but the name {:?} is {}",
                    by_code.name,
                    name.unwrap_or_default(),
                    n.name
                )),
                _ => Ok(by_code),
            }
        }
        (None, Some(n)) => Ok(n),
        (None, None) => Err("no country name or code".into()),
    }
}

/// The country table's file in `data/egdi/`.
pub const COUNTRY_TABLE: &str = "countries-data_EN.csv";

/// Reads the UN's country table (`countries-data_EN.csv`): each member state's region and
/// sub-region, by its ISO code; a name beside the code must name the same state.
pub fn read_places(path: &Path) -> Result<BTreeMap<String, Place>, ScoresError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ScoresError::Read {
        path: shown.clone(),
        error: source,
    })?;
    let recs = records(&text, &shown)?;
    let Some((header, rows)) = recs.split_first() else {
        return Err(ScoresError::File {
            path: shown,
            reason: "empty country table".into(),
        });
    };
    let find = |want: &str| {
        header
            .fields
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(want))
            .ok_or_else(|| ScoresError::Line {
                path: shown.clone(),
                line: header.line,
                reason: format!("no {want:?} column"),
            })
    };
    let (code_at, region_at, sub_at) =
        (find("COUNTRY CODE")?, find("REGION")?, find("SUB-REGION")?);
    let name_at = find("COMMON NAME").ok();
    let mut places = BTreeMap::new();
    for row in rows {
        let cell = |i: usize| row.fields.get(i).map_or("", |s| s.trim());
        let state = state_of(Some(cell(code_at)), name_at.map(cell)).map_err(|reason| {
            ScoresError::Line {
                path: shown.clone(),
                line: row.line,
                reason,
            }
        })?;
        let place = Place {
            region: cell(region_at).to_string(),
            subregion: cell(sub_at).to_string(),
        };
        if place.region.is_empty() || place.subregion.is_empty() {
            return Err(ScoresError::Line {
                path: shown.clone(),
                line: row.line,
                reason: format!("no region or sub-region for {}", state.name),
            });
        }
        places.insert(state.iso3.to_string(), place);
    }
    Ok(places)
}

/// The normaliser over `data/egdi/`: every `.csv` file but the country table is a figures
/// file, read by `read_scores`; the country table gives the places. Two files for one year
/// fail the build. (That each shipped edition holds all 193 states is a test's to check.)
pub fn build(dir: &Path) -> Result<Egdi, ScoresError> {
    let shown = dir.display().to_string();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| ScoresError::Read {
            path: shown.clone(),
            error: source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    let table = dir.join(COUNTRY_TABLE);
    let places = read_places(&table)?;
    let mut editions: Vec<Edition> = Vec::new();
    for file in files.iter().filter(|f| **f != table) {
        for e in read_scores(file)? {
            if let Some(first) = editions.iter().find(|x| x.year == e.year) {
                return Err(ScoresError::File {
                    path: file.display().to_string(),
                    reason: format!(
                        "a second file for {}; the first is {}",
                        e.year, first.source
                    ),
                });
            }
            editions.push(e);
        }
    }
    editions.sort_by_key(|e| e.year);
    Ok(Egdi {
        credit: format!("{CREDIT}, Data Center"),
        editions,
        places,
    })
}

/// The normalised figures as `data/egdi.json` holds them: pretty JSON, final newline.
pub fn to_json(egdi: &Egdi) -> String {
    let mut s = serde_json::to_string_pretty(egdi).unwrap_or_default();
    s.push('\n');
    s
}

/// The files `MSQ_SCORES` names, several joined by `:`.
pub fn env_files() -> Vec<PathBuf> {
    std::env::var_os(SCORES_ENV)
        .map(|v| {
            std::env::split_paths(&v)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Reads figure files in order; the first bad one fails them all.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<Edition>, ScoresError> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(read_scores(p)?);
    }
    Ok(out)
}

/// The figures the app shows: the built-in ones, then the index's own, then those of the
/// files `MSQ_SCORES` names; a later edition replaces an earlier one of the same year.
pub fn effective(index: &Index) -> Result<Egdi, ScoresError> {
    effective_with(index, &env_files())
}

/// `effective` with the extra files given, not read from `MSQ_SCORES`.
pub fn effective_with(index: &Index, files: &[PathBuf]) -> Result<Egdi, ScoresError> {
    let extra = read_all(files)?;
    Ok(Egdi::builtin().with(index.scores.clone()).with(extra))
}

/// The member state a query names, among all 193: its name, an alias, its ISO alpha-3 or
/// alpha-2 code (any case), or a unique prefix of its name.
pub fn member_state(query: &str) -> Result<&'static Country, SelectError> {
    if let Some(c) = countries::lookup(query).or_else(|| countries::by_alpha2(query)) {
        return Ok(c);
    }
    let q = fold(query);
    let prefixed: Vec<&'static Country> = countries::MEMBER_STATES
        .iter()
        .filter(|c| !q.is_empty() && fold(c.name).starts_with(&q))
        .collect();
    match prefixed.as_slice() {
        [one] => Ok(one),
        [] => Err(SelectError::Unknown {
            query: query.to_string(),
            suggestions: crate::index::nearest(&q, countries::MEMBER_STATES.iter().map(|c| c.name)),
        }),
        many => Err(SelectError::Ambiguous {
            query: query.to_string(),
            matches: many.iter().map(|c| c.name.to_string()).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_both_layouts() {
        assert_eq!(
            column("E-Government Index"),
            Some(Column::Value(Figure::Egdi))
        );
        assert_eq!(column("E_Index"), Some(Column::Value(Figure::Egdi)));
        assert_eq!(column("e-gov-index"), Some(Column::Value(Figure::Egdi)));
        assert_eq!(column("Tele_Infra"), Some(Column::Value(Figure::Tii)));
        assert_eq!(column("e-pat-index"), Some(Column::Value(Figure::Epi)));
        assert_eq!(column("Country "), Some(Column::Name));
        assert_eq!(column("Region"), None);
    }

    #[test]
    fn numbers_and_missing_cells() {
        assert_eq!(number("136.0"), Some(136.0));
        assert_eq!(number("0,5"), Some(0.5));
        assert_eq!(number("nan"), None);
        assert_eq!(number("inf"), None);
        assert_eq!(number("abc"), None);
        assert_eq!(round5(0.6955600000000001), 0.69556);
        assert!(is_missing("—") && is_missing("") && !is_missing("0"));
    }

    #[test]
    fn quoted_fields_bom_crlf_and_semicolons() {
        assert_eq!(separator("a\tb\tc"), '\t');
        assert_eq!(separator("\"a;b\",c"), ',');
        let recs = records("\u{feff}a;b\r\n\"x; \"\"y\"\" \";2\r\n\r\n", "t.csv").unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].fields, ["x; \"y\" ", "2"]);
        assert_eq!(recs[1].line, 2);
        let recs = records("sep=;\na;b\n1;2\n", "t.csv").unwrap();
        assert_eq!(recs[0].fields, ["a", "b"]);
        assert_eq!(recs[1].line, 3);
    }

    #[test]
    fn year_from_a_file_name() {
        assert_eq!(year_in_name("egdi-2016.csv"), Some(2016));
        assert_eq!(year_in_name("EGOV_DATA_2022.csv"), Some(2022));
        assert_eq!(year_in_name("scores.csv"), None);
    }
}
