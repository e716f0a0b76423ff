#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| msox_fuzz_targets::oxmsg_extract(data));
