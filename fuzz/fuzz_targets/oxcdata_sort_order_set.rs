#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| msox_fuzz_targets::oxcdata_sort_order_set(data));
