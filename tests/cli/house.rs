//! The limits that keep the code readable (ARCHITECTURE.md): no function
//! over 80 lines, no file over 800 lines outside its `#[cfg(test)]` module,
//! no `unsafe` anywhere.

use crate::util::{files_under, root};

const MAX_FN_LINES: usize = 80;
const MAX_FILE_LINES: usize = 800;

/// The lines of a source file before its test module (`#[cfg(test)]` then
/// `mod tests`; a test-only item elsewhere does not end the count).
fn code_lines(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines
        .windows(2)
        .position(|w| w[0].trim() == "#[cfg(test)]" && w[1].trim_start().starts_with("mod tests"))
        .unwrap_or(lines.len());
    lines[..end].to_vec()
}

/// (name, first line, length) of every function, by rustfmt's layout: a
/// `fn` line at some indentation ends at the first `}` line at the same one.
fn functions<'a>(lines: &[&'a str]) -> Vec<(&'a str, usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let Some(at) = body.find("fn ") else { continue };
        let head = &body[..at];
        let is_fn = head
            .split_whitespace()
            .all(|w| matches!(w, "pub" | "const" | "async" | "unsafe") || w.starts_with("pub("));
        if !is_fn || body.ends_with(';') || body.starts_with("//") {
            continue;
        }
        let name = body[at + 3..].split(['(', '<']).next().unwrap_or("?");
        let end = lines[i..]
            .iter()
            .position(|l| {
                l.len() == indent + 1 && l.ends_with('}') && l[..indent].trim().is_empty()
            })
            .map_or(1, |n| n + 1);
        out.push((name, i + 1, end));
    }
    out
}

#[test]
fn functions_and_files_stay_small_and_safe() {
    let mut problems = Vec::new();
    for path in files_under(&root().join("src")) {
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let rel = path.strip_prefix(root()).unwrap().display().to_string();
        let lines = code_lines(&text);
        if lines.len() > MAX_FILE_LINES {
            problems.push(format!("{rel}: {} lines outside its tests", lines.len()));
        }
        for (name, at, len) in functions(&lines) {
            if len > MAX_FN_LINES {
                problems.push(format!("{rel}:{at}: fn {name} is {len} lines"));
            }
        }
        if text.contains("unsafe {") || text.contains("unsafe fn") {
            problems.push(format!("{rel}: uses unsafe"));
        }
    }
    assert!(
        problems.is_empty(),
        "over the limits:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_function_finder_sees_what_it_measures() {
    let src = "fn a() {\n    x;\n}\n    pub(crate) fn b<T>(t: T) {\n        y;\n    }\n";
    let lines: Vec<&str> = src.lines().collect();
    assert_eq!(functions(&lines), vec![("a", 1, 3), ("b", 4, 3)]);
    let with_tests = "fn a() {}\n#[cfg(test)]\nfn helper() {}\n#[cfg(test)]\nmod tests {\n}\n";
    assert_eq!(code_lines(with_tests).len(), 3);
}
