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
pub mod config;
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
use crossterm::terminal::LeaveAlternateScreen;
use crossterm::{cursor, execute};
use std::io::{IsTerminal, Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long the loop waits for input before it looks for search results.
const POLL: Duration = Duration::from_millis(50);

/// The signals that end the browser, with exit status 128 + the signal.
const EXIT_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
];

/// The exit status when the terminal has gone away (end of input, an input or output error, a
/// hang-up): 128 + SIGHUP, as when the hang-up's signal ends a process.
const HANGUP: i32 = 128 + libc::SIGHUP;

/// Runs the browser until the user quits, a signal arrives or the terminal goes away. Returns
/// the exit code: 0 for a normal quit, 128 + the signal number for SIGINT (or Ctrl-C), SIGTERM
/// and SIGHUP, and 129 (as for SIGHUP) when the terminal is gone.
pub fn run(
    index: Index,
    stored: Option<crate::index::binary::StoredEngine>,
    egdi: crate::egdi::Egdi,
    theme: theme::Theme,
    index_label: String,
) -> std::io::Result<i32> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in EXIT_SIGNALS {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let mut input = Input::open()?;
    watchdog::spawn(Arc::clone(&input.tty), Arc::clone(&signal))?;
    // The hook in place before ratatui's own (which prints to standard error when it cannot
    // put the terminal back): see `install_panic_hook`.
    let default_hook = std::panic::take_hook();
    let mut terminal = ratatui::try_init()?;
    install_panic_hook(default_hook);
    // From here on the terminal is ours: whatever happens next, it is put back.
    let result = (|| {
        execute!(std::io::stdout(), EnableMouseCapture)?;
        let size = terminal.size()?;
        let history_path = history::default_path();
        let (history, warning) = history_path
            .as_deref()
            .map(history::History::load)
            .unwrap_or_default();
        let mut app = App::new(index, index_label, theme, size.width, size.height)
            .with_egdi(egdi)
            .with_history(history, history_path);
        if let Some(w) = warning {
            app.update(Action::Fail(w));
        }
        // The engine is made on the worker's thread: the first frame never waits for it.
        app.search.indexing = true;
        let worker = worker::SearchWorker::spawn(
            std::sync::Arc::clone(&app.index),
            stored,
            app.index_label.clone(),
        );
        Ok(event_loop(
            &mut terminal,
            &mut app,
            &signal,
            &worker,
            &mut input,
        ))
    })();
    restore();
    // `restore` has shown the cursor. ratatui's `Drop` would show it again and, when that
    // fails on a terminal that has gone away, print to standard error: a panic, then an abort
    // (status 134) from the panic hook's own print. There is nothing else in it to release
    // before the process exits.
    std::mem::forget(terminal);
    result
}

/// Runs until the user quits, a signal arrives or the terminal goes away; returns the exit
/// code. Once the terminal is gone nothing more is drawn: a failing draw means it is gone.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    signal: &AtomicUsize,
    worker: &worker::SearchWorker,
    input: &mut Input,
) -> i32 {
    let mut dirty = true;
    let mut first = true;
    loop {
        if dirty {
            // The frame is drawn at the size the app lays out for: a resize whose event has not
            // come yet is applied now.
            if let Ok(s) = terminal.size()
                && (s.width, s.height) != (app.size.width, app.size.height)
            {
                app.update(Action::Resize(s.width, s.height));
            }
            if terminal.draw(|f| ui::render(app, f)).is_err() {
                return HANGUP;
            }
            if std::mem::take(&mut first) {
                worker.first_frame_drawn();
            }
            dirty = false;
            test_panic_hook();
        }
        if let Some(code) = app.exit {
            return code;
        }
        // A signal ends the loop whatever the state: the app is told, but does not decide.
        let sig = i32::try_from(signal.load(Ordering::SeqCst)).unwrap_or(libc::SIGTERM);
        if sig != 0 {
            dispatch(app, Action::Interrupt(sig), worker);
            return 128 + sig;
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
        match input.next(wait) {
            Next::Gone => return HANGUP,
            Next::Nothing => {}
            Next::Event(e) => {
                if let Some(action) = translate(app, e) {
                    dispatch(app, action, worker);
                    dirty = true;
                }
            }
        }
    }
}

/// What the loop gets from the terminal.
enum Next {
    Event(Event),
    /// Nothing yet: a timeout, or a signal (the loop looks at which).
    Nothing,
    /// The terminal has gone away.
    Gone,
}

/// The keyboard side of the terminal, read so that its end is never missed.
///
/// crossterm (0.29, its default mio event source) cannot be left to wait for input: when the
/// terminal goes away, `event::poll` never returns. mio reports the hung-up terminal readable,
/// `try_read` (src/event/source/unix/mio.rs) reads it in a loop until a whole event is parsed,
/// and a hung-up terminal's read returns 0 bytes (or EIO) forever: the loop spins on a core,
/// and since it never returns, the flag that SIGHUP and SIGTERM set is never looked at.
///
/// So the waiting is done here, with poll(2) on the terminal crossterm reads and on a pipe
/// that every signal writes to; a hang-up shows as POLLHUP (or POLLERR or POLLNVAL), and
/// input that is readable with no byte to read is an end of input, hang-up or not (a
/// terminal in raw mode is readable without bytes only at its end). crossterm is asked for an
/// event only when input is there or may already be parsed, and with a time limit. Its
/// `use-dev-tty` event source is used (Cargo.toml): that one returns a read error instead of
/// retrying it, and after a read of 0 bytes waits out its time limit and returns, so that a
/// hang-up in the moment between this poll and crossterm's read costs at most `SLICE`.
struct Input {
    /// The terminal crossterm reads (standard input if it is a terminal, else /dev/tty, as
    /// crossterm's `tty_fd` chooses). A hang-up reaches every open file of a terminal.
    tty: Arc<OwnedFd>,
    /// Written to by SIGINT, SIGTERM, SIGHUP and SIGWINCH.
    wake: UnixStream,
    /// crossterm may hold events it has already read and parsed (several keys in one read):
    /// poll(2) does not see those, so after an event crossterm is asked again first.
    pending: bool,
}

/// How long crossterm may wait for an event that input readiness promises.
const SLICE: Duration = Duration::from_millis(1);

impl Input {
    fn open() -> std::io::Result<Input> {
        let stdin = std::io::stdin();
        let tty = if stdin.is_terminal() {
            stdin.as_fd().try_clone_to_owned()?
        } else {
            std::fs::File::open("/dev/tty")?.into()
        };
        // crossterm's reader starts now, so that it sees every SIGWINCH from here on, and
        // before this loop hears of one. With a zero timeout its source reads nothing.
        let _ = event::poll(Duration::ZERO);
        let (wake, writer) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        for sig in EXIT_SIGNALS
            .into_iter()
            .chain([signal_hook::consts::SIGWINCH])
        {
            signal_hook::low_level::pipe::register(sig, writer.try_clone()?)?;
        }
        Ok(Input {
            tty: Arc::new(tty),
            wake,
            pending: false,
        })
    }

    /// The next event, waiting up to `wait` for it.
    fn next(&mut self, wait: Duration) -> Next {
        if !self.pending {
            match self.wait(wait) {
                Ready::Gone => return Next::Gone,
                Ready::Timeout => return Next::Nothing,
                // A signal: the loop looks at which. A resize is an event crossterm makes.
                Ready::Woken => {
                    self.pending = true;
                    return Next::Nothing;
                }
                Ready::Input => {}
            }
        }
        match event::poll(SLICE) {
            Ok(true) => match event::read() {
                Ok(e) => {
                    self.pending = true;
                    Next::Event(e)
                }
                Err(_) => Next::Gone,
            },
            Ok(false) => {
                self.pending = false;
                Next::Nothing
            }
            Err(_) => Next::Gone,
        }
    }

    fn wait(&self, wait: Duration) -> Ready {
        let tty = self.tty.as_raw_fd();
        let mut fds = [
            libc::pollfd {
                fd: tty,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.wake.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = libc::c_int::try_from(wait.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is an array of two initialised pollfd, its length passed with it.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            return if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                Ready::Woken
            } else {
                Ready::Gone
            };
        }
        if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Ready::Gone;
        }
        if fds[1].revents & libc::POLLIN != 0 {
            let mut buf = [0u8; 64];
            while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
            return Ready::Woken;
        }
        if fds[0].revents & libc::POLLIN != 0 {
            let mut waiting: libc::c_int = 0;
            // SAFETY: FIONREAD stores the count of bytes waiting in the int it is given.
            let r = unsafe { libc::ioctl(tty, libc::FIONREAD, &mut waiting) };
            return if r < 0 || waiting == 0 {
                Ready::Gone
            } else {
                Ready::Input
            };
        }
        Ready::Timeout
    }
}

enum Ready {
    Input,
    Woken,
    Timeout,
    Gone,
}

/// Whatever the main thread is doing, the process ends at once when its terminal hangs up, and
/// soon after a signal asks it to.
///
/// The event loop looks for both between events, and on a signal it puts the terminal back
/// first. But it can be busy or stuck where it looks at nothing: in one long update (a wide
/// comparison's word diff takes a few hundred milliseconds in a debug build), in a write to a
/// terminal that takes no more output (a frozen ssh link; signal-hook's handlers restart the
/// write), in crossterm's read of a partial escape sequence, in a slow clipboard tool. This
/// thread waits on the terminal's hang-up and on its own signal pipe. A hang-up ends the
/// process at once (there is no terminal left to put back, and the default action of the
/// SIGHUP that usually comes with it would be as abrupt); after a signal the loop gets `GRACE`
/// to end in order. The process ends with the same status either way, without touching the
/// terminal or running destructors: a write in progress leaves the previous file whole and a
/// temporary file that the next write removes, as when a writer is killed.
mod watchdog {
    use super::HANGUP;
    use std::io::Read;
    use std::os::fd::{AsRawFd, OwnedFd};
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    /// Far more than the event loop takes to notice and put the terminal back; short enough
    /// that a signal ends msq within a second.
    const GRACE: Duration = Duration::from_millis(500);

    pub fn spawn(tty: Arc<OwnedFd>, signal: Arc<AtomicUsize>) -> std::io::Result<()> {
        // A test hook, in debug builds only: with `MSQ_TEST_NO_WATCHDOG` set, there is none,
        // so that a test sees the event loop end by itself.
        #[cfg(debug_assertions)]
        if std::env::var_os("MSQ_TEST_NO_WATCHDOG").is_some() {
            return Ok(());
        }
        let (wake, writer) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        // Registered after the flag, so the flag is set when the byte arrives.
        for sig in super::EXIT_SIGNALS {
            signal_hook::low_level::pipe::register(sig, writer.try_clone()?)?;
        }
        std::thread::Builder::new()
            .name("msq-watchdog".into())
            .spawn(move || {
                let code = watch(&tty, &wake, &signal);
                // SAFETY: _exit ends the process at once; nothing here relies on destructors
                // or buffered output, and the index files are written atomically.
                unsafe { libc::_exit(code) }
            })?;
        Ok(())
    }

    /// Waits for a hang-up of the terminal or an exit signal; returns the exit status when the
    /// process is to end: at once after a hang-up, `GRACE` after a signal (SIGHUP included:
    /// `kill -HUP` can come while the terminal is still there), or at a hang-up within it.
    fn watch(tty: &OwnedFd, wake: &UnixStream, signal: &AtomicUsize) -> i32 {
        // The exit status and deadline once a signal has come.
        let mut ending: Option<(i32, Instant)> = None;
        loop {
            let timeout = ending.map_or(-1, |(_, deadline)| {
                let left = deadline.saturating_duration_since(Instant::now());
                // Rounded up, so that the deadline has passed when poll returns.
                libc::c_int::try_from(left.as_millis() + 1).unwrap_or(libc::c_int::MAX)
            });
            // With no events asked for, poll(2) reports only POLLHUP, POLLERR and POLLNVAL.
            let mut fds = [
                libc::pollfd {
                    fd: tty.as_raw_fd(),
                    events: 0,
                    revents: 0,
                },
                libc::pollfd {
                    fd: wake.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                },
            ];
            // SAFETY: `fds` is an array of two initialised pollfd, its length passed with it.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, timeout) };
            if n < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                // Cannot happen with valid descriptors; must not become a spin.
                std::thread::sleep(Duration::from_millis(100));
            }
            if n > 0 && fds[0].revents != 0 {
                return HANGUP;
            }
            if n > 0 && fds[1].revents != 0 {
                let mut buf = [0u8; 64];
                while matches!((&*wake).read(&mut buf), Ok(n) if n > 0) {}
                let sig = i32::try_from(signal.load(Ordering::SeqCst)).unwrap_or(libc::SIGTERM);
                if sig != 0 && ending.is_none() {
                    ending = Some((128 + sig, Instant::now() + GRACE));
                }
            }
            if let Some((code, deadline)) = ending
                && Instant::now() >= deadline
            {
                return code;
            }
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
            limit,
        } => {
            worker.submit(worker::Job {
                generation,
                query,
                within,
                limit,
            });
            return None;
        }
        Effect::Copy { text, what } => {
            let mut out = std::io::stdout();
            match clipboard::copy(&text, &mut out) {
                Ok(how) => Action::Notify(format!(
                    "copied {}: {what} ({how})",
                    app::count(text.chars().count(), "char", "chars")
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
            // The error names the file already.
            Err(e) => Action::Fail(e.to_string()),
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

/// Puts the terminal back: mouse capture off, raw mode off, main screen, cursor shown. Each
/// step is tried whatever the others did, and a failure is ignored: on a terminal that has
/// gone away every write fails at once (EIO), and there is nowhere to report it (ratatui's
/// `restore` prints to standard error, and printing to a dead terminal panics).
pub fn restore() {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// Replaces ratatui's panic hook: this one puts the whole terminal back (mouse, raw mode,
/// screen, cursor) before `previous`, the hook ratatui's replaced, prints the panic message on
/// the normal screen. ratatui's hook reports its own failure with `eprintln!`, which panics
/// inside the hook (an abort) when the terminal has gone away; `restore` does not print.
fn install_panic_hook(previous: Box<dyn Fn(&std::panic::PanicHookInfo<'_>) + Sync + Send>) {
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
