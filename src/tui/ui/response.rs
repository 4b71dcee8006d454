//! The response pane: tabs, the tab's heading, and its scrolling page.

use crate::tui::app::{App, Focus};
use crate::tui::text;
use crate::tui::view::{self, Areas};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(app: &App, f: &mut Frame, areas: &Areas) {
    let theme = app.theme;
    let focused = app.focus == Focus::Content;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused()
        } else {
            theme.border()
        });
    let Some(r) = app.response() else {
        f.render_widget(block, areas.response);
        f.render_widget(
            Paragraph::new(Line::styled("no response selected", theme.dim())),
            areas.body,
        );
        return;
    };
    let title = format!(" {} · {} ", r.country, r.edition);
    f.render_widget(
        block.title(text::span(
            &title,
            if focused { theme.title() } else { theme.text() },
        )),
        areas.response,
    );

    // Tabs, scrolled so the current one shows.
    let titles = view::tab_titles(r);
    let (first, spans) = view::tab_window(&titles, app.tab, areas.tabs.width);
    let mut line: Vec<Span> = Vec::new();
    if first > 0 {
        line.push(Span::styled("‹", theme.dim()));
    }
    for (k, (i, _)) in spans.iter().enumerate() {
        if k > 0 {
            line.push(Span::styled("│", theme.border()));
        }
        let style = if *i == app.tab {
            theme.selected()
        } else {
            theme.text()
        };
        line.push(text::span(&view::tab_label(*i, &titles[*i]), style));
    }
    // More tabs to the right, or the last one cut short: the last column says so.
    let cut = spans.last().is_some_and(|(i, r)| {
        *i + 1 < titles.len()
            || usize::from(r.end - r.start) < view::tab_label(*i, &titles[*i]).chars().count()
    });
    f.render_widget(Paragraph::new(Line::from(line)), areas.tabs);
    if cut {
        let marker = ratatui::layout::Rect {
            x: areas.tabs.x + areas.tabs.width.saturating_sub(1),
            width: 1,
            ..areas.tabs
        };
        f.render_widget(Paragraph::new(Span::styled("›", theme.dim())), marker);
    }
    f.render_widget(
        Paragraph::new(Line::from(text::span(
            &text::truncate(&view::heading(r, app.tab), usize::from(areas.heading.width)),
            theme.bold(),
        ))),
        areas.heading,
    );

    let page = app.page();
    let focus = app.section().and_then(|_| page.items.get(app.item));
    let (scroll, shown) = view::visible_lines(
        &page.lines,
        app.scroll,
        usize::from(areas.body.height),
        focus,
        theme,
    );
    f.render_widget(Paragraph::new(shown), areas.body);
    super::scrollbar(f, areas.body, page.lines.len(), scroll, theme);
}
