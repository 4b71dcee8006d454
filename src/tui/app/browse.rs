//! The browse screen's reader (the tab shown, the focused item and the scroll of its page), and
//! the keys and clicks that drive the browse screen: its list and its reader.

use super::{App, Focus, Modal, Screen};
use crate::model::Index;
use crate::tui::action::{Action, Effect, Mouse};
use crate::tui::keymap::{self, Mode};
use crate::tui::layout::{self, Areas, Size};
use crate::tui::scroll::{self, Lines, Scroll};
use crate::tui::theme::Theme;
use crate::tui::ui::response::{self, LinkChoice, Page};

/// What the reader's page was built for: the response, the tab, and the width it wraps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PageKey {
    response: usize,
    tab: usize,
    width: usize,
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

    fn rows(&self) -> scroll::Page<'_> {
        scroll::Page {
            rows: &self.page.items,
            total: self.page.lines.len(),
        }
    }

    fn height(size: Size) -> usize {
        Areas::at(size).map_or(1, |a| a.body_rows())
    }

    fn refresh(&mut self, index: &Index, response: Option<usize>, size: Size, theme: Theme) {
        let width = Areas::at(size).map_or(80, |a| a.text_width());
        let key = response.map(|response| PageKey {
            response,
            tab: self.tab,
            width,
        });
        if key == self.page_key {
            return;
        }
        self.page = match response.map(|i| &index.responses[i]) {
            Some(r) => response::page(r, self.tab, width, theme),
            None => Page::default(),
        };
        self.page_key = key;
    }

    pub(super) fn settle(
        &mut self,
        index: &Index,
        response: Option<usize>,
        size: Size,
        theme: Theme,
    ) {
        let tabs = response.map_or(1, |i| index.responses[i].sections.len() + 1);
        if self.tab >= tabs {
            self.tab = 0;
        }
        self.refresh(index, response, size, theme);
        let h = Self::height(size);
        let mut body = self.body;
        body.settle(&self.rows(), h);
        // The Overview has no items: only its scroll is held to the page.
        body.offset = body.offset.min(self.page.lines.len().saturating_sub(h));
        self.body = body;
    }

    /// Shows a tab with an item focused and in view.
    pub(super) fn open(
        &mut self,
        index: &Index,
        response: Option<usize>,
        tab: usize,
        item: usize,
        size: Size,
        theme: Theme,
    ) {
        self.tab = tab;
        self.body = Scroll::default();
        self.refresh(index, response, size, theme);
        let h = Self::height(size);
        let mut body = self.body;
        body.focus_on(&self.rows(), h, item);
        self.body = body;
    }

    pub(super) fn show_focus(&mut self, size: Size) {
        let mut body = self.body;
        body.show_focus(&self.rows(), Self::height(size));
        self.body = body;
    }

    fn with_body(&mut self, size: Size, f: impl FnOnce(&mut Scroll, &scroll::Page<'_>, usize)) {
        let mut body = self.body;
        f(&mut body, &self.rows(), Self::height(size));
        self.body = body;
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
    /// Keys of the browse screen, with no modal open.
    pub(super) fn browse_key(&mut self, action: Action) -> Option<Effect> {
        let mode = self.mode();
        match action {
            Action::Up => self.move_by(mode, -1),
            Action::Down => self.move_by(mode, 1),
            Action::PageUp => self.page_by(mode, -1),
            Action::PageDown => self.page_by(mode, 1),
            Action::Top => self.jump(mode, false),
            Action::Bottom => self.jump(mode, true),
            Action::NextTab => self.go_tab((self.reader.tab + 1) % self.tab_count()),
            Action::PrevTab => {
                self.go_tab((self.reader.tab + self.tab_count() - 1) % self.tab_count())
            }
            Action::GoTab(n) if n < self.tab_count() => self.go_tab(n),
            Action::FocusList => self.focus = Focus::List,
            Action::FocusContent if self.response().is_some() => self.focus = Focus::Content,
            Action::StartFilter => {
                self.focus = Focus::List;
                self.modal = Some(Modal::Filter);
            }
            Action::Back if mode == Mode::List && !self.list.filter.is_empty() => {
                self.list.filter.clear();
                self.list.edited();
            }
            Action::OpenSearch => {
                self.search.open_fresh();
                self.modal = Some(Modal::Search);
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::ToggleMark => self.toggle_mark(),
            Action::OpenCompare => self.open_compare(),
            Action::Copy => return self.copy(),
            Action::Open => return self.open(),
            _ => {}
        }
        None
    }

    /// Keys while the country filter is typed.
    pub(super) fn filter_key(&mut self, action: Action) {
        match action {
            Action::Accept => self.modal = None,
            Action::Back => {
                self.modal = None;
                self.list.filter.clear();
                self.list.edited();
            }
            Action::Up => self.move_by(Mode::List, -1),
            Action::Down => self.move_by(Mode::List, 1),
            Action::Edit(e) if self.list.filter.apply(e) => {
                self.list.edited();
                let before = self.current_response();
                self.list.settle(&self.index, self.size);
                self.switched(before);
            }
            _ => {}
        }
    }

    /// After the selection moved from `before`: the reader shows the same section of the new
    /// response, if it has one by that id, else its Overview.
    fn switched(&mut self, before: Option<usize>) {
        let now = self.current_response();
        if now == before {
            return;
        }
        if before.is_some() {
            self.list.previous = before;
        }
        let section_id = before
            .and_then(|b| {
                let r = &self.index.responses[b];
                r.sections.get(self.reader.tab.checked_sub(1)?)
            })
            .map(|s| s.id.clone());
        let tab = now
            .zip(section_id)
            .and_then(|(n, id)| {
                self.index.responses[n]
                    .sections
                    .iter()
                    .position(|s| s.id == id)
            })
            .map_or(0, |p| p + 1);
        self.reader
            .open(&self.index, now, tab, 0, self.size, self.theme);
    }

    fn list_scroll(&mut self, f: impl FnOnce(&mut Scroll, &Lines, usize)) {
        let before = self.current_response();
        if self.list.scroll(&self.index, self.size, f).is_some() {
            self.switched(before);
        }
    }

    fn move_by(&mut self, mode: Mode, delta: isize) {
        match mode {
            Mode::Content if self.section().is_none() => self
                .reader
                .with_body(self.size, |s, r, h| s.scroll_by(r, h, delta)),
            Mode::Content => self
                .reader
                .with_body(self.size, |s, r, h| s.step(r, h, delta)),
            _ => self.list_scroll(|s, r, h| s.step(r, h, delta)),
        }
    }

    fn page_by(&mut self, mode: Mode, direction: isize) {
        match mode {
            Mode::Content => self.reader.with_body(self.size, |s, r, h| {
                s.scroll_by(r, h, direction * (h.saturating_sub(1).max(1)) as isize)
            }),
            _ => self.list_scroll(|s, r, h| {
                let row = s.focus.saturating_add_signed(direction * h.max(1) as isize);
                s.focus_on(r, h, row);
            }),
        }
    }

    fn jump(&mut self, mode: Mode, end: bool) {
        match mode {
            Mode::Content => self
                .reader
                .with_body(self.size, |s, r, h| s.jump(r, h, end)),
            _ => self.list_scroll(|s, r, h| s.jump(r, h, end)),
        }
    }

    fn go_tab(&mut self, tab: usize) {
        if self.response().is_none() {
            return;
        }
        self.focus = Focus::Content;
        self.reader.open(
            &self.index,
            self.current_response(),
            tab,
            0,
            self.size,
            self.theme,
        );
    }

    fn toggle_mark(&mut self) {
        let Some(r) = self.current_response() else {
            return;
        };
        let marked = &mut self.list.marked;
        match marked.iter().position(|&m| m == r) {
            Some(p) => {
                marked.remove(p);
            }
            None => marked.push(r),
        }
        let n = marked.len();
        let text = if self.list.compare_choice(Some(r)).len() >= 2 {
            let key = keymap::key(Mode::List, &Action::OpenCompare);
            format!("{} marked: press {key} to compare", n)
        } else {
            let mark = keymap::key(Mode::List, &Action::ToggleMark);
            format!(
                "{} marked: mark one more with {mark} to compare",
                super::count(n, "response", "responses")
            )
        };
        self.say(text);
    }

    /// `c`: compare the marked responses, or say what is missing.
    fn open_compare(&mut self) {
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
        let cmp = crate::compare::Comparison::new(&self.index, &chosen, &[]);
        self.screen = Screen::Compare(Box::new(super::CompareView::new(cmp)));
        self.modal = None;
    }

    fn copy(&mut self) -> Option<Effect> {
        let r = self.response()?;
        match self.section() {
            None => match r.cio.as_ref().and_then(|c| c.email.clone()) {
                Some(email) => Some(Effect::Copy {
                    what: "the CIO's e-mail".into(),
                    text: email,
                }),
                None => {
                    self.fail("no CIO e-mail to copy".into());
                    None
                }
            },
            Some(s) => {
                let item = s.items.get(self.reader.body.focus)?;
                let text = item.copy_text();
                let id = item.display_number().to_string();
                if text.is_empty() {
                    self.fail(format!("nothing to copy: {id} has no answer"));
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
                    let k = usize::from(row - inner.y);
                    self.list_scroll(|s, r, h| {
                        let target = s.offset + k;
                        if target < scroll::Rows::count(r) {
                            s.focus_on(r, h, target);
                        }
                    });
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
                let rows = self.reader.rows();
                if let Some(k) = self.reader.body.row_at(&rows, line) {
                    self.reader.body.focus = k;
                }
            }
            Mouse::Click { .. } => {}
            Mouse::ScrollUp { column, row } | Mouse::ScrollDown { column, row } => {
                let down = matches!(m, Mouse::ScrollDown { .. });
                if inside(areas.list, column, row) {
                    self.move_by(Mode::List, if down { 1 } else { -1 });
                } else if inside(areas.response, column, row) {
                    let lines = if down { 3 } else { -3 };
                    self.reader
                        .with_body(self.size, |s, r, h| s.scroll_by(r, h, lines));
                }
            }
        }
    }
}
