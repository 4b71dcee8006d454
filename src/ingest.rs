//! Turns a source document into a [`Response`]: pure functions from bytes to model, no file
//! I/O. [`parse`] checks the bytes (size, binary, empty), reads a PDF's text layer, normalises
//! the text, detects the format from the content, runs that format's parser, and settles the
//! country and edition.
//!
//! - `pdf`: the text layer of a PDF, and the ways a PDF can fail;
//! - `normalize`: the one normaliser every format shares;
//! - `detect` (here): which format a text is in;
//! - `webform`, `ocr`, `slides`: one parser per format;
//! - `forms`: what is known about each questionnaire form;
//! - `draft`, `trace`: the response under construction, and where each line went.

pub mod check;
pub mod draft;
pub mod forms;
pub mod layout;
pub mod links;
pub mod normalize;
pub mod ocr;
pub mod pdf;
pub mod scan;
pub mod slides;
pub mod trace;
pub mod webform;

use crate::countries;
use crate::model::{Format, Kind, Response, Source};
use normalize::Line;
use sha2::{Digest, Sha256};
use trace::Trace;

/// The largest document msq reads: 8 MiB, about 150 times the largest real response.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

/// Why a document could not be read. Each message is one line, without the file name, which
/// the caller adds.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("empty file")]
    Empty,
    #[error("the file holds only whitespace")]
    WhitespaceOnly,
    #[error("binary file (NUL byte at offset {0}); msq reads text exports of the questionnaire")]
    Binary(usize),
    #[error(
        "no text layer (a scanned PDF?); add one with OCR, for example `ocrmypdf in.pdf out.pdf`, then index that"
    )]
    NoTextLayer,
    #[error(
        "encrypted PDF that needs a password; save a copy without encryption (for example `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`) and index that"
    )]
    Encrypted,
    #[error("damaged or truncated PDF: {0}")]
    Damaged(String),
    #[error(
        "the PDF reader failed on this file ({0}); convert it to text (for example `pdftotext -layout in.pdf out.txt`) and index that"
    )]
    PdfPanicked(String),
    #[error("the PDF's text layer is over the limit of {limit} bytes for one document")]
    TextLayerTooLarge { limit: usize },
    #[error("too large: {size} bytes, over the limit of {limit} bytes for one document")]
    TooLarge { size: usize, limit: usize },
    #[error(
        "unrecognised format: not an MSQ web-form export, an OCR'd MSQ form, or a presentation"
    )]
    Unrecognised,
    #[error("no country found: the document names no UN member state where msq looks for one")]
    NoCountry,
    #[error("{0:?} is not a UN member state msq knows")]
    UnknownCountry(String),
    #[error("no edition year found in the document; pass --edition YEAR")]
    NoEdition,
    #[error(
        "parsed as {0} but no questions or answers were found in it: nothing to index (is it a complete export?)"
    )]
    NoItems(&'static str),
}

/// Choices the caller can make about a document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The edition year, for a document that does not print one.
    pub edition: Option<u16>,
}

/// A parsed document: the response, and where each of its lines went.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub response: Response,
    pub trace: Trace,
    pub format: Format,
}

/// Parses one document. `file_name` is recorded as the source; it plays no part in parsing.
pub fn parse(file_name: &str, bytes: &[u8], options: &Options) -> Result<Parsed, IngestError> {
    check_bytes(bytes)?;
    // A PDF's text layer is read like a text document; the source is still the PDF's bytes.
    let text = if bytes.starts_with(b"%PDF-") {
        normalize::normalize(pdf::text_layer(bytes)?.as_bytes())
    } else {
        normalize::normalize(bytes)
    };
    if text.lines.iter().all(Line::is_blank) {
        return Err(IngestError::WhitespaceOnly);
    }
    // The converter's layout undone, the format told from what is left, and the format's own
    // structure split out of lines that a reflow ran together.
    let mut laid = layout::Layout::new(&text.lines);
    laid.normalise();
    // The format is told from the text with its wrapped lines joined, as each format's own
    // segmenter joins them; the segmenter then does that again its own way.
    let mut probe = laid.clone();
    probe.unwrap();
    let parser = detect(&probe.plain_lines())
        .or_else(|| detect(&laid.plain_lines()))
        .ok_or(IngestError::Unrecognised)?;
    drop(probe);
    let format = parser.format;
    (parser.segment)(&mut laid);
    let (lines, map) = laid.finish(&text.lines);
    let mut draft = (parser.parse)(&lines);
    if draft.sections.iter().all(|s| s.items.is_empty()) {
        return Err(IngestError::NoItems(format.as_str()));
    }
    draft.trace = map.remap(std::mem::take(&mut draft.trace));

    // The country the document names where its format puts it ("Country name", "[ Tajikistan
    // ]", the presenter's line); failing that ("N/A"), the member state it names most.
    let country = match draft.country_hint.as_deref() {
        Some(hint) => countries::lookup(hint)
            .or_else(|| countries::find_in_text(hint))
            .or_else(|| most_named_country(&text.lines))
            .ok_or_else(|| IngestError::UnknownCountry(hint.to_string()))?,
        None => most_named_country(&text.lines).ok_or(IngestError::NoCountry)?,
    };
    // The document's own year wins; the option is for documents that print none.
    let edition = draft
        .edition
        .or(options.edition)
        .ok_or(IngestError::NoEdition)?;
    let kind = parser.kind;
    for item in draft.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        let mut text = item.answer.clone();
        for typed in item.options.iter().filter_map(|o| o.typed.as_deref()) {
            text.push('\n');
            text.push_str(typed);
        }
        item.links = links::find_links(&text);
    }
    let mut warnings = text.warnings;
    if !map.rules.is_empty() {
        warnings.push(format!(
            "layout normalised by rules: {} (check the parse against the source)",
            map.rules.join(", ")
        ));
    }
    warnings.append(&mut draft.warnings);
    warnings.extend(
        draft
            .line_warnings
            .iter()
            .map(|(line, w)| format!("line {}: {w}", map.source_line(*line))),
    );
    let mut response = Response {
        id: response_id(country.iso3, edition, kind),
        country: country.name.to_string(),
        iso3: country.iso3.to_string(),
        edition,
        kind,
        source: Source {
            file: file_name.to_string(),
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
            format,
        },
        title: draft.title,
        respondent: draft.respondent,
        event: draft.event,
        cio: draft.cio,
        fields: draft.fields,
        contacts_are_items: parser.contacts_are_items,
        notes: draft.notes,
        sections: draft.sections,
        warnings,
    };
    let mut shortfalls = (parser.check)(&response, &draft.trace);
    response.warnings.append(&mut shortfalls);
    Ok(Parsed {
        response,
        trace: draft.trace,
        format,
    })
}

/// `aze-2022`, or `uzb-2024-presentation`.
pub fn response_id(iso3: &str, edition: u16, kind: Kind) -> String {
    let base = format!("{}-{edition}", iso3.to_lowercase());
    match kind {
        Kind::Questionnaire => base,
        Kind::Presentation => format!("{base}-presentation"),
    }
}

fn check_bytes(bytes: &[u8]) -> Result<(), IngestError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    // A PDF holds binary streams by design; its text layer is checked instead.
    if bytes.starts_with(b"%PDF-") {
        return Ok(());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(IngestError::Binary(at));
    }
    Ok(())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The member state a document names most often, for a document with no country field.
/// Every mention counts, not one a line: a converter may have run the whole text onto one.
fn most_named_country(lines: &[Line]) -> Option<&'static countries::Country> {
    let mut counts: Vec<(&'static countries::Country, usize)> = Vec::new();
    for line in lines {
        for (c, k) in countries::count_in_text(&line.text) {
            match counts.iter_mut().find(|(x, _)| x.iso3 == c.iso3) {
                Some((_, n)) => *n += k,
                None => counts.push((c, k)),
            }
        }
    }
    // The first named wins a tie, as the document's own country usually comes first.
    first_max(counts)
}

/// The value with the greatest score; the first of equals wins.
fn first_max<T, S: Ord>(scored: impl IntoIterator<Item = (T, S)>) -> Option<T> {
    scored
        .into_iter()
        .fold(None, |best: Option<(T, S)>, (t, s)| match best {
            Some((_, ref b)) if *b >= s => best,
            _ => Some((t, s)),
        })
        .map(|(t, _)| t)
}

/// One source format msq reads: how sure it is that a text is in it, and its parser. Adding a
/// format is one module that exports one of these, and one line in [`FORMATS`].
pub struct FormatParser {
    pub format: Format,
    pub kind: Kind,
    /// The form asks for the respondent's and the CIO's contact blocks as numbered items, so
    /// they are in the response twice: as items and as contacts.
    pub contacts_are_items: bool,
    /// How sure, from 0 (not this format) to 100, that a normalised text is in this format.
    pub confidence: fn(&[Line]) -> u8,
    /// Splits the format's structure out of lines a converter ran together, and puts blank
    /// lines between its blocks where the format needs them.
    pub segment: fn(&mut layout::Layout),
    pub parse: fn(&[Line]) -> draft::Draft,
    /// What a parse of this format promises, checked: one warning per shortfall.
    pub check: fn(&Response, &trace::Trace) -> Vec<String>,
}

/// Every format msq reads. Dispatch reads this list and nothing else.
pub static FORMATS: &[&FormatParser] = &[&webform::FORMAT, &ocr::FORMAT, &slides::FORMAT];

/// The least confidence at which a format is taken.
const MIN_CONFIDENCE: u8 = 30;

/// The format a document is most surely in, judged by its content alone.
pub fn detect(lines: &[Line]) -> Option<&'static FormatParser> {
    // The first of equals wins, so the list's order settles a tie.
    first_max(
        FORMATS
            .iter()
            .map(|f| (*f, (f.confidence)(lines)))
            .filter(|(_, c)| *c >= MIN_CONFIDENCE),
    )
}

/// The content lines of a text, without leading spaces: what the confidence tests read.
pub(crate) fn content_lines(lines: &[Line]) -> Vec<&str> {
    lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(Line::trimmed)
        .collect()
}

/// How many content lines start with a question number and some text.
pub(crate) fn numbered_lines(content: &[&str]) -> usize {
    content
        .iter()
        .filter(|l| scan::numbered(l).is_some_and(|(_, r)| !r.is_empty()))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_get_a_reason() {
        let opts = Options::default();
        assert_eq!(parse("x", b"", &opts).unwrap_err(), IngestError::Empty);
        assert_eq!(
            parse("x", b" \n\t\r\n\xc2\xa0", &opts).unwrap_err(),
            IngestError::WhitespaceOnly
        );
        assert_eq!(
            parse("x", b"ab\0cd", &opts).unwrap_err(),
            IngestError::Binary(2)
        );
        assert!(matches!(
            parse("x", b"%PDF-1.7", &opts).unwrap_err(),
            IngestError::Damaged(_)
        ));
        assert_eq!(
            parse("x", b"just some notes\nabout nothing", &opts).unwrap_err(),
            IngestError::Unrecognised
        );
    }
}
