//! The link picker, for an item with several links.

use crate::tui::app::App;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(
    app: &App,
    f: &mut Frame,
    area: Rect,
    title: &str,
    links: &[String],
    selected: usize,
) {
    let theme = app.theme;
    let popup = crate::tui::view::picker_popup(area.width, area.height, links.len());
    f.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::span(
            &format!(" {title} · Enter opens "),
            theme.title(),
        ))
        .border_style(theme.border_focused());
    let inner = block.inner(popup);
    f.render_widget(block, popup);
    let rows = usize::from(inner.height).max(1);
    let first = selected.saturating_sub(rows - 1);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = links
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, l)| {
            let style = if i == selected {
                theme.selected()
            } else {
                theme.link()
            };
            Line::from(text::span(&text::truncate(l, width), style))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
