//! Drawing. [`render`] takes a read-only `&App` and a frame; it never changes state, reads the
//! clock, does I/O or searches. One file per pane.

pub mod compare;
pub mod figures;
pub mod help;
pub mod item;
pub mod list;
pub mod picker;
pub mod rankings;
pub mod response;
pub mod search;
pub mod status;

use super::app::{App, Modal, Screen};
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::ops::Range;

/// Draws the screen, then the modal over it, then the status bar: the order `App::mode` reads
/// the keys in, from the same two values.
pub fn render(app: &App, f: &mut Frame) {
    let area = app.size.rect();
    // Every area comes from `app.size`; a frame of another size (a resize not yet applied) is
    // left alone rather than drawn past its edge. The event loop applies the size first.
    if f.area() != area {
        return;
    }
    if !app.size.fits() {
        too_small(f, area);
        return;
    }
    match &app.screen {
        Screen::Browse => {
            if let Some(areas) = app.areas() {
                list::render(app, f, areas.list);
                response::render(app, f, &areas);
            }
        }
        Screen::Compare(c) => compare::render(app, c, f),
        Screen::Rankings(r) => rankings::render(app, r, f),
    }
    if let Some(m) = &app.modal {
        modal(app, m, f);
    }
    status::render(app, f);
}

/// A modal over the screen; help over the modal it was opened from.
fn modal(app: &App, m: &Modal, f: &mut Frame) {
    match m {
        Modal::Search => search::render(app, f),
        Modal::Help(h) => {
            if let Some(under) = &h.back {
                modal(app, under, f);
            }
            help::render(app, h, f)
        }
        Modal::Picker(p) => picker::render(app, p, f),
        // A filter being typed shows in its pane's title.
        Modal::Filter | Modal::TopicFilter | Modal::RankingsFilter => {}
    }
}

/// The border of a screen of its own (the comparison, the rankings), with its title.
pub fn screen_frame(f: &mut Frame, area: Rect, title: &str, theme: Theme) {
    f.render_widget(
        ratatui::widgets::Block::default()
            .borders(ratatui::widgets::Borders::ALL)
            .title(super::text::span(title, theme.title()))
            .border_style(theme.border_focused()),
        area,
    );
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

/// A vertical scrollbar on the right edge of `area`, when `total` lines do not fit in its
/// `height` rows.
pub fn scrollbar(f: &mut Frame, area: Rect, total: usize, scroll: usize, theme: Theme) {
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

const FOCUS_GUTTER: &str = "▌ ";

/// The lines of a page that `height` rows show from `scroll` (held to the page's end), with the
/// focused range's gutter marked; and the scroll they start at.
pub fn visible_lines(
    lines: &[Line<'static>],
    scroll: usize,
    height: usize,
    focus: Option<&Range<usize>>,
    theme: Theme,
) -> (usize, Vec<Line<'static>>) {
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let mut shown: Vec<Line<'static>> = lines.iter().skip(scroll).take(height).cloned().collect();
    if let Some(range) = focus {
        mark_focus(&mut shown, scroll, range, theme);
    }
    (scroll, shown)
}

/// Marks the focused item's lines, of those shown (`shown` starts at page line `first`).
fn mark_focus(shown: &mut [Line<'static>], first: usize, item: &Range<usize>, theme: Theme) {
    for (k, line) in shown.iter_mut().enumerate() {
        if item.contains(&(first + k))
            && let Some(gutter) = line.spans.first_mut()
        {
            *gutter = Span::styled(FOCUS_GUTTER, theme.border_focused());
        }
    }
}

/// A query line in `area`: the part of the text that fits, scrolled sideways to keep the
/// cursor in view, and while it is being typed (`active`), the terminal's cursor on it.
pub fn query_line(
    f: &mut Frame,
    input: &super::input::LineInput,
    area: Rect,
    active: bool,
    theme: Theme,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let view = input.view(usize::from(area.width));
    f.render_widget(
        Paragraph::new(Line::from(super::text::span(&view.text, theme.bold()))),
        area,
    );
    if active {
        let x = area.x + view.cursor_column.min(area.width - 1);
        f.set_cursor_position((x, area.y));
    }
}
