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
    let right = format!(
        " {} · {n} response{} ",
        text::truncate(&app.index_label, 40),
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
            let mut used = 0;
            for (key, label) in app.hints() {
                let w = key.chars().count() + label.chars().count() + 3;
                if used + w > room {
                    break;
                }
                left.push(Span::styled(key, theme.key()));
                left.push(Span::styled(format!(" {label}  "), theme.dim()));
                used += w;
            }
        }
    }
    let pad = room.saturating_sub(left.iter().map(|s| text::width(&s.content)).sum());
    left.push(Span::raw(" ".repeat(pad + 1)));
    left.push(Span::styled(right, theme.dim()));
    f.render_widget(Paragraph::new(Line::from(left)), area);
}
