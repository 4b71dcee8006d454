//! The terminal side of the browser: setting the terminal up and putting it back, and the event
//! loop. Keys, mouse, resizes and signals become actions; `App::update` applies them; effects
//! (clipboard, browser) run here; the screen is redrawn from `&App`.
//!
//! - `app`: the screen and modal, each part's state, and `update`; `action`: what can happen;
//!   `keymap`: the one binding table;
//! - `layout`: every area, from one size; `scroll`: rows taller than the view; `input`: a query
//!   line; `history`: earlier queries, kept across runs;
//! - `ui`: one file per pane, each building its content beside its render; `text`: wrapping
//!   and sanitising; `theme`: styles; `clipboard`: OSC 52 and local tools; `worker`: search
//!   off the UI thread.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod history;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod scroll;
pub mod text;
pub mod theme;
pub mod ui;
pub mod worker;

use crate::browser::{self, SystemLauncher};
use crate::model::Index;
use action::{Action, Effect, Mouse};
use app::App;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
};
use crossterm::{cursor, execute};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long the loop waits for input before it looks for a signal.
const POLL: Duration = Duration::from_millis(50);

/// Runs the browser until the user quits or a signal arrives. Returns the exit code: 0 for a
/// normal quit, 128 + the signal number for SIGINT (or Ctrl-C), SIGTERM and SIGHUP.
pub fn run(index: Index, index_label: String) -> std::io::Result<i32> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let mut terminal = ratatui::try_init()?;
    install_panic_hook();
    // From here on the terminal is ours: whatever happens next, it is put back.
    let result = (|| {
        execute!(std::io::stdout(), EnableMouseCapture)?;
        let size = terminal.size()?;
        let history_path = history::default_path();
        let (history, warning) = history_path
            .as_deref()
            .map(history::History::load)
            .unwrap_or_default();
        let mut app = App::new(
            index,
            index_label,
            theme::Theme::from_env(),
            size.width,
            size.height,
        )
        .with_history(history, history_path);
        if let Some(w) = warning {
            app.update(Action::Fail(w));
        }
        let worker = worker::SearchWorker::spawn(std::sync::Arc::clone(&app.index));
        event_loop(&mut terminal, &mut app, &signal, &worker)?;
        Ok(app.exit.unwrap_or(0))
    })();
    restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    signal: &AtomicUsize,
    worker: &worker::SearchWorker,
) -> std::io::Result<()> {
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| ui::render(app, f))?;
            dirty = false;
            test_panic_hook();
        }
        if app.exit.is_some() {
            return Ok(());
        }
        let sig = signal.swap(0, Ordering::SeqCst);
        if sig != 0 {
            dispatch(
                app,
                Action::Interrupt(i32::try_from(sig).unwrap_or(2)),
                worker,
            );
            continue;
        }
        while let Ok(results) = worker.events.try_recv() {
            dispatch(app, results, worker);
            dirty = true;
        }
        // While a search is out, look back for its results sooner.
        let wait = if app.search.refining {
            SEARCH_POLL
        } else {
            POLL
        };
        if !event::poll(wait)? {
            continue;
        }
        if let Some(action) = translate(app, event::read()?) {
            dispatch(app, action, worker);
            dirty = true;
        }
    }
}

/// How long the loop waits for input while a search is running.
const SEARCH_POLL: Duration = Duration::from_millis(8);

/// Applies an action and carries out any effect it asks for, feeding the outcome back.
fn dispatch(app: &mut App, action: Action, worker: &worker::SearchWorker) {
    if let Some(effect) = app.update(action)
        && let Some(outcome) = perform(effect, worker)
    {
        app.update(outcome);
    }
}

fn perform(effect: Effect, worker: &worker::SearchWorker) -> Option<Action> {
    Some(match effect {
        Effect::Search {
            generation,
            query,
            within,
        } => {
            worker.submit(worker::Job {
                generation,
                query,
                within,
            });
            return None;
        }
        Effect::Copy { text, what } => {
            let mut out = std::io::stdout();
            match clipboard::copy(&text, &mut out) {
                Ok(how) => Action::Notify(format!(
                    "copied {} chars: {what} ({how})",
                    text.chars().count()
                )),
                Err(e) => Action::Fail(format!("not copied: {e}")),
            }
        }
        Effect::WriteFile { path, contents } => {
            let replaced = path.exists();
            match crate::index::write_atomic(&path, contents.as_bytes()) {
                Ok(()) => Action::Notify(format!(
                    "exported to {}{}",
                    path.display(),
                    if replaced {
                        " (replaced the earlier export)"
                    } else {
                        ""
                    }
                )),
                Err(e) => Action::Fail(format!("not exported to {}: {e}", path.display())),
            }
        }
        Effect::SaveHistory { path, history } => match history.save(&path) {
            Ok(()) => return None,
            Err(e) => Action::Fail(format!(
                "query history not saved to {}: {e}",
                path.display()
            )),
        },
        Effect::OpenUrl(url) => match browser::open(&url, &SystemLauncher) {
            Ok(url) => Action::Notify(format!("opened {url}")),
            Err(e) => Action::Fail(format!("not opened: {e}")),
        },
    })
}

/// The action a terminal event stands for in the current mode.
fn translate(app: &App, e: Event) -> Option<Action> {
    match e {
        Event::Key(k) => {
            keymap::Key::from_event(k).and_then(|key| keymap::action_for(app.mode(), key))
        }
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    Some(Action::Mouse(Mouse::Click { column, row }))
                }
                MouseEventKind::ScrollUp => Some(Action::Mouse(Mouse::ScrollUp { column, row })),
                MouseEventKind::ScrollDown => {
                    Some(Action::Mouse(Mouse::ScrollDown { column, row }))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A test hook, in debug builds only: with `MSQ_TEST_PANIC` set, the browser panics after it
/// first draws, so a test can see the terminal restored and the message printed.
fn test_panic_hook() {
    #[cfg(debug_assertions)]
    if std::env::var_os("MSQ_TEST_PANIC").is_some() {
        panic!("test panic requested by MSQ_TEST_PANIC");
    }
}

/// Puts the terminal back: mouse capture off, raw mode off, main screen, cursor shown.
pub fn restore() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = execute!(std::io::stdout(), cursor::Show);
    let _ = std::io::stdout().flush();
}

/// ratatui's hook restores raw mode and the screen; this one also releases the mouse and shows
/// the cursor before the panic message is printed on the normal screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture, cursor::Show);
        previous(info);
    }));
}
