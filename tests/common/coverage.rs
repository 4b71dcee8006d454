//! The coverage check: every content line of a source document lands in exactly one place (an
//! item's question, answer, options or notes, a header field) or is dropped by a named rule.
//! The parser's trace says where each line went; this checks the trace against the finished
//! response in both directions, so a parser cannot claim to have placed text it lost, or hold
//! text it did not trace.
#![allow(dead_code)]

use msq::ingest::Parsed;
use msq::ingest::normalize::normalize;
use msq::ingest::trace::{DropRule, Part, Place, text_at};
use std::collections::{BTreeMap, BTreeSet};

pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What may be left of a line once its traced pieces are taken out: the markup the parsers
/// read structure from, never words.
/// Whitespace folded to single spaces.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where `piece` occurs in `hay` as whole words (nothing alphanumeric on either side), or
/// failing that anywhere.
fn find_word(hay: &str, piece: &str) -> Option<usize> {
    let whole = hay.match_indices(piece).map(|(i, _)| i).find(|&i| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + piece.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    });
    whole.or_else(|| hay.find(piece))
}

/// Markup tokens run together once spaces are taken out ("][" of "] [").
fn is_markup_run(token: &str) -> bool {
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    let n = chars.len();
    // ok[i]: the first i characters split into markup tokens.
    let mut ok = vec![false; n + 1];
    ok[0] = true;
    for end in 1..=n {
        let to = chars.get(end).map_or(token.len(), |c| c.0);
        ok[end] = (0..end).any(|start| ok[start] && is_markup(&token[chars[start].0..to]));
    }
    ok[n]
}

pub fn is_markup(token: &str) -> bool {
    const GLYPHS: &[&str] = &[
        "X",
        "[",
        "[]",
        "[J",
        "[I",
        "[1",
        "(",
        "(]",
        "O",
        "O]",
        "0]",
        "]",
        "|",
        "-",
        "*",
        // Markdown's strong emphasis around words kept as emphasis ("**Lead:**").
        "**",
        "<",
        ">",
        "\"",
        "®",
        "Note:",
        "Name:",
        "Title:",
        "Email:",
        "E-mail:",
        "Organization:",
        "Phone:",
    ];
    if GLYPHS.contains(&token) {
        return true;
    }
    // A footnote reference OCR made of a superscript, stripped from a heading: "™\"".
    if token.chars().all(|c| "™\"°®’”'".contains(c)) {
        return true;
    }
    // Question numbers ("12."), lettered parts ("a."), footnote numbers ("10"), roman
    // headings as OCR printed them ("VIIl.").
    let t = token.strip_suffix('.').unwrap_or(token);
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit())
            || (t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase()))
            || (token.ends_with('.') && t.chars().all(|c| "IVXLl|".contains(c)))
            || (token.ends_with('.') && t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase())))
}

/// Checks a parse's trace against its source, both ways; returns how many lines each drop
/// rule took. Text is compared with whitespace taken out, since a layout pass may collapse a
/// converter's padding. With `whole_drops`, a drop rule must take a whole line; a converter that
/// ran a dropped line together with a kept one (a reflow) makes that untrue, so variants pass
/// false, and the rest of the line must still land somewhere.
pub fn check_trace(
    name: &str,
    bytes: &[u8],
    parsed: &Parsed,
    whole_drops: bool,
) -> BTreeMap<DropRule, usize> {
    let response = &parsed.response;
    let text = normalize(bytes);

    let mut by_line: BTreeMap<usize, Vec<&msq::ingest::trace::TraceEntry>> = BTreeMap::new();
    for e in &parsed.trace {
        by_line.entry(e.line).or_default().push(e);
    }
    let mut dropped: BTreeMap<DropRule, usize> = BTreeMap::new();
    for line in text.lines.iter().filter(|l| !l.is_blank()) {
        let entries = by_line.remove(&line.no).unwrap_or_default();
        // A line of markup alone (a required mark "*" that a converter wrapped onto a line of
        // its own) holds no text to place.
        let only_markup = line.text.split_whitespace().all(is_markup_run);
        assert!(
            !entries.is_empty() || (!whole_drops && only_markup),
            "{name}:{}: line placed nowhere: {:?}",
            line.no,
            line.text
        );
        let mut rest = fold(&line.text);
        let mut seen = BTreeSet::new();
        // Longer pieces first, so a short one ("Digital Government") is not taken out of the
        // middle of a longer one that holds the same words.
        let mut entries = entries;
        entries.sort_by_key(|e| std::cmp::Reverse(squash(&e.text).len()));
        for e in &entries {
            // In a line a converter ran a whole document onto, the same words can go to the
            // same place twice; each must then be in the line twice, as the removal below
            // checks.
            assert!(
                seen.insert((format!("{:?}", e.place), e.text.clone())) || !whole_drops,
                "{name}:{}: the same text placed twice: {:?}",
                line.no,
                e
            );
            if let Place::Dropped(rule) = e.place {
                *dropped.entry(rule).or_default() += 1;
                assert!(
                    !whole_drops || squash(&e.text) == squash(&line.text),
                    "{name}:{}: a drop rule took part of a line {:?}",
                    line.no,
                    line.text
                );
            } else {
                let held = text_at(response, &e.place).unwrap_or_else(|| {
                    panic!("{name}:{}: place does not exist: {:?}", line.no, e.place)
                });
                assert!(
                    squash(&held).contains(&squash(&e.text)),
                    "{name}:{}: {:?} does not hold {:?} (it holds {:?})",
                    line.no,
                    e.place,
                    e.text,
                    held
                );
            }
            let piece = fold(&e.text);
            if !piece.is_empty() {
                let pos = find_word(&rest, &piece).unwrap_or_else(|| {
                    panic!(
                        "{name}:{}: traced text {:?} is not in the line {:?}",
                        line.no, e.text, line.text
                    )
                });
                rest.replace_range(pos..pos + piece.len(), " ");
            }
        }
        for token in rest.split_whitespace() {
            // Where a converter ran sentences together, a full stop can fall between pieces.
            let punctuation = !whole_drops && token.chars().all(|c| c.is_ascii_punctuation());
            assert!(
                punctuation || is_markup_run(token),
                "{name}:{}: {:?} of line {:?} went nowhere",
                line.no,
                token,
                line.text
            );
        }
    }
    assert!(
        by_line.is_empty(),
        "{name}: trace names lines that are blank or absent: {:?}",
        by_line.keys()
    );

    // The other direction: each traced field is made of its traced pieces and nothing else.
    let mut pieces: BTreeMap<String, (Place, String)> = BTreeMap::new();
    for e in &parsed.trace {
        // A label names its field rather than holding text; the first pass checked it.
        if matches!(e.place, Place::Dropped(_) | Place::Label(_)) {
            continue;
        }
        pieces
            .entry(format!("{:?}", e.place))
            .or_insert_with(|| (e.place.clone(), String::new()))
            .1
            .push_str(&e.text);
    }
    for (place, joined) in pieces.values() {
        let held = text_at(response, place).unwrap();
        assert_eq!(
            squash(&held),
            squash(joined),
            "{name}: {place:?} holds text no source line accounts for"
        );
    }
    // Every item's question, answer and notes is traced, so nothing in an item is invented.
    for item in response.items() {
        let traced = |part: Part| {
            pieces.contains_key(&format!(
                "{:?}",
                Place::Item {
                    item: item.id.clone(),
                    part
                }
            ))
        };
        if !item.answer.is_empty() {
            assert!(
                traced(Part::Answer),
                "{name}: answer of {} is untraced",
                item.id
            );
        }
        if !item.question.is_empty() {
            assert!(
                traced(Part::Question),
                "{name}: question of {} is untraced",
                item.id
            );
        }
        for i in 0..item.notes.len() {
            assert!(
                traced(Part::Note(i)),
                "{name}: note {i} of {} is untraced",
                item.id
            );
        }
        for (i, o) in item.options.iter().enumerate() {
            // An option the export did not print is the form's own label, such as the "Other"
            // that a typed value replaced.
            if !traced(Part::Option(i)) {
                assert!(
                    msq::ingest::forms::MSQ_2022
                        .choices
                        .iter()
                        .any(|(_, labels)| labels.contains(&o.label.as_str())),
                    "{name}: option {:?} of {} is neither printed nor the form's",
                    o.label,
                    item.id
                );
            }
        }
    }
    dropped
}
