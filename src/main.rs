use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = msq::cli::Cli::parse();
    match msq::cli::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("msq: {}", msq::sanitize::line(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}
