//! The country list's state: every member state, with the responses the index holds; its
//! filter (with `region:` and `subregion:` scopes), its order, the selected row, the marks for
//! comparison, and the response viewed before, for `c` with nothing marked.

use crate::countries::{self, Country};
use crate::egdi::Egdi;
use crate::model::Index;
use crate::tui::action::{Action, Mouse};
use crate::tui::input::LineInput;
use crate::tui::layout::{Areas, Size};
use crate::tui::scroll::{Lines, Scroll};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;

/// What a row of the country list stands for: a response, or a member state the index holds
/// no response from (shown on a card of its own, with its published figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Response(usize),
    State(&'static Country),
}

/// A row of the country list: what it stands for, and the char positions in its name that the
/// filter matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub entry: Entry,
    pub matches: Vec<usize>,
}

impl ListRow {
    /// The response of the row, if it is one.
    pub fn response(&self) -> Option<usize> {
        match self.entry {
            Entry::Response(r) => Some(r),
            Entry::State(_) => None,
        }
    }
}

/// The order of the country list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// The states with a response first, then every other; each part by name.
    #[default]
    Responses,
    Name,
    /// By EGDI rank in the latest edition, best first.
    Rank,
    /// By places gained since the edition before, most first.
    Change,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Responses => Sort::Name,
            Sort::Name => Sort::Rank,
            Sort::Rank => Sort::Change,
            Sort::Change => Sort::Responses,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Responses => "responses first",
            Sort::Name => "by name",
            Sort::Rank => "by EGDI rank",
            Sort::Change => "by rank change",
        }
    }
}

/// A list filter read into its scopes and its text: "region:asia kaz" keeps the states of
/// Asia whose name holds "kaz". A scope's value takes as many of the words after it as still
/// begin a region's or sub-region's name, so it may hold spaces ("subregion:central asia").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub region: Option<String>,
    pub subregion: Option<String>,
    pub text: String,
}

impl ListFilter {
    pub fn parse(filter: &str, egdi: &Egdi) -> ListFilter {
        let mut out = ListFilter::default();
        let words: Vec<&str> = filter.split_whitespace().collect();
        let mut text: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let lower = words[i].to_lowercase();
            let (sub, first) = if let Some(v) = lower.strip_prefix("subregion:") {
                (true, v.to_string())
            } else if let Some(v) = lower.strip_prefix("region:") {
                (false, v.to_string())
            } else {
                text.push(words[i]);
                i += 1;
                continue;
            };
            let names = if sub {
                egdi.subregions()
            } else {
                egdi.regions()
            };
            let begins = |v: &str| names.iter().any(|n| n.to_lowercase().starts_with(v));
            let mut value = first;
            i += 1;
            while i < words.len() {
                let longer = if value.is_empty() {
                    words[i].to_lowercase()
                } else {
                    format!("{value} {}", words[i].to_lowercase())
                };
                if words[i].contains(':') || !begins(&longer) {
                    break;
                }
                value = longer;
                i += 1;
            }
            if sub {
                out.subregion = Some(value);
            } else {
                out.region = Some(value);
            }
        }
        out.text = text.join(" ");
        out
    }

    /// Why a scope keeps nothing, when its value begins no region's or sub-region's name:
    /// "no region \"zz\"; regions: Africa, Americas, Asia, Europe, Oceania".
    pub fn unknown_scope(&self, egdi: &Egdi) -> Option<String> {
        let check = |value: &Option<String>, kind: &str, names: Vec<&str>| {
            let v = value.as_deref()?;
            let known = names.iter().any(|n| Self::fits(v, n));
            (!known).then(|| format!("no {kind} \"{}\"; {kind}s: {}", v.trim(), names.join(", ")))
        };
        check(&self.region, "region", egdi.regions())
            .or_else(|| check(&self.subregion, "sub-region", egdi.subregions()))
    }

    /// Whether a region or sub-region name answers to a scope's value: case aside, the whole
    /// name or the start of it.
    fn fits(value: &str, name: &str) -> bool {
        let v = value.trim().to_lowercase();
        v.is_empty() || name.to_lowercase().starts_with(&v)
    }

    pub(super) fn keeps(&self, place: Option<&crate::egdi::Place>) -> bool {
        let region = self
            .region
            .as_deref()
            .is_none_or(|v| place.is_some_and(|p| Self::fits(v, &p.region)));
        let subregion = self
            .subregion
            .as_deref()
            .is_none_or(|v| place.is_some_and(|p| Self::fits(v, &p.subregion)));
        region && subregion
    }
}

#[derive(Debug)]
pub struct CountryList {
    pub filter: LineInput,
    /// The selected row's entry.
    selected: Option<Entry>,
    /// The first row shown.
    pub offset: usize,
    /// The entry selected when the filter started, to come back to when it is cleared, unless
    /// a row was chosen while it was on (moved to, or kept with Enter).
    anchor: Option<Entry>,
    chosen: bool,
    /// Responses marked for comparison, in the order they were marked.
    pub marked: Vec<usize>,
    /// The response viewed before the current one, for `c` with nothing marked.
    pub previous: Option<usize>,
    /// Only the states the index holds a response from.
    pub responses_only: bool,
    pub sort: Sort,
    /// The figures that place and order the states.
    egdi: Arc<Egdi>,
}

impl CountryList {
    pub fn new(index: &Index, egdi: Arc<Egdi>) -> CountryList {
        let mut list = CountryList {
            filter: LineInput::new(),
            selected: None,
            offset: 0,
            anchor: None,
            chosen: false,
            marked: Vec::new(),
            previous: None,
            responses_only: false,
            sort: Sort::default(),
            egdi,
        };
        // The first response is where the browser opens.
        list.selected = (!index.responses.is_empty())
            .then_some(Entry::Response(0))
            .or_else(|| list.rows(index).first().map(|r| r.entry));
        list
    }

    pub fn egdi(&self) -> &Egdi {
        &self.egdi
    }

    /// The member state of an entry: a response's by its ISO code (none for a code the table
    /// does not hold), or the state itself.
    pub fn state_of(&self, index: &Index, entry: Entry) -> Option<&'static Country> {
        match entry {
            Entry::Response(r) => countries::by_iso3(&index.responses.get(r)?.iso3),
            Entry::State(c) => Some(c),
        }
    }

    /// The name a row shows.
    pub fn name(index: &Index, entry: Entry) -> &str {
        match entry {
            Entry::Response(r) => index.responses.get(r).map_or("", |r| r.country.as_str()),
            Entry::State(c) => c.name,
        }
    }

    /// The rows the filter keeps, in the list's order: every response, and unless
    /// `responses_only`, every member state the index holds none from.
    pub fn rows(&self, index: &Index) -> Vec<ListRow> {
        let mut entries = self.entries(index);
        self.order(index, &mut entries);
        let filter = ListFilter::parse(self.filter.text(), &self.egdi);
        let scoped = filter.region.is_some() || filter.subregion.is_some();
        let matcher = SkimMatcherV2::default().smart_case();
        let code = countries::by_code(&filter.text);
        entries
            .into_iter()
            .filter_map(|entry| {
                if scoped {
                    let place = self
                        .state_of(index, entry)
                        .and_then(|c| self.egdi.place(c.iso3));
                    if !filter.keeps(place) {
                        return None;
                    }
                }
                if filter.text.is_empty() {
                    return Some(ListRow {
                        entry,
                        matches: Vec::new(),
                    });
                }
                let name = Self::name(index, entry);
                let haystack = match entry {
                    Entry::Response(r) => {
                        let r = &index.responses[r];
                        format!("{} {} {}", r.country, r.iso3, r.edition)
                    }
                    Entry::State(c) => format!("{} {}", c.name, c.iso3),
                };
                // A state's alpha-2 code keeps its row, though it is not in the fuzzy haystack:
                // there its letters would match across names and codes ("qqq" in "Qatar QAT
                // QA").
                let by_code = code.is_some_and(|c| {
                    self.state_of(index, entry)
                        .is_some_and(|s| s.iso3 == c.iso3)
                });
                let idx = match matcher.fuzzy_indices(&haystack, &filter.text) {
                    Some((_, idx)) => idx,
                    None if by_code => Vec::new(),
                    None => return None,
                };
                let name_len = name.chars().count();
                Some(ListRow {
                    entry,
                    matches: idx.into_iter().filter(|&k| k < name_len).collect(),
                })
            })
            .collect()
    }

    /// Puts entries in the list's order; ties, and states without figures, by name.
    fn order(&self, index: &Index, entries: &mut [Entry]) {
        let latest = self.egdi.years().last().copied();
        // One key per entry, worked out once: the order's own figure, then the name folded
        // (accents aside) and the edition.
        entries.sort_by_cached_key(|&e| {
            let iso3 = self.state_of(index, e).map(|c| c.iso3);
            let first: i64 = match (self.sort, latest) {
                (Sort::Responses, _) => i64::from(matches!(e, Entry::State(_))),
                (Sort::Name, _) | (_, None) => 0,
                (Sort::Rank, Some(year)) => iso3
                    .and_then(|c| self.egdi.scores(c, year))
                    .and_then(|s| s.rank)
                    .map_or(i64::MAX, i64::from),
                // Most places gained first; none to compare with last.
                (Sort::Change, Some(year)) => iso3
                    .and_then(|c| self.egdi.rank_change(c, year))
                    .map_or(i64::MAX, |(_, n)| -n),
            };
            let edition = match e {
                Entry::Response(r) => {
                    let r = &index.responses[r];
                    (r.edition, r.kind)
                }
                Entry::State(_) => (0, crate::model::Kind::Questionnaire),
            };
            (
                first,
                crate::ingest::scan::fold(Self::name(index, e)),
                edition,
            )
        });
    }

    /// Every response, and unless `responses_only`, every member state the index holds none
    /// from; in no order.
    fn entries(&self, index: &Index) -> Vec<Entry> {
        let mut entries: Vec<Entry> = (0..index.responses.len()).map(Entry::Response).collect();
        if !self.responses_only {
            let held: std::collections::HashSet<String> = index
                .responses
                .iter()
                .map(|r| r.iso3.to_ascii_uppercase())
                .collect();
            entries.extend(
                countries::MEMBER_STATES
                    .iter()
                    .filter(|c| !held.contains(c.iso3))
                    .map(Entry::State),
            );
        }
        entries
    }

    /// How many rows there are before the filter.
    pub fn unfiltered_len(&self, index: &Index) -> usize {
        self.entries(index).len()
    }

    /// The selected row's entry.
    pub fn entry(&self) -> Option<Entry> {
        self.selected
    }

    /// The selected response, if the selection is one.
    pub fn selected(&self) -> Option<usize> {
        match self.selected? {
            Entry::Response(r) => Some(r),
            Entry::State(_) => None,
        }
    }

    /// The selected row.
    pub fn row(&self, rows: &[ListRow]) -> usize {
        self.selected
            .and_then(|s| rows.iter().position(|r| r.entry == s))
            .unwrap_or(0)
    }

    /// The list's own keys (moves, the filter's edits, Esc clearing it) and the wheel. Returns
    /// whether another response is selected now.
    pub(super) fn update(&mut self, action: &Action, index: &Index, size: Size) -> bool {
        let before = self.selected;
        if !self.filter.is_empty()
            && matches!(
                action,
                Action::Up
                    | Action::Down
                    | Action::PageUp
                    | Action::PageDown
                    | Action::Top
                    | Action::Bottom
            )
        {
            self.chosen = true;
        }
        match action {
            Action::Up | Action::Mouse(Mouse::ScrollUp { .. }) => {
                self.scroll(index, size, |s, r, h| s.step(r, h, -1))
            }
            Action::Down | Action::Mouse(Mouse::ScrollDown { .. }) => {
                self.scroll(index, size, |s, r, h| s.step(r, h, 1))
            }
            Action::PageUp | Action::PageDown => {
                let sign = if *action == Action::PageDown { 1 } else { -1 };
                self.scroll(index, size, |s, r, h| {
                    let row = s.focus.saturating_add_signed(sign * h.max(1) as isize);
                    s.focus_on(r, h, row);
                })
            }
            Action::Top => self.scroll(index, size, |s, r, h| s.jump(r, h, false)),
            Action::Bottom => self.scroll(index, size, |s, r, h| s.jump(r, h, true)),
            Action::Back => {
                self.filter.clear();
                self.settle(index, size);
            }
            Action::Edit(e) if self.filter.apply(*e) => {
                self.edited();
                self.settle(index, size);
                // A filter that is a state's code chooses that state's row.
                if let Some((entry, _)) = self.code_choice(index) {
                    self.selected = Some(entry);
                    self.settle(index, size);
                }
            }
            _ => {}
        }
        self.selected != before
    }

    /// When the filter's text is a member state's ISO code and the state has a row: that row
    /// (the first, in the list's order), and the note for the hint line when other names shown
    /// begin with the code too.
    pub fn code_choice(&self, index: &Index) -> Option<(Entry, Option<String>)> {
        let filter = ListFilter::parse(self.filter.text(), &self.egdi);
        let state = countries::by_code(&filter.text)?;
        let rows = self.rows(index);
        let entry = rows
            .iter()
            .find(|r| {
                self.state_of(index, r.entry)
                    .is_some_and(|c| c.iso3 == state.iso3)
            })?
            .entry;
        let names: Vec<&str> = rows.iter().map(|r| Self::name(index, r.entry)).collect();
        Some((entry, countries::code_note(&filter.text, state, &names)))
    }

    /// The filter set whole (from the history).
    pub(super) fn set_filter(&mut self, text: &str, index: &Index, size: Size) -> bool {
        let before = self.selected;
        self.filter.set(text);
        self.edited();
        self.settle(index, size);
        self.selected != before
    }

    /// A click on row `k` of the list's view.
    pub(super) fn click(&mut self, k: usize, index: &Index, size: Size) -> bool {
        let before = self.selected;
        if !self.filter.is_empty() {
            self.chosen = true;
        }
        self.scroll(index, size, |s, r, h| {
            let target = s.offset + k;
            if target < r.0 {
                s.focus_on(r, h, target);
            }
        });
        self.selected != before
    }

    /// Moves the selection by the list's scroll rules.
    fn scroll(&mut self, index: &Index, size: Size, f: impl FnOnce(&mut Scroll, &Lines, usize)) {
        let rows = self.rows(index);
        let height = Areas::at(size).map_or(1, |a| a.list_rows());
        let mut s = Scroll {
            focus: self.row(&rows),
            offset: self.offset,
        };
        f(&mut s, &Lines(rows.len()), height);
        self.offset = s.offset;
        self.selected = rows.get(s.focus).map(|r| r.entry);
    }

    /// Keeps the selection on a row the filter shows, and the list's window around it.
    pub(super) fn settle(&mut self, index: &Index, size: Size) {
        let rows = self.rows(index);
        if !self
            .selected
            .is_some_and(|s| rows.iter().any(|r| r.entry == s))
        {
            let keep = |c: Option<Entry>| c.filter(|c| rows.iter().any(|r| r.entry == *c));
            self.selected = keep(self.anchor).or_else(|| rows.first().map(|r| r.entry));
        }
        let height = Areas::at(size).map_or(1, |a| a.list_rows());
        let mut s = Scroll {
            focus: self.row(&rows),
            offset: self.offset,
        };
        s.settle(&Lines(rows.len()), height);
        s.show_focus(&Lines(rows.len()), height);
        self.offset = s.offset;
        // Back to no filter: back to the place it started from, unless a row was chosen.
        if self.filter.is_empty() {
            if let Some(a) = self.anchor.take()
                && !std::mem::take(&mut self.chosen)
                && rows.iter().any(|r| r.entry == a)
            {
                self.selected = Some(a);
                let mut s = Scroll {
                    focus: self.row(&rows),
                    offset: self.offset,
                };
                s.show_focus(&Lines(rows.len()), height);
                self.offset = s.offset;
            }
            self.chosen = false;
        }
    }

    /// The row the filter shows is kept (Enter): clearing the filter stays on it.
    pub(super) fn keep(&mut self) {
        if !self.filter.is_empty() {
            self.chosen = true;
        }
    }

    /// The filter changed: remember where the selection was when it started.
    fn edited(&mut self) {
        if self.anchor.is_none() && !self.filter.is_empty() {
            self.anchor = self.selected;
        }
    }

    /// Makes a response visible and selected, clearing a filter that hides it. Returns whether
    /// it is in the list at all.
    pub fn show(&mut self, index: &Index, response: usize) -> bool {
        if response >= index.responses.len() {
            return false;
        }
        self.show_entry(index, Entry::Response(response));
        true
    }

    /// Makes an entry visible and selected, clearing a filter (or "responses only") that hides
    /// it.
    pub fn show_entry(&mut self, index: &Index, entry: Entry) {
        if matches!(entry, Entry::State(_)) {
            self.responses_only = false;
        }
        if !self.rows(index).iter().any(|r| r.entry == entry) {
            self.filter.clear();
            self.anchor = None;
        }
        if self.selected != Some(entry)
            && let Some(Entry::Response(r)) = self.selected
        {
            self.previous = Some(r);
        }
        self.selected = Some(entry);
    }

    /// The row of a member state: its latest response, or the state itself.
    pub fn entry_of_state(index: &Index, country: &'static Country) -> Entry {
        index
            .responses
            .iter()
            .enumerate()
            .filter(|(_, r)| r.iso3.eq_ignore_ascii_case(country.iso3))
            .max_by_key(|(_, r)| (r.edition, std::cmp::Reverse(r.kind)))
            .map_or(Entry::State(country), |(i, _)| Entry::Response(i))
    }

    /// Shows every state or only those with a response, keeping the selection where it can.
    pub(super) fn toggle_responses_only(&mut self, index: &Index, size: Size) -> bool {
        let before = self.selected;
        self.responses_only = !self.responses_only;
        self.settle(index, size);
        self.selected != before
    }

    /// The next order, the selection kept.
    pub(super) fn cycle_sort(&mut self, index: &Index, size: Size) {
        self.sort = self.sort.next();
        self.offset = 0;
        self.settle(index, size);
    }

    /// The responses `c` would compare: the marked ones, or with none marked, the one before
    /// and the current one; the current one joins a single mark.
    pub fn compare_choice(&self, current: Option<usize>) -> Vec<usize> {
        let mut chosen = self.marked.clone();
        if let Some(current) = current {
            if chosen.is_empty() {
                if let Some(previous) = self.previous.filter(|p| *p != current) {
                    chosen = vec![previous, current];
                }
            } else if chosen.len() == 1 && !chosen.contains(&current) {
                chosen.push(current);
            }
        }
        chosen
    }
}
