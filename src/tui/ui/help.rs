//! The help overlay, generated from the keybinding table.

use crate::tui::app::App;
use crate::tui::keymap::{self, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let mut out = Vec::new();
    for mode in Mode::ALL {
        out.push(Line::styled(mode.title(), theme.title()));
        for (keys, label) in keymap::help_rows(mode) {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<22}"), theme.key()),
                Span::raw(label),
            ]));
        }
        out.push(Line::default());
    }
    out.push(Line::styled(
        "Selections: (x) the source shows a tick; ( ) not recorded in the source.",
        theme.dim(),
    ));
    out
}

pub fn render(app: &App, f: &mut Frame, area: Rect, scroll: usize) {
    let popup = crate::tui::view::help_popup(area.width, area.height);
    f.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Help · Esc closes ")
        .border_style(app.theme.border_focused());
    let inner = block.inner(popup);
    f.render_widget(block, popup);
    let all = lines(app);
    let rows = usize::from(inner.height);
    let mut shown: Vec<Line> = all.iter().skip(scroll).take(rows).cloned().collect();
    // Say so when there is more below.
    if scroll + rows < all.len()
        && let Some(last) = shown.last_mut()
    {
        *last = Line::styled("  ↓ more: j, PgDn", app.theme.key());
    }
    f.render_widget(Paragraph::new(shown), inner);
}
