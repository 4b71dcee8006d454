//! The one keybinding table. Key handling, the help overlay and the status-bar hints are all
//! read from [`BINDINGS`], so they cannot drift apart; a test checks that no (mode, key) pair is
//! bound twice and that every binding has a label.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// The country list.
    List,
    /// The response: Overview or a section.
    Content,
    /// Typing a filter for the country list.
    Filter,
    /// Choosing one of an item's links.
    Picker,
    /// The help overlay.
    Help,
    /// The search overlay.
    Search,
    /// The comparison.
    Compare,
    /// Typing a filter for the comparison's topics.
    CompareFilter,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::List,
        Mode::Content,
        Mode::Search,
        Mode::Compare,
        Mode::CompareFilter,
        Mode::Filter,
        Mode::Picker,
        Mode::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::List => "Country list",
            Mode::Content => "Response",
            Mode::Filter => "Filter",
            Mode::Picker => "Link picker",
            Mode::Help => "Help",
            Mode::Search => "Search",
            Mode::Compare => "Comparison",
            Mode::CompareFilter => "Topic filter",
        }
    }

    /// Modes where typed characters are text rather than commands.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Filter | Mode::Search | Mode::CompareFilter)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key as help shows it: "j", "Tab", "Ctrl-U", "PgDn".
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else {
            base
        }
    }

    /// The key a terminal event stands for. Shift is folded into the character ("G"), and a
    /// release or repeat of a key is not a key press.
    pub fn from_event(e: KeyEvent) -> Option<Key> {
        if e.kind == KeyEventKind::Release {
            return None;
        }
        let mut mods = e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if e.code == KeyCode::BackTab {
            mods = KeyModifiers::NONE;
        }
        Some(Key { code: e.code, mods })
    }
}

/// One binding: these keys, in these modes, do this.
#[derive(Debug)]
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    /// What help says the binding does.
    pub label: &'static str,
    /// The status bar's short hint for its modes: the keys as shown, and what they do.
    pub hint: Option<(&'static str, &'static str)>,
}

const BROWSE: &[Mode] = &[Mode::List, Mode::Content];
const LIST: &[Mode] = &[Mode::List];
const CONTENT: &[Mode] = &[Mode::Content];
const FILTER: &[Mode] = &[Mode::Filter];
const PICKER: &[Mode] = &[Mode::Picker];
const HELP: &[Mode] = &[Mode::Help];
const SEARCH: &[Mode] = &[Mode::Search];
const ALL: &[Mode] = &Mode::ALL;
const COMPARE: &[Mode] = &[Mode::Compare];
const COMPARE_FILTER: &[Mode] = &[Mode::CompareFilter];

const fn b(
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    label: &'static str,
    hint: Option<(&'static str, &'static str)>,
) -> Binding {
    Binding {
        modes,
        keys,
        action,
        label,
        hint,
    }
}

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    b(BROWSE, &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "move down", Some(("j/k", "move"))),
    b(BROWSE, &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "move up", None),
    b(BROWSE, &[Key::plain(KeyCode::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(BROWSE, &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(BROWSE, &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "go to the top", None),
    b(BROWSE, &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "go to the bottom", None),
    b(BROWSE, &[Key::plain(KeyCode::Tab), Key::ch('l')], Action::NextTab, "next tab", Some(("Tab", "section"))),
    b(BROWSE, &[Key::plain(KeyCode::BackTab), Key::ch('h')], Action::PrevTab, "previous tab", None),
    b(BROWSE, &[Key::ch('1')], Action::GoTab(0), "jump to tab N (1 is Overview)", None),
    b(BROWSE, &[Key::ch('2')], Action::GoTab(1), "jump to tab N (1 is Overview)", None),
    b(BROWSE, &[Key::ch('3')], Action::GoTab(2), "jump to tab N (1 is Overview)", None),
    b(BROWSE, &[Key::ch('4')], Action::GoTab(3), "jump to tab N (1 is Overview)", None),
    b(BROWSE, &[Key::ch('5')], Action::GoTab(4), "jump to tab N (1 is Overview)", None),
    b(BROWSE, &[Key::ch('6')], Action::GoTab(5), "jump to tab N (1 is Overview)", None),
    b(BROWSE, &[Key::ch('7')], Action::GoTab(6), "jump to tab N (1 is Overview)", None),
    b(BROWSE, &[Key::ch('8')], Action::GoTab(7), "jump to tab N (1 is Overview)", None),
    b(BROWSE, &[Key::ch('9')], Action::GoTab(8), "jump to tab N (1 is Overview)", None),
    b(LIST, &[Key::plain(KeyCode::Enter), Key::plain(KeyCode::Right)], Action::FocusContent, "read the response", Some(("Enter", "read"))),
    b(LIST, &[Key::ch('f')], Action::StartFilter, "filter countries", Some(("f", "filter"))),
    b(LIST, &[Key::plain(KeyCode::Esc)], Action::Back, "clear the filter", None),
    b(CONTENT, &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Left)], Action::FocusList, "back to the country list", Some(("Esc", "back"))),
    b(CONTENT, &[Key::ch('f')], Action::StartFilter, "filter countries", None),
    b(BROWSE, &[Key::ch('/')], Action::OpenSearch, "search every answer", Some(("/", "search"))),
    b(LIST, &[Key::ch(' ')], Action::ToggleMark, "mark for comparison", Some(("Space", "mark"))),
    b(BROWSE, &[Key::ch('c')], Action::OpenCompare, "compare the marked responses", Some(("c", "compare"))),
    b(BROWSE, &[Key::ch('n')], Action::NextHit, "next search hit", None),
    b(BROWSE, &[Key::ch('N')], Action::PrevHit, "previous search hit", None),
    b(BROWSE, &[Key::ch('y')], Action::Copy, "copy the answer (CIO e-mail on Overview)", Some(("y", "copy"))),
    b(BROWSE, &[Key::ch('o')], Action::Open, "open a link in the browser", Some(("o", "open link"))),
    b(BROWSE, &[Key::ch('?')], Action::Help, "help", Some(("?", "help"))),
    b(BROWSE, &[Key::ch('q')], Action::Quit, "quit", Some(("q", "quit"))),
    b(ALL, &[Key::ctrl('c')], Action::Interrupt(2), "quit at once", None),
    b(SEARCH, &[Key::plain(KeyCode::Enter)], Action::Accept, "jump to the hit", Some(("Enter", "jump"))),
    b(SEARCH, &[Key::plain(KeyCode::Esc)], Action::Back, "close, keeping the query", Some(("Esc", "close"))),
    b(SEARCH, &[Key::plain(KeyCode::Down)], Action::Down, "next hit", Some(("↑↓", "choose"))),
    b(SEARCH, &[Key::plain(KeyCode::Up)], Action::Up, "previous hit", None),
    b(SEARCH, &[Key::plain(KeyCode::PageDown)], Action::PageDown, "page down the hits", None),
    b(SEARCH, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "page up the hits", None),
    b(SEARCH, &[Key::plain(KeyCode::Tab)], Action::ToggleScope, "search all responses or the current one", Some(("Tab", "scope"))),
    b(SEARCH, &[Key::plain(KeyCode::Backspace)], Action::Backspace, "delete a character", None),
    b(SEARCH, &[Key::ctrl('u')], Action::ClearInput, "clear the query", Some(("Ctrl-U", "clear"))),
    b(COMPARE, &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "next topic", Some(("j/k", "topic"))),
    b(COMPARE, &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "previous topic", None),
    b(COMPARE, &[Key::ch('h'), Key::plain(KeyCode::Left)], Action::Left, "column to the left", Some(("←→", "column"))),
    b(COMPARE, &[Key::ch('l'), Key::plain(KeyCode::Right)], Action::Right, "column to the right", None),
    b(COMPARE, &[Key::plain(KeyCode::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(COMPARE, &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(COMPARE, &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "first topic", None),
    b(COMPARE, &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "last topic", None),
    b(COMPARE, &[Key::ch('/')], Action::StartFilter, "filter the topics", Some(("/", "filter"))),
    b(COMPARE, &[Key::ch('d')], Action::ToggleDiff, "highlight words that differ", Some(("d", "diff"))),
    b(COMPARE, &[Key::ch('e')], Action::Export, "export to Markdown", Some(("e", "export"))),
    b(COMPARE, &[Key::ch('y')], Action::Copy, "copy the focused cell", Some(("y", "copy"))),
    b(COMPARE, &[Key::plain(KeyCode::Esc), Key::ch('q')], Action::Back, "close the comparison", Some(("Esc", "close"))),
    b(COMPARE, &[Key::ch('?')], Action::Help, "help", None),
    b(COMPARE_FILTER, &[Key::plain(KeyCode::Enter)], Action::Accept, "keep the topic filter", Some(("Enter", "keep"))),
    b(COMPARE_FILTER, &[Key::plain(KeyCode::Esc)], Action::Back, "cancel the topic filter", Some(("Esc", "cancel"))),
    b(COMPARE_FILTER, &[Key::plain(KeyCode::Backspace)], Action::Backspace, "delete a character", None),
    b(COMPARE_FILTER, &[Key::ctrl('u')], Action::ClearInput, "clear the topic filter", None),
    b(FILTER, &[Key::plain(KeyCode::Enter)], Action::Accept, "keep the filter", Some(("Enter", "keep"))),
    b(FILTER, &[Key::plain(KeyCode::Esc)], Action::Back, "cancel the filter", Some(("Esc", "cancel"))),
    b(FILTER, &[Key::plain(KeyCode::Backspace)], Action::Backspace, "delete a character", None),
    b(FILTER, &[Key::ctrl('u')], Action::ClearInput, "clear the filter", Some(("Ctrl-U", "clear"))),
    b(FILTER, &[Key::plain(KeyCode::Down)], Action::Down, "next country", None),
    b(FILTER, &[Key::plain(KeyCode::Up)], Action::Up, "previous country", None),
    b(PICKER, &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "next link", Some(("j/k", "choose"))),
    b(PICKER, &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "previous link", None),
    b(PICKER, &[Key::plain(KeyCode::Enter), Key::ch('o')], Action::Accept, "open the link", Some(("Enter", "open"))),
    b(PICKER, &[Key::ch('y')], Action::Copy, "copy the link", Some(("y", "copy"))),
    b(PICKER, &[Key::plain(KeyCode::Esc), Key::ch('q')], Action::Back, "close", Some(("Esc", "close"))),
    b(HELP, &[Key::plain(KeyCode::Esc), Key::ch('?'), Key::ch('q')], Action::Back, "close help", Some(("Esc", "close"))),
    b(HELP, &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "scroll down", None),
    b(HELP, &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "scroll up", None),
    b(HELP, &[Key::plain(KeyCode::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(HELP, &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(HELP, &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "go to the top", None),
    b(HELP, &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "go to the bottom", None),
];

/// The action a key does in a mode. In a text mode, a printable character with no binding is
/// typed.
pub fn action_for(mode: Mode, key: Key) -> Option<Action> {
    let bound = BINDINGS
        .iter()
        .find(|b| b.modes.contains(&mode) && b.keys.contains(&key))
        .map(|b| b.action.clone());
    match (bound, key.code) {
        (Some(a), _) => Some(a),
        (None, KeyCode::Char(c)) if mode.takes_text() && key.mods.is_empty() => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// The status-bar hints for a mode, in table order: ("j/k", "move"), ("?", "help").
pub fn hints(mode: Mode) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .filter_map(|b| b.hint)
        .collect()
}

/// Help's rows for a mode: every binding with all its keys; bindings that share a label (the
/// digits) share a row.
pub fn help_rows(mode: Mode) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.modes.contains(&mode)) {
        let keys: Vec<String> = b.keys.iter().map(|k| k.name()).collect();
        match rows.last_mut() {
            Some((k, label)) if *label == b.label => {
                k.push(' ');
                k.push_str(&keys.join(" "));
            }
            _ => rows.push((keys.join(" "), b.label)),
        }
    }
    rows
}

/// How many lines the help overlay has: a title and rows per mode, a blank line between, and
/// the closing note.
pub fn help_line_count() -> usize {
    Mode::ALL
        .iter()
        .map(|m| help_rows(*m).len() + 2)
        .sum::<usize>()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let mut seen = HashSet::new();
        for b in BINDINGS {
            for mode in b.modes {
                for key in b.keys {
                    assert!(
                        seen.insert((*mode, *key)),
                        "{mode:?} {} is bound twice",
                        key.name()
                    );
                }
            }
        }
    }

    #[test]
    fn every_binding_has_a_label_that_help_shows() {
        for b in BINDINGS {
            assert!(!b.label.trim().is_empty(), "{:?} has no label", b.action);
            assert!(!b.keys.is_empty() && !b.modes.is_empty());
            for mode in b.modes {
                assert!(
                    help_rows(*mode).iter().any(|(_, l)| *l == b.label),
                    "{} missing from help for {mode:?}",
                    b.label
                );
            }
        }
    }

    #[test]
    fn typing_in_a_text_mode() {
        assert_eq!(
            action_for(Mode::Filter, Key::ch('q')),
            Some(Action::Input('q'))
        );
        assert_eq!(action_for(Mode::List, Key::ch('q')), Some(Action::Quit));
        assert_eq!(
            action_for(Mode::Filter, Key::ctrl('u')),
            Some(Action::ClearInput)
        );
        assert_eq!(action_for(Mode::List, Key::ch('z')), None);
    }

    #[test]
    fn shift_is_folded_into_the_character() {
        let e = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(e), Some(Key::ch('G')));
        let e = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            action_for(Mode::Content, Key::from_event(e).unwrap()),
            Some(Action::PrevTab)
        );
    }
}
