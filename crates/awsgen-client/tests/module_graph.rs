//! The crate's module structure, read from its sources (ARCHITECTURE.md,
//! "Invariants"): the error modules are a leaf, and no chain of modules
//! leads back to where it started.
//!
//! A module "names" another when its code (comments and its `#[cfg(test)]`
//! module left out) writes a path to it: `crate::x`, each `x` of
//! `crate::{x::.., y}`, or a `super::` chain that climbs to the crate root.
//! `lib.rs` declares every module and is not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What one source file names.
struct SourceFile {
    /// Relative to `src/`, with `/` separators.
    path: String,
    /// The top-level module it belongs to (`retry/classify.rs` -> `retry`).
    module: String,
    /// The top-level modules its code names, other than its own.
    names: BTreeSet<String>,
}

fn source_files() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    collect(&src, &mut paths);
    let relative: Vec<(PathBuf, String)> = paths
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&src)
                .expect("under src/")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (path, rel)
        })
        .filter(|(_, rel)| rel != "lib.rs")
        .collect();
    let modules: BTreeSet<String> = relative.iter().map(|(_, rel)| top_module(rel)).collect();
    relative
        .into_iter()
        .map(|(path, rel)| {
            let text = fs::read_to_string(&path).expect("source file is readable");
            let module = top_module(&rel);
            let names = named_modules(&code(&text), depth(&rel))
                .into_iter()
                .filter(|name| modules.contains(name) && *name != module)
                .collect();
            SourceFile {
                path: rel,
                module,
                names,
            }
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// `client.rs` -> `client`; `retry/mod.rs` and `retry/classify.rs` -> `retry`.
fn top_module(rel: &str) -> String {
    let first = rel.split('/').next().unwrap_or(rel);
    first.strip_suffix(".rs").unwrap_or(first).to_owned()
}

/// How many `super::` reach the crate root from a file's code: 1 for
/// `client.rs` and `retry/mod.rs`, 2 for `retry/classify.rs`.
fn depth(rel: &str) -> usize {
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.last() == Some(&"mod.rs") {
        parts.len() - 1
    } else {
        parts.len()
    }
}

/// The file's code: no comment lines, and nothing from a `#[cfg(test)]`
/// attribute followed by a `mod` item on.
fn code(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = String::new();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed == "#[cfg(test)]"
            && lines[index + 1..]
                .iter()
                .find(|next| !next.trim().is_empty())
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    kept
}

/// The first path segment after each `crate::` (every item of a
/// `crate::{..}` group) and after each `super::` chain that reaches the
/// crate root from `depth`.
fn named_modules(code: &str, depth: usize) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &code[at..];
        let preceded_by_ident = at > 0 && is_ident_byte(bytes[at - 1]);
        if !preceded_by_ident && rest.starts_with("crate::") {
            at += "crate::".len();
            at = read_segment(code, at, &mut names);
        } else if !preceded_by_ident && rest.starts_with("super::") {
            let mut climbs = 0;
            while code[at..].starts_with("super::") {
                climbs += 1;
                at += "super::".len();
            }
            if climbs >= depth {
                at = read_segment(code, at, &mut names);
            }
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    names
}

/// Reads the segment (or `{..}` group of segments) at `at` into `names`;
/// returns where reading stopped.
fn read_segment(code: &str, at: usize, names: &mut BTreeSet<String>) -> usize {
    let bytes = code.as_bytes();
    if bytes.get(at) != Some(&b'{') {
        let (name, end) = ident(code, at);
        names.insert(name);
        return end;
    }
    // A group: the first identifier of each item at depth 1.
    let mut depth = 0;
    let mut index = at;
    let mut item_start = true;
    while index < bytes.len() {
        match bytes[index] {
            b'{' => {
                depth += 1;
                item_start = depth == 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return index + 1;
                }
            }
            b',' if depth == 1 => item_start = true,
            byte if item_start && depth == 1 && is_ident_byte(byte) => {
                let (name, end) = ident(code, index);
                names.insert(name);
                item_start = false;
                index = end;
                continue;
            }
            _ => {}
        }
        index += 1;
    }
    index
}

fn ident(code: &str, at: usize) -> (String, usize) {
    let end = code[at..]
        .bytes()
        .position(|b| !is_ident_byte(b))
        .map_or(code.len(), |offset| at + offset);
    (code[at..end].to_owned(), end)
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

#[test]
fn the_reader_finds_paths_groups_and_super_chains() {
    let sample = code(
        "use crate::config::ConfigError;\n\
         // use crate::commented::Out;\n\
         use crate::{endpoint::Url, retry::{A, B}, settings};\n\
         fn f() -> crate::timeouts::TimeoutConfig { super::super::waiter::x() }\n\
         let s = awsgen_crate::not_this;\n\
         #[cfg(test)]\n\
         mod tests {\n    use crate::tested_only::X;\n}\n",
    );
    let names: Vec<String> = named_modules(&sample, 2).into_iter().collect();
    assert_eq!(
        names,
        ["config", "endpoint", "retry", "settings", "timeouts", "waiter"]
    );
    // From a top-level file one `super::` is the crate root already; from a
    // file in a directory it is that directory's module.
    assert!(named_modules("super::client::X", 1).contains("client"));
    assert!(named_modules("super::client::X", 2).is_empty());
}

/// `error.rs` and `error/` name no other module of the crate, so any module
/// can return their types without a cycle through them.
#[test]
fn the_error_modules_are_a_leaf() {
    let offending: Vec<String> = source_files()
        .into_iter()
        .filter(|file| file.module == "error" && !file.names.is_empty())
        .map(|file| format!("{} names {:?}", file.path, file.names))
        .collect();
    assert!(
        offending.is_empty(),
        "the error modules must name no other module of the crate (move what \
         they need into `error/`, or pass it in): {offending:#?}"
    );
}

/// No module reaches itself through the modules it names.
#[test]
fn the_module_graph_has_no_cycle() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in source_files() {
        edges.entry(file.module).or_default().extend(file.names);
    }
    assert!(edges.contains_key("client") && edges.contains_key("error"));
    if let Some(cycle) = find_cycle(&edges) {
        panic!("the client's modules form a cycle: {}", cycle.join(" -> "));
    }
}

/// A cycle of `edges`, as the modules along it (the first repeated at the
/// end), found by depth-first search.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[start..].iter().map(|n| (*n).to_owned()).collect();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|start| visit(start, edges, &mut Vec::new(), &mut done))
}
