//! Opening links in the default browser. A link from a document is untrusted: only an http or
//! https URL with a plain host is opened; a bare domain ("www.moh.tj") becomes https. The opener
//! program is launched directly with the URL as its one argument, never through a shell.

use std::io;

/// The longest URL msq will open.
pub const MAX_URL_LEN: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("only http and https links are opened")]
    Scheme,
    #[error("the link has no host")]
    NoHost,
    #[error("the link's host is not a plain host name")]
    BadHost,
    #[error("the link carries a user name or password")]
    Credentials,
    #[error("the link holds spaces or control characters")]
    Unprintable,
    #[error("the link is longer than {MAX_URL_LEN} characters")]
    TooLong,
}

/// The URL to open for a link as printed, or why it is refused.
pub fn web_url(link: &str) -> Result<String, UrlError> {
    let link = link.trim();
    if link.len() > MAX_URL_LEN {
        return Err(UrlError::TooLong);
    }
    if link
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || crate::sanitize::is_invisible(c))
    {
        return Err(UrlError::Unprintable);
    }
    let lower = link.to_ascii_lowercase();
    let (url, rest) = if lower.starts_with("https://") {
        (link.to_string(), &link[8..])
    } else if lower.starts_with("http://") {
        (link.to_string(), &link[7..])
    } else if has_scheme(link) {
        return Err(UrlError::Scheme);
    } else {
        (format!("https://{link}"), link)
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(UrlError::Credentials);
    }
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        Some(_) => return Err(UrlError::BadHost),
        None => authority,
    };
    if host.is_empty() {
        return Err(UrlError::NoHost);
    }
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    if !labels_ok {
        return Err(UrlError::BadHost);
    }
    Ok(url)
}

/// "javascript:", "file:", "mailto:": a scheme before any "/".
fn has_scheme(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, rest)) => {
            let scheme_like = !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            // "example.org:8080/x" has a port, not a scheme.
            let is_port = rest
                .split(['/', '?', '#'])
                .next()
                .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            scheme_like && !is_port
        }
        None => false,
    }
}

/// Starts a program with arguments. The real one spawns a process; tests record the call.
pub trait Launcher {
    fn launch(&self, program: &str, args: &[&str]) -> io::Result<()>;
}

/// Spawns the program with no shell, with stdin, stdout and stderr detached from the terminal,
/// and reaps it in the background.
pub struct SystemLauncher;

impl Launcher for SystemLauncher {
    fn launch(&self, program: &str, args: &[&str]) -> io::Result<()> {
        let mut child = std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}

/// The program that opens URLs here: `$BROWSER` when it names one program, else the
/// platform's opener.
pub fn opener() -> String {
    if let Ok(b) = std::env::var("BROWSER")
        && !b.is_empty()
        && !b.contains([' ', ':', '%'])
    {
        return b;
    }
    if cfg!(target_os = "macos") {
        "open".into()
    } else if cfg!(windows) {
        "explorer".into()
    } else {
        "xdg-open".into()
    }
}

/// Opens a link: validates it, then launches the opener with the URL as its only argument.
/// Returns the URL opened.
pub fn open(link: &str, launcher: &dyn Launcher) -> Result<String, String> {
    let url = web_url(link).map_err(|e| e.to_string())?;
    let program = opener();
    launcher
        .launch(&program, &[&url])
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_are_opened_and_bare_domains_become_https() {
        assert_eq!(web_url("www.moh.tj").unwrap(), "https://www.moh.tj");
        assert_eq!(web_url("Hukumat.tj").unwrap(), "https://Hukumat.tj");
        assert_eq!(
            web_url("https://www.e-gov.az/en").unwrap(),
            "https://www.e-gov.az/en"
        );
        assert_eq!(web_url("http://my.gov.az/").unwrap(), "http://my.gov.az/");
        assert_eq!(
            web_url("bid.ncdd.gov.kh/#search").unwrap(),
            "https://bid.ncdd.gov.kh/#search"
        );
        assert_eq!(
            web_url("example.org:8080/x").unwrap(),
            "https://example.org:8080/x"
        );
    }

    #[test]
    fn everything_else_is_refused() {
        assert_eq!(web_url("file:///etc/passwd"), Err(UrlError::Scheme));
        assert_eq!(web_url("javascript:alert(1)"), Err(UrlError::Scheme));
        assert_eq!(web_url("mailto:a@b.c"), Err(UrlError::Scheme));
        assert_eq!(web_url("-oProxyCommand=calc"), Err(UrlError::BadHost));
        assert_eq!(
            web_url("https://user:pw@example.org/"),
            Err(UrlError::Credentials)
        );
        assert_eq!(
            web_url("https://exa\u{202e}mple.org"),
            Err(UrlError::Unprintable)
        );
        assert_eq!(web_url("https://"), Err(UrlError::NoHost));
        assert_eq!(web_url("https://a&calc&.org/"), Err(UrlError::BadHost));
        assert_eq!(
            web_url(&format!("https://a.org/{}", "x".repeat(3000))),
            Err(UrlError::TooLong)
        );
    }
}
