use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

// mimalloc: a world-scale index decodes into some 400,000 strings, and freeing them at exit
// costs as much again; mimalloc takes about half glibc's time for both.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = msq::cli::Cli::parse();
    match msq::cli::run(&cli) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            // A dead terminal's stderr must not turn an error into a panic.
            let _ = writeln!(
                std::io::stderr(),
                "msq: {}",
                msq::sanitize::line(&format!("{e:#}"))
            );
            // 2 for wrong usage, as clap gives for its own; 1 for any other error.
            if e.downcast_ref::<msq::cli::Usage>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
