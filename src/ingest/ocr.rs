//! Parser for questionnaire forms turned into text by OCR (the 2020 MSQ PDF). The structure it
//! follows:
//! - a title block: the title line, the form's introduction, "[ Country ] [ date ]", and the
//!   consent checkbox;
//! - roman-numbered sections, where OCR reads I as l or | ("Il.", "VIl.");
//! - questions numbered in sequence, which may restart at 1 in a late section (the contact
//!   block), and lettered parts ("a. E-services") under a question that ends with ":";
//! - questions and answers that the PDF wrapped, sometimes across a blank line;
//! - checkbox lines whose glyphs OCR mangled ("[J", "(]", "O", "0]"); an "X" is a tick;
//! - pages, each starting with a line indented by one space (or a form feed), and each ending
//!   with its footnotes, which belong to no answer.

use super::FormatParser;
use super::draft::{Draft, ItemStart, Join};
use super::forms::{PRINTED_FORMS, PrintedForm};
use super::layout::{LLine, after_letters, at_word_start, match_loose};
use super::normalize::Line;
use super::scan;
use super::trace::{DropRule, Part};
use crate::model::{Contact, Format, Kind, Note, NoteKind, Selection};
use std::ops::Range;

pub static FORMAT: FormatParser = FormatParser {
    format: Format::OcrForm,
    kind: Kind::Questionnaire,
    contacts_are_items: false,
    confidence,
    segment,
    parse,
    check,
};

/// A questionnaire title near the top, roman-numbered section headings and numbered questions.
fn confidence(lines: &[Line]) -> u8 {
    let content = super::content_lines(lines);
    let head = &content[..content.len().min(40)];
    let romans = content
        .iter()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| "IVXl|".contains(c)))
        })
        .count();
    let is_form = head.iter().any(|l| scan::fold(l).contains("questionnaire"));
    if is_form && romans >= 2 && super::numbered_lines(&content) >= 3 {
        80
    } else if printed_form(lines).is_some() {
        // A known form's questions, however the lines were run together.
        75
    } else {
        0
    }
}

pub fn parse(lines: &[Line]) -> Draft {
    let mut d = Draft::new();
    let doc = Doc::new(lines);
    let marks = structure(&doc);
    let body_start = marks.first().map_or(lines.len(), |m| m.line);
    title_block(&mut d, &doc, body_start);

    // Each item's id, page, section and first line, for placing footnotes.
    let mut pages_of_items: Vec<ItemPlace> = Vec::new();
    let mut restart: Option<String> = None;
    for (k, mark) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(lines.len(), |m| m.line);
        let range: Vec<usize> = (mark.line + 1..end)
            .filter(|&i| !doc.is_footnote(i))
            .collect();
        match &mark.kind {
            MarkKind::Section {
                label,
                printed,
                title,
            } => {
                d.section(
                    label,
                    label,
                    Some(printed),
                    title,
                    Some(lines[mark.line].no),
                );
                restart = None;
                section_preamble(&mut d, &doc, &range);
            }
            MarkKind::Question { number, restarted } => {
                if *restarted {
                    restart = d.sections.last().map(|s| s.label.clone());
                }
                let id = match &restart {
                    Some(prefix) => format!("{prefix}.{number}"),
                    None => number.to_string(),
                };
                let text = scan::numbered(lines[mark.line].trimmed()).map_or("", |(_, t)| t);
                d.start_item(
                    ItemStart {
                        id: id.clone(),
                        number: number.to_string(),
                        question: text.to_string(),
                        ..ItemStart::default()
                    },
                    lines[mark.line].no,
                );
                pages_of_items.push(ItemPlace {
                    id,
                    page: doc.page[mark.line],
                    section: d.sections.len(),
                    line: mark.line,
                });
                item_body(&mut d, &doc, mark.line, &range);
            }
            MarkKind::Part { parent, letter } => {
                let text = scan::lettered(lines[mark.line].trimmed()).map_or("", |(_, t)| t);
                let id = format!("{parent}{letter}");
                d.start_item(
                    ItemStart {
                        id: id.clone(),
                        number: letter.to_string(),
                        parent: Some(parent.clone()),
                        question: text.to_string(),
                        required: false,
                    },
                    lines[mark.line].no,
                );
                pages_of_items.push(ItemPlace {
                    id,
                    page: doc.page[mark.line],
                    section: d.sections.len(),
                    line: mark.line,
                });
                item_body(&mut d, &doc, mark.line, &range);
            }
            MarkKind::Closing => {
                for &i in std::iter::once(&mark.line).chain(range.iter()) {
                    if !lines[i].is_blank() {
                        d.drop_line(lines[i].no, DropRule::FormClosing, lines[i].trimmed());
                    }
                }
            }
        }
    }
    d.finish();
    footnotes(&mut d, &doc, &pages_of_items);
    d
}

/// The lines with what the whole-document passes found: pages, wrap width, footnote blocks.
struct Doc<'a> {
    lines: &'a [Line],
    /// The page each line is on.
    page: Vec<usize>,
    /// The width at which body text wraps.
    wrap: usize,
    /// The footnote each line belongs to, if any (index into `notes`).
    footnote_of: Vec<Option<usize>>,
    notes: Vec<Footnote>,
}

struct ItemPlace {
    id: String,
    page: usize,
    section: usize,
    line: usize,
}

struct Footnote {
    page: usize,
    /// Index of its first line.
    line: usize,
    marker: Option<String>,
    /// The footnote's number as printed or, where OCR lost the marker, as counted.
    number: Option<u32>,
    /// Source line and the part of it that is footnote text.
    lines: Vec<(usize, String)>,
    text: String,
}

impl<'a> Doc<'a> {
    fn new(lines: &'a [Line]) -> Doc<'a> {
        // Pages start at a form feed or a line indented by one space. Where OCR kept no page
        // marks, each question or heading starts a "page", so that footnotes are still sought
        // at the foot of the text before it.
        let marked = lines.iter().skip(1).filter(|l| is_page_start(l)).count() >= 2;
        let mut page = Vec::with_capacity(lines.len());
        let mut p = 0;
        for (i, l) in lines.iter().enumerate() {
            let starts = if marked {
                is_page_start(l)
            } else {
                let t = l.trimmed();
                scan::numbered(t).is_some()
                    || scan::lettered(t).is_some()
                    || roman_heading(t).is_some()
            };
            if i > 0 && starts {
                p += 1;
            }
            page.push(p);
        }
        let mut doc = Doc {
            lines,
            page,
            wrap: 80,
            footnote_of: vec![None; lines.len()],
            notes: Vec::new(),
        };
        doc.find_footnotes();
        // Body text sets the wrap width; the introduction and the footnotes are set smaller.
        let body_from = lines
            .iter()
            .position(|l| roman_heading(l.trimmed()).is_some())
            .unwrap_or(0);
        doc.wrap = scan::wrap_width(
            (body_from..lines.len())
                .filter(|&i| !doc.is_footnote(i))
                .map(|i| lines[i].text.as_str()),
        );
        doc
    }

    fn is_footnote(&self, i: usize) -> bool {
        self.footnote_of[i].is_some()
    }

    /// The line reaches `percent` of the wrap width, so the PDF may have wrapped it.
    fn reaches(&self, i: usize, percent: usize) -> bool {
        self.lines[i].width() * 100 >= self.wrap * percent
    }

    /// Each page's footnotes: from a line that starts with a footnote marker, after a blank
    /// line, to the end of the page, with nothing structural in between. Numbered markers must
    /// count up through the document.
    fn find_footnotes(&mut self) {
        let lines = self.lines;
        // Each page as a range of lines, in one pass.
        let mut pages: Vec<(usize, usize)> = Vec::new();
        for (i, &p) in self.page.iter().enumerate() {
            match pages.get_mut(p) {
                Some(range) => range.1 = i + 1,
                None => pages.push((i, i + 1)),
            }
        }
        let mut last_number = 0u32;
        let mut blocks: Vec<(usize, usize)> = Vec::new();
        for &(start, end) in &pages {
            // A page that ends the document has no next page to prove its foot ended there.
            if end >= lines.len() {
                continue;
            }
            // The block comes after the last structural line of the page.
            let after = (start..end)
                .rev()
                .find(|&i| is_structural(&lines[i]))
                .map_or(start + 1, |i| i + 1)
                .max(start + 1);
            let block = (after..end).find(|&f| {
                lines[f - 1].is_blank()
                    && footnote_marker(lines[f].trimmed()).is_some_and(|(_, n, _)| {
                        n.is_none_or(|n| n > last_number && n <= last_number + 5)
                    })
            });
            if let Some(f) = block {
                if let Some(n) = (f..end)
                    .filter_map(|i| footnote_marker(lines[i].trimmed()).and_then(|(_, n, _)| n))
                    .max()
                {
                    last_number = n;
                }
                blocks.push((f, end));
            }
        }
        let widest = blocks
            .iter()
            .flat_map(|&(s, e)| s..e)
            .map(|i| lines[i].width())
            .max()
            .unwrap_or(80);
        let mut counted = 0u32;
        for (s, e) in blocks {
            let mut prev: Option<usize> = None;
            for i in s..e {
                let line = &lines[i];
                if line.is_blank() {
                    continue;
                }
                let text = line.trimmed();
                // After a blank line, a capital starts the next footnote.
                let after_blank = i > s && lines[i - 1].is_blank();
                let continues = prev.is_some_and(|p| {
                    let pt = lines[p].trimmed();
                    scan::ends_hyphenated(pt)
                        || scan::starts_lowercase(text)
                        || (!after_blank
                            && lines[p].width() * 100 >= widest * 85
                            && !pt.ends_with('.'))
                });
                if continues {
                    let p = prev.unwrap_or(i);
                    let join = if scan::ends_hyphenated(lines[p].trimmed()) {
                        Join::Glue
                    } else {
                        Join::Space
                    };
                    if let Some(note) = self.notes.last_mut() {
                        super::draft::join_into(&mut note.text, text, join);
                        note.lines.push((line.no, text.to_string()));
                    }
                } else {
                    let (printed, number, rest) = match footnote_marker(text) {
                        Some((m, n, rest)) => (Some(m.to_string()), n, rest),
                        None => (None, None, text),
                    };
                    counted = number.unwrap_or(counted + 1);
                    self.notes.push(Footnote {
                        page: self.page[i],
                        line: i,
                        marker: printed,
                        number: Some(counted),
                        lines: vec![(line.no, rest.to_string())],
                        text: rest.to_string(),
                    });
                }
                self.footnote_of[i] = Some(self.notes.len().saturating_sub(1));
                prev = Some(i);
            }
            // Blank lines inside the block belong to it too, so nothing reads them as body.
            let last = Some(self.notes.len().saturating_sub(1));
            for (line, slot) in lines[s..e].iter().zip(&mut self.footnote_of[s..e]) {
                if line.is_blank() {
                    *slot = last;
                }
            }
        }
    }
}

fn is_page_start(l: &Line) -> bool {
    l.page_break || (l.indent() == 1 && !l.is_blank())
}

/// A footnote's first line: a number of one or two digits, or a mark OCR made of a superscript
/// digit (" ® ° ! *), then a space and text. Returns the marker, its number, and the text.
fn footnote_marker(s: &str) -> Option<(&str, Option<u32>, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (marker, rest) = if (1..=2).contains(&digits) {
        s.split_at(digits)
    } else {
        let c = s.chars().next()?;
        if !matches!(
            c,
            '"' | '\'' | '’' | '”' | '“' | '®' | '°' | '!' | '*' | '†' | '‡' | '§'
        ) {
            return None;
        }
        s.split_at(c.len_utf8())
    };
    let text = rest.strip_prefix(' ')?.trim_start();
    // A footnote is a sentence: after a number, a capital ("5 CIO or ...", not "3 agencies").
    let first = text.chars().next()?;
    let starts_right = if digits > 0 {
        first.is_uppercase()
    } else {
        first.is_alphabetic()
    };
    starts_right.then(|| (marker, marker.parse().ok(), text))
}

/// Lines that cannot be part of a footnote: questions, parts, headings, checkboxes, fields.
fn is_structural(l: &Line) -> bool {
    let t = l.trimmed();
    scan::numbered(t).is_some()
        || scan::lettered(t).is_some()
        || roman_heading(t).is_some()
        || glyph(t).is_some()
        || scan::contact_line(t).is_some()
}

#[derive(Debug)]
struct Mark {
    line: usize,
    kind: MarkKind,
}

#[derive(Debug)]
enum MarkKind {
    Section {
        label: String,
        printed: String,
        title: String,
    },
    Question {
        number: u32,
        restarted: bool,
    },
    Part {
        parent: String,
        letter: char,
    },
    Closing,
}

/// "VIl. New Technologies" gives (7, "VIl", "New Technologies"). OCR's l and | stand for I.
fn roman_heading(s: &str) -> Option<(u32, &str, &str)> {
    let (printed, title) = s.split_once(". ")?;
    if printed.is_empty() || printed.len() > 6 {
        return None;
    }
    let value = roman_value(printed)?;
    let title = title.trim();
    let starts_upper = title.chars().next().is_some_and(char::is_uppercase);
    (starts_upper && title.split_whitespace().count() <= 10).then_some((value, printed, title))
}

fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' | 'l' | '|' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && to_roman(total) == mend_roman(s)).then_some(total)
}

/// "Il" becomes "II": OCR's l and | read as I.
fn mend_roman(s: &str) -> String {
    s.chars()
        .map(|c| if c == 'l' || c == '|' { 'I' } else { c })
        .collect()
}

pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
        (0, ""),
        (0, ""),
    ];
    let mut out = String::new();
    for (v, s) in TABLE.iter().filter(|(v, _)| *v > 0) {
        while n >= *v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Trailing OCR'd footnote marks on a heading: "Cooperation™"" gives "Cooperation".
fn strip_marks(s: &str) -> &str {
    s.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == ')'))
}

/// The first pass: sections, questions, lettered parts and the closing line.
fn structure(doc: &Doc) -> Vec<Mark> {
    let lines = doc.lines;
    let mut marks = Vec::new();
    let mut next_section = 1u32;
    let mut next_q = 1u32;
    let mut parts: Option<(String, char)> = None;
    let mut items_in_section = 0usize;
    let mut prev_content: Option<usize> = None;
    let mut prev_was_heading = false;
    let mut closing: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() || doc.is_footnote(i) {
            continue;
        }
        let text = line.trimmed();
        // A question starts a paragraph: after a blank line, a page break or a heading.
        let after_break =
            prev_content.is_none_or(|p| p + 1 < i || is_page_start(line)) || prev_was_heading;
        prev_content = Some(i);
        prev_was_heading = false;
        if let Some((value, printed, title)) = roman_heading(text)
            && (next_section..next_section + 3).contains(&value)
        {
            marks.push(Mark {
                line: i,
                kind: MarkKind::Section {
                    label: to_roman(value),
                    printed: printed.to_string(),
                    title: strip_marks(title).to_string(),
                },
            });
            next_section = value + 1;
            items_in_section = 0;
            parts = None;
            prev_was_heading = true;
            closing = None;
            continue;
        }
        if next_section == 1 {
            continue; // still in the title block
        }
        if let Some((n, rest)) = scan::numbered(text)
            && !rest.is_empty()
        {
            let in_sequence = n == next_q || (n > next_q && n <= next_q + 2 && after_break);
            let restarts = n == 1 && next_q > 2 && items_in_section == 0 && after_break;
            if in_sequence || restarts {
                marks.push(Mark {
                    line: i,
                    kind: MarkKind::Question {
                        number: n,
                        restarted: restarts,
                    },
                });
                next_q = n + 1;
                items_in_section += 1;
                parts = Some((n.to_string(), 'a'));
                closing = None;
                continue;
            }
        }
        // Lettered parts follow a question that ends with ":" ("in charge of the following:"),
        // perhaps across a page's footnotes.
        let opens_parts = |letter: char| {
            letter != 'a'
                || (0..i)
                    .rev()
                    .find(|&j| !lines[j].is_blank() && !doc.is_footnote(j))
                    .is_some_and(|j| lines[j].trimmed().ends_with(':'))
        };
        if let Some((parent, letter)) = &parts
            && let Some((l, _)) = scan::lettered(text)
            && l == *letter
            && opens_parts(l)
        {
            let parent = parent.clone();
            marks.push(Mark {
                line: i,
                kind: MarkKind::Part { parent, letter: l },
            });
            parts = parts.map(|(p, l)| (p, char::from(l as u8 + 1)));
            closing = None;
            continue;
        }
        // The thank-you line counts only if no question follows it.
        if next_q > 1 && closing.is_none() && scan::fold(text).starts_with("thank you") {
            closing = Some(i);
        }
    }
    if let Some(line) = closing {
        marks.push(Mark {
            line,
            kind: MarkKind::Closing,
        });
    }
    marks
}

/// The title block: title, form introduction, "[ Country ] [ date ]", consent checkbox.
fn title_block(d: &mut Draft, doc: &Doc, end: usize) {
    let lines = &doc.lines[..end];
    let mut titled = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() || doc.is_footnote(i) {
            continue;
        }
        let text = line.trimmed();
        if !titled {
            d.title = Some(text.to_string());
            d.header_trace(line.no, "title", text);
            d.edition = edition_in(text);
            titled = true;
            continue;
        }
        if let Some(cells) = bracket_cells(text) {
            for (k, cell) in cells.iter().enumerate() {
                if k == 0 && d.country_hint.is_none() {
                    d.country_hint = Some(cell.to_string());
                    d.header_trace(line.no, "country", cell);
                } else {
                    d.field(line.no, "Date", cell, None);
                }
            }
            continue;
        }
        if let Some((tick, rest)) = glyph(text)
            && rest.split_whitespace().count() >= 4
        {
            d.field(line.no, "Consent", rest, Some(tick));
            continue;
        }
        if d.edition.is_none() {
            d.edition = edition_in(text);
        }
        d.drop_line(line.no, DropRule::FormIntro, text);
    }
}

/// "[ Tajikistan ] [ 31.07.2019 ]" gives ["Tajikistan", "31.07.2019"].
fn bracket_cells(s: &str) -> Option<Vec<&str>> {
    let mut cells = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        // OCR may drop the last "]".
        let close = inner.find(']').unwrap_or(inner.len());
        cells.push(inner[..close].trim());
        rest = inner.get(close + 1..).unwrap_or("").trim_start();
    }
    let closed = s.trim_end().ends_with(']');
    let enough = cells.len() >= 2 || (cells.len() == 1 && closed);
    (enough && cells.iter().all(|c| !c.is_empty())).then_some(cells)
}

/// A survey year printed in a title: "E-Government Survey 2020".
fn edition_in(s: &str) -> Option<u16> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (2000..=2100).contains(y))
}

/// Lines of a section before its first question: a contact block in a contact section, and
/// otherwise lead-in text for the first question.
fn section_preamble(d: &mut Draft, doc: &Doc, range: &[usize]) {
    let title = d
        .sections
        .last()
        .map(|s| scan::fold(&s.title))
        .unwrap_or_default();
    let is_contact_section = title.contains("contact");
    for &i in range {
        let line = &doc.lines[i];
        if line.is_blank() {
            continue;
        }
        let text = line.trimmed();
        match scan::contact_line(text) {
            Some((field, value)) if is_contact_section => {
                let contact = d.respondent.get_or_insert_with(Contact::default);
                scan::set_contact(
                    contact,
                    field,
                    (!value.is_empty()).then(|| value.to_string()),
                );
                d.header_trace(line.no, &format!("respondent.{}", field.key()), value);
            }
            _ => d.heading(line.no, text),
        }
    }
}

/// The lines of one question or part after its first line: the rest of a wrapped question,
/// then a CIO block, options, instructions and the answer.
fn item_body(d: &mut Draft, doc: &Doc, first: usize, range: &[usize]) {
    let lines = doc.lines;
    // The rest of a wrapped question: while brackets are open, the last line ends mid-word,
    // or it ends without closing punctuation and the next line reads on.
    let mut q = lines[first].trimmed().to_string();
    let mut depth = bracket_balance(&q);
    let mut q_line = first;
    let mut k = 0;
    while let Some(offset) = range[k..].iter().position(|&j| !lines[j].is_blank()) {
        let pos = k + offset;
        let j = range[pos];
        let blanks = offset;
        let next = lines[j].trimmed();
        let last = lines[q_line].trimmed();
        let open = depth > 0 || scan::ends_hyphenated(last);
        let runs_on = !question_closed(last)
            && (scan::starts_lowercase(next) || next.starts_with('(') || doc.reaches(q_line, 55));
        let plain = glyph(next).is_none() && scan::contact_line(next).is_none();
        if blanks <= 1 && plain && (open || runs_on) {
            let join = if scan::ends_hyphenated(last) {
                Join::Glue
            } else {
                Join::Space
            };
            d.question(lines[j].no, next, join);
            super::draft::join_into(&mut q, next, join);
            depth += bracket_balance(next);
            q_line = j;
            k = pos + 1;
        } else {
            break;
        }
    }
    let body: Vec<usize> = range[k..].to_vec();
    let names_cio = super::webform::names_cio(&q);

    // A contact block (the CIO's, under the CIO question).
    let mut rest = Vec::with_capacity(body.len());
    for &i in &body {
        let text = lines[i].trimmed();
        match scan::contact_line(text) {
            Some((field, value)) if names_cio => {
                let cio = d.cio.get_or_insert_with(Contact::default);
                scan::set_contact(cio, field, (!value.is_empty()).then(|| value.to_string()));
                d.header_trace(lines[i].no, &format!("cio.{}", field.key()), value);
            }
            _ => rest.push(i),
        }
    }
    let body = rest;

    // Options, then instructions and the answer.
    let content: Vec<usize> = body
        .iter()
        .copied()
        .filter(|&i| !lines[i].is_blank())
        .collect();
    let tail: Vec<usize> = match option_region(doc, &content) {
        Some((lead, end)) => {
            for &i in &content[..lead] {
                d.question(lines[i].no, lines[i].trimmed(), Join::Line);
            }
            options(d, doc, &content[lead..end]);
            let last = content[end - 1];
            body.iter().copied().filter(|&i| i > last).collect()
        }
        None => body,
    };
    answer(d, doc, &tail);
}

/// Where a body's options are: `(lead, end)` such that `content[lead..end]` are option lines
/// and `content[..lead]` are lead-in lines ending with ":" that belong to the question. There
/// are options when the first line after the lead-in is a checkbox or at least two lines are;
/// they run to the last checkbox line and any lines it wrapped onto.
fn option_region(doc: &Doc, content: &[usize]) -> Option<(usize, usize)> {
    let is_box = |i: usize| glyph(doc.lines[i].trimmed()).is_some();
    let boxes = content.iter().filter(|&&i| is_box(i)).count();
    let last_box = content.iter().rposition(|&i| is_box(i))?;
    let lead = content
        .iter()
        .take_while(|&&i| !is_box(i) && doc.lines[i].trimmed().ends_with(':'))
        .count();
    let first_is_box = content.get(lead).is_some_and(|&i| is_box(i));
    if !(first_is_box || boxes >= 2) {
        return None;
    }
    let mut end = last_box + 1;
    while end < content.len() && option_wraps(doc, content[end - 1], content[end]) {
        end += 1;
    }
    Some((lead, end))
}

/// Brackets opened minus closed; OCR reads ")" as "]" often enough to count both.
fn bracket_balance(s: &str) -> i64 {
    s.bytes().fold(0, |depth, b| match b {
        b'(' | b'[' => depth + 1,
        b')' | b']' => depth - 1,
        _ => depth,
    })
}

/// A question line that ends its sentence, allowing for a footnote superscript after it
/// ("e-government.4", "(CI0)°?") and OCR's "]" for ")".
fn question_closed(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(|c: char| c.is_ascii_digit() || "°®™*\"'’”".contains(c));
    t.ends_with(['.', '?', '!', ':', ';', ')', ']'])
}

fn option_wraps(doc: &Doc, prev: usize, next: usize) -> bool {
    let p = doc.lines[prev].trimmed();
    let n = doc.lines[next].trimmed();
    glyph(n).is_none()
        && (scan::ends_hyphenated(p)
            || (scan::starts_lowercase(n) && doc.reaches(prev, 95) && !scan::ends_closed(p)))
}

fn options(d: &mut Draft, doc: &Doc, content: &[usize]) {
    let mut prev: Option<usize> = None;
    for &i in content {
        let line = &doc.lines[i];
        let text = line.trimmed();
        if glyph(text).is_some() {
            for (tick, label) in split_options(text) {
                d.option(line.no, label, tick);
            }
        } else if let Some(p) = prev.filter(|&p| option_wraps(doc, p, i)) {
            let join = if scan::ends_hyphenated(doc.lines[p].trimmed()) {
                Join::Glue
            } else {
                Join::Space
            };
            d.option_more(line.no, text, join);
        } else {
            // A checkbox line whose glyph OCR lost: the box's state is not in the text.
            d.option(line.no, text, Selection::NotRecorded);
        }
        prev = Some(i);
    }
}

/// The answer after any options: instructions in parentheses become notes; the rest is
/// answer text with the PDF's wrapping undone.
fn answer(d: &mut Draft, doc: &Doc, body: &[usize]) {
    let lines = doc.lines;
    let mut prev: Option<usize> = None;
    // How many parentheses the current instruction note has open.
    let mut depth = 0i64;
    let mut blanks = 0;
    for &i in body {
        let line = &lines[i];
        if line.is_blank() {
            blanks += 1;
            continue;
        }
        let text = line.trimmed();
        let starts_note = is_instruction(text);
        if depth > 0 {
            let p = prev.map(|p| lines[p].trimmed()).unwrap_or("");
            let join = if scan::ends_hyphenated(p) {
                Join::Glue
            } else {
                Join::Space
            };
            d.note_more(line.no, text, join);
            depth += scan::paren_balance(text);
        } else if starts_note {
            d.note(line.no, NoteKind::Instruction, text);
            depth = scan::paren_balance(text);
        } else {
            let join = match prev {
                None => Join::Paragraph,
                Some(p) => unwrap_join(doc, p, i, blanks),
            };
            d.answer(line.no, text, join);
        }
        prev = Some(i);
        blanks = 0;
    }
}

/// A form instruction in brackets: "(If any checked, please explain further. Maximum 250
/// words)", "(Max. 250 words)". An answer in brackets ("(no data available)") is not one.
fn is_instruction(text: &str) -> bool {
    let f = scan::fold(text);
    f.starts_with('(')
        && (scan::is_parenthetical(text) || scan::parens_open(text))
        && (f.starts_with("(if ")
            || f.starts_with("(please")
            || f.starts_with("(max")
            || f.contains(" words"))
}

/// How answer line `next` joins line `prev` with `blanks` blank lines between them.
fn unwrap_join(doc: &Doc, prev: usize, next: usize, blanks: usize) -> Join {
    let p = doc.lines[prev].trimmed();
    let n = doc.lines[next].trimmed();
    if blanks <= 1 && scan::ends_hyphenated(p) && n.chars().next().is_some_and(char::is_alphabetic)
    {
        return Join::Glue;
    }
    let wrapped = doc.reaches(prev, 85)
        && !p.ends_with(['.', '!', '?', ';', ':'])
        && (scan::starts_lowercase(n)
            || n.starts_with(|c: char| c.is_ascii_digit())
            || p.ends_with(','));
    match (blanks, wrapped) {
        (0 | 1, true) => Join::Space,
        (0, false) => Join::Line,
        _ => Join::Paragraph,
    }
}

/// A checkbox glyph at the start of `s`, as OCR printed it, and the text after it. An "X" (or
/// a ticked box symbol) is a tick; every other glyph is an empty box, and an empty box records
/// nothing.
fn glyph(s: &str) -> Option<(Selection, &str)> {
    let ticked = Selection::Recorded;
    let empty = Selection::NotRecorded;
    const SYMBOLS: [(&str, Selection); 8] = [
        ("[X]", Selection::Recorded),
        ("[x]", Selection::Recorded),
        ("[✓]", Selection::Recorded),
        ("[✔]", Selection::Recorded),
        ("☒", Selection::Recorded),
        ("☑", Selection::Recorded),
        ("☐", Selection::NotRecorded),
        ("[ ]", Selection::NotRecorded),
    ];
    for (prefix, tick) in SYMBOLS {
        if let Some(rest) = s.strip_prefix(prefix) {
            let rest = rest.trim_start();
            return (!rest.is_empty()).then_some((tick, rest));
        }
    }
    let after = |n: usize| s[n..].trim_start();
    let mut chars = s.chars();
    let (c0, c1, c2) = (chars.next(), chars.next(), chars.next());
    let found = match (c0, c1) {
        (Some('X'), Some(' ')) => Some((ticked, after(2))),
        // "XNo": a tick glued to a short choice, alone or in a row ("XYes [INo"); "XML" and
        // "XÉcole nationale d'administration" are words.
        (Some('X'), Some(c)) if c.is_uppercase() && c2.is_some_and(char::is_lowercase) => {
            let rest = after(1);
            choice_row(rest, 2).then_some((ticked, rest))
        }
        (Some('[' | '(' | 'O' | '0'), Some(']')) | (Some('['), Some('J'))
            if c2.is_none_or(char::is_whitespace) =>
        {
            Some((empty, after(2)))
        }
        (Some('['), Some('I')) if c2.is_some_and(char::is_uppercase) => Some((empty, after(2))),
        (Some('['), Some('1')) if c2.is_some_and(|c| !c.is_whitespace()) => Some((empty, after(2))),
        (Some('[' | ']'), Some(' ')) => Some((empty, after(1))),
        // "(Yes XNo": OCR's "( )" before a short choice or a row of them; a parenthesised
        // answer that wraps is not a box.
        (Some('('), Some(c)) if c.is_alphabetic() && scan::parens_open(s) => {
            let rest = after(1);
            choice_row(rest, 3).then_some((empty, rest))
        }
        (Some('O'), Some(' ')) if c2.is_some_and(char::is_uppercase) => Some((empty, after(1))),
        _ => None,
    };
    found.filter(|(_, rest)| !rest.is_empty())
}

/// What follows a box glyph is a choice: a short label (at most `words` words), or a row of
/// choices with another box further on ("XYes [INo").
fn choice_row(rest: &str, words: usize) -> bool {
    rest.split_whitespace().count() <= words
        || rest
            .char_indices()
            .any(|(i, c)| c == ' ' && inline_glyph(&rest[i + 1..]).is_some())
}

/// A checkbox line may hold several boxes: "O Artificial Intelligence (AlI) [J Blockchain".
/// Splits it at each glyph that follows a space.
fn split_options(s: &str) -> Vec<(Selection, &str)> {
    let mut out = Vec::new();
    let Some((mut tick, mut rest)) = glyph(s) else {
        return out;
    };
    loop {
        let next = rest
            .char_indices()
            .filter(|&(i, c)| c == ' ' && i + 1 < rest.len())
            .find_map(|(i, _)| inline_glyph(&rest[i + 1..]).map(|g| (i, g)));
        match next {
            Some((i, (t, after))) => {
                out.push((tick, rest[..i].trim_end()));
                tick = t;
                rest = after;
            }
            None => {
                out.push((tick, rest.trim_end()));
                break;
            }
        }
    }
    out.retain(|(_, label)| !label.is_empty());
    out
}

/// A glyph inside a checkbox line. Stricter than at the start of a line: a "(" or an "O" there
/// is ordinary text.
fn inline_glyph(s: &str) -> Option<(Selection, &str)> {
    if s.starts_with('(') && !s.starts_with("(]") {
        return None;
    }
    if s.starts_with("O ") && !s.starts_with("O]") {
        return None;
    }
    glyph(s)
}

/// Puts each footnote with the item that refers to it: the item on its page whose text carries
/// the footnote's number as a superscript ("groups6"); else the item on its page that shares
/// the most distinctive words with it, or failing that the item of its section that does; else
/// an item on its page with a mangled superscript ("body? at") that no other footnote took;
/// else the document. An item on the footnote's page gives up the footnote's mark: it leaves
/// the item's text and becomes the note's marker ("E-services3:" reads "E-services:").
fn footnotes(d: &mut Draft, doc: &Doc, places: &[ItemPlace]) {
    struct Candidate<'p> {
        place: &'p ItemPlace,
        text: String,
        /// The distinctive words of `text`, worked out once.
        words: Vec<String>,
    }
    let items: std::collections::HashMap<&str, &crate::model::Item> = d
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .map(|i| (i.id.as_str(), i))
        .collect();
    let candidates: Vec<Candidate> = places
        .iter()
        .filter_map(|place| {
            let item = items.get(place.id.as_str())?;
            let mut text = item.question.clone();
            for o in &item.options {
                text.push('\n');
                text.push_str(&o.label);
            }
            let words = distinctive(&text);
            Some(Candidate { place, text, words })
        })
        .collect();
    let best_by_words = |words: &[String], pool: &mut dyn Iterator<Item = &Candidate>| {
        pool.map(|c| {
            (
                words.iter().filter(|w| c.words.contains(w)).count(),
                &c.place.id,
            )
        })
        .filter(|(n, _)| *n > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, id)| id.clone())
    };
    // First by number and by words; then what is left by mangled superscripts, which only
    // an item no footnote took yet can have.
    let mut target: Vec<Option<String>> = Vec::with_capacity(doc.notes.len());
    for f in &doc.notes {
        let on_page = || candidates.iter().filter(|c| c.place.page == f.page);
        let section = candidates
            .iter()
            .rfind(|c| c.place.line < f.line)
            .map(|c| c.place.section);
        let words = distinctive(&f.text);
        let found = f
            .number
            .and_then(|n| {
                on_page()
                    .find(|c| has_superscript(&c.text, n))
                    .map(|c| c.place.id.clone())
            })
            .or_else(|| best_by_words(&words, &mut on_page()))
            .or_else(|| {
                best_by_words(
                    &words,
                    &mut candidates
                        .iter()
                        .filter(|c| Some(c.place.section) == section),
                )
            });
        target.push(found);
    }
    for (k, f) in doc.notes.iter().enumerate() {
        if target[k].is_none() {
            target[k] = candidates
                .iter()
                .filter(|c| c.place.page == f.page)
                .find(|c| {
                    !target.iter().flatten().any(|x| *x == c.place.id)
                        && has_mangled_superscript(&c.text)
                })
                .map(|c| c.place.id.clone());
        }
    }
    for (f, target) in doc.notes.iter().zip(target) {
        let note = Note {
            kind: NoteKind::Footnote,
            marker: f.marker.clone(),
            number: f.number,
            text: f.text.clone(),
        };
        let lines: Vec<(usize, &str)> = f.lines.iter().map(|(l, t)| (*l, t.as_str())).collect();
        match target {
            Some(id) => {
                // The footnote's mark in its item's text, if the item is on the footnote's page:
                // a mark refers to a footnote at the foot of its own page.
                let mark = candidates
                    .iter()
                    .find(|c| c.place.id == id && c.place.page == f.page)
                    .and_then(|_| {
                        d.sections
                            .iter()
                            .flat_map(|s| &s.items)
                            .find(|i| i.id == id)
                    })
                    .and_then(|item| mark_of(item, f.number));
                d.footnote_to(&id, &lines, note, mark);
            }
            None => d.response_note(&lines, note),
        }
    }
}

/// Where footnote `number`'s mark is printed in an item's question or option labels: its
/// number as a superscript ("E-services3:"); failing that, a superscript OCR mangled into a
/// symbol ("E-participation*:"), which says no number and so may be any footnote's.
fn mark_of(item: &crate::model::Item, number: Option<u32>) -> Option<(Part, Range<usize>)> {
    let parts = || {
        std::iter::once((Part::Question, item.question.as_str())).chain(
            item.options
                .iter()
                .enumerate()
                .map(|(k, o)| (Part::Option(k), o.label.as_str())),
        )
    };
    let find = |wanted: &dyn Fn(&Superscript) -> bool| {
        parts().find_map(|(part, text)| {
            superscript_marks(text)
                .into_iter()
                .find(|s| wanted(s))
                .map(|s| (part, s.range))
        })
    };
    number
        .and_then(|n| find(&|s| s.number == Some(n)))
        .or_else(|| find(&|s| s.number.is_none()))
}

/// A footnote mark printed as OCR prints a superscript, right after a word.
#[derive(Debug, PartialEq, Eq)]
struct Superscript {
    /// Byte range in the text.
    range: Range<usize>,
    /// The number it reads as; `None` for a symbol OCR made of it.
    number: Option<u32>,
}

/// Symbols OCR reads superscript digits as. A '"' may follow one ("™\"") but does not start
/// one: after a word it is more often a closing quote.
const MANGLED: &[char] = &['?', '!', '°', '™', '®', '*', '†', '‡', '§'];

/// The footnote marks in `text`: one or two digits, not starting with 0, right after a letter
/// and before a space, punctuation or the end ("groups6", "E-services3:"); or a run of symbols
/// right after a letter or ")" ("(CI0)°", "E-participation*:", "Cooperation™\""). A "?" or
/// "!" is a mark only mid-sentence, before a lower-case word ("body? at", "population??
/// satisfied"); elsewhere it ends a sentence. Digits inside a word or a number are text:
/// "COVID-19", "16.6.1", "5G", "I0T", "Survey 2020".
fn superscript_marks(text: &str) -> Vec<Superscript> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after_letter = prev.is_some_and(char::is_alphabetic);
        let after_word = after_letter || prev == Some(')');
        prev = Some(c);
        let run = |chars: &mut std::iter::Peekable<std::str::CharIndices>,
                   take: &dyn Fn(char) -> bool| {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if !take(n) {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
            end
        };
        if c.is_ascii_digit() && after_letter {
            let end = run(&mut chars, &|n| n.is_ascii_digit());
            prev = text[..end].chars().next_back();
            let next = text[end..].chars().next();
            // Footnotes count from 1: a "0" after a letter is OCR's O ("CI0").
            if end - i <= 2 && c != '0' && next.is_none_or(|n| !n.is_alphanumeric()) {
                out.push(Superscript {
                    range: i..end,
                    number: text[i..end].parse().ok(),
                });
            }
        } else if MANGLED.contains(&c) && after_word {
            let end = run(&mut chars, &|n| MANGLED.contains(&n) || n == '"');
            prev = text[..end].chars().next_back();
            let mark = &text[i..end];
            let rest = &text[end..];
            let ends_sentence = mark.chars().all(|m| matches!(m, '?' | '!'));
            let fits = if ends_sentence {
                rest.strip_prefix(' ')
                    .is_some_and(|r| r.chars().next().is_some_and(char::is_lowercase))
            } else {
                rest.chars()
                    .next()
                    .is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation())
            };
            if fits {
                out.push(Superscript {
                    range: i..end,
                    number: None,
                });
            }
        }
    }
    out
}

/// `n` printed right after a word, as OCR prints a superscript: "groups6", "E-services3:".
fn has_superscript(text: &str, n: u32) -> bool {
    superscript_marks(text).iter().any(|s| s.number == Some(n))
}

/// A superscript OCR read as a symbol: "?" mid-sentence ("body? at"), "(CI0)°".
fn has_mangled_superscript(text: &str) -> bool {
    superscript_marks(text).iter().any(|s| s.number.is_none())
}

/// Words that say what a text is about: lowercased, at least four letters, not common words or
/// the form's own vocabulary. Hyphenated compounds stay whole ("e-government").
fn distinctive(text: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "about",
        "also",
        "above",
        "below",
        "does",
        "each",
        "from",
        "have",
        "into",
        "more",
        "other",
        "please",
        "provide",
        "that",
        "than",
        "their",
        "there",
        "these",
        "this",
        "those",
        "through",
        "what",
        "when",
        "where",
        "which",
        "whichever",
        "with",
        "your",
        "government",
        "national",
        "level",
        "words",
        "maximum",
        "such",
        "used",
        "will",
        "being",
        "sometimes",
        "related",
        "specific",
        "public",
        "using",
        "people",
        "list",
        "exists",
        "following",
        "country",
    ];
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_lowercase()
        })
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect()
}

/// What a piece of a line is, to the segmenter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A heading, a question, a part, an option, an instruction or a line of the title block.
    Form,
    /// The start of a footnote: it runs to the next piece of the form.
    Footnote,
    /// A contact label ("Name:"): a new line starts here.
    Label,
}

/// Where a piece of the form ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    At(usize),
    /// Where the next piece starts.
    Next,
    /// Past the end of the line: the rest of the printed text follows on the next lines.
    Wrapped(&'static str),
}

/// A piece of the form found in a line.
#[derive(Debug, Clone, Copy)]
struct Found {
    at: usize,
    end: End,
    piece: Piece,
    /// Where the words that told the piece end: the next piece is sought after them.
    head: usize,
    /// The question's place in the form, for a question.
    question: Option<usize>,
}

/// Joins wrapped lines; then, for a known printed form, splits out of each line the form's own
/// pieces that a converter ran together with what came before or after them: section
/// headings, questions, lettered parts, checklist options, instructions, footnotes, contact
/// labels and the lines of the title block. A question or option the line ends inside of is
/// read on into the next lines until its printed text is complete. A footnote group gets the
/// blank line before it and the page break after it that the parser reads pages by.
fn segment(layout: &mut super::layout::Layout) {
    layout.unwrap();
    let Some(form) = printed_form(&layout.plain_lines()) else {
        return;
    };
    let lines = std::mem::take(&mut layout.lines);
    let mut out: Vec<LLine> = Vec::with_capacity(lines.len() * 2);
    let mut split = false;
    let mut in_footnote = false;
    // The rest of a printed text that the last line ended inside of.
    let mut wrapped: Option<&'static str> = None;
    let mut question = usize::MAX;
    let mut queue: std::collections::VecDeque<LLine> = lines.into();
    while let Some(mut cur) = queue.pop_front() {
        if cur.is_blank() {
            out.push(cur);
            continue;
        }
        // A converter's page breaks fall anywhere; the form's pages end with their footnotes,
        // and the breaks are put back there below.
        cur.page_break = false;
        if let Some(rest_of_text) = wrapped.take() {
            match match_loose(cur.text.trim_start(), rest_of_text) {
                Ok(end) => {
                    let end = end + cur.text.len() - cur.text.trim_start().len();
                    let rest = cur.split_off(end);
                    out.push(cur);
                    if !rest.is_blank() {
                        split = true;
                        queue.push_front(rest);
                    }
                    continue;
                }
                Err(k) if k > 0 && cur.text.len() < rest_of_text.len() + 8 => {
                    wrapped = Some(after_letters(rest_of_text, k));
                    out.push(cur);
                    continue;
                }
                Err(_) => {}
            }
        }
        // A piece after the line's indent starts the line: the indent stays.
        let indent = cur.text.len() - cur.text.trim_start().len();
        let found = form_piece(form, &cur.text, question);
        // The rest of a footnote, perhaps after a blank line OCR left in it, joins it. A line
        // with a footnote's mark of its own is a footnote the form does not print: it stays
        // apart, for the check to name.
        let marked = footnote_marker(cur.text.trim_start()).is_some();
        if in_footnote && marked && found.is_none() {
            if out.last().is_some_and(|l| !l.is_blank()) {
                out.push(LLine::blank());
            }
            out.push(cur);
            continue;
        }
        if in_footnote
            && found.is_none_or(|f| f.at > indent)
            && let Some(note) = out.iter_mut().rev().find(|l| !l.is_blank())
        {
            let end = found.map_or(cur.text.len(), |f| f.at);
            let rest = cur.split_off(end);
            let sep = super::layout::separator(&note.text);
            note.join(sep, &cur);
            while out.last().is_some_and(LLine::is_blank) {
                out.pop();
            }
            if !rest.is_blank() {
                queue.push_front(rest);
            }
            continue;
        }
        match found {
            Some(f) if f.at > indent => {
                let rest = cur.split_off(f.at);
                queue.push_front(rest);
                split = true;
                out.push(cur);
            }
            Some(f) => {
                let end = match f.end {
                    End::At(e) => Some(e),
                    End::Next => {
                        form_piece(form, &cur.text[f.head..], question).map(|n| f.head + n.at)
                    }
                    End::Wrapped(rest) => {
                        wrapped = Some(rest);
                        None
                    }
                };
                let rest = end.map(|e| cur.split_off(e));
                question = f.question.unwrap_or(question);
                if f.piece == Piece::Footnote {
                    // Each footnote after a blank line: the parser tells them apart by it.
                    if out.last().is_some_and(|l| !l.is_blank()) {
                        out.push(LLine::blank());
                    }
                    in_footnote = true;
                } else {
                    // The footnotes end their page.
                    cur.page_break |= in_footnote;
                    in_footnote = false;
                    // A question starts a paragraph.
                    if f.question.is_some() && out.last().is_some_and(|l| !l.is_blank()) {
                        out.push(LLine::blank());
                    }
                }
                out.push(cur);
                if let Some(rest) = rest.filter(|r| !r.is_blank()) {
                    split = true;
                    queue.push_front(rest);
                }
            }
            None => out.push(cur),
        }
    }
    layout.lines = out;
    if split {
        layout.note("structure");
    }
}

/// The printed form whose questions a document prints, if a third of them can be found.
fn printed_form(lines: &[Line]) -> Option<&'static PrintedForm> {
    PRINTED_FORMS.iter().copied().find(|form| {
        // One walk over the text: at each "N. ", the form's questions numbered N.
        let mut found = vec![false; form.questions.len()];
        for l in lines {
            let t = &l.text;
            for (i, _) in t.match_indices(". ") {
                let start = super::layout::after_last(&t[..i], |c| !c.is_ascii_digit());
                let Ok(n) = t[start..i].parse::<u32>() else {
                    continue;
                };
                if !at_word_start(t, start) {
                    continue;
                }
                for (k, (q, text)) in form.questions.iter().enumerate() {
                    if *q == n && !found[k] && printed(&t[i + 2..], text).is_some() {
                        found[k] = true;
                    }
                }
            }
        }
        found.iter().filter(|f| **f).count() * 3 >= form.questions.len()
    })
}

/// How a printed text matches at the start of `rest`: where it ends, or that the line ends
/// inside it.
fn printed(rest: &str, text: &'static str) -> Option<End> {
    match match_loose(rest, text) {
        Ok(end) => Some(End::At(end)),
        Err(k) if k >= 12 && rest.len() <= text.len() + 8 => {
            Some(End::Wrapped(after_letters(text, k)))
        }
        _ => None,
    }
}

/// The first piece of the form in `s`. `question` is the place in the form of the question
/// read last: only its checklist's options are sought.
fn form_piece(form: &PrintedForm, s: &str, question: usize) -> Option<Found> {
    for (at, c) in s.char_indices() {
        if !at_word_start(s, at) || c.is_whitespace() {
            continue;
        }
        let rest = &s[at..];
        let token = rest.split_whitespace().next().unwrap_or("");
        // Past the token and the space after it, whatever its width.
        let skip = rest[token.len()..]
            .chars()
            .next()
            .map_or(rest.len(), |c| token.len() + c.len_utf8());
        let found = |offset: usize, end: End, piece: Piece| {
            let end = match end {
                End::At(e) => End::At(at + offset + e),
                other => other,
            };
            let head = match end {
                End::At(e) => e,
                _ => at + token.len(),
            };
            Some(Found {
                at,
                end,
                piece,
                head,
                question: None,
            })
        };
        // "VIl. New Technologies"
        if let Some(label) = token.strip_suffix('.')
            && !label.is_empty()
            && label.len() <= 6
            && label.chars().all(|c| "IVXl|".contains(c))
        {
            for title in form.sections {
                if let Ok(end) = match_loose(&rest[skip..], title) {
                    return found(skip, End::At(end), Piece::Form);
                }
            }
        }
        // "14. How does your government ..."
        if let Some(number) = token.strip_suffix('.')
            && let Ok(n) = number.parse::<u32>()
        {
            for (k, (_, text)) in form
                .questions
                .iter()
                .enumerate()
                .filter(|(_, (q, _))| *q == n)
            {
                if let Some(end) = printed(&rest[skip..], text) {
                    return found(skip, end, Piece::Form).map(|f| Found {
                        question: Some(k),
                        ..f
                    });
                }
            }
        }
        // "a. E-services3:"
        if token.len() == 2 && token.ends_with('.') && c.is_ascii_lowercase() {
            for (_, labels) in form.parts {
                for label in *labels {
                    if let Ok(end) = match_loose(&rest[skip..], label) {
                        return found(skip, End::At(end), Piece::Form);
                    }
                }
            }
        }
        // A checklist option, after the box OCR made of its glyph or with none left.
        let boxed = glyph(rest).map_or(0, |(_, after)| rest.len() - after.len());
        for (_, options) in form.checklists.iter().filter(|(q, _)| *q == question) {
            for option in *options {
                if let Some(end) = printed(&rest[boxed..], option) {
                    return found(boxed, end, Piece::Form);
                }
            }
        }
        for text in form.instructions.iter().chain(form.furniture) {
            if let Ok(end) = match_loose(&rest[boxed..], text) {
                return found(boxed, End::At(end), Piece::Form);
            }
        }
        // A footnote, with its marker or without one.
        let marked = footnote_marker(rest).map_or(0, |(_, _, text)| rest.len() - text.len());
        for opening in form.footnotes {
            let told = match match_loose(&rest[marked..], opening) {
                Ok(end) => Some(end),
                Err(k @ 20..) => Some(rest.len() - marked).filter(|_| k > 0),
                Err(_) => None,
            };
            if let Some(told) = told {
                return Some(Found {
                    at,
                    end: End::Next,
                    piece: Piece::Footnote,
                    head: at + marked + told,
                    question: None,
                });
            }
        }
        // Only the start of the rest is read: this runs at every word of a line that may be
        // a whole document long.
        if at > 0
            && let Some(label) = token.strip_suffix(':')
            && scan::ContactField::from_label(label).is_some()
        {
            return found(0, End::Next, Piece::Label);
        }
        if c == '[' {
            let mut cut = rest.len().min(200);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let head = &rest[..cut];
            if bracket_cells(head).is_some() && head.len() == rest.len() {
                return found(0, End::At(rest.len()), Piece::Form);
            }
        }
    }
    None
}

/// A known printed form's questions all present and in order, its checklists with options, and
/// its footnotes the form's own: a footnote the form does not print may be an answer that
/// landed at the foot of a page.
fn check(r: &crate::model::Response, _trace: &super::trace::Trace) -> Vec<String> {
    let mut out = Vec::new();
    let Some(form) = PRINTED_FORMS.iter().find(|f| f.edition == r.edition) else {
        return out;
    };
    // The questions before the contact section, where numbering starts again.
    let main: Vec<u32> = super::check::question_numbers(r.items().filter(|i| !i.id.contains('.')));
    let expected = form
        .questions
        .windows(2)
        .position(|w| w[1].0 <= w[0].0)
        .map_or(form.questions.len(), |i| i + 1) as u32;
    out.extend(super::check::missing_questions(
        &main,
        expected,
        &format!("{} form", form.edition),
    ));
    out.extend(super::check::out_of_sequence(r));
    // A checklist question, known by its number and its words, with no options.
    for (k, _) in form.checklists {
        let Some((n, text)) = form.questions.get(*k) else {
            continue;
        };
        let bare = r.items().find(|i| {
            i.number == n.to_string()
                && i.parent.is_none()
                && match_loose(&i.question, text).is_ok()
        });
        if let Some(item) = bare.filter(|i| i.options.is_empty()) {
            out.push(format!(
                "question {}: none of its checklist options was found",
                item.id
            ));
        }
    }
    let notes = r
        .items()
        .flat_map(|i| i.notes.iter())
        .chain(r.notes.iter())
        .filter(|n| n.kind == NoteKind::Footnote);
    for note in notes {
        let known = form
            .footnotes
            .iter()
            .any(|o| matches!(match_loose(&note.text, o), Ok(_) | Err(20..)));
        if !known {
            let shown: String = note.text.chars().take(40).collect();
            out.push(format!(
                "footnote {:?} is not one the {} form prints: an answer may have landed at the foot of a page",
                shown, form.edition
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_with_ocr_slips() {
        assert_eq!(
            roman_heading("Il. Strategy and Implementation").map(|r| r.0),
            Some(2)
        );
        assert_eq!(roman_heading("lll. Legal Framework").map(|r| r.0), Some(3));
        assert_eq!(roman_heading("VIl. New Technologies").map(|r| r.0), Some(7));
        assert_eq!(roman_heading("VIIl. Indicators").map(|r| r.0), Some(8));
        assert_eq!(roman_heading("IX. International").map(|r| r.0), Some(9));
        assert_eq!(
            roman_heading("l. Institutional Framework").map(|r| r.0),
            Some(1)
        );
        assert_eq!(roman_heading("IIII. Not a numeral"), None);
        assert_eq!(roman_heading("Il. lowercase title"), None);
        assert_eq!(to_roman(8), "VIII");
        assert_eq!(strip_marks("Cooperation™\""), "Cooperation");
    }

    #[test]
    fn glyphs() {
        assert_eq!(
            glyph("X I/We hereby"),
            Some((Selection::Recorded, "I/We hereby"))
        );
        assert_eq!(glyph("XYes [INo").map(|g| g.0), Some(Selection::Recorded));
        assert_eq!(glyph("[J makes"), Some((Selection::NotRecorded, "makes")));
        assert_eq!(glyph("[] data"), Some((Selection::NotRecorded, "data")));
        assert_eq!(
            glyph("(] From the"),
            Some((Selection::NotRecorded, "From the"))
        );
        assert_eq!(
            glyph("0] Facebook"),
            Some((Selection::NotRecorded, "Facebook"))
        );
        assert_eq!(
            glyph("] Other: (Max. 250 words)").map(|g| g.1),
            Some("Other: (Max. 250 words)")
        );
        assert_eq!(
            glyph("[10ther: (Max."),
            Some((Selection::NotRecorded, "0ther: (Max."))
        );
        assert_eq!(glyph("(Yes XNo").map(|g| g.1), Some("Yes XNo"));
        assert_eq!(glyph("(If any checked, please explain.)"), None);
        assert_eq!(glyph("XML is a format"), None);
        assert_eq!(glyph("Ministry of"), None);
        assert_eq!(
            glyph("[ Tajikistan ] [ 31.07.2019 ]").map(|g| g.1),
            Some("Tajikistan ] [ 31.07.2019 ]")
        );
    }

    #[test]
    fn option_rows_split_at_each_glyph() {
        let labels = |s| {
            split_options(s)
                .into_iter()
                .map(|(t, l)| (t == Selection::Recorded, l))
                .collect::<Vec<_>>()
        };
        assert_eq!(labels("(Yes XNo"), [(false, "Yes"), (true, "No")]);
        assert_eq!(labels("XYes [INo"), [(true, "Yes"), (false, "No")]);
        assert_eq!(
            labels("O Artificial Intelligence (AlI) [J Blockchain [ Big data Smart cities"),
            [
                (false, "Artificial Intelligence (AlI)"),
                (false, "Blockchain"),
                (false, "Big data Smart cities")
            ]
        );
        assert_eq!(
            labels("[J Robotics [ Internet of Things (I0T) [ Quantum computing"),
            [
                (false, "Robotics"),
                (false, "Internet of Things (I0T)"),
                (false, "Quantum computing")
            ]
        );
        assert_eq!(
            labels("[J Augmented reality (] Other:"),
            [(false, "Augmented reality"), (false, "Other:")]
        );
    }

    #[test]
    fn footnote_markers() {
        assert_eq!(
            footnote_marker("5 CIO or a similar").map(|m| m.1),
            Some(Some(5))
        );
        assert_eq!(
            footnote_marker("\" This questionnaire").map(|m| m.2),
            Some("This questionnaire")
        );
        assert_eq!(footnote_marker("® This can be").map(|m| m.1), Some(None));
        assert_eq!(footnote_marker("30-40 %"), None);
        assert_eq!(footnote_marker("100%"), None);
        assert_eq!(footnote_marker("2. Please"), None);
    }

    #[test]
    fn superscripts() {
        assert!(has_superscript(
            "digitally publishing government expenditure8",
            8
        ));
        assert!(has_superscript("E-services3:", 3));
        assert!(!has_superscript("16.6.1 and 2018", 8));
        assert!(has_mangled_superscript(
            "any government body? at the national level"
        ));
        assert!(!has_mangled_superscript("Is there? Yes"));
    }

    #[test]
    fn footnote_marks_in_text() {
        let marks = |t: &'static str| -> Vec<(&'static str, Option<u32>)> {
            superscript_marks(t)
                .into_iter()
                .map(|s| (&t[s.range], s.number))
                .collect()
        };
        assert_eq!(marks("E-services3:"), [("3", Some(3))]);
        assert_eq!(marks("vulnerable groups6"), [("6", Some(6))]);
        assert_eq!(marks("E-participation*:"), [("*", None)]);
        assert_eq!(marks("Officer (CI0)° to manage"), [("°", None)]);
        assert_eq!(marks("the population?? satisfied"), [("??", None)]);
        assert_eq!(marks("Cooperation™\""), [("™\"", None)]);
        assert_eq!(marks("body? at the national level? If more"), [("?", None)]);
        // Digits and question marks that are text.
        for text in [
            "Survey 2020",
            "SDG Indicator 16.6.1",
            "COVID-19 pandemic",
            "networks (5G), while",
            "Internet of Things (I0T)",
            "Windows 10",
            "(Max. 250 words)",
            "the national level?",
            "level? If more",
            "the \"Digital Government\" system",
            "Diyor5555@gmail.com",
            "ISO27001 standard",
        ] {
            assert_eq!(marks(text), [], "{text}");
        }
    }
}
