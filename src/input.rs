//! Reading files we did not write: bounded while reading, and only regular files.
//!
//! A size taken from metadata is not a bound (it is 0 for `/dev/zero`, and a file can grow
//! between `stat` and `read`), and opening a FIFO blocks until a writer appears. So the kind
//! of file is judged before it is opened, and the read itself stops one byte past the limit.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file could not be read. Callers branch on the kind (e.g. to word the advice).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("is a directory; expected a file")]
    Directory,
    #[error("is not a regular file ({0}); expected a file")]
    NotRegular(FileKind),
    #[error("file is {}; {what} may be at most {} ({advice})", size_words(*.size, *.limit), Size(*.limit))]
    TooLarge {
        /// The size when known (a regular file); a stream is only known to be over the limit.
        size: Option<u64>,
        limit: u64,
        what: &'static str,
        advice: &'static str,
    },
    #[error("cannot read: {0}")]
    Io(std::io::Error),
}

/// What a non-regular file is, in the words of `ls -l`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Fifo => "a named pipe",
            FileKind::Socket => "a socket",
            FileKind::CharDevice => "a character device",
            FileKind::BlockDevice => "a block device",
            FileKind::Other => "a special file",
        })
    }
}

/// A byte count as people read it: `8 MiB`, `8.6 MiB`, `512 KiB`, `17 bytes`.
pub struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KIB: u64 = 1024;
        const MIB: u64 = 1024 * KIB;
        const GIB: u64 = 1024 * MIB;
        let n = self.0;
        let (unit, name) = match n {
            n if n >= GIB => (GIB, "GiB"),
            n if n >= MIB => (MIB, "MiB"),
            n if n >= KIB => (KIB, "KiB"),
            _ => return write!(f, "{n} bytes"),
        };
        if n.is_multiple_of(unit) {
            write!(f, "{} {name}", n / unit)
        } else {
            // One decimal, rounded down, so a file just over the limit never reads as equal to it.
            let tenths = n * 10 / unit;
            if tenths.is_multiple_of(10) {
                write!(f, "{}.1 {name}", tenths / 10)
            } else {
                write!(f, "{}.{} {name}", tenths / 10, tenths % 10)
            }
        }
    }
}

fn size_words(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(n) => Size(n).to_string(),
        None => format!("larger than {}", Size(limit)),
    }
}

/// A limit on one kind of input, with the words an error needs.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub bytes: u64,
    /// "a catalog", "a whitepaper", "a template".
    pub what: &'static str,
    /// What the user should consider, e.g. "is this the right file?".
    pub advice: &'static str,
}

/// Read a regular file of at most `limit.bytes`, refusing anything else before opening it.
pub fn read_bounded(path: &Path, limit: Limit) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > limit.bytes {
        return Err(limit.exceeded(Some(meta.len())));
    }
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    // The file as large as it was a moment ago (within the limit), read into room made for
    // it in one call or two: a stream of unknown size is read 8 KiB, 16 KiB, … at a time
    // into a buffer grown by doubling, a dozen calls and copies for a catalog.
    let size = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = vec![0; size.saturating_add(1)];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(e)),
        }
    }
    if filled < bytes.len() {
        bytes.truncate(filled);
        return Ok(bytes);
    }
    // Still more: the file grew since; the rest is read as a stream, within the limit.
    read_limited_into(file, limit, bytes)
}

/// Read a stream to its end, stopping with [`ReadError::TooLarge`] one byte past the limit.
pub fn read_limited(reader: impl Read, limit: Limit) -> Result<Vec<u8>, ReadError> {
    read_limited_into(reader, limit, Vec::new())
}

/// [`read_limited`] after the `bytes` already read.
fn read_limited_into(
    reader: impl Read,
    limit: Limit,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, ReadError> {
    let more = limit
        .bytes
        .saturating_add(1)
        .saturating_sub(bytes.len() as u64);
    reader
        .take(more)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(limit.exceeded(None));
    }
    Ok(bytes)
}

impl Limit {
    /// The error for input of `size` bytes (`None`: a stream known only to be over the limit).
    pub fn exceeded(self, size: Option<u64>) -> ReadError {
        ReadError::TooLarge {
            size,
            limit: self.bytes,
            what: self.what,
            advice: self.advice,
        }
    }
}

/// [`read_bounded`] as text; invalid UTF-8 is an I/O-style error naming the byte offset.
pub fn read_text_bounded(path: &Path, limit: Limit) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "invalid UTF-8 at byte {}; save the file as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// A path and a read error, as one line: `path: message`.
/// The reason is part of the message, not a `source`, so `{:#}` does not print it twice.
#[derive(Debug, thiserror::Error)]
#[error("{}: {error}", path.display())]
pub struct PathError {
    pub path: PathBuf,
    pub error: ReadError,
}

impl ReadError {
    pub fn at(self, path: &Path) -> PathError {
        PathError {
            path: path.to_path_buf(),
            error: self,
        }
    }
}

fn io_error(e: std::io::Error) -> ReadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
        std::io::ErrorKind::IsADirectory => ReadError::Directory,
        _ => ReadError::Io(e),
    }
}

#[cfg(unix)]
pub(crate) fn kind_of(meta: &std::fs::Metadata) -> FileKind {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        FileKind::Fifo
    } else if t.is_socket() {
        FileKind::Socket
    } else if t.is_char_device() {
        FileKind::CharDevice
    } else if t.is_block_device() {
        FileKind::BlockDevice
    } else {
        FileKind::Other
    }
}

#[cfg(not(unix))]
pub(crate) fn kind_of(_: &std::fs::Metadata) -> FileKind {
    FileKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Limit = Limit {
        bytes: 8,
        what: "a test file",
        advice: "is this the right file?",
    };

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(Size(17).to_string(), "17 bytes");
        assert_eq!(Size(8 * 1024 * 1024).to_string(), "8 MiB");
        assert_eq!(Size(8 * 1024 * 1024 + 1).to_string(), "8.1 MiB");
        assert_eq!(Size(9_017_754).to_string(), "8.6 MiB");
        assert_eq!(Size(3 * 1024 * 1024 * 1024).to_string(), "3 GiB");
    }

    #[test]
    fn a_stream_is_cut_one_byte_past_the_limit() {
        assert_eq!(read_limited(&b"12345678"[..], LIMIT).unwrap().len(), 8);
        let err = read_limited(std::io::repeat(0), LIMIT).unwrap_err();
        assert_eq!(
            err.to_string(),
            "file is larger than 8 bytes; a test file may be at most 8 bytes (is this the right file?)"
        );
    }

    #[test]
    fn a_file_is_read_whole_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        for content in [&b""[..], b"1234567", b"12345678"] {
            let path = dir.path().join("f");
            std::fs::write(&path, content).unwrap();
            assert_eq!(read_bounded(&path, LIMIT).unwrap(), content);
        }
        std::fs::write(dir.path().join("f"), b"123456789").unwrap();
        let err = read_bounded(&dir.path().join("f"), LIMIT).unwrap_err();
        assert!(
            matches!(err, ReadError::TooLarge { size: Some(9), .. }),
            "{err}"
        );
        // A file that grew after its size was read: the rest still counts against the limit.
        let grown = read_limited_into(&b"9"[..], LIMIT, b"12345678".to_vec()).unwrap_err();
        assert!(
            matches!(grown, ReadError::TooLarge { size: None, .. }),
            "{grown}"
        );
        let whole = read_limited_into(&b""[..], LIMIT, b"12345678".to_vec()).unwrap();
        assert_eq!(whole, b"12345678");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_reading() {
        let err = read_bounded(Path::new("/dev/zero"), LIMIT).unwrap_err();
        assert!(
            matches!(err, ReadError::NotRegular(FileKind::CharDevice)),
            "{err}"
        );
    }
}
