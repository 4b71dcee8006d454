//! The queries a user entered before, kept per kind of input and across runs: the list each
//! kind holds (newest last, no repeats, bounded), the shell-like walk through it with Up and
//! Down, and the small JSON file it lives in between runs. Nothing here stops the browser: a
//! file that cannot be read gives an empty history and a one-line warning, and a save that
//! fails gives an error for the status bar.
//!
//! The file is `history.json` in the user's state directory (see [`default_path`]). A file that
//! is not valid history is moved aside to `history.json.bad`, so it can be looked at and is
//! never overwritten; a file that cannot be read, or was written by a newer msq, is left as it
//! is and this run's history is not saved over it. Two browsers running at once each write
//! their own history on save; the last one to save wins.

use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The version of the file format written.
pub const VERSION: u32 = 1;
/// How many queries each kind keeps; the oldest go first.
pub const MAX_ENTRIES: usize = 200;
/// Queries longer than this many characters are not kept.
pub const MAX_ENTRY_CHARS: usize = 1000;
/// A larger file is not history msq wrote: ~200 × 3 entries of 1000 characters, JSON-escaped.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// The file's name in the state directory.
pub const FILE_NAME: &str = "history.json";

/// Which input a query was typed into; each keeps its own history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Search,
    CountryFilter,
    TopicFilter,
}

/// Why history was not saved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("history not saved: cannot create {}: {source}", dir.display())]
    CreateDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("history not saved to {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("history not saved: {0}")]
    Encode(#[from] serde_json::Error),
}

/// The file as written: a version and one list per kind, oldest first.
#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    #[serde(default)]
    search: Vec<String>,
    #[serde(default)]
    country_filter: Vec<String>,
    #[serde(default)]
    topic_filter: Vec<String>,
}

/// Where a walk through one kind's history is.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Walk {
    kind: Kind,
    /// What was in the input when the walk began; Down past the newest entry gives it back.
    draft: String,
    /// The entry shown; `entries.len()` is the draft.
    at: usize,
}

/// Earlier queries per kind, and where a walk through them is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    search: Vec<String>,
    country_filter: Vec<String>,
    topic_filter: Vec<String>,
    walk: Option<Walk>,
    /// A file this history must not be saved over: it could not be read, or is newer.
    protected: Option<PathBuf>,
}

/// The history file's path: `$MSQ_STATE_DIR/history.json` when that is set (tests use it),
/// else `$XDG_STATE_HOME/msq/history.json`, else `$HOME/.local/state/msq/history.json`, on
/// macOS too (XDG locations are what terminal tools there use, and keep one rule to document).
/// `None` when none of these is set, as on Windows without `HOME`: then history lasts one run.
pub fn default_path() -> Option<PathBuf> {
    path_from(|name| std::env::var_os(name))
}

/// [`default_path`] with the environment given, so it can be tested without changing it.
/// Empty values count as unset, and a relative `XDG_STATE_HOME` is ignored, as the XDG base
/// directory specification says.
pub fn path_from(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set("MSQ_STATE_DIR") {
        return Some(dir.join(FILE_NAME));
    }
    if let Some(dir) = set("XDG_STATE_HOME").filter(|d| d.is_absolute()) {
        return Some(dir.join("msq").join(FILE_NAME));
    }
    set("HOME").map(|home| {
        home.join(".local")
            .join("state")
            .join("msq")
            .join(FILE_NAME)
    })
}

/// Whether a query is worth keeping: not blank, not huge, and nothing a terminal would act on
/// (entries read from a file are checked the same way as typed ones).
fn keepable(query: &str) -> bool {
    !query.is_empty()
        && query.chars().count() <= MAX_ENTRY_CHARS
        && !query
            .chars()
            .any(|c| c.is_control() || crate::sanitize::is_invisible(c))
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    fn entries(&self, kind: Kind) -> &Vec<String> {
        match kind {
            Kind::Search => &self.search,
            Kind::CountryFilter => &self.country_filter,
            Kind::TopicFilter => &self.topic_filter,
        }
    }

    fn entries_mut(&mut self, kind: Kind) -> &mut Vec<String> {
        match kind {
            Kind::Search => &mut self.search,
            Kind::CountryFilter => &mut self.country_filter,
            Kind::TopicFilter => &mut self.topic_filter,
        }
    }

    /// A kind's queries, oldest first.
    pub fn list(&self, kind: Kind) -> &[String] {
        self.entries(kind)
    }

    /// Records a query that was entered. Surrounding spaces are trimmed; a blank, over-long or
    /// unprintable query is skipped; one entered before moves to the end. Ends any walk.
    pub fn push(&mut self, kind: Kind, query: &str) {
        self.walk = None;
        let query = query.trim();
        if !keepable(query) {
            return;
        }
        let entries = self.entries_mut(kind);
        entries.retain(|e| e != query);
        entries.push(query.to_string());
        let excess = entries.len().saturating_sub(MAX_ENTRIES);
        entries.drain(..excess);
    }

    /// The next older query for Up, or `None` when there is none (the input keeps its text).
    /// The first step saves `current` as the draft that [`History::newer`] gives back. An entry
    /// equal to what the input already shows is stepped over, so each Up changes the text.
    pub fn older(&mut self, kind: Kind, current: &str) -> Option<String> {
        let len = self.entries(kind).len();
        let walk = match self.walk.take() {
            Some(w) if w.kind == kind => w,
            _ => Walk {
                kind,
                draft: current.to_string(),
                at: len,
            },
        };
        let entries = self.entries(kind);
        let found = (0..walk.at.min(len))
            .rev()
            .find(|&i| entries[i] != current.trim());
        let shown = found.map(|i| entries[i].clone());
        self.walk = Some(Walk {
            at: found.unwrap_or(walk.at),
            ..walk
        });
        shown
    }

    /// The next newer query for Down; past the newest, the draft saved by the first Up, and the
    /// walk ends. `None` when no walk is under way (the input keeps its text).
    pub fn newer(&mut self, kind: Kind, current: &str) -> Option<String> {
        let walk = self.walk.take().filter(|w| w.kind == kind)?;
        let entries = self.entries(kind);
        let found = (walk.at + 1..entries.len()).find(|&i| entries[i] != current.trim());
        match found {
            Some(i) => {
                let shown = entries[i].clone();
                self.walk = Some(Walk { at: i, ..walk });
                Some(shown)
            }
            None => Some(walk.draft),
        }
    }

    /// Forgets where the walk is: the next Up starts from the newest entry and saves a new
    /// draft. Called when the user edits the input or opens it afresh.
    pub fn reset_walk(&mut self) {
        self.walk = None;
    }

    /// Reads history from `path`. A missing file is an empty history and no warning; any other
    /// trouble is an empty history and a one-line warning naming the file. A file that is not
    /// valid history is renamed to `<name>.bad` (replacing an older one) so the next save does
    /// not destroy it; a file that cannot be read or comes from a newer msq is left alone, and
    /// [`History::save`] will not write over it.
    pub fn load(path: &Path) -> (History, Option<String>) {
        let shown = path.display();
        let bytes = match read_bounded(path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return (History::new(), None),
            Err(e) => {
                let history = History {
                    protected: Some(path.to_path_buf()),
                    ..History::new()
                };
                let warning =
                    format!("history not read from {shown}: {e}; this run's history is not saved");
                return (history, Some(one_line(&warning)));
            }
        };
        let file = match serde_json::from_slice::<File>(&bytes) {
            Ok(file) if file.version <= VERSION => file,
            Ok(file) => {
                let history = History {
                    protected: Some(path.to_path_buf()),
                    ..History::new()
                };
                let warning = format!(
                    "history in {shown} is from a newer msq (version {}); this run's history is not saved",
                    file.version
                );
                return (history, Some(warning));
            }
            Err(e) => return set_aside(path, &e.to_string()),
        };
        let mut history = History::new();
        for (kind, entries) in [
            (Kind::Search, file.search),
            (Kind::CountryFilter, file.country_filter),
            (Kind::TopicFilter, file.topic_filter),
        ] {
            for entry in entries {
                history.push(kind, &entry);
            }
        }
        (history, None)
    }

    /// Writes history to `path` atomically, creating its directory. Does nothing and succeeds
    /// when `path` is the file [`History::load`] said it would not write over.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        if self.protected.as_deref() == Some(path) {
            return Ok(());
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
                dir: dir.to_path_buf(),
                source,
            })?;
        }
        let file = File {
            version: VERSION,
            search: self.search.clone(),
            country_filter: self.country_filter.clone(),
            topic_filter: self.topic_filter.clone(),
        };
        let mut json = serde_json::to_vec_pretty(&file)?;
        json.push(b'\n');
        crate::index::write_atomic(path, &json).map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// The file's bytes, `None` when there is no file. A file too large to be history reads as an
/// error rather than being loaded whole.
fn read_bounded(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(Some(bytes))
}

/// Moves a corrupt file to `<name>.bad` and says so; if it cannot be moved, keeps it and does
/// not save over it.
fn set_aside(path: &Path, reason: &str) -> (History, Option<String>) {
    let mut bad = path.as_os_str().to_owned();
    bad.push(".bad");
    let bad = PathBuf::from(bad);
    let shown = path.display();
    match std::fs::rename(path, &bad) {
        Ok(()) => (
            History::new(),
            Some(one_line(&format!(
                "history in {shown} was unreadable ({reason}); moved it to {}",
                bad.display()
            ))),
        ),
        Err(e) => (
            History {
                protected: Some(path.to_path_buf()),
                ..History::new()
            },
            Some(one_line(&format!(
                "history in {shown} was unreadable ({reason}) and could not be moved aside ({e}); this run's history is not saved"
            ))),
        ),
    }
}

/// A message for the status bar: one line, whatever the error text or the path held.
fn one_line(s: &str) -> String {
    crate::sanitize::line(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(kind: Kind, queries: &[&str]) -> History {
        let mut h = History::new();
        for q in queries {
            h.push(kind, q);
        }
        h
    }

    #[test]
    fn entries_are_deduplicated_newest_last() {
        let h = with(Kind::Search, &["a", "b", "a", "c"]);
        assert_eq!(h.list(Kind::Search), ["b", "a", "c"]);
        let h = with(Kind::Search, &["portal ", " portal", "portal"]);
        assert_eq!(h.list(Kind::Search), ["portal"]);
    }

    #[test]
    fn blank_long_and_unprintable_entries_are_skipped() {
        let long = "x".repeat(MAX_ENTRY_CHARS + 1);
        let at_limit = "中".repeat(MAX_ENTRY_CHARS);
        let h = with(
            Kind::Search,
            &["", "   ", &long, "a\u{1b}[2Jb", "a\u{202e}b", &at_limit],
        );
        assert_eq!(h.list(Kind::Search), [at_limit]);
    }

    #[test]
    fn kinds_are_kept_apart() {
        let mut h = with(Kind::Search, &["portal"]);
        h.push(Kind::CountryFilter, "mongolia");
        h.push(Kind::TopicFilter, "cio");
        assert_eq!(h.list(Kind::Search), ["portal"]);
        assert_eq!(h.list(Kind::CountryFilter), ["mongolia"]);
        assert_eq!(h.list(Kind::TopicFilter), ["cio"]);
        assert_eq!(h.older(Kind::CountryFilter, ""), Some("mongolia".into()));
        // A walk in another kind starts afresh.
        assert_eq!(h.older(Kind::TopicFilter, "c"), Some("cio".into()));
        assert_eq!(h.newer(Kind::TopicFilter, "cio"), Some("c".into()));
    }

    #[test]
    fn history_is_bounded_and_the_oldest_go_first() {
        let mut h = History::new();
        for i in 0..MAX_ENTRIES + 5 {
            h.push(Kind::Search, &format!("q{i}"));
        }
        let list = h.list(Kind::Search);
        assert_eq!(list.len(), MAX_ENTRIES);
        assert_eq!(list[0], "q5");
        assert_eq!(list[MAX_ENTRIES - 1], format!("q{}", MAX_ENTRIES + 4));
    }

    #[test]
    fn walking_is_like_a_shell() {
        let mut h = with(Kind::Search, &["one", "two", "three"]);
        let k = Kind::Search;
        // Down before any Up does nothing.
        assert_eq!(h.newer(k, "dra"), None);
        assert_eq!(h.older(k, "dra"), Some("three".into()));
        assert_eq!(h.older(k, "three"), Some("two".into()));
        assert_eq!(h.older(k, "two"), Some("one".into()));
        // Past the oldest: nothing more, and the walk stays at the oldest.
        assert_eq!(h.older(k, "one"), None);
        assert_eq!(h.newer(k, "one"), Some("two".into()));
        assert_eq!(h.newer(k, "two"), Some("three".into()));
        // Past the newest: the draft, and the walk is over.
        assert_eq!(h.newer(k, "three"), Some("dra".into()));
        assert_eq!(h.newer(k, "dra"), None);
        // After an edit, Up starts again from the newest with the new draft.
        h.older(k, "x");
        h.older(k, "three");
        h.reset_walk();
        assert_eq!(h.older(k, "twox"), Some("three".into()));
        assert_eq!(h.newer(k, "three"), Some("twox".into()));
    }

    #[test]
    fn the_entry_already_shown_is_stepped_over() {
        // Just after "three" was entered it is still in the input: Up goes to "two".
        let mut h = with(Kind::Search, &["one", "two", "three"]);
        assert_eq!(h.older(Kind::Search, "three"), Some("two".into()));
        assert_eq!(h.newer(Kind::Search, "two"), Some("three".into()));
        let mut h = with(Kind::Search, &["only"]);
        assert_eq!(h.older(Kind::Search, "only"), None);
        assert_eq!(History::new().older(Kind::Search, ""), None);
    }

    #[test]
    fn pushing_ends_a_walk() {
        let mut h = with(Kind::Search, &["one", "two"]);
        h.older(Kind::Search, "draft");
        h.push(Kind::Search, "three");
        assert_eq!(h.newer(Kind::Search, "three"), None);
        assert_eq!(h.older(Kind::Search, ""), Some("three".into()));
    }

    #[test]
    fn the_path_follows_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        assert_eq!(
            path_from(env(&[("MSQ_STATE_DIR", "/s"), ("HOME", "/h")])),
            Some(PathBuf::from("/s/history.json"))
        );
        assert_eq!(
            path_from(env(&[("XDG_STATE_HOME", "/x"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/msq/history.json"))
        );
        assert_eq!(
            path_from(env(&[("XDG_STATE_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/msq/history.json"))
        );
        assert_eq!(
            path_from(env(&[("MSQ_STATE_DIR", ""), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/msq/history.json"))
        );
        assert_eq!(path_from(env(&[("HOME", "")])), None);
        assert_eq!(path_from(env(&[])), None);
    }

    #[test]
    fn round_trip_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        // The state directory does not exist yet: save creates it.
        let path = dir.path().join("state").join("msq").join(FILE_NAME);
        let mut h = with(Kind::Search, &["portal", "中文 é 🙂", "\"quoted\" \\"]);
        h.push(Kind::TopicFilter, "cio");
        h.save(&path).unwrap();
        let (loaded, warning) = History::load(&path);
        assert_eq!(warning, None);
        assert_eq!(loaded.list(Kind::Search), h.list(Kind::Search));
        assert_eq!(loaded.list(Kind::TopicFilter), ["cio"]);
        assert!(loaded.list(Kind::CountryFilter).is_empty());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"version\": 1"), "{text}");
    }

    #[test]
    fn a_missing_file_is_an_empty_history_without_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (h, warning) = History::load(&dir.path().join(FILE_NAME));
        assert_eq!(h, History::new());
        assert_eq!(warning, None);
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, b"{\"version\": 1, \"search\": [tru").unwrap();
        let (h, warning) = History::load(&path);
        assert!(h.list(Kind::Search).is_empty());
        let warning = warning.expect("a warning");
        assert!(warning.contains(&path.display().to_string()), "{warning}");
        assert!(!warning.contains('\n'));
        let bad = dir.path().join("history.json.bad");
        assert_eq!(
            std::fs::read(&bad).unwrap(),
            b"{\"version\": 1, \"search\": [tru"
        );
        assert!(!path.exists());
        // Saving afterwards writes a fresh file and leaves the corrupt one alone.
        with(Kind::Search, &["new"]).save(&path).unwrap();
        assert_eq!(History::load(&path).0.list(Kind::Search), ["new"]);
        assert!(bad.exists());
    }

    #[test]
    fn wrong_shapes_and_hostile_entries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for bad in [
            &b"[]"[..],
            b"{\"search\": []}",
            b"{\"version\": 1, \"search\": \"x\"}",
            b"\xff\xfe",
            b"",
        ] {
            std::fs::write(&path, bad).unwrap();
            let (h, warning) = History::load(&path);
            assert!(warning.is_some(), "{:?}", String::from_utf8_lossy(bad));
            assert!(h.list(Kind::Search).is_empty());
        }
        // Entries a terminal would act on are dropped on load, the rest kept.
        std::fs::write(
            &path,
            "{\"version\": 1, \"search\": [\"ok\", \"\\u001b]52;c;x\\u0007\", \"\"]}",
        )
        .unwrap();
        let (h, warning) = History::load(&path);
        assert_eq!(warning, None);
        assert_eq!(h.list(Kind::Search), ["ok"]);
    }

    #[test]
    fn a_file_from_a_newer_msq_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let newer = b"{\"version\": 2, \"search\": [\"kept\"], \"other\": {}}";
        std::fs::write(&path, newer).unwrap();
        let (mut h, warning) = History::load(&path);
        assert!(warning.expect("a warning").contains("newer"));
        h.push(Kind::Search, "mine");
        h.save(&path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), newer);
        // Elsewhere it saves as usual.
        let other = dir.path().join("other.json");
        h.save(&other).unwrap();
        assert_eq!(History::load(&other).0.list(Kind::Search), ["mine"]);
    }

    #[test]
    fn an_unreadable_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be: it cannot be read, or written over.
        let path = dir.path().join(FILE_NAME);
        std::fs::create_dir(&path).unwrap();
        let (h, warning) = History::load(&path);
        let warning = warning.expect("a warning");
        assert!(warning.contains(&path.display().to_string()), "{warning}");
        assert!(h.list(Kind::Search).is_empty());
        assert!(h.save(&path).is_ok());
        assert!(path.is_dir());
    }

    #[test]
    fn saving_under_a_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, b"x").unwrap();
        let path = blocker.join("msq").join(FILE_NAME);
        let err = with(Kind::Search, &["a"]).save(&path).unwrap_err();
        assert!(matches!(err, Error::CreateDir { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains("not-a-dir") && !message.contains('\n'));
        // The directory exists but the file's place is a directory: the write fails.
        let taken = dir.path().join("taken");
        std::fs::create_dir_all(taken.join(FILE_NAME)).unwrap();
        let err = with(Kind::Search, &["a"])
            .save(&taken.join(FILE_NAME))
            .unwrap_err();
        assert!(matches!(err, Error::Write { .. }), "{err:?}");
    }
}
