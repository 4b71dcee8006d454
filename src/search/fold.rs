//! Accent folding: the text the engine matches, with diacritics dropped from Latin, Greek and
//! Cyrillic letters (canonical decomposition, then the combining marks U+0300-U+036F left out)
//! and a table for the letters Unicode does not decompose (ə, ı, ø, ł, đ, ß, ...). Other
//! scripts pass through as they are: a Khmer vowel sign or a Hangul syllable is not an accent.
//! Folding changes byte lengths, so [`fold_map`] also says which original bytes each folded
//! byte came from, to put highlights back on the original characters.

use unicode_normalization::char::decompose_canonical;

/// Letters without a canonical decomposition that readers take as a plain Latin letter.
fn table(c: char) -> Option<&'static str> {
    Some(match c {
        'ə' => "e",
        'Ə' => "E",
        'ı' => "i",
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ß' => "ss",
        'ẞ' => "SS",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        'ħ' => "h",
        'Ħ' => "H",
        _ => return None,
    })
}

/// A combining mark that folding drops: the general diacritics block.
fn is_accent(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Letters whose accents fold away: Latin, Greek, Cyrillic and Latin Extended Additional
/// (Vietnamese).
fn decomposes(c: char) -> bool {
    c < '\u{0530}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Appends the folded form of one already cased character.
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
    } else if let Some(s) = table(c) {
        out.push_str(s);
    } else if is_accent(c) {
    } else if decomposes(c) {
        decompose_canonical(c, |d| {
            if !is_accent(d) {
                out.push(d);
            }
        });
    } else {
        out.push(c);
    }
}

/// Appends the folded form of `c`, lower-cased first when `lower` is set.
fn fold_char(c: char, lower: bool, out: &mut String) {
    if c.is_ascii() {
        out.push(if lower { c.to_ascii_lowercase() } else { c });
    } else if lower {
        for l in c.to_lowercase() {
            push_folded(l, out);
        }
    } else {
        push_folded(c, out);
    }
}

/// Whether folding `s` (its case kept) can bring ASCII `words` into it where they are not as
/// written: some character of `s` folds to a string that holds a byte of theirs or a space, or
/// folds to nothing (a dropped accent joins what was on either side of it).
pub fn may_fold_into(s: &str, words: &[String]) -> bool {
    let wanted = |b: u8| b == b' ' || words.iter().any(|w| w.as_bytes().contains(&b));
    let mut folded = String::new();
    s.chars().filter(|c| !c.is_ascii()).any(|c| {
        folded.clear();
        push_folded(c, &mut folded);
        folded.is_empty() || folded.bytes().any(wanted)
    })
}

/// The ASCII capitals of `s` folded with its case kept, a bit per letter (`A` is bit 0): a word
/// with a capital that is not among them occurs in no part of `s` as written, accents aside.
pub fn capitals(s: &str) -> u32 {
    let mut bits = 0;
    let mut folded = String::new();
    for c in s.chars() {
        if c.is_ascii() {
            bits |= capital_bit(c as u8);
        } else {
            folded.clear();
            push_folded(c, &mut folded);
            bits |= folded.bytes().fold(0, |b, x| b | capital_bit(x));
        }
    }
    bits
}

/// An ASCII capital's bit among [`capitals`]; nothing for any other byte.
pub fn capital_bit(b: u8) -> u32 {
    if b.is_ascii_uppercase() {
        1 << (b - b'A')
    } else {
        0
    }
}

/// `s` folded, and lower-cased when `lower` is set.
pub fn fold(s: &str, lower: bool) -> String {
    if s.is_ascii() {
        return if lower {
            s.to_ascii_lowercase()
        } else {
            s.to_string()
        };
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // ASCII folds to itself (lower-cased when asked): runs of it are copied whole, and only the
    // other characters go one by one.
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        let at = out.len();
        out.push_str(run);
        if lower {
            out[at..].make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        match chars.next() {
            Some(c) => fold_char(c, lower, &mut out),
            None => break,
        }
        rest = chars.as_str();
    }
    out
}

/// A folded text with, for each of its bytes, the byte range of the original character it
/// came from (a dropped accent joins the character before it).
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    from: Vec<(u32, u32)>,
    original_len: usize,
}

impl Folded {
    /// The original byte range of the folded range `a..b`; always on char boundaries.
    pub fn original(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        if self.from.is_empty() {
            // ASCII folds byte for byte.
            return a.min(self.original_len)
                ..b.min(self.original_len).max(a.min(self.original_len));
        }
        let start = self.start_of(a);
        let end = if b > a {
            self.from
                .get(b - 1)
                .map_or(self.original_len, |r| r.1 as usize)
        } else {
            start
        };
        start..end.max(start)
    }

    /// The original byte offset of folded offset `a`.
    pub fn start_of(&self, a: usize) -> usize {
        if self.from.is_empty() {
            return a.min(self.original_len);
        }
        self.from.get(a).map_or(self.original_len, |r| r.0 as usize)
    }
}

/// `s` folded (lower-cased when `lower` is set) with the way back to its bytes.
pub fn fold_map(s: &str, lower: bool) -> Folded {
    if s.is_ascii() {
        return Folded {
            text: fold(s, lower),
            from: Vec::new(),
            original_len: s.len(),
        };
    }
    let mut text = String::with_capacity(s.len());
    let mut from = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        // A run of ASCII folds byte for byte, each byte from itself.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(s.len() - i);
        if run > 0 {
            let at = text.len();
            text.push_str(&s[i..i + run]);
            if lower {
                text[at..].make_ascii_lowercase();
            }
            from.extend((i..i + run).map(|k| (k as u32, k as u32 + 1)));
            i += run;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let before = text.len();
        fold_char(c, lower, &mut text);
        let range = (i as u32, (i + c.len_utf8()) as u32);
        if text.len() == before {
            // A dropped accent belongs to the letter it sits on.
            if let Some(last) = from.last_mut() {
                let last: &mut (u32, u32) = last;
                last.1 = range.1;
            }
        }
        from.resize(text.len(), range);
        i += c.len_utf8();
    }
    Folded {
        text,
        from,
        original_len: s.len(),
    }
}

/// The bytes of `original` that fold to bytes `a..b` of its folded text, lower-cased: what
/// [`Folded::original`] says, worked out by folding only as far as `b`, for a text whose folded
/// form is at hand already.
pub fn original_range(original: &str, a: usize, b: usize) -> std::ops::Range<usize> {
    if original.is_ascii() {
        let len = original.len();
        return a.min(len)..b.min(len).max(a.min(len));
    }
    let bytes = original.as_bytes();
    let mut folded = 0;
    let mut start = None;
    let mut buf = String::new();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII folds byte for byte: where the range starts or ends in it is worked
        // out, not walked to.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            // The first byte of the run past the range's start; the next after it may end it.
            let mut from = 0;
            if start.is_none() {
                let k = a.saturating_sub(folded);
                if k < run {
                    if b <= a {
                        return i + k..i + k;
                    }
                    start = Some(i + k);
                    from = k + 1;
                }
            }
            if let Some(s) = start {
                let end = b.saturating_sub(folded).max(from);
                if end < run {
                    return s..i + end;
                }
            }
            folded += run;
            i += run;
            continue;
        }
        let Some(c) = original[i..].chars().next() else {
            break;
        };
        buf.clear();
        fold_char(c, true, &mut buf);
        let n = buf.len();
        // A dropped accent (n == 0) belongs to the letter before it, so it never ends a range.
        if n > 0 && start.is_some() && folded >= b {
            return start.unwrap_or(i)..i;
        }
        if start.is_none() && folded + n > a {
            if b <= a {
                return i..i;
            }
            start = Some(i);
        }
        folded += n;
        i += c.len_utf8();
    }
    let start = start.unwrap_or(original.len());
    start..if b <= a { start } else { original.len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_undecomposed_letters_fold() {
        assert_eq!(fold("Renchinkhumbé", true), "renchinkhumbe");
        assert_eq!(fold("E-Təbib", true), "e-tebib");
        assert_eq!(
            fold("Straße İstanbul Øre Łódź Đà Nẵng", true),
            "strasse istanbul ore lodz da nang"
        );
        assert_eq!(fold("Təbib", false), "Tebib");
        assert_eq!(fold("e\u{301}", true), "e");
        // Other scripts keep their marks.
        assert_eq!(fold("សេវា", true), "សេវា");
        assert_eq!(fold("한국", true), "한국");
    }

    #[test]
    fn ascii_runs_fold_as_their_characters_do() {
        for s in [
            "Straße İstanbul Øre Łódź Đà Nẵng",
            "e\u{301}x ABC é",
            "Ĵ J j SCHLOSS ẞ",
            "សេវា ASCII 한국 Mixed",
            "",
        ] {
            for lower in [true, false] {
                let mut want = String::new();
                for c in s.chars() {
                    fold_char(c, lower, &mut want);
                }
                assert_eq!(fold(s, lower), want, "{s:?} {lower}");
            }
        }
    }

    #[test]
    fn ascii_runs_map_back_as_their_characters_do() {
        for s in [
            "Straße İstanbul Øre Łódź Đà Nẵng",
            "e\u{301}x ABC é",
            "\u{301}lead Ĵ J j SCHLOSS ẞ",
            "សេវា ASCII 한국 Mixed",
        ] {
            for lower in [true, false] {
                let mut text = String::new();
                let mut from: Vec<(u32, u32)> = Vec::new();
                for (i, c) in s.char_indices() {
                    let before = text.len();
                    fold_char(c, lower, &mut text);
                    let range = (i as u32, (i + c.len_utf8()) as u32);
                    if text.len() == before
                        && let Some(last) = from.last_mut()
                    {
                        last.1 = range.1;
                    }
                    from.resize(text.len(), range);
                }
                let f = fold_map(s, lower);
                assert_eq!(f.text, text, "{s:?} {lower}");
                assert_eq!(f.from, from, "{s:?} {lower}");
            }
        }
    }

    #[test]
    fn folded_ranges_map_back_to_original_characters() {
        let s = "Straße Təbib e\u{301}x";
        let f = fold_map(s, true);
        let at = f.text.find("tebib").unwrap_or(0);
        assert_eq!(&s[f.original(at, at + 5)], "Təbib");
        let at = f.text.find("ss").unwrap_or(0);
        assert_eq!(&s[f.original(at, at + 2)], "ß");
        assert_eq!(&s[f.original(at, at + 1)], "ß");
        let at = f.text.find("ex").unwrap_or(0);
        assert_eq!(&s[f.original(at, at + 1)], "e\u{301}");
        assert_eq!(f.start_of(f.text.len()), s.len());
    }

    #[test]
    fn a_range_mapped_back_without_the_map_is_the_same() {
        for s in [
            "Straße Təbib e\u{301}x",
            "ascii only",
            "Øre ﬁ İx ǅ សេវា",
            "é",
            "",
            "long ascii runs é between ße and at the end: abc",
            "e\u{301}\u{301}abc Ø",
            "ascii first, then one Ə",
        ] {
            let f = fold_map(s, true);
            for a in 0..=f.text.len() + 1 {
                for b in a..=f.text.len() + 1 {
                    assert_eq!(original_range(s, a, b), f.original(a, b), "{s:?} {a}..{b}");
                }
            }
        }
    }
}

#[cfg(test)]
mod capitals_tests {
    use super::*;

    #[test]
    fn capitals_are_those_of_the_text_folded_with_its_case_kept() {
        for s in [
            "Jeyhun",
            "E-Təbib · ƏLİ Øre",
            "ĴOHN ǅ ẞ",
            "no capitals é",
            "",
            "ΣΟΦΙΑ",
        ] {
            let want = fold(s, false).bytes().fold(0, |b, x| b | capital_bit(x));
            assert_eq!(capitals(s), want, "{s:?}");
        }
        assert_eq!(capitals("Jo"), 1 << 9);
        assert_eq!(capitals("Ə"), 1 << 4);
    }
}

#[cfg(test)]
mod may_fold_into_tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn only_characters_that_fold_into_the_words_ask_for_a_fold() {
        // "Ĵ" folds to "J"; "é" to "e", which "J" does not hold but "Je" does.
        assert!(may_fold_into("Ĵohn", &words(&["J"])));
        assert!(!may_fold_into("jéyhun • “x”", &words(&["J"])));
        assert!(may_fold_into("Jéyhun", &words(&["Jeyhun"])));
        // A dropped accent joins its neighbours; a character folding to a space can open a gap.
        assert!(may_fold_into("Je\u{301}yhun", &words(&["Jeyhun"])));
        assert!(!may_fold_into("plain ascii", &words(&["J"])));
        // Whatever it says, a fold finds the words where the check says it may.
        for (s, w) in [("Ĵohn", "J"), ("Jéyhun", "Jeyhun"), ("jéyhun", "J")] {
            let found = fold(s, false).contains(w);
            assert!(
                !found || s.contains(w) || may_fold_into(s, &words(&[w])),
                "{s} {w}"
            );
        }
    }
}
