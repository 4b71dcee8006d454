//! Comparison of responses by topic, and its export to Markdown, CSV and JSON. Each topic is a
//! row; each response a column; each cell holds what that response says on the topic, which may
//! be that its edition does not ask it ("not asked in this edition"), that it was asked and
//! left blank ("no answer given"), or that its only answer is a choice whose tick the source
//! lost ("selection not recorded"): three different facts.

use crate::model::{ChoiceOption, Index, Response, Selection};
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
}

impl Status {
    /// What a cell with this status says, in every output that shows one.
    pub fn label(&self) -> &'static str {
        match self {
            Status::Answered => "Answered",
            Status::NotRecorded => "Selection not recorded",
            Status::NoAnswer => "No answer given",
            Status::NotAsked => "Not asked in this edition",
        }
    }

    /// Why a response has nothing to show on a topic; `None` when it answered.
    pub fn reason(&self) -> Option<&'static str> {
        (*self != Status::Answered).then(|| self.label())
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub status: Status,
    pub parts: Vec<Part>,
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
    /// one of them is asked.
    pub fn new(index: &Index, responses: &[usize], only: &[String]) -> Comparison {
        let rows = TOPICS
            .iter()
            .filter(|t| only.is_empty() || only.iter().any(|o| topics::matches(t.id, o)))
            .map(|t| {
                let cells: Vec<Cell> = responses
                    .iter()
                    .map(|&r| cell(t, &index.responses[r]))
                    .collect();
                let questions: std::collections::BTreeSet<String> = cells
                    .iter()
                    .flat_map(|c| c.parts.first())
                    .map(|p| crate::ingest::scan::fold(&p.question))
                    .collect();
                Row {
                    topic: t.id,
                    group: t.group,
                    label: t.label,
                    questions_differ: questions.len() > 1,
                    cells,
                }
            })
            .filter(|row| {
                !only.is_empty() || row.cells.iter().any(|c| c.status != Status::NotAsked)
            })
            .collect();
        Comparison {
            responses: responses.to_vec(),
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
        };
    };
    let mut parts: Vec<Part> = refs.iter().filter_map(|r| part(response, *r)).collect();
    // The CIO block of a form that prints it outside the items (the 2020 form).
    if topic.id == "cio"
        && !response.contacts_are_items
        && let Some(c) = response.cio.as_ref().filter(|c| c.is_provided())
    {
        let answer = c
            .fields()
            .iter()
            .filter_map(|(label, v)| v.map(|v| format!("{label}: {v}")))
            .collect::<Vec<_>>()
            .join("\n");
        parts.push(Part {
            item: "CIO".into(),
            line: None,
            question: "CIO contact".into(),
            options: Vec::new(),
            answer,
            checklist_note: String::new(),
        });
    }
    let status = if parts.iter().any(Part::answered) {
        Status::Answered
    } else if parts.iter().any(|p| !p.options.is_empty()) {
        Status::NotRecorded
    } else {
        Status::NoAnswer
    };
    Cell { status, parts }
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
            }
        }
    })
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

/// GitHub Markdown, a table per topic group. Pipes are escaped and line breaks become `<br>`,
/// so a multi-line answer stays inside its cell; cell text passes through the sanitiser.
pub fn to_markdown(index: &Index, cmp: &Comparison) -> String {
    let headers = cmp.headers(index);
    // The title is one line: a response's name may hold anything a document gave it.
    let mut out = format!(
        "# msq comparison: {}\n",
        crate::sanitize::line(&headers.join(" · "))
    );
    let mut group = "";
    for row in &cmp.rows {
        if row.group != group {
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
    out
}

fn md_cell(s: &str) -> String {
    crate::sanitize::text(s.trim())
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

/// RFC 4180 CSV: a header row, then one row per topic. A field holding a comma, a quote or a
/// line break is quoted, with quotes doubled; lines end with CRLF.
pub fn to_csv(index: &Index, cmp: &Comparison) -> String {
    let mut out = String::new();
    let mut header = vec![
        "group".to_string(),
        "topic".to_string(),
        "label".to_string(),
    ];
    header.extend(cmp.headers(index));
    csv_row(&mut out, &header);
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
fn csv_row(out: &mut String, fields: &[String]) {
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
}

#[derive(Serialize)]
pub struct JsonTopic<'a> {
    id: &'a str,
    group: &'a str,
    label: &'a str,
    entries: Vec<JsonEntry<'a>>,
}

/// A comparison as JSON: the responses, then for each topic the entry of each response.
#[derive(Serialize)]
pub struct JsonComparison<'a> {
    responses: Vec<JsonResponse<'a>>,
    topics: Vec<JsonTopic<'a>>,
}

pub fn to_json<'a>(index: &'a Index, cmp: &'a Comparison) -> JsonComparison<'a> {
    let rs: Vec<&Response> = cmp.responses.iter().map(|&r| &index.responses[r]).collect();
    JsonComparison {
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
    fn word_diff_marks_what_the_other_lacks() {
        let text = "Law on Digital Signature";
        let ranges = differing_words(text, "Law on Electronic Signature");
        let words: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["Digital"]);
    }
}
