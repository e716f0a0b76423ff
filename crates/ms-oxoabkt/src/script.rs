//! [MS-OXOABKT] 2.2.2.2 Script Format: the value of PidTagScriptData, a
//! small program that builds an e-mail address from the values a user
//! entered in a template's controls.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Limits, PResult, Reader, Result, ResultExt, fit_u32};

/// [MS-OXOABKT] 2.2.2.2 Script Format: a DWORD count `N`, then `N` DWORDs
/// of instructions (32-bit words: opcodes and their operands), then the
/// data the instructions refer to.
///
/// Not checked against the spec text: 2.2.2.2 is not among the
/// [MS-OXOABKT] sections available here, so this layout (and
/// [`ScriptData::opcode`]) is unverified, and the instruction words are
/// not decoded into opcodes; keeping them raw keeps the round trip exact
/// whatever they mean.
///
/// Kept as read: the words are not interpreted (which words are opcodes
/// and which are operands depends on each opcode's operand count), and the
/// data after the instructions is kept byte for byte, so encoding
/// reproduces the input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ScriptData {
    /// The `N` instruction DWORDs.
    pub instructions: Vec<u32>,
    /// The bytes after the instructions (strings and other data).
    pub data: Vec<u8>,
}

impl ScriptData {
    /// The opcode of an instruction word (its low 24 bits; not from
    /// retrieved spec text, see [`ScriptData`]).
    pub const fn opcode(word: u32) -> u32 {
        word & 0x00FF_FFFF
    }
}

impl<'a> Decode<'a> for ScriptData {
    /// Decodes a whole script (the rest of the input after the
    /// instructions is the data). The count is checked against the input
    /// before anything is allocated.
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let s = read_script(&mut r).context("ScriptData")?;
        r.finish(s)
    }
}

fn read_script(r: &mut Reader<'_>) -> Result<ScriptData> {
    let n = r.u32()?;
    let instructions = r.counted(n.into(), 4, "instruction count", &Limits::DEFAULT, |r| {
        r.u32()
    })?;
    let data = r.take_rest().to_vec();
    Ok(ScriptData { instructions, data })
}

impl Encode for ScriptData {
    fn encoded_len(&self) -> usize {
        4 + 4 * self.instructions.len() + self.data.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(fit_u32(self.instructions.len(), "instruction count")?);
        for w in &self.instructions {
            buf.put_u32_le(*w);
        }
        buf.put_slice(&self.data);
        Ok(())
    }
}
