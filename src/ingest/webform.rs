//! Parser for web-form exports (the 2022 MSQ): a respondent header, numbered questions "N. text
//! *" that start paragraphs, lettered section headings, sub-headings between questions, closed
//! questions whose options are printed as bare lines without the tick, and a thank-you page.
//!
//! A question starts only where its number is the next in sequence (a skip of up to three is
//! allowed, for a form with a question missing), so a numbered list inside an answer stays in
//! that answer. The form, when it is a known one (`forms`), settles which lines are options and
//! which are sub-headings; for an unknown form, short one-line paragraphs are read as options.

use super::FormatParser;
use super::check;
use super::draft::{Draft, ItemStart, Join};
use super::forms::{self, Form, OTHER};
use super::layout::{
    LLine, Layout, at_word_end, at_word_start, match_words, push_block, push_text,
};
use super::normalize::Line;
use super::scan::{self, ContactField};
use super::trace::DropRule;
use super::trace::Trace;
use crate::model::{Contact, Format, Kind, NoteKind, Response, Selection};

/// A structural line found in the first pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Question(u32),
    Section(char),
    Closing,
}

pub static FORMAT: FormatParser = FormatParser {
    format: Format::WebForm,
    kind: Kind::Questionnaire,
    contacts_are_items: true,
    confidence,
    segment,
    parse,
    check,
};

/// A known form's section headings, the "Time to complete" header, or questions that carry
/// the required mark "*".
fn confidence(lines: &[Line]) -> u8 {
    if recognised_form(lines).is_some() {
        return 100;
    }
    let content = super::content_lines(lines);
    let head = &content[..content.len().min(40)];
    let timed = head.iter().any(|l| scan::fold(l) == "time to complete");
    let required = content
        .iter()
        .filter(|l| scan::numbered(l).is_some() && scan::strip_required(l).1)
        .count();
    if timed || required >= 5 { 90 } else { 0 }
}

pub fn parse(lines: &[Line]) -> Draft {
    let mut d = Draft::new();
    let form = recognised_form(lines);
    let marks = structure(lines, form);
    match form {
        Some(f) => d.edition = Some(f.edition),
        None => d
            .warnings
            .push("form not recognised: options and sub-headings inferred from layout".into()),
    }

    let first = marks.first().map_or(lines.len(), |(i, _)| *i);
    header(&mut d, &lines[..first]);

    for (k, &(start, mark)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(lines.len(), |(i, _)| *i);
        let line = &lines[start];
        match mark {
            Mark::Closing => {
                for l in lines[start..end].iter().filter(|l| !l.is_blank()) {
                    d.drop_line(l.no, DropRule::FormClosing, l.trimmed());
                }
            }
            Mark::Section(letter) => {
                let title = line.trimmed()[2..].trim();
                d.section(
                    &letter.to_string(),
                    &letter.to_string(),
                    None,
                    title,
                    Some(line.no),
                );
                between(&mut d, &lines[start + 1..end]);
            }
            Mark::Question(n) => {
                if d.sections.is_empty() {
                    d.section("respondent", "", None, "Respondent", None);
                }
                question(&mut d, form, n, &lines[start..end]);
            }
        }
    }
    d.finish();
    contacts(&mut d);
    d
}

/// The known form whose lettered section headings a document prints.
/// A heading counts at the start of a line, or inside one that a converter ran together.
pub(super) fn recognised_form(lines: &[Line]) -> Option<&'static Form> {
    let mut headings: Vec<String> = lines
        .iter()
        .filter_map(|l| section_heading(l.trimmed()).map(|(_, t)| t.to_string()))
        .collect();
    if forms::recognise(&headings).is_none() {
        for form in forms::WEB_FORMS {
            for (letter, title) in form.sections {
                let printed = format!("{letter}. ");
                let found = lines.iter().any(|l| {
                    l.text.match_indices(&printed).any(|(i, _)| {
                        at_word_start(&l.text, i)
                            && match_words(&l.text[i + printed.len()..], title).is_ok()
                    })
                });
                if found {
                    headings.push(title.to_string());
                }
            }
        }
    }
    forms::recognise(&headings)
}

/// "B. COVID-19 Response and Recovery" gives ('B', "COVID-19 Response and Recovery").
fn section_heading(s: &str) -> Option<(char, &str)> {
    let mut chars = s.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let title = chars.as_str().strip_prefix(". ")?.trim();
    let words = title.split_whitespace().count();
    let plausible = (1..=12).contains(&words) && !title.ends_with(['*', '?', '.', ',']);
    plausible.then_some((letter, title))
}

fn starts_paragraph(lines: &[Line], i: usize) -> bool {
    i == 0 || lines[i - 1].is_blank()
}

/// The first pass: where questions, sections and the closing page start.
///
/// A question starts a paragraph and carries the next number. With a known form, a line whose
/// words are not the form's for that number is passed over when a line further on fits: it is
/// an answer's numbered paragraph. The thank-you page counts only after the last question.
fn structure(lines: &[Line], form: Option<&Form>) -> Vec<(usize, Mark)> {
    // Where each question number appears with the form's own words, to look ahead to.
    let mut fitting: std::collections::HashMap<u32, Vec<usize>> = Default::default();
    if let Some(f) = form {
        for (i, line) in lines.iter().enumerate() {
            if starts_paragraph(lines, i)
                && let Some((n, rest)) = scan::numbered(line.trimmed())
                && f.question_fits(n, rest)
            {
                fitting.entry(n).or_default().push(i);
            }
        }
    }
    let fits_later = |n: u32, i: usize| fitting.get(&n).is_some_and(|v| v.iter().any(|&j| j > i));

    let mut marks = Vec::new();
    let mut next_q = 1u32;
    let mut next_section = 'A';
    let mut closing: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if !starts_paragraph(lines, i) || line.is_blank() {
            continue;
        }
        let text = line.trimmed();
        if let Some((n, rest)) = scan::numbered(text)
            && !rest.is_empty()
            && n >= next_q
        {
            let followed_by_break = lines.get(i + 1).is_none_or(|l| l.is_blank());
            let near = n <= next_q + 3;
            let accepted = match form {
                // The form's own words: a question, however many the export left out before
                // it (branching hides questions that do not apply).
                Some(f) if f.question_fits(n, rest) => true,
                // An answer's paragraph, when the question itself comes later.
                Some(_) if fits_later(n, i) => false,
                // A skip of up to three, for a form that lost a question line, needs the blank
                // line that follows every question of the export.
                _ => near && (n == next_q || followed_by_break),
            };
            if accepted {
                marks.push((i, Mark::Question(n)));
                next_q = n + 1;
                closing = None;
                continue;
            }
        }
        if let Some((letter, title)) = section_heading(text) {
            let expected = letter == next_section;
            let fits = match form {
                Some(f) => f
                    .sections
                    .iter()
                    .any(|(l, t)| l.starts_with(letter) && scan::fold(t) == scan::fold(title)),
                None => true,
            };
            if expected && fits && next_q > 1 {
                marks.push((i, Mark::Section(letter)));
                next_section = char::from(next_section as u8 + 1);
                // Structure after a thank-you line means it was not the closing page.
                closing = None;
                continue;
            }
        }
        if next_q > 1 && closing.is_none() && text.len() < 24 && scan::fold(text) == "thank you" {
            closing = Some(i);
        }
    }
    if let Some(i) = closing {
        marks.push((i, Mark::Closing));
    }
    marks
}

/// The respondent header: "Respondent", "< 90 Anonymous >", "72:37", "Time to complete".
fn header(d: &mut Draft, lines: &[Line]) {
    let content: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let mut label: Option<&Line> = None;
    let mut skip = None;
    let mut pending_label: Option<(usize, String)> = None;
    for (k, line) in content.iter().enumerate() {
        if Some(k) == skip {
            continue;
        }
        let text = line.trimmed();
        if scan::fold(text) == "respondent" {
            label = Some(line);
            pending_label = Some((line.no, text.to_string()));
            continue;
        }
        if let Some(inner) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            let index = d.field(line.no, "Respondent ID", inner.trim(), None);
            if let Some((no, printed)) = pending_label.take() {
                d.field_label(no, index, &printed);
            }
            label = None;
            continue;
        }
        let next_is_time_label = content
            .get(k + 1)
            .is_some_and(|n| scan::fold(n.trimmed()) == "time to complete");
        if is_duration(text) && next_is_time_label {
            let index = d.field(line.no, "Time to complete", text, None);
            if let Some(next) = content.get(k + 1) {
                d.field_label(next.no, index, next.trimmed());
            }
            skip = Some(k + 1);
            continue;
        }
        d.field(line.no, "Header", text, None);
    }
    // A "Respondent" label with no value after it is kept as a field of its own.
    if let (Some(l), Some((no, printed))) = (label, pending_label) {
        d.field(no, "Header", &printed, None);
        d.warn_at(l.no, "\"Respondent\" label with no value".into());
    }
}

fn is_duration(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Lines between a section heading and its first question: notes and sub-headings for it.
fn between(d: &mut Draft, lines: &[Line]) {
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let text = line.trimmed();
        match note_text(text) {
            Some(note) => d.note_for_next(line.no, NoteKind::Note, note),
            None => d.heading(line.no, text),
        }
    }
}

/// "Note: E-government and ..." gives "E-government and ...".
fn note_text(s: &str) -> Option<&str> {
    s.get(..5)
        .filter(|p| p.eq_ignore_ascii_case("note:"))
        .and_then(|_| s.get(5..))
        .map(str::trim)
}

/// One question: its line, then its body up to the next structural line.
fn question(d: &mut Draft, form: Option<&Form>, n: u32, lines: &[Line]) {
    let Some((first, body)) = lines.split_first() else {
        return;
    };
    let (_, rest) = scan::numbered(first.trimmed()).unwrap_or((n, first.trimmed()));
    let (text, required) = scan::strip_required(rest);
    d.start_item(
        ItemStart {
            id: n.to_string(),
            number: n.to_string(),
            parent: None,
            question: text.to_string(),
            required,
        },
        first.no,
    );

    let mut body: Vec<&Line> = body.iter().collect();
    // A sub-label that completes the question: "...features:" then "- E-services or similar *".
    // The form says which questions have one; an unknown form's must carry the required mark,
    // which no answer does.
    let has_sublabel = |label: &str| match form {
        Some(f) => f.sublabel(n).is_some(),
        None => text.ends_with(':') && scan::strip_required(label).1,
    };
    if let Some(pos) = body.iter().position(|l| !l.is_blank())
        && let Some(label) = scan::bullet(body[pos].trimmed())
        && has_sublabel(label)
    {
        let line = body[pos];
        let (label_text, req) = scan::strip_required(line.trimmed());
        d.question(line.no, label_text, Join::Line);
        if req {
            set_required(d);
        }
        body.drain(..=pos);
    }

    // Sub-headings of the next question sit at the end of this one's body.
    let mut trailing = Vec::new();
    if let Some(f) = form {
        while let Some(pos) = body.iter().rposition(|l| !l.is_blank()) {
            let before_next =
                (n + 1..=n + 4).any(|m| f.is_subheading_before(m, body[pos].trimmed()));
            if before_next {
                trailing.push(body[pos]);
                body.truncate(pos);
            } else {
                break;
            }
        }
    }

    // The form's "Note:" lines come before the answer; a respondent's own "Note:" paragraph
    // inside the answer stays there.
    let mut rest: Vec<&Line> = Vec::with_capacity(body.len());
    for line in body {
        match note_text(line.trimmed()) {
            Some(note) if rest.iter().all(|l| l.is_blank()) => {
                d.note(line.no, NoteKind::Note, note);
            }
            _ => rest.push(line),
        }
    }

    let consumed = match form.and_then(|f| f.options(n)) {
        Some(labels) => form_options(d, labels, &rest),
        None if form.is_none() => inferred_options(d, &rest),
        None => 0,
    };
    answer(d, &rest[consumed..]);

    for line in trailing.into_iter().rev() {
        d.heading(line.no, line.trimmed());
    }
}

fn set_required(d: &mut Draft) {
    if let Some(item) = d.sections.last_mut().and_then(|s| s.items.last_mut()) {
        item.required = true;
    }
}

/// The answer text: lines as printed, paragraphs kept.
fn answer(d: &mut Draft, lines: &[&Line]) {
    let mut gap = false;
    for line in lines {
        if line.is_blank() {
            gap = true;
            continue;
        }
        let join = if gap { Join::Paragraph } else { Join::Line };
        d.answer(line.no, &line.text, join);
        gap = false;
    }
}

/// Matches the body's leading lines against the form's options for this question. Returns how
/// many body lines the options used. A line in the place of "Other" that is none of the options
/// is the text the respondent typed there.
fn form_options(d: &mut Draft, labels: &[&str], body: &[&Line]) -> usize {
    // printed[k] = the line and text that printed option k.
    let mut printed: Vec<Option<(usize, String)>> = vec![None; labels.len()];
    let mut typed: Option<(usize, String)> = None;
    let mut consumed = 0;
    for (i, line) in body.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        let text = line.trimmed();
        let bare = scan::bullet(text).unwrap_or(text);
        if let Some(k) = find_label(labels, &printed, bare) {
            printed[k] = Some((line.no, bare.to_string()));
            consumed = i + 1;
            continue;
        }
        if let Some(ks) = split_labels(labels, &printed, bare) {
            for (k, t) in ks {
                printed[k] = Some((line.no, t.to_string()));
            }
            consumed = i + 1;
            continue;
        }
        let other = labels.iter().position(|l| *l == OTHER);
        let all_before_other = other.is_some_and(|o| printed[..o].iter().all(Option::is_some));
        if let Some(o) = other
            && printed[o].is_none()
            && all_before_other
        {
            typed = Some((line.no, bare.to_string()));
            consumed = i + 1;
        }
        break;
    }
    let other = labels.iter().position(|l| *l == OTHER);
    for (k, label) in labels.iter().enumerate() {
        match &printed[k] {
            Some((no, text)) => d.option(*no, text, Selection::NotRecorded),
            None => d.unprinted_option(label),
        }
        if Some(k) == other
            && let Some((no, text)) = &typed
        {
            d.typed(*no, k, text);
        }
    }
    consumed
}

fn find_label(labels: &[&str], printed: &[Option<(usize, String)>], text: &str) -> Option<usize> {
    let t = scan::fold(text);
    labels
        .iter()
        .enumerate()
        .find(|(k, l)| printed[*k].is_none() && scan::fold(l) == t)
        .map(|(k, _)| k)
}

/// "Yes No" on one line: every word-run is a distinct, still unprinted option.
fn split_labels<'t>(
    labels: &[&str],
    printed: &[Option<(usize, String)>],
    text: &'t str,
) -> Option<Vec<(usize, &'t str)>> {
    let mut found = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (k, len) = labels.iter().enumerate().find_map(|(k, l)| {
            let taken = printed[k].is_some() || found.iter().any(|(f, _)| *f == k);
            let matches = rest.len() >= l.len()
                && rest.is_char_boundary(l.len())
                && rest[..l.len()].eq_ignore_ascii_case(l)
                && rest[l.len()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
            (!taken && matches).then_some((k, l.len()))
        })?;
        found.push((k, &rest[..len]));
        rest = rest[len..].trim_start();
    }
    (found.len() >= 2).then_some(found)
}

/// For a form nobody described: a body of two or more one-line paragraphs of a few words each,
/// none a sentence or a link, reads as the printed options of a closed question.
fn inferred_options(d: &mut Draft, body: &[&Line]) -> usize {
    let content: Vec<&&Line> = body.iter().filter(|l| !l.is_blank()).collect();
    let separate = body.windows(2).all(|w| w[0].is_blank() || w[1].is_blank());
    let short = content.iter().all(|l| {
        let t = l.trimmed();
        t.chars().count() <= 30
            && t.split_whitespace().count() <= 4
            && !t.ends_with('.')
            && super::links::find_links(t).is_empty()
    });
    if content.len() < 2 || !separate || !short {
        return 0;
    }
    for line in &content {
        d.option(line.no, line.trimmed(), Selection::NotRecorded);
    }
    body.len()
}

/// Fills the header from the items: the country, the respondent's contact block, and the CIO's.
/// A contact block is a run of items whose questions are contact labels ("Name", "Email");
/// it is the CIO's when a heading or the question before it names the CIO.
fn contacts(d: &mut Draft) {
    let items: Vec<_> = d.sections.iter().flat_map(|s| s.items.iter()).collect();
    if let Some(country) = items
        .iter()
        .find(|i| scan::fold(&i.question).starts_with("country"))
        .and_then(|i| i.answer.lines().next())
    {
        d.country_hint = Some(country.trim().to_string());
    }
    let mut respondent: Option<Contact> = None;
    let mut cio: Option<Contact> = None;
    let mut k = 0;
    while k < items.len() {
        let run: Vec<(ContactField, &str)> = items[k..]
            .iter()
            .map_while(|i| ContactField::from_label(&i.question).map(|f| (f, i.answer.trim())))
            .collect();
        if run.is_empty() {
            k += 1;
            continue;
        }
        let mentions_cio = items[k].headings.iter().any(|h| names_cio(h))
            || (k > 0 && names_cio(&items[k - 1].question));
        let mut contact = Contact::default();
        for (field, value) in &run {
            let value = (!value.is_empty()).then(|| value.to_string());
            scan::set_contact(&mut contact, *field, value);
        }
        if mentions_cio && cio.is_none() {
            cio = Some(contact);
        } else if !mentions_cio && respondent.is_none() {
            respondent = Some(contact);
        }
        k += run.len();
    }
    d.respondent = respondent;
    d.cio = cio;
}

pub fn names_cio(s: &str) -> bool {
    let f = scan::fold(s);
    f.contains("chief information officer")
        || f.split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "cio" || w == "ci0" || w == "cios")
}

/// What the segmenter expects next after a question: its sub-label, notes and options.
#[derive(Clone)]
struct Expect {
    question: u32,
    options: &'static [&'static str],
    printed: Vec<bool>,
    sublabel: Option<&'static str>,
}

/// Splits a web-form export's structure out of lines that a converter ran together or left
/// without blank lines: each question, sub-label, "Note:", option, section heading and
/// sub-heading of a known form becomes a block of its own, wherever in a line it starts. The
/// form's own wording finds them, so an answer that happens to hold "8." or "Yes" is not cut.
/// A form nobody described falls back on its numbering, and says so.
fn segment(layout: &mut Layout) {
    layout.unwrap();
    let Some(form) = recognised_form(&layout.plain_lines()) else {
        segment_unknown(layout);
        return;
    };
    let lines = std::mem::take(&mut layout.lines);
    let mut out: Vec<LLine> = Vec::with_capacity(lines.len() * 2);
    let mut next_q = 1u32;
    let mut next_section = 0usize;
    let mut expect: Option<Expect> = None;
    let mut closed = false;
    // A line was cut or joined: more than blank lines changed.
    let mut split = false;
    // How many lines a question's text has been read on over.
    let mut run_on = 0;
    let mut queue: std::collections::VecDeque<LLine> = lines.into();
    while let Some(mut cur) = queue.pop_front() {
        if cur.is_blank() {
            push_text(&mut out, cur);
            continue;
        }
        if closed {
            out.push(cur);
            continue;
        }
        // What the question just read leads to: its sub-label, notes, then its options.
        if let Some(e) = expect.as_mut() {
            if let Some(end) = expected_unit(e, form, &cur.text) {
                let rest = cur.split_off(end);
                push_block(&mut out, cur);
                if !rest.is_blank() {
                    // Options printed on one line ("Yes No") are the form's own layout.
                    let mut probe = e.clone();
                    split |= expected_unit(&mut probe, form, &rest.text).is_none();
                    queue.push_front(rest);
                }
                continue;
            }
            expect = None;
        }
        match find_unit(
            form,
            &cur.text,
            next_q,
            next_section,
            next_q > form.texts.len() as u32,
        ) {
            Some((0, end, unit)) => {
                // A question's text the converter wrapped onto the next line: read on.
                if end == usize::MAX
                    && run_on < 6
                    && queue.front().is_some_and(|n| !n.is_blank())
                    && let Some(next) = queue.pop_front()
                {
                    run_on += 1;
                    split = true;
                    cur.join(" ", &next);
                    queue.push_front(cur);
                    continue;
                }
                run_on = 0;
                let rest = cur.split_off(end.min(cur.text.len()));
                match unit {
                    Unit::Question(n) => {
                        next_q = n + 1;
                        expect = Some(Expect {
                            question: n,
                            options: form.options(n).unwrap_or(&[]),
                            printed: vec![false; form.options(n).map_or(0, <[_]>::len)],
                            sublabel: form.sublabel(n),
                        });
                    }
                    Unit::Section => next_section += 1,
                    Unit::Closing => closed = true,
                    Unit::Other => {}
                }
                push_block(&mut out, cur);
                if !rest.is_blank() {
                    split = true;
                    queue.push_front(rest);
                }
            }
            Some((at, _, _)) => {
                split = true;
                let rest = cur.split_off(at);
                push_text(&mut out, cur);
                queue.push_front(rest);
            }
            None => push_text(&mut out, cur),
        }
    }
    layout.lines = out;
    if split {
        layout.note("structure");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Question(u32),
    Section,
    Closing,
    /// A sub-heading, a note or a header value.
    Other,
}

/// The sub-label, a note or the next option of the question just read, at the start of `s`:
/// where it ends.
fn expected_unit(e: &mut Expect, form: &Form, s: &str) -> Option<usize> {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    if let Some(label) = e.sublabel {
        let bare = label.trim_start_matches("- ");
        let body = scan::bullet(t).unwrap_or(t);
        let skip = t.len() - body.len();
        if let Ok(end) = match_words(body, bare) {
            e.sublabel = None;
            return Some(lead + skip + required_end(body, end));
        }
    }
    for (q, note) in form.notes {
        if *q == e.question
            && let Some(body) = t.strip_prefix("Note:")
            && let Ok(end) = match_words(body, note)
        {
            return Some(lead + 5 + end);
        }
    }
    let body = scan::bullet(t).unwrap_or(t);
    let skip = t.len() - body.len();
    for (k, label) in e.options.iter().enumerate() {
        if e.printed[k] {
            continue;
        }
        if let Ok(end) = match_words(body, label)
            && at_word_end(body, end)
        {
            e.printed[k] = true;
            return Some(lead + skip + end);
        }
    }
    None
}

/// After a match that ends at `end`, the required mark " *" that may follow it.
fn required_end(s: &str, end: usize) -> usize {
    let rest = &s[end..];
    let t = rest.trim_start();
    if t.starts_with('*') {
        end + (rest.len() - t.len()) + 1
    } else {
        end
    }
}

/// The first unit of the form that starts in `s`: (where it starts, where it ends, what it
/// is). An end of `usize::MAX` means the unit runs on past the end of the line.
fn find_unit(
    form: &Form,
    s: &str,
    next_q: u32,
    next_section: usize,
    after_last: bool,
) -> Option<(usize, usize, Unit)> {
    for (at, c) in s.char_indices() {
        if !at_word_start(s, at) || c.is_whitespace() {
            continue;
        }
        let rest = &s[at..];
        if c.is_ascii_digit()
            && let Some((n, body)) = scan::numbered(rest)
            && (next_q..next_q + 12).contains(&n)
            && let Some(text) = form.text(n)
        {
            let skip = rest.len() - body.len();
            match match_words(body, text) {
                Ok(end) if at_word_end(body, end) => {
                    return Some((at, at + skip + required_end(body, end), Unit::Question(n)));
                }
                // The line ends inside the question's text: it was wrapped.
                Err(matched) if matched >= 8.min(text.len()) && at == 0 => {
                    return Some((0, usize::MAX, Unit::Question(n)));
                }
                _ => {}
            }
        }
        if c.is_ascii_uppercase()
            && let Some((letter, title)) = form.sections.get(next_section)
            && let Some(body) = rest.strip_prefix(letter).and_then(|r| r.strip_prefix(". "))
            && let Ok(end) = match_words(body, title)
            && at_word_end(body, end)
        {
            return Some((at, rest.len() - body.len() + at + end, Unit::Section));
        }
        for (before, heading) in form.subheadings {
            if (next_q..next_q + 12).contains(before)
                && let Ok(end) = match_words(rest, heading)
                && at_word_end(rest, end)
            {
                return Some((at, at + end, Unit::Other));
            }
        }
        if let Some(body) = rest.strip_prefix("Note:") {
            for (q, note) in form.notes {
                if (next_q..next_q + 12).contains(q)
                    && let Ok(end) = match_words(body, note)
                {
                    return Some((at, at + 5 + end, Unit::Other));
                }
            }
        }
        if after_last
            && let Ok(end) = match_words(rest, "thank you")
            && at_word_end(rest, end)
        {
            return Some((at, at + end, Unit::Closing));
        }
        // The respondent header before question 1: "Respondent", "< 26 Anonymous >", "72:37",
        // "Time to complete".
        if next_q == 1 {
            if c == '<'
                && let Some(close) = rest.find('>')
            {
                return Some((at, at + close + 1, Unit::Other));
            }
            for label in ["Respondent", "Time to complete"] {
                if let Ok(end) = match_words(rest, label)
                    && at_word_end(rest, end)
                {
                    return Some((at, at + end, Unit::Other));
                }
            }
            let token = rest.split_whitespace().next().unwrap_or("");
            if is_duration(token) {
                return Some((at, at + token.len(), Unit::Other));
            }
        }
    }
    None
}

/// A form nobody described: a line that starts with the next question number starts a block,
/// so that an export without blank lines still shows where its questions are.
fn segment_unknown(layout: &mut Layout) {
    let lines = std::mem::take(&mut layout.lines);
    let mut out = Vec::with_capacity(lines.len());
    let mut next_q = 1u32;
    let mut changed = false;
    for l in lines {
        let starts = scan::numbered(l.text.trim_start())
            .is_some_and(|(n, rest)| !rest.is_empty() && (next_q..next_q + 4).contains(&n));
        if starts {
            if let Some((n, _)) = scan::numbered(l.text.trim_start()) {
                next_q = n + 1;
            }
            changed |= out.last().is_some_and(|p: &LLine| !p.is_blank());
            push_block(&mut out, l);
        } else {
            push_text(&mut out, l);
        }
    }
    layout.lines = out;
    if changed {
        layout.note("structure");
    }
}

/// A known form's questions all present, in order, and each closed question with the options
/// the form prints for it.
fn check(r: &Response, trace: &Trace) -> Vec<String> {
    let mut out = Vec::new();
    let titles: Vec<String> = r.sections.iter().map(|s| s.title.clone()).collect();
    let Some(form) = forms::recognise(&titles) else {
        return out;
    };
    let found = check::question_numbers(r.items());
    out.extend(check::missing_questions(
        &found,
        form.texts.len() as u32,
        &format!("{} form", form.edition),
    ));
    out.extend(check::out_of_sequence(r));
    for (n, labels) in form.choices {
        if let Some(item) = r
            .items()
            .find(|i| i.number == n.to_string() && i.parent.is_none())
            && !check::options_printed(item, trace)
        {
            out.push(format!(
                "question {n}: none of its options ({}) is printed; they are shown as the form's, selection not recorded",
                labels.join(" / ")
            ));
        }
    }
    out
}
