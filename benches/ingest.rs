//! `cargo bench --bench ingest`: ingest time on pathological input at 1x, 2x and 4x size. Time
//! that grows linearly shows as ratios near 2 and 4. Every input stays under the 8 MiB limit
//! for one document; above it, a document is refused at once with a size error.

use msq::ingest::{self, Options};
use std::time::Instant;

#[path = "../tests/common/layouts.rs"]
mod layouts;
use layouts::Transform as T;

fn raw(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/raw")
        .join(name);
    std::fs::read_to_string(path).expect("data/raw")
}

fn webform_with_answer(answer: &str) -> Vec<u8> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/raw/004_0ada68915f513ab8.txt");
    let doc = std::fs::read_to_string(path).expect("data/raw");
    doc.replacen("\nn/a\n", &format!("\n{answer}\n"), 1)
        .into_bytes()
}

/// The input of each kind at size factor `k`.
fn input(kind: &str, k: usize) -> Vec<u8> {
    match kind {
        // One line of 1, 2, 4 MB inside a real export.
        "long-line" => webform_with_answer(&"word ".repeat(200_000 * k)),
        // 1M, 2M, 4M blank lines in a presentation.
        "blank-lines" => format!(
            "Conference on Data 2024\n\nKenya\n\n\n\n1. What works?\n{}- it does\n",
            "\n".repeat(1_000_000 * k)
        )
        .into_bytes(),
        // 25k, 50k, 100k lines of "1. " as an answer.
        "numbered" => webform_with_answer(&"1. \n\n".repeat(25_000 * k)),
        // 10k, 20k, 40k bullets nested up to 200 deep.
        "nested-bullets" => webform_with_answer(
            &(0..10_000 * k)
                .map(|i| format!("{}- point {i}", " ".repeat(i % 200)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        // A web form hard-wrapped at 60 with no blank lines, its answer 0.5, 1, 2 MB of prose:
        // the layout pass joins every line and splits the form's structure back out.
        "wrapped-form" => {
            let doc = raw("004_0ada68915f513ab8.txt").replacen(
                "\nn/a\n",
                &format!("\n{}\n", "a sentence of an answer. ".repeat(20_000 * k)),
                1,
            );
            layouts::apply(&doc, &[T::Wrap(60), T::NoBlank]).into_bytes()
        }
        // The 2020 form reflowed with no blank lines: the whole form on one line, an answer of
        // 0.5, 1, 2 MB in it, split by the form's wording.
        "one-line-form" => {
            let doc = raw("000_d88edaa741e33b1a.txt").replacen(
                "\nNot yet\n",
                &format!("\n{}\n", "not yet measured ".repeat(30_000 * k)),
                1,
            );
            layouts::apply(&doc, &[T::NoBlank, T::Reflow]).into_bytes()
        }
        _ => unreachable!(),
    }
}

/// Median milliseconds to parse each input, the inputs timed in turn, 9 rounds, so that drift
/// on a shared machine falls on all sizes alike.
fn medians_ms(inputs: &[Vec<u8>]) -> Vec<f64> {
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); inputs.len()];
    for _round in 0..9 {
        for (k, bytes) in inputs.iter().enumerate() {
            let t = Instant::now();
            let r = ingest::parse("bench.txt", bytes, &Options::default());
            std::hint::black_box(r.expect("a pathological input still parses"));
            times[k].push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort_by(f64::total_cmp);
            t[t.len() / 2]
        })
        .collect()
}

fn main() {
    let mut summary = Vec::new();
    for kind in [
        "long-line",
        "blank-lines",
        "numbered",
        "nested-bullets",
        "wrapped-form",
        "one-line-form",
    ] {
        // INGEST_BENCH=wrapped-form,one-line-form times only those.
        if let Ok(only) = std::env::var("INGEST_BENCH")
            && !only.split(',').any(|k| k == kind)
        {
            continue;
        }
        let inputs: Vec<Vec<u8>> = [1, 2, 4].iter().map(|&k| input(kind, k)).collect();
        for (bytes, k) in inputs.iter().zip([1, 2, 4]) {
            assert!(
                bytes.len() <= ingest::MAX_DOCUMENT_BYTES,
                "{kind} x{k} is over the limit"
            );
        }
        let sizes: Vec<(usize, f64)> = inputs
            .iter()
            .map(Vec::len)
            .zip(medians_ms(&inputs))
            .collect();
        let (b1, t1) = sizes[0];
        println!(
            "{kind:<15} {:>8.1} ms at {:>5.2} MB   x2 {:>5.2}   x4 {:>5.2}",
            t1,
            b1 as f64 / 1e6,
            sizes[1].1 / t1,
            sizes[2].1 / t1
        );
        summary.push(format!(
            "{kind}_x2={:.2} {kind}_x4={:.2}",
            sizes[1].1 / t1,
            sizes[2].1 / t1
        ));
    }
    // Over the limit: refused before any parsing.
    let big = vec![b'a'; ingest::MAX_DOCUMENT_BYTES + 1];
    let t = Instant::now();
    let refused = ingest::parse("big.txt", &big, &Options::default()).is_err();
    println!(
        "over the limit: refused={refused} in {:.3} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    println!("ingest: {}", summary.join(" "));
}
