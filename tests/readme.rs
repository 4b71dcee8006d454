//! The README's console examples, run: each `$ msq …` line in a ```console block is run on the
//! built-in index, and its output must be what the README shows (`...` stands for lines left
//! out, `[..]` for the rest of a line). A change that alters what msq prints fails here until the
//! README says the same.

#[test]
fn the_readme_console_examples_are_what_msq_prints() {
    trycmd::TestCases::new()
        .register_bin("msq", std::path::Path::new(env!("CARGO_BIN_EXE_msq")))
        .env("NO_COLOR", "1")
        .env("MSQ_INDEX", "")
        .env("MSQ_SCORES", "")
        .case("README.md");
}
