//! What can happen in the browser. Keys, mouse, resize and signals all become an [`Action`];
//! `App::update` is the only place that turns one into a change of state. Work that touches the
//! outside world (the clipboard, a browser) comes back from `update` as an [`Effect`] for the
//! event loop to carry out, so `update` itself stays pure and testable.

/// A mouse gesture at a terminal cell (column, row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    Click { column: u16, row: u16 },
    ScrollUp { column: u16, row: u16 },
    ScrollDown { column: u16, row: u16 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Quit and restore the terminal.
    Quit,
    /// Quit because of a signal (SIGINT, SIGTERM, SIGHUP) or Ctrl-C; exits with 128 + signal.
    Interrupt(i32),
    /// Move the selection or focus up one row or item.
    Up,
    /// Move the selection or focus down one row or item.
    Down,
    /// Scroll up by a page.
    PageUp,
    /// Scroll down by a page.
    PageDown,
    /// Jump to the first row or item.
    Top,
    /// Jump to the last row or item.
    Bottom,
    /// Show the next tab of the response.
    NextTab,
    /// Show the previous tab of the response.
    PrevTab,
    /// Show tab N (0 is Overview).
    GoTab(usize),
    /// Move the keyboard focus to the country list.
    FocusList,
    /// Move the keyboard focus to the response.
    FocusContent,
    /// Start typing a filter for the country list.
    StartFilter,
    /// Edit the current query line: type, delete, move the cursor.
    Edit(crate::tui::input::Edit),
    /// In search: the query before this one in the history.
    HistoryOlder,
    /// In search: the query after this one in the history, or back to what was being typed.
    HistoryNewer,
    /// Accept the input line.
    Accept,
    /// Close the overlay or cancel the input; in the response, go back to the list.
    Back,
    /// Copy the focused answer, or the CIO's e-mail on the Overview.
    Copy,
    /// Open a link of the focused item in the browser.
    Open,
    /// Show or hide the help overlay.
    Help,
    /// Mark the selected response for comparison, or unmark it.
    ToggleMark,
    /// Compare the marked responses (with none marked: the current and the one before it).
    OpenCompare,
    /// In the comparison: highlight the words in which columns differ, or stop.
    ToggleDiff,
    /// Export what the comparison shows to a Markdown file in the current folder.
    Export,
    /// In the comparison: move the focused column one place left (-1) or right (1).
    MoveColumn(isize),
    /// Move the focus one column left.
    Left,
    /// Move the focus one column right.
    Right,
    /// Open the search overlay on a fresh query; the last one's hits stay for `n`/`N` until
    /// something new is typed.
    OpenSearch,
    /// In search: switch between all responses and the current one.
    ToggleScope,
    /// In the country list: list every member state, or only those with a response.
    ToggleResponsesOnly,
    /// In the country list: the next order (name, EGDI rank, rank change); in the rankings, the
    /// next column to sort by.
    CycleSort,
    /// In the rankings: sort by the column before.
    CycleSortBack,
    /// In the rankings: reverse the order.
    ReverseSort,
    /// Open the rankings of every member state for one edition.
    OpenRankings,
    /// In the rankings: the edition before (-1) or after (1).
    Edition(isize),
    /// Jump to the next search hit.
    NextHit,
    /// Jump to the previous search hit.
    PrevHit,
    /// Results of search number `generation`: the exact pass, or (`complete`) with the
    /// typo-tolerant hits merged in.
    /// The search worker has its engine: from the index's stored search data or, for an index
    /// without it, built. `warning` says why stored data was not used.
    EngineReady {
        warning: Option<String>,
    },
    SearchResults {
        generation: u64,
        results: crate::search::Results,
        complete: bool,
    },
    /// The terminal was resized to columns x rows.
    Resize(u16, u16),
    Mouse(Mouse),
    /// Show a message in the status bar (the outcome of an effect).
    Notify(String),
    /// Show an error in the status bar.
    Fail(String),
}

/// Work for the event loop: the only way the browser touches the world outside the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put text on the clipboard. `what` names it for the status bar ("the answer to 7").
    Copy { text: String, what: String },
    /// Open a URL in the default browser.
    OpenUrl(String),
    /// Write a file atomically (an export).
    WriteFile {
        path: std::path::PathBuf,
        contents: String,
    },
    /// Save the query history (a failure is only reported).
    SaveHistory {
        path: std::path::PathBuf,
        history: crate::tui::history::History,
    },
    /// Run search number `generation`, over one response or all, for its best `limit` hits.
    Search {
        generation: u64,
        query: String,
        within: Option<usize>,
        limit: usize,
    },
}
