//! A small JSON Schema (draft 2020-12) validator for exactly the keywords
//! the schemas of `crates/msox/schemas/` use. A schema with any other
//! keyword is refused ([`check`]), so a schema never claims more than is
//! checked.
//!
//! Keywords checked: `type` (a name or an array of names), `enum`,
//! `const`, `properties`, `required`, `additionalProperties` (a boolean
//! or a schema), `patternProperties`, `propertyNames`, `minProperties`,
//! `maxProperties`, `items`, `prefixItems`, `minItems`, `maxItems`,
//! `minimum`, `maximum`, `minLength`, `pattern`, `anyOf`, `oneOf`, and
//! `$ref` to `#` or `#/$defs/NAME` (applied together with the keywords
//! beside it, as 2020-12 says). Boolean schemas (`true`, `false`) are
//! schemas. Annotations: `$schema`, `$id`, `$defs` (at the root only),
//! `title`, `description`, `$comment`.
//!
//! `pattern` and `patternProperties` are ECMA-262 regular expressions
//! restricted to a documented subset ([`Regex`]): searched for anywhere in
//! the string unless anchored, as JSON Schema says. A failure is reported
//! as the JSON pointer of the offending value and the JSON pointer of the
//! rule in the schema; when no branch of an `anyOf`/`oneOf` matches, the
//! failure of the branch that got deepest into the value is reported (it
//! is what the value was meant to be), else every branch's.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::{Map, Value};

/// The `$schema` every schema declares.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Every keyword a schema may use: annotations (`$defs` only at the
/// root) and the assertions this validator implements.
pub const KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "$comment",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "items",
    "prefixItems",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "minLength",
    "pattern",
    "anyOf",
    "oneOf",
    "$ref",
];

const TYPES: &[&str] = &[
    "null", "boolean", "object", "array", "number", "integer", "string",
];

// ---- regular expressions ----------------------------------------------------------------

/// A regular expression of the subset the schemas use: literal characters;
/// `.` (any character but a line terminator); classes `[...]` and `[^...]`
/// with ranges (`[0-9A-F]`); escapes `\d`, `\n`, `\r`, `\t` and `\` before
/// any of `\^$.|?*+()[]{}/-`; groups `(...)` and `(?:...)` (not
/// capturing: nothing is captured); alternation `|`; anchors `^` and `$`;
/// greedy quantifiers `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`. Anything
/// else (lazy quantifiers, back-references, look-around, other escapes)
/// is refused when compiling, never matched wrongly.
#[derive(Debug, Clone)]
pub struct Regex {
    alt: Alt,
    anchored: bool,
}

#[derive(Debug, Clone)]
struct Alt(Vec<Vec<Piece>>);

#[derive(Debug, Clone)]
struct Piece {
    atom: Atom,
    min: usize,
    max: Option<usize>,
}

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    Any,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    Group(Alt),
    Start,
    End,
}

impl Atom {
    /// Whether it matches exactly one character.
    fn is_single(&self) -> bool {
        matches!(self, Atom::Char(_) | Atom::Any | Atom::Class { .. })
    }

    /// Whether it matches exactly one character, and that one.
    fn single(&self, c: char) -> Option<bool> {
        match self {
            Atom::Char(x) => Some(*x == c),
            Atom::Any => Some(!matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')),
            Atom::Class { negated, ranges } => {
                Some(ranges.iter().any(|(a, b)| (*a..=*b).contains(&c)) != *negated)
            }
            Atom::Group(_) | Atom::Start | Atom::End => None,
        }
    }
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

const ESCAPABLE: &str = "\\^$.|?*+()[]{}/-";

impl Parser<'_> {
    fn alt(&mut self, depth: usize) -> Result<Alt, String> {
        if depth > 32 {
            return Err("groups nested too deep".into());
        }
        let mut seqs = vec![self.seq(depth)?];
        while self.chars.peek() == Some(&'|') {
            self.chars.next();
            seqs.push(self.seq(depth)?);
        }
        Ok(Alt(seqs))
    }

    fn seq(&mut self, depth: usize) -> Result<Vec<Piece>, String> {
        let mut pieces = Vec::new();
        while let Some(&c) = self.chars.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom(depth)?;
            let (min, max) = self.quantifier()?;
            if matches!(atom, Atom::Start | Atom::End) && (min, max) != (1, Some(1)) {
                return Err("a quantifier after an anchor".into());
            }
            pieces.push(Piece { atom, min, max });
        }
        Ok(pieces)
    }

    fn escape(&mut self) -> Result<Atom, String> {
        match self.chars.next() {
            Some('d') => Ok(Atom::Class {
                negated: false,
                ranges: vec![('0', '9')],
            }),
            Some('n') => Ok(Atom::Char('\n')),
            Some('r') => Ok(Atom::Char('\r')),
            Some('t') => Ok(Atom::Char('\t')),
            Some(c) if ESCAPABLE.contains(c) => Ok(Atom::Char(c)),
            Some(c) => Err(format!("unsupported escape \\{c}")),
            None => Err("a pattern ending in \\".into()),
        }
    }

    fn atom(&mut self, depth: usize) -> Result<Atom, String> {
        match self.chars.next() {
            Some('(') => {
                if self.chars.peek() == Some(&'?') {
                    self.chars.next();
                    if self.chars.next() != Some(':') {
                        return Err("only (?:...) groups are supported".into());
                    }
                }
                let alt = self.alt(depth + 1)?;
                if self.chars.next() != Some(')') {
                    return Err("unclosed group".into());
                }
                Ok(Atom::Group(alt))
            }
            Some('[') => self.class(),
            Some('.') => Ok(Atom::Any),
            Some('^') => Ok(Atom::Start),
            Some('$') => Ok(Atom::End),
            Some('\\') => self.escape(),
            Some(c @ ('*' | '+' | '?' | '{' | '}' | ']')) => {
                Err(format!("unexpected {c:?} (escape it)"))
            }
            Some(c) => Ok(Atom::Char(c)),
            None => Err("unexpected end".into()),
        }
    }

    fn class_char(&mut self) -> Result<Result<char, Vec<(char, char)>>, String> {
        match self.chars.next() {
            Some('\\') => match self.escape()? {
                Atom::Char(c) => Ok(Ok(c)),
                Atom::Class { ranges, .. } => Ok(Err(ranges)),
                _ => Err("bad escape in a class".into()),
            },
            Some('[') => Err("'[' inside a class (escape it)".into()),
            Some(c) => Ok(Ok(c)),
            None => Err("unclosed class".into()),
        }
    }

    fn class(&mut self) -> Result<Atom, String> {
        let negated = self.chars.peek() == Some(&'^');
        if negated {
            self.chars.next();
        }
        let mut ranges = Vec::new();
        loop {
            if self.chars.peek() == Some(&']') {
                self.chars.next();
                break;
            }
            let lo = match self.class_char()? {
                Ok(c) => c,
                Err(r) => {
                    ranges.extend(r);
                    continue;
                }
            };
            let mut ahead = self.chars.clone();
            if ahead.next() == Some('-') && ahead.peek().is_some_and(|c| *c != ']') {
                self.chars.next();
                let hi = match self.class_char()? {
                    Ok(c) => c,
                    Err(_) => return Err("a class escape as a range end".into()),
                };
                if hi < lo {
                    return Err(format!("range {lo}-{hi} out of order"));
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Ok(Atom::Class { negated, ranges })
    }

    fn number(&mut self) -> Option<usize> {
        let mut s = String::new();
        while let Some(c) = self.chars.peek().copied().filter(char::is_ascii_digit) {
            s.push(c);
            self.chars.next();
        }
        s.parse().ok()
    }

    fn quantifier(&mut self) -> Result<(usize, Option<usize>), String> {
        let q = match self.chars.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.chars.next();
                let n = self.number().ok_or("a number after '{'")?;
                let q = match self.chars.next() {
                    Some('}') => (n, Some(n)),
                    Some(',') => {
                        let m = self.number();
                        if self.chars.next() != Some('}') {
                            return Err("unclosed {n,m}".into());
                        }
                        if m.is_some_and(|m| m < n) {
                            return Err("{n,m} with m < n".into());
                        }
                        (n, m)
                    }
                    _ => return Err("bad {n,m}".into()),
                };
                if matches!(self.chars.peek(), Some('?' | '+')) {
                    return Err("lazy or possessive quantifiers are not supported".into());
                }
                return Ok(q);
            }
            _ => return Ok((1, Some(1))),
        };
        self.chars.next();
        if matches!(self.chars.peek(), Some('?' | '+' | '*' | '{')) {
            return Err("lazy, possessive or doubled quantifiers are not supported".into());
        }
        Ok(q)
    }
}

impl Regex {
    /// Compiles a pattern of the subset, or says what it does not support.
    pub fn new(pattern: &str) -> Result<Regex, String> {
        let mut p = Parser {
            chars: pattern.chars().peekable(),
        };
        let alt = p.alt(0)?;
        if let Some(c) = p.chars.next() {
            return Err(format!("unexpected {c:?}"));
        }
        let anchored = alt
            .0
            .iter()
            .all(|seq| seq.first().is_some_and(|p| matches!(p.atom, Atom::Start)));
        Ok(Regex { alt, anchored })
    }

    /// Whether the pattern matches somewhere in `s` (ECMA-262 `test`).
    pub fn is_match(&self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        let last = if self.anchored { 0 } else { chars.len() };
        (0..=last).any(|start| alt_at(&self.alt, &chars, start, &mut |_| true))
    }
}

type Cont<'k> = dyn FnMut(usize) -> bool + 'k;

fn alt_at(alt: &Alt, s: &[char], pos: usize, k: &mut Cont<'_>) -> bool {
    alt.0.iter().any(|seq| seq_at(seq, s, pos, k))
}

fn seq_at(seq: &[Piece], s: &[char], pos: usize, k: &mut Cont<'_>) -> bool {
    match seq.split_first() {
        None => k(pos),
        Some((p, rest)) => piece_at(p, s, pos, &mut |q| seq_at(rest, s, q, k)),
    }
}

fn piece_at(p: &Piece, s: &[char], pos: usize, k: &mut Cont<'_>) -> bool {
    if p.atom.is_single() {
        // one-character atoms: the longest run first, then shorter ones,
        // without recursion per character (base64 values are megabytes
        // with --full)
        let limit = p.max.unwrap_or(usize::MAX);
        let mut n = 0;
        while n < limit
            && s.get(pos + n)
                .is_some_and(|c| p.atom.single(*c) == Some(true))
        {
            n += 1;
        }
        if n < p.min {
            return false;
        }
        return (p.min..=n).rev().any(|c| k(pos + c));
    }
    repeat_at(p, 0, s, pos, k)
}

fn repeat_at(p: &Piece, count: usize, s: &[char], pos: usize, k: &mut Cont<'_>) -> bool {
    if p.max.is_none_or(|m| count < m) {
        let mut more = |q: usize| (q != pos || count < p.min) && repeat_at(p, count + 1, s, q, k);
        if atom_at(&p.atom, s, pos, &mut more) {
            return true;
        }
    }
    count >= p.min && k(pos)
}

fn atom_at(a: &Atom, s: &[char], pos: usize, k: &mut Cont<'_>) -> bool {
    match a {
        Atom::Group(alt) => alt_at(alt, s, pos, k),
        Atom::Start => pos == 0 && k(pos),
        Atom::End => pos == s.len() && k(pos),
        single => s.get(pos).is_some_and(|c| single.single(*c) == Some(true)) && k(pos + 1),
    }
}

// ---- locations ----------------------------------------------------------------------------

/// A step of a JSON pointer.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// A location (in the instance or in the schema) as a linked list, made
/// into a JSON pointer only for a failure.
#[derive(Clone, Copy)]
struct Loc<'a> {
    seg: Option<Seg<'a>>,
    parent: Option<&'a Loc<'a>>,
}

const ROOT: Loc<'static> = Loc {
    seg: None,
    parent: None,
};

impl<'a> Loc<'a> {
    fn key(&'a self, k: &'a str) -> Loc<'a> {
        Loc {
            seg: Some(Seg::Key(k)),
            parent: Some(self),
        }
    }

    fn index(&'a self, i: usize) -> Loc<'a> {
        Loc {
            seg: Some(Seg::Index(i)),
            parent: Some(self),
        }
    }

    /// The RFC 6901 pointer (`""` for the root).
    fn pointer(&self) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(l) = at {
            if let Some(s) = l.seg {
                segs.push(match s {
                    Seg::Key(k) => k.replace('~', "~0").replace('/', "~1"),
                    Seg::Index(i) => i.to_string(),
                });
            }
            at = l.parent;
        }
        segs.iter().rev().map(|s| format!("/{s}")).collect()
    }
}

// ---- checking a schema ----------------------------------------------------------------------

/// What is wrong with a schema document: no `$schema` of draft 2020-12,
/// `$id`, `title` or `description`; unknown keywords; keywords of the
/// wrong shape; `$ref`s that do not resolve; patterns outside the subset;
/// definitions, and properties of a schema with a `type`, without a
/// `description`. Empty when it is fine.
pub fn check(root: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let Some(obj) = root.as_object() else {
        return vec!["the schema document is not an object".into()];
    };
    if obj.get("$schema").and_then(Value::as_str) != Some(DRAFT) {
        errs.push(format!("#/$schema: not {DRAFT:?}"));
    }
    for k in ["$id", "title", "description"] {
        if !obj.get(k).is_some_and(Value::is_string) {
            errs.push(format!("#/{k}: missing or not a string"));
        }
    }
    match obj.get("$defs") {
        None => {}
        Some(Value::Object(defs)) => {
            for (name, d) in defs {
                let at = format!("#/$defs/{name}");
                if !d.get("description").is_some_and(Value::is_string) {
                    errs.push(format!("{at}: a definition without a description"));
                }
                check_at(root, d, &at, &mut errs);
            }
        }
        Some(_) => errs.push("#/$defs: not an object".into()),
    }
    check_at(root, root, "#", &mut errs);
    errs
}

fn resolve<'a>(root: &'a Value, r: &str) -> Option<&'a Value> {
    if r == "#" {
        return Some(root);
    }
    let name = r.strip_prefix("#/$defs/")?;
    if name.contains('/') || name.contains('~') {
        return None;
    }
    root.get("$defs")?.get(name)
}

fn check_at(root: &Value, s: &Value, at: &str, errs: &mut Vec<String>) {
    let o = match s {
        Value::Bool(_) => return,
        Value::Object(o) => o,
        _ => {
            errs.push(format!("{at}: a schema must be an object or a boolean"));
            return;
        }
    };
    let sub = |v: &Value, path: String, errs: &mut Vec<String>| check_at(root, v, &path, errs);
    let nonneg = |k: &str, v: &Value, errs: &mut Vec<String>| {
        if v.as_u64().is_none() {
            errs.push(format!("{at}/{k}: not a non-negative integer"));
        }
    };
    // the properties of a schema that says what type it is are documented;
    // those of a bare constraint (an `anyOf` branch) need not be
    let declares_shape = o.contains_key("type");
    for (k, v) in o {
        if !KEYWORDS.contains(&k.as_str()) {
            errs.push(format!(
                "{at}/{k}: a keyword this validator does not implement"
            ));
            continue;
        }
        let is_root = std::ptr::eq(s, root);
        match k.as_str() {
            "$schema" | "$id" | "$defs" if !is_root => {
                errs.push(format!("{at}/{k}: only allowed at the root"));
            }
            "$schema" | "$id" | "$defs" => {}
            "title" | "description" | "$comment" if !v.is_string() => {
                errs.push(format!("{at}/{k}: not a string"));
            }
            "type" => {
                let names: Vec<&Value> = match v {
                    Value::Array(a) if !a.is_empty() => a.iter().collect(),
                    Value::Array(_) => {
                        errs.push(format!("{at}/type: an empty array"));
                        Vec::new()
                    }
                    other => vec![other],
                };
                for n in names {
                    if !n.as_str().is_some_and(|n| TYPES.contains(&n)) {
                        errs.push(format!("{at}/type: unknown type {n}"));
                    }
                }
            }
            "enum" if v.as_array().is_none_or(Vec::is_empty) => {
                errs.push(format!("{at}/enum: not a non-empty array"));
            }
            "properties" | "patternProperties" => match v.as_object() {
                Some(props) => {
                    for (name, p) in props {
                        let path = format!("{at}/{k}/{name}");
                        if k == "patternProperties"
                            && let Err(e) = Regex::new(name)
                        {
                            errs.push(format!("{path}: pattern outside the subset: {e}"));
                        }
                        if declares_shape
                            && p.is_object()
                            && !p.get("description").is_some_and(Value::is_string)
                        {
                            errs.push(format!("{path}: a property without a description"));
                        }
                        sub(p, path, errs);
                    }
                }
                None => errs.push(format!("{at}/{k}: not an object")),
            },
            "required" if !v.as_array().is_some_and(|a| a.iter().all(Value::is_string)) => {
                errs.push(format!("{at}/required: not an array of strings"));
            }
            "additionalProperties" | "propertyNames" | "items" => {
                sub(v, format!("{at}/{k}"), errs);
            }
            "prefixItems" | "anyOf" | "oneOf" => match v.as_array() {
                Some(a) if !a.is_empty() => {
                    for (i, x) in a.iter().enumerate() {
                        sub(x, format!("{at}/{k}/{i}"), errs);
                    }
                }
                _ => errs.push(format!("{at}/{k}: not a non-empty array")),
            },
            "minProperties" | "maxProperties" | "minItems" | "maxItems" | "minLength" => {
                nonneg(k, v, errs);
            }
            "minimum" | "maximum" if !v.is_number() => {
                errs.push(format!("{at}/{k}: not a number"));
            }
            "pattern" => match v.as_str() {
                Some(p) => {
                    if let Err(e) = Regex::new(p) {
                        errs.push(format!("{at}/pattern: outside the subset: {e}"));
                    }
                }
                None => errs.push(format!("{at}/pattern: not a string")),
            },
            "$ref" => match v.as_str() {
                Some(r) if resolve(root, r).is_some() => {}
                Some(r) => errs.push(format!("{at}/$ref: {r:?} does not resolve")),
                None => errs.push(format!("{at}/$ref: not a string")),
            },
            _ => {}
        }
    }
}

// ---- validating ------------------------------------------------------------------------------

/// One way an instance breaks its schema.
#[derive(Debug, Clone)]
pub struct Failure {
    /// JSON pointer of the offending value in the instance.
    pub instance: String,
    /// JSON pointer of the rule in the schema (`#/$defs/address/required`).
    pub rule: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.instance.is_empty() {
            "(root)"
        } else {
            &self.instance
        };
        write!(f, "{at}: {} [rule {}]", self.message, self.rule)
    }
}

/// A checked schema document, ready to validate instances.
pub struct Schema {
    root: Value,
    regexes: RefCell<HashMap<String, Regex>>,
}

struct Out {
    failures: Vec<Failure>,
    max: usize,
}

impl Out {
    fn full(&self) -> bool {
        self.failures.len() >= self.max
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match (t, v) {
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        ("number", Value::Number(_)) => true,
        _ => type_name(v) == t,
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}...", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

impl Schema {
    /// Checks a schema document ([`check`]) and keeps it.
    pub fn new(root: Value) -> Result<Schema, Vec<String>> {
        let errs = check(&root);
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Schema {
            root,
            regexes: RefCell::new(HashMap::new()),
        })
    }

    /// The first `max` ways `instance` breaks the schema (empty: it is valid).
    pub fn validate(&self, instance: &Value, max: usize) -> Vec<Failure> {
        let mut out = Out {
            failures: Vec::new(),
            max: max.max(1),
        };
        self.at(&self.root, &ROOT, instance, &ROOT, &mut out);
        out.failures
    }

    fn matches(&self, pattern: &str, s: &str) -> bool {
        let mut cache = self.regexes.borrow_mut();
        if !cache.contains_key(pattern) {
            // check() compiled every pattern already
            let r = Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
            cache.insert(pattern.to_string(), r);
        }
        cache.get(pattern).is_some_and(|r| r.is_match(s))
    }

    fn fail(out: &mut Out, inst: &Loc<'_>, rule: &Loc<'_>, message: String) {
        if !out.full() {
            out.failures.push(Failure {
                instance: inst.pointer(),
                rule: format!("#{}", rule.pointer()),
                message,
            });
        }
    }

    /// Whether `v` is valid against `schema`, and its first failure if not.
    fn first_failure(
        &self,
        schema: &Value,
        rule: &Loc<'_>,
        v: &Value,
        inst: &Loc<'_>,
    ) -> Option<Failure> {
        let mut o = Out {
            failures: Vec::new(),
            max: 1,
        };
        self.at(schema, rule, v, inst, &mut o);
        o.failures.into_iter().next()
    }

    fn at(&self, schema: &Value, rule: &Loc<'_>, v: &Value, inst: &Loc<'_>, out: &mut Out) {
        let s = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                return Self::fail(out, inst, rule, "no value is allowed here".into());
            }
            Value::Object(s) => s,
            _ => return Self::fail(out, inst, rule, "the schema is not a schema".into()),
        };
        for (k, kv) in s {
            if out.full() {
                return;
            }
            let r = rule.key(k);
            match k.as_str() {
                "$schema" | "$id" | "$defs" | "title" | "description" | "$comment" => {}
                "$ref" => {
                    let target = kv.as_str().and_then(|x| resolve(&self.root, x));
                    match target {
                        Some(t) => self.at(t, &r, v, inst, out),
                        None => Self::fail(out, inst, &r, format!("{kv} does not resolve")),
                    }
                }
                "type" => {
                    let ok = match kv {
                        Value::Array(a) => {
                            a.iter().any(|t| t.as_str().is_some_and(|t| has_type(v, t)))
                        }
                        Value::String(t) => has_type(v, t),
                        _ => false,
                    };
                    if !ok {
                        Self::fail(
                            out,
                            inst,
                            &r,
                            format!("{} is not of type {kv}", type_name(v)),
                        );
                    }
                }
                "enum" => {
                    if !kv.as_array().is_some_and(|a| a.contains(v)) {
                        Self::fail(out, inst, &r, format!("{} is not one of {kv}", short(v)));
                    }
                }
                "const" => {
                    if kv != v {
                        Self::fail(out, inst, &r, format!("{} is not {kv}", short(v)));
                    }
                }
                "properties" => self.properties(kv, &r, v, inst, out),
                "required" => {
                    if let (Some(req), Value::Object(o)) = (kv.as_array(), v) {
                        for name in req.iter().filter_map(Value::as_str) {
                            if !o.contains_key(name) {
                                Self::fail(
                                    out,
                                    inst,
                                    &r,
                                    format!("required property {name:?} is missing"),
                                );
                            }
                        }
                    }
                }
                "patternProperties" => {
                    if let (Some(pp), Value::Object(o)) = (kv.as_object(), v) {
                        for (name, x) in o {
                            for (pat, sub) in pp {
                                if self.matches(pat, name) {
                                    let (pr, xi) = (r.key(pat), inst.key(name));
                                    self.at(sub, &pr, x, &xi, out);
                                }
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Value::Object(o) = v {
                        for (name, x) in o {
                            if !self.declared(s, name) {
                                let xi = inst.key(name);
                                if kv == &Value::Bool(false) {
                                    Self::fail(
                                        out,
                                        &xi,
                                        &r,
                                        format!("property {name:?} is not allowed"),
                                    );
                                } else {
                                    self.at(kv, &r, x, &xi, out);
                                }
                            }
                        }
                    }
                }
                "propertyNames" => {
                    if let Value::Object(o) = v {
                        for name in o.keys() {
                            let key = Value::String(name.clone());
                            if let Some(f) = self.first_failure(kv, &r, &key, &inst.key(name)) {
                                Self::fail(
                                    out,
                                    &inst.key(name),
                                    &r,
                                    format!("the property name {name:?} is not allowed: {f}"),
                                );
                            }
                        }
                    }
                }
                "minProperties" | "maxProperties" => {
                    if let (Some(n), Value::Object(o)) = (kv.as_u64(), v) {
                        let len = o.len() as u64;
                        let bad = if k == "minProperties" {
                            len < n
                        } else {
                            len > n
                        };
                        if bad {
                            Self::fail(out, inst, &r, format!("{len} properties, {k} {n}"));
                        }
                    }
                }
                "items" => {
                    if let Value::Array(a) = v {
                        let skip = s
                            .get("prefixItems")
                            .and_then(Value::as_array)
                            .map_or(0, Vec::len);
                        for (i, x) in a.iter().enumerate().skip(skip) {
                            self.at(kv, &r, x, &inst.index(i), out);
                        }
                    }
                }
                "prefixItems" => {
                    if let (Some(p), Value::Array(a)) = (kv.as_array(), v) {
                        for (i, (sub, x)) in p.iter().zip(a).enumerate() {
                            self.at(sub, &r.index(i), x, &inst.index(i), out);
                        }
                    }
                }
                "minItems" | "maxItems" => {
                    if let (Some(n), Value::Array(a)) = (kv.as_u64(), v) {
                        let len = a.len() as u64;
                        let bad = if k == "minItems" { len < n } else { len > n };
                        if bad {
                            Self::fail(out, inst, &r, format!("{len} items, {k} {n}"));
                        }
                    }
                }
                "minimum" | "maximum" => {
                    if let (Some(n), Some(x)) = (kv.as_f64(), v.as_f64()) {
                        let bad = if k == "minimum" { x < n } else { x > n };
                        if bad {
                            Self::fail(out, inst, &r, format!("{v} is not within {k} {kv}"));
                        }
                    }
                }
                "minLength" => {
                    if let (Some(n), Value::String(x)) = (kv.as_u64(), v)
                        && (x.chars().count() as u64) < n
                    {
                        Self::fail(out, inst, &r, format!("{} is shorter than {n}", short(v)));
                    }
                }
                "pattern" => {
                    if let (Some(p), Value::String(x)) = (kv.as_str(), v)
                        && !self.matches(p, x)
                    {
                        Self::fail(out, inst, &r, format!("{} does not match {p:?}", short(v)));
                    }
                }
                "anyOf" | "oneOf" => self.branches(k, kv, &r, v, inst, out),
                other => Self::fail(
                    out,
                    inst,
                    &r,
                    format!("keyword {other:?} is not implemented by this validator"),
                ),
            }
        }
    }

    /// Whether `name` is covered by `properties` or `patternProperties` of
    /// the schema object `s`.
    fn declared(&self, s: &Map<String, Value>, name: &str) -> bool {
        s.get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| p.contains_key(name))
            || s.get("patternProperties")
                .and_then(Value::as_object)
                .is_some_and(|pp| pp.keys().any(|pat| self.matches(pat, name)))
    }

    fn properties(&self, kv: &Value, r: &Loc<'_>, v: &Value, inst: &Loc<'_>, out: &mut Out) {
        if let (Some(props), Value::Object(o)) = (kv.as_object(), v) {
            for (name, sub) in props {
                if let Some(x) = o.get(name) {
                    self.at(sub, &r.key(name), x, &inst.key(name), out);
                }
            }
        }
    }

    fn branches(&self, k: &str, kv: &Value, r: &Loc<'_>, v: &Value, inst: &Loc<'_>, out: &mut Out) {
        let Some(list) = kv.as_array() else { return };
        let mut passed = Vec::new();
        let mut failed = Vec::new();
        for (i, sub) in list.iter().enumerate() {
            match self.first_failure(sub, &r.index(i), v, inst) {
                None => passed.push(i),
                Some(f) => failed.push((i, f)),
            }
            if k == "anyOf" && !passed.is_empty() {
                return;
            }
        }
        match (k, passed.len()) {
            ("anyOf", 0) | ("oneOf", 0) => {
                // the branch that got deepest into the value (the one for
                // objects, when the value is an object with a bad member)
                // is what the value was meant to be: its failure is the
                // failure; when no branch got further than another, each
                // says why not
                // (at the same depth, a member the branch does not allow,
                // lacks or has another constant for says less than a
                // member of the wrong value: the branch is for another
                // kind of object)
                let depth = |f: &Failure| {
                    let other_kind = ["/additionalProperties", "/required", "/const"]
                        .iter()
                        .any(|k| f.rule.ends_with(k));
                    2 * f.instance.matches('/').count() + usize::from(!other_kind)
                };
                let deepest = failed.iter().map(|(_, f)| depth(f)).max().unwrap_or(0);
                let at_deepest: Vec<&(usize, Failure)> =
                    failed.iter().filter(|(_, f)| depth(f) == deepest).collect();
                if let [(i, f)] = at_deepest.as_slice()
                    && deepest > 2 * inst.pointer().matches('/').count() + 1
                {
                    if !out.full() {
                        out.failures.push(Failure {
                            instance: f.instance.clone(),
                            rule: f.rule.clone(),
                            message: format!(
                                "{} (in branch {i} of the {k} at #{}, the closest)",
                                f.message,
                                r.pointer()
                            ),
                        });
                    }
                    return;
                }
                let why: Vec<String> = failed
                    .iter()
                    .map(|(i, f)| format!("branch {i}: {f}"))
                    .collect();
                Self::fail(
                    out,
                    inst,
                    r,
                    format!("matches no branch of {k} ({})", why.join("; ")),
                );
            }
            ("oneOf", 1) => {}
            ("oneOf", _) => Self::fail(
                out,
                inst,
                r,
                format!("matches branches {passed:?} of oneOf, not exactly one"),
            ),
            _ => {}
        }
    }
}
