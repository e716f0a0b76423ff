#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| msox_fuzz_targets::oxnspi_rfr_get_fqdn_from_server_dn_request(data));
