//! The comparison screen's state: the comparison, its topic filter, the order of its columns,
//! the focused cell and the scroll; and the keys and clicks that drive it.

use super::{App, Modal, Screen};
use crate::compare::{self, Comparison};
use crate::tui::action::{Action, Effect, Mouse};
use crate::tui::input::LineInput;
use crate::tui::keymap::Mode;
use crate::tui::layout::{CompareAreas, CompareColumns, Size};
use crate::tui::scroll::{self, Scroll};
use crate::tui::theme::Theme;
use crate::tui::ui::compare::{ComparePage, compare_page};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// What the page was laid out for; it is laid out again only when one of these changes.
type PageKey = (Vec<usize>, Vec<usize>, CompareColumns, bool);

#[derive(Debug)]
pub struct CompareView {
    pub cmp: Comparison,
    pub filter: LineInput,
    /// The response columns in the order shown, as indices into `cmp.responses`.
    pub order: Vec<usize>,
    /// The focused column, as a place in `order`.
    pub column: usize,
    /// The first column shown, as a place in `order`.
    pub first: usize,
    /// The focused topic (of those the filter keeps) and the first line shown.
    pub rows: Scroll,
    pub diff: bool,
    /// A cache of the laid-out page.
    page: ComparePage,
    laid_out: Option<PageKey>,
}

impl CompareView {
    pub fn new(cmp: Comparison) -> CompareView {
        CompareView {
            order: (0..cmp.responses.len()).collect(),
            cmp,
            filter: LineInput::new(),
            column: 0,
            first: 0,
            rows: Scroll::default(),
            diff: false,
            page: ComparePage::default(),
            laid_out: None,
        }
    }

    pub fn page(&self) -> &ComparePage {
        &self.page
    }

    /// The topics the filter keeps, as indices into `cmp.rows`. Words first ("signature" is the
    /// signature law, not "publishing ... expenditure"); only when no topic holds them, fuzzy,
    /// so that a typo still finds its topic.
    pub fn shown(&self) -> Vec<usize> {
        let filter = self.filter.text();
        let text = |r: &compare::Row| format!("{} {} {}", r.group, r.label, r.topic).to_lowercase();
        let literal: Vec<usize> = (0..self.cmp.rows.len())
            .filter(|&i| self.filter.words_in(&text(&self.cmp.rows[i])))
            .collect();
        if !literal.is_empty() || filter.trim().is_empty() {
            return literal;
        }
        let matcher = SkimMatcherV2::default().smart_case();
        (0..self.cmp.rows.len())
            .filter(|&i| {
                matcher
                    .fuzzy_match(&text(&self.cmp.rows[i]), filter)
                    .is_some()
            })
            .collect()
    }

    /// The columns at this size.
    pub fn columns(&self, size: Size) -> CompareColumns {
        let area = CompareAreas::at(size).body;
        CompareColumns::at(
            usize::from(area.width),
            self.order.len(),
            self.column,
            self.first,
        )
    }

    /// The focused cell's topic row and response, if there is one.
    pub fn focused(&self) -> Option<(&compare::Row, usize)> {
        let row = &self.cmp.rows[*self.shown().get(self.rows.focus)?];
        Some((row, *self.order.get(self.column)?))
    }

    fn lines(&self) -> scroll::Page<'_> {
        scroll::Page {
            rows: &self.page.rows,
            total: self.page.lines.len(),
        }
    }

    /// Runs a scroll rule over the topics, then shows a row's group heading with it when its
    /// start is at the top.
    fn scroll(&mut self, size: Size, f: impl FnOnce(&mut Scroll, &scroll::Page<'_>, usize)) {
        let h = CompareAreas::at(size).body_rows();
        let mut s = self.rows;
        let before = s.focus;
        f(&mut s, &self.lines(), h);
        let r = self.page.rows.get(s.focus).cloned().unwrap_or(0..0);
        if s.focus != before && s.offset == r.start && r.start > 0 {
            let heading = self.page.headings.contains(&(r.start - 1));
            if heading && r.end - (r.start - 1) <= h {
                s.offset -= 1;
            }
        }
        self.rows = s;
    }

    pub(super) fn refilter(&mut self, size: Size, theme: Theme) {
        self.rows = Scroll::default();
        self.settle(size, theme);
    }

    /// Keys while the topic filter is typed.
    pub(super) fn filter_key(&mut self, action: &Action, size: Size, theme: Theme) {
        match action {
            Action::Edit(e) if self.filter.apply(*e) => self.refilter(size, theme),
            Action::Down => self.scroll(size, |s, r, h| s.step(r, h, 1)),
            Action::Up => self.scroll(size, |s, r, h| s.step(r, h, -1)),
            _ => {}
        }
    }

    /// Lays the page out again if what it shows changed, and holds the focus and scroll to it.
    pub(super) fn settle(&mut self, size: Size, theme: Theme) {
        self.column = self.column.min(self.order.len().saturating_sub(1));
        let columns = self.columns(size);
        self.first = columns.first;
        let key = (self.shown(), self.order.clone(), columns, self.diff);
        if self.laid_out.as_ref() != Some(&key) {
            self.page = compare_page(&self.cmp, &key.0, &key.1, &key.2, self.diff, theme);
            self.laid_out = Some(key);
        }
        let h = CompareAreas::at(size).body_rows();
        let mut s = self.rows;
        s.settle(&self.lines(), h);
        self.rows = s;
    }

    /// In the comparison: a click focuses a cell, the wheel scrolls.
    pub(super) fn mouse(&mut self, m: Mouse, size: Size) {
        let area = CompareAreas::at(size).body;
        match m {
            Mouse::ScrollUp { .. } => self.scroll(size, |s, r, h| s.scroll_by(r, h, -3)),
            Mouse::ScrollDown { .. } => self.scroll(size, |s, r, h| s.scroll_by(r, h, 3)),
            Mouse::Click { column, row } => {
                if !crate::tui::layout::contains(area, column, row) {
                    return;
                }
                if let Some(k) = self.rows.row_at(&self.lines(), usize::from(row - area.y)) {
                    self.rows.focus = k;
                }
                let cols = self.columns(size);
                let x = usize::from(column - area.x);
                if let Some(k) = (0..cols.shown).find(|&k| cols.x(k).contains(&x)) {
                    self.column = cols.first + k;
                }
            }
        }
    }

    /// What `e` writes: the topics and columns shown, in their order.
    pub fn export(&self, index: &crate::model::Index) -> (std::path::PathBuf, String) {
        let shown = self.cmp.subset(&self.shown(), &self.order);
        let path = std::path::PathBuf::from(shown.file_name(index, "md"));
        (path, compare::to_markdown(index, &shown))
    }
}

/// What a key in the comparison asks of the app.
pub(super) enum Outcome {
    Nothing,
    Close,
    StartFilter,
    Effect(Effect),
    Fail(String),
}

impl CompareView {
    /// The comparison's own keys, with no modal open.
    pub(super) fn update(
        &mut self,
        action: &Action,
        index: &crate::model::Index,
        size: Size,
    ) -> Outcome {
        match action {
            Action::Down => self.scroll(size, |s, r, h| s.step(r, h, 1)),
            Action::Up => self.scroll(size, |s, r, h| s.step(r, h, -1)),
            Action::PageDown => {
                self.scroll(size, |s, r, h| s.scroll_by(r, h, scroll::page_step(h)))
            }
            Action::PageUp => self.scroll(size, |s, r, h| s.scroll_by(r, h, -scroll::page_step(h))),
            Action::Top => self.scroll(size, |s, r, h| s.jump(r, h, false)),
            Action::Bottom => self.scroll(size, |s, r, h| s.jump(r, h, true)),
            Action::Left => self.column = self.column.saturating_sub(1),
            Action::Right => {
                self.column = (self.column + 1).min(self.order.len().saturating_sub(1))
            }
            Action::MoveColumn(d) => {
                let to = self.column.saturating_add_signed(*d);
                if to < self.order.len() && to != self.column {
                    self.order.swap(self.column, to);
                    self.column = to;
                }
            }
            Action::ToggleDiff => self.diff = !self.diff,
            Action::StartFilter => return Outcome::StartFilter,
            Action::Back => return Outcome::Close,
            Action::Copy => {
                let Some((row, response)) = self.focused() else {
                    return Outcome::Nothing;
                };
                let header = self
                    .cmp
                    .headers(index)
                    .get(response)
                    .cloned()
                    .unwrap_or_default();
                let Some(cell) = row.cells.get(response) else {
                    return Outcome::Nothing;
                };
                return Outcome::Effect(Effect::Copy {
                    text: compare::cell_text(cell, row.questions_differ),
                    what: format!("{} for {header}", row.label),
                });
            }
            Action::Export if self.shown().is_empty() => {
                let key = crate::tui::keymap::key(Mode::Compare, &Action::StartFilter);
                return Outcome::Fail(format!(
                    "nothing to export: no topic matches the filter ({key} changes it)"
                ));
            }
            Action::Export => {
                let (path, contents) = self.export(index);
                return Outcome::Effect(Effect::WriteFile { path, contents });
            }
            _ => {}
        }
        Outcome::Nothing
    }
}

impl App {
    /// Keys of the comparison, with no modal open: the comparison's own, and what they ask of
    /// the app.
    pub(super) fn compare_key(&mut self, action: Action) -> Option<Effect> {
        let Screen::Compare(c) = &mut self.screen else {
            return None;
        };
        match c.update(&action, &self.index, self.size) {
            Outcome::Nothing => {}
            Outcome::Close => self.screen = Screen::Browse,
            Outcome::StartFilter => self.modal = Some(Modal::TopicFilter),
            Outcome::Effect(e) => return Some(e),
            Outcome::Fail(text) => self.fail(text),
        }
        None
    }
}
