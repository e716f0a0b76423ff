//! The coverage table of the crate docs tells the truth: a RopId row says
//! "yes" for the request exactly when `RopRequest::ROP_IDS` has it, and
//! names response forms exactly when `RopResponse::ROP_IDS` has it (a
//! failure form exactly when `RopResponse::has_failure_form`); every
//! RopId of [MS-OXCROPS] 2.2.2 has a row.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcrops::{RopId, RopRequest, RopResponse};

#[test]
fn coverage_table_lists_every_rop_id_truthfully() {
    let lib = include_str!("../src/lib.rs");
    let mut rows = 0;
    for id in RopId::KNOWN {
        let name = id.name().unwrap();
        let row = lib
            .lines()
            .find(|l| l.contains(&format!("| {name} |")))
            .unwrap_or_else(|| panic!("no coverage row for {name}"));
        rows += 1;
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        // "//! ", value, name, section, request, response
        let request = cells[4];
        let response = cells[5];
        assert_eq!(cells[1], format!("0x{:02X}", id.value()), "{name}: RopId");
        assert_eq!(Some(cells[3]), id.section(), "{name}: section");
        let has_req = RopRequest::ROP_IDS.contains(id);
        let has_resp = RopResponse::ROP_IDS.contains(id);
        assert_eq!(
            request == "yes",
            has_req,
            "{name}: request cell {request:?}"
        );
        if !has_req {
            assert!(
                request.starts_with("not yet") || request.starts_with("n/a"),
                "{name}: {request}"
            );
        }
        if has_resp {
            assert!(
                !response.starts_with("not yet") && !response.starts_with("n/a"),
                "{name}: {response}"
            );
            assert_eq!(
                response.contains("failure"),
                RopResponse::has_failure_form(*id),
                "{name}: failure form in {response:?}"
            );
        } else {
            assert!(
                response.starts_with("not yet") || response.starts_with("n/a"),
                "{name}: {response}"
            );
        }
    }
    assert_eq!(rows, RopId::KNOWN.len());
    assert!(RopId::KNOWN.len() >= 130);
}
