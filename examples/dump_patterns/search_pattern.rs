//! Rewrites a rule pattern into the pattern a plain regex search tool is given for the same wordings.
//!
//! The rewrite goes through regex-syntax's abstract syntax tree and its printer rather than through string
//! replacement, so that an escaped backslash (`\\b`), a class (`[b\\]`) or a flag group is never mistaken for the
//! construct being rewritten. Everything else is printed back as written.

use regex_syntax::ast::{
    parse::Parser, print::Printer, Assertion, AssertionKind, Ast, Flag, Flags, FlagsItem,
    FlagsItemKind, Group, GroupKind,
};

/// Turns `pattern` into the pattern given to a search tool: every named group becomes a plain non-capturing group
/// (a search tool joins all patterns into one regex, where a name may appear only once), and with
/// `ascii_word_boundaries`, every word-boundary assertion that Unicode mode governs (`\b`, `\B`, `\<`, `\>`,
/// `\b{start}`, `\b{end}`, `\b{start-half}`, `\b{end-half}`) becomes its ASCII form, `(?-u:\b)` and so on.
///
/// What the pattern matches is unchanged, except that an ASCII word boundary sees every non-ASCII character as a
/// non-word character: on ASCII text both forms match exactly the same. Assertions already in ASCII mode (inside
/// `(?-u:...)` or after `(?-u)`) are left as they are.
///
/// Returns the parser's message when `pattern` is not a valid regex.
pub fn search_pattern(pattern: &str, ascii_word_boundaries: bool) -> Result<String, String> {
    let mut ast = Parser::new()
        .parse(pattern)
        .map_err(|error| error.to_string())?;
    let mut unicode = true;
    rewrite(&mut ast, &mut unicode, ascii_word_boundaries);
    let mut printed = String::new();
    Printer::new()
        .print(&ast, &mut printed)
        .map_err(|error| error.to_string())?;
    Ok(printed)
}

/// Rewrites `ast` in place, visiting it in pattern order so that `unicode` follows the `u` flag as the regex
/// syntax scopes it: a flag group `(?-u:...)` sets it for its contents, a bare `(?-u)` until the end of the
/// enclosing group (across later alternatives too). The parser's nesting limit bounds the depth of the recursion.
fn rewrite(ast: &mut Ast, unicode: &mut bool, ascii_word_boundaries: bool) {
    match ast {
        Ast::Flags(set) => {
            if let Some(on) = set.flags.flag_state(Flag::Unicode) {
                *unicode = on;
            }
        }
        Ast::Assertion(assertion)
            if ascii_word_boundaries && *unicode && is_word_boundary(&assertion.kind) =>
        {
            let ascii = ascii_assertion(assertion);
            *ast = ascii;
        }
        Ast::Repetition(repetition) => rewrite(&mut repetition.ast, unicode, ascii_word_boundaries),
        Ast::Group(group) => {
            let outside = *unicode;
            match &group.kind {
                GroupKind::NonCapturing(flags) => {
                    if let Some(on) = flags.flag_state(Flag::Unicode) {
                        *unicode = on;
                    }
                }
                GroupKind::CaptureName { .. } => {
                    group.kind = GroupKind::NonCapturing(Flags {
                        span: group.span,
                        items: Vec::new(),
                    });
                }
                GroupKind::CaptureIndex(_) => {}
            }
            rewrite(&mut group.ast, unicode, ascii_word_boundaries);
            *unicode = outside;
        }
        Ast::Alternation(alternation) => {
            for alternative in &mut alternation.asts {
                rewrite(alternative, unicode, ascii_word_boundaries);
            }
        }
        Ast::Concat(concat) => {
            for item in &mut concat.asts {
                rewrite(item, unicode, ascii_word_boundaries);
            }
        }
        _ => {}
    }
}

/// Whether `kind` is one of the word-boundary assertions, whose meaning depends on Unicode mode.
fn is_word_boundary(kind: &AssertionKind) -> bool {
    matches!(
        kind,
        AssertionKind::WordBoundary
            | AssertionKind::NotWordBoundary
            | AssertionKind::WordBoundaryStart
            | AssertionKind::WordBoundaryEnd
            | AssertionKind::WordBoundaryStartAngle
            | AssertionKind::WordBoundaryEndAngle
            | AssertionKind::WordBoundaryStartHalf
            | AssertionKind::WordBoundaryEndHalf
    )
}

/// `assertion` in a group that turns Unicode mode off: `\b` becomes `(?-u:\b)`.
fn ascii_assertion(assertion: &Assertion) -> Ast {
    let span = assertion.span;
    let flag = |kind| FlagsItem { span, kind };
    Ast::group(Group {
        span,
        kind: GroupKind::NonCapturing(Flags {
            span,
            items: vec![
                flag(FlagsItemKind::Negation),
                flag(FlagsItemKind::Flag(Flag::Unicode)),
            ],
        }),
        ast: Box::new(Ast::assertion(assertion.clone())),
    })
}
