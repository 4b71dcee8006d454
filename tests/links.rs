//! Opening links: only http and https URLs with a plain host are opened, each passed to the
//! opener program as an argument, never through a shell; `$BROWSER`'s commands are tried in
//! order before the platform's opener. And which printed links are the same place.

use msq::browser::{self, Launcher, OpenError, Opener, UrlError};
use std::cell::RefCell;

/// Records each launch; programs named in `missing` fail to start, as an absent one would.
#[derive(Default)]
struct Recorder {
    calls: RefCell<Vec<(String, Vec<String>)>>,
    missing: Vec<&'static str>,
}

impl Recorder {
    fn missing(programs: &[&'static str]) -> Self {
        Recorder {
            missing: programs.to_vec(),
            ..Recorder::default()
        }
    }
}

impl Launcher for Recorder {
    fn launch(&self, program: &str, args: &[&str]) -> std::io::Result<()> {
        self.calls.borrow_mut().push((
            program.to_string(),
            args.iter().map(|a| a.to_string()).collect(),
        ));
        if self.missing.contains(&program) {
            return Err(std::io::Error::from(std::io::ErrorKind::NotFound));
        }
        Ok(())
    }
}

#[test]
fn hostile_links_are_refused_and_good_ones_passed_as_one_argument() {
    let refused = [
        "file:///etc/passwd",
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "-oProxyCommand=calc.exe",
        "https://a&calc&.example.org/",
        "https://exa\u{202e}elpmaxe.org",
        "https://example.org/\u{2066}x",
        "https://user:secret@example.org/",
        "https://user@example.org/",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://example.org/",
        "https://example.org/ spaced",
        "https://",
    ];
    let long = format!("https://example.org/{}", "a".repeat(10 * 1024));
    let r = Recorder::default();
    let openers = [Opener::new("firefox", &[])];
    for link in refused.iter().copied().chain([long.as_str()]) {
        let outcome = browser::open_with(link, &openers, &r);
        assert!(outcome.is_err(), "{link:?} was opened");
        let msg = outcome.unwrap_err().to_string();
        assert!(!msg.is_empty() && !msg.contains('\n'));
    }
    assert!(r.calls.borrow().is_empty(), "nothing was launched");

    let good = [
        ("www.moh.tj", "https://www.moh.tj"),
        ("https://www.e-gov.az/en", "https://www.e-gov.az/en"),
        ("http://my.gov.az/", "http://my.gov.az/"),
        (
            "https://example.org/search?q=1&calc&x=2",
            "https://example.org/search?q=1&calc&x=2",
        ),
        (
            "https://mptc.gov.kh/%E1%9E%85%E1%9F%92",
            "https://mptc.gov.kh/%E1%9E%85%E1%9F%92",
        ),
    ];
    for (link, url) in good {
        assert_eq!(browser::open_with(link, &openers, &r).unwrap().url, url);
    }
    let calls = r.calls.borrow();
    assert_eq!(calls.len(), good.len());
    for ((program, args), (_, url)) in calls.iter().zip(good) {
        assert_eq!(program, "firefox");
        assert_eq!(
            args,
            &[url.to_string()],
            "the URL is the one and only argument"
        );
        assert!(!["sh", "bash", "cmd", "cmd.exe"].contains(&program.as_str()));
    }
}

#[test]
fn browser_commands_are_tried_in_order_and_the_first_that_starts_wins() {
    let openers = browser::openers(Some("firefox:chromium --new-window %s"));
    assert_eq!(openers[0], Opener::new("firefox", &[]));
    assert_eq!(openers[1], Opener::new("chromium", &["--new-window", "%s"]));
    assert_eq!(
        openers.len(),
        2 + usize::from(browser::platform_opener().is_some())
    );

    let r = Recorder::missing(&["firefox"]);
    let opened = browser::open_with("x.mn", &openers, &r).unwrap();
    assert_eq!(opened.url, "https://x.mn");
    assert_eq!(opened.via, "chromium");
    assert_eq!(opened.to_string(), "https://x.mn with chromium");
    assert_eq!(
        *r.calls.borrow(),
        [
            ("firefox".to_string(), vec!["https://x.mn".to_string()]),
            (
                "chromium".to_string(),
                vec!["--new-window".to_string(), "https://x.mn".to_string()]
            ),
        ]
    );

    // The first that starts ends the search.
    let r = Recorder::default();
    assert_eq!(
        browser::open_with("x.mn", &openers, &r).unwrap().via,
        "firefox"
    );
    assert_eq!(r.calls.borrow().len(), 1);
}

#[test]
fn the_platform_opener_is_the_fallback() {
    let Some(platform) = browser::platform_opener() else {
        return;
    };
    let openers = browser::openers(Some("nosuchbrowser"));
    let r = Recorder::missing(&["nosuchbrowser"]);
    let opened = browser::open_with("https://x.mn/a?b=1&c", &openers, &r).unwrap();
    assert_eq!(opened.via, platform.name());
    let calls = r.calls.borrow();
    assert_eq!(calls[1].0, platform.program());
    assert_eq!(calls[1].1.last().unwrap(), "https://x.mn/a?b=1&c");
    for program in ["sh", "bash", "cmd", "cmd.exe", "explorer"] {
        assert_ne!(
            platform.program(),
            program,
            "the platform opener is no shell"
        );
    }
}

#[test]
fn when_nothing_starts_every_failure_is_reported_on_one_line() {
    let openers = browser::parse_browser("a:b");
    let r = Recorder::missing(&["a", "b"]);
    let err = browser::open_with("x.mn", &openers, &r).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, OpenError::Launch(_)), "{err:?}");
    assert!(msg.contains("a: ") && msg.contains("; b: "), "{msg}");
    assert!(!msg.contains('\n'));
    assert_eq!(
        browser::open_with("x.mn", &[], &r),
        Err(OpenError::NoOpener)
    );
}

#[test]
fn browser_entries_parse_like_the_convention() {
    let parsed = browser::parse_browser("firefox:chromium --new-window %s");
    assert_eq!(
        parsed,
        [
            Opener::new("firefox", &[]),
            Opener::new("chromium", &["--new-window", "%s"])
        ]
    );
    // Empty entries and stray spaces are skipped.
    assert_eq!(
        browser::parse_browser(":: firefox ::  :"),
        [Opener::new("firefox", &[])]
    );
    assert!(browser::parse_browser("").is_empty());
    // %% is a literal %, and then the URL goes last; %s can sit inside an argument.
    let o = &browser::parse_browser("b --title=100%% --url=%s")[0];
    assert_eq!(
        o.args("https://x.mn"),
        ["--title=100%", "--url=https://x.mn"]
    );
    let o = &browser::parse_browser("b --title=100%%")[0];
    assert_eq!(o.args("https://x.mn"), ["--title=100%", "https://x.mn"]);
    // No shell: metacharacters are plain text in one argument.
    let o = &browser::parse_browser("b ;rm&&x|y $(z)")[0];
    assert_eq!(o.args("u"), [";rm&&x|y", "$(z)", "u"]);
}

#[test]
fn hostile_links_are_refused_even_through_browser() {
    let openers = browser::parse_browser("firefox %s:chromium");
    let r = Recorder::default();
    for link in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "data:text/html,x",
    ] {
        let outcome = browser::open_with(link, &openers, &r);
        assert_eq!(outcome, Err(OpenError::Refused(UrlError::Scheme)), "{link}");
    }
    assert!(r.calls.borrow().is_empty(), "nothing was launched");
    // A %s in the URL is the URL's own text, not a second placeholder.
    assert_eq!(
        browser::open_with("x.mn/%s", &openers, &r).unwrap().url,
        "https://x.mn/%s"
    );
    assert_eq!(
        *r.calls.borrow(),
        [("firefox".to_string(), vec!["https://x.mn/%s".to_string()])]
    );
}

#[test]
fn link_keys_say_which_links_are_the_same_place() {
    let same = [
        &[
            "x.mn",
            "https://x.mn/",
            "HTTPS://X.MN",
            "http://x.mn",
            "X.mn:443",
            "http://x.mn:80/",
        ][..],
        &["x.mn/a", "https://x.mn/a", "HTTP://X.MN/a"],
        &["x.mn/A%e1?q=1", "https://x.mn/A%E1?q=1"],
        &["e-gov.mn/#", "e-gov.mn"],
    ];
    for group in same {
        let key = browser::link_key(group[0]);
        assert!(key.is_some(), "{}", group[0]);
        for link in group {
            assert_eq!(browser::link_key(link), key, "{link} and {}", group[0]);
        }
    }
    let different = [
        ("x.mn/a", "x.mn/b"),
        ("x.mn/a", "x.mn/A"),
        ("x.mn", "www.x.mn"),
        ("x.mn", "x.mn:8080"),
        ("x.mn/a", "x.mn/a/"),
        ("x.mn/?q=1", "x.mn/?q=2"),
        ("x.mn/#/apps", "x.mn"),
        ("x.mn", "x.mn.mn"),
    ];
    for (a, b) in different {
        assert_ne!(browser::link_key(a), browser::link_key(b), "{a} and {b}");
    }
    for refused in ["javascript:alert(1)", "file:///x", "https://", "a b.mn"] {
        assert_eq!(browser::link_key(refused), None, "{refused}");
    }
}

#[test]
fn duplicate_links_are_listed_once_in_their_most_explicit_form() {
    let links = [
        "x.mn",
        "www.moh.tj",
        "http://x.mn/",
        "https://X.MN",
        "x.mn/a",
        "https://x.mn",
        "http://www.moh.tj",
        "javascript:alert(1)",
        "javascript:alert(1)",
        "www.x.mn",
    ]
    .map(String::from);
    assert_eq!(
        browser::dedup_links(links),
        [
            "https://X.MN",
            "http://www.moh.tj",
            "x.mn/a",
            "javascript:alert(1)",
            "www.x.mn"
        ]
    );
    assert!(browser::dedup_links(Vec::new()).is_empty());
}
