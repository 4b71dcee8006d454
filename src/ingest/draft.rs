//! The response under construction, shared by every parser. A parser walks its lines and calls
//! these methods; each call puts text in one place and records that in the trace, so placing
//! text and accounting for it cannot drift apart.

use super::trace::{DropRule, Part, Place, Trace, TraceEntry};
use crate::model::{ChoiceOption, Contact, Event, Field, Item, Note, NoteKind, Section, Selection};

/// `id`, or `id~2`, `id~3`... if taken; remembers where it got to, so a thousand clashes cost
/// a thousand steps, not a million.
fn unique(
    id: &str,
    taken: &mut std::collections::HashSet<String>,
    next: &mut std::collections::HashMap<String, usize>,
) -> String {
    let mut candidate = id.to_string();
    while taken.contains(&candidate) {
        let n = next.entry(id.to_string()).or_insert(2);
        candidate = format!("{id}~{n}");
        *n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// How a piece of text joins the text before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// On a new line.
    Line,
    /// After a blank line.
    Paragraph,
    /// On the same line, after a space: a line the PDF wrapped.
    Space,
    /// Directly: a word the PDF hyphenated across lines ("e-" + "government").
    Glue,
}

pub fn join_into(buf: &mut String, text: &str, join: Join) {
    if !buf.is_empty() {
        buf.push_str(match join {
            Join::Line => "\n",
            Join::Paragraph => "\n\n",
            Join::Space => " ",
            Join::Glue => "",
        });
    }
    buf.push_str(text);
}

/// What starts a new item.
#[derive(Debug, Clone, Default)]
pub struct ItemStart {
    pub id: String,
    pub number: String,
    pub parent: Option<String>,
    pub question: String,
    pub required: bool,
}

#[derive(Debug, Default)]
pub struct Draft {
    pub title: Option<String>,
    pub country_hint: Option<String>,
    pub edition: Option<u16>,
    pub respondent: Option<Contact>,
    pub cio: Option<Contact>,
    pub event: Option<Event>,
    pub fields: Vec<Field>,
    pub notes: Vec<Note>,
    pub sections: Vec<Section>,
    pub warnings: Vec<String>,
    /// Warnings about one line, by the line the parser saw; ingest names the source line.
    pub line_warnings: Vec<(usize, String)>,
    pub trace: Trace,
    pending_headings: Vec<(usize, String)>,
    pending_notes: Vec<PendingNote>,
    /// Ids of the items and sections so far, to keep them unique without a scan per item.
    item_ids: std::collections::HashSet<String>,
    section_ids: std::collections::HashSet<String>,
    /// The next "~N" suffix to try for an id that is taken.
    next_suffix: std::collections::HashMap<String, usize>,
}

#[derive(Debug)]
struct PendingNote {
    lines: Vec<(usize, String)>,
    note: Note,
}

impl Draft {
    pub fn new() -> Draft {
        Draft::default()
    }

    /// A warning about `line`.
    pub fn warn_at(&mut self, line: usize, message: String) {
        self.line_warnings.push((line, message));
    }

    fn record(&mut self, line: usize, place: Place, text: &str) {
        self.trace.push(TraceEntry {
            line,
            place,
            text: text.to_string(),
        });
    }

    pub fn drop_line(&mut self, line: usize, rule: DropRule, text: &str) {
        self.record(line, Place::Dropped(rule), text);
    }

    /// Records that `text` of `line` went to the header value `name` (see [`Place::Header`]).
    pub fn header_trace(&mut self, line: usize, name: &str, text: &str) {
        self.record(line, Place::Header(name.to_string()), text);
    }

    /// Adds a labelled header field. Returns its index, for [`Draft::field_label`].
    pub fn field(
        &mut self,
        line: usize,
        label: &str,
        value: &str,
        selection: Option<Selection>,
    ) -> usize {
        self.fields.push(Field {
            label: label.to_string(),
            value: value.to_string(),
            selection,
        });
        let index = self.fields.len() - 1;
        self.header_trace(line, &format!("field#{index}"), value);
        index
    }

    /// Records a label line ("Time to complete") that names header field `index`.
    pub fn field_label(&mut self, line: usize, index: usize, printed: &str) {
        self.record(line, Place::Label(index), printed);
    }

    /// A note that belongs to the document as a whole.
    pub fn response_note(&mut self, lines: &[(usize, &str)], note: Note) {
        let name = format!("note:{}", self.notes.len());
        for (line, text) in lines {
            self.header_trace(*line, &name, text);
        }
        self.notes.push(note);
    }

    pub fn section(
        &mut self,
        id: &str,
        label: &str,
        printed_label: Option<&str>,
        title: &str,
        line: Option<usize>,
    ) {
        let id = self.unique_section_id(id);
        if let Some(line) = line {
            self.record(
                line,
                Place::SectionTitle {
                    section: id.clone(),
                },
                title,
            );
        }
        self.sections.push(Section {
            id,
            label: label.to_string(),
            printed_label: printed_label.filter(|p| *p != label).map(str::to_string),
            title: title.to_string(),
            items: Vec::new(),
        });
    }

    fn unique_section_id(&mut self, id: &str) -> String {
        unique(id, &mut self.section_ids, &mut self.next_suffix)
    }

    /// Appends text to the title of the current section (a heading the PDF wrapped).
    pub fn section_title_more(&mut self, line: usize, text: &str, join: Join) {
        if let Some(s) = self.sections.last_mut() {
            join_into(&mut s.title, text, join);
            let section = s.id.clone();
            self.record(line, Place::SectionTitle { section }, text);
        }
    }

    /// Starts an item. `consumed` is the part of `line` that is its question.
    pub fn start_item(&mut self, start: ItemStart, line: usize) {
        if self.sections.is_empty() {
            self.section("main", "", None, "Questions", None);
        }
        let id = unique(&start.id, &mut self.item_ids, &mut self.next_suffix);
        if id != start.id {
            self.warn_at(
                line,
                format!("item {} appears twice; the second is {id}", start.id),
            );
        }
        let headings = std::mem::take(&mut self.pending_headings);
        let notes = std::mem::take(&mut self.pending_notes);
        let item = Item {
            id: id.clone(),
            number: start.number,
            parent: start.parent,
            headings: headings.iter().map(|(_, h)| h.clone()).collect(),
            question: start.question.clone(),
            required: start.required,
            answer: String::new(),
            answer_emphasis: Vec::new(),
            options: Vec::new(),
            links: Vec::new(),
            notes: Vec::new(),
        };
        if let Some(section) = self.sections.last_mut() {
            section.items.push(item);
        }
        for (i, (hline, h)) in headings.iter().enumerate() {
            self.record(*hline, self.place(&id, Part::Heading(i)), h);
        }
        // An unnumbered part of a presentation has no question: its line is the section title.
        if !start.question.is_empty() {
            self.record(line, self.place(&id, Part::Question), &start.question);
        }
        for p in notes {
            let lines: Vec<(usize, &str)> = p.lines.iter().map(|(l, t)| (*l, t.as_str())).collect();
            self.note_to(&id, &lines, p.note);
        }
    }

    fn place(&self, item: &str, part: Part) -> Place {
        Place::Item {
            item: item.to_string(),
            part,
        }
    }

    pub fn current_item(&self) -> Option<&Item> {
        self.sections.last().and_then(|s| s.items.last())
    }

    fn current_mut(&mut self) -> Option<&mut Item> {
        self.sections.last_mut().and_then(|s| s.items.last_mut())
    }

    /// Runs `f` on the current item and records `text` of `line` at `part`. Text with no item
    /// to go to becomes a document note, so that nothing is lost.
    fn with_item(&mut self, line: usize, text: &str, part: impl FnOnce(&mut Item) -> Part) {
        match self.current_mut() {
            Some(item) => {
                let part = part(item);
                let id = item.id.clone();
                self.record(line, self.place(&id, part), text);
            }
            None => {
                self.warn_at(line, "text before the first question kept as a note".into());
                self.response_note(
                    &[(line, text)],
                    Note {
                        kind: NoteKind::Note,
                        marker: None,
                        number: None,
                        text: text.to_string(),
                    },
                );
            }
        }
    }

    pub fn question(&mut self, line: usize, text: &str, join: Join) {
        self.with_item(line, text, |item| {
            join_into(&mut item.question, text, join);
            Part::Question
        });
    }

    pub fn answer(&mut self, line: usize, text: &str, join: Join) {
        self.with_item(line, text, |item| {
            join_into(&mut item.answer, text, join);
            Part::Answer
        });
    }

    /// Appends answer text made of `pieces` of one line, each marked emphasised or not, whose
    /// emphasis markers the parser has taken out. Each piece is traced on its own, since the
    /// line holds the markers between them.
    pub fn answer_pieces(&mut self, line: usize, pieces: &[(&str, bool)], join: Join) {
        let pieces: Vec<(&str, bool)> = pieces
            .iter()
            .copied()
            .filter(|(t, _)| !t.is_empty())
            .collect();
        let Some(item) = self.current_mut() else {
            let plain: String = pieces.iter().map(|(t, _)| *t).collect();
            self.answer(line, &plain, join);
            return;
        };
        for (k, (text, emphasised)) in pieces.iter().enumerate() {
            if k == 0 {
                join_into(&mut item.answer, text, join);
            } else {
                item.answer.push_str(text);
            }
            if *emphasised {
                let end = item.answer.len();
                item.answer_emphasis.push(end - text.len()..end);
            }
        }
        let id = item.id.clone();
        for (text, _) in pieces {
            self.record(line, self.place(&id, Part::Answer), text);
        }
    }

    pub fn option(&mut self, line: usize, label: &str, selection: Selection) {
        self.with_item(line, label, |item| {
            item.options.push(ChoiceOption {
                label: label.to_string(),
                selection,
                typed: None,
            });
            Part::Option(item.options.len() - 1)
        });
    }

    /// Adds a form option the source does not print (the "Other" that a typed value replaced).
    pub fn unprinted_option(&mut self, label: &str) {
        if let Some(item) = self.current_mut() {
            item.options.push(ChoiceOption {
                label: label.to_string(),
                selection: Selection::NotRecorded,
                typed: None,
            });
        }
    }

    /// Sets the typed text of option `index` of the current item.
    pub fn typed(&mut self, line: usize, index: usize, text: &str) {
        self.with_item(line, text, |item| {
            if let Some(o) = item.options.get_mut(index) {
                o.typed = Some(text.to_string());
            }
            Part::Typed(index)
        });
    }

    /// Continues the label of the last option (a label the PDF wrapped).
    pub fn option_more(&mut self, line: usize, text: &str, join: Join) {
        self.with_item(line, text, |item| match item.options.last_mut() {
            Some(o) => {
                join_into(&mut o.label, text, join);
                Part::Option(item.options.len() - 1)
            }
            None => {
                join_into(&mut item.answer, text, join);
                Part::Answer
            }
        });
    }

    /// A note for the current item, or for the next one when no item has started.
    pub fn note(&mut self, line: usize, kind: NoteKind, text: &str) {
        if self.current_item().is_some() {
            let note = Note {
                kind,
                marker: None,
                number: None,
                text: text.to_string(),
            };
            self.with_item(line, text, |item| {
                item.notes.push(note);
                Part::Note(item.notes.len() - 1)
            });
        } else {
            self.note_for_next(line, kind, text);
        }
    }

    /// A note that goes to the next item, such as a "Note:" printed under a section heading.
    pub fn note_for_next(&mut self, line: usize, kind: NoteKind, text: &str) {
        self.pending_notes.push(PendingNote {
            lines: vec![(line, text.to_string())],
            note: Note {
                kind,
                marker: None,
                number: None,
                text: text.to_string(),
            },
        });
    }

    /// Continues the last note: a pending one if there is one, else the current item's last.
    pub fn note_more(&mut self, line: usize, text: &str, join: Join) {
        if let Some(p) = self.pending_notes.last_mut() {
            join_into(&mut p.note.text, text, join);
            p.lines.push((line, text.to_string()));
            return;
        }
        self.with_item(line, text, |item| match item.notes.last_mut() {
            Some(n) => {
                join_into(&mut n.text, text, join);
                Part::Note(item.notes.len() - 1)
            }
            None => {
                join_into(&mut item.answer, text, join);
                Part::Answer
            }
        });
    }

    /// Attaches a note to a given item (a footnote resolved after parsing). `lines` are the
    /// source lines of the note with the part of each that is note text.
    pub fn note_to(&mut self, item_id: &str, lines: &[(usize, &str)], note: Note) -> bool {
        let Some(item) = self
            .sections
            .iter_mut()
            .flat_map(|s| s.items.iter_mut())
            .find(|i| i.id == item_id)
        else {
            return false;
        };
        item.notes.push(note);
        let part = Part::Note(item.notes.len() - 1);
        for (line, text) in lines {
            self.record(*line, self.place(item_id, part.clone()), text);
        }
        true
    }

    /// Attaches a footnote to an item as [`Draft::note_to`] does, and takes its mark out of
    /// the item's text: `mark` is the part it was printed in (the question or an option label)
    /// and its byte range there. The mark, as printed, becomes the note's marker, and the trace
    /// follows it there, so its line is still accounted for. A mark that is not where it is
    /// said to be stays in the text.
    pub fn footnote_to(
        &mut self,
        item_id: &str,
        lines: &[(usize, &str)],
        mut note: Note,
        mark: Option<(Part, std::ops::Range<usize>)>,
    ) -> bool {
        let Some(index) = self
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .find(|i| i.id == item_id)
            .map(|i| i.notes.len())
        else {
            return false;
        };
        let taken = mark.and_then(|(part, range)| self.take_text(item_id, &part, range));
        if let Some((_, entry)) = &taken {
            note.marker = Some(entry.text.clone());
        }
        self.note_to(item_id, lines, note);
        if let Some((at, mut entry)) = taken {
            entry.place = self.place(item_id, Part::NoteMarker(index));
            self.trace.insert(at, entry);
        }
        true
    }

    /// Cuts `range` out of an item's question or option label, and the trace entry that holds
    /// it into the pieces before and after. Returns where in the trace the cut text belongs
    /// (between those pieces) and its entry, still naming its old place.
    fn take_text(
        &mut self,
        item_id: &str,
        part: &Part,
        range: std::ops::Range<usize>,
    ) -> Option<(usize, TraceEntry)> {
        let place = self.place(item_id, part.clone());
        let item = self
            .sections
            .iter_mut()
            .flat_map(|s| s.items.iter_mut())
            .find(|i| i.id == item_id)?;
        let field = match part {
            Part::Question => &mut item.question,
            Part::Option(i) => &mut item.options.get_mut(*i)?.label,
            _ => return None,
        };
        let cut = field
            .get(range.clone())
            .filter(|t| !t.is_empty())?
            .to_string();
        // The field is its traced pieces, in order, with what joined them in between.
        let mut from = 0;
        let mut found = None;
        for (k, e) in self
            .trace
            .iter()
            .enumerate()
            .filter(|(_, e)| e.place == place)
        {
            let at = from + field.get(from..)?.find(&e.text)?;
            let end = at + e.text.len();
            if at <= range.start && range.end <= end {
                found = Some((k, at));
                break;
            }
            from = end;
        }
        let (k, at) = found?;
        field.replace_range(range.clone(), "");
        let entry = self.trace.remove(k);
        let (before, after) = (
            &entry.text[..range.start - at],
            &entry.text[range.end - at..],
        );
        let piece = |text: &str| TraceEntry {
            line: entry.line,
            place: place.clone(),
            text: text.to_string(),
        };
        let mut at = k;
        if !after.is_empty() {
            self.trace.insert(k, piece(after));
        }
        if !before.is_empty() {
            self.trace.insert(k, piece(before));
            at += 1;
        }
        Some((at, piece(&cut)))
    }

    /// A sub-heading or lead-in line printed before the next item.
    pub fn heading(&mut self, line: usize, text: &str) {
        self.pending_headings.push((line, text.to_string()));
    }

    /// Ends the draft. Headings and notes that no item followed become document notes.
    pub fn finish(&mut self) {
        let headings = std::mem::take(&mut self.pending_headings);
        let notes = std::mem::take(&mut self.pending_notes);
        for (line, text) in headings {
            self.response_note(
                &[(line, &text)],
                Note {
                    kind: NoteKind::Note,
                    marker: None,
                    number: None,
                    text: text.clone(),
                },
            );
        }
        for p in notes {
            let lines: Vec<(usize, &str)> = p.lines.iter().map(|(l, t)| (*l, t.as_str())).collect();
            self.response_note(&lines, p.note);
        }
    }
}
