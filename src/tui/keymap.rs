//! The one keybinding table. Key handling, the help overlay and the status-bar hints are all
//! read from the live [`Keymap`], so they cannot drift apart. It starts from the defaults
//! ([`DEFAULTS`]), which the config file's `[keys]` may change (`tui::config`); a check refuses a
//! key bound twice in one mode, and a printable key bound in a mode where it would be typed.

use super::action::Action;
use super::input::Edit;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::sync::OnceLock;

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

    /// The mode's table under the config file's `[keys]`.
    pub fn config_name(self) -> &'static str {
        // Never an action's name: TOML could not hold `[keys] search = [...]` beside
        // `[keys.search]`.
        match self {
            Mode::List => "list",
            Mode::Content => "response",
            Mode::Filter => "list_filter",
            Mode::Picker => "link_picker",
            Mode::Help => "help_screen",
            Mode::Search => "search_overlay",
            Mode::Compare => "comparison",
            Mode::CompareFilter => "topic_filter",
            Mode::Rankings => "rankings_screen",
            Mode::RankingsFilter => "rankings_filter",
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
            // Alt keeps the letter's case: Alt-b and Alt-B are two keys.
            format!("Alt-{base}")
        } else {
            base
        }
    }

    /// The key as the config file writes it: "j", "G", "ctrl-u", "pagedown", "shift-tab".
    pub fn config_name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => return "shift-tab".into(),
            KeyCode::Up => "up".into(),
            KeyCode::Down => "down".into(),
            KeyCode::Left => "left".into(),
            KeyCode::Right => "right".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("ctrl-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("alt-{base}")
        } else {
            base
        }
    }

    /// Reads a key as the config file writes it, or as help shows it: a character ("x", "G",
    /// "?"), a named key ("enter", "esc", "tab", "space", "backspace", "delete", "up",
    /// "pagedown" or "pgdn", "home", "f1"; case does not matter), or either after "ctrl-" or
    /// "alt-" ("ctrl-f", "Alt-b", "ctrl-left"). "shift-" goes only before a letter ("shift-g"
    /// is "G") or Tab. "+" may stand for "-".
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return match c {
                c if c.is_control() => Err(format!("\"{}\" is not a key", c.escape_default())),
                '↑' => Ok(Key::plain(KeyCode::Up)),
                '↓' => Ok(Key::plain(KeyCode::Down)),
                '←' => Ok(Key::plain(KeyCode::Left)),
                '→' => Ok(Key::plain(KeyCode::Right)),
                c => Ok(Key::ch(c)),
            };
        }
        for (prefix, mods) in [
            ("ctrl", KeyModifiers::CONTROL),
            ("alt", KeyModifiers::ALT),
            ("shift", KeyModifiers::SHIFT),
        ] {
            // The prefix in any case; the rest as written, so "alt-B" keeps its case.
            let Some(rest_written) = text
                .get(..prefix.len())
                .filter(|p| p.eq_ignore_ascii_case(prefix))
                .and_then(|_| text[prefix.len()..].strip_prefix(['-', '+']))
            else {
                continue;
            };
            let base = Key::parse(rest_written)?;
            if !base.mods.is_empty() {
                return Err(format!(
                    "\"{text}\": one modifier at most (Ctrl or Alt, or Shift before a letter)"
                ));
            }
            return match (mods, base.code) {
                (KeyModifiers::SHIFT, KeyCode::Tab) => Ok(Key::plain(KeyCode::BackTab)),
                (KeyModifiers::SHIFT, KeyCode::Char(c)) if c.is_alphabetic() => {
                    Ok(Key::ch(c.to_uppercase().next().unwrap_or(c)))
                }
                (KeyModifiers::SHIFT, _) => Err(format!(
                    "\"{text}\": Shift goes only before a letter or Tab; write the character \
                     itself, as \"?\""
                )),
                // What a terminal sends, crossterm reads back as these keys; keys it cannot
                // send would show in help and never work.
                (KeyModifiers::CONTROL, KeyCode::Char(c)) => {
                    let c = c.to_ascii_lowercase();
                    match c {
                        'i' => Err(format!(
                            "\"{text}\": terminals send Tab for it; bind \"tab\""
                        )),
                        'm' => Err(format!(
                            "\"{text}\": terminals send Enter for it; bind \"enter\""
                        )),
                        '[' => Err(format!(
                            "\"{text}\": terminals send Esc for it; bind \"esc\""
                        )),
                        c if c.is_ascii_lowercase() || c == ' ' => Ok(Key::ctrl(c)),
                        _ => Err(format!(
                            "\"{text}\": terminals send Ctrl only with a letter, space or a named \
                             key such as left or f5"
                        )),
                    }
                }
                (
                    KeyModifiers::CONTROL,
                    KeyCode::Tab | KeyCode::Enter | KeyCode::Esc | KeyCode::Backspace,
                )
                | (_, KeyCode::BackTab)
                | (KeyModifiers::ALT, KeyCode::Esc) => Err(format!(
                    "\"{text}\": terminals do not send this key with {prefix}; choose another"
                )),
                (m, code) => Ok(Key::with(code, m)),
            };
        }
        let lower = text.to_lowercase();
        let code = match lower.as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "insert" | "ins" => KeyCode::Insert,
            f if f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                return Err(format!(
                    "\"{text}\" is not a key (a character, or a name such as enter, esc, tab, \
                     space, up, pagedown, f1, with ctrl- or alt- before it if need be)"
                ));
            }
        };
        Ok(Key::plain(code))
    }

    /// The key a terminal event stands for. Shift is folded into the character ("G"), and a
    /// release of a key is not a key press (a key held down repeats, and each repeat counts).
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

/// A binding as the default table writes it.
struct Def {
    modes: &'static [Mode],
    name: &'static str,
    keys: &'static [Key],
    action: Action,
    label: &'static str,
    hint: Option<Hint>,
}

/// A status-bar hint: the binding's first key, and with `with`, the first key of its partner
/// in the same mode ("j/k", "Ctrl-N/P", "↑↓"), then what they do.
#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    pub word: &'static str,
    pub with: Option<Action>,
}

/// One binding: these keys, in these modes, do this.
#[derive(Debug, Clone)]
pub struct Binding {
    pub modes: Vec<Mode>,
    /// The action's name in help and in the config file's `[keys]`: `quit`, `page_down`.
    pub name: &'static str,
    pub keys: Vec<Key>,
    pub action: Action,
    /// What help says the binding does.
    pub label: &'static str,
    /// The status bar's short hint for its modes.
    pub hint: Option<Hint>,
    /// The config file's line that set these keys, when one did.
    pub line: Option<usize>,
}

impl Binding {
    /// Where the binding sits in help and in the config file.
    pub fn section(&self) -> Section {
        if self.modes == ALL {
            Section::Everywhere
        } else if matches!(self.action, Action::Edit(_)) {
            Section::Editing
        } else {
            Section::Mode(self.modes[0])
        }
    }

    /// Whether a per-mode section holds this binding for `mode`.
    fn in_mode_section(&self, mode: Mode) -> bool {
        matches!(self.section(), Section::Mode(_)) && self.modes.contains(&mode)
    }
}

/// A part of help, and a table of the config file's `[keys]`: one mode, the query line's
/// editing keys (every text mode shares them) or the keys bound everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Mode(Mode),
    Editing,
    Everywhere,
}

impl Section {
    /// Every section, in the order help and `msq config` show them.
    pub fn all() -> Vec<Section> {
        let mut all: Vec<Section> = Mode::ALL.iter().map(|m| Section::Mode(*m)).collect();
        all.push(Section::Editing);
        all.push(Section::Everywhere);
        all
    }

    /// The table's name under `[keys]`: `list`, `compare_filter`, `editing`.
    pub fn name(self) -> &'static str {
        match self {
            Section::Mode(m) => m.config_name(),
            Section::Editing => "editing",
            Section::Everywhere => "everywhere",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Mode(m) => m.title(),
            Section::Editing => "Editing a query line (search, filters, link picker)",
            Section::Everywhere => "Everywhere",
        }
    }

    pub fn named(name: &str) -> Option<Section> {
        Section::all().into_iter().find(|s| s.name() == name)
    }
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
    name: &'static str,
    keys: &'static [Key],
    action: Action,
    label: &'static str,
    hint: Option<Hint>,
) -> Def {
    Def {
        modes,
        name,
        keys,
        action,
        label,
        hint,
    }
}

const fn edit(name: &'static str, keys: &'static [Key], e: Edit, label: &'static str) -> Def {
    b(TEXT, name, keys, Action::Edit(e), label, None)
}

const fn hint(word: &'static str) -> Hint {
    Hint { word, with: None }
}

const fn pair(word: &'static str, with: Action) -> Hint {
    Hint {
        word,
        with: Some(with),
    }
}

#[rustfmt::skip]
static DEFAULTS: &[Def] = &[
    b(BROWSE, "down", &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "move down", Some(pair("move", Action::Up))),
    b(BROWSE, "up", &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "move up", None),
    b(BROWSE, "page_down", &[Key::plain(KeyCode::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(BROWSE, "page_up", &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(BROWSE, "top", &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "go to the top", None),
    b(BROWSE, "bottom", &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "go to the bottom", None),
    b(BROWSE, "next_tab", &[Key::plain(KeyCode::Tab), Key::ch('l')], Action::NextTab, "next tab", Some(hint("section"))),
    b(BROWSE, "prev_tab", &[Key::plain(KeyCode::BackTab), Key::ch('h')], Action::PrevTab, "previous tab", None),
    b(BROWSE, "tab_1", &[Key::ch('1')], Action::GoTab(0), "jump to tab N (1 is Overview)", None),
    b(BROWSE, "tab_2", &[Key::ch('2')], Action::GoTab(1), "jump to tab N (1 is Overview)", None),
    b(BROWSE, "tab_3", &[Key::ch('3')], Action::GoTab(2), "jump to tab N (1 is Overview)", None),
    b(BROWSE, "tab_4", &[Key::ch('4')], Action::GoTab(3), "jump to tab N (1 is Overview)", None),
    b(BROWSE, "tab_5", &[Key::ch('5')], Action::GoTab(4), "jump to tab N (1 is Overview)", None),
    b(BROWSE, "tab_6", &[Key::ch('6')], Action::GoTab(5), "jump to tab N (1 is Overview)", None),
    b(BROWSE, "tab_7", &[Key::ch('7')], Action::GoTab(6), "jump to tab N (1 is Overview)", None),
    b(BROWSE, "tab_8", &[Key::ch('8')], Action::GoTab(7), "jump to tab N (1 is Overview)", None),
    b(BROWSE, "tab_9", &[Key::ch('9')], Action::GoTab(8), "jump to tab N (1 is Overview)", None),
    b(LIST, "read", &[Key::plain(KeyCode::Enter), Key::plain(KeyCode::Right)], Action::FocusContent, "read the response", Some(hint("read"))),
    b(LIST, "filter", &[Key::ch('f')], Action::StartFilter, "filter countries", Some(hint("filter"))),
    b(LIST, "back", &[Key::plain(KeyCode::Esc)], Action::Back, "clear the filter", None),
    b(CONTENT, "back", &[Key::plain(KeyCode::Esc), Key::plain(KeyCode::Left)], Action::FocusList, "back to the country list", Some(hint("back"))),
    b(CONTENT, "filter", &[Key::ch('f')], Action::StartFilter, "filter countries", None),
    b(BROWSE, "search", &[Key::ch('/')], Action::OpenSearch, "search every answer", Some(hint("search"))),
    b(LIST, "mark", &[Key::ch(' ')], Action::ToggleMark, "mark for comparison", Some(hint("mark"))),
    b(LIST, "responses_only", &[Key::ch('r')], Action::ToggleResponsesOnly, "every member state, or only those with a response", None),
    b(LIST, "sort", &[Key::ch('s')], Action::CycleSort, "sort: responses first, by name, by EGDI rank, by rank change", Some(hint("sort"))),
    b(BROWSE, "rankings", &[Key::ch('R')], Action::OpenRankings, "rankings of every member state", Some(hint("rankings"))),
    b(BROWSE, "compare", &[Key::ch('c')], Action::OpenCompare, "compare the marked responses", Some(hint("compare"))),
    b(BROWSE, "next_hit", &[Key::ch('n')], Action::NextHit, "next search hit", Some(pair("next hit", Action::PrevHit))),
    b(BROWSE, "prev_hit", &[Key::ch('N')], Action::PrevHit, "previous search hit", None),
    b(BROWSE, "copy", &[Key::ch('y')], Action::Copy, "copy the answer (CIO e-mail on Overview)", Some(hint("copy"))),
    b(BROWSE, "open", &[Key::ch('o')], Action::Open, "open a link in the browser", Some(hint("open link"))),
    b(BROWSE, "help", &[Key::ch('?')], Action::Help, "help", Some(hint("help"))),
    b(BROWSE, "quit", &[Key::ch('q')], Action::Quit, "quit", Some(hint("quit"))),
    b(ALL, "quit_now", &[Key::ctrl('c')], Action::Interrupt(2), "quit at once", None),
    b(ALL, "help_anywhere", &[Key::plain(KeyCode::F(1))], Action::Help, "help, from anywhere", None),
    b(SEARCH, "accept", &[Key::plain(KeyCode::Enter)], Action::Accept, "jump to the hit", Some(hint("jump"))),
    b(SEARCH, "back", &[Key::plain(KeyCode::Esc)], Action::Back, "close; next_hit and prev_hit still step through the hits", Some(hint("close"))),
    b(SEARCH, "down", &[Key::ctrl('n')], Action::Down, "next hit", Some(pair("choose", Action::Up))),
    b(SEARCH, "up", &[Key::ctrl('p')], Action::Up, "previous hit", None),
    b(SEARCH, "page_down", &[Key::plain(KeyCode::PageDown)], Action::PageDown, "page down the hits", None),
    b(SEARCH, "page_up", &[Key::plain(KeyCode::PageUp)], Action::PageUp, "page up the hits", None),
    b(SEARCH, "history_older", &[Key::plain(KeyCode::Up)], Action::HistoryOlder, "an earlier query", Some(pair("history", Action::HistoryNewer))),
    b(SEARCH, "history_newer", &[Key::plain(KeyCode::Down)], Action::HistoryNewer, "a later query", None),
    b(SEARCH, "mark", &[Key::with(KeyCode::Char(' '), KeyModifiers::CONTROL)], Action::ToggleMark, "mark the hit's response for comparison", None),
    b(SEARCH, "scope", &[Key::plain(KeyCode::Tab)], Action::ToggleScope, "search all responses or the current one", Some(hint("scope"))),
    b(COMPARE, "down", &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "next topic", Some(pair("topic", Action::Up))),
    b(COMPARE, "up", &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "previous topic", None),
    b(COMPARE, "left", &[Key::plain(KeyCode::Left), Key::ch('h')], Action::Left, "column to the left", Some(pair("column", Action::Right))),
    b(COMPARE, "right", &[Key::plain(KeyCode::Right), Key::ch('l')], Action::Right, "column to the right", None),
    b(COMPARE, "move_left", &[Key::ch('<')], Action::MoveColumn(-1), "move the column left", None),
    b(COMPARE, "move_right", &[Key::ch('>')], Action::MoveColumn(1), "move the column right", None),
    b(COMPARE, "page_down", &[Key::plain(KeyCode::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(COMPARE, "page_up", &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(COMPARE, "top", &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "first topic", None),
    b(COMPARE, "bottom", &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "last topic", None),
    b(COMPARE, "filter", &[Key::ch('/')], Action::StartFilter, "filter the topics", Some(hint("filter"))),
    b(COMPARE, "diff", &[Key::ch('d')], Action::ToggleDiff, "highlight words that differ", Some(hint("diff"))),
    b(COMPARE, "export", &[Key::ch('e')], Action::Export, "export what is shown to Markdown", Some(hint("export"))),
    b(COMPARE, "copy", &[Key::ch('y')], Action::Copy, "copy the focused cell", Some(hint("copy"))),
    b(COMPARE, "back", &[Key::plain(KeyCode::Esc), Key::ch('q')], Action::Back, "close the comparison", Some(hint("close"))),
    b(COMPARE, "help", &[Key::ch('?')], Action::Help, "help", Some(hint("help"))),
    b(COMPARE_FILTER, "accept", &[Key::plain(KeyCode::Enter)], Action::Accept, "keep the topic filter", Some(hint("keep"))),
    b(COMPARE_FILTER, "back", &[Key::plain(KeyCode::Esc)], Action::Back, "cancel the topic filter", Some(hint("cancel"))),
    b(COMPARE_FILTER, "down", &[Key::plain(KeyCode::Down)], Action::Down, "next topic", None),
    b(COMPARE_FILTER, "up", &[Key::plain(KeyCode::Up)], Action::Up, "previous topic", None),
    b(COMPARE_FILTER, "history_older", &[Key::ctrl('p')], Action::HistoryOlder, "an earlier topic filter", Some(pair("history", Action::HistoryNewer))),
    b(COMPARE_FILTER, "history_newer", &[Key::ctrl('n')], Action::HistoryNewer, "a later topic filter", None),
    b(RANKINGS, "down", &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "next state", Some(pair("move", Action::Up))),
    b(RANKINGS, "up", &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "previous state", None),
    b(RANKINGS, "page_down", &[Key::plain(KeyCode::PageDown), Key::ctrl('d')], Action::PageDown, "page down", None),
    b(RANKINGS, "page_up", &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(RANKINGS, "top", &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "first state", None),
    b(RANKINGS, "bottom", &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "last state", None),
    b(RANKINGS, "edition_before", &[Key::ch('[')], Action::Edition(-1), "the edition before", Some(pair("edition", Action::Edition(1)))),
    b(RANKINGS, "edition_after", &[Key::ch(']')], Action::Edition(1), "the edition after", None),
    b(RANKINGS, "sort", &[Key::ch('s')], Action::CycleSort, "sort by the next column", Some(pair("sort", Action::CycleSortBack))),
    b(RANKINGS, "sort_back", &[Key::ch('S')], Action::CycleSortBack, "sort by the column before", None),
    b(RANKINGS, "reverse", &[Key::ch('r')], Action::ReverseSort, "reverse the order", None),
    b(RANKINGS, "filter", &[Key::ch('/'), Key::ch('f')], Action::StartFilter, "filter by name, code, region: or subregion:", Some(hint("filter"))),
    b(RANKINGS, "accept", &[Key::plain(KeyCode::Enter)], Action::Accept, "open the state", Some(hint("open"))),
    b(RANKINGS, "mark", &[Key::ch(' ')], Action::ToggleMark, "mark its response for comparison", Some(hint("mark"))),
    b(RANKINGS, "compare", &[Key::ch('c')], Action::OpenCompare, "compare the marked responses", Some(hint("compare"))),
    b(RANKINGS, "back", &[Key::plain(KeyCode::Esc), Key::ch('q')], Action::Back, "close the rankings", Some(hint("close"))),
    b(RANKINGS, "help", &[Key::ch('?')], Action::Help, "help", Some(hint("help"))),
    b(RANKINGS_FILTER, "accept", &[Key::plain(KeyCode::Enter)], Action::Accept, "keep the filter", Some(hint("keep"))),
    b(RANKINGS_FILTER, "back", &[Key::plain(KeyCode::Esc)], Action::Back, "cancel the filter", Some(hint("cancel"))),
    b(RANKINGS_FILTER, "down", &[Key::plain(KeyCode::Down)], Action::Down, "next state", Some(pair("choose", Action::Up))),
    b(RANKINGS_FILTER, "up", &[Key::plain(KeyCode::Up)], Action::Up, "previous state", None),
    b(FILTER, "accept", &[Key::plain(KeyCode::Enter)], Action::Accept, "keep the filter", Some(hint("keep"))),
    b(FILTER, "back", &[Key::plain(KeyCode::Esc)], Action::Back, "cancel the filter", Some(hint("cancel"))),
    b(FILTER, "down", &[Key::plain(KeyCode::Down)], Action::Down, "next country", Some(pair("choose", Action::Up))),
    b(FILTER, "up", &[Key::plain(KeyCode::Up)], Action::Up, "previous country", None),
    b(FILTER, "history_older", &[Key::ctrl('p')], Action::HistoryOlder, "an earlier filter", Some(pair("history", Action::HistoryNewer))),
    b(FILTER, "history_newer", &[Key::ctrl('n')], Action::HistoryNewer, "a later filter", None),
    b(PICKER, "down", &[Key::plain(KeyCode::Down), Key::ctrl('n')], Action::Down, "next link", Some(pair("choose", Action::Up))),
    b(PICKER, "up", &[Key::plain(KeyCode::Up), Key::ctrl('p')], Action::Up, "previous link", None),
    b(PICKER, "accept", &[Key::plain(KeyCode::Enter)], Action::Accept, "open the link", Some(hint("open"))),
    b(PICKER, "copy", &[Key::ctrl('y')], Action::Copy, "copy the link", Some(hint("copy"))),
    b(PICKER, "back", &[Key::plain(KeyCode::Esc)], Action::Back, "close", Some(hint("close"))),
    edit("cursor_left", &[Key::plain(KeyCode::Left), Key::ctrl('b')], Edit::Left, "cursor left"),
    edit("cursor_right", &[Key::plain(KeyCode::Right), Key::ctrl('f')], Edit::Right, "cursor right"),
    edit("word_left", &[Key::alt('b'), Key::with(KeyCode::Left, KeyModifiers::CONTROL)], Edit::WordLeft, "a word left"),
    edit("word_right", &[Key::alt('f'), Key::with(KeyCode::Right, KeyModifiers::CONTROL)], Edit::WordRight, "a word right"),
    edit("line_start", &[Key::plain(KeyCode::Home), Key::ctrl('a')], Edit::Home, "to the start of the line"),
    edit("line_end", &[Key::plain(KeyCode::End), Key::ctrl('e')], Edit::End, "to the end of the line"),
    edit("delete_back", &[Key::plain(KeyCode::Backspace), Key::ctrl('h')], Edit::Backspace, "delete the character before the cursor"),
    edit("delete", &[Key::plain(KeyCode::Delete), Key::ctrl('d')], Edit::Delete, "delete the character under the cursor"),
    edit("delete_word_back", &[Key::ctrl('w'), Key::with(KeyCode::Backspace, KeyModifiers::ALT)], Edit::DeleteWordBack, "delete the word before the cursor"),
    edit("kill_to_start", &[Key::ctrl('u')], Edit::KillToStart, "delete to the start of the line"),
    edit("kill_to_end", &[Key::ctrl('k')], Edit::KillToEnd, "delete to the end of the line"),
    b(HELP, "back", &[Key::plain(KeyCode::Esc), Key::ch('?'), Key::ch('q')], Action::Back, "close help", Some(hint("close"))),
    b(HELP, "down", &[Key::ch('j'), Key::plain(KeyCode::Down)], Action::Down, "scroll down", Some(pair("scroll", Action::Up))),
    b(HELP, "up", &[Key::ch('k'), Key::plain(KeyCode::Up)], Action::Up, "scroll up", None),
    b(HELP, "page_down", &[Key::plain(KeyCode::PageDown), Key::ctrl('d'), Key::ch(' ')], Action::PageDown, "page down", None),
    b(HELP, "page_up", &[Key::plain(KeyCode::PageUp), Key::ctrl('u')], Action::PageUp, "page up", None),
    b(HELP, "top", &[Key::ch('g'), Key::plain(KeyCode::Home)], Action::Top, "go to the top", None),
    b(HELP, "bottom", &[Key::ch('G'), Key::plain(KeyCode::End)], Action::Bottom, "go to the bottom", None),
];
/// The keys in use: the defaults, with the config file's changes once `install`ed.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|d| Binding {
                    modes: d.modes.to_vec(),
                    name: d.name,
                    keys: d.keys.to_vec(),
                    action: d.action.clone(),
                    label: d.label,
                    hint: d.hint.clone(),
                    line: None,
                })
                .collect(),
        }
    }
}

/// A status-bar hint as shown: the keys, what they do, and whether it always shows (help and
/// quit do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub keys: String,
    pub word: &'static str,
    pub reserved: bool,
}

/// Rows of help: the keys as shown, the action's name, and what it does.
pub type HelpRows = Vec<(String, String, &'static str)>;

/// Why a `[keys]` entry cannot be used, and the config line to blame when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub line: Option<usize>,
    pub problem: String,
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action a key does in a mode. In a text mode, a printable character with no binding
    /// is typed.
    pub fn action_for(&self, mode: Mode, key: Key) -> Option<Action> {
        let bound = self
            .bindings
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
    pub fn hints(&self, mode: Mode, offered: impl Fn(&Action) -> bool) -> Vec<Shown> {
        self.bindings
            .iter()
            .filter(|b| b.modes.contains(&mode) && offered(&b.action))
            .filter_map(|b| {
                let h = b.hint.as_ref()?;
                let first = b.keys.first()?.name();
                let keys = match h.with.as_ref().and_then(|a| self.first_key(mode, a)) {
                    Some(second) => join_pair(&first, &second),
                    None => first,
                };
                Some(Shown {
                    keys,
                    word: h.word,
                    reserved: matches!(b.action, Action::Help | Action::Quit),
                })
            })
            .collect()
    }

    fn first_key(&self, mode: Mode, action: &Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.modes.contains(&mode) && b.action == *action)
            .and_then(|b| b.keys.first())
            .map(|k| k.name())
    }

    /// Help's rows for a mode: every binding with all its keys; bindings that share a label
    /// (the digits) share a row. The query line's editing keys and the keys bound everywhere
    /// are left out: help lists them once ([`Keymap::shared_rows`]).
    pub fn help_rows(&self, mode: Mode) -> HelpRows {
        rows(self.bindings.iter().filter(|b| b.in_mode_section(mode)))
    }

    /// The rows every mode shares: the query line's editing keys, and the keys bound
    /// everywhere.
    pub fn shared_rows(&self) -> (HelpRows, HelpRows) {
        let of = |s: Section| rows(self.bindings.iter().filter(move |b| b.section() == s));
        (of(Section::Editing), of(Section::Everywhere))
    }

    /// The keys bound to an action in a mode, as help shows them. Every message that names a
    /// key asks here, so it names only keys that work.
    pub fn keys(&self, mode: Mode, action: &Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.modes.contains(&mode) && b.action == *action)
            .flat_map(|b| b.keys.iter().map(|k| k.name()))
            .collect()
    }

    /// Whether a key by its shown name is bound in a mode.
    pub fn is_bound(&self, mode: Mode, name: &str) -> bool {
        self.bindings
            .iter()
            .filter(|b| b.modes.contains(&mode))
            .any(|b| b.keys.iter().any(|k| k.name() == name))
    }

    /// Gives the action `name` these keys: in one section, or with `None` in every section
    /// that has it. A binding shared by several modes is split, so the others keep theirs.
    /// `line` is the config file's line, for the errors `check` finds later.
    pub fn rebind(
        &mut self,
        section: Option<Section>,
        name: &str,
        keys: Vec<Key>,
        line: usize,
    ) -> Result<(), String> {
        let mut keys_once: Vec<Key> = Vec::with_capacity(keys.len());
        for k in keys {
            if !keys_once.contains(&k) {
                keys_once.push(k);
            }
        }
        if keys_once.is_empty() {
            return Err(format!("{name} needs at least one key"));
        }
        let mut found = false;
        let mut i = 0;
        while i < self.bindings.len() {
            let b = &self.bindings[i];
            if b.name != name {
                i += 1;
                continue;
            }
            match section {
                Some(Section::Mode(m)) if b.in_mode_section(m) => {
                    found = true;
                    if b.modes.len() > 1 {
                        let mut own = b.clone();
                        own.modes = vec![m];
                        own.keys = keys_once.clone();
                        own.line = Some(line);
                        self.bindings[i].modes.retain(|x| *x != m);
                        self.bindings.insert(i + 1, own);
                        i += 1;
                    } else {
                        self.bindings[i].keys = keys_once.clone();
                        self.bindings[i].line = Some(line);
                    }
                }
                Some(s) if matches!(s, Section::Editing | Section::Everywhere) => {
                    if b.section() == s {
                        found = true;
                        self.bindings[i].keys = keys_once.clone();
                        self.bindings[i].line = Some(line);
                    }
                }
                Some(_) => {}
                None => {
                    found = true;
                    self.bindings[i].keys = keys_once.clone();
                    self.bindings[i].line = Some(line);
                }
            }
            i += 1;
        }
        if found {
            return Ok(());
        }
        let homes: Vec<String> = Section::all()
            .into_iter()
            .filter(|s| self.names(*s).contains(&name))
            .map(|s| format!("[keys.{}]", s.name()))
            .collect();
        let place = section.map_or("[keys]".to_string(), |s| format!("[keys.{}]", s.name()));
        if !homes.is_empty() {
            return Err(format!(
                "{place} has no action \"{name}\"; it is under {}",
                homes.join(", ")
            ));
        }
        let known: Vec<&str> = match section {
            Some(s) => self.names(s),
            None => {
                let mut all: Vec<&str> = self.bindings.iter().map(|b| b.name).collect();
                all.sort_unstable();
                all.dedup();
                all
            }
        };
        let near = known
            .iter()
            .map(|k| (strsim::jaro_winkler(k, name), *k))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        Err(match near {
            Some((_, k)) => format!("unknown action \"{name}\" in {place}; did you mean {k}?"),
            None => {
                format!("unknown action \"{name}\" in {place}; `msq config` lists every action")
            }
        })
    }

    /// The action names a section holds, in table order.
    pub fn names(&self, section: Section) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for b in &self.bindings {
            let here = match section {
                Section::Mode(m) => b.in_mode_section(m),
                s => b.section() == s,
            };
            if here && !names.contains(&b.name) {
                names.push(b.name);
            }
        }
        names
    }

    /// The binding a section gives an action.
    pub fn binding_in(&self, section: Section, name: &str) -> Option<&Binding> {
        self.bindings.iter().find(|b| {
            b.name == name
                && match section {
                    Section::Mode(m) => b.in_mode_section(m),
                    s => b.section() == s,
                }
        })
    }

    /// Refuses a key bound twice in one mode, and a printable key bound in a mode where it is
    /// typed text. The line is the config's, of the later of the two entries.
    pub fn check(&self) -> Result<(), KeyError> {
        for mode in Mode::ALL {
            let here: Vec<&Binding> = self
                .bindings
                .iter()
                .filter(|b| b.modes.contains(&mode))
                .collect();
            for (i, a) in here.iter().enumerate() {
                for key in &a.keys {
                    if mode.takes_text()
                        && key.mods.is_empty()
                        && matches!(key.code, KeyCode::Char(_))
                    {
                        return Err(KeyError {
                            line: a.line,
                            problem: format!(
                                "{} is typed text in {}, so it cannot be {}'s key there: use a \
                                 key with ctrl- or alt-, a named key such as esc, or set {} per \
                                 section",
                                key.name(),
                                mode.title(),
                                a.name,
                                a.name
                            ),
                        });
                    }
                    if let Some(b) = here[i + 1..].iter().find(|b| b.keys.contains(key)) {
                        return Err(KeyError {
                            line: a.line.max(b.line),
                            problem: format!(
                                "{} is bound twice in {}: to {} and to {}",
                                key.name(),
                                mode.title(),
                                a.name,
                                b.name
                            ),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

/// Two keys of one hint: "j/k"; a shared modifier once, "Ctrl-N/P"; two arrows side by side in
/// their usual order, "↑↓"; two marks apart, "[ ]".
fn join_pair(a: &str, b: &str) -> String {
    let arrows = ["↑", "↓", "←", "→"];
    if let (Some(x), Some(y)) = (
        arrows.iter().position(|r| *r == a),
        arrows.iter().position(|r| *r == b),
    ) {
        return format!("{}{}", arrows[x.min(y)], arrows[x.max(y)]);
    }
    let mark = |s: &str| s.len() == 1 && s.chars().all(|c| c.is_ascii_punctuation());
    if mark(a) && mark(b) {
        return format!("{a} {b}");
    }
    for prefix in ["Ctrl-", "Alt-"] {
        if let (Some(x), Some(y)) = (a.strip_prefix(prefix), b.strip_prefix(prefix)) {
            return format!("{prefix}{x}/{y}");
        }
    }
    format!("{a}/{b}")
}

fn rows<'a>(bindings: impl Iterator<Item = &'a Binding>) -> HelpRows {
    let mut rows: HelpRows = Vec::new();
    for b in bindings {
        let keys: Vec<String> = b.keys.iter().map(|k| k.name()).collect();
        match rows.last_mut() {
            Some((k, name, label)) if *label == b.label => {
                k.push(' ');
                k.push_str(&keys.join(" "));
                // The digits share a row: "tab_1 … tab_9".
                let first = name.split(' ').next().unwrap_or_default().to_string();
                *name = format!("{first} … {}", b.name);
            }
            _ => rows.push((keys.join(" "), b.name.to_string(), b.label)),
        }
    }
    rows
}

static KEYMAP: OnceLock<Keymap> = OnceLock::new();

/// Puts the config's keymap in use, before the browser starts. Returns false when a keymap
/// was already in use (then it stays).
pub fn install(keymap: Keymap) -> bool {
    KEYMAP.set(keymap).is_ok()
}

/// The keymap in use: the installed one, else the defaults.
pub fn table() -> &'static Keymap {
    KEYMAP.get_or_init(Keymap::default)
}

/// The action a key does in a mode, in the keymap in use.
pub fn action_for(mode: Mode, key: Key) -> Option<Action> {
    table().action_for(mode, key)
}

/// The status-bar hints for a mode, in the keymap in use.
pub fn hints(mode: Mode, offered: impl Fn(&Action) -> bool) -> Vec<Shown> {
    table().hints(mode, offered)
}

/// Help's rows for a mode, in the keymap in use.
pub fn help_rows(mode: Mode) -> HelpRows {
    table().help_rows(mode)
}

/// The rows every mode shares, in the keymap in use.
pub fn shared_rows() -> (HelpRows, HelpRows) {
    table().shared_rows()
}

/// The keys bound to an action in a mode, in the keymap in use.
pub fn keys(mode: Mode, action: &Action) -> Vec<String> {
    table().keys(mode, action)
}

/// The first key bound to an action in a mode: "c", "Tab", "Space". A message must not name an
/// action the mode does not bind; in a debug build that is a panic.
pub fn key(mode: Mode, action: &Action) -> String {
    let keys = keys(mode, action);
    debug_assert!(!keys.is_empty(), "{action:?} is not bound in {mode:?}");
    keys.into_iter().next().unwrap_or_else(|| "?".into())
}

/// Whether a key by its shown name is bound in a mode, in the keymap in use.
pub fn is_bound(mode: Mode, name: &str) -> bool {
    table().is_bound(mode, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_pass_the_check() {
        assert_eq!(Keymap::default().check(), Ok(()));
    }

    #[test]
    fn every_binding_has_a_label_that_help_shows() {
        let k = Keymap::default();
        let (edits, everywhere) = k.shared_rows();
        for b in k.bindings() {
            assert!(!b.label.trim().is_empty(), "{:?} has no label", b.action);
            assert!(!b.keys.is_empty() && !b.modes.is_empty());
            for mode in &b.modes {
                assert!(
                    k.help_rows(*mode)
                        .iter()
                        .chain(&edits)
                        .chain(&everywhere)
                        .any(|(_, _, l)| *l == b.label),
                    "{} missing from help for {mode:?}",
                    b.label
                );
            }
        }
    }

    #[test]
    fn names_are_config_keys_and_one_name_is_one_action_per_mode() {
        let k = Keymap::default();
        for b in k.bindings() {
            assert!(
                b.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{} is not a bare TOML key in snake_case",
                b.name
            );
            for other in k.bindings() {
                if other.name == b.name && other.modes.iter().any(|m| b.modes.contains(m)) {
                    assert_eq!(other.action, b.action, "{} means two actions", b.name);
                }
            }
        }
    }

    #[test]
    fn no_section_shares_a_name_with_an_action() {
        let k = Keymap::default();
        for s in Section::all() {
            assert!(
                !k.bindings().iter().any(|b| b.name == s.name()),
                "[keys.{0}] and an action {0} cannot both be in one TOML file",
                s.name()
            );
        }
    }

    #[test]
    fn every_default_key_reads_back_from_its_config_name_and_its_help_name() {
        for b in Keymap::default().bindings() {
            for key in &b.keys {
                assert_eq!(
                    Key::parse(&key.config_name()),
                    Ok(*key),
                    "{}",
                    key.config_name()
                );
                assert_eq!(Key::parse(&key.name()), Ok(*key), "{}", key.name());
            }
        }
    }

    #[test]
    fn keys_are_read_as_people_write_them() {
        assert_eq!(Key::parse("x"), Ok(Key::ch('x')));
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("shift-g"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("Ctrl-F"), Ok(Key::ctrl('f')));
        assert_eq!(Key::parse("ctrl+f"), Ok(Key::ctrl('f')));
        assert_eq!(Key::parse("alt-B"), Ok(Key::alt('B')));
        assert_eq!(Key::parse("PgDn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("ESCAPE"), Ok(Key::plain(KeyCode::Esc)));
        assert_eq!(Key::parse("f12"), Ok(Key::plain(KeyCode::F(12))));
        assert_eq!(Key::parse("-"), Ok(Key::ch('-')));
        assert_eq!(
            Key::parse("ctrl-left"),
            Ok(Key::with(KeyCode::Left, KeyModifiers::CONTROL))
        );
        // Letters that change length when lower-cased, after a modifier or not.
        assert_eq!(Key::parse("alt-İ"), Ok(Key::alt('İ')));
        for bad in [
            "",
            "ctrl-",
            "hyper-x",
            "shift-1",
            "ctrl-alt-x",
            "f99",
            "entr",
            "\t",
            "ctrlİ-x",
            "İİ-x",
            "ctrl-İİ",
            "f1x",
            // Keys a terminal cannot send.
            "ctrl-i",
            "Ctrl-M",
            "ctrl-[",
            "ctrl-1",
            "ctrl--",
            "ctrl-é",
            "ctrl-tab",
            "ctrl-enter",
            "ctrl-backspace",
            "alt-esc",
            "alt-shift-tab",
            "ctrl-shift-tab",
        ] {
            let e = Key::parse(bad).expect_err(bad);
            assert!(!e.contains('\n'), "{e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn reading_any_text_as_a_key_never_panics(text in "(?s).{0,12}", pre in "(ctrl|Alt|shift|CTRL)[-+]") {
            let _ = Key::parse(&text);
            let _ = Key::parse(&format!("{pre}{text}"));
        }
    }

    #[test]
    fn typing_in_a_text_mode() {
        let k = Keymap::default();
        assert_eq!(
            k.action_for(Mode::Filter, Key::ch('q')),
            Some(Action::Edit(Edit::Insert('q')))
        );
        assert_eq!(k.action_for(Mode::List, Key::ch('q')), Some(Action::Quit));
        assert_eq!(
            k.action_for(Mode::Filter, Key::ctrl('u')),
            Some(Action::Edit(Edit::KillToStart))
        );
        assert_eq!(k.action_for(Mode::List, Key::ch('z')), None);
    }

    #[test]
    fn shift_is_folded_into_the_character() {
        let e = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(e), Some(Key::ch('G')));
        let e = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            Keymap::default().action_for(Mode::Content, Key::from_event(e).unwrap()),
            Some(Action::PrevTab)
        );
    }

    #[test]
    fn hints_pair_their_keys_from_the_table() {
        let k = Keymap::default();
        let shown = |mode| -> Vec<String> {
            k.hints(mode, |_| true)
                .into_iter()
                .map(|h| h.keys)
                .collect()
        };
        assert!(shown(Mode::List).contains(&"j/k".to_string()));
        assert!(shown(Mode::Search).contains(&"Ctrl-N/P".to_string()));
        assert!(shown(Mode::Search).contains(&"↑↓".to_string()));
        assert!(shown(Mode::Compare).contains(&"←→".to_string()));
        assert!(shown(Mode::Rankings).contains(&"[ ]".to_string()));
        assert!(shown(Mode::Filter).contains(&"↑↓".to_string()));
    }

    #[test]
    fn a_rebinding_in_one_mode_leaves_the_others_and_moves_the_hint() {
        let mut k = Keymap::default();
        k.rebind(
            Some(Section::Mode(Mode::Content)),
            "down",
            vec![Key::ch('J')],
            3,
        )
        .unwrap();
        k.rebind(
            Some(Section::Mode(Mode::Content)),
            "up",
            vec![Key::ch('K')],
            4,
        )
        .unwrap();
        assert_eq!(k.check(), Ok(()));
        assert_eq!(
            k.action_for(Mode::Content, Key::ch('J')),
            Some(Action::Down)
        );
        assert_eq!(k.action_for(Mode::Content, Key::ch('j')), None);
        assert_eq!(k.action_for(Mode::List, Key::ch('j')), Some(Action::Down));
        let hints: Vec<String> = k
            .hints(Mode::Content, |_| true)
            .into_iter()
            .map(|h| h.keys)
            .collect();
        assert!(hints.contains(&"J/K".to_string()), "{hints:?}");
        assert!(
            k.help_rows(Mode::Content)
                .iter()
                .any(|(keys, name, _)| keys == "J" && name == "down")
        );
        assert!(
            k.help_rows(Mode::List)
                .iter()
                .any(|(keys, name, _)| keys == "j ↓" && name == "down")
        );
    }

    #[test]
    fn a_clash_names_both_actions_and_the_later_line() {
        let mut k = Keymap::default();
        k.rebind(None, "quit", vec![Key::ch('j')], 7).unwrap();
        let e = k.check().unwrap_err();
        assert_eq!(e.line, Some(7));
        assert!(
            e.problem.contains("j is bound twice in Country list"),
            "{}",
            e.problem
        );
        assert!(
            e.problem.contains("down") && e.problem.contains("quit"),
            "{}",
            e.problem
        );
    }

    #[test]
    fn a_printable_key_where_it_would_be_typed_is_refused() {
        let mut k = Keymap::default();
        k.rebind(None, "back", vec![Key::ch('x')], 2).unwrap();
        let e = k.check().unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.problem.contains("x is typed text in"), "{}", e.problem);
    }

    #[test]
    fn unknown_and_misplaced_actions_say_where_to_look() {
        let mut k = Keymap::default();
        let e = k.rebind(None, "quitt", vec![Key::ch('x')], 1).unwrap_err();
        assert!(e.contains("did you mean quit?"), "{e}");
        let e = k
            .rebind(
                Some(Section::Mode(Mode::Search)),
                "cursor_left",
                vec![Key::ch('x')],
                1,
            )
            .unwrap_err();
        assert!(e.contains("[keys.editing]"), "{e}");
        let e = k.rebind(None, "quit", vec![], 1).unwrap_err();
        assert!(e.contains("at least one key"), "{e}");
    }
}
