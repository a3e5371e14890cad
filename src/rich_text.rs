//! Message bodies from the server as text (pure, host-tested): HTML is
//! reduced to text with its line breaks kept, and `https://` addresses are
//! found so the page can make them links. Nothing of the server's markup
//! reaches the page: no tag, no attribute, no `javascript:` address.

/// Tags after which a line ends.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "table",
    "hr",
    "section",
    "article",
    "header",
    "footer",
];

/// Tags whose content is never text.
const HIDDEN: &[&str] =
    &["script", "style", "head", "title", "template", "noscript", "iframe", "object"];

/// HTML (or plain text) to text: tags removed, a line break after block
/// tags and `<br>`, the contents of scripts and styles dropped, entities
/// decoded, an `<a href="https://…">label</a>` kept as `label (https://…)`
/// when the label is not the address itself (other schemes are dropped),
/// spaces collapsed within lines and at most one blank line in a row.
pub fn html_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    // the address of the link being read, and where its label starts
    let mut link: Option<(String, usize)> = None;
    while let Some(i) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..i]));
        let after = &rest[i + 1..];
        if let Some(c) = after.strip_prefix("!--") {
            rest = c.find("-->").map_or("", |e| &c[e + 3..]);
            continue;
        }
        let closing = after.starts_with('/');
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() && !after.starts_with('!') {
            // a lone "<" (as in "a < b"): text
            out.push('<');
            rest = after;
            continue;
        }
        let Some(end) = tag_end(after) else {
            // an unclosed tag swallows the rest, as a browser would
            rest = "";
            break;
        };
        let tag = &after[..end];
        rest = &after[end + 1..];
        if !closing && HIDDEN.contains(&name.as_str()) {
            let close = format!("</{name}");
            rest = find_ci(rest, &close).map_or("", |at| {
                let tail = &rest[at..];
                tail.find('>').map_or("", |e| &tail[e + 1..])
            });
            continue;
        }
        if name == "a" {
            if closing {
                if let Some((href, start)) = link.take() {
                    let label = out.get(start..).unwrap_or_default().trim().to_owned();
                    if !label.is_empty() && label != href && !label.contains(&href) {
                        out.push_str(&format!(" ({href})"));
                    } else if label.is_empty() {
                        out.push_str(&href);
                    }
                }
            } else {
                link = attribute(tag, "href").filter(|h| is_https(h)).map(|h| (h, out.len()));
            }
            continue;
        }
        if name == "br" {
            out.push('\n');
        } else if BLOCK.contains(&name.as_str()) {
            if !out.ends_with('\n') {
                out.push('\n');
            }
        } else if name == "td" || name == "th" {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    tidy(&out)
}

/// The end (`>`) of a tag starting after its `<`, quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Finds `needle` (ASCII) in `hay` ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len()) + 1)
        .find(|&i| h.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n)))
        .filter(|&i| hay.is_char_boundary(i))
}

/// An attribute's value in a tag's text (`a href="x" title=y`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower.get(from..)?.find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok =
            start == 0 || lower.as_bytes().get(start - 1).is_some_and(|b| b.is_ascii_whitespace());
        let rest = tag.get(from..)?.trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let v = rest[1..].trim_start();
        let value = match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or_default(),
            _ => v.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or_default(),
        };
        return Some(decode_entities(value).trim().to_owned());
    }
    None
}

fn is_https(url: &str) -> bool {
    url.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("https://")) && url.len() > 8
}

/// The common named entities and every numeric one.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &after[..e];
            let ch = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32)
                    .filter(|c| !c.is_control() || *c == '\n'),
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Spaces collapsed within lines, lines trimmed, at most one blank line in
/// a row, none at the ends; control characters dropped.
fn tidy(s: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in s.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let clean: String = line.chars().filter(|c| !c.is_control() || *c == '\t').collect();
        let words = clean.split_whitespace().collect::<Vec<_>>().join(" ");
        if words.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(words);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// A piece of a line: text, or an `https://` address to show as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Link(String),
}

/// Splits text into plain pieces and `https://` addresses (only https;
/// trailing punctuation such as `.` `,` `)` stays text unless a `(` in the
/// address opened it).
pub fn linkify(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = find_ci(rest, "https://") {
        let url_len = rest[at..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .map_or(rest.len() - at, |(i, _)| i);
        let mut url = &rest[at..at + url_len];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', ']', '}']);
            let trimmed = if trimmed.ends_with(')')
                && trimmed.matches('(').count() < trimmed.matches(')').count()
            {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        if at > 0 {
            out.push(Piece::Text(rest[..at].to_owned()));
        }
        if url.len() > "https://".len() {
            out.push(Piece::Link(url.to_owned()));
        } else {
            out.push(Piece::Text(url.to_owned()));
        }
        rest = &rest[at + url.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text_with_its_line_breaks() {
        assert_eq!(
            html_to_text("<p>Chào anh,</p><p>Máy chủ đã <b>khởi động</b> lại.<br>Cảm ơn.</p>"),
            "Chào anh,\nMáy chủ đã khởi động lại.\nCảm ơn."
        );
        assert_eq!(html_to_text("plain\n\n\n\ntext  with   spaces"), "plain\n\ntext with spaces");
        assert_eq!(
            html_to_text("a &lt; b &amp;&amp; c &#273;&#x1EBF;n &bogus; &"),
            "a < b && c đến &bogus; &"
        );
        assert_eq!(html_to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(html_to_text("<ul><li>một</li><li>hai</li></ul>"), "một\nhai");
    }

    #[test]
    fn hostile_markup_leaves_no_trace() {
        let evil = r#"<p>Xem <a href="javascript:alert(1)">đây</a></p><img src=x onerror="alert(2)"><script>alert(3)</script><style>p{}</style><div><div><b><i>sâu</i></b></div></div><!-- <script>x</script> -->"#;
        let text = html_to_text(evil);
        assert_eq!(text, "Xem đây\nsâu");
        for bad in ["javascript", "alert", "onerror", "<", ">"] {
            assert!(!text.contains(bad), "{bad} in {text:?}");
        }
        // an unclosed tag or script swallows what follows, never shows markup
        assert_eq!(html_to_text("ok <img src=x onerror=alert(1)"), "ok");
        assert_eq!(html_to_text("ok <SCRIPT>alert(1)"), "ok");
        assert_eq!(html_to_text("<a href='data:text/html,x'>y</a>"), "y");
    }

    #[test]
    fn https_links_keep_their_address() {
        assert_eq!(
            html_to_text(r#"Xem <a href="https://bkns.vn/huong-dan?a=1&amp;b=2">hướng dẫn</a>."#),
            "Xem hướng dẫn (https://bkns.vn/huong-dan?a=1&b=2)."
        );
        assert_eq!(
            html_to_text(r#"<a href="https://bkns.vn">https://bkns.vn</a>"#),
            "https://bkns.vn"
        );
        assert_eq!(html_to_text(r#"<a href="http://bkns.vn">cũ</a>"#), "cũ");
    }

    #[test]
    fn only_https_addresses_become_links() {
        use Piece::*;
        assert_eq!(
            linkify("Xem https://bkns.vn/a(b). Hoặc (https://x.vn/c), http://y.vn và javascript:alert(1)"),
            vec![
                Text("Xem ".into()),
                Link("https://bkns.vn/a(b)".into()),
                Text(". Hoặc (".into()),
                Link("https://x.vn/c".into()),
                Text("), http://y.vn và javascript:alert(1)".into()),
            ]
        );
        assert_eq!(linkify("https://"), vec![Text("https://".into())]);
        assert_eq!(linkify(""), Vec::<Piece>::new());
        assert_eq!(
            linkify("HTTPS://BKNS.VN!"),
            vec![Link("HTTPS://BKNS.VN".into()), Text("!".into())]
        );
    }
}
