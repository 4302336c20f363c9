//! kanrisaku (管理策): a cloud service's ISO/IEC 27017 controls as reviewed, versioned YAML,
//! checked for coverage and turned into the documents customers and auditors read.
//!
//! Data flows one way: files → [`catalog`] model (with source positions) → analysis
//! ([`check`]) → output ([`report`]). [`reference`] holds the built-in ISO data, and
//! [`safety`] what a published document may link to and embed (`check` reports, `render`
//! enforces).

pub mod cache;
pub mod catalog;
pub mod check;
mod cleanup;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod coverage;
pub mod diff;
pub mod escape;
pub mod fmt;
pub mod i18n;
pub mod import;
pub mod init;
pub mod input;
pub mod mapping;
pub mod migrate;
pub mod output;
pub mod reference;
pub mod render;
pub mod report;
pub mod safety;
pub mod site;
pub mod soa;
