//! The serde types of the index: an [`Index`] holds [`Response`]s; a response holds its header
//! fields (country, edition, source, contacts, event) and its [`Section`]s of [`Item`]s. Every
//! string here is document text, untrusted: it reaches a terminal only through
//! [`crate::sanitize`].

use serde::{Deserialize, Serialize};

/// The version of the index format. Bump it when a field changes meaning or shape.
pub const SCHEMA_VERSION: u32 = 2;

/// A set of parsed responses, as stored in `data/index.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub schema: u32,
    pub responses: Vec<Response>,
    /// EGDI figures added with `msq index build --scores`; each replaces the built-in edition
    /// of its year. Absent when there are none, so an index without them reads as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<crate::egdi::Edition>,
}

/// What kind of document a response came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Questionnaire,
    Presentation,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Questionnaire => "questionnaire",
            Kind::Presentation => "presentation",
        }
    }
}

/// The source format a document was parsed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A web-form export (the 2022 MSQ): numbered questions, bare option lines.
    WebForm,
    /// A PDF form turned into text by OCR (the 2020 MSQ): roman sections, checkbox glyphs, footnotes.
    OcrForm,
    /// Conference slides turned into text: a title slide and numbered discussion questions.
    Presentation,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::WebForm => "web-form",
            Format::OcrForm => "ocr-form",
            Format::Presentation => "presentation",
        }
    }
}

/// The document a response was parsed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The file name, without any folder.
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    pub format: Format,
}

/// A person's contact block. A field the source leaves out or blank is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Option<String>,
    pub title: Option<String>,
    pub organization: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Contact {
    /// True when at least one field holds text.
    pub fn is_provided(&self) -> bool {
        self.fields().iter().any(|(_, v)| v.is_some())
    }

    /// The fields with their labels, in display order.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 5] {
        [
            ("Name", self.name.as_deref()),
            ("Title", self.title.as_deref()),
            ("Organization", self.organization.as_deref()),
            ("E-mail", self.email.as_deref()),
            ("Phone", self.phone.as_deref()),
        ]
    }
}

/// The event a presentation was given at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub name: Option<String>,
    pub dates: Option<String>,
    pub place: Option<String>,
}

impl Event {
    /// "name · dates · place", leaving out what is missing.
    pub fn summary(&self) -> String {
        [&self.name, &self.dates, &self.place]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A labelled header value that is not a contact or event field, such as
/// "Time to complete" or the date printed on a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: String,
    pub value: String,
    /// For a checkbox printed in the header (the 2020 consent line): whether it shows a tick.
    pub selection: Option<Selection>,
}

/// One response: one country's answers to one edition of the questionnaire, or one presentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Unique within an index, e.g. `aze-2022` or `uzb-2024-presentation`.
    pub id: String,
    /// The country name as the UN lists it.
    pub country: String,
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    pub edition: u16,
    pub kind: Kind,
    pub source: Source,
    /// The document's own title, where it prints one.
    pub title: Option<String>,
    /// The respondent (questionnaires) or presenter (presentations).
    pub respondent: Option<Contact>,
    pub event: Option<Event>,
    /// The national CIO's contact block, where the document has one (even an empty one).
    pub cio: Option<Contact>,
    /// Other header values: completion time, form date, consent.
    pub fields: Vec<Field>,
    /// True when the respondent's and the CIO's contact blocks are items of the response as
    /// well (a web form asks "Name", "Email" as numbered questions), so search and compare
    /// need not show them a second time. Set at ingest by the format.
    #[serde(default)]
    pub contacts_are_items: bool,
    /// Footnotes that belong to the document as a whole rather than to one item.
    pub notes: Vec<Note>,
    pub sections: Vec<Section>,
    /// What the parser noticed but could not settle, in document order.
    pub warnings: Vec<String>,
}

/// A section of a response: "A. Institutional / Organizational Framework", "III. Legal
/// Framework", or a part of a presentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique within the response: "A", "III", "respondent", "background", "questions".
    pub id: String,
    /// The label to show: the letter or the roman numeral with OCR slips mended ("II" for "Il").
    pub label: String,
    /// The label as printed, when it differs from `label`.
    pub printed_label: Option<String>,
    pub title: String,
    pub items: Vec<Item>,
}

impl Section {
    /// "C. Legal Framework"; a section with no printed label is its title alone.
    pub fn heading(&self) -> String {
        if self.label.is_empty() {
            self.title.clone()
        } else {
            format!("{}. {}", self.label, self.title)
        }
    }

    /// What its tab says: the label, or the title when there is no label.
    pub fn tab_title(&self) -> &str {
        if self.label.is_empty() {
            &self.title
        } else {
            &self.label
        }
    }
}

/// One question and everything that answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique within the response: "7", "2a", "X.1", "background".
    pub id: String,
    /// The number as printed: "7", "a", "1"; empty for an unnumbered part.
    pub number: String,
    /// The item this one is a lettered part of ("5" for "5a").
    pub parent: Option<String>,
    /// Sub-headings and lead-in lines printed just before this item.
    pub headings: Vec<String>,
    pub question: String,
    /// The form marks the question as required ("*").
    pub required: bool,
    /// The answer text: lines joined by "\n", paragraphs by "\n\n". Empty when blank.
    pub answer: String,
    /// Byte ranges of `answer` that the source emphasises (Markdown's `**strong**` in a
    /// presentation's text). The markers are not kept in `answer`, so search, compare and
    /// export read plain words; a browser shows these ranges in bold.
    pub answer_emphasis: Vec<std::ops::Range<usize>>,
    pub options: Vec<ChoiceOption>,
    /// URLs and e-mail addresses found in the answer, in order, without duplicates.
    pub links: Vec<Link>,
    pub notes: Vec<Note>,
}

impl ChoiceOption {
    /// The option with its box, `ticked` or `open` as each output draws them ("[x]", "(x)"),
    /// and any typed text: "( ) Other: 15 Years".
    pub fn marked(&self, ticked: &str, open: &str) -> String {
        let mark = if self.selection == Selection::Recorded {
            ticked
        } else {
            open
        };
        match &self.typed {
            Some(t) => format!("{mark} {}: {t}", self.label),
            None => format!("{mark} {}", self.label),
        }
    }
}

/// Whether the source shows which option was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// The source really shows this option ticked (an OCR'd "X").
    Recorded,
    /// The source does not show whether this option was chosen.
    NotRecorded,
}

/// One printed choice of a closed question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub label: String,
    pub selection: Selection,
    /// Text the respondent typed into this option's free-text field (a typed "Other").
    pub typed: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Url,
    Email,
}

/// A URL or e-mail address found in document text, exactly as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub kind: LinkKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A "Note: ..." line of the form.
    Note,
    /// A form instruction such as "(If any checked, please explain further.)".
    Instruction,
    /// A footnote from the foot of a page.
    Footnote,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub kind: NoteKind,
    /// A footnote's mark as printed, where OCR kept one: as the item's text printed it, where
    /// the parser found it there and took it out ("3" of "E-services3:", "°" of "(CI0)°");
    /// otherwise as the foot of the page printed it ("5", or a symbol OCR made of the
    /// superscript: "\"", "®"). OCR mangles marks, so what to show is [`Note::number`].
    pub marker: Option<String>,
    /// A footnote's number: as printed at the foot of the page or, where OCR mangled or lost
    /// the mark there, as counted on from the footnote before it.
    pub number: Option<u32>,
    pub text: String,
}

impl Note {
    /// What the note is introduced with wherever it is shown: "Note: ", "Footnote 5: ", or
    /// "Footnote: " for a footnote without a number; nothing for a form instruction, which
    /// reads as one.
    pub fn label(&self) -> String {
        match (self.kind, self.number) {
            (NoteKind::Note, _) => "Note: ".into(),
            (NoteKind::Instruction, _) => String::new(),
            (NoteKind::Footnote, Some(n)) => format!("Footnote {n}: "),
            (NoteKind::Footnote, None) => "Footnote: ".into(),
        }
    }
}

/// What the source shows about an item's choice options, taken as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemSelection {
    /// At least one option is shown ticked.
    Recorded,
    /// The item has options but the source does not show which was chosen.
    NotRecorded,
}

impl Item {
    /// What copying the item gives: its answer, or with none, the options the source shows
    /// ticked or typed into. Empty when the item has no answer.
    pub fn copy_text(&self) -> String {
        if !self.answer.is_empty() {
            return self.answer.clone();
        }
        let chosen: Vec<String> = self
            .options
            .iter()
            .filter_map(|o| match (&o.typed, o.selection) {
                (Some(t), _) => Some(format!("{}: {t}", o.label)),
                (None, Selection::Recorded) => Some(o.label.clone()),
                _ => None,
            })
            .collect();
        chosen.join("\n")
    }

    /// The item's links that a browser can open: URLs, not e-mail addresses.
    pub fn web_links(&self) -> impl Iterator<Item = &str> {
        self.links
            .iter()
            .filter(|l| l.kind == LinkKind::Url)
            .map(|l| l.text.as_str())
    }

    /// `None` for an item without choice options.
    pub fn selection(&self) -> Option<ItemSelection> {
        if self.options.is_empty() {
            None
        } else if self
            .options
            .iter()
            .any(|o| o.selection == Selection::Recorded)
        {
            Some(ItemSelection::Recorded)
        } else {
            Some(ItemSelection::NotRecorded)
        }
    }

    /// The options the source shows ticked.
    pub fn selected(&self) -> impl Iterator<Item = &ChoiceOption> {
        self.options
            .iter()
            .filter(|o| o.selection == Selection::Recorded)
    }

    /// The respondent gave something we can show as fact: answer text, a ticked option, or a
    /// typed value. A closed question whose selection was not recorded does not count.
    pub fn is_answered(&self) -> bool {
        !self.answer.trim().is_empty()
            || self.options.iter().any(|o| {
                o.selection == Selection::Recorded
                    || o.typed.as_deref().is_some_and(|t| !t.is_empty())
            })
    }

    /// The item asks something: it has a question. A presentation's background and closing
    /// slides are parts with no question; they are not answers, so no tally counts them.
    pub fn is_question(&self) -> bool {
        !self.question.trim().is_empty()
    }

    /// The item number to show: the id, which carries the parent for lettered parts ("5a")
    /// and the section for a restarted numbering ("X.1"); empty for an unnumbered part.
    pub fn display_number(&self) -> &str {
        if self.number.is_empty() { "" } else { &self.id }
    }
}

/// Counts for "N of M answered".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Questions that can hold an answer: lettered containers such as "5" are left out, and so
    /// are parts that ask nothing (a presentation's background and closing slides).
    pub items: usize,
    pub answered: usize,
    /// Closed questions whose selection the source did not record and that have no other answer.
    pub selection_not_recorded: usize,
}

impl Response {
    /// Every item in document order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// The section and position of an item.
    pub fn locate(&self, id: &str) -> Option<(usize, usize)> {
        self.sections
            .iter()
            .enumerate()
            .find_map(|(s, sec)| sec.items.iter().position(|i| i.id == id).map(|i| (s, i)))
    }

    /// True when some other item names this one as its parent.
    pub fn is_container(&self, id: &str) -> bool {
        self.items().any(|i| i.parent.as_deref() == Some(id))
    }

    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for item in self.items() {
            if !item.is_question() || self.is_container(&item.id) {
                continue;
            }
            t.items += 1;
            if item.is_answered() {
                t.answered += 1;
            } else if item.selection() == Some(ItemSelection::NotRecorded) {
                t.selection_not_recorded += 1;
            }
        }
        t
    }

    /// A header field by label.
    pub fn field(&self, label: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.value.as_str())
    }

    /// "Azerbaijan 2022", with a marker for presentations.
    pub fn display_name(&self) -> String {
        match self.kind {
            Kind::Questionnaire => format!("{} {}", self.country, self.edition),
            Kind::Presentation => format!("{} {} (presentation)", self.country, self.edition),
        }
    }
}

impl Index {
    pub fn new(mut responses: Vec<Response>) -> Index {
        sort_responses(&mut responses);
        Index {
            schema: SCHEMA_VERSION,
            responses,
            scores: Vec::new(),
        }
    }
}

/// Sorts by country, then edition, then kind (questionnaire before presentation).
pub fn sort_responses(responses: &mut [Response]) {
    responses.sort_by(|a, b| response_order(a).cmp(&response_order(b)));
}

/// Whether responses are in the order [`sort_responses`] gives.
pub fn responses_sorted(responses: &[Response]) -> bool {
    responses.is_sorted_by(|a, b| response_order(a) <= response_order(b))
}

fn response_order(r: &Response) -> (&str, u16, Kind) {
    (r.country.as_str(), r.edition, r.kind)
}
