//! `cargo bench --bench pdf`: time to read the text layer of a PDF made from the largest real
//! document (Mongolia's 2022 export, 611 lines on 13 pages), and the same document repeated to
//! 2x and 4x the pages, so time that grows linearly shows as ratios near 2 and 4.

#[path = "../tests/common/pdf.rs"]
#[allow(dead_code)]
mod pdf;

use msq::ingest::{self, Options};
use std::time::Instant;

fn pages(text: &str, copies: usize) -> Vec<Vec<String>> {
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let one: Vec<Vec<String>> = lines.chunks(50).map(<[String]>::to_vec).collect();
    std::iter::repeat_n(one, copies).flatten().collect()
}

/// Median milliseconds of `f` over 9 runs.
fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..9)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/raw/002_8a58f0414918ea8e.txt");
    let text = std::fs::read_to_string(path).expect("data/raw");
    let mut t1 = 0.0;
    for copies in [1, 2, 4] {
        let bytes = pdf::text_pdf(&pages(&text, copies));
        let t = median_ms(|| {
            std::hint::black_box(ingest::pdf::text_layer(&bytes).expect("text layer"));
        });
        if copies == 1 {
            t1 = t;
            let whole = median_ms(|| {
                std::hint::black_box(
                    ingest::parse("mng.pdf", &bytes, &Options::default()).expect("parse"),
                );
            });
            let from_text = median_ms(|| {
                std::hint::black_box(
                    ingest::parse("mng.txt", text.as_bytes(), &Options::default()).expect("parse"),
                );
            });
            println!(
                "text layer {t:>7.2} ms for a {:.0} KB PDF; whole parse {whole:.2} ms (from the text: {from_text:.2} ms)",
                bytes.len() as f64 / 1e3
            );
        } else {
            println!("x{copies}: {t:>7.2} ms, {:.2} times x1", t / t1);
        }
    }
}
