//! The browse screen's reader (the tab shown, the focused item and the scroll of its page), and
//! the keys and clicks that drive the browse screen: its list and its reader.

use super::{App, Entry, Focus, Modal, Screen};
use crate::egdi::Egdi;
use crate::model::Index;
use crate::tui::action::{Action, Effect, Mouse};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout::{self, Areas, Size};
use crate::tui::scroll::{self, Scroll};
use crate::tui::theme::Theme;
use crate::tui::ui::response::{self, LinkChoice, Page};

/// What the reader shows a page of: the response (or a state's card), at a size and in a theme,
/// with the matches of a search query marked (empty: none).
#[derive(Clone, Copy)]
pub(super) struct Shown<'a> {
    pub index: &'a Index,
    pub egdi: &'a Egdi,
    /// The list's selection: a response, or a state the index holds none from.
    pub entry: Option<Entry>,
    pub size: Size,
    pub theme: Theme,
    pub query: &'a str,
}

/// What the reader's page was built for: the response, the tab, the width it wraps to, and the
/// query whose matches it marks.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PageKey {
    entry: Entry,
    tab: usize,
    width: usize,
    query: String,
}

#[derive(Debug, Default)]
pub struct Reader {
    /// 0 is Overview; k is section k-1.
    pub tab: usize,
    /// The focused item of a section tab, and the page's first line shown.
    pub body: Scroll,
    /// A cache of the tab's wrapped page, made again only when its key changes.
    page: Page,
    page_key: Option<PageKey>,
}

impl Reader {
    pub fn page(&self) -> &Page {
        &self.page
    }

    fn height(size: Size) -> usize {
        Areas::at(size).map_or(1, |a| a.body_rows())
    }

    fn refresh(&mut self, v: Shown) {
        let width = Areas::at(v.size).map_or(80, |a| a.text_width());
        let key = v.entry.map(|entry| PageKey {
            entry,
            tab: self.tab,
            width,
            query: v.query.to_string(),
        });
        if key == self.page_key {
            return;
        }
        let query = (!v.query.trim().is_empty()).then(|| crate::search::Query::parse(v.query));
        self.page = match v.entry {
            Some(Entry::Response(i)) => {
                let r = &v.index.responses[i];
                response::page(r, v.egdi, self.tab, width, v.theme, query.as_ref())
            }
            Some(Entry::State(c)) => response::state_page(c, v.egdi, width, v.theme),
            None => Page::default(),
        };
        self.page_key = key;
    }

    pub(super) fn settle(&mut self, v: Shown) {
        let tabs = match v.entry {
            Some(Entry::Response(i)) => v.index.responses[i].sections.len() + 1,
            _ => 1,
        };
        if self.tab >= tabs {
            self.tab = 0;
        }
        self.refresh(v);
        // The Overview has no items: its scroll alone is held to the page's lines.
        self.with_body(v.size, |s, r, h| s.settle(r, h));
    }

    /// Shows a tab with an item focused and in view.
    pub(super) fn open(&mut self, v: Shown, tab: usize, item: usize) {
        self.tab = tab;
        self.body = Scroll::default();
        self.refresh(v);
        self.with_body(v.size, |s, r, h| s.focus_on(r, h, item));
    }

    /// Shows a tab with an item focused and its `nth` match in the middle of the view (the
    /// item's start when it has none shown).
    pub(super) fn open_at_match(&mut self, v: Shown, tab: usize, item: usize, nth: usize) {
        self.open(v, tab, item);
        let range = self.page.items.get(item).cloned().unwrap_or(0..0);
        let in_item: Vec<usize> = self
            .page
            .matches
            .iter()
            .copied()
            .filter(|l| range.contains(l))
            .collect();
        if let Some(&line) = in_item.get(nth.min(in_item.len().saturating_sub(1))) {
            let h = Self::height(v.size);
            let max = self.page.lines.len().saturating_sub(h);
            self.body.offset = line.saturating_sub(h / 2).min(max);
        }
    }

    /// How many matches the focused item shows.
    pub fn matches_in_focus(&self) -> usize {
        let range = self
            .page
            .items
            .get(self.body.focus)
            .cloned()
            .unwrap_or(0..0);
        self.page
            .matches
            .iter()
            .filter(|l| range.contains(l))
            .count()
    }

    pub(super) fn show_focus(&mut self, size: Size) {
        self.with_body(size, |s, r, h| s.show_focus(r, h));
    }

    fn with_body(&mut self, size: Size, f: impl FnOnce(&mut Scroll, &scroll::Page<'_>, usize)) {
        let rows = scroll::Page {
            rows: &self.page.items,
            total: self.page.lines.len(),
        };
        f(&mut self.body, &rows, Self::height(size));
    }

    /// The reader's own keys while it has the focus: moving through the items of a section,
    /// or through the lines of the Overview, which has no items.
    pub(super) fn update(&mut self, action: &Action, size: Size) {
        let overview = self.page.items.is_empty();
        self.with_body(size, |s, r, h| match action {
            Action::Up | Action::Down => {
                let d = if *action == Action::Down { 1 } else { -1 };
                if overview {
                    s.scroll_by(r, h, d)
                } else {
                    s.step(r, h, d)
                }
            }
            Action::PageUp => s.scroll_by(r, h, -scroll::page_step(h)),
            Action::PageDown => s.scroll_by(r, h, scroll::page_step(h)),
            Action::Top => s.jump(r, h, false),
            Action::Bottom => s.jump(r, h, true),
            Action::Mouse(Mouse::ScrollUp { .. }) => s.scroll_by(r, h, -3),
            Action::Mouse(Mouse::ScrollDown { .. }) => s.scroll_by(r, h, 3),
            _ => {}
        });
    }

    /// Links the focused item (or the Overview) shows, labelled with their item or portal.
    pub fn links(&self, index: &Index, response: Option<usize>) -> Vec<LinkChoice> {
        let Some(r) = response.map(|i| &index.responses[i]) else {
            return Vec::new();
        };
        match self.tab.checked_sub(1).and_then(|s| r.sections.get(s)) {
            Some(s) => s
                .items
                .get(self.body.focus)
                .map(response::item_links)
                .unwrap_or_default(),
            None => self.page.links.clone(),
        }
    }
}

impl App {
    /// Keys of the browse screen, with no modal open: what concerns both parts here, the rest
    /// to the part that has the focus.
    pub(super) fn browse_key(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::NextTab => self.go_tab((self.reader.tab + 1) % self.tab_count()),
            Action::PrevTab => {
                self.go_tab((self.reader.tab + self.tab_count() - 1) % self.tab_count())
            }
            Action::GoTab(n) if n < self.tab_count() => self.go_tab(n),
            Action::FocusList => self.focus = Focus::List,
            Action::FocusContent if self.list.entry().is_some() => self.focus = Focus::Content,
            Action::StartFilter => {
                self.focus = Focus::List;
                self.modal = Some(Modal::Filter);
            }
            Action::OpenSearch => {
                self.search.open_fresh();
                self.modal = Some(Modal::Search);
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::ToggleMark => self.toggle_mark(),
            Action::ToggleResponsesOnly => {
                let before = self.list.entry();
                if self.list.toggle_responses_only(&self.index, self.size) {
                    self.switched(before);
                }
                let text = if self.list.responses_only {
                    "only the states with a response"
                } else {
                    "every member state"
                };
                self.say(text.into());
            }
            Action::CycleSort => {
                self.list.cycle_sort(&self.index, self.size);
                self.say(format!("countries {}", self.list.sort.label()));
            }
            Action::OpenCompare => self.open_compare(),
            Action::OpenRankings => self.open_rankings(),
            Action::Copy => return self.copy(),
            Action::Open => return self.open(),
            action if self.focus == Focus::Content => self.reader.update(&action, self.size),
            action => {
                let edit = matches!(action, Action::Edit(_));
                self.list_key(&action);
                if edit && let Some((_, Some(note))) = self.list.code_choice(&self.index) {
                    self.say(note);
                }
            }
        }
        None
    }

    /// A key for the country list; the reader follows a new selection.
    fn list_key(&mut self, action: &Action) {
        let before = self.list.entry();
        if self.list.update(action, &self.index, self.size) {
            self.switched(before);
        }
    }

    /// Keys while the country filter is typed.
    pub(super) fn filter_key(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Accept => {
                self.modal = None;
                self.list.keep();
                let text = self.list.filter.text().to_string();
                self.history
                    .push(crate::tui::history::Kind::CountryFilter, &text);
                return self.save_history();
            }
            Action::Back => {
                self.modal = None;
                self.list_key(&Action::Back);
            }
            Action::HistoryOlder | Action::HistoryNewer => {
                let kind = crate::tui::history::Kind::CountryFilter;
                let text = self.list.filter.text().to_string();
                let found = if action == Action::HistoryOlder {
                    self.history.older(kind, &text)
                } else {
                    self.history.newer(kind, &text)
                };
                let before = self.list.entry();
                if let Some(q) = found
                    && self.list.set_filter(&q, &self.index, self.size)
                {
                    self.switched(before);
                }
            }
            action => {
                let edit = matches!(action, Action::Edit(_));
                self.list_key(&action);
                if edit && let Some((_, Some(note))) = self.list.code_choice(&self.index) {
                    self.say(note);
                }
            }
        }
        None
    }

    /// After the selection moved from `before`: the reader shows the same section of the new
    /// response, if it has one by that id, else its Overview.
    pub(super) fn switched(&mut self, before: Option<Entry>) {
        let now = self.list.entry();
        if now == before {
            return;
        }
        let response = |e: Option<Entry>| match e {
            Some(Entry::Response(r)) => Some(r),
            _ => None,
        };
        let (before, now_response) = (response(before), response(now));
        if before.is_some() {
            self.list.previous = before;
        }
        let section_id = before
            .and_then(|b| {
                let r = &self.index.responses[b];
                r.sections.get(self.reader.tab.checked_sub(1)?)
            })
            .map(|s| s.id.clone());
        let tab = now_response
            .zip(section_id)
            .and_then(|(n, id)| {
                self.index.responses[n]
                    .sections
                    .iter()
                    .position(|s| s.id == id)
            })
            .map_or(0, |p| p + 1);
        let shown = Shown {
            index: &self.index,
            egdi: &self.egdi,
            entry: now,
            size: self.size,
            theme: self.theme,
            query: self.search.highlight(),
        };
        self.reader.open(shown, tab, 0);
    }

    fn go_tab(&mut self, tab: usize) {
        if self.response().is_none() {
            return;
        }
        self.focus = Focus::Content;
        let shown = Shown {
            index: &self.index,
            egdi: &self.egdi,
            entry: self.list.entry(),
            size: self.size,
            theme: self.theme,
            query: self.search.highlight(),
        };
        self.reader.open(shown, tab, 0);
    }

    fn toggle_mark(&mut self) {
        if let Some(r) = self.current_response() {
            self.toggle_mark_of(r);
        }
    }

    /// Marks a response for comparison, or unmarks it, and says what that leaves.
    pub(super) fn toggle_mark_of(&mut self, r: usize) {
        let marked = &mut self.list.marked;
        match marked.iter().position(|&m| m == r) {
            Some(p) => {
                marked.remove(p);
            }
            None => marked.push(r),
        }
        let n = marked.len();
        let mode = self.mode();
        if mode != Mode::List {
            // Marked from search: the keys to go on with are the list's, not these.
            let name = self.index.responses[r].display_name();
            let state = if self.list.marked.contains(&r) {
                "marked"
            } else {
                "unmarked"
            };
            self.say(format!("{name} {state} for comparison ({n} marked)"));
            return;
        }
        let mark = keymap::key(mode, &Action::ToggleMark);
        let compare = keymap::key(mode, &Action::OpenCompare);
        let text = match n {
            0 => "no response marked".to_string(),
            1 => format!("1 response marked: mark one more with {mark} to compare"),
            n => format!("{n} marked: press {compare} to compare"),
        };
        self.say(text);
    }

    /// `c`: compare the marked responses, or say what is missing.
    pub(super) fn open_compare(&mut self) {
        let chosen = self.list.compare_choice(self.current_response());
        if chosen.len() < 2 {
            let mark = keymap::key(Mode::List, &Action::ToggleMark);
            let compare = keymap::key(Mode::List, &Action::OpenCompare);
            self.fail(format!(
                "a comparison needs two responses: mark them with {mark} in the country list, \
                 then press {compare}"
            ));
            return;
        }
        let cmp = crate::compare::Comparison::new(&self.index, &self.egdi, &chosen, &[]);
        self.screen = Screen::Compare(Box::new(super::CompareView::new(cmp)));
        self.modal = None;
    }

    /// What `y` copies here, and what it is, or why there is nothing.
    pub(super) fn copy_target(&self) -> Result<Effect, String> {
        let r = self.response().ok_or("no response selected")?;
        match self.section() {
            None => match r.cio.as_ref().and_then(|c| c.email.clone()) {
                Some(email) => Ok(Effect::Copy {
                    what: "the CIO's e-mail".into(),
                    text: email,
                }),
                None => Err("no CIO e-mail to copy".into()),
            },
            Some(s) => {
                let item = s.items.get(self.reader.body.focus).ok_or("no item here")?;
                let text = item.copy_text();
                let id = item.display_number().to_string();
                if text.is_empty() {
                    return Err(format!("nothing to copy: {id} has no answer"));
                }
                Ok(Effect::Copy {
                    what: format!("the answer to {id}"),
                    text,
                })
            }
        }
    }

    fn copy(&mut self) -> Option<Effect> {
        let target = self.copy_target();
        self.effect_or_fail(target)
    }

    fn open(&mut self) -> Option<Effect> {
        let links = self.reader.links(&self.index, self.current_response());
        let links = response::dedup(links);
        match links.as_slice() {
            [] => {
                self.fail("no link to open here".into());
                None
            }
            [one] => {
                let url = one.url.clone();
                let e = super::modal::open_url(&url);
                self.effect_or_fail(e)
            }
            _ => {
                let title = match self
                    .section()
                    .and_then(|s| s.items.get(self.reader.body.focus))
                {
                    Some(item) => format!("Links in {}", item.display_number()),
                    None => "Links on the Overview".into(),
                };
                self.modal = Some(Modal::Picker(super::Picker::new(title, links)));
                None
            }
        }
    }

    /// A click picks a row, a tab or an item; the wheel scrolls what is under it.
    pub(super) fn browse_mouse(&mut self, m: Mouse) {
        let Some(areas) = self.areas() else {
            return;
        };
        let inside = layout::contains;
        match m {
            Mouse::Click { column, row } if inside(areas.list, column, row) => {
                self.focus = Focus::List;
                let inner = areas.list_inner();
                if inside(inner, column, row) {
                    let before = self.list.entry();
                    if self
                        .list
                        .click(usize::from(row - inner.y), &self.index, self.size)
                    {
                        self.switched(before);
                    }
                }
            }
            Mouse::Click { column, row } if inside(areas.tabs, column, row) => {
                self.modal = None;
                let Some(r) = self.response() else {
                    return;
                };
                let widths = response::tab_widths(r);
                let x = column - areas.tabs.x;
                let (_, spans) = layout::tab_window(&widths, self.reader.tab, areas.tabs.width);
                if let Some((t, _)) = spans.iter().find(|(_, s)| s.contains(&x)) {
                    self.go_tab(*t);
                }
            }
            Mouse::Click { column, row } if inside(areas.body, column, row) => {
                self.modal = None;
                if self.response().is_some() {
                    self.focus = Focus::Content;
                }
                let line = usize::from(row - areas.body.y);
                self.reader.with_body(self.size, |s, r, _| {
                    if let Some(k) = s.row_at(r, line) {
                        s.focus = k;
                    }
                });
            }
            Mouse::Click { .. } => {}
            Mouse::ScrollUp { column, row } | Mouse::ScrollDown { column, row } => {
                if inside(areas.list, column, row) {
                    self.list_key(&Action::Mouse(m));
                } else if inside(areas.response, column, row) {
                    self.reader.update(&Action::Mouse(m), self.size);
                }
            }
        }
    }
}
