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

#[cfg(test)]
mod tests {
    use super::*;
    use Edit::*;

    /// The text with `|` at the cursor.
    fn show(input: &LineInput) -> String {
        let mut s = input.text().to_string();
        s.insert(input.cursor(), '|');
        s
    }

    /// A line from text with `|` marking the cursor.
    fn at(marked: &str) -> LineInput {
        let cursor = marked.find('|').expect("a cursor mark");
        LineInput {
            text: marked.replacen('|', "", 1),
            cursor,
        }
    }

    fn after(marked: &str, edit: Edit) -> (String, bool) {
        let mut input = at(marked);
        let changed = input.apply(edit);
        (show(&input), changed)
    }

    #[test]
    fn constructors_put_the_cursor_at_the_end() {
        let input = LineInput::with_text("中文 é");
        assert_eq!(input.cursor(), input.text().len());
        assert_eq!(show(&input), "中文 é|");
        assert!(LineInput::new().is_empty());
        let mut input = LineInput::with_text("abc");
        input.apply(Home);
        input.set("xy");
        assert_eq!(show(&input), "xy|");
        input.clear();
        assert_eq!(show(&input), "|");
        assert!(input.is_empty());
    }

    #[test]
    fn set_makes_one_line_of_drawable_text() {
        let input = LineInput::with_text("a\tb\nc\u{1b}[2J\u{202e}d");
        assert_eq!(input.text(), "a b c[2Jd");
    }

    #[test]
    fn insert_at_start_middle_end() {
        assert_eq!(after("|bc", Insert('a')), ("a|bc".into(), true));
        assert_eq!(after("a|c", Insert('b')), ("ab|c".into(), true));
        assert_eq!(after("ab|", Insert('c')), ("abc|".into(), true));
        assert_eq!(after("|", Insert('中')), ("中|".into(), true));
        assert_eq!(after("中|", Insert('文')), ("中文|".into(), true));
        assert_eq!(after("a|b", Insert('é')), ("aé|b".into(), true));
        assert_eq!(after("|", Insert('🙂')), ("🙂|".into(), true));
    }

    #[test]
    fn control_and_invisible_characters_are_refused() {
        for c in [
            '\u{1b}', '\n', '\t', '\u{7f}', '\u{9b}', '\u{202e}', '\u{200b}',
        ] {
            assert_eq!(after("a|b", Insert(c)), ("a|b".into(), false), "{c:?}");
        }
    }

    #[test]
    fn a_combining_mark_joins_its_base() {
        // Typed after its base, the mark makes one grapheme with it and the cursor follows.
        assert_eq!(after("e|x", Insert('\u{301}')), ("e\u{301}|x".into(), true));
        // A base typed before a lone mark takes the mark: the cursor goes past both.
        assert_eq!(after("|\u{301}x", Insert('e')), ("e\u{301}|x".into(), true));
        // Moving and deleting forward take the grapheme whole; Backspace takes the mark back.
        assert_eq!(after("|e\u{301}x", Right), ("e\u{301}|x".into(), false));
        assert_eq!(after("e\u{301}|x", Left), ("|e\u{301}x".into(), false));
        assert_eq!(after("|e\u{301}x", Delete), ("|x".into(), true));
        assert_eq!(after("e\u{301}|x", Backspace), ("e|x".into(), true));
    }

    #[test]
    fn a_deletion_that_joins_graphemes_leaves_the_cursor_at_the_start_of_the_join() {
        // Two regional indicators left side by side make one flag (found by the property test).
        assert_eq!(after("🇲|a🇳", Delete), ("|🇲🇳".into(), true));
        assert_eq!(after("🇲🇳|🇲", Backspace), ("|🇲🇲".into(), true));
        assert_eq!(after("🇲 |🇳", Backspace), ("|🇲🇳".into(), true));
    }

    #[test]
    fn backspace_and_delete_at_the_edges() {
        assert_eq!(after("|", Backspace), ("|".into(), false));
        assert_eq!(after("|", Delete), ("|".into(), false));
        assert_eq!(after("|ab", Backspace), ("|ab".into(), false));
        assert_eq!(after("ab|", Delete), ("ab|".into(), false));
        assert_eq!(after("ab|", Backspace), ("a|".into(), true));
        assert_eq!(after("|ab", Delete), ("|b".into(), true));
        assert_eq!(after("a|b", Backspace), ("|b".into(), true));
        assert_eq!(after("a|b", Delete), ("a|".into(), true));
        assert_eq!(after("中文|", Backspace), ("中|".into(), true));
        assert_eq!(after("|中文", Delete), ("|文".into(), true));
        assert_eq!(after("x🙂|", Backspace), ("x|".into(), true));
        assert_eq!(after("é|", Backspace), ("|".into(), true));
    }

    #[test]
    fn moves_change_nothing_and_stop_at_the_edges() {
        assert_eq!(after("|ab", Left), ("|ab".into(), false));
        assert_eq!(after("ab|", Right), ("ab|".into(), false));
        assert_eq!(after("a|b", Left), ("|ab".into(), false));
        assert_eq!(after("a|b", Right), ("ab|".into(), false));
        assert_eq!(after("中|文", Right), ("中文|".into(), false));
        assert_eq!(after("中|文", Left), ("|中文".into(), false));
        assert_eq!(after("🙂|🙂", Left), ("|🙂🙂".into(), false));
        assert_eq!(after("a|b", Home), ("|ab".into(), false));
        assert_eq!(after("a|b", End), ("ab|".into(), false));
        assert_eq!(after("|", Home), ("|".into(), false));
        assert_eq!(after("|", End), ("|".into(), false));
        // A skin-tone modifier and a flag are one grapheme each.
        assert_eq!(after("|👍🏽🇲🇳", Right), ("👍🏽|🇲🇳".into(), false));
        assert_eq!(after("👍🏽|🇲🇳", Right), ("👍🏽🇲🇳|".into(), false));
    }

    #[test]
    fn word_moves_follow_readline() {
        assert_eq!(after("foo bar|", WordLeft), ("foo |bar".into(), false));
        assert_eq!(after("foo |bar", WordLeft), ("|foo bar".into(), false));
        assert_eq!(after("foo ba|r", WordLeft), ("foo |bar".into(), false));
        assert_eq!(after("|foo", WordLeft), ("|foo".into(), false));
        assert_eq!(
            after("country:mn  |", WordLeft),
            ("country:|mn  ".into(), false)
        );
        assert_eq!(after("|foo bar", WordRight), ("foo| bar".into(), false));
        assert_eq!(after("foo| bar", WordRight), ("foo bar|".into(), false));
        assert_eq!(after("f|oo bar", WordRight), ("foo| bar".into(), false));
        assert_eq!(after("foo|", WordRight), ("foo|".into(), false));
        assert_eq!(after("|  ", WordRight), ("  |".into(), false));
        assert_eq!(after("  |", WordLeft), ("|  ".into(), false));
        // Words of any script, and accents that belong to them.
        assert_eq!(
            after("портал 中文|", WordLeft),
            ("портал |中文".into(), false)
        );
        assert_eq!(
            after("|cafe\u{301} x", WordRight),
            ("cafe\u{301}| x".into(), false)
        );
    }

    #[test]
    fn delete_word_back() {
        assert_eq!(after("foo bar|", DeleteWordBack), ("foo |".into(), true));
        assert_eq!(after("foo bar  |", DeleteWordBack), ("foo |".into(), true));
        assert_eq!(after("foo ba|r", DeleteWordBack), ("foo |r".into(), true));
        assert_eq!(after("|foo", DeleteWordBack), ("|foo".into(), false));
        assert_eq!(after("|", DeleteWordBack), ("|".into(), false));
        assert_eq!(
            after("country:mn|", DeleteWordBack),
            ("country:|".into(), true)
        );
        assert_eq!(after("country:|", DeleteWordBack), ("|".into(), true));
        assert_eq!(after("e-gov|", DeleteWordBack), ("e-|".into(), true));
        assert_eq!(
            after("中文 портал|", DeleteWordBack),
            ("中文 |".into(), true)
        );
        assert_eq!(after("🙂🙂|", DeleteWordBack), ("|".into(), true));
    }

    #[test]
    fn kills_to_start_and_end() {
        assert_eq!(after("foo |bar", KillToStart), ("|bar".into(), true));
        assert_eq!(after("|bar", KillToStart), ("|bar".into(), false));
        assert_eq!(after("bar|", KillToStart), ("|".into(), true));
        assert_eq!(after("foo |bar", KillToEnd), ("foo |".into(), true));
        assert_eq!(after("bar|", KillToEnd), ("bar|".into(), false));
        assert_eq!(after("|bar", KillToEnd), ("|".into(), true));
        assert_eq!(after("中|文", KillToEnd), ("中|".into(), true));
        assert_eq!(after("中|文", KillToStart), ("|文".into(), true));
    }

    fn view(marked: &str, width: usize) -> (String, u16) {
        let v = at(marked).view(width);
        (v.text, v.cursor_column)
    }

    #[test]
    fn short_text_is_shown_whole() {
        assert_eq!(view("|", 10), ("".into(), 0));
        assert_eq!(view("ab|", 10), ("ab".into(), 2));
        assert_eq!(view("a|b", 3), ("ab".into(), 1));
        assert_eq!(view("中文|", 5), ("中文".into(), 4));
        assert_eq!(view("中|文", 5), ("中文".into(), 2));
        assert_eq!(view("e\u{301}|x", 3), ("e\u{301}x".into(), 1));
        let v = at("ab|").view(10);
        assert!(!v.clipped_left && !v.clipped_right);
    }

    #[test]
    fn a_long_text_with_the_cursor_at_the_end_shows_its_tail() {
        let v = at("abcdefghij|").view(6);
        assert_eq!(v.text, "‹ghij");
        assert_eq!(v.cursor_column, 5);
        assert!(v.clipped_left && !v.clipped_right);
        // Text exactly as wide as the field leaves no cell for the cursor after it.
        assert_eq!(view("abcd|", 4), ("‹cd".into(), 3));
    }

    #[test]
    fn a_long_text_with_the_cursor_at_the_start_shows_its_start() {
        let v = at("|abcdefghij").view(6);
        assert_eq!(v.text, "abcde›");
        assert_eq!(v.cursor_column, 0);
        assert!(!v.clipped_left && v.clipped_right);
        // The cursor on a character: the whole text fits when it is as wide as the field.
        assert_eq!(view("|abcd", 4), ("abcd".into(), 0));
    }

    #[test]
    fn a_cursor_in_the_middle_keeps_context_on_its_right() {
        // A quarter of 12 columns is 3: "mno" after the cursor's "l", then what fits before.
        let v = at("abcdefghijk|lmnopqrstuvwxyz").view(12);
        assert_eq!(v.text, "‹fghijklmno›");
        assert_eq!(v.cursor_column, 7);
        assert!(v.clipped_left && v.clipped_right);
        // Where the start fits, it is shown, and the rest of the field goes to the right.
        let v = at("abcdefghijk|lmnopqrstuvwxyz").view(20);
        assert_eq!(v.text, "abcdefghijklmnopqrs›");
        assert_eq!(v.cursor_column, 11);
        // Moving the cursor one step moves the window one step: the cursor keeps its column.
        let v = at("abcdefghij|klmnopqrstuvwxyz").view(12);
        assert_eq!(v.text, "‹efghijklmn›");
        assert_eq!(v.cursor_column, 7);
    }

    #[test]
    fn wide_characters_are_never_split() {
        // "‹" then 2-column characters: an odd gap is left as a space before "›".
        let v = at("中文中|文中文中文").view(7);
        assert_eq!(v.text, "‹中文 ›");
        assert_eq!(v.cursor_column, 3);
        let v = at("中文中文中文|").view(6);
        assert_eq!(v.text, "‹中文");
        assert_eq!(v.cursor_column, 5);
        assert_eq!(view("|中文中文", 5), ("中文›".into(), 0));
        assert_eq!(view("🙂🙂🙂|", 4), ("‹🙂".into(), 3));
    }

    #[test]
    fn narrow_fields() {
        // Zero columns: nothing, and the cursor at 0.
        assert_eq!(view("abc|", 0), ("".into(), 0));
        assert_eq!(view("|", 0), ("".into(), 0));
        // One column: the cursor's cell only.
        assert_eq!(view("|", 1), ("".into(), 0));
        assert_eq!(view("abc|", 1), ("".into(), 0));
        assert_eq!(view("a|bc", 1), ("b".into(), 0));
        assert_eq!(view("a|中c", 1), ("".into(), 0));
        // Two: a marker and the cursor after the text, or the character under the cursor.
        assert_eq!(view("abc|", 2), ("‹".into(), 1));
        assert_eq!(view("|abc", 2), ("a›".into(), 0));
        // No room for markers on both sides of the cursor: none are drawn.
        assert_eq!(view("a|bc", 2), ("ab".into(), 1));
        assert_eq!(view("a|中c", 2), ("中".into(), 0));
        // Three: room for both markers around a narrow cursor character.
        assert_eq!(view("ab|cde", 3), ("‹c›".into(), 1));
        assert_eq!(view("ab|cd", 3), ("‹cd".into(), 1));
        assert_eq!(view("a|bcd", 3), ("ab›".into(), 1));
        assert_eq!(view("a|bc", 3), ("abc".into(), 1));
        assert_eq!(view("abc|", 3), ("‹c".into(), 2));
        assert_eq!(view("a|中c", 3), ("a中".into(), 1));
        // Four: markers around a wide one too.
        assert_eq!(view("ab|中cd", 4), ("‹中›".into(), 1));
        assert_eq!(view("a|中c", 4), ("a中c".into(), 1));
        assert_eq!(view("abcde|", 4), ("‹de".into(), 3));
        // Five.
        assert_eq!(view("ab|cdefg", 5), ("abcd›".into(), 2));
        assert_eq!(view("abc|defg", 5), ("‹cde›".into(), 2));
        assert_eq!(view("abcdefg|", 5), ("‹efg".into(), 4));
        assert_eq!(view("|abcdefg", 5), ("abcd›".into(), 0));
    }

    #[test]
    fn markers_are_one_column_each() {
        assert_eq!(UnicodeWidthStr::width(CLIPPED_LEFT.to_string().as_str()), 1);
        assert_eq!(
            UnicodeWidthStr::width(CLIPPED_RIGHT.to_string().as_str()),
            1
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn edit() -> impl Strategy<Value = Edit> {
        let chars = prop_oneof![
            Just('a'),
            Just(' '),
            Just('-'),
            Just('é'),
            Just('e'),
            Just('\u{301}'),
            Just('中'),
            Just('🙂'),
            Just('🏽'),
            Just('🇲'),
            Just('\u{1b}'),
            any::<char>(),
        ];
        prop_oneof![
            4 => chars.prop_map(Edit::Insert),
            1 => Just(Edit::Backspace),
            1 => Just(Edit::Delete),
            1 => Just(Edit::Left),
            1 => Just(Edit::Right),
            1 => Just(Edit::Home),
            1 => Just(Edit::End),
            1 => Just(Edit::WordLeft),
            1 => Just(Edit::WordRight),
            1 => Just(Edit::DeleteWordBack),
            1 => Just(Edit::KillToStart),
            1 => Just(Edit::KillToEnd),
        ]
    }

    fn on_boundary(input: &LineInput) -> bool {
        input.boundaries().any(|b| b == input.cursor())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn edits_keep_the_cursor_on_a_boundary_and_the_text_clean(
            edits in proptest::collection::vec(edit(), 0..60),
        ) {
            let mut input = LineInput::new();
            for e in edits {
                let before = input.text().to_string();
                let changed = input.apply(e);
                prop_assert_eq!(changed, input.text() != before, "{:?}", e);
                prop_assert!(input.cursor() <= input.text().len());
                prop_assert!(on_boundary(&input), "{:?} after {:?}", input, e);
                prop_assert!(!input.text().chars().any(refused));
            }
        }

        #[test]
        fn the_cursor_is_always_in_the_view(
            edits in proptest::collection::vec(edit(), 0..60),
            width in 0usize..24,
        ) {
            let mut input = LineInput::new();
            for e in edits {
                input.apply(e);
            }
            let v = input.view(width);
            let shown = UnicodeWidthStr::width(v.text.as_str());
            prop_assert!(shown <= width, "{:?} is wider than {}", v, width);
            if width == 0 {
                prop_assert_eq!(v.cursor_column, 0);
                return Ok(());
            }
            let col = usize::from(v.cursor_column);
            prop_assert!(col < width, "{:?}", v);
            // The view is the text's graphemes, cut whole, so the cursor column falls between
            // graphemes, and the grapheme at it is the one after the cursor.
            let under = input.text()[input.cursor()..].graphemes(true).next();
            let mut column = 0;
            let mut found = false;
            // Zero-width graphemes (a lone mark at the start) take no column.
            for g in v.text.graphemes(true).filter(|g| g.width() > 0) {
                if column == col {
                    found = true;
                    if let Some(u) = under && (1..=width).contains(&u.width()) {
                        prop_assert_eq!(g, u, "{:?} in {:?}", v, input);
                    }
                    break;
                }
                column += g.width();
            }
            prop_assert!(found || column == col || v.text.is_empty(), "{:?} {:?}", v, input);
            if v.text.is_empty() {
                prop_assert_eq!(col, 0);
            }
            if !v.clipped_left && !v.clipped_right && input.text().width() < width {
                prop_assert_eq!(v.text.as_str(), input.text());
            }
        }
    }
}
