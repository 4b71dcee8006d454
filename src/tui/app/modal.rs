//! The two modals with state of their own: help (its scroll, and the modal it was opened over,
//! to go back to) and the link picker (its links, the filter typed into it, the chosen link).

use super::Modal;
use crate::browser;
use crate::tui::action::{Action, Effect, Mouse};
use crate::tui::input::LineInput;
use crate::tui::layout::{self, PickerAreas, Size};
use crate::tui::scroll::{self, Lines, Scroll};
use crate::tui::ui::response::LinkChoice;

#[derive(Debug)]
pub struct Help {
    /// Help's lines seen through its box.
    pub scroll: Scroll,
    /// The modal help was opened over, which Esc goes back to.
    pub back: Option<Box<Modal>>,
}

impl Help {
    pub(super) fn new(back: Option<Modal>) -> Help {
        Help {
            scroll: Scroll::default(),
            back: back.map(Box::new),
        }
    }

    fn rows(size: Size) -> usize {
        usize::from(layout::inside(layout::help_popup(size)).height).max(1)
    }

    /// Scrolls through help's `lines`; returns whether help closes.
    pub(super) fn update(&mut self, action: &Action, size: Size, lines: usize) -> bool {
        let (all, h) = (Lines(lines), Self::rows(size));
        match action {
            Action::Back => return true,
            Action::Down => self.scroll.scroll_by(&all, h, 1),
            Action::Up => self.scroll.scroll_by(&all, h, -1),
            Action::PageDown => self.scroll.scroll_by(&all, h, scroll::page_step(h)),
            Action::PageUp => self.scroll.scroll_by(&all, h, -scroll::page_step(h)),
            Action::Top => self.scroll.jump(&all, h, false),
            Action::Bottom => self.scroll.jump(&all, h, true),
            _ => {}
        }
        false
    }

    /// The wheel scrolls help; a click outside closes it.
    pub(super) fn mouse(&mut self, m: Mouse, size: Size, lines: usize) -> bool {
        let (all, h) = (Lines(lines), Self::rows(size));
        match m {
            Mouse::ScrollDown { .. } => self.scroll.scroll_by(&all, h, 3),
            Mouse::ScrollUp { .. } => self.scroll.scroll_by(&all, h, -3),
            Mouse::Click { column, row } => {
                return super::outside(layout::help_popup(size), column, row);
            }
        }
        false
    }

    /// Holds the scroll to help's lines after a resize.
    pub(super) fn settle(&mut self, size: Size, lines: usize) {
        self.scroll.settle(&Lines(lines), Self::rows(size));
    }
}

#[derive(Debug)]
pub struct Picker {
    pub title: String,
    pub links: Vec<LinkChoice>,
    /// Typed to narrow the links.
    pub filter: LineInput,
    /// The chosen row of the links the filter keeps.
    pub list: Scroll,
}

impl Picker {
    pub(super) fn new(title: String, links: Vec<LinkChoice>) -> Picker {
        Picker {
            title,
            links,
            filter: LineInput::new(),
            list: Scroll::default(),
        }
    }

    /// The links the filter keeps: every word of it in the link or its label.
    pub fn shown(&self) -> Vec<&LinkChoice> {
        self.links
            .iter()
            .filter(|l| self.filter.words_in(&format!("{} {}", l.url, l.label)))
            .collect()
    }

    fn chosen(&self) -> Option<String> {
        self.shown().get(self.list.focus).map(|l| l.url.clone())
    }

    fn rows(&self, size: Size) -> usize {
        usize::from(PickerAreas::at(size, self.links.len()).list.height).max(1)
    }

    /// Returns whether the picker stays open, and an effect to carry out (or why not).
    pub(super) fn update(
        &mut self,
        action: &Action,
        size: Size,
    ) -> (bool, Option<Result<Effect, String>>) {
        let n = Lines(self.shown().len());
        let h = self.rows(size);
        match action {
            Action::Back => return (false, None),
            Action::Accept => return (false, self.chosen().map(|l| open_url(&l))),
            Action::Copy => {
                return (
                    true,
                    self.chosen().map(|text| {
                        Ok(Effect::Copy {
                            what: "the link".into(),
                            text,
                        })
                    }),
                );
            }
            Action::Down => self.list.step(&n, h, 1),
            Action::Up => self.list.step(&n, h, -1),
            Action::Edit(e) if self.filter.apply(*e) => self.list = Scroll::default(),
            _ => {}
        }
        (true, None)
    }

    /// A click on a link opens it; a click outside closes the picker; the wheel moves.
    pub(super) fn mouse(&mut self, m: Mouse, size: Size) -> (bool, Option<Result<Effect, String>>) {
        let a = PickerAreas::at(size, self.links.len());
        let n = Lines(self.shown().len());
        let h = self.rows(size);
        match m {
            Mouse::Click { column, row } if layout::contains(a.list, column, row) => {
                if let Some(k) = self.list.row_at(&n, usize::from(row - a.list.y)) {
                    self.list.focus = k;
                    return (false, self.chosen().map(|l| open_url(&l)));
                }
            }
            Mouse::Click { column, row } if super::outside(a.popup, column, row) => {
                return (false, None);
            }
            Mouse::Click { .. } => {}
            Mouse::ScrollUp { .. } => self.list.step(&n, h, -1),
            Mouse::ScrollDown { .. } => self.list.step(&n, h, 1),
        }
        (true, None)
    }

    pub(super) fn settle(&mut self, size: Size) {
        let n = Lines(self.shown().len());
        let h = self.rows(size);
        self.list.settle(&n, h);
        self.list.show_focus(&n, h);
    }
}

/// The effect that opens a link, or why it is refused.
pub(super) fn open_url(link: &str) -> Result<Effect, String> {
    browser::web_url(link)
        .map(Effect::OpenUrl)
        .map_err(|e| format!("not opened: {e}"))
}
