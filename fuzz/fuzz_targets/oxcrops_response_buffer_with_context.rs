#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| msox_fuzz_targets::oxcrops_response_buffer_with_context(data));
