//! What a parse promises, checked. Each format says what a document of it holds (a known form's
//! questions, a checklist's options, a presentation's questions); a parse that falls short is
//! not refused but says so, in a warning that names what is missing. These checks are shared;
//! each format module runs the ones that fit it (`FormatParser::check`).

use super::trace::{Part, Place, Trace};
use crate::model::{Item, Response};

/// "3, 57–60, 101": numbers as short ranges, at most `limit` of them.
pub fn ranges(numbers: &[u32], limit: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < numbers.len() {
        let start = numbers[k];
        let mut end = start;
        while k + 1 < numbers.len() && numbers[k + 1] == end + 1 {
            k += 1;
            end = numbers[k];
        }
        parts.push(if end == start {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        k += 1;
    }
    let more = parts.len().saturating_sub(limit);
    parts.truncate(limit);
    let mut out = parts.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

/// The form's questions `expected` that no item carries: a warning, or none.
pub fn missing_questions(found: &[u32], expected: u32, what: &str) -> Option<String> {
    let missing: Vec<u32> = (1..=expected).filter(|n| !found.contains(n)).collect();
    (!missing.is_empty()).then(|| {
        format!(
            "{} of the {what}'s {expected} questions found; missing: {}",
            expected as usize - missing.len(),
            ranges(&missing, 8)
        )
    })
}

/// Numbered items that come after a higher number in the same section.
pub fn out_of_sequence(r: &Response) -> Option<String> {
    let mut slips = Vec::new();
    for s in &r.sections {
        let mut last: Option<u32> = None;
        for item in s.items.iter().filter(|i| i.parent.is_none()) {
            let Ok(n) = item.number.parse::<u32>() else {
                continue;
            };
            if let Some(l) = last
                && n <= l
            {
                slips.push(format!("{n} after {l}"));
            }
            last = Some(n);
        }
    }
    (!slips.is_empty()).then(|| {
        format!(
            "question numbers out of sequence: {}; the document may be out of order, or a parse went wrong",
            slips.join(", ")
        )
    })
}

/// True when at least one of the item's options was printed in the source (and so is in the
/// trace), not only supplied from the form.
pub fn options_printed(item: &Item, trace: &Trace) -> bool {
    trace.iter().any(
        |e| matches!(&e.place, Place::Item { item: id, part: Part::Option(_) } if *id == item.id),
    )
}

/// The numbers of the top-level items, for [`missing_questions`].
pub fn question_numbers<'a>(items: impl Iterator<Item = &'a Item>) -> Vec<u32> {
    items
        .filter(|i| i.parent.is_none())
        .filter_map(|i| i.number.parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_short() {
        assert_eq!(ranges(&[3, 57, 58, 59, 60, 101], 8), "3, 57–60, 101");
        assert_eq!(ranges(&[1, 3, 5, 7], 2), "1, 3 and 2 more");
        assert_eq!(ranges(&[], 3), "");
    }

    #[test]
    fn missing_questions_are_named() {
        assert_eq!(missing_questions(&[1, 2, 3], 3, "form"), None);
        assert_eq!(
            missing_questions(&[1, 3], 4, "2022 form").as_deref(),
            Some("2 of the 2022 form's 4 questions found; missing: 2, 4")
        );
    }
}
