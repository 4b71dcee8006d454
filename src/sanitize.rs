//! The one sanitiser that stands between document text and a terminal or clipboard. Document
//! text is untrusted: an answer can hold ESC, OSC 52 or OSC 8 sequences, bidi overrides or
//! zero-width characters that would rewrite the screen, the clipboard or the reading order.
//! Every such character becomes a visible placeholder; tabs become spaces; newlines stay.

use std::borrow::Cow;

/// The placeholder for characters that have no control picture of their own: C1 controls,
/// bidi controls, zero-width and other invisible format characters. "␦" (SYMBOL FOR SUBSTITUTE
/// FORM TWO) sits beside ␛ in the Control Pictures block; U+FFFD would read as a decoding error,
/// and some terminal emulators drop it.
pub const PLACEHOLDER: char = '\u{2426}';

/// How many spaces a tab becomes.
const TAB_WIDTH: usize = 4;

/// Sanitises text that may span lines: newlines are kept.
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// Sanitises text for a single line: newlines become the ␊ placeholder too.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

fn clean(s: &str, keep_newline: bool) -> Cow<'_, str> {
    if s.chars().all(|c| replacement(c, keep_newline).is_none()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match replacement(c, keep_newline) {
            None => out.push(c),
            Some(Replacement::Char(r)) => out.push(r),
            Some(Replacement::Tab) => out.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
        }
    }
    Cow::Owned(out)
}

enum Replacement {
    Char(char),
    Tab,
}

/// Sanitises one character of single-line text, passing what it becomes to `out`: itself, its
/// placeholder, or the spaces a tab becomes. For callers that walk text char by char.
pub fn each_char(c: char, mut out: impl FnMut(char)) {
    match replacement(c, false) {
        None => out(c),
        Some(Replacement::Char(r)) => out(r),
        Some(Replacement::Tab) => (0..TAB_WIDTH).for_each(|_| out(' ')),
    }
}

fn replacement(c: char, keep_newline: bool) -> Option<Replacement> {
    match c {
        '\n' if keep_newline => None,
        '\t' => Some(Replacement::Tab),
        // C0 controls have control pictures at U+2400 + code: ESC becomes ␛.
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).map(Replacement::Char),
        '\u{7F}' => Some(Replacement::Char('\u{2421}')),
        _ if is_invisible(c) => Some(Replacement::Char(PLACEHOLDER)),
        _ => None,
    }
}

/// Characters that are not C0 controls but must not reach a terminal as they are.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        // C1 controls, including CSI (U+009B) and OSC (U+009D)
        '\u{80}'..='\u{9F}'
        // soft hyphen, Arabic letter mark, Mongolian vowel separator
        | '\u{AD}' | '\u{61C}' | '\u{180E}'
        // zero-width space, non-joiner, joiner; LRM and RLM
        | '\u{200B}'..='\u{200F}'
        // line and paragraph separators; bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
        | '\u{2028}'..='\u{202E}'
        // word joiner, invisible operators, bidi isolates (LRI, RLI, FSI, PDI), deprecated format controls
        | '\u{2060}'..='\u{206F}'
        // byte-order mark / zero-width no-break space
        | '\u{FEFF}'
        // interlinear annotation controls
        | '\u{FFF9}'..='\u{FFFB}'
        // tag characters
        | '\u{E0000}'..='\u{E007F}'
    )
}

/// True when `s` holds nothing the sanitiser would replace (newlines allowed).
pub fn is_clean(s: &str) -> bool {
    s.chars().all(|c| replacement(c, true).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(text("a\x1b]52;c;aGk=\x07b"), "a␛]52;c;aGk=␇b");
        assert_eq!(
            text("\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\"),
            "␛]8;;http://evil␛\\x␛]8;;␛\\"
        );
        assert_eq!(text("\u{9b}31m"), "␦31m");
        assert_eq!(text("del\x7f"), "del␡");
    }

    #[test]
    fn newlines_stay_and_tabs_become_spaces() {
        assert_eq!(text("a\nb\tc"), "a\nb    c");
        assert_eq!(line("a\nb"), "a␊b");
        assert_eq!(text("a\r\nb"), "a␍\nb");
    }

    #[test]
    fn bidi_and_zero_width_become_placeholders() {
        assert_eq!(text("abc\u{202E}def"), "abc␦def");
        assert_eq!(text("x\u{2066}y\u{2069}"), "x␦y␦");
        assert_eq!(text("a\u{200B}b\u{FEFF}"), "a␦b␦");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(text("Təbib 谢谢 شکرا"), Cow::Borrowed(_)));
    }

    #[test]
    fn each_char_agrees_with_line() {
        for s in ["a\tb", "\u{1b}[2J", "x\u{202e}y\n", "Təbib 谢谢"] {
            let mut out = String::new();
            for c in s.chars() {
                each_char(c, |r| out.push(r));
            }
            assert_eq!(out, line(s));
        }
    }

    #[test]
    fn placeholders_are_themselves_clean() {
        for c in [
            '\u{2400}',
            '\u{241B}',
            '\u{2421}',
            '\u{240A}',
            '\u{FFFD}',
            PLACEHOLDER,
        ] {
            assert!(is_clean(&c.to_string()), "{c:?}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Strings rich in what the sanitiser must catch: controls, bidi, zero-width, wide text.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            any::<char>().prop_map(|c| c.to_string()),
            Just("\x1b]52;c;aGk=\x07".to_string()),
            Just("\x1b[2J".to_string()),
            Just("\u{9b}".to_string()),
            Just("\u{202e}".to_string()),
            Just("\u{2066}".to_string()),
            Just("\u{200d}".to_string()),
            Just("\t".to_string()),
            Just("\n".to_string()),
            Just("\r".to_string()),
            Just("谢谢 ".to_string()),
            Just("e\u{301}".to_string()),
        ];
        proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn output_holds_no_control_or_invisible_characters(s in hostile()) {
            for out in [text(&s).into_owned(), line(&s).into_owned()] {
                for c in out.chars() {
                    prop_assert!(c == '\n' || !(c.is_control() || is_invisible(c)), "{:?} in {:?}", c, out);
                }
            }
            prop_assert!(!line(&s).contains('\n'));
        }

        #[test]
        fn sanitising_twice_is_sanitising_once(s in hostile()) {
            let once = text(&s).into_owned();
            prop_assert_eq!(text(&once).into_owned(), once.clone());
            let once = line(&s).into_owned();
            prop_assert_eq!(line(&once).into_owned(), once);
        }
    }
}
