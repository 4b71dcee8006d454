//! STUB, replaced by the input branch.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    WordLeft,
    WordRight,
    DeleteWordBack,
    KillToStart,
    KillToEnd,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

pub struct InputView {
    pub text: String,
    pub cursor_column: u16,
    pub clipped_left: bool,
    pub clipped_right: bool,
}

impl LineInput {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn with_text(s: &str) -> Self {
        LineInput {
            text: s.to_string(),
            cursor: s.len(),
        }
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn cursor(&self) -> usize {
        self.cursor
    }
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
    pub fn set(&mut self, s: &str) {
        *self = Self::with_text(s);
    }
    pub fn clear(&mut self) {
        *self = Self::default();
    }
    pub fn apply(&mut self, e: Edit) -> bool {
        match e {
            Edit::Insert(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                true
            }
            Edit::Backspace => {
                if let Some(c) = self.text[..self.cursor].chars().last() {
                    self.cursor -= c.len_utf8();
                    self.text.remove(self.cursor);
                    true
                } else {
                    false
                }
            }
            Edit::KillToStart => {
                self.text.drain(..self.cursor);
                self.cursor = 0;
                true
            }
            _ => false,
        }
    }
    pub fn view(&self, width: usize) -> InputView {
        let text: String = self.text.chars().take(width).collect();
        InputView {
            cursor_column: u16::try_from(self.text[..self.cursor].chars().count().min(width))
                .unwrap_or(0),
            text,
            clipped_left: false,
            clipped_right: false,
        }
    }
}
