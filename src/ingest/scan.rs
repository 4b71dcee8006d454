//! Line-level recognisers shared by the parsers: question numbers, lettered parts, the required
//! marker, contact-field labels, and the signs that a PDF wrapped a line.

/// "12. Text" gives (12, "Text"); "12." alone gives (12, ""). The number has at most three
/// digits and must be followed by ". " or end the line, so "1.3, 1.4" and "2024 by" do not count.
pub fn numbered(s: &str) -> Option<(u32, &str)> {
    let s = s.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = s[digits..].strip_prefix('.')?;
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let n = s[..digits].parse().ok()?;
    Some((n, rest.trim_start()))
}

/// "a. Text" gives ('a', "Text").
pub fn lettered(s: &str) -> Option<(char, &str)> {
    let s = s.trim_start();
    let mut chars = s.chars();
    let letter = chars.next().filter(char::is_ascii_lowercase)?;
    let rest = chars.as_str().strip_prefix(". ")?;
    (!rest.trim().is_empty()).then_some((letter, rest.trim_start()))
}

/// Strips the form's required marker: "Title *" gives ("Title", true).
pub fn strip_required(s: &str) -> (&str, bool) {
    match s.trim_end().strip_suffix('*') {
        Some(rest) if rest.ends_with(' ') || rest.is_empty() => (rest.trim_end(), true),
        _ => (s.trim_end(), false),
    }
}

/// A field of a contact block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    Name,
    Title,
    Organization,
    Email,
    Phone,
}

impl ContactField {
    pub fn key(self) -> &'static str {
        match self {
            ContactField::Name => "name",
            ContactField::Title => "title",
            ContactField::Organization => "organization",
            ContactField::Email => "email",
            ContactField::Phone => "phone",
        }
    }

    /// The field a label names: "Name", "Your name", "E-mail", "Organisation", "Tel."...
    pub fn from_label(label: &str) -> Option<ContactField> {
        let l = label.trim().trim_end_matches(':').trim().to_lowercase();
        let l = l.strip_prefix("your ").unwrap_or(&l);
        Some(match l {
            "name" | "full name" => ContactField::Name,
            "title" | "position" | "job title" => ContactField::Title,
            "organization" | "organisation" | "institution" | "ministry" => {
                ContactField::Organization
            }
            "email" | "e-mail" | "e-mail address" | "email address" => ContactField::Email,
            "phone" | "telephone" | "tel" | "tel." | "phone number" => ContactField::Phone,
            _ => return None,
        })
    }
}

pub fn set_contact(
    contact: &mut crate::model::Contact,
    field: ContactField,
    value: Option<String>,
) {
    let slot = match field {
        ContactField::Name => &mut contact.name,
        ContactField::Title => &mut contact.title,
        ContactField::Organization => &mut contact.organization,
        ContactField::Email => &mut contact.email,
        ContactField::Phone => &mut contact.phone,
    };
    *slot = value;
}

/// "Name: Diyor Normatov" gives (Name, "Diyor Normatov"); "Phone:" gives (Phone, ""). OCR may
/// keep a form's cell border as a "|" before the value; that is not part of the value.
pub fn contact_line(s: &str) -> Option<(ContactField, &str)> {
    let (label, value) = s.trim().split_once(':')?;
    let field = ContactField::from_label(label)?;
    let value = value
        .trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .trim();
    Some((field, value))
}

/// The line ends a sentence or a clause that cannot run on.
pub fn ends_closed(s: &str) -> bool {
    s.trim_end().ends_with(['.', '?', '!', ':', ';', ')'])
}

/// How many more "(" than ")" a text has.
pub fn paren_balance(s: &str) -> i64 {
    s.bytes().fold(0, |depth, b| match b {
        b'(' => depth + 1,
        b')' => depth - 1,
        _ => depth,
    })
}

/// True when more "(" than ")" are open at the end of `s`.
pub fn parens_open(s: &str) -> bool {
    paren_balance(s) > 0
}

pub fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A word broken across lines with a hyphen: "e-" then "government". The hyphen stays.
pub fn ends_hyphenated(s: &str) -> bool {
    let mut rev = s.trim_end().chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
}

/// The whole line is one parenthesised remark: "(If any checked, please explain further.)".
pub fn is_parenthetical(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('(') && t.ends_with(')') && !parens_open(t) && t.len() > 2
}

/// A line split at Markdown's strong emphasis: "- **Lead:** text" gives [("- ", false),
/// ("Lead:", true), (" text", false)]. A pair of "**" counts when the text between starts and
/// ends with something other than a space; an unpaired "**" is text. A line without emphasis
/// is one plain piece.
pub fn strong_emphasis(s: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    // Where the current plain piece starts, and where to look for the next "**".
    let mut start = 0;
    let mut from = 0;
    while let Some(open) = s[from..].find("**").map(|o| from + o) {
        let inner = &s[open + 2..];
        let close = inner.find("**").filter(|&c| {
            c > 0
                && !inner.starts_with(char::is_whitespace)
                && !inner[..c].ends_with(char::is_whitespace)
        });
        match close {
            Some(c) => {
                out.push((&s[start..open], false));
                out.push((&inner[..c], true));
                start = open + 2 + c + 2;
                from = start;
            }
            None => from = open + 2,
        }
    }
    out.push((&s[start..], false));
    out.retain(|(t, _)| !t.is_empty());
    out
}

/// A bullet marker at the start: "-", "•", "o", "□", "*", "▪", "◦".
pub fn bullet(s: &str) -> Option<&str> {
    let t = s.trim_start();
    for marker in ["- ", "• ", "o ", "□ ", "* ", "▪ ", "◦ ", "– "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest);
        }
    }
    None
}

/// Collapses runs of whitespace and lowercases, for comparing printed labels.
pub fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The width at which a document's lines wrap: the 90th percentile of the widths of its
/// longer lines, so a single long URL does not set it.
pub fn wrap_width<'a>(widths: impl Iterator<Item = &'a str>) -> usize {
    let mut w: Vec<usize> = widths
        .map(|s| s.chars().count())
        .filter(|&n| n >= 30)
        .collect();
    if w.is_empty() {
        return 80;
    }
    w.sort_unstable();
    w[(w.len() * 9 / 10).min(w.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_emphasis_pieces() {
        assert_eq!(
            strong_emphasis("- **Lead:** text"),
            [("- ", false), ("Lead:", true), (" text", false)]
        );
        assert_eq!(
            strong_emphasis("- **A:**B and **C**: d"),
            [
                ("- ", false),
                ("A:", true),
                ("B and ", false),
                ("C", true),
                (": d", false)
            ]
        );
        assert_eq!(strong_emphasis("plain"), [("plain", false)]);
        // Unpaired or space-flanked markers are text.
        assert_eq!(strong_emphasis("2 ** 3"), [("2 ** 3", false)]);
        assert_eq!(
            strong_emphasis("a ** b **c**"),
            [("a ** b ", false), ("c", true)]
        );
        assert_eq!(strong_emphasis("**open"), [("**open", false)]);
        assert_eq!(strong_emphasis("****"), [("****", false)]);
    }

    #[test]
    fn question_numbers() {
        assert_eq!(numbered("12. Title *"), Some((12, "Title *")));
        assert_eq!(numbered(" 3. Please"), Some((3, "Please")));
        assert_eq!(numbered("5."), Some((5, "")));
        assert_eq!(numbered("1.3, 1.4"), None);
        assert_eq!(numbered("2024 by 6"), None);
        assert_eq!(numbered("10 Related to SDG"), None);
        assert_eq!(numbered("1000. x"), None);
    }

    #[test]
    fn letters_and_required() {
        assert_eq!(lettered("a. E-services3:"), Some(('a', "E-services3:")));
        assert_eq!(lettered("A. Institutional"), None);
        assert_eq!(strip_required("Name *"), ("Name", true));
        assert_eq!(strip_required("5*"), ("5*", false));
        assert_eq!(
            strip_required("Open government data"),
            ("Open government data", false)
        );
    }

    #[test]
    fn contact_lines() {
        assert_eq!(
            contact_line("Organization: | Ministry of Economic Development and Trade"),
            Some((
                ContactField::Organization,
                "Ministry of Economic Development and Trade"
            ))
        );
        assert_eq!(contact_line("Phone:"), Some((ContactField::Phone, "")));
        assert_eq!(contact_line("E-mail:"), Some((ContactField::Email, "")));
        assert_eq!(contact_line("Note: this"), None);
        assert_eq!(
            ContactField::from_label("Your name"),
            Some(ContactField::Name)
        );
    }

    #[test]
    fn wrapping_signs() {
        assert!(ends_hyphenated("cross-agency e-"));
        assert!(!ends_hyphenated("2019 -"));
        assert!(parens_open("concerned? (Max."));
        assert!(is_parenthetical("(Max. 250 words)"));
        assert!(!is_parenthetical("(Yes XNo"));
    }
}
