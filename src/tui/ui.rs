//! Drawing. [`render`] takes a read-only `&App` and a frame; it never changes state, reads the
//! clock, does I/O or searches. One file per pane.

pub mod compare;
pub mod help;
pub mod list;
pub mod picker;
pub mod response;
pub mod search;
pub mod status;

use super::app::{App, Overlay};
use super::view::{Areas, MIN_HEIGHT, MIN_WIDTH};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    let Some(areas) = Areas::at(area.width, area.height) else {
        too_small(f, area);
        return;
    };
    list::render(app, f, areas.list);
    response::render(app, f, &areas);
    status::render(app, f, areas.status);
    if app.compare.is_some() {
        compare::render(app, f);
    }
    if app.search.open {
        search::render(app, f);
    }
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help::render(app, f, area, *scroll),
        Overlay::Picker {
            title,
            links,
            selected,
        } => picker::render(app, f, area, title, links, *selected),
    }
}

fn too_small(f: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!("terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT})");
    let [middle] = Layout::vertical([Constraint::Length(2)])
        .flex(Flex::Center)
        .areas(area);
    f.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).centered(),
        middle,
    );
}

pub use super::view::centered;

/// A vertical scrollbar on the right edge of `area`, when `total` lines do not fit in its
/// `height` rows.
pub fn scrollbar(
    f: &mut Frame,
    area: Rect,
    total: usize,
    scroll: usize,
    theme: super::theme::Theme,
) {
    use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};
    let height = usize::from(area.height);
    if total <= height {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(height))
        .position(scroll)
        .viewport_content_length(height);
    f.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .track_style(theme.border()),
        area,
        &mut state,
    );
}
