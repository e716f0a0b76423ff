#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| msox_fuzz_targets::patch_lzx_decode_to(data));
