//! The binary index: what `index build` writes unless told `--format json`, and the form the
//! built-in index is compiled in. It loads without parsing text: the responses decode from
//! postcard, and the search engine's folded haystack and records are stored beside them, so
//! nothing is folded at start.
//!
//! Layout, integers little-endian:
//!
//! ```text
//! magic       8 bytes   \x89 M S Q I D X \n   (the \x89 and \n catch a text-mode copy)
//! schema      u32       model::SCHEMA_VERSION
//! engine      u32       search::stored::fingerprint() of the msq that wrote it
//! count       u32       the number of sections
//! sections    count x { tag: 4 bytes, offset: u64, length: u64, crc32: u32 }
//! header crc  u32       CRC-32 of every header byte before it
//! ```
//!
//! then the sections where the table says: `RESP` the responses (each a u32 length and its
//! postcard bytes, so they decode on both cores), `SCOR` the index's EGDI editions (postcard),
//! `RECS` the search records (postcard) and `HAYS` the folded haystack (UTF-8). Every section's
//! checksum is checked before the section is used (the search text's once the responses are
//! decoded, so the two are not in memory at once), and every decoded value is validated as a
//! JSON index is, so a damaged or foreign file gets a one-line error and never a panic.

use super::IndexError;
use crate::egdi::Edition;
use crate::model::{Index, Response, SCHEMA_VERSION};
use crate::search::{Engine, Text};
use rayon::prelude::*;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// The first bytes of every binary index.
pub const MAGIC: &[u8; 8] = b"\x89MSQIDX\n";

/// The file name extension `index build` gives a binary index.
pub const EXTENSION: &str = "msq";

const RESPONSES: [u8; 4] = *b"RESP";
const SCORES: [u8; 4] = *b"SCOR";
const RECORDS: [u8; 4] = *b"RECS";
const HAYSTACK: [u8; 4] = *b"HAYS";

/// Bytes of a header before its section table: magic, schema, engine, count.
const FIXED: usize = 8 + 4 + 4 + 4;
/// Bytes of one entry of the section table.
const ENTRY: usize = 4 + 8 + 8 + 4;

fn section_name(tag: [u8; 4]) -> &'static str {
    match tag {
        RESPONSES => "responses",
        SCORES => "EGDI figures",
        RECORDS => "search records",
        HAYSTACK => "search text",
        _ => "unknown",
    }
}

/// An index in the binary form, with its search engine's data. Deterministic: the same index
/// gives the same bytes.
pub fn encode(index: &Index, engine: &Engine) -> Vec<u8> {
    let mut responses = Vec::new();
    for r in &index.responses {
        let bytes = postcard::to_stdvec(r).unwrap_or_default();
        responses.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        responses.extend_from_slice(&bytes);
    }
    let sections: [([u8; 4], Cow<[u8]>); 4] = [
        (
            SCORES,
            Cow::Owned(postcard::to_stdvec(&index.scores).unwrap_or_default()),
        ),
        (RESPONSES, Cow::Owned(responses)),
        (RECORDS, Cow::Owned(engine.encode_records())),
        (HAYSTACK, Cow::Borrowed(engine.haystack().as_bytes())),
    ];
    let header_len = FIXED + ENTRY * sections.len() + 4;
    let mut out =
        Vec::with_capacity(header_len + sections.iter().map(|s| s.1.len()).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
    out.extend_from_slice(&crate::search::stored_fingerprint().to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let mut offset = header_len as u64;
    for (tag, bytes) in &sections {
        out.extend_from_slice(tag);
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(bytes).to_le_bytes());
        offset += bytes.len() as u64;
    }
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    for (_, bytes) in &sections {
        out.extend_from_slice(bytes);
    }
    out
}

/// A binary index's bytes: compiled in, or a file mapped into memory (read whole where it
/// cannot be mapped). Shared, so the search engine's part can be made an engine later, off the
/// UI thread, from the same bytes that were checked.
#[derive(Clone)]
pub enum Bytes {
    Static(&'static [u8]),
    Mapped(Arc<memmap2::Mmap>),
    Read(Arc<Vec<u8>>),
}

impl Bytes {
    /// The file's bytes, mapped. msq itself never changes an index file in place (it writes a
    /// new one and renames it over), so the mapping holds what was checked. `head` is what has
    /// been read of the file already: where it cannot be mapped (a pipe), the rest is read
    /// after it.
    pub fn file(mut file: std::fs::File, head: Vec<u8>) -> std::io::Result<Bytes> {
        // SAFETY: the map is read-only; a file truncated or rewritten in place by another
        // program while msq runs is the one hazard of any mapped file, and msq's own writes
        // never do that.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(map) => Ok(Bytes::Mapped(Arc::new(map))),
            Err(_) => {
                let mut bytes = head;
                std::io::Read::read_to_end(&mut file, &mut bytes)?;
                Ok(Bytes::Read(Arc::new(bytes)))
            }
        }
    }

    /// Tells the system that `range` will not be read again, so its pages no longer count as
    /// msq's memory (they stay in the page cache, and a read would bring them back).
    fn release(&self, range: Range<usize>) {
        #[cfg(unix)]
        if let Bytes::Mapped(map) = self {
            // SAFETY: the map is shared and read-only: dropped pages are read again from the
            // file if touched, so nothing that borrows them can see other bytes.
            let _ = unsafe {
                map.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    range.start,
                    range.len(),
                )
            };
        }
        let _ = range;
    }

    pub fn all(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Mapped(m) => m,
            Bytes::Read(v) => v,
        }
    }
}

/// A binary index's search data, checked against its checksums, not yet made an engine: that
/// is left to [`StoredEngine::engine`], so a browser draws its first frame without waiting
/// for it.
pub struct StoredEngine {
    bytes: Bytes,
    records: Range<usize>,
    haystack: Range<usize>,
}

impl StoredEngine {
    /// The engine, checked against the index it came with; the error says what does not fit.
    pub fn engine(&self, index: &Index) -> Result<Engine, String> {
        let haystack = Text::stored(self.bytes.clone(), self.haystack.clone())
            .map_err(|e| format!("its search text is not UTF-8 ({e})"))?;
        let engine = Engine::from_stored(index, haystack, &self.bytes.all()[self.records.clone()]);
        self.bytes.release(self.records.clone());
        engine
    }
}

struct Entry {
    tag: [u8; 4],
    offset: u64,
    len: u64,
    crc: u32,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut v = [0; 4];
    v.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(v)
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut v = [0; 8];
    v.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(v)
}

/// Reads a binary index: the header, every section checked against its checksum, then the
/// responses decoded and validated. The search data comes back checked but not decoded; it is
/// `None` when the file's was written by an msq that builds other records, and the engine is
/// then built afresh. `name` is the file as errors show it.
pub fn decode(bytes: Bytes, name: &str) -> Result<(Index, Option<StoredEngine>), IndexError> {
    let invalid = |reason: String| IndexError::Invalid {
        path: name.to_string(),
        reason,
    };
    let all = bytes.all();
    let size = all.len() as u64;
    let truncated = |needed: u64| IndexError::TruncatedBinary {
        path: name.to_string(),
        size,
        needed,
    };
    let signature = &all[..all.len().min(MAGIC.len())];
    if signature.is_empty() || !MAGIC.starts_with(signature) {
        return Err(invalid(
            "it does not start as a binary msq index does".into(),
        ));
    }
    if all.len() < FIXED + 4 {
        return Err(truncated((FIXED + 4) as u64));
    }
    // The schema first: its place is the same in every schema's header.
    let schema = u32_at(all, 8);
    if schema != SCHEMA_VERSION {
        return Err(IndexError::Schema {
            path: name.to_string(),
            found: u64::from(schema),
            expected: SCHEMA_VERSION,
        });
    }
    let count = u32_at(all, 16) as usize;
    if count > 64 {
        return Err(invalid(format!(
            "its header is damaged (it counts {count} sections)"
        )));
    }
    let header_len = FIXED + ENTRY * count + 4;
    if all.len() < header_len {
        return Err(truncated(header_len as u64));
    }
    let body = header_len - 4;
    if crc32fast::hash(&all[..body]) != u32_at(all, body) {
        return Err(invalid(
            "its header is damaged (its checksum does not match); rebuild it with `msq index build`"
                .into(),
        ));
    }
    let engine_print = u32_at(all, 12);
    let entries: Vec<Entry> = (0..count)
        .map(|k| {
            let at = FIXED + k * ENTRY;
            let mut tag = [0; 4];
            tag.copy_from_slice(&all[at..at + 4]);
            Entry {
                tag,
                offset: u64_at(all, at + 4),
                len: u64_at(all, at + 12),
                crc: u32_at(all, at + 20),
            }
        })
        .collect();
    let end = entries
        .iter()
        .map(|e| e.offset.saturating_add(e.len))
        .max()
        .unwrap_or(header_len as u64);
    if end > size {
        return Err(truncated(end));
    }
    let range = |tag| section(&entries, tag).map_err(invalid);
    let crc = |tag| entries.iter().find(|e| e.tag == tag).map(|e| e.crc);
    let (scores, responses, records, haystack) = (
        range(SCORES)?,
        range(RESPONSES)?,
        range(RECORDS)?,
        range(HAYSTACK)?,
    );
    // Every checksum is checked before its section is used: a damaged file is refused whole,
    // whatever the command needs of it. The search text is checked once the responses are
    // decoded and their bytes let go, so that the two are not in memory at once.
    let check = |sections: &[([u8; 4], &Range<usize>)]| {
        let damaged = sections
            .par_iter()
            .find_first(|(tag, r)| crc(*tag) != Some(crc32fast::hash(&all[(*r).clone()])))
            .map(|(tag, _)| *tag);
        match damaged {
            Some(tag) => Err(invalid(format!(
                "its {} section is damaged (its checksum does not match); rebuild it with `msq index build`",
                section_name(tag)
            ))),
            None => Ok(()),
        }
    };
    check(&[
        (SCORES, &scores),
        (RESPONSES, &responses),
        (RECORDS, &records),
    ])?;
    let decoded = decode_responses(&all[responses.clone()], &all[scores.clone()]);
    bytes.release(scores);
    bytes.release(responses);
    let (responses, scores) = decoded.map_err(invalid)?;
    check(&[(HAYSTACK, &haystack)])?;
    let mut index = Index {
        schema,
        responses,
        scores,
    };
    super::validate(&index).map_err(invalid)?;
    if !crate::model::responses_sorted(&index.responses)
        || engine_print != crate::search::stored_fingerprint()
    {
        // Another msq's search data, or responses in another order: the engine is built anew.
        crate::model::sort_responses(&mut index.responses);
        return Ok((index, None));
    }
    Ok((
        index,
        Some(StoredEngine {
            bytes: bytes.clone(),
            records,
            haystack,
        }),
    ))
}

/// Where a section's bytes are. The table has been checked to end inside the file.
fn section(entries: &[Entry], tag: [u8; 4]) -> Result<Range<usize>, String> {
    let e = entries
        .iter()
        .find(|e| e.tag == tag)
        .ok_or_else(|| format!("it has no {} section", section_name(tag)))?;
    Ok(e.offset as usize..(e.offset + e.len) as usize)
}

/// A whole postcard value: bytes left over mean the section is not what this msq wrote.
fn whole<'de, T: serde::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, String> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Ok(value),
        Ok((_, rest)) => Err(format!("{} bytes left over", rest.len())),
        Err(e) => Err(e.to_string()),
    }
}

/// The responses, each decoded on whichever core is free, and the EGDI editions.
fn decode_responses(
    responses: &[u8],
    scores: &[u8],
) -> Result<(Vec<Response>, Vec<Edition>), String> {
    let mut pieces = Vec::new();
    let mut at = 0;
    while at < responses.len() {
        if responses.len() - at < 4 {
            return Err("its responses section ends inside a length".into());
        }
        let len = u32_at(responses, at) as usize;
        at += 4;
        let piece = responses
            .get(at..at.saturating_add(len))
            .ok_or("its responses section ends inside a response")?;
        pieces.push(piece);
        at += len;
    }
    let responses = pieces
        .par_iter()
        .enumerate()
        .map(|(k, piece)| {
            whole::<Response>(piece)
                .map_err(|e| format!("response {} of its responses section: {e}", k + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let scores: Vec<Edition> = whole(scores).map_err(|e| format!("its EGDI figures: {e}"))?;
    Ok((responses, scores))
}
