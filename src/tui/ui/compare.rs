//! The comparison: topics down the left, one column per response, the focused row marked and
//! the focused column's title reversed. An empty comparison says how to start one.

use crate::tui::app::App;
use crate::tui::app::compare_body;
use crate::tui::text;
use crate::tui::view;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(app: &App, f: &mut Frame) {
    let Some(c) = &app.compare else {
        return;
    };
    let theme = app.theme;
    let area = Rect::new(0, 0, app.width, app.height.saturating_sub(1));
    f.render_widget(Clear, area);
    let n = c.cmp.responses.len();
    let mut title = format!(" Compare · {n} responses · {} topics ", c.visible.len());
    if c.filtering || !c.filter.is_empty() {
        let cursor = if c.filtering { "▏" } else { "" };
        title.push_str(&format!("· / {}{cursor} ", text::truncate(&c.filter, 24)));
    }
    if c.diff {
        title.push_str("· differences marked ");
    }
    f.render_widget(
        Block::default()
            .borders(Borders::ALL)
            .title(text::span(&title, theme.title()))
            .border_style(theme.border_focused()),
        area,
    );
    let body = compare_body(app.width, app.height);
    if n == 0 {
        let hint = vec![
            Line::styled("Nothing to compare yet.", theme.bold()),
            Line::default(),
            Line::raw("Mark two or more responses with Space in the country list, then press c."),
            Line::raw(
                "With none marked, c compares the response you are reading with the one before it.",
            ),
        ];
        f.render_widget(Paragraph::new(hint), body);
        return;
    }

    // Column titles: the focused one reversed; "‹" / "›" where columns are off-screen.
    let headers = c.cmp.headers(&app.index);
    let cols = &c.columns;
    let header_row = Rect {
        y: 1,
        height: 1,
        ..body
    };
    let mut spans = vec![Span::styled(
        format!("{:<w$}", "Topic", w = cols.topic_width),
        theme.bold(),
    )];
    for k in 0..cols.shown {
        let i = cols.first + k;
        let Some(h) = headers.get(i) else {
            break;
        };
        let label = text::truncate(h, cols.width);
        let pad = cols.width.saturating_sub(text::width(&label));
        let style = if i == c.column {
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

    let (scroll, mut shown) = view::visible_lines(
        &c.page.lines,
        c.scroll,
        usize::from(body.height),
        c.page.rows.get(c.row),
        theme,
    );
    if shown.is_empty() {
        shown.push(Line::styled("no topic matches the filter", theme.dim()));
    }
    f.render_widget(Paragraph::new(shown), body);
    // On the border's column, beside the text.
    let bar = Rect {
        x: area.x,
        width: area.width,
        ..body
    };
    super::scrollbar(f, bar, c.page.lines.len(), scroll, theme);
}
