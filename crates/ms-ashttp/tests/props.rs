//! Property tests: any query value round-trips.
#![allow(clippy::unwrap_used)]

use ms_ashttp::{Base64Query, CommandCode, Parameter, ParameterTag, ProtocolVersion};
use msox_testkit::prop_round_trip;
use msox_testkit::proptest::prelude::*;

fn query() -> impl Strategy<Value = Base64Query> {
    (
        any::<u8>(),
        any::<u8>(),
        any::<u16>(),
        prop::collection::vec(any::<u8>(), 1..40),
        prop::option::of(any::<u32>()),
        prop::collection::vec(any::<u8>(), 0..40),
        prop::collection::vec(
            (any::<u8>(), prop::collection::vec(any::<u8>(), 0..20)),
            0..5,
        ),
    )
        .prop_map(|(v, c, l, id, pk, ty, ps)| {
            let mut q = Base64Query {
                protocol_version: ProtocolVersion::from_byte(v),
                command: CommandCode::from(c),
                locale: l,
                device_id: id,
                policy_key_bytes: Vec::new(),
                device_type: ty,
                parameters: ps
                    .into_iter()
                    .map(|(t, value)| Parameter {
                        tag: ParameterTag::from(t),
                        value,
                    })
                    .collect(),
            };
            q.set_policy_key(pk);
            q
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn base64_query_round_trips(q in query()) {
        prop_round_trip(&q)?;
        let text = q.to_base64(false).unwrap();
        prop_assert_eq!(Base64Query::from_base64(&text).unwrap(), q);
    }
}

proptest! {
    /// Any block of header lines (random names, values, spacing and line
    /// endings) comes back byte for byte, and its values are found by
    /// name whatever the case.
    #[test]
    fn header_blocks_round_trip(
        lines in prop::collection::vec(
            ("[A-Za-z][A-Za-z0-9-]{0,15}", "[ \t]{0,2}", "[ -~]{0,30}", prop::bool::ANY),
            0..8,
        )
    ) {
        use msox_codec::Decode;
        let mut text = String::new();
        for (n, sp, v, crlf) in &lines {
            let v = v.trim_end();
            text.push_str(&format!("{n}:{sp}{v}{}", if *crlf { "\r\n" } else { "\n" }));
        }
        let h = ms_ashttp::HeaderBlock::decode_bytes(text.as_bytes(), &msox_codec::Options::lenient()).unwrap();
        prop_assert_eq!(h.value.to_bytes(), text.as_bytes());
        prop_assert_eq!(h.value.fields.len(), lines.len());
        if let Some((n, _, v, _)) = lines.first() {
            prop_assert_eq!(h.value.get(&n.to_ascii_uppercase()), Some(v.trim()));
        }
    }
}
