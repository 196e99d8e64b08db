//! Quantity phrases: "more than 1,000", "some two dozen", "tens of thousands".
//!
//! News reports rarely state a bare count. They hedge ("about 1,100"), bound
//! ("fewer than 1,000") or stay vague ("dozens"). Two reports contradict each
//! other only when no count satisfies both phrases, so every phrase becomes an
//! [`Interval`] of the counts it allows, and intervals are compared with
//! [`Interval::overlaps`].

use serde::Serialize;

/// The qualifier words a quantity phrase may open with, as a regex alternation (see [`QUANTITY_PHRASE`]).
macro_rules! hedge_words {
    () => {
        concat!(
            r"more\s+than|just\s+over|over|upwards\s+of|in\s+excess\s+of|above|north\s+of|",
            r"less\s+than|fewer\s+than|under|below|short\s+of|",
            r"about|around|roughly|some|approximately|an\s+estimated|estimated|circa|close\s+to|",
            r"nearly|almost|just\s+under|just\s+shy\s+of|just\s+short\s+of|",
            r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|",
            r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|a\s+maximum\s+of"
        )
    };
}

/// One number, in digits ("1,200", "5 300") or words ("twenty-five", "two hundred thousand"), as a regex.
macro_rules! numeral {
    () => {
        concat!(
            r"(?:[0-9]{1,3}(?:[\x20\u{a0}\u{202f}][0-9]{3})+\b|[0-9](?:[0-9,.]*[0-9])?\w*|",
            r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)",
            r"(?:(?:-|\s+)(?:one|two|three|four|five|six|seven|eight|nine))?|",
            r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|",
            r"one|two|three|four|five|six|seven|eight|nine|ten)",
            r"(?:\s+(?:hundred|thousand|million|billion|trillion|dozen|mln|mn|bln|bn)\b)*"
        )
    };
}

/// The hedges a range may open with ("some 200 to 400", "about 3,000-4,000"); a range joined by "to" needs one,
/// since "from 300 to 2,960" is a change, not a range.
macro_rules! range_hedges {
    () => {
        r"some|about|around|roughly|approximately|an\s+estimated|estimated|between"
    };
}

/// Regex fragment matching an optional qualifier followed by a number phrase.
///
/// Rule authors embed it in their patterns as `{quantity}`, so it has no
/// capturing groups (their group numbering stays theirs) and is written in
/// lower case for the `(?i)` flag the caller adds. It starts on a word
/// boundary or a currency symbol ("$110 million") and ends on a word boundary,
/// so a number is never taken from the middle of another one.
///
/// The `regex` crate has no look-ahead, so a trailing `\b` alone would let
/// "1,000km" or "1.5m" match just the "1" (the comma and dot are word
/// boundaries). The digit part therefore runs over every digit, comma and dot
/// that ends in a digit, plus any letters glued on: "1,0005", "1,000km" and
/// "20.05.2024" match whole, and [`parse_quantity`] returns `None` for them.
pub const QUANTITY_PHRASE: &str = concat!(
    r"(?:\b(?:",
    hedge_words!(),
    r")\s+)?(?:[$€£]\s?|\b)(?:",
    r"(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)|",
    r"dozens|hundreds|thousands|millions|billions|",
    numeral!(),
    r"|",
    r"(?:half\s+a|a)(?:\s+(?:hundred|thousand|million|billion|trillion|dozen))+",
    r")(?:\s+or\s+so)?\b"
);

/// Regex fragment matching a range of counts: "between 200 and 400", "200-400" or "3,000–4,000" (digits joined by
/// a hyphen or an en dash), and "some 200 to 400" (joined by "to" after a hedge). [`parse_quantity`] reads it as
/// [`Qualifier::Between`]. It is not part of [`QUANTITY_PHRASE`], which a rule's `{quantity}` stands for, so
/// regex patterns find what they always found; claims in words try it before a single figure.
pub const RANGE_PHRASE: &str = concat!(
    r"(?:\b(?:",
    range_hedges!(),
    r")\s+)?(?:[$€£]\s?|\b)(?:",
    r"between\s+(?:",
    numeral!(),
    r")\s+and\s+(?:[$€£]\s?)?(?:",
    numeral!(),
    r")|[0-9](?:[0-9,.]*[0-9])?[-–][0-9](?:[0-9,.]*[0-9])?",
    r")\b|\b(?:",
    range_hedges!(),
    r")\s+(?:[$€£]\s?)?(?:",
    numeral!(),
    r")\s+to\s+(?:[$€£]\s?)?(?:",
    numeral!(),
    r")\b"
);

/// How a phrase hedges its number; it decides the shape of the [`Interval`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// A bare number ("1,000"): only the number, widened by the exact tolerance.
    Exact,
    /// A hedge either way ("about", "some", "an estimated", "... or so").
    About,
    /// A strict lower bound ("more than", "over", "upwards of").
    MoreThan,
    /// A strict upper bound ("less than", "fewer than", "under").
    LessThan,
    /// Slightly below the number ("nearly", "almost", "just under").
    Nearly,
    /// An inclusive lower bound ("at least", "no fewer than"); also vague plurals.
    AtLeast,
    /// An inclusive upper bound ("up to", "as many as", "at most").
    UpTo,
    /// A range ("between 200 and 400", "200-400"): every count from its first number to its second, the first as
    /// the value.
    Between,
}

/// How far hedged and bare numbers may stray, as fractions (0.1 = 10%).
///
/// Reporters round, so "about 1,000" and "1,100" should agree; how much slack
/// to give is the caller's policy, not this module's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tolerance {
    /// Slack for [`Qualifier::About`] (both sides) and [`Qualifier::Nearly`] (below).
    pub approximate: f64,
    /// Slack for [`Qualifier::Exact`] (both sides).
    pub exact: f64,
}

impl Default for Tolerance {
    /// 10% for hedged numbers; none for bare numbers, which say what they mean.
    fn default() -> Self {
        Tolerance {
            approximate: 0.1,
            exact: 0.0,
        }
    }
}

/// One end of an interval; open ends keep "more than 1,000" apart from "1,000".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// Where the end lies.
    pub value: f64,
    /// Whether `value` itself is allowed.
    pub inclusive: bool,
}

/// The counts a phrase allows. `max.value` may be `f64::INFINITY` (then `inclusive` is false).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The lower end.
    pub min: Bound,
    /// The upper end.
    pub max: Bound,
}

impl Interval {
    /// True when some value lies in both, so the two phrases can both be true.
    ///
    /// Open ends matter: [0, 1000) and (1000, inf) are disjoint, while
    /// [900, 1100] and (1000, inf) overlap. Empty or NaN intervals overlap nothing.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let low = tighter(self.min, other.min, |a, b| a > b);
        let high = tighter(self.max, other.max, |a, b| a < b);
        low.value < high.value || (low.value == high.value && low.inclusive && high.inclusive)
    }
}

/// A normalised quantity phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The number the phrase names (for vague plurals, the lower end of their range).
    pub value: f64,
    /// How the phrase hedges `value`.
    pub qualifier: Qualifier,
    /// The counts the phrase allows.
    pub interval: Interval,
}

/// Parses a phrase (as matched by [`QUANTITY_PHRASE`], possibly with
/// surrounding whitespace, any case) into a [`Quantity`].
///
/// Returns `None` when the phrase holds no well-formed number, e.g. "1,0005"
/// or "1,000km", so a mistyped or unit-glued figure never yields a wrong count,
/// and when it allows no count at all ("fewer than 0").
pub fn parse_quantity(phrase: &str, tolerance: Tolerance) -> Option<Quantity> {
    let lower = join_spaced_thousands(&phrase.to_lowercase());
    let money = lower.contains(CURRENCY_SYMBOLS);
    let lower = lower.replace(CURRENCY_SYMBOLS, "");
    let lower = match money {
        true => spell_money_suffix(&lower),
        false => lower,
    };
    let tokens: Vec<&str> = lower.split_whitespace().collect();
    let (qualifier, tokens) = split_qualifier(&tokens);
    if let Some(range) = parse_range(tokens) {
        return range;
    }
    let (qualifier, tokens) = split_or_so(qualifier, tokens);
    if let Some(interval) = vague_range(tokens) {
        return Some(Quantity {
            value: interval.min.value,
            qualifier: Qualifier::AtLeast,
            interval,
        });
    }
    let value = parse_count(tokens)?;
    let interval = interval_for(qualifier, value, tolerance);
    // A phrase that allows no count at all ("fewer than 0") would conflict with every mention, itself included.
    interval.overlaps(&interval).then_some(Quantity {
        value,
        qualifier,
        interval,
    })
}

/// A range ("between 200 and 400", "200-400", "200 to 400", its hedge already taken off): `None` when `tokens`
/// are no range, `Some(None)` when they are one that allows no count (its ends the wrong way round or not numbers).
/// A hedge before a range ("some 200 to 400") adds nothing: a range is already approximate.
fn parse_range(tokens: &[&str]) -> Option<Option<Quantity>> {
    let tokens = tokens.strip_prefix(&["between"]).unwrap_or(tokens);
    let (low, high): (Vec<&str>, Vec<&str>) =
        match tokens.iter().position(|t| *t == "and" || *t == "to") {
            Some(at) => (tokens[..at].to_vec(), tokens[at + 1..].to_vec()),
            None => match tokens {
                [joined] => {
                    let (low, high) = joined.split_once(['-', '–'])?;
                    let digits = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
                    (digits(low) && digits(high)).then_some((vec![low], vec![high]))?
                }
                _ => return None,
            },
        };
    let (low, high) = (parse_count(&low), parse_count(&high));
    let range = low.zip(high).filter(|(low, high)| low < high);
    Some(range.map(|(low, high)| Quantity {
        value: low,
        qualifier: Qualifier::Between,
        interval: Interval {
            min: closed(low),
            max: closed(high),
        },
    }))
}

/// `phrase` with a sum's short scale suffix written out ("110m" as "110 million", "1.2bn" as "1.2 billion"); only
/// sums carry one, since "110m" alone is a length.
fn spell_money_suffix(phrase: &str) -> String {
    let phrase = phrase.trim_end();
    let Some(last) = phrase.split_whitespace().last() else {
        return phrase.to_string();
    };
    let digits = last.trim_end_matches(char::is_alphabetic);
    let scale = match &last[digits.len()..] {
        "k" => "thousand",
        "m" | "mn" => "million",
        "b" | "bn" => "billion",
        _ => return phrase.to_string(),
    };
    let start = phrase.len() - last.len();
    format!("{}{digits} {scale}", &phrase[..start])
}

/// The currency symbols a quantity phrase may carry before its number ("$110 million"); the number is read
/// without them.
pub const CURRENCY_SYMBOLS: [char; 3] = ['$', '€', '£'];

/// `phrase` with the spaces that separate groups of thousands taken out ("10 000" and "5\u{a0}300" as written in
/// many countries): a space between digits followed by exactly three digits.
fn join_spaced_thousands(phrase: &str) -> String {
    let chars: Vec<char> = phrase.chars().collect();
    let group_follows = |at: usize| {
        chars.len() >= at + 4
            && chars[at + 1..at + 4].iter().all(char::is_ascii_digit)
            && !chars.get(at + 4).is_some_and(char::is_ascii_digit)
    };
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            let separator = matches!(c, ' ' | '\u{a0}' | '\u{202f}');
            !(separator && i > 0 && chars[i - 1].is_ascii_digit() && group_follows(i))
        })
        .map(|(_, c)| *c)
        .collect()
}

/// `quantity` hedged by `qualifier` instead of its own: for qualifier words a claim adds to the grammar ("the toll
/// crossed 2,000" with `more_than: [crossed]`). The interval is the one `qualifier` gives the number.
pub fn with_qualifier(quantity: Quantity, qualifier: Qualifier, tolerance: Tolerance) -> Quantity {
    Quantity {
        qualifier,
        interval: interval_for(qualifier, quantity.value, tolerance),
        ..quantity
    }
}

/// A bare round figure read as the rounded figure it is: "3,100" as 3,050 to 3,149, "1,000" as 950 to 1,049.
///
/// Newsrooms round, and a reader takes a bare figure with trailing zeros as approximate. The rounding unit is the
/// last non-zero digit's place, but at least two significant digits are kept: "1,000" is read as rounded to the
/// hundred, not to the thousand (which would stretch it from 500 to 1,499), "740" is read as 735 to 744, and "743" or "50" stay exact. The
/// interval is the wider of the rounding interval and the one the tolerance already gave. Qualified figures ("about",
/// "more than") and figures that are not whole are returned as they are.
pub fn with_rounding(quantity: Quantity) -> Quantity {
    let value = quantity.value;
    if quantity.qualifier != Qualifier::Exact || value.fract() != 0.0 || value < 100.0 {
        return quantity;
    }
    let unit = rounding_unit(value);
    if unit <= 1.0 {
        return quantity;
    }
    let (low, high) = (value - unit / 2.0, value + unit / 2.0);
    let interval = quantity.interval;
    let min = if low < interval.min.value {
        closed(low)
    } else {
        interval.min
    };
    let max = if high > interval.max.value {
        open(high)
    } else {
        interval.max
    };
    Quantity {
        interval: Interval { min, max },
        ..quantity
    }
}

/// The place of the last non-zero digit of a whole number, keeping at least two significant digits.
fn rounding_unit(value: f64) -> f64 {
    let digits = value.log10().floor() as i32 + 1;
    let mut unit = 1.0;
    while unit * 10.0 <= value
        && (value / (unit * 10.0)).fract() == 0.0
        && digits - 1 - (unit.log10() as i32) > 1
    {
        unit *= 10.0;
    }
    unit
}

/// Leading qualifier words; no entry is a prefix of another.
const QUALIFIER_WORDS: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["north", "of"], Qualifier::MoreThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["short", "of"], Qualifier::LessThan),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["close", "to"], Qualifier::About),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::Nearly),
    (&["just", "shy", "of"], Qualifier::Nearly),
    (&["just", "short", "of"], Qualifier::Nearly),
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["up", "to"], Qualifier::UpTo),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["no", "more", "than"], Qualifier::UpTo),
    (&["a", "maximum", "of"], Qualifier::UpTo),
];

/// One to nineteen, in order.
const SMALL_NUMBERS: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Twenty to ninety, in order.
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Strips a leading qualifier; a bare number is exact.
fn split_qualifier<'a>(tokens: &'a [&'a str]) -> (Qualifier, &'a [&'a str]) {
    QUALIFIER_WORDS
        .iter()
        .find_map(|(words, qualifier)| tokens.strip_prefix(*words).map(|rest| (*qualifier, rest)))
        .unwrap_or((Qualifier::Exact, tokens))
}

/// Strips a trailing "or so", which hedges only a number with no other qualifier.
fn split_or_so<'a>(qualifier: Qualifier, tokens: &'a [&'a str]) -> (Qualifier, &'a [&'a str]) {
    match tokens.strip_suffix(&["or", "so"]) {
        Some(rest) if qualifier == Qualifier::Exact => (Qualifier::About, rest),
        Some(rest) => (qualifier, rest),
        None => (qualifier, tokens),
    }
}

/// The range a vague plural ("dozens", "tens of thousands") stands for: from
/// two of the unit up to where the next larger vague phrase takes over.
fn vague_range(tokens: &[&str]) -> Option<Interval> {
    let unit = match tokens {
        ["dozens"] => return Some(half_open(24.0, 100.0)),
        [plural] => plural_scale(plural)?,
        [groups, "of", plural] => plural_scale(plural).filter(|s| *s >= 1e3)? * group_size(groups)?,
        _ => return None,
    };
    Some(half_open(2.0 * unit, 10.0 * unit))
}

/// The unit a plural scale word counts in.
fn plural_scale(word: &str) -> Option<f64> {
    match word {
        "hundreds" => Some(1e2),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        _ => None,
    }
}

/// The factor of "tens of" / "hundreds of" in front of a plural scale word.
fn group_size(word: &str) -> Option<f64> {
    match word {
        "tens" => Some(10.0),
        "hundreds" => Some(100.0),
        _ => None,
    }
}

/// A count: a base ("1.1", "twenty-five", "a", "half a") times any multipliers.
fn parse_count(tokens: &[&str]) -> Option<f64> {
    let (base, multipliers) = match tokens {
        ["half", "a", rest @ ..] if !rest.is_empty() => (0.5, rest),
        ["a", rest @ ..] if !rest.is_empty() => (1.0, rest),
        _ => split_base(tokens)?,
    };
    multipliers
        .iter()
        .try_fold(base, |total, word| Some(total * multiplier(word)?))
        .filter(|value| value.is_finite())
}

/// Splits off the leading number, including a spaced compound like "twenty five".
fn split_base<'a>(tokens: &'a [&'a str]) -> Option<(f64, &'a [&'a str])> {
    if let [tens, unit, rest @ ..] = tokens {
        if let Some((tens, unit)) = tens_value(tens).zip(unit_value(unit)) {
            return Some((tens + unit, rest));
        }
    }
    let (first, rest) = tokens.split_first()?;
    Some((number_token(first)?, rest))
}

/// What a scale word after a number multiplies it by.
fn multiplier(word: &str) -> Option<f64> {
    match word {
        "dozen" => Some(12.0),
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        // news agencies' abbreviations as words of their own: "$110 mln", "32 mn tonnes", "1.2 bn"
        "million" | "mln" | "mn" => Some(1e6),
        "billion" | "bln" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// One token: digits, a number word, or a hyphenated compound ("twenty-five").
fn number_token(token: &str) -> Option<f64> {
    if token.starts_with(|c: char| c.is_ascii_digit()) {
        return parse_digits(token);
    }
    match token.split_once('-') {
        Some((tens, unit)) => Some(tens_value(tens)? + unit_value(unit)?),
        None => small_value(token).or_else(|| tens_value(token)),
    }
}

/// "1000", "1,000", "1,000.5": comma groups must be exactly three digits,
/// so typos like "1,0005" or lists like "1,2" are rejected rather than misread.
fn parse_digits(token: &str) -> Option<f64> {
    let (whole, fraction) = match token.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (token, None),
    };
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && all_digits(f));
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let first_len_ok = !whole.contains(',') || first.len() <= 3;
    let first_ok = !first.is_empty() && all_digits(first) && first_len_ok;
    let rest_ok = groups.all(|group| group.len() == 3 && all_digits(group));
    if !(fraction_ok && first_ok && rest_ok) {
        return None;
    }
    let plain: String = token.chars().filter(|c| *c != ',').collect();
    plain.parse().ok()
}

/// True when every byte is an ASCII digit (Unicode digits are not numbers here).
fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// True for a number word from "one" to "nineteen", in lower case.
pub fn is_small_number(word: &str) -> bool {
    small_value(word).is_some()
}

/// "one" to "nineteen".
fn small_value(word: &str) -> Option<f64> {
    SMALL_NUMBERS
        .iter()
        .position(|w| *w == word)
        .map(|i| (i + 1) as f64)
}

/// "one" to "nine", the second half of a compound like "twenty-five".
fn unit_value(word: &str) -> Option<f64> {
    small_value(word).filter(|value| *value < 10.0)
}

/// "twenty" to "ninety".
fn tens_value(word: &str) -> Option<f64> {
    TENS.iter()
        .position(|w| *w == word)
        .map(|i| (i as f64 + 2.0) * 10.0)
}

/// The interval a qualifier gives `n`. Counts are never negative, so the
/// tolerance-widened lower ends stop at zero.
fn interval_for(qualifier: Qualifier, n: f64, tolerance: Tolerance) -> Interval {
    let below = |fraction: f64| (n * (1.0 - fraction)).max(0.0);
    let (a, e) = (tolerance.approximate, tolerance.exact);
    let (min, max) = match qualifier {
        Qualifier::Exact => (closed(below(e)), closed(n * (1.0 + e))),
        Qualifier::About => (closed(below(a)), closed(n * (1.0 + a))),
        Qualifier::MoreThan => (open(n), open(f64::INFINITY)),
        Qualifier::LessThan => (closed(0.0), open(n)),
        // Below `n` by up to the tolerance; with no tolerance (or at zero) there is no room below, so `n` itself.
        Qualifier::Nearly if below(a) < n => (closed(below(a)), open(n)),
        Qualifier::Nearly => (closed(n), closed(n)),
        Qualifier::AtLeast => (closed(n), open(f64::INFINITY)),
        Qualifier::UpTo => (closed(0.0), closed(n)),
        // One number of a range: only that number, as a bare one.
        Qualifier::Between => (closed(below(e)), closed(n * (1.0 + e))),
    };
    Interval { min, max }
}

/// `[low, high)`.
fn half_open(low: f64, high: f64) -> Interval {
    Interval {
        min: closed(low),
        max: open(high),
    }
}

/// An end that includes its value.
fn closed(value: f64) -> Bound {
    Bound {
        value,
        inclusive: true,
    }
}

/// An end that excludes its value.
fn open(value: f64) -> Bound {
    Bound {
        value,
        inclusive: false,
    }
}

/// The more restrictive of two ends (`beats(a, b)` when `a` is stricter);
/// at equal values the end is closed only if both are.
fn tighter(a: Bound, b: Bound, beats: fn(f64, f64) -> bool) -> Bound {
    if beats(a.value, b.value) {
        a
    } else if beats(b.value, a.value) {
        b
    } else {
        Bound {
            value: a.value,
            inclusive: a.inclusive && b.inclusive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    const INF: f64 = f64::INFINITY;

    fn q(phrase: &str) -> Quantity {
        parse_quantity(phrase, Tolerance::default())
            .unwrap_or_else(|| panic!("{phrase:?} should parse"))
    }

    fn close(a: f64, b: f64) -> bool {
        a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
    }

    #[test]
    fn a_range_is_every_count_between_its_ends() {
        for phrase in [
            "between 200 and 400",
            "200-400",
            "200–400",
            "some 200 to 400",
            "about two hundred to four hundred",
            "between 200-400",
        ] {
            check(
                phrase,
                200.0,
                Qualifier::Between,
                (200.0, true),
                (400.0, true),
            );
        }
        check(
            "3,000-4,500",
            3000.0,
            Qualifier::Between,
            (3000.0, true),
            (4500.0, true),
        );
    }

    #[test]
    fn a_range_the_wrong_way_round_is_no_count_and_a_hyphenated_word_number_no_range() {
        assert_eq!(parse_quantity("400-200", Tolerance::default()), None);
        assert_eq!(
            parse_quantity("between 400 and 200", Tolerance::default()),
            None
        );
        check(
            "twenty-five",
            25.0,
            Qualifier::Exact,
            (25.0, true),
            (25.0, true),
        );
    }

    #[test]
    fn the_range_phrase_needs_a_hedge_before_to_and_is_not_in_the_quantity_phrase() {
        let range = Regex::new(&format!("(?i){RANGE_PHRASE}")).unwrap();
        let found = |text: &str| range.find(text).map(|m| m.as_str().to_string());
        assert_eq!(
            found("kept some 200 to 400 troops").as_deref(),
            Some("some 200 to 400")
        );
        assert_eq!(
            found("between 1,000 and 2,000 people").as_deref(),
            Some("between 1,000 and 2,000")
        );
        assert_eq!(found("2,000–3,000 missing").as_deref(), Some("2,000–3,000"));
        assert_eq!(found("rose from 300 to 2,960"), None);
        let single = Regex::new(&format!("(?i){QUANTITY_PHRASE}")).unwrap();
        assert_eq!(
            single.find("some 200-400 troops").map(|m| m.as_str()),
            Some("some 200")
        );
    }

    /// Asserts value, qualifier and both interval ends (value and openness).
    fn check(phrase: &str, value: f64, qualifier: Qualifier, min: (f64, bool), max: (f64, bool)) {
        let got = q(phrase);
        assert!(close(got.value, value), "{phrase}: value {}", got.value);
        assert_eq!(got.qualifier, qualifier, "{phrase}");
        let ends = (got.interval.min, got.interval.max);
        assert!(close(ends.0.value, min.0), "{phrase}: min {:?}", ends.0);
        assert!(close(ends.1.value, max.0), "{phrase}: max {:?}", ends.1);
        assert_eq!(
            (ends.0.inclusive, ends.1.inclusive),
            (min.1, max.1),
            "{phrase}"
        );
    }

    fn exact(phrase: &str, value: f64) {
        check(
            phrase,
            value,
            Qualifier::Exact,
            (value, true),
            (value, true),
        );
    }

    fn fragment() -> Regex {
        Regex::new(&format!("(?i){QUANTITY_PHRASE}")).expect("fragment compiles")
    }

    fn whole_match(re: &Regex, phrase: &str) -> bool {
        re.find(phrase).is_some_and(|m| m.as_str() == phrase)
    }

    fn finds(text: &str) -> Vec<String> {
        fragment()
            .find_iter(text)
            .map(|m| m.as_str().to_string())
            .collect()
    }

    fn interval_of(phrase: &str) -> Interval {
        q(phrase).interval
    }

    #[test]
    fn plain_digits() {
        exact("1000", 1000.0);
        exact("7", 7.0);
    }

    #[test]
    fn comma_grouped_digits() {
        exact("1,000", 1000.0);
        exact("21,000", 21000.0);
        exact("1,234,567", 1_234_567.0);
    }

    #[test]
    fn space_grouped_digits() {
        exact("10 000", 10_000.0);
        exact("5\u{a0}300", 5300.0);
        exact("1 234 567", 1_234_567.0);
        assert_eq!(finds("at least 5 300 people died"), ["at least 5 300"]);
        // a year or a day beside a figure is not a group of thousands
        assert_eq!(finds("in 2023 300 people"), ["2023", "300"]);
        assert_eq!(finds("aged 18 or under"), ["18"]);
    }

    #[test]
    fn sums_with_currency_symbols() {
        exact("$110 million", 110e6);
        exact("$110m", 110e6);
        exact("€1.2bn", 1.2e9);
        exact("$110 mln", 110e6);
        exact("32 mn", 32e6);
        exact("1.5 bln", 1.5e9);
        exact("2 bn", 2e9);
        assert_eq!(
            finds("more than $100 million to build"),
            ["more than $100 million"]
        );
        // without a currency symbol "110m" is a length, not a number
        assert!(parse_quantity("110m", Tolerance::default()).is_none());
        // white space after the last word, and letters of several bytes, are no suffix
        assert!(parse_quantity("Satu$rdas\u{96d0}y\0\0M\t\t", Tolerance::default()).is_none());
        exact("$110m \t", 110e6);
    }

    #[test]
    fn decimals() {
        exact("1.1", 1.1);
        exact("1,000.5", 1000.5);
    }

    #[test]
    fn digits_with_scale_words() {
        exact("1.1 million", 1_100_000.0);
        exact("2 billion", 2e9);
        exact("3 thousand", 3000.0);
        exact("5 hundred", 500.0);
        exact("1.5 trillion", 1.5e12);
    }

    #[test]
    fn article_with_scale_words() {
        exact("a thousand", 1000.0);
        exact("a hundred", 100.0);
        exact("a million", 1e6);
        exact("half a million", 500_000.0);
    }

    #[test]
    fn number_words_one_to_nineteen() {
        for (i, word) in SMALL_NUMBERS.iter().enumerate() {
            exact(word, (i + 1) as f64);
        }
    }

    #[test]
    fn tens_words_and_compounds() {
        exact("twenty", 20.0);
        exact("thirty", 30.0);
        exact("ninety", 90.0);
        exact("twenty-five", 25.0);
        exact("Forty-Two", 42.0);
        exact("sixty seven", 67.0);
    }

    #[test]
    fn number_words_with_scale_words() {
        exact("one hundred", 100.0);
        exact("two hundred", 200.0);
        exact("two hundred thousand", 200_000.0);
        exact("twenty-five thousand", 25_000.0);
        exact("twenty five hundred", 2500.0);
    }

    #[test]
    fn dozen_forms() {
        exact("a dozen", 12.0);
        exact("two dozen", 24.0);
        exact("half a dozen", 6.0);
        exact("3 dozen", 36.0);
    }

    #[test]
    fn vague_plurals_are_at_least_a_bounded_range() {
        let at_least = Qualifier::AtLeast;
        check("dozens", 24.0, at_least, (24.0, true), (100.0, false));
        check("hundreds", 200.0, at_least, (200.0, true), (1000.0, false));
        check(
            "thousands",
            2000.0,
            at_least,
            (2000.0, true),
            (10_000.0, false),
        );
        check("millions", 2e6, at_least, (2e6, true), (1e7, false));
        let tens = (20_000.0, true);
        check(
            "tens of thousands",
            20_000.0,
            at_least,
            tens,
            (100_000.0, false),
        );
        let hundreds = (200_000.0, true);
        check(
            "hundreds  of thousands",
            2e5,
            at_least,
            hundreds,
            (1e6, false),
        );
    }

    #[test]
    fn qualifier_before_vague_plural_keeps_the_vague_range() {
        let at_least = Qualifier::AtLeast;
        check(
            "more than hundreds",
            200.0,
            at_least,
            (200.0, true),
            (1000.0, false),
        );
        check("some dozens", 24.0, at_least, (24.0, true), (100.0, false));
    }

    #[test]
    fn more_than_family_is_open_above() {
        for phrase in [
            "more than 1,000",
            "over 1,000",
            "upwards of 1,000",
            "in excess of 1,000",
            "above 1,000",
            "north of 1,000",
            "just over 1,000",
            "more than a thousand",
        ] {
            check(
                phrase,
                1000.0,
                Qualifier::MoreThan,
                (1000.0, false),
                (INF, false),
            );
        }
    }

    #[test]
    fn less_than_family_is_open_below_n() {
        for phrase in [
            "less than 1,000",
            "fewer than 1,000",
            "under 1,000",
            "below 1,000",
            "short of 1,000",
        ] {
            check(
                phrase,
                1000.0,
                Qualifier::LessThan,
                (0.0, true),
                (1000.0, false),
            );
        }
    }

    #[test]
    fn about_family_is_closed_around_n() {
        for phrase in [
            "about 1,000",
            "around 1,000",
            "roughly 1,000",
            "some 1,000",
            "approximately 1,000",
            "an estimated 1,000",
            "estimated 1,000",
            "circa 1,000",
            "close to 1,000",
            "1,000 or so",
        ] {
            check(
                phrase,
                1000.0,
                Qualifier::About,
                (900.0, true),
                (1100.0, true),
            );
        }
    }

    #[test]
    fn some_before_word_numbers() {
        check(
            "some two dozen",
            24.0,
            Qualifier::About,
            (21.6, true),
            (26.4, true),
        );
    }

    #[test]
    fn or_so_does_not_override_a_leading_qualifier() {
        check(
            "up to 1,000 or so",
            1000.0,
            Qualifier::UpTo,
            (0.0, true),
            (1000.0, true),
        );
        check(
            "a dozen or so",
            12.0,
            Qualifier::About,
            (10.8, true),
            (13.2, true),
        );
    }

    #[test]
    fn phrases_that_allow_no_count_are_refused() {
        for phrase in ["fewer than 0", "less than 0", "under 0", "below 0 or so"] {
            assert_eq!(
                parse_quantity(phrase, Tolerance::default()),
                None,
                "{phrase}"
            );
        }
    }

    #[test]
    fn nearly_without_room_below_is_the_number_itself() {
        let exact = Tolerance {
            approximate: 0.0,
            exact: 0.0,
        };
        for (phrase, tolerance, n) in [
            ("nearly 1,000", exact, 1000.0),
            ("nearly 0", Tolerance::default(), 0.0),
        ] {
            let quantity = parse_quantity(phrase, tolerance).unwrap();
            assert_eq!(quantity.interval.min, closed(n), "{phrase}");
            assert_eq!(quantity.interval.max, closed(n), "{phrase}");
        }
    }

    #[test]
    fn nearly_family_is_just_below_n() {
        for phrase in [
            "nearly 1,000",
            "almost 1,000",
            "just under 1,000",
            "just shy of 1,000",
            "just short of 1,000",
        ] {
            check(
                phrase,
                1000.0,
                Qualifier::Nearly,
                (900.0, true),
                (1000.0, false),
            );
        }
    }

    #[test]
    fn at_least_family_is_closed_at_n() {
        for phrase in [
            "at least 1,000",
            "no fewer than 1,000",
            "no less than 1,000",
            "a minimum of 1,000",
        ] {
            check(
                phrase,
                1000.0,
                Qualifier::AtLeast,
                (1000.0, true),
                (INF, false),
            );
        }
    }

    #[test]
    fn up_to_family_is_closed_from_zero() {
        for phrase in [
            "up to 1,000",
            "as many as 1,000",
            "at most 1,000",
            "no more than 1,000",
            "a maximum of 1,000",
        ] {
            check(phrase, 1000.0, Qualifier::UpTo, (0.0, true), (1000.0, true));
        }
    }

    #[test]
    fn case_and_whitespace_are_ignored() {
        let phrase = "  MORE \t THAN\n1,000 ";
        check(
            phrase,
            1000.0,
            Qualifier::MoreThan,
            (1000.0, false),
            (INF, false),
        );
        check(
            "Upwards  Of 650",
            650.0,
            Qualifier::MoreThan,
            (650.0, false),
            (INF, false),
        );
    }

    #[test]
    fn tolerance_widens_exact_and_hedged_numbers() {
        let tolerance = Tolerance {
            approximate: 0.2,
            exact: 0.05,
        };
        let bare = parse_quantity("1,000", tolerance).expect("parses");
        assert_eq!(
            (bare.interval.min, bare.interval.max),
            (closed(950.0), closed(1050.0))
        );
        let about = parse_quantity("about 1,000", tolerance).expect("parses");
        assert_eq!(
            (about.interval.min, about.interval.max),
            (closed(800.0), closed(1200.0))
        );
        let nearly = parse_quantity("nearly 1,000", tolerance).expect("parses");
        assert_eq!(
            (nearly.interval.min, nearly.interval.max),
            (closed(800.0), open(1000.0))
        );
    }

    #[test]
    fn default_tolerance() {
        let tolerance = Tolerance::default();
        assert_eq!((tolerance.approximate, tolerance.exact), (0.1, 0.0));
    }

    #[test]
    fn huge_tolerance_never_goes_negative() {
        let tolerance = Tolerance {
            approximate: 3.0,
            exact: 0.0,
        };
        let about = parse_quantity("about 10", tolerance).expect("parses");
        assert_eq!(about.interval.min, closed(0.0));
    }

    #[test]
    fn garbage_returns_none() {
        let too_big = "9".repeat(400);
        for phrase in [
            "",
            "   ",
            "some",
            "more than",
            "banana",
            "a",
            "half a",
            "dozen",
            "1,0005",
            "1,00",
            "12,3456",
            "1234,567",
            "1.2.3",
            "1.",
            "1,000km",
            "20.05.2024",
            "twenty-ten",
            "ten-five",
            "tens",
            "tens of hundreds",
            "dozens of thousands",
            "1,000 people",
            "more than more than 5",
            "٣",
            too_big.as_str(),
        ] {
            assert_eq!(
                parse_quantity(phrase, Tolerance::default()),
                None,
                "{phrase:?}"
            );
        }
    }

    #[test]
    fn qualifier_serializes_as_snake_case() {
        let json = serde_json::to_string(&Qualifier::MoreThan).expect("serializes");
        assert_eq!(json, "\"more_than\"");
        let json = serde_json::to_string(&Qualifier::UpTo).expect("serializes");
        assert_eq!(json, "\"up_to\"");
    }

    #[test]
    fn bare_round_figures_are_read_as_rounded() {
        let read =
            |phrase: &str| with_rounding(parse_quantity(phrase, Tolerance::default()).unwrap());
        let ends = |q: Quantity| (q.interval.min, q.interval.max);
        assert_eq!(ends(read("3,100")), (closed(3050.0), open(3150.0)));
        assert_eq!(ends(read("1,000")), (closed(950.0), open(1050.0)));
        assert_eq!(ends(read("300")), (closed(295.0), open(305.0)));
        assert_eq!(ends(read("740")), (closed(735.0), open(745.0)));
        assert_eq!(ends(read("20,000")), (closed(19_500.0), open(20_500.0)));
        assert_eq!(ends(read("2,960")), (closed(2955.0), open(2965.0)));
        assert_eq!(
            ends(read("1.2 million")),
            (closed(1_150_000.0), open(1_250_000.0))
        );
        for unchanged in ["743", "50", "about 1,000", "more than 1,000", "3,124"] {
            let parsed = parse_quantity(unchanged, Tolerance::default()).unwrap();
            assert_eq!(with_rounding(parsed), parsed, "{unchanged}");
        }
        let wide = Tolerance {
            exact: 0.1,
            ..Tolerance::default()
        };
        let tolerated = with_rounding(parse_quantity("1,000", wide).unwrap());
        assert_eq!(ends(tolerated), (closed(900.0), closed(1100.0)));
    }

    #[test]
    fn fragment_has_no_capturing_groups() {
        assert_eq!(fragment().captures_len(), 1);
    }

    #[test]
    fn fragment_matches_every_supported_form_whole() {
        let re = fragment();
        for phrase in [
            "1000",
            "1,000",
            "1.1",
            "1,000.5",
            "1.1 million",
            "2 billion",
            "3 thousand",
            "a thousand",
            "a hundred",
            "half a million",
            "one hundred",
            "two hundred thousand",
            "twenty-five",
            "twenty five",
            "seventeen",
            "a dozen",
            "two dozen",
            "half a dozen",
            "dozens",
            "hundreds",
            "thousands",
            "tens of thousands",
            "hundreds of thousands",
            "millions",
            "more than hundreds",
            "some two dozen",
            "an estimated 1.1 million",
            "upwards of 650",
            "nearly 1,000",
            "as many as 1,100",
            "1,000 or so",
            "MORE  THAN\t1,000",
        ] {
            assert!(whole_match(&re, phrase), "{phrase}");
            assert!(
                parse_quantity(phrase, Tolerance::default()).is_some(),
                "{phrase}"
            );
        }
    }

    #[test]
    fn fragment_and_parser_agree_on_every_qualifier() {
        let re = fragment();
        for (words, qualifier) in QUALIFIER_WORDS {
            let phrase = format!("{} 1,000", words.join("  "));
            assert!(whole_match(&re, &phrase), "{phrase}");
            assert_eq!(q(&phrase).qualifier, *qualifier, "{phrase}");
        }
    }

    #[test]
    fn fragment_and_parser_agree_on_every_number_word() {
        let re = fragment();
        let words = SMALL_NUMBERS.iter().chain(TENS.iter());
        for word in words {
            assert!(whole_match(&re, word), "{word}");
            assert!(
                whole_match(&re, &format!("{word} thousand")),
                "{word} thousand"
            );
        }
    }

    #[test]
    fn fragment_never_matches_part_of_a_number() {
        assert_eq!(finds("about 21,000 people"), ["about 21,000"]);
        assert_eq!(finds("x 1,0005 y"), ["1,0005"]);
        assert_eq!(finds("a 1,000km road"), ["1,000km"]);
        assert_eq!(finds("raised 1.5m"), ["1.5m"]);
        assert_eq!(finds("on 20.05.2024."), ["20.05.2024"]);
        assert_eq!(finds("seventeen"), ["seventeen"]);
        assert_eq!(finds("tens"), Vec::<String>::new());
    }

    #[test]
    fn fragment_respects_word_boundaries_and_context() {
        let text = "the more than 1,000 American personnel";
        assert_eq!(finds(text), ["more than 1,000"]);
        assert_eq!(finds("a handsome 1,000 bonus"), ["1,000"]);
        assert_eq!(finds("some people left"), Vec::<String>::new());
        assert_eq!(finds("Game over. 5 left"), ["5"]);
        assert_eq!(finds("a 1,000-strong force."), ["1,000"]);
        assert_eq!(finds("killed some 1,000, injured 20"), ["some 1,000", "20"]);
    }

    #[test]
    fn fragment_embeds_in_a_rule_pattern() {
        let re = Regex::new(&format!(r"(?i)(?P<n>{QUANTITY_PHRASE})\s+(?:US\s+)?troops"))
            .expect("pattern compiles");
        let caps = re.captures("More than 1,000 US troops").expect("matches");
        assert_eq!(&caps["n"], "More than 1,000");
        assert!(re.captures("21,000troops").is_none());
    }

    #[test]
    fn open_ends_touching_are_disjoint() {
        let less = interval_of("less than 1,000");
        let more = interval_of("more than 1,000");
        let bare = interval_of("1,000");
        assert!(!less.overlaps(&more));
        assert!(!more.overlaps(&less));
        assert!(!less.overlaps(&bare));
        assert!(!bare.overlaps(&more));
    }

    #[test]
    fn closed_ends_touching_overlap() {
        let bare = interval_of("1,000");
        assert!(bare.overlaps(&interval_of("at least 1,000")));
        assert!(bare.overlaps(&interval_of("up to 1,000")));
        assert!(bare.overlaps(&bare));
        assert!(!bare.overlaps(&interval_of("nearly 1,000")));
    }

    #[test]
    fn about_overlaps_both_sides() {
        let around = interval_of("around 1,000");
        assert!(around.overlaps(&interval_of("less than 1,000")));
        assert!(around.overlaps(&interval_of("more than 1,000")));
        assert!(interval_of("more than 1,000").overlaps(&around));
    }

    #[test]
    fn separated_intervals_are_disjoint() {
        let more = interval_of("more than 1,000");
        assert!(!more.overlaps(&interval_of("about 500")));
        assert!(!interval_of("dozens").overlaps(&interval_of("thousands")));
        assert!(interval_of("hundreds").overlaps(&interval_of("about 950")));
        assert!(more.overlaps(&interval_of("at least 2,000")));
    }

    #[test]
    fn empty_and_nan_intervals_overlap_nothing() {
        let empty = Interval {
            min: closed(0.0),
            max: open(0.0),
        };
        assert!(!empty.overlaps(&interval_of("up to 5")));
        assert!(!empty.overlaps(&empty));
        let nan = Interval {
            min: closed(f64::NAN),
            max: closed(f64::NAN),
        };
        assert!(!nan.overlaps(&interval_of("at least 0")));
    }
}
