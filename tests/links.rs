//! Opening links: only http and https URLs with a plain host are opened, each passed to the
//! opener program as one argument, never through a shell.

use msq::browser::{self, Launcher};
use std::cell::RefCell;

#[derive(Default)]
struct Recorder {
    calls: RefCell<Vec<(String, Vec<String>)>>,
}

impl Launcher for Recorder {
    fn launch(&self, program: &str, args: &[&str]) -> std::io::Result<()> {
        self.calls.borrow_mut().push((
            program.to_string(),
            args.iter().map(|a| a.to_string()).collect(),
        ));
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
    for link in refused.iter().copied().chain([long.as_str()]) {
        let outcome = browser::open(link, &r);
        assert!(outcome.is_err(), "{link:?} was opened");
        let msg = outcome.unwrap_err();
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
        assert_eq!(browser::open(link, &r).unwrap(), url);
    }
    let calls = r.calls.borrow();
    assert_eq!(calls.len(), good.len());
    for ((program, args), (_, url)) in calls.iter().zip(good) {
        assert_eq!(program, &browser::opener());
        assert_eq!(
            args,
            &[url.to_string()],
            "the URL is the one and only argument"
        );
        assert!(!["sh", "bash", "cmd", "cmd.exe"].contains(&program.as_str()));
    }
}
