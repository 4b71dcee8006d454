//! The country list: one row per response, with its edition and a badge for a presentation.

use crate::model::Kind;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Modal};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let focused = app.focus == Focus::List;
    let total = app.index.responses.len();
    let rows = app.list.rows(&app.index);
    let typing = matches!(app.modal, Some(Modal::Filter));
    let title = if typing || !app.list.filter.is_empty() {
        let key = keymap::key(Mode::List, &Action::StartFilter);
        format!(" {}/{total} · {key}: ", rows.len())
    } else {
        format!(" Countries {total} ")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            title.clone(),
            if focused { theme.title() } else { theme.text() },
        ))
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        });
    let inner = block.inner(area);
    f.render_widget(block, area);
    if typing || !app.list.filter.is_empty() {
        // The filter's query line, in the title after its label, with the cursor while typed.
        let text_width = text::width(app.list.filter.text());
        let field = layout::title_field(area, text::width(&title), text_width, area.width);
        super::query_line(f, &app.list.filter, field, typing, theme);
    }
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    let selected = app.list.row(&rows);
    for (row, list_row) in rows
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(usize::from(inner.height))
    {
        let i = list_row.response;
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
        let style = match (row == selected, focused) {
            (true, true) => theme.selected(),
            (true, false) => theme.selected_unfocused(),
            _ => theme.text(),
        };
        // "●" marks a response for comparison; "▸" the selected row.
        let marker = if app.list.marked.contains(&i) {
            "●"
        } else if row == selected {
            "▸"
        } else {
            " "
        };
        // The characters the filter matched are marked, by position in the name as the index
        // holds it; a name the sanitiser changed (placeholders are wider) is shown unmarked.
        let clean = crate::sanitize::line(&r.country) == r.country.as_str();
        let none = Vec::new();
        let matched = if clean { &list_row.matches } else { &none };
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
                if row == selected {
                    style
                } else {
                    theme.badge()
                },
            ));
        }
        lines.push(Line::from(spans));
    }
    if rows.is_empty() {
        lines.push(Line::styled(" no country matches", theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
