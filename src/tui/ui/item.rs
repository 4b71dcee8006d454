//! One item as the reader draws it, and the search preview too: its headings, the question
//! hanging under its number, notes, the options with what the source shows of the selection,
//! and the answer with its links and emphasis. With a query, every match is marked, and the
//! line each match starts on is known, so a jump can put it in the middle of the view.

use crate::model::{Item, ItemSelection, Selection};
use crate::search::{Query, highlight_ranges};
use crate::tui::text::{self, Overlay};
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

/// An item's lines, and the line of each match of the query, in order.
#[derive(Debug, Default)]
pub struct ItemLines {
    pub lines: Vec<Line<'static>>,
    pub matches: Vec<usize>,
}

impl ItemLines {
    /// Wraps `text`, marking the query's matches in it, and notes the lines they start on.
    fn wrap(
        &mut self,
        text: &str,
        width: usize,
        indent: &str,
        style: ratatui::style::Style,
        overlays: Vec<Overlay>,
        marks: Option<(&Query, Theme)>,
    ) -> usize {
        let mut overlays = overlays;
        let mut starts = Vec::new();
        if let Some((q, theme)) = marks {
            for range in highlight_ranges(q, text) {
                starts.push(range.start);
                overlays.push(Overlay {
                    range,
                    style: theme.matched(),
                });
            }
        }
        let first = self.lines.len();
        let wrapped = text::wrap_indexed(text, width, indent, style, &overlays);
        for at in starts {
            let k = wrapped
                .iter()
                .rposition(|(_, start)| *start <= at)
                .unwrap_or(0);
            self.matches.push(first + k);
        }
        self.lines.extend(wrapped.into_iter().map(|(l, _)| l));
        first
    }
}

/// The lines of an item; with a query, its matches marked.
pub fn item_lines(item: &Item, width: usize, theme: Theme, query: Option<&Query>) -> ItemLines {
    let query = query.map(|q| q.marking(&crate::search::item_text(item).0));
    let marks = query.as_ref().map(|q| (q, theme));
    let mut out = ItemLines::default();
    for h in &item.headings {
        out.wrap(h, width, "", theme.title(), Vec::new(), marks);
    }
    let number = item.display_number();
    let star = if item.required { " *" } else { "" };
    if !item.question.is_empty() {
        // The question hangs under its first word, across its own line breaks too.
        let prefix = if number.is_empty() {
            String::new()
        } else {
            format!("{number}. ")
        };
        let hang = " ".repeat(prefix.chars().count());
        let first = out.wrap(
            &format!("{}{star}", item.question),
            width,
            &hang,
            theme.bold(),
            Vec::new(),
            marks,
        );
        if let Some(line) = out.lines.get_mut(first) {
            line.spans[0] = text::span(&prefix, theme.bold());
        }
    }
    let body_indent = "   ";
    for note in &item.notes {
        out.wrap(
            &format!("{}{}", note.label(), note.text),
            width,
            body_indent,
            theme.dim(),
            Vec::new(),
            marks,
        );
    }
    option_lines(&mut out, item, width, body_indent, theme, marks);
    if !item.answer.is_empty() {
        let mut overlays = text::link_overlays(&item.answer, &item.links, theme.link());
        overlays.extend(item.answer_emphasis.iter().map(|range| Overlay {
            range: range.clone(),
            style: theme.bold(),
        }));
        out.wrap(
            &item.answer,
            width,
            body_indent,
            theme.text(),
            overlays,
            marks,
        );
    } else if item.options.is_empty() {
        out.lines.extend(text::wrap(
            "no answer given",
            width,
            body_indent,
            theme.dim(),
            &[],
        ));
    }
    out
}

/// An option's box as the source shows it, and its style.
fn option_mark(selection: Selection, theme: Theme) -> (&'static str, ratatui::style::Style) {
    match selection {
        Selection::Recorded => ("(x) ", theme.ticked()),
        Selection::NotRecorded => ("( ) ", theme.text()),
    }
}

/// "( ) Yes  ( ) No" on one line when the options are short, else one per line; then what the
/// source shows about the selection.
fn option_lines(
    out: &mut ItemLines,
    item: &Item,
    width: usize,
    indent: &str,
    theme: Theme,
    marks: Option<(&Query, Theme)>,
) {
    if item.options.is_empty() {
        return;
    }
    // An option a match falls in is marked whole: labels are a few words.
    let hit = |label: &str| marks.is_some_and(|(q, _)| !highlight_ranges(q, label).is_empty());
    let mut hits = Vec::new();
    let parts: Vec<Vec<Span<'static>>> = item
        .options
        .iter()
        .map(|o| {
            let (mark, mut style) = option_mark(o.selection, theme);
            if hit(&o.label) || o.typed.as_deref().is_some_and(hit) {
                style = style.patch(theme.matched());
                hits.push(());
            }
            let mut spans = vec![Span::styled(mark, style), text::span(&o.label, style)];
            if let Some(t) = &o.typed {
                spans.push(Span::raw(": "));
                spans.push(text::span(t, theme.bold()));
                spans.push(Span::styled(" (typed)", theme.dim()));
            }
            spans
        })
        .collect();
    let total: usize = parts
        .iter()
        .map(|p| p.iter().map(|s| text::width(&s.content)).sum::<usize>() + 2)
        .sum();
    if total + indent.len() <= width {
        let mut line = vec![Span::raw(indent.to_string())];
        for p in parts {
            line.extend(p);
            line.push(Span::raw("  "));
        }
        out.matches.extend(hits.iter().map(|_| out.lines.len()));
        out.lines.push(Line::from(line));
    } else {
        for (o, p) in item.options.iter().zip(parts) {
            // A long label wraps under itself.
            let content: String = p.iter().map(|s| s.content.as_ref()).collect();
            if hit(&o.label) || o.typed.as_deref().is_some_and(hit) {
                out.matches.push(out.lines.len());
            }
            if text::width(&content) + indent.len() <= width {
                let mut line = vec![Span::raw(indent.to_string())];
                line.extend(p);
                out.lines.push(Line::from(line));
            } else {
                let (mark, style) = option_mark(o.selection, theme);
                let mut label = o.label.clone();
                if let Some(t) = &o.typed {
                    label.push_str(&format!(": {t} (typed)"));
                }
                // The label hangs under itself; the box takes the first line's indent.
                let mut lines = text::wrap(&label, width, &format!("{indent}    "), style, &[]);
                if let Some(first) = lines.first_mut() {
                    first.spans[0] = Span::styled(format!("{indent}{mark}"), style);
                }
                out.lines.extend(lines);
            }
        }
    }
    // Wrapped like any text, so a narrow pane does not push them past its edge.
    match item.selection() {
        Some(ItemSelection::NotRecorded) => {
            out.lines.extend(text::wrap(
                "selection not recorded in source",
                width,
                indent,
                theme.dim(),
                &[],
            ));
        }
        Some(ItemSelection::Recorded) => {
            out.lines.extend(text::wrap(
                "(x) ticked in source",
                width,
                indent,
                theme.dim(),
                &[],
            ));
        }
        None => {}
    }
}

/// How many matches of a query the reader marks in an item: in its question, notes and answer,
/// and one for each option a match falls in. The same count `n` and `N` step through.
pub fn match_count(item: &Item, q: &Query) -> usize {
    let q = &q.marking(&crate::search::item_text(item).0);
    let notes: Vec<String> = item
        .notes
        .iter()
        .map(|n| format!("{}{}", n.label(), n.text))
        .collect();
    let texts = std::iter::once(item.question.as_str())
        .chain(notes.iter().map(String::as_str))
        .chain(std::iter::once(item.answer.as_str()));
    let in_text: usize = texts.map(|t| highlight_ranges(q, t).len()).sum();
    let in_options = item
        .options
        .iter()
        .filter(|o| {
            !highlight_ranges(q, &o.label).is_empty()
                || o.typed
                    .as_deref()
                    .is_some_and(|t| !highlight_ranges(q, t).is_empty())
        })
        .count();
    in_text + in_options
}
