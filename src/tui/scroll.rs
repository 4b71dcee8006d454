//! One scrolling type for every list of rows seen through a view of fewer lines: the country
//! list, search hits, the link picker and help (rows one line tall), and the items of a section
//! and the topics of a comparison (rows as tall as their text). It holds the focused row and the
//! first line shown; the rows themselves are passed in, so it never goes stale.
//!
//! Inside a focused row taller than the view, a step reads on by a third of the view before it
//! moves to the next row, so every line of a tall answer can be read.

use std::ops::Range;

/// The rows being scrolled: how many, and which lines each takes.
pub trait Rows {
    fn count(&self) -> usize;
    fn lines(&self, row: usize) -> Range<usize>;
    /// Lines in all.
    fn total(&self) -> usize;
}

impl Rows for [Range<usize>] {
    fn count(&self) -> usize {
        self.len()
    }
    fn lines(&self, row: usize) -> Range<usize> {
        self.get(row).cloned().unwrap_or(0..0)
    }
    fn total(&self) -> usize {
        self.last().map_or(0, |r| r.end)
    }
}

/// Rows one line each: a list.
#[derive(Debug, Clone, Copy)]
pub struct Lines(pub usize);

impl Rows for Lines {
    fn count(&self) -> usize {
        self.0
    }
    fn lines(&self, row: usize) -> Range<usize> {
        row..row + 1
    }
    fn total(&self) -> usize {
        self.0
    }
}

/// A page whose rows do not cover every line (a group heading between rows): its rows, and its
/// length in lines.
pub struct Page<'a> {
    pub rows: &'a [Range<usize>],
    pub total: usize,
}

impl Rows for Page<'_> {
    fn count(&self) -> usize {
        self.rows.len()
    }
    fn lines(&self, row: usize) -> Range<usize> {
        self.rows.lines(row)
    }
    fn total(&self) -> usize {
        self.total
    }
}

/// How far a page key scrolls a view of `height` lines: all but one, so a line stays in view.
pub fn page_step(height: usize) -> isize {
    isize::try_from(height.saturating_sub(1).max(1)).unwrap_or(isize::MAX)
}

/// The focused row and the first line shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub focus: usize,
    pub offset: usize,
}

impl Scroll {
    /// One row on (`delta` of ±1), reading on inside a tall row first; a longer step moves the
    /// focus by that many rows.
    pub fn step(&mut self, rows: &(impl Rows + ?Sized), height: usize, delta: isize) {
        let h = height.max(1);
        let stride = (h / 3).max(1);
        let current = rows.lines(self.focus);
        if delta == 1 && current.end > self.offset + h {
            self.offset = (self.offset + stride).min(current.end - h);
        } else if delta == -1 && current.start < self.offset && self.focus < rows.count() {
            self.offset = self.offset.saturating_sub(stride).max(current.start);
        } else {
            let next = self
                .focus
                .saturating_add_signed(delta)
                .min(rows.count().saturating_sub(1));
            if next != self.focus {
                self.focus = next;
                self.show_focus(rows, h);
            }
        }
    }

    /// Moves the focus to a row and brings it into view.
    pub fn focus_on(&mut self, rows: &(impl Rows + ?Sized), height: usize, row: usize) {
        self.focus = row.min(rows.count().saturating_sub(1));
        self.show_focus(rows, height);
    }

    /// The first row, or the last with the page's end in view.
    pub fn jump(&mut self, rows: &(impl Rows + ?Sized), height: usize, end: bool) {
        if end {
            self.focus = rows.count().saturating_sub(1);
            self.offset = rows.total().saturating_sub(height.max(1));
        } else {
            self.focus = 0;
            self.offset = 0;
        }
    }

    /// Scrolls by lines (a page, the wheel); the focus follows to the first row in view.
    pub fn scroll_by(&mut self, rows: &(impl Rows + ?Sized), height: usize, lines: isize) {
        let h = height.max(1);
        let max = rows.total().saturating_sub(h);
        self.offset = self.offset.saturating_add_signed(lines).min(max);
        let (top, bottom) = (self.offset, self.offset + h);
        let shows = |r: Range<usize>| r.end > top && r.start < bottom;
        if shows(rows.lines(self.focus)) {
            return;
        }
        if let Some(k) = (0..rows.count()).find(|&k| shows(rows.lines(k))) {
            self.focus = k;
        }
    }

    /// Scrolls as little as brings the focused row into view: its start, and as much of it as
    /// fits.
    pub fn show_focus(&mut self, rows: &(impl Rows + ?Sized), height: usize) {
        let h = height.max(1);
        let r = rows.lines(self.focus);
        if r.start < self.offset {
            self.offset = r.start;
        } else if r.end > self.offset + h {
            self.offset = r.end.saturating_sub(h).min(r.start);
        }
    }

    /// Holds both positions to what exists: after a resize, a filter, new results. A focused
    /// row that has left the view altogether is brought back.
    pub fn settle(&mut self, rows: &(impl Rows + ?Sized), height: usize) {
        let h = height.max(1);
        self.focus = self.focus.min(rows.count().saturating_sub(1));
        self.offset = self.offset.min(rows.total().saturating_sub(h));
        let r = rows.lines(self.focus);
        if rows.count() > 0 && (r.end <= self.offset || r.start >= self.offset + h) {
            self.show_focus(rows, h);
        }
    }

    /// The row a line of the view shows, for a click.
    pub fn row_at(&self, rows: &(impl Rows + ?Sized), view_line: usize) -> Option<usize> {
        let line = self.offset + view_line;
        (0..rows.count()).find(|&k| rows.lines(k).contains(&line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tall() -> Vec<Range<usize>> {
        // Rows of 2, 12 and 3 lines with a blank line between.
        vec![0..2, 3..15, 16..19]
    }

    #[test]
    fn a_step_reads_through_a_tall_row_before_moving_on() {
        let rows = tall();
        let mut s = Scroll::default();
        s.step(rows.as_slice(), 6, 1);
        assert_eq!((s.focus, s.offset), (1, 3));
        let mut seen = vec![s.offset];
        while s.focus == 1 {
            s.step(rows.as_slice(), 6, 1);
            seen.push(s.offset);
        }
        // The row's last line (14) was in view before the focus left it.
        assert!(seen.iter().any(|&o| o + 6 >= 15), "{seen:?}");
        assert_eq!(s.focus, 2);
    }

    #[test]
    fn scrolling_moves_the_focus_into_view_and_stops_at_the_end() {
        let rows = tall();
        let mut s = Scroll::default();
        s.scroll_by(rows.as_slice(), 4, 100);
        assert_eq!((s.focus, s.offset), (2, 15));
        s.scroll_by(rows.as_slice(), 4, -100);
        assert_eq!((s.focus, s.offset), (0, 0));
    }

    #[test]
    fn a_list_keeps_its_selection_in_view() {
        let mut s = Scroll::default();
        for _ in 0..20 {
            s.step(&Lines(30), 5, 1);
        }
        assert_eq!(s.focus, 20);
        assert_eq!(s.offset, 16);
        s.settle(&Lines(3), 5);
        assert_eq!((s.focus, s.offset), (2, 0));
        assert_eq!(s.row_at(&Lines(3), 1), Some(1));
        assert_eq!(s.row_at(&Lines(3), 4), None);
    }
}
