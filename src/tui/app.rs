//! The browser's state and [`App::update`], the only place it changes.
//!
//! What is on screen is one value: a [`Screen`] (the browser, or a comparison), and at most one
//! [`Modal`] over it (search, help, the link picker, or a filter being typed). The key mode, the
//! draw order and mouse routing are all read from that value, in [`App::mode`],
//! `ui::render` and [`App::mouse`]: a modal, when there is one, has the keys, is drawn last and
//! takes the mouse.
//!
//! Each part owns its state and its `update`: the country list and the reader (`browse`),
//! search (`search`), the comparison (`compare`), help and the link picker (`modal`). They share
//! `Scroll` (rows taller than the view) and `LineInput` (a query line). Rendering reads an
//! `&App`; geometry comes from `layout`, computed from the one `Size`.

use super::action::{Action, Effect, Mouse};
use super::history::History;
use super::keymap::{self, Mode};
use super::layout::{self, Areas, Size};
use super::theme::Theme;
use crate::egdi::Egdi;
use crate::model::Index;
use std::path::PathBuf;
use std::sync::Arc;

mod browse;
mod compare;
mod list;
mod modal;
mod rankings;
mod search;

pub use crate::compare::count;
pub use browse::Reader;
pub use compare::CompareView;
pub use list::{CountryList, Entry, ListFilter, ListRow, Sort};
pub use modal::{Help, Picker};
pub use rankings::{Column, RankRow, RankingsView};
pub use search::Search;

/// Which pane of the browse screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Content,
}

/// The screen under any modal.
#[derive(Debug)]
pub enum Screen {
    Browse,
    Compare(Box<CompareView>),
    Rankings(Box<RankingsView>),
}

/// What sits over the screen and has the keyboard.
#[derive(Debug)]
pub enum Modal {
    /// The search overlay.
    Search,
    /// Typing the country filter (shown in the list's title).
    Filter,
    /// Typing the comparison's topic filter (shown in its title).
    TopicFilter,
    /// Typing the rankings' filter (shown in its title).
    RankingsFilter,
    Help(Help),
    Picker(Picker),
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
    /// The published figures of every member state, and any the analyst added.
    pub egdi: Arc<Egdi>,
    /// Which index is loaded, for the status bar: "built-in index" or a path.
    pub index_label: String,
    pub theme: Theme,
    pub size: Size,
    pub screen: Screen,
    pub modal: Option<Modal>,
    pub focus: Focus,
    pub list: CountryList,
    pub reader: Reader,
    pub search: Search,
    pub history: History,
    /// Where the history is saved; `None` keeps it for this run only.
    history_path: Option<PathBuf>,
    pub status: Option<Status>,
    /// Set when the browser should exit, with the exit code.
    pub exit: Option<i32>,
}

impl App {
    pub fn new(index: Index, index_label: String, theme: Theme, width: u16, height: u16) -> App {
        let index = Arc::new(index);
        // The built-in figures with the index's own; `MSQ_SCORES` is the caller's (`with_egdi`).
        let egdi = Arc::new(
            crate::egdi::effective_with(&index, &[]).unwrap_or_else(|_| Egdi::builtin().clone()),
        );
        let mut app = App {
            list: CountryList::new(&index, egdi.clone()),
            index,
            egdi,
            index_label,
            theme,
            size: Size::new(width, height),
            screen: Screen::Browse,
            modal: None,
            focus: Focus::List,
            reader: Reader::default(),
            search: Search::default(),
            history: History::default(),
            history_path: None,
            status: None,
            exit: None,
        };
        app.settle();
        app
    }

    /// These figures instead of the built-in ones (with an index's or `MSQ_SCORES`' own).
    pub fn with_egdi(mut self, egdi: Egdi) -> App {
        let egdi = Arc::new(egdi);
        let list = CountryList::new(&self.index, egdi.clone());
        self.egdi = egdi;
        self.list = list;
        // The page wrapped with the figures before is made again.
        self.reader = Reader::default();
        self.settle();
        self
    }

    /// Query history from and to this file.
    pub fn with_history(mut self, history: History, path: Option<PathBuf>) -> App {
        self.history = history;
        self.history_path = path;
        self
    }

    /// The mode the keys are read in: the modal's, or with none, the screen's.
    pub fn mode(&self) -> Mode {
        match &self.modal {
            Some(m) => m.mode(),
            None => self.screen_mode(),
        }
    }

    /// The screen's own mode, under any modal.
    pub fn screen_mode(&self) -> Mode {
        match (&self.screen, self.focus) {
            (Screen::Compare(_), _) => Mode::Compare,
            (Screen::Rankings(_), _) => Mode::Rankings,
            (Screen::Browse, Focus::List) => Mode::List,
            (Screen::Browse, Focus::Content) => Mode::Content,
        }
    }

    pub fn areas(&self) -> Option<Areas> {
        Areas::at(self.size)
    }

    /// The response selected in the list, as an index into `index.responses`.
    pub fn current_response(&self) -> Option<usize> {
        self.list.selected()
    }

    pub fn response(&self) -> Option<&crate::model::Response> {
        self.current_response().map(|i| &self.index.responses[i])
    }

    pub fn section(&self) -> Option<&crate::model::Section> {
        self.response()?
            .sections
            .get(self.reader.tab.checked_sub(1)?)
    }

    pub fn tab_count(&self) -> usize {
        self.response().map_or(1, |r| r.sections.len() + 1)
    }

    /// The current tab's wrapped page.
    pub fn page(&self) -> &super::ui::response::Page {
        self.reader.page()
    }

    pub fn compare(&self) -> Option<&CompareView> {
        match &self.screen {
            Screen::Compare(c) => Some(c),
            _ => None,
        }
    }

    pub fn rankings(&self) -> Option<&RankingsView> {
        match &self.screen {
            Screen::Rankings(r) => Some(r),
            _ => None,
        }
    }

    /// Applies an action. Returns work for the event loop, if the action needs the world
    /// outside the terminal.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Resize(..)
                | Action::Notify(_)
                | Action::Fail(_)
                | Action::Mouse(_)
                | Action::SearchResults { .. }
                | Action::EngineReady { .. }
        ) {
            self.status = None;
        }
        let effect = self.apply(action);
        self.settle();
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => self.exit = Some(0),
            Action::Interrupt(signal) => self.exit = Some(128 + signal),
            Action::Resize(w, h) => {
                self.size = Size::new(w, h);
                // Rewrapped to the new width: bring the focused item back into view.
                self.settle();
                self.reader.show_focus(self.size);
            }
            Action::Notify(text) => self.say(text),
            Action::Fail(text) => self.fail(text),
            Action::SearchResults {
                generation,
                results,
                complete,
            } => self.search.take_results(generation, results, complete),
            Action::EngineReady { warning } => {
                self.search.indexing = false;
                if let Some(w) = warning {
                    self.fail(w);
                }
            }
            Action::Mouse(m) => return self.mouse(m),
            Action::Help => self.toggle_help(),
            action => return self.route(action),
        }
        None
    }

    /// An action for whatever has the keyboard: the modal, or with none, the screen.
    fn route(&mut self, action: Action) -> Option<Effect> {
        let size = self.size;
        let help_lines = self.open_help_lines();
        match &mut self.modal {
            Some(Modal::Help(h)) => {
                if h.update(&action, size, help_lines) {
                    self.close_help();
                }
                None
            }
            Some(Modal::Picker(p)) => {
                let (keep, effect) = p.update(&action, size);
                self.picker_done(keep, effect)
            }
            Some(Modal::Search) => self.search_key(action),
            Some(Modal::Filter) => self.filter_key(action),
            Some(Modal::TopicFilter) => self.topic_filter_key(action),
            Some(Modal::RankingsFilter) => self.rankings_filter_key(action),
            None => match &self.screen {
                Screen::Compare(_) => self.compare_key(action),
                Screen::Rankings(_) => self.rankings_key(action),
                Screen::Browse => self.browse_key(action),
            },
        }
    }

    /// After the picker took a key or a click: closed or not, and what it asks for.
    fn picker_done(
        &mut self,
        keep: bool,
        effect: Option<Result<Effect, String>>,
    ) -> Option<Effect> {
        if !keep {
            self.modal = None;
        }
        effect.and_then(|e| self.effect_or_fail(e))
    }

    /// Keys while the comparison's topic filter is typed.
    fn topic_filter_key(&mut self, action: Action) -> Option<Effect> {
        let (size, theme) = (self.size, self.theme);
        let Screen::Compare(c) = &mut self.screen else {
            self.modal = None;
            return None;
        };
        let kind = super::history::Kind::TopicFilter;
        match action {
            Action::Accept => {
                self.history.push(kind, c.filter.text());
                self.modal = None;
                return self.save_history();
            }
            Action::Back => {
                c.filter.clear();
                c.refilter(size, theme);
                self.modal = None;
            }
            Action::HistoryOlder | Action::HistoryNewer => {
                let text = c.filter.text().to_string();
                let found = if action == Action::HistoryOlder {
                    self.history.older(kind, &text)
                } else {
                    self.history.newer(kind, &text)
                };
                if let Some(q) = found {
                    c.filter.set(&q);
                    c.refilter(size, theme);
                }
            }
            action => c.filter_key(&action, size, theme),
        }
        None
    }

    /// An effect that a part asks for, or the reason it cannot be carried out.
    fn effect_or_fail(&mut self, e: Result<Effect, String>) -> Option<Effect> {
        match e {
            Ok(e) => Some(e),
            Err(text) => {
                self.fail(text);
                None
            }
        }
    }

    fn toggle_help(&mut self) {
        match self.modal.take() {
            Some(Modal::Help(mut h)) => self.modal = h.back.take().map(|b| *b),
            back => self.modal = Some(Modal::Help(Help::new(back))),
        }
    }

    /// Closes help, back to the modal it was opened over.
    fn close_help(&mut self) {
        if let Some(Modal::Help(h)) = &mut self.modal {
            self.modal = h.back.take().map(|b| *b);
        }
    }

    /// How many lines help has, worked out only while help is open: it wraps every line.
    fn open_help_lines(&self) -> usize {
        match self.modal {
            Some(Modal::Help(_)) => self.help_lines(),
            _ => 0,
        }
    }

    /// How many lines help has at this size.
    fn help_lines(&self) -> usize {
        let width = usize::from(layout::inside(layout::help_popup(self.size)).width);
        super::ui::help::lines(&self.help_modes(), width, self.theme).len()
    }

    /// The mode help describes: the one under it.
    fn help_over(&self) -> Mode {
        match &self.modal {
            Some(Modal::Help(h)) => h.back.as_ref().map_or(self.screen_mode(), |m| m.mode()),
            Some(m) => m.mode(),
            None => self.screen_mode(),
        }
    }

    /// The modes whose keys help lists: the screen's, with the modals it opens.
    pub fn help_modes(&self) -> Vec<Mode> {
        let over = self.help_over();
        let mut modes = match self.screen {
            Screen::Compare(_) => vec![Mode::Compare, Mode::CompareFilter],
            Screen::Rankings(_) => vec![Mode::Rankings, Mode::RankingsFilter],
            Screen::Browse => vec![
                Mode::List,
                Mode::Content,
                Mode::Filter,
                Mode::Search,
                Mode::Picker,
            ],
        };
        // The mode help was opened from comes first.
        if let Some(p) = modes.iter().position(|m| *m == over) {
            let m = modes.remove(p);
            modes.insert(0, m);
        }
        modes
    }

    pub(crate) fn say(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    pub(crate) fn fail(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }

    /// Whether a binding would do something now: the status bar offers only those.
    pub fn offers(&self, action: &Action) -> bool {
        match action {
            Action::ToggleMark if self.mode() == Mode::Rankings => self
                .rankings()
                .and_then(|r| r.focused(&self.egdi))
                .is_some_and(|c| {
                    self.index
                        .responses
                        .iter()
                        .any(|r| r.iso3.eq_ignore_ascii_case(c.iso3))
                }),
            Action::Accept if self.mode() == Mode::Rankings => self
                .rankings()
                .and_then(|r| r.focused(&self.egdi))
                .is_some(),
            Action::OpenCompare if self.mode() == Mode::Rankings => self.list.marked.len() >= 2,
            Action::OpenRankings => !self.egdi.years().is_empty(),

            Action::NextHit | Action::PrevHit => !self.search.results.hits.is_empty(),
            Action::Open => !self
                .reader
                .links(&self.index, self.current_response())
                .is_empty(),
            Action::OpenCompare => self.list.compare_choice(self.current_response()).len() >= 2,
            Action::Copy | Action::Export | Action::ToggleDiff if self.mode() == Mode::Compare => {
                self.compare().is_some_and(|c| c.focused().is_some())
            }
            Action::Copy | Action::Accept if self.mode() == Mode::Picker => {
                matches!(&self.modal, Some(Modal::Picker(p)) if !p.shown().is_empty())
            }
            Action::Accept if self.mode() == Mode::Search => !self.search.results.hits.is_empty(),
            Action::Down | Action::Up if self.mode() == Mode::Search => {
                self.search.results.hits.len() > 1
            }
            Action::Copy => self.copy_target().is_ok(),
            Action::HistoryOlder | Action::HistoryNewer => {
                let kind = match self.mode() {
                    Mode::Search => super::history::Kind::Search,
                    Mode::Filter => super::history::Kind::CountryFilter,
                    _ => super::history::Kind::TopicFilter,
                };
                !self.history.list(kind).is_empty()
            }
            Action::ToggleMark => self.current_response().is_some(),
            Action::FocusContent => self.list.entry().is_some(),
            Action::NextTab | Action::PrevTab => self.tab_count() > 1,
            _ => true,
        }
    }

    /// The hints the status bar shows for the current mode.
    pub fn hints(&self) -> Vec<keymap::Shown> {
        keymap::hints(self.mode(), |a| self.offers(a))
    }

    /// Bounds every position by what exists now: after a resize, a filter, a new selection.
    fn settle(&mut self) {
        self.list.settle(&self.index, self.size);
        let shown = browse::Shown {
            index: &self.index,
            egdi: &self.egdi,
            entry: self.list.entry(),
            size: self.size,
            theme: self.theme,
            query: self.search.highlight(),
        };
        self.reader.settle(shown);
        if self.list.entry().is_none() {
            self.focus = Focus::List;
        }
        self.search.settle(self.size);
        match &mut self.screen {
            Screen::Compare(c) => c.settle(self.size, self.theme),
            Screen::Rankings(r) => r.settle(&self.egdi, self.size),
            Screen::Browse => {}
        }
        let size = self.size;
        if matches!(self.modal, Some(Modal::Help(_))) {
            let lines = self.help_lines();
            if let Some(Modal::Help(h)) = &mut self.modal {
                h.settle(size, lines);
            }
        }
        if let Some(Modal::Picker(p)) = &mut self.modal {
            p.settle(self.size);
        }
    }

    /// A click or the wheel goes to the modal, if there is one, else to the screen.
    fn mouse(&mut self, m: Mouse) -> Option<Effect> {
        self.areas()?;
        let size = self.size;
        let help_lines = self.open_help_lines();
        match &mut self.modal {
            Some(Modal::Help(h)) => {
                if h.mouse(m, size, help_lines) {
                    self.close_help();
                }
                None
            }
            Some(Modal::Picker(p)) => {
                let (keep, effect) = p.mouse(m, size);
                self.picker_done(keep, effect)
            }
            Some(Modal::Search) => {
                match self.search.mouse(m, size) {
                    search::Click::Jump => return self.close_search(true),
                    search::Click::Close => return self.close_search(false),
                    search::Click::Nothing => {}
                }
                None
            }
            // A filter being typed is shown in a title: the mouse goes to the screen below.
            Some(Modal::Filter | Modal::TopicFilter | Modal::RankingsFilter) | None => {
                self.screen_mouse(m)
            }
        }
    }

    fn screen_mouse(&mut self, m: Mouse) -> Option<Effect> {
        match &mut self.screen {
            Screen::Compare(c) => {
                c.mouse(m, self.size);
                None
            }
            Screen::Rankings(r) => {
                match m {
                    Mouse::Click { column, row } => {
                        r.click(&self.egdi, self.size, column, row);
                    }
                    wheel => {
                        r.update(&super::action::Action::Mouse(wheel), &self.egdi, self.size);
                    }
                }
                None
            }
            Screen::Browse => {
                self.browse_mouse(m);
                None
            }
        }
    }
}

impl Modal {
    pub fn mode(&self) -> Mode {
        match self {
            Modal::Search => Mode::Search,
            Modal::Filter => Mode::Filter,
            Modal::TopicFilter => Mode::CompareFilter,
            Modal::RankingsFilter => Mode::RankingsFilter,
            Modal::Help(_) => Mode::Help,
            Modal::Picker(_) => Mode::Picker,
        }
    }
}

/// Whether the click is on the border or outside `r`.
pub(crate) fn outside(r: ratatui::layout::Rect, column: u16, row: u16) -> bool {
    !layout::contains(r, column, row)
}
