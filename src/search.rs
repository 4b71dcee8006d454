//! The search engine: query parsing, matching, ranking and highlight positions, over every item
//! of every response (question, answer, choices) and the contact blocks that are not items.
//!
//! All searchable text sits in one folded haystack, records joined by NUL: lower-cased, with
//! accents dropped (see [`fold`]), so "tebib" finds "E-Təbib". Folding changes byte lengths, so
//! the few rows shown are folded again with a map back to the original bytes, and highlights
//! fall on the original characters. A search runs in two passes:
//! 1. **exact** ([`Engine::search`]): the longest term drives a memmem scan that jumps to the end
//!    of each record it hits; the other terms are checked inside that record; records are put
//!    in tiers (a match in an answer, an answered item, an unanswered one, a choice whose tick
//!    was lost) and a cheap score picks the best 500; SkimMatcherV2 rescores them on a window
//!    around each term; `fuzzy_indices` runs only for the rows returned. This is what a
//!    keystroke waits for.
//! 2. **typo-tolerant** ([`Engine::refine`]): records sharing at least half of a term's trigrams
//!    are tested with SkimMatcherV2 as subsequences ("cbersecurity" finds "cybersecurity"). It
//!    checks a cancel flag as it goes, so a newer keystroke stops it.

mod firsts;
mod fold;
mod stored;

pub use stored::{ENGINE_VERSION, Text, fingerprint as stored_fingerprint};

use crate::model::{Index, Item, Kind, Response, Selection};
use fold::{fold, fold_map};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use rayon::prelude::*;

/// Scopes a query may carry.
pub const SCOPES: [&str; 4] = ["country", "section", "edition", "topic"];

/// How many candidates the exact pass rescores with SkimMatcherV2.
const RESCORE: usize = 500;
/// Bytes of context on each side of a term for snippets.
const WINDOW: usize = 120;
/// Bytes of context on each side of a term for rescoring: a literal occurrence's skim score
/// depends only on what is right around it.
const RESCORE_WINDOW: usize = 4;
/// The most words a country's name runs to in a query ("democratic republic of the congo").
const NAME_WORDS: usize = 6;

/// A query's terms as prebuilt finders for the first word of each alternative, made once per
/// search, not once per record.
struct Finders {
    /// Per group, one finder per alternative.
    terms: Vec<Vec<memmem::Finder<'static>>>,
    /// Per group, the [`initial_bit`]s of its alternatives' first letters: a record whose answer
    /// starts no word with one of them has no answer word for the group.
    initials: Vec<u64>,
    /// Per group, its alternatives (as indices) in the order an answer is searched for them:
    /// shortest first word first, which is the likeliest found and found early, and settles a
    /// one-letter alternative by the initials before any scan.
    order: Vec<Vec<usize>>,
    /// Per group, whether each alternative is one ASCII letter or digit, case aside: an answer
    /// has a word for the group when its initials hold one of them. Worked out once here, not
    /// for each of the records a one-letter query finds.
    letters: Vec<bool>,
    excludes: Vec<(Term, memmem::Finder<'static>)>,
}

impl Finders {
    fn new(q: &Query) -> Finders {
        Finders {
            terms: q
                .terms
                .iter()
                .map(|g| g.alternatives().map(Term::first_finder).collect())
                .collect(),
            initials: q
                .terms
                .iter()
                .map(|g| {
                    g.alternatives()
                        .filter_map(|t| t.words.first()?.as_bytes().first().copied())
                        .fold(0, |bits, b| bits | initial_bit(b))
                })
                .collect(),
            order: q
                .terms
                .iter()
                .map(|g| {
                    let mut order: Vec<usize> = (0..=g.or.len()).collect();
                    order.sort_by_key(|&i| g.alternative(i).words[0].len());
                    order
                })
                .collect(),
            letters: q
                .terms
                .iter()
                .map(|g| g.alternatives().all(|t| one_letter(t) && !t.case_sensitive))
                .collect(),
            excludes: q
                .excludes
                .iter()
                .map(|t| (t.clone(), t.first_finder()))
                .collect(),
        }
    }

    /// A record holds an excluded term, with its case where it has a capital (smart case).
    fn excluded(&self, engine: &Engine, index: &Index, rec: &Record, lower: &str) -> bool {
        self.excludes
            .iter()
            .any(|(t, f)| find_alt(engine, index, rec, lower, t, f, 0).is_some())
    }
}

/// What the scan that drives the exact pass looks for: the longest word of each alternative of
/// the driving group, found by one scan (one needle, or several in a packed searcher) or by
/// several merged per record.
struct Needles<'e>(Vec<Scan<'e>>);

/// One scan for needles.
enum Scan<'e> {
    Memmem(memmem::Finder<'static>),
    /// Several, shortest first, in one packed (SIMD) searcher: one pass over the haystack
    /// where a scan per needle made one each. Its leftmost-first match in a record is the
    /// earliest start of any needle and, of those starting there, the shortest (added first).
    Packed(aho_corasick::packed::Searcher),
    /// One ASCII letter or digit (its class), whose first place in each record is in
    /// [`firsts::Firsts`]: no haystack is read.
    Letter(&'e firsts::Firsts, usize),
}

impl<'e> Scan<'e> {
    fn memmem(needle: &str) -> Scan<'e> {
        Scan::Memmem(memmem::Finder::new(needle.as_bytes()).into_owned())
    }
}

impl<'e> Needles<'e> {
    /// `packed`: put the needles in one packed searcher where one can be built (not for too
    /// many, or on a CPU without the instructions), except a one-byte needle that `common`
    /// does not call common. A packed searcher holding a one-byte needle stops at every byte
    /// that begins any of its needles: worth it when most records hold the one-byte needle,
    /// since their scan then ends within a few bytes ("blockchain | a"), not when few do
    /// ("cloud | 5"), which keeps its own scan. With `firsts`, a needle of one letter or digit
    /// that has a scan of its own (or is the only one) reads its first places there.
    fn new<'a>(
        needles: impl Iterator<Item = &'a str>,
        packed: bool,
        common: impl Fn(&str) -> bool,
        firsts: Option<&'e firsts::Firsts>,
    ) -> Needles<'e> {
        let (own, mut long): (Vec<&str>, Vec<&str>) =
            needles.partition(|n| n.is_empty() || (n.len() == 1 && !common(n)));
        long.sort_by_key(|n| n.len());
        let alone = |n: &str| -> Scan<'e> {
            let letter = firsts.zip(n.bytes().next().and_then(firsts::class));
            match letter {
                Some((firsts, c)) if n.len() == 1 => Scan::Letter(firsts, c),
                _ => Scan::memmem(n),
            }
        };
        let mut scans: Vec<Scan> = own.into_iter().map(alone).collect();
        let searcher = (packed && long.len() > 1)
            .then(|| {
                aho_corasick::packed::Config::new()
                    .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(&long)
                    .build()
            })
            .flatten();
        match searcher {
            Some(s) => scans.push(Scan::Packed(s)),
            None if long.len() == 1 => scans.extend(long.into_iter().map(alone)),
            None => scans.extend(long.into_iter().map(Scan::memmem)),
        }
        Needles(scans)
    }
}

/// One word, phrase or `a | b` group of a query. A group is its first alternative, with the
/// others in `or`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// As typed, without its marks; a phrase's words joined by one space.
    pub text: String,
    /// `text` lower-cased and folded (accents dropped), for matching.
    pub lower: String,
    /// `'word`: an exact substring, never a typo-tolerant match.
    pub exact: bool,
    /// Smart case: a term with a capital letter matches case exactly.
    pub case_sensitive: bool,
    /// `"two words"`: the words adjacent and in order, any whitespace between them.
    pub phrase: bool,
    /// The other alternatives of `a | b`; any one of them may match instead.
    pub or: Vec<Term>,
    /// The folded words, lower-cased and as cased.
    words: Vec<String>,
    cased_words: Vec<String>,
    /// The ASCII capitals of `cased_words`, as [`fold::capitals`] gives them.
    capitals: u32,
}

impl Term {
    fn new(text: &str, exact: bool, phrase: bool) -> Term {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = fold(&text, true);
        let cased = fold(&text, false);
        Term {
            words: lower.split(' ').map(str::to_string).collect(),
            capitals: cased.bytes().fold(0, |b, x| b | fold::capital_bit(x)),
            cased_words: cased.split(' ').map(str::to_string).collect(),
            lower,
            exact,
            case_sensitive: text.chars().any(char::is_uppercase),
            phrase,
            or: Vec::new(),
            text,
        }
    }

    /// This term and its alternatives.
    pub fn alternatives(&self) -> impl Iterator<Item = &Term> {
        std::iter::once(self).chain(&self.or)
    }

    /// Alternative `i` of [`Term::alternatives`].
    fn alternative(&self, i: usize) -> &Term {
        if i == 0 { self } else { &self.or[i - 1] }
    }

    /// May match with a typo: one plain word, not exact, not cased (smart case holds in the
    /// typo pass too), and long enough for a subsequence to mean something. Any other term,
    /// phrase or group must occur as written.
    pub fn loose(&self) -> bool {
        !self.exact
            && !self.case_sensitive
            && !self.phrase
            && self.or.is_empty()
            && self.lower.chars().count() >= 4
    }

    fn first_finder(&self) -> memmem::Finder<'static> {
        memmem::Finder::new(self.words[0].as_bytes()).into_owned()
    }

    /// The longest word, which a scan of the haystack looks for.
    fn needle(&self) -> &str {
        self.words
            .iter()
            .max_by_key(|w| w.len())
            .map_or("", String::as_str)
    }

    /// The words run together, for scoring a phrase as one subsequence.
    fn compact(&self) -> String {
        self.words.concat()
    }

    /// Whether a record this term matches in the exact pass is always one `other` matches: its
    /// folded words hold `other`'s, and where `other` has a capital (smart case), this term has
    /// its case too and holds its cased words.
    fn implies(&self, other: &Term) -> bool {
        words_imply(&self.words, &other.words)
            && (!other.case_sensitive
                || (self.case_sensitive
                    && other.capitals & !self.capitals == 0
                    && words_imply(&self.cased_words, &other.cased_words)))
    }
}

/// The first match at or after `from` of `words`, adjacent and in order with whitespace
/// between them, whose first word `first` finds: its byte range.
fn find_words(
    hay: &str,
    words: &[String],
    first: &memmem::Finder,
    from: usize,
) -> Option<(usize, usize)> {
    let bytes = hay.as_bytes();
    let mut at = from;
    while at <= bytes.len() {
        let start = at + first.find(&bytes[at..])?;
        let mut end = start + first.needle().len();
        let mut whole = true;
        for w in words.iter().skip(1) {
            let rest = &hay[end..];
            let gap = rest.len() - rest.trim_start().len();
            if gap == 0 || !rest[gap..].starts_with(w.as_str()) {
                whole = false;
                break;
            }
            end += gap + w.len();
        }
        if whole {
            return Some((start, end));
        }
        at = start + 1;
    }
    None
}

/// Every match of `words` in `hay`, one after another.
fn find_all_words(hay: &str, words: &[String]) -> Vec<(usize, usize)> {
    let Some(w) = words.first().filter(|w| !w.is_empty()) else {
        return Vec::new();
    };
    let first = memmem::Finder::new(w.as_bytes());
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((a, b)) = find_words(hay, words, &first, at) {
        out.push((a, b));
        at = b.max(a + 1);
    }
    out
}

/// A parsed query: groups of terms that must all match, terms that must not, scopes, what was
/// wrong with it, and notes on how it was read. A malformed part is reported in `problems`
/// and left out; the rest still runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
    pub excludes: Vec<Term>,
    pub countries: Vec<String>,
    pub sections: Vec<String>,
    pub editions: Vec<u16>,
    pub topics: Vec<String>,
    pub problems: Vec<String>,
    /// How a part was read that the user may not expect, e.g. a country's name taken as
    /// `country:`. Not a problem: the query ran as it says.
    pub notes: Vec<String>,
}

impl Query {
    /// The query with every group marked only as written: for a record the exact pass found,
    /// which holds them all so.
    pub fn as_written(&self) -> Query {
        let mut q = self.clone();
        q.terms.iter_mut().for_each(|g| g.exact = true);
        q
    }

    /// The query for marking one record's parts: a group the record holds as written is
    /// marked only where it is written, never by the typo-tolerant fallback, which would mark
    /// scattered letters of a part that lacks the word when another part has it.
    pub fn marking(&self, record: &str) -> Query {
        let mut q = self.clone();
        for g in &mut q.terms {
            if g.loose() && !highlight_exact(g, record) {
                continue;
            }
            g.exact = true;
        }
        q
    }
}

/// Whether a group occurs as written (case aside unless it has a capital) in `text`.
fn highlight_exact(g: &Term, text: &str) -> bool {
    let lower = fold(text, true);
    let cased = g
        .alternatives()
        .any(|t| t.case_sensitive)
        .then(|| fold(text, false));
    g.alternatives().any(|t| {
        let (hay, words) = match (&cased, t.case_sensitive) {
            (Some(c), true) => (c.as_str(), &t.cased_words),
            _ => (lower.as_str(), &t.words),
        };
        !find_all_words(hay, words).is_empty()
    })
}

/// A piece of a query line: a word or quoted phrase with its marks, or a `|`.
enum Token {
    Bar,
    Word {
        text: String,
        /// The closing quote is missing.
        open_quote: bool,
    },
}

/// Splits a query line on whitespace, except inside double quotes, and on `|` outside them.
fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let flush = |word: &mut String, quoted: bool, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token::Word {
                text: std::mem::take(word),
                open_quote: quoted,
            });
        }
    };
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                word.push(c);
            }
            '|' if !quoted => {
                flush(&mut word, false, &mut out);
                out.push(Token::Bar);
            }
            c if c.is_whitespace() && !quoted => flush(&mut word, false, &mut out),
            c => word.push(c),
        }
    }
    flush(&mut word, quoted, &mut out);
    out
}

/// A word's body: a quoted phrase's text without its quotes, or the word itself.
fn unquote(s: &str) -> (&str, bool) {
    match s.strip_prefix('"') {
        Some(rest) => (rest.strip_suffix('"').unwrap_or(rest), true),
        None => (s, false),
    }
}

/// A member state that `words` (one word or a run of them) names: a name or an alias in any
/// case, or an ISO code or a short alias ("UK", "USA") written in capitals, since "and",
/// "can" or "us" are words first.
/// An alpha-2 code in capitals counts too ("MN"), unless it is also a word or an acronym that
/// e-government text writes in capitals ("IT", "ID", "CA" for a certificate authority).
fn country_named(words: &str) -> Option<&'static crate::countries::Country> {
    let letters: Vec<char> = words.chars().filter(|c| c.is_alphanumeric()).collect();
    let capitals = letters.iter().all(|c| c.is_uppercase());
    if letters.len() == 2 && words.len() == 2 {
        if !capitals || ALPHA2_WORDS.contains(&words) {
            return None;
        }
        return crate::countries::by_alpha2(words).or_else(|| crate::countries::lookup(words));
    }
    let c = crate::countries::lookup(words)?;
    (letters.len() > 3 || capitals).then_some(c)
}

/// Alpha-2 codes that, in capitals, mean something else first.
const ALPHA2_WORDS: [&str; 18] = [
    "AM", "AT", "BE", "CA", "DO", "ID", "IN", "IS", "IT", "ME", "MY", "NA", "NO", "PA", "PK", "SO",
    "TO", "TV",
];

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut q = Query::default();
        // Positive terms in order, with whether they are plain words that may name a country,
        // and which token they came from, to tell which are adjacent.
        let mut plain: Vec<(bool, usize)> = Vec::new();
        // A `|` waiting for the word after it, and the token index of the last positive term.
        let mut bar = false;
        let mut bar_problem = false;
        let mut last_term: Option<usize> = None;
        for (k, token) in tokens(text).into_iter().enumerate() {
            let (token, open_quote) = match token {
                Token::Bar => {
                    if bar || last_term != k.checked_sub(1) {
                        bar_problem = true;
                    }
                    bar = true;
                    continue;
                }
                Token::Word { text, open_quote } => (text, open_quote),
            };
            let joins = std::mem::take(&mut bar);
            if open_quote {
                q.problems.push(format!(
                    "{token}: the closing quote is missing; searched as a phrase anyway"
                ));
            }
            if let Some(rest) = token.strip_prefix('!') {
                if joins {
                    bar_problem = true;
                }
                if let Some((scope, _)) = rest.split_once(':')
                    && SCOPES.contains(&scope.to_ascii_lowercase().as_str())
                {
                    q.problems.push(format!(
                        "\"{token}\": a scope cannot be left out; name the ones to keep"
                    ));
                    continue;
                }
                let (word, exact) = match rest.strip_prefix('\'') {
                    Some(w) => (w, true),
                    None => (rest, false),
                };
                let (word, quoted) = unquote(word);
                if word.trim().is_empty() {
                    q.problems
                        .push("\"!\" needs a word after it: !covid".into());
                } else {
                    q.excludes.push(Term::new(word, exact, quoted));
                }
                continue;
            }
            let (body, exact) = match token.strip_prefix('\'') {
                Some(w) => (w, true),
                None => (token.as_str(), false),
            };
            let (word, quoted) = unquote(body);
            if exact && word.trim().is_empty() {
                q.problems
                    .push("\"'\" needs a word after it: 'opendata".into());
                continue;
            }
            if quoted && word.trim().is_empty() {
                q.problems
                    .push("\"\" needs words inside: \"open data\"".into());
                continue;
            }
            if !exact
                && !quoted
                && let Some((scope, value)) = token.split_once(':')
                && !scope.is_empty()
                && scope.chars().all(|c| c.is_ascii_alphabetic())
                && !value.starts_with("//")
            {
                let scope_lower = scope.to_ascii_lowercase();
                let value = unquote(value).0.trim();
                if !SCOPES.contains(&scope_lower.as_str()) {
                    if value.chars().next().is_some_and(char::is_alphanumeric) {
                        q.problems.push(format!(
                            "unknown scope \"{scope}:\"; scopes are country:, section:, edition:, topic:"
                        ));
                        continue;
                    }
                } else if value.is_empty() {
                    q.problems.push(format!(
                        "\"{scope_lower}:\" needs a value: {}",
                        scope_example(&scope_lower)
                    ));
                    continue;
                } else {
                    if joins {
                        bar_problem = true;
                    }
                    match scope_lower.as_str() {
                        "country" => q.countries.push(value.to_lowercase()),
                        "section" => q.sections.push(value.to_lowercase()),
                        "topic" => q.topics.push(value.to_lowercase()),
                        _ => match value.parse::<u16>() {
                            Ok(y) => q.editions.push(y),
                            Err(_) => q
                                .problems
                                .push(format!("edition: needs a year, not \"{value}\"")),
                        },
                    }
                    continue;
                }
            }
            let term = Term::new(word, exact, quoted);
            match q.terms.last_mut() {
                Some(group) if joins && last_term.is_some() && last_term == k.checked_sub(2) => {
                    group.or.push(term);
                    if let Some(p) = plain.last_mut() {
                        p.0 = false;
                    }
                }
                _ => {
                    if joins {
                        bar_problem = true;
                    }
                    plain.push((!exact && !quoted, k));
                    q.terms.push(term);
                }
            }
            last_term = Some(k);
        }
        if bar || bar_problem {
            q.problems
                .push("\"|\" needs a word on each side: covid | pandemic".into());
        }
        q.take_countries(&plain);
        q
    }

    /// Takes plain words that name a member state, alone or as a run of adjacent words
    /// ("viet nam"), as `country:` for it, longest run first, and notes each.
    fn take_countries(&mut self, plain: &[(bool, usize)]) {
        let mut keep = vec![true; self.terms.len()];
        let mut i = 0;
        while i < self.terms.len() {
            let mut taken = 0;
            for n in (1..=NAME_WORDS.min(self.terms.len() - i)).rev() {
                let run = &plain[i..i + n];
                let adjacent = run.windows(2).all(|w| w[1].1 == w[0].1 + 1);
                if !adjacent || !run.iter().all(|p| p.0) {
                    continue;
                }
                let words: Vec<&str> = self.terms[i..i + n]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect();
                let words = words.join(" ");
                if let Some(c) = country_named(&words) {
                    let code = c.iso3.to_lowercase();
                    self.notes.push(format!(
                        "{words}: taken as country:{code}; quote it to search the {}",
                        if n > 1 { "words" } else { "word" }
                    ));
                    if !self.countries.contains(&code) {
                        self.countries.push(code);
                    }
                    taken = n;
                    break;
                }
            }
            if taken > 0 {
                keep[i..i + taken].iter_mut().for_each(|k| *k = false);
                i += taken;
            } else {
                i += 1;
            }
        }
        let mut k = keep.into_iter();
        self.terms.retain(|_| k.next().unwrap_or(true));
    }

    /// True when the query asks for nothing: no terms, no scopes, no exclusions.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
            && self.excludes.is_empty()
            && self.countries.is_empty()
            && self.sections.is_empty()
            && self.editions.is_empty()
            && self.topics.is_empty()
    }
}

fn scope_example(scope: &str) -> &'static str {
    match scope {
        "country" => "country:az",
        "section" => "section:C",
        "edition" => "edition:2020",
        _ => "topic:portal",
    }
}

/// Lower-cases each character whose lower case has the same UTF-8 length, and keeps the others,
/// so that byte offsets carry over between the text and its lower-cased copy.
pub fn lower_keep_len(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// What a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Source {
    /// Item `item` (in document order) of the response.
    Item { section: u32, item: u32 },
    /// The respondent's or presenter's contact block.
    Respondent,
    /// The CIO's contact block.
    Cio,
}

/// Which part of a record a hit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Question,
    Answer,
    Options,
    Contact,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Record {
    response: u32,
    source: Source,
    /// Byte range in the haystack.
    start: usize,
    end: usize,
    /// Where the question ends and the answer ends, as offsets into the record's folded text.
    question_end: usize,
    answer_end: usize,
    /// What the record holds, for ranking: see [`Standing`].
    standing: Standing,
    /// The first letters of the answer's words, as [`initial_bit`] gives them: a term whose
    /// first letter is not among them starts no word of the answer.
    initials: u64,
    /// The ASCII capitals of the record's text folded with its case kept, as
    /// [`fold::capitals`] gives them: a cased term with a capital not among them is in none of
    /// the record's strings as written, which spares reading them.
    capitals: u32,
    /// The topics of the record's item, a bit per entry of [`crate::topics::TOPICS`]: worked
    /// out once here, so a `topic:` scope costs a mask test per record.
    topics: u128,
}

/// What a record holds, as ranking sees it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
enum Standing {
    /// An answered item, or a contact block.
    Answered = 1,
    Unanswered = 2,
    /// Options, none shown ticked, nothing typed: the source lost the tick.
    TickLost = 3,
}

impl Standing {
    fn of(item: &Item) -> Standing {
        if item.is_answered() {
            Standing::Answered
        } else if !item.options.is_empty()
            && item
                .options
                .iter()
                .all(|o| o.selection == Selection::NotRecorded)
        {
            Standing::TickLost
        } else {
            Standing::Unanswered
        }
    }

    /// The tier of a record with this standing: a match in answer text is tier 0.
    fn tier(self, in_answer: bool) -> u8 {
        if in_answer { 0 } else { self as u8 }
    }
}

/// The searchable text of an index, built once.
#[derive(Debug)]
pub struct Engine {
    haystack: stored::Text,
    records: Vec<Record>,
    /// Each response's place among the index's in the order [`sort_hits`] lists hits of equal
    /// score: by country, edition and kind (equal ones share a place). Ranking the exact pass's
    /// hits then compares two numbers where it would compare country names.
    places: Vec<u32>,
    /// For each section of each response, which of the index's distinct sections (by id,
    /// label and title) it is: a `section:` scope is matched once per distinct section, not
    /// once per response's, reading strings spread over the whole index for every keystroke.
    section_kinds: Vec<Vec<u32>>,
    /// A response and section of each distinct section, to match a scope against.
    kinds: Vec<(u32, u32)>,
    /// Each record's end in the haystack, apart from the rest of [`Record`]: a scan walks
    /// these from match to match, and packed they stay in cache where the records would not.
    ends: Vec<usize>,
    /// The last search's records, when it matched few: see [`Narrowed`].
    last: std::sync::Mutex<Option<Narrowed>>,
    /// Each letter's and digit's first place in each record, once [`Engine::prepare`] has
    /// built it.
    firsts: std::sync::OnceLock<Option<firsts::Firsts>>,
}

/// See [`Engine::section_kinds`].
fn section_kinds(index: &Index) -> (Vec<Vec<u32>>, Vec<(u32, u32)>) {
    let mut seen: std::collections::HashMap<(&str, &str, &str), u32> = Default::default();
    let mut kinds = Vec::new();
    let of = index
        .responses
        .iter()
        .enumerate()
        .map(|(r, resp)| {
            resp.sections
                .iter()
                .enumerate()
                .map(|(s, sec)| {
                    let key = (sec.id.as_str(), sec.label.as_str(), sec.title.as_str());
                    *seen.entry(key).or_insert_with(|| {
                        kinds.push((r as u32, s as u32));
                        kinds.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    (of, kinds)
}

/// See [`Engine::places`].
fn places(index: &Index) -> Vec<u32> {
    let key = |r: usize| {
        let r = &index.responses[r];
        (r.country.as_str(), r.edition, r.kind)
    };
    let mut by: Vec<usize> = (0..index.responses.len()).collect();
    by.sort_by_key(|&r| key(r));
    let mut places = vec![0; by.len()];
    let mut place = 0;
    for (k, &r) in by.iter().enumerate() {
        if k > 0 && key(by[k - 1]) != key(r) {
            place += 1;
        }
        places[r] = place;
    }
    places
}

/// The text of an item as the engine searches it: its headings and question, answer, then each
/// option (with any typed value), one per line. The headings count as question text: they say
/// what the item is about ("Contact information of national Chief Information Officer").
pub fn item_text(item: &Item) -> (String, usize, usize) {
    let mut s = String::with_capacity(item.question.len() + item.answer.len() + 16);
    for h in &item.headings {
        s.push_str(h);
        s.push('\n');
    }
    s.push_str(&item.question);
    let question_end = s.len();
    s.push('\n');
    s.push_str(&item.answer);
    let answer_end = s.len();
    for o in &item.options {
        s.push('\n');
        s.push_str(&o.label);
        if let Some(t) = &o.typed {
            s.push_str(": ");
            s.push_str(t);
        }
    }
    (s, question_end, answer_end)
}

fn contact_text(label: &str, c: &crate::model::Contact) -> String {
    let fields: Vec<&str> = c.fields().iter().filter_map(|(_, v)| *v).collect();
    format!("{label}: {}", fields.join(" · "))
}

/// The records of one response, in document order.
fn response_records(r: &Response) -> Vec<Source> {
    let mut out = Vec::new();
    for (s, section) in r.sections.iter().enumerate() {
        for i in 0..section.items.len() {
            out.push(Source::Item {
                section: s as u32,
                item: i as u32,
            });
        }
    }
    // Contact blocks that are not items already (the web form's are items 2-5 and 15-18).
    if !r.contacts_are_items {
        let provided =
            |c: &Option<crate::model::Contact>| c.as_ref().is_some_and(|c| c.is_provided());
        if provided(&r.respondent) {
            out.push(Source::Respondent);
        }
        if provided(&r.cio) {
            out.push(Source::Cio);
        }
    }
    out
}

/// A record's searchable text, with where its question and its answer end.
fn record_text(r: &Response, source: Source) -> (String, usize, usize) {
    let contact = |who: &str, c: &Option<crate::model::Contact>| {
        let t = c.as_ref().map(|c| contact_text(who, c)).unwrap_or_default();
        let n = t.len();
        (t, n, n)
    };
    match source {
        Source::Item { section, item } => {
            item_text(&r.sections[section as usize].items[item as usize])
        }
        Source::Respondent => contact(
            match r.kind {
                Kind::Questionnaire => "Respondent",
                Kind::Presentation => "Presenter",
            },
            &r.respondent,
        ),
        Source::Cio => contact("CIO", &r.cio),
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The engine's record, for asking it about this hit again.
    pub record: usize,
    /// Index of the response in the index.
    pub response: usize,
    pub source: Source,
    pub field: Field,
    pub score: i64,
    /// About 240 bytes of one line around the best match.
    pub snippet: String,
    /// Char indices of the matched characters in `snippet`.
    pub matches: Vec<usize>,
    /// Found by the typo-tolerant pass.
    pub fuzzy: bool,
    /// The ranking tier, best first: 0 a match in answer text (or a contact block), 1 an
    /// answered item matched only in its question or options, 2 an unanswered item, 3 a
    /// choice question whose tick the source lost (options, none recorded, nothing typed).
    pub tier: u8,
}

impl Hit {
    /// Where the hit is: its section id, item id and question (a contact block has no item).
    pub fn place<'a>(&self, index: &'a Index) -> (&'a str, &'a str, &'a str) {
        let r = &index.responses[self.response];
        match self.source {
            Source::Item { section, item } => {
                let sec = &r.sections[section as usize];
                let it = &sec.items[item as usize];
                (sec.id.as_str(), it.id.as_str(), it.question.as_str())
            }
            Source::Respondent => ("", "respondent", "Respondent"),
            Source::Cio => ("", "cio", "CIO"),
        }
    }
}

/// What a search preview shows of a hit: where it is, its whole text, and the byte ranges of
/// every match of the query in that text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub title: String,
    pub text: String,
    pub matches: Vec<std::ops::Range<usize>>,
}

/// The preview of a hit for a query.
pub fn preview(index: &Index, hit: &Hit, query: &Query) -> Preview {
    let r = &index.responses[hit.response];
    let (text, title) = match hit.source {
        Source::Item { section, item } => {
            let it = &r.sections[section as usize].items[item as usize];
            let title = format!("{} · {} · {}", r.country, r.edition, it.display_number());
            (item_text(it).0, title)
        }
        Source::Respondent | Source::Cio => {
            let c = if hit.source == Source::Cio {
                &r.cio
            } else {
                &r.respondent
            };
            let fields: Vec<String> = c
                .as_ref()
                .map(|c| {
                    c.fields()
                        .iter()
                        .filter_map(|(label, v)| v.map(|v| format!("{label}: {v}")))
                        .collect()
                })
                .unwrap_or_default();
            (
                fields.join("\n"),
                format!("{} · {} · {}", r.country, r.edition, hit.place(index).2),
            )
        }
    };
    let matches = highlight_ranges(query, &text);
    Preview {
        title,
        text,
        matches,
    }
}

/// The query syntax, as `msq search --help` and the browser's help both give it.
pub const SYNTAX: &str = "\
Query syntax:
  digital signature   every word must occur, in an answer, its question or its options
  \"open data\"         these words together and in this order, line breaks between them too
  covid | pandemic    either word; each group of words joined by | must match
  'signature          this word as written: never matched allowing a typo
  !covid              leave out the answers that hold the word; also !\"open data\"
  country:mng         only these countries (name, ISO code or prefix); also section:c,
                      edition:2022 and topic:cio
  mongolia portal     a country's name, or its ISO code in capitals (MNG, MN), works as
                      country:; quote it to search the word
  Signature           a capital letter makes the word match case
Accents do not matter: tebib finds E-Təbib, renchinkhumbe finds Renchinkhumbé.
A word of four letters or more is also looked for allowing typos; those hits are marked ~.
Matches in answers come first, then answered items, unanswered ones, and choices whose tick was lost.";

/// The outcome of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// How many records matched in all, of which `hits` are the best.
    pub total: usize,
    pub problems: Vec<String>,
    /// The query's notes on how it was read (see [`Query::notes`]).
    pub notes: Vec<String>,
}

/// A candidate record of a pass.
#[derive(Clone, Copy)]
struct Candidate {
    record: usize,
    score: i64,
    tier: u8,
}

impl Candidate {
    /// The order the exact pass keeps its best in: tier, then cheap score, then record, so
    /// which are kept is the same whatever order they were found in.
    fn best_first(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
        a.tier
            .cmp(&b.tier)
            .then(b.score.cmp(&a.score))
            .then(a.record.cmp(&b.record))
    }
}

/// A candidate in a heap whose top is the worst (by [`Candidate::best_first`]).
struct Ranked(Candidate);

impl PartialEq for Ranked {
    fn eq(&self, other: &Ranked) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Ranked) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Ranked) -> std::cmp::Ordering {
        Candidate::best_first(&self.0, &other.0)
    }
}

/// The best `keep` candidates of those pushed (by [`Candidate::best_first`]), and how many
/// were pushed. A common word makes nearly every record a candidate: they are kept in a heap
/// whose top, once it holds `keep`, is the bar a candidate must beat, so that the bar rises
/// with every candidate kept and few records are weighed in full.
struct Best<'s> {
    keep: usize,
    kept: std::collections::BinaryHeap<Ranked>,
    seen: usize,
    /// Every record pushed, in the order pushed, while there are at most `most` of them: what
    /// the next keystroke, if it narrows this one, searches again (see [`Narrowed`]).
    matched: Option<Vec<u32>>,
    most: usize,
    /// Once `keep` are kept, the worst of them, or a better bar from `shared`: a candidate no
    /// better is never kept, and is turned away without a place in `kept`.
    bar: Option<Candidate>,
    /// The best bar of all the `Best`s of one pass, each keeping the best of the records it is
    /// given: a candidate no better than another's bar has `keep` better than it there.
    /// Splitting work between cores makes a `Best` for each piece, and each would otherwise
    /// weigh its first `keep` in full before it had a bar of its own.
    shared: &'s std::sync::Mutex<Option<Candidate>>,
    /// The bar `shared` held when last looked at, and how many candidates were kept since.
    theirs: Option<Candidate>,
    since: usize,
}

/// How many candidates a [`Best`] keeps between looks at the shared bar.
const SHARE_EVERY: usize = 32;

impl<'s> Best<'s> {
    /// The best `keep`, and the records themselves while there are no more than `most`; its
    /// bar starts as the best `shared` holds.
    fn new(keep: usize, most: usize, shared: &'s std::sync::Mutex<Option<Candidate>>) -> Best<'s> {
        let theirs = shared.lock().ok().and_then(|bar| *bar);
        Best {
            keep,
            kept: std::collections::BinaryHeap::with_capacity(keep.min(1 << 12)),
            seen: 0,
            matched: (most > 0).then(Vec::new),
            most,
            bar: theirs,
            shared,
            theirs,
            since: 0,
        }
    }

    fn push(&mut self, c: Candidate) {
        self.seen += 1;
        if let Some(m) = &mut self.matched {
            if self.seen > self.most {
                self.matched = None;
            } else {
                m.push(c.record as u32);
            }
        }
        self.keep_if_better(c);
    }

    /// Keeps `c` unless it is worse than the bar, in place of the worst kept once `keep` are.
    /// Two candidates are equal only when they are one record: the bar may be another
    /// `Best`'s worst, which that one still holds and gives back in [`Best::merge`].
    fn keep_if_better(&mut self, c: Candidate) {
        if self.keep == 0
            || self
                .bar
                .as_ref()
                .is_some_and(|bar| Candidate::best_first(&c, bar).is_gt())
        {
            return;
        }
        if self.kept.len() < self.keep {
            self.kept.push(Ranked(c));
        } else if let Some(mut worst) = self.kept.peek_mut() {
            // No worse than the bar, which is no worse than the worst kept: better than that
            // (it is another record), so it takes its place.
            *worst = Ranked(c);
        }
        self.since += 1;
        if self.kept.len() >= self.keep && self.since >= SHARE_EVERY.min(self.keep) {
            self.share();
        }
        self.raise();
    }

    /// Publishes this one's bar where it beats the shared one, or takes the shared one.
    fn share(&mut self) {
        self.since = 0;
        let mine = self.kept.peek().map(|worst| worst.0);
        if let (Ok(mut shared), Some(mine)) = (self.shared.lock(), mine) {
            match *shared {
                Some(theirs) if Candidate::best_first(&theirs, &mine).is_lt() => {
                    self.theirs = Some(theirs);
                }
                _ => *shared = Some(mine),
            }
        }
    }

    /// The bar: the better of the worst kept (once `keep` are) and the shared bar last seen.
    fn raise(&mut self) {
        let mine = (self.kept.len() >= self.keep)
            .then(|| self.kept.peek().map(|worst| worst.0))
            .flatten();
        self.bar = match (mine, self.theirs) {
            (Some(a), Some(b)) => Some(std::cmp::min_by(a, b, Candidate::best_first)),
            (a, b) => a.or(b),
        };
    }

    /// Both sets: the best of them, in all.
    fn merge(mut self, other: Best<'s>) -> Best<'s> {
        self.seen += other.seen;
        self.matched = match (self.matched, other.matched) {
            (Some(mut a), Some(b)) if self.seen <= self.most => {
                a.extend(b);
                Some(a)
            }
            _ => None,
        };
        for c in other.kept {
            self.keep_if_better(c.0);
        }
        self
    }

    /// The kept candidates, at most `keep`, in no particular order, how many there were, and
    /// which records they were when there were no more than `most`.
    fn finish(self) -> Found {
        Found {
            kept: self.kept.into_iter().map(|c| c.0).collect(),
            total: self.seen,
            matched: self.matched,
        }
    }
}

/// What the exact pass found: see [`Best::finish`].
struct Found {
    kept: Vec<Candidate>,
    total: usize,
    matched: Option<Vec<u32>>,
}

/// The records the last search matched, when they were few, and what it was: a search that can
/// match only records that one matched (see [`narrows`]) weighs those alone, which as a query is
/// typed a letter at a time is most keystrokes after the first few.
#[derive(Debug)]
struct Narrowed {
    query: Query,
    within: Option<usize>,
    records: std::sync::Arc<Vec<u32>>,
}

/// The most of a range's records a search may match for its records to be kept for the next
/// keystroke, as a share (1 in this many): past it, searching them one by one would cost about
/// what a scan of all does.
const NARROW_SHARE: usize = 4;

/// Whether every record `new` can match is one `old` matches, both searched within the same
/// records: the same scopes, every exclusion of `old` in `new`, and every group of `old`
/// implied by one of `new`'s (see [`Term::implies`]).
fn narrows(new: &Query, old: &Query) -> bool {
    new.countries == old.countries
        && new.sections == old.sections
        && new.editions == old.editions
        && new.topics == old.topics
        && old.excludes.iter().all(|e| new.excludes.contains(e))
        && old.terms.iter().all(|g| {
            new.terms.iter().any(|n| {
                n.alternatives()
                    .all(|a| g.alternatives().any(|b| a.implies(b)))
            })
        })
}

/// Whether every text in which [`find_words`] finds `longer` holds `shorter` there too: the
/// first word (matched anywhere) ends with `shorter`'s, the words between are the same, and the
/// last of `shorter`'s (matched as a prefix, as every word after the first is) begins the word
/// of `longer` in its place. One word is found anywhere, so one containing it is enough.
fn words_imply(longer: &[String], shorter: &[String]) -> bool {
    let n = shorter.len();
    if n == 0 || longer.len() < n {
        return false;
    }
    if n == 1 {
        return longer[0].contains(shorter[0].as_str());
    }
    longer[0].ends_with(shorter[0].as_str())
        && longer[1..n - 1] == shorter[1..n - 1]
        && longer[n - 1].starts_with(shorter[n - 1].as_str())
}

impl Engine {
    pub fn new(index: &Index) -> Engine {
        let mut haystack = String::new();
        let mut records = Vec::new();
        for (ri, r) in index.responses.iter().enumerate() {
            for source in response_records(r) {
                let (text, qe, ae) = record_text(r, source);
                let start = haystack.len();
                // Folding goes character by character, so the parts fold to the whole.
                haystack.push_str(&fold(&text[..qe], true));
                let question_end = haystack.len() - start;
                haystack.push_str(&fold(&text[qe..ae], true));
                let answer_end = haystack.len() - start;
                haystack.push_str(&fold(&text[ae..], true));
                let (topics, standing) = match source {
                    Source::Item { section, item } => {
                        let it = &r.sections[section as usize].items[item as usize];
                        (
                            crate::topics::mask(crate::topics::topics_of(r, &it.id)),
                            Standing::of(it),
                        )
                    }
                    _ => (0, Standing::Answered),
                };
                let answer = &haystack.as_bytes()[start..start + answer_end];
                let initials = (question_end..answer_end)
                    .filter(|&p| starts_word(answer, p))
                    .fold(0u64, |bits, p| bits | initial_bit(answer[p]));
                records.push(Record {
                    response: ri as u32,
                    source,
                    start,
                    end: haystack.len(),
                    question_end,
                    answer_end,
                    standing,
                    initials,
                    capitals: fold::capitals(&text),
                    topics,
                });
                haystack.push('\0');
            }
        }
        Engine::of(index, stored::Text::Built(haystack), records)
    }

    /// The engine of `index` with this haystack and these records, built or stored, and what
    /// is worked out from them and the index.
    fn of(index: &Index, haystack: stored::Text, records: Vec<Record>) -> Engine {
        let (section_kinds, kinds) = section_kinds(index);
        Engine {
            haystack,
            ends: records.iter().map(|r| r.end).collect(),
            records,
            places: places(index),
            section_kinds,
            kinds,
            last: Default::default(),
            firsts: Default::default(),
        }
    }

    /// Builds what lets a search for one letter or digit read 4 bytes a record where it would
    /// read the start of every record's text, unless it is built already. It is built on the
    /// calling thread, not on the pool searches run on, so no search waits for it: until it is
    /// there, a search scans, and finds the same. The browser builds it after its first frame.
    pub fn prepare(&self) {
        self.firsts.get_or_init(|| {
            firsts::Firsts::build(self.haystack.as_bytes(), &self.ends, |r, text, pos| {
                let rec = &self.records[r];
                let cheap = cheap_score(text, pos, 1, rec.question_end);
                // As `exact_candidates` works out the tier of a one-letter term matched first
                // at `pos` (with `answer_word`, which the initials settle for one letter): in
                // the answer if it starts a word of the answer there, or if any word of the
                // answer starts with it.
                let in_answer = !matches!(rec.source, Source::Item { .. })
                    || starts_answer_word(rec, text, pos, pos + 1)
                    || (pos < rec.answer_end && answer_initials(rec, initial_bit(text[pos])));
                (rec.standing.tier(in_answer), cheap)
            })
        });
    }

    /// The table [`Engine::prepare`] builds, once it is built (and could be).
    fn firsts(&self) -> Option<&firsts::Firsts> {
        self.firsts.get().and_then(Option::as_ref)
    }

    /// The folded text of every record, NUL between records (for benchmarks).
    pub fn haystack(&self) -> &str {
        &self.haystack
    }

    /// Bytes of searchable text.
    pub fn bytes(&self) -> usize {
        self.haystack.len()
    }

    pub fn records(&self) -> usize {
        self.records.len()
    }

    fn lower(&self, r: &Record) -> &str {
        &self.haystack[r.start..r.end]
    }

    /// The record's original text, rebuilt from the index (for the few rows shown).
    fn original(&self, index: &Index, r: &Record) -> String {
        record_text(&index.responses[r.response as usize], r.source).0
    }

    /// The records a query's scopes allow, as runs of record indices.
    fn allowed(&self, index: &Index, q: &Query, within: Option<usize>) -> Vec<bool> {
        let scoped = !(q.countries.is_empty()
            && q.editions.is_empty()
            && q.sections.is_empty()
            && q.topics.is_empty());
        if !scoped {
            // Without scopes or a response to stay in, all of them: no pass over the records.
            let Some(w) = within else {
                return vec![true; self.records.len()];
            };
            return self
                .records
                .iter()
                .map(|rec| w == rec.response as usize)
                .collect();
        }
        let countries: Vec<String> = q
            .countries
            .iter()
            .flat_map(|c| index.countries_named(c))
            .collect();
        let response_ok: Vec<bool> = index
            .responses
            .iter()
            .enumerate()
            .map(|(i, r)| {
                within.is_none_or(|w| w == i)
                    && (q.countries.is_empty() || countries.contains(&r.iso3))
                    && (q.editions.is_empty() || q.editions.contains(&r.edition))
            })
            .collect();
        // Per distinct section, and per topic, once per query; then lookups and a mask test per
        // record. What `section_matches` says, with each value's and each distinct title's
        // folded form worked out once.
        let values: Vec<(&str, String)> = q
            .sections
            .iter()
            .map(|v| (v.as_str(), crate::ingest::scan::fold(v)))
            .collect();
        let kind_ok: Vec<bool> = if values.is_empty() {
            Vec::new()
        } else {
            let mut titles: std::collections::HashMap<&str, String> = Default::default();
            self.kinds
                .iter()
                .map(|&(r, s)| {
                    let sec = &index.responses[r as usize].sections[s as usize];
                    values.iter().any(|(v, folded)| {
                        sec.id.eq_ignore_ascii_case(v)
                            || sec.label.eq_ignore_ascii_case(v)
                            || if sec.title.is_ascii() {
                                ascii_title_matches(&sec.title, folded)
                            } else {
                                let title = titles
                                    .entry(sec.title.as_str())
                                    .or_insert_with(|| crate::ingest::scan::fold(&sec.title));
                                title == folded
                            }
                    })
                })
                .collect()
        };
        let section_ok = |response: u32, section: u32| {
            values.is_empty()
                || kind_ok[self.section_kinds[response as usize][section as usize] as usize]
        };
        let wanted = crate::topics::mask(
            crate::topics::TOPICS
                .iter()
                .filter(|t| q.topics.iter().any(|v| crate::topics::matches(t.id, v)))
                .map(|t| t.id),
        );
        self.records
            .iter()
            .map(|rec| {
                response_ok[rec.response as usize]
                    && match rec.source {
                        Source::Item { section, .. } => {
                            section_ok(rec.response, section)
                                && (q.topics.is_empty() || rec.topics & wanted != 0)
                        }
                        // Contact blocks belong to no section and no topic.
                        _ => q.sections.is_empty() && q.topics.is_empty(),
                    }
            })
            .collect()
    }

    /// The exact pass: what a keystroke waits for. `limit` hits come back with snippets; `total`
    /// counts every match. `within` limits the search to one response.
    pub fn search(
        &self,
        index: &Index,
        query: &Query,
        within: Option<usize>,
        limit: usize,
    ) -> Results {
        // The whole search runs on the pool's threads, the caller waiting: its serial parts
        // then never compete for the two cores with workers still looking for work.
        rayon::scope(|_| self.search_here(index, query, within, limit))
    }

    fn search_here(
        &self,
        index: &Index,
        query: &Query,
        within: Option<usize>,
        limit: usize,
    ) -> Results {
        let allowed = self.allowed(index, query, within);
        let finders = Finders::new(query);
        let driver = self.driver(query);
        // The records the last search matched, when this one can match only those.
        let prior = self.last.lock().ok().and_then(|last| {
            let last = last.as_ref()?;
            (driver.is_some() && last.within == within && narrows(query, &last.query))
                .then(|| last.records.clone())
        });
        // The best by tier and cheap score are rescored with SkimMatcherV2 on windows around
        // each term.
        let found = self.exact_candidates(
            index,
            query,
            &finders,
            (&allowed, within, prior.as_deref().map(Vec::as_slice)),
            driver,
            RESCORE,
        );
        if let Ok(mut last) = self.last.lock() {
            *last = found.matched.map(|records| Narrowed {
                query: query.clone(),
                within,
                records: std::sync::Arc::new(records),
            });
        }
        let (mut candidates, total) = (found.kept, found.total);
        self.rescore_all(query, &finders, &mut candidates);
        let mut results = self.finish(index, query, candidates, total, limit, false);
        results.problems.extend(scope_hints(index, query));
        results.problems.extend(code_hints(index, query));
        results
    }

    /// The typo-tolerant pass: records the exact pass missed that hold every plain term as a
    /// subsequence. `None` when `cancelled` says to stop.
    pub fn refine(
        &self,
        index: &Index,
        query: &Query,
        within: Option<usize>,
        limit: usize,
        exact: &Results,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Results> {
        let plain: Vec<&Term> = query.terms.iter().filter(|t| t.loose()).collect();
        if plain.is_empty() {
            return Some(exact.clone());
        }
        let allowed = self.allowed(index, query, within);
        let finders = Finders::new(query);
        // Trigram votes per record, from a scan of the haystack per trigram.
        let mut votes = vec![0u16; self.records.len()];
        let driver = plain.iter().max_by_key(|t| t.lower.len()).copied()?;
        let grams: Vec<&str> = trigrams(&driver.lower);
        // Two scans at a time, one per core, with a check for a newer keystroke between them.
        for pair in grams.chunks(2) {
            if cancelled() {
                return None;
            }
            let holding: Vec<Vec<usize>> = pair
                .par_iter()
                .map(|gram| {
                    let mut out = Vec::new();
                    self.each_record_containing(gram.as_bytes(), |r| out.push(r));
                    out
                })
                .collect();
            for r in holding.into_iter().flatten() {
                votes[r] = votes[r].saturating_add(1);
            }
        }
        let need = (grams.len() as u16).div_ceil(2).max(1);
        let loose: Vec<Loose> = plain.iter().map(|t| Loose::new(&t.lower)).collect();
        let voted: Vec<usize> = (0..self.records.len())
            .filter(|&r| votes[r] >= need && allowed[r])
            .collect();
        let mut extra = Vec::new();
        // Both cores test the voted records, a batch at a time, in order, with a check for a
        // newer keystroke between batches.
        for batch in voted.chunks(512) {
            if cancelled() {
                return None;
            }
            let found: Vec<Option<Candidate>> = batch
                .par_iter()
                .map_init(
                    || (SkimMatcherV2::default().ignore_case(), Vec::new()),
                    |(matcher, buf), &r| {
                        self.typo_candidate(index, query, &finders, &plain, &loose, r, matcher, buf)
                    },
                )
                .collect();
            extra.extend(found.into_iter().flatten());
        }
        if cancelled() {
            return None;
        }
        let extra_count = extra.len();
        let mut merged = self.finish(index, query, extra, 0, limit, true);
        merged.hits.extend(exact.hits.iter().cloned());
        merged.total = exact.total + extra_count;
        merged.problems = exact.problems.clone();
        sort_hits(index, &mut merged.hits);
        merged.hits.truncate(limit);
        Some(merged)
    }

    /// A record the typo pass finds: it holds every strict group as written, no excluded term,
    /// and every typo-tolerant term, at least one of them only with a typo.
    #[allow(clippy::too_many_arguments)]
    fn typo_candidate(
        &self,
        index: &Index,
        query: &Query,
        finders: &Finders,
        plain: &[&Term],
        loose: &[Loose],
        r: usize,
        matcher: &SkimMatcherV2,
        buf: &mut Vec<char>,
    ) -> Option<Candidate> {
        let rec = &self.records[r];
        let text = self.lower(rec);
        let strict_ok = query
            .terms
            .iter()
            .zip(&finders.terms)
            .filter(|(t, _)| !t.loose())
            .all(|(t, f)| find_group(self, index, rec, text, t, f, 0).is_some());
        if !strict_ok || finders.excluded(self, index, rec, text) {
            return None;
        }
        // A record holding every term as written is the exact pass's, counted there
        // whether or not it was among the hits it returned: it is left before any scoring.
        let literal: Vec<Option<usize>> = loose.iter().map(|t| t.find(text)).collect();
        if literal.iter().all(Option::is_some) {
            return None;
        }
        // The typo-tolerant matches first: the record is left as soon as one term has none.
        let mut score = 0i64;
        let mut ats = literal.clone();
        let mut all = true;
        for (t, at) in loose.iter().zip(&mut ats) {
            if at.is_none() {
                match t.compact_match(matcher, text, buf) {
                    Some((s, pos)) => {
                        score += s;
                        *at = Some(pos);
                    }
                    None => {
                        all = false;
                        break;
                    }
                }
            }
        }
        if !all {
            return None;
        }
        let mut in_answer = !matches!(rec.source, Source::Item { .. });
        for ((t, lit), at) in plain.iter().zip(&literal).zip(&ats) {
            if let Some(pos) = *lit {
                let (a, b) = window(text, pos, t.lower.len());
                score += matcher.fuzzy_match(&text[a..b], &t.lower).unwrap_or(0);
            }
            in_answer |= at.is_some_and(|at| (rec.question_end..rec.answer_end).contains(&at));
        }
        Some(Candidate {
            record: r,
            score: score * 16,
            tier: rec.standing.tier(in_answer),
        })
    }

    /// Whether a group matches in the record's answer text at the start of a word, after `after`
    /// (a match already found): "cio" inside "Socio-Economic" is no answer about a CIO.
    /// `initials`, `order` and `letters` are the group's, from [`Finders`].
    fn answer_word(
        &self,
        index: &Index,
        rec: &Record,
        text: &str,
        g: &Term,
        (fs, initials, order, letters): (&[memmem::Finder], u64, &[usize], bool),
        after: usize,
    ) -> bool {
        // Most records are settled by their answer's word initials alone: none starts with a
        // letter that begins an alternative, or (the one-letter alternatives, case aside) one
        // does.
        if !answer_initials(rec, initials) {
            return false;
        }
        if letters {
            return true;
        }
        let answer = &text[..rec.answer_end];
        let from = rec.question_end.max(after + 1);
        // The record already holds the group, so its case is known to hold where it matters;
        // only an alternative not yet seen has its case checked, once.
        let holds = |(t, f): (&Term, &memmem::Finder)| {
            let first = t.words.first().and_then(|w| w.as_bytes().first()).copied();
            let Some(first) = first else {
                return false;
            };
            if rec.initials & initial_bit(first) == 0 {
                return false;
            }
            // A one-letter word: the answer has a word that starts with it.
            if one_letter(t) {
                return !t.case_sensitive || find_alt(self, index, rec, text, t, f, 0).is_some();
            }
            let mut at = from;
            while let Some((a, _)) = find_words(answer, &t.words, f, at) {
                if starts_word(answer.as_bytes(), a) {
                    return !t.case_sensitive
                        || find_alt(self, index, rec, text, t, f, 0).is_some();
                }
                at = a + 1;
            }
            false
        };
        // Any alternative will do.
        order.iter().any(|&i| holds((g.alternative(i), &fs[i])))
    }

    /// Calls `f` once for each record whose text holds `needle`, in order.
    fn each_record_containing(&self, needle: &[u8], mut f: impl FnMut(usize)) {
        let hay = self.haystack.as_bytes();
        let finder = memmem::Finder::new(needle);
        let mut at = 0;
        let mut record = 0;
        while at < hay.len() {
            let Some(pos) = finder.find(&hay[at..]) else {
                break;
            };
            let pos = at + pos;
            while record < self.ends.len() && self.ends[record] <= pos {
                record += 1;
            }
            if record >= self.ends.len() {
                break;
            }
            f(record);
            // Jump past this record: one call per record, however often it holds the needle.
            at = self.ends[record] + 1;
            record += 1;
        }
    }

    /// The exact pass's best `keep` candidates, among the records `allowed` (within one
    /// response, if `within` says so), and only those of `narrowed` when it is given: the last
    /// search's records, which this query can match no others of.
    fn exact_candidates(
        &self,
        index: &Index,
        q: &Query,
        finders: &Finders,
        (allowed, within, narrowed): (&[bool], Option<usize>, Option<&[u32]>),
        driver: Option<(usize, &Term)>,
        keep: usize,
    ) -> Found {
        // `driver`, one of the query's groups, drives the scan: the records holding one of its
        // alternatives' longest words are the ones weighed.
        // A driver whose alternatives are each one word, case aside, is found by the scan where
        // `find_group` would find it: the first occurrence of each alternative in the record.
        // So is a driver of one capital letter alone ("J"), in a record whose capitals hold it
        // (see `find_alt`): `known_capitals` is the capital then, and nothing otherwise.
        let one_capital = |g: &Term| g.or.is_empty() && single_capital(g);
        let known = driver.filter(|(_, g)| {
            one_capital(g)
                || g.alternatives().all(|t| {
                    t.words.len() == 1
                        && !t.case_sensitive
                        && !t.words[0].is_empty()
                        && !t.words[0].contains('\0')
                })
        });
        let known_capitals = known
            .filter(|(_, g)| one_capital(g))
            .map_or(0, |(_, g)| g.capitals);
        // A query of one group that the scan finds, with nothing excluded and no capital to
        // check: a record's first match is the scan's, and there is nothing else to look for.
        let plain =
            q.terms.len() == 1 && q.excludes.is_empty() && known.is_some() && known_capitals == 0;
        // Per group, when it is one letter or digit alone (case aside) and `firsts` is built:
        // where it is first in each record is there, and the record's text is not searched.
        let tabled: Vec<Option<(&firsts::Firsts, usize)>> = q
            .terms
            .iter()
            .zip(&finders.letters)
            .map(|(g, &letter)| {
                let firsts = self.firsts().filter(|_| letter && g.or.is_empty())?;
                Some((firsts, firsts::class(g.words[0].as_bytes()[0])?))
            })
            .collect();
        // The haystack once, not through the stored text's layers for every record.
        let hay: &str = &self.haystack;
        // A query of scopes alone ("section:" as it is typed) takes every record it allows, and
        // never reads their text: slicing it would read each record's first and last bytes,
        // two waits on memory per record for nothing.
        let reads = !(q.terms.is_empty() && q.excludes.is_empty());
        // A record `bar` (see [`Best::bar`]: the worst of a full `Best`, or a better one another
        // core's holds) outranks even at the best tier is known to be turned away before its
        // tier is worked out, which for a word of a few letters means a scan of its answer: it
        // is given at that tier, and turned away as it would be.
        let consider = |r: usize,
                        found: Option<(usize, usize)>,
                        bar: Option<Candidate>|
         -> Option<Candidate> {
            if !allowed[r] {
                return None;
            }
            let rec = &self.records[r];
            let text = if reads {
                // SAFETY: a record's start and end are inside the haystack and on character
                // boundaries: `Engine::new` makes them so, and `Engine::from_stored` checks
                // each stored record before the engine is used. A checked slice would read the
                // byte at the record's end to tell, a wait on memory per record that the scan,
                // which reads only up to its match, otherwise never has.
                unsafe { hay.get_unchecked(rec.start..rec.end) }
            } else {
                ""
            };
            if found.is_some() && rec.capitals & known_capitals != known_capitals {
                return None;
            }
            // Each group's first match: the record is a candidate when every group has one and
            // no excluded term is there. The first few are kept for the tier below; a query of
            // more groups has the rest found again there.
            let group_at = |i: usize, g: &Term, fs: &[memmem::Finder]| match found {
                Some(at) if known.is_some_and(|(k, _)| k == i) => Some(at),
                _ => find_group(self, index, rec, text, g, fs, 0),
            };
            let mut first = [(0, 0); 4];
            let mut cheap = 0i64;
            match found {
                Some((a, b)) if plain => {
                    cheap = cheap_score(text.as_bytes(), a, b - a, rec.question_end);
                    first[0] = (a, b);
                }
                _ => {
                    for (i, (g, fs)) in q.terms.iter().zip(&finders.terms).enumerate() {
                        let (a, b) = match tabled[i] {
                            // A letter alone, not the scan's: its first place and cheap score
                            // there are in `firsts`.
                            Some((firsts, c))
                                if found.is_none() || known.is_none_or(|(k, _)| k != i) =>
                            {
                                let (_, score, at) = firsts.at(c, r)?;
                                let a = at.unwrap_or_else(|| self.far_first(r, c));
                                cheap += score;
                                (a, a + 1)
                            }
                            _ => {
                                let (a, b) = group_at(i, g, fs)?;
                                cheap += cheap_score(text.as_bytes(), a, b - a, rec.question_end);
                                (a, b)
                            }
                        };
                        if let Some(slot) = first.get_mut(i) {
                            *slot = (a, b);
                        }
                    }
                    if finders.excluded(self, index, rec, text) {
                        return None;
                    }
                }
            }
            let best = Candidate {
                record: r,
                score: cheap,
                tier: 0,
            };
            if bar.is_some_and(|bar| Candidate::best_first(&best, &bar).is_ge()) {
                return Some(best);
            }
            let mut in_answer = !matches!(rec.source, Source::Item { .. });
            let groups = q.terms.iter().zip(&finders.terms);
            let groups = groups.zip(finders.initials.iter().zip(&finders.order));
            let groups = groups.zip(&finders.letters);
            for (i, (((g, fs), (&initials, order)), &letters)) in groups.enumerate() {
                if in_answer {
                    break;
                }
                let Some((a, b)) = first.get(i).copied().or_else(|| group_at(i, g, fs)) else {
                    break;
                };
                in_answer = starts_answer_word(rec, text.as_bytes(), a, b)
                    || (a < rec.answer_end
                        && self.answer_word(
                            index,
                            rec,
                            text,
                            g,
                            (fs, initials, order, letters),
                            a,
                        ));
            }
            Some(Candidate {
                tier: rec.standing.tier(in_answer),
                ..best
            })
        };
        // The records a search may find: one response's, or all.
        let range = match within {
            Some(w) => {
                let from = self
                    .records
                    .partition_point(|rec| (rec.response as usize) < w);
                let to = self
                    .records
                    .partition_point(|rec| (rec.response as usize) <= w);
                from..to
            }
            None => 0..self.records.len(),
        };
        // With no scope, every record of the range is allowed.
        let scoped = !(q.countries.is_empty()
            && q.editions.is_empty()
            && q.sections.is_empty()
            && q.topics.is_empty());
        // What is kept for a next keystroke that narrows this one: nothing when there is no
        // term to narrow.
        let most = if driver.is_some() {
            range.len() / NARROW_SHARE
        } else {
            0
        };
        // The best bar so far of every core's candidates: see `Best::shared`.
        let shared = std::sync::Mutex::new(None);
        if let Some(records) = narrowed {
            // Only what the last search matched, each record weighed on its own (every group
            // found by `find_group`, as the scan would find the driver).
            return records
                .par_chunks(1 << 10)
                .fold(
                    || Best::new(keep, most, &shared),
                    |mut out, rs| {
                        let hay = self.haystack.as_bytes();
                        for (i, &r) in rs.iter().enumerate() {
                            // The records are spread over the haystack: each one's text is
                            // asked for a few records ahead, as the scan asks for its own.
                            if let Some(&ahead) = rs.get(i + PREFETCH) {
                                prefetch(hay, record_start(&self.ends, ahead as usize));
                            }
                            if let Some(c) = consider(r as usize, None, out.bar) {
                                out.push(c);
                            }
                        }
                        out
                    },
                )
                .reduce(|| Best::new(keep, most, &shared), Best::merge)
                .finish();
        }
        match driver {
            Some((_, driver)) => {
                let sample = self.sample();
                let common = |n: &str| Engine::common(&sample, n);
                let firsts = self.firsts();
                let needles = Needles::new(
                    driver.alternatives().map(Term::needle),
                    true,
                    common,
                    firsts,
                );
                // Both cores scan and weigh, each a run of records at a time, in order: the
                // candidates come out in record order, as one scan would give them. The runs a
                // piece of the work takes in turn share one `Best`, and every piece's `Best`
                // shares its bar.
                let chunk = range.len().div_ceil(16).max(256);
                let chunks: Vec<std::ops::Range<usize>> = range
                    .clone()
                    .step_by(chunk)
                    .map(|a| a..(a + chunk).min(range.end))
                    .collect();
                chunks
                    .into_par_iter()
                    .fold(
                        || Best::new(keep, most, &shared),
                        |mut out, run| {
                            // Only the runs of records the scopes allow are scanned.
                            let mut runs = Vec::new();
                            let mut r = run.start;
                            if !scoped {
                                runs.push(run.clone());
                                r = run.end;
                            }
                            while r < run.end {
                                if !allowed[r] {
                                    r += 1;
                                    continue;
                                }
                                let from = r;
                                while r < run.end && allowed[r] {
                                    r += 1;
                                }
                                runs.push(from..r);
                            }
                            // One letter alone: each record's tier and cheap score are in
                            // `firsts`, and its text goes unread.
                            if let (true, [Scan::Letter(firsts, c)]) = (plain, &needles.0[..]) {
                                for r in runs.into_iter().flatten() {
                                    if let Some((tier, score, _)) = firsts.at(*c, r) {
                                        out.push(Candidate {
                                            record: r,
                                            score,
                                            tier,
                                        });
                                    }
                                }
                                return out;
                            }
                            self.each_first_match(run, &runs, &needles, |r, at| {
                                if let Some(c) = consider(r, Some(at), out.bar) {
                                    out.push(c);
                                }
                            });
                            out
                        },
                    )
                    .reduce(|| Best::new(keep, most, &shared), Best::merge)
                    .finish()
            }
            // A run of records at a time, its `Best` taken by reference: one taken and given
            // back by value for each record would be copied for each.
            None => range
                .clone()
                .step_by(1 << 10)
                .collect::<Vec<usize>>()
                .into_par_iter()
                .fold(
                    || Best::new(keep, 0, &shared),
                    |mut best, from| {
                        for r in from..(from + (1 << 10)).min(range.end) {
                            if let Some(c) = consider(r, None, best.bar) {
                                best.push(c);
                            }
                        }
                        best
                    },
                )
                .reduce(|| Best::new(keep, 0, &shared), Best::merge)
                .finish(),
        }
    }

    /// The texts of about [`SAMPLE`] records spread over the index, to tell how common a word
    /// is.
    fn sample(&self) -> Vec<&[u8]> {
        let step = self.records.len().div_ceil(SAMPLE).max(1);
        (0..self.records.len())
            .step_by(step)
            .map(|r| self.lower(&self.records[r]).as_bytes())
            .collect()
    }

    /// Whether at least half of the `sample`d records hold `needle`.
    fn common(sample: &[&[u8]], needle: &str) -> bool {
        let finder = memmem::Finder::new(needle.as_bytes());
        let held = sample.iter().filter(|t| finder.find(t).is_some()).count();
        2 * held >= sample.len()
    }

    /// The group whose scan drives the exact pass: the one for which a pass over the haystack
    /// and a check of every other group in each record the pass finds cost least, with the
    /// share of records holding a group's words taken from a sample of records. Which group
    /// drives changes what the search costs, never what it finds: a record is a candidate when
    /// it holds every group, and the driver's match is the one `find_group` finds.
    fn driver<'q>(&self, q: &'q Query) -> Option<(usize, &'q Term)> {
        if q.terms.len() < 2 {
            return q.terms.first().map(|g| (0, g));
        }
        let sample = self.sample();
        let alternatives: usize = q.terms.iter().map(|g| 1 + g.or.len()).sum();
        let cost = |g: &Term| {
            let finders: Vec<memmem::Finder> = g
                .alternatives()
                .map(|t| memmem::Finder::new(t.needle().as_bytes()))
                .collect();
            let held = sample
                .iter()
                .filter(|text| finders.iter().any(|f| f.find(text).is_some()))
                .count();
            // In halves of a pass over the haystack: one needle's pass is two, a packed pass
            // for several about three; each record found costs a look at every other group's
            // alternatives in it, a memmem call each, reckoned at twice its share of a pass.
            let pass = if g.or.is_empty() { 2 } else { 3 };
            let others = alternatives - 1 - g.or.len();
            pass * sample.len() + held * 2 * (1 + 2 * others)
        };
        // Of equal costs, the group whose shortest alternative is longest: a longer needle is
        // the faster scan.
        q.terms.iter().enumerate().min_by_key(|(_, g)| {
            let shortest = g.alternatives().map(|t| t.needle().len()).min();
            (
                cost(g),
                std::cmp::Reverse((shortest, std::cmp::Reverse(g.or.len()))),
            )
        })
    }

    /// Calls `f` once for each record of `runs` (runs of records within `chunk`, in order)
    /// that holds one of the needles, in order, with the record-relative byte range of the
    /// earliest match there: the earliest start, and of the matches starting there the
    /// shortest.
    fn each_first_match(
        &self,
        chunk: std::ops::Range<usize>,
        runs: &[std::ops::Range<usize>],
        needles: &Needles,
        mut f: impl FnMut(usize, (usize, usize)),
    ) {
        match &needles.0[..] {
            [scan] => {
                for run in runs {
                    self.each_first_in(run.clone(), scan, &mut f);
                }
            }
            scans => {
                // Per record of the chunk, its earliest match of any scan. Each scan gives its
                // records in order, one match each, so a slot per record merges them.
                let mut first: Vec<Option<(usize, usize)>> = vec![None; chunk.len()];
                for scan in scans {
                    for run in runs {
                        self.each_first_in(run.clone(), scan, |r, at| {
                            let slot = &mut first[r - chunk.start];
                            if slot.is_none_or(|b| at < b) {
                                *slot = Some(at);
                            }
                        });
                    }
                }
                for (at, r) in first.into_iter().zip(chunk) {
                    if let Some(at) = at {
                        f(r, at);
                    }
                }
            }
        }
    }

    /// Calls `f` once for each record of `run` that holds one of `scan`'s needles, in order,
    /// with the record-relative byte range of its first match there.
    fn each_first_in(
        &self,
        run: std::ops::Range<usize>,
        scan: &Scan,
        mut f: impl FnMut(usize, (usize, usize)),
    ) {
        match scan {
            Scan::Memmem(finder) => self.each_match_in(
                run,
                |h| finder.find(h).map(|at| (at, at + finder.needle().len())),
                f,
            ),
            Scan::Packed(s) => {
                self.each_match_in(run, |h| s.find(h).map(|m| (m.start(), m.end())), f)
            }
            Scan::Letter(firsts, c) => {
                for r in run {
                    if let Some((_, _, at)) = firsts.at(*c, r) {
                        let at = at.unwrap_or_else(|| self.far_first(r, *c));
                        f(r, (at, at + 1));
                    }
                }
            }
        }
    }

    /// Where record `r`'s first byte of letter or digit class `c` is, when [`firsts::Firsts`]
    /// holds that it is there but too far in to say where: at [`firsts::FAR_FROM`] or past it.
    fn far_first(&self, r: usize, c: usize) -> usize {
        let text = self.lower(&self.records[r]).as_bytes();
        let from = firsts::FAR_FROM.min(text.len());
        let at = text[from..]
            .iter()
            .position(|&b| firsts::class(b) == Some(c));
        // The table was built from this text, so it is there.
        debug_assert!(at.is_some(), "record {r}: class {c} past {from}");
        from + at.unwrap_or(0)
    }

    /// Calls `f` once for each record of `run` in which `find` finds something, in order, with
    /// the record-relative byte range of the first thing it finds there. `find` gives the
    /// range of its first match in a slice of the haystack.
    fn each_match_in(
        &self,
        run: std::ops::Range<usize>,
        find: impl Fn(&[u8]) -> Option<(usize, usize)>,
        mut f: impl FnMut(usize, (usize, usize)),
    ) {
        let (Some(first), Some(last)) = (self.records.get(run.start), run.end.checked_sub(1))
        else {
            return;
        };
        let hay = &self.haystack.as_bytes()[..self.ends[last]];
        let mut at = first.start;
        let mut record = run.start;
        while at < hay.len() {
            let Some((a, b)) = find(&hay[at..]) else {
                break;
            };
            let pos = at + a;
            while record < run.end && self.ends[record] <= pos {
                record += 1;
            }
            if record >= run.end {
                break;
            }
            let start = record_start(&self.ends, record);
            // A common needle is found near the start of nearly every record, and the scan
            // jumps from record to record, which the hardware does not foresee: past a cache's
            // size each record's first bytes would be a wait on memory. They are asked for a
            // few records ahead.
            if let Some(&before) = self.ends.get(record + PREFETCH - 1) {
                prefetch(hay, before + 1);
            }
            let end = self.ends[record];
            f(record, (pos - start, at + b - start));
            // Jump past this record: one call per record, however often it holds the needle.
            at = end + 1;
            record += 1;
        }
    }

    /// Rescores candidates with SkimMatcherV2 on a window around each group's first match. A
    /// literal occurrence's score depends only on that window and the alternative, and the same
    /// few bytes around a term recur across records: each distinct window is scored once.
    fn rescore_all(&self, q: &Query, finders: &Finders, candidates: &mut [Candidate]) {
        // Every alternative's pattern, numbered group by group.
        let patterns: Vec<String> = q
            .terms
            .iter()
            .flat_map(|g| g.alternatives().map(Term::compact))
            .collect();
        let probes: Vec<Vec<(&str, usize)>> = candidates
            .par_iter()
            .map(|c| {
                let text = self.lower(&self.records[c.record]);
                let mut first = 0;
                let mut out = Vec::with_capacity(q.terms.len());
                for (g, fs) in q.terms.iter().zip(&finders.terms) {
                    if let Some((a, b, t)) = first_in(text, g, fs, 0) {
                        let alt = g
                            .alternatives()
                            .position(|x| std::ptr::eq(x, t))
                            .unwrap_or(0);
                        let (wa, wb) = window_of(text, a, b - a, RESCORE_WINDOW);
                        out.push((&text[wa..wb], first + alt));
                    }
                    first += 1 + g.or.len();
                }
                out
            })
            .collect();
        let mut slot: std::collections::HashMap<(&str, usize), usize> = Default::default();
        let mut distinct: Vec<(&str, usize)> = Vec::new();
        let slots: Vec<Vec<usize>> = probes
            .iter()
            .map(|ps| {
                ps.iter()
                    .map(|&p| {
                        *slot.entry(p).or_insert_with(|| {
                            distinct.push(p);
                            distinct.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let scores: Vec<i64> = distinct
            .par_iter()
            .map_init(
                || SkimMatcherV2::default().ignore_case(),
                |matcher, &(window, p)| matcher.fuzzy_match(window, &patterns[p]).unwrap_or(0),
            )
            .collect();
        for (c, ss) in candidates.iter_mut().zip(&slots) {
            let score: i64 = ss.iter().map(|&s| scores[s]).sum();
            // The cheap score breaks ties between equal skim scores (a question hit, an early
            // hit).
            c.score = score * 16 + c.score / 64;
        }
    }

    /// Sorts candidates, keeps `limit`, and gives each a snippet with highlight positions.
    fn finish(
        &self,
        index: &Index,
        q: &Query,
        candidates: Vec<Candidate>,
        total: usize,
        limit: usize,
        fuzzy: bool,
    ) -> Results {
        let finders = Finders::new(q);
        // An exact hit holds every group as written: its snippet marks only those.
        let marking = if fuzzy { q.clone() } else { q.as_written() };
        // Ranked as `sort_hits` ranks hits, but as indices into the candidates with the
        // responses' places for their country, edition and kind: only the `limit` kept become
        // hits.
        let rank = |&k: &usize| {
            let c: &Candidate = &candidates[k];
            let rec = &self.records[c.record];
            (
                c.tier,
                std::cmp::Reverse(c.score),
                self.places[rec.response as usize],
                source_order(rec.source),
                c.record,
            )
        };
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by_key(rank);
        order.truncate(limit);
        let mut hits: Vec<Hit> = order
            .into_iter()
            .map(|k| {
                let c = &candidates[k];
                let rec = &self.records[c.record];
                Hit {
                    record: c.record,
                    response: rec.response as usize,
                    source: rec.source,
                    field: Field::Answer,
                    score: c.score,
                    snippet: String::new(),
                    matches: Vec::new(),
                    fuzzy,
                    tier: c.tier,
                }
            })
            .collect();
        hits.par_iter_mut().for_each_init(
            || SkimMatcherV2::default().ignore_case(),
            |matcher, hit| {
                let rec = &self.records[hit.record];
                let original = self.original(index, rec);
                let in_answer = hit.tier == 0 && matches!(rec.source, Source::Item { .. });
                let texts = (original.as_str(), self.lower(rec));
                let (snippet, matches, at) =
                    snippet(matcher, (&marking, &finders), texts, rec, in_answer);
                hit.field = match rec.source {
                    Source::Item { .. } if at < rec.question_end => Field::Question,
                    Source::Item { .. } if at <= rec.answer_end => Field::Answer,
                    Source::Item { .. } => Field::Options,
                    _ => Field::Contact,
                };
                hit.snippet = snippet;
                hit.matches = matches;
            },
        );
        Results {
            hits,
            total: if fuzzy { 0 } else { total },
            problems: q.problems.clone(),
            notes: q.notes.clone(),
        }
    }
}

/// A `section:` value names a section by its id, its label, or (from `--section`, which may hold
/// spaces) its title: "C", "iii", "Legal Framework".
fn section_matches(sec: &crate::model::Section, value: &str) -> bool {
    sec.id.eq_ignore_ascii_case(value)
        || sec.label.eq_ignore_ascii_case(value)
        || crate::ingest::scan::fold(&sec.title) == crate::ingest::scan::fold(value)
}

/// Whether an ASCII section title folds (as `section_matches` folds it) to `folded`, a folded
/// value: its words lower-cased, one space between them, compared word by word.
fn ascii_title_matches(title: &str, folded: &str) -> bool {
    let mut words = title.split_whitespace();
    if folded.is_empty() {
        return words.next().is_none();
    }
    folded
        .split(' ')
        .all(|f| words.next().is_some_and(|w| w.eq_ignore_ascii_case(f)))
        && words.next().is_none()
}

/// A hint for each `country:` value taken as a member state's ISO code where it also begins
/// other indexed names: the results are the code's, and this says why. Not a scope that names
/// nothing, so `msq search` does not make errors of them.
pub fn code_hints(index: &Index, q: &Query) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &q.countries {
        if let Some((state, names)) = index.code_shadows(c)
            && !index.countries_named(c).is_empty()
        {
            let hint = format!(
                "country:{c} is {}'s code ({}), not a name; for {}, write more of the name",
                state.name,
                code_as_typed(c),
                names.join(", ")
            );
            if !out.contains(&hint) {
                out.push(hint);
            }
        }
    }
    out
}

fn code_as_typed(c: &str) -> String {
    c.trim().to_uppercase()
}

/// A hint for each scope value that nothing in the index answers to, so that an empty result
/// says why: "country:zz" names no country here, "edition:2019" no edition. `msq search`
/// makes errors of them for its scope flags.
pub fn scope_hints(index: &Index, q: &Query) -> Vec<String> {
    // Each once, at most a dozen, so that a hint stays one line on a large index.
    let listed = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        let more = v.len() > 12;
        v.truncate(12);
        v.join(", ") + if more { ", …" } else { "" }
    };
    let mut out: Vec<String> = Vec::new();
    for c in &q.countries {
        let shadows = index.code_shadows(c);
        if index.countries_named(c).is_empty()
            && let Some((state, names)) = &shadows
        {
            out.push(format!(
                "country:{c} is {}'s code ({}), and this index holds no response from it; for {}, \
                 write more of the name",
                state.name,
                code_as_typed(c),
                listed(names.clone())
            ));
        } else if index.countries_named(c).is_empty() {
            let codes: Vec<String> = index.responses.iter().map(|r| r.iso3.clone()).collect();
            out.push(format!(
                "no country \"{c}\" in this index; it holds {}",
                listed(codes).to_lowercase()
            ));
        }
    }
    for y in &q.editions {
        if !index.responses.iter().any(|r| r.edition == *y) {
            let years = index
                .responses
                .iter()
                .map(|r| r.edition.to_string())
                .collect();
            out.push(format!(
                "no {y} edition in this index; editions: {}",
                listed(years)
            ));
        }
    }
    for s in &q.sections {
        let known = index
            .responses
            .iter()
            .flat_map(|r| &r.sections)
            .any(|sec| section_matches(sec, s));
        if !known {
            let mut ids: Vec<String> = Vec::new();
            for sec in index.responses.iter().flat_map(|r| &r.sections) {
                if !ids.contains(&sec.id) {
                    ids.push(sec.id.clone());
                }
            }
            out.push(format!("no section \"{s}\"; sections: {}", ids.join(", ")));
        }
    }
    for t in &q.topics {
        if !crate::topics::TOPICS
            .iter()
            .any(|x| crate::topics::matches(x.id, t))
        {
            let groups: Vec<String> = crate::topics::TOPICS
                .iter()
                .map(|x| x.id.split('.').next().unwrap_or(x.id).to_string())
                .collect();
            out.push(format!(
                "no topic \"{t}\"; topics start with {}",
                listed(groups)
            ));
        }
    }
    // A value given twice gets one hint.
    let mut seen = Vec::new();
    out.retain(|h| {
        let new = !seen.contains(h);
        seen.push(h.clone());
        new
    });
    out
}

/// Whether a term is one ASCII capital letter, as folded with its case kept.
fn single_capital(t: &Term) -> bool {
    matches!(t.cased_words.as_slice(), [w] if w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase())
}

/// The first match at or after `from` of one alternative in a record's folded text `lower`,
/// honouring smart case: a term with a capital must occur with the same case (accents
/// folded) in one of the record's own strings.
fn find_alt(
    engine: &Engine,
    index: &Index,
    rec: &Record,
    lower: &str,
    t: &Term,
    finder: &memmem::Finder,
    from: usize,
) -> Option<(usize, usize)> {
    // Most records lack one of a cased term's capitals altogether: their strings go unread.
    if t.case_sensitive && rec.capitals & t.capitals != t.capitals {
        return None;
    }
    let found = find_words(lower, &t.words, finder, from)?;
    // One capital letter ("J", as a name is begun) is in the record's strings as written
    // exactly when its capitals hold it: they were gathered from those strings, folded with
    // their case kept, a character at a time. Its strings, spread over the index, go unread.
    if !t.case_sensitive || single_capital(t) {
        return Some(found);
    }
    let first = memmem::Finder::new(t.cased_words[0].as_bytes());
    // Words of ASCII, as written in the string, are there after folding too (folding leaves
    // ASCII as it is); only a string with a character that folds into one of their bytes, a
    // space, or nothing, can hold them folded and not as written, and only that one is folded.
    let ascii = t.cased_words.iter().all(|w| w.is_ascii());
    let holds = |s: &str| {
        let plain = s.is_ascii();
        if (plain || ascii) && find_words(s, &t.cased_words, &first, 0).is_some() {
            return true;
        }
        if plain || ascii && !fold::may_fold_into(s, &t.cased_words) {
            return false;
        }
        find_words(&fold(s, false), &t.cased_words, &first, 0).is_some()
    };
    let resp = &index.responses[rec.response as usize];
    let cased = match rec.source {
        Source::Item { section, item } => {
            let item = &resp.sections[section as usize].items[item as usize];
            item.headings.iter().any(|h| holds(h))
                || holds(&item.question)
                || holds(&item.answer)
                || item
                    .options
                    .iter()
                    .any(|o| holds(&o.label) || o.typed.as_deref().is_some_and(holds))
        }
        _ => holds(&engine.original(index, rec)),
    };
    cased.then_some(found)
}

/// A group's alternatives with their finders, the one with the shortest first word first: it is
/// the likeliest to be found, and early, which bounds or ends the search for the others.
fn shortest_first<'a>(
    g: &'a Term,
    finders: &'a [memmem::Finder],
) -> impl Iterator<Item = (&'a Term, &'a memmem::Finder<'a>)> {
    let shortest = finders
        .iter()
        .enumerate()
        .min_by_key(|(_, f)| f.needle().len())
        .map_or(0, |(i, _)| i);
    let order = std::iter::once(shortest).chain((0..finders.len()).filter(move |&i| i != shortest));
    order.filter_map(move |i| Some((g.alternatives().nth(i)?, finders.get(i)?)))
}

/// The earliest match at or after `from` of any alternative of a group, smart case and all.
fn find_group(
    engine: &Engine,
    index: &Index,
    rec: &Record,
    lower: &str,
    g: &Term,
    finders: &[memmem::Finder],
    from: usize,
) -> Option<(usize, usize)> {
    // Each alternative after the first looks only where it could start before the best so far:
    // with "blockchain | a", finding "a" early spares a scan of the whole record for the other.
    let mut best: Option<(usize, usize)> = None;
    for (t, f) in shortest_first(g, finders) {
        let hay = match best {
            // A single word starting no later than `a` ends within its length of it.
            Some((a, _)) if t.words.len() == 1 => {
                let mut end = (a + f.needle().len()).min(lower.len());
                while !lower.is_char_boundary(end) {
                    end += 1;
                }
                &lower[..end]
            }
            _ => lower,
        };
        if let Some(found) = find_alt(engine, index, rec, hay, t, f, from) {
            best = Some(best.map_or(found, |b| b.min(found)));
        }
    }
    best
}

/// The earliest match at or after `from` of any alternative of a group in folded text, case
/// aside, with the alternative that matched.
fn first_in<'a>(
    lower: &str,
    g: &'a Term,
    finders: &[memmem::Finder],
    from: usize,
) -> Option<(usize, usize, &'a Term)> {
    g.alternatives()
        .zip(finders)
        .filter_map(|(t, f)| find_words(lower, &t.words, f, from).map(|(a, b)| (a, b, t)))
        .min_by_key(|(a, b, _)| (*a, *b))
}

/// Ranks exact hits before typo-tolerant ones, each by tier (see [`Hit::tier`]), then score,
/// then country, edition and document order, and last by record, which parts only responses
/// of one country, edition and kind.
pub fn sort_hits(index: &Index, hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        let ra = &index.responses[a.response];
        let rb = &index.responses[b.response];
        a.fuzzy
            .cmp(&b.fuzzy)
            .then_with(|| a.tier.cmp(&b.tier))
            .then_with(|| b.score.cmp(&a.score))
            .then_with(|| ra.country.cmp(&rb.country))
            .then_with(|| ra.edition.cmp(&rb.edition))
            .then_with(|| ra.kind.cmp(&rb.kind))
            .then_with(|| source_order(a.source).cmp(&source_order(b.source)))
            .then_with(|| a.record.cmp(&b.record))
    });
}

fn source_order(s: Source) -> (u32, u32) {
    match s {
        Source::Item { section, item } => (section, item),
        Source::Respondent => (u32::MAX, 0),
        Source::Cio => (u32::MAX, 1),
    }
}

/// A byte's bit among a record's word initials: one per ASCII letter and digit, and one shared
/// by every other byte, so that a term starting with one of those is always looked for.
fn initial_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + (b - b'0')),
        _ => 1 << 63,
    }
}

/// Where record `r` starts in the haystack, whose records end at `ends`: one byte (the NUL)
/// after the one before it ends.
fn record_start(ends: &[usize], r: usize) -> usize {
    r.checked_sub(1).map_or(0, |p| ends[p] + 1)
}

/// About how many records [`Engine::sample`] takes to tell how common a word is.
const SAMPLE: usize = 256;

/// How many records ahead of a scan [`Engine::each_match_in`] asks for a record's first bytes.
const PREFETCH: usize = 4;

/// Asks the CPU to start loading the cache line holding `bytes[at]`, if there is one: a hint,
/// with no effect on what any code computes.
#[inline(always)]
fn prefetch(bytes: &[u8], at: usize) {
    #[cfg(target_arch = "x86_64")]
    if at < bytes.len() {
        // SAFETY: a prefetch reads nothing into the program and cannot fault; the address is
        // inside `bytes` anyway. SSE, which it needs, is part of x86_64.
        unsafe {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            _mm_prefetch::<_MM_HINT_T0>(bytes.as_ptr().add(at).cast());
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (bytes, at);
}

/// A term of one ASCII letter or digit: whether an answer has a word starting with it is in the
/// answer's initials.
fn one_letter(t: &Term) -> bool {
    t.words.len() == 1 && t.words[0].len() == 1 && t.words[0].as_bytes()[0].is_ascii_alphanumeric()
}

/// Whether a match at `a..b` of a record's folded text is in its answer and starts a word there.
fn starts_answer_word(rec: &Record, text: &[u8], a: usize, b: usize) -> bool {
    a >= rec.question_end && b <= rec.answer_end && starts_word(text, a)
}

/// Whether a word of a record's answer starts with one of the first letters in `initials` (as
/// [`initial_bit`] gives them).
fn answer_initials(rec: &Record, initials: u64) -> bool {
    rec.initials & initials != 0
}

/// Whether `pos` in folded text begins a word.
fn starts_word(bytes: &[u8], pos: usize) -> bool {
    pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric()
}

/// A cheap score for one term at `pos`: a word start, a whole word, an early place in its field
/// and a place in the question all count.
fn cheap_score(bytes: &[u8], pos: usize, len: usize, question_end: usize) -> i64 {
    let word_start = starts_word(bytes, pos);
    let word_end = bytes
        .get(pos + len)
        .is_none_or(|b| !b.is_ascii_alphanumeric());
    let mut s = 0;
    if word_start {
        s += 300;
    }
    if word_start && word_end {
        s += 100;
    }
    // Early in its own field: an answer's first words are not pushed back by a long question.
    let into_field = if pos < question_end {
        s += 150;
        pos
    } else {
        pos - question_end
    };
    s + 200 - (into_field.min(200) as i64)
}

/// Byte range of about `WINDOW` bytes either side of `pos..pos+len`, on char boundaries.
fn window(text: &str, pos: usize, len: usize) -> (usize, usize) {
    window_of(text, pos, len, WINDOW)
}

/// Byte range of about `reach` bytes either side of `pos..pos+len`, on char boundaries.
fn window_of(text: &str, pos: usize, len: usize, reach: usize) -> (usize, usize) {
    let mut a = pos.saturating_sub(reach);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (pos + len + reach).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    (a, b)
}

/// The snippet of a record around its best match, on one line, with the char indices of the
/// matched characters. Returns the folded offset of the match too, to tell which field it is
/// in. With `in_answer`, a match in the answer is the one shown.
fn snippet(
    matcher: &SkimMatcherV2,
    (q, finders): (&Query, &Finders),
    (original, lower): (&str, &str),
    rec: &Record,
    in_answer: bool,
) -> (String, Vec<usize>, usize) {
    // Anchor on the first group found, in the answer when that is where the record matched;
    // a typo-tolerant hit anchors on its first matched character.
    let first = |hay: &str, from: usize| {
        q.terms
            .iter()
            .zip(&finders.terms)
            .find_map(|(g, fs)| first_in(hay, g, fs, from))
            .map(|(a, b, _)| (a, b - a))
    };
    let mut anchor = None;
    if in_answer && rec.answer_end <= lower.len() {
        anchor = first(&lower[..rec.answer_end], rec.question_end);
    }
    if anchor.is_none() {
        anchor = first(lower, 0);
    }
    if anchor.is_none() {
        anchor = q
            .terms
            .iter()
            .filter(|t| t.loose())
            .find_map(|t| compact_match(matcher, lower, &t.lower))
            .map(|(_, at)| (at, 1));
    }
    let (pos, len) = anchor.unwrap_or((0, 0));
    let at = fold::original_range(original, pos, pos + len);
    let (a, b) = window(original, at.start, at.len());
    let part = &original[a..b];
    let shown = part.replace(['\n', '\0'], " ");
    // The marks are the whole-text highlights of the window, as char indices.
    let mut matches: Vec<usize> = Vec::new();
    // The ranges come by start: the char count of each start goes on from the last one's.
    let (mut byte, mut chars) = (0, 0);
    for r in highlight_ranges(q, part) {
        chars += part[byte..r.start].chars().count();
        byte = r.start;
        matches.extend(chars..chars + part[r].chars().count());
    }
    matches.sort_unstable();
    matches.dedup();
    (shown, matches, pos)
}

/// The best typo-tolerant match of `term` in `text`: the term's characters in order, close
/// together (spanning at most its length plus a quarter), found near one of its trigrams.
/// Returns its score and the byte offset of its first character.
fn compact_match(matcher: &SkimMatcherV2, text: &str, term: &str) -> Option<(i64, usize)> {
    Loose::new(term).compact_match(matcher, text, &mut Vec::new())
}

/// A typo-tolerant term made ready for matching many records: its finder, its trigrams' finders
/// and its characters, built once per pass.
struct Loose<'a> {
    term: &'a str,
    finder: memmem::Finder<'a>,
    grams: Vec<memmem::Finder<'a>>,
    chars: Vec<char>,
    /// For a term of at most 64 ASCII characters, the byte table of [`tight_ascii`].
    table: Option<Box<[u64; 256]>>,
}

impl<'a> Loose<'a> {
    fn new(term: &'a str) -> Loose<'a> {
        Loose {
            term,
            finder: memmem::Finder::new(term.as_bytes()),
            grams: trigrams(term)
                .into_iter()
                .map(|g| memmem::Finder::new(g.as_bytes()))
                .collect(),
            chars: term.chars().collect(),
            table: (term.is_ascii() && !term.is_empty() && term.len() <= 64).then(|| {
                let mut table = Box::new([0u64; 256]);
                for (b, bits) in table.iter_mut().enumerate() {
                    for (k, c) in term.bytes().enumerate() {
                        if (b as u8).eq_ignore_ascii_case(&c) {
                            *bits |= 1 << k;
                        }
                    }
                }
                table
            }),
        }
    }

    /// The first literal occurrence of the term.
    fn find(&self, text: &str) -> Option<usize> {
        self.finder.find(text.as_bytes())
    }

    /// See [`compact_match`]; `buf` is scratch space.
    fn compact_match(
        &self,
        matcher: &SkimMatcherV2,
        text: &str,
        buf: &mut Vec<char>,
    ) -> Option<(i64, usize)> {
        let term = self.term;
        let len = self.chars.len();
        let slack = (len / 4).max(2);
        let reach = term.len() + slack * 4;
        // The span SkimMatcherV2's match is held to: a text with no match of the term's
        // characters in order within it has none that passes, so it is not scored at all.
        let span = len + slack;
        if !self.tight(text, span, buf) {
            return None;
        }
        let mut best: Option<(i64, usize)> = None;
        for gram in &self.grams {
            for pos in gram.find_iter(text.as_bytes()).take(8) {
                let (a, b) = window_of(text, pos, 0, reach);
                let part = &text[a..b];
                if !self.tight(part, span, buf) {
                    continue;
                }
                if let Some((score, idx)) = matcher.fuzzy_indices(part, term)
                    && let (Some(&first), Some(&last)) = (idx.first(), idx.last())
                    && last - first < span
                    && best.is_none_or(|(s, _)| score > s)
                {
                    let at = part.char_indices().nth(first).map_or(0, |(i, _)| i);
                    best = Some((score, a + at));
                }
            }
        }
        best
    }

    /// Whether `text` holds the term's characters in order (ASCII case aside, as
    /// SkimMatcherV2 compares them) with the last fewer than `span` characters after the
    /// first: a necessary condition for a typo-tolerant match of that span, far cheaper to
    /// test. `buf` is scratch space.
    fn tight(&self, text: &str, span: usize, buf: &mut Vec<char>) -> bool {
        if let Some(table) = &self.table {
            return tight_ascii(text.as_bytes(), table, self.chars.len(), span);
        }
        buf.clear();
        buf.extend(text.chars());
        tight(buf, &self.chars, span)
    }
}

/// [`Loose::tight`] for a term of at most 64 ASCII characters, in one pass over the text's
/// bytes: `table` has bit `k` of a byte's entry set when the term's character `k` is that byte,
/// case aside. Distances are in characters, as SkimMatcherV2 counts them.
fn tight_ascii(text: &[u8], table: &[u64; 256], len: usize, span: usize) -> bool {
    if len == 0 {
        return true;
    }
    // latest[k]: the latest start of a match of the term's first k characters so far.
    let mut latest = [u32::MAX; 65];
    let top = 1u64 << (len - 1);
    let mut char_index = 0u32;
    for &b in text {
        // A UTF-8 continuation byte is part of the character before it, and matches nothing.
        if b & 0xC0 == 0x80 {
            continue;
        }
        let j = char_index;
        char_index += 1;
        let mut mask = table[b as usize];
        if mask == 0 {
            continue;
        }
        let ends = mask & top != 0;
        // Highest character first, so that each extends a match that ended before this one.
        while mask != 0 {
            let k = 63 - mask.leading_zeros() as usize;
            mask &= !(1 << k);
            if k == 0 {
                latest[1] = j;
            } else if latest[k] != u32::MAX {
                latest[k + 1] = latest[k];
            }
        }
        if ends && latest[len] != u32::MAX && ((j - latest[len]) as usize) < span {
            return true;
        }
    }
    false
}

/// See [`Loose::tight`].
fn tight<T: Copy + AsciiCase>(text: &[T], pattern: &[T], span: usize) -> bool {
    let Some(&p0) = pattern.first() else {
        return true;
    };
    for i in 0..text.len() {
        if !text[i].same(p0) {
            continue;
        }
        // Greedy from `i`: the earliest end of a match starting there.
        let mut k = 1;
        let mut j = i + 1;
        let end = text.len().min(i + span);
        while k < pattern.len() && j < end {
            if text[j].same(pattern[k]) {
                k += 1;
            }
            j += 1;
        }
        if k == pattern.len() {
            return true;
        }
        // The rest of the text lacks the term in order: so does every later start's.
        if j == text.len() {
            return false;
        }
    }
    false
}

/// Equality with ASCII case aside, for bytes and chars.
trait AsciiCase {
    fn same(self, other: Self) -> bool;
}

impl AsciiCase for u8 {
    fn same(self, other: u8) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
}

impl AsciiCase for char {
    fn same(self, other: char) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
}

/// The distinct three-character pieces of a term (the whole term if shorter).
fn trigrams(term: &str) -> Vec<&str> {
    let idx: Vec<usize> = term
        .char_indices()
        .map(|(i, _)| i)
        .chain([term.len()])
        .collect();
    if idx.len() <= 4 {
        return vec![term];
    }
    let mut out: Vec<&str> = idx.windows(4).map(|w| &term[w[0]..w[3]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Byte ranges of every match of the query's terms in `text`, for highlighting a whole answer:
/// each occurrence of a word, phrase or alternative (accents folded, on the original
/// characters), or the characters of a typo-tolerant match.
pub fn highlight_ranges(q: &Query, text: &str) -> Vec<std::ops::Range<usize>> {
    let lower = fold_map(text, true);
    let mut cased = None;
    let mut out = Vec::new();
    // Made only for a typo-tolerant group that matched nothing as written.
    let mut matcher = None;
    for group in &q.terms {
        let mut found = false;
        for t in group.alternatives() {
            let (folded, words) = if t.case_sensitive {
                (
                    &*cased.get_or_insert_with(|| fold_map(text, false)),
                    &t.cased_words,
                )
            } else {
                (&lower, &t.words)
            };
            for (a, b) in find_all_words(&folded.text, words) {
                out.push(folded.original(a, b));
                found = true;
            }
        }
        if !found
            && group.loose()
            && let Some((_, idx)) = matcher
                .get_or_insert_with(|| SkimMatcherV2::default().ignore_case())
                .fuzzy_indices(&lower.text, &group.lower)
        {
            let starts: Vec<(usize, char)> = lower.text.char_indices().collect();
            for i in idx {
                if let Some(&(b, c)) = starts.get(i) {
                    out.push(lower.original(b, b + c.len_utf8()));
                }
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in index.
    fn embedded() -> Index {
        crate::index::open(&crate::index::IndexSource::Embedded)
            .unwrap()
            .index
    }

    /// The built-in index, an engine on it, and another whose [`Engine::prepare`] has run.
    fn unprepared_and_prepared() -> (Index, Engine, Engine) {
        let index = embedded();
        let (plain, prepared) = (Engine::new(&index), Engine::new(&index));
        prepared.prepare();
        assert!(prepared.firsts().is_some() && plain.firsts().is_none());
        (index, plain, prepared)
    }

    /// The exact pass's kept candidates as (record, score, tier), best first, and its total.
    fn kept(
        engine: &Engine,
        index: &Index,
        q: &Query,
        driver: Option<(usize, &Term)>,
        keep: usize,
    ) -> (Vec<(usize, i64, u8)>, usize) {
        let allowed = engine.allowed(index, q, None);
        let finders = Finders::new(q);
        let found =
            engine.exact_candidates(index, q, &finders, (&allowed, None, None), driver, keep);
        let mut kept = found.kept;
        kept.sort_by(Candidate::best_first);
        let kept = kept.iter().map(|c| (c.record, c.score, c.tier)).collect();
        (kept, found.total)
    }

    #[test]
    fn query_syntax() {
        let q = Query::parse("open 'opendata !covid country:az section:C edition:2020 topic:law");
        assert_eq!(
            q.terms
                .iter()
                .map(|t| (t.text.as_str(), t.exact))
                .collect::<Vec<_>>(),
            [("open", false), ("opendata", true)]
        );
        assert_eq!(q.excludes[0].text, "covid");
        assert_eq!(q.countries, ["az"]);
        assert_eq!(q.sections, ["c"]);
        assert_eq!(q.editions, [2020]);
        assert_eq!(q.topics, ["law"]);
        assert!(q.problems.is_empty());
    }

    #[test]
    fn malformed_parts_are_reported() {
        assert_eq!(Query::parse("!").problems.len(), 1);
        assert_eq!(Query::parse("'").problems.len(), 1);
        assert!(Query::parse("colour:red").problems[0].contains("unknown scope"));
        assert!(Query::parse("edition:twenty").problems[0].contains("needs a year"));
        assert!(Query::parse("country:").problems[0].contains("needs a value"));
        // URLs and times are words, not scopes.
        assert!(Query::parse("https://e-gov.az 72:37").problems.is_empty());
    }

    #[test]
    fn smart_case() {
        assert!(Query::parse("Jeyhun").terms[0].case_sensitive);
        assert!(!Query::parse("jeyhun").terms[0].case_sensitive);
    }

    #[test]
    fn lower_case_keeps_byte_offsets() {
        for s in ["Təbib", "AZƏRBAYCAN", "İstanbul", "ΣΟΦΙΑ", "Спасибо", "ẞ"] {
            assert_eq!(lower_keep_len(s).len(), s.len(), "{s}");
        }
        assert_eq!(lower_keep_len("Спасибо"), "спасибо");
    }

    /// The tightest span of `pattern` as a subsequence of `text`, in chars, ASCII case aside.
    fn brute_span(text: &str, pattern: &str) -> Option<usize> {
        let t: Vec<char> = text.chars().collect();
        let p: Vec<char> = pattern.chars().collect();
        (0..t.len())
            .filter_map(|i| {
                let mut k = 0;
                for (j, c) in t.iter().enumerate().skip(i) {
                    if c.eq_ignore_ascii_case(&p[k]) {
                        k += 1;
                        if k == p.len() {
                            return Some(j - i);
                        }
                    }
                }
                None
            })
            .min()
    }

    #[test]
    fn tight_subsequences_are_found_as_a_scan_of_every_start_finds_them() {
        let texts = [
            "cybersecurity",
            "the cyber security law",
            "c-y-b-e-r",
            "Təbib e-təbib tebib",
            "nationaal nat ional",
            "aaaa",
            "",
            "sécurité cbersecurity",
        ];
        let terms = [
            "cbersecurity",
            "tebib",
            "national",
            "aaa",
            "cyber",
            "sécurité",
        ];
        for text in texts {
            for term in terms {
                let loose = Loose::new(term);
                let best = brute_span(text, term);
                for span in 0..20 {
                    let want = best.is_some_and(|b| b < span);
                    let got = loose.tight(text, span, &mut Vec::new());
                    assert_eq!(got, want, "{text:?} {term:?} {span}");
                }
            }
        }
    }

    /// The typo-tolerant match as it was before the span test was put in front of it.
    fn unfiltered_compact_match(
        matcher: &SkimMatcherV2,
        text: &str,
        term: &str,
    ) -> Option<(i64, usize)> {
        let len = term.chars().count();
        let slack = (len / 4).max(2);
        let reach = term.len() + slack * 4;
        let mut best: Option<(i64, usize)> = None;
        for gram in trigrams(term) {
            for pos in memmem::find_iter(text.as_bytes(), gram.as_bytes()).take(8) {
                let (a, b) = window_of(text, pos, 0, reach);
                if let Some((score, idx)) = matcher.fuzzy_indices(&text[a..b], term)
                    && let (Some(&first), Some(&last)) = (idx.first(), idx.last())
                    && last - first < len + slack
                    && best.is_none_or(|(s, _)| score > s)
                {
                    let at = text[a..b].char_indices().nth(first).map_or(0, |(i, _)| i);
                    best = Some((score, a + at));
                }
            }
        }
        best
    }

    #[test]
    fn the_span_test_leaves_typo_tolerant_matches_as_they_were() {
        let matcher = SkimMatcherV2::default().ignore_case();
        let texts = [
            "national cybersecurity strategy; the cyber security agency",
            "cbersecurity c b e r s e c u r i t y cybrsecurity",
            "e-tebib təbib tebbib t e b i b",
            "government goverment govt gov-ernment",
            "sécurité sécuritée securite",
        ];
        let terms = ["cbersecurity", "tebib", "goverment", "securite", "sécurité"];
        for text in texts {
            let text = fold(text, true);
            for term in terms {
                assert_eq!(
                    compact_match(&matcher, &text, term),
                    unfiltered_compact_match(&matcher, &text, term),
                    "{text:?} {term:?}"
                );
            }
        }
    }

    #[test]
    fn ascii_titles_match_as_folded() {
        let titles = [
            "Legal Framework",
            "  Legal \t Framework ",
            "LEGAL FRAMEWORK",
            "Legal Frameworks",
            "Legal",
            "",
            "Legal Framework Extra",
        ];
        let values = [
            "legal framework",
            "Legal Framework",
            "legal",
            "",
            "légal framework",
        ];
        for t in titles {
            for v in values {
                let folded = crate::ingest::scan::fold(v);
                assert_eq!(
                    ascii_title_matches(t, &folded),
                    crate::ingest::scan::fold(t) == folded,
                    "{t:?} {v:?}"
                );
            }
        }
    }

    #[test]
    fn a_term_implies_another_only_where_each_record_it_matches_holds_the_other() {
        let t = |text: &str| Query::parse(text).terms.remove(0);
        for (longer, shorter) in [
            ("opens", "pen"),
            ("\"open data\"", "\"open da\""),
            ("\"open data\"", "\"pen data\""),
            ("\"open data portal\"", "\"open data\""),
            ("\"open data portal\"", "pen"),
            ("Jeyhun", "Jey"),
            ("Jeyhun", "j"),
            ("'opendata", "data"),
        ] {
            assert!(t(longer).implies(&t(shorter)), "{longer} implies {shorter}");
        }
        for (longer, shorter) in [
            ("pen", "open"),
            ("\"open data\"", "\"open ata\""),
            ("\"xopen data\"", "\"ope data\""),
            ("\"open big data\"", "\"open data\""),
            ("jeyhun", "J"),
            ("JEY", "Jeyhun"),
        ] {
            assert!(
                !t(longer).implies(&t(shorter)),
                "{longer} does not imply {shorter}"
            );
        }
        let narrow = |new: &str, old: &str| narrows(&Query::parse(new), &Query::parse(old));
        assert!(narrow("digital sig", "digital si"));
        assert!(narrow("covid vaccine !x", "covid vacc"));
        assert!(narrow("cloud", "cloud | 5g"));
        // An alternative added, an exclusion grown or a scope changed can match more.
        assert!(!narrow("cloud | 5g", "cloud"));
        assert!(!narrow("covid !vac", "covid !va"));
        assert!(!narrow("country:mng open", "open"));
        assert!(!narrow("open", "country:mng open"));
    }

    /// Types each text a character at a time, sometimes taking one back, in one engine that
    /// narrows from keystroke to keystroke, and checks each result against an engine that
    /// searches afresh.
    fn typed_as_fresh(index: &Index, typing: &Engine, fresh: &Engine, texts: &[String]) {
        for (n, text) in texts.iter().enumerate() {
            let chars: Vec<char> = text.chars().collect();
            let within = (n % 3 == 2).then_some(n % index.responses.len());
            let mut steps: Vec<String> = Vec::new();
            for k in 1..=chars.len() {
                steps.push(chars[..k].iter().collect());
                if k % 5 == 4 {
                    steps.push(chars[..k - 1].iter().collect());
                    steps.push(chars[..k].iter().collect());
                }
            }
            for step in steps {
                let q = Query::parse(&step);
                *fresh.last.lock().unwrap() = None;
                let want = fresh.search(index, &q, within, 200);
                let got = typing.search(index, &q, within, 200);
                assert_eq!(got, want, "{step:?} within {within:?}");
            }
        }
    }

    #[test]
    fn a_search_narrowed_from_the_last_keystroke_finds_what_a_fresh_one_does() {
        let index = embedded();
        let (typing, fresh) = (Engine::new(&index), Engine::new(&index));
        let texts = [
            "national e-government strategy",
            "\"open data\" portal",
            "'cloud | 5g strategy",
            "Jeyhun",
            "law !\"data protection\" digital",
            "section:C cyber security",
            "covid !vaccine ministry",
            "mongolia procurement",
            "blockchain | biometric | artificial intelligence",
            "e-gövernment sérvices",
            "topic:law data protection",
            "Ministry of Digital Development",
        ]
        .map(String::from);
        typed_as_fresh(&index, &typing, &fresh, &texts);
        // Narrowing was used: a refining keystroke had the last one's records to start from.
        typing.search(&index, &Query::parse("ministry"), None, 200);
        let last = typing.last.lock().unwrap();
        assert!(last.as_ref().is_some_and(|l| !l.records.is_empty()));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        #[test]
        fn typed_queries_narrow_to_what_fresh_searches_find(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "digital", "Digital", "e-government", "portal", "law", "'data", "!covid",
                    "\"open data\"", "\"data", "|", "ministry", "MINISTRY", "country:aze",
                    "section:C", "edition:2022", "topic:law", "!'open", "services", "sérvices",
                    "cio", "CIO", "national", "strategy", "a", "e", "5g", "cloud", "|",
                ]),
                1..5,
            )
        ) {
            use std::sync::OnceLock;
            static ENGINES: OnceLock<(Index, Engine, Engine)> = OnceLock::new();
            let (index, typing, fresh) = ENGINES.get_or_init(|| {
                let index = embedded();
                let (a, b) = (Engine::new(&index), Engine::new(&index));
                (index, a, b)
            });
            typed_as_fresh(index, typing, fresh, &[words.join(" ")]);
        }
    }

    #[test]
    fn whichever_group_drives_the_scan_the_candidates_are_the_same() {
        let index = embedded();
        let engine = Engine::new(&index);
        for text in [
            "'cloud | 5g st",
            "national e-government strategy",
            "ministry of health",
            "\"open data\" portal",
            "Covid vaccine | vaccination",
            "law !\"data protection\" e",
            "section:C cyber security",
        ] {
            let q = Query::parse(text);
            let with = |driver| kept(&engine, &index, &q, Some(driver), usize::MAX).0;
            let chosen = with(engine.driver(&q).unwrap());
            assert!(!chosen.is_empty(), "{text}");
            for driver in q.terms.iter().enumerate() {
                assert_eq!(
                    with(driver),
                    chosen,
                    "{text}: driven by {:?}",
                    driver.1.text
                );
            }
        }
    }

    #[test]
    fn one_capital_finds_the_records_whose_strings_hold_it_as_written() {
        let index = embedded();
        let engine = Engine::new(&index);
        for letter in 'A'..='Z' {
            let q = Query::parse(&letter.to_string());
            let found: std::collections::BTreeSet<usize> = engine
                .search(&index, &q, None, usize::MAX)
                .hits
                .iter()
                .map(|h| h.record)
                .collect();
            let holding: std::collections::BTreeSet<usize> = (0..engine.records.len())
                .filter(|&r| {
                    fold(&engine.original(&index, &engine.records[r]), false).contains(letter)
                })
                .collect();
            assert_eq!(found, holding, "{letter}");
            if "ACDEGMNS".contains(letter) {
                assert!(!found.is_empty(), "{letter}");
            }
        }
    }

    #[test]
    fn the_few_kept_are_the_best_few_of_every_candidate_weighed_in_full() {
        // A record the bar turns away is not weighed for its tier; keeping only a few raises
        // the bar at once, and what is kept must still be the best of all, each at its tier.
        // The same once the engine is prepared: a letter's records are then weighed from
        // `firsts`, never by `consider`.
        let (index, engine, prepared) = unprepared_and_prepared();
        for text in [
            "e",
            "5",
            "co",
            "digital s",
            "s e",
            "blockchain | biometric | a",
            "'cloud | 5",
            "law !\"data protection\"",
            "section:C e",
            "cio | portal",
        ] {
            let q = Query::parse(text);
            let found = |engine: &Engine, keep| kept(engine, &index, &q, engine.driver(&q), keep);
            let (all, total) = found(&engine, usize::MAX);
            assert!(all.len() > 20, "{text}: {} candidates", all.len());
            assert_eq!(total, all.len(), "{text}");
            assert_eq!(found(&prepared, usize::MAX), (all.clone(), total), "{text}");
            for keep in [1, 5, 20] {
                let best = (all[..keep].to_vec(), total);
                assert_eq!(found(&engine, keep), best, "{text}: {keep}");
                assert_eq!(found(&prepared, keep), best, "{text}: {keep}, prepared");
            }
        }
    }

    #[test]
    fn a_bar_shared_from_another_core_keeps_the_candidate_it_came_from() {
        // One core keeps record 7 and shares it as the bar; another, made after, turns its
        // own worse record away; their merge still keeps record 7, whichever way round.
        let c = |record, score| Candidate {
            record,
            score,
            tier: 0,
        };
        for b_first in [true, false] {
            let shared = std::sync::Mutex::new(None);
            let mut a = Best::new(1, 0, &shared);
            a.push(c(7, 100));
            let mut b = Best::new(1, 0, &shared);
            assert_eq!(b.bar.map(|bar| bar.record), Some(7));
            b.push(c(3, 50));
            let found = if b_first { b.merge(a) } else { a.merge(b) }.finish();
            let kept: Vec<usize> = found.kept.iter().map(|c| c.record).collect();
            assert_eq!((kept, found.total), (vec![7], 2), "b first: {b_first}");
        }
    }

    #[test]
    fn a_prepared_engine_finds_what_an_unprepared_one_finds() {
        // Each query typed a character at a time (so that narrowing, too, is taken each way),
        // in the whole index and within two responses.
        let (index, plain, prepared) = unprepared_and_prepared();
        let queries = [
            "a",
            "m e",
            "5",
            "2020 e",
            "J",
            "M e",
            "'o",
            "\"o\" e",
            "x",
            "cloud | 5",
            "blockchain | a",
            "a | e",
            "national e",
            "e-government s",
            "s !data",
            "e !\"open data\"",
            "country:mng e",
            "section:C a",
            "topic:law d",
            "edition:2020 p",
            "q z",
        ];
        let mut letters = 0;
        for within in [None, Some(0), Some(3)] {
            for text in queries {
                for end in text.char_indices().map(|(i, c)| i + c.len_utf8()) {
                    let q = Query::parse(&text[..end]);
                    let a = plain.search(&index, &q, within, 50);
                    let b = prepared.search(&index, &q, within, 50);
                    assert_eq!(a, b, "{:?} within {within:?}", &text[..end]);
                    letters += usize::from(q.terms.iter().any(one_letter) && a.total > 0);
                }
            }
        }
        assert!(
            letters > 60,
            "{letters} searches with a letter alone found anything"
        );
    }

    #[test]
    fn one_packed_scan_finds_what_a_scan_per_needle_finds() {
        // And a letter or digit with a scan of its own, read from `firsts` once prepared.
        let index = embedded();
        let engine = Engine::new(&index);
        engine.prepare();
        let all = 0..engine.records.len();
        // Scopes leave runs of records; every third run of ten is scanned here.
        let runs: Vec<std::ops::Range<usize>> = all
            .clone()
            .step_by(30)
            .map(|a| a..(a + 10).min(all.end))
            .collect();
        let sets: [&[&str]; 11] = [
            &["e"],
            &["5", "q"],
            &["x", "cloud", "2"],
            &["blockchain", "biometric", "a"],
            &["blockchain", "biometric", "artificial"],
            &["cloud", "5"],
            &["art", "ar", "a"],
            &["portal", "port", "e-government"],
            &["zzqx", "qqq"],
            &["5g", "cloud"],
            &["data", "data"],
        ];
        for needles in sets {
            let matches = |packed: bool, firsts, runs: &[std::ops::Range<usize>]| {
                let mut out = Vec::new();
                let n = Needles::new(needles.iter().copied(), packed, |n| n == "a", firsts);
                engine.each_first_match(all.clone(), runs, &n, |r, at| out.push((r, at)));
                out
            };
            let firsts = engine.firsts();
            assert!(firsts.is_some());
            for runs in [std::slice::from_ref(&all), &runs[..]] {
                let scanned = matches(false, None, runs);
                assert!(
                    !scanned.is_empty() || needles == ["zzqx", "qqq"],
                    "{needles:?}"
                );
                assert_eq!(matches(true, None, runs), scanned, "{needles:?}");
                assert_eq!(matches(true, firsts, runs), scanned, "{needles:?}");
                assert_eq!(matches(false, firsts, runs), scanned, "{needles:?}");
            }
        }
    }

    #[test]
    fn trigram_pieces() {
        assert_eq!(trigrams("abcd"), ["abc", "bcd"]);
        assert_eq!(trigrams("ab"), ["ab"]);
        assert_eq!(trigrams("əbib").len(), 2);
    }
}
