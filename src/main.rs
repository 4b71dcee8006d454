use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    msq::tune_allocator();
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
