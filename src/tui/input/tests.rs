//! The line input's unit and property tests.

#[cfg(test)]
mod edits {
    use super::super::*;
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
    use super::super::*;
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
