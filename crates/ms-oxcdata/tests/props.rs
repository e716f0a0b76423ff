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
