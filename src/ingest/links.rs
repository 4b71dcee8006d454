//! Finds URLs and e-mail addresses in answer text with linkify, keeping each exactly as printed.

use crate::model::{Link, LinkKind};
use linkify::LinkFinder;

/// Links in `text`, in order, without duplicates. Bare domains such as `Hukumat.tj` count.
pub fn find_links(text: &str) -> Vec<Link> {
    // A bullet dash glued to a link ("-www.moc.gov.kh") is not part of it, but linkify reads
    // it as part of a domain. Mask such dashes with spaces of the same length, so that
    // positions in the masked copy are positions in the original.
    let masked = mask_leading_dashes(text);
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false);
    let mut links: Vec<Link> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for found in finder.links(&masked) {
        let Some(s) = text.get(found.start()..found.end()) else {
            continue;
        };
        // "www.tax.gov.kh/en/(citizen": a bracket opened and never closed starts a remark, not
        // the rest of the URL.
        let s = match unbalanced_paren(s) {
            Some(cut) => &s[..cut],
            None => s,
        };
        if s.is_empty() {
            continue;
        }
        let kind = match found.kind() {
            linkify::LinkKind::Email => LinkKind::Email,
            _ => LinkKind::Url,
        };
        if seen.insert(s) {
            links.push(Link {
                kind,
                text: s.to_string(),
            });
        }
    }
    links
}

/// The byte offset of the first "(" that is never closed, if there is one.
fn unbalanced_paren(s: &str) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '(' => open.push(i),
            ')' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

fn mask_leading_dashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c == '-' && prev.is_none_or(|p| p.is_whitespace() || p == '(') {
            out.push(' ');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        find_links(s).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn finds_bare_domains_urls_and_emails() {
        assert_eq!(texts("Hukumat.tj"), ["Hukumat.tj"]);
        assert_eq!(
            texts("portal: www.e-Mongolia.mn, In terms"),
            ["www.e-Mongolia.mn"]
        );
        assert_eq!(
            texts("E-Gov <https://www.e-gov.az/en> and <https://www.e-gov.az/en>"),
            ["https://www.e-gov.az/en"]
        );
        let l = find_links("mail c.salmanov@asan.gov.az.");
        assert_eq!(l[0].kind, LinkKind::Email);
        assert_eq!(l[0].text, "c.salmanov@asan.gov.az");
    }

    #[test]
    fn bullet_dash_is_not_part_of_the_link() {
        assert_eq!(
            texts("-www.mpwt.gov.kh/en/home (Vehicle), -www.moc.gov.kh/en-us/"),
            ["www.mpwt.gov.kh/en/home", "www.moc.gov.kh/en-us/"]
        );
    }

    #[test]
    fn a_remark_in_brackets_after_a_link_is_not_part_of_it() {
        assert_eq!(
            texts("-www.tax.gov.kh/en/(citizen and businesses can ask)"),
            ["www.tax.gov.kh/en/"]
        );
        assert_eq!(
            texts("https://en.wikipedia.org/wiki/Rust_(programming_language) is"),
            ["https://en.wikipedia.org/wiki/Rust_(programming_language)"]
        );
    }

    #[test]
    fn numbers_and_abbreviations_are_not_links() {
        assert!(texts("items 1.3, 1.4, e.g. and 16.6.1").is_empty());
    }
}
