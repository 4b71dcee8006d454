//! The status bar: a message or the current mode's key hints on the left, the index on the right.

use crate::tui::app::App;
use crate::tui::text;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let n = app.index.responses.len();
    // The typo-tolerant pass may still be adding hits for n / N after the overlay closed.
    let refining = if app.search.refining && !app.search.open {
        "refining search… · "
    } else {
        ""
    };
    let right = format!(
        " {refining}{} · {n} response{} ",
        text::truncate_start(&app.index_label, 40),
        if n == 1 { "" } else { "s" }
    );
    let room = usize::from(area.width).saturating_sub(text::width(&right) + 1);
    let mut left: Vec<Span> = Vec::new();
    match &app.status {
        Some(s) => left.push(text::span(
            &text::truncate(&s.text, room),
            if s.error {
                theme.warning()
            } else {
                theme.bold()
            },
        )),
        None => {
            // "? help" and "q quit" always show; the other hints fill the room left, in order.
            let hints = app.hints();
            let width = |(k, l): &(&str, &str)| k.chars().count() + l.chars().count() + 3;
            let (last, first): (Vec<_>, Vec<_>) =
                hints.iter().partition(|(k, _)| *k == "?" || *k == "q");
            let reserved: usize = last.iter().map(&width).sum();
            let mut used = 0;
            for h in first.iter().chain(last.iter()) {
                let is_reserved = h.0 == "?" || h.0 == "q";
                if !is_reserved && used + width(h) + reserved > room {
                    continue;
                }
                if used + width(h) > room {
                    break;
                }
                left.push(Span::styled(h.0, theme.key()));
                left.push(Span::styled(format!(" {}  ", h.1), theme.dim()));
                used += width(h);
            }
        }
    }
    let pad = room.saturating_sub(left.iter().map(|s| text::width(&s.content)).sum());
    left.push(Span::raw(" ".repeat(pad + 1)));
    left.push(Span::styled(right, theme.dim()));
    f.render_widget(Paragraph::new(Line::from(left)), area);
}
