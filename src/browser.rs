//! Opening links in a browser, and telling links apart. A link from a document is untrusted:
//! only an http or https URL with a plain host is opened; a bare domain ("www.moh.tj") becomes
//! https. The browser is `$BROWSER` (a colon-separated list of commands, tried in order) and
//! then the platform's opener; each is started directly with the URL as an argument, never
//! through a shell. [`link_key`] and [`dedup_links`] decide when two links as printed are the
//! same place, so a response that gives its portal three ways lists it once.

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
    /// Starts `program` with `args`. An error means it could not be started, and the next
    /// opener is tried; a program that starts and then fails is not seen here.
    fn launch(&self, program: &str, args: &[&str]) -> io::Result<()>;
}

/// Spawns the program with no shell, with stdin, stdout and stderr detached from the terminal
/// (a browser writing to it would garble the full-screen display), and reaps it on a thread
/// of its own, so no zombie is left whether it exits at once or outlives msq.
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

/// One way to start a browser: a program, and arguments in which `%s` stands for the URL and
/// `%%` for a literal `%`. With no `%s`, the URL is added as the last argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opener {
    program: String,
    /// As written, with `%s` and `%%` still in them.
    args: Vec<String>,
}

impl Opener {
    /// An opener that runs `program` with `args` (which may hold `%s` and `%%`).
    pub fn new(program: &str, args: &[&str]) -> Self {
        Self {
            program: program.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }

    pub fn program(&self) -> &str {
        &self.program
    }

    /// The arguments to open `url` with. The URL is put in as it is: a `%` in it (from
    /// percent-encoding) is never read as a placeholder.
    pub fn args(&self, url: &str) -> Vec<String> {
        let mut placed = false;
        let mut out: Vec<String> = self
            .args
            .iter()
            .map(|a| {
                let (arg, has_url) = expand(a, url);
                placed |= has_url;
                arg
            })
            .collect();
        if !placed {
            out.push(url.to_string());
        }
        out
    }

    /// The name the status bar gives it: the program's file name ("firefox", not
    /// "/usr/bin/firefox").
    pub fn name(&self) -> String {
        let name = std::path::Path::new(&self.program).file_name().map_or_else(
            || self.program.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
        crate::sanitize::line(&name).into_owned()
    }
}

/// `word` with `%s` replaced by `url` and `%%` by `%`; a `%` before anything else stays. Says
/// whether the URL went in.
fn expand(word: &str, url: &str) -> (String, bool) {
    let mut out = String::with_capacity(word.len());
    let mut placed = false;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('s') => {
                chars.next();
                out.push_str(url);
                placed = true;
            }
            Some('%') => {
                chars.next();
                out.push('%');
            }
            _ => out.push('%'),
        }
    }
    (out, placed)
}

/// The openers a `$BROWSER` value names: entries separated by `:`, each split on whitespace
/// into a program and its arguments (no quoting: there is no shell). Empty entries are skipped,
/// and so is an entry whose program word holds `%s`, since the URL must never be what is run.
pub fn parse_browser(value: &str) -> Vec<Opener> {
    value
        .split(':')
        .filter_map(|entry| {
            let mut words = entry.split_whitespace();
            let program = words.next()?;
            let (program, has_url) = expand(program, "");
            (!has_url).then(|| Opener {
                program,
                args: words.map(str::to_string).collect(),
            })
        })
        .collect()
}

/// The platform's own opener: `open` on macOS, `xdg-open` on other Unix systems, and on
/// Windows `rundll32 url.dll,FileProtocolHandler`, which opens a URL without a command shell
/// (`cmd /c start` would read `&` and `^` in the URL). `None` elsewhere.
pub fn platform_opener() -> Option<Opener> {
    if cfg!(target_os = "macos") {
        Some(Opener::new("open", &[]))
    } else if cfg!(windows) {
        Some(Opener::new("rundll32", &["url.dll,FileProtocolHandler"]))
    } else if cfg!(unix) {
        Some(Opener::new("xdg-open", &[]))
    } else {
        None
    }
}

/// The openers to try, in order: those `$BROWSER` names (given here as `browser`), then the
/// platform's, once.
pub fn openers(browser: Option<&str>) -> Vec<Opener> {
    let mut all = browser.map(parse_browser).unwrap_or_default();
    if let Some(platform) = platform_opener()
        && !all.contains(&platform)
    {
        all.push(platform);
    }
    all
}

/// A link that was opened, and what opened it. Shown as "https://x.mn/ with firefox".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub url: String,
    /// The opener's name, see [`Opener::name`].
    pub via: String,
}

impl std::fmt::Display for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} with {}", self.url, self.via)
    }
}

/// Why a link was not opened. Each message is one line, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Refused(#[from] UrlError),
    #[error("no browser to open it with: set $BROWSER")]
    NoOpener,
    /// Every opener failed to start; what each said, in the order tried.
    #[error("no browser could be started ({0})")]
    Launch(String),
}

/// Opens a link with `$BROWSER`'s commands, then the platform's opener: see [`open_with`].
pub fn open(link: &str, launcher: &dyn Launcher) -> Result<Opened, OpenError> {
    let browser = std::env::var_os("BROWSER");
    open_with(
        link,
        &openers(browser.as_deref().and_then(|b| b.to_str())),
        launcher,
    )
}

/// Opens a link: validates it, then tries each opener in turn; the first that starts wins.
/// A refused link reaches no opener.
pub fn open_with(
    link: &str,
    openers: &[Opener],
    launcher: &dyn Launcher,
) -> Result<Opened, OpenError> {
    let url = web_url(link)?;
    if openers.is_empty() {
        return Err(OpenError::NoOpener);
    }
    let mut failures = Vec::new();
    for opener in openers {
        let args = opener.args(&url);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        match launcher.launch(&opener.program, &args) {
            Ok(()) => {
                return Ok(Opened {
                    url,
                    via: opener.name(),
                });
            }
            Err(e) => failures.push(format!("{}: {e}", opener.name())),
        }
    }
    Err(OpenError::Launch(
        crate::sanitize::line(&failures.join("; ")).into_owned(),
    ))
}

/// A canonical form of a link, equal for links that lead to the same place; `None` for a link
/// that would not be opened. What is the same:
/// - `x.mn`, `http://x.mn`, `https://x.mn/` and `HTTPS://X.MN`: the scheme is left out, since
///   a portal printed with and without `http://` is one portal to a reader, and the default
///   ports 80 and 443 go with it;
/// - the host's letter case, an empty path and `/`, an empty `?` or `#`, and the case of
///   percent-encoded bytes (`%e1` is `%E1`).
///
/// What is kept: the path's case and a trailing slash after a path (servers tell `/a` and
/// `/A`, and sometimes `/a` and `/a/`, apart), the query, the fragment (a single-page portal
/// may route by it), and `www.` (a different host, which may not serve the same site).
pub fn link_key(link: &str) -> Option<String> {
    let url = web_url(link).ok()?;
    let rest = if url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
    {
        &url[8..]
    } else {
        &url[7..]
    };
    let split = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(split);
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let mut key = host.to_lowercase();
    if let Some(port) = port {
        match port.parse::<u32>() {
            Ok(80 | 443) => {}
            Ok(n) => key.push_str(&format!(":{n}")),
            Err(_) => key.push_str(&format!(":{port}")),
        }
    }
    let (before_fragment, fragment) = tail.split_once('#').unwrap_or((tail, ""));
    let (path, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    if path != "/" {
        key.push_str(&upper_percent(path));
    }
    if !query.is_empty() {
        key.push('?');
        key.push_str(&upper_percent(query));
    }
    if !fragment.is_empty() {
        key.push('#');
        key.push_str(&upper_percent(fragment));
    }
    Some(key)
}

/// `%xx` escapes with upper-case hex digits, which RFC 3986 makes equivalent to lower-case.
fn upper_percent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let escape = bytes[i] == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if escape {
            out.push('%');
            out.push_str(&s[i + 1..i + 3].to_ascii_uppercase());
            i += 3;
        } else {
            // Non-ASCII text is copied by whole characters.
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// How explicit a printed link is: `https://` over `http://` (both say what they mean; http
/// also works for an old site with no https) over a bare domain.
fn explicitness(link: &str) -> u8 {
    let start = link
        .trim_start()
        .get(..8)
        .unwrap_or("")
        .to_ascii_lowercase();
    if start.starts_with("https://") {
        2
    } else if start.starts_with("http://") {
        1
    } else {
        0
    }
}

/// The links with duplicates (by [`link_key`]) removed, in the order each place first
/// appears, each shown in its most explicit printed form. Links that would not be opened are
/// kept, once per distinct text, so a list can still show them.
pub fn dedup_links(links: impl IntoIterator<Item = String>) -> Vec<String> {
    dedup_by_link(links, |l| l)
}

/// [`dedup_links`] over anything that carries a link (a link and its label): the first of each
/// place stays, in the fullest spelling of any of its links.
pub fn dedup_by_link<T>(
    items: impl IntoIterator<Item = T>,
    link: impl Fn(&mut T) -> &mut String,
) -> Vec<T> {
    #[derive(PartialEq, Eq, Hash)]
    enum Key {
        Web(String),
        Refused(String),
    }
    let mut out: Vec<T> = Vec::new();
    let mut seen: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for mut item in items {
        let text = link(&mut item).clone();
        let key = match link_key(&text) {
            Some(k) => Key::Web(k),
            None => Key::Refused(text.trim().to_string()),
        };
        match seen.get(&key) {
            Some(&i) => {
                let kept = link(&mut out[i]);
                if explicitness(&text) > explicitness(kept) {
                    *kept = text;
                }
            }
            None => {
                seen.insert(key, out.len());
                out.push(item);
            }
        }
    }
    out
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

    #[test]
    fn placeholders_expand_once_and_only_from_the_template() {
        assert_eq!(
            expand("%s", "https://x.mn/"),
            ("https://x.mn/".into(), true)
        );
        assert_eq!(expand("--url=%s", "u"), ("--url=u".into(), true));
        assert_eq!(expand("100%%", "u"), ("100%".into(), false));
        assert_eq!(expand("%%s", "u"), ("%s".into(), false));
        assert_eq!(expand("%d%", "u"), ("%d%".into(), false));
        assert_eq!(expand("%s%s", "u"), ("uu".into(), true));
        // A percent-encoded URL is put in as it is, not read again.
        assert_eq!(
            expand("%s", "https://a.kh/%E1%9E%85%s"),
            ("https://a.kh/%E1%9E%85%s".into(), true)
        );
    }

    #[test]
    fn browser_entries_are_split_on_colons_and_whitespace() {
        let o = parse_browser("firefox:chromium --new-window %s");
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].program(), "firefox");
        assert_eq!(o[0].args("https://x.mn/"), ["https://x.mn/"]);
        assert_eq!(o[1].program(), "chromium");
        assert_eq!(
            o[1].args("https://x.mn/"),
            ["--new-window", "https://x.mn/"]
        );
        assert!(parse_browser("").is_empty());
        assert!(parse_browser(" : ::\t:").is_empty());
        let o = parse_browser("::  w3m  -o  x=%%  ::");
        assert_eq!(o, [Opener::new("w3m", &["-o", "x=%%"])]);
        assert_eq!(o[0].args("u"), ["-o", "x=%", "u"]);
        // The URL is never the program.
        assert_eq!(parse_browser("%s:firefox"), [Opener::new("firefox", &[])]);
        assert_eq!(parse_browser("my%%browser")[0].program(), "my%browser");
    }

    #[test]
    fn an_opener_is_named_by_its_file_name() {
        assert_eq!(Opener::new("/usr/bin/firefox", &[]).name(), "firefox");
        assert_eq!(Opener::new("xdg-open", &[]).name(), "xdg-open");
        assert_eq!(Opener::new("evil\u{1b}[2J", &[]).name(), "evil␛[2J");
    }

    #[test]
    fn the_platform_opener_comes_last_and_once() {
        let platform = platform_opener();
        let all = openers(Some("firefox"));
        assert_eq!(all[0], Opener::new("firefox", &[]));
        assert_eq!(all.get(1), platform.as_ref());
        assert_eq!(all.len(), 1 + usize::from(platform.is_some()));
        if let Some(p) = &platform {
            assert_eq!(openers(Some(p.program())).len(), 1);
            assert_eq!(openers(None), std::slice::from_ref(p));
        }
    }

    #[test]
    fn keys_fold_what_does_not_matter() {
        assert_eq!(link_key("x.mn").as_deref(), Some("x.mn"));
        assert_eq!(link_key("HTTPS://X.MN:443/").as_deref(), Some("x.mn"));
        assert_eq!(link_key("http://x.mn:80").as_deref(), Some("x.mn"));
        assert_eq!(link_key("x.mn:08080").as_deref(), Some("x.mn:8080"));
        assert_eq!(link_key("x.mn:8080/A?").as_deref(), Some("x.mn:8080/A"));
        assert_eq!(link_key("x.mn/?q=%e1#").as_deref(), Some("x.mn?q=%E1"));
        assert_eq!(link_key("x.mn/#/apps").as_deref(), Some("x.mn#/apps"));
        assert_eq!(link_key("javascript:alert(1)"), None);
        assert_eq!(upper_percent("%zz%4a中%"), "%zz%4A中%");
    }

    #[test]
    fn explicit_forms_rank_above_bare_ones() {
        assert_eq!(explicitness("HTTPS://x.mn"), 2);
        assert_eq!(explicitness("http://x.mn"), 1);
        assert_eq!(explicitness("x.mn"), 0);
        assert_eq!(explicitness("中"), 0);
    }
}
