//! The committed EGDI figures are reproducible from data/egdi, and the binary embeds them.

mod common;

use msq::egdi::{self, Egdi};

#[test]
fn the_committed_figures_are_rebuilt_byte_for_byte_from_data_egdi() {
    let built = egdi::build(&common::root().join("data/egdi")).unwrap();
    let committed = std::fs::read_to_string(common::root().join("data/egdi.json")).unwrap();
    assert!(
        egdi::to_json(&built) == committed,
        "data/egdi.json is stale: run `cargo run -- index egdi data/egdi --out data/egdi.json`"
    );
    assert_eq!(
        egdi::EMBEDDED_JSON,
        committed,
        "the binary embeds the committed figures"
    );
    let embedded: Egdi = serde_json::from_str(egdi::EMBEDDED_JSON).unwrap();
    assert_eq!(&embedded, Egdi::builtin());
    assert_eq!(embedded, built);
}
