//! Search's state: the query line, the scope, the newest results and the chosen hit. The hits
//! stay when the overlay closes, for `n` and `N`; `/` starts a fresh query line.

use super::{Focus, browse};
use crate::search::{Query, Results};
use crate::tui::action::{Action, Effect, Mouse};
use crate::tui::input::LineInput;
use crate::tui::keymap;
use crate::tui::layout::{self, SearchAreas, Size};
use crate::tui::scroll::{Lines, Scroll};

#[derive(Debug, Default)]
pub struct Search {
    pub input: LineInput,
    /// The query the results are for: the input line once it is searched, and what `n`/`N`
    /// step through after the line is cleared.
    pub searched: String,
    /// Search the current response only (Tab switches).
    pub current_only: bool,
    /// The response the current-only scope is about.
    pub within: Option<usize>,
    /// Which search the shown results must come from; a newer keystroke bumps it.
    pub generation: u64,
    pub results: Results,
    /// The exact hits are in; the typo-tolerant pass is still running.
    pub refining: bool,
    /// The worker's engine is still being made (an index without stored search data): a
    /// search waits for it, and says so.
    pub indexing: bool,
    /// The chosen hit and the first hit row shown.
    pub hits: Scroll,
    /// Which match of the chosen hit `n`/`N` are at.
    pub occurrence: usize,
    /// How many hits were asked for: a page more each time the list is scrolled to its end.
    pub limit: usize,
}

/// What a click in the overlay asks for.
pub enum Click {
    Jump,
    Close,
    Nothing,
}

impl Search {
    /// The query whose matches the reader marks: the last search's, while it has hits.
    pub fn highlight(&self) -> &str {
        if self.results.hits.is_empty() {
            ""
        } else {
            &self.searched
        }
    }

    /// How many matches a hit shows: an item's in the reader, a contact block one.
    fn matches_of(index: &crate::model::Index, hit: &crate::search::Hit, q: &Query) -> usize {
        let r = &index.responses[hit.response];
        match hit.source {
            crate::search::Source::Item { section, item } => {
                let it = &r.sections[section as usize].items[item as usize];
                crate::tui::ui::item::match_count(it, q).max(1)
            }
            _ => 1,
        }
    }

    /// `n`/`N`: on to the next or back to the previous match, through the chosen hit's matches
    /// and on across hits (and so across items and countries). Returns where that is among all
    /// the matches of the hits, from 1, and how many there are.
    pub(super) fn step_match(
        &mut self,
        index: &crate::model::Index,
        delta: isize,
    ) -> (usize, usize) {
        let q = self.query();
        let counts: Vec<usize> = self
            .results
            .hits
            .iter()
            .map(|h| Self::matches_of(index, h, &q))
            .collect();
        let total: usize = counts.iter().sum();
        if total == 0 {
            return (0, 0);
        }
        let k = self.hits.focus.min(counts.len() - 1);
        let before: usize = counts[..k].iter().sum();
        let here = before + self.occurrence.min(counts[k] - 1);
        let next = (here as isize + delta).rem_euclid(total as isize) as usize;
        // Back to a hit and a match within it.
        let mut seen = 0;
        for (i, c) in counts.iter().enumerate() {
            if next < seen + c {
                self.hits.focus = i;
                self.occurrence = next - seen;
                break;
            }
            seen += c;
        }
        (next + 1, total)
    }

    /// The query the results are for, parsed.
    pub fn query(&self) -> Query {
        Query::parse(&self.searched)
    }

    /// The chosen hit's preview, made by the search engine's own function.
    pub fn preview(&self, index: &crate::model::Index) -> Option<crate::search::Preview> {
        let hit = self.results.hits.get(self.hits.focus)?;
        Some(crate::search::preview(index, hit, &self.query()))
    }

    /// `/`: an empty line; the earlier hits stay until something is typed.
    pub fn open_fresh(&mut self) {
        self.input.clear();
    }

    fn rows(size: Size) -> usize {
        SearchAreas::at(size).map_or(1, |a| usize::from(a.list.height).max(1))
    }

    pub(super) fn update(
        &mut self,
        action: &Action,
        current: Option<usize>,
        size: Size,
    ) -> Option<Effect> {
        let n = Lines(self.results.hits.len());
        let h = Self::rows(size);
        match action {
            Action::Edit(e) if self.input.apply(*e) => return self.new_search(current),
            Action::ToggleScope => {
                self.current_only = !self.current_only;
                return self.new_search(current);
            }
            Action::Up => self.hits.step(&n, h, -1),
            Action::Down => self.hits.step(&n, h, 1),
            Action::PageUp => self.hits.scroll_by(&n, h, -(h as isize)),
            Action::PageDown => self.hits.scroll_by(&n, h, h as isize),
            _ => {}
        }
        // Another hit chosen: `n` starts from its first match.
        self.occurrence = 0;
        self.more()
    }

    /// Asks for a search of the query line; results for older queries will be ignored.
    pub(super) fn new_search(&mut self, current: Option<usize>) -> Option<Effect> {
        self.generation += 1;
        self.hits = Scroll::default();
        self.occurrence = 0;
        self.limit = crate::tui::worker::HITS;
        self.within = if self.current_only { current } else { None };
        self.searched = self.input.text().to_string();
        let parsed = Query::parse(&self.searched);
        if parsed.is_empty() {
            // Nothing to ask the engine; the problems (a lone "!") still show.
            self.results = Results {
                problems: parsed.problems,
                ..Results::default()
            };
            self.refining = false;
            return None;
        }
        self.refining = true;
        Some(self.job())
    }

    /// The search of the current query, scope and limit, for the worker.
    fn job(&self) -> Effect {
        Effect::Search {
            generation: self.generation,
            query: self.searched.clone(),
            within: self.within,
            limit: self.limit,
        }
    }

    /// At the end of the list, with more hits than it holds: asks for the next page, keeping
    /// the chosen hit where it is.
    fn more(&mut self) -> Option<Effect> {
        let shown = self.results.hits.len();
        let at_end = self.hits.focus + 1 >= shown;
        if !at_end || self.refining || shown == 0 || self.results.total <= shown {
            return None;
        }
        self.generation += 1;
        self.limit = shown + crate::tui::worker::HITS;
        self.refining = true;
        Some(self.job())
    }

    /// Takes results only from the newest search: a slow older one can never overwrite them.
    pub(super) fn take_results(&mut self, generation: u64, results: Results, complete: bool) {
        if generation != self.generation {
            return;
        }
        // The exact hits stay chosen as typo-tolerant ones merge in below them.
        let keep = self.results.hits.get(self.hits.focus).cloned();
        self.results = results;
        self.refining = !complete;
        self.hits.focus = keep
            .and_then(|k| {
                self.results
                    .hits
                    .iter()
                    .position(|h| h.response == k.response && h.source == k.source)
            })
            .unwrap_or(0);
    }

    pub(super) fn settle(&mut self, size: Size) {
        let n = Lines(self.results.hits.len());
        let h = Self::rows(size);
        self.hits.settle(&n, h);
        self.hits.show_focus(&n, h);
    }

    /// A click picks a hit (a click on the chosen one jumps to it), the wheel moves through
    /// the hits, a click outside closes the overlay.
    pub(super) fn mouse(&mut self, m: Mouse, size: Size) -> Click {
        let Some(a) = SearchAreas::at(size) else {
            return Click::Nothing;
        };
        let n = Lines(self.results.hits.len());
        let h = Self::rows(size);
        match m {
            Mouse::Click { column, row } if layout::contains(a.list, column, row) => {
                match self.hits.row_at(&n, usize::from(row - a.list.y)) {
                    Some(k) if k == self.hits.focus => return Click::Jump,
                    Some(k) => {
                        self.hits.focus = k;
                        self.occurrence = 0;
                    }
                    None => {}
                }
            }
            Mouse::Click { column, row } if super::outside(a.popup, column, row) => {
                return Click::Close;
            }
            Mouse::Click { .. } => {}
            Mouse::ScrollUp { .. } => self.hits.focus_on(&n, h, self.hits.focus.saturating_sub(3)),
            Mouse::ScrollDown { .. } => self.hits.focus_on(&n, h, self.hits.focus + 3),
        }
        Click::Nothing
    }
}

impl super::App {
    /// The search overlay's key handling.
    pub(super) fn search_key(&mut self, action: Action) -> Option<Effect> {
        let current = self.current_response();
        match action {
            Action::Accept if !self.search.results.hits.is_empty() => self.close_search(true),
            Action::Accept => None,
            Action::Back => self.close_search(false),
            Action::ToggleMark => {
                if let Some(r) = self
                    .search
                    .results
                    .hits
                    .get(self.search.hits.focus)
                    .map(|h| h.response)
                {
                    self.toggle_mark_of(r);
                }
                None
            }
            Action::HistoryOlder | Action::HistoryNewer => {
                let kind = crate::tui::history::Kind::Search;
                let text = self.search.input.text().to_string();
                let found = if action == Action::HistoryOlder {
                    self.history.older(kind, &text)
                } else {
                    self.history.newer(kind, &text)
                };
                match found {
                    Some(q) => {
                        self.search.input.set(&q);
                        self.search.new_search(current)
                    }
                    None => None,
                }
            }
            action => {
                if matches!(action, Action::Edit(_)) {
                    self.history.reset_walk();
                }
                self.search.update(&action, current, self.size)
            }
        }
    }

    /// Closes search, by key or by click, keeping its query in the history; `jump` shows the
    /// chosen hit.
    pub(super) fn close_search(&mut self, jump: bool) -> Option<Effect> {
        self.remember_search();
        self.modal = None;
        if jump {
            self.jump_to_hit();
        }
        self.save_history()
    }

    fn remember_search(&mut self) {
        let q = self.search.input.text().trim().to_string();
        if !q.is_empty() {
            self.history.push(crate::tui::history::Kind::Search, &q);
        }
        self.history.reset_walk();
    }

    pub(super) fn save_history(&self) -> Option<Effect> {
        Some(Effect::SaveHistory {
            path: self.history_path.clone()?,
            history: self.history.clone(),
        })
    }

    /// `n` / `N`: the next or previous hit, shown in the browser.
    pub(super) fn step_hit(&mut self, delta: isize) {
        let n = self.search.results.hits.len();
        if n == 0 {
            let key = keymap::key(self.screen_mode(), &Action::OpenSearch);
            self.fail(format!("no search hits: press {key} to search"));
            return;
        }
        let (at, total) = self.search.step_match(&self.index, delta);
        self.jump_to_hit();
        self.say(format!("match {at} of {total}"));
    }

    /// Shows the selected hit: its response, tab and item, focused and in view.
    pub(super) fn jump_to_hit(&mut self) {
        let Some(hit) = self
            .search
            .results
            .hits
            .get(self.search.hits.focus)
            .cloned()
        else {
            return;
        };
        if !self.list.show(&self.index, hit.response) {
            return;
        }
        let (tab, item) = match hit.source {
            crate::search::Source::Item { section, item } => (section as usize + 1, item as usize),
            crate::search::Source::Respondent | crate::search::Source::Cio => (0, 0),
        };
        self.focus = Focus::Content;
        let shown = browse::Shown {
            index: &self.index,
            egdi: &self.egdi,
            entry: Some(super::Entry::Response(hit.response)),
            size: self.size,
            theme: self.theme,
            query: self.search.highlight(),
        };
        self.reader
            .open_at_match(shown, tab, item, self.search.occurrence);
    }
}
