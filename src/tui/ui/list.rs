//! The country list: one row per response, with its edition and a badge for a presentation.

use crate::model::Kind;
use crate::tui::app::{App, Focus};
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let focused = app.focus == Focus::List;
    let total = app.index.responses.len();
    let title = if app.filtering || !app.filter.is_empty() {
        let cursor = if app.filtering { "▏" } else { "" };
        format!(
            " {}/{total} · f: {}{cursor} ",
            app.visible.len(),
            text::truncate(&app.filter, 12)
        )
    } else {
        format!(" Countries {total} ")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            title,
            if focused { theme.title() } else { theme.text() },
        ))
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        });
    let inner = block.inner(area);
    f.render_widget(block, area);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    for (row, &i) in app
        .visible
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(rows)
    {
        let r = &app.index.responses[i];
        let badge = if r.kind == Kind::Presentation {
            " pres"
        } else {
            ""
        };
        let tail = format!(" {}{badge}", r.edition);
        let name_width = width.saturating_sub(tail.chars().count() + 1);
        let name = text::truncate(&r.country, name_width);
        let pad = name_width.saturating_sub(text::width(&name));
        let style = match (row == app.selected, focused) {
            (true, true) => theme.selected(),
            (true, false) => theme.selected_unfocused(),
            _ => theme.text(),
        };
        // "●" marks a response for comparison; "▸" the selected row.
        let marker = if app.marked.contains(&i) {
            "●"
        } else if row == app.selected {
            "▸"
        } else {
            " "
        };
        // The characters the filter matched are marked.
        let matched = app
            .filter_matches
            .get(row)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut spans = vec![Span::styled(marker, style)];
        for (k, ch) in name.chars().enumerate() {
            let s = if matched.contains(&k) {
                style.patch(theme.matched())
            } else {
                style
            };
            spans.push(Span::styled(ch.to_string(), s));
        }
        spans.extend([
            Span::styled(" ".repeat(pad), style),
            Span::styled(format!(" {}", r.edition), style),
        ]);
        if !badge.is_empty() {
            spans.push(Span::styled(
                badge,
                if row == app.selected {
                    style
                } else {
                    theme.badge()
                },
            ));
        }
        lines.push(Line::from(spans));
    }
    if app.visible.is_empty() {
        lines.push(Line::styled(" no country matches", theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
