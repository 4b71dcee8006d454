//! Document text to styled terminal lines. Every document string that reaches the screen passes
//! through here, so this is where the sanitiser is applied: each character is replaced as
//! `sanitize` says before it is measured or drawn. Wrapping is by display width (CJK and emoji
//! take two cells), keeps the text's own line breaks, and gives bullets a hanging indent.
//! Styles can be laid over byte ranges of the raw text, which is how links and search matches
//! are marked, even when they wrap.

use crate::sanitize;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// A style laid over a byte range of the raw text.
#[derive(Debug, Clone)]
pub struct Overlay {
    pub range: Range<usize>,
    pub style: Style,
}

/// One document string as a single span, sanitised, for places that do not wrap.
pub fn span(text: &str, style: Style) -> Span<'static> {
    Span::styled(sanitize::line(text).into_owned(), style)
}

/// Display width of a sanitised string.
pub fn width(text: &str) -> usize {
    sanitize::line(text)
        .chars()
        .map(|c| c.width().unwrap_or(0))
        .sum()
}

/// Cuts a document string to `max` cells, with "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let clean = sanitize::line(text);
    let mut out = String::new();
    let mut used = 0;
    let total: usize = clean.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= max {
        return clean.into_owned();
    }
    for c in clean.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Cuts a string to `max` cells from the left, with "…" in front: the end of a path shows.
pub fn truncate_start(text: &str, max: usize) -> String {
    let clean = sanitize::line(text);
    if width(&clean) <= max || max == 0 {
        return clean.into_owned();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in clean.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Wraps document text to `width` cells. `indent` goes before every line; a line that starts
/// with a bullet ("- ", "• ", "o ", "□ ", or digits and ". ") continues under its text.
pub fn wrap(
    text: &str,
    width: usize,
    indent: &str,
    base: Style,
    overlays: &[Overlay],
) -> Vec<Line<'static>> {
    wrap_indexed(text, width, indent, base, overlays)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// [`wrap`], with the byte offset in `text` where each wrapped line starts.
pub fn wrap_indexed(
    text: &str,
    width: usize,
    indent: &str,
    base: Style,
    overlays: &[Overlay],
) -> Vec<(Line<'static>, usize)> {
    let indent_width = indent
        .chars()
        .map(|c| c.width().unwrap_or(0))
        .sum::<usize>();
    let avail = width.saturating_sub(indent_width).max(1);
    let mut out = Vec::new();
    let mut offset = 0;
    for raw_line in text.split('\n') {
        let hang = hanging_indent(raw_line);
        wrap_line(
            raw_line,
            offset,
            avail,
            hang,
            base,
            overlays,
            &mut |spans, at| {
                let mut line = vec![Span::raw(indent.to_string())];
                line.extend(spans);
                out.push((Line::from(line), at));
            },
        );
        offset += raw_line.len() + 1;
    }
    out
}

/// The hanging indent of a bulleted or numbered line, in cells.
fn hanging_indent(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    let t = line.trim_start();
    let marker = ["- ", "• ", "o ", "□ ", "* ", "– ", "▪ "]
        .iter()
        .find(|m| t.starts_with(**m))
        .map(|m| m.chars().count())
        .or_else(|| {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0 && t[digits..].starts_with(". ")).then_some(digits + 2)
        })
        .unwrap_or(0);
    lead + marker
}

/// One sanitised character, its style, and the byte offset of the raw character it came from.
struct Cell {
    at: usize,
    ch: char,
    width: usize,
    style: Style,
}

fn style_at(offset: usize, base: Style, overlays: &[Overlay]) -> Style {
    overlays
        .iter()
        .filter(|o| o.range.contains(&offset))
        .fold(base, |s, o| s.patch(o.style))
}

fn wrap_line(
    line: &str,
    offset: usize,
    avail: usize,
    hang: usize,
    base: Style,
    overlays: &[Overlay],
    emit: &mut dyn FnMut(Vec<Span<'static>>, usize),
) {
    // Sanitise char by char, keeping each replacement with the raw offset it came from.
    let mut cells: Vec<Cell> = Vec::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        let style = if overlays.is_empty() {
            base
        } else {
            style_at(offset + i, base, overlays)
        };
        sanitize::each_char(c, |ch| {
            cells.push(Cell {
                at: offset + i,
                ch,
                width: ch.width().unwrap_or(0),
                style,
            });
        });
    }
    if cells.is_empty() {
        emit(Vec::new(), offset);
        return;
    }
    let hang = if hang * 2 >= avail { 0 } else { hang };
    let mut start = 0;
    let mut first = true;
    while start < cells.len() {
        let room = if first { avail } else { avail - hang };
        // Take as many cells as fit; break at the last space if the line goes on.
        let mut used = 0;
        let mut end = start;
        while end < cells.len() && used + cells[end].width <= room {
            used += cells[end].width;
            end += 1;
        }
        if end == start {
            end = start + 1; // a character wider than the room: place it anyway
        } else if end < cells.len()
            && cells[end].ch != ' '
            && let Some(space) = (start + 1..end).rev().find(|&k| cells[k].ch == ' ')
        {
            // Back up to the last space, unless the word that does not fit is CJK (which
            // breaks between any two characters) and backing up would leave the line less
            // than half full.
            let kept: usize = cells[start..=space].iter().map(|c| c.width).sum();
            let word_is_wide = cells[space + 1..]
                .iter()
                .take_while(|c| c.ch != ' ')
                .any(|c| c.width > 1);
            if !(word_is_wide && kept * 2 < room) {
                end = space + 1;
            }
        }
        let mut spans: Vec<Span<'static>> = Vec::new();
        if !first && hang > 0 {
            spans.push(Span::raw(" ".repeat(hang)));
        }
        let mut run = String::new();
        let mut run_style = cells[start].style;
        for cell in &cells[start..end] {
            if cell.style != run_style && !run.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut run), run_style));
            }
            run_style = cell.style;
            run.push(cell.ch);
        }
        // Trailing spaces at a wrap point are not drawn.
        let trimmed = if end < cells.len() {
            run.trim_end().to_string()
        } else {
            run
        };
        if !trimmed.is_empty() {
            spans.push(Span::styled(trimmed, run_style));
        }
        emit(spans, cells[start].at);
        // Spaces at a wrap point do not start the next line.
        start = end;
        while start < cells.len() && cells[start].ch == ' ' {
            start += 1;
        }
        first = false;
    }
}

/// Byte ranges of each link's text in `text`, styled as links.
pub fn link_overlays(text: &str, links: &[crate::model::Link], style: Style) -> Vec<Overlay> {
    let mut out = Vec::new();
    for link in links {
        let mut from = 0;
        while let Some(pos) = text[from..].find(&link.text) {
            let start = from + pos;
            out.push(Overlay {
                range: start..start + link.text.len(),
                style,
            });
            from = start + link.text.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_line_breaks() {
        let lines = wrap("one two three four\nfive", 9, "", Style::new(), &[]);
        assert_eq!(plain(&lines), ["one two", "three", "four", "five"]);
    }

    #[test]
    fn bullets_hang() {
        let lines = wrap("- alpha beta gamma", 12, "  ", Style::new(), &[]);
        assert_eq!(plain(&lines), ["  - alpha", "    beta", "    gamma"]);
    }

    #[test]
    fn long_words_break_and_wide_characters_count_twice() {
        let lines = wrap("abcdefghij", 4, "", Style::new(), &[]);
        assert_eq!(plain(&lines), ["abcd", "efgh", "ij"]);
        let lines = wrap("谢谢谢谢", 5, "", Style::new(), &[]);
        assert_eq!(plain(&lines), ["谢谢", "谢谢"]);
    }

    #[test]
    fn cjk_breaks_between_characters_rather_than_leaving_half_a_line() {
        let lines = wrap("门户 网站提供一站式在线服务", 12, "", Style::new(), &[]);
        // 12 cells: "门户 网站提" is 11; the next character is 2 wide.
        assert_eq!(plain(&lines), ["门户 网站提", "供一站式在线", "服务"]);
        // Latin words still move whole.
        let lines = wrap("portal website", 10, "", Style::new(), &[]);
        assert_eq!(plain(&lines), ["portal", "website"]);
    }

    #[test]
    fn control_characters_are_sanitised_before_measuring() {
        let lines = wrap("a\u{1b}[2Jb\tc", 40, "", Style::new(), &[]);
        assert_eq!(plain(&lines), ["a␛[2Jb    c"]);
    }

    #[test]
    fn overlays_survive_wrapping() {
        let text = "see www.example.org/a/long/path now";
        let links = crate::ingest::links::find_links(text);
        let style = Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED);
        let lines = wrap(
            text,
            14,
            "",
            Style::new(),
            &link_overlays(text, &links, style),
        );
        let styled: Vec<String> = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|s| s.style == style)
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(styled.concat(), "www.example.org/a/long/path");
    }

    #[test]
    fn truncation_is_by_width() {
        assert_eq!(truncate("Azerbaijan", 5), "Azer…");
        assert_eq!(truncate("Azerbaijan", 10), "Azerbaijan");
        assert_eq!(truncate("谢谢谢", 4), "谢…");
    }
}
