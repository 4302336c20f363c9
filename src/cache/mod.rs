//! A store of per-file results for repeated runs on an unchanged workspace (pre-commit, CI
//! on every push), independent of what is stored.
//!
//! One file per cache (`<workspace>/.kanrisaku/cache/<name>.json`), two lines of JSON:
//! - a header: the format, the [`Key`] every entry was computed under (kanrisaku's version,
//!   the reference data's hash, the settings' hash), and the hash and length of the body;
//! - the body: file name → the hash of the file's bytes and the result for them.
//!
//! An entry is served only when the header's key equals this run's and the file's bytes hash
//! to the entry's hash. A file that is unreadable, too large, truncated, corrupt (the body's
//! hash differs) or of another format or key is ignored as a whole: every file is re-checked
//! and the cache rewritten. Writes are atomic (a temporary file, then a rename), so concurrent
//! runs each leave a complete file and a reader never sees half of one. Entries for files
//! that no longer exist are dropped when the cache is written, so it stays the size of the
//! workspace.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Where caches live, under the workspace root (gitignored by `init`).
pub const DIR: &str = ".kanrisaku/cache";

const FORMAT: &str = "kanrisaku-cache/1";

/// What every result in one cache file depends on besides the file's own bytes. Stored in
/// the header as plain strings, so a changed version or reference data is visible (and
/// can be simulated in tests by editing the file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    pub version: String,
    pub reference: String,
    pub settings: String,
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    #[serde(flatten)]
    key: Key,
    body_hash: String,
    body_len: u64,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    content: String,
    value: Box<RawValue>,
}

/// Results of type `T` by file name, valid for one [`Key`].
pub struct Cache<T> {
    path: PathBuf,
    key: Key,
    /// Entries read from disk (only when the header matched).
    old: BTreeMap<String, Entry>,
    /// Entries for this run: served or newly computed.
    new: BTreeMap<String, Entry>,
    /// Names looked up this run: their old entries are superseded, served or not.
    seen: BTreeSet<String>,
    changed: bool,
    hits: usize,
    value: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned> Cache<T> {
    /// The cache `name` under `root`; reads at most `limit` bytes of it. Anything that is
    /// not a valid cache for `key` reads as an empty cache.
    pub fn open(root: &Path, name: &str, key: Key, limit: u64) -> Cache<T> {
        let path = root.join(DIR).join(format!("{name}.json"));
        let old = read(&path, &key, limit).unwrap_or_default();
        Cache {
            path,
            key,
            changed: false,
            old,
            new: BTreeMap::new(),
            seen: BTreeSet::new(),
            hits: 0,
            value: PhantomData,
        }
    }

    /// The result stored for `name` when its bytes hash to `content` ([`hash`]). A lookup
    /// only reads, so the files of a workspace are looked up in parallel; what was used is
    /// recorded afterwards ([`Cache::keep`], [`Cache::put`], [`Cache::skip`]).
    pub fn get(&self, name: &str, content: &str) -> Option<T> {
        let entry = self.old.get(name)?;
        if entry.content != content {
            return None;
        }
        serde_json::from_str(entry.value.get()).ok()
    }

    /// `name`'s stored result was served: it stays in the cache.
    pub fn keep(&mut self, name: &str) {
        self.seen.insert(name.to_string());
        if let Some(entry) = self.old.remove(name) {
            self.new.insert(name.to_string(), entry);
            self.hits += 1;
        }
    }

    /// `name`'s old entry is superseded by this run (checked again, not storable, or no
    /// longer loading): unless kept or put again, it goes.
    pub fn skip(&mut self, name: &str) {
        self.seen.insert(name.to_string());
    }

    /// Store `value` as the result for `name` whose bytes hash to `content`.
    pub fn put(&mut self, name: &str, content: &str, value: &T) {
        self.seen.insert(name.to_string());
        let Ok(value) = serde_json::value::to_raw_value(value) else {
            return;
        };
        let entry = Entry {
            content: content.to_string(),
            value,
        };
        self.new.insert(name.to_string(), entry);
        self.changed = true;
    }

    /// How many lookups were served.
    pub fn hits(&self) -> usize {
        self.hits
    }

    /// Write the cache if anything changed, keeping old entries for files not looked up
    /// this run that still exist. A cache that cannot be written is no error: the next run
    /// re-checks.
    pub fn save(mut self) {
        for (name, entry) in std::mem::take(&mut self.old) {
            if self.seen.contains(&name) {
                self.changed = true;
            } else if Path::new(&name).is_file() {
                self.new.insert(name, entry);
            } else {
                self.changed = true;
            }
        }
        if self.changed {
            let _ = write(&self.path, &self.key, &self.new);
        }
    }
}

/// The hash of `bytes` as hex: XXH3, 128 bits.
pub fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

fn read(path: &Path, key: &Key, limit: u64) -> Option<BTreeMap<String, Entry>> {
    let limit = crate::input::Limit {
        bytes: limit,
        what: "a cache file",
        advice: "it is rebuilt",
    };
    let bytes = crate::input::read_bounded(path, limit).ok()?;
    let split = bytes.iter().position(|&b| b == b'\n')?;
    let (header, body) = (&bytes[..split], &bytes[split + 1..]);
    let header: Header = serde_json::from_slice(header).ok()?;
    let valid = header.format == FORMAT
        && header.key == *key
        && header.body_len == body.len() as u64
        && header.body_hash == hash(body);
    if !valid {
        return None;
    }
    serde_json::from_slice(body).ok()
}

fn write(path: &Path, key: &Key, entries: &BTreeMap<String, Entry>) -> std::io::Result<()> {
    let dir = path.parent().expect("cache file in a directory");
    std::fs::create_dir_all(dir)?;
    // Replace only a regular file (or nothing): a link or a FIFO there is not ours.
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Ok(());
    }
    let body = serde_json::to_vec(entries)?;
    let header = Header {
        format: FORMAT.to_string(),
        key: key.clone(),
        body_hash: hash(&body),
        body_len: body.len() as u64,
    };
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    serde_json::to_writer(&mut file, &header)?;
    file.write_all(b"\n")?;
    file.write_all(&body)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
