//! Every area of the screen, worked out from one [`Size`]: the browser's panes, the search
//! overlay, help, the link picker, the message box, the comparison and its columns. Both
//! `App::update` (to keep a focus in view, to map a click to a row) and rendering ask here, so
//! geometry is computed once from state and never stored by the renderer.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use std::ops::Range;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// Answers wrap at most this wide, however wide the terminal: long lines are hard to read.
pub const READING_WIDTH: usize = 100;

/// The terminal's size: the one source every area is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u16,
    pub height: u16,
}

impl Size {
    pub fn new(width: u16, height: u16) -> Size {
        Size { width, height }
    }

    pub fn rect(self) -> Rect {
        Rect::new(0, 0, self.width, self.height)
    }

    /// Big enough for the browser.
    pub fn fits(self) -> bool {
        self.width >= MIN_WIDTH && self.height >= MIN_HEIGHT
    }

    /// Everything above the status bar: overlays sit inside it and never cover the bar.
    pub fn main(self) -> Rect {
        Rect::new(0, 0, self.width, self.height.saturating_sub(1))
    }

    pub fn status(self) -> Rect {
        Rect::new(0, self.height.saturating_sub(1), self.width, 1)
    }
}

/// The browse screen's areas, or `None` when the terminal is too small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The country list, with its border.
    pub list: Rect,
    /// The response pane, with its border.
    pub response: Rect,
    /// The row of tabs inside the response pane.
    pub tabs: Rect,
    /// The line under the tabs: the section's full title.
    pub heading: Rect,
    /// The scrolling text of the current tab (its last column holds the scrollbar).
    pub body: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn at(size: Size) -> Option<Areas> {
        if !size.fits() {
            return None;
        }
        let main = size.main();
        let list_width = (size.width * 28 / 100).clamp(22, 34);
        let [list, response] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)]).areas(main);
        let inner = inside(response);
        let [tabs, heading, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        Some(Areas {
            list,
            response,
            tabs,
            heading,
            body,
            status: size.status(),
        })
    }

    /// Rows of the country list that show countries.
    pub fn list_rows(&self) -> usize {
        usize::from(self.list.height.saturating_sub(2))
    }

    /// The row of the list inside its border.
    pub fn list_inner(&self) -> Rect {
        inside(self.list)
    }

    /// Columns the body's text wraps to: the body less the scrollbar's column, and no wider
    /// than a comfortable reading width.
    pub fn text_width(&self) -> usize {
        usize::from(self.body.width.saturating_sub(1)).min(READING_WIDTH)
    }

    /// Lines of the body.
    pub fn body_rows(&self) -> usize {
        usize::from(self.body.height).max(1)
    }
}

/// A rectangle less a one-cell border.
pub fn inside(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The search overlay's areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchAreas {
    pub popup: Rect,
    /// The query line.
    pub input: Rect,
    /// Match count, "refining…", or what is wrong with the query.
    pub info: Rect,
    /// The hits, one per row.
    pub list: Rect,
    /// The rule between the hits and the preview.
    pub rule: Rect,
    /// The whole answer of the selected hit.
    pub preview: Rect,
}

impl SearchAreas {
    pub fn at(size: Size) -> Option<SearchAreas> {
        if !size.fits() {
            return None;
        }
        // Inside the panes' borders, clear of the status bar.
        let popup = Rect {
            x: 2,
            y: 1,
            width: size.width.saturating_sub(4),
            height: size.height.saturating_sub(3),
        };
        let inner = inside(popup);
        let rest = inner.height.saturating_sub(3);
        let list_rows = (rest * 45 / 100).max(3).min(rest);
        let [input, info, list, rule, preview] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(list_rows),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        Some(SearchAreas {
            popup,
            input,
            info,
            list,
            rule,
            preview,
        })
    }
}

/// Help's box: as wide as the terminal allows up to a reading width, and as tall as the space
/// above the status bar less a margin.
pub fn help_popup(size: Size) -> Rect {
    let main = size.main();
    centered(
        main,
        main.width.saturating_sub(4).min(104),
        main.height.saturating_sub(2),
    )
}

/// The link picker's areas: its box, the filter line and the list of links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PickerAreas {
    pub popup: Rect,
    pub input: Rect,
    pub list: Rect,
}

impl PickerAreas {
    /// For `links` links; the box fits above the status bar however many there are.
    pub fn at(size: Size, links: usize) -> PickerAreas {
        let main = size.main();
        let rows = u16::try_from(links).unwrap_or(u16::MAX).max(1);
        // Border, filter line, rows.
        let h = rows.saturating_add(3).min(main.height.saturating_sub(2));
        let popup = centered(main, main.width.saturating_sub(8).min(100), h);
        let inner = inside(popup);
        let [input, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        PickerAreas { popup, input, list }
    }
}

/// The box for a message too long for the status bar: its wrapped `lines`, just above the bar.
pub fn message_popup(size: Size, lines: usize) -> Rect {
    let main = size.main();
    let h = u16::try_from(lines)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(main.height);
    Rect::new(main.x, main.bottom().saturating_sub(h), main.width, h)
}

/// Columns a message box's text has.
pub fn message_width(size: Size) -> usize {
    usize::from(size.width.saturating_sub(4))
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The comparison screen's areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareAreas {
    /// The whole screen above the status bar, with its border.
    pub frame: Rect,
    /// The column titles.
    pub header: Rect,
    /// The topics and cells, under the titles.
    pub body: Rect,
}

impl CompareAreas {
    pub fn at(size: Size) -> CompareAreas {
        let frame = size.main();
        let inner = inside(frame);
        let header = Rect { height: 1, ..inner };
        let body = Rect {
            y: inner.y.saturating_add(1),
            height: inner.height.saturating_sub(1),
            ..inner
        };
        CompareAreas {
            frame,
            header,
            body,
        }
    }

    pub fn body_rows(&self) -> usize {
        usize::from(self.body.height).max(1)
    }
}

/// The comparison's columns at a width: how wide the topic column is, which response columns
/// fit (from `first`), and how wide each is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CompareColumns {
    pub topic_width: usize,
    pub first: usize,
    pub shown: usize,
    pub width: usize,
}

/// The least width a response column is given before the columns scroll sideways.
const MIN_COLUMN: usize = 26;

impl CompareColumns {
    /// `inner` is the width inside the border; `focused` must be among the columns shown.
    pub fn at(inner: usize, columns: usize, focused: usize, first: usize) -> CompareColumns {
        let topic_width = (inner / 4).clamp(12, 24);
        let rest = inner.saturating_sub(topic_width);
        let fit = ((rest + 1) / (MIN_COLUMN + 1)).max(1);
        let shown = columns.min(fit).max(1);
        let width = (rest.saturating_sub(shown) / shown).max(1);
        let mut first = first.min(columns.saturating_sub(shown));
        if focused < first {
            first = focused;
        } else if focused >= first + shown {
            first = focused + 1 - shown;
        }
        CompareColumns {
            topic_width,
            first,
            shown,
            width,
        }
    }

    /// The x range of shown column `k` (0 is the first shown), relative to the inner area.
    pub fn x(&self, k: usize) -> Range<usize> {
        let start = self.topic_width + k * (self.width + 1) + 1;
        start..start + self.width
    }
}

/// The tabs that fit in `width` columns with the selected one showing: the first shown, and the
/// column range each shown tab takes, by tab index. `widths` are the tabs' label widths.
pub fn tab_window(
    widths: &[u16],
    selected: usize,
    width: u16,
) -> (usize, Vec<(usize, Range<u16>)>) {
    // Drop tabs from the left until the selected one ends inside the width.
    let mut first = 0;
    while first < selected {
        let end: u32 = widths[first..=selected]
            .iter()
            .map(|w| u32::from(*w) + 1)
            .sum::<u32>()
            + 2;
        if end <= u32::from(width) {
            break;
        }
        first += 1;
    }
    // A tab cut off on the left is marked "‹" in the first column.
    let mut x = u16::from(first > 0);
    let mut spans = Vec::new();
    for (i, w) in widths.iter().enumerate().skip(first) {
        if x >= width {
            break;
        }
        spans.push((i, x..x.saturating_add(*w).min(width)));
        x = x.saturating_add(*w).saturating_add(1); // the divider
    }
    (first, spans)
}

/// A query line set into a pane's top border after its title: as wide as its text and a cursor
/// (at least 8 columns, at most `max`), short of the corner.
pub fn title_field(pane: Rect, title_width: usize, text_width: usize, max: u16) -> Rect {
    let x = pane
        .x
        .saturating_add(1)
        .saturating_add(u16::try_from(title_width).unwrap_or(u16::MAX));
    let room = pane.right().saturating_sub(x).saturating_sub(1);
    let want = u16::try_from(text_width + 1)
        .unwrap_or(u16::MAX)
        .clamp(8, max);
    Rect::new(x.min(pane.right()), pane.y, want.min(room), 1)
}

/// Where a tall topic's pinned name goes: `lines` rows at the top of the comparison's body,
/// in the topic column from the gutter's second cell.
pub fn pinned_topic(body: Rect, cols: &CompareColumns, lines: usize) -> Rect {
    let width = u16::try_from(cols.topic_width.saturating_sub(1)).unwrap_or(0);
    Rect::new(
        body.x.saturating_add(1),
        body.y,
        width.min(body.width.saturating_sub(1)),
        u16::try_from(lines).unwrap_or(1).min(body.height),
    )
}

/// Whether `(column, row)` is inside `r`.
pub fn contains(r: Rect, column: u16, row: u16) -> bool {
    r.contains(ratatui::layout::Position::new(column, row))
}
