//! The engine's data as a binary index stores it (see [`crate::index::binary`]): the folded
//! haystack and the records, so that a stored index is searchable at start without folding a
//! byte. What is stored depends on this code (folding, the record layout, the topic table), so a
//! binary index carries [`fingerprint`]; one written by an msq that builds other records has
//! them rebuilt at load, never used.

use super::{Engine, Record, Source, response_records};
use crate::index::binary::Bytes;
use crate::model::Index;
use std::ops::{Deref, Range};
use std::sync::OnceLock;

/// The folded haystack: built in memory, or a binary index's stored one, used where it lies.
pub enum Text {
    Built(String),
    /// `range` of a binary index's bytes, checked to be UTF-8 when it was made.
    Stored {
        bytes: Bytes,
        range: Range<usize>,
    },
}

impl Text {
    /// `range` of `bytes` as the haystack; the error says where it is not UTF-8.
    pub fn stored(bytes: Bytes, range: Range<usize>) -> Result<Text, std::str::Utf8Error> {
        std::str::from_utf8(&bytes.all()[range.clone()])?;
        Ok(Text::Stored { bytes, range })
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Built(s) => s,
            // SAFETY: the range was checked to be UTF-8 when the text was made, and the bytes do
            // not change: compiled in, read into memory, or a read-only map of a file that msq
            // never rewrites in place (it writes a new file and renames it over).
            Text::Stored { bytes, range } => unsafe {
                std::str::from_utf8_unchecked(&bytes.all()[range.clone()])
            },
        }
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Text({} bytes)", self.len())
    }
}

/// The version of the stored search data. Bump it when folding, [`Record`] or what a record
/// holds changes; the topic table is part of [`fingerprint`] on its own.
pub const ENGINE_VERSION: u32 = 2;

/// [`ENGINE_VERSION`] and the topic table, as one number a binary index stores: stored records
/// are used only by an msq with the same fingerprint.
pub fn fingerprint() -> u32 {
    static PRINT: OnceLock<u32> = OnceLock::new();
    *PRINT.get_or_init(|| {
        let mut h = crc32fast::Hasher::new();
        h.update(&ENGINE_VERSION.to_le_bytes());
        h.update(format!("{:?}", crate::topics::TOPICS).as_bytes());
        h.finalize()
    })
}

impl Engine {
    /// The records, as a binary index stores them.
    pub fn encode_records(&self) -> Vec<u8> {
        postcard::to_stdvec(&self.records).unwrap_or_default()
    }

    /// The engine from a binary index's stored haystack and records, checked against the
    /// index they came with: each record in order, inside the haystack, on character
    /// boundaries, naming an item or contact block the index has, every response's records
    /// there; and the first and last responses' records the same as a rebuild gives. The error
    /// says what does not fit.
    pub fn from_stored(index: &Index, haystack: Text, records: &[u8]) -> Result<Engine, String> {
        let records: Vec<Record> = match postcard::take_from_bytes(records) {
            Ok((records, [])) => records,
            Ok(_) => return Err("its search records run on past their end".into()),
            Err(e) => return Err(format!("its search records: {e}")),
        };
        let engine = Engine::of(index, haystack, records);
        engine.check(index)?;
        Ok(engine)
    }

    fn check(&self, index: &Index) -> Result<(), String> {
        let hay = self.haystack.as_bytes();
        let mut next = 0;
        let mut k = 0;
        for (ri, r) in index.responses.iter().enumerate() {
            for source in response_records(r) {
                let Some(rec) = self.records.get(k) else {
                    return Err(format!(
                        "its search records end at {k}, before those of response {:?}",
                        r.id
                    ));
                };
                let fits = rec.response as usize == ri
                    && rec.source == source
                    && rec.start == next
                    && rec.start <= rec.end
                    && rec.end < hay.len()
                    && hay[rec.end] == 0
                    && rec.question_end <= rec.answer_end
                    && rec.answer_end <= rec.end - rec.start
                    && [
                        rec.start,
                        rec.end,
                        rec.start + rec.question_end,
                        rec.start + rec.answer_end,
                    ]
                    .iter()
                    .all(|&at| self.haystack.is_char_boundary(at));
                if !fits {
                    return Err(format!(
                        "search record {k} does not fit response {:?} ({})",
                        r.id,
                        match source {
                            Source::Item { section, item } => format!("item {section}.{item}"),
                            Source::Respondent => "respondent".into(),
                            Source::Cio => "CIO".into(),
                        }
                    ));
                }
                next = rec.end + 1;
                k += 1;
            }
        }
        if k != self.records.len() || next != hay.len() {
            return Err(format!(
                "its search data runs past its responses ({} records for {k})",
                self.records.len()
            ));
        }
        // What a rebuild gives for the first and the last response: stored data from another
        // build of the same fingerprint shows here.
        for ri in [0, index.responses.len().saturating_sub(1)] {
            let Some(r) = index.responses.get(ri) else {
                continue;
            };
            let fresh = Engine::new(&Index::new(vec![r.clone()]));
            let mine: Vec<&Record> = self
                .records
                .iter()
                .filter(|rec| rec.response as usize == ri)
                .collect();
            let offset = mine.first().map_or(0, |rec| rec.start);
            let same = mine.len() == fresh.records.len()
                && mine.iter().zip(&fresh.records).all(|(a, b)| {
                    let moved = Record {
                        response: ri as u32,
                        start: b.start + offset,
                        end: b.end + offset,
                        ..b.clone()
                    };
                    **a == moved && self.lower(a) == fresh.lower(b)
                });
            if !same {
                return Err(format!(
                    "its search data for {:?} differs from what this msq builds",
                    r.id
                ));
            }
        }
        Ok(())
    }
}
