//! YAML parsing shared by rule files, manifests and front matter: serde_yaml behind a guard against its parser's
//! worst case, with errors as a message and a byte offset, which each caller turns into a place in its own file.
//!
//! serde_yaml already refuses alias bombs ("repetition limit exceeded") and documents nested deeper than 128 levels
//! ("recursion limit exceeded"), but its parser first scans the whole document, and that scan takes time quadratic in
//! the nesting depth of flow collections: 100,000 `[` (200 KB) take half a minute. So a text whose flow collections
//! nest deeper than the deserializer would accept is refused before it is parsed.

use serde::de::DeserializeOwned;

/// How deeply flow collections (`[...]`, `{...}`) may nest: serde_yaml's own recursion limit.
pub const MAX_FLOW_DEPTH: usize = 128;

/// A YAML text that is not a document of the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong, without a place.
    pub message: String,
    /// The byte offset in the text where it is wrong, when known.
    pub offset: Option<usize>,
}

/// Parses `text` as one YAML document of type `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if let Some(offset) = flow_too_deep(text) {
        return Err(YamlError {
            message: format!(
                "recursion limit exceeded: more than {MAX_FLOW_DEPTH} nested `[` or `{{`"
            ),
            offset: Some(offset),
        });
    }
    serde_yaml::from_str(text).map_err(|error| {
        let message = error.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        };
        YamlError {
            message,
            offset: error.location().map(|l| l.index()),
        }
    })
}

/// The offset of the bracket that opens flow level [`MAX_FLOW_DEPTH`] + 1, if any. A linear scan that knows just
/// enough YAML to skip comments and quoted scalars, and to tell a bracket that opens a collection (at the start of a
/// node) from one inside a plain scalar. It can only be wrong about texts that nest deeply, which the parser
/// would refuse anyway.
fn flow_too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut node_may_start = true;
    let mut previous = '\n';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut opens_node = matches!(c, '\n' | '\r' | ':' | '-' | '?');
        match c {
            '#' if previous.is_whitespace() => {
                while chars.next_if(|&(_, n)| n != '\n' && n != '\r').is_some() {}
            }
            '\'' | '"' if node_may_start => skip_quoted(c, &mut chars),
            '[' | '{' if depth > 0 || node_may_start => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(i);
                }
                opens_node = true;
            }
            ']' | '}' if depth > 0 => depth -= 1,
            ',' if depth > 0 => opens_node = true,
            _ => {}
        }
        if opens_node || !c.is_whitespace() {
            node_may_start = opens_node;
        }
        previous = c;
    }
    None
}

/// Skips a quoted scalar up to its closing quote: `''` is a quote inside single quotes, `\"` inside double quotes.
fn skip_quoted(quote: char, chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) {
    while let Some((_, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote && (quote == '"' || chars.next_if(|&(_, n)| n == '\'').is_none()) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn nesting_up_to_the_limit_is_parsed() {
        let value: serde_yaml::Value = from_str(&nested(MAX_FLOW_DEPTH - 1)).unwrap();
        assert!(value.get("a").is_some());
    }

    #[test]
    fn deeper_nesting_is_refused_before_parsing() {
        let text = nested(100_000);
        let error = from_str::<serde_yaml::Value>(&text).unwrap_err();
        assert!(
            error.message.starts_with("recursion limit exceeded"),
            "{error:?}"
        );
        assert_eq!(error.offset, Some(3 + MAX_FLOW_DEPTH));
    }

    #[test]
    fn brackets_in_quotes_comments_and_plain_scalars_do_not_count() {
        let many = "[".repeat(2 * MAX_FLOW_DEPTH);
        for text in [
            format!("a: '{many}'\n"),
            format!("a: \"\\\"{many}\"\n"),
            format!("a: 'it''s {many}'\n"),
            format!("a: b # {many}\n"),
            format!("a: x{many}\n"),
            format!("a: [\"{many}\", '{many}']\n"),
        ] {
            assert_eq!(flow_too_deep(&text), None, "{text}");
        }
    }

    #[test]
    fn errors_carry_the_offset_without_the_place_in_words() {
        let error = from_str::<Vec<String>>("- a\n- [b]\n").unwrap_err();
        assert_eq!(
            error.message,
            ".[1]: invalid type: sequence, expected a string"
        );
        assert_eq!(error.offset, Some(6));
    }
}
