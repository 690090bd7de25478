//! Terminal hygiene: strings taken from certificates (DNs, SANs, aliases) can
//! carry control characters and bidi overrides that rewrite what a terminal
//! shows. Text and table output on a terminal pass through [`sanitize`];
//! JSON stays exact.

use std::borrow::Cow;

/// True for characters that must not reach a terminal as they are: C0 and C1
/// controls, DEL, bidi embeddings/overrides/isolates, zero-width characters
/// and the BOM.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}'
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

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn controls_and_bidi_are_escaped() {
        assert_eq!(sanitize("plain Müller"), "plain Müller");
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("evil\u{202e}gnp.exe"), "evil\\u{202e}gnp.exe");
        assert_eq!(sanitize("zero\u{200b}width"), "zero\\u{200b}width");
    }
}
