//! Layout normalisation: the same page, as whatever converter laid it out, becomes the logical
//! lines a parser reads. Converters differ in where they break lines, whether they leave blank
//! lines between blocks, what they print between pages and how they pad columns; none of that
//! is the author's. This module undoes it, by named rules, before any parser runs:
//!
//! - `page-number`, `running-header`: page furniture, dropped (and traced);
//! - `padding`: a column layout's left margin and runs of spaces, collapsed;
//! - `hyphen`: a word a converter hyphenated, or reflowed with a space after the hyphen,
//!   mended where the document's own words settle it, and said where they do not;
//! - `wrap`: lines hard-wrapped at a width, joined again ([`Layout::unwrap`], which each
//!   format's segmenter calls);
//! - then each format splits what a reflow ran together at its own structure (see
//!   [`super::FormatParser::segment`]: `structure`, `slides`) and puts blank lines between its
//!   blocks.
//!
//! Every logical line remembers which source line each of its pieces came from, so the trace
//! and the warnings still name source lines.

use super::normalize::Line;
use super::trace::{DropRule, Place, Trace, TraceEntry};
use std::collections::HashMap;

/// A line being laid out: its text, and where each piece of it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LLine {
    pub text: String,
    pub page_break: bool,
    /// (byte offset in `text`, source line number), in order; empty for a blank line.
    pub pieces: Vec<(usize, usize)>,
}

impl LLine {
    pub fn blank() -> LLine {
        LLine::default()
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn width(&self) -> usize {
        self.text.chars().count()
    }

    /// The first source line of this line.
    pub fn source(&self) -> Option<usize> {
        self.pieces.first().map(|p| p.1)
    }

    /// Appends `other` after `sep` ("" glues a word, " " joins a wrapped line).
    pub fn join(&mut self, sep: &str, other: &LLine) {
        let lead = other.text.len() - other.text.trim_start().len();
        if !self.text.is_empty() {
            self.text.push_str(sep);
        }
        let base = self.text.len();
        self.text.push_str(&other.text[lead..]);
        for (k, &(at, src)) in other.pieces.iter().enumerate() {
            let at = at.saturating_sub(lead) + base;
            // The first piece goes on the last one when both are of one source line; the rest
            // are kept as they are, a cut inside a line included.
            if k > 0 || self.pieces.last().is_none_or(|&(_, s)| s != src) {
                self.pieces.push((at.min(self.text.len()), src));
            }
        }
    }

    /// Splits the line at byte `at`: `self` keeps what is before, the rest is returned. Spaces
    /// around the cut are left out of both.
    pub fn split_off(&mut self, at: usize) -> LLine {
        let at = at.min(self.text.len());
        let tail = self.text[at..].to_string();
        let lead = tail.len() - tail.trim_start().len();
        let mut rest = LLine {
            text: tail[lead..].to_string(),
            page_break: false,
            pieces: Vec::new(),
        };
        let start = at + lead;
        // The piece that the cut falls in continues the rest.
        if let Some(&(_, src)) = self.pieces.iter().rev().find(|&&(p, _)| p <= start) {
            rest.pieces.push((0, src));
        }
        for &(p, src) in self.pieces.iter().filter(|&&(p, _)| p > start) {
            rest.pieces.push((p - start, src));
        }
        self.pieces.retain(|&(p, _)| p < at);
        self.text.truncate(at);
        let kept = self.text.trim_end().len();
        self.text.truncate(kept);
        if self.text.is_empty() {
            self.pieces.clear();
        }
        rest
    }

    /// Splits the line at each of `cuts` (ascending byte offsets), in time linear in its
    /// length: cut from the end, each tail is copied once.
    pub fn split_at_all(mut self, cuts: &[usize]) -> Vec<LLine> {
        let len = self.text.len();
        let mut tails: Vec<LLine> = cuts
            .iter()
            .rev()
            .filter(|&&c| c > 0 && c < len)
            .map(|&c| self.split_off(c))
            .collect();
        tails.push(self);
        tails.reverse();
        tails.retain(|l| !l.text.is_empty());
        tails
    }
}

/// A document on its way from source lines to logical lines.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub lines: Vec<LLine>,
    /// Source lines that furniture rules dropped, with the rule and the line's text.
    pub dropped: Vec<(usize, DropRule, String)>,
    /// The layout rules that changed something, in the order they ran.
    pub rules: Vec<&'static str>,
}

impl Layout {
    pub fn new(lines: &[Line]) -> Layout {
        Layout {
            lines: lines
                .iter()
                .map(|l| LLine {
                    text: l.text.clone(),
                    page_break: l.page_break,
                    pieces: if l.is_blank() {
                        Vec::new()
                    } else {
                        vec![(0, l.no)]
                    },
                })
                .collect(),
            dropped: Vec::new(),
            rules: Vec::new(),
        }
    }

    /// Records that rule `rule` changed the layout.
    pub fn note(&mut self, rule: &'static str) {
        self.note_rule(rule);
    }

    fn note_rule(&mut self, rule: &'static str) {
        if !self.rules.contains(&rule) {
            self.rules.push(rule);
        }
    }

    /// The generic rules, which need no knowledge of the format: page furniture and padding.
    /// Joining wrapped lines is the format's choice ([`Layout::unwrap`]): a form that OCR read
    /// off a page is wrapped by its own printing, and its parser reads that.
    pub fn normalise(&mut self) {
        self.furniture();
        self.padding();
        self.spaced_hyphens();
    }

    /// "infor- mation": a converter that reflowed hyphenated lines joined the halves with a
    /// space. Where the document prints the whole word elsewhere, the halves join again;
    /// where several such splits are left, a warning says so (`hyphen`). A hyphen the word
    /// keeps ("e- government", a compound) is left as printed: it may be the author's.
    fn spaced_hyphens(&mut self) {
        let spaced = |l: &LLine| {
            l.text.match_indices("- ").any(|(i, _)| {
                l.text[i + 2..].starts_with(char::is_lowercase)
                    && l.text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
        };
        if !self.lines.iter().any(spaced) {
            return;
        }
        let vocabulary = Vocabulary::new(&self.lines);
        let mut mended = 0;
        let mut left = 0;
        for l in &mut self.lines {
            let mut from = 0;
            while let Some(i) = l.text[from..].find("- ").map(|i| i + from) {
                from = i + 2;
                let head_start = after_last(&l.text[..i], |c| !c.is_alphanumeric());
                let head = &l.text[head_start..i];
                let tail: String = l.text[i + 2..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect();
                let lower = tail.starts_with(char::is_lowercase);
                if head.is_empty() || tail.is_empty() || !lower {
                    continue;
                }
                // The word's own hyphen ("e- government" where "e-government" is printed
                // elsewhere): only the space goes.
                let (cut, width) = if vocabulary.has(&format!("{head}{tail}")) {
                    (i, 2)
                } else if vocabulary.has(&format!("{head}-{tail}")) {
                    (i + 1, 1)
                } else {
                    left += 1;
                    continue;
                };
                let i = cut;
                // Take out "- " (or " "), and move the pieces after it back. The join
                // starts a piece of its own, so the trace names the two halves apart, each as
                // its source line prints it.
                l.text.replace_range(i..i + width, "");
                for piece in l.pieces.iter_mut().filter(|p| p.0 > i) {
                    piece.0 = piece.0.saturating_sub(width).max(i);
                }
                let k = l.pieces.partition_point(|p| p.0 <= i);
                if let Some(&(_, src)) = k.checked_sub(1).and_then(|k| l.pieces.get(k)) {
                    l.pieces.insert(k, (i, src));
                }
                from = i;
                mended += 1;
            }
        }
        if mended > 0 || left >= 2 {
            self.note_rule("hyphen");
        }
    }

    /// The lines as they stand, numbered 1.., for format detection.
    pub fn plain_lines(&self) -> Vec<Line> {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, l)| Line {
                no: i + 1,
                text: l.text.clone(),
                page_break: l.page_break,
            })
            .collect()
    }

    /// The lines for a parser, numbered 1.., and the map back to the source.
    pub fn finish(self, source: &[Line]) -> (Vec<Line>, LineMap) {
        let identity = self.lines.len() == source.len()
            && self
                .lines
                .iter()
                .zip(source)
                .all(|(a, b)| a.text == b.text && a.source().is_none_or(|s| s == b.no));
        if identity && self.dropped.is_empty() {
            return (
                source.to_vec(),
                LineMap {
                    lines: Vec::new(),
                    dropped: Vec::new(),
                    rules: self.rules,
                },
            );
        }
        let lines = self.plain_lines();
        (
            lines,
            LineMap {
                lines: self.lines,
                dropped: self.dropped,
                rules: self.rules,
            },
        )
    }

    // Page furniture.

    /// Page numbers, running headers and footers: what a converter prints on every page. A
    /// page starts at a form feed or after a page-number line.
    fn furniture(&mut self) {
        let page_numbers = self.page_number_lines();
        // Pages: each ends after a page-number line or before a form feed.
        let mut starts = vec![0usize];
        starts.extend(
            self.lines
                .iter()
                .enumerate()
                .filter(|(i, l)| l.page_break && *i > 0)
                .map(|(i, _)| i),
        );
        starts.extend(page_numbers.iter().map(|&i| i + 1));
        starts.sort_unstable();
        starts.dedup();
        // A page starts only where content follows: not after the last page's number.
        starts.retain(|&s| self.lines[s..].iter().any(|l| !l.is_blank()));
        let mut drop: HashMap<usize, DropRule> = page_numbers
            .iter()
            .map(|&i| (i, DropRule::PageNumber))
            .collect();
        if starts.len() >= 2 {
            // Each line's text with spaces and digits folded, worked out once.
            let keys: Vec<String> = self.lines.iter().map(|l| edge_key(&l.text)).collect();
            // The first and last content lines of each page, by that key.
            let mut at_edge: HashMap<&str, Vec<usize>> = HashMap::new();
            for (k, &s) in starts.iter().enumerate() {
                let e = starts.get(k + 1).copied().unwrap_or(self.lines.len());
                let content: Vec<usize> = (s..e)
                    .filter(|&i| !self.lines[i].is_blank() && !drop.contains_key(&i))
                    .collect();
                for &i in content.first().iter().chain(content.last().iter()) {
                    at_edge.entry(keys[*i].as_str()).or_default().push(*i);
                }
            }
            let mut everywhere: HashMap<&str, usize> = HashMap::new();
            for (l, key) in self.lines.iter().zip(&keys) {
                if !l.is_blank() {
                    *everywhere.entry(key.as_str()).or_default() += 1;
                }
            }
            for (key, mut at) in at_edge {
                at.sort_unstable();
                at.dedup();
                let total = everywhere.get(key).copied().unwrap_or(0);
                // Printed on at least three pages, or on every page of a shorter document, and
                // never anywhere but a page's edge.
                let pages = starts.len();
                let enough = at.len() >= 3 || (at.len() >= 2 && at.len() >= pages);
                if !enough || at.len() != total || key.chars().count() < 2 {
                    continue;
                }
                // A line of several words that the text also prints inside its sentences (a
                // deck's organisation on each slide) is the document's, for its parser.
                let quoted = key.split_whitespace().count() >= 3
                    && keys
                        .iter()
                        .any(|k| k.len() > key.len() + 2 && k.contains(key));
                if !quoted {
                    for i in at {
                        drop.insert(i, DropRule::RunningHeader);
                    }
                }
            }
        }
        self.glued_headers(&starts, &drop);
        if drop.is_empty() {
            return;
        }
        // The blank lines that set furniture off from the page belong to it: without them, a
        // line wrapped across the page break still meets its other half.
        let blank_or_dropped = |j: &usize| self.lines[*j].is_blank() || drop.contains_key(j);
        let mut blank_with: Vec<usize> = Vec::new();
        for &i in drop.keys() {
            let before = (0..i).rev().take_while(blank_or_dropped);
            let after = (i + 1..self.lines.len()).take_while(blank_or_dropped);
            blank_with.extend(before.chain(after).filter(|j| !drop.contains_key(j)));
        }
        let mut kept = Vec::with_capacity(self.lines.len());
        let mut carry_break = false;
        blank_with.sort_unstable();
        for (i, l) in std::mem::take(&mut self.lines).into_iter().enumerate() {
            if blank_with.binary_search(&i).is_ok() {
                continue;
            }
            match drop.get(&i) {
                Some(&rule) => {
                    if let Some(src) = l.source() {
                        self.dropped.push((src, rule, l.text.trim().to_string()));
                    }
                    carry_break |= l.page_break;
                }
                None => {
                    let mut l = l;
                    if carry_break && !l.is_blank() {
                        l.page_break = true;
                        carry_break = false;
                    }
                    kept.push(l);
                }
            }
        }
        self.lines = kept;
        for rule in [DropRule::PageNumber, DropRule::RunningHeader] {
            if self.dropped.iter().any(|(_, r, _)| *r == rule) {
                self.note_rule(rule.name());
            }
        }
    }

    /// In a text not wrapped at one width (OCR'd pages, whose lines the page wrapped), a word
    /// hyphenated across two lines is joined again where the document prints it whole
    /// elsewhere: "informa-" + "tion". A compound's hyphen ("e-" + "government") stays, and
    /// so do the lines otherwise.
    fn mend_hyphenated_ends(&mut self) {
        if !hyphenated_ends(&self.lines) {
            return;
        }
        let vocabulary = Vocabulary::new(&self.lines);
        let mut out: Vec<LLine> = Vec::with_capacity(self.lines.len());
        let mut mended = false;
        // Line ends that may be a hyphenated word the document does not print whole: left as
        // they are, and said.
        let mut unsure = 0;
        for l in std::mem::take(&mut self.lines) {
            // Only a lower-case word after the cut: a capital starts something else.
            let glue = out.last().is_some_and(|prev: &LLine| {
                let next = l.text.trim_start();
                match hyphen_evidence(&prev.text, next, &vocabulary) {
                    Some(Evidence::Word) => next.starts_with(char::is_lowercase),
                    Some(Evidence::Unknown) if next.starts_with(char::is_lowercase) => {
                        unsure += 1;
                        false
                    }
                    _ => false,
                }
            });
            match out.last_mut() {
                Some(prev) if glue && !l.is_blank() => {
                    let kept = prev.text.trim_end().len() - 1;
                    prev.text.truncate(kept);
                    prev.join("", &l);
                    mended = true;
                }
                _ => out.push(l),
            }
        }
        self.lines = out;
        if mended || unsure > 0 {
            self.note_rule("hyphen");
        }
    }

    /// A running header that a converter ran together with the first line of each page: the
    /// words every page's first line starts with, three or more of them, are cut off it and
    /// dropped (`running-header`).
    fn glued_headers(&mut self, starts: &[usize], drop: &HashMap<usize, DropRule>) {
        if starts.len() < 2 {
            return;
        }
        let firsts: Vec<usize> = starts
            .iter()
            .enumerate()
            .filter_map(|(k, &s)| {
                let e = starts.get(k + 1).copied().unwrap_or(self.lines.len());
                (s..e).find(|&i| !self.lines[i].is_blank() && !drop.contains_key(&i))
            })
            .collect();
        if firsts.len() < starts.len() {
            return;
        }
        let words = |i: usize| -> Vec<String> {
            self.lines[i]
                .text
                .split_whitespace()
                .map(edge_key)
                .collect()
        };
        let mut prefix = words(firsts[0]);
        for &i in &firsts[1..] {
            let w = words(i);
            let same = prefix.iter().zip(&w).take_while(|(a, b)| a == b).count();
            prefix.truncate(same);
        }
        // A whole line is the whole-line rule's; a line that is only the prefix stays whole.
        if prefix.len() < 3 || firsts.iter().any(|&i| words(i).len() == prefix.len()) {
            return;
        }
        for &i in &firsts {
            let line = &mut self.lines[i];
            // The byte where the prefix's last word ends.
            let mut end = 0;
            for word in line.text.split_whitespace().take(prefix.len()) {
                let at = line.text[end..].find(word).map_or(end, |p| end + p);
                end = at + word.len();
            }
            let Some(src) = line.source() else {
                continue;
            };
            let cut = line.text[..end].trim().to_string();
            let rest = line.split_off(end);
            self.dropped.push((src, DropRule::RunningHeader, cut));
            let page_break = line.page_break;
            *line = rest;
            line.page_break = page_break;
        }
        self.note_rule(DropRule::RunningHeader.name());
    }

    /// Lines that print a page number: "Page 3 of 13" or "Page 3" anywhere, counting up; a bare
    /// "3" or "- 3 -" only next to a page break, and only when they count up too.
    fn page_number_lines(&self) -> Vec<usize> {
        let mut found: Vec<(usize, u32)> = Vec::new();
        for (i, l) in self.lines.iter().enumerate() {
            let Some((n, explicit)) = page_number(&l.text) else {
                continue;
            };
            let next_content = self.lines[i + 1..].iter().find(|l| !l.is_blank());
            let at_break = l.page_break
                || next_content.is_none_or(|n| n.page_break)
                || self.lines.get(i + 1).is_some_and(|n| n.page_break);
            // "- 3 -" is a page number's own shape, with or without the converter's page break.
            let dashed = l.text.trim().starts_with('-') && l.text.trim().ends_with('-');
            if explicit || at_break || dashed {
                found.push((i, n));
            }
        }
        // The numbers must count up, by one, from wherever they start; one page says so itself
        // ("Page 1 of 1").
        let counting = (found.len() >= 2 && found.windows(2).all(|w| w[1].1 == w[0].1 + 1))
            || (found.len() == 1 && page_of(&self.lines[found[0].0].text));
        if counting {
            found.into_iter().map(|(i, _)| i).collect()
        } else {
            Vec::new()
        }
    }

    // Padding.

    /// A converter's "layout" mode: a left margin on every line, and runs of spaces between
    /// words that line text up in columns. Indentation beyond the margin stays.
    fn padding(&mut self) {
        let content: Vec<&LLine> = self.lines.iter().filter(|l| !l.is_blank()).collect();
        if content.is_empty() {
            return;
        }
        let margin = content
            .iter()
            .map(|l| l.text.len() - l.text.trim_start().len())
            .min()
            .unwrap_or(0);
        let padded = content
            .iter()
            .filter(|l| l.text.trim().contains("   "))
            .count();
        let columns = padded * 20 >= content.len();
        if margin < 2 && !columns {
            return;
        }
        for l in self.lines.iter_mut().filter(|l| !l.is_blank()) {
            let indent = l.text.len() - l.text.trim_start().len() - margin;
            let body = if columns {
                l.text.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                l.text.trim().to_string()
            };
            l.text = format!("{}{body}", " ".repeat(indent));
        }
        self.note_rule("padding");
    }

    // Wrapped lines.

    /// Joins lines that a converter hard-wrapped: where the document's lines stop at one width,
    /// a line that reaches it and is followed by text that would not have fitted on it was cut
    /// there. A word hyphenated across the cut is mended.
    pub fn unwrap(&mut self) {
        self.unwrap_except(|_| false);
    }

    /// [`Layout::unwrap`], leaving alone the lines `keep` picks out (a slide header that the
    /// line before happens to fill up to the width).
    pub fn unwrap_except(&mut self, keep: impl Fn(&str) -> bool) {
        let Some(width) = wrap_width(&self.lines) else {
            self.mend_hyphenated_ends();
            return;
        };
        // The words are gathered only for a text that has a hyphen at a line's end to settle.
        let vocabulary = if hyphenated_ends(&self.lines) {
            Vocabulary::new(&self.lines)
        } else {
            Vocabulary(Default::default())
        };
        let mut out: Vec<LLine> = Vec::with_capacity(self.lines.len());
        let mut joined = false;
        // The source line last added, as it was printed: a join is judged on it alone.
        let mut last: Option<LLine> = None;
        let lines = std::mem::take(&mut self.lines);
        for (i, l) in lines.iter().cloned().enumerate() {
            // A short line that heads a list ("Background", then bullets) is a heading.
            let t = l.text.trim();
            let heads_list = t.split_whitespace().nth(4).is_none()
                && t.starts_with(char::is_uppercase)
                && !t.ends_with(['.', ',', ';'])
                && last.as_ref().is_none_or(|r| !r.text.ends_with('-'))
                && lines
                    .get(i + 1)
                    .is_some_and(|n| super::scan::bullet(&n.text).is_some());
            let join = match (out.last(), &last) {
                (Some(prev), Some(raw)) if !prev.is_blank() && !l.is_blank() => {
                    cut_at_width(raw, &l, width)
                        && !heads_list
                        && !keep(&l.text)
                        && !keep(&raw.text)
                }
                _ => false,
            };
            if !join {
                last = Some(l.clone());
                out.push(l);
                continue;
            }
            let Some(prev) = out.last_mut() else {
                continue;
            };
            let next_word = l.text.split_whitespace().next().unwrap_or("");
            let sep = match hyphen_join(&prev.text, next_word, &vocabulary) {
                Some(Hyphen::Drop) => {
                    let kept = prev.text.len() - 1;
                    prev.text.truncate(kept);
                    ""
                }
                Some(Hyphen::Keep) => "",
                None if opens_link(&prev.text) => "",
                None => " ",
            };
            prev.join(sep, &l);
            last = Some(l);
            joined = true;
        }
        self.lines = out;
        if joined {
            self.note_rule("wrap");
        }
        // What the width did not tell: a hyphenated word across lines that fell short of it.
        self.mend_hyphenated_ends();
    }
}

/// The byte just after the last character of `s` that `pick` picks, or 0: where the run of
/// characters it does not pick, at the end of `s`, starts.
pub fn after_last(s: &str, pick: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| pick(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Some line ends in a letter and a hyphen before a line that starts with a letter: a word
/// that may have been hyphenated across the break, for the document's words to settle.
fn hyphenated_ends(lines: &[LLine]) -> bool {
    lines.windows(2).any(|w| {
        let a = w[0].text.trim_end();
        a.strip_suffix('-')
            .and_then(|s| s.chars().next_back())
            .is_some_and(char::is_alphanumeric)
            && w[1].text.trim_start().starts_with(char::is_alphabetic)
    })
}

/// A page-number line: its number, and whether it says "Page".
fn page_number(s: &str) -> Option<(u32, bool)> {
    let t = s.trim();
    let (t, explicit) = match t.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("page ") => (&t[5..], true),
        _ => (t, false),
    };
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c == ' ');
    let number = t
        .split([' ', '/'])
        .next()
        .filter(|n| !n.is_empty() && n.len() <= 4)?;
    let n: u32 = number.parse().ok()?;
    let rest = t[number.len()..].trim();
    let rest_ok = rest.is_empty()
        || rest
            .strip_prefix("of")
            .or_else(|| rest.strip_prefix('/'))
            .is_some_and(|r| r.trim().parse::<u32>().is_ok());
    rest_ok.then_some((n, explicit))
}

/// "Page 3 of 13": a page number that gives the count of pages, and is within it.
fn page_of(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    matches!(words.as_slice(), [p, n, of, m]
        if p.eq_ignore_ascii_case("page") && of.eq_ignore_ascii_case("of")
            && n.parse::<u32>().ok().zip(m.parse::<u32>().ok()).is_some_and(|(n, m)| n >= 1 && n <= m))
}

/// A line's text for spotting a running header: spaces folded, digits as "#".
fn edge_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// The width a document was hard-wrapped at, if it was: the longest line that could have been
/// broken (it has a space) sets it, and a good share of the lines stop within a word's length
/// of it. A document of long lines of every length has no such width.
fn wrap_width(lines: &[LLine]) -> Option<usize> {
    let breakable = |l: &&LLine| !l.is_blank() && l.text.trim().contains(' ');
    let width = lines.iter().filter(breakable).map(LLine::width).max()?;
    let longer = lines
        .iter()
        .filter(|l| !l.is_blank() && l.width() >= 20)
        .count();
    let near = lines
        .iter()
        .filter(breakable)
        .filter(|l| l.width() + 16 > width)
        .count();
    (width >= 30 && near >= 4 && near * 100 >= longer * 12).then_some(width)
}

/// `prev` was cut at `width`: the first word of `next` would not have fitted after it. A line
/// that starts a bullet, or a new sentence after a question or a colon, is left on its own:
/// were it a wrap after all, the text reads the same, but a question or a label stays whole.
fn cut_at_width(prev: &LLine, next: &LLine, width: usize) -> bool {
    let word = next.text.split_whitespace().next().unwrap_or("");
    let w = prev.width();
    let ends = prev.text.trim_end();
    let starts_bullet = super::scan::bullet(&next.text).is_some()
        || super::scan::numbered(&next.text)
            .is_some_and(|(_, rest)| rest.starts_with(char::is_uppercase));
    let new_sentence = ends.ends_with(['?', ':']) && word.starts_with(char::is_uppercase);
    if starts_bullet || new_sentence {
        return false;
    }
    w <= width + 1 && w + 1 + word.chars().count() > width
        || (w > width && !ends.contains(' ') && (opens_link(ends) || ends.ends_with('-')))
}

/// An angle-bracketed link left open at the end of a line continues on the next.
fn opens_link(s: &str) -> bool {
    // A link has no spaces, so an open one is in the last word: only the end of the line is
    // read, however long the line has grown.
    let last = last_word(s);
    last.rfind('<')
        .is_some_and(|i| !last[i..].contains('>') && last[i..].contains("://"))
}

/// The last word of `s`, found from the end.
fn last_word(s: &str) -> &str {
    let t = s.trim_end();
    t.rfind(char::is_whitespace)
        .map_or(t, |i| t[i..].trim_start())
}

enum Hyphen {
    /// "infor-" + "mation": the hyphen was the converter's.
    Drop,
    /// "e-" + "government": the hyphen is the word's.
    Keep,
}

/// What the document's words say of a line that ends in "stem-" before `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// The document prints "stem-next" whole: the hyphen is the word's.
    Compound,
    /// The document prints "stemnext" whole, or `next` is a suffix ("ments"): the hyphen was
    /// the converter's.
    Word,
    /// Neither.
    Unknown,
}

/// The hyphenated word across a line end: the word before the hyphen (letters, digits and
/// its own hyphens), the word after it, and what the document's words say of them; `None`
/// when the line does not end in a word and a hyphen before a word.
fn hyphen_evidence(prev: &str, next: &str, vocabulary: &Vocabulary) -> Option<Evidence> {
    let stem = last_word(prev).strip_suffix('-')?;
    let stem_word = &stem[after_last(stem, |c| !(c.is_alphanumeric() || c == '-'))..];
    let tail: String = next
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    let ends_in_word = stem_word
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    if !ends_in_word || !tail.starts_with(char::is_alphanumeric) {
        return None;
    }
    Some(if vocabulary.has(&format!("{stem_word}-{tail}")) {
        Evidence::Compound
    } else if vocabulary.has(&format!("{stem_word}{tail}"))
        || SUFFIXES.contains(&tail.to_lowercase().as_str())
    {
        Evidence::Word
    } else {
        Evidence::Unknown
    })
}

/// How a line ending in a hyphen joins the next word, once the lines are known to be one
/// wrapped paragraph: what the words say, and where they say nothing, the shape of the cut.
fn hyphen_join(prev: &str, next: &str, vocabulary: &Vocabulary) -> Option<Hyphen> {
    let stem = last_word(prev).strip_suffix('-')?;
    // A link or a path cut at one of its own hyphens.
    if looks_like_link(stem) {
        return Some(Hyphen::Keep);
    }
    match hyphen_evidence(prev, next, vocabulary)? {
        Evidence::Compound => Some(Hyphen::Keep),
        Evidence::Word => Some(Hyphen::Drop),
        Evidence::Unknown => {
            // A word of its own on either side ("cost-" + "effective", "one-" + "stop"), a
            // capital after a small letter or a digit at the cut, or a short head ("e-"),
            // make a compound; a fragment ("informa-" + "tion") is a hyphenated word.
            let head = &stem[after_last(stem, |c| !c.is_alphanumeric())..];
            let tail: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
            let (last, first) = (head.chars().next_back()?, next.chars().next()?);
            let compound = vocabulary.has(&tail)
                || vocabulary.has(head)
                || (first.is_uppercase() && last.is_lowercase())
                || first.is_ascii_digit()
                || last.is_ascii_digit()
                || head.chars().count() <= 2;
            Some(if compound { Hyphen::Keep } else { Hyphen::Drop })
        }
    }
}

/// How a line that a converter wrapped joins the line after it, without knowing the
/// document's words: a link cut at one of its hyphens glues on, anything else takes a space.
pub fn separator(prev: &str) -> &'static str {
    let last = last_word(prev);
    if (last.ends_with('-') && looks_like_link(last)) || opens_link(prev) {
        ""
    } else {
        " "
    }
}

/// Word endings that hyphenation leaves at the start of a line, and no compound starts with.
const SUFFIXES: &[&str] = &[
    "able", "ably", "al", "ally", "ance", "ances", "ation", "ations", "ed", "ence", "ences", "er",
    "ers", "es", "est", "ful", "ible", "ing", "ings", "ion", "ions", "ism", "ist", "ists", "ities",
    "ity", "ive", "ives", "ization", "ize", "ized", "ly", "ment", "ments", "ness", "ous", "ship",
    "sion", "sions", "tion", "tional", "tions", "ture", "tures",
];

fn looks_like_link(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
        || token.starts_with("<www.")
        || (token.contains('/') && token.contains('.'))
        || token.contains('%')
}

/// The words a document uses whole, lower-cased, to tell a word's hyphen from a converter's.
/// A line's first word after a line that ends in a hyphen may be a fragment, and is left out.
struct Vocabulary(std::collections::HashSet<String>);

impl Vocabulary {
    fn new(lines: &[LLine]) -> Vocabulary {
        let mut words = std::collections::HashSet::new();
        let mut after_hyphen = false;
        for l in lines {
            let tokens: Vec<&str> = l.text.split_whitespace().collect();
            for (k, token) in tokens.iter().enumerate() {
                let fragment =
                    (k == 0 && after_hyphen) || (k + 1 == tokens.len() && token.ends_with('-'));
                if fragment {
                    continue;
                }
                // "digital-by-default/digital-first" holds four words and two compounds.
                for word in token
                    .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                    .map(|w| w.trim_matches('-').to_lowercase())
                    .filter(|w| !w.is_empty())
                {
                    if word.contains('-') {
                        for part in word.split('-').filter(|p| !p.is_empty()) {
                            words.insert(part.to_string());
                        }
                    }
                    words.insert(word);
                }
            }
            if !l.is_blank() {
                after_hyphen = tokens.last().is_some_and(|t| t.ends_with('-'));
            }
        }
        Vocabulary(words)
    }

    fn has(&self, word: &str) -> bool {
        self.0.contains(&word.to_lowercase())
    }
}

/// Maps the logical lines a parser saw back to the source lines they came from.
#[derive(Debug, Clone, Default)]
pub struct LineMap {
    /// Empty when the layout changed nothing: then logical line N is source line N.
    lines: Vec<LLine>,
    dropped: Vec<(usize, DropRule, String)>,
    pub rules: Vec<&'static str>,
}

impl LineMap {
    /// The source line that logical line `no` starts on.
    pub fn source_line(&self, no: usize) -> usize {
        if self.lines.is_empty() {
            return no;
        }
        self.lines
            .get(no.wrapping_sub(1))
            .and_then(LLine::source)
            .unwrap_or(no)
    }

    /// The trace with logical lines turned back into source lines: an entry whose text spans
    /// several source lines becomes one entry per line, and the dropped furniture is added.
    pub fn remap(&self, trace: Trace) -> Trace {
        let mut out: Trace = self
            .dropped
            .iter()
            .map(|(src, rule, text)| TraceEntry {
                line: *src,
                place: Place::Dropped(*rule),
                text: text.clone(),
            })
            .collect();
        if self.lines.is_empty() {
            out.extend(trace);
            return out;
        }
        // Where the last entry of each logical line ended, so repeated text is found in order.
        let mut cursor: HashMap<usize, usize> = HashMap::new();
        for e in trace {
            let Some(line) = self.lines.get(e.line.wrapping_sub(1)) else {
                out.push(e);
                continue;
            };
            let from = cursor.get(&e.line).copied().unwrap_or(0);
            let found = if e.text.is_empty() {
                None
            } else {
                line.text
                    .get(from..)
                    .and_then(|t| t.find(&e.text))
                    .map(|p| p + from)
                    .or_else(|| line.text.find(&e.text))
            };
            let Some(start) = found else {
                let src = line.source().unwrap_or(e.line);
                out.push(TraceEntry { line: src, ..e });
                continue;
            };
            let end = start + e.text.len();
            cursor.insert(e.line, end);
            // Cut the text where the source line changes.
            let mut cuts: Vec<usize> = line
                .pieces
                .iter()
                .map(|&(p, _)| p)
                .filter(|&p| p > start && p < end)
                .collect();
            cuts.push(end);
            // The piece the entry starts in, then each piece it runs into, in one walk.
            let k = line
                .pieces
                .partition_point(|&(p, _)| p <= start)
                .saturating_sub(1);
            let mut at = start;
            for (n, cut) in cuts.into_iter().enumerate() {
                let piece = &line.text[at..cut];
                let src = line.pieces.get(k + n).map_or(e.line, |p| p.1);
                if !piece.trim().is_empty() {
                    out.push(TraceEntry {
                        line: src,
                        place: e.place.clone(),
                        text: piece.trim().to_string(),
                    });
                }
                at = cut;
            }
        }
        out
    }
}

/// Matches `pattern` at the start of `hay`, case and whitespace aside, and a hyphen in `hay`
/// that the pattern lacks (a converter's hyphenation). Returns how many bytes of `hay` the
/// match used, or, when `hay` ends first, `Err` with how many pattern characters matched.
pub fn match_words(hay: &str, pattern: &str) -> Result<usize, usize> {
    let mut p = pattern.chars().filter(|c| !c.is_whitespace()).peekable();
    let mut matched = 0usize;
    let mut end = 0usize;
    let mut chars = hay.char_indices().peekable();
    while let Some(&want) = p.peek() {
        let Some((i, c)) = chars.next() else {
            return Err(matched);
        };
        if c.is_whitespace() {
            continue;
        }
        if same_letter(c, want) {
            p.next();
            matched += 1;
            end = i + c.len_utf8();
        } else if c == '-' || c == '\u{AD}' {
            continue;
        } else {
            return Err(0);
        }
    }
    Ok(end)
}

fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// True at the start of `s` or after a space: where a printed unit can begin.
pub fn at_word_start(s: &str, at: usize) -> bool {
    at == 0 || s[..at].ends_with(char::is_whitespace)
}

/// True at the end of `s` or before a space or punctuation that cannot go on a word.
pub fn at_word_end(s: &str, at: usize) -> bool {
    s[at..]
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '*' | ',' | ';' | ')'))
}

/// Puts `unit` into `out` as a block of its own: a blank line before and after.
pub fn push_block(out: &mut Vec<LLine>, unit: LLine) {
    if out.last().is_some_and(|l| !l.is_blank()) {
        out.push(LLine::blank());
    }
    let page_break = unit.page_break;
    out.push(unit);
    if page_break {
        // The break stays on the block's line.
    }
    out.push(LLine::blank());
}

/// Puts a line of ordinary text into `out`, after at most one blank line.
pub fn push_text(out: &mut Vec<LLine>, line: LLine) {
    if line.is_blank() {
        if out.last().is_some_and(|l| !l.is_blank()) {
            out.push(line);
        }
        return;
    }
    out.push(line);
}

/// What is left of `pattern` after its first `k` letters and digits: the rest of a text that a
/// line ended inside of.
pub fn after_letters(pattern: &str, k: usize) -> &str {
    let mut seen = 0;
    for (i, c) in pattern.char_indices() {
        if seen == k {
            return &pattern[i..];
        }
        if c.is_alphanumeric() {
            seen += 1;
        }
    }
    ""
}

/// OCR's usual confusions, folded: 0 and o, 1, l, i and |.
fn ocr_fold(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        '0' => 'o',
        '1' | 'i' | '|' => 'l',
        c => c,
    }
}

/// Matches `pattern` at the start of `hay` as OCR'd text can be matched: case, spaces and
/// punctuation aside, OCR's usual confusions allowed, and up to three stray letters or digits
/// in `hay` (a footnote mark glued to a word). The match ends at the end of a word. Returns the
/// end of the match in `hay`; or, where `hay` ends first, `Err` with how many of the pattern's
/// letters matched (0 when they parted).
pub fn match_loose(hay: &str, pattern: &str) -> Result<usize, usize> {
    // No allocation: this runs at every word of a document, for every text of a form.
    let mut want = pattern
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(ocr_fold)
        .peekable();
    let mut k = 0;
    let mut stray = 0;
    let mut end = 0;
    for (i, c) in hay.char_indices() {
        let Some(&w) = want.peek() else {
            break;
        };
        if !c.is_alphanumeric() {
            continue;
        }
        if ocr_fold(c) == w {
            want.next();
            k += 1;
            end = i + c.len_utf8();
        } else if k > 0 && stray < 3 {
            stray += 1;
        } else {
            return Err(0);
        }
    }
    if want.peek().is_some() {
        return Err(k);
    }
    // A mark glued to the last word belongs to it.
    let rest = &hay[end..];
    Ok(end + rest.find(char::is_whitespace).unwrap_or(rest.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::normalize::normalize;

    fn laid_out(text: &str) -> Vec<String> {
        let t = normalize(text.as_bytes());
        let mut l = Layout::new(&t.lines);
        l.normalise();
        l.unwrap();
        l.lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn page_numbers_count_up() {
        assert_eq!(page_number("Page 3 of 13"), Some((3, true)));
        assert_eq!(page_number("- 4 -"), Some((4, false)));
        assert_eq!(page_number("12/40"), Some((12, false)));
        assert_eq!(page_number("2019 was a year"), None);
        let doc = "a\nPage 1 of 2\n\x0cb\nPage 2 of 2\n";
        assert_eq!(laid_out(doc), ["a", "b"]);
        // Numbers that do not count up are text.
        assert_eq!(laid_out("Page 3\nx\nPage 3\n"), ["Page 3", "x", "Page 3"]);
    }

    #[test]
    fn hard_wrapped_lines_join_and_hyphens_mend() {
        let mut doc = String::new();
        for _ in 0..6 {
            doc.push_str(
                "the e-government portal serves citizens and informa-\ntion reaches them\n\n",
            );
        }
        doc.push_str("the portal serves citizens and here is a compound e-\ngovernment word\n");
        let lines = laid_out(&doc);
        assert_eq!(
            lines[0],
            "the e-government portal serves citizens and information reaches them"
        );
        // "e-government" is a word of the document, so its hyphen stays.
        assert_eq!(
            lines.last().unwrap(),
            "the portal serves citizens and here is a compound e-government word"
        );
    }

    #[test]
    fn pieces_follow_joins_and_splits() {
        let mut a = LLine {
            text: "one two".into(),
            page_break: false,
            pieces: vec![(0, 1)],
        };
        let b = LLine {
            text: "  three".into(),
            page_break: false,
            pieces: vec![(0, 2)],
        };
        a.join(" ", &b);
        assert_eq!(a.text, "one two three");
        assert_eq!(a.pieces, [(0, 1), (8, 2)]);
        let rest = a.split_off(4);
        assert_eq!((a.text.as_str(), rest.text.as_str()), ("one", "two three"));
        assert_eq!(rest.pieces, [(0, 1), (4, 2)]);
    }
}
