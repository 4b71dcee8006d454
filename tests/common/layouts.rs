//! The layouts that PDF-to-text tools give the same page: a generator that lays a clean
//! document out the way another converter would, and a comparison of two parses item by item.
//!
//! Each transform works on lines, as a converter's output does:
//! - `wrap`: hard-wraps every line longer than a width at spaces (`fold -s`, `textwrap`);
//! - `wrap_hyphenating`: the same, but a word that would cross the width is split with a `-`;
//! - `wrap_on_hyphens`: breaks after a hyphen inside a word as well ("e-" / "government");
//! - `no_blank`: removes every blank line (pdftotext's default);
//! - `reflow`: joins each paragraph onto one long line;
//! - `furniture`: cuts the text into pages with form feeds, a running header and "Page N of M";
//! - `pad`: a "layout" mode: a left margin, and runs of spaces between some words.
#![allow(dead_code)]

use msq::model::Response;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transform {
    Wrap(usize),
    WrapHyphenating(usize),
    WrapOnHyphens(usize),
    NoBlank,
    Reflow,
    /// Lines per page, and which header and footer style.
    Furniture(usize, u8),
    /// Left margin, and every how many words a run of spaces goes in.
    Pad(usize, usize),
}

pub fn apply(text: &str, transforms: &[Transform]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for t in transforms {
        lines = match *t {
            Transform::Wrap(w) => wrap(&lines, w, Breaks::Spaces),
            Transform::WrapHyphenating(w) => wrap(&lines, w, Breaks::Hyphenate),
            Transform::WrapOnHyphens(w) => wrap(&lines, w, Breaks::AfterHyphens),
            Transform::NoBlank => lines.into_iter().filter(|l| !l.trim().is_empty()).collect(),
            Transform::Reflow => reflow(&lines),
            Transform::Furniture(per_page, style) => furniture(&lines, per_page, style),
            Transform::Pad(margin, every) => pad(&lines, margin, every),
        };
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Breaks {
    Spaces,
    Hyphenate,
    AfterHyphens,
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn wrap(lines: &[String], w: usize, breaks: Breaks) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        if width(line) <= w {
            out.push(line.clone());
            continue;
        }
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        let mut words: Vec<String> = Vec::new();
        for word in line.split_whitespace() {
            if breaks == Breaks::AfterHyphens && word.contains('-') {
                // "e-government" may break after its hyphen: "e-" and "government".
                let mut rest = word;
                while let Some(i) = rest[1.min(rest.len())..].find('-') {
                    let cut = i + 2;
                    if cut >= rest.len() {
                        break;
                    }
                    words.push(format!("{}\u{0}", &rest[..cut]));
                    rest = &rest[cut..];
                }
                words.push(rest.to_string());
            } else {
                words.push(word.to_string());
            }
        }
        // A word ending in NUL glues to the next one without a space when both stay on a line.
        let mut current = indent.clone();
        let mut glued = false;
        for word in words {
            let glue = word.ends_with('\u{0}');
            let word = word.trim_end_matches('\u{0}').to_string();
            let fresh = current.trim().is_empty();
            let sep = if fresh || glued { "" } else { " " };
            if width(&current) + width(sep) + width(&word) <= w || fresh {
                current.push_str(sep);
                current.push_str(&word);
            } else if breaks == Breaks::Hyphenate
                && word.chars().all(char::is_alphabetic)
                && width(&word) >= 8
                && w > width(&current) + 4
            {
                // Split the word with a hyphen where it crosses the width.
                let room = w - width(&current) - width(sep) - 1;
                let room = room.clamp(3, width(&word) - 3);
                let head: String = word.chars().take(room).collect();
                let tail: String = word.chars().skip(room).collect();
                current.push_str(sep);
                current.push_str(&head);
                current.push('-');
                out.push(std::mem::take(&mut current));
                current = format!("{indent}{tail}");
            } else {
                out.push(std::mem::replace(&mut current, format!("{indent}{word}")));
            }
            glued = glue;
        }
        out.push(current);
    }
    out
}

/// A page break ends a paragraph too, and stays at the start of the next one.
fn reflow(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    for line in lines {
        if line.starts_with('\u{0C}') && !para.is_empty() {
            out.push(para.join(" "));
            para.clear();
        }
        if line.starts_with('\u{0C}') {
            para.push(line.trim_end());
            continue;
        }
        if line.trim().is_empty() {
            if !para.is_empty() {
                out.push(para.join(" "));
                para.clear();
            }
            out.push(String::new());
        } else {
            para.push(line.trim());
        }
    }
    if !para.is_empty() {
        out.push(para.join(" "));
    }
    out
}

fn furniture(lines: &[String], per_page: usize, style: u8) -> Vec<String> {
    let pages = lines.len().div_ceil(per_page).max(1);
    let mut out = Vec::new();
    for (p, chunk) in lines.chunks(per_page).enumerate() {
        let n = p + 1;
        let header = match style % 3 {
            0 => "UN E-Government Survey - Member States Questionnaire".to_string(),
            1 => "CONFIDENTIAL DRAFT".to_string(),
            _ => format!("MSQ response {n}"),
        };
        let footer = match style % 3 {
            0 => format!("Page {n} of {pages}"),
            1 => format!("- {n} -"),
            _ => format!("{n}"),
        };
        if p > 0 {
            out.push(format!("\u{0C}{header}"));
        } else {
            out.push(header);
        }
        out.extend(chunk.iter().cloned());
        out.push(String::new());
        out.push(footer);
    }
    out
}

fn pad(lines: &[String], margin: usize, every: usize) -> Vec<String> {
    let every = every.max(2);
    lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                return String::new();
            }
            // A form feed stays where it was: a layout mode keeps the pages.
            let (feed, l) = match l.strip_prefix('\u{0C}') {
                Some(rest) => ("\u{0C}", rest),
                None => ("", l.as_str()),
            };
            let indent = l.len() - l.trim_start().len();
            let mut s = format!("{feed}{}", " ".repeat(margin + indent));
            for (k, word) in l.split_whitespace().enumerate() {
                if k > 0 {
                    s.push_str(if k % every == 0 { "    " } else { " " });
                }
                s.push_str(word);
            }
            s
        })
        .collect()
}

/// Whitespace folded to single spaces.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An item as the comparison sees it: its id, question, answer, options and notes, with
/// whitespace folded, since a converter's line breaks are not the author's.
pub fn item_keys(r: &Response) -> Vec<(String, String)> {
    r.items()
        .map(|i| {
            let options: Vec<String> = i
                .options
                .iter()
                .map(|o| {
                    format!(
                        "{}={:?}{}",
                        fold(&o.label),
                        o.selection,
                        o.typed.as_deref().map(fold).unwrap_or_default()
                    )
                })
                .collect();
            let notes: Vec<String> = i.notes.iter().map(|n| fold(&n.text)).collect();
            let value = format!(
                "Q: {}\nA: {}\nO: {}\nN: {}\nH: {}",
                fold(&i.question),
                fold(&i.answer),
                options.join(" | "),
                notes.join(" | "),
                i.headings
                    .iter()
                    .map(|h| fold(h))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
            (i.id.clone(), value)
        })
        .collect()
}

/// How many of `clean`'s items `variant` has with the same content, and the first few that
/// differ, for a failure message.
pub fn compare(clean: &Response, variant: &Response) -> (usize, usize, Vec<String>) {
    let a = item_keys(clean);
    let b: std::collections::HashMap<String, String> = item_keys(variant).into_iter().collect();
    let mut equal = 0;
    let mut diffs = Vec::new();
    for (id, value) in &a {
        match b.get(id) {
            Some(v) if v == value => equal += 1,
            Some(v) => diffs.push(format!(
                "item {id}:\n  clean:   {value:?}\n  variant: {v:?}"
            )),
            None => diffs.push(format!("item {id}: missing")),
        }
    }
    let known: std::collections::HashSet<&String> = a.iter().map(|(id, _)| id).collect();
    let extra = b.keys().filter(|id| !known.contains(id)).count();
    if extra > 0 {
        diffs.push(format!("{extra} items the clean parse does not have"));
    }
    (equal, a.len(), diffs)
}
