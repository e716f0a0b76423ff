//! [MS-OXOABKT] 2.2.2.2 Script Format: the value of PidTagScriptData, a
//! small program that builds an e-mail address from the values a user
//! entered in a template's controls.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result, fit_u32};

/// [MS-OXOABKT] 2.2.2.2 Script Format: a DWORD count `N`, then `N` DWORDs
/// of instructions (32-bit words: opcodes and their operands), then the
/// data the instructions refer to.
///
/// Not checked against the spec text: 2.2.2.2 is not among the
/// [MS-OXOABKT] sections available here, so this layout is unverified.
///
/// Kept as read: the words stay raw (so encoding reproduces the input
/// whatever they mean) and the data after the instructions is kept byte
/// for byte. [`ScriptData::decode_instructions`] reads the words as
/// [`Instruction`]s, as far as their opcodes are known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ScriptData {
    /// The `N` instruction DWORDs.
    pub instructions: Vec<u32>,
    /// The bytes after the instructions (strings and other data).
    pub data: Vec<u8>,
}

impl ScriptData {
    /// Reads the instruction words as instructions: an opcode word then
    /// its [`ScriptOpcode::operand_count`] operand words, one after the
    /// other. Stops at the first word that is not a known opcode, or whose
    /// operands run past the end; the words from there on are returned
    /// undecoded. The decoded instructions' [`Instruction::words`]
    /// followed by the undecoded words are exactly [`ScriptData::instructions`].
    pub fn decode_instructions(&self) -> (Vec<Instruction>, &[u32]) {
        let mut out = Vec::new();
        let mut rest: &[u32] = &self.instructions;
        while let Some((&word, after)) = rest.split_first() {
            let opcode = ScriptOpcode::from_value(word);
            let Some(n) = opcode.operand_count() else {
                break;
            };
            let (Some(operands), Some(tail)) = (after.get(..n), after.get(n..)) else {
                break;
            };
            out.push(Instruction {
                opcode,
                operands: operands.to_vec(),
            });
            rest = tail;
        }
        (out, rest)
    }
}

msox_codec::wire_enum! {
    /// [MS-OXOABKT] 2.2.2.2 Script Format: the opcode word of a script
    /// instruction.
    ///
    /// Not from the spec text (2.2.2.2 is not available here): the ten
    /// values and their names are those of the instruction type table in
    /// Microsoft's Exchange protocol test suites (`InstructionTypeValues`,
    /// "ten instructions ... from open specification 2.2.2.2 Script
    /// Format"), which also give the operand counts
    /// ([`ScriptOpcode::operand_count`]). Unknown values are kept.
    pub enum ScriptOpcode: u32 {
        /// Halt: the script has finished and succeeded.
        Halt = 0x0000_0000 => "Halt",
        /// Error: the script has failed.
        Error = 0x0000_0001 => "Error",
        /// Emit Property Value: appends the value of a property (operand:
        /// the property tag).
        EmitPropertyValue = 0x0000_0002 => "EmitPropertyValue",
        /// Jump (operand: the target).
        Jump = 0x0000_0003 => "Jump",
        /// Jump If Not Exists (operands: a property tag, the target).
        JumpIfNotExists = 0x0000_0004 => "JumpIfNotExists",
        /// Jump If Equal Properties (operands: two property tags, the target).
        JumpIfEqualProperties = 0x0000_0005 => "JumpIfEqualProperties",
        /// Emit Upper Property: appends a property's value in upper case
        /// (operand: the property tag).
        EmitUpperProperty = 0x0000_0006 => "EmitUpperProperty",
        /// Emit String: appends a string (operand: where the string is).
        EmitString = 0x8000_0002 => "EmitString",
        /// Jump If Equal Values (three operands, the last the target).
        JumpIfEqualValues = 0x4000_0005 => "JumpIfEqualValues",
        /// Emit Upper String: appends a string in upper case (operand:
        /// where the string is).
        EmitUpperString = 0x8000_0006 => "EmitUpperString",
    }
}

impl ScriptOpcode {
    /// How many operand words follow the opcode word (see [`ScriptOpcode`]
    /// for where these counts come from); `None` for unknown opcodes.
    pub const fn operand_count(self) -> Option<usize> {
        match self {
            ScriptOpcode::Halt | ScriptOpcode::Error => Some(0),
            ScriptOpcode::EmitPropertyValue
            | ScriptOpcode::Jump
            | ScriptOpcode::EmitUpperProperty
            | ScriptOpcode::EmitString
            | ScriptOpcode::EmitUpperString => Some(1),
            ScriptOpcode::JumpIfNotExists => Some(2),
            ScriptOpcode::JumpIfEqualProperties | ScriptOpcode::JumpIfEqualValues => Some(3),
            _ => None,
        }
    }
}

/// One decoded script instruction ([`ScriptData::decode_instructions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Instruction {
    /// The opcode word.
    pub opcode: ScriptOpcode,
    /// The operand words, as many as [`ScriptOpcode::operand_count`].
    pub operands: Vec<u32>,
}

impl Instruction {
    /// The instruction's words as stored: the opcode, then the operands.
    pub fn words(&self) -> impl Iterator<Item = u32> + '_ {
        std::iter::once(self.opcode.value()).chain(self.operands.iter().copied())
    }
}

impl<'a> Decode<'a> for ScriptData {
    /// Decodes a script: the count, the instructions (the count is checked
    /// against the input before anything is allocated), and the rest of
    /// the reader's window as the data.
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ScriptData", |r| {
            let n = r.u32()?;
            let instructions = r.counted(n.into(), 4, "instruction count", |r| r.u32())?;
            let data = r.take_rest().to_vec();
            Ok(ScriptData { instructions, data })
        })
    }
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
