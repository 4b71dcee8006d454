//! What the screen holds, computed from state alone: the screen's areas, and the wrapped lines
//! of the Overview card and of a section with the line range of each item. Both `App::update`
//! (to keep the focused item in view and to map a mouse click to an item) and rendering call
//! these, so geometry is never stored by the renderer.

use super::text::{self, Overlay};
use super::theme::Theme;
use crate::model::{Item, ItemSelection, Response, Section, Selection};
use crate::topics;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use std::ops::Range;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// The screen's areas at a size, or `None` when the terminal is too small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The country list, with its border.
    pub list: Rect,
    /// The response pane, with its border.
    pub response: Rect,
    /// The row of tabs inside the response pane.
    pub tabs: Rect,
    /// The line under the tabs: the section's full title.
    pub heading: Rect,
    /// The scrolling text of the current tab (its last column holds the scrollbar).
    pub body: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn at(width: u16, height: u16) -> Option<Areas> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let area = Rect::new(0, 0, width, height);
        let [main, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let list_width = (width * 28 / 100).clamp(22, 34);
        let [list, response] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(main);
        let inner = Rect::new(
            response.x + 1,
            response.y + 1,
            response.width.saturating_sub(2),
            response.height.saturating_sub(2),
        );
        let [tabs, heading, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        Some(Areas {
            list,
            response,
            tabs,
            heading,
            body,
            status,
        })
    }

    /// Rows of the country list that show countries.
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.height.saturating_sub(2))
    }

    /// Columns the body's text wraps to (the last column is the scrollbar's).
    pub fn text_width(&self) -> usize {
        usize::from(self.body.width.saturating_sub(1))
    }
}

/// The wrapped lines of a tab, and where each item's lines are.
#[derive(Debug, Default)]
pub struct Page {
    pub lines: Vec<Line<'static>>,
    /// The lines of item k (for the Overview: none).
    pub items: Vec<Range<usize>>,
    /// Links the page shows, in order, for the link picker.
    pub links: Vec<String>,
}

/// The tab titles of a response: Overview, then one per section.
pub fn tab_titles(r: &Response) -> Vec<String> {
    std::iter::once("Overview".to_string())
        .chain(r.sections.iter().map(|s| s.tab_title().to_string()))
        .collect()
}

/// The tabs that fit in `width` columns with the selected one showing: the first shown, and the
/// column range each shown tab takes (" 1 Overview │ 2 Respondent │ ..."), by tab index.
pub fn tab_window(
    titles: &[String],
    selected: usize,
    width: u16,
) -> (usize, Vec<(usize, Range<u16>)>) {
    let widths: Vec<u16> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| u16::try_from(tab_label(i, t).chars().count()).unwrap_or(u16::MAX))
        .collect();
    // Drop tabs from the left until the selected one ends inside the width.
    let mut first = 0;
    while first < selected {
        let end: u32 = widths[first..=selected]
            .iter()
            .map(|w| u32::from(*w) + 1)
            .sum::<u32>()
            + 2;
        if end <= u32::from(width) {
            break;
        }
        first += 1;
    }
    // A tab cut off on the left is marked "‹" in the first column.
    let mut x = u16::from(first > 0);
    let mut spans = Vec::new();
    for (i, w) in widths.iter().enumerate().skip(first) {
        if x >= width {
            break;
        }
        spans.push((i, x..x.saturating_add(*w).min(width)));
        x = x.saturating_add(*w).saturating_add(1); // the divider
    }
    (first, spans)
}

/// " 3 A " — the number is the digit that jumps to the tab.
pub fn tab_label(i: usize, title: &str) -> String {
    let title = text::truncate(title, 28);
    if i < 9 {
        format!(" {} {title} ", i + 1)
    } else {
        format!(" {title} ")
    }
}

/// The help overlay's box.
pub fn help_popup(width: u16, height: u16) -> Rect {
    centered(Rect::new(0, 0, width, height), 72, height.saturating_sub(4))
}

/// The link picker's box, for `links` links.
pub fn picker_popup(width: u16, height: u16, links: usize) -> Rect {
    let h = u16::try_from(links).unwrap_or(u16::MAX).saturating_add(2);
    centered(
        Rect::new(0, 0, width, height),
        width.saturating_sub(8).min(90),
        h,
    )
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(ratatui::layout::Flex::Center)
        .areas(row);
    cell
}

/// The line under the tabs.
pub fn heading(r: &Response, tab: usize) -> String {
    match tab.checked_sub(1).and_then(|s| r.sections.get(s)) {
        None => format!(
            "Overview · {} · {} · {}",
            r.country,
            r.edition,
            r.kind.as_str()
        ),
        Some(s) => {
            let answered = s.items.iter().filter(|i| i.is_answered()).count();
            format!(
                "{} · {} item{} · {} answered",
                s.heading(),
                s.items.len(),
                if s.items.len() == 1 { "" } else { "s" },
                answered
            )
        }
    }
}

const GUTTER: &str = "  ";
const FOCUS_GUTTER: &str = "▌ ";

/// The lines of a section. Each line starts with a gutter span that [`mark_focus`] replaces on
/// the focused item's lines.
pub fn section_page(section: &Section, width: usize, theme: Theme) -> Page {
    let mut page = Page::default();
    for (k, item) in section.items.iter().enumerate() {
        if k > 0 {
            page.lines.push(Line::default());
        }
        let start = page.lines.len();
        let mut lines = item_lines(item, width.saturating_sub(GUTTER.len()), theme);
        for line in &mut lines {
            line.spans.insert(0, Span::raw(GUTTER));
        }
        page.lines.extend(lines);
        page.items.push(start..page.lines.len());
        for l in web_links(item) {
            page.links.push(l);
        }
    }
    page
}

/// The lines of a page that `height` rows show from `scroll` (held to the page's end), with the
/// focused range's gutter marked; and the scroll they start at.
pub fn visible_lines(
    lines: &[Line<'static>],
    scroll: usize,
    height: usize,
    focus: Option<&Range<usize>>,
    theme: Theme,
) -> (usize, Vec<Line<'static>>) {
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let mut shown: Vec<Line<'static>> = lines.iter().skip(scroll).take(height).cloned().collect();
    if let Some(range) = focus {
        mark_focus(&mut shown, scroll, range, theme);
    }
    (scroll, shown)
}

/// Marks the focused item's lines, of those shown (`shown` starts at page line `first`).
fn mark_focus(shown: &mut [Line<'static>], first: usize, item: &Range<usize>, theme: Theme) {
    for (k, line) in shown.iter_mut().enumerate() {
        if item.contains(&(first + k))
            && let Some(gutter) = line.spans.first_mut()
        {
            *gutter = Span::styled(FOCUS_GUTTER, theme.border_focused());
        }
    }
}

/// An item's links that a browser can open: URLs, not e-mail addresses.
pub fn web_links(item: &Item) -> Vec<String> {
    item.links
        .iter()
        .filter(|l| l.kind == crate::model::LinkKind::Url)
        .map(|l| l.text.clone())
        .collect()
}

fn item_lines(item: &Item, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for h in &item.headings {
        out.extend(text::wrap(h, width, "", theme.title(), &[]));
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
        let mut lines = text::wrap(
            &format!("{}{star}", item.question),
            width,
            &hang,
            theme.bold(),
            &[],
        );
        if let Some(first) = lines.first_mut() {
            first.spans[0] = text::span(&prefix, theme.bold());
        }
        out.extend(lines);
    }
    let body_indent = "   ";
    for note in &item.notes {
        out.extend(text::wrap(
            &format!("{}{}", note.label(), note.text),
            width,
            body_indent,
            theme.dim(),
            &[],
        ));
    }
    out.extend(option_lines(item, width, body_indent, theme));
    if !item.answer.is_empty() {
        let mut overlays = text::link_overlays(&item.answer, &item.links, theme.link());
        overlays.extend(item.answer_emphasis.iter().map(|range| Overlay {
            range: range.clone(),
            style: theme.bold(),
        }));
        out.extend(text::wrap(
            &item.answer,
            width,
            body_indent,
            theme.text(),
            &overlays,
        ));
    } else if item.options.is_empty() {
        out.extend(text::wrap(
            "no answer given",
            width,
            body_indent,
            theme.dim(),
            &[],
        ));
    }
    out
}

/// "( ) Yes  ( ) No" on one line when the options are short, else one per line; then what the
/// source shows about the selection.
fn option_lines(item: &Item, width: usize, indent: &str, theme: Theme) -> Vec<Line<'static>> {
    if item.options.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let parts: Vec<Vec<Span<'static>>> = item
        .options
        .iter()
        .map(|o| {
            let (mark, style) = match o.selection {
                Selection::Recorded => ("(x) ", theme.ticked()),
                Selection::NotRecorded => ("( ) ", theme.text()),
            };
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
        out.push(Line::from(line));
    } else {
        for (o, p) in item.options.iter().zip(parts) {
            // A long label wraps under itself.
            let content: String = p.iter().map(|s| s.content.as_ref()).collect();
            if text::width(&content) + indent.len() <= width {
                let mut line = vec![Span::raw(indent.to_string())];
                line.extend(p);
                out.push(Line::from(line));
            } else {
                let (mark, style) = match o.selection {
                    Selection::Recorded => ("(x) ", theme.ticked()),
                    Selection::NotRecorded => ("( ) ", theme.text()),
                };
                let mut label = o.label.clone();
                if let Some(t) = &o.typed {
                    label.push_str(&format!(": {t} (typed)"));
                }
                // The label hangs under itself; the box takes the first line's indent.
                let mut lines = text::wrap(&label, width, &format!("{indent}    "), style, &[]);
                if let Some(first) = lines.first_mut() {
                    first.spans[0] = Span::styled(format!("{indent}{mark}"), style);
                }
                out.extend(lines);
            }
        }
    }
    // Wrapped like any text, so a narrow pane does not push them past its edge.
    match item.selection() {
        Some(ItemSelection::NotRecorded) => {
            out.extend(text::wrap(
                "selection not recorded in source",
                width,
                indent,
                theme.dim(),
                &[],
            ));
        }
        Some(ItemSelection::Recorded) => {
            out.extend(text::wrap(
                "(x) ticked in source",
                width,
                indent,
                theme.dim(),
                &[],
            ));
        }
        None => {}
    }
    out
}

/// The Overview card: who answered, the CIO, the portals, the agency in charge, the tally.
pub fn overview_page(r: &Response, width: usize, theme: Theme) -> Page {
    let mut page = Page::default();
    let mut push = |lines: Vec<Line<'static>>| page.lines.extend(lines);
    let label_width = 18;
    // A label is a column of its own, one space clear of its value; in a narrow pane it stands
    // on its own line above the value. A label from a document is sanitised and cut to fit.
    let stacked = width < 50;
    let field = |label: &str, value: &str, style: ratatui::style::Style| -> Vec<Line<'static>> {
        if stacked {
            let mut lines = vec![Line::from(text::span(
                &text::truncate(label, width),
                theme.label(),
            ))];
            lines.extend(text::wrap(value, width, "  ", style, &[]));
            return lines;
        }
        let mut lines = text::wrap(value, width, &" ".repeat(label_width), style, &[]);
        if let Some(first) = lines.first_mut() {
            let label = text::truncate(label, label_width - 1);
            let pad = label_width.saturating_sub(text::width(&label));
            first.spans[0] = Span::styled(format!("{label}{}", " ".repeat(pad)), theme.label());
        }
        lines
    };
    push(field(
        "Source",
        &format!("{} ({})", r.source.file, r.source.format.as_str()),
        theme.text(),
    ));
    if let Some(e) = &r.event {
        push(field("Event", &e.summary(), theme.text()));
    }
    let who = match r.kind {
        crate::model::Kind::Questionnaire => "Respondent",
        crate::model::Kind::Presentation => "Presenter",
    };
    match &r.respondent {
        Some(c) if c.is_provided() => {
            let parts: Vec<&str> = c.fields().iter().filter_map(|(_, v)| *v).collect();
            push(field(who, &parts.join(" · "), theme.text()));
        }
        _ => push(field(who, "not given", theme.dim())),
    }
    push(vec![Line::default()]);
    match &r.cio {
        Some(c) if c.is_provided() => {
            push(vec![Line::styled("CIO", theme.title())]);
            for (label, value) in c.fields() {
                match value {
                    Some(v) if label == "E-mail" => push(field(label, v, theme.link())),
                    Some(v) => push(field(label, v, theme.text())),
                    None => push(field(label, "—", theme.dim())),
                }
            }
        }
        Some(_) => push(vec![Line::from(vec![
            Span::styled("CIO: not provided", theme.warning()),
            Span::styled("  (the form's CIO fields are blank)", theme.dim()),
        ])]),
        None => push(vec![Line::styled("CIO: not provided", theme.warning())]),
    }
    let portals = topics::portals(r);
    if !portals.is_empty() {
        push(vec![
            Line::default(),
            Line::styled("Portals", theme.title()),
        ]);
        for (kind, item) in portals
            .iter()
            .filter(|(k, _)| *k != topics::PortalKind::Agency)
        {
            let links = web_links(item);
            let value = if !links.is_empty() {
                links.join("  ")
            } else if item.answer.is_empty() {
                "no answer given".into()
            } else {
                item.answer.lines().next().unwrap_or("").to_string()
            };
            let style = if links.is_empty() {
                theme.dim()
            } else {
                theme.link()
            };
            push(field(kind.as_str(), &value, style));
            page.links.extend(links);
        }
        if let Some((_, agency)) = portals
            .iter()
            .find(|(k, _)| *k == topics::PortalKind::Agency)
        {
            push(vec![
                Line::default(),
                Line::styled("Agency in charge", theme.title()),
            ]);
            if agency.answer.is_empty() {
                push(vec![Line::styled("no answer given", theme.dim())]);
            } else {
                let overlays: Vec<Overlay> =
                    text::link_overlays(&agency.answer, &agency.links, theme.link());
                push(text::wrap(
                    &agency.answer,
                    width,
                    "",
                    theme.text(),
                    &overlays,
                ));
            }
            page.links.extend(web_links(agency));
        }
    }
    let t = r.tally();
    let mut answered = format!("{} of {} items", t.answered, t.items);
    if t.selection_not_recorded > 0 {
        answered.push_str(&format!(
            " · {} closed question{}: selection not recorded in source",
            t.selection_not_recorded,
            if t.selection_not_recorded == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    push(vec![Line::default()]);
    push(field("Answered", &answered, theme.text()));
    for f in &r.fields {
        let tick = if f.selection == Some(Selection::Recorded) {
            " (x) ticked"
        } else {
            ""
        };
        push(field(&f.label, &format!("{}{tick}", f.value), theme.dim()));
    }
    for n in &r.notes {
        push(text::wrap(
            &format!("{}{}", n.label(), n.text),
            width,
            "",
            theme.dim(),
            &[],
        ));
    }
    // A link the card shows twice (two portals, the agency) is offered once.
    let mut seen = std::collections::HashSet::new();
    page.links.retain(|l| seen.insert(l.clone()));
    page
}

/// The search overlay's areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchAreas {
    pub popup: Rect,
    /// The query line.
    pub input: Rect,
    /// Match count, "refining…", or what is wrong with the query.
    pub info: Rect,
    /// The hits, one per row.
    pub list: Rect,
    /// The whole answer of the selected hit.
    pub preview: Rect,
}

impl SearchAreas {
    pub fn at(width: u16, height: u16) -> Option<SearchAreas> {
        Areas::at(width, height)?;
        // Inside the panes' borders, clear of the status bar.
        let popup = Rect {
            x: 2,
            y: 1,
            width: width.saturating_sub(4),
            height: height.saturating_sub(3),
        };
        let inner = Rect::new(popup.x + 1, popup.y + 1, popup.width - 2, popup.height - 2);
        let rest = inner.height.saturating_sub(3);
        let list_rows = (rest * 45 / 100).max(3).min(rest);
        let [input, info, list, _rule, preview] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(list_rows),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        Some(SearchAreas {
            popup,
            input,
            info,
            list,
            preview,
        })
    }
}

/// The comparison's columns at a width: how wide the topic column is, which response columns
/// fit (from `first`), and how wide each is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareColumns {
    pub topic_width: usize,
    pub first: usize,
    pub shown: usize,
    pub width: usize,
}

/// The least width a response column is given before the columns scroll sideways.
const MIN_COLUMN: usize = 26;

impl CompareColumns {
    /// `inner` is the width inside the border; `focused` must be among the columns shown.
    pub fn at(inner: usize, columns: usize, focused: usize, first: usize) -> CompareColumns {
        let topic_width = (inner / 4).clamp(12, 24);
        let rest = inner.saturating_sub(topic_width);
        let fit = ((rest + 1) / (MIN_COLUMN + 1)).max(1);
        let shown = columns.min(fit).max(1);
        let width = (rest.saturating_sub(shown) / shown).max(1);
        let mut first = first.min(columns.saturating_sub(shown));
        if focused < first {
            first = focused;
        } else if focused >= first + shown {
            first = focused + 1 - shown;
        }
        CompareColumns {
            topic_width,
            first,
            shown,
            width,
        }
    }

    /// The x range of shown column `k` (0 is the first shown), relative to the inner area.
    pub fn x(&self, k: usize) -> std::ops::Range<usize> {
        let start = self.topic_width + k * (self.width + 1) + 1;
        start..start + self.width
    }
}

/// The comparison laid out: its lines, and the lines of each shown topic row.
#[derive(Debug, Default)]
pub struct ComparePage {
    pub lines: Vec<Line<'static>>,
    /// For each row shown (after the topic filter), its lines.
    pub rows: Vec<Range<usize>>,
}

/// The lines of one cell, wrapped to `width`, with words that differ from `other` marked.
pub fn cell_lines(
    cell: &crate::compare::Cell,
    questions: bool,
    width: usize,
    theme: Theme,
    other: Option<&crate::compare::Cell>,
) -> Vec<Line<'static>> {
    use crate::compare::Status;
    let mut out = Vec::new();
    if cell.status == Status::NotAsked {
        out.push(Line::styled(Status::NotAsked.label(), theme.dim()));
        return out;
    }
    let other_answers: Option<String> = other.map(|o| {
        o.parts
            .iter()
            .map(|p| p.answer.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    });
    for p in &cell.parts {
        let line = p.line.map(|n| format!(" line {n}")).unwrap_or_default();
        let head = format!("{}{line}.", p.item);
        if questions {
            out.extend(text::wrap(
                &format!("{head} {}", p.question),
                width,
                "",
                theme.dim(),
                &[],
            ));
        } else {
            out.push(Line::from(text::span(&head, theme.bold())));
        }
        if !p.options.is_empty() {
            let opts: Vec<String> = p.options.iter().map(|o| o.marked("(x)", "( )")).collect();
            out.extend(text::wrap(&opts.join("  "), width, "", theme.text(), &[]));
            if !p.options.iter().any(|o| o.selection == Selection::Recorded) {
                out.push(Line::styled("selection not recorded", theme.dim()));
            }
        }
        if !p.answer.is_empty() {
            let overlays: Vec<Overlay> = other_answers
                .as_deref()
                .map(|o| {
                    crate::compare::differing_words(&p.answer, o)
                        .into_iter()
                        .map(|range| Overlay {
                            range,
                            style: theme.matched(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.extend(text::wrap(&p.answer, width, "", theme.text(), &overlays));
        } else if p.options.is_empty() && cell.status != Status::NoAnswer {
            // A blank follow-up of a choice; a cell with no answer says so once, below.
            out.push(Line::styled("no answer given", theme.dim()));
        }
    }
    if cell.status == Status::NoAnswer {
        out.push(Line::styled(Status::NoAnswer.label(), theme.dim()));
    }
    for (item, note) in crate::compare::checklist_notes(cell) {
        out.extend(text::wrap(
            &crate::compare::checklist_note_label(item),
            width,
            "",
            theme.dim(),
            &[],
        ));
        out.extend(text::wrap(note, width, "", theme.text(), &[]));
    }
    out
}

/// Lays the comparison out: a group heading where the group changes, then each topic row with
/// its cells side by side, the row as tall as its tallest cell.
pub fn compare_page(
    cmp: &crate::compare::Comparison,
    rows: &[usize],
    cols: &CompareColumns,
    diff: bool,
    theme: Theme,
) -> ComparePage {
    let mut page = ComparePage::default();
    let mut group = "";
    for &r in rows {
        let row = &cmp.rows[r];
        if row.group != group {
            group = row.group;
            if !page.lines.is_empty() {
                page.lines.push(Line::default());
            }
            page.lines
                .push(Line::styled(group.to_string(), theme.title()));
        }
        let start = page.lines.len();
        let shown: Vec<usize> =
            (cols.first..(cols.first + cols.shown).min(row.cells.len())).collect();
        let cells: Vec<Vec<Line<'static>>> = shown
            .iter()
            .map(|&c| {
                // A column is compared with the first, and the first with the second.
                let other = if !diff {
                    None
                } else if c == 0 {
                    row.cells.get(1)
                } else {
                    row.cells.first()
                };
                cell_lines(
                    &row.cells[c],
                    row.questions_differ,
                    cols.width,
                    theme,
                    other,
                )
            })
            .collect();
        let label = text::wrap(
            row.label,
            cols.topic_width.saturating_sub(2),
            "",
            theme.bold(),
            &[],
        );
        let height = cells
            .iter()
            .map(Vec::len)
            .chain([label.len(), 1])
            .max()
            .unwrap_or(1);
        for k in 0..height {
            let mut spans: Vec<Span<'static>> = vec![Span::raw(GUTTER)];
            let topic = label.get(k).cloned().unwrap_or_default();
            let used = topic.width();
            spans.extend(topic.spans);
            spans.push(Span::raw(
                " ".repeat(cols.topic_width.saturating_sub(GUTTER.len() + used)),
            ));
            for cell in &cells {
                spans.push(Span::styled("│", theme.border()));
                let line = cell.get(k).cloned().unwrap_or_default();
                let used = line.width();
                spans.extend(line.spans);
                spans.push(Span::raw(" ".repeat(cols.width.saturating_sub(used))));
            }
            page.lines.push(Line::from(spans));
        }
        page.rows.push(start..page.lines.len());
    }
    page
}
