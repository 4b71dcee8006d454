//! msq: a terminal browser for the answers UN member states give to the E-Government Survey's
//! Member States Questionnaire.
//!
//! - [`model`]: the serde types of the index (responses, sections, items, contacts);
//! - [`ingest`]: source documents to responses (a PDF's text layer, format detection,
//!   normaliser, one parser per format);
//! - [`countries`]: the 193 UN member states and their ISO codes;
//! - [`egdi`]: the published EGDI figures, compiled in, and the reader for an analyst's own;
//! - [`index`]: load the embedded or a user's index (msq's binary form, with the search engine's
//!   data stored beside the responses, or JSON), validate it, build one, write it atomically;
//! - [`topics`]: which item of which edition answers which topic;
//! - [`sanitize`]: the one gate between document text and a terminal or clipboard;
//! - [`browser`]: opening links safely;
//! - [`cli`]: the non-interactive commands, the only module that prints;
//! - [`tui`]: the full-screen browser.

pub mod browser;
pub mod cli;
pub mod compare;
pub mod countries;
pub mod egdi;
pub mod index;
pub mod ingest;
pub mod model;
pub mod sanitize;
pub mod search;
pub mod topics;
pub mod tui;

/// Sets up the system allocator for msq's one heavy moment, decoding an index: some 400,000
/// strings for a world-scale one. glibc grows its heap 128 KiB at a time, so every new page is
/// a page fault; grown 64 MiB at a time, the heap can be backed by huge pages where the system
/// offers them, and decoding a world-scale index takes about a fifth less time (a whole `msq
/// search` 63-68 ms -> 51-56 ms, peak RSS unchanged at 45 MB: pages count only once touched).
/// Called first thing by `main` and by the benchmarks.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of glibc's allocator; it is called before
    // any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}
