//! The config file: the browser's keys and colours.
//!
//! It is found at `$MSQ_CONFIG`, else `$XDG_CONFIG_HOME/msq/config.toml`, else
//! `~/.config/msq/config.toml`; an empty `MSQ_CONFIG` means no file. A file at a default place
//! that does not exist means the defaults; a file `MSQ_CONFIG` names must exist.
//!
//! `[keys]` rebinds actions by the names help shows: directly under `[keys]` in every mode that
//! has the action, under `[keys.list]` and the other sections ([`Section`]) in that one only.
//! `[theme]` names a colour for each [`Role`]. Anything wrong is one line naming the file, the
//! line and the problem ([`ConfigError`]); nothing is half applied.

use super::keymap::{Key, Keymap, Section};
use super::theme::{Role, Theme, parse_color};
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The browser's settings from the config file, or the defaults.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keymap: Keymap,
    /// The colours; `NO_COLOR` is applied on top by the caller.
    pub theme: Theme,
}

/// Where the config file is looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `MSQ_CONFIG` names it: it must exist.
    Named(PathBuf),
    /// The XDG place: it may be missing.
    Default(PathBuf),
    /// `MSQ_CONFIG` is empty, or there is no home to look in.
    Nowhere,
}

impl Location {
    /// From the environment: `MSQ_CONFIG`, `XDG_CONFIG_HOME`, `HOME`.
    pub fn from_env() -> Location {
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        match std::env::var_os("MSQ_CONFIG") {
            Some(v) if v.is_empty() => return Location::Nowhere,
            Some(v) => return Location::Named(PathBuf::from(v)),
            None => {}
        }
        // The XDG spec ignores a relative XDG_CONFIG_HOME.
        let base = var("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".config")));
        match base {
            Some(b) => Location::Default(b.join("msq").join("config.toml")),
            None => Location::Nowhere,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Location::Named(p) | Location::Default(p) => Some(p),
            Location::Nowhere => None,
        }
    }
}

/// A config file that cannot be used: `FILE:LINE: problem`, one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {problem}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub problem: String,
}

/// Reads the config where `location` says; missing at a default place is the defaults.
pub fn load(location: &Location) -> Result<Config, ConfigError> {
    let Some(path) = location.path() else {
        return Ok(Config::default());
    };
    let fail = |problem: String| ConfigError {
        path: path.to_path_buf(),
        line: None,
        problem,
    };
    let bytes = match read_capped(path) {
        Ok(b) if b.len() > MAX_BYTES => {
            return Err(fail(
                "the config is larger than 1 MiB; is it the right file?".to_string(),
            ));
        }
        Ok(b) => b,
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && matches!(location, Location::Default(_)) =>
        {
            return Ok(Config::default());
        }
        Err(e) => return Err(fail(format!("cannot read the config: {e}"))),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        fail(format!(
            "the config is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    parse(&text).map_err(|(line, problem)| ConfigError {
        path: path.to_path_buf(),
        line,
        problem,
    })
}

/// A config larger than this is not one.
const MAX_BYTES: usize = 1 << 20;

/// The file's first `MAX_BYTES + 1` bytes: enough to tell a file that is too large.
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Where a problem is: the line, when the file says.
type Problem = (Option<usize>, String);

/// The settings a config file's text gives, on top of the defaults.
pub fn parse(text: &str) -> Result<Config, Problem> {
    let line_of = |span: std::ops::Range<usize>| {
        Some(text[..span.start.min(text.len())].matches('\n').count() + 1)
    };
    let doc = DeTable::parse(text).map_err(|e| {
        (
            e.span().and_then(line_of),
            // toml's message is one line; its Display adds the source around it.
            e.message().trim().replace('\n', " "),
        )
    })?;
    let mut config = Config::default();
    let mut keys: Vec<(&Spanned<std::borrow::Cow<str>>, &Spanned<DeValue>)> = Vec::new();
    let mut theme = Vec::new();
    for (name, value) in in_file_order(doc.get_ref()) {
        let at = line_of(name.span());
        match (name.get_ref().as_ref(), value.get_ref()) {
            ("keys", DeValue::Table(t)) => keys.extend(in_file_order(t)),
            ("theme", DeValue::Table(t)) => theme.extend(in_file_order(t)),
            ("keys" | "theme", _) => {
                return Err((
                    at,
                    format!(
                        "{} must be a table, as [{}]",
                        name.get_ref(),
                        name.get_ref()
                    ),
                ));
            }
            (other, _) => {
                return Err((
                    at,
                    format!("unknown setting \"{other}\"; msq reads [keys] and [theme]"),
                ));
            }
        }
    }
    // Every mode first, then sections, so a section's keys win over the same name's in every
    // mode whatever the order in the file.
    let (everywhere, sections): (Vec<_>, Vec<_>) = keys
        .into_iter()
        .partition(|(_, v)| !matches!(v.get_ref(), DeValue::Table(_)));
    for (name, value) in everywhere {
        let at = line_of(name.span());
        let list = key_list(&format!("keys.{}", name.get_ref()), value, &line_of)?;
        config
            .keymap
            .rebind(None, name.get_ref(), list, at.unwrap_or(0))
            .map_err(|p| (at, p))?;
    }
    for (section, table) in sections {
        let DeValue::Table(table) = table.get_ref() else {
            continue;
        };
        let at = line_of(section.span());
        let s = Section::named(section.get_ref()).ok_or_else(|| {
            let names: Vec<&str> = Section::all().iter().map(|s| s.name()).collect();
            (
                at,
                format!(
                    "unknown section [keys.{}]; the sections are {}",
                    section.get_ref(),
                    names.join(", ")
                ),
            )
        })?;
        for (name, value) in in_file_order(table) {
            let at = line_of(name.span());
            let list = key_list(
                &format!("keys.{}.{}", s.name(), name.get_ref()),
                value,
                &line_of,
            )?;
            config
                .keymap
                .rebind(Some(s), name.get_ref(), list, at.unwrap_or(0))
                .map_err(|p| (at, p))?;
        }
    }
    config
        .keymap
        .check()
        .map_err(|e| (e.line.filter(|l| *l > 0), e.problem))?;
    for (name, value) in theme {
        let at = line_of(name.span());
        let role = Role::named(name.get_ref()).ok_or_else(|| {
            let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
            (
                at,
                format!(
                    "unknown theme role \"{}\"; the roles are {}",
                    name.get_ref(),
                    names.join(", ")
                ),
            )
        })?;
        let DeValue::String(colour) = value.get_ref() else {
            return Err((
                at,
                format!(
                    "theme.{} must be a colour in quotes, as \"cyan\"",
                    role.name()
                ),
            ));
        };
        let colour =
            parse_color(colour).map_err(|p| (at, format!("theme.{}: {p}", role.name())))?;
        config.theme = config.theme.with(role, colour);
    }
    Ok(config)
}

/// A table's entries in the order the file writes them (toml keeps them sorted by name).
fn in_file_order<'a, 'i>(
    t: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = t.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}

/// An action's keys: a list of key names, or one name on its own. A bad name is blamed on its
/// own line, in a list written over several.
fn key_list(
    what: &str,
    value: &Spanned<DeValue>,
    line_of: &dyn Fn(std::ops::Range<usize>) -> Option<usize>,
) -> Result<Vec<Key>, Problem> {
    let expected = || {
        (
            line_of(value.span()),
            format!("{what} must be a list of keys, as [\"q\", \"ctrl-c\"]"),
        )
    };
    let one = |v: &Spanned<DeValue>| match v.get_ref() {
        DeValue::String(s) => {
            Key::parse(s).map_err(|e| (line_of(v.span()), format!("{what}: {e}")))
        }
        _ => Err(expected()),
    };
    match value.get_ref() {
        DeValue::Array(items) => items.iter().map(one).collect(),
        DeValue::String(_) => Ok(vec![one(value)?]),
        _ => Err(expected()),
    }
}

/// The whole default config, commented, for `msq config`: people start from it.
pub fn default_text() -> String {
    let keymap = Keymap::default();
    let mut out = String::from(
        "# msq's config file: keys and colours for the browser.\n\
         #\n\
         # [keys]: an action's name = its keys. Under [keys] itself a name rebinds the action in\n\
         # every mode that has it, as quit = [\"q\", \"x\"]; under [keys.list] and the other\n\
         # sections, in that mode only. A key is a character (\"x\", \"G\", \"?\") or a name\n\
         # (enter, esc, tab, shift-tab, space, backspace, delete, up, down, left, right, home,\n\
         # end, pageup, pagedown, f1-f24), with ctrl- or alt- before it if need be. A key bound\n\
         # twice in one mode is an error, and so is a character where it would be typed.\n\
         # Help shows each action's name beside its keys.\n\
         #\n\
         # [theme]: a colour for each role: a name (red, light-blue, dark-gray and so on), reset\n\
         # (the terminal's own), 0-255, or #rrggbb. NO_COLOR still turns colour off.\n\
         #\n\
         # Every setting below is the default, commented out: uncomment a line to change it.\n",
    );
    for s in Section::all() {
        out.push_str(&format!("\n# {}\n[keys.{}]\n", s.title(), s.name()));
        let names = keymap.names(s);
        let entries: Vec<(String, &str)> = names
            .iter()
            .filter_map(|name| keymap.binding_in(s, name))
            .map(|b| {
                let keys: Vec<String> = b
                    .keys
                    .iter()
                    .map(|k| toml_string(&k.config_name()))
                    .collect();
                (format!("{} = [{}]", b.name, keys.join(", ")), b.label)
            })
            .collect();
        let width = entries.iter().map(|(e, _)| e.len()).max().unwrap_or(0);
        for (entry, label) in entries {
            out.push_str(&format!("# {entry:width$}  # {label}\n"));
        }
    }
    out.push_str("\n[theme]\n");
    let width = Role::ALL
        .iter()
        .map(|r| r.name().len() + r.default_name().len() + 5)
        .max()
        .unwrap_or(0);
    for r in Role::ALL {
        let entry = format!("{} = \"{}\"", r.name(), r.default_name());
        out.push_str(&format!("# {entry:width$}  # {}\n", r.about()));
    }
    out
}

/// A key name as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::Mode;
    use ratatui::style::Color;

    fn problem(text: &str) -> Problem {
        parse(text).expect_err(text)
    }

    #[test]
    fn the_default_text_reads_back_as_the_defaults_with_every_line_uncommented() {
        let text = default_text();
        let uncommented: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.split_once(" = ").is_some_and(|(k, _)| {
                        k.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    }) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(uncommented.matches(" = ").count() > 100, "{uncommented}");
        assert!(parse(&text).is_ok());
        let c = parse(&uncommented).unwrap_or_else(|e| panic!("{e:?}"));
        let d = Keymap::default();
        for mode in Mode::ALL {
            assert_eq!(c.keymap.help_rows(mode), d.help_rows(mode), "{mode:?}");
        }
        assert_eq!(c.keymap.shared_rows(), d.shared_rows());
        assert_eq!(c.theme, Theme::colored());
    }

    #[test]
    fn keys_in_every_mode_and_in_one() {
        let c = parse("[keys]\nquit = [\"x\"]\nsearch = [\"/\", \"ctrl-f\"]\n[keys.comparison]\nback = \"esc\"\n")
            .unwrap();
        let k = &c.keymap;
        assert_eq!(k.action_for(Mode::List, Key::ch('x')), Some(Action::Quit));
        assert_eq!(
            k.action_for(Mode::Content, Key::ch('x')),
            Some(Action::Quit)
        );
        assert_eq!(k.action_for(Mode::List, Key::ch('q')), None);
        assert_eq!(
            k.action_for(Mode::List, Key::ctrl('f')),
            Some(Action::OpenSearch)
        );
        assert_eq!(k.action_for(Mode::Compare, Key::ch('q')), None);
        assert_eq!(
            k.action_for(Mode::Rankings, Key::ch('q')),
            Some(Action::Back)
        );
    }

    #[test]
    fn an_action_and_a_section_of_the_same_word_live_in_one_file() {
        // `search` the action beside the search overlay's own keys.
        let c = parse(
            "[keys]\nsearch = [\"/\", \"ctrl-f\"]\nhelp = [\"?\"]\n\
             [keys.search_overlay]\nback = [\"esc\", \"ctrl-g\"]\n",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            c.keymap.action_for(Mode::Search, Key::ctrl('g')),
            Some(Action::Back)
        );
    }

    #[test]
    fn a_section_wins_over_every_mode_whatever_the_order() {
        let c = parse("[keys.list]\ndown = [\"J\"]\n[keys]\n").unwrap();
        assert_eq!(
            c.keymap.action_for(Mode::List, Key::ch('J')),
            Some(Action::Down)
        );
        let c = parse("keys.list.down = [\"J\"]\nkeys.down = [\"ctrl-j\"]\n")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            c.keymap.action_for(Mode::List, Key::ch('J')),
            Some(Action::Down)
        );
        assert_eq!(
            c.keymap.action_for(Mode::Content, Key::ctrl('j')),
            Some(Action::Down)
        );
    }

    #[test]
    fn colours_by_role() {
        let c = parse("[theme]\ntitle = \"yellow\"\negdi = \"#ff8800\"\n").unwrap();
        assert_eq!(c.theme.color_of(Role::Title), Color::Yellow);
        assert_eq!(c.theme.color_of(Role::Egdi), Color::Rgb(255, 136, 0));
        assert_eq!(c.theme.color_of(Role::Link), Color::Blue);
    }

    #[test]
    fn each_problem_is_one_line_with_its_line_number() {
        let cases: &[(&str, usize, &str)] = &[
            ("[keys\nquit = [\"x\"]\n", 1, ""),
            ("\n[keys]\nquitt = [\"x\"]\n", 3, "did you mean quit?"),
            (
                "[keys]\nquit = [\"x\"]\n\n[keys.serch]\n",
                4,
                "unknown section [keys.serch]",
            ),
            ("[keys]\nquit = [\"hyper-x\"]\n", 2, "is not a key"),
            ("[keys]\nquit = 3\n", 2, "must be a list of keys"),
            (
                "[keys]\nquit = [\n  \"q\",\n  \"hyper-x\",\n]\n",
                4,
                "is not a key",
            ),
            (
                "[keys]\n[keys.editing]\ncursor_left = [\"h\"]\n",
                3,
                "h is typed text in",
            ),
            (
                "[keys]\nquit = [\"j\"]\n",
                2,
                "j is bound twice in Country list",
            ),
            (
                "[keys.search_overlay]\nback = [\"x\"]\n",
                2,
                "x is typed text in Search",
            ),
            ("[keys]\nquit = []\n", 2, "at least one key"),
            ("[colours]\n", 1, "msq reads [keys] and [theme]"),
            ("keys = 1\n", 1, "must be a table"),
            ("[theme]\ntitle = \"blurple\"\n", 2, "is not a colour"),
            ("[theme]\n\ntitel = \"red\"\n", 3, "unknown theme role"),
            ("[theme]\ntitle = 3\n", 2, "colour in quotes"),
            ("[keys]\nquit = [\"x\"]\nquit = [\"y\"]\n", 3, ""),
        ];
        for (text, line, needle) in cases {
            let (at, p) = problem(text);
            assert_eq!(at, Some(*line), "{text:?}: {p}");
            assert!(p.contains(needle), "{text:?}: {p}");
            assert!(!p.contains('\n') && !p.is_empty(), "{text:?}: {p}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_a_config_or_one_line_with_a_line_in_range(
            text in "(?s)(\\[keys(\\.list)?\\]\n|\\[theme\\]\n|[a-z_]{1,8} = (\"[^\"\n]{0,6}\"|\\[\"[a-z-]{0,8}\"\\]|[0-9]+)\n|.{0,8}\n){0,8}"
        ) {
            if let Err((line, p)) = parse(&text) {
                proptest::prop_assert!(!p.is_empty() && !p.contains('\n'), "{p}");
                if let Some(l) = line {
                    proptest::prop_assert!(l >= 1 && l <= text.lines().count().max(1) + 1, "{l} {text:?}");
                }
            }
        }
    }

    #[test]
    fn where_the_file_is_looked_for() {
        // A named file must exist; a missing default is the defaults; a directory is refused.
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let e = load(&Location::Named(missing.clone())).unwrap_err();
        assert_eq!(e.path, missing);
        assert!(e.to_string().contains("cannot read the config"), "{e}");
        assert!(load(&Location::Default(missing)).is_ok());
        let e = load(&Location::Named(dir.path().to_path_buf())).unwrap_err();
        assert!(
            e.to_string().starts_with(&dir.path().display().to_string()),
            "{e}"
        );
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "[keys]\nquit = [\"j\"]\n").unwrap();
        let e = load(&Location::Default(bad.clone())).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}:2: j is bound twice in Country list: to down and to quit",
                bad.display()
            )
        );
        std::fs::write(&bad, [0xff, 0xfe]).unwrap();
        let e = load(&Location::Default(bad)).unwrap_err();
        assert!(e.to_string().contains("not UTF-8"), "{e}");
        assert!(load(&Location::Nowhere).is_ok());
        let big = dir.path().join("big.toml");
        std::fs::write(&big, "#".repeat(MAX_BYTES + 1)).unwrap();
        let e = load(&Location::Named(big)).unwrap_err();
        assert!(
            e.to_string()
                .ends_with("larger than 1 MiB; is it the right file?"),
            "{e}"
        );
    }
}
