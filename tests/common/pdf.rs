//! Small PDFs written for the tests with lopdf, so no fixture is a binary nobody can remake:
//! lines of text on A4 pages in Helvetica (a standard Type1 font, not embedded) with
//! WinAnsiEncoding, a page with no text, a scan with and without an OCR text layer, an
//! encrypted PDF, form XObjects nested, fanned out and drawing themselves.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};

/// Font size and line advance, in points. The advance is 1.2 times the size, as word
/// processors set it.
pub const FONT_SIZE: i64 = 10;
pub const LEADING: i64 = 12;
const TOP: i64 = 810;
const LEFT: i64 = 40;

/// A PDF with one page per entry of `pages`, each line drawn where a line of a printed page
/// sits: its own text object at the left margin, one line advance below the one before. A
/// line keeps its leading spaces (as characters, the way a text export shows them). A long
/// line runs off the right edge rather than wrapping: wrapping would change the text, and text
/// off the page is still in the text layer.
pub fn text_pdf(pages: &[Vec<String>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let font = helvetica(&mut doc);
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let contents = pages
        .iter()
        .map(|lines| {
            let mut ops = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                if line.is_empty() {
                    continue;
                }
                let y = TOP - LEADING * i as i64;
                ops.push(Operation::new("BT", vec![]));
                ops.push(Operation::new("Tf", vec!["F1".into(), FONT_SIZE.into()]));
                ops.push(Operation::new("Td", vec![LEFT.into(), y.into()]));
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::String(winansi(line), StringFormat::Literal)],
                ));
                ops.push(Operation::new("ET", vec![]));
            }
            Content { operations: ops }
        })
        .collect::<Vec<_>>();
    finish(doc, resources, contents)
}

/// A PDF of `pages` blank pages: no text operators at all, only a rectangle drawn.
pub fn blank_pdf(pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let resources = doc.add_object(dictionary! {});
    let contents = (0..pages)
        .map(|_| Content {
            operations: vec![
                Operation::new("re", vec![40.into(), 40.into(), 100.into(), 100.into()]),
                Operation::new("S", vec![]),
            ],
        })
        .collect();
    finish(doc, resources, contents)
}

/// A scan: one page that draws a 100x100 JPEG-filtered image over the whole page, with no
/// text, or with `ocr_text` drawn invisibly over it (text render mode 3), the way ocrmypdf
/// adds a text layer. The image bytes are a fixed pseudo-random run, as compressed image data
/// looks; this one is among those that make pdf-extract panic when it reads an image as page
/// content.
pub fn scan_pdf(ocr_text: Option<&str>) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let mut x: u64 = 79190;
    let jpeg: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 100,
            "Height" => 100,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
            "Filter" => "DCTDecode",
        },
        jpeg,
    ));
    let font = helvetica(&mut doc);
    let resources = doc.add_object(dictionary! {
        "XObject" => dictionary! { "Im1" => image },
        "Font" => dictionary! { "F1" => font },
    });
    let full_page = vec![
        595.into(),
        0.into(),
        0.into(),
        842.into(),
        0.into(),
        0.into(),
    ];
    let mut operations = vec![
        Operation::new("q", vec![]),
        Operation::new("cm", full_page),
        Operation::new("Do", vec!["Im1".into()]),
        Operation::new("Q", vec![]),
    ];
    if let Some(text) = ocr_text {
        operations.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tr", vec![3.into()]),
            Operation::new("Tf", vec!["F1".into(), FONT_SIZE.into()]),
            Operation::new("Td", vec![LEFT.into(), TOP.into()]),
            Operation::new(
                "Tj",
                vec![Object::String(winansi(text), StringFormat::Literal)],
            ),
            Operation::new("ET", vec![]),
        ]);
    }
    finish(doc, resources, vec![Content { operations }])
}

/// A one-page PDF whose page draws form 1; form i draws form i + 1 `fan_out` times, and the
/// last of `depth` forms shows `text`.
pub fn nested_forms_pdf(depth: usize, fan_out: usize, text: &str) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let font = helvetica(&mut doc);
    let show = format!("BT /F1 {FONT_SIZE} Tf {LEFT} {TOP} Td ({text}) Tj ET");
    let mut next = doc.add_object(form(
        dictionary! { "Font" => dictionary! { "F1" => font } },
        show.into_bytes(),
    ));
    for _ in 1..depth {
        next = doc.add_object(form(
            dictionary! { "XObject" => dictionary! { "Next" => next } },
            "/Next Do ".repeat(fan_out).into_bytes(),
        ));
    }
    let resources = doc.add_object(dictionary! { "XObject" => dictionary! { "Fm1" => next } });
    let content = Content {
        operations: vec![Operation::new("Do", vec!["Fm1".into()])],
    };
    finish(doc, resources, vec![content])
}

/// A one-page PDF whose form has no resources of its own and draws `Fm1`: with its caller's
/// resources, that is itself.
pub fn self_drawing_form_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let mut stamp = form(dictionary! {}, b"0 0 10 10 re S /Fm1 Do".to_vec());
    stamp.dict.remove(b"Resources");
    let stamp = doc.add_object(stamp);
    let resources = doc.add_object(dictionary! { "XObject" => dictionary! { "Fm1" => stamp } });
    let content = Content {
        operations: vec![Operation::new("Do", vec!["Fm1".into()])],
    };
    finish(doc, resources, vec![content])
}

fn form(resources: lopdf::Dictionary, content: Vec<u8>) -> Stream {
    Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => resources,
        },
        content,
    )
}

/// `text_pdf(pages)`, encrypted with RC4 (the V2 handler) and this user password.
pub fn encrypted_pdf(pages: &[Vec<String>], user_password: &str) -> Vec<u8> {
    let mut doc = Document::load_mem(&text_pdf(pages)).expect("reload");
    // The handler mixes the file identifier into the key, so the file needs one.
    let id = Object::String(b"msq-test-file-id".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let version = lopdf::encryption::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::encryption::Permissions::all(),
    };
    let state = lopdf::encryption::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypt");
    save(&mut doc)
}

fn helvetica(doc: &mut Document) -> lopdf::ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    })
}

fn finish(mut doc: Document, resources: lopdf::ObjectId, contents: Vec<Content>) -> Vec<u8> {
    let pages_id = doc.new_object_id();
    let kids: Vec<Object> = contents
        .into_iter()
        .map(|content| {
            let stream = doc.add_object(Stream::new(
                dictionary! {},
                content.encode().expect("encode content"),
            ));
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => stream,
            })
            .into()
        })
        .collect();
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    save(&mut doc)
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write PDF");
    out
}

/// The WinAnsiEncoding bytes of `s`; a character it has no code for becomes `?`.
pub fn winansi(s: &str) -> Vec<u8> {
    s.chars().map(|c| winansi_code(c).unwrap_or(b'?')).collect()
}

/// `s` with every character WinAnsiEncoding cannot carry replaced by `?`: the text a PDF made
/// by [`text_pdf`] holds.
pub fn winansi_only(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => c,
            c if winansi_code(c).is_some() => c,
            _ => '?',
        })
        .collect()
}

fn winansi_code(c: char) -> Option<u8> {
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    match c as u32 {
        0x20..=0x7E | 0xA0..=0xFF => Some(c as u8),
        _ => HIGH.iter().find(|(h, _)| *h == c).map(|(_, b)| *b),
    }
}
