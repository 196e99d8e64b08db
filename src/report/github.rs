//! GitHub Actions workflow commands: one annotation per mention of a conflict or change, so that every side shows
//! up on the lines of a pull request. The anchor mention carries the finding's message; the others say whom they
//! contradict.

use super::{anchor_side, region};
use crate::check::Checked;
use crate::extract::Mention;
use crate::model::{Finding, Severity};
use crate::rules::RuleSet;

/// Renders `::error` / `::warning` / `::notice` lines.
pub fn render(checked: &Checked, rules: &RuleSet) -> String {
    let mut out = String::new();
    for finding in checked.findings.iter().filter(|f| f.kind.disputes()) {
        annotate(checked, rules, finding, &mut out);
    }
    out
}

fn annotate(checked: &Checked, rules: &RuleSet, finding: &Finding, out: &mut String) {
    let claim = &rules.claims[finding.claim];
    let anchor = &checked.mentions.at(anchor_side(finding)[0].index());
    let title = format!("{} ({})", claim.title, claim.id);
    out.push_str(&command(
        checked,
        anchor,
        finding.severity,
        &title,
        &finding.message,
    ));
    let anchor_place = place(checked, anchor);
    for &id in finding
        .mentions
        .iter()
        .filter(|&&id| id.index() != anchor.id)
    {
        let mention = &checked.mentions.at(id.index());
        let message = format!(
            "{} here; {} says {} ({anchor_place})",
            mention.value.describe(),
            checked.sources[anchor.source].name,
            anchor.value.describe()
        );
        out.push_str(&command(
            checked,
            mention,
            finding.severity,
            &title,
            &message,
        ));
    }
}

fn place(checked: &Checked, mention: &Mention) -> String {
    let region = region(mention);
    format!(
        "{}:{}:{}",
        checked.sources[mention.source].path, region.start_line, region.start_column
    )
}

fn command(
    checked: &Checked,
    mention: &Mention,
    severity: Severity,
    title: &str,
    message: &str,
) -> String {
    let level = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let region = region(mention);
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
        escape_property(&checked.sources[mention.source].path),
        region.start_line,
        region.start_column,
        region.end_line,
        region.end_column,
        escape_property(title),
        escape_data(message)
    )
}

/// Escapes a command's message: `%`, CR and LF would end or corrupt the command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators as well.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_escaped() {
        assert_eq!(escape_data("50% of\na"), "50%25 of%0Aa");
        assert_eq!(escape_property("a: b, c"), "a%3A b%2C c");
    }
}
