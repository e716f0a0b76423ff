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
