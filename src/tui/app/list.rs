//! The country list's state: its filter, the selected response, the marks for comparison, and
//! the response viewed before, for `c` with nothing marked.

use crate::model::Index;
use crate::tui::action::{Action, Mouse};
use crate::tui::input::LineInput;
use crate::tui::layout::{Areas, Size};
use crate::tui::scroll::{Lines, Scroll};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A row of the country list: a response, and the char positions in its country name that the
/// filter matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub response: usize,
    pub matches: Vec<usize>,
}

#[derive(Debug)]
pub struct CountryList {
    pub filter: LineInput,
    /// The selected response, as an index into `index.responses`.
    selected: Option<usize>,
    /// The first row shown.
    pub offset: usize,
    /// The response selected when the filter started, to come back to.
    anchor: Option<usize>,
    /// Responses marked for comparison, in the order they were marked.
    pub marked: Vec<usize>,
    /// The response viewed before the current one, for `c` with nothing marked.
    pub previous: Option<usize>,
}

impl CountryList {
    pub fn new(index: &Index) -> CountryList {
        CountryList {
            filter: LineInput::new(),
            selected: (!index.responses.is_empty()).then_some(0),
            offset: 0,
            anchor: None,
            marked: Vec::new(),
            previous: None,
        }
    }

    /// The rows the filter keeps, in index order.
    pub fn rows(&self, index: &Index) -> Vec<ListRow> {
        let filter = self.filter.text();
        if filter.trim().is_empty() {
            return (0..index.responses.len())
                .map(|response| ListRow {
                    response,
                    matches: Vec::new(),
                })
                .collect();
        }
        let matcher = SkimMatcherV2::default().smart_case();
        index
            .responses
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let haystack = format!("{} {} {}", r.country, r.iso3, r.edition);
                let (_, idx) = matcher.fuzzy_indices(&haystack, filter)?;
                let name_len = r.country.chars().count();
                Some(ListRow {
                    response: i,
                    matches: idx.into_iter().filter(|&k| k < name_len).collect(),
                })
            })
            .collect()
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The selected response's row.
    pub fn row(&self, rows: &[ListRow]) -> usize {
        self.selected
            .and_then(|s| rows.iter().position(|r| r.response == s))
            .unwrap_or(0)
    }

    /// The list's own keys (moves, the filter's edits, Esc clearing it) and the wheel. Returns
    /// whether another response is selected now.
    pub(super) fn update(&mut self, action: &Action, index: &Index, size: Size) -> bool {
        let before = self.selected;
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
            }
            _ => {}
        }
        self.selected != before
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
        self.selected = rows.get(s.focus).map(|r| r.response);
    }

    /// Keeps the selection on a row the filter shows, and the list's window around it.
    pub(super) fn settle(&mut self, index: &Index, size: Size) {
        let rows = self.rows(index);
        if !self
            .selected
            .is_some_and(|s| rows.iter().any(|r| r.response == s))
        {
            let keep = |c: Option<usize>| c.filter(|c| rows.iter().any(|r| r.response == *c));
            self.selected = keep(self.anchor).or_else(|| rows.first().map(|r| r.response));
        }
        let height = Areas::at(size).map_or(1, |a| a.list_rows());
        let mut s = Scroll {
            focus: self.row(&rows),
            offset: self.offset,
        };
        s.settle(&Lines(rows.len()), height);
        s.show_focus(&Lines(rows.len()), height);
        self.offset = s.offset;
        // Back to no filter: the place it started from has been come back to.
        if self.filter.is_empty() {
            self.anchor = None;
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
        if !self.rows(index).iter().any(|r| r.response == response) {
            self.filter.clear();
            self.anchor = None;
        }
        if self.selected != Some(response) {
            self.previous = self.selected;
        }
        self.selected = Some(response);
        true
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
