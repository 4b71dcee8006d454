//! Loading, validating, building and writing indexes. The embedded index is `data/index.json`,
//! compiled into the binary; a user's index comes from `--index FILE` or `MSQ_INDEX`. An index
//! is written to a temporary file in the target's folder, synced, then renamed into place, so a
//! failure never leaves a half-written or missing index behind.

use crate::ingest::{self, IngestError, Options};
use crate::model::{Index, Kind, Response, SCHEMA_VERSION, sort_responses};
use crate::{countries, ingest::scan::fold};
use std::collections::HashSet;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub mod binary;

/// The index built from `data/raw/`, compiled in, in the binary form (`data/index.msq`; its
/// JSON form, `data/index.json`, is there to read and review).
pub const EMBEDDED: &[u8] = include_bytes!("../data/index.msq");

/// The environment variable that names a user's index.
pub const INDEX_ENV: &str = "MSQ_INDEX";

/// Where an index comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexSource {
    Embedded,
    File(PathBuf),
}

impl IndexSource {
    /// `--index FILE` wins over `MSQ_INDEX`, which wins over the embedded index.
    pub fn resolve(flag: Option<PathBuf>) -> IndexSource {
        flag.or_else(|| {
            std::env::var_os(INDEX_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .map_or(IndexSource::Embedded, IndexSource::File)
    }
}

impl fmt::Display for IndexSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexSource::Embedded => f.write_str("built-in index"),
            IndexSource::File(p) => write!(f, "{}", p.display()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("{path}: cannot read the index: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{path}: the index is truncated (it ends at line {line}, column {column})")]
    Truncated {
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{path}: the index is truncated (it is {size} bytes; it should be {needed})")]
    TruncatedBinary {
        path: String,
        size: u64,
        needed: u64,
    },
    #[error("{path}: not a valid msq index: {reason}")]
    Invalid { path: String, reason: String },
    #[error(
        "{path}: index schema {found} is not the schema {expected} this msq reads; rebuild it with `msq index build`"
    )]
    Schema {
        path: String,
        found: u64,
        expected: u32,
    },
}

/// An index as loaded, with its stored search data when the file has some this msq can use (a
/// binary index): checked, but made an engine only when [`search_engine`] is called, so a
/// browser can draw first.
pub struct Opened {
    pub index: Index,
    pub stored: Option<binary::StoredEngine>,
}

/// The search engine of an index: its stored one, or one built from it. Stored data that does
/// not fit the index (only a file from another program can have it: the checksums held) is
/// not used: the engine is built, and the warning says so, naming `name`.
pub fn search_engine(
    index: &Index,
    stored: Option<&binary::StoredEngine>,
    name: &str,
) -> (crate::search::Engine, Option<String>) {
    match stored.map(|s| s.engine(index)) {
        Some(Ok(engine)) => (engine, None),
        Some(Err(reason)) => (
            crate::search::Engine::new(index),
            Some(format!(
                "{name}: its search data does not fit its responses ({reason}); searching without it. Rebuild the index with `msq index build`"
            )),
        ),
        None => (crate::search::Engine::new(index), None),
    }
}

/// Loads an index from its source.
pub fn load(source: &IndexSource) -> Result<Index, IndexError> {
    open(source).map(|o| o.index)
}

/// Loads an index and its stored search data. The form is read from the file's first bytes:
/// msq's binary form starts with [`binary::MAGIC`], anything else is read as JSON, except that
/// a `.msq` file must be binary (its name promises it).
pub fn open(source: &IndexSource) -> Result<Opened, IndexError> {
    let path = match source {
        IndexSource::Embedded => {
            let (index, stored) =
                binary::decode(binary::Bytes::Static(EMBEDDED), "built-in index")?;
            return Ok(Opened { index, stored });
        }
        IndexSource::File(path) => path,
    };
    let name = path.display().to_string();
    let read = |source| IndexError::Read {
        path: name.clone(),
        error: source,
    };
    let mut file = std::fs::File::open(path).map_err(read)?;
    let mut head = Vec::with_capacity(binary::MAGIC.len());
    std::io::Read::by_ref(&mut file)
        .take(binary::MAGIC.len() as u64)
        .read_to_end(&mut head)
        .map_err(read)?;
    if head.is_empty() {
        return Err(IndexError::Invalid {
            path: name,
            reason: "the file is empty".into(),
        });
    }
    let named_binary = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(binary::EXTENSION));
    if binary::MAGIC.starts_with(&head) {
        let bytes = binary::Bytes::file(file, head).map_err(read)?;
        let (index, stored) = binary::decode(bytes, &name)?;
        return Ok(Opened { index, stored });
    }
    if named_binary {
        let json = head
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'{');
        return Err(IndexError::Invalid {
            path: name,
            reason: if json {
                "it holds JSON, not the binary form its name promises; name a JSON index *.json, or rebuild it with `msq index build`".into()
            } else {
                "it does not start as a binary msq index does".into()
            },
        });
    }
    let mut bytes = head;
    file.read_to_end(&mut bytes).map_err(read)?;
    let text = String::from_utf8(bytes).map_err(|_| IndexError::Invalid {
        path: name.clone(),
        reason: "it is neither msq's binary form nor JSON (it is not UTF-8 text)".into(),
    })?;
    Ok(Opened {
        index: parse(&text, &name)?,
        stored: None,
    })
}

/// An index in the binary form, as `index build` writes it.
pub fn to_binary(index: &Index) -> Vec<u8> {
    // Responses are stored in the order msq lists them, which the stored engine's records
    // follow; an index put together out of order is sorted first.
    let mut index = std::borrow::Cow::Borrowed(index);
    if !crate::model::responses_sorted(&index.responses) {
        sort_responses(&mut index.to_mut().responses);
    }
    binary::encode(&index, &crate::search::Engine::new(&index))
}

/// Parses and validates index JSON. `name` is used in error messages. The typed parse comes
/// first, so a good index is read once; only a failed one is probed for its schema number, to
/// tell an index from another version from a damaged one.
pub fn parse(json: &str, name: &str) -> Result<Index, IndexError> {
    let invalid = |reason: String| IndexError::Invalid {
        path: name.to_string(),
        reason,
    };
    let schema_error = |found: u64| IndexError::Schema {
        path: name.to_string(),
        found,
        expected: SCHEMA_VERSION,
    };
    match serde_json::from_str::<Index>(json) {
        Ok(mut index) if index.schema == SCHEMA_VERSION => {
            validate(&index).map_err(invalid)?;
            // An index from elsewhere may list responses in any order; msq lists them by
            // country, then edition.
            sort_responses(&mut index.responses);
            Ok(index)
        }
        Ok(index) => Err(schema_error(u64::from(index.schema))),
        Err(e) if e.is_eof() => Err(IndexError::Truncated {
            path: name.to_string(),
            line: e.line(),
            column: e.column(),
        }),
        Err(e) => {
            #[derive(serde::Deserialize)]
            struct Probe {
                schema: Option<serde_json::Value>,
            }
            match serde_json::from_str::<Probe>(json)
                .ok()
                .and_then(|p| p.schema)
            {
                Some(v) => match v.as_u64() {
                    Some(n) if n != u64::from(SCHEMA_VERSION) => Err(schema_error(n)),
                    _ => Err(invalid(e.to_string())),
                },
                None if serde_json::from_str::<serde_json::Value>(json).is_ok() => {
                    Err(invalid("no \"schema\" number at the top level".into()))
                }
                None => Err(invalid(e.to_string())),
            }
        }
    }
}

/// Checks what serde cannot: unique ids, known countries, items with unique ids.
pub(crate) fn validate(index: &Index) -> Result<(), String> {
    let mut ids = HashSet::new();
    for r in &index.responses {
        if !ids.insert(r.id.as_str()) {
            return Err(format!("response id {:?} appears twice", r.id));
        }
    }
    // Each response on its own, on both cores; the first fault in index order is the one told.
    use rayon::prelude::*;
    if let Some(fault) = index
        .responses
        .par_iter()
        .map(validate_response)
        .find_first(Result::is_err)
    {
        return fault;
    }
    let mut years = HashSet::new();
    for e in &index.scores {
        if !years.insert(e.year) {
            return Err(format!("EGDI figures for {} appear twice", e.year));
        }
        if let Some(bad) = e.states.keys().find(|c| countries::by_iso3(c).is_none()) {
            return Err(format!(
                "EGDI figures for {} have unknown ISO code {bad:?}",
                e.year
            ));
        }
    }
    Ok(())
}

/// A response's ISO code, its items' ids (each once) and their emphasis ranges.
fn validate_response(r: &Response) -> Result<(), String> {
    if countries::by_iso3(&r.iso3).is_none() {
        return Err(format!(
            "response {:?} has unknown ISO code {:?}",
            r.id, r.iso3
        ));
    }
    // Sorted ids side by side show a repeat; the one told is the first repeat in document order.
    let mut items: Vec<(&str, usize)> = r
        .items()
        .enumerate()
        .map(|(k, i)| (i.id.as_str(), k))
        .collect();
    items.sort_unstable();
    if let Some((id, _)) = items
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[1])
        .min_by_key(|(_, k)| *k)
    {
        return Err(format!("response {:?} has item {id:?} twice", r.id));
    }
    for item in r.items() {
        if let Some(bad) = item
            .answer_emphasis
            .iter()
            .find(|range| item.answer.get((*range).clone()).is_none())
        {
            return Err(format!(
                "response {:?} item {:?} emphasises bytes {bad:?}, which are not a piece of its answer",
                r.id, item.id
            ));
        }
    }
    Ok(())
}

/// The index as it is written to disk: pretty JSON with a final newline, byte-for-byte
/// reproducible from the same documents.
pub fn to_json(index: &Index) -> String {
    let mut s = serde_json::to_string_pretty(index).unwrap_or_default();
    s.push('\n');
    s
}

/// One document's line in the `index build` report.
#[derive(Debug, Clone)]
pub struct Built {
    pub file: String,
    pub response: Response,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}: {1}")]
    Document(String, IngestError),
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("{0}: no .txt or .pdf documents in this folder")]
    EmptyFolder(String),
    #[error("{second}: a second document for {what}; the first is {first}")]
    Duplicate {
        what: String,
        first: String,
        second: String,
    },
}

/// Every document named by `paths`: files as given, and for a folder, every `.txt` and `.pdf`
/// file in it (not its sub-folders), sorted by name.
pub fn documents(paths: &[PathBuf]) -> Result<Vec<PathBuf>, BuildError> {
    let mut out = Vec::new();
    for path in paths {
        let io = |source| BuildError::Io {
            path: path.display().to_string(),
            error: source,
        };
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(io)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt" || e == "pdf"))
                .collect();
            if found.is_empty() {
                return Err(BuildError::EmptyFolder(path.display().to_string()));
            }
            found.sort();
            out.extend(found);
        } else {
            std::fs::metadata(path).map_err(io)?;
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Reads and parses one document. The size is checked before reading, so a huge file is
/// refused without being loaded.
pub fn read_document(path: &Path, options: &Options) -> Result<Response, BuildError> {
    let shown = path.display().to_string();
    let io = |source| BuildError::Io {
        path: shown.clone(),
        error: source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > ingest::MAX_DOCUMENT_BYTES as u64 {
        return Err(BuildError::Document(
            shown.clone(),
            IngestError::TooLarge {
                size: usize::try_from(size).unwrap_or(usize::MAX),
                limit: ingest::MAX_DOCUMENT_BYTES,
            },
        ));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    ingest::parse(&name, &bytes, options)
        .map(|p| p.response)
        .map_err(|e| BuildError::Document(shown.clone(), e))
}

/// Builds an index from documents. Any bad document fails the whole build.
pub fn build(paths: &[PathBuf], options: &Options) -> Result<(Index, Vec<Built>), BuildError> {
    let mut built: Vec<Built> = Vec::new();
    for path in documents(paths)? {
        let response = read_document(&path, options)?;
        let file = path.display().to_string();
        if let Some(first) = built.iter().find(|b| b.response.id == response.id) {
            return Err(BuildError::Duplicate {
                what: response.display_name(),
                first: first.file.clone(),
                second: file,
            });
        }
        built.push(Built { file, response });
    }
    let mut responses: Vec<Response> = built.iter().map(|b| b.response.clone()).collect();
    sort_responses(&mut responses);
    Ok((Index::new(responses), built))
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, written,
/// synced, then renamed over `path`. On any error the previous file is untouched and the
/// temporary file is removed. Temporary files that a killed writer left behind (older than a
/// minute) are removed first.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    remove_stale_temporaries(dir);
    fault("create")?;
    // A temporary file is private (0600). The written file keeps the mode of the file it
    // replaces; a new one gets what any new file gets here: 0666 less the umask, which the
    // kernel applies when the temporary file is created with that mode.
    #[cfg(unix)]
    let existing_mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777)
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    if existing_mode.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // An error names the user's file, never the temporary one: tempfile adds its own path to
    // the errors of its writes, so the file is written as a plain file, and an error creating
    // it keeps only the system's reason.
    let plain = |e: std::io::Error| {
        e.raw_os_error()
            .map_or(e, std::io::Error::from_raw_os_error)
    };
    let mut tmp = builder.tempfile_in(dir).map_err(plain)?;
    fault("write")?;
    tmp.as_file_mut().write_all(contents)?;
    #[cfg(unix)]
    if let Some(mode) = existing_mode {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    fault("crash")?;
    fault("rename")?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename is durable once the folder is synced too.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

const TEMP_PREFIX: &str = ".msq-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes `.msq-*.tmp` files older than a minute: what a writer killed mid-write leaves.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(60));
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A test hook, in debug builds only: `MSQ_FAULT=create|write|rename` fails that step of an
/// atomic write with an error; `MSQ_FAULT=crash` ends the process right after the temporary
/// file is written, without cleaning up, as a writer killed mid-write would.
fn fault(step: &str) -> std::io::Result<()> {
    #[cfg(debug_assertions)]
    if std::env::var("MSQ_FAULT").is_ok_and(|f| f == step) {
        if step == "crash" {
            std::process::exit(137);
        }
        return Err(std::io::Error::other(format!("injected failure at {step}")));
    }
    let _ = step;
    Ok(())
}

/// A query for one country's responses: "Azerbaijan", "tjk", "mong", "Tajikistan:2020".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    pub country: String,
    pub edition: Option<u16>,
}

impl Selector {
    /// Reads "COUNTRY" or "COUNTRY:EDITION". `edition` (from `--edition`) applies when the text
    /// carries none.
    pub fn parse(text: &str, edition: Option<u16>) -> Selector {
        match text.rsplit_once(':') {
            Some((c, e)) if e.len() == 4 && e.bytes().all(|b| b.is_ascii_digit()) => Selector {
                country: c.trim().to_string(),
                edition: e.parse().ok(),
            },
            _ => Selector {
                country: text.trim().to_string(),
                edition,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    #[error("no country matches {query:?}{}", suggest(.suggestions))]
    Unknown {
        query: String,
        suggestions: Vec<String>,
    },
    #[error("{name} is not in this index; it holds {}{}", .available.join(", "), shadow_note(.code, .shadowed))]
    NotIndexed {
        name: String,
        available: Vec<String>,
        /// The code the query was taken as, when it was one, and the indexed names it also
        /// begins: "ca" is Canada's code, though Cambodia begins with it.
        code: Option<String>,
        shadowed: Vec<String>,
    },
    #[error("{query:?} matches several countries: {}; type more of the name", .matches.join(", "))]
    Ambiguous { query: String, matches: Vec<String> },
    #[error("no {edition} response for {country}; editions: {}", .editions.join(", "))]
    NoEdition {
        country: String,
        edition: u16,
        editions: Vec<String>,
    },
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", s.join(", "))
    }
}

impl Index {
    /// The responses a selector names: the country by name (any case), ISO alpha-3 code, a
    /// common alias, or a unique prefix of its name; then the edition, if given. Sorted by
    /// edition.
    pub fn select(&self, sel: &Selector) -> Result<Vec<&Response>, SelectError> {
        let iso3 = self.country_code(&sel.country)?;
        let mut found: Vec<&Response> = self.responses.iter().filter(|r| r.iso3 == iso3).collect();
        found.sort_by_key(|r| (r.edition, r.kind));
        if let Some(edition) = sel.edition {
            let editions: Vec<String> = found.iter().map(|r| r.edition.to_string()).collect();
            found.retain(|r| r.edition == edition);
            if found.is_empty() {
                let country = self
                    .responses
                    .iter()
                    .find(|r| r.iso3 == iso3)
                    .map_or_else(|| iso3.clone(), |r| r.country.clone());
                let mut editions = editions;
                editions.dedup();
                return Err(SelectError::NoEdition {
                    country,
                    edition,
                    editions,
                });
            }
        }
        Ok(found)
    }

    /// The one response a selector names, for commands that show one: the newest
    /// questionnaire, or the newest response when the country has only presentations.
    pub fn select_one(&self, sel: &Selector) -> Result<&Response, SelectError> {
        let found = self.select(sel)?;
        let newest_questionnaire = found
            .iter()
            .rev()
            .find(|r| r.kind == Kind::Questionnaire)
            .or(found.last());
        // `select` never returns an empty list without an error.
        newest_questionnaire.copied().ok_or(SelectError::Unknown {
            query: sel.country.clone(),
            suggestions: Vec::new(),
        })
    }

    /// Every indexed country a search's `country:` value names, by ISO alpha-3 code: a member
    /// state's code names that country alone ("aus" is Australia, never Austria too); any
    /// other value names the countries whose name it begins, or the one it is an alias of
    /// ("usa", "turkiye").
    pub fn countries_named(&self, value: &str) -> Vec<String> {
        // A member state's alpha-3 or alpha-2 code names that state alone: "ca" is Canada,
        // never Cambodia too.
        if let Some(c) = countries::by_iso3(value).or_else(|| countries::by_alpha2(value)) {
            return if self.responses.iter().any(|r| r.iso3 == c.iso3) {
                vec![c.iso3.to_string()]
            } else {
                Vec::new()
            };
        }
        let q = fold(value);
        let alias = countries::lookup(value).map(|c| c.iso3);
        let mut out: Vec<String> = Vec::new();
        for r in &self.responses {
            let named = fold(&r.country).starts_with(&q) || alias == Some(r.iso3.as_str());
            if named && !out.contains(&r.iso3) {
                out.push(r.iso3.clone());
            }
        }
        out
    }

    /// When a value is a member state's ISO code (alpha-2 or alpha-3) and also begins the names
    /// of other indexed countries: the state the code names, which wins, and those names.
    /// `country:ca` is Canada, though Cambodia begins with "ca"; hints say so.
    pub fn code_shadows(&self, value: &str) -> Option<(&'static countries::Country, Vec<String>)> {
        let c = countries::by_iso3(value).or_else(|| countries::by_alpha2(value))?;
        let q = fold(value.trim());
        let mut names: Vec<String> = Vec::new();
        for r in &self.responses {
            if r.iso3 != c.iso3 && fold(&r.country).starts_with(&q) && !names.contains(&r.country) {
                names.push(r.country.clone());
            }
        }
        (!names.is_empty()).then_some((c, names))
    }

    /// The ISO alpha-3 code of the indexed country a query names: its name (any case), code,
    /// a common alias, or a unique prefix of its name. The error says why not, with
    /// suggestions.
    pub fn country_code(&self, query: &str) -> Result<String, SelectError> {
        let q = fold(query);
        let names: Vec<(&str, &str)> = {
            let mut v: Vec<(&str, &str)> = self
                .responses
                .iter()
                .map(|r| (r.country.as_str(), r.iso3.as_str()))
                .collect();
            v.dedup();
            v
        };
        let indexed = |iso3: &str| names.iter().any(|(_, c)| *c == iso3);
        // Exact: name, code, or alias.
        if let Some((_, iso3)) = names
            .iter()
            .find(|(n, c)| fold(n) == q || c.eq_ignore_ascii_case(&q))
        {
            return Ok(iso3.to_string());
        }
        // A name, an alias, or an ISO code, alpha-3 or alpha-2: a code wins over a name it
        // begins ("ca" is Canada, not Cambodia).
        if let Some(c) = countries::lookup(query).or_else(|| countries::by_alpha2(query)) {
            return if indexed(c.iso3) {
                Ok(c.iso3.to_string())
            } else {
                let shadowed = self.code_shadows(query).map(|(_, names)| names);
                Err(SelectError::NotIndexed {
                    name: c.name.to_string(),
                    available: names.iter().map(|(n, _)| n.to_string()).collect(),
                    code: shadowed.is_some().then(|| query.trim().to_string()),
                    shadowed: shadowed.unwrap_or_default(),
                })
            };
        }
        // A unique prefix of an indexed name.
        let mut prefixed: Vec<(&str, &str)> = names
            .iter()
            .filter(|(n, _)| !q.is_empty() && fold(n).starts_with(&q))
            .copied()
            .collect();
        prefixed.dedup_by_key(|(_, c)| *c);
        match prefixed.as_slice() {
            [(_, iso3)] => return Ok(iso3.to_string()),
            [] => {}
            many => {
                return Err(SelectError::Ambiguous {
                    query: query.to_string(),
                    matches: many.iter().map(|(n, _)| n.to_string()).collect(),
                });
            }
        }
        Err(SelectError::Unknown {
            query: query.to_string(),
            suggestions: nearest(&q, names.iter().map(|(n, _)| *n)),
        })
    }
}

/// "; \"ca\" is taken as that code: for Cambodia, write more of the name".
fn shadow_note(code: &Option<String>, names: &[String]) -> String {
    match code {
        Some(code) if !names.is_empty() => format!(
            "; \"{code}\" is taken as its ISO code: for {}, write more of the name",
            names.join(", ")
        ),
        _ => String::new(),
    }
}

/// Up to three names within a small edit distance of the query, nearest first.
pub(crate) fn nearest<'a>(query: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = names
        .map(|n| (edit_distance(query, &fold(n)), n))
        .filter(|(d, n)| *d <= (n.chars().count() / 3).max(2))
        .collect();
    scored.sort();
    scored.dedup();
    scored
        .into_iter()
        .take(3)
        .map(|(_, n)| n.to_string())
        .collect()
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        assert_eq!(
            Selector::parse("Tajikistan:2020", None),
            Selector {
                country: "Tajikistan".into(),
                edition: Some(2020)
            }
        );
        assert_eq!(Selector::parse("tjk", Some(2020)).edition, Some(2020));
        assert_eq!(Selector::parse("a:b", None).country, "a:b");
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("azerbajan", "azerbaijan"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("mongoila", "mongolia"), 2);
    }
}
