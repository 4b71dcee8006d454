//! One line of text input with a cursor, shared by the search query and the list and compare
//! filters: readline-style editing ([`Edit`]) and the part of the line a field of a given width
//! shows ([`LineInput::view`]). The cursor is a byte offset that always sits on a grapheme
//! boundary, so an accented letter written as a base and a combining mark, or an emoji with a
//! skin-tone modifier, is one thing to move over and is never split on screen. Widths are
//! measured per grapheme with `unicode-width`, as ratatui measures what it draws. The text never
//! holds a character that [`crate::sanitize`] would replace, so what the view measures is what
//! the terminal shows. No terminal types here: the renderer turns an [`InputView`] into a span.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The marker drawn in the first column when the text goes on to the left of the field.
pub const CLIPPED_LEFT: char = '‹';
/// The marker drawn in the last column when the text goes on to the right of the field.
pub const CLIPPED_RIGHT: char = '›';

/// One editing command, as readline (Emacs mode) and bash's line editor have them.
///
/// A *word* is a run of graphemes that start with an alphanumeric character of any script
/// (`char::is_alphanumeric`), so `country:mn`, `e-gov` and `中文 portal` hold two words each.
/// [`Edit::DeleteWordBack`] serves both Ctrl-W and Alt-Backspace with readline's
/// `backward-kill-word` meaning, not bash's `unix-word-rubout` (which deletes back to the
/// previous whitespace): a query is mostly filters such as `country:mn` and hyphenated terms, and
/// taking back the last word of one is the finer step; two presses take the whole filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Types a character before the cursor. Control and invisible characters are refused.
    Insert(char),
    /// Deletes the character before the cursor: one code point, so it takes back the last
    /// character typed, such as a combining accent or an Indic vowel sign, and leaves its base.
    Backspace,
    /// Deletes the grapheme under the cursor, whole.
    Delete,
    /// Moves one grapheme left.
    Left,
    /// Moves one grapheme right.
    Right,
    /// Moves to the start of the line.
    Home,
    /// Moves to the end of the line.
    End,
    /// Moves back over non-word graphemes, then to the start of the word (readline
    /// `backward-word`, Alt-B).
    WordLeft,
    /// Moves forward over non-word graphemes, then to the end of the word (readline
    /// `forward-word`, Alt-F).
    WordRight,
    /// Deletes from where [`Edit::WordLeft`] would go to the cursor (Ctrl-W, Alt-Backspace).
    DeleteWordBack,
    /// Deletes from the start of the line to the cursor (Ctrl-U).
    KillToStart,
    /// Deletes from the cursor to the end of the line (Ctrl-K).
    KillToEnd,
}

/// A line of text and a cursor in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// A byte offset into `text` on a grapheme boundary.
    cursor: usize,
}

/// What a field shows of a [`LineInput`]: ready to draw from the field's first column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputView {
    /// The visible part of the text, with [`CLIPPED_LEFT`] before it when `clipped_left` and
    /// [`CLIPPED_RIGHT`] in the field's last column when `clipped_right`. It is never wider than
    /// the field.
    pub text: String,
    /// The cursor's column from the field's left edge; always inside the field when it is at
    /// least one column wide. The cursor sits on the grapheme it is before, or just after the
    /// text when it is at the end.
    pub cursor_column: u16,
    /// Text is hidden to the left and `text` starts with the marker.
    pub clipped_left: bool,
    /// Text is hidden to the right and `text` ends with the marker.
    pub clipped_right: bool,
}

/// Characters a line input never holds: they would move the terminal's cursor or reach it as a
/// placeholder of a different width from what was measured.
fn refused(c: char) -> bool {
    c.is_control() || crate::sanitize::is_invisible(c)
}

fn is_word(grapheme: &str) -> bool {
    grapheme.chars().next().is_some_and(char::is_alphanumeric)
}

impl LineInput {
    pub fn new() -> Self {
        Self::default()
    }

    /// A line holding `s`, with the cursor at the end.
    pub fn with_text(s: &str) -> Self {
        let mut input = Self::new();
        input.set(s);
        input
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte offset into [`LineInput::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Replaces the text and puts the cursor at the end. Text from elsewhere (history, a paste)
    /// may hold line breaks or tabs: those become spaces, and other refused characters are
    /// dropped, so the line stays one line of drawable text.
    pub fn set(&mut self, s: &str) {
        self.text = s
            .chars()
            .filter_map(|c| {
                if c.is_whitespace() && c.is_control() {
                    Some(' ')
                } else if refused(c) {
                    None
                } else {
                    Some(c)
                }
            })
            .collect();
        self.cursor = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Applies an edit; returns whether the text changed (a cursor move returns false).
    pub fn apply(&mut self, e: Edit) -> bool {
        let before = self.text.len();
        match e {
            Edit::Insert(c) => {
                if refused(c) {
                    return false;
                }
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                // A mark typed before another mark, or a regional indicator that pairs anew,
                // can make the cursor fall inside a grapheme: it goes to that grapheme's end,
                // after what was typed.
                self.snap_forward();
                return true;
            }
            Edit::Backspace => {
                let Some(c) = self.text[..self.cursor].chars().next_back() else {
                    return false;
                };
                self.cursor -= c.len_utf8();
                self.text.remove(self.cursor);
            }
            Edit::Delete => {
                let end = self.next_boundary(self.cursor);
                self.text.replace_range(self.cursor..end, "");
            }
            Edit::Left => self.cursor = self.prev_boundary(self.cursor),
            Edit::Right => self.cursor = self.next_boundary(self.cursor),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.text.len(),
            Edit::WordLeft => self.cursor = self.word_left(),
            Edit::WordRight => self.cursor = self.word_right(),
            Edit::DeleteWordBack => {
                let start = self.word_left();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Edit::KillToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Edit::KillToEnd => self.text.truncate(self.cursor),
        }
        // Every other edit only removes text, so a change shows in the length.
        let changed = self.text.len() != before;
        if changed {
            // What is left on either side of a deletion can join into one grapheme (two
            // regional indicators make a flag): the cursor goes to that grapheme's start.
            self.snap_back();
        }
        changed
    }

    /// Byte offsets where graphemes start, and the text's end.
    fn boundaries(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain(std::iter::once(self.text.len()))
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.boundaries().rev().find(|&b| b < at).unwrap_or(0)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.boundaries()
            .find(|&b| b > at)
            .unwrap_or(self.text.len())
    }

    /// Moves the cursor forward to the nearest grapheme boundary, if it is not on one.
    fn snap_forward(&mut self) {
        let at = self.cursor;
        let snapped = self.boundaries().find(|&b| b >= at);
        self.cursor = snapped.unwrap_or(self.text.len());
    }

    /// Moves the cursor back to the nearest grapheme boundary, if it is not on one.
    fn snap_back(&mut self) {
        let at = self.cursor;
        let snapped = self.boundaries().rev().find(|&b| b <= at);
        self.cursor = snapped.unwrap_or(0);
    }

    fn word_left(&self) -> usize {
        let graphemes: Vec<(usize, &str)> =
            self.text[..self.cursor].grapheme_indices(true).collect();
        let mut i = graphemes.len();
        while i > 0 && !is_word(graphemes[i - 1].1) {
            i -= 1;
        }
        while i > 0 && is_word(graphemes[i - 1].1) {
            i -= 1;
        }
        graphemes.get(i).map_or(self.cursor, |g| g.0)
    }

    fn word_right(&self) -> usize {
        let mut graphemes = self.text[self.cursor..]
            .grapheme_indices(true)
            .map(|(i, g)| (self.cursor + i, g))
            .peekable();
        while graphemes.next_if(|g| !is_word(g.1)).is_some() {}
        while graphemes.next_if(|g| is_word(g.1)).is_some() {}
        graphemes.peek().map_or(self.text.len(), |g| g.0)
    }

    /// What a field `width` columns wide shows: the visible part of the text and the cursor's
    /// column in it.
    ///
    /// The window is worked out from the text, the cursor and the width alone, so a renderer
    /// holding `&self` can call it, and the same state always looks the same:
    /// - text narrower than the field is shown whole, with a column to spare for the cursor at
    ///   the end;
    /// - otherwise the cursor's grapheme is shown first, then up to a quarter of the field of
    ///   text after it as context, then as much text before it as fits, then more after it if
    ///   room is left. So with the cursor at the end the tail shows, and a cursor near the start
    ///   shows the start;
    /// - a marker eats a column: [`CLIPPED_LEFT`] takes the first column when text is hidden to
    ///   the left, [`CLIPPED_RIGHT`] the last when text is hidden to the right. In a field too
    ///   narrow for both markers and the cursor's grapheme (under four columns), no markers are
    ///   drawn and the cursor's grapheme has the field to itself;
    /// - a wide grapheme that does not fit is left out whole, never cut in half; when the
    ///   cursor's own grapheme is wider than the field, nothing is shown.
    pub fn view(&self, width: usize) -> InputView {
        let width = width.min(usize::from(u16::MAX));
        let cells: Vec<(usize, &str, usize)> = self
            .text
            .grapheme_indices(true)
            .map(|(i, g)| (i, g, g.width()))
            .collect();
        let cursor = cells
            .iter()
            .position(|c| c.0 >= self.cursor)
            .unwrap_or(cells.len());
        let layout = Layout {
            widths: cells.iter().map(|c| c.2).collect(),
            cursor,
            width,
        };
        let window = if layout.fits() {
            Some(Window {
                start: 0,
                end: cells.len(),
                markers: false,
            })
        } else {
            layout.window(true).or_else(|| layout.window(false))
        };
        let Some(w) = window else {
            return InputView {
                text: String::new(),
                cursor_column: 0,
                clipped_left: false,
                clipped_right: false,
            };
        };
        let clipped_left = w.markers && w.start > 0;
        let clipped_right = w.markers && w.end < cells.len();
        let mut text = String::new();
        if clipped_left {
            text.push(CLIPPED_LEFT);
        }
        let mut used = usize::from(clipped_left);
        for cell in &cells[w.start..w.end] {
            text.push_str(cell.1);
            used += cell.2;
        }
        if clipped_right {
            // The marker goes in the last column even when a wide grapheme left a gap.
            text.extend(std::iter::repeat_n(' ', width.saturating_sub(used + 1)));
            text.push(CLIPPED_RIGHT);
        }
        let column = usize::from(clipped_left) + layout.span(w.start, cursor);
        InputView {
            text,
            cursor_column: u16::try_from(column).unwrap_or(u16::MAX),
            clipped_left,
            clipped_right,
        }
    }
}

/// Which graphemes a view shows: `start..end`, and whether markers are drawn.
struct Window {
    start: usize,
    end: usize,
    markers: bool,
}

/// The sizes [`LineInput::view`] works from: each grapheme's width, the cursor as a grapheme
/// index (`widths.len()` when at the end), the field's width.
struct Layout {
    widths: Vec<usize>,
    cursor: usize,
    width: usize,
}

impl Layout {
    fn len(&self) -> usize {
        self.widths.len()
    }

    fn span(&self, start: usize, end: usize) -> usize {
        self.widths[start..end].iter().sum()
    }

    /// The whole text and a column for the cursor after it.
    fn fits(&self) -> bool {
        self.span(0, self.len()) < self.width
    }

    /// Columns that showing `start..end` takes: the graphemes, the cursor's cell after the text
    /// when it is at the end, and the markers.
    fn need(&self, start: usize, end: usize, markers: bool) -> usize {
        let n = self.len();
        self.span(start, end)
            + usize::from(self.cursor == n)
            + usize::from(markers && start > 0)
            + usize::from(markers && end < n)
    }

    fn window(&self, markers: bool) -> Option<Window> {
        let (n, c, width) = (self.len(), self.cursor, self.width);
        let mut start = c;
        let mut end = if c < n { c + 1 } else { n };
        if self.need(start, end, markers) > width {
            return None;
        }
        // Context after the cursor first, so the next few characters stay in sight.
        let context = width / 4;
        while end < n
            && self.span(c + 1, end + 1) <= context
            && self.need(start, end + 1, markers) <= width
        {
            end += 1;
        }
        while start > 0 && self.need(start - 1, end, markers) <= width {
            start -= 1;
        }
        while end < n && self.need(start, end + 1, markers) <= width {
            end += 1;
        }
        Some(Window {
            start,
            end,
            markers,
        })
    }
}

impl LineInput {
    /// Whether `hay` holds every word of the line, ignoring case: how the picker and the topic
    /// filter read what is typed into them.
    pub fn words_in(&self, hay: &str) -> bool {
        let hay = hay.to_lowercase();
        self.text()
            .to_lowercase()
            .split_whitespace()
            .all(|w| hay.contains(w))
    }
}

#[cfg(test)]
mod tests;
