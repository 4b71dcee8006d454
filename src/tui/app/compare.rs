//! The comparison view's state and the part of `App::update` that drives it.

use super::{App, Focus, Status};
use crate::compare::{self, Comparison};
use crate::tui::action::Effect;
use crate::tui::keymap::Mode;
use crate::tui::view::{self, CompareColumns, ComparePage};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

#[derive(Debug)]
pub struct CompareState {
    pub cmp: Comparison,
    /// The rows the topic filter keeps, as indices into `cmp.rows`.
    pub visible: Vec<usize>,
    /// The focused row, as an index into `visible`.
    pub row: usize,
    /// The focused response column.
    pub column: usize,
    /// The first response column shown.
    pub first: usize,
    /// The first line of the page shown.
    pub scroll: usize,
    /// The focus moved: scroll at the next settle to bring its row into view.
    pub follow: bool,
    pub filter: String,
    pub filtering: bool,
    pub diff: bool,
    pub page: ComparePage,
    /// What `page` was laid out for: the rows shown, the columns, the diff switch. The page is
    /// laid out again only when one of them changes, not on every key.
    laid_out: Option<(Vec<usize>, CompareColumns, bool)>,
    pub columns: CompareColumns,
}

impl CompareState {
    fn new(cmp: Comparison) -> CompareState {
        let visible = (0..cmp.rows.len()).collect();
        CompareState {
            cmp,
            visible,
            row: 0,
            column: 0,
            first: 0,
            scroll: 0,
            follow: false,
            filter: String::new(),
            filtering: false,
            diff: false,
            page: ComparePage::default(),
            laid_out: None,
            columns: CompareColumns::at(80, 0, 0, 0),
        }
    }

    /// The focused cell, if there is one.
    pub fn cell(&self) -> Option<&compare::Cell> {
        let row = &self.cmp.rows[*self.visible.get(self.row)?];
        row.cells.get(self.column)
    }
}

/// The comparison's body: inside the border, under the column titles.
pub fn body(width: u16, height: u16) -> ratatui::layout::Rect {
    ratatui::layout::Rect {
        x: 1,
        y: 2,
        width: width.saturating_sub(2),
        height: height.saturating_sub(4),
    }
}

impl App {
    /// `c`: the marked responses, or with none marked, the current one and the one before.
    pub(super) fn open_compare(&mut self) {
        let mut chosen: Vec<usize> = self.marked.clone();
        if chosen.len() < 2
            && let Some(current) = self.current_response()
        {
            if chosen.is_empty()
                && let Some(previous) = self.previous.filter(|p| *p != current)
            {
                chosen = vec![previous, current];
            } else if !chosen.contains(&current) {
                chosen.push(current);
            }
        }
        if chosen.len() < 2 {
            chosen.clear();
        }
        self.compare = Some(CompareState::new(Comparison::new(
            &self.index,
            &chosen,
            &[],
        )));
        self.overlay = super::Overlay::None;
        self.search.open = false;
    }

    pub(super) fn toggle_mark(&mut self) {
        let Some(r) = self.current_response() else {
            return;
        };
        match self.marked.iter().position(|&m| m == r) {
            Some(p) => {
                self.marked.remove(p);
            }
            None => self.marked.push(r),
        }
        let n = self.marked.len();
        self.status = Some(Status {
            text: format!("{n} marked: press c to compare"),
            error: false,
        });
    }

    /// Moves and scrolls within the comparison.
    pub(super) fn compare_step(&mut self, rows: isize, columns: isize) {
        let h = usize::from(body(self.width, self.height).height).max(1);
        let Some(c) = &mut self.compare else {
            return;
        };
        // One step inside a focused row taller than the view reads on by a third of the view,
        // as j and k do in a section; otherwise, and for longer jumps, the focus moves.
        let stride = (h / 3).max(1);
        let tall = c.page.rows.get(c.row).cloned().filter(|_| rows.abs() == 1);
        match tall {
            Some(r) if rows > 0 && r.end > c.scroll + h => {
                c.scroll = (c.scroll + stride).min(r.end - h);
            }
            Some(r) if rows < 0 && r.start < c.scroll => {
                c.scroll = c.scroll.saturating_sub(stride).max(r.start);
            }
            _ if rows != 0 => {
                let next = c
                    .row
                    .saturating_add_signed(rows)
                    .min(c.visible.len().saturating_sub(1));
                // Only a move brings the row into view: a step past the last row leaves a
                // scrolled view alone.
                if next != c.row {
                    c.row = next;
                    c.follow = true;
                }
            }
            _ => {}
        }
        if columns != 0 {
            c.column = c
                .column
                .saturating_add_signed(columns)
                .min(c.cmp.responses.len().saturating_sub(1));
        }
    }

    pub(super) fn compare_scroll(&mut self, lines: isize) {
        let height = usize::from(body(self.width, self.height).height).max(1);
        if let Some(c) = &mut self.compare {
            let max = c.page.lines.len().saturating_sub(height);
            c.scroll = c.scroll.saturating_add_signed(lines).min(max);
            // The focus follows to the first row that shows.
            let (top, bottom) = (c.scroll, c.scroll + height);
            let shows = |r: &std::ops::Range<usize>| r.end > top && r.start < bottom;
            if !c.page.rows.get(c.row).is_some_and(shows)
                && let Some(k) = c.page.rows.iter().position(shows)
            {
                c.row = k;
            }
        }
    }

    pub(super) fn compare_filter(&mut self) {
        let Some(c) = &mut self.compare else {
            return;
        };
        // Words first ("signature" is the signature law, not "publishing ... expenditure");
        // only when nothing holds them, fuzzy, so that a typo still finds its topic.
        let text = |r: &compare::Row| format!("{} {} {}", r.group, r.label, r.topic).to_lowercase();
        let words: Vec<String> = c
            .filter
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let literal: Vec<usize> = (0..c.cmp.rows.len())
            .filter(|&i| {
                let t = text(&c.cmp.rows[i]);
                words.iter().all(|w| t.contains(w.as_str()))
            })
            .collect();
        c.visible = if !literal.is_empty() || c.filter.trim().is_empty() {
            literal
        } else {
            let matcher = SkimMatcherV2::default().smart_case();
            (0..c.cmp.rows.len())
                .filter(|&i| {
                    matcher
                        .fuzzy_match(&text(&c.cmp.rows[i]), &c.filter)
                        .is_some()
                })
                .collect()
        };
        c.row = 0;
        c.scroll = 0;
    }

    pub(super) fn compare_copy(&mut self) -> Option<Effect> {
        let c = self.compare.as_ref()?;
        let row = &c.cmp.rows[*c.visible.get(c.row)?];
        let cell = row.cells.get(c.column)?;
        let what = format!(
            "{} for {}",
            row.label,
            c.cmp
                .headers(&self.index)
                .get(c.column)
                .cloned()
                .unwrap_or_default()
        );
        Some(Effect::Copy {
            text: compare::cell_text(cell, row.questions_differ),
            what,
        })
    }

    pub(super) fn compare_export(&mut self) -> Option<Effect> {
        let c = self.compare.as_ref()?;
        if c.cmp.responses.is_empty() {
            self.status = Some(Status {
                text: "nothing to export: mark two or more responses first".into(),
                error: true,
            });
            return None;
        }
        let path = std::path::PathBuf::from(c.cmp.file_name(&self.index, "md"));
        Some(Effect::WriteFile {
            contents: compare::to_markdown(&self.index, &c.cmp),
            path,
        })
    }

    /// Rebuilds the comparison's page and keeps the focused row and column in view.
    pub(super) fn settle_compare(&mut self) {
        let (width, height) = (self.width, self.height);
        let theme = self.theme;
        let Some(c) = &mut self.compare else {
            return;
        };
        let area = body(width, height);
        c.row = c.row.min(c.visible.len().saturating_sub(1));
        c.column = c.column.min(c.cmp.responses.len().saturating_sub(1));
        c.columns = CompareColumns::at(
            usize::from(area.width),
            c.cmp.responses.len(),
            c.column,
            c.first,
        );
        c.first = c.columns.first;
        let key = (c.visible.clone(), c.columns.clone(), c.diff);
        if c.laid_out.as_ref() != Some(&key) {
            c.page = view::compare_page(&c.cmp, &c.visible, &c.columns, c.diff, theme);
            c.laid_out = Some(key);
        }
        let h = usize::from(area.height).max(1);
        let max = c.page.lines.len().saturating_sub(h);
        c.scroll = c.scroll.min(max);
        // After a focus move, scroll as little as brings the focused row into view, its start
        // first when it is taller than the view. Otherwise (the user scrolled, or the window
        // changed) the scroll stays unless the row has left the view altogether: a tall row
        // can be read to its end.
        let follow = std::mem::take(&mut c.follow);
        if let Some(r) = c.page.rows.get(c.row) {
            let (top, bottom) = (c.scroll, c.scroll + h);
            let out_of_view = r.end <= top || r.start >= bottom;
            if follow || out_of_view {
                if r.start < top {
                    // Show the row's group heading with it where it has one.
                    let heading = usize::from(
                        r.start > 0
                            && c.page.lines[r.start - 1].width() > 0
                            && (c.row == 0
                                || c.cmp.rows[c.visible[c.row - 1]].group
                                    != c.cmp.rows[c.visible[c.row]].group),
                    );
                    c.scroll = r.start.saturating_sub(heading);
                } else if r.end > bottom {
                    c.scroll = r.end.saturating_sub(h).min(r.start);
                }
            }
        }
        c.scroll = c.scroll.min(max);
    }

    pub(super) fn compare_mode(&self) -> Option<Mode> {
        self.compare.as_ref().map(|c| {
            if c.filtering {
                Mode::CompareFilter
            } else {
                Mode::Compare
            }
        })
    }

    pub(super) fn close_compare(&mut self) {
        self.compare = None;
        self.focus = Focus::List;
    }
}
