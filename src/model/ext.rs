//! The extensions the layouts and `check` use, read by Java's rules (the
//! constructors of `sun.security.x509.*Extension` and `*Name`): what Java
//! cannot parse is an error here too, and the model then treats the extension
//! as absent, as Java does for a non-critical one. Written by hand: Java
//! refuses a whole subjectAltName for one GeneralName it cannot parse, and
//! accepts what x509-parser refuses (non-UTF-8 IA5 bytes, BER lengths).

use super::walk::{element, rdns, ReadError};
use super::{name, SanName};
use crate::model::name::AttrValue;

type R<T> = Result<T, ReadError>;

/// The one value an extnValue holds (Java's `new DerValue(extnValue)`: BER
/// lengths allowed, nothing after it).
fn whole_value<'a>(value: &'a [u8], what: &'static str) -> R<(u8, &'a [u8])> {
    let (tag, content, _, rest) = element(value, what)?;
    if !rest.is_empty() {
        return Err(ReadError::Invalid(
            "extra data at the end of the extension value",
        ));
    }
    Ok((tag, content))
}

/// subjectAltName: GeneralNames, all of them or an error.
pub fn subject_alt_names(value: &[u8]) -> R<Vec<SanName>> {
    let (tag, content) = whole_value(value, "SubjectAlternativeName")?;
    general_names(tag, content)
}

/// GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
fn general_names(tag: u8, content: &[u8]) -> R<Vec<SanName>> {
    if tag != 0x30 {
        return Err(ReadError::Invalid("invalid encoding for GeneralNames"));
    }
    if content.is_empty() {
        return Err(ReadError::Invalid("GeneralNames: no name"));
    }
    let mut names = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (tag, data, _, more) = element(rest, "GeneralName")?;
        rest = more;
        names.push(general_name(tag, data)?);
    }
    Ok(names)
}

/// One GeneralName, by its tag number as Java's `GeneralName(DerValue)` reads it.
fn general_name(tag: u8, data: &[u8]) -> R<SanName> {
    let context = tag & 0xc0 == 0x80;
    let constructed = tag & 0x20 != 0;
    let bad = |what| Err(ReadError::Invalid(what));
    Ok(match (tag & 0x1f, context, constructed) {
        (0, true, true) => {
            let (oid, value) = expect_oid(data)?;
            element(value, "otherName value")?;
            SanName::Other(oid)
        }
        (1, true, false) => SanName::Email(rfc822(data)?),
        (2, true, false) => SanName::Dns(name::ascii_lossy(data)),
        (3, true, true) => SanName::X400,
        (4, true, true) => SanName::Directory(directory_name(data)?),
        (5, true, true) => edi_party(data)?,
        (6, true, false) => {
            let text = name::ascii_lossy(data);
            if !crate::java::uri::uri_name_accepted(&text) {
                return bad("invalid URI name");
            }
            SanName::Uri(text)
        }
        (7, true, false) => SanName::Ip(ip_address(data)?),
        (8, true, false) => SanName::RegisteredId(
            crate::der::oid_to_string(data).map_err(|_| ReadError::Invalid("invalid OID name"))?,
        ),
        (0..=8, _, _) => return bad("invalid encoding of a GeneralName"),
        _ => return bad("unrecognized GeneralName tag"),
    })
}

fn expect_oid(data: &[u8]) -> R<(String, &[u8])> {
    let (tag, content, _, rest) = element(data, "OBJECT IDENTIFIER")?;
    if tag != 0x06 {
        return Err(ReadError::Tag("OBJECT IDENTIFIER", tag));
    }
    let oid = crate::der::oid_to_string(content)
        .map_err(|_| ReadError::Invalid("invalid OBJECT IDENTIFIER"))?;
    Ok((oid, rest))
}

/// rfc822Name: not empty, and not ending in `@` or in a domain of only `.`.
fn rfc822(data: &[u8]) -> R<name::Text> {
    let text = name::ascii_lossy(data);
    let domain = text.find('@').map_or(text.as_str(), |at| &text[at + 1..]);
    if text.is_empty() || domain.is_empty() || domain == "." {
        return Err(ReadError::Invalid("invalid RFC822 name"));
    }
    Ok(text)
}

/// directoryName: a Name; content that is not one SEQUENCE is read as the
/// Name's RDNs themselves (Java's `X500Name` retries it so).
fn directory_name(data: &[u8]) -> R<name::DistinguishedName> {
    match element(data, "directoryName") {
        Ok((0x30, inner, _, _)) => rdns(inner),
        _ => rdns(data),
    }
}

/// ediPartyName as JDK 17 reads it: only primitive `[0]`/`[1]` fields are
/// looked at, each holding a string value; RFC 5280's constructed (explicit)
/// fields are passed over, so the party shows as `null`.
fn edi_party(data: &[u8]) -> R<SanName> {
    let mut fields = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let (tag, content, _, more) = element(rest, "EDIPartyName")?;
        fields.push((tag, content));
        rest = more;
    }
    if fields.is_empty() || fields.len() > 2 {
        return Err(ReadError::Invalid("invalid encoding of EDIPartyName"));
    }
    let (mut assigner, mut party) = (None, None);
    for (mut tag, mut content) in fields {
        if tag == 0x80 {
            if assigner.is_some() {
                return Err(ReadError::Invalid("duplicate nameAssigner in EDIPartyName"));
            }
            let (t, c, _, _) = element(content, "EDIPartyName")?;
            (tag, content) = (t, c);
            assigner = as_string(t, c);
        }
        // Java tests the (possibly replaced) field again for the party.
        if tag == 0x81 {
            if party.is_some() {
                return Err(ReadError::Invalid("duplicate partyName in EDIPartyName"));
            }
            let (t, c, _, _) = element(content, "EDIPartyName")?;
            party = as_string(t, c);
        }
    }
    Ok(SanName::EdiParty(assigner, party))
}

/// `DerValue.getAsString()`: the text of a string type, else nothing.
fn as_string(tag: u8, content: &[u8]) -> Option<String> {
    match tag {
        0x0c | 0x13 | 0x14 | 0x16 | 0x1b | 0x1c | 0x1e => match name::decode_raw(tag, content) {
            AttrValue::Text(t) => Some(t.into_string()),
            AttrValue::Der(_) => None,
        },
        _ => None,
    }
}

/// iPAddress as Java's `IPAddressName(byte[])` keeps it: 4 or 8 octets
/// (IPv4, IPv4 and mask), 16 (IPv6; an IPv4-mapped one becomes IPv4) or 32
/// (IPv6 and mask; IPv4-mapped with a mapped mask becomes 8 octets).
fn ip_address(b: &[u8]) -> R<Vec<u8>> {
    let mapped = |a: &[u8]| a[..10].iter().all(|&x| x == 0) && a[10] == 0xff && a[11] == 0xff;
    Ok(match b.len() {
        4 | 8 => b.to_vec(),
        16 if mapped(b) => b[12..].to_vec(),
        16 => b.to_vec(),
        32 if mapped(&b[..16]) => {
            if b[16..28].iter().any(|&x| x != 0xff) {
                return Err(ReadError::Invalid("not an IPv4-mapped IPv6 mask"));
            }
            [&b[12..16], &b[28..32]].concat()
        }
        32 => b.to_vec(),
        _ => return Err(ReadError::Invalid("invalid IPAddressName")),
    })
}

/// keyUsage: a BIT STRING (Java also takes it wrapped in an OCTET STRING);
/// bit 0 is digitalSignature. Bits past the ninth are not kept.
pub fn key_usage(value: &[u8]) -> R<u16> {
    let (mut tag, mut content) = whole_value(value, "KeyUsage")?;
    if tag == 0x04 {
        (tag, content) = whole_value(content, "KeyUsage")?;
    }
    if tag != 0x03 {
        return Err(ReadError::Tag("KeyUsage", tag));
    }
    let (&unused, bits) = content
        .split_first()
        .ok_or(ReadError::Invalid("KeyUsage: zero length bit string"))?;
    if unused > 7 || (bits.is_empty() && unused > 0) {
        return Err(ReadError::Invalid(
            "KeyUsage: invalid number of padding bits",
        ));
    }
    let len = bits.len() * 8 - usize::from(unused);
    let mut flags = 0u16;
    for i in 0..len.min(9) {
        if bits[i / 8] & (0x80 >> (i % 8)) != 0 {
            flags |= 1 << i;
        }
    }
    Ok(flags)
}

/// subjectKeyIdentifier: an OCTET STRING.
pub fn subject_key_id(value: &[u8]) -> R<&[u8]> {
    match whole_value(value, "SubjectKeyIdentifier")? {
        (0x04, id) => Ok(id),
        (tag, _) => Err(ReadError::Tag("SubjectKeyIdentifier", tag)),
    }
}

/// authorityKeyIdentifier: SEQUENCE { [0] keyIdentifier, [1] GeneralNames,
/// [2] serial }, each at most once; the keyIdentifier when present.
pub fn authority_key_id(value: &[u8]) -> R<Option<&[u8]>> {
    let (tag, mut rest) = whole_value(value, "AuthorityKeyIdentifier")?;
    if tag != 0x30 {
        return Err(ReadError::Tag("AuthorityKeyIdentifier", tag));
    }
    let (mut id, mut names, mut serial) = (None, false, false);
    while !rest.is_empty() {
        let (tag, content, _, more) = element(rest, "AuthorityKeyIdentifier")?;
        rest = more;
        match tag {
            0x80 if id.is_none() => id = Some(content),
            0xa1 if !names => {
                general_names(0x30, content)?;
                names = true;
            }
            0x82 if !serial && !content.is_empty() => serial = true,
            _ => {
                return Err(ReadError::Invalid(
                    "invalid encoding of AuthorityKeyIdentifier",
                ))
            }
        }
    }
    Ok(id)
}

/// basicConstraints: SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLen INTEGER
/// OPTIONAL }; a first element that is not a BOOLEAN ends it (Java reads
/// such a certificate as no CA). A negative pathLen is kept as Java keeps it.
pub fn basic_constraints(value: &[u8]) -> R<(bool, Option<i64>)> {
    let (tag, content) = whole_value(value, "BasicConstraints")?;
    if tag != 0x30 {
        return Err(ReadError::Tag("BasicConstraints", tag));
    }
    if content.is_empty() {
        return Ok((false, None));
    }
    let (tag, flag, _, rest) = element(content, "BasicConstraints")?;
    if tag != 0x01 {
        return Ok((false, None));
    }
    let ca = match flag {
        [b] => *b != 0,
        _ => return Err(ReadError::Invalid("BasicConstraints: invalid BOOLEAN")),
    };
    if rest.is_empty() {
        return Ok((ca, None));
    }
    match element(rest, "BasicConstraints")? {
        (0x02, n @ [_, ..], _, _) if n.len() <= 4 => {
            let v = n
                .iter()
                .fold(i64::from(n[0] as i8) >> 8, |a, &b| a << 8 | i64::from(b));
            Ok((ca, Some(v)))
        }
        _ => Err(ReadError::Invalid("invalid encoding of BasicConstraints")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_usage_bits() {
        assert_eq!(key_usage(&[0x03, 0x02, 0x07, 0x80]), Ok(1));
        assert_eq!(key_usage(&[0x03, 0x02, 0x05, 0xa0]), Ok(0b101));
        assert_eq!(
            key_usage(&[0x03, 0x03, 0x07, 0x80, 0x80]),
            Ok(0b1_0000_0001)
        );
        assert!(key_usage(&[0x03, 0x00]).is_err());
        assert!(key_usage(&[0x04, 0x01, 0x00]).is_err());
    }

    #[test]
    fn path_len_is_signed() {
        let bc = [0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0xff];
        assert_eq!(basic_constraints(&bc), Ok((true, Some(-1))));
        let bc = [0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x03];
        assert_eq!(basic_constraints(&bc), Ok((true, Some(3))));
        assert_eq!(
            basic_constraints(&[0x30, 0x03, 0x02, 0x01, 0x03]),
            Ok((false, None))
        );
    }

    #[test]
    fn ip_lengths() {
        assert!(ip_address(&[1; 5]).is_err());
        assert_eq!(ip_address(&[1, 2, 3, 4]).unwrap(), [1, 2, 3, 4]);
        let mut mapped = vec![0u8; 10];
        mapped.extend([0xff, 0xff, 192, 0, 2, 1]);
        assert_eq!(ip_address(&mapped).unwrap(), [192, 0, 2, 1]);
    }
}
