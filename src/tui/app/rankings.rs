//! The rankings screen's state: every member state in one edition of the E-Government
//! Development Index, sorted by any column, filtered as you type (`region:` and `subregion:`
//! scopes included), the edition switched with `[` and `]`.

use super::list::ListFilter;
use crate::countries::{self, Country};
use crate::egdi::{Egdi, Figure, Scores};
use crate::tui::action::{Action, Mouse};
use crate::tui::input::LineInput;
use crate::tui::layout::{CompareAreas, Size};
use crate::tui::scroll::{Lines, Scroll};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A column of the rankings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Rank,
    Change,
    Country,
    Region,
    Figure(Figure),
}

impl Column {
    /// Every column, in the order the table shows them and `s` steps through them.
    pub const ALL: [Column; 9] = [
        Column::Rank,
        Column::Change,
        Column::Country,
        Column::Region,
        Column::Figure(Figure::Egdi),
        Column::Figure(Figure::Osi),
        Column::Figure(Figure::Hci),
        Column::Figure(Figure::Tii),
        Column::Figure(Figure::Epi),
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Rank => "Rank",
            Column::Change => "±",
            Column::Country => "Country",
            Column::Region => "Region",
            Column::Figure(f) => f.short(),
        }
    }

    /// What "sorted by" says of it.
    pub fn label(self) -> &'static str {
        match self {
            Column::Rank => "EGDI rank",
            Column::Change => "rank change",
            Column::Country => "name",
            Column::Region => "region",
            Column::Figure(f) => f.short(),
        }
    }
}

/// One state's row in an edition.
#[derive(Debug, Clone)]
pub struct RankRow<'a> {
    pub country: &'static Country,
    pub scores: &'a Scores,
    /// Places gained since the edition before (negative: lost), and that edition.
    pub change: Option<(u16, i64)>,
    pub region: &'a str,
    pub subregion: &'a str,
    /// The char positions in the name that the filter matched.
    pub matches: Vec<usize>,
    /// The name folded (accents aside), for ordering.
    key: String,
}

#[derive(Debug)]
pub struct RankingsView {
    pub year: u16,
    pub sort: Column,
    /// Reversed from the column's natural order (best first, or A to Z).
    pub reversed: bool,
    pub filter: LineInput,
    pub rows: Scroll,
}

impl RankingsView {
    /// The latest edition with figures, by EGDI rank; none when there are no figures at all.
    pub fn new(egdi: &Egdi) -> Option<RankingsView> {
        let year = *egdi.years().last()?;
        Some(RankingsView {
            year,
            sort: Column::Rank,
            reversed: false,
            filter: LineInput::new(),
            rows: Scroll::default(),
        })
    }

    /// The states of the edition that the filter keeps, in the chosen order.
    pub fn rows<'a>(&self, egdi: &'a Egdi) -> Vec<RankRow<'a>> {
        let Some(edition) = egdi.edition(self.year) else {
            return Vec::new();
        };
        let filter = ListFilter::parse(self.filter.text(), egdi);
        let matcher = SkimMatcherV2::default().smart_case();
        let mut rows: Vec<RankRow<'a>> = edition
            .states
            .iter()
            .filter_map(|(iso3, scores)| {
                let country = countries::by_iso3(iso3)?;
                let place = egdi.place(iso3);
                if !filter.keeps(place) {
                    return None;
                }
                let matches = if filter.text.is_empty() {
                    Vec::new()
                } else {
                    let hay = format!("{} {} {}", country.name, country.iso3, country.alpha2());
                    let (_, idx) = matcher.fuzzy_indices(&hay, &filter.text)?;
                    let len = country.name.chars().count();
                    idx.into_iter().filter(|&k| k < len).collect()
                };
                Some(RankRow {
                    country,
                    scores,
                    change: egdi.rank_change(iso3, self.year),
                    region: place.map_or("", |p| p.region.as_str()),
                    subregion: place.map_or("", |p| p.subregion.as_str()),
                    matches,
                    key: crate::ingest::scan::fold(country.name),
                })
            })
            .collect();
        // Missing values go last whichever way the column is read.
        rows.sort_by(|a, b| {
            let by = match self.sort {
                Column::Rank => missing_last(a.scores.rank, b.scores.rank, self.reversed),
                Column::Change => {
                    missing_last(a.change.map(|c| c.1), b.change.map(|c| c.1), !self.reversed)
                }
                Column::Figure(f) => missing_last(
                    a.scores.get(f).map(Ordered),
                    b.scores.get(f).map(Ordered),
                    !self.reversed,
                ),
                Column::Country => {
                    let o = a.key.cmp(&b.key);
                    if self.reversed { o.reverse() } else { o }
                }
                Column::Region => {
                    let o = (a.region, a.subregion).cmp(&(b.region, b.subregion));
                    if self.reversed { o.reverse() } else { o }
                }
            };
            by.then_with(|| missing_last(a.scores.rank, b.scores.rank, false))
                .then_with(|| a.key.cmp(&b.key))
        });
        rows
    }

    /// The focused row's state.
    pub fn focused(&self, egdi: &Egdi) -> Option<&'static Country> {
        self.rows(egdi).get(self.rows.focus).map(|r| r.country)
    }

    fn height(size: Size) -> usize {
        CompareAreas::at(size).body_rows()
    }

    /// Moves, pages, sorts and switches editions. Returns whether it did anything.
    pub(super) fn update(&mut self, action: &Action, egdi: &Egdi, size: Size) -> bool {
        let n = Lines(self.rows(egdi).len());
        let h = Self::height(size);
        match action {
            Action::Down | Action::Mouse(Mouse::ScrollDown { .. }) => self.rows.step(&n, h, 1),
            Action::Up | Action::Mouse(Mouse::ScrollUp { .. }) => self.rows.step(&n, h, -1),
            Action::PageDown => self.rows.step(&n, h, crate::tui::scroll::page_step(h)),
            Action::PageUp => self.rows.step(&n, h, -crate::tui::scroll::page_step(h)),
            Action::Top => self.rows.jump(&n, h, false),
            Action::Bottom => self.rows.jump(&n, h, true),
            Action::CycleSort | Action::CycleSortBack => {
                let k = Column::ALL
                    .iter()
                    .position(|c| *c == self.sort)
                    .unwrap_or(0);
                let step = if *action == Action::CycleSort {
                    1
                } else {
                    Column::ALL.len() - 1
                };
                self.sort = Column::ALL[(k + step) % Column::ALL.len()];
                self.reversed = false;
                self.keep_focus(egdi, None, size);
            }
            Action::ReverseSort => {
                self.reversed = !self.reversed;
                self.keep_focus(egdi, None, size);
            }
            Action::Edition(delta) => {
                let years = egdi.years();
                let k = years.iter().position(|y| *y == self.year).unwrap_or(0);
                let Some(&year) = years.get(k.saturating_add_signed(*delta)) else {
                    return false;
                };
                let focused = self.focused(egdi);
                self.year = year;
                self.keep_focus(egdi, focused, size);
            }
            Action::Edit(e) => {
                if !self.filter.apply(*e) {
                    return false;
                }
                self.rows = Scroll::default();
                // A filter that is a state's code focuses that state's row.
                if let Some((state, _)) = self.code_choice(egdi) {
                    self.keep_focus(egdi, Some(state), size);
                }
            }
            _ => return false,
        }
        true
    }

    /// When the filter's text is a member state's ISO code and the state is shown: the state,
    /// and the note for the hint line when other names shown begin with the code too.
    pub fn code_choice(&self, egdi: &Egdi) -> Option<(&'static Country, Option<String>)> {
        let filter = ListFilter::parse(self.filter.text(), egdi);
        let state = countries::by_code(&filter.text)?;
        let rows = self.rows(egdi);
        rows.iter().find(|r| r.country.iso3 == state.iso3)?;
        let names: Vec<&str> = rows.iter().map(|r| r.country.name).collect();
        Some((state, countries::code_note(&filter.text, state, &names)))
    }

    /// After a new order or edition: the same state focused, if it is still there.
    pub(super) fn keep_focus(&mut self, egdi: &Egdi, state: Option<&'static Country>, size: Size) {
        let state = state.or_else(|| self.focused(egdi));
        let rows = self.rows(egdi);
        let h = Self::height(size);
        let at = state.and_then(|s| rows.iter().position(|r| r.country.iso3 == s.iso3));
        self.rows.focus_on(&Lines(rows.len()), h, at.unwrap_or(0));
    }

    /// A click on a row of the table focuses it; returns whether it was a row.
    pub(super) fn click(&mut self, egdi: &Egdi, size: Size, column: u16, row: u16) -> bool {
        let a = CompareAreas::at(size);
        if !crate::tui::layout::contains(a.body, column, row) {
            return false;
        }
        let n = Lines(self.rows(egdi).len());
        match self.rows.row_at(&n, usize::from(row - a.body.y)) {
            Some(k) => {
                self.rows.focus = k;
                true
            }
            None => false,
        }
    }

    pub(super) fn settle(&mut self, egdi: &Egdi, size: Size) {
        let n = Lines(self.rows(egdi).len());
        let h = Self::height(size);
        self.rows.settle(&n, h);
        self.rows.show_focus(&n, h);
    }
}

/// Ascending (descending with `descending`), a missing value after every present one either way.
fn missing_last<T: Ord>(a: Option<T>, b: Option<T>, descending: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(a), Some(b)) if descending => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A published figure, ordered (figures are finite: the reader refuses NaN).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ordered(f64);

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl super::App {
    /// `R`: the rankings of the latest edition, or why there are none.
    pub(super) fn open_rankings(&mut self) {
        match RankingsView::new(&self.egdi) {
            Some(mut view) => {
                // Focused on the state the list has selected.
                let state = self
                    .list
                    .entry()
                    .and_then(|e| self.list.state_of(&self.index, e));
                view.keep_focus(&self.egdi, state, self.size);
                self.screen = super::Screen::Rankings(Box::new(view));
                self.modal = None;
            }
            None => self.fail("no EGDI figures to rank".into()),
        }
    }

    /// Keys on the rankings screen.
    pub(super) fn rankings_key(&mut self, action: Action) -> Option<crate::tui::action::Effect> {
        let (egdi, size) = (self.egdi.clone(), self.size);
        let super::Screen::Rankings(view) = &mut self.screen else {
            return None;
        };
        match action {
            Action::Back => self.screen = super::Screen::Browse,
            Action::StartFilter => self.modal = Some(super::Modal::RankingsFilter),
            Action::Accept => {
                let c = view.focused(&egdi)?;
                let entry = super::CountryList::entry_of_state(&self.index, c);
                let before = self.list.entry();
                self.screen = super::Screen::Browse;
                self.list.show_entry(&self.index, entry);
                self.focus = super::Focus::List;
                self.switched(before);
            }
            Action::ToggleMark => {
                let c = view.focused(&egdi)?;
                match super::CountryList::entry_of_state(&self.index, c) {
                    super::Entry::Response(r) => self.toggle_mark_of(r),
                    super::Entry::State(_) => self.fail(format!(
                        "{}: no questionnaire response in this index to compare; Enter shows \
                         its figures",
                        c.name
                    )),
                }
            }
            Action::OpenCompare => self.open_compare(),
            Action::Edition(_) => {
                if view.update(&action, &egdi, size) {
                    let year = view.year;
                    self.say(format!("the {year} edition"));
                } else {
                    let years = egdi.years();
                    let ends = (years.first(), years.last());
                    if let (Some(first), Some(last)) = ends {
                        self.say(format!("editions with figures run from {first} to {last}"));
                    }
                }
            }
            Action::CycleSort | Action::CycleSortBack | Action::ReverseSort => {
                view.update(&action, &egdi, size);
                let dir = if view.reversed { ", reversed" } else { "" };
                let text = format!("sorted by {}{dir}", view.sort.label());
                self.say(text);
            }
            action => {
                let edit = matches!(action, Action::Edit(_));
                view.update(&action, &egdi, size);
                if edit && let Some((_, Some(note))) = view.code_choice(&egdi) {
                    self.say(note);
                }
            }
        }
        None
    }

    /// Keys while the rankings' filter is typed.
    pub(super) fn rankings_filter_key(
        &mut self,
        action: Action,
    ) -> Option<crate::tui::action::Effect> {
        let (egdi, size) = (self.egdi.clone(), self.size);
        let super::Screen::Rankings(view) = &mut self.screen else {
            self.modal = None;
            return None;
        };
        match action {
            Action::Accept => self.modal = None,
            Action::Back => {
                view.filter.clear();
                view.rows = Scroll::default();
                self.modal = None;
            }
            action => {
                let edit = matches!(action, Action::Edit(_));
                view.update(&action, &egdi, size);
                if edit && let Some((_, Some(note))) = view.code_choice(&egdi) {
                    self.say(note);
                }
            }
        }
        None
    }
}
