//! Property tests: every public structure round-trips (`decode(encode(x))
//! == x` and `encoded_len` is exact) — PropertyValue of every type in both
//! count-width contexts, typed/tagged/flagged values, rows, names, IDs,
//! restrictions up to the depth limit, every EntryID kind, RecipientRow.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::*;
use msox_codec::DecodeWith;
use msox_codec::{CodePage, CountWidth, EncodeWith, ErrorKind, String8, Utf16String};
use msox_testkit::{prop_round_trip, prop_round_trip_with};
use proptest::prelude::*;

const CONTEXTS: [ValueContext; 2] = [ValueContext::ROP, ValueContext::EXTENDED_RULE];

fn guid() -> impl Strategy<Value = Guid> {
    any::<u128>().prop_map(Guid::from_u128)
}

fn text() -> impl Strategy<Value = Utf16String> {
    "[^\u{0}]{0,12}".prop_map(Utf16String::new)
}

fn string8() -> impl Strategy<Value = String8> {
    proptest::collection::vec(1u8..=255, 0..12)
        .prop_map(|b| String8::new(b, CodePage::WINDOWS_1252))
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..max)
}

fn float() -> impl Strategy<Value = f64> {
    any::<i32>().prop_map(|x| f64::from(x) / 7.0)
}

fn tag() -> impl Strategy<Value = PropertyTag> {
    any::<u32>().prop_map(PropertyTag::from_u32)
}

/// A rule action in the count width `w` ([MS-OXORULE] 2.2.5): NoOfActions,
/// then ActionBlocks led by their ActionLength.
fn rule_action(w: CountWidth) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(bytes(12), 1..3).prop_map(move |blocks| {
        let mut v = Vec::new();
        w.write(blocks.len(), "n", &mut v).unwrap();
        for b in blocks {
            w.write(b.len(), "n", &mut v).unwrap();
            v.extend_from_slice(&b);
        }
        v
    })
}

/// Leaf restrictions, which are encoded the same in every context.
fn leaf_restriction() -> impl Strategy<Value = Restriction> {
    prop_oneof![
        tag().prop_map(Restriction::Exist),
        (any::<u8>(), tag(), any::<u32>()).prop_map(|(op, t, mask)| {
            Restriction::Bitmask(BitmaskRestriction {
                bitmap_rel_op: BitmapRelOp::from(op),
                prop_tag: t,
                mask,
            })
        }),
        (any::<u8>(), tag(), any::<u32>()).prop_map(|(op, t, size)| {
            Restriction::Size(SizeRestriction {
                rel_op: RelOp::from(op),
                prop_tag: t,
                size,
            })
        }),
        (any::<u8>(), tag(), tag()).prop_map(|(op, a, b)| {
            Restriction::CompareProperties(ComparePropertiesRestriction {
                rel_op: RelOp::from(op),
                prop_tag1: a,
                prop_tag2: b,
            })
        }),
    ]
}

/// A value of every type the wire can carry, valid in context `ctx`.
fn value(ctx: ValueContext) -> BoxedStrategy<PropertyValue> {
    use PropertyValue as V;
    let ft = || any::<u64>().prop_map(FileTime);
    prop_oneof![
        Just(V::Null),
        any::<i16>().prop_map(V::Integer16),
        any::<i32>().prop_map(V::Integer32),
        any::<i16>().prop_map(|x| V::Floating32(f32::from(x) / 3.0)),
        float().prop_map(V::Floating64),
        any::<i64>().prop_map(V::Currency),
        float().prop_map(V::FloatingTime),
        any::<u32>().prop_map(V::ErrorCode),
        any::<bool>().prop_map(V::Boolean),
        bytes(20).prop_map(V::Object),
        any::<i64>().prop_map(V::Integer64),
        string8().prop_map(V::String8),
        text().prop_map(V::String),
        ft().prop_map(V::Time),
        guid().prop_map(V::Guid),
        bytes(24).prop_map(V::ServerId),
        leaf_restriction().prop_map(|r| V::Restriction(Box::new(r))),
        rule_action(ctx.restriction_count).prop_map(move |bytes| V::RuleAction {
            bytes,
            encoding: ctx.encoding
        }),
        bytes(40).prop_map(V::Binary),
        proptest::collection::vec(any::<i16>(), 0..5).prop_map(V::MultipleInteger16),
        proptest::collection::vec(any::<i32>(), 0..5).prop_map(V::MultipleInteger32),
        proptest::collection::vec(any::<i16>().prop_map(|x| f32::from(x) / 3.0), 0..5)
            .prop_map(V::MultipleFloating32),
        proptest::collection::vec(float(), 0..5).prop_map(V::MultipleFloating64),
        proptest::collection::vec(any::<i64>(), 0..5).prop_map(V::MultipleCurrency),
        proptest::collection::vec(float(), 0..5).prop_map(V::MultipleFloatingTime),
        proptest::collection::vec(any::<i64>(), 0..5).prop_map(V::MultipleInteger64),
        proptest::collection::vec(string8(), 0..4).prop_map(V::MultipleString8),
        proptest::collection::vec(text(), 0..4).prop_map(V::MultipleString),
        proptest::collection::vec(ft(), 0..4).prop_map(V::MultipleTime),
        proptest::collection::vec(guid(), 0..4).prop_map(V::MultipleGuid),
        proptest::collection::vec(bytes(9), 0..4).prop_map(V::MultipleBinary),
    ]
    .boxed()
}

fn tagged(ctx: ValueContext) -> impl Strategy<Value = TaggedValue> {
    (any::<u16>(), value(ctx)).prop_map(|(id, value)| TaggedValue {
        tag: PropertyTag::new(id, value.prop_type()),
        value,
    })
}

fn restriction(ctx: ValueContext) -> impl Strategy<Value = Restriction> {
    let leaf = prop_oneof![
        leaf_restriction(),
        (any::<u16>(), any::<u16>(), tagged(ctx)).prop_map(|(lo, hi, t)| {
            Restriction::Content(ContentRestriction {
                fuzzy_level_low: FuzzyLevelLow::from(lo),
                fuzzy_level_high: hi,
                prop_tag: t.tag,
                tagged_value: t,
            })
        }),
        (any::<u8>(), tag(), tagged(ctx)).prop_map(|(op, t, v)| {
            Restriction::Property(PropertyRestriction {
                rel_op: RelOp::from(op),
                prop_tag: t,
                tagged_value: v,
            })
        }),
    ];
    leaf.prop_recursive(6, 40, 4, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Restriction::And),
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Restriction::Or),
            inner.clone().prop_map(|x| Restriction::Not(Box::new(x))),
            (tag(), inner.clone()).prop_map(|(t, x)| {
                Restriction::SubObject(SubObjectRestriction {
                    subobject: t,
                    restriction: Box::new(x),
                })
            }),
            (
                proptest::collection::vec(tagged(ctx), 0..3),
                proptest::option::of(inner.clone())
            )
                .prop_map(|(tv, x)| {
                    Restriction::Comment(CommentRestriction {
                        tagged_values: tv,
                        restriction: x.map(Box::new),
                    })
                }),
            (any::<u32>(), inner).prop_map(|(count, x)| {
                Restriction::Count(CountRestriction {
                    count,
                    sub_restriction: Box::new(x),
                })
            }),
        ]
    })
}

/// A column set and a matching row (standard or flagged), PtypUnspecified
/// columns included.
fn row_and_columns(ctx: ValueContext) -> impl Strategy<Value = (Vec<PropertyTag>, PropertyRow)> {
    let cell = (
        any::<u16>(),
        value(ctx),
        any::<bool>(),
        0u8..4,
        any::<u32>(),
    );
    (proptest::collection::vec(cell, 0..6), any::<bool>()).prop_map(|(cells, flagged)| {
        let mut cols = Vec::new();
        let mut std_vals = Vec::new();
        let mut flag_vals = Vec::new();
        for (id, v, unspecified, kind, err) in cells {
            let t = if unspecified {
                PropertyType::Unspecified
            } else {
                v.prop_type()
            };
            cols.push(PropertyTag::new(id, t));
            let prop_type = v.prop_type();
            std_vals.push(v.clone());
            let fv = match kind {
                0 | 1 => FlaggedPropertyValue::Value(v),
                2 => FlaggedPropertyValue::NotPresent,
                _ => FlaggedPropertyValue::Error(ErrorCode::from(err)),
            };
            flag_vals.push(FlaggedPropertyValueWithType {
                prop_type: if t == PropertyType::Unspecified {
                    prop_type
                } else {
                    t
                },
                value: fv,
            });
        }
        let row = if flagged {
            PropertyRow::Flagged(flag_vals)
        } else {
            PropertyRow::Standard(std_vals)
        };
        (cols, row)
    })
}

fn mapi_string(unicode: bool) -> BoxedStrategy<MapiString> {
    if unicode {
        text().prop_map(MapiString::Unicode).boxed()
    } else {
        string8().prop_map(MapiString::String8).boxed()
    }
}

fn entry_id() -> impl Strategy<Value = EntryId> {
    let folder = (
        any::<u32>(),
        guid(),
        guid(),
        any::<[u8; 6]>(),
        any::<u16>(),
        0usize..4,
    )
        .prop_filter_map("not a known provider", |(flags, uid, db, gc, pad, t)| {
            let folder_type = [
                StoreObjectType::PrivateFolder,
                StoreObjectType::PublicFolder,
                StoreObjectType::MappedPublicFolder,
                StoreObjectType::PublicNewsgroupFolder,
            ][t];
            Some(EntryId::Folder(FolderEntryId {
                flags,
                provider_uid: uid,
                folder_type,
                database_guid: db,
                global_counter: GlobalCounter(gc),
                pad,
            }))
        });
    let message = (
        any::<u32>(),
        guid(),
        guid(),
        any::<[u8; 6]>(),
        guid(),
        any::<[u8; 6]>(),
        (any::<u16>(), any::<u16>(), 0usize..3),
    )
        .prop_map(|(flags, uid, fdb, fgc, mdb, mgc, (p1, p2, t))| {
            EntryId::Message(MessageEntryId {
                flags,
                provider_uid: uid,
                message_type: [
                    StoreObjectType::PrivateMessage,
                    StoreObjectType::PublicMessage,
                    StoreObjectType::MappedPublicMessage,
                ][t],
                folder_database_guid: fdb,
                folder_global_counter: GlobalCounter(fgc),
                pad1: p1,
                message_database_guid: mdb,
                message_global_counter: GlobalCounter(mgc),
                pad2: p2,
            })
        });
    let store = (
        (any::<u32>(), any::<u8>(), any::<u8>(), any::<[u8; 14]>()),
        (any::<u32>(), guid(), any::<u32>()),
        string8(),
        proptest::option::of(string8()),
        proptest::collection::vec(1u8..=255, 0..10),
    )
        .prop_map(
            |((flags, version, flag, dll), (wf, wuid, wt), server, dn, ext)| {
                // Without a MailboxDN, the extension must not look like one.
                let extension = if dn.is_none() && !ext.is_empty() {
                    let mut e = 0xF321_35D8_u32.to_le_bytes().to_vec();
                    e.extend_from_slice(&ext);
                    e
                } else if dn.is_none() {
                    Vec::new()
                } else {
                    ext
                };
                EntryId::StoreObject(StoreObjectEntryId {
                    flags,
                    version,
                    flag,
                    dll_file_name: dll,
                    wrapped_flags: wf,
                    wrapped_provider_uid: wuid,
                    wrapped_type: wt,
                    server_shortname: server,
                    mailbox_dn: dn,
                    extension,
                })
            },
        );
    let ab = (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        string8(),
        bytes(6),
    )
        .prop_map(|(flags, version, t, dn, trailing)| {
            EntryId::AddressBook(AddressBookEntryId {
                flags,
                version,
                ab_type: AddressBookEntryIdType::from(t),
                x500_dn: dn,
                trailing,
            })
        });
    let one_off =
        (any::<u32>(), any::<u16>(), any::<u16>()).prop_flat_map(|(flags, version, bits)| {
            let u = bits & OneOffEntryId::UNICODE != 0;
            (mapi_string(u), mapi_string(u), mapi_string(u)).prop_map(move |(d, a, e)| {
                EntryId::OneOff(OneOffEntryId {
                    flags,
                    version,
                    bits,
                    display_name: d,
                    address_type: a,
                    email_address: e,
                })
            })
        });
    let contact = (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        bytes(80),
        bytes(4),
        any::<bool>(),
    )
        .prop_map(|(flags, version, index, entry_id, trailing, pdl)| {
            let c = ContactEntryId {
                flags,
                version,
                index,
                entry_id,
                trailing,
            };
            if pdl {
                EntryId::PersonalDistributionList(c)
            } else {
                EntryId::ContactAddress(c)
            }
        });
    let wrapped = (any::<u32>(), any::<u8>(), bytes(80)).prop_map(|(flags, t, embedded)| {
        EntryId::Wrapped(WrappedEntryId {
            flags,
            wrapped_type: t,
            embedded,
        })
    });
    let unknown = bytes(20).prop_map(EntryId::Unknown);
    prop_oneof![
        folder, message, store, ab, one_off, contact, wrapped, unknown
    ]
}

fn recipient_row(ctx: ValueContext) -> impl Strategy<Value = (Vec<PropertyTag>, RecipientRow)> {
    (
        any::<u16>(),
        row_and_columns(ctx),
        proptest::collection::vec(tag(), 0..3),
    )
        .prop_flat_map(move |(flags, (cols, props), extra_cols)| {
            use ms_oxcdata::recipient::recipient_flags as F;
            let u = flags & F::U != 0;
            let kind = flags & F::TYPE_MASK;
            let opt = |f: u16| {
                if flags & f != 0 {
                    mapi_string(u).prop_map(Some).boxed()
                } else {
                    Just(None).boxed()
                }
            };
            (
                (any::<u8>(), any::<u8>(), string8()),
                (bytes(30), bytes(10)),
                string8(),
                (opt(F::E), opt(F::D), opt(F::I), opt(F::T)),
            )
                .prop_map(move |(x5, dl, at, (e, d, i, t))| {
                    let mut columns = cols.clone();
                    columns.extend(extra_cols.iter().copied());
                    let row = RecipientRow {
                        flags,
                        x500: (kind == 1).then(|| X500Address {
                            address_prefix_used: x5.0,
                            display_type: x5.1,
                            x500_dn: x5.2.clone(),
                        }),
                        distribution_list: (kind >= 6).then(|| DistributionListIds {
                            entry_id: dl.0.clone(),
                            search_key: dl.1.clone(),
                        }),
                        address_type: (kind == 0 && flags & F::O != 0).then(|| at.clone()),
                        email_address: e,
                        display_name: d,
                        simple_display_name: i,
                        transmittable_display_name: t,
                        properties: props.clone(),
                    };
                    (columns, row)
                })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn property_values_of_every_type_round_trip_in_rop_buffers(v in value(ValueContext::ROP)) {
        let ctx = ValueContext::ROP;
        prop_round_trip_with(&v, (v.prop_type(), ctx))?;
        // As a TypedPropertyValue too.
        prop_round_trip_with(&TypedPropertyValue(v.clone()), ctx)?;
    }

    #[test]
    fn property_values_of_every_type_round_trip_in_extended_rules(v in value(ValueContext::EXTENDED_RULE)) {
        let ctx = ValueContext::EXTENDED_RULE;
        prop_round_trip_with(&v, (v.prop_type(), ctx))?;
        prop_round_trip_with(&TypedPropertyValue(v.clone()), ctx)?;
    }

    #[test]
    fn tagged_values_round_trip(t in tagged(ValueContext::ROP), u in tagged(ValueContext::EXTENDED_RULE)) {
        prop_round_trip_with(&t, ValueContext::ROP)?;
        prop_round_trip_with(&u, ValueContext::EXTENDED_RULE)?;
    }

    #[test]
    fn address_lists_round_trip(entries in proptest::collection::vec(proptest::collection::vec(tagged(ValueContext::EXTENDED_RULE), 0..3), 0..3)) {
        let list = AddressList(entries.into_iter().map(AddressEntry).collect());
        prop_round_trip_with(&list, ValueContext::EXTENDED_RULE)?;
    }

    #[test]
    fn flagged_values_round_trip(v in value(ValueContext::ROP), kind in 0u8..3, err in any::<u32>()) {
        let f = match kind {
            0 => FlaggedPropertyValue::Value(v.clone()),
            1 => FlaggedPropertyValue::NotPresent,
            _ => FlaggedPropertyValue::Error(ErrorCode::from(err)),
        };
        prop_round_trip_with(&f, (v.prop_type(), ValueContext::ROP))?;
        let w = FlaggedPropertyValueWithType { prop_type: v.prop_type(), value: f };
        prop_round_trip_with(&w, ValueContext::ROP)?;
    }

    #[test]
    fn property_rows_and_row_sets_round_trip((cols, row) in row_and_columns(ValueContext::ROP)) {
        let ctx = RowContext::rop(&cols);
        prop_round_trip_with(&row, ctx)?;
        prop_round_trip_with(&PropertyRowSet(vec![row.clone(), row]), ctx)?;
    }

    #[test]
    fn extended_rows_round_trip((cols, row) in row_and_columns(ValueContext::EXTENDED_RULE)) {
        prop_round_trip_with(&row, RowContext::new(&cols, ValueContext::EXTENDED_RULE))?;
    }

    #[test]
    fn restrictions_round_trip_in_both_forms(r in restriction(ValueContext::ROP), e in restriction(ValueContext::EXTENDED_RULE)) {
        prop_round_trip_with(&r, ValueContext::ROP)?;
        prop_round_trip_with(&e, ValueContext::EXTENDED_RULE)?;
    }

    #[test]
    fn entry_ids_of_every_kind_round_trip(e in entry_id()) {
        prop_round_trip(&e)?;
        prop_assert_eq!(EntryId::parse(&msox_codec::Encode::to_vec(&e).unwrap()), e);
    }

    #[test]
    fn recipient_rows_round_trip((cols, row) in recipient_row(ValueContext::ROP)) {
        prop_round_trip_with(&row, RowContext::rop(&cols))?;
    }

    #[test]
    fn names_ids_and_small_structures_round_trip(
        g in guid(),
        lid in any::<u32>(),
        name in proptest::collection::vec(any::<u16>(), 0..100),
        gc in any::<[u8; 6]>(),
        replica in any::<u16>(),
        pad in any::<u16>(),
        problems in proptest::collection::vec((any::<u16>(), tag(), any::<u32>()), 0..5),
        tags in proptest::collection::vec(tag(), 0..8),
        sorts in proptest::collection::vec((tag(), any::<u8>()), 0..5),
        counts in (any::<u16>(), any::<u16>()),
    ) {
        prop_round_trip(&PropertyName::lid(g, lid))?;
        let n = Utf16String::from_le_bytes(&name.iter().flat_map(|u| u.to_le_bytes()).collect::<Vec<_>>());
        if n.byte_len() + 2 <= 255 {
            prop_round_trip(&PropertyName { guid: g, id: NameId::Name(n) })?;
        }
        prop_round_trip(&PropertyNameEntry::NoName(g))?;
        prop_round_trip(&PropertyNameEntry::Named(PropertyName::lid(g, lid)))?;
        prop_round_trip(&PropertyNameR { guid: g, reserved: pad.into(), lid })?;
        prop_round_trip(&GlobalCounter(gc))?;
        prop_round_trip(&FolderId::new(replica, GlobalCounter(gc)))?;
        prop_round_trip(&MessageId::new(replica, GlobalCounter(gc)))?;
        prop_assert_eq!(FolderId::from_u64(FolderId::new(replica, GlobalCounter(gc)).to_u64()), FolderId::new(replica, GlobalCounter(gc)));
        prop_assert_eq!(GlobalCounter::from_u64(GlobalCounter(gc).to_u64()), GlobalCounter(gc));
        let lt = LongTermId { database_guid: g, global_counter: GlobalCounter(gc), pad };
        prop_round_trip(&lt)?;
        prop_round_trip(&LongTermIdRange { min: lt, max: lt })?;
        prop_round_trip(&PropertyProblemArray(problems.iter().map(|&(index, tag, e)| PropertyProblem { index, tag, error_code: ErrorCode::from(e) }).collect()))?;
        prop_round_trip(&PropertyTagArray(tags.clone()))?;
        prop_round_trip_with(&PropertyTagArray(tags), CountWidth::U32)?;
        prop_round_trip(&SortOrderSet {
            categorized_count: counts.0,
            expanded_count: counts.1,
            sort_orders: sorts.iter().map(|&(tag, o)| SortOrder { tag, order: SortOrderKind::from(o) }).collect(),
        })?;
        prop_round_trip(&ServerId::Ours {
            folder_id: FolderId::new(replica, GlobalCounter(gc)),
            message_id: MessageId::new(pad, GlobalCounter(gc)),
            instance: lid,
        })?;
        prop_assert_eq!(ErrorCode::from(lid).value(), lid);
    }

    #[test]
    fn server_id_other_and_typed_strings_round_trip(ours in any::<u8>(), data in bytes(30), t in text(), s in string8()) {
        if !(ours == 1 && data.len() == 20) {
            prop_round_trip(&ServerId::Other { ours, data })?;
        }
        for ts in [
            TypedString::NoString,
            TypedString::Empty,
            TypedString::Unicode(t),
            TypedString::ReducedUnicode(s.bytes().to_vec()),
            TypedString::String8(s),
        ] {
            prop_round_trip_with(&ts, CodePage::WINDOWS_1252)?;
        }
    }
}

#[test]
fn restrictions_round_trip_up_to_the_depth_limit_and_fail_beyond() {
    let limit = msox_codec::Limits::DEFAULT.max_depth as usize;
    let chain = |n: usize| {
        let mut r = Restriction::Exist(PropertyTag::from_u32(0x0037_001F));
        for _ in 1..n {
            r = Restriction::Not(Box::new(r));
        }
        r
    };
    for ctx in CONTEXTS {
        let deepest = chain(limit);
        assert_eq!(deepest.depth(), limit);
        prop_round_trip_with(&deepest, ctx).unwrap();
        let too_deep = chain(limit + 1);
        let e = too_deep.to_vec_with(ctx).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    }
}

#[test]
fn values_that_cannot_be_written_are_errors_not_panics() {
    let ctx = ValueContext::ROP;
    let nul = PropertyValue::String(Utf16String::new("a\0b"));
    assert!(nul.to_vec_with((PropertyType::String, ctx)).is_err());
    let wrong = PropertyValue::Integer32(1);
    assert!(wrong.to_vec_with((PropertyType::String, ctx)).is_err());
    let unknown = PropertyValue::Raw {
        prop_type: PropertyType::from_value(0x0999),
        bytes: vec![1],
        encoding: ms_oxcdata::ValueEncoding::Tnef,
    };
    assert!(
        unknown
            .to_vec_with((PropertyType::Unspecified, ctx))
            .is_err()
    );
    let big = PropertyValue::Binary(vec![0; 70_000]);
    assert!(matches!(
        big.to_vec_with((PropertyType::Binary, ctx))
            .unwrap_err()
            .kind(),
        ErrorKind::ValueTooLarge { .. }
    ));
    assert_eq!(
        big.to_vec_with((PropertyType::Binary, ValueContext::EXTENDED_RULE))
            .unwrap()
            .len(),
        70_004
    );
}

// ---------------------------------------------------------------------------
// Borrowed and owned decodes agree: values, errors, defects.

/// A change to encoded bytes: none, one byte replaced, a truncation, or
/// one byte set to 2 (a PtypBoolean of 2 where a flag was).
#[derive(Debug, Clone, Copy)]
enum Mutation {
    None,
    Set(usize, u8),
    Cut(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::None),
        (any::<usize>(), any::<u8>()).prop_map(|(at, v)| Mutation::Set(at, v)),
        any::<usize>().prop_map(|at| Mutation::Set(at, 2)),
        any::<usize>().prop_map(Mutation::Cut),
    ]
}

fn mutate(mut b: Vec<u8>, m: Mutation) -> Vec<u8> {
    match m {
        Mutation::None => {}
        Mutation::Set(at, v) => {
            if !b.is_empty() {
                let at = at % b.len();
                b[at] = v;
            }
        }
        Mutation::Cut(at) => b.truncate(at % (b.len() + 1)),
    }
    b
}

const MODES: [msox_codec::Options; 2] = [
    msox_codec::Options::strict(),
    msox_codec::Options::lenient(),
];

/// Owned and borrowed outcomes of one decode agree: the same error, or
/// the same defects and (via `owned_of`, compared by `Debug` so NaNs
/// compare) the same value.
fn agree<O: std::fmt::Debug, B>(
    what: &str,
    owned: &msox_codec::Result<msox_codec::Decoded<O>>,
    borrowed: &msox_codec::Result<msox_codec::Decoded<B>>,
    owned_of: impl Fn(&B) -> msox_codec::Result<O>,
) -> Result<(), TestCaseError> {
    match (owned, borrowed) {
        (Ok(o), Ok(b)) => {
            prop_assert_eq!(&o.defects, &b.defects, "{}: defects", what);
            let converted = owned_of(&b.value)
                .map_err(|e| TestCaseError::fail(format!("{what}: to_owned failed: {e}")))?;
            prop_assert_eq!(
                format!("{:?}", o.value),
                format!("{converted:?}"),
                "{}",
                what
            );
        }
        (Err(eo), Err(eb)) => prop_assert_eq!(eo, eb, "{}: errors", what),
        (o, b) => {
            return Err(TestCaseError::fail(format!(
                "{what}: owned {:?}, borrowed {:?}",
                o.as_ref().map(|d| &d.defects),
                b.as_ref().map(|d| &d.defects)
            )));
        }
    }
    Ok(())
}

/// Decodes `b` as a value of `t` owned, borrowed and skipped, in both
/// modes, and checks they agree.
fn values_agree(b: &[u8], t: PropertyType, ctx: ValueContext) -> Result<(), TestCaseError> {
    for o in &MODES {
        let owned = PropertyValue::decode_bytes_with(b, (t, ctx), o);
        let borrowed = PropertyValueRef::decode_bytes_with(b, (t, ctx), o);
        agree(&format!("{t} {:?}", o.mode), &owned, &borrowed, |v| {
            Ok(v.to_owned())
        })?;
        let skipped = msox_codec::decode_bytes_with_reader(b, o, |r| skip_value(r, t, &ctx));
        agree(
            &format!("{t} skipped {:?}", o.mode),
            &owned.map(|d| d.map(drop)),
            &skipped,
            |_| Ok(()),
        )?;
    }
    Ok(())
}

/// Decodes `b` as a row owned, borrowed (one row, and through a
/// RowReader), in both modes, and checks they agree, cell by cell too.
fn rows_agree(b: &[u8], rc: RowContext<'_>) -> Result<(), TestCaseError> {
    for o in &MODES {
        let what = format!("row {:?}", o.mode);
        let owned = PropertyRow::decode_bytes_with(b, rc, o);
        let borrowed = PropertyRowRef::decode_bytes_with(b, rc, o);
        agree(&what, &owned, &borrowed, |r| r.to_owned(&rc))?;
        let reader = RowReader::new(rc);
        let prepared = msox_codec::decode_bytes_with_reader(b, o, |r| reader.read(r));
        prop_assert_eq!(&borrowed, &prepared, "{}: RowReader", what);
        if let (Ok(o), Ok(r)) = (&owned, &borrowed) {
            for i in 0..=rc.columns.len() {
                let v = r
                    .value
                    .value(i, &rc)
                    .map_err(|e| TestCaseError::fail(format!("{e}")))?;
                prop_assert_eq!(
                    format!("{:?}", o.value.value(i)),
                    format!("{:?}", v.map(|v| v.to_owned()).as_ref())
                );
            }
            prop_assert_eq!(r.value.cells(&rc).count(), rc.columns.len());
            // written back as read
            let used = &b[..r.value.as_bytes().len()];
            prop_assert_eq!(msox_codec::Encode::to_vec(&r.value).unwrap(), used);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn borrowed_and_owned_values_agree(
        v in value(ValueContext::ROP),
        w in value(ValueContext::EXTENDED_RULE),
        typed in any::<bool>(),
        m in mutation(),
    ) {
        for (v, ctx) in [(v, ValueContext::ROP), (w, ValueContext::EXTENDED_RULE)] {
            let t = if typed { PropertyType::Unspecified } else { v.prop_type() };
            let b = mutate(v.to_vec_with((t, ctx)).unwrap(), m);
            values_agree(&b, t, ctx)?;
        }
    }

    #[test]
    fn borrowed_and_owned_values_agree_on_any_bytes(
        t in any::<u16>(),
        known in any::<bool>(),
        b in bytes(48),
    ) {
        // a defined type most of the time, any 16-bit type otherwise
        let t = if known {
            PropertyType::from_value([0x0001u16, 0x0002, 0x0003, 0x000B, 0x001E, 0x001F, 0x0102, 0x00FB, 0x00FD, 0x00FE, 0x1003, 0x101E, 0x101F, 0x1102, 0x1048, 0x0000][usize::from(t % 16)])
        } else {
            PropertyType::from_value(t)
        };
        for ctx in CONTEXTS {
            values_agree(&b, t, ctx)?;
        }
    }

    #[test]
    fn borrowed_and_owned_rows_agree(
        (cols, row) in row_and_columns(ValueContext::ROP),
        (xcols, xrow) in row_and_columns(ValueContext::EXTENDED_RULE),
        m in mutation(),
    ) {
        let rc = RowContext::rop(&cols);
        rows_agree(&mutate(row.to_vec_with(rc).unwrap(), m), rc)?;
        let xc = RowContext::new(&xcols, ValueContext::EXTENDED_RULE);
        rows_agree(&mutate(xrow.to_vec_with(xc).unwrap(), m), xc)?;
        // a row set of the row twice
        let set = PropertyRowSet(vec![row.clone(), row]);
        let b = mutate(set.to_vec_with(rc).unwrap(), m);
        for o in &MODES {
            let owned = PropertyRowSet::decode_bytes_with(&b, rc, o);
            let borrowed = PropertyRowSetRef::decode_bytes_with(&b, rc, o);
            agree(&format!("row set {:?}", o.mode), &owned, &borrowed, |s| s.to_owned(&rc))?;
        }
    }
}

#[test]
fn a_cell_read_with_other_columns_is_an_error_not_a_panic() {
    let cols = [
        PropertyTag::new(0x0037, PropertyType::String),
        PropertyTag::new(0x0E08, PropertyType::Integer32),
    ];
    let b = [0x00, b'H', 0, b'i', 0, 0, 0, 0x2A, 0, 0, 0];
    let row = PropertyRowRef::decode_exact_with(&b, RowContext::rop(&cols)).unwrap();
    // more columns than the row holds
    let more = [cols[0], cols[1], cols[1]];
    let e = row.to_owned(&RowContext::rop(&more)).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    assert_eq!(e.offset(), Some(11));
    let mut cells = row.cells(&RowContext::rop(&more));
    assert!(cells.next().unwrap().is_ok());
    assert!(cells.next().unwrap().is_ok());
    assert!(cells.next().unwrap().is_err());
    assert!(cells.next().is_none());
    // fewer: the rest of the row is left over
    let fewer = [cols[0]];
    assert!(row.to_owned(&RowContext::rop(&fewer)).is_err());
    // a type that reads the bytes differently
    let other = [PropertyTag::new(0x0037, PropertyType::from_value(0x0999))];
    assert!(row.value(0, &RowContext::rop(&other)).is_err());
}

#[test]
fn a_repaired_boolean_is_repaired_again_on_demand_without_a_second_defect() {
    let cols = [PropertyTag::new(0x0E1F, PropertyType::Boolean)];
    let rc = RowContext::rop(&cols);
    let b = [0x00, 0x02];
    assert!(PropertyRowRef::decode_exact_with(&b, rc).is_err());
    let d = PropertyRowRef::decode_bytes_with(&b, rc, &msox_codec::Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.defects[0].offset(), Some(1));
    assert_eq!(d.defects[0].path().to_string(), "PropertyRow");
    assert_eq!(
        d.value.value(0, &rc).unwrap(),
        Some(PropertyValueRef::Raw {
            prop_type: PropertyType::Boolean,
            bytes: &[2],
            encoding: ValueEncoding::Rop
        })
    );
    let owned = PropertyRow::decode_bytes_with(&b, rc, &msox_codec::Options::lenient()).unwrap();
    assert_eq!(d.value.to_owned(&rc).unwrap(), owned.value);
    assert_eq!(d.defects, owned.defects);
}

#[test]
fn borrowed_strings_and_lists_read_as_the_owned_ones() {
    let ctx = ValueContext::ROP;
    let v = PropertyValue::MultipleString(vec![
        Utf16String::new("a"),
        Utf16String::new(""),
        Utf16String::from_le_bytes(&[0x00, 0xD8]),
    ]);
    let b = v.to_vec_with((v.prop_type(), ctx)).unwrap();
    let r = PropertyValueRef::decode_exact_with(&b, (v.prop_type(), ctx)).unwrap();
    let PropertyValueRef::MultipleString(list) = &r else {
        panic!("{r:?}")
    };
    assert_eq!(list.len(), 3);
    let items: Vec<_> = list.iter().collect();
    assert!(items[0] == "a" && items[1].is_empty() && !items[2].is_valid());
    assert_eq!(items[2].to_string(), "\u{FFFD}");
    assert_eq!(r.to_owned(), v);
    let v = PropertyValue::MultipleBinary(vec![vec![1, 2], vec![], vec![3]]);
    for ctx in CONTEXTS {
        let b = v.to_vec_with((v.prop_type(), ctx)).unwrap();
        let r = PropertyValueRef::decode_exact_with(&b, (v.prop_type(), ctx)).unwrap();
        let PropertyValueRef::MultipleBinary(list) = &r else {
            panic!()
        };
        assert_eq!(list.iter().collect::<Vec<_>>(), [&[1u8, 2][..], &[], &[3]]);
        assert_eq!(r.to_owned(), v);
    }
    let v = PropertyValue::MultipleGuid(vec![Guid::from_u128(7), Guid::from_u128(9)]);
    let b = v.to_vec_with((v.prop_type(), ctx)).unwrap();
    let r = PropertyValueRef::decode_exact_with(&b, (v.prop_type(), ctx)).unwrap();
    let PropertyValueRef::MultipleGuid(list) = &r else {
        panic!()
    };
    assert_eq!(list.get(1), Some(Guid::from_u128(9)));
    assert_eq!(list.get(2), None);
    let s = String8::new(b"caf\xE9".to_vec(), CodePage::WINDOWS_1252);
    let v = PropertyValue::String8(s);
    let b = v.to_vec_with((v.prop_type(), ctx)).unwrap();
    let r = PropertyValueRef::decode_exact_with(&b, (v.prop_type(), ctx)).unwrap();
    assert_eq!(r.as_text().unwrap(), "café");
    assert_eq!(r, v);
}
