//! ms-oxocal: recurrence patterns, Global Object IDs and time zone
//! structures. Every structure re-encodes byte for byte (an appointment
//! recurrence pattern in lenient mode too, defects or not: a blob cut
//! short is kept as it was); patterns expand within the fuzzing budget,
//! time zones convert.

use ms_oxocal::{
    AppointmentRecurrencePattern, ExpandOptions, GlobalObjectId, RecurrencePattern, TimeZone,
    TzDefinition, TzReg,
};
use msox_codec::{Decode, Encode};

use crate::roundtrip_type;

/// Expansion options: few occurrences, the fuzzing budget.
fn expand_options() -> ExpandOptions {
    ExpandOptions::default()
        .with_max_occurrences(50)
        .with_limits(crate::FUZZ_LIMITS.with_max_items(20_000))
}

/// The lenient value (trailing bytes, a defect, are not kept).
fn lenient<'a, T: Decode<'a>>(data: &'a [u8]) -> Option<T> {
    T::decode_bytes(data, &crate::lenient())
        .ok()
        .map(|d| d.value)
}

/// A decoded value re-encodes to exactly its input, defects or not.
fn lenient_exact<'a, T: Decode<'a> + Encode>(data: &'a [u8]) -> Option<T> {
    let d = T::decode_bytes(data, &crate::lenient()).ok()?;
    assert!(
        d.value.to_vec().expect("a decoded value encodes") == data,
        "lenient decoding is not lossless"
    );
    Some(d.value)
}

/// ms-oxocal `RecurrencePattern::decode_bytes`: byte-exact; what decodes
/// expands (or fails cleanly) within the budget.
pub fn oxocal_recurrence(data: &[u8]) {
    roundtrip_type!(data, true, RecurrencePattern);
    if let Some(p) = lenient::<RecurrencePattern>(data) {
        let _ = p.expand(&TimeZone::utc(), &expand_options());
    }
}

/// ms-oxocal `AppointmentRecurrencePattern::decode_bytes`: byte-exact;
/// what decodes expands (or fails cleanly) within the budget.
pub fn oxocal_appointment_recurrence(data: &[u8]) {
    roundtrip_type!(data, true, AppointmentRecurrencePattern);
    if let Some(p) = lenient_exact::<AppointmentRecurrencePattern>(data) {
        let _ = p.expand(&TimeZone::utc(), &expand_options());
    }
}

/// ms-oxocal `GlobalObjectId::decode_bytes`: byte-exact.
pub fn oxocal_goid(data: &[u8]) {
    roundtrip_type!(data, true, GlobalObjectId);
}

/// Converts a few instants both ways (no overflow, no panic).
fn convert(tz: &TimeZone) {
    // 1601, around 2000 and 2400, the last minute a u32 holds
    for t in [0, 1, 210_000_000, 420_000_000, i64::from(u32::MAX)] {
        let _ = tz.local_to_utc(tz.utc_to_local(t));
    }
}

/// ms-oxocal `TzDefinition::decode_bytes`: byte-exact; a definition that
/// makes a time zone converts.
pub fn oxocal_tzdefinition(data: &[u8]) {
    roundtrip_type!(data, true, TzDefinition);
    if let Some(d) = lenient::<TzDefinition>(data)
        && let Ok(tz) = TimeZone::from_definition(&d)
    {
        convert(&tz);
    }
}

/// ms-oxocal `TzReg::decode_bytes`: byte-exact; a TZREG that makes a time
/// zone converts.
pub fn oxocal_tzreg(data: &[u8]) {
    roundtrip_type!(data, true, TzReg);
    if let Some(r) = lenient::<TzReg>(data)
        && let Ok(tz) = TimeZone::from_reg(&r)
    {
        convert(&tz);
    }
}
