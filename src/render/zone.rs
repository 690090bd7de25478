//! Temporary stub: replaced by the Java zone-name implementation.
#![allow(missing_docs)]
pub struct JavaZone {
    tz: jiff::tz::TimeZone,
    id: String,
}
impl JavaZone {
    pub fn resolve(tz_env: Option<&str>) -> JavaZone {
        let id = tz_env.unwrap_or("UTC").trim_start_matches(':').to_string();
        Self::by_id(&id).unwrap_or(JavaZone {
            tz: jiff::tz::TimeZone::UTC,
            id: "GMT".into(),
        })
    }
    pub fn by_id(id: &str) -> Option<JavaZone> {
        jiff::tz::TimeZone::get(id).ok().map(|tz| JavaZone {
            tz,
            id: id.to_string(),
        })
    }
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn date_to_string(&self, epoch_ms: i64) -> String {
        let ts = jiff::Timestamp::from_millisecond(epoch_ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let z = ts.to_zoned(self.tz.clone());
        z.strftime("%a %b %d %H:%M:%S %Z %Y").to_string()
    }
    pub fn medium_date(&self, epoch_ms: i64) -> String {
        let ts = jiff::Timestamp::from_millisecond(epoch_ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let z = ts.to_zoned(self.tz.clone());
        z.strftime("%b %-d, %Y").to_string()
    }
    pub fn offset_seconds(&self, epoch_ms: i64) -> i32 {
        let ts = jiff::Timestamp::from_millisecond(epoch_ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        self.tz.to_offset(ts).seconds()
    }
}
