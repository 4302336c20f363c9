//! The integration tests: one binary (as in ripgrep and mdBook), one module per command.
//! Every test runs the real `kanrisaku` binary on real files, or the library on generated input.

mod audience;
mod audit;
mod bad_input;
mod browser;
mod check;
mod common;
mod coverage;
mod diag;
mod diff;
mod diff_props;
mod fmt;
mod gate;
mod import;
mod import_forms;
mod import_pdf;
mod import_pdf_tables;
mod inert;
mod init;
mod limits;
mod map;
mod messages;
mod migrate;
mod output;
mod pdf;
mod pipe;
mod publish;
mod reference;
mod render;
mod robustness;
mod schema;
mod shape;
mod signals;
mod soa;
mod stream;
mod terminal;
