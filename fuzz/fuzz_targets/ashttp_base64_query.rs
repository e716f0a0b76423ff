#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| msox_fuzz_targets::ashttp_base64_query(data));
