//! Images a document may show: files inside the workspace, embedded as `data:` URIs.
//!
//! A published document loads nothing: a remote image is a tracking pixel for every reader
//! and a request from the build machine while the PDF prints, and a path the browser
//! resolves itself (`/etc/some.png`, `../../x.png`) embeds whatever that file is into a
//! PDF sent to customers. So an image is named relative to the catalog (or, for
//! templates, the template directory), must resolve — after `..` and symlinks — to a
//! regular file inside the workspace, is read with a bound, and must *be* a PNG, JPEG, GIF
//! or WebP by its first bytes, whatever its name says.
//!
//! SVG is refused: it has no magic number to recognise it by, and although an SVG in
//! `<img>` runs no script, the Markdown whitepaper hands the data URI to other tools — a
//! site generator that writes it out as a file served from the provider's own origin
//! would publish a script. Raster formats are inert wherever they end up.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine as _;

use crate::input::{Limit, ReadError, Size, read_bounded};

/// One image file at most (a logo, a diagram).
pub const MAX_IMAGE_BYTES: u64 = 5 * 1024 * 1024;
/// All images of one document together, counting each use: a catalog naming one large
/// image a thousand times must not make a gigabyte document.
pub const MAX_DOCUMENT_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

const IMAGE_LIMIT: Limit = Limit {
    bytes: MAX_IMAGE_BYTES,
    what: "an embedded image",
    advice: "scale or compress it",
};

/// Why an image cannot be embedded. The path as written is the caller's to print.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("is an absolute path; name the image relative to the catalog, inside the workspace {}", .root.display())]
    Absolute { root: PathBuf },
    #[error("is outside the workspace {}; copy the image into it", .root.display())]
    Outside { root: PathBuf },
    #[error("cannot be read: {0}")]
    Read(ReadError),
    #[error("is an SVG; export it as PNG (only PNG, JPEG, GIF and WebP images are embedded)")]
    Svg,
    #[error("is not a PNG, JPEG, GIF or WebP image")]
    NotImage,
    #[error(
        "would bring the document's embedded images over {} in total; use smaller images",
        Size(MAX_DOCUMENT_IMAGE_BYTES)
    )]
    TooMuch,
}

/// Resolves and embeds images for one document.
pub struct Embedder {
    /// Where relative names start, as given.
    dir: PathBuf,
    /// The workspace the images must stay in, when the catalog lies inside it.
    workspace: Option<PathBuf>,
    /// Both resolved when an image is first named: most documents name none, and resolving
    /// them for each catalog read every component of two paths as a link.
    places: OnceLock<Places>,
    state: Mutex<State>,
}

struct Places {
    /// Canonical: the directory nothing may be taken from outside of.
    root: PathBuf,
    /// Where relative names start, resolved.
    base: PathBuf,
}

/// Bytes embedded so far in this document; and each file's data URI, read once.
type State = (u64, HashMap<PathBuf, Arc<str>>);

impl Embedder {
    /// For a catalog: names are relative to the catalog's directory; the workspace is the
    /// directory of `kanrisaku.toml` when the catalog lies inside it, else the catalog's
    /// own directory.
    pub fn for_catalog(catalog: &Path, workspace: Option<&Path>) -> Embedder {
        let dir = catalog.parent().unwrap_or(Path::new(""));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        Embedder::new(dir, workspace)
    }

    /// For templates: names are relative to the template directory, which is the workspace.
    pub fn for_templates(dir: &Path) -> Embedder {
        Embedder::new(dir, None)
    }

    fn new(dir: &Path, workspace: Option<&Path>) -> Embedder {
        Embedder {
            dir: dir.to_path_buf(),
            workspace: workspace.map(Path::to_path_buf),
            places: OnceLock::new(),
            state: Mutex::new((0, HashMap::new())),
        }
    }

    fn places(&self) -> &Places {
        self.places.get_or_init(|| {
            let base = canonical_or_absolute(&self.dir);
            let root = self
                .workspace
                .as_deref()
                .map(canonical_or_absolute)
                .filter(|w| base.starts_with(w))
                .unwrap_or_else(|| base.clone());
            Places { root, base }
        })
    }

    /// Start a new document: its images count against a fresh total.
    pub fn start_document(&self) {
        self.lock().0 = 0;
    }

    /// The `data:` URI of the image `written` (a path relative to the base).
    pub fn embed(&self, written: &str) -> Result<Arc<str>, ImageError> {
        let file = self.resolve(written)?;
        let cached = self.lock().1.get(&file).cloned();
        let uri = match cached {
            Some(uri) => uri,
            None => {
                let bytes = read_bounded(&file, IMAGE_LIMIT).map_err(ImageError::Read)?;
                let uri: Arc<str> = data_uri(&bytes)?.into();
                self.lock().1.insert(file, uri.clone());
                uri
            }
        };
        let mut state = self.lock();
        let total = state.0 + uri.len() as u64;
        if total > MAX_DOCUMENT_IMAGE_BYTES {
            return Err(ImageError::TooMuch);
        }
        state.0 = total;
        Ok(uri)
    }

    /// The canonical file `written` names, refused when it is not inside the workspace.
    fn resolve(&self, written: &str) -> Result<PathBuf, ImageError> {
        let path = Path::new(written);
        let absolute = path.is_absolute()
            || written.starts_with(['/', '\\'])
            || path
                .components()
                .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir));
        let Places { root, base } = self.places();
        if absolute {
            return Err(ImageError::Absolute { root: root.clone() });
        }
        let file = std::fs::canonicalize(base.join(path)).map_err(|e| {
            ImageError::Read(match e.kind() {
                std::io::ErrorKind::NotFound => ReadError::NotFound,
                std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
                _ => ReadError::Io(e),
            })
        })?;
        if !file.starts_with(root) {
            return Err(ImageError::Outside { root: root.clone() });
        }
        Ok(file)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic elsewhere cannot leave the counters inconsistent: take them as they are.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn canonical_or_absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The image format by its first bytes.
fn sniff(bytes: &[u8]) -> Result<&'static str, ImageError> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Ok("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Ok("image/gif")
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Ok("image/webp")
    } else if looks_like_svg(bytes) {
        Err(ImageError::Svg)
    } else {
        Err(ImageError::NotImage)
    }
}

/// Only to word the refusal: an SVG is refused either way.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.contains("<svg")
}

fn data_uri(bytes: &[u8]) -> Result<String, ImageError> {
    let mime = sniff(bytes)?;
    let mut uri = format!("data:{mime};base64,");
    base64::engine::general_purpose::STANDARD.encode_string(bytes, &mut uri);
    Ok(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest").unwrap(), "image/png");
        assert_eq!(sniff(b"\xff\xd8\xff\xe0").unwrap(), "image/jpeg");
        assert_eq!(sniff(b"GIF89a..").unwrap(), "image/gif");
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 ").unwrap(), "image/webp");
        assert!(matches!(
            sniff(b"<?xml?><svg onload=x>"),
            Err(ImageError::Svg)
        ));
        assert!(matches!(sniff(b"<html>"), Err(ImageError::NotImage)));
    }
}
