//! Code pages of RTF text: `\ansicpgN`, the character-set words
//! (`\ansi`, `\mac`, `\pc`, `\pca`) and font character sets (`\fcharsetN`,
//! `\cpgN`), as [MSFT-RTF] defines them, decoded with encoding_rs through
//! [`msox_codec::CodePage`].

use msox_codec::CodePage;

/// The code page of a font character set (`\fcharsetN`), per [MSFT-RTF];
/// `None` for `DEFAULT_CHARSET` (1) and `SYMBOL_CHARSET` (2), whose text
/// is read in the document's default code page, and for unknown values.
///
/// ```
/// use ms_oxrtfex::charset::fcharset_code_page;
/// assert_eq!(fcharset_code_page(128).map(|c| c.0), Some(932));
/// assert_eq!(fcharset_code_page(1), None);
/// ```
pub fn fcharset_code_page(charset: i32) -> Option<CodePage> {
    let cp = match charset {
        0 => 1252,   // ANSI
        77 => 10000, // Mac Roman
        78 => 10001, // Mac Shift JIS
        79 => 10003, // Mac Hangul
        80 => 10008, // Mac GB2312
        81 => 10002, // Mac Big5
        83 => 10005, // Mac Hebrew
        84 => 10004, // Mac Arabic
        85 => 10006, // Mac Greek
        86 => 10081, // Mac Turkish
        87 => 10021, // Mac Thai
        88 => 10029, // Mac East Europe
        89 => 10007, // Mac Russian
        128 => 932,  // Shift JIS
        129 => 949,  // Hangul
        130 => 1361, // Johab
        134 => 936,  // GB2312
        136 => 950,  // Big5
        161 => 1253, // Greek
        162 => 1254, // Turkish
        163 => 1258, // Vietnamese
        177 => 1255, // Hebrew
        178 => 1256, // Arabic
        186 => 1257, // Baltic
        204 => 1251, // Russian
        222 => 874,  // Thai
        238 => 1250, // Eastern European
        254 => 437,  // PC 437
        255 => 850,  // OEM
        _ => return None,
    };
    Some(CodePage(cp))
}

/// The default code page named by a character-set control word
/// (`\ansi`, `\mac`, `\pc`, `\pca`), used when `\ansicpgN` is absent.
pub fn charset_word_code_page(word: &[u8]) -> Option<CodePage> {
    Some(CodePage(match word {
        b"ansi" => 1252,
        b"mac" => 10000,
        b"pc" => 437,
        b"pca" => 850,
        _ => return None,
    }))
}
