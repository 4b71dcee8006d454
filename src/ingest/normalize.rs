//! The one text normaliser shared by every format: bytes in, numbered lines out. It strips a
//! UTF-8 BOM, decodes invalid UTF-8 lossily (with a warning), splits on LF, CRLF and lone CR,
//! turns NBSP and the other Unicode spaces into plain spaces, expands indenting tabs (a tab
//! between words becomes one space), and trims trailing spaces. Leading spaces stay: they carry
//! structure (page starts in OCR text, nested bullets). A form feed marks a page break, as
//! pdftotext prints one, and is removed.

/// One line of a normalised document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the source.
    pub no: usize,
    pub text: String,
    /// The source put a form feed on this line: a new page starts here.
    pub page_break: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The text without leading spaces.
    pub fn trimmed(&self) -> &str {
        self.text.trim_start()
    }

    /// How many spaces the line starts with.
    pub fn indent(&self) -> usize {
        self.text.len() - self.trimmed().len()
    }

    /// Width in characters.
    pub fn width(&self) -> usize {
        self.text.chars().count()
    }
}

/// A normalised document.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub lines: Vec<Line>,
    pub warnings: Vec<String>,
}

const TAB_STOP: usize = 4;

pub fn normalize(bytes: &[u8]) -> Text {
    let mut warnings = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            let lossy = String::from_utf8_lossy(bytes);
            let replaced = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            warnings.push(format!(
                "invalid UTF-8 from byte {}: decoded lossily ({replaced} character{} replaced)",
                e.valid_up_to(),
                if replaced == 1 { "" } else { "s" }
            ));
            lossy
        }
    };
    let mut lines: Vec<Line> = Vec::new();
    for (i, raw) in split_lines(&decoded).enumerate() {
        let (text, page_break) = clean_line(raw);
        // A run of more than three blank lines means what three mean (a slide break), so the
        // rest are not kept: a flood of blank lines costs no memory.
        let run_of_three = lines.len() >= 3 && lines[lines.len() - 3..].iter().all(Line::is_blank);
        if text.is_empty() && !page_break && run_of_three {
            continue;
        }
        lines.push(Line {
            no: i + 1,
            text,
            page_break,
        });
    }
    // A final newline ends the last line; it does not start an empty one.
    if decoded.ends_with(['\n', '\r']) && lines.last().is_some_and(Line::is_blank) {
        lines.pop();
    }
    Text { lines, warnings }
}

/// Splits on "\r\n", "\n", lone "\r", and the Unicode line and paragraph separators.
fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\n', '\r', '\u{2028}', '\u{2029}']) {
            None => {
                rest = None;
                Some(s)
            }
            Some(i) => {
                let c = s[i..].chars().next().unwrap_or('\n');
                let mut next = i + c.len_utf8();
                if c == '\r' && s[next..].starts_with('\n') {
                    next += 1;
                }
                rest = Some(&s[next..]);
                Some(&s[..i])
            }
        }
    })
}

fn clean_line(raw: &str) -> (String, bool) {
    let mut out = String::with_capacity(raw.len());
    let mut col = 0usize;
    let mut page_break = false;
    for c in raw.chars() {
        match c {
            // Tabs that indent keep their columns; a tab between words is a space.
            '\t' if out.bytes().all(|b| b == b' ') => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                    col += 1;
                }
            }
            '\u{0C}' => page_break = true,
            c if is_unicode_space(c) => {
                out.push(' ');
                col += 1;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    (out, page_break)
}

/// Spaces other than U+0020 that print as a space. Zero-width characters are not spaces: they
/// stay, and the sanitiser shows them.
fn is_unicode_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bytes: &[u8]) -> Vec<String> {
        normalize(bytes).lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn line_endings() {
        assert_eq!(texts(b"a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(texts(b"a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(texts(b"a\r\n"), ["a"]);
        assert_eq!(texts("a\u{2028}b".as_bytes()), ["a", "b"]);
    }

    #[test]
    fn bom_spaces_tabs_and_trailing_space() {
        assert_eq!(
            texts("\u{FEFF}a\u{A0}b \u{3000}\t\nx\ty  \n\tindented\n  \t\tdeeper".as_bytes()),
            ["a b", "x y", "    indented", "        deeper"]
        );
        assert_eq!(texts(b" lead"), [" lead"]);
    }

    #[test]
    fn invalid_utf8_is_lossy_with_a_warning() {
        let t = normalize(b"ok\n\xff\xfe bad\n");
        assert_eq!(t.lines[1].text, "\u{FFFD}\u{FFFD} bad");
        assert_eq!(t.warnings.len(), 1);
        assert!(t.warnings[0].contains("byte 3"), "{}", t.warnings[0]);
    }

    #[test]
    fn form_feed_marks_a_page_break() {
        let t = normalize(b"a\n\x0cb\n");
        assert!(!t.lines[0].page_break);
        assert!(t.lines[1].page_break);
        assert_eq!(t.lines[1].text, "b");
    }

    #[test]
    fn long_runs_of_blank_lines_keep_three() {
        let t = normalize(b"a\n\n\n\n\n\n\nb\n");
        let kept: Vec<(usize, &str)> = t.lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(kept, [(1, "a"), (2, ""), (3, ""), (4, ""), (8, "b")]);
    }

    #[test]
    fn line_numbers_are_one_based() {
        let t = normalize(b"\n\nx");
        assert_eq!(t.lines[2].no, 3);
    }
}
