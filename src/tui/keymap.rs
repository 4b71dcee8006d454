//! The one keybinding table. Key handling, the help overlay and the status-bar hints are all
//! read from [`BINDINGS`], so they cannot drift apart; a test checks that no (mode, key) pair is
//! bound twice and that every binding has a label.

use super::action::Action;
use super::input::Edit;
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
    /// The rankings of every member state.
    Rankings,
    /// Typing a filter for the rankings.
    RankingsFilter,
}

impl Mode {
    pub const ALL: [Mode; 10] = [
        Mode::List,
        Mode::Content,
        Mode::Search,
        Mode::Compare,
        Mode::CompareFilter,
        Mode::Rankings,
        Mode::RankingsFilter,
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
            Mode::Rankings => "Rankings",
            Mode::RankingsFilter => "Rankings filter",
        }
    }

    /// Modes where typed characters are text rather than commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Filter | Mode::Search | Mode::CompareFilter | Mode::Picker | Mode::RankingsFilter
        )
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

    pub const fn with(code: KeyCode, mods: KeyModifiers) -> Key {
        Key { code, mods }
    }

    pub const fn alt(c: char) -> Key {
        Key::with(KeyCode::Char(c), KeyModifiers::ALT)
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
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            let base = if base.chars().count() == 1 {
                base.to_uppercase()
            } else {
                base
            };
            format!("Ctrl-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{}", base.to_uppercase())
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
const RANKINGS: &[Mode] = &[Mode::Rankings];
const RANKINGS_FILTER: &[Mode] = &[Mode::RankingsFilter];
/// Every mode with a query line: they all edit it the same way.
pub const TEXT: &[Mode] = &[
    Mode::Filter,
    Mode::Search,
    Mode::CompareFilter,
    Mode::Picker,
    Mode::RankingsFilter,
];

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

const fn edit(keys: &'static [Key], e: Edit, label: &'static str) -> Binding {
    b(TEXT, keys, Action::Edit(e), label, None)
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
    b(LIST, &[Key::ch('r')], Action::ToggleResponsesOnly, "every member state, or only those with a response", None),
    b(LIST, &[Key::ch('s')], Action::CycleSort, "sort: responses first, by name, by EGDI rank, by rank change", Some(("s", "sort"))),
    b(BROWSE, &[Key::ch('R')], Action::OpenRankings, "rankings of every member state", Some(("R", "rankings"))),
    b(BROWSE, &[Key::ch('c')], Action::OpenCompare, "compare the marked responses", Some(("c", "compare"))),
    b(BROWSE, &[Key::ch('n')], Action::NextHit, "next search hit", Some(("n/N", "next hit"))),
    b(BROWSE, &[Key::ch('N')], Action::PrevHit, "previous search hit", None),
    b(BROWSE, &[Key::ch('y')], Action::Copy, "copy the answer (CIO e-mail on Overview)", Some(("y", "copy"))),
    b(BROWSE, &[Key::ch('o')], Action::Open, "open a link in the browser", Some(("o", "open link"))),
    b(BROWSE, &[Key::ch('?')], Action::Help, "help", Some(("?", "help"))),
    b(BROWSE, &[Key::ch('q')], Action::Quit, "quit", Some(("q", "quit"))),
    b(ALL, &[Key::ctrl('c')], Action::Interrupt(2), "quit at once", None),
    b(ALL, &[Key::plain(KeyCode::F(1))], Action::Help, "help, from anywhere", None),
    b(SEARCH, &[Key::plain(KeyCode::Enter)], Action::Accept, "jump to the hit", Some(("Enter", "jump"))),
    b(SEARCH, &[Key::plain(KeyCode::Esc)], Action::Back, "close; n and N still step through the hits", Some(("Esc", "close"))),
    b(SEARCH, &[Key::ctrl('n')], Action::Down, "next hit", Some(("Ctrl-N/P", "choose"))),
    b(SEARCH, &[Key::ctrl('p')], Action::Up, "previous hit", None),
    b(SEARCH, &[Key::plain(KeyCode::PageDown)], Action::PageDown, "page down the hits", None),
    b(SEARCH, &[Key::plain(KeyCode::PageUp)], Action::PageUp, "page up the hits", None),
    b(SEARCH, &[Key::plain(KeyCode::Up)], Action::HistoryOlder, "an earlier query", Some(("↑↓", "history"))),
    b(SEARCH, &[Key::plain(KeyCode::Down)], Action::HistoryNewer, "a later query", None),
    b(SEARCH, &[Key::with(KeyCode::Char(' '), KeyModifiers::CONTROL)], Action::ToggleMark, "mark the hit's response for comparison", None),
    b(SEARCH, &[Key::plain(KeyCode::Tab)], Action::ToggleScope, "search all responses or the current one", Some(("Tab", "scope"))),
    b(COMPARE, &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "next topic", Some(("j/k", "topic"))),
    b(COMPARE, &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "previous topic", None),
    b(COMPARE, &[Key::ch('h'), Key::plain(KeyCode::Left)], Action::Left, "column to the left", Some(("←→", "column"))),
    b(COMPARE, &[Key::ch('l'), Key::plain(KeyCode::Right)], Action::Right, "column to the right", None),
    b(COMPARE, &[Key::ch('<')], Action::MoveColumn(-1), "move the column left", None),
    b(COMPARE, &[Key::ch('>')], Action::MoveColumn(1), "move the column right", None),
    b(COMPARE, &[Key::plain(KeyCode::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(COMPARE, &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(COMPARE, &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "first topic", None),
    b(COMPARE, &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "last topic", None),
    b(COMPARE, &[Key::ch('/')], Action::StartFilter, "filter the topics", Some(("/", "filter"))),
    b(COMPARE, &[Key::ch('d')], Action::ToggleDiff, "highlight words that differ", Some(("d", "diff"))),
    b(COMPARE, &[Key::ch('e')], Action::Export, "export what is shown to Markdown", Some(("e", "export"))),
    b(COMPARE, &[Key::ch('y')], Action::Copy, "copy the focused cell", Some(("y", "copy"))),
    b(COMPARE, &[Key::plain(KeyCode::Esc), Key::ch('q')], Action::Back, "close the comparison", Some(("Esc", "close"))),
    b(COMPARE, &[Key::ch('?')], Action::Help, "help", Some(("?", "help"))),
    b(COMPARE_FILTER, &[Key::plain(KeyCode::Enter)], Action::Accept, "keep the topic filter", Some(("Enter", "keep"))),
    b(COMPARE_FILTER, &[Key::plain(KeyCode::Esc)], Action::Back, "cancel the topic filter", Some(("Esc", "cancel"))),
    b(COMPARE_FILTER, &[Key::plain(KeyCode::Down)], Action::Down, "next topic", None),
    b(COMPARE_FILTER, &[Key::plain(KeyCode::Up)], Action::Up, "previous topic", None),
    b(COMPARE_FILTER, &[Key::ctrl('p')], Action::HistoryOlder, "an earlier topic filter", Some(("Ctrl-P/N", "history"))),
    b(COMPARE_FILTER, &[Key::ctrl('n')], Action::HistoryNewer, "a later topic filter", None),
    b(RANKINGS, &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "next state", Some(("j/k", "move"))),
    b(RANKINGS, &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "previous state", None),
    b(RANKINGS, &[Key::plain(KeyCode::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(RANKINGS, &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(RANKINGS, &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "first state", None),
    b(RANKINGS, &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "last state", None),
    b(RANKINGS, &[Key::ch('[')], Action::Edition(-1), "the edition before", Some(("[ ]", "edition"))),
    b(RANKINGS, &[Key::ch(']')], Action::Edition(1), "the edition after", None),
    b(RANKINGS, &[Key::ch('s')], Action::CycleSort, "sort by the next column", Some(("s/S", "sort"))),
    b(RANKINGS, &[Key::ch('S')], Action::CycleSortBack, "sort by the column before", None),
    b(RANKINGS, &[Key::ch('r')], Action::ReverseSort, "reverse the order", None),
    b(RANKINGS, &[Key::ch('/'), Key::ch('f')], Action::StartFilter, "filter by name, code, region: or subregion:", Some(("/", "filter"))),
    b(RANKINGS, &[Key::plain(KeyCode::Enter)], Action::Accept, "open the state", Some(("Enter", "open"))),
    b(RANKINGS, &[Key::ch(' ')], Action::ToggleMark, "mark its response for comparison", Some(("Space", "mark"))),
    b(RANKINGS, &[Key::ch('c')], Action::OpenCompare, "compare the marked responses", Some(("c", "compare"))),
    b(RANKINGS, &[Key::plain(KeyCode::Esc), Key::ch('q')], Action::Back, "close the rankings", Some(("Esc", "close"))),
    b(RANKINGS, &[Key::ch('?')], Action::Help, "help", Some(("?", "help"))),
    b(RANKINGS_FILTER, &[Key::plain(KeyCode::Enter)], Action::Accept, "keep the filter", Some(("Enter", "keep"))),
    b(RANKINGS_FILTER, &[Key::plain(KeyCode::Esc)], Action::Back, "cancel the filter", Some(("Esc", "cancel"))),
    b(RANKINGS_FILTER, &[Key::plain(KeyCode::Down)], Action::Down, "next state", Some(("↑↓", "choose"))),
    b(RANKINGS_FILTER, &[Key::plain(KeyCode::Up)], Action::Up, "previous state", None),
    b(FILTER, &[Key::plain(KeyCode::Enter)], Action::Accept, "keep the filter", Some(("Enter", "keep"))),
    b(FILTER, &[Key::plain(KeyCode::Esc)], Action::Back, "cancel the filter", Some(("Esc", "cancel"))),
    b(FILTER, &[Key::plain(KeyCode::Down)], Action::Down, "next country", Some(("↑↓", "choose"))),
    b(FILTER, &[Key::plain(KeyCode::Up)], Action::Up, "previous country", None),
    b(FILTER, &[Key::ctrl('p')], Action::HistoryOlder, "an earlier filter", Some(("Ctrl-P/N", "history"))),
    b(FILTER, &[Key::ctrl('n')], Action::HistoryNewer, "a later filter", None),
    b(PICKER, &[Key::plain(KeyCode::Down), Key::ctrl('n')], Action::Down, "next link", Some(("↑↓", "choose"))),
    b(PICKER, &[Key::plain(KeyCode::Up), Key::ctrl('p')], Action::Up, "previous link", None),
    b(PICKER, &[Key::plain(KeyCode::Enter)], Action::Accept, "open the link", Some(("Enter", "open"))),
    b(PICKER, &[Key::ctrl('y')], Action::Copy, "copy the link", Some(("Ctrl-Y", "copy"))),
    b(PICKER, &[Key::plain(KeyCode::Esc)], Action::Back, "close", Some(("Esc", "close"))),
    edit(&[Key::plain(KeyCode::Left), Key::ctrl('b')], Edit::Left, "cursor left"),
    edit(&[Key::plain(KeyCode::Right), Key::ctrl('f')], Edit::Right, "cursor right"),
    edit(&[Key::alt('b'), Key::with(KeyCode::Left, KeyModifiers::CONTROL)], Edit::WordLeft, "a word left"),
    edit(&[Key::alt('f'), Key::with(KeyCode::Right, KeyModifiers::CONTROL)], Edit::WordRight, "a word right"),
    edit(&[Key::plain(KeyCode::Home), Key::ctrl('a')], Edit::Home, "to the start of the line"),
    edit(&[Key::plain(KeyCode::End), Key::ctrl('e')], Edit::End, "to the end of the line"),
    edit(&[Key::plain(KeyCode::Backspace), Key::ctrl('h')], Edit::Backspace, "delete the character before the cursor"),
    edit(&[Key::plain(KeyCode::Delete), Key::ctrl('d')], Edit::Delete, "delete the character under the cursor"),
    edit(&[Key::ctrl('w'), Key::with(KeyCode::Backspace, KeyModifiers::ALT)], Edit::DeleteWordBack, "delete the word before the cursor"),
    edit(&[Key::ctrl('u')], Edit::KillToStart, "delete to the start of the line"),
    edit(&[Key::ctrl('k')], Edit::KillToEnd, "delete to the end of the line"),
    b(HELP, &[Key::plain(KeyCode::Esc), Key::ch('?'), Key::ch('q')], Action::Back, "close help", Some(("Esc", "close"))),
    b(HELP, &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "scroll down", Some(("j/k", "scroll"))),
    b(HELP, &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "scroll up", None),
    b(HELP, &[Key::plain(KeyCode::PageDown), Key::ctrl('d'), Key::ch(' ')], Action::PageDown, "page down", None),
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
            Some(Action::Edit(Edit::Insert(c)))
        }
        _ => None,
    }
}

/// The status-bar hints for a mode, in table order, of the bindings `offered` keeps: a key
/// that would do nothing now is not offered.
pub fn hints(mode: Mode, offered: impl Fn(&Action) -> bool) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode) && offered(&b.action))
        .filter_map(|b| b.hint)
        .collect()
}

/// Whether a status-bar hint (by its keys as shown) is one that always shows: help and quit.
pub fn is_reserved(mode: Mode, hint: &str) -> bool {
    BINDINGS.iter().any(|b| {
        b.modes.contains(&mode)
            && b.hint.is_some_and(|(k, _)| k == hint)
            && matches!(b.action, Action::Help | Action::Quit)
    })
}

/// Rows of help: the keys as shown, and what they do.
pub type HelpRows = Vec<(String, &'static str)>;

/// Help's rows for a mode: every binding with all its keys; bindings that share a label (the
/// digits) share a row. The query line's editing keys are left out: help lists them once.
pub fn help_rows(mode: Mode) -> HelpRows {
    rows(BINDINGS.iter().filter(|b| {
        b.modes.contains(&mode) && !matches!(b.action, Action::Edit(_)) && b.modes != ALL
    }))
}

/// The rows every mode shares: the query line's editing keys, and the keys bound everywhere.
pub fn shared_rows() -> (HelpRows, HelpRows) {
    (
        rows(
            BINDINGS
                .iter()
                .filter(|b| matches!(b.action, Action::Edit(_))),
        ),
        rows(BINDINGS.iter().filter(|b| b.modes == ALL)),
    )
}

fn rows<'a>(bindings: impl Iterator<Item = &'a Binding>) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for b in bindings {
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

/// The keys bound to an action in a mode, as help shows them. Every message that names a key
/// asks here, so it names only keys that work.
pub fn keys(mode: Mode, action: &Action) -> Vec<String> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode) && b.action == *action)
        .flat_map(|b| b.keys.iter().map(|k| k.name()))
        .collect()
}

/// The first key bound to an action in a mode: "c", "Tab", "Space". A message must not name an
/// action the mode does not bind; in a debug build that is a panic.
pub fn key(mode: Mode, action: &Action) -> String {
    let keys = keys(mode, action);
    debug_assert!(!keys.is_empty(), "{action:?} is not bound in {mode:?}");
    keys.into_iter().next().unwrap_or_else(|| "?".into())
}

/// Whether a key by its shown name is bound in a mode.
pub fn is_bound(mode: Mode, name: &str) -> bool {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .any(|b| b.keys.iter().any(|k| k.name() == name))
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
            let (edits, everywhere) = shared_rows();
            for mode in b.modes {
                assert!(
                    help_rows(*mode)
                        .iter()
                        .chain(&edits)
                        .chain(&everywhere)
                        .any(|(_, l)| *l == b.label),
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
            Some(Action::Edit(Edit::Insert('q')))
        );
        assert_eq!(action_for(Mode::List, Key::ch('q')), Some(Action::Quit));
        assert_eq!(
            action_for(Mode::Filter, Key::ctrl('u')),
            Some(Action::Edit(Edit::KillToStart))
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
