//! `URIName` acceptance as Java 17 decides it, hand-written because no crate parses URIs as `java.net.URI` does.

/// A character class: a 128-bit mask over US-ASCII, with bit 0 (NUL, which
/// never matches) standing for "escaped octets and visible non-ASCII chars".
#[derive(Clone, Copy)]
struct Class {
    low: u64,
    high: u64,
}

impl Class {
    const fn of(chars: &[u8]) -> Class {
        let mut class = Class { low: 0, high: 0 };
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c < 64 {
                class.low |= 1 << c;
            } else {
                class.high |= 1 << (c - 64);
            }
            i += 1;
        }
        class
    }

    const fn range(first: u8, last: u8) -> Class {
        let mut class = Class { low: 0, high: 0 };
        let mut c = first;
        while c <= last {
            class = class.or(Class::of(&[c]));
            c += 1;
        }
        class
    }

    const fn or(self, other: Class) -> Class {
        Class {
            low: self.low | other.low,
            high: self.high | other.high,
        }
    }

    fn matches(self, c: u16) -> bool {
        match c {
            0 => false,
            1..=63 => self.low & (1 << c) != 0,
            64..=127 => self.high & (1 << (c - 64)) != 0,
            _ => false,
        }
    }

    fn allows_escapes(self) -> bool {
        self.low & 1 != 0
    }
}

const DIGIT: Class = Class::range(b'0', b'9');
const ALPHA: Class = Class::range(b'A', b'Z').or(Class::range(b'a', b'z'));
const ALPHANUM: Class = ALPHA.or(DIGIT);
const HEX: Class = DIGIT
    .or(Class::range(b'A', b'F'))
    .or(Class::range(b'a', b'f'));
const UNRESERVED: Class = ALPHANUM.or(Class::of(b"-_.!~*'()"));
const ESCAPED: Class = Class { low: 1, high: 0 };
const URIC: Class = Class::of(b";/?:@&=+$,[]").or(UNRESERVED).or(ESCAPED);
const PATH: Class = UNRESERVED
    .or(ESCAPED)
    .or(Class::of(b":@&=+$,"))
    .or(Class::of(b";/"));
const DASH: Class = Class::of(b"-");
const DOT: Class = Class::of(b".");
const USERINFO: Class = UNRESERVED.or(ESCAPED).or(Class::of(b";:&=+$,"));
const REG_NAME: Class = UNRESERVED.or(ESCAPED).or(Class::of(b"$,;:@&=+"));
const SERVER: Class = USERINFO.or(ALPHANUM).or(DASH).or(Class::of(b".:@[]"));
const SERVER_PERCENT: Class = SERVER.or(Class::of(b"%"));
const SCHEME: Class = ALPHA.or(DIGIT).or(Class::of(b"+-."));
const SCOPE_ID: Class = ALPHANUM.or(Class::of(b"_."));

/// Why a parse stopped: a `URISyntaxException`, or a `NumberFormatException`
/// (an IPv4 part too big for an `int`), which only some callers catch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fail {
    Syntax,
    Number,
}

type Res<T> = Result<T, Fail>;

/// Whether `sun.security.x509.URIName(name)` (Java 17) accepts `name`.
///
/// `name` is the IA5String as Java decodes it (bytes from 0x80 up become
/// U+FFFD), but any string gets Java's answer. Two answers of Java's depend
/// on the machine, and this gives the answer of a machine where the look-up
/// fails: a host that is no DNS name for `DNSName` (ends in `.`, or is
/// longer than 253 chars or has a label over 63) is looked up in the DNS,
/// and an IPv6 scope id that is not a decimal `int` is looked up among the
/// network interfaces; both count as rejected here.
pub fn uri_name_accepted(name: &str) -> bool {
    let units: Vec<u16> = name.encode_utf16().collect();
    let mut parser = Parser {
        s: &units,
        scheme: false,
        host: None,
    };
    if parser.parse().is_err() || !parser.scheme {
        return false;
    }
    match parser.host {
        None => true,
        Some((start, end)) => host_accepted(&units[start..end]),
    }
}

/// `URIName`'s check of a server-based host (always ASCII here).
fn host_accepted(host: &[u16]) -> bool {
    let host: String = host.iter().map(|&u| char::from(u as u8)).collect();
    match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(literal) => ipv6_literal_accepted(literal),
        // The IPv4 fallback of `IPAddressName` only ever sees host names
        // that are no IPv4 literal; `InetAddress` then asks the DNS.
        None => dns_name_valid(&host),
    }
}

/// `sun.security.x509.DNSName(String)` without wildcards.
fn dns_name_valid(name: &str) -> bool {
    if name.is_empty() || name.contains(' ') || name.starts_with('.') || name.ends_with('.') {
        return false;
    }
    if name.encode_utf16().count() > 253 {
        return false;
    }
    name.split('.').all(|label| {
        !label.is_empty()
            && label.encode_utf16().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

/// `InetAddress.getByName` on the inside of a URI's `[...]` host, which
/// `java.net.URI` has already checked as an IPv6 address with an optional
/// `%` scope id of alphanumerics, `_` and `.`.
fn ipv6_literal_accepted(literal: &str) -> bool {
    let (address, zone) = match literal.split_once('%') {
        Some((address, zone)) => (address, Some(zone)),
        None => (literal, None),
    };
    let Some(bytes) = ipv6_bytes(address) else {
        return false;
    };
    match zone {
        None => true,
        // An IPv4-mapped address becomes an `Inet4Address`, which has no zone.
        Some(_) if is_ipv4_mapped(&bytes) => false,
        Some(zone) => numeric_zone(zone).is_some(),
    }
}

/// The zone as `InetAddress` reads a number: ASCII digits, no overflow.
fn numeric_zone(zone: &str) -> Option<i32> {
    zone.bytes().try_fold(0i32, |acc, b| {
        let digit = char::from(b).to_digit(10)?;
        acc.checked_mul(10)?.checked_add(digit as i32)
    })
}

fn is_ipv4_mapped(bytes: &[u8; 16]) -> bool {
    bytes[..10].iter().all(|&b| b == 0) && bytes[10] == 0xff && bytes[11] == 0xff
}

/// `IPAddressUtil.textToNumericFormatV6` without the zone: hex groups up to
/// 0xffff, at most one `::`, and an optional dotted quad at the end (three
/// dots, at most 15 chars, each part a decimal byte).
fn ipv6_bytes(text: &str) -> Option<[u8; 16]> {
    if text.len() < 2 {
        return None;
    }
    let b = text.as_bytes();
    let mut out = [0u8; 16];
    let (mut i, mut j) = (0, 0);
    let mut gap = None;
    if b[0] == b':' {
        if b[1] != b':' {
            return None;
        }
        i = 1;
    }
    let mut token = i;
    let mut value: u32 = 0;
    let mut saw_digit = false;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if let Some(d) = char::from(c).to_digit(16) {
            value = (value << 4) | d;
            if value > 0xffff {
                return None;
            }
            saw_digit = true;
        } else if c == b':' {
            token = i;
            if !saw_digit {
                if gap.is_some() {
                    return None;
                }
                gap = Some(j);
                continue;
            }
            if i == b.len() || j + 2 > 16 {
                return None;
            }
            out[j..j + 2].copy_from_slice(&(value as u16).to_be_bytes());
            j += 2;
            saw_digit = false;
            value = 0;
        } else if c == b'.' && j + 4 <= 16 {
            let quad = &text[token..];
            if quad.matches('.').count() != 3 {
                return None;
            }
            out[j..j + 4].copy_from_slice(&dotted_quad(quad)?);
            j += 4;
            saw_digit = false;
            break;
        } else {
            return None;
        }
    }
    if saw_digit {
        if j + 2 > 16 {
            return None;
        }
        out[j..j + 2].copy_from_slice(&(value as u16).to_be_bytes());
        j += 2;
    }
    if let Some(gap) = gap {
        if j == 16 {
            return None;
        }
        let tail = j - gap;
        out.copy_within(gap..j, 16 - tail);
        out[gap..16 - tail].fill(0);
        j = 16;
    }
    (j == 16).then_some(out)
}

/// `IPAddressUtil.textToNumericFormatV4` for four parts.
fn dotted_quad(text: &str) -> Option<[u8; 4]> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let mut out = [0u8; 4];
    let mut parts = text.split('.');
    for byte in &mut out {
        let part = parts.next()?;
        if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        *byte = part.parse::<u32>().ok().filter(|&v| v <= 255)? as u8;
    }
    parts.next().is_none().then_some(out)
}

/// `Character.isSpaceChar` (Unicode 13 Zs, Zl, Zp) for one UTF-16 unit.
fn is_space_char(c: u16) -> bool {
    matches!(
        c,
        0x20 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000
    )
}

/// `Character.isISOControl` for one UTF-16 unit.
fn is_iso_control(c: u16) -> bool {
    c <= 0x1f || (0x7f..=0x9f).contains(&c)
}

/// `java.net.URI`'s parser over UTF-16 units; `[p, n)` intervals as in Java.
struct Parser<'a> {
    s: &'a [u16],
    scheme: bool,
    /// The server-based host, brackets included, as a range of `s`.
    host: Option<(usize, usize)>,
}

impl Parser<'_> {
    fn at(&self, p: usize, n: usize, c: u8) -> bool {
        p < n && self.s[p] == u16::from(c)
    }

    fn at_double_colon(&self, p: usize, n: usize) -> bool {
        self.at(p, n, b':') && self.at(p + 1, n, b':')
    }

    /// The first position in `[p, n)` holding one of `stop`, or `n`.
    fn scan_to(&self, p: usize, n: usize, stop: &[u8]) -> usize {
        (p..n)
            .find(|&i| stop.iter().any(|&c| self.s[i] == u16::from(c)))
            .unwrap_or(n)
    }

    /// Like [`Parser::scan_to`], but `None` if one of `err` comes first.
    fn scan_to_unless(&self, p: usize, n: usize, err: &[u8], stop: &[u8]) -> Option<usize> {
        let q = self.scan_to(p, n, &[err, stop].concat());
        match q < n && err.iter().any(|&c| self.s[q] == u16::from(c)) {
            true => None,
            false => Some(q),
        }
    }

    fn scan_char(&self, p: usize, n: usize, c: u8) -> usize {
        if self.at(p, n, c) {
            p + 1
        } else {
            p
        }
    }

    /// One `%hh` escape or visible non-ASCII char at `p`, if there is one.
    fn scan_escape(&self, p: usize, n: usize) -> Res<usize> {
        let c = self.s[p];
        if c == u16::from(b'%') {
            if p + 3 <= n && HEX.matches(self.s[p + 1]) && HEX.matches(self.s[p + 2]) {
                return Ok(p + 3);
            }
            return Err(Fail::Syntax);
        }
        if c > 128 && !is_space_char(c) && !is_iso_control(c) {
            return Ok(p + 1);
        }
        Ok(p)
    }

    /// The end of the run of `class` chars from `p`; a bad escape fails.
    fn scan(&self, mut p: usize, n: usize, class: Class) -> Res<usize> {
        while p < n {
            if class.matches(self.s[p]) {
                p += 1;
                continue;
            }
            if class.allows_escapes() {
                let q = self.scan_escape(p, n)?;
                if q > p {
                    p = q;
                    continue;
                }
            }
            break;
        }
        Ok(p)
    }

    fn check(&self, p: usize, n: usize, class: Class) -> Res<()> {
        match self.scan(p, n, class)? < n {
            true => Err(Fail::Syntax),
            false => Ok(()),
        }
    }

    /// `[scheme:]scheme-specific-part[#fragment]`
    fn parse(&mut self) -> Res<()> {
        let n = self.s.len();
        let mut p = match self.scan_to_unless(0, n, b"/?#", b":") {
            Some(colon) if self.at(colon, n, b':') => {
                if colon == 0 {
                    return Err(Fail::Syntax);
                }
                self.check(0, 1, ALPHA)?;
                self.check(1, colon, SCHEME)?;
                self.scheme = true;
                let p = colon + 1;
                if self.at(p, n, b'/') {
                    self.parse_hierarchical(p, n)?
                } else {
                    let q = self.scan_to(p, n, b"#");
                    if q <= p {
                        return Err(Fail::Syntax);
                    }
                    self.check(p, q, URIC)?;
                    q
                }
            }
            _ => self.parse_hierarchical(0, n)?,
        };
        if self.at(p, n, b'#') {
            self.check(p + 1, n, URIC)?;
            p = n;
        }
        match p < n {
            true => Err(Fail::Syntax),
            false => Ok(()),
        }
    }

    /// `[//authority]path[?query]`; the authority may be empty before a
    /// path, query or fragment, and the path may be empty.
    fn parse_hierarchical(&mut self, mut p: usize, n: usize) -> Res<usize> {
        if self.at(p, n, b'/') && self.at(p + 1, n, b'/') {
            p += 2;
            let q = self.scan_to(p, n, b"/?#");
            if q > p {
                p = self.parse_authority(p, q)?;
            } else if q >= n {
                return Err(Fail::Syntax);
            }
        }
        let q = self.scan_to(p, n, b"?#");
        self.check(p, q, PATH)?;
        p = q;
        if self.at(p, n, b'?') {
            p += 1;
            let q = self.scan_to(p, n, b"#");
            self.check(p, q, URIC)?;
            p = q;
        }
        Ok(p)
    }

    /// A server-based authority if the whole of it parses as one, else a
    /// registry-based one (which has no host).
    fn parse_authority(&mut self, p: usize, n: usize) -> Res<usize> {
        // Java means "contains an IPv6 literal", but tests for "does not
        // start with ']'", so '%' is nearly always a plain server char.
        let server_class = match self.scan_to(p, n, b"]") > p {
            true => SERVER_PERCENT,
            false => SERVER,
        };
        let server_chars = self.scan(p, n, server_class)? == n;
        let reg_chars = self.scan(p, n, REG_NAME)? == n;
        if reg_chars && !server_chars {
            return Ok(n);
        }
        let mut error = None;
        if server_chars {
            match self.parse_server(p, n, reg_chars) {
                Ok(q) if q == n => return Ok(n),
                Ok(_) => error = Some(Fail::Syntax),
                Err(Fail::Syntax) => error = Some(Fail::Syntax),
                Err(Fail::Number) => return Err(Fail::Number),
            }
            self.host = None;
        }
        match reg_chars {
            true => Ok(n),
            false => Err(error.unwrap_or(Fail::Syntax)),
        }
    }

    /// `[userinfo@]host[:port]`; with `lenient`, a host that stops short of
    /// the end returns its end instead of failing.
    fn parse_server(&mut self, mut p: usize, n: usize, lenient: bool) -> Res<usize> {
        if let Some(q) = self.scan_to_unless(p, n, b"/?#", b"@") {
            if self.at(q, n, b'@') {
                self.check(p, q, USERINFO)?;
                p = q + 1;
            }
        }
        if self.at(p, n, b'[') {
            p += 1;
            let q = self.scan_to_unless(p, n, b"/?#", b"]");
            let q = match q {
                Some(q) if q > p && self.at(q, n, b']') => q,
                _ => return Err(Fail::Syntax),
            };
            let r = self.scan_to(p, q, b"%");
            if r > p {
                self.parse_ipv6(p, r)?;
                if r + 1 == q {
                    return Err(Fail::Syntax);
                }
                self.check(r + 1, q, SCOPE_ID)?;
            } else {
                self.parse_ipv6(p, q)?;
            }
            self.host = Some((p - 1, q + 1));
            p = q + 1;
        } else {
            p = match self.parse_ipv4(p, n) {
                Some(q) => q,
                None => self.parse_hostname(p, n, lenient)?,
            };
        }
        if self.at(p, n, b':') {
            p += 1;
            let q = self.scan_to(p, n, b"/");
            if q > p {
                self.check(p, q, DIGIT)?;
                parse_int(&self.s[p..q]).ok_or(Fail::Syntax)?;
                p = q;
            }
        } else if p < n && lenient {
            return Ok(p);
        }
        match p < n {
            true => Err(Fail::Syntax),
            false => Ok(p),
        }
    }

    /// The end of a run of digits from `p` if its value fits in a byte, else
    /// `p`; a value too big for an `int` is a `NumberFormatException`.
    fn scan_byte(&self, p: usize, n: usize) -> Res<usize> {
        let q = self.scan(p, n, DIGIT)?;
        if q <= p {
            return Ok(q);
        }
        match parse_int(&self.s[p..q]).ok_or(Fail::Number)? > 255 {
            true => Ok(p),
            false => Ok(q),
        }
    }

    /// A dotted quad from `p`: `None` if `[p, n)` does not start with a
    /// digit or dot (or, when `strict`, is not all digits and dots);
    /// otherwise the digits and dots there must be exactly the quad.
    fn scan_ipv4(&self, start: usize, n: usize, strict: bool) -> Res<Option<usize>> {
        let m = self.scan(start, n, DIGIT.or(DOT))?;
        if m <= start || (strict && m != n) {
            return Ok(None);
        }
        let mut p = start;
        for part in 0..4 {
            if part > 0 {
                let q = self.scan_char(p, m, b'.');
                if q <= p {
                    return Err(Fail::Syntax);
                }
                p = q;
            }
            let q = self.scan_byte(p, m)?;
            if q <= p {
                return Err(Fail::Syntax);
            }
            p = q;
        }
        match p < m {
            true => Err(Fail::Syntax),
            false => Ok(Some(p)),
        }
    }

    /// A dotted quad that is all of `[p, n)`.
    fn take_ipv4(&self, p: usize, n: usize) -> Res<usize> {
        self.scan_ipv4(p, n, true)?.ok_or(Fail::Syntax)
    }

    /// An IPv4 host, followed by nothing or by `:`; any failure is `None`.
    fn parse_ipv4(&mut self, p: usize, n: usize) -> Option<usize> {
        let q = self.scan_ipv4(p, n, false).ok()??;
        if q < n && self.s[q] != u16::from(b':') {
            return None;
        }
        self.host = Some((p, q));
        Some(q)
    }

    /// Labels of alphanumerics and inner hyphens, joined by single dots,
    /// with an optional final dot; the last label of several must start
    /// with a letter.
    fn parse_hostname(&mut self, start: usize, n: usize, lenient: bool) -> Res<usize> {
        let mut p = start;
        let mut last_label = None;
        loop {
            let q = self.scan(p, n, ALPHANUM)?;
            if q <= p {
                break;
            }
            last_label = Some(p);
            p = q;
            let q = self.scan(p, n, ALPHANUM.or(DASH))?;
            if q > p {
                if self.s[q - 1] == u16::from(b'-') {
                    return Err(Fail::Syntax);
                }
                p = q;
            }
            let q = self.scan_char(p, n, b'.');
            if q <= p {
                break;
            }
            p = q;
            if p >= n {
                break;
            }
        }
        if p < n && !self.at(p, n, b':') {
            return if lenient { Ok(p) } else { Err(Fail::Syntax) };
        }
        let label = last_label.ok_or(Fail::Syntax)?;
        if label > start && !ALPHA.matches(self.s[label]) {
            return Err(Fail::Syntax);
        }
        self.host = Some((start, p));
        Ok(p)
    }

    /// An IPv6 address per RFC 2373, also allowing `::1.2.3.4`: 16 bytes
    /// without `::`, fewer with it.
    fn parse_ipv6(&self, start: usize, n: usize) -> Res<usize> {
        let mut bytes = 0;
        let mut p = start;
        let mut compressed = false;
        match self.scan_hex_seq(p, n, &mut bytes)? {
            Some(q) => {
                p = q;
                if self.at_double_colon(p, n) {
                    compressed = true;
                    p = self.scan_hex_post(p + 2, n, &mut bytes)?;
                } else if self.at(p, n, b':') {
                    p = self.take_ipv4(p + 1, n)?;
                    bytes += 4;
                }
            }
            None if self.at_double_colon(p, n) => {
                compressed = true;
                p = self.scan_hex_post(p + 2, n, &mut bytes)?;
            }
            None => {}
        }
        let well_sized = match compressed {
            true => bytes < 16,
            false => bytes == 16,
        };
        match p < n || !well_sized {
            true => Err(Fail::Syntax),
            false => Ok(p),
        }
    }

    /// What may follow `::`: nothing, hex groups, hex groups and a dotted
    /// quad, or a dotted quad.
    fn scan_hex_post(&self, p: usize, n: usize, bytes: &mut u32) -> Res<usize> {
        if p == n {
            return Ok(p);
        }
        let q = match self.scan_hex_seq(p, n, bytes)? {
            Some(q) if self.at(q, n, b':') => self.take_ipv4(q + 1, n)?,
            Some(q) => return Ok(q),
            None => self.take_ipv4(p, n)?,
        };
        *bytes += 4;
        Ok(q)
    }

    /// Hex groups of one to four digits joined by single colons, stopping
    /// before `::` or before a group that begins a dotted quad; `None` if
    /// there is no first group or it begins a dotted quad.
    fn scan_hex_seq(&self, mut p: usize, n: usize, bytes: &mut u32) -> Res<Option<usize>> {
        let q = self.scan(p, n, HEX)?;
        if q <= p || self.at(q, n, b'.') {
            return Ok(None);
        }
        if q > p + 4 {
            return Err(Fail::Syntax);
        }
        *bytes += 2;
        p = q;
        while self.at(p, n, b':') && !self.at(p + 1, n, b':') {
            p += 1;
            let q = self.scan(p, n, HEX)?;
            if q <= p {
                return Err(Fail::Syntax);
            }
            if self.at(q, n, b'.') {
                p -= 1;
                break;
            }
            if q > p + 4 {
                return Err(Fail::Syntax);
            }
            *bytes += 2;
            p = q;
        }
        Ok(Some(p))
    }
}

/// `Integer.parseInt` of ASCII digits: `None` past `i32::MAX`.
fn parse_int(digits: &[u16]) -> Option<i32> {
    digits.iter().try_fold(0i32, |acc, &d| {
        acc.checked_mul(10)?
            .checked_add(i32::from(d) - i32::from(b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Undoes the oracle's `\uXXXX` escapes (one per UTF-16 unit).
    fn unescape(field: &str) -> String {
        let mut units = Vec::new();
        let mut rest = field;
        while let Some(i) = rest.find("\\u") {
            units.extend(rest[..i].encode_utf16());
            let hex = &rest[i + 2..i + 6];
            units.push(u16::from_str_radix(hex, 16).expect("four hex digits"));
            rest = &rest[i + 6..];
        }
        units.extend(rest.encode_utf16());
        String::from_utf16(&units).expect("paired surrogates")
    }

    #[test]
    fn agrees_with_java() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/expected/java-uri/uri-names.tsv"
        );
        let text = std::fs::read_to_string(path).expect("read uri-names.tsv");
        let mut wrong = Vec::new();
        let mut count = 0;
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (verdict, field) = line.split_once('\t').expect("verdict<TAB>string");
            let expected = match verdict {
                "accepted" => true,
                "rejected" => false,
                other => panic!("bad verdict {other:?}"),
            };
            let name = unescape(field);
            count += 1;
            if uri_name_accepted(&name) != expected {
                wrong.push(format!("{verdict}\t{field}"));
            }
        }
        assert!(count >= 300, "only {count} cases");
        assert!(
            wrong.is_empty(),
            "{} disagree:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    #[test]
    fn masks_match_java_constants() {
        // The values `javap` shows for URI$Parser's path, query and
        // authority scans (Java's longs, as two's complement).
        assert_eq!(PATH.low, 3458764316252045313);
        assert_eq!(PATH.high, 5188146764422578175);
        assert_eq!(URIC.low as i64, -5764607720602730495);
        assert_eq!(URIC.high, 5188146765093666815);
        assert_eq!(SERVER_PERCENT.low, 3458623716202643457);
        assert_eq!(SERVER.low, 3458623578763689985);
        assert_eq!(SERVER.high, 5188146765093666815);
        assert_eq!(REG_NAME.low, 3458623578763689985);
        assert_eq!(REG_NAME.high, 5188146764422578175);
    }

    #[test]
    fn examples() {
        assert!(uri_name_accepted("http://crl.example.com/ca.crl"));
        assert!(uri_name_accepted("urn:isbn:0451450523"));
        assert!(uri_name_accepted("http://a_b.com/")); // registry-based: no host
        assert!(!uri_name_accepted("//example.com/"));
        // Java looks the interface up; this answers as where none exists.
        assert!(!uri_name_accepted("http://[fe80::1%nosuchif0]/"));
        assert!(!uri_name_accepted("http://[::1.2.3.99999999999]/"));
    }
}
