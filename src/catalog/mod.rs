//! The catalog: one service's clauses and statements, as written in YAML, with the
//! source position of every value so findings can point at it.

mod load;
mod model;
mod problems;
mod schema;
mod tree;
mod workspace;
mod yaml_error;

pub(crate) use load::did_you_mean;
pub use load::{
    CATALOG_LIMIT, LoadError, MAX_CATALOG_BYTES, MAX_TEXT_BYTES, Problem, Source, is_slug,
    load_all, load_bytes, load_file, parse_catalog, slugify,
};
pub use model::*;
pub use schema::{catalog_schema, schema_text};
pub use workspace::{Discovered, discover, is_catalog_name, relative_key};
