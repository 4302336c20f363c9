//! Which lines belong to which mapping entry, so that an entry moves with its comments.
//!
//! An entry of a block mapping owns, besides its key and value, the comment lines above it
//! (blank lines between them included; the blank lines before the first comment stay where
//! they are) and the comment lines after its value that are indented deeper than its key
//! (notes written inside the entry). A comment beside a key or value is on one of its lines.
//! The comments above the document's first key are the file's header and never move.

use super::tree::{Kind, Node, line_end, line_start};

/// Set every block mapping entry's range and widen each block mapping to its entries'.
pub(crate) fn layout(text: &str, root: &mut Node) {
    visit(text, root, true);
}

fn visit(text: &str, node: &mut Node, top: bool) {
    match &mut node.kind {
        Kind::Seq { items, .. } => {
            for item in items.iter_mut() {
                visit(text, item, false);
            }
            if let Some(last) = items.last() {
                node.end = node.end.max(last.end);
            }
        }
        Kind::Map { flow, entries } => {
            for entry in entries.iter_mut() {
                visit(text, &mut entry.value, false);
                entry.block = entry.key.start..entry.value.end;
            }
            if *flow || entries.is_empty() {
                return;
            }
            let column = entries[0].key.start - line_start(text, entries[0].key.start);
            let mut lower = 0;
            for (i, entry) in entries.iter_mut().enumerate() {
                let start = if top && i == 0 {
                    line_start(text, entry.key.start)
                } else {
                    leading(text, entry.key.start, lower)
                };
                let end = trailing(text, line_end(text, entry.value.end), column);
                entry.block = start..end;
                lower = end;
            }
            node.start = node.start.min(entries[0].block.start);
            node.end = node.end.max(entries[entries.len() - 1].block.end);
        }
        Kind::Scalar { .. } | Kind::Alias => {}
    }
}

/// Where an entry starts: its key's line, or the first comment line above it. A key that
/// does not start its line (`- id: x`) owns no line above it.
fn leading(text: &str, key: usize, lower: usize) -> usize {
    let key_line = line_start(text, key);
    if !text[key_line..key].trim().is_empty() {
        return key;
    }
    let mut start = key_line;
    let mut line = key_line;
    while line > lower {
        let above = line_start(text, line - 1);
        if above < lower {
            break;
        }
        let content = text[above..line].trim();
        if content.starts_with('#') {
            start = above;
        } else if !content.is_empty() {
            break;
        }
        line = above;
    }
    start
}

/// Where an entry ends: after its value's last line and the deeper-indented comment lines
/// that follow it (blank lines between them included).
fn trailing(text: &str, from: usize, column: usize) -> usize {
    let mut end = from;
    let mut line = from;
    while line < text.len() {
        let next = line_end(text, line + 1).max(line + 1);
        let content = &text[line..next];
        let trimmed = content.trim_start_matches(' ');
        if trimmed.starts_with('#') && content.len() - trimmed.len() > column {
            end = next;
        } else if !content.trim().is_empty() {
            break;
        }
        line = next;
    }
    end
}
