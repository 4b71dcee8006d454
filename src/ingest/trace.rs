//! Where each source line went. Every parser records, for each content line, the place in the
//! response its text landed in, or the named rule that dropped it. The coverage test replays
//! the trace against the finished response to prove that no line was lost or misplaced. The
//! trace is not stored in the index.

use crate::model::Response;

/// A rule under which a content line may be left out of the response. Nothing else may drop
/// text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DropRule {
    /// The introduction printed on every copy of a form, before the first section.
    FormIntro,
    /// The thank-you page and satisfaction-survey link after the last question of a form.
    FormClosing,
    /// A slide header repeated on several slides, or pieces of it split by OCR.
    SlideHeader,
    /// A page number a converter printed between pages ("Page 3 of 13", "- 3 -").
    PageNumber,
    /// A line printed at the top or foot of every page, and nowhere else.
    RunningHeader,
}

impl DropRule {
    pub const ALL: [DropRule; 5] = [
        DropRule::FormIntro,
        DropRule::FormClosing,
        DropRule::SlideHeader,
        DropRule::PageNumber,
        DropRule::RunningHeader,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DropRule::FormIntro => "form-intro",
            DropRule::FormClosing => "form-closing",
            DropRule::SlideHeader => "slide-header",
            DropRule::PageNumber => "page-number",
            DropRule::RunningHeader => "running-header",
        }
    }
}

/// A part of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Heading(usize),
    Question,
    Answer,
    Option(usize),
    /// The typed text of an option.
    Typed(usize),
    Note(usize),
    /// The marker of note N: a footnote's mark, taken out of the text it was printed in.
    NoteMarker(usize),
}

/// A place in a response that text can land in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A header value, named like "respondent.name", "cio.email", "event.place", "country",
    /// "title", "field#0" (the first labelled field), "note:0".
    Header(String),
    /// The printed label of header field N ("Time to complete").
    Label(usize),
    SectionTitle {
        section: String,
    },
    Item {
        item: String,
        part: Part,
    },
    Dropped(DropRule),
}

/// One piece of one source line: the part of the line's text that went to `place`. A line split
/// into several places (a row of checkbox options) has several entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceEntry {
    pub line: usize,
    pub place: Place,
    pub text: String,
}

pub type Trace = Vec<TraceEntry>;

/// The text held at a place of a response, for checking a trace. `None` when the place does not
/// exist.
pub fn text_at(response: &Response, place: &Place) -> Option<String> {
    match place {
        Place::Dropped(_) => Some(String::new()),
        Place::Label(index) => response.fields.get(*index).map(|f| f.label.clone()),
        Place::SectionTitle { section } => response
            .sections
            .iter()
            .find(|s| &s.id == section)
            .map(|s| s.title.clone()),
        Place::Item { item, part } => {
            let item = response.item(item)?;
            match part {
                Part::Heading(i) => item.headings.get(*i).cloned(),
                Part::Question => Some(item.question.clone()),
                Part::Answer => Some(item.answer.clone()),
                Part::Option(i) => item.options.get(*i).map(|o| o.label.clone()),
                Part::Typed(i) => item.options.get(*i).and_then(|o| o.typed.clone()),
                Part::Note(i) => item.notes.get(*i).map(|n| n.text.clone()),
                Part::NoteMarker(i) => item.notes.get(*i).and_then(|n| n.marker.clone()),
            }
        }
        Place::Header(name) => header_text(response, name),
    }
}

fn header_text(r: &Response, name: &str) -> Option<String> {
    if let Some(index) = name.strip_prefix("field#") {
        return r
            .fields
            .get(index.parse::<usize>().ok()?)
            .map(|f| f.value.clone());
    }
    if let Some(i) = name.strip_prefix("note:") {
        return r
            .notes
            .get(i.parse::<usize>().ok()?)
            .map(|n| n.text.clone());
    }
    let (group, field) = name.split_once('.').unwrap_or((name, ""));
    let contact = match group {
        "respondent" => r.respondent.as_ref(),
        "cio" => r.cio.as_ref(),
        "event" => {
            let e = r.event.as_ref()?;
            return match field {
                "name" => e.name.clone(),
                "dates" => e.dates.clone(),
                "place" => e.place.clone(),
                _ => None,
            };
        }
        "country" => return Some(r.country.clone()),
        "title" => return r.title.clone(),
        _ => return None,
    }?;
    let value = match field {
        "name" => &contact.name,
        "title" => &contact.title,
        "organization" => &contact.organization,
        "email" => &contact.email,
        "phone" => &contact.phone,
        _ => return None,
    };
    // An empty field of a printed contact block ("Name:" with nothing after it) is a place too.
    Some(value.clone().unwrap_or_default())
}
