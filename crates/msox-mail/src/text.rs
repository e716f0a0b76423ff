//! HTML bodies as plain text, for reading in a terminal.

/// Elements whose content is not text to read.
const SKIP: &[&str] = &["script", "style", "head", "title", "xml", "object"];

/// Elements that start a new line.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
];

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(n);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "euro" => '€',
        "pound" => '£',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        _ => return None,
    })
}

/// HTML as plain text for reading: tags dropped, the content of `script`,
/// `style`, `head` and comments left out, block elements and `<br>` as
/// line breaks, list items with a bullet, character references decoded,
/// runs of white space inside lines collapsed, at most one blank line in a
/// row. Not a renderer: tables are cells on lines, links their text.
///
/// ```
/// let t = msox_mail::html_to_text("<html><head><style>p{}</style></head><body><p>Caf&eacute;&nbsp;at <b>noon</b>?</p><p>Bye</p></body></html>");
/// assert_eq!(t, "Café at noon?\n\nBye\n");
/// ```
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut skip: Option<String> = None;
    let mut rest = html;
    let mut pending_space = false;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after
                    .find("-->")
                    .map_or("", |i| after.get(i + 3..).unwrap_or(""));
                continue;
            }
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = rest.get(1..end.saturating_sub(1)).unwrap_or("");
            rest = rest.get(end..).unwrap_or("");
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
                .collect::<String>()
                .to_ascii_lowercase();
            let name = name.rsplit(':').next().unwrap_or("").to_string();
            if let Some(s) = &skip {
                if closing && *s == name {
                    skip = None;
                }
                continue;
            }
            if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
                skip = Some(name);
                continue;
            }
            if BLOCK.contains(&name.as_str()) {
                pending_space = false;
                let paragraph = matches!(
                    name.as_str(),
                    "p" | "table" | "blockquote" | "h1" | "h2" | "h3"
                );
                newline(&mut out, paragraph);
                if name == "li" && !closing {
                    out.push_str("• ");
                }
            } else if matches!(name.as_str(), "td" | "th") && !closing {
                pending_space = true;
            }
            continue;
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
        if skip.is_some() {
            continue;
        }
        let ch = if c == '&' {
            let semi = rest.find(';').filter(|&i| i <= 10);
            match semi.and_then(|i| rest.get(..i)).and_then(entity) {
                Some(e) => {
                    let i = semi.unwrap_or(0);
                    rest = rest.get(i + 1..).unwrap_or("");
                    e
                }
                None => '&',
            }
        } else {
            c
        };
        if ch.is_whitespace() && ch != '\u{a0}' {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() && !out.ends_with('\n') && !out.ends_with(' ') {
            out.push(' ');
        }
        pending_space = false;
        out.push(if ch == '\u{a0}' { ' ' } else { ch });
    }
    let trimmed = out.trim();
    let mut s: String = trimmed
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

fn newline(out: &mut String, paragraph: bool) {
    if out.is_empty() {
        return;
    }
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if paragraph && !out.ends_with("\n\n") {
        out.push('\n');
    }
}
