//! The tree `msox inspect` prints: text with box-drawing indentation, or JSON.

use serde_json::{Map, Value, json};

/// One node of an inspection tree: a label, an optional value, children.
#[derive(Debug, Clone, Default)]
pub struct Node {
    /// What this is (`"PropertyTag"`, `"attachment 1"`).
    pub label: String,
    /// Its value, when it has a short one.
    pub value: Option<String>,
    /// Nested structures.
    pub children: Vec<Node>,
}

impl Node {
    /// A node with a label and no value.
    pub fn new(label: impl Into<String>) -> Self {
        Node {
            label: label.into(),
            ..Node::default()
        }
    }

    /// A leaf with a value.
    pub fn leaf(label: impl Into<String>, value: impl ToString) -> Self {
        Node {
            label: label.into(),
            value: Some(value.to_string()),
            children: Vec::new(),
        }
    }

    /// Sets the value.
    pub fn with_value(mut self, value: impl ToString) -> Self {
        self.value = Some(value.to_string());
        self
    }

    /// Adds a child (builder style).
    pub fn child(mut self, c: Node) -> Self {
        self.children.push(c);
        self
    }

    /// Adds a child.
    pub fn push(&mut self, c: Node) {
        self.children.push(c);
    }

    /// Writes the tree as indented text.
    pub fn write_text(&self, out: &mut String) {
        self.write_text_at(out, "", "");
    }

    fn write_text_at(&self, out: &mut String, first: &str, rest: &str) {
        out.push_str(first);
        out.push_str(&self.label);
        if let Some(v) = &self.value {
            out.push_str(": ");
            out.push_str(v);
        }
        out.push('\n');
        let n = self.children.len();
        for (i, c) in self.children.iter().enumerate() {
            let last = i + 1 == n;
            let f = format!("{rest}{}", if last { "└─ " } else { "├─ " });
            let r = format!("{rest}{}", if last { "   " } else { "│  " });
            c.write_text_at(out, &f, &r);
        }
    }

    /// The tree as JSON: `{"label", "value"?, "children"?}`.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("label".into(), json!(self.label));
        if let Some(v) = &self.value {
            m.insert("value".into(), json!(v));
        }
        if !self.children.is_empty() {
            m.insert(
                "children".into(),
                Value::Array(self.children.iter().map(Node::to_json).collect()),
            );
        }
        Value::Object(m)
    }
}
