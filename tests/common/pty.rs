//! The real binary in a pseudo-terminal, read through a vt100 screen parser, with deadlines.
//!
//! The pty is opened here (`posix_openpt` with `O_CLOEXEC`, so that no process another test
//! starts at the same moment inherits the master and keeps the terminal alive after a close),
//! and msq is started with std's `Command` on its slave side, so that a test can set up the
//! process before it runs: its session and controlling terminal, its signal mask, its file size
//! limit. Every file descriptor of the master side is the session's own, so `close` really
//! closes the terminal: the kernel hangs up its slave side, as when a terminal window is
//! closed or an ssh link drops.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const DEADLINE: Duration = Duration::from_secs(20);

/// How long msq may take to end after its terminal closes or a signal asks it to.
pub const PROMPT: Duration = Duration::from_secs(1);

/// CPU time msq may spend after its terminal closes: putting the terminal back and exiting
/// take a few milliseconds; a process that spins burns a whole second per second.
pub const CPU_SLACK: Duration = Duration::from_millis(200);

/// How msq is attached to the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Attach {
    /// msq leads a new session whose controlling terminal is the pty, as a shell started by a
    /// terminal emulator or sshd is: when the terminal goes away, the kernel sends it SIGHUP.
    #[default]
    Controlling,
    /// msq leads a new session without a controlling terminal, its standard input and output
    /// the pty, as a program started through `setsid` or by a supervisor is: when the terminal
    /// goes away its reads end, but no SIGHUP comes, since the kernel only signals the session
    /// the terminal controls.
    NotControlling,
    /// As `Controlling`, with standard input from /dev/null: the keys come from /dev/tty.
    StdinNull,
}

/// How to start msq, beyond its arguments and the terminal size.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The folder msq runs in (where an export lands).
    pub dir: Option<&'a Path>,
    pub env: &'a [(&'a str, &'a str)],
    pub attach: Attach,
    /// SIGHUP blocked in the signal mask msq starts with (a mask is inherited through exec, and
    /// some launchers leave one): the SIGHUP of a hang-up stays pending and never arrives.
    pub block_sighup: bool,
    /// An `RLIMIT_FSIZE` in bytes, with SIGXFSZ ignored: a write that would take a file past it
    /// fails with EFBIG. The stand-in for a full disk (ENOSPC), which a test cannot make
    /// without root: the write fails the same way, part of the way through.
    pub file_size_limit: Option<u64>,
}

pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    raw: Arc<Mutex<Vec<u8>>>,
    /// The master side; `None` once the terminal is closed.
    terminal: Option<Terminal>,
    pid: libc::pid_t,
    /// Set once the child is reaped.
    exit: Option<Exit>,
    /// Where this run keeps its query history, unless the test names a place: never the
    /// user's own state directory.
    _state: Option<tempfile::TempDir>,
}

struct Terminal {
    master: OwnedFd,
    writer: File,
    reader: JoinHandle<()>,
    stop: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
}

/// How msq ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exit {
    /// The exit status, or 128 + the signal that killed it, as a shell reports it.
    pub code: u32,
    /// User and system CPU time over its whole life.
    pub cpu: Duration,
}

/// How msq ended after its terminal was closed.
#[derive(Clone, Copy, Debug)]
pub struct Closed {
    pub code: u32,
    /// From the close to the exit (measured in steps of a few milliseconds).
    pub latency: Duration,
    /// CPU time spent after the close.
    pub cpu_after_close: Duration,
}

impl Session {
    /// Starts msq with `args` in a `cols` x `rows` terminal.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::spawn(args, cols, rows, Options::default())
    }

    pub fn start_with_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start_in(None, args, cols, rows, env)
    }

    /// Starts msq in folder `dir` (where an export lands).
    pub fn start_in(
        dir: Option<&Path>,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        Session::spawn(
            args,
            cols,
            rows,
            Options {
                dir,
                env,
                ..Options::default()
            },
        )
    }

    pub fn spawn(args: &[&str], cols: u16, rows: u16, options: Options) -> Session {
        let (master, slave) = open_pty(cols, rows);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_msq"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("MSQ_INDEX");
        cmd.env_remove("MSQ_FAULT");
        cmd.env_remove("NO_COLOR");
        // The tester's own config file stays out of it; a test names one with MSQ_CONFIG.
        cmd.env("MSQ_CONFIG", "");
        // No local clipboard tool: the copy must go through OSC 52, where the test can see it.
        cmd.env_remove("DISPLAY");
        cmd.env_remove("WAYLAND_DISPLAY");
        let state = (!options.env.iter().any(|(k, _)| *k == "MSQ_STATE_DIR"))
            .then(|| tempfile::tempdir().expect("a state folder"));
        if let Some(dir) = &state {
            cmd.env("MSQ_STATE_DIR", dir.path());
        }
        for (k, v) in options.env {
            cmd.env(k, v);
        }
        if let Some(dir) = options.dir {
            cmd.current_dir(dir);
        }
        let stdio = || Stdio::from(slave.try_clone().expect("dup the pty slave"));
        if options.attach == Attach::StdinNull {
            cmd.stdin(Stdio::null());
        } else {
            cmd.stdin(stdio());
        }
        cmd.stdout(stdio()).stderr(stdio());
        let Options {
            attach,
            block_sighup,
            file_size_limit,
            ..
        } = options;
        // SAFETY: the closure runs in the child between fork and exec and calls only
        // async-signal-safe functions (setsid, ioctl, sigprocmask, signal, setrlimit). It runs
        // after std has reset the signal mask, so the mask it sets is the one msq starts with.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // Standard output is the pty's slave in every case.
                if attach != Attach::NotControlling && libc::ioctl(1, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if block_sighup {
                    let mut set = std::mem::zeroed::<libc::sigset_t>();
                    libc::sigemptyset(&mut set);
                    libc::sigaddset(&mut set, libc::SIGHUP);
                    if libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                if let Some(limit) = file_size_limit {
                    limit_file_size(limit)?;
                }
                Ok(())
            });
        }
        // Reaped with wait4 (`reap`), which gives its CPU time too.
        #[allow(clippy::zombie_processes)]
        let child = cmd.spawn().expect("spawn msq");
        // The parent keeps no slave descriptor: when msq ends, the reader sees the end.
        drop(cmd);
        drop(slave);
        let pid = libc::pid_t::try_from(child.id()).expect("a pid");
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("a size above zero");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let paused = Arc::new(AtomicBool::new(false));
        let reader = {
            let fd = File::from(master.try_clone().expect("dup the pty master"));
            let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
            let (stop, paused) = (Arc::clone(&stop), Arc::clone(&paused));
            std::thread::spawn(move || read_output(fd, &p, &r, &stop, &paused))
        };
        let writer = File::from(master.try_clone().expect("dup the pty master"));
        Session {
            parser,
            raw,
            terminal: Some(Terminal {
                master,
                writer,
                reader,
                stop,
                paused,
            }),
            pid,
            exit: None,
            _state: state,
        }
    }

    pub fn pid(&self) -> libc::pid_t {
        self.pid
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The text of the cells drawn bold and underlined (a search match), row by row.
    pub fn marked(&self) -> Vec<String> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (u16::from(rows), u16::from(cols));
        (0..rows)
            .map(|r| {
                (0..cols)
                    .filter_map(|c| screen.cell(r, c))
                    .filter(|cell| cell.bold() && cell.underline())
                    .map(|cell| cell.contents().to_string())
                    .collect::<String>()
            })
            .filter(|s| !s.trim().is_empty())
            .collect()
    }

    /// The terminal cursor: (row, column).
    pub fn cursor(&self) -> (u16, u16) {
        self.parser.lock().unwrap().screen().cursor_position()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen shows `text`; panics with the screen after the deadline.
    pub fn wait_for(&self, text: &str) {
        self.wait_for_every(text, Duration::from_millis(20));
    }

    /// `wait_for`, looking every `poll`: a benchmark timing the first frame looks often.
    pub fn wait_for_every(&self, text: &str, poll: Duration) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(poll);
        }
        panic!("{text:?} never showed; the screen was:\n{}", self.screen());
    }

    fn terminal(&mut self) -> &mut Terminal {
        self.terminal.as_mut().expect("the terminal is open")
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let w = &mut self.terminal().writer;
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Sends keys one at a time, as typing does.
    pub fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            let mut b = [0u8; 4];
            self.send(c.encode_utf8(&mut b).as_bytes());
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("a size above zero");
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        set_size(self.terminal().master.as_fd(), cols, rows);
    }

    /// Stops taking in msq's output, as a frozen terminal does: once the pty's buffer is
    /// full, msq's writes block.
    pub fn pause_output(&mut self) {
        self.terminal().paused.store(true, Ordering::SeqCst);
    }

    pub fn signal(&self, signal: i32) {
        assert!(self.exit.is_none(), "msq has already exited");
        // SAFETY: kill with a pid this test started and has not reaped, and a valid signal.
        assert_eq!(unsafe { libc::kill(self.pid, signal) }, 0);
    }

    /// Whether msq is still running.
    pub fn alive(&mut self) -> bool {
        self.try_reap().is_none()
    }

    /// Reaps msq if it has exited.
    fn try_reap(&mut self) -> Option<Exit> {
        if self.exit.is_none() {
            self.exit = reap(self.pid, libc::WNOHANG);
        }
        self.exit
    }

    /// Waits for the program to exit and for its last output; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        self.wait_exit_within(DEADLINE)
    }

    /// Waits up to `limit` for the program to exit, then for its last output; returns its exit
    /// code. Panics (and kills it) if it is still running after `limit`.
    pub fn wait_exit_within(&mut self, limit: Duration) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(exit) = self.try_reap() {
                self.drain_output();
                return exit.code;
            }
            if start.elapsed() > limit {
                let screen = self.screen();
                self.kill();
                panic!("msq was still running {limit:?} later; the screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// After msq has exited: lets the reader take in the last bytes, until it sees the end.
    fn drain_output(&mut self) {
        let Some(t) = &self.terminal else {
            return;
        };
        if t.paused.load(Ordering::SeqCst) {
            return;
        }
        let start = Instant::now();
        // A process msq started could still hold the terminal: then give up after a while.
        while !t.reader.is_finished() && start.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Closes the terminal: every descriptor of the master side, as a terminal emulator does
    /// when its window closes. msq's terminal is hung up.
    pub fn close(&mut self) {
        if let Some(t) = self.terminal.take() {
            t.stop.store(true, Ordering::SeqCst);
            let _ = t.reader.join();
            drop(t.writer);
            drop(t.master);
        }
    }

    /// Closes the terminal and waits up to `deadline` for msq to exit. Panics (and kills it) if
    /// it is still running then, saying how much CPU it burnt since the close.
    pub fn close_and_wait(&mut self, deadline: Duration) -> Closed {
        assert!(self.alive(), "msq ended before its terminal closed");
        let before = cpu_time(self.pid).expect("msq's CPU time in /proc");
        self.close();
        let closed = Instant::now();
        loop {
            if let Some(exit) = self.try_reap() {
                return Closed {
                    code: exit.code,
                    latency: closed.elapsed(),
                    cpu_after_close: exit.cpu.saturating_sub(before),
                };
            }
            if closed.elapsed() > deadline {
                let spent = cpu_time(self.pid).map(|c| c.saturating_sub(before));
                // Does it still answer SIGTERM?
                // SAFETY: kill with a pid this test started and has not reaped.
                unsafe { libc::kill(self.pid, libc::SIGTERM) };
                let asked = Instant::now();
                while asked.elapsed() < PROMPT && self.try_reap().is_none() {
                    std::thread::sleep(Duration::from_millis(5));
                }
                let after_term = match self.exit {
                    Some(e) => format!("then exited {} on SIGTERM", e.code),
                    None => "then ignored SIGTERM for a second".to_string(),
                };
                self.kill();
                panic!(
                    "msq was still running {deadline:?} after its terminal closed, had spent \
                     {spent:?} of CPU since, and {after_term}"
                );
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Closes the terminal and asserts that msq exits within a second with status 129 (a
    /// hang-up), having spent next to no CPU time since. Returns the measurements.
    pub fn close_and_expect_hangup(&mut self) -> Closed {
        let c = self.close_and_wait(PROMPT);
        eprintln!(
            "terminal closed: exit {} after {:?}, {:?} of CPU since the close",
            c.code, c.latency, c.cpu_after_close
        );
        assert_eq!(c.code, 129, "the exit status after a hang-up");
        assert!(
            c.cpu_after_close < CPU_SLACK,
            "msq spent {:?} of CPU after its terminal closed",
            c.cpu_after_close
        );
        c
    }

    fn kill(&mut self) {
        if self.exit.is_none() {
            // SAFETY: kill and reap a pid this test started and has not reaped.
            unsafe { libc::kill(self.pid, libc::SIGKILL) };
            self.exit = reap(self.pid, 0);
        }
    }

    /// The terminal is as it was: main screen, no mouse reporting, cursor shown.
    pub fn assert_restored(&self) {
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
        assert!(!s.hide_cursor(), "cursor still hidden");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.kill();
        if let Some(t) = self.terminal.take() {
            t.stop.store(true, Ordering::SeqCst);
        }
    }
}

/// A new pty of `cols` x `rows`: its master and its slave, both close-on-exec.
fn open_pty(cols: u16, rows: u16) -> (OwnedFd, File) {
    // SAFETY: posix_openpt returns a new descriptor or -1; grantpt, unlockpt and ptsname_r
    // take that descriptor and a buffer of the given length.
    let master = unsafe {
        let fd = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        assert!(fd >= 0, "posix_openpt: {}", std::io::Error::last_os_error());
        OwnedFd::from_raw_fd(fd)
    };
    let fd = master.as_raw_fd();
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: as above.
    unsafe {
        assert_eq!(libc::grantpt(fd), 0, "grantpt");
        assert_eq!(libc::unlockpt(fd), 0, "unlockpt");
        assert_eq!(libc::ptsname_r(fd, name.as_mut_ptr(), name.len()), 0);
    }
    // SAFETY: ptsname_r wrote a NUL-terminated string into `name`.
    let name = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(std::ffi::OsStr::from_bytes(name.to_bytes()))
        .expect("open the pty slave");
    set_size(master.as_fd(), cols, rows);
    (master, slave)
}

fn set_size(master: std::os::fd::BorrowedFd, cols: u16, rows: u16) {
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ with a valid winsize on a pty master.
    assert_eq!(
        unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) },
        0
    );
}

/// Takes in msq's output until the slave side is closed (EIO) or the session stops it.
fn read_output(
    mut fd: File,
    parser: &Mutex<vt100::Parser>,
    raw: &Mutex<Vec<u8>>,
    stop: &AtomicBool,
    paused: &AtomicBool,
) {
    let mut buf = [0u8; 8192];
    while !stop.load(Ordering::SeqCst) {
        if paused.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(10));
            continue;
        }
        let mut p = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd; a short timeout, so that a stop is seen.
        if unsafe { libc::poll(&mut p, 1, 20) } <= 0 {
            continue;
        }
        match fd.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                parser.lock().unwrap().process(&buf[..n]);
                raw.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        }
    }
}

/// Reaps `pid` (with `WNOHANG` in `flags`: only if it has exited).
fn reap(pid: libc::pid_t, flags: libc::c_int) -> Option<Exit> {
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it in.
    let mut usage = unsafe { std::mem::zeroed::<libc::rusage>() };
    // SAFETY: wait4 on a child of this process with valid out-pointers.
    let r = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
    if r != pid {
        return None;
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap())
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap())
    };
    Some(Exit {
        code: u32::try_from(code).unwrap(),
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
    })
}

/// The user and system CPU time of a running process so far, from /proc/<pid>/stat.
pub fn cpu_time(pid: libc::pid_t) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses: state is field 3, utime
    // field 14 and stime field 15.
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) }).ok()?;
    Some(Duration::from_millis(ticks * 1000 / hz))
}

/// A field of /proc/<pid>/status, such as "SigBlk".
pub fn proc_status(pid: libc::pid_t, field: &str) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| {
        l.strip_prefix(field)
            .and_then(|r| r.strip_prefix(':'))
            .map(|v| v.trim().to_string())
    })
}

/// The controlling terminal of a running process (field 7 of /proc/<pid>/stat), 0 for none.
pub fn controlling_tty(pid: libc::pid_t) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    fields.get(4)?.parse().ok()
}

/// Between fork and exec: writes past `limit` bytes of a file fail with EFBIG (SIGXFSZ
/// ignored), the stand-in for a full disk. Calls only async-signal-safe functions.
pub fn limit_file_size(limit: u64) -> std::io::Result<()> {
    // SAFETY: signal and setrlimit with valid arguments, in the child before exec.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let rlim = libc::rlimit {
            rlim_cur: limit,
            rlim_max: limit,
        };
        if libc::setrlimit(libc::RLIMIT_FSIZE, &rlim) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}
