//! Copying to the clipboard. OSC 52 asks the terminal itself to set the clipboard, which works
//! over SSH and inside tmux; on a local session, a clipboard tool (wl-copy, xclip, xsel, pbcopy)
//! is used too when one is installed. This is the one way to the clipboard, and it passes the
//! text through the sanitiser first, whoever asks.

use base64::Engine;
use std::io::Write;
use std::process::{Command, Stdio};

/// Terminals cap OSC 52 payloads; beyond this the copy is refused rather than cut.
pub const MAX_COPY_BYTES: usize = 64 * 1024;

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

/// Copies `text`: OSC 52 to `terminal`, and a local tool when there is one. Returns how.
pub fn copy(text: &str, terminal: &mut dyn Write) -> Result<String, String> {
    let text = &*crate::sanitize::text(text);
    if text.len() > MAX_COPY_BYTES {
        return Err(format!("too long to copy ({} bytes)", text.len()));
    }
    terminal
        .write_all(osc52(text).as_bytes())
        .and_then(|()| terminal.flush())
        .map_err(|e| format!("cannot write to the terminal: {e}"))?;
    let over_ssh =
        std::env::var_os("SSH_CONNECTION").is_some() || std::env::var_os("SSH_TTY").is_some();
    if over_ssh {
        return Ok("OSC 52".into());
    }
    match local_tool().map(|(program, args)| (program, run_tool(program, args, text))) {
        Some((program, Ok(()))) => Ok(format!("OSC 52 and {program}")),
        _ => Ok("OSC 52".into()),
    }
}

/// The first clipboard tool installed here.
fn local_tool() -> Option<(&'static str, &'static [&'static str])> {
    let tools: [(&str, &[&str], bool); 4] = [
        (
            "wl-copy",
            &[],
            std::env::var_os("WAYLAND_DISPLAY").is_some(),
        ),
        (
            "xclip",
            &["-selection", "clipboard"],
            std::env::var_os("DISPLAY").is_some(),
        ),
        (
            "xsel",
            &["--clipboard", "--input"],
            std::env::var_os("DISPLAY").is_some(),
        ),
        ("pbcopy", &[], cfg!(target_os = "macos")),
    ];
    tools
        .into_iter()
        .find(|(program, _, usable)| *usable && on_path(program))
        .map(|(p, a, _)| (p, a))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

fn run_tool(program: &str, args: &[&str], text: &str) -> std::io::Result<()> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    child.wait()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_encodes_the_text() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn copy_writes_osc52_to_the_terminal() {
        let mut out = Vec::new();
        let how = copy("c.salmanov@asan.gov.az", &mut out).unwrap();
        assert!(how.starts_with("OSC 52"));
        assert!(String::from_utf8(out).unwrap().starts_with("\x1b]52;c;"));
        assert!(copy(&"x".repeat(MAX_COPY_BYTES + 1), &mut Vec::new()).is_err());
    }

    #[test]
    fn what_reaches_the_clipboard_is_sanitised() {
        let mut out = Vec::new();
        copy("red\x1b]52;c;bad\x07\nline two", &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let payload = out
            .strip_prefix("\x1b]52;c;")
            .and_then(|p| p.strip_suffix('\x07'))
            .unwrap();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        assert_eq!(
            String::from_utf8(decoded).unwrap(),
            "red␛]52;c;bad␇\nline two"
        );
    }
}
