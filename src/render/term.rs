//! Text hygiene: strings taken from certificates (DNs, SANs, aliases) and file
//! names can carry newlines, control characters and bidi overrides that forge
//! lines or rewrite what a terminal shows. Text and table output, stderr
//! messages and the password prompt pass through [`sanitize`] wherever they
//! go (a pipe or a log is read too); JSON stays exact, HTML is escaped.

use std::borrow::Cow;

/// True for characters that must not reach text output as they are: C0 and
/// C1 controls (newlines included), DEL, bidi marks, embeddings, overrides
/// and isolates, zero-width characters, the line and paragraph separators
/// and the BOM.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

/// Replaces unsafe characters by a visible escape (`\u{202e}`); borrows when
/// there is nothing to do.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            o.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            o.push(c);
        }
    }
    Cow::Owned(o)
}

/// A colour for text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Failures.
    Red,
    /// Warnings and informational findings.
    Yellow,
    /// Passes.
    Green,
}

/// `s` in colour `p` (ANSI SGR) when `on`; as it is otherwise.
pub fn paint(on: bool, p: Paint, s: &str) -> Cow<'_, str> {
    if !on {
        return Cow::Borrowed(s);
    }
    let code = match p {
        Paint::Red => 31,
        Paint::Yellow => 33,
        Paint::Green => 32,
    };
    Cow::Owned(format!("\x1b[{code}m{s}\x1b[0m"))
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn controls_and_bidi_are_escaped() {
        assert_eq!(sanitize("plain Müller"), "plain Müller");
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("evil\u{202e}gnp.exe"), "evil\\u{202e}gnp.exe");
        assert_eq!(sanitize("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(sanitize("two\nlines"), "two\\u{a}lines");
        assert_eq!(sanitize("a\u{2028}b\u{61c}c"), "a\\u{2028}b\\u{61c}c");
    }
}
