//! The non-interactive commands and their output; the only module that prints. Plain text goes
//! through the sanitiser. JSON keeps every character of the data, but writes the ones the
//! sanitiser would replace as `\uXXXX` escapes, so it is safe on a terminal too.

use crate::compare::Status;
use crate::egdi::{self, Egdi, Figure, Scores};
use crate::index::{self, IndexSource, Selector};
use crate::ingest::Options;
use crate::model::{
    ChoiceOption, Contact, Index, Item, ItemSelection, Kind, Link, Note, Response, Section,
    Selection,
};
use crate::sanitize;
use crate::topics;
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "msq",
    version,
    about = "Browse and compare UN E-Government Survey questionnaire responses",
    long_about = "Browse and compare the answers UN member states give to the E-Government \
                  Survey's Member States Questionnaire. With no command, opens the browser."
)]
pub struct Cli {
    /// Use this index instead of the built-in one [env: MSQ_INDEX; an empty value is the
    /// built-in index].
    #[arg(long, global = true, value_name = "FILE")]
    pub index: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build an index from your own documents.
    #[command(subcommand)]
    Index(IndexCommand),
    /// List the responses in the index.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one response, or one section of it.
    Show {
        /// Country name, ISO alpha-3 code or unique prefix; "NAME:YEAR" picks an edition.
        country: String,
        #[arg(long, value_name = "YEAR")]
        edition: Option<u16>,
        /// Section id or label: "C", "III", "background".
        #[arg(long, value_name = "S")]
        section: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show a country's Chief Information Officer.
    Cio {
        country: String,
        #[arg(long, value_name = "YEAR")]
        edition: Option<u16>,
        #[arg(long)]
        json: bool,
    },
    /// Search every answer: terms must all match; 'word is exact, !word excludes; scopes
    /// country:, section:, edition:, topic:; a capital letter makes a term match case.
    #[command(after_long_help = crate::search::SYNTAX)]
    Search {
        /// The query, e.g. "digital signature", "country:mng open data", "cbersecurity".
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        /// Only this country: a name, ISO alpha-3 code or unique prefix ("Viet Nam", "tjk").
        #[arg(long, value_name = "C")]
        country: Option<String>,
        /// Only this section: its id, label or title ("C", "III", "Legal Framework").
        #[arg(long, value_name = "S")]
        section: Option<String>,
        /// Only this edition year, e.g. 2022.
        #[arg(long, value_name = "YEAR")]
        edition: Option<u16>,
        /// How many hits to show, best first; the last line still counts them all.
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Print {"total": N, "hits": [...]} as JSON, each hit with where it matched
        /// ("matched_in") and whether it allowed a typo ("fuzzy").
        #[arg(long)]
        json: bool,
        /// Mark matches in bold and colour: "auto" does so when stdout is a terminal. NO_COLOR
        /// (set to anything) keeps the bold and drops the colour, "always" included.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
        color: ColorWhen,
    },
    /// List the topics that line answers up across editions, with their items in each.
    Topics {
        #[arg(long)]
        json: bool,
    },
    /// Compare countries side by side, topic by topic, after the E-Government Development
    /// Index of each column's edition (source: UN DESA, UN E-Government Knowledgebase).
    Compare {
        /// Two or more countries; "NAME:YEAR" picks an edition, as in Tajikistan:2020.
        #[arg(required = true, num_args = 2.., value_name = "COUNTRY")]
        countries: Vec<String>,
        /// Only these topics (ids, or a group prefix such as "law" or "portal"; "egdi" for
        /// the figures' rows, "egdi.rank", "egdi.osi", ... for one of them).
        #[arg(long = "topic", value_name = "T")]
        topics: Vec<String>,
        /// Every format opens with its provenance: msq's version, the date (UTC; set
        /// SOURCE_DATE_EPOCH to fix it), each column's source file and SHA-256, and the
        /// figures' credit. CSV carries it as rows of group "provenance" after the header,
        /// since CSV has no comments.
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
    },
    /// Show a member state's EGDI, its parts and its rank in every edition (source: UN DESA,
    /// UN E-Government Knowledgebase).
    Egdi {
        /// Any member state: its name, ISO alpha-3 or alpha-2 code, or a unique prefix.
        country: String,
        /// Print JSON: missing values are null, an edition without figures has "figures": null.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV: a row per edition, missing values empty.
        #[arg(long)]
        csv: bool,
    },
    /// Rank the member states by EGDI or one of its parts in one edition.
    Rank {
        /// The edition year; the latest with figures when not given.
        #[arg(long, value_name = "YEAR")]
        edition: Option<u16>,
        /// The figure to rank by.
        #[arg(long, value_enum, value_name = "FIGURE", default_value_t = Figure::Egdi)]
        by: Figure,
        /// Only this UN region (Africa, Americas, Asia, Europe, Oceania), or a unique prefix.
        #[arg(long, value_name = "R", conflicts_with = "subregion")]
        region: Option<String>,
        /// Only this UN sub-region ("Central Asia", "Northern Europe"), or a unique prefix.
        #[arg(long, value_name = "R")]
        subregion: Option<String>,
        /// Only the best N.
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Print JSON: {"edition", "by", "compared_with", "rows": [...]}, missing values null.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV: a row per state, missing values empty.
        #[arg(long)]
        csv: bool,
    },
    /// List a country's e-government portals and the agency in charge.
    Portals {
        country: String,
        #[arg(long, value_name = "YEAR")]
        edition: Option<u16>,
        #[arg(long)]
        json: bool,
    },
    /// Print shell completions or the man page, made from the same definitions as --help.
    #[command(subcommand)]
    Generate(Generate),
    /// Print where the browser's config file is looked for and the default config in full,
    /// to start one from: `msq config > ~/.config/msq/config.toml`. A config in use that
    /// cannot be read is an error.
    Config {
        /// Print only the path.
        #[arg(long)]
        path: bool,
    },
}

/// What `msq generate` prints.
#[derive(Debug, Subcommand)]
pub enum Generate {
    /// Completions for a shell: `source <(msq generate completions bash)`, or save them where
    /// the shell looks (see the README).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The man page, in roff: `msq generate man | man -l -`.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Md,
    Csv,
    Json,
}

/// When `msq search` marks its matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When stdout is a terminal.
    Auto,
    Always,
    Never,
}

/// The forms `index build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IndexFormat {
    Binary,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Parse documents (text or PDF files, or folders of .txt and .pdf files) into an index file.
    Build {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Where to write the index.
        #[arg(long, value_name = "FILE", default_value = "index.msq")]
        out: PathBuf,
        /// The form to write: `binary`, msq's own, which loads without parsing and stores the
        /// search text ready to search; or `json`, to read, diff or hand to other tools (any
        /// `.json` index loads too). By default, JSON for a file named `*.json`, binary otherwise.
        #[arg(long, value_enum, value_name = "FORM")]
        format: Option<IndexFormat>,
        /// The edition year, for documents that do not print it.
        #[arg(long, value_name = "YEAR")]
        edition: Option<u16>,
        /// Fail, and write nothing, if any document parses with a warning: a layout msq had to
        /// undo, or a parse that falls short of what its format promises.
        #[arg(long)]
        strict: bool,
        /// Add EGDI figures from a CSV file in the UN Data Center's layout (that of
        /// EGOV_DATA_2022.csv); an edition replaces the built-in one of its year. Repeatable;
        /// MSQ_SCORES may name several files joined by ':'. A bad file means nothing is written.
        #[arg(long = "scores", value_name = "FILE.csv", env = egdi::SCORES_ENV, value_delimiter = ':')]
        scores: Vec<PathBuf>,
    },
    /// Normalise the published EGDI files of a folder (data/egdi/) into the figures msq
    /// compiles in (data/egdi.json).
    #[command(hide = true)]
    Egdi {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[arg(long, value_name = "FILE", default_value = "data/egdi.json")]
        out: PathBuf,
    },
}

/// Runs a command, or with none, the browser. Returns the exit code.
pub fn run(cli: &Cli) -> Result<i32> {
    let source = IndexSource::resolve(cli.index.clone());
    match &cli.command {
        None => browse(&source),
        Some(_) => command(cli, &source).map(|()| 0),
    }
}

/// The browser on a terminal; the list when stdout is a pipe or a file.
fn browse(source: &IndexSource) -> Result<i32> {
    use std::io::IsTerminal;
    // The built-in figures are parsed on another core while the index loads: the first frame
    // needs both.
    let figures = std::thread::spawn(|| {
        crate::egdi::Egdi::builtin();
    });
    let index::Opened { index, stored } = index::open(source)?;
    let _ = figures.join();
    if !std::io::stdout().is_terminal() {
        list(&index, false)?;
        return Ok(0);
    }
    // Figures from MSQ_SCORES and the config file are read before the terminal is taken: a bad
    // file is a plain error.
    let egdi = crate::egdi::effective(&index)?;
    let config = crate::tui::config::load(&crate::tui::config::Location::from_env())?;
    crate::tui::keymap::install(config.keymap);
    let theme = config.theme.with_env();
    Ok(crate::tui::run(
        index,
        stored,
        egdi,
        theme,
        source.to_string(),
    )?)
}

fn command(cli: &Cli, source: &IndexSource) -> Result<()> {
    match &cli.command {
        None => Ok(()),
        Some(Command::Index(IndexCommand::Build {
            paths,
            out,
            edition,
            strict,
            scores,
            format,
        })) => build(paths, out, *format, *edition, *strict, scores),
        Some(Command::Index(IndexCommand::Egdi { dir, out })) => egdi_normalise(dir, out),
        Some(Command::Egdi { country, json, csv }) => {
            let figures = egdi::effective(&load(source)?)?;
            egdi_country(&figures, country, Output::pick(*json, *csv))
        }
        Some(Command::Rank {
            edition,
            by,
            region,
            subregion,
            top,
            json,
            csv,
        }) => {
            let figures = egdi::effective(&load(source)?)?;
            let area = match (region, subregion) {
                (Some(r), _) => Some(Area::Region(pick_area(r, &figures.regions(), "region")?)),
                (None, Some(r)) => Some(Area::Subregion(pick_area(
                    r,
                    &figures.subregions(),
                    "sub-region",
                )?)),
                (None, None) => None,
            };
            rank(
                &figures,
                *edition,
                *by,
                area.as_ref(),
                *top,
                Output::pick(*json, *csv),
            )
        }
        Some(Command::List { json }) => list(&load(source)?, *json),
        Some(Command::Generate(what)) => generate(what),
        Some(Command::Config { path }) => config(*path),
        Some(Command::Show {
            country,
            edition,
            section,
            json,
        }) => {
            let index = load(source)?;
            let r = index.select_one(&selector(country, *edition)?)?;
            show(r, section.as_deref(), *json)
        }
        Some(Command::Cio {
            country,
            edition,
            json,
        }) => {
            let index = load(source)?;
            cio(index.select_one(&selector(country, *edition)?)?, *json)
        }
        Some(Command::Search {
            query,
            country,
            section,
            edition,
            limit,
            json,
            color,
        }) => {
            let index::Opened { index, stored } = index::open(source)?;
            let mut query = crate::search::Query::parse(&query.join(" "));
            // The flags are scopes as they are, never words to search for: --country names a
            // country as the other commands do ("Viet Nam", "tjk", "mong").
            if let Some(c) = country {
                query.countries.push(index.country_code(c)?.to_lowercase());
            }
            if let Some(s) = section {
                query.sections.push(s.to_lowercase());
            }
            query.editions.extend(*edition);
            // A scope flag that names nothing the index holds is an error, as an unknown
            // --country is, whichever flag it is; in the query text, a scope is a note.
            let flags = crate::search::Query {
                sections: section.iter().map(|s| s.to_lowercase()).collect(),
                editions: edition.iter().copied().collect(),
                ..crate::search::Query::default()
            };
            if let Some(problem) = crate::search::scope_hints(&index, &flags).first() {
                bail!("{problem}");
            }
            let output = if *json {
                SearchOutput::Json
            } else {
                SearchOutput::Text(Marks::pick(
                    *color,
                    std::io::IsTerminal::is_terminal(&std::io::stdout()),
                    std::env::var_os("NO_COLOR").is_some(),
                ))
            };
            let (engine, warning) =
                index::search_engine(&index, stored.as_ref(), &source.to_string());
            if let Some(w) = warning {
                eprintln!("msq: {}", sanitize::line(&w));
            }
            search(&index, &engine, &query, *limit, output)?;
            // The process ends here: freeing hundreds of thousands of strings one by one
            // would be the slowest part of a search on a large index.
            std::mem::forget((index, engine));
            Ok(())
        }
        Some(Command::Topics { json }) => topics_list(*json),
        Some(Command::Compare {
            countries,
            topics,
            format,
        }) => {
            let index = load(source)?;
            let mut chosen = Vec::new();
            for c in countries {
                let r = index.select_one(&Selector::parse(c, None))?;
                let i = index
                    .responses
                    .iter()
                    .position(|x| x.id == r.id)
                    .unwrap_or_default();
                if chosen.contains(&i) {
                    bail!("{} is named twice", r.display_name());
                }
                chosen.push(i);
            }
            for t in topics {
                if !crate::compare::known_topic(t) {
                    bail!("no topic {t:?}; `msq topics` lists them");
                }
            }
            let figures = egdi::effective(&index)?;
            // Columns in the order the countries were named; only the topics asked for.
            let cmp = crate::compare::Comparison::new(&index, &figures, &chosen, topics);
            // A malformed SOURCE_DATE_EPOCH is refused, not replaced by the clock: whoever set
            // it wants a fixed date.
            let date = crate::compare::Date::today()?;
            match format {
                // The exporters sanitise each field; the format's own line ends stay.
                ExportFormat::Md => {
                    emit_exported(&crate::compare::to_markdown_at(&index, &cmp, date))
                }
                ExportFormat::Csv => emit_exported(&crate::compare::to_csv_at(&index, &cmp, date)),
                ExportFormat::Json => emit_json(&crate::compare::to_json_at(&index, &cmp, date)),
            }
        }
        Some(Command::Portals {
            country,
            edition,
            json,
        }) => {
            let index = load(source)?;
            portals(index.select_one(&selector(country, *edition)?)?, *json)
        }
    }
}

pub fn load(source: &IndexSource) -> Result<Index> {
    Ok(index::load(source)?)
}

/// `msq config`: the path in use, then the default config; with `--path`, the path alone.
fn config(path_only: bool) -> Result<()> {
    use crate::tui::config::{self, Location};
    let location = Location::from_env();
    let shown = location
        .path()
        .map(|p| crate::sanitize::line(&p.display().to_string()).into_owned());
    if path_only {
        return match shown {
            Some(p) => emit(&format!("{p}\n")),
            None => bail!("no config file: MSQ_CONFIG is empty, or there is no HOME to look in"),
        };
    }
    let state = match (&location, location.path().map(std::path::Path::exists)) {
        (Location::Nowhere, _) => "none: MSQ_CONFIG is empty, or there is no HOME".to_string(),
        (_, Some(true)) => format!("{} (in use)", shown.unwrap_or_default()),
        (Location::Named(_), _) => format!(
            "{} (named by MSQ_CONFIG, and not there: the browser will not start)",
            shown.unwrap_or_default()
        ),
        (_, _) => format!(
            "{} (not there: the defaults below are in use)",
            shown.unwrap_or_default()
        ),
    };
    // A config in use that cannot be read says so, after the defaults to start again from.
    let loaded = config::load(&location);
    emit(&format!(
        "# config file: {state}\n{}",
        config::default_text()
    ))?;
    loaded.map(|_| ()).map_err(Into::into)
}

/// Completions or the man page, on standard output.
fn generate(what: &Generate) -> Result<()> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    match what {
        Generate::Completions { shell } => {
            clap_complete::generate(*shell, &mut cmd, "msq", &mut out);
        }
        Generate::Man => clap_mangen::Man::new(cmd).render(&mut out)?,
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&out)
        .and_then(|()| stdout.flush())
        .or_else(ignore_broken_pipe)
}

/// A usage error: options that contradict each other. `main` exits with 2 for it, as for
/// clap's own usage errors; every other error exits with 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Usage(pub String);

/// `COUNTRY` or `COUNTRY:YEAR`, with `--edition`: a year in both that differ is a usage error,
/// never one of them quietly.
fn selector(text: &str, edition: Option<u16>) -> Result<Selector> {
    let sel = Selector::parse(text, edition);
    match (sel.edition, edition) {
        (Some(named), Some(flag)) if named != flag => Err(Usage(format!(
            "{text:?} names edition {named} and --edition says {flag}; give the year once"
        ))
        .into()),
        _ => Ok(sel),
    }
}

fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(sanitize::text(text).as_bytes())
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)
}

fn ignore_broken_pipe(e: std::io::Error) -> Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e.into())
    }
}

/// Text whose document fields were sanitised one by one (CSV, Markdown).
fn emit_exported(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)
}

/// Pretty JSON with the characters the sanitiser would replace written as escapes.
pub fn to_safe_json<T: Serialize>(value: &T) -> Result<String> {
    let raw = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c == '\u{7F}' || sanitize::is_invisible(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

fn emit_json<T: Serialize>(value: &T) -> Result<()> {
    let json = to_safe_json(value)?;
    let mut out = std::io::stdout().lock();
    out.write_all(json.as_bytes())
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)
}

fn build(
    paths: &[PathBuf],
    out: &std::path::Path,
    format: Option<IndexFormat>,
    edition: Option<u16>,
    strict: bool,
    scores: &[PathBuf],
) -> Result<()> {
    // The figures first: a bad file stops the build before anything is parsed or written.
    let editions = egdi::read_all(scores)?;
    let options = Options { edition };
    let (mut index, built) = index::build(paths, &options)?;
    index.scores = egdi::Egdi::default().with(editions).editions().to_vec();
    let mut report = String::new();
    for b in &built {
        let r = &b.response;
        let t = r.tally();
        let _ = writeln!(
            report,
            "{:<24} {:<12} {:>4}  {:<12} {:>3} items  {:>3} answered  {} warning{}  {}",
            r.id,
            r.country,
            r.edition,
            r.source.format.as_str(),
            t.items,
            t.answered,
            r.warnings.len(),
            if r.warnings.len() == 1 { "" } else { "s" },
            b.file
        );
        for w in &r.warnings {
            let _ = writeln!(report, "    warning: {w}");
        }
    }
    let warned = built
        .iter()
        .filter(|b| !b.response.warnings.is_empty())
        .count();
    if strict && warned > 0 {
        let warnings: usize = built.iter().map(|b| b.response.warnings.len()).sum();
        emit(&report)?;
        anyhow::bail!(
            "--strict: {warnings} warning{} in {warned} document{}; {} not written",
            if warnings == 1 { "" } else { "s" },
            if warned == 1 { "" } else { "s" },
            out.display()
        );
    }
    let json = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let bytes = match format {
        Some(IndexFormat::Json) => index::to_json(&index).into_bytes(),
        None if json => index::to_json(&index).into_bytes(),
        Some(IndexFormat::Binary) | None => index::to_binary(&index),
    };
    index::write_atomic(out, &bytes)
        .with_context(|| format!("{}: cannot write the index", out.display()))?;
    for e in &index.scores {
        let _ = writeln!(
            report,
            "EGDI {}: figures for {} state{} from {}",
            e.year,
            e.states.len(),
            if e.states.len() == 1 { "" } else { "s" },
            e.source
        );
    }
    let _ = writeln!(
        report,
        "wrote {} response{} to {}",
        index.responses.len(),
        if index.responses.len() == 1 { "" } else { "s" },
        out.display()
    );
    emit(&report)
}

#[derive(Serialize)]
struct ListRow<'a> {
    id: &'a str,
    country: &'a str,
    iso3: &'a str,
    edition: u16,
    kind: Kind,
    items: usize,
    answered: usize,
}

fn list(index: &Index, json: bool) -> Result<()> {
    let rows: Vec<ListRow> = index
        .responses
        .iter()
        .map(|r| {
            let t = r.tally();
            ListRow {
                id: &r.id,
                country: &r.country,
                iso3: &r.iso3,
                edition: r.edition,
                kind: r.kind,
                items: t.items,
                answered: t.answered,
            }
        })
        .collect();
    if json {
        return emit_json(&rows);
    }
    let width = rows
        .iter()
        .map(|r| r.country.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    let mut s = format!(
        "{:<24} {:<width$}  ISO  EDITION  KIND           ITEMS  ANSWERED\n",
        "ID", "COUNTRY"
    );
    for r in &rows {
        let _ = writeln!(
            s,
            "{:<24} {:<width$}  {}  {:<7}  {:<13}  {:>5}  {:>8}",
            r.id,
            r.country,
            r.iso3,
            r.edition,
            r.kind.as_str(),
            r.items,
            r.answered
        );
    }
    emit(&s)
}

/// An item as `msq show --json` reports it.
#[derive(Serialize)]
struct ItemView<'a> {
    id: &'a str,
    number: &'a str,
    parent: Option<&'a str>,
    headings: &'a [String],
    question: &'a str,
    required: bool,
    answer: &'a str,
    /// Byte ranges of `answer` the source emphasises.
    answer_emphasis: &'a [std::ops::Range<usize>],
    options: &'a [ChoiceOption],
    selection: Option<ItemSelection>,
    links: &'a [Link],
    notes: &'a [Note],
}

#[derive(Serialize)]
struct SectionView<'a> {
    id: &'a str,
    label: &'a str,
    printed_label: Option<&'a str>,
    title: &'a str,
    items: Vec<ItemView<'a>>,
}

#[derive(Serialize)]
struct ResponseView<'a> {
    id: &'a str,
    country: &'a str,
    iso3: &'a str,
    edition: u16,
    kind: Kind,
    source: &'a crate::model::Source,
    title: Option<&'a str>,
    respondent: Option<&'a Contact>,
    event: Option<&'a crate::model::Event>,
    cio: Option<&'a Contact>,
    fields: &'a [crate::model::Field],
    notes: &'a [Note],
    items: usize,
    answered: usize,
    warnings: &'a [String],
    sections: Vec<SectionView<'a>>,
}

fn item_view(item: &Item) -> ItemView<'_> {
    ItemView {
        id: &item.id,
        number: &item.number,
        parent: item.parent.as_deref(),
        headings: &item.headings,
        question: &item.question,
        required: item.required,
        answer: &item.answer,
        answer_emphasis: &item.answer_emphasis,
        options: &item.options,
        selection: item.selection(),
        links: &item.links,
        notes: &item.notes,
    }
}

/// Finds a section by id or label, without regard to case.
fn find_section<'a>(r: &'a Response, query: &str) -> Result<&'a Section> {
    r.sections
        .iter()
        .find(|s| s.id.eq_ignore_ascii_case(query) || s.label.eq_ignore_ascii_case(query))
        .with_context(|| {
            let known: Vec<&str> = r
                .sections
                .iter()
                .map(|s| {
                    if s.label.is_empty() {
                        s.id.as_str()
                    } else {
                        s.label.as_str()
                    }
                })
                .collect();
            format!(
                "{} has no section {query:?}; its sections are {}",
                r.display_name(),
                known.join(", ")
            )
        })
}

fn show(r: &Response, section: Option<&str>, json: bool) -> Result<()> {
    let sections: Vec<&Section> = match section {
        Some(q) => vec![find_section(r, q)?],
        None => r.sections.iter().collect(),
    };
    if json {
        let t = r.tally();
        return emit_json(&ResponseView {
            id: &r.id,
            country: &r.country,
            iso3: &r.iso3,
            edition: r.edition,
            kind: r.kind,
            source: &r.source,
            title: r.title.as_deref(),
            respondent: r.respondent.as_ref(),
            event: r.event.as_ref(),
            cio: r.cio.as_ref(),
            fields: &r.fields,
            notes: &r.notes,
            items: t.items,
            answered: t.answered,
            warnings: &r.warnings,
            sections: sections
                .iter()
                .map(|s| SectionView {
                    id: &s.id,
                    label: &s.label,
                    printed_label: s.printed_label.as_deref(),
                    title: &s.title,
                    items: s.items.iter().map(item_view).collect(),
                })
                .collect(),
        });
    }
    let mut s = header_text(r);
    for sec in sections {
        let _ = writeln!(s, "\n{}\n", sec.heading());
        for item in &sec.items {
            item_text(&mut s, item);
        }
    }
    emit(&s)
}

fn header_text(r: &Response) -> String {
    let mut s = format!(
        "{} ({}) · {} · {} · {}\n",
        r.country,
        r.iso3,
        r.edition,
        r.kind.as_str(),
        r.source.file
    );
    if let Some(title) = &r.title {
        let _ = writeln!(s, "{title}");
    }
    if let Some(e) = &r.event {
        let _ = writeln!(s, "Event: {}", e.summary());
    }
    let who = match r.kind {
        Kind::Questionnaire => "Respondent",
        Kind::Presentation => "Presenter",
    };
    if let Some(c) = &r.respondent {
        let _ = writeln!(s, "{who}: {}", contact_line(c));
    }
    let _ = writeln!(s, "CIO: {}", cio_summary(r));
    for f in &r.fields {
        let tick = match f.selection {
            Some(Selection::Recorded) => " [ticked]",
            _ => "",
        };
        let _ = writeln!(s, "{}: {}{tick}", f.label, f.value);
    }
    let t = r.tally();
    let _ = write!(s, "{} of {} items answered", t.answered, t.items);
    if t.selection_not_recorded > 0 {
        let _ = write!(
            s,
            "; {} closed question{} with the selection not recorded in the source",
            t.selection_not_recorded,
            if t.selection_not_recorded == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    s.push('\n');
    for n in &r.notes {
        let _ = writeln!(s, "{}", note_text(n));
    }
    s
}

fn contact_line(c: &Contact) -> String {
    c.fields()
        .iter()
        .filter_map(|(_, v)| *v)
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Jeyhun Salmanov, ..." or why there is none, as the comparison's CIO row says it.
pub fn cio_summary(r: &Response) -> String {
    match &r.cio {
        Some(c) if c.is_provided() => contact_line(c),
        _ => match cio_status(r).reason() {
            Some(why) => format!("not provided: {}", why.to_lowercase()),
            None => "not provided".into(),
        },
    }
}

/// What the response says on the CIO topic: the status a comparison shows for it, so the rule
/// (asked and left blank, or not asked in this edition) is written once.
fn cio_status(r: &Response) -> Status {
    crate::compare::cell_for("cio", r).map_or(Status::NotAsked, |c| c.status)
}

fn note_text(n: &Note) -> String {
    format!("{}{}", n.label(), n.text)
}

/// How an option's state reads in plain text.
pub fn option_mark(o: &ChoiceOption) -> &'static str {
    match o.selection {
        Selection::Recorded => "[x]",
        Selection::NotRecorded => "[ ]",
    }
}

fn item_text(s: &mut String, item: &Item) {
    for h in &item.headings {
        let _ = writeln!(s, "  {h}");
    }
    let number = item.display_number();
    let star = if item.required { " *" } else { "" };
    if number.is_empty() {
        if !item.question.is_empty() {
            let _ = writeln!(s, "  {}{star}", item.question);
        }
    } else {
        let _ = writeln!(s, "  {number}. {}{star}", indent(&item.question, 6));
    }
    for n in &item.notes {
        let _ = writeln!(s, "      {}", indent(&note_text(n), 6));
    }
    for o in &item.options {
        match &o.typed {
            Some(t) => {
                let _ = writeln!(s, "      {} {}: {t} (typed)", option_mark(o), o.label);
            }
            None => {
                let _ = writeln!(s, "      {} {}", option_mark(o), o.label);
            }
        }
    }
    if item.selection() == Some(ItemSelection::NotRecorded) {
        let _ = writeln!(s, "      (selection not recorded in source)");
    }
    if !item.answer.is_empty() {
        let _ = writeln!(s, "      {}", indent(&item.answer, 6));
    }
    s.push('\n');
}

fn indent(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}

#[derive(Serialize)]
struct CioView<'a> {
    country: &'a str,
    iso3: &'a str,
    edition: u16,
    provided: bool,
    /// The comparison's status for the CIO topic: "answered", "not_recorded", "no_answer"
    /// (asked, left blank) or "not_asked" (this edition does not ask).
    status: Status,
    /// The status in words when there is no answer: "No answer given", "Not asked in this
    /// edition"; null when answered.
    reason: Option<&'static str>,
    name: Option<&'a str>,
    title: Option<&'a str>,
    organization: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

fn cio(r: &Response, json: bool) -> Result<()> {
    let empty = Contact::default();
    let c = r.cio.as_ref().unwrap_or(&empty);
    if json {
        let status = cio_status(r);
        return emit_json(&CioView {
            country: &r.country,
            iso3: &r.iso3,
            edition: r.edition,
            provided: c.is_provided(),
            reason: status.reason(),
            status,
            name: c.name.as_deref(),
            title: c.title.as_deref(),
            organization: c.organization.as_deref(),
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
        });
    }
    let mut s = format!("{} ({}) · {} · CIO\n", r.country, r.iso3, r.edition);
    if c.is_provided() {
        for (label, value) in c.fields() {
            let _ = writeln!(s, "  {label:<13} {}", value.unwrap_or("—"));
        }
    } else {
        let _ = writeln!(s, "  CIO: {}", cio_summary(r));
    }
    emit(&s)
}

/// A hit as `msq search --json` reports it.
#[derive(Serialize)]
struct HitView<'a> {
    id: &'a str,
    country: &'a str,
    iso3: &'a str,
    edition: u16,
    section: &'a str,
    item: &'a str,
    question: &'a str,
    /// Which part of the record the best match is in.
    matched_in: crate::search::Field,
    score: i64,
    snippet: &'a str,
    /// Char indices into `snippet`.
    matches: &'a [usize],
    /// Found allowing a typo.
    fuzzy: bool,
}

#[derive(Serialize)]
struct SearchView<'a> {
    /// Every record that matched; `hits` holds the best `--limit` of them.
    total: usize,
    hits: Vec<HitView<'a>>,
}

/// What `msq search` prints: JSON, or lines of text with matches marked so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SearchOutput {
    Json,
    Text(Marks),
}

/// How matches are marked in plain text: ANSI SGR bold, plus yellow unless NO_COLOR is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marks {
    Plain,
    Bold,
    BoldColour,
}

impl Marks {
    fn pick(when: ColorWhen, terminal: bool, no_color: bool) -> Marks {
        let on = match when {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => terminal,
        };
        match (on, no_color) {
            (false, _) => Marks::Plain,
            (true, true) => Marks::Bold,
            (true, false) => Marks::BoldColour,
        }
    }

    fn start(self) -> &'static str {
        match self {
            Marks::Plain => "",
            Marks::Bold => "\x1b[1m",
            Marks::BoldColour => "\x1b[1;33m",
        }
    }

    fn end(self) -> &'static str {
        match self {
            Marks::Plain => "",
            Marks::Bold | Marks::BoldColour => "\x1b[0m",
        }
    }
}

fn search(
    index: &Index,
    engine: &crate::search::Engine,
    query: &crate::search::Query,
    limit: usize,
    output: SearchOutput,
) -> Result<()> {
    if query.is_empty() {
        bail!(
            "nothing to search for: {}",
            if query.problems.is_empty() {
                "the query is empty".to_string()
            } else {
                query.problems.join("; ")
            }
        );
    }
    let exact = engine.search(index, query, None, limit);
    let results = engine
        .refine(index, query, None, limit, &exact, &|| false)
        .unwrap_or(exact);
    for note in &results.notes {
        eprintln!("msq: {}", sanitize::line(note));
    }
    for p in &results.problems {
        eprintln!("msq: {}", sanitize::line(p));
    }
    let marks = match output {
        SearchOutput::Json => {
            let hits: Vec<HitView> = results
                .hits
                .iter()
                .map(|h| {
                    let r = &index.responses[h.response];
                    let (section, item, question) = h.place(index);
                    HitView {
                        id: &r.id,
                        country: &r.country,
                        iso3: &r.iso3,
                        edition: r.edition,
                        section,
                        item,
                        question,
                        matched_in: h.field,
                        score: h.score,
                        snippet: &h.snippet,
                        matches: &h.matches,
                        fuzzy: h.fuzzy,
                    }
                })
                .collect();
            return emit_json(&SearchView {
                total: results.total.max(hits.len()),
                hits,
            });
        }
        SearchOutput::Text(marks) => marks,
    };
    let places: Vec<(String, String)> = results
        .hits
        .iter()
        .map(|h| {
            // A contact block is no item: its label, which the snippet opens with, says enough.
            let item = match h.source {
                crate::search::Source::Item { .. } => h.place(index).1,
                _ => "",
            };
            let tilde = if h.fuzzy { "~" } else { "" };
            (
                sanitize::line(&index.responses[h.response].country).into_owned(),
                format!("{}{tilde}", sanitize::line(item)),
            )
        })
        .collect();
    let country_width = places.iter().map(|p| p.0.chars().count()).max();
    let item_width = places.iter().map(|p| p.1.chars().count()).max();
    let mut s = String::new();
    for (h, (country, item)) in results.hits.iter().zip(&places) {
        let _ = write!(
            s,
            "{country:<cw$} {} ",
            index.responses[h.response].edition,
            cw = country_width.unwrap_or(0),
        );
        if let Some(iw) = item_width.filter(|&w| w > 0) {
            let _ = write!(s, "{item:<iw$} ");
        }
        let _ = writeln!(s, "{}", hit_text(index, h, marks));
    }
    let _ = writeln!(
        s,
        "{} match{}{}",
        results.total,
        if results.total == 1 { "" } else { "es" },
        if results.total > results.hits.len() {
            format!(", {} shown (--limit)", results.hits.len())
        } else {
            String::new()
        }
    );
    // Already sanitised piece by piece; the marks are msq's own.
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)
}

/// A hit's record as the engine searched it: its text, where the question (or a contact
/// block's "CIO" label) ends, and whether the char there is the line end between question and
/// answer, which a snippet shows as a space.
struct RecordText {
    text: String,
    question_end: usize,
    line_end: bool,
}

fn record_text(index: &Index, hit: &crate::search::Hit) -> RecordText {
    use crate::search::Source;
    let r = &index.responses[hit.response];
    match hit.source {
        Source::Item { section, item } => {
            let (text, question_end, _) =
                crate::search::item_text(&r.sections[section as usize].items[item as usize]);
            RecordText {
                text,
                question_end,
                line_end: true,
            }
        }
        Source::Respondent | Source::Cio => {
            let (label, contact) = match (hit.source, r.kind) {
                (Source::Cio, _) => ("CIO", &r.cio),
                (_, Kind::Questionnaire) => ("Respondent", &r.respondent),
                (_, Kind::Presentation) => ("Presenter", &r.respondent),
            };
            let fields: Vec<&str> = contact
                .as_ref()
                .map(|c| c.fields().iter().filter_map(|(_, v)| *v).collect())
                .unwrap_or_default();
            RecordText {
                text: format!("{label}: {}", fields.join(" · ")),
                question_end: label.len(),
                line_end: false,
            }
        }
    }
}

/// One hit as text: "Question: …snippet…", the snippet's matches marked. The snippet is cut
/// from its record's text; a cut edge loses its partial word and gets "…", and a snippet that
/// opens in the question is the question itself, so the question is not put in front again.
fn hit_text(index: &Index, hit: &crate::search::Hit, marks: Marks) -> String {
    let record = record_text(index, hit);
    // The snippet is one line: the engine writes line ends (and NULs) as spaces.
    let flat: String = record
        .text
        .chars()
        .map(|c| if c == '\n' || c == '\0' { ' ' } else { c })
        .collect();
    let at = flat.find(&hit.snippet).or_else(|| {
        crate::search::lower_keep_len(&flat)
            .find(&crate::search::lower_keep_len(&hit.snippet))
            .filter(|&a| flat.is_char_boundary(a) && flat.is_char_boundary(a + hit.snippet.len()))
    });
    let chars: Vec<char> = hit.snippet.chars().collect();
    let marked = |i: usize| hit.matches.binary_search(&i).is_ok();
    let (mut lo, mut hi) = (0, chars.len());
    let (mut cut_start, mut cut_end) = (false, false);
    let mut line_end = None;
    if let Some(a) = at {
        let b = a + hit.snippet.len();
        let before = &flat[..a];
        let after = &flat[b..];
        cut_start = !before.trim().is_empty();
        cut_end = !after.trim().is_empty();
        // A cut inside a word drops the partial word, unless it holds a match or is all there is.
        let mid_word = |x: Option<char>, y: Option<char>| {
            x.is_some_and(|c| !c.is_whitespace()) && y.is_some_and(|c| !c.is_whitespace())
        };
        if cut_start
            && mid_word(before.chars().next_back(), chars.first().copied())
            && let Some(w) = chars.iter().position(|c| c.is_whitespace())
            && !(0..w).any(marked)
        {
            lo = w;
        }
        if cut_end
            && mid_word(chars.last().copied(), after.chars().next())
            && let Some(w) = chars.iter().rposition(|c| c.is_whitespace())
            && w >= lo
            && !(w..chars.len()).any(marked)
        {
            hi = w;
        }
        if record.line_end && (a..b).contains(&record.question_end) {
            line_end = Some(flat[a..record.question_end].chars().count());
        }
    }
    while lo < hi && chars[lo].is_whitespace() {
        lo += 1;
    }
    while hi > lo && chars[hi - 1].is_whitespace() {
        hi -= 1;
    }
    let mut s = String::new();
    // The question goes first, unless the snippet opens inside it.
    let opens_in_question = at.is_some_and(|a| {
        let shown_from = a + chars[..lo].iter().map(|c| c.len_utf8()).sum::<usize>();
        shown_from < record.question_end
    });
    let (_, _, question) = hit.place(index);
    if !opens_in_question && !question.trim().is_empty() {
        let _ = write!(s, "{}: ", label(question, 50));
    }
    if cut_start {
        s.push('…');
    }
    let question_ends_a_sentence = record.text[..record.question_end]
        .trim_end()
        .ends_with(['?', ':', '.', '!']);
    let mut open = false;
    for (i, &c) in chars.iter().enumerate().take(hi).skip(lo) {
        // An empty answer or an option list leaves runs of spaces: one is enough.
        if c.is_whitespace() && i > lo && chars[i - 1].is_whitespace() && !marked(i) {
            continue;
        }
        let on = marked(i);
        if line_end == Some(i) && !question_ends_a_sentence {
            if open {
                s.push_str(marks.end());
                open = false;
            }
            s.push(':');
        }
        if on != open {
            s.push_str(if on { marks.start() } else { marks.end() });
            open = on;
        }
        sanitize::each_char(c, |r| s.push(r));
    }
    if open {
        s.push_str(marks.end());
    }
    if cut_end {
        s.push('…');
    }
    s
}

/// A question cut to `max` columns at a word boundary, with "…" when cut.
fn label(text: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let clean = sanitize::line(text);
    let clean = clean.trim();
    if unicode_width::UnicodeWidthStr::width(clean) <= max {
        return clean.to_string();
    }
    let mut used = 0;
    let mut end = 0;
    let mut last_space = None;
    for (i, c) in clean.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        if c.is_whitespace() {
            last_space = Some(i);
        }
        used += w;
        end = i + c.len_utf8();
    }
    let kept = match last_space {
        Some(i) if i > 0 => &clean[..i],
        _ => &clean[..end],
    };
    format!("{}…", kept.trim_end_matches([' ', ',', ';', ':']))
}

#[derive(Serialize)]
struct TopicView {
    id: &'static str,
    group: &'static str,
    label: &'static str,
    /// Edition year to item ids; `9 line "digital certification"` is the line of checklist 9
    /// whose label opens so.
    editions: std::collections::BTreeMap<String, Vec<String>>,
}

fn topics_list(json: bool) -> Result<()> {
    use crate::topics::{Ref, TOPICS, UNMAPPED};
    let describe = |r: &Ref| match r {
        Ref::Item(i) => i.to_string(),
        Ref::Line(i, opening) => format!("{i} line \"{opening}\""),
    };
    let views: Vec<TopicView> = TOPICS
        .iter()
        .map(|t| TopicView {
            id: t.id,
            group: t.group,
            label: t.label,
            editions: t
                .editions
                .iter()
                .map(|(e, refs)| (e.to_string(), refs.iter().map(describe).collect()))
                .collect(),
        })
        .collect();
    if json {
        return emit_json(&views);
    }
    let mut s = String::new();
    // The comparison's first group: the published figures, not questions.
    let _ = writeln!(s, "\n{} ({})", crate::compare::FIGURES_GROUP, egdi::CREDIT);
    for (id, label, _) in crate::compare::FIGURE_ROWS {
        let _ = writeln!(
            s,
            "  {id:<32} {label:<44} published for each column's edition"
        );
    }
    let mut group = "";
    for v in &views {
        if v.group != group {
            group = v.group;
            let _ = writeln!(s, "\n{group}");
        }
        let where_: Vec<String> = v
            .editions
            .iter()
            .rev()
            .map(|(e, items)| format!("{e}: {}", items.join(", ")))
            .collect();
        let where_ = if where_.is_empty() {
            "presentations, by the wording of their questions".to_string()
        } else {
            where_.join("; ")
        };
        let _ = writeln!(s, "  {:<32} {:<44} {where_}", v.id, v.label);
    }
    let _ = writeln!(s, "\nLeft out on purpose");
    for (edition, items, why) in UNMAPPED {
        let _ = writeln!(s, "  {edition}: {:<30} {why}", items.join(", "));
    }
    emit(&s)
}

#[derive(Serialize)]
struct PortalView<'a> {
    kind: &'static str,
    item: &'a str,
    question: &'a str,
    text: &'a str,
    links: Vec<&'a str>,
}

fn portals(r: &Response, json: bool) -> Result<()> {
    let rows: Vec<PortalView> = topics::portals(r)
        .into_iter()
        .map(|(kind, item)| PortalView {
            kind: kind.as_str(),
            item: &item.id,
            question: &item.question,
            text: &item.answer,
            links: item.links.iter().map(|l| l.text.as_str()).collect(),
        })
        .collect();
    if json {
        return emit_json(&rows);
    }
    let mut s = format!("{} ({}) · {} · portals\n", r.country, r.iso3, r.edition);
    if rows.is_empty() {
        // Not an error: the document asks no portal questions, as `cio` says of a CIO block
        // an edition does not ask for. The exit code is the same with --json.
        let _ = writeln!(
            s,
            "  not asked: this {} asks no portal questions",
            r.kind.as_str()
        );
        return emit(&s);
    }
    for p in &rows {
        let links = if p.links.is_empty() {
            if p.text.is_empty() {
                "no answer given".to_string()
            } else {
                "no links".to_string()
            }
        } else {
            p.links.join("  ")
        };
        let _ = writeln!(s, "\n{:<16} {:<4} {links}", p.kind, p.item);
        if !p.text.is_empty() {
            let _ = writeln!(s, "{:21} {}", "", indent(p.text, 22));
        }
    }
    emit(&s)
}

/// How a table command prints: aligned text, JSON or CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Text,
    Json,
    Csv,
}

impl Output {
    fn pick(json: bool, csv: bool) -> Output {
        match (json, csv) {
            (true, _) => Output::Json,
            (_, true) => Output::Csv,
            _ => Output::Text,
        }
    }
}

fn egdi_normalise(dir: &std::path::Path, out: &std::path::Path) -> Result<()> {
    let figures = egdi::build(dir)?;
    index::write_atomic(out, egdi::to_json(&figures).as_bytes())
        .with_context(|| format!("{}: cannot write the figures", out.display()))?;
    let years: Vec<String> = figures.years().iter().map(u16::to_string).collect();
    emit(&format!(
        "wrote EGDI figures for {} to {}\n",
        years.join(", "),
        out.display()
    ))
}

/// A figure as published: five decimals, or "—" when the source has none.
fn figure_text(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.5}"))
}

/// Places gained as an arrow: "▲6", "▼3", "=" for none, "—" with nothing to compare.
fn change_text(change: Option<i64>) -> String {
    match change {
        Some(0) => "=".into(),
        Some(n) if n > 0 => format!("▲{n}"),
        Some(n) => format!("▼{}", -n),
        None => "—".into(),
    }
}

fn opt_text<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// A state's figures in one edition as `--json` reports them.
#[derive(Serialize)]
struct FiguresView {
    /// The rank and the five figures, as published.
    #[serde(flatten)]
    scores: Scores,
    /// Places gained since `compared_with`: positive is up.
    rank_change: Option<i64>,
    compared_with: Option<u16>,
}

impl FiguresView {
    fn new(figures: &Egdi, iso3: &str, year: u16, s: &Scores) -> FiguresView {
        let change = figures.rank_change(iso3, year);
        FiguresView {
            scores: s.clone(),
            rank_change: change.map(|c| c.1),
            compared_with: change.map(|c| c.0),
        }
    }
}

#[derive(Serialize)]
struct EditionView {
    edition: u16,
    /// Whether the UN figures of this edition are held; 2020 is not.
    published: bool,
    /// Null when the edition has no figures, or none for this state.
    figures: Option<FiguresView>,
}

#[derive(Serialize)]
struct CountryFigures {
    country: &'static str,
    iso3: &'static str,
    alpha2: &'static str,
    region: Option<String>,
    subregion: Option<String>,
    source: &'static str,
    editions: Vec<EditionView>,
}

fn egdi_country(figures: &Egdi, query: &str, output: Output) -> Result<()> {
    let c = egdi::member_state(query)?;
    let place = figures.place(c.iso3);
    let editions: Vec<EditionView> = figures
        .survey_years()
        .into_iter()
        .map(|year| {
            let edition = figures.edition(year);
            EditionView {
                edition: year,
                published: edition.is_some(),
                figures: edition
                    .and_then(|e| e.states.get(c.iso3))
                    .map(|s| FiguresView::new(figures, c.iso3, year, s)),
            }
        })
        .collect();
    let view = CountryFigures {
        country: c.name,
        iso3: c.iso3,
        alpha2: c.alpha2(),
        region: place.map(|p| p.region.clone()),
        subregion: place.map(|p| p.subregion.clone()),
        source: egdi::CREDIT,
        editions,
    };
    match output {
        Output::Json => emit_json(&view),
        Output::Csv => {
            let mut out = String::new();
            let mut header: Vec<String> = [
                "iso3",
                "country",
                "edition",
                "rank",
                "rank_change",
                "compared_with",
            ]
            .map(String::from)
            .to_vec();
            header.extend(Figure::ALL.iter().map(|f| f.short().to_lowercase()));
            crate::compare::csv_row(&mut out, &header);
            for e in &view.editions {
                let f = e.figures.as_ref();
                let mut row = vec![
                    view.iso3.to_string(),
                    view.country.to_string(),
                    e.edition.to_string(),
                    opt_text(f.and_then(|f| f.scores.rank)),
                    opt_text(f.and_then(|f| f.rank_change)),
                    opt_text(f.and_then(|f| f.compared_with)),
                ];
                row.extend(Figure::ALL.iter().map(|&x| {
                    opt_text(f.and_then(|f| f.scores.get(x)).map(|v| format!("{v:.5}")))
                }));
                crate::compare::csv_row(&mut out, &row);
            }
            emit_exported(&out)
        }
        Output::Text => {
            let mut s = format!("{} ({}, {})", view.country, view.iso3, view.alpha2);
            if let (Some(r), Some(sub)) = (&view.region, &view.subregion) {
                let _ = write!(s, " · {r} / {sub}");
            }
            let _ = writeln!(s, "\n");
            let _ = write!(s, "EDITION  RANK  CHANGE");
            for f in Figure::ALL {
                let _ = write!(s, "  {:<7}", f.short());
            }
            s = s.trim_end().to_string();
            s.push('\n');
            let mut gaps: Vec<u16> = Vec::new();
            for e in &view.editions {
                let line = match &e.figures {
                    Some(f) => {
                        let mut line = format!(
                            "{:<7}  {:>4}  {:<6}",
                            e.edition,
                            f.scores.rank.map_or("—".to_string(), |r| r.to_string()),
                            change_text(f.rank_change)
                        );
                        for x in Figure::ALL {
                            let _ = write!(line, "  {:<7}", figure_text(f.scores.get(x)));
                        }
                        line
                    }
                    None if e.published => format!("{:<7}  not in this edition", e.edition),
                    None => {
                        gaps.push(e.edition);
                        format!("{:<7}  no figures published", e.edition)
                    }
                };
                let _ = writeln!(s, "{}", line.trim_end());
            }
            let _ = writeln!(
                s,
                "\nCHANGE: places gained since the edition before with figures{}.",
                match gaps.as_slice() {
                    [] => String::new(),
                    g => format!(
                        " (across {}, which has none)",
                        g.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
                    ),
                }
            );
            let _ = writeln!(s, "{}, Data Center.", egdi::CREDIT);
            emit(&s)
        }
    }
}

/// The part of the world a ranking keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Area {
    Region(String),
    Subregion(String),
}

/// The region or sub-region a query names: any case, or a unique prefix.
fn pick_area(query: &str, names: &[&str], what: &str) -> Result<String> {
    let q = crate::ingest::scan::fold(query);
    if let Some(exact) = names.iter().find(|n| crate::ingest::scan::fold(n) == q) {
        return Ok((*exact).to_string());
    }
    let prefixed: Vec<&str> = names
        .iter()
        .filter(|n| !q.is_empty() && crate::ingest::scan::fold(n).starts_with(&q))
        .copied()
        .collect();
    match prefixed.as_slice() {
        [one] => Ok((*one).to_string()),
        [] => bail!("no {what} {query:?}; {what}s: {}", names.join(", ")),
        many => bail!(
            "{query:?} matches several {what}s: {}; type more of the name",
            many.join(", ")
        ),
    }
}

#[derive(Serialize)]
struct RankRow {
    /// Position by the figure ranked by (states with the same value share one).
    position: Option<usize>,
    rank_change: Option<i64>,
    iso3: &'static str,
    country: &'static str,
    region: Option<String>,
    subregion: Option<String>,
    /// The official EGDI rank and the five figures.
    #[serde(flatten)]
    scores: Scores,
}

#[derive(Serialize)]
struct RankView {
    edition: u16,
    by: Figure,
    /// The edition rank changes are counted from.
    compared_with: Option<u16>,
    region: Option<String>,
    subregion: Option<String>,
    source: &'static str,
    rows: Vec<RankRow>,
}

fn rank(
    figures: &Egdi,
    edition: Option<u16>,
    by: Figure,
    area: Option<&Area>,
    top: Option<usize>,
    output: Output,
) -> Result<()> {
    let years = figures.years();
    let year = match edition {
        Some(y) => y,
        None => *years.last().context("no EGDI figures at all")?,
    };
    if figures.edition(year).is_none() {
        return Err(figures.no_figures(year).into());
    }
    let ranking = figures.ranking(year, by);
    let mut rows: Vec<RankRow> = Vec::new();
    for (i, &(iso3, s)) in ranking.iter().enumerate() {
        let value = s.get(by);
        // Competition ranking: one more than the states with a better value.
        let position = value.map(|v| {
            ranking[..i]
                .iter()
                .take_while(|(_, o)| o.get(by).is_some_and(|o| o > v))
                .count()
                + 1
        });
        let place = figures.place(iso3);
        let keep = match area {
            None => true,
            Some(Area::Region(r)) => place.is_some_and(|p| &p.region == r),
            Some(Area::Subregion(r)) => place.is_some_and(|p| &p.subregion == r),
        };
        if !keep {
            continue;
        }
        let country = crate::countries::by_iso3(iso3).map_or("", |c| c.name);
        let iso3 = crate::countries::by_iso3(iso3).map_or("", |c| c.iso3);
        rows.push(RankRow {
            position,
            rank_change: figures.rank_change(iso3, year).map(|c| c.1),
            iso3,
            country,
            region: place.map(|p| p.region.clone()),
            subregion: place.map(|p| p.subregion.clone()),
            scores: s.clone(),
        });
    }
    if let Some(n) = top {
        rows.truncate(n);
    }
    let view = RankView {
        edition: year,
        by,
        compared_with: figures.previous_year(year),
        region: match area {
            Some(Area::Region(r)) => Some(r.clone()),
            _ => None,
        },
        subregion: match area {
            Some(Area::Subregion(r)) => Some(r.clone()),
            _ => None,
        },
        source: egdi::CREDIT,
        rows,
    };
    let value = |r: &RankRow, f: Figure| r.scores.get(f);
    match output {
        Output::Json => emit_json(&view),
        Output::Csv => {
            let mut out = String::new();
            let mut header: Vec<String> = [
                "position",
                "rank",
                "rank_change",
                "iso3",
                "country",
                "region",
                "subregion",
            ]
            .map(String::from)
            .to_vec();
            header.extend(Figure::ALL.iter().map(|f| f.short().to_lowercase()));
            crate::compare::csv_row(&mut out, &header);
            for r in &view.rows {
                let mut row = vec![
                    opt_text(r.position),
                    opt_text(r.scores.rank),
                    opt_text(r.rank_change),
                    r.iso3.to_string(),
                    r.country.to_string(),
                    r.region.clone().unwrap_or_default(),
                    r.subregion.clone().unwrap_or_default(),
                ];
                row.extend(
                    Figure::ALL
                        .iter()
                        .map(|&f| opt_text(value(r, f).map(|v| format!("{v:.5}")))),
                );
                crate::compare::csv_row(&mut out, &row);
            }
            emit_exported(&out)
        }
        Output::Text => {
            let mut s = format!("EGDI {year}");
            if by != Figure::Egdi {
                let _ = write!(s, " · by {} ({})", by.short(), by.name());
            }
            if let Some(r) = view.region.as_ref().or(view.subregion.as_ref()) {
                let _ = write!(s, " · {r}");
            }
            let _ = writeln!(s, "\n");
            let cw = view
                .rows
                .iter()
                .map(|r| r.country.chars().count())
                .max()
                .unwrap_or(7)
                .max(7);
            let rw = view
                .rows
                .iter()
                .filter_map(|r| r.region.as_ref().map(|x| x.chars().count()))
                .max()
                .unwrap_or(6)
                .max(6);
            let lead = if by == Figure::Egdi {
                String::new()
            } else {
                format!("{:>5}  ", format!("{} #", by.short()))
            };
            let mut head = format!("{lead}RANK  CHANGE  {:<cw$}  {:<rw$}", "COUNTRY", "REGION");
            for f in Figure::ALL {
                let _ = write!(head, "  {:<7}", f.short());
            }
            let _ = writeln!(s, "{}", head.trim_end());
            for r in &view.rows {
                let mut line = if by == Figure::Egdi {
                    String::new()
                } else {
                    format!("{:>5}  ", r.position.map_or("—".into(), |p| p.to_string()))
                };
                let _ = write!(
                    line,
                    "{:>4}  {:<6}  {:<cw$}  {:<rw$}",
                    r.scores.rank.map_or("—".into(), |p| p.to_string()),
                    change_text(r.rank_change),
                    r.country,
                    r.region.as_deref().unwrap_or("—"),
                );
                for f in Figure::ALL {
                    let _ = write!(line, "  {:<7}", figure_text(value(r, f)));
                }
                let _ = writeln!(s, "{}", line.trim_end());
            }
            if let Some(before) = view.compared_with {
                let _ = writeln!(s, "\nCHANGE: places gained since {before}.");
            }
            let _ = writeln!(s, "{}, Data Center.", egdi::CREDIT);
            emit(&s)
        }
    }
}
