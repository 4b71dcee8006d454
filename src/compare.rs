//! Comparison of responses by topic, and its export to Markdown, CSV and JSON. Each topic is a
//! row; each response a column; each cell holds what that response says on the topic, which may
//! be that its edition does not ask it ("not asked in this edition"), that it was asked and
//! left blank ("no answer given"), or that its only answer is a choice whose tick the source
//! lost ("selection not recorded"): three different facts.
//!
//! The first group holds the E-Government Development Index as the UN publishes it: the rank
//! and each figure, every column's from its own edition (a 2020 response has none: no 2020
//! figures were published). A figure the UN does not publish for a column says why, and is
//! never shown as 0.
//!
//! A contact block (the CIO's) is one part whose answer reads field by field ("Name: ...",
//! "E-mail: ..."), whichever form it came from, so every output shows the same lines. An export
//! opens with its [`Provenance`]: msq's version, the date, and each column's source file and
//! SHA-256, and the credit of the published figures. [`Comparison::subset`] narrows a comparison to the topics and the column order a
//! screen shows, so that an export writes what was on screen.

use crate::egdi::{Egdi, Figure};
use crate::ingest::scan::{self, ContactField};
use crate::model::{ChoiceOption, Contact, Index, Response, Selection};
use crate::topics::{self, Ref, TOPICS, Topic};
use serde::Serialize;
use std::fmt::Write as _;

/// What a response says on a topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Answered,
    /// Asked as a choice, and the source does not show which option was ticked (the 2022
    /// export lost them); nothing else was written. Not the same as no answer.
    NotRecorded,
    /// Asked, and left blank.
    NoAnswer,
    /// The response's edition does not ask this.
    NotAsked,
    /// A row of the published figures: the UN publishes this one for the column's edition.
    Published,
    /// A row of the published figures: the UN publishes none for the column's state and
    /// edition (the cell's [`Published::text`] says why).
    NotPublished,
}

impl Status {
    /// What a cell with this status says, in every output that shows one.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Answered => "Answered",
            Status::NotRecorded => "Selection not recorded",
            Status::NoAnswer => "No answer given",
            Status::NotAsked => "Not asked in this edition",
            Status::Published => "Published",
            Status::NotPublished => "Not published",
        }
    }

    /// Why a response has nothing to show on a topic; `None` when it answered.
    pub fn reason(&self) -> Option<&'static str> {
        (!matches!(self, Status::Answered | Status::Published)).then(|| self.label())
    }
}

/// One item (or one line of a checklist item) in a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The item number to show: "44", "5a", "X.1".
    pub item: String,
    /// For a line of a checklist, its number (1-based).
    pub line: Option<usize>,
    pub question: String,
    pub options: Vec<ChoiceOption>,
    pub answer: String,
    /// For a line of a checklist: the explanation written for the whole checklist. It is not
    /// this line's answer, so it does not make the line answered; it is shown as what it is.
    pub checklist_note: String,
    /// For a contact block: its fields as the source gives them. `answer` holds the same as
    /// lines ("Name: ...", a blank field as "Title: —"), so the outputs that print answers
    /// need not know about contacts; this keeps them apart for JSON readers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

impl Part {
    fn answered(&self) -> bool {
        !self.answer.trim().is_empty()
            || self
                .options
                .iter()
                .any(|o| o.selection == Selection::Recorded || o.typed.is_some())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub status: Status,
    pub parts: Vec<Part>,
    /// In the group of the published figures: the figure. Such a cell has no parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<Published>,
}

/// The group of the published figures, first in a comparison.
pub const FIGURES_GROUP: &str = "E-Government Development Index";

/// The rows of [`FIGURES_GROUP`]: the rank, then each figure; topic id, label and figure
/// (`None` for the rank). The ids start with `egdi.`, so `egdi` as a topic filter keeps them
/// all, as a group prefix keeps a group of topics.
pub const FIGURE_ROWS: [(&str, &str, Option<Figure>); 6] = [
    ("egdi.rank", "Rank", None),
    ("egdi.egdi", "EGDI", Some(Figure::Egdi)),
    ("egdi.osi", Figure::Osi.name(), Some(Figure::Osi)),
    ("egdi.hci", Figure::Hci.name(), Some(Figure::Hci)),
    ("egdi.tii", Figure::Tii.name(), Some(Figure::Tii)),
    ("egdi.epi", Figure::Epi.name(), Some(Figure::Epi)),
];

/// Whether a topic filter ("cio", "law", "egdi.rank") names a topic or a row of the figures.
pub fn known_topic(filter: &str) -> bool {
    TOPICS.iter().any(|t| topics::matches(t.id, filter))
        || FIGURE_ROWS
            .iter()
            .any(|(id, _, _)| topics::matches(id, filter))
}

/// One published figure (or the rank) of a column's state in the column's own edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Published {
    /// The edition the figure is of: the column's.
    pub edition: u16,
    /// What the cell says: "0.79990", "63 ▲6 since 2022", or why there is nothing: "no 2020
    /// figures published", "not assessed in 2010", "—" (a value the source leaves empty).
    pub text: String,
    #[serde(flatten)]
    pub value: PublishedValue,
}

/// The value of a [`Published`] cell; `None` (JSON `null`) where the UN publishes none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PublishedValue {
    Rank {
        rank: Option<u32>,
        /// The edition the rank is compared with (the latest with figures before).
        compared_with: Option<u16>,
        /// Places gained since then: positive is up.
        rank_change: Option<i64>,
    },
    Figure {
        figure: Figure,
        value: Option<f64>,
    },
}

/// The cell of a row of the figures (`figure` `None` for the rank) for one response.
pub fn figure_cell(egdi: &Egdi, response: &Response, figure: Option<Figure>) -> Cell {
    let year = response.edition;
    let scores = egdi.scores(&response.iso3, year);
    let missing = if egdi.edition(year).is_none() {
        format!("no {year} figures published")
    } else if scores.is_none() {
        format!("not assessed in {year}")
    } else {
        "—".to_string()
    };
    let (text, value) = match figure {
        None => {
            let rank = scores.and_then(|s| s.rank);
            let change = rank.and(egdi.rank_change(&response.iso3, year));
            let text = rank.map_or(missing, |r| match change {
                Some((since, n)) if n > 0 => format!("{r} ▲{n} since {since}"),
                Some((since, n)) if n < 0 => format!("{r} ▼{} since {since}", -n),
                Some((since, _)) => format!("{r} = since {since}"),
                None => r.to_string(),
            });
            let value = PublishedValue::Rank {
                rank,
                compared_with: change.map(|c| c.0),
                rank_change: change.map(|c| c.1),
            };
            (text, value)
        }
        Some(f) => {
            let value = scores.and_then(|s| s.get(f));
            let text = value.map_or(missing, |v| format!("{v:.5}"));
            (text, PublishedValue::Figure { figure: f, value })
        }
    };
    let published = match &value {
        PublishedValue::Rank { rank, .. } => rank.is_some(),
        PublishedValue::Figure { value, .. } => value.is_some(),
    };
    Cell {
        status: if published {
            Status::Published
        } else {
            Status::NotPublished
        },
        parts: Vec::new(),
        figure: Some(Published {
            edition: year,
            text,
            value,
        }),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub topic: &'static str,
    pub group: &'static str,
    pub label: &'static str,
    pub cells: Vec<Cell>,
    /// The questions differ between columns, so each cell shows its own.
    pub questions_differ: bool,
}

/// A comparison of responses (indices into the index), topic by topic.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub responses: Vec<usize>,
    pub rows: Vec<Row>,
}

impl Comparison {
    /// Compares responses on `only` topics (ids or id prefixes), or on every topic that at least
    /// one of them is asked; first the rows of the published figures (see [`FIGURE_ROWS`]),
    /// each column's from `egdi` for its own edition, where `only` keeps them.
    pub fn new(index: &Index, egdi: &Egdi, responses: &[usize], only: &[String]) -> Comparison {
        let keep = |id: &str| only.is_empty() || only.iter().any(|o| topics::matches(id, o));
        let figures =
            FIGURE_ROWS
                .iter()
                .filter(|(id, _, _)| keep(id))
                .map(|&(id, label, figure)| Row {
                    topic: id,
                    group: FIGURES_GROUP,
                    label,
                    cells: responses
                        .iter()
                        .map(|&r| figure_cell(egdi, &index.responses[r], figure))
                        .collect(),
                    questions_differ: false,
                });
        let topic_rows = TOPICS
            .iter()
            .filter(|t| keep(t.id))
            .map(|t| {
                let cells: Vec<Cell> = responses
                    .iter()
                    .map(|&r| cell(t, &index.responses[r]))
                    .collect();
                Row {
                    topic: t.id,
                    group: t.group,
                    label: t.label,
                    questions_differ: questions_differ(&cells),
                    cells,
                }
            })
            .filter(|row| {
                !only.is_empty() || row.cells.iter().any(|c| c.status != Status::NotAsked)
            });
        let rows = figures.chain(topic_rows).collect();
        Comparison {
            responses: responses.to_vec(),
            rows,
        }
    }

    /// The comparison as a screen shows it: `rows` (indices into `self.rows`) and `columns`
    /// (indices into `self.responses`), each in the order shown. Every exporter then writes
    /// exactly those topics in those columns. An index out of range, or one given twice, is
    /// left out, so rows and columns always line up.
    pub fn subset(&self, rows: &[usize], columns: &[usize]) -> Comparison {
        let columns = distinct_below(columns, self.responses.len());
        let rows = distinct_below(rows, self.rows.len())
            .into_iter()
            .map(|r| {
                let row = &self.rows[r];
                let cells: Vec<Cell> = columns.iter().map(|&c| row.cells[c].clone()).collect();
                // Whether the questions differ depends on which columns are side by side.
                Row {
                    questions_differ: questions_differ(&cells),
                    cells,
                    ..row.clone()
                }
            })
            .collect();
        Comparison {
            responses: columns.iter().map(|&c| self.responses[c]).collect(),
            rows,
        }
    }

    /// "Azerbaijan 2022", one per column.
    pub fn headers(&self, index: &Index) -> Vec<String> {
        self.responses
            .iter()
            .map(|&r| column_name(&index.responses[r]))
            .collect()
    }

    /// A file name for the comparison: "msq-compare-azerbaijan-2022-tajikistan-2020.md".
    pub fn file_name(&self, index: &Index, extension: &str) -> String {
        let mut name = String::from("msq-compare");
        for &r in &self.responses {
            name.push('-');
            name.push_str(&slug(&index.responses[r].country));
            name.push('-');
            name.push_str(&index.responses[r].edition.to_string());
        }
        format!("{name}.{extension}")
    }
}

/// The indices below `len`, first occurrence only, in the order given.
fn distinct_below(indices: &[usize], len: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(indices.len());
    for &i in indices {
        if i < len && !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// The cells ask in different words, so each cell shows its question.
fn questions_differ(cells: &[Cell]) -> bool {
    let questions: std::collections::BTreeSet<String> = cells
        .iter()
        .flat_map(|c| c.parts.first())
        .map(|p| scan::fold(&p.question))
        .collect();
    questions.len() > 1
}

pub fn column_name(r: &Response) -> String {
    match r.kind {
        crate::model::Kind::Questionnaire => format!("{} {}", r.country, r.edition),
        crate::model::Kind::Presentation => format!("{} {} (presentation)", r.country, r.edition),
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// What a response says on the topic with this id ("cio"); `None` when there is no such topic.
pub fn cell_for(topic_id: &str, response: &Response) -> Option<Cell> {
    topics::topic(topic_id).map(|t| cell(t, response))
}

/// What a response says on a topic.
pub fn cell(topic: &Topic, response: &Response) -> Cell {
    let Some(refs) = topics::refs(topic, response) else {
        return Cell {
            status: Status::NotAsked,
            parts: Vec::new(),
            figure: None,
        };
    };
    let mut parts: Vec<Part> = refs.iter().filter_map(|r| part(response, *r)).collect();
    if response.contacts_are_items {
        // A web form asks a contact block as items ("15. Name", "16. Title", ...).
        merge_contact_items(&mut parts, response);
    } else if topic.id == "cio"
        && let Some(c) = response.cio.as_ref()
    {
        // The 2020 form prints the CIO block under its question, outside the items.
        attach_contact(&mut parts, c);
    }
    let status = if parts.iter().any(Part::answered) {
        Status::Answered
    } else if parts.iter().any(|p| !p.options.is_empty()) {
        Status::NotRecorded
    } else {
        Status::NoAnswer
    };
    Cell {
        status,
        parts,
        figure: None,
    }
}

fn part(response: &Response, r: Ref) -> Option<Part> {
    let item = response.item(r.item())?;
    Some(match r {
        Ref::Item(_) => Part {
            item: item.display_number().to_string(),
            line: None,
            question: item.question.clone(),
            options: item.options.clone(),
            answer: item.answer.clone(),
            checklist_note: String::new(),
            contact: None,
        },
        // One line of a checklist: its tick is its answer. The item's explanation covers the
        // whole checklist, so it comes along as a note, not as this line's answer. A line this
        // copy of the form does not show (OCR lost it) is still asked: its tick is not
        // recorded.
        Ref::Line(_, opening) => {
            let found = topics::find_line(item, opening);
            let option = found.map_or_else(
                || ChoiceOption {
                    label: opening.to_string(),
                    selection: Selection::NotRecorded,
                    typed: None,
                },
                |k| item.options[k].clone(),
            );
            Part {
                item: item.display_number().to_string(),
                line: found.map(|k| k + 1),
                question: item.question.clone(),
                options: vec![option],
                answer: String::new(),
                checklist_note: item.answer.clone(),
                contact: None,
            }
        }
    })
}

/// What a contact part's answer says: a line per field, in [`Contact::fields`] order, a field
/// the source has nothing for as "—" (as the overview and `msq cio` show it); empty when every
/// field is blank, so that the block reads as no answer given, like any blank item.
pub fn contact_answer(contact: &Contact) -> String {
    if !contact.is_provided() {
        return String::new();
    }
    contact
        .fields()
        .iter()
        .map(|(label, value)| format!("{label}: {}", value.unwrap_or("—")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn contact_part(item: String, question: String, contact: Contact) -> Part {
    Part {
        item,
        line: None,
        question,
        options: Vec::new(),
        answer: contact_answer(&contact),
        checklist_note: String::new(),
        contact: Some(contact),
    }
}

/// The field a part asks, when the part is a plain item whose question is a contact label
/// ("Name", "Email").
fn contact_field(p: &Part) -> Option<ContactField> {
    if p.line.is_some() || !p.options.is_empty() {
        return None;
    }
    ContactField::from_label(&p.question)
}

/// Folds each run of two or more items asking contact fields into one contact part, numbered
/// by the run's items ("15–18"). A field asked twice starts a new block. A lone "Title" item is
/// left as it is: one label does not make a contact block.
fn merge_contact_items(parts: &mut Vec<Part>, response: &Response) {
    let mut out: Vec<Part> = Vec::with_capacity(parts.len());
    let mut k = 0;
    while k < parts.len() {
        let mut seen: Vec<ContactField> = Vec::new();
        let mut end = k;
        while let Some(f) = parts.get(end).and_then(contact_field) {
            if seen.contains(&f) {
                break;
            }
            seen.push(f);
            end += 1;
        }
        if end - k < 2 {
            out.push(parts[k].clone());
            k += 1;
            continue;
        }
        let run = &parts[k..end];
        let mut contact = Contact::default();
        for (p, f) in run.iter().zip(&seen) {
            let value = p.answer.trim();
            scan::set_contact(
                &mut contact,
                *f,
                (!value.is_empty()).then(|| value.to_string()),
            );
        }
        let (first, last) = (&run[0].item, &run[run.len() - 1].item);
        // The heading printed over the block says whose it is ("Contact information of
        // national Chief Information Officer (CIO) or equivalent").
        let question = response
            .item(first)
            .and_then(|i| i.headings.last())
            .cloned()
            .unwrap_or_else(|| "Contact".to_string());
        out.push(contact_part(format!("{first}–{last}"), question, contact));
        k = end;
    }
    *parts = out;
}

/// Puts a contact block printed under a question into that question's part when the part is
/// otherwise blank, as its answer; else adds it as a part of its own.
fn attach_contact(parts: &mut Vec<Part>, contact: &Contact) {
    match parts.last_mut() {
        Some(p) if p.answer.trim().is_empty() && p.options.is_empty() && p.line.is_none() => {
            p.answer = contact_answer(contact);
            p.contact = Some(contact.clone());
        }
        // Nothing to hang it on: a blank block adds nothing a reader needs.
        _ if !contact.is_provided() => {}
        _ => parts.push(contact_part(
            "CIO".into(),
            "CIO contact".into(),
            contact.clone(),
        )),
    }
}

/// The explanations of the checklists a cell's lines come from, once per checklist: (item
/// number, explanation).
pub fn checklist_notes(cell: &Cell) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for p in &cell.parts {
        let note = (p.item.as_str(), p.checklist_note.as_str());
        if !note.1.trim().is_empty() && !out.contains(&note) {
            out.push(note);
        }
    }
    out
}

/// How a checklist's explanation is introduced under one of its lines.
pub fn checklist_note_label(item: &str) -> String {
    format!("Explanation given for the whole of checklist {item}, not for any one line:")
}

/// A cell as plain text: each part's number, its options and what the source shows of them,
/// then its answer; or the cell's status; then the explanation of a checklist its lines come
/// from.
pub fn cell_text(cell: &Cell, with_questions: bool) -> String {
    if let Some(f) = &cell.figure {
        return f.text.clone();
    }
    if matches!(cell.status, Status::NotAsked | Status::NoAnswer) {
        return cell.status.label().into();
    }
    let mut out = String::new();
    for p in &cell.parts {
        if !out.is_empty() {
            out.push('\n');
        }
        let line = p.line.map(|n| format!(" line {n}")).unwrap_or_default();
        if with_questions {
            let _ = writeln!(out, "{}{line}. {}", p.item, p.question);
        } else if p.contact.is_some() && !p.answer.is_empty() {
            // A contact's fields start on a line of their own, as in the view: "15–18: Name:"
            // would read as one field.
            let _ = writeln!(out, "{}{line}:", p.item);
        } else {
            let _ = write!(out, "{}{line}: ", p.item);
        }
        if !p.options.is_empty() {
            let opts: Vec<String> = p.options.iter().map(|o| o.marked("[x]", "[ ]")).collect();
            out.push_str(&opts.join("  "));
            if !p.options.iter().any(|o| o.selection == Selection::Recorded) {
                out.push_str(" (selection not recorded)");
            }
            if !p.answer.is_empty() {
                out.push('\n');
            }
        }
        if p.answer.is_empty() {
            // A blank follow-up ("please provide link") of a choice.
            if p.options.is_empty() {
                out.push_str("no answer given");
            }
        } else {
            out.push_str(&p.answer);
        }
    }
    for (item, note) in checklist_notes(cell) {
        let _ = write!(out, "\n{}\n{note}", checklist_note_label(item));
    }
    out
}

/// The day an export was made, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    pub month: u8,
    pub day: u8,
}

/// `SOURCE_DATE_EPOCH` is set to something that is not a whole number of seconds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not {0:?}")]
pub struct BadSourceDateEpoch(pub String);

impl Date {
    /// The UTC date of a moment given as seconds since the Unix epoch. Days are counted to a
    /// civil date by Howard Hinnant's `civil_from_days`, which holds for any day, so no date
    /// crate is needed for one date a file.
    pub fn from_unix_seconds(seconds: i64) -> Date {
        let z = seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365], from 1 March
        let mp = (5 * doy + 2) / 153; // [0, 11], March first
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        Date {
            year: yoe + era * 400 + i64::from(month <= 2),
            // Both are in range by construction; the fallbacks cannot happen.
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Today by the system clock, in UTC.
    pub fn now() -> Date {
        let seconds = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
        };
        Date::from_unix_seconds(seconds)
    }

    /// The date to stamp an export with: `SOURCE_DATE_EPOCH`'s when it is set (reproducible
    /// builds, tests), else the system clock's. An empty value counts as unset.
    pub fn today() -> Result<Date, BadSourceDateEpoch> {
        match std::env::var_os("SOURCE_DATE_EPOCH") {
            None => Ok(Date::now()),
            Some(v) if v.is_empty() => Ok(Date::now()),
            Some(v) => Date::from_source_date_epoch(&v.to_string_lossy()),
        }
    }

    /// The date a `SOURCE_DATE_EPOCH` value names: digits only, as the specification gives
    /// it (a non-negative decimal integer of seconds).
    pub fn from_source_date_epoch(value: &str) -> Result<Date, BadSourceDateEpoch> {
        value
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| value.parse::<i64>().ok())
            .flatten()
            .map(Date::from_unix_seconds)
            .ok_or_else(|| BadSourceDateEpoch(value.to_string()))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where an export came from: what wrote it, when, and from which documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// msq's version, as Cargo.toml gives it.
    pub msq_version: &'static str,
    /// The UTC date of the export, YYYY-MM-DD.
    pub date: Date,
    /// One per response column, in column order.
    pub sources: Vec<SourceProvenance>,
    /// Whom the figures of the E-Government Development Index are from, when the comparison
    /// shows any of its rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures_credit: Option<&'static str>,
}

/// The document one column was parsed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceProvenance {
    /// The response's id ("aze-2022").
    pub response: String,
    /// The column's header ("Azerbaijan 2022").
    pub column: String,
    /// The source's file name, without any folder.
    pub file: String,
    pub sha256: String,
}

/// The provenance of a comparison exported on `date`.
pub fn provenance(index: &Index, cmp: &Comparison, date: Date) -> Provenance {
    Provenance {
        msq_version: env!("CARGO_PKG_VERSION"),
        date,
        sources: cmp
            .responses
            .iter()
            .map(|&r| {
                let r = &index.responses[r];
                SourceProvenance {
                    response: r.id.clone(),
                    column: column_name(r),
                    file: r.source.file.clone(),
                    sha256: r.source.sha256.clone(),
                }
            })
            .collect(),
        figures_credit: cmp
            .rows
            .iter()
            .any(|r| r.group == FIGURES_GROUP)
            .then_some(crate::egdi::CREDIT),
    }
}

/// "1 topic", "2 topics": every count a message gives, here and in the browser.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The date an export made now is stamped with. A malformed `SOURCE_DATE_EPOCH` falls back to
/// the clock here, since these signatures cannot fail; `msq compare` refuses it instead.
fn export_date() -> Date {
    Date::today().unwrap_or_else(|_| Date::now())
}

/// GitHub Markdown: the title, the provenance, then a table per topic group. Pipes are
/// escaped and line breaks become `<br>`, so a multi-line answer stays inside its cell; cell
/// text passes through the sanitiser. Dated today (see [`Date::today`]).
pub fn to_markdown(index: &Index, cmp: &Comparison) -> String {
    to_markdown_at(index, cmp, export_date())
}

/// [`to_markdown`] dated `date`.
pub fn to_markdown_at(index: &Index, cmp: &Comparison, date: Date) -> String {
    let headers = cmp.headers(index);
    // The title is one line: a response's name may hold anything a document gave it.
    let mut out = format!(
        "# msq comparison: {}\n",
        crate::sanitize::line(&headers.join(" · "))
    );
    let p = provenance(index, cmp, date);
    // A visible list rather than front matter or a comment: GitHub shows it as it is.
    let _ = write!(
        out,
        "\nExported by msq {} on {} (UTC): {}, {}.\n",
        p.msq_version,
        p.date,
        count(cmp.rows.len(), "topic", "topics"),
        count(p.sources.len(), "response", "responses"),
    );
    if !p.sources.is_empty() {
        out.push('\n');
    }
    for s in &p.sources {
        let _ = writeln!(
            out,
            "- {}: {}, SHA-256 {}",
            md_text(&s.column),
            md_code(&s.file),
            md_code(&s.sha256)
        );
    }
    // The figures' credit is the caption under their table.
    let credit = |out: &mut String, group: &str| {
        if let (FIGURES_GROUP, Some(c)) = (group, p.figures_credit) {
            let _ = write!(out, "\n{c}\n");
        }
    };
    let mut group = "";
    for row in &cmp.rows {
        if row.group != group {
            credit(&mut out, group);
            group = row.group;
            let _ = write!(out, "\n## {group}\n\n| Topic |");
            for h in &headers {
                let _ = write!(out, " {} |", md_cell(h));
            }
            out.push_str("\n| --- |");
            for _ in &headers {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
        let _ = write!(out, "| {} |", md_cell(row.label));
        for c in &row.cells {
            let _ = write!(out, " {} |", md_cell(&cell_text(c, row.questions_differ)));
        }
        out.push('\n');
    }
    credit(&mut out, group);
    out
}

fn md_cell(s: &str) -> String {
    crate::sanitize::text(s.trim())
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

/// Document text as one line of Markdown prose: sanitised, with the characters that would
/// start markup (emphasis, a link, HTML, code) escaped.
fn md_text(s: &str) -> String {
    let mut out = String::new();
    for c in crate::sanitize::line(s.trim()).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Document text as a Markdown code span on one line: fenced by more backticks than any run
/// inside it, so a backtick in a file name cannot close the span early.
fn md_code(s: &str) -> String {
    let s = crate::sanitize::line(s.trim());
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space inside its fence.
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// RFC 4180 CSV: a header row, then one row per topic. A field holding a comma, a quote or a
/// line break is quoted, with quotes doubled; lines end with CRLF. Dated today (see
/// [`Date::today`]).
///
/// The provenance comes first, as rows of the table in the group `provenance` (topics
/// `msq.version`, `export.date`, `source.file`, `source.sha256`, and `figures.credit` when the
/// figures are shown), each response's value in its own column. CSV has no comments, and a leading `#` line or a row of another width breaks
/// most readers; rows of the table's own shape read everywhere, keep each column's source
/// beside it, and drop out with a filter on `group`.
pub fn to_csv(index: &Index, cmp: &Comparison) -> String {
    to_csv_at(index, cmp, export_date())
}

/// [`to_csv`] dated `date`.
pub fn to_csv_at(index: &Index, cmp: &Comparison, date: Date) -> String {
    let mut out = String::new();
    let mut header = vec![
        "group".to_string(),
        "topic".to_string(),
        "label".to_string(),
    ];
    header.extend(cmp.headers(index));
    csv_row(&mut out, &header);
    let p = provenance(index, cmp, date);
    let version = p.msq_version.to_string();
    let date = p.date.to_string();
    let provenance_rows: [(&str, &str, Vec<String>); 4] = [
        (
            "msq.version",
            "msq version",
            p.sources.iter().map(|_| version.clone()).collect(),
        ),
        (
            "export.date",
            "Export date (UTC)",
            p.sources.iter().map(|_| date.clone()).collect(),
        ),
        (
            "source.file",
            "Source file",
            p.sources.iter().map(|s| s.file.clone()).collect(),
        ),
        (
            "source.sha256",
            "Source SHA-256",
            p.sources.iter().map(|s| s.sha256.clone()).collect(),
        ),
    ];
    let credit_row = p.figures_credit.map(|c| {
        (
            "figures.credit",
            "E-Government Development Index figures",
            p.sources.iter().map(|_| c.to_string()).collect(),
        )
    });
    for (topic, label, values) in provenance_rows.into_iter().chain(credit_row) {
        let mut fields = vec!["provenance".to_string(), topic.into(), label.into()];
        fields.extend(values);
        csv_row(&mut out, &fields);
    }
    for row in &cmp.rows {
        let mut fields = vec![
            row.group.to_string(),
            row.topic.to_string(),
            row.label.to_string(),
        ];
        fields.extend(row.cells.iter().map(|c| cell_text(c, row.questions_differ)));
        csv_row(&mut out, &fields);
    }
    out
}

/// Fields pass through the sanitiser, so the file holds no control characters from a
/// document; the CRLF between rows is the format's own.
pub(crate) fn csv_row(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = crate::sanitize::text(f);
        // The sanitiser has made any carriage return visible, so a line break is a newline.
        if f.contains([',', '"', '\n']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

#[derive(Serialize)]
pub struct JsonResponse<'a> {
    id: &'a str,
    country: &'a str,
    iso3: &'a str,
    edition: u16,
}

#[derive(Serialize)]
pub struct JsonEntry<'a> {
    response: &'a str,
    status: &'a Status,
    parts: &'a [Part],
    /// In the group of the published figures: the figure, its edition and what the cell says.
    #[serde(skip_serializing_if = "Option::is_none")]
    figure: Option<&'a Published>,
}

#[derive(Serialize)]
pub struct JsonTopic<'a> {
    id: &'a str,
    group: &'a str,
    label: &'a str,
    entries: Vec<JsonEntry<'a>>,
}

/// A comparison as JSON: its provenance, the responses, then for each topic the entry of each
/// response. Strings keep every character of the data; a writer that puts them on a terminal
/// escapes what the sanitiser would replace (`cli::to_safe_json`).
#[derive(Serialize)]
pub struct JsonComparison<'a> {
    provenance: Provenance,
    responses: Vec<JsonResponse<'a>>,
    topics: Vec<JsonTopic<'a>>,
}

/// [`JsonComparison`], dated today (see [`Date::today`]).
pub fn to_json<'a>(index: &'a Index, cmp: &'a Comparison) -> JsonComparison<'a> {
    to_json_at(index, cmp, export_date())
}

/// [`to_json`] dated `date`.
pub fn to_json_at<'a>(index: &'a Index, cmp: &'a Comparison, date: Date) -> JsonComparison<'a> {
    let rs: Vec<&Response> = cmp.responses.iter().map(|&r| &index.responses[r]).collect();
    JsonComparison {
        provenance: provenance(index, cmp, date),
        responses: rs
            .iter()
            .map(|r| JsonResponse {
                id: &r.id,
                country: &r.country,
                iso3: &r.iso3,
                edition: r.edition,
            })
            .collect(),
        topics: cmp
            .rows
            .iter()
            .map(|row| JsonTopic {
                id: row.topic,
                group: row.group,
                label: row.label,
                entries: row
                    .cells
                    .iter()
                    .zip(&rs)
                    .map(|(c, r)| JsonEntry {
                        response: &r.id,
                        status: &c.status,
                        parts: &c.parts,
                        figure: c.figure.as_ref(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Byte ranges of the words of `text` that are not in `other`, by a word diff.
pub fn differing_words(text: &str, other: &str) -> Vec<std::ops::Range<usize>> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(other, text);
    let mut out = Vec::new();
    let mut at = 0;
    for change in diff.iter_all_changes() {
        let value = change.value();
        match change.tag() {
            ChangeTag::Delete => {}
            ChangeTag::Equal => at += value.len(),
            ChangeTag::Insert => {
                if !value.trim().is_empty() {
                    out.push(at..at + value.len());
                }
                at += value.len();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_keep_pipes_and_lines_inside() {
        assert_eq!(md_cell("a | b\nc"), "a \\| b<br>c");
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut s = String::new();
        csv_row(
            &mut s,
            &[
                "plain".into(),
                "a,b".into(),
                "say \"hi\"".into(),
                "two\nlines".into(),
            ],
        );
        assert_eq!(s, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    #[test]
    fn civil_dates_from_unix_seconds() {
        let d = |s: i64| Date::from_unix_seconds(s).to_string();
        assert_eq!(d(0), "1970-01-01");
        assert_eq!(d(86_399), "1970-01-01");
        assert_eq!(d(86_400), "1970-01-02");
        assert_eq!(d(-1), "1969-12-31");
        assert_eq!(d(951_782_400), "2000-02-29");
        assert_eq!(d(1_709_164_800), "2024-02-29");
        assert_eq!(d(1_714_521_600), "2024-05-01");
        assert_eq!(d(4_107_542_399), "2100-02-28");
        assert_eq!(d(4_107_542_400), "2100-03-01", "2100 is no leap year");
        assert_eq!(d(253_402_300_799), "9999-12-31");
    }

    #[test]
    fn consecutive_days_are_consecutive_dates() {
        const fn leap(y: i64) -> bool {
            (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        }
        let month_len = |y: i64, m: u8| match m {
            2 if leap(y) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        // Four hundred years either side of the epoch: every leap rule comes round.
        let mut prev = Date::from_unix_seconds(-146_097 * 86_400);
        assert_eq!(prev.to_string(), "1570-01-01");
        for day in -146_096..=146_097_i64 {
            let d = Date::from_unix_seconds(day * 86_400 + 43_200);
            let expected = if prev.day < month_len(prev.year, prev.month) {
                Date {
                    day: prev.day + 1,
                    ..prev
                }
            } else if prev.month < 12 {
                Date {
                    month: prev.month + 1,
                    day: 1,
                    ..prev
                }
            } else {
                Date {
                    year: prev.year + 1,
                    month: 1,
                    day: 1,
                }
            };
            assert_eq!(d, expected, "day {day}");
            prev = d;
        }
    }

    #[test]
    fn source_date_epoch_is_digits_or_refused() {
        assert_eq!(
            Date::from_source_date_epoch("1714521600").map(|d| d.to_string()),
            Ok("2024-05-01".to_string())
        );
        for bad in ["-1", "1.5", " 1", "1e9", "x", "99999999999999999999"] {
            assert!(Date::from_source_date_epoch(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts_are_pluralised() {
        assert_eq!(count(0, "topic", "topics"), "0 topics");
        assert_eq!(count(1, "topic", "topics"), "1 topic");
        assert_eq!(count(2, "response", "responses"), "2 responses");
    }

    #[test]
    fn a_code_span_outlasts_the_backticks_inside_it() {
        assert_eq!(md_code("a.txt"), "`a.txt`");
        assert_eq!(md_code("a`b.txt"), "``a`b.txt``");
        assert_eq!(md_code("`a``"), "``` `a`` ```");
    }

    #[test]
    fn word_diff_marks_what_the_other_lacks() {
        let text = "Law on Digital Signature";
        let ranges = differing_words(text, "Law on Electronic Signature");
        let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["Digital"]);
    }
}
