//! Parser for conference presentations turned into text. The structure it follows:
//! - slides separated by runs of three or more blank lines (or form feeds);
//! - a slide header (the presenter's organisation) repeated on several slides, sometimes split
//!   into pieces by OCR: noise;
//! - a title slide with the event, its dates and place, and the presenter's line (name, title,
//!   organisation, country);
//! - parts before the questions, each headed by a short line ("Background");
//! - numbered discussion questions, in sequence, each answered by bullets and sub-headings
//!   ("What works:", "Challenge 1: ...") up to the next question;
//! - a closing "thank you" slide, kept as a part of its own;
//! - Markdown's strong emphasis ("**Lead:** text") where the slides' text was exported with
//!   it: kept as emphasis, without its markers.

use super::FormatParser;
use super::draft::{Draft, ItemStart, Join};
use super::layout::{LLine, Layout};
use super::normalize::Line;
use super::scan;
use super::trace::DropRule;
use crate::countries;
use crate::model::{Contact, Event, Format, Kind};
use std::collections::HashSet;

pub static FORMAT: FormatParser = FormatParser {
    format: Format::Presentation,
    kind: Kind::Presentation,
    contacts_are_items: false,
    confidence,
    segment,
    parse,
    check,
};

/// Slide breaks and at least one numbered question. The weakest claim of the three formats:
/// a form with page breaks has both too.
fn confidence(lines: &[Line]) -> u8 {
    let content = super::content_lines(lines);
    let numbered = super::numbered_lines(&content);
    if slide_breaks(lines) >= 1 && numbered >= 1 {
        return 50;
    }
    // A deck laid out without blank lines: a repeated header, bullets and a question.
    let bullets = content.iter().filter(|l| scan::bullet(l).is_some()).count();
    let asks = content.iter().any(|l| l.contains('?'));
    if asks && numbered >= 1 && bullets >= 3 && !repeated_lines(lines).is_empty() {
        return 40;
    }
    // A deck a converter ran onto a line or two: bullets and a question inside its lines.
    let inline = |pat: &str| {
        content
            .iter()
            .map(|l| l.matches(pat).count())
            .sum::<usize>()
    };
    let asks_inline = content
        .iter()
        .any(|l| l.match_indices("1. ").any(|(i, _)| l[i..].contains('?')));
    if content.len() <= 4 && asks_inline && inline(" - ") >= 3 {
        35
    } else {
        0
    }
}

/// Joins wrapped lines; then, for a deck whose converter left no blank lines between slides,
/// starts a slide where the deck's structure says one starts: at each copy of a line repeated
/// at the head of slides (the header), at each discussion question, and at a part heading
/// ("Background") that opens a run of bullets.
fn segment(layout: &mut Layout) {
    unreflow(layout);
    let repeated = repeated_lines(&layout.plain_lines());
    layout.unwrap_except(|t| repeated.contains(&scan::fold(t)));
    let lines = layout.plain_lines();
    // Runs of blank lines mark the slides; page breaks may be a converter's pages, so where
    // there are only those, the slides are found from their structure as well.
    if blank_runs(&lines) > 0 {
        return;
    }
    let header_words: HashSet<String> = repeated
        .iter()
        .flat_map(|h| h.split_whitespace().map(str::to_string))
        .collect();
    // Pieces of the header that a converter split up ("Digital Government", "Center").
    let fragment = |t: &str| {
        let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
        !words.is_empty() && words.len() <= 4 && words.iter().all(|w| header_words.contains(w))
    };
    let mut next_q = 1;
    let mut out: Vec<LLine> = Vec::with_capacity(layout.lines.len() + 16);
    let mut changed = false;
    for (i, l) in std::mem::take(&mut layout.lines).into_iter().enumerate() {
        let t = lines[i].trimmed();
        let question = scan::numbered(t).is_some_and(|(n, rest)| {
            n == next_q && rest.trim_end().ends_with('?') && lines[i].indent() == 0
        });
        if question {
            next_q += 1;
        }
        // The lines around, past single blank lines (a converter that keeps one blank line
        // between all blocks, as PDF text extraction does).
        let prev = lines[..i].iter().rev().find(|l| !l.is_blank());
        let next = lines[i + 1..].iter().find(|l| !l.is_blank());
        let prev_bullet = prev.is_some_and(|p| scan::bullet(p.trimmed()).is_some());
        let next_bullet = next.is_some_and(|n| scan::bullet(n.trimmed()).is_some());
        let opens_part =
            next_q == 1 && is_part_heading(t) && next_bullet && !prev_bullet && prev.is_some();
        let header = repeated.contains(&scan::fold(t))
            || (fragment(t) && !prev.is_some_and(|p| fragment(p.trimmed())));
        if (question || opens_part || header) && !out.is_empty() {
            out.extend(std::iter::repeat_n(LLine::blank(), 3));
            changed = true;
        }
        out.push(l);
    }
    layout.lines = out;
    if changed {
        layout.note("slides");
    }
}

/// A deck that a converter ran onto a line or two has lost its lines: start a line again at
/// each bullet ("- " after a sentence) and each discussion question in sequence, and end the
/// question at its question mark.
fn unreflow(layout: &mut Layout) {
    let content = layout.lines.iter().filter(|l| !l.is_blank()).count();
    let widest = layout.lines.iter().map(LLine::width).max().unwrap_or(0);
    if content > 4 || widest < 400 {
        return;
    }
    let mut out: Vec<LLine> = Vec::new();
    let mut next_q = 1;
    let mut cut_yet = false;
    for line in std::mem::take(&mut layout.lines) {
        let cuts = inline_cuts(&line.text, &mut next_q);
        let first = !cut_yet;
        cut_yet |= !cuts.is_empty();
        let mut pieces = line.split_at_all(&cuts).into_iter();
        if let Some(head) = pieces.next() {
            out.push(head);
            // What comes before the first bullet is the title slide.
            if first && !cuts.is_empty() {
                out.extend(std::iter::repeat_n(LLine::blank(), 3));
            }
        }
        out.extend(pieces);
    }
    layout.lines = out;
    layout.note("slides");
}

/// Where in `s`, after its start, a bullet or discussion question `next_q` begins, and where
/// a question's text ends: at its question mark. One pass, however long the line.
fn inline_cuts(s: &str, next_q: &mut u32) -> Vec<usize> {
    let mut cuts = Vec::new();
    // Where the question being read ends, once one has started.
    let mut asked: Option<usize> = None;
    let starts = s
        .char_indices()
        .skip(1)
        .filter(|&(i, _)| s[..i].ends_with(' '));
    for (i, _) in starts {
        let rest = &s[i..];
        let bullet = ["- ", "• "].iter().any(|m| {
            rest.strip_prefix(m)
                .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase() || c == '*'))
        });
        let mark = scan::numbered(rest)
            .filter(|(n, r)| *n == *next_q && r.starts_with(char::is_uppercase))
            .and_then(|_| rest.find("? "));
        let question = mark.is_some();
        if let Some(q) = mark {
            *next_q += 1;
            asked = Some(i + q + 2);
        }
        let ends_question = asked == Some(i);
        if ends_question {
            asked = None;
        }
        if bullet || question || ends_question {
            cuts.push(i);
        }
    }
    cuts
}

/// Runs of three blank lines: how a deck's text marks its slides.
fn blank_runs(lines: &[Line]) -> usize {
    lines
        .windows(3)
        .filter(|w| w.iter().all(Line::is_blank))
        .count()
}

/// Slide breaks: runs of blank lines, and page breaks.
fn slide_breaks(lines: &[Line]) -> usize {
    blank_runs(lines) + lines.iter().filter(|l| l.page_break).count()
}

/// Short lines printed two or more times, neither bullets nor numbered: a slide header.
fn repeated_lines(lines: &[Line]) -> HashSet<String> {
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    // A header is a short line: a long one is not counted, word by word.
    for l in lines
        .iter()
        .filter(|l| !l.is_blank() && l.text.len() <= 200)
    {
        let t = l.trimmed();
        let words = t.split_whitespace().count();
        if (3..=10).contains(&words) && scan::numbered(t).is_none() && scan::bullet(t).is_none() {
            *seen.entry(scan::fold(t)).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(t, _)| t)
        .collect()
}

pub fn parse(lines: &[Line]) -> Draft {
    let mut d = Draft::new();
    let slides = split_slides(lines);
    let headers = repeated_headers(lines, &slides);
    let is_header_line = |i: usize| headers.contains(&scan::fold(lines[i].trimmed()));
    let header_words: HashSet<String> = headers
        .iter()
        .flat_map(|h| h.split_whitespace().map(str::to_string))
        .collect();

    // Drop headers and header fragments; what is left is each slide's content.
    let mut content: Vec<Vec<usize>> = Vec::new();
    for slide in &slides {
        let is_fragment_slide = slide.iter().all(|&i| {
            let words: Vec<String> = lines[i]
                .trimmed()
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            words.len() <= 4 && words.iter().all(|w| header_words.contains(w))
        });
        let mut kept = Vec::new();
        for &i in slide {
            if is_header_line(i) || is_fragment_slide {
                d.drop_line(lines[i].no, DropRule::SlideHeader, lines[i].trimmed());
            } else {
                kept.push(i);
            }
        }
        if !kept.is_empty() {
            content.push(kept);
        }
    }

    let questions = question_lines(lines, &content);
    let first_q = questions.iter().min().copied();
    let last_q = questions.iter().max().copied();

    // The closing slide: the last one, after the last question's slide, thanking the audience.
    // It is short and has no bullets: a slide with points to make is content, thanks or not. It
    // stays, as a part of its own, since what it prints ("谢谢 Thank You شکرا") is text too.
    let closing = match content.last() {
        Some(last)
            if last_q
                .is_none_or(|q| last.first().is_some_and(|&f| f > q) && !last.contains(&q))
                && last
                    .iter()
                    .any(|&i| scan::fold(lines[i].trimmed()).contains("thank you"))
                && last.len() <= 4
                && last
                    .iter()
                    .all(|&i| scan::bullet(lines[i].trimmed()).is_none())
                && content.len() > 1 =>
        {
            content.pop()
        }
        _ => None,
    };

    let org = headers_in_order(lines, &slides, &headers)
        .into_iter()
        .next();
    // A line a converter printed above the title slide (a page header it printed once) makes a
    // slide of its own; the title slide is the one with the event, and takes it in.
    let has_event = |slide: &Vec<usize>| slide.iter().any(|&i| is_event(lines[i].trimmed()));
    if content.len() >= 2
        && !has_event(&content[0])
        && content[0].len() <= 2
        && has_event(&content[1])
        && first_q.is_none_or(|q| content[1].iter().all(|&i| i < q))
    {
        let head = content.remove(0);
        content[0].splice(0..0, head);
    }
    let mut slides_iter = content.into_iter().peekable();
    // The title slide: the first slide, when it comes before any question and makes no points.
    if let Some(first) = slides_iter.peek()
        && first_q.is_none_or(|q| first.iter().all(|&i| i < q))
        && first
            .iter()
            .all(|&i| scan::bullet(lines[i].trimmed()).is_none())
    {
        let first = slides_iter.next().unwrap_or_default();
        title_slide(&mut d, lines, &first, org.as_deref());
    }

    let mut in_questions = false;
    for slide in slides_iter {
        let mut prev: Option<usize> = None;
        for &i in &slide {
            let line = &lines[i];
            let text = line.trimmed();
            if questions.contains(&i) {
                if !in_questions {
                    d.section("questions", "", None, "Discussion questions", None);
                    in_questions = true;
                }
                let (n, rest) = scan::numbered(text).unwrap_or((0, text));
                d.start_item(
                    ItemStart {
                        id: n.to_string(),
                        number: n.to_string(),
                        question: rest.to_string(),
                        ..ItemStart::default()
                    },
                    line.no,
                );
                prev = None;
                continue;
            }
            if !in_questions && slide.first() == Some(&i) && is_part_heading(text) {
                let id = slug(text);
                d.section(&id, "", None, text, Some(line.no));
                d.start_item(
                    ItemStart {
                        id,
                        ..ItemStart::default()
                    },
                    line.no,
                );
                prev = None;
                continue;
            }
            if d.current_item().is_none() {
                d.section("introduction", "", None, "Introduction", None);
                d.start_item(
                    ItemStart {
                        id: "introduction".into(),
                        ..ItemStart::default()
                    },
                    line.no,
                );
            }
            let join = match prev {
                None => Join::Paragraph,
                Some(p) if p + 1 < i => Join::Paragraph,
                Some(_) if line.indent() > 0 && scan::bullet(text).is_none() => Join::Space,
                Some(_) => Join::Line,
            };
            let shown = if join == Join::Space {
                text
            } else {
                line.text.as_str()
            };
            d.answer_pieces(line.no, &scan::strong_emphasis(shown), join);
            prev = Some(i);
        }
    }
    if let Some(slide) = closing {
        d.section("closing", "", None, "Closing slide", None);
        d.start_item(
            ItemStart {
                id: "closing".into(),
                ..ItemStart::default()
            },
            lines[slide[0]].no,
        );
        for (k, &i) in slide.iter().enumerate() {
            let join = if k == 0 { Join::Paragraph } else { Join::Line };
            d.answer_pieces(
                lines[i].no,
                &scan::strong_emphasis(lines[i].trimmed()),
                join,
            );
        }
    }
    d.finish();
    d
}

/// Slides: runs of content separated by three or more blank lines or a form feed.
fn split_slides(lines: &[Line]) -> Vec<Vec<usize>> {
    let mut slides: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut blanks = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            blanks += 1;
            continue;
        }
        if (blanks >= 3 || line.page_break) && !current.is_empty() {
            slides.push(std::mem::take(&mut current));
        }
        blanks = 0;
        current.push(i);
    }
    if !current.is_empty() {
        slides.push(current);
    }
    slides
}

/// The slide header: a short line printed at the top or the bottom of two or more slides,
/// the first slide among them or at least three. A line an answer repeats ("What works:") sits
/// inside its slides, or on too few of them.
fn repeated_headers(lines: &[Line], slides: &[Vec<usize>]) -> HashSet<String> {
    let mut seen: std::collections::HashMap<String, (HashSet<usize>, bool)> = Default::default();
    for (s, slide) in slides.iter().enumerate() {
        for (k, &i) in slide.iter().enumerate() {
            let t = lines[i].trimmed();
            if scan::numbered(t).is_some() || scan::bullet(t).is_some() {
                continue;
            }
            if t.split_whitespace().count() <= 10 {
                let at_edge = k == 0 || k + 1 == slide.len();
                let entry = seen
                    .entry(scan::fold(t))
                    .or_insert_with(|| (HashSet::new(), true));
                entry.0.insert(s);
                entry.1 &= at_edge;
            }
        }
    }
    seen.into_iter()
        .filter(|(_, (on, at_edge))| {
            *at_edge && on.len() >= 2 && (on.contains(&0) || on.len() >= 3)
        })
        .map(|(t, _)| t)
        .collect()
}

/// The header lines as printed, in document order.
fn headers_in_order(
    lines: &[Line],
    slides: &[Vec<usize>],
    headers: &HashSet<String>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &i in slides.iter().flatten() {
        let t = lines[i].trimmed();
        if headers.contains(&scan::fold(t)) && !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Numbered questions in sequence from 1. A discussion question asks something or opens its
/// slide; a numbered point inside an answer ("2. One-stop shop") does neither.
fn question_lines(lines: &[Line], content: &[Vec<usize>]) -> HashSet<usize> {
    let mut next = 1;
    let mut out = HashSet::new();
    for slide in content {
        for (k, &i) in slide.iter().enumerate() {
            if lines[i].indent() > 0 {
                continue;
            }
            if let Some((n, rest)) = scan::numbered(lines[i].trimmed())
                && n == next
                && !rest.is_empty()
                && (rest.trim_end().ends_with('?') || k == 0)
            {
                out.insert(i);
                next += 1;
            }
        }
    }
    out
}

/// A part heading: a short line that is not a bullet or a sentence.
fn is_part_heading(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=6).contains(&words)
        && scan::bullet(s).is_none()
        && !s.ends_with(['.', ',', ';'])
        && s.chars().next().is_some_and(char::is_uppercase)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "part".into()
    } else {
        trimmed.to_string()
    }
}

/// The title slide: the event, its dates and place, and the presenter.
fn title_slide(d: &mut Draft, lines: &[Line], slide: &[usize], org: Option<&str>) {
    let mut event = Event::default();
    let mut others: Vec<usize> = Vec::new();
    for &i in slide {
        let line = &lines[i];
        let text = line.trimmed();
        if event.name.is_none() && is_event(text) {
            event.name = Some(text.to_string());
            d.header_trace(line.no, "event.name", text);
            d.edition = edition_in(text);
            continue;
        }
        if event.dates.is_none()
            && let Some((dates, place)) = split_dates(text)
        {
            event.dates = Some(dates.to_string());
            d.header_trace(line.no, "event.dates", dates);
            if !place.is_empty() {
                event.place = Some(place.to_string());
                d.header_trace(line.no, "event.place", place);
            }
            if d.edition.is_none() {
                d.edition = edition_in(dates);
            }
            continue;
        }
        if d.respondent.is_none()
            && let Some(country) = countries::find_in_text(text)
        {
            presenter(d, line.no, text, country, org);
            continue;
        }
        others.push(i);
    }
    // A presenter printed over several lines (name, title, organisation, then the country on a
    // line of its own): the lines before the country line, in that order.
    let alone = d
        .respondent
        .as_ref()
        .is_some_and(|c| c.name.is_none() && c.title.is_none());
    if alone {
        let mut contact = d.respondent.take().unwrap_or_default();
        let slots: [(&str, &mut Option<String>); 3] = [
            ("respondent.name", &mut contact.name),
            ("respondent.title", &mut contact.title),
            ("respondent.organization", &mut contact.organization),
        ];
        let mut taken = 0;
        let mut traces = Vec::new();
        for ((name, slot), &i) in slots.into_iter().zip(&others) {
            if slot.is_none() {
                *slot = Some(lines[i].trimmed().to_string());
                traces.push((lines[i].no, name, lines[i].trimmed().to_string()));
                taken += 1;
            }
        }
        for (no, name, text) in traces {
            d.header_trace(no, name, &text);
        }
        others.drain(..taken.min(others.len()));
        d.respondent = Some(contact);
    }
    for i in others {
        d.field(lines[i].no, "Title slide", lines[i].trimmed(), None);
    }
    if event != Event::default() {
        d.event = Some(event);
    }
}

fn is_event(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "conference",
        "forum",
        "summit",
        "workshop",
        "meeting",
        "symposium",
        "congress",
        "seminar",
        "session",
        "dialogue",
        "webinar",
    ];
    let f = scan::fold(s);
    edition_in(s).is_some() && WORDS.iter().any(|w| f.split_whitespace().any(|x| x == *w))
}

fn edition_in(s: &str) -> Option<u16> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|y| (2000..=2100).contains(y))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// "19 – 22 October 2024 Shanghai and Deqing" gives ("19 – 22 October 2024", "Shanghai and
/// Deqing"). Also "October 19-22, 2024, Shanghai".
fn split_dates(s: &str) -> Option<(&str, &str)> {
    let words: Vec<(usize, &str)> = s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    let is_month = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        w.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(&w))
    };
    let is_day = |w: &str| {
        let w = w.trim_end_matches(',');
        let w = w.split(['-', '–']).next().unwrap_or(w);
        !w.is_empty() && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit())
    };
    let starts = words.first().is_some_and(|(_, w)| is_day(w) || is_month(w));
    if !starts || !words.iter().take(5).any(|(_, w)| is_month(w)) {
        return None;
    }
    let year = words.iter().position(|(_, w)| {
        let w = w.trim_end_matches([',', '.']);
        w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
    })?;
    if year > 6 {
        return None;
    }
    let (start, w) = words[year];
    let end = start + w.trim_end_matches([',', '.']).len();
    let place = s[start + w.len()..].trim().trim_start_matches(',').trim();
    Some((s[..end].trim(), place))
}

/// "Dilshat Saitov Head/Division for ... Management Center Uzbekistan": the name leads, the
/// country ends the line, the organisation is the slide header where the line repeats it, and
/// the title is what is left.
fn presenter(
    d: &mut Draft,
    line: usize,
    text: &str,
    country: &countries::Country,
    org: Option<&str>,
) {
    const ROLES: &[&str] = &[
        "head",
        "director",
        "deputy",
        "minister",
        "chief",
        "senior",
        "advisor",
        "adviser",
        "manager",
        "officer",
        "specialist",
        "coordinator",
        "chairman",
        "chair",
        "president",
        "vice",
        "secretary",
        "expert",
        "consultant",
        "lead",
        "analyst",
        "professor",
        "founder",
        "ceo",
        "cio",
        "cdo",
        "cto",
        "ambassador",
        "counsellor",
        "counselor",
        "representative",
    ];
    d.country_hint = Some(country.name.to_string());
    let mut contact = Contact::default();
    let mut rest = text.trim();
    // The country, printed at the end.
    for name in std::iter::once(country.name).chain(country.aliases.iter().copied()) {
        if rest.len() >= name.len()
            && rest.is_char_boundary(rest.len() - name.len())
            && rest[rest.len() - name.len()..].eq_ignore_ascii_case(name)
        {
            let printed = &rest[rest.len() - name.len()..];
            d.header_trace(line, "country", printed);
            rest = rest[..rest.len() - name.len()].trim_end();
            break;
        }
    }
    if let Some(org) = org
        && let Some(pos) = rest.to_lowercase().rfind(&org.to_lowercase())
        && rest.is_char_boundary(pos)
        && rest.is_char_boundary(pos + org.len())
        // The organisation ends the line; text after it leaves the line to the title whole,
        // so that no text is both.
        && rest[pos + org.len()..].trim().is_empty()
    {
        let printed = &rest[pos..pos + org.len()];
        contact.organization = Some(printed.to_string());
        d.header_trace(line, "respondent.organization", printed);
        rest = rest[..pos].trim_end();
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let name_len = words
        .iter()
        .take(4)
        .take_while(|w| {
            let lower = w.to_lowercase();
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
                && !ROLES.contains(&lower.as_str())
        })
        .count();
    if name_len >= 2 {
        let end = words[name_len - 1].as_ptr() as usize - rest.as_ptr() as usize
            + words[name_len - 1].len();
        let name = &rest[..end];
        contact.name = Some(name.to_string());
        d.header_trace(line, "respondent.name", name);
        rest = rest[end..].trim();
    }
    if !rest.is_empty() {
        contact.title = Some(rest.to_string());
        d.header_trace(line, "respondent.title", rest);
    }
    d.respondent = Some(contact);
}

/// A presentation promises discussion questions, numbered in order.
fn check(r: &crate::model::Response, _trace: &super::trace::Trace) -> Vec<String> {
    let mut out = Vec::new();
    if !r.items().any(|i| i.is_question()) {
        out.push(
            "no discussion questions found: the slides are kept as parts, but nothing answers a question"
                .to_string(),
        );
    }
    out.extend(super::check::out_of_sequence(r));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_place() {
        assert_eq!(
            split_dates("19 – 22 October 2024 Shanghai and Deqing"),
            Some(("19 – 22 October 2024", "Shanghai and Deqing"))
        );
        assert_eq!(
            split_dates("October 19-22, 2024, Shanghai"),
            Some(("October 19-22, 2024", "Shanghai"))
        );
        assert_eq!(split_dates("2. What are two challenges"), None);
        assert_eq!(split_dates("Background"), None);
    }

    #[test]
    fn events() {
        assert!(is_event(
            "INTERNATIONAL CONFERENCE ON DATA AND DIGITAL GOVERNANCE 2024"
        ));
        assert!(!is_event("Digital Uzbekistan 2030 Strategy"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Background"), "background");
        assert_eq!(slug("Key Facts & Figures"), "key-facts-figures");
        assert_eq!(slug("—"), "part");
    }
}
