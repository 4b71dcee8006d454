//! The comparison: topics down the left, one column per response, the focused row marked and
//! the focused column's title reversed; the topic's name stays pinned at the top while a tall
//! topic is read. Its content (the cells' lines, and the page of rows) is built here too.

use super::visible_lines;
use crate::model::Selection;
use crate::tui::action::Action;
use crate::tui::app::{App, CompareView, Modal, count};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout::{self, CompareAreas, CompareColumns};
use crate::tui::text::{self, Overlay};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use std::ops::Range;

const GUTTER: &str = "  ";

/// The comparison laid out: its lines, and the lines of each shown topic row.
#[derive(Debug, Default)]
pub struct ComparePage {
    pub lines: Vec<Line<'static>>,
    /// For each row shown (after the topic filter), its lines.
    pub rows: Vec<Range<usize>>,
    /// The lines that hold a group's heading.
    pub headings: Vec<usize>,
    /// For each row shown, its topic's label as wrapped in the topic column: pinned at the top
    /// while the row is read past its start.
    pub labels: Vec<Vec<Line<'static>>>,
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
    if let Some(f) = &cell.figure {
        let style = if cell.status == Status::Published {
            theme.text()
        } else {
            theme.dim()
        };
        out.extend(text::wrap(&f.text, width, "", style, &[]));
        return out;
    }
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
    order: &[usize],
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
            page.headings.push(page.lines.len());
            page.lines
                .push(Line::styled(group.to_string(), theme.title()));
        }
        let start = page.lines.len();
        let shown: Vec<usize> = order
            .iter()
            .copied()
            .skip(cols.first)
            .take(cols.shown)
            .filter(|&c| c < row.cells.len())
            .collect();
        let cells: Vec<Vec<Line<'static>>> = shown
            .iter()
            .map(|&c| {
                // A column is compared with the first shown in order, and the first with the
                // second.
                let first = order.first().copied().unwrap_or(0);
                let other = if !diff {
                    None
                } else if c == first {
                    order.get(1).and_then(|&o| row.cells.get(o))
                } else {
                    row.cells.get(first)
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
        page.labels.push(label);
    }
    page
}

pub fn render(app: &App, c: &CompareView, f: &mut Frame) {
    let theme = app.theme;
    let areas = CompareAreas::at(app.size);
    let area = areas.frame;
    f.render_widget(Clear, area);
    let n = c.cmp.responses.len();
    let shown = c.shown();
    let typing = matches!(app.modal, Some(Modal::TopicFilter));
    let mut title = format!(
        " Compare · {} · {} ",
        count(n, "response", "responses"),
        count(shown.len(), "topic", "topics")
    );
    let filtered = typing || !c.filter.is_empty();
    if filtered {
        let key = keymap::key(Mode::Compare, &Action::StartFilter);
        title.push_str(&format!("· {key} "));
    }
    super::screen_frame(f, area, &title, theme);
    // The filter goes right after the counts, so it is never pushed off a narrow title; the
    // diff marker takes what room is left after it.
    let mut end = area.x + 1 + u16::try_from(text::width(&title)).unwrap_or(0);
    if filtered {
        let field =
            layout::title_field(area, text::width(&title), text::width(c.filter.text()), 30);
        super::query_line(f, &c.filter, field, typing, theme);
        end = field.right();
    }
    if c.diff {
        let room = usize::from(area.right().saturating_sub(end).saturating_sub(1));
        let marker = ["· differences marked ", "· diff "]
            .into_iter()
            .find(|m| text::width(m) <= room);
        if let Some(m) = marker {
            let at = Rect::new(end, area.y, u16::try_from(text::width(m)).unwrap_or(0), 1);
            f.render_widget(Paragraph::new(Span::styled(m, theme.title())), at);
        }
    }
    let body = areas.body;

    // Column titles: the focused one reversed; "‹" / "›" where columns are off-screen.
    let headers = c.cmp.headers(&app.index);
    let cols = c.columns(app.size);
    let header_row = areas.header;
    let mut spans = vec![Span::styled(
        format!("{:<w$}", "Topic", w = cols.topic_width),
        theme.bold(),
    )];
    for k in 0..cols.shown {
        let place = cols.first + k;
        let Some(h) = c.order.get(place).and_then(|&i| headers.get(i)) else {
            break;
        };
        let label = text::truncate(h, cols.width);
        let pad = cols.width.saturating_sub(text::width(&label));
        let style = if place == c.column {
            theme.selected()
        } else {
            theme.bold()
        };
        let edge = if k == 0 && cols.first > 0 {
            "‹"
        } else {
            "│"
        };
        spans.push(Span::styled(edge, theme.border()));
        spans.push(Span::styled(format!("{label}{}", " ".repeat(pad)), style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), header_row);
    if cols.first + cols.shown < n {
        // More columns to the right: the header's last cell says so.
        let marker = Rect {
            x: header_row.x + header_row.width.saturating_sub(1),
            width: 1,
            ..header_row
        };
        f.render_widget(Paragraph::new(Span::styled("›", theme.key())), marker);
    }

    let page = c.page();
    let (scroll, mut lines) = visible_lines(
        &page.lines,
        c.rows.offset,
        usize::from(body.height),
        page.rows.get(c.rows.focus),
        theme,
    );
    if lines.is_empty() {
        lines.push(Line::styled("no topic matches the filter", theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), body);
    pin_topic(f, page, scroll, body, &cols, theme);
    // On the border's column, beside the text.
    let bar = Rect {
        x: area.x,
        width: area.width,
        ..body
    };
    super::scrollbar(f, bar, page.lines.len(), scroll, theme);
}

/// A topic read past its start keeps its name at the top of the view, in the topic column.
fn pin_topic(
    f: &mut Frame,
    page: &ComparePage,
    scroll: usize,
    body: Rect,
    cols: &CompareColumns,
    theme: Theme,
) {
    let Some(k) = page
        .rows
        .iter()
        .position(|r| r.start < scroll && r.end > scroll)
    else {
        return;
    };
    let row = &page.rows[k];
    let label = &page.labels[k];
    // As many of its lines as the row has left in view, but at least its first.
    let room = (row.end - scroll).min(label.len()).max(1);
    let area = layout::pinned_topic(body, cols, room);
    // The arrow sits in the gutter's second cell, so the name keeps its own column.
    let lines: Vec<Line> = label
        .iter()
        .take(room)
        .enumerate()
        .map(|(i, l)| {
            let mut spans = vec![Span::styled(if i == 0 { "↑" } else { " " }, theme.dim())];
            spans.extend(l.spans.iter().cloned());
            Line::from(spans)
        })
        .collect();
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(lines), area);
}
