#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| msox_fuzz_targets::oxnspi_rfr_get_new_dsa_request(data));
