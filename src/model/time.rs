//! UTCTime and GeneralizedTime as Java reads them (`sun.security.util.DerValue`):
//! seconds optional, a fraction of any length after `.` or `,` (milliseconds
//! kept), `Z` or a `+hhmm`/`-hhmm` offset, and a day past the month's end
//! rolled over as Java's lenient Gregorian calendar does (Feb 29 2025 is
//! Mar 1). Written by hand: no crate reads these forms as Java does, and
//! x509-parser refuses several that real certificates carry.

use thiserror::Error;

/// Why a time could not be read (Java's wording).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TimeError {
    /// Not UTCTime (0x17) or GeneralizedTime (0x18).
    #[error("a validity date is neither UTCTime nor GeneralizedTime (tag 0x{0:02x})")]
    NotATime(u8),
    /// A length Java refuses (UTCTime 11–17 octets, GeneralizedTime at least 13).
    #[error("{0} time: length error")]
    Length(&'static str),
    /// A character or field out of range.
    #[error("{0} time: invalid format")]
    Format(&'static str),
    /// A fraction with no digit or that runs to the end.
    #[error("{0} time: invalid fractional part")]
    Fraction(&'static str),
    /// Neither `Z` nor `+hhmm`/`-hhmm` at the end.
    #[error("{0} time: invalid offset")]
    Offset(&'static str),
}

/// Milliseconds since the epoch of a UTCTime or GeneralizedTime value.
pub fn epoch_ms(tag: u8, content: &[u8]) -> Result<i64, TimeError> {
    let (kind, generalized) = match tag {
        0x17 => ("UTC", false),
        0x18 => ("Generalized", true),
        t => return Err(TimeError::NotATime(t)),
    };
    let n = content.len();
    if (generalized && n < 13) || (!generalized && !(11..=17).contains(&n)) {
        return Err(TimeError::Length(kind));
    }
    let mut p = Cursor {
        b: content,
        pos: 0,
        kind,
    };
    let year = if generalized {
        p.digits(4)?
    } else {
        match p.digits(2)? {
            y if y < 50 => 2000 + y,
            y => 1900 + y,
        }
    };
    let (month, day, hour, minute) = (p.digits(2)?, p.digits(2)?, p.digits(2)?, p.digits(2)?);
    let (mut second, mut millis) = (0, 0);
    if n - p.pos > 2 {
        second = p.digits(2)?;
        if generalized && matches!(p.peek(), Some(b'.' | b',')) {
            millis = p.fraction()?;
        }
    }
    if month == 0 || day == 0 || month > 12 || day > 31 || hour >= 24 || minute >= 60 {
        return Err(TimeError::Format(kind));
    }
    if second >= 60 {
        return Err(TimeError::Format(kind));
    }
    let days = days_from_civil(year, month) + day - 1;
    let local = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
    Ok(local - p.offset_ms()?)
}

/// Days from 1970-01-01 to the first of `month` in `year` (proleptic Gregorian).
fn days_from_civil(year: i64, month: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
    kind: &'static str,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn digit(&mut self) -> Result<i64, TimeError> {
        match self.peek() {
            Some(c @ b'0'..=b'9') => {
                self.pos += 1;
                Ok(i64::from(c - b'0'))
            }
            _ => Err(TimeError::Format(self.kind)),
        }
    }

    fn digits(&mut self, n: usize) -> Result<i64, TimeError> {
        (0..n).try_fold(0, |v, _| Ok(v * 10 + self.digit()?))
    }

    /// `.ddd…` up to `Z`, `+` or `-`: every digit checked, milliseconds kept.
    fn fraction(&mut self) -> Result<i64, TimeError> {
        self.pos += 1;
        let mut millis = 0;
        let mut precision = 0;
        while !matches!(self.peek(), Some(b'Z' | b'+' | b'-')) {
            if self.pos + 1 >= self.b.len() {
                return Err(TimeError::Fraction(self.kind));
            }
            let d = self.digit()?;
            precision += 1;
            millis += match precision {
                1 => 100 * d,
                2 => 10 * d,
                3 => d,
                _ => 0,
            };
        }
        if precision == 0 {
            return Err(TimeError::Fraction(self.kind));
        }
        Ok(millis)
    }

    /// `Z` (0) or `+hhmm` / `-hhmm`, ending the value.
    fn offset_ms(&mut self) -> Result<i64, TimeError> {
        let left = self.b.len() - self.pos;
        let sign = match (self.peek(), left) {
            (Some(b'Z'), 1) => return Ok(0),
            (Some(b'+'), 5) => 1,
            (Some(b'-'), 5) => -1,
            (Some(b'Z'), 5) => return Err(TimeError::Format(self.kind)),
            _ => return Err(TimeError::Offset(self.kind)),
        };
        self.pos += 1;
        let (h, m) = (self.digits(2)?, self.digits(2)?);
        if h >= 24 || m >= 60 {
            return Err(TimeError::Offset(self.kind));
        }
        Ok(sign * (h * 60 + m) * 60_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gt(s: &str) -> Result<i64, TimeError> {
        epoch_ms(0x18, s.as_bytes())
    }

    fn utc(s: &str) -> Result<i64, TimeError> {
        epoch_ms(0x17, s.as_bytes())
    }

    // 2025-01-01T00:00:00Z
    const Y2025: i64 = 1_735_689_600_000;

    #[test]
    fn the_forms_java_reads() {
        assert_eq!(utc("250101000000Z"), Ok(Y2025));
        assert_eq!(utc("2501010000Z"), Ok(Y2025));
        assert_eq!(gt("20250101000000Z"), Ok(Y2025));
        assert_eq!(gt("202501010000Z"), Ok(Y2025));
        assert_eq!(gt("20250101000000.123456789Z"), Ok(Y2025 + 123));
        assert_eq!(gt("20250101000000,5Z"), Ok(Y2025 + 500));
        assert_eq!(gt("20250101000000+0130"), Ok(Y2025 - 90 * 60_000));
        assert_eq!(gt("20250101000000-0800"), Ok(Y2025 + 8 * 3_600_000));
        assert_eq!(gt("20250101000000.25+0100"), Ok(Y2025 + 250 - 3_600_000));
        assert_eq!(utc("250101000000+0100"), Ok(Y2025 - 3_600_000));
        // Lenient calendar: Feb 29 of a common year is Mar 1; Apr 31 is May 1.
        assert_eq!(gt("20250229120000Z"), gt("20250301120000Z"));
        assert_eq!(gt("20250431000000Z"), gt("20250501000000Z"));
        assert_eq!(utc("491231235959Z"), Ok(2_524_607_999_000));
        assert_eq!(utc("500101000000Z"), Ok(-631_152_000_000));
        assert_eq!(gt("00010101000000Z"), Ok(-62_135_596_800_000));
        assert_eq!(gt("99991231235959Z"), Ok(253_402_300_799_000));
    }

    #[test]
    fn the_forms_java_refuses() {
        for s in [
            "20250100000000Z",
            "20251301000000Z",
            "20250101240000Z",
            "20250101235960Z",
            "20250101000000",
            "2025010100000Z",
            "20250101000000.Z",
            "20250101000000.5",
            "20250101000000Z0",
            "20250101000000+2400",
            "2025a101000000Z",
        ] {
            assert!(gt(s).is_err(), "{s}");
        }
        for s in [
            "250101000000",
            "2501010000-0500",
            "25010100Z",
            "2501010000000000Z",
        ] {
            assert!(utc(s).is_err(), "{s}");
        }
        assert_eq!(epoch_ms(0x04, b"x"), Err(TimeError::NotATime(4)));
    }
}
