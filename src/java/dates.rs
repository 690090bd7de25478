//! `java.util.Date.toString()` and keytool's MEDIUM date from an instant
//! and the offset Java applies there: Java's calendar (Julian before
//! 1582-10-15, era years), its month and weekday names. Pure: no I/O.

use super::values::push_decimal;

/// `GregorianCalendar.DEFAULT_GREGORIAN_CUTOVER`: 1582-10-15T00:00:00Z in ms.
const GREGORIAN_CUTOVER_MS: i128 = -12_219_292_800_000;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `EEE MMM dd HH:mm:ss zzz yyyy`, with `name` as `zzz` (digits written by
/// hand, not with `format!`: this runs for every date of a large bundle).
pub(super) fn push_date(out: &mut String, epoch_ms: i64, offset_secs: i32, name: &str) {
    fn two(out: &mut String, v: u32) {
        out.push(char::from(b'0' + (v / 10 % 10) as u8));
        out.push(char::from(b'0' + (v % 10) as u8));
    }
    let f = Fields::new(epoch_ms, offset_secs);
    out.push_str(WEEKDAYS[f.weekday]);
    out.push(' ');
    out.push_str(MONTHS[f.month]);
    out.push(' ');
    two(out, f.day);
    out.push(' ');
    two(out, f.hour);
    out.push(':');
    two(out, f.minute);
    out.push(':');
    two(out, f.second);
    out.push(' ');
    out.push_str(name);
    out.push(' ');
    push_decimal(out, f.year.unsigned_abs());
}

/// `DateFormat` MEDIUM in `Locale.US`: `Jan 1, 2019` (day not padded).
pub(super) fn medium_date(epoch_ms: i64, offset_secs: i32) -> String {
    let f = Fields::new(epoch_ms, offset_secs);
    format!("{} {}, {}", MONTHS[f.month], f.day, f.year)
}

/// The local date and time fields that Java prints.
struct Fields {
    /// Era year as Java prints it (`2` for 2 BC).
    year: i64,
    /// 0-based.
    month: usize,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// 0 = Sunday.
    weekday: usize,
}

impl Fields {
    /// Java's `Date.normalize()`: Gregorian from the cutover on (in local
    /// time), Julian before.
    fn new(epoch_ms: i64, offset_secs: i32) -> Fields {
        let local = i128::from(epoch_ms) + i128::from(offset_secs) * 1000;
        let days = i64::try_from(local.div_euclid(86_400_000)).unwrap_or(0);
        let ms_of_day = u32::try_from(local.rem_euclid(86_400_000)).unwrap_or(0);
        let (year, month, day) = if epoch_ms >= 0 || local >= GREGORIAN_CUTOVER_MS {
            gregorian_from_days(days)
        } else {
            julian_from_days(days)
        };
        let secs = ms_of_day / 1000;
        Fields {
            year: if year <= 0 { 1 - year } else { year },
            month: usize::try_from(month.saturating_sub(1))
                .unwrap_or(0)
                .min(11),
            day,
            hour: secs / 3600,
            minute: secs / 60 % 60,
            second: secs % 60,
            weekday: usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0),
        }
    }
}

/// Proleptic Gregorian (year, month 1-12, day) of a day count from
/// 1970-01-01 (H. Hinnant's `civil_from_days`).
pub(crate) fn gregorian_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

/// Proleptic Julian (astronomical year, month 1-12, day) of a day count from
/// 1970-01-01 (from the Julian day number, after Richards).
fn julian_from_days(days: i64) -> (i64, u32, u32) {
    let c = days + 2_440_588 + 32_082;
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = d - 4800 + m / 10;
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendars() {
        assert_eq!(gregorian_from_days(0), (1970, 1, 1));
        assert_eq!(gregorian_from_days(-141_427), (1582, 10, 15));
        assert_eq!(julian_from_days(-141_428), (1582, 10, 4));
        assert_eq!(gregorian_from_days(2_932_896), (9999, 12, 31));
        // 2 BC as Java prints it: the era year.
        let mut s = String::new();
        push_date(&mut s, -62_170_156_800_000, 0, "GMT");
        assert_eq!(s, "Sun Nov 30 00:00:00 GMT 2");
    }
}
