//! Command-line options shared by the native programs (`train`, `evaluate`, `bench`).

use crate::backend::Backend;
use crate::spec::{MODELS, ModelSpec, find};

/// `--name value` pairs and `--flag`s from the command line.
pub struct Args {
    pairs: Vec<(String, Option<String>)>,
}

impl Args {
    /// Parses `std::env::args()`, printing `usage` and exiting on `--help`.
    pub fn parse(usage: &str) -> Self {
        let mut pairs = Vec::new();
        let mut it = std::env::args().skip(1).peekable();
        while let Some(arg) = it.next() {
            if arg == "--help" || arg == "-h" {
                println!("{usage}");
                std::process::exit(0);
            }
            let Some(name) = arg.strip_prefix("--") else {
                eprintln!("unexpected argument '{arg}'\n{usage}");
                std::process::exit(2);
            };
            let value = match it.peek() {
                Some(v) if !v.starts_with("--") => it.next(),
                _ => None,
            };
            pairs.push((name.to_string(), value));
        }
        Self { pairs }
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    pub fn flag(&self, name: &str) -> bool {
        self.pairs.iter().any(|(n, _)| n == name)
    }

    /// A parsed value, or `default`; exits with a message on a bad value.
    pub fn get<T: std::str::FromStr>(&self, name: &str, default: T) -> T {
        match self.value(name) {
            None => default,
            Some(v) => v.parse().unwrap_or_else(|_| {
                eprintln!("bad value '{v}' for --{name}");
                std::process::exit(2)
            }),
        }
    }

    /// `--backend` (default: cpu).
    pub fn backend(&self) -> Backend {
        Backend::from_name(self.value("backend").unwrap_or("cpu")).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        })
    }

    /// `--model NAME|all` (default: all): rows of the table of models.
    pub fn models(&self) -> Vec<&'static ModelSpec> {
        match self.value("model").unwrap_or("all") {
            "all" | "both" => MODELS.iter().collect(),
            name => vec![find(name).unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(2)
            })],
        }
    }
}

/// Prints a message and exits with status 1.
pub fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
