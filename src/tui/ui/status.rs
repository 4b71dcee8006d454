//! The status bar: a message or the current mode's key hints on the left, the index on the
//! right. A message too long for the bar is never cut: it shows whole, wrapped in a box just
//! above the bar, and the bar keeps its hints.

use crate::tui::app::{App, Modal, count};
use crate::tui::keymap;
use crate::tui::layout;
use crate::tui::text;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(app: &App, f: &mut Frame) {
    let area = app.size.status();
    let theme = app.theme;
    let n = app.index.responses.len();
    // The typo-tolerant pass may still be adding hits for n / N after the overlay closed.
    let refining = match (
        app.search.refining && !matches!(app.modal, Some(Modal::Search)),
        app.search.indexing,
    ) {
        (true, true) => "indexing… · ",
        (true, false) => "refining search… · ",
        (false, _) => "",
    };
    // The index's name takes at most a third of the bar: the hints and messages come first.
    let label_room = (usize::from(area.width) / 3).clamp(8, 40);
    let right = format!(
        " {refining}{} · {} ",
        text::truncate_start(&app.index_label, label_room),
        count(n, "response", "responses")
    );
    let room = usize::from(area.width).saturating_sub(text::width(&right) + 1);
    let mut left: Vec<Span> = Vec::new();
    let message = app.status.as_ref().map(|s| {
        let style = if s.error {
            theme.warning()
        } else {
            theme.bold()
        };
        (s, style)
    });
    match message {
        Some((s, style)) if text::width(&s.text) <= room => left.push(text::span(&s.text, style)),
        Some((s, style)) => {
            message_box(f, app, &s.text, style);
            hints(app, &mut left, room);
        }
        None => hints(app, &mut left, room),
    }
    let pad = room.saturating_sub(left.iter().map(|s| text::width(&s.content)).sum());
    left.push(Span::raw(" ".repeat(pad + 1)));
    left.push(Span::styled(right, theme.dim()));
    f.render_widget(Paragraph::new(Line::from(left)), area);
}

/// A message, whole, wrapped in a box above the status bar.
fn message_box(f: &mut Frame, app: &App, message: &str, style: ratatui::style::Style) {
    let lines = text::wrap(message, layout::message_width(app.size), "", style, &[]);
    let area = layout::message_popup(app.size, lines.len());
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(app.theme.border()),
        ),
        area,
    );
}

/// The current mode's hints that fit in `room` cells: help and quit always, the others in
/// table order as room allows.
fn hints(app: &App, left: &mut Vec<Span<'static>>, room: usize) {
    let theme = app.theme;
    let hints = app.hints();
    let width = |h: &keymap::Shown| text::width(&h.keys) + text::width(h.word) + 3;
    let reserved: usize = hints.iter().filter(|h| h.reserved).map(width).sum();
    let mut used = 0;
    let (kept, rest): (Vec<_>, Vec<_>) = hints.into_iter().partition(|h| h.reserved);
    for h in rest.iter().chain(&kept) {
        if !h.reserved && used + width(h) + reserved > room {
            continue;
        }
        if used + width(h) > room {
            break;
        }
        left.push(Span::styled(h.keys.clone(), theme.key()));
        left.push(Span::styled(format!(" {}  ", h.word), theme.dim()));
        used += width(h);
    }
}
