//! The browser's state and [`App::update`], the only place it changes. Rendering reads an
//! `&App`; geometry comes from `view`, computed from the state, never stored by the renderer.

use super::action::{Action, Effect, Mouse};
use super::keymap::{self, Mode};
use super::theme::Theme;
use super::view::{self, Areas, Page};
use crate::browser;
use crate::model::{Index, Response, Section};
use crate::search::{Results, Source};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Arc;

mod compare;
pub use compare::{CompareState, body as compare_body};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Content,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    Picker {
        title: String,
        links: Vec<String>,
        selected: usize,
    },
}

/// The search overlay's state. The query stays when the overlay closes, for `/` and `n`/`N`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    pub open: bool,
    pub query: String,
    /// `query`, parsed once per keystroke.
    pub parsed: crate::search::Query,
    /// Search the current response only (Tab switches).
    pub current_only: bool,
    /// Which search the shown results must come from; a newer keystroke bumps it.
    pub generation: u64,
    /// The generation `results` came from.
    pub results_generation: u64,
    pub results: Results,
    /// The exact hits are in; the typo-tolerant pass is still running.
    pub refining: bool,
    pub selected: usize,
    /// The first row of the hit list shown.
    pub offset: usize,
    /// The response the current-only scope is about.
    pub within: Option<usize>,
    /// The selected hit's whole text, with the byte ranges of every match in it.
    pub preview: Option<Preview>,
    /// The results generation and record the preview was made for: it is made again only
    /// when another hit is selected or new results come in, not on every key.
    preview_of: Option<(u64, usize)>,
}

/// What the search preview shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub title: String,
    pub text: String,
    pub matches: Vec<std::ops::Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug)]
pub struct App {
    /// Shared with the search worker.
    pub index: Arc<Index>,
    /// Which index is loaded, for the status bar: "built-in index" or a path.
    pub index_label: String,
    pub theme: Theme,
    pub width: u16,
    pub height: u16,
    pub focus: Focus,
    pub overlay: Overlay,
    /// The country filter, and whether it is being typed.
    pub filter: String,
    pub filtering: bool,
    /// The response selected when the filter started, to come back to.
    filter_anchor: Option<usize>,
    /// For each visible row, the char positions in its country name the filter matched.
    pub filter_matches: Vec<Vec<usize>>,
    /// The responses the list shows, as indices into `index.responses`.
    pub visible: Vec<usize>,
    /// The selected row of the list.
    pub selected: usize,
    /// The first row the list shows.
    pub list_offset: usize,
    /// 0 is Overview; k is section k-1.
    pub tab: usize,
    /// The focused item of a section tab.
    pub item: usize,
    /// The first line of the tab's page that the body shows.
    pub scroll: usize,
    pub status: Option<Status>,
    /// Set when the browser should exit, with the exit code.
    pub exit: Option<i32>,
    pub search: SearchState,
    /// Responses marked for comparison, in the order they were marked.
    pub marked: Vec<usize>,
    /// The response viewed before the current one, for `c` with nothing marked.
    pub previous: Option<usize>,
    /// The comparison, while it is open.
    pub compare: Option<CompareState>,
    /// The current tab's wrapped page, rebuilt by `update` when its key changes.
    page: Page,
    page_key: Option<PageKey>,
}

/// What a page depends on: the response, the tab, and the width it wraps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PageKey {
    response: usize,
    tab: usize,
    width: usize,
}

impl App {
    pub fn new(index: Index, index_label: String, theme: Theme, width: u16, height: u16) -> App {
        let visible = (0..index.responses.len()).collect();
        let mut app = App {
            index: Arc::new(index),
            index_label,
            theme,
            width,
            height,
            focus: Focus::List,
            overlay: Overlay::None,
            filter: String::new(),
            filtering: false,
            filter_anchor: None,
            filter_matches: Vec::new(),
            visible,
            selected: 0,
            list_offset: 0,
            tab: 0,
            item: 0,
            scroll: 0,
            status: None,
            exit: None,
            search: SearchState::default(),
            marked: Vec::new(),
            previous: None,
            compare: None,
            page: Page::default(),
            page_key: None,
        };
        app.settle();
        app
    }

    pub fn mode(&self) -> Mode {
        match (&self.overlay, self.filtering, self.focus) {
            (Overlay::Help { .. }, _, _) => Mode::Help,
            (Overlay::Picker { .. }, _, _) => Mode::Picker,
            _ if self.search.open => Mode::Search,
            _ if self.compare.is_some() => self.compare_mode().unwrap_or(Mode::Compare),
            (_, true, _) => Mode::Filter,
            (_, _, Focus::List) => Mode::List,
            (_, _, Focus::Content) => Mode::Content,
        }
    }

    pub fn areas(&self) -> Option<Areas> {
        Areas::at(self.width, self.height)
    }

    pub fn response(&self) -> Option<&Response> {
        self.visible
            .get(self.selected)
            .and_then(|&i| self.index.responses.get(i))
    }

    pub fn section(&self) -> Option<&Section> {
        let r = self.response()?;
        self.tab.checked_sub(1).and_then(|s| r.sections.get(s))
    }

    pub fn tab_count(&self) -> usize {
        self.response().map_or(1, |r| r.sections.len() + 1)
    }

    /// The current tab's wrapped page.
    pub fn page(&self) -> &Page {
        &self.page
    }

    /// Rebuilds the page if the response, the tab or the width changed.
    fn refresh_page(&mut self) {
        let width = self.areas().map_or(80, |a| a.text_width());
        let key = self.visible.get(self.selected).map(|&response| PageKey {
            response,
            tab: self.tab,
            width,
        });
        if key == self.page_key {
            return;
        }
        self.page = match (self.response(), self.section()) {
            (Some(_), Some(s)) => view::section_page(s, width, self.theme),
            (Some(r), None) => view::overview_page(r, width, self.theme),
            _ => Page::default(),
        };
        self.page_key = key;
    }

    fn body_height(&self) -> usize {
        self.areas()
            .map_or(1, |a| usize::from(a.body.height).max(1))
    }

    /// Applies an action. Returns work for the event loop, if the action needs the world
    /// outside the terminal.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Resize(..) | Action::Notify(_) | Action::Fail(_) | Action::Mouse(_)
        ) {
            self.status = None;
        }
        self.refresh_page();
        let effect = self.apply(action);
        self.settle();
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        let mode = self.mode();
        match action {
            Action::Quit => self.exit = Some(0),
            Action::Interrupt(signal) => self.exit = Some(128 + signal),
            Action::Resize(w, h) => {
                self.width = w;
                self.height = h;
                // Rewrapped to the new width: bring the focused item back into view.
                self.refresh_page();
                if self.section().is_some() {
                    self.show_item();
                }
            }
            Action::Notify(text) => self.status = Some(Status { text, error: false }),
            Action::Fail(text) => self.status = Some(Status { text, error: true }),
            Action::Help => {
                self.overlay = match self.overlay {
                    Overlay::Help { .. } => Overlay::None,
                    _ => Overlay::Help { scroll: 0 },
                }
            }
            Action::Up => self.step(mode, -1),
            Action::Down => self.step(mode, 1),
            Action::PageUp => self.page_by(mode, -1),
            Action::PageDown => self.page_by(mode, 1),
            Action::Top => self.jump(mode, false),
            Action::Bottom => self.jump(mode, true),
            Action::NextTab => self.go_tab((self.tab + 1) % self.tab_count()),
            Action::PrevTab => self.go_tab((self.tab + self.tab_count() - 1) % self.tab_count()),
            Action::GoTab(n) => {
                if n < self.tab_count() {
                    self.go_tab(n);
                }
            }
            Action::FocusList => self.focus = Focus::List,
            Action::FocusContent => {
                if self.response().is_some() {
                    self.focus = Focus::Content;
                }
            }
            Action::StartFilter if mode == Mode::Compare => {
                if let Some(c) = &mut self.compare {
                    c.filtering = true;
                }
            }
            Action::StartFilter => {
                self.filtering = true;
                self.focus = Focus::List;
            }
            Action::Input(ch) if mode == Mode::CompareFilter => {
                if let Some(c) = &mut self.compare {
                    c.filter.push(ch);
                }
                self.compare_filter();
            }
            Action::Backspace if mode == Mode::CompareFilter => {
                if let Some(c) = &mut self.compare {
                    c.filter.pop();
                }
                self.compare_filter();
            }
            Action::ClearInput if mode == Mode::CompareFilter => {
                if let Some(c) = &mut self.compare {
                    c.filter.clear();
                }
                self.compare_filter();
            }
            Action::Input(c) if mode == Mode::Search => {
                self.search.query.push(c);
                return self.new_search();
            }
            Action::Backspace if mode == Mode::Search => {
                self.search.query.pop();
                return self.new_search();
            }
            Action::ClearInput if mode == Mode::Search => {
                self.search.query.clear();
                return self.new_search();
            }
            Action::Input(c) => {
                self.filter.push(c);
                self.refilter();
            }
            Action::Backspace => {
                self.filter.pop();
                self.refilter();
            }
            Action::ClearInput => {
                self.filter.clear();
                self.refilter();
            }
            Action::OpenSearch => {
                self.search.open = true;
                self.overlay = Overlay::None;
                // Reopening keeps the query and its hits; a fresh scope needs a fresh search.
                if self.search.current_only && self.search.within != self.current_response() {
                    return self.new_search();
                }
            }
            Action::ToggleScope => {
                self.search.current_only = !self.search.current_only;
                return self.new_search();
            }
            Action::ToggleMark => self.toggle_mark(),
            Action::OpenCompare => self.open_compare(),
            Action::ToggleDiff => {
                if let Some(c) = &mut self.compare {
                    c.diff = !c.diff;
                }
            }
            Action::Export => return self.compare_export(),
            Action::Left if mode == Mode::Compare => self.compare_step(0, -1),
            Action::Right if mode == Mode::Compare => self.compare_step(0, 1),
            Action::Left | Action::Right => {}
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::SearchResults {
                generation,
                results,
                complete,
            } => self.take_results(generation, results, complete),
            Action::Accept => return self.accept(mode),
            Action::Back => self.back(mode),
            Action::Copy if mode == Mode::Compare => return self.compare_copy(),
            Action::Copy => return self.copy(mode),
            Action::Open => return self.open(),
            Action::Mouse(m) => return self.mouse(m),
        }
        None
    }

    fn accept(&mut self, mode: Mode) -> Option<Effect> {
        match (mode, &self.overlay) {
            (Mode::Search, _) if !self.search.results.hits.is_empty() => {
                self.search.open = false;
                self.jump_to_hit();
            }
            (Mode::Filter, _) => self.filtering = false,
            (Mode::CompareFilter, _) => {
                if let Some(c) = &mut self.compare {
                    c.filtering = false;
                }
            }
            (
                Mode::Picker,
                Overlay::Picker {
                    links, selected, ..
                },
            ) => {
                let link = links.get(*selected).cloned();
                self.overlay = Overlay::None;
                return link.and_then(|l| self.open_url(&l));
            }
            _ => {}
        }
        None
    }

    fn back(&mut self, mode: Mode) {
        match mode {
            Mode::Search => self.search.open = false,
            Mode::Compare => self.close_compare(),
            Mode::CompareFilter => {
                if let Some(c) = &mut self.compare {
                    c.filtering = false;
                    c.filter.clear();
                }
                self.compare_filter();
            }
            Mode::Help | Mode::Picker => self.overlay = Overlay::None,
            Mode::Filter | Mode::List => {
                self.filtering = false;
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.refilter();
                }
            }
            Mode::Content => self.focus = Focus::List,
        }
    }

    /// Keeps the selected response if it still matches; otherwise selects the first match.
    /// Applies the country filter. The selection stays where it was if that still matches,
    /// or comes back to where it was when the filter started.
    fn refilter(&mut self) {
        let current = self.visible.get(self.selected).copied();
        if let Some(c) = current {
            self.filter_anchor.get_or_insert(c);
        }
        let matcher = SkimMatcherV2::default().smart_case();
        let mut visible = Vec::new();
        let mut matches = Vec::new();
        for (i, r) in self.index.responses.iter().enumerate() {
            if self.filter.is_empty() {
                visible.push(i);
                matches.push(Vec::new());
                continue;
            }
            let haystack = format!("{} {} {}", r.country, r.iso3, r.edition);
            if let Some((_, idx)) = matcher.fuzzy_indices(&haystack, &self.filter) {
                let name_len = r.country.chars().count();
                visible.push(i);
                matches.push(idx.into_iter().filter(|&k| k < name_len).collect());
            }
        }
        self.visible = visible;
        self.filter_matches = matches;
        let keep =
            |v: &Vec<usize>, c: Option<usize>| c.and_then(|c| v.iter().position(|&x| x == c));
        let selected =
            keep(&self.visible, current).or_else(|| keep(&self.visible, self.filter_anchor));
        if selected != keep(&self.visible, current) || selected.is_none() {
            self.reset_view();
        }
        self.selected = selected.unwrap_or(0);
        if self.filter.is_empty() {
            self.filter_anchor = None;
        }
    }

    /// Selects another response: the same section if it has one by that id, else Overview.
    fn select(&mut self, row: usize) {
        if row == self.selected || row >= self.visible.len() {
            return;
        }
        let section_id = self.section().map(|s| s.id.clone());
        self.previous = self.current_response();
        self.selected = row;
        let tab = section_id.and_then(|id| {
            self.response()
                .and_then(|r| r.sections.iter().position(|s| s.id == id))
                .map(|p| p + 1)
        });
        self.reset_view();
        self.tab = tab.unwrap_or(0);
    }

    fn reset_view(&mut self) {
        self.tab = 0;
        self.item = 0;
        self.scroll = 0;
    }

    fn go_tab(&mut self, tab: usize) {
        if self.response().is_none() {
            return;
        }
        self.tab = tab;
        self.item = 0;
        self.scroll = 0;
        self.focus = Focus::Content;
    }

    fn step(&mut self, mode: Mode, delta: isize) {
        match mode {
            Mode::Compare | Mode::CompareFilter => self.compare_step(delta, 0),
            Mode::Search => {
                let n = self.search.results.hits.len();
                self.search.selected = self
                    .search
                    .selected
                    .saturating_add_signed(delta)
                    .min(n.saturating_sub(1));
            }
            Mode::Help => {
                if let Overlay::Help { scroll } = &mut self.overlay {
                    *scroll = scroll.saturating_add_signed(delta);
                }
            }
            Mode::Picker => {
                if let Overlay::Picker {
                    links, selected, ..
                } = &mut self.overlay
                {
                    *selected = selected
                        .saturating_add_signed(delta)
                        .min(links.len().saturating_sub(1));
                }
            }
            Mode::List | Mode::Filter => {
                let row = self.selected.saturating_add_signed(delta);
                self.select(row.min(self.visible.len().saturating_sub(1)));
            }
            Mode::Content if self.section().is_none() => {
                self.scroll = self.scroll.saturating_add_signed(delta);
            }
            Mode::Content => self.step_item(delta),
        }
    }

    /// j/k in a section: scroll through a focused item taller than the view line by line,
    /// then move to the next item.
    fn step_item(&mut self, delta: isize) {
        let h = self.body_height();
        let Some(range) = self.page.items.get(self.item).cloned() else {
            return;
        };
        // Inside an item taller than the view, j and k read on by a third of the view.
        let stride = (h / 3).max(1);
        if delta > 0 && range.end > self.scroll + h {
            self.scroll = (self.scroll + stride).min(range.end - h);
        } else if delta < 0 && range.start < self.scroll {
            self.scroll = self.scroll.saturating_sub(stride).max(range.start);
        } else {
            let next = self
                .item
                .saturating_add_signed(delta)
                .min(self.page.items.len().saturating_sub(1));
            if next != self.item {
                self.item = next;
                self.show_item();
            }
        }
    }

    /// Scrolls so the focused item is in view: its start, and as much of it as fits.
    fn show_item(&mut self) {
        let h = self.body_height();
        if let Some(r) = self.page.items.get(self.item).cloned() {
            if r.start < self.scroll {
                self.scroll = r.start;
            } else if r.end > self.scroll + h {
                self.scroll = (r.end.saturating_sub(h)).min(r.start);
            }
        }
    }

    /// After scrolling, the focus follows into view: to the first item that shows.
    fn focus_into_view(&mut self) {
        let (h, scroll) = (self.body_height(), self.scroll);
        let visible = |r: &std::ops::Range<usize>| r.end > scroll && r.start < scroll + h;
        if self.page.items.get(self.item).is_some_and(visible) {
            return;
        }
        if let Some(k) = self.page.items.iter().position(visible) {
            self.item = k;
        }
    }

    fn page_by(&mut self, mode: Mode, direction: isize) {
        match mode {
            Mode::List | Mode::Filter => {
                let rows = self.areas().map_or(10, |a| a.list_rows()).max(1);
                let row = self
                    .selected
                    .saturating_add_signed(direction * rows as isize);
                self.select(row.min(self.visible.len().saturating_sub(1)));
            }
            Mode::Content => {
                self.scroll_by(direction * (self.body_height().saturating_sub(1).max(1)) as isize)
            }
            Mode::Help | Mode::Picker | Mode::Search => self.step(mode, direction * 10),
            Mode::Compare | Mode::CompareFilter => {
                let h = compare::body(self.width, self.height).height;
                self.compare_scroll(direction * (h.saturating_sub(1).max(1) as isize));
            }
        }
    }

    fn scroll_by(&mut self, lines: isize) {
        let max = self.page.lines.len().saturating_sub(self.body_height());
        self.scroll = self.scroll.saturating_add_signed(lines).min(max);
        self.focus_into_view();
    }

    fn jump(&mut self, mode: Mode, end: bool) {
        match mode {
            Mode::List | Mode::Filter => {
                let row = if end {
                    self.visible.len().saturating_sub(1)
                } else {
                    0
                };
                self.select(row);
            }
            Mode::Content => {
                if end {
                    self.item = self.page.items.len().saturating_sub(1);
                    self.scroll = self.page.lines.len().saturating_sub(self.body_height());
                } else {
                    self.item = 0;
                    self.scroll = 0;
                }
            }
            Mode::Help | Mode::Picker | Mode::Search | Mode::Compare | Mode::CompareFilter => {
                self.step(mode, if end { 1_000_000 } else { -1_000_000 })
            }
        }
    }

    /// Bounds every position by what exists now: after a resize, a filter, a new selection.
    fn settle(&mut self) {
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        if self.tab >= self.tab_count() {
            self.tab = 0;
        }
        self.refresh_page();
        let rows = self.areas().map_or(1, |a| a.list_rows()).max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self
            .list_offset
            .min(self.visible.len().saturating_sub(rows));
        self.item = self.item.min(self.page.items.len().saturating_sub(1));
        let max = self.page.lines.len().saturating_sub(self.body_height());
        self.scroll = self.scroll.min(max);
        if let Overlay::Help { scroll } = &mut self.overlay {
            let rows = usize::from(
                view::help_popup(self.width, self.height)
                    .height
                    .saturating_sub(2),
            );
            *scroll = (*scroll).min(keymap::help_line_count().saturating_sub(rows));
        }
        if self.response().is_none() {
            self.focus = Focus::List;
        }
        self.settle_search();
        self.settle_compare();
    }

    /// Keeps the selected hit in the list's view and its preview up to date.
    fn settle_search(&mut self) {
        let n = self.search.results.hits.len();
        self.search.selected = self.search.selected.min(n.saturating_sub(1));
        let rows = view::SearchAreas::at(self.width, self.height)
            .map_or(1, |a| usize::from(a.list.height).max(1));
        if self.search.selected < self.search.offset {
            self.search.offset = self.search.selected;
        } else if self.search.selected >= self.search.offset + rows {
            self.search.offset = self.search.selected + 1 - rows;
        }
        let hit = self.search.results.hits.get(self.search.selected);
        let key = hit.map(|h| (self.search.results_generation, h.record));
        if key == self.search.preview_of {
            return;
        }
        self.search.preview_of = key;
        self.search.preview = hit.map(|hit| {
            let r = &self.index.responses[hit.response];
            let (text, title) = match hit.source {
                Source::Item { section, item } => {
                    let it = &r.sections[section as usize].items[item as usize];
                    let title = format!("{} · {} · {}", r.country, r.edition, it.display_number());
                    (crate::search::item_text(it).0, title)
                }
                Source::Respondent | Source::Cio => {
                    let c = if hit.source == Source::Cio {
                        &r.cio
                    } else {
                        &r.respondent
                    };
                    let fields: Vec<&str> = c
                        .as_ref()
                        .map(|c| c.fields().iter().filter_map(|(_, v)| *v).collect())
                        .unwrap_or_default();
                    (
                        fields.join("\n"),
                        format!("{} · {} · contact", r.country, r.edition),
                    )
                }
            };
            let matches = crate::search::highlight_ranges(&self.search.parsed, &text);
            Preview {
                title,
                text,
                matches,
            }
        });
    }

    fn copy(&mut self, mode: Mode) -> Option<Effect> {
        if let (
            Mode::Picker,
            Overlay::Picker {
                links, selected, ..
            },
        ) = (mode, &self.overlay)
        {
            let link = links.get(*selected)?.clone();
            return Some(Effect::Copy {
                what: "the link".into(),
                text: link,
            });
        }
        let r = self.response()?;
        match self.section() {
            None => match r.cio.as_ref().and_then(|c| c.email.clone()) {
                Some(email) => Some(Effect::Copy {
                    what: "the CIO's e-mail".into(),
                    text: email,
                }),
                None => {
                    self.fail("no CIO e-mail to copy");
                    None
                }
            },
            Some(s) => {
                let item = s.items.get(self.item)?;
                let mut text = item.answer.clone();
                if text.is_empty() {
                    let chosen: Vec<String> = item
                        .options
                        .iter()
                        .filter_map(|o| match (&o.typed, o.selection) {
                            (Some(t), _) => Some(format!("{}: {t}", o.label)),
                            (None, crate::model::Selection::Recorded) => Some(o.label.clone()),
                            _ => None,
                        })
                        .collect();
                    text = chosen.join("\n");
                }
                let id = item.display_number().to_string();
                if text.is_empty() {
                    self.fail(&format!("nothing to copy: {id} has no answer"));
                    return None;
                }
                Some(Effect::Copy {
                    what: format!("the answer to {id}"),
                    text,
                })
            }
        }
    }

    fn open(&mut self) -> Option<Effect> {
        let links = match self.section() {
            Some(s) => s
                .items
                .get(self.item)
                .map(view::web_links)
                .unwrap_or_default(),
            None => self.page.links.clone(),
        };
        match links.as_slice() {
            [] => {
                self.fail("no link to open here");
                None
            }
            [one] => {
                let one = one.clone();
                self.open_url(&one)
            }
            _ => {
                let title = match self.section().and_then(|s| s.items.get(self.item)) {
                    Some(item) => format!("Links in {}", item.display_number()),
                    None => "Links on the Overview".into(),
                };
                self.overlay = Overlay::Picker {
                    title,
                    links,
                    selected: 0,
                };
                None
            }
        }
    }

    fn open_url(&mut self, link: &str) -> Option<Effect> {
        match browser::web_url(link) {
            Ok(url) => Some(Effect::OpenUrl(url)),
            Err(e) => {
                self.fail(&format!("not opened: {e}"));
                None
            }
        }
    }

    fn fail(&mut self, text: &str) {
        self.status = Some(Status {
            text: text.to_string(),
            error: true,
        });
    }

    /// A click or the wheel. A click on a link in the picker opens it, which is an effect.
    fn mouse(&mut self, m: Mouse) -> Option<Effect> {
        let areas = self.areas()?;
        if self.search.open {
            self.search_mouse(m);
            return None;
        }
        if self.compare.is_some() {
            self.compare_mouse(m);
            return None;
        }
        if !matches!(self.overlay, Overlay::None) {
            // A click on a link in the picker opens it; a click outside an overlay closes it;
            // the wheel scrolls it.
            match m {
                Mouse::Click { column, row } => {
                    if let Overlay::Picker {
                        links, selected, ..
                    } = &mut self.overlay
                    {
                        let popup = view::picker_popup(self.width, self.height, links.len());
                        let inner = popup.inner(ratatui::layout::Margin::new(1, 1));
                        if inner.contains(ratatui::layout::Position::new(column, row)) {
                            let k = usize::from(row - inner.y);
                            if k < links.len() {
                                *selected = k;
                            }
                            return self.accept(Mode::Picker);
                        }
                    }
                    self.overlay = Overlay::None;
                }
                Mouse::ScrollUp { .. } => self.step(self.mode(), -3),
                Mouse::ScrollDown { .. } => self.step(self.mode(), 3),
            }
            return None;
        }
        let inside = |r: ratatui::layout::Rect, column: u16, row: u16| {
            r.contains(ratatui::layout::Position::new(column, row))
        };
        match m {
            Mouse::Click { column, row } if inside(areas.list, column, row) => {
                self.focus = Focus::List;
                if row > areas.list.y && row < areas.list.y + areas.list.height - 1 {
                    let r = self.list_offset + usize::from(row - areas.list.y - 1);
                    self.select(r);
                }
            }
            Mouse::Click { column, row } if inside(areas.tabs, column, row) => {
                self.filtering = false;
                let titles = self.response().map(view::tab_titles).unwrap_or_default();
                let x = column - areas.tabs.x;
                let (_, spans) = view::tab_window(&titles, self.tab, areas.tabs.width);
                if let Some((t, _)) = spans.iter().find(|(_, s)| s.contains(&x)) {
                    self.go_tab(*t);
                }
            }
            Mouse::Click { column, row } if inside(areas.body, column, row) => {
                self.filtering = false;
                if self.response().is_some() {
                    self.focus = Focus::Content;
                }
                let line = self.scroll + usize::from(row - areas.body.y);
                if let Some(k) = self.page.items.iter().position(|r| r.contains(&line)) {
                    self.item = k;
                }
            }
            Mouse::Click { .. } => {}
            Mouse::ScrollUp { column, row } | Mouse::ScrollDown { column, row } => {
                let down = matches!(m, Mouse::ScrollDown { .. });
                if inside(areas.list, column, row) {
                    self.step(Mode::List, if down { 1 } else { -1 });
                } else if inside(areas.response, column, row) {
                    self.scroll_by(if down { 3 } else { -3 });
                }
            }
        }
        None
    }

    /// The response shown now, as an index into `index.responses`.
    pub fn current_response(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Asks for a search of the current query; results for older queries will be ignored.
    fn new_search(&mut self) -> Option<Effect> {
        self.search.generation += 1;
        self.search.selected = 0;
        self.search.offset = 0;
        self.search.within = if self.search.current_only {
            self.current_response()
        } else {
            None
        };
        self.search.parsed = crate::search::Query::parse(&self.search.query);
        if self.search.parsed.is_empty() {
            // Nothing to ask the engine; the problems (a lone "!") still show.
            self.search.results = Results {
                problems: self.search.parsed.problems.clone(),
                ..Results::default()
            };
            self.search.results_generation = self.search.generation;
            self.search.refining = false;
            return None;
        }
        self.search.refining = true;
        Some(Effect::Search {
            generation: self.search.generation,
            query: self.search.query.clone(),
            within: self.search.within,
        })
    }

    /// Takes results only from the newest search: a slow older one can never overwrite them.
    fn take_results(&mut self, generation: u64, results: Results, complete: bool) {
        if generation != self.search.generation {
            return;
        }
        // The exact hits stay selected as typo-tolerant ones merge in below them.
        let keep = self.search.results.hits.get(self.search.selected).cloned();
        self.search.results = results;
        self.search.results_generation = generation;
        self.search.refining = !complete;
        self.search.selected = keep
            .and_then(|k| {
                self.search
                    .results
                    .hits
                    .iter()
                    .position(|h| h.response == k.response && h.source == k.source)
            })
            .unwrap_or(0);
    }

    /// `n` / `N`: the next or previous hit, shown in the browser.
    fn step_hit(&mut self, delta: isize) {
        let n = self.search.results.hits.len();
        if n == 0 {
            self.fail("no search hits: press / to search");
            return;
        }
        self.search.selected =
            (self.search.selected as isize + delta).rem_euclid(n as isize) as usize;
        self.jump_to_hit();
        self.status = Some(Status {
            text: format!("hit {} of {}", self.search.selected + 1, n),
            error: false,
        });
    }

    /// Shows the selected hit: its response, tab and item, focused and in view.
    fn jump_to_hit(&mut self) {
        let Some(hit) = self.search.results.hits.get(self.search.selected).cloned() else {
            return;
        };
        if !self.visible.contains(&hit.response) {
            self.filter.clear();
            self.refilter();
        }
        let Some(row) = self.visible.iter().position(|&v| v == hit.response) else {
            return;
        };
        self.selected = row;
        let (tab, item) = match hit.source {
            Source::Item { section, item } => (section as usize + 1, item as usize),
            Source::Respondent | Source::Cio => (0, 0),
        };
        self.tab = tab;
        self.item = item;
        self.scroll = 0;
        self.focus = Focus::Content;
        self.refresh_page();
        self.show_item();
    }

    /// In the comparison: a click focuses a cell, the wheel scrolls.
    fn compare_mouse(&mut self, m: Mouse) {
        let area = compare::body(self.width, self.height);
        match m {
            Mouse::ScrollUp { .. } => self.compare_scroll(-3),
            Mouse::ScrollDown { .. } => self.compare_scroll(3),
            Mouse::Click { column, row } => {
                let Some(c) = &mut self.compare else {
                    return;
                };
                if row < area.y || row >= area.y + area.height || column < area.x {
                    return;
                }
                let line = c.scroll + usize::from(row - area.y);
                if let Some(k) = c.page.rows.iter().position(|r| r.contains(&line)) {
                    c.row = k;
                }
                let x = usize::from(column - area.x);
                if let Some(k) = (0..c.columns.shown).find(|&k| c.columns.x(k).contains(&x)) {
                    c.column = c.columns.first + k;
                }
            }
        }
    }

    /// In the search overlay: a click picks a hit (a click on the picked one jumps to it), the
    /// wheel moves through the hits, a click outside closes the overlay.
    fn search_mouse(&mut self, m: Mouse) {
        let Some(a) = view::SearchAreas::at(self.width, self.height) else {
            return;
        };
        let inside = |r: ratatui::layout::Rect, column: u16, row: u16| {
            r.contains(ratatui::layout::Position::new(column, row))
        };
        match m {
            Mouse::Click { column, row } if inside(a.list, column, row) => {
                let k = self.search.offset + usize::from(row - a.list.y);
                if k < self.search.results.hits.len() {
                    if k == self.search.selected {
                        self.search.open = false;
                        self.jump_to_hit();
                    } else {
                        self.search.selected = k;
                    }
                }
            }
            Mouse::Click { column, row } if !inside(a.popup, column, row) => {
                self.search.open = false;
            }
            Mouse::Click { .. } => {}
            Mouse::ScrollUp { .. } => self.step(Mode::Search, -3),
            Mouse::ScrollDown { .. } => self.step(Mode::Search, 3),
        }
    }

    /// The hints the status bar shows for the current mode.
    pub fn hints(&self) -> Vec<(&'static str, &'static str)> {
        keymap::hints(self.mode())
    }
}
