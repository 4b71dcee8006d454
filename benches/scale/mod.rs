//! The scale corpus, for development only: 193 member states x 3 editions (a 2022 web-form
//! export, a 2020 OCR'd form, a 2024 presentation), written as real-format source documents
//! from the five real ones. Each copy gets its own country (every mention of the template's
//! country is swapped) and its own answers: words of answer lines are swapped for words drawn
//! from the real corpus's vocabulary, so no two documents are the same. Structural lines
//! (numbers, headings, options, checkbox glyphs, field labels) are left alone, so each copy parses
//! the way a real one would. The documents are then indexed through the normal build path.

use msq::countries::MEMBER_STATES;
use std::path::{Path, PathBuf};

/// Bump when the generator changes, so cached corpora are rebuilt.
const VERSION: u32 = 3;

/// A small deterministic generator (xorshift64*), so each shard is reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Template {
    text: String,
    /// The country whose mentions are swapped.
    country: &'static str,
    /// The file name's suffix: the format.
    file: &'static str,
}

fn raw(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/raw")
        .join(name);
    std::fs::read_to_string(path).expect("data/raw")
}

/// Lines a parser reads structure from: they stay as they are.
fn structural(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() < 3 {
        return true;
    }
    let first = t.split_whitespace().next().unwrap_or("");
    let numbered = first
        .trim_end_matches('.')
        .chars()
        .all(|c| c.is_ascii_digit())
        || (first.len() <= 5
            && first.ends_with('.')
            && first[..first.len() - 1]
                .chars()
                .all(|c| "IVXl|abcdefghi".contains(c)));
    numbered
        || t.starts_with(['[', '(', ']', '<', 'X', 'O', '0', '•', '-', '□', '"', '®'])
        || t.contains(':') && t.len() < 60
        || t.ends_with('*')
        || t.split_whitespace().count() <= 4
}

/// The words of the real corpus's answers: lowercase, four letters or more.
fn vocabulary(texts: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split_whitespace())
        .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Swaps about one answer word in five for a word of the vocabulary.
fn perturb(line: &str, vocab: &[String], rng: &mut Rng) -> String {
    let lead = &line[..line.len() - line.trim_start().len()];
    let mut out = String::from(lead);
    for (k, word) in line.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let swappable = word.len() >= 4 && word.chars().all(|c| c.is_ascii_lowercase());
        if swappable && rng.below(5) == 0 {
            out.push_str(&vocab[rng.below(vocab.len())]);
        } else {
            out.push_str(word);
        }
    }
    out
}

fn copy(template: &Template, country: &str, vocab: &[String], rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.text.len() + 256);
    for line in template.text.split('\n') {
        let line = line.replace(template.country, country);
        if structural(&line) {
            out.push_str(&line);
        } else {
            out.push_str(&perturb(&line, vocab, rng));
        }
        out.push('\n');
    }
    out
}

/// Where the corpus of a shard lives, and its index.
pub struct Shard {
    /// The generated source documents, for benchmarks that read them.
    #[allow(dead_code)]
    pub docs: PathBuf,
    pub index: PathBuf,
}

/// Writes (once) and indexes shard `n` of the scale corpus under `root`. Shards differ by seed.
pub fn shard(root: &Path, n: u64) -> Shard {
    let dir = root.join(format!("scale-v{VERSION}-shard{n}"));
    let docs = dir.join("docs");
    let index = dir.join("index.json");
    if index.exists() {
        return Shard { docs, index };
    }
    std::fs::create_dir_all(&docs).expect("create the scale corpus folder");
    let templates = [
        Template {
            text: raw("001_ff75762e77a5ac0a.txt"),
            country: "Azerbaijan",
            file: "webform",
        },
        Template {
            text: raw("002_8a58f0414918ea8e.txt"),
            country: "Mongolia",
            file: "webform",
        },
        Template {
            text: raw("004_0ada68915f513ab8.txt"),
            country: "Cambodia",
            file: "webform",
        },
        Template {
            text: raw("000_d88edaa741e33b1a.txt"),
            country: "Tajikistan",
            file: "ocr",
        },
        Template {
            text: raw("003_da17d227fd5f9783.txt"),
            country: "Uzbekistan",
            file: "slides",
        },
    ];
    let texts: Vec<&str> = templates.iter().map(|t| t.text.as_str()).collect();
    let vocab = vocabulary(&texts);
    let mut rng = Rng::new(n);
    for (i, c) in MEMBER_STATES.iter().enumerate() {
        let picks = [&templates[i % 3], &templates[3], &templates[4]];
        for t in picks {
            let text = copy(t, c.name, &vocab, &mut rng);
            let name = format!("{}_{}.txt", c.iso3.to_lowercase(), t.file);
            std::fs::write(docs.join(name), text).expect("write a scale document");
        }
    }
    let (built, _) = msq::index::build(
        std::slice::from_ref(&docs),
        &msq::ingest::Options::default(),
    )
    .unwrap_or_else(|e| panic!("the scale corpus does not index: {e}"));
    msq::index::write_atomic(&index, msq::index::to_json(&built).as_bytes())
        .expect("write the index");
    Shard { docs, index }
}
