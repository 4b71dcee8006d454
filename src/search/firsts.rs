//! Where each ASCII letter and digit first occurs in each record, and the tier and cheap score
//! a match there has: a search for one letter ("m", the first keystroke of most queries) finds nearly every
//! record, and weighing each by its first match would read the start of every record's text.
//! This reads 4 bytes a record instead, in order.
//!
//! 36 entries a record (144 bytes): about 4.4 MB at 193 states x 3 documents and 13 MB at three
//! times that. Built from the folded haystack in one pass, after the first frame (see
//! [`super::Engine::prepare`]); a search before it is built scans, and finds the same.

/// Letters a-z and digits 0-9.
const CLASSES: usize = 36;
/// Records to a block: a block holds each class's entries for its records side by side, so
/// one class's entries for all records are a few thousand runs of 4 KB.
const BLOCK: usize = 1024;
/// An entry's position part when the position is too far into its record to hold.
const FAR: u32 = 0xFFFF;
/// Where a first place that an entry holds as [`FAR`] is at or past.
pub(super) const FAR_FROM: usize = FAR as usize - 1;
/// The most an entry's score part holds.
const MOST: i64 = 0x3FFF;

/// The class of a byte of folded text that is an ASCII letter (lower case) or digit.
pub(super) fn class(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some((b - b'a') as usize),
        b'0'..=b'9' => Some(26 + (b - b'0') as usize),
        _ => None,
    }
}

#[derive(Debug)]
pub(super) struct Firsts {
    /// Per block of [`BLOCK`] records, per class, per record: 0 where the record lacks the
    /// class's byte; else its tier (2 bits), its cheap score (14 bits) and its position plus
    /// one (16 bits, or [`FAR`]), from the top bit down.
    entries: Vec<u32>,
}

impl Firsts {
    /// From the haystack, whose record `r` ends (at its NUL) at `ends[r]`; `weigh` gives the
    /// tier (0 to 3) and cheap score (0 to [`MOST`]) of record `r`, its text and the first
    /// place in it of a letter or digit. `None` if `weigh` gives what an entry cannot hold:
    /// then there is no table, and searches scan.
    ///
    /// Built on the calling thread alone, not on the pool the searches run on: a search typed
    /// while it is built would otherwise wait behind it.
    pub(super) fn build(
        hay: &[u8],
        ends: &[usize],
        weigh: impl Fn(usize, &[u8], usize) -> (u8, i64),
    ) -> Option<Firsts> {
        let mut entries = vec![0u32; ends.len().div_ceil(BLOCK) * BLOCK * CLASSES];
        for (b, block) in entries.chunks_mut(BLOCK * CLASSES).enumerate() {
            for r in b * BLOCK..((b + 1) * BLOCK).min(ends.len()) {
                let text = &hay[super::record_start(ends, r)..ends[r]];
                let mut seen = 0u64;
                for (pos, &byte) in text.iter().enumerate() {
                    let Some(c) = class(byte) else {
                        continue;
                    };
                    if seen & (1 << c) != 0 {
                        continue;
                    }
                    seen |= 1 << c;
                    let (tier, cheap) = weigh(r, text, pos);
                    if tier > 3 || !(0..=MOST).contains(&cheap) {
                        return None;
                    }
                    let at = u32::try_from(pos + 1).map_or(FAR, |p| p.min(FAR));
                    block[c * BLOCK + r % BLOCK] =
                        u32::from(tier) << 30 | (cheap as u32) << 16 | at;
                    if seen == (1 << CLASSES) - 1 {
                        break;
                    }
                }
            }
        }
        Some(Firsts { entries })
    }

    /// Record `r`'s first occurrence of class `c`: its tier and cheap score, and its position
    /// if it is near enough the record's start to be held (else `None`: find it in the text).
    #[inline]
    pub(super) fn at(&self, c: usize, r: usize) -> Option<(u8, i64, Option<usize>)> {
        let e = self.entries[(r / BLOCK) * BLOCK * CLASSES + c * BLOCK + r % BLOCK];
        (e != 0).then(|| {
            let at = e & FAR;
            (
                (e >> 30) as u8,
                i64::from(e >> 16 & MOST as u32),
                (at != FAR).then(|| at as usize - 1),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_is_the_first_occurrence_and_its_score() {
        let mut texts: Vec<String> = (0..2500)
            .map(|i| format!("r{i} e-government — données {}", i % 7))
            .collect();
        texts[3] = String::new();
        texts[4] = "x".repeat(70_000) + "q";
        let mut hay = Vec::new();
        let mut ends = Vec::new();
        for t in &texts {
            hay.extend_from_slice(t.as_bytes());
            ends.push(hay.len());
            hay.push(0);
        }
        let weigh =
            |r: usize, text: &[u8], pos: usize| ((text[pos] % 4), (r % 100 + pos % 9000) as i64);
        let firsts = Firsts::build(&hay, &ends, weigh).unwrap();
        for (r, t) in texts.iter().enumerate() {
            for b in (b'a'..=b'z').chain(b'0'..=b'9') {
                let c = class(b).unwrap();
                let want = t.bytes().position(|x| x == b).map(|pos| {
                    let held = (pos < FAR_FROM).then_some(pos);
                    let (tier, cheap) = weigh(r, t.as_bytes(), pos);
                    (tier, cheap, held)
                });
                assert_eq!(firsts.at(c, r), want, "record {r}, {:?}", b as char);
            }
        }
        // A value an entry cannot hold: no table, never a wrong one.
        assert!(Firsts::build(&hay, &ends, |_, _, _| (4, 0)).is_none());
        assert!(Firsts::build(&hay, &ends, |_, _, pos| (0, pos as i64 * 100)).is_none());
        assert_eq!(class(b'A'), None);
        assert_eq!(class(b'-'), None);
    }
}
