use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

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
            ExitCode::FAILURE
        }
    }
}
