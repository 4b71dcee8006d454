//! The text layer of a PDF, read with pdf-extract (on lopdf, both pure Rust) in its plain-text
//! layout: one page's text after another, each page after the first starting with a form feed
//! on its first line, as pdftotext prints it, so the normaliser sees the page breaks. This
//! module owns how a PDF can fail: no text layer (a scan), encrypted, damaged, forms that
//! would send the extractor into endless recursion, a text layer over the size limit, or a
//! panic inside the extractor, which becomes an error for that file instead of a crash.
//!
//! The layout is pdf-extract's: a line break where the text moves down, a blank line where it
//! moves down more than 1.5 font sizes (so a run of blank lines comes out as one), a space
//! where it skips right. A page boundary is such a gap, so pages are joined by a blank line.

use super::{IngestError, MAX_DOCUMENT_BYTES};
use pdf_extract::content::Content;
use pdf_extract::{
    ConvertToFmt, Dictionary, Document, MediaBox, Object, ObjectId, OutputDev, OutputError,
    PlainTextOutput, Transform,
};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

/// The text of every page of `bytes`: pages joined by a blank line, each after the first
/// starting with a form feed.
pub fn text_layer(bytes: &[u8]) -> Result<String, IngestError> {
    // Extraction time grows with the input, so the size limit bounds it.
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let text = quietly(|| extract(bytes)).map_err(IngestError::PdfPanicked)??;
    if text.chars().all(|c| c.is_whitespace() || c.is_control()) {
        return Err(IngestError::NoTextLayer);
    }
    Ok(text)
}

fn extract(bytes: &[u8]) -> Result<String, IngestError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| load_error(&e))?;
    // lopdf opens a PDF encrypted with an empty user password (one any viewer opens without
    // asking) and removes /Encrypt; a PDF that still has it needs a password msq does not have.
    if doc.is_encrypted() {
        return Err(IngestError::Encrypted);
    }
    if doc.get_pages().is_empty() {
        return Err(IngestError::Damaged("it has no pages".into()));
    }
    empty_images(&mut doc);
    check_forms(&doc)?;
    let text = Rc::new(RefCell::new(Capped::default()));
    let mut pages = Pages {
        text: Rc::clone(&text),
        page: PlainTextOutput::new(Shared(Rc::clone(&text))),
        page_start: 0,
        first: true,
    };
    let result = pdf_extract::output_doc(&doc, &mut pages);
    let text = std::mem::take(&mut *text.borrow_mut());
    match result {
        Ok(()) => Ok(text.text),
        Err(_) if text.over => Err(IngestError::TextLayerTooLarge {
            limit: MAX_DOCUMENT_BYTES,
        }),
        Err(OutputError::PdfError(e)) => Err(load_error(&e)),
        Err(e) => Err(IngestError::Damaged(one_line(&e.to_string()))),
    }
}

/// Empties every image. pdf-extract reads the bytes of an image a page draws (`Do`) as if
/// they were page content, and panics on some (one random image in twenty or so): a scan, or
/// a scan with an OCR text layer over it, would fail for no reason. No text is in an image.
fn empty_images(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Ok(stream) = object.as_stream_mut() {
            let is_image = stream
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|name| name == b"Image");
            if is_image {
                stream.set_plain_content(Vec::new());
            }
        }
    }
}

/// How deep form XObjects (content drawn by name, as a stamp or a page template is) may nest.
/// Real documents nest two or three; pdf-extract's recursion over a chain thousands deep
/// would overflow the stack.
const MAX_FORM_DEPTH: usize = 32;

/// How many times a document may draw forms in all. pdf-extract runs a form each time it is
/// drawn, so a form that draws the next one twice, 30 deep, is a billion runs from a few
/// hundred bytes; real documents draw one or a few forms a page.
const MAX_FORM_DRAWS: usize = 100_000;

/// Refuses forms that draw themselves (directly or through other forms), that nest deeper
/// than [`MAX_FORM_DEPTH`], or that are drawn more than [`MAX_FORM_DRAWS`] times. pdf-extract
/// recurses into each form without a limit, and a stack overflow aborts the process, which no
/// `catch_unwind` stops. Names resolve as pdf-extract resolves them: through the form's own
/// resources, or its caller's when it has none.
fn check_forms(doc: &Document) -> Result<(), IngestError> {
    if !doc.objects.values().any(is_form) {
        return Ok(());
    }
    let mut walk = FormWalk {
        doc,
        seen: HashMap::new(),
    };
    let mut draws = 0usize;
    for &page in doc.get_pages().values() {
        let (Ok(content), Some(resources)) =
            (doc.get_page_content(page), page_resources(doc, page))
        else {
            continue;
        };
        draws = draws.saturating_add(walk.content(&content, resources, 0)?.draws);
        if draws > MAX_FORM_DRAWS {
            return Err(IngestError::Damaged(format!(
                "it draws its form XObjects more than {MAX_FORM_DRAWS} times"
            )));
        }
    }
    Ok(())
}

fn is_form(o: &Object) -> bool {
    o.as_stream()
        .is_ok_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form"))
}

/// A page's resources, inherited from the page tree as pdf-extract looks them up.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..MAX_FORM_DEPTH {
        if let Ok(r) = node.get(b"Resources") {
            return doc.dereference(r).ok()?.1.as_dict().ok();
        }
        node = doc
            .get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}

/// The forms below some content: how deep they nest, and how many times they are drawn.
#[derive(Debug, Clone, Copy, Default)]
struct Nesting {
    height: usize,
    draws: usize,
}

/// Where the form walk has been: for a form drawn with some resources, its [`Nesting`], or
/// `None` while it is still being walked (so meeting it again is a cycle).
struct FormWalk<'a> {
    doc: &'a Document,
    seen: HashMap<(ObjectId, *const Dictionary), Option<Nesting>>,
}

impl<'a> FormWalk<'a> {
    /// The forms below `content`, which is drawn `depth` forms down.
    fn content(
        &mut self,
        content: &[u8],
        resources: &'a Dictionary,
        depth: usize,
    ) -> Result<Nesting, IngestError> {
        let too_deep = || {
            IngestError::Damaged(format!(
                "its form XObjects draw themselves or nest more than {MAX_FORM_DEPTH} deep"
            ))
        };
        if depth > MAX_FORM_DEPTH {
            return Err(too_deep());
        }
        // Content that does not decode is pdf-extract's to fail on, with a panic that is caught.
        let Ok(content) = Content::decode(content) else {
            return Ok(Nesting::default());
        };
        let xobjects = resources
            .get(b"XObject")
            .and_then(|x| self.doc.dereference(x))
            .and_then(|(_, x)| x.as_dict())
            .ok();
        let mut nesting = Nesting::default();
        for op in content.operations.iter().filter(|op| op.operator == "Do") {
            let Some(id) = op
                .operands
                .first()
                .and_then(|name| name.as_name().ok())
                .and_then(|name| xobjects?.get(name).ok()?.as_reference().ok())
            else {
                continue;
            };
            let Ok(object) = self.doc.get_object(id) else {
                continue;
            };
            let Ok(form) = object.as_stream() else {
                continue;
            };
            if !is_form(object) {
                continue;
            }
            let form_resources = form
                .dict
                .get(b"Resources")
                .and_then(|r| self.doc.dereference(r))
                .and_then(|(_, r)| r.as_dict())
                .unwrap_or(resources);
            let key = (id, std::ptr::from_ref(form_resources));
            let below = match self.seen.get(&key) {
                Some(Some(below)) => *below,
                Some(None) => return Err(too_deep()),
                None => {
                    self.seen.insert(key, None);
                    let bytes = form
                        .get_plain_content()
                        .unwrap_or_else(|_| form.content.clone());
                    let below = self.content(&bytes, form_resources, depth + 1)?;
                    self.seen.insert(key, Some(below));
                    below
                }
            };
            if depth + 1 + below.height > MAX_FORM_DEPTH {
                return Err(too_deep());
            }
            nesting.height = nesting.height.max(below.height + 1);
            nesting.draws = nesting.draws.saturating_add(below.draws).saturating_add(1);
            if nesting.draws > MAX_FORM_DRAWS {
                return Err(IngestError::Damaged(format!(
                    "it draws its form XObjects more than {MAX_FORM_DRAWS} times"
                )));
            }
        }
        Ok(nesting)
    }
}

fn load_error(e: &pdf_extract::Error) -> IngestError {
    match e {
        pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword => {
            IngestError::Encrypted
        }
        e => IngestError::Damaged(one_line(&e.to_string())),
    }
}

/// The first line of a parser's message, cut to a length that fits one line of a report.
fn one_line(message: &str) -> String {
    const MAX_CHARS: usize = 160;
    let line = message.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(MAX_CHARS) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line.to_string(),
    }
}

/// The extracted text, refused once it passes the size limit for one document: the writer
/// fails, which stops the extractor.
#[derive(Default)]
struct Capped {
    text: String,
    over: bool,
}

impl std::fmt::Write for Capped {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.text.len() + s.len() > MAX_DOCUMENT_BYTES {
            self.over = true;
            return Err(std::fmt::Error);
        }
        self.text.push_str(s);
        Ok(())
    }
}

/// The text, shared by the per-page writer and [`Pages`], which adds the page breaks.
struct Shared(Rc<RefCell<Capped>>);

impl std::fmt::Write for Shared {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().write_str(s)
    }
}

impl ConvertToFmt for Shared {
    type Writer = Shared;
    fn convert(self) -> Shared {
        self
    }
}

/// pdf-extract's plain-text layout, fresh for each page as its own per-page API does, with a
/// blank line and a form feed between pages. The layout starts a page with line breaks (it
/// measures the first line from the top edge) and may end one with spaces; those are dropped.
struct Pages {
    text: Rc<RefCell<Capped>>,
    page: PlainTextOutput<Shared>,
    page_start: usize,
    first: bool,
}

impl OutputDev for Pages {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        {
            let mut text = self.text.borrow_mut();
            if !self.first {
                text.write_str("\n\n\x0c")?;
            }
            self.page_start = text.text.len();
        }
        self.first = false;
        self.page = PlainTextOutput::new(Shared(Rc::clone(&self.text)));
        self.page.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.page.end_page()?;
        let mut text = self.text.borrow_mut();
        let page = text.text.split_off(self.page_start);
        text.text.push_str(page.trim_start_matches('\n').trim_end());
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.page
            .output_character(trm, width, spacing, font_size, char)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.page.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.page.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.page.end_line()
    }
}

thread_local! {
    /// This thread is extracting a PDF: a panic here becomes an error and is not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into its one-line message. pdf-extract panics on fonts and
/// streams it does not expect, and one odd PDF must not end a build of many documents.
///
/// The panic hook is not swapped for the call: the hook is global, so a swap would race with
/// other threads (the test harness runs many) and could silence their panics or leave the
/// swapped hook in place. Instead, one hook installed on first use wraps whatever hook was
/// there (the default, or the TUI's) and stays quiet only on a thread inside this call. A hook
/// installed later that does not chain to the previous one would print the panic; that is a
/// stray message, never a crash. This relies on panics unwinding, the default for this crate.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was_quiet));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        one_line(&message)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_later_panics_are_not_silenced() {
        let caught = quietly(|| -> u8 { panic!("missing width for 7\nand more") });
        assert_eq!(caught, Err("missing width for 7".to_string()));
        assert!(!QUIET.with(Cell::get));
        assert_eq!(quietly(|| 3), Ok(3));
    }

    #[test]
    fn long_messages_are_cut_to_one_line() {
        let long = "x".repeat(500);
        let cut = one_line(&format!("{long}\nsecond"));
        assert_eq!(cut.chars().count(), 163);
        assert!(cut.ends_with("..."));
    }
}
