//! The link picker: the links of an item or of the Overview, each with what it belongs to,
//! narrowed by what is typed; inside the frame, clear of the status bar.

use crate::tui::action::Action;
use crate::tui::app::{App, Picker};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout::PickerAreas;
use crate::tui::text;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(app: &App, p: &Picker, f: &mut Frame) {
    let theme = app.theme;
    let a = PickerAreas::at(app.size, p.links.len());
    f.render_widget(Clear, a.popup);
    let open = keymap::key(Mode::Picker, &Action::Accept);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(text::span(
            &format!(" {} · {open} opens · type to narrow ", p.title),
            theme.title(),
        ))
        .border_style(theme.border_focused());
    f.render_widget(block, a.popup);
    f.render_widget(Paragraph::new(Span::styled("› ", theme.key())), a.input);
    let field = ratatui::layout::Rect {
        x: a.input.x + 2,
        width: a.input.width.saturating_sub(2),
        ..a.input
    };
    super::query_line(f, &p.filter, field, true, theme);
    let shown = p.shown();
    let width = usize::from(a.list.width);
    let label_width = (width / 3).clamp(8, 36);
    let lines: Vec<Line> = shown
        .iter()
        .enumerate()
        .skip(p.list.offset)
        .take(usize::from(a.list.height))
        .map(|(i, l)| {
            let selected = i == p.list.focus;
            let (link_style, label_style) = if selected {
                (theme.selected(), theme.selected())
            } else {
                (theme.link(), theme.dim())
            };
            let label = text::truncate(&l.label, label_width);
            let pad = label_width.saturating_sub(text::width(&label));
            let url = text::truncate(&l.url, width.saturating_sub(label_width + 2));
            Line::from(vec![
                Span::styled(format!("{label}{}  ", " ".repeat(pad)), label_style),
                Span::styled(url, link_style),
            ])
        })
        .collect();
    let lines = if lines.is_empty() {
        vec![Line::styled("no link matches", theme.dim())]
    } else {
        lines
    };
    f.render_widget(Paragraph::new(lines), a.list);
}
