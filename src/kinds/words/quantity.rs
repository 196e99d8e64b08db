//! Quantity claims in words: a quantity phrase with a `counts` word on either side ("1,200 contract construction
//! workers", "U.S. troops, numbering about 1,000", "a workforce that totalled greater than 1,200"), whose clause
//! names whose it is (`of`) and not another's (`not_of`).
//!
//! Candidates come from two patterns: the figure, then at most three words, then a `counts` word; or a `counts`
//! word, then at most six words (commas allowed), then the figure. Each is then judged on its sentence:
//!
//! - a figure inside a date phrase ("in 2023"), a bare year ("by 2024"), a figure that names something ("Air Base
//!   201") or measures something ("1,000 km") is not a count;
//! - the conditions of [`super::Conditions`] on the clause of the figure and its `counts` word.
//!
//! Qualifier words of the claim (`more_than: [crossed, topped]`) may stand before the figure and give it their
//! qualifier: "the toll crossed 2,000" is more than 2,000.

use std::ops::Range;

use jiff::civil::Date;

use super::part::{listed_after_including, part_scope, part_words, period_words, refers_back};
use super::{
    borrowed_subjects, clauses_before, compile, judged_sentence_words, leading_words, region,
    required, sentence_words, unshift, Conditions, Places, Scope, WordFields, PREPOSITIONS,
};
use crate::kinds::date::date_phrases;
use crate::kinds::quantity::asof::{clause_around, EARLIER_NOUN};
use crate::kinds::quantity::{
    as_of_and_revision, parse_quantity, with_qualifier, with_rounding, Qualifier, Tolerance,
    CURRENCY_SYMBOLS,
};
use crate::kinds::{FieldProblem, Kind, Value};
use crate::model::{Match, Polarity, Unparsed};
use crate::scan::RulePattern;
use crate::text::inflect::CHANGE_NOUNS;
use crate::text::inflect::{forms, Part};
use crate::text::words::{Token, WordList};

/// Words after a figure that make it a measure, not a count.
const UNITS: &[&str] = &[
    "km",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "metres",
    "meters",
    "m",
    "percent",
    "per",
    "%",
    "kg",
    "tonnes",
    "tons",
    "feet",
    "ft",
    "hours",
    "hour",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "minutes",
    "minute",
    "dollars",
    "euros",
    "mph",
    "sq",
    "magnitude",
];

/// Words before a figure that make it a measure or a population, not a count of what a claim counts ("magnitude
/// 7.5", "a city of 350,000", "home to 350,000 people").
const BEFORE_MEASURE: &[&[&str]] = &[
    &["magnitude"],
    &["city", "of"],
    &["town", "of"],
    &["village", "of"],
    &["population", "of"],
    &["home", "to"],
];

/// Verbs that give the figure its subject reaches or falls to ("has risen to", "stood at", "jumps to", "more than
/// tripled to", "fell to", "was revised down to"), as a regex alternation. Bare forms ("rise", "fall") are left out:
/// "is expected to rise to 3,000" is a projection, not the figure.
const REACHING: &str = "risen|rose|rises|rising|surged|surges|soared|soars|climbed|climbs|climbing|jumped|jumps|\
    reached|reaches|hit|stands|stood|topped|tops|passed|passes|exceeded|exceeds|surpassed|surpasses|crossed|crosses|\
    neared|nears|approached|approaches|increased|increases|grown|grew|grows|swelled|swollen|mounted|\
    mounts|doubled|tripled|quadrupled|fell|falls|fallen|dropped|drops|declined|declines|decreased|decreases|revised|\
    raised|lowered";

/// A state told as it is now, which gives its figure as a verb of reaching does: "the list of people unaccounted for
/// is now between 1,000 and 1,100", "the toll from the fires is now 93".
const STANDING_NOW: &str = r"(?:is|are|was|were)\s+now";

/// How many words may stand between a verb of reaching and the "to" before its figure: "rose by 300 to 2,012",
/// "more than tripled on Monday to 323", "was revised down to 97", "jumped, meanwhile, to 323".
const REACHING_GAP: usize = 4;

/// A few words after a verb of reaching and the "to" before its figure, as a regex: "rose by 300 to", "tripled on
/// Monday to", "revised down to".
fn reaching_gap() -> String {
    format!(r"(?:[\s,]+{WORD_OR_FIGURE}){{1,{REACHING_GAP}}}?[\s,]+to")
}

/// What stands between a verb of reaching and the figure it gives, as a regex: a few words and "to"
/// ([`reaching_gap`]), or an optional "from" figure and "to" or "at" ("rose from 300 to", "stood at").
fn reaching_link() -> String {
    format!(
        r"(?:{}|\s+(?:from\s+(?:{})\s+)?(?:to|at))?\s+",
        reaching_gap(),
        figure_phrase()
    )
}

/// How many words after its `counts` word a figure given by a verb of reaching may stand.
const FAR_REACH: usize = 24;

/// How many words after its `counts` word a figure may stand.
const FIGURE_REACH: usize = 12;

/// The next quantity phrase after `after` (bytes of `sentence`), while it is within [`FIGURE_REACH`] words of the
/// `counts` word that ends at `counts_end`.
fn next_figure(sentence: &str, after: usize, counts_end: usize) -> Option<Range<usize>> {
    let found = quantity_phrase().find_at(sentence, after)?;
    let between = sentence_words(sentence.get(counts_end..found.start())?).len();
    (between <= FIGURE_REACH).then(|| found.range())
}

/// A figure as claims in words read it: a range ("between 200 and 400", "200-400") before a single quantity phrase,
/// so that a range is one figure, never two.
fn figure_phrase() -> String {
    use crate::kinds::quantity::{QUANTITY_PHRASE, RANGE_PHRASE};
    format!("{RANGE_PHRASE}|{QUANTITY_PHRASE}")
}

/// The figure phrase regex ([`figure_phrase`]), compiled once.
fn quantity_phrase() -> &'static regex::Regex {
    static PHRASE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    PHRASE.get_or_init(|| {
        regex::Regex::new(&format!(r"(?i)\b(?:{})", figure_phrase()))
            .expect("the quantity phrase is a valid regex")
    })
}

/// The quantity phrases of `sentence` outside date phrases, but for the number of a compound adjective ("four-day
/// truce").
fn quantity_phrases(sentence: &str, dates: &[Range<usize>]) -> Vec<Range<usize>> {
    quantity_phrase()
        .find_iter(sentence)
        .map(|m| m.range())
        .filter(|f| !dates.iter().any(|d| d.start < f.end && f.start < d.end))
        .filter(|f| {
            let mut rest = sentence[f.end..].chars();
            !(rest.next() == Some('-') && rest.next().is_some_and(char::is_alphabetic))
        })
        .collect()
}

/// Words that join one figure's part of a clause to the next figure's ("2,000 were killed and thousands are
/// missing", "the toll rose to 2,000, with 10,000 missing").
const COORDINATORS: &[&str] = &[
    "and",
    "while",
    "whereas",
    "but",
    "with",
    "plus",
    "as well as",
];

/// How many words may stand between a coordinator and the figure it leads to ("and injured 5,000", "and Israel to
/// release dozens").
const COORDINATED_REACH: usize = 3;

/// Where the coordinator that leads to the figure at `next` starts, when one stands after `after` (bytes of
/// `sentence`) within [`COORDINATED_REACH`] words of the figure.
fn coordinator_before(sentence: &str, after: usize, next: &Range<usize>) -> Option<usize> {
    let between = sentence_words(&sentence[after..next.start]);
    let last = between.len();
    between
        .iter()
        .enumerate()
        .rev()
        .take_while(|(i, _)| last - i <= COORDINATED_REACH + 1)
        .find(|(_, w)| COORDINATORS.contains(&w.lower.as_str()))
        .map(|(_, w)| after + w.span.start)
}

/// The part of `clause` that belongs to the figure at `value` when the clause coordinates several figures: from the
/// coordinator that leads to this figure to the one that leads to the next. `keep` (the figure and its `counts`
/// word) always stays inside.
fn figure_part(
    sentence: &str,
    clause: Range<usize>,
    value: &Range<usize>,
    keep: &Range<usize>,
    figures: &[Range<usize>],
) -> Range<usize> {
    let previous = figures
        .iter()
        .rfind(|f| f.end <= value.start && f.start >= clause.start);
    let next = figures
        .iter()
        .find(|f| f.start >= value.end && f.end <= clause.end);
    let start = previous
        .and_then(|p| coordinator_before(sentence, p.end, value))
        .map_or(clause.start, |at| at.max(clause.start));
    let end = next
        .and_then(|n| coordinator_before(sentence, value.end, n))
        .map_or(clause.end, |at| at.min(clause.end));
    start.min(keep.start)..end.max(keep.end)
}

/// Where the conditions of the figure at `value` look: its clause (see [`region`]), narrowed to the figure's own part
/// when the clause coordinates several figures ("2,000 people were killed and thousands are missing"); and the words
/// of the clause before its first figure, which the figure shares with the figures before it ("the storm cost the
/// lives of 169 residents and 13 rescuers"); where its subject stands when its clause has none; and the clause of the
/// whole a part is included in.
fn own_region(
    sentence: &str,
    words: &[Token],
    value: &Range<usize>,
    keep: &Range<usize>,
    (dates, figures): (&[Range<usize>], &[Range<usize>]),
) -> OwnRegion {
    let mut region = region(sentence, keep.clone(), dates);
    let clause = region[0].clone();
    region[0] = figure_part(sentence, clause.clone(), value, keep, figures);
    // the words before the clause's first figure: a figure before this one has its own words ("killed 5,000 in
    // Turkey and 1,500 in Syria": Turkey is not the 1,500's)
    let first = figures
        .iter()
        .find(|f| f.start >= clause.start && f.end <= clause.end)
        .map_or(region[0].start, |f| f.start.min(region[0].start));
    let shared = clause.start..first;
    // "A quake struck Turkey early Monday, killing at least 1,300 people": whose the toll is stands before
    let mut subject = borrowed_subjects(sentence, words, dates, &clause);
    // "the deal frees 50 hostages and 150 prisoners": a figure with no verb of its own shares the opening's
    if region[0].start > first && !has_own_words(sentence, &region[0], value, keep) {
        subject.push(shared.clone());
    }
    // "killed 40 people, including 13 soldiers": the part is counted in the clause of its whole; "dipped to 103,
    // from 195": the figure it went from is counted in the clause of the one it went to
    let whole =
        match listed_after_including(sentence, value) || earlier_after_comma(sentence, value) {
            true => clauses_before(sentence, words, dates, &clause)
                .into_iter()
                .take(1)
                .collect(),
            false => Vec::new(),
        };
    OwnRegion {
        region,
        shared,
        subject,
        whole,
    }
}

/// The scope of the figure at `value` when it counts what fell within a span of time in its clause ([`period_words`]:
/// "6,800 people evacuated in the previous 24 hours"); none for a figure a verb of reaching gives ("the toll rose to
/// 300 in the past 24 hours" is the running total).
fn period_scope(sentence: &str, value: &Range<usize>, dates: &[Range<usize>]) -> Option<String> {
    if reached(sentence, value) {
        return None;
    }
    let clause = clause_around(sentence, value.clone(), dates);
    period_words(sentence, &clause).map(|words| sentence[words].to_string())
}

/// True when the figure at `value` is the one a count went from, after a comma: "dipped to 103, from 195", "rose
/// to 2,862, up from 2,681", "fell to 97, down from an earlier count of 115".
fn earlier_after_comma(sentence: &str, value: &Range<usize>) -> bool {
    static FROM: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    FROM.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?i),\s*(?:(?:up|down)\s+)?from\s+(?:{EARLIER_NOUN}\s+)?$"
        ))
        .expect("the earlier figure's lead is a valid regex")
    })
    .is_match(&sentence[..value.start])
}

/// Where the conditions of a figure look ([`own_region`]), as [`Places`] takes them.
struct OwnRegion {
    region: Vec<Range<usize>>,
    shared: Range<usize>,
    subject: Vec<Range<usize>>,
    whole: Vec<Range<usize>>,
}

/// The stretch of the sentence nearer the figure at `value` (with its candidate `keep`) than any other figure:
/// from halfway after the figure before it to halfway before the figure after it. A part named between two figures
/// is the nearer one's ("another 5,600 workers joined the 13,000 on strike": "another" is the 5,600's). Where a
/// comma, semicolon, dash or coordinator ("and", "or", "while") parts two figures, the last of them is the border
/// instead: what follows a figure up to it is the figure's ("31 people died in Wajima, 22 in Suzu" and "31 died in
/// the town of Wajima and 22 in Suzu": "in Wajima" is the 31's).
fn nearer_than_other_figures(
    sentence: &str,
    value: &Range<usize>,
    keep: &Range<usize>,
    figures: &[Range<usize>],
) -> Range<usize> {
    let previous = figures.iter().rfind(|f| f.end <= value.start);
    let next = figures.iter().find(|f| f.start >= value.end);
    let last_cut = |from: usize, to: usize| {
        let between = &sentence[from..to];
        let mark = between.rfind([',', ';', '—', '–']);
        let coordinator = [" and ", " or ", " while ", " whereas "]
            .iter()
            .filter_map(|word| between.rfind(word))
            .max();
        mark.max(coordinator).map(|at| from + at)
    };
    let start = previous.map_or(0, |p| {
        last_cut(p.end, value.start).unwrap_or(p.end + (value.start - p.end) / 2)
    });
    let end = next.map_or(usize::MAX, |n| {
        last_cut(value.end, n.start).unwrap_or(value.end + (n.start - value.end).div_ceil(2))
    });
    start.min(keep.start)..end.max(keep.end)
}

/// Words that may stand between a coordinator and the figure it joins without being words of the figure's own
/// ("and another 150", "as well as the 150").
const JOINING_WORDS: &[&str] = &[
    "and", "or", "but", "plus", "as", "well", "the", "a", "another", "further", "some", "its",
    "their",
];

/// True when the figure at `value` (with its counted noun, `keep`) has words of its own in its part of the clause
/// (`part`, from its coordinator): a word before it ("and left 4,300 missing" has a verb of its own, "and 150
/// prisoners" none), or a word after its noun that does not open a prepositional phrase ("and 9,000 still missing"
/// has a predicate of its own, "and 1,500 in Syria" none).
fn has_own_words(
    sentence: &str,
    part: &Range<usize>,
    value: &Range<usize>,
    keep: &Range<usize>,
) -> bool {
    let before = leading_words(&sentence[part.start..value.start.max(part.start)])
        .any(|w| !JOINING_WORDS.contains(&w.lower.as_str()));
    let noun = other_noun_after(sentence, value).map_or(0, |(_, noun)| noun.end);
    let after = keep.end.max(value.end).max(noun).min(part.end);
    let predicate = leading_words(&sentence[after..part.end])
        .next()
        .is_some_and(|w| !PREPOSITIONS.contains(&w.lower.as_str()));
    before || predicate
}

/// True when a figure other than `value` is nearer the `counts` word at `counts` and does not count a noun of its
/// own, or counts a noun the word modifies: the word is that figure's ("2,000 people dead, thousands missing":
/// "people" is 2,000's, not the thousands'; "50 hostages and 150 Palestinian prisoners": "Palestinian" is 150's).
fn nearer_figure(
    sentence: &str,
    figures: &[Range<usize>],
    counts: &Range<usize>,
    value: &Range<usize>,
) -> bool {
    let distance = |a: &Range<usize>, b: &Range<usize>| match a.end <= b.start {
        true => b.start - a.end,
        false => a.start.saturating_sub(b.end),
    };
    let counts_first = counts.end <= value.start;
    if counts_first && (reached(sentence, value) || refers_back(sentence, value)) {
        return false;
    }
    if counts_first && joined_after(sentence, counts, value) {
        // "2,073 people were confirmed dead and 87,725 displaced": "dead" ends the part of the figure before
        return figures.iter().any(|f| f.end <= counts.start);
    }
    let own = distance(value, counts);
    figures
        .iter()
        .filter(|f| f.end <= value.start || f.start >= value.end)
        .filter(|f| !part_of(sentence, value, f))
        .filter(|f| distance(f, counts) < own)
        .any(|f| match other_noun_after(sentence, f) {
            None => true,
            Some((_, noun)) => {
                let is_noun = counts.start <= noun.start && noun.end <= counts.end;
                let modifies = f.end <= counts.start && counts.end <= noun.start;
                is_noun || modifies
            }
        })
}

/// Nouns of a running total, after which "up to" tells what it rose to ("Death toll up to 1,234").
const TOTALS: &[&str] = &["toll", "tally", "count", "total", "number"];

/// The length of a leading "up to" in `phrase` when it follows a noun of a running total (`before` ends with
/// "toll", "toll now" or "toll is now"): there it says the total rose to the figure ("Death toll up to 1,234"), not
/// that the figure is at most that. Zero otherwise.
fn risen_up_to(before: &str, phrase: &str) -> usize {
    let lower = phrase.to_lowercase();
    let Some(rest) = lower.strip_prefix("up to") else {
        return 0;
    };
    let words = sentence_words(before);
    let mut back = words.iter().rev().map(|w| w.lower.as_str());
    let noun = back.find(|w| !["now", "is", "has", "stands"].contains(w));
    match noun.is_some_and(|n| TOTALS.contains(&n)) {
        true => lower.len() - rest.trim_start().len(),
        false => 0,
    }
}

/// True when only a coordinator and joining words stand between the `counts` word at `counts` and the figure at
/// `value` after it ("dead and 87,725", "injured, and another 300").
fn joined_after(sentence: &str, counts: &Range<usize>, value: &Range<usize>) -> bool {
    let between = sentence_words(&sentence[counts.end..value.start]);
    between
        .iter()
        .any(|w| COORDINATORS.contains(&w.lower.as_str()))
        && between.iter().all(|w| {
            JOINING_WORDS.contains(&w.lower.as_str()) || COORDINATORS.contains(&w.lower.as_str())
        })
}

/// True when a verb of reaching gives the figure at `value` ("the toll has since soared to 34,000", "rose from 300
/// to 2,000"), or the figure it rose from ("rose to 1,234, up from 844", "is 97, down from the previous count of
/// 115"): the figure is the subject's, whatever figures stand between.
fn reached(sentence: &str, value: &Range<usize>) -> bool {
    static VERB: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let verb = VERB.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?i)(?:\b(?:{REACHING})(?:{gap}\s*|\s+(?:(?:from\s+(?:{figure})\s+)?(?:to|at)\s*|(?:to\s+|at\s+)?(?:{figure}),?\s+(?:up\s+|down\s+)?from\s+(?:{EARLIER_NOUN}\s+)?))|\b(?:up|down)\s+from\s+(?:{EARLIER_NOUN}\s+)?)$",
            gap = reaching_gap(),
            figure = figure_phrase()
        ))
        .expect("the reaching verbs are a valid regex")
    });
    verb.is_match(&sentence[..value.start])
}

/// The words that open a clause of contrast with its own subject ("while the death toll rose to 168") between the
/// `counts` word at `counts` and the figure at `value`: the verb that gives the figure is that subject's. "people
/// missing more than tripled to 323 while the death toll rose to 168" gives 168 to the toll, not to the missing.
fn own_subject<'s>(
    sentence: &'s str,
    counts: &Range<usize>,
    value: &Range<usize>,
) -> Option<&'s str> {
    let between: Vec<Token> = leading_words(&sentence[counts.end..value.start]).collect();
    between.windows(2).find_map(|pair| {
        let contrast = ["while", "whereas"].contains(&pair[0].lower.as_str());
        let subject = ["the", "its", "their"].contains(&pair[1].lower.as_str());
        (contrast && subject).then(|| {
            let span = super::shift(&(pair[0].span.start..pair[1].span.end), counts.end);
            &sentence[span]
        })
    })
}

/// True when the figure at `value` is a part of the figure at `whole` ("13,000 of the 146,000 members", "9,000 of
/// the union's 120,000 members"): the noun after the whole counts the part too.
fn part_of(sentence: &str, value: &Range<usize>, whole: &Range<usize>) -> bool {
    value.end <= whole.start
        && whole_join()
            .find(&sentence[value.end..whole.start])
            .is_some_and(|join| value.end + join.end() == whole.start)
}

/// The words that join a part to its whole: "of the", "out of its", "of the union's".
fn whole_join() -> &'static regex::Regex {
    static JOIN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    JOIN.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\s*(?:out\s+)?of\s+(?:(?:the|its|their|his|her|our)\s+)?(?:[\w.'’-]+['’]s\s+)?",
        )
        .expect("the part-whole join is a valid regex")
    })
}

/// The figure of `figures` that is the whole of a part ending at `from` (bytes of `sentence`): "9,000 of the
/// 120,000 members", "Fifty women and children out of the nearly 240 hostages".
fn whole_after(sentence: &str, from: usize, figures: &[Range<usize>]) -> Option<Range<usize>> {
    let join = whole_join().find(&sentence[from..])?;
    figures
        .iter()
        .find(|f| f.start == from + join.end())
        .cloned()
}

/// Where the "of" starts that makes the figure at `value` the whole of a part before it: a figure or a percentage
/// ("13,000 of the 146,000 members", "13% of the union's 146,000 members"), or nothing at all when the sentence
/// opens on the whole ("Of the roughly 240 hostages, 62 have been freed").
fn whole_of_part(sentence: &str, value: &Range<usize>) -> Option<usize> {
    static JOIN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let join = JOIN.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:^|[^\w.'’-])((?:out\s+)?of\s+(?:(?:the|its|their|his|her|our)\s+)?(?:[\w.'’-]+['’]s\s+)?)$",
        )
        .expect("the part-whole join is a valid regex")
    });
    let of = join.captures(&sentence[..value.start])?.get(1)?.start();
    let part = sentence[..of].trim_end();
    let lower = part.to_lowercase();
    let part = ["%", "percent", "per cent"]
        .iter()
        .find_map(|unit| lower.strip_suffix(unit))
        .map_or(part, |rest| part[..rest.len()].trim_end());
    let opens = part.chars().all(|c| !c.is_alphanumeric());
    let counted = quantity_phrase()
        .find_iter(part)
        .any(|m| m.end() == part.len());
    (opens || counted).then_some(of)
}

/// True when a lower-case word reads as a plural noun: "troops", "listeners", "women".
fn plural_noun(lower: &str) -> bool {
    let plural = lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss");
    let irregular = ["women", "children", "men", "people"].contains(&lower);
    let not_nouns = ["this", "thus", "its", "has", "was", "is", "as", "us"];
    (plural || irregular) && !not_nouns.contains(&lower) && !VERBS_IN_S.contains(&lower)
}

/// Verbs whose present tense ends in "s" and that often follow the noun phrase of a count as its verb: "the safety
/// of 211 people remains unconfirmed" ("remains" is no noun that "people" describes).
const VERBS_IN_S: &[&str] = &[
    "remains",
    "stands",
    "seems",
    "appears",
    "continues",
    "includes",
    "means",
    "needs",
    "lacks",
    "faces",
    "rises",
    "grows",
    "says",
    "goes",
    "comes",
    "looks",
    "gets",
    "makes",
    "takes",
    "shows",
];

/// Nouns whose plural is the singular ("42 military aircraft"): the head of a figure's noun phrase unless another
/// noun follows them ("33,000 aircraft assembly workers").
const INVARIANT_PLURALS: &[&str] = &[
    "aircraft",
    "spacecraft",
    "sheep",
    "deer",
    "cattle",
    "livestock",
];

/// True when the text `after` a word goes on to a plural noun within two words of the same phrase ("aircraft
/// assembly workers"), which the word then modifies.
fn ends_before_noun(after: &str) -> bool {
    let mut end = 0;
    for next in leading_words(after).take(2) {
        if after[end..next.span.start] != *" " || PHRASE_ENDS.contains(&next.lower.as_str()) {
            return false;
        }
        if plural_noun(&next.lower) {
            return true;
        }
        end = next.span.end;
    }
    false
}

/// True when a plural noun follows `at` after a space, maybe past one more modifier: the words before it modify it
/// ("2,000 French troops", "15 U.S. military flights").
fn noun_follows(sentence: &str, at: usize) -> bool {
    let mut end = at;
    for word in leading_words(&sentence[at..]).take(2) {
        let start = at + word.span.start;
        let stops = PHRASE_ENDS.contains(&word.lower.as_str())
            || ELIDED_NEXT.contains(&word.lower.as_str());
        if sentence[end..start] != *" " || stops {
            return false;
        }
        let invariant_head = INVARIANT_PLURALS.contains(&word.lower.as_str())
            && !ends_before_noun(&sentence[at + word.span.end..]);
        if plural_noun(&word.lower) || invariant_head {
            return true;
        }
        end = at + word.span.end;
    }
    false
}

/// Words that may follow a figure whose counted noun is left out: verbs, adverbs and prepositions, never a noun.
const ELIDED_NEXT: &[&str] = &[
    "are",
    "were",
    "was",
    "is",
    "have",
    "has",
    "had",
    "remain",
    "remained",
    "remains",
    "still",
    "died",
    "dead",
    "killed",
    "missing",
    "more",
    "others",
    "in",
    "at",
    "across",
    "and",
    "according",
    "so",
    "by",
    "as",
    "since",
    "after",
    "while",
    "when",
    "reportedly",
    "already",
    "now",
    "on",
    "from",
    "with",
    "amid",
    "overnight",
    "yesterday",
    "today",
    // participles of where people are: "Over 28,000 Living in Shelters", "some 30,000 staying in schools"
    "living",
    "staying",
    "sheltering",
    "sleeping",
    "remaining",
    "waiting",
];

/// Words that end the noun phrase after a figure: the figure's noun, if any, comes before them.
const PHRASE_ENDS: &[&str] = &[
    "at", "in", "on", "of", "to", "for", "from", "by", "with", "and", "or", "but", "the", "a",
    "an", "who", "which", "that", "were", "are", "was", "is", "have", "has", "had", "will",
    "would", "be", "been", "as", "while", "after", "since", "when",
];

/// The plural noun that heads the noun phrase after a figure ("troops at two bases", "622 listeners", "three
/// target facilities", "150 Palestinian women", and after the "of" of a vague figure: "tens of millions of
/// dollars"), which is what the figure counts: a figure counts its `counts`
/// word only when no noun of its own follows it. The phrase is at most three words joined by spaces or hyphens.
fn other_noun_after(sentence: &str, value: &Range<usize>) -> Option<(String, Range<usize>)> {
    let rest = &sentence[value.end..];
    let mut end = 0;
    let mut words = leading_words(rest).peekable();
    // "tens of millions of dollars", "hundreds of armoured vehicles": a vague figure counts the noun after its "of"
    if sentence[value.clone()].trim_end().ends_with(['s', 'S']) {
        if let Some(of) = words.next_if(|w| w.lower == "of") {
            end = of.span.end;
        }
    }
    for word in words.take(3) {
        let joined = rest[end..word.span.start]
            .chars()
            .all(|c| c == ' ' || c == '-');
        if !joined || PHRASE_ENDS.contains(&word.lower.as_str()) {
            return None;
        }
        let lower = word.lower;
        if plural_noun(&lower) {
            let at = value.end + word.span.start..value.end + word.span.end;
            return Some((lower, at));
        }
        end = word.span.end;
    }
    None
}

/// A word between the figure and its `counts` word: letters, digits, apostrophes and hyphens, or an abbreviation
/// with full stops ("U.S.", "Aug.", "Gov.": the abbreviations that end no sentence, [`crate::text::sentence`]),
/// never a word that ends a sentence.
pub const WORD: &str = r"(?:(?:\w\.){2,}[\w'’-]*|(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Sen|Rep|Gov|St|Prof|Jr|Sr|No|Vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|[\w'’-]+)";

/// What may stand between two words of a claim's wording: spaces, commas and double quotation marks ('has not
/// "abandoned" its allies').
pub const BETWEEN_WORDS: &str = r#"[\s,“”"]+"#;

/// A word or a figure grouped in thousands ("9,000 of the 120,000 members": the whole stands between the part and
/// its `counts` word).
const WORD_OR_FIGURE: &str = r"(?:(?:\w\.){2,}[\w'’-]*|[\w'’-]+(?:,[0-9]{3})*)";

/// A quantity claim written in words.
#[derive(Debug)]
pub struct WordQuantityClaim {
    /// The generated patterns: figure before `counts`, figure after.
    pub patterns: Vec<RulePattern>,
    counts: WordList,
    conditions: Conditions,
    /// The claim's own qualifier words, each form as its words, longest first.
    qualifiers: Vec<(Vec<String>, Qualifier)>,
    tolerance: Tolerance,
    round_figures: bool,
    /// The units the figure must carry, lower case; empty when any count will do.
    units: Vec<String>,
    /// Which of the [`STATES`] the claim's `counts` and `of` words name: a figure said to be in another state is
    /// not the claim's.
    states: Vec<bool>,
}

/// States a counted group of people can be said to be in (or what was done to them), each with the words that say
/// it right after the figure or its noun ("3,958 dead and more than 9,000 still missing"): a claim that names one of
/// them counts no figure said to be in another.
const STATES: &[(&str, &[&str])] = &[
    (
        "dead",
        &[
            "dead",
            "killed",
            "died",
            "perished",
            "drowned",
            "slain",
            "deaths",
            "fatalities",
            // a running total of the dead, the subject of its own verb of reaching ("the toll from the quake
            // climbed above 2,000")
            "toll",
        ],
    ),
    ("missing", &["missing", "unaccounted"]),
    ("injured", &["injured", "wounded", "hurt"]),
    ("displaced", &["displaced", "homeless", "uprooted"]),
    ("evacuated", &["evacuated", "relocated", "airlifted"]),
    ("affected", &["affected"]),
    ("arrested", &["arrested", "detained"]),
];

/// Words that may stand between a figure (or its noun) and the word that says its state: "9,000 still missing",
/// "1,200 people were injured", "300 remain unaccounted".
const BEFORE_STATE: &[&str] = &[
    "still",
    "now",
    "already",
    "reportedly",
    "are",
    "were",
    "was",
    "is",
    "remain",
    "remains",
    "remained",
    "have",
    "has",
    "had",
    "been",
    "left",
    "being",
];

/// The index in [`STATES`] of the state that the words right after `at` say, past at most three
/// [`BEFORE_STATE`] words.
fn state_after(sentence: &str, at: usize) -> Option<usize> {
    let mut words = leading_words(&sentence[at..]);
    let mut gap = at;
    for _ in 0..4 {
        let word = words.next()?;
        if sentence[gap..at + word.span.start].trim() != "" {
            return None;
        }
        gap = at + word.span.end;
        if let Some(state) = STATES
            .iter()
            .position(|(_, w)| w.contains(&word.lower.as_str()))
        {
            return Some(state);
        }
        if !BEFORE_STATE.contains(&word.lower.as_str()) {
            return None;
        }
    }
    None
}

/// Verbs of change that a difference follows with "by" ("rose by 300", "cut the force by a third").
const CHANGING: &str =
    "increase|increased|increases|raise|raises|cut|cuts|reduce|reduced|reduces|boost|boosted|\
    boosts|lower|lowers|up|down|grow|rise|fall|drop|shrank|shrunk|slashed|trimmed";

/// True when `counts` (as the text writes it) is a verb form of `entry`, a noun of change ("raised" for `raise`,
/// "increasing" for `increase`): "raised pay by 25%" gives the raise, "raised its match to 100%" the level reached.
fn verb_of_change(entry: &str, counts: &str) -> bool {
    let lower = counts.to_lowercase();
    let verb = lower.ends_with("ed")
        || lower.ends_with("ing")
        || ["rose", "risen"].contains(&lower.as_str());
    verb && CHANGE_NOUNS.contains(&entry.to_lowercase().as_str())
}

/// True when the word right before the figure at `value` is "by".
fn after_by(sentence: &str, value: &Range<usize>) -> bool {
    sentence[..value.start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|word| word.eq_ignore_ascii_case("by"))
}

/// A verb of change and up to three words before "by" that ends the text: its first group is the verb.
fn change_before_by() -> &'static regex::Regex {
    static VERB: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    VERB.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?i)\b({REACHING}|{CHANGING})(?:\s+{WORD}){{0,3}}?\s+by\s*$"
        ))
        .expect("the verbs of change are a valid regex")
    })
}

/// How many words may stand between the word of a state and the verb of reaching that gives its figure ("the
/// number of missing in the quake zone jumps to 300").
const STATE_REACH: usize = 6;

/// The pattern of a figure that a verb of reaching gives to a state the claim names, without a `counts` word: "the
/// number of missing fell to 211", "deaths rose to 2,012". `value` is the figure's pattern; none when the claim
/// names no state.
fn reached_state(named: &[bool], value: &str) -> Option<String> {
    let words: Vec<&str> = STATES
        .iter()
        .zip(named)
        .filter(|(_, named)| **named)
        .flat_map(|((_, words), _)| words.iter().copied())
        .collect();
    (!words.is_empty()).then(|| {
        format!(
            r"\b(?:{})(?:\s+{WORD}){{0,{STATE_REACH}}}?\s+(?:{REACHING}|{STANDING_NOW}){}{value}",
            words.join("|"),
            reaching_link()
        )
    })
}

/// Which of the [`STATES`] the word lists name.
fn states_named(lists: &[&WordList]) -> Vec<bool> {
    STATES
        .iter()
        .map(|(_, words)| {
            let text = words.join(" , ");
            let tokens = sentence_words(&text);
            lists
                .iter()
                .any(|list| !list.hits(&text, &tokens).is_empty())
        })
        .collect()
}

/// Verbs that qualify the figure after them in every claim in words, on top of the grammar's own qualifier words
/// and the claim's: "the toll passed 2,000" is more than 2,000, "the toll is nearing 3,000" nearly 3,000. Each
/// takes its forms ("passes", "passed", "passing").
const BUILT_IN_QUALIFIERS: &[(Qualifier, &[&str])] = &[
    (
        Qualifier::MoreThan,
        &[
            "pass",
            "surpass",
            "exceed",
            "top",
            "cross",
            "rise above",
            "climb above",
            "rise past",
            "climb past",
            "go past",
            "soar past",
            "go above",
        ],
    ),
    (Qualifier::Nearly, &["near", "approach"]),
];

impl WordQuantityClaim {
    /// Builds the claim from its fields; `counts` is required.
    pub fn build(
        fields: &WordFields,
        tolerance: Tolerance,
        round_figures: bool,
    ) -> Result<WordQuantityClaim, FieldProblem> {
        let counts = WordList::new(required(&fields.counts, "counts", "quantity")?, Part::Noun);
        let built_in = BUILT_IN_QUALIFIERS
            .iter()
            .map(|(qualifier, words)| (*qualifier, words.iter().map(|w| w.to_string()).collect()));
        // The claim's own words first: where it gives a built-in word another qualifier, its own wins.
        let mut qualifiers: Vec<(Vec<String>, Qualifier)> = fields
            .qualifiers
            .iter()
            .cloned()
            .chain(built_in)
            .flat_map(|(qualifier, words): (Qualifier, Vec<String>)| {
                words.into_iter().flat_map(move |w| {
                    forms(&w, Part::Verb).into_iter().map(move |form| {
                        let words: Vec<String> =
                            form.split_whitespace().map(str::to_string).collect();
                        (words, qualifier)
                    })
                })
            })
            .collect();
        qualifiers.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let extra: Vec<String> = qualifiers
            .iter()
            .map(|(words, _)| {
                let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
                escaped.join(r"\s+")
            })
            .collect();
        let qualifier = match extra.is_empty() {
            true => String::new(),
            false => format!(r"(?:\b(?:{})\s+)?", extra.join("|")),
        };
        let value = format!("(?P<value>{qualifier}(?:{}))", figure_phrase());
        let nouns = counts.alternation();
        // "a 38% raise": a sign for the unit may stand between the figure and its words
        let before =
            format!(r"{value}(?:\s?%)?(?:(?:\s+|-){WORD_OR_FIGURE}){{0,4}}?(?:\s+|-){nouns}");
        let after = format!(r"{nouns}(?:[\s,]+{WORD}){{0,{FIGURE_REACH}}}?[\s,]+{value}");
        // "the death toll from the floods that swept the coastal cities has risen to 11,300": a figure that a verb of
        // reaching gives may stand further from its counts word, in the same clause; "the toll rose from 300 to
        // 2,000": the figure reached, past the one it rose from
        let reached = format!(
            r"{nouns}(?:[\s,]+{WORD}){{0,{FAR_REACH}}}?\s+(?:{REACHING}|{STANDING_NOW}){}{value}",
            reaching_link()
        );
        // "9,000 of the 120,000 members": the part's candidate runs over the whole's, which a search of its own finds
        let whole = format!(
            r"(?:[0-9%]|\bper\s?cent|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands))\s+(?:out\s+)?of\s+(?:(?:the|its|their)\s+)?(?:{WORD}['’]s\s+)?{value}(?:(?:\s+|-){WORD}){{0,3}}?(?:\s+|-){nouns}"
        );
        // "the toll rose to 1,234, up from 844": the figure it rose from, past the one reached
        let reached_from = format!(
            r"{nouns}(?:[\s,]+{WORD}){{0,{FAR_REACH}}}?\s+(?:{REACHING})\s+(?:to\s+|at\s+)?(?:{}),?\s+(?:up\s+|down\s+)?from\s+{value}",
            figure_phrase()
        );
        // "the toll was revised to 97, down from the previous count of 115", "revised down from 115 to 97": the
        // earlier figure, however far from the counts word
        let earlier = format!(
            r"{nouns}(?:[\s,]+{WORD}){{0,{FAR_REACH}}}?[\s,—–]+(?:up\s+|down\s+)?from\s+(?:{EARLIER_NOUN}\s+)?{value}"
        );
        let mut patterns = vec![
            compile(&before, "counts")?,
            compile(&after, "counts")?,
            compile(&reached, "counts")?,
            compile(&reached_from, "counts")?,
            compile(&earlier, "counts")?,
            compile(&whole, "counts")?,
        ];
        let facts = WordList::new(&fields.of, Part::Any);
        let states = states_named(&[&counts, &facts]);
        if !facts.is_empty() {
            // The counted noun left out: "2,000 have died", "killing at least 150", "thousands remain missing".
            let facts = facts.alternation();
            let elided_after = format!(r"{value}(?:\s+{WORD}){{0,2}}?\s+{facts}");
            // a qualifier after the fact's word is the figure's, not the word between: "the toll topped 2,000"
            let elided_before = format!(r"{facts}(?:\s+{WORD})??\s+{value}");
            patterns.push(compile(&elided_after, "of")?);
            patterns.push(compile(&elided_before, "of")?);
        }
        if let Some(reached_state) = reached_state(&states, &value) {
            patterns.push(compile(&reached_state, "of")?);
        }
        Ok(WordQuantityClaim {
            patterns,
            counts,
            conditions: Conditions::new(fields),
            qualifiers,
            tolerance,
            round_figures,
            units: fields.unit.iter().map(|u| u.to_lowercase()).collect(),
            states,
        })
    }

    /// Refuses a figure said to be in a state the claim does not name, when it names another ("more than 9,000
    /// still missing" for a toll, "1,200 people were injured" for a toll): `at` is the end of the figure or of its
    /// noun right after it.
    fn in_another_state(&self, sentence: &str, at: usize) -> Result<(), String> {
        let Some(state) = state_after(sentence, at) else {
            return Ok(());
        };
        match !self.states[state] && self.states.contains(&true) {
            true => Err(format!(
                "the figure counts the {}, which the claim does not count",
                STATES[state].0
            )),
            false => Ok(()),
        }
    }

    /// The verb of change before "by" and the figure at `value` ("the toll rose by 300 to 2,012", "cut its
    /// forces by half"): the figure is the difference, not a count, unless the verb is the claim's own `counts`
    /// word ("would increase pay by 35%" for a claim that counts the increase) or the figure's own noun is ("reduce
    /// its staff by 17,000 positions" counts positions).
    fn change_by<'s>(
        &self,
        sentence: &'s str,
        words: &[Token],
        value: &Range<usize>,
    ) -> Option<&'s str> {
        // the regex reads the whole text before the figure: only when the word before it is "by"
        if !after_by(sentence, value) {
            return None;
        }
        let before = &sentence[..value.start];
        let verb = change_before_by().captures(before)?.get(1)?;
        let hits = self.counts.hits(sentence, words);
        let verb_counted = hits
            .iter()
            .any(|h| h.span.start <= verb.start() && verb.end() <= h.span.end);
        let figure_counted = hits.iter().any(|h| {
            h.span.start >= value.end
                && sentence_words(&sentence[value.end..h.span.start]).len() <= 2
                && !sentence[value.end..h.span.start].contains([',', ';', '.'])
        });
        (!verb_counted && !figure_counted).then(|| verb.as_str())
    }

    /// The claim's own qualifier at the start of `phrase`, and where the rest starts.
    fn own_qualifier(&self, phrase: &str) -> Option<(Qualifier, usize)> {
        let lower = phrase.to_lowercase();
        self.qualifiers.iter().find_map(|(words, qualifier)| {
            let mut rest = lower.as_str();
            for word in words {
                rest = rest.trim_start().strip_prefix(word.as_str())?;
                if !rest.starts_with(char::is_whitespace) {
                    return None;
                }
            }
            Some((*qualifier, lower.len() - rest.len()))
        })
    }

    /// The claim's own qualifier that ends `before`, the text right before a figure whose match left it out: "on
    /// January 1 passed 200", where the verb that reached the figure was read as the verb of reaching; or a tilde
    /// ("~82,300", about 82,300).
    fn qualifier_before(&self, before: &str) -> Option<Qualifier> {
        // "~82,300": a tilde hedges the figure right after it
        if before.trim_end().ends_with('~') {
            return Some(Qualifier::About);
        }
        let trimmed = before.trim_end();
        if trimmed.len() == before.len() {
            return None;
        }
        let lower = trimmed.to_lowercase();
        self.qualifiers.iter().find_map(|(words, qualifier)| {
            let start = lower.strip_suffix(words.join(" ").as_str())?;
            (!start.ends_with(|c: char| c.is_alphanumeric())).then_some(*qualifier)
        })
    }

    /// The conditions on the figure at `value` in its own part of the clause of `keep` ([`own_region`]); a scope
    /// word counts only where it is nearer this figure than the others ([`nearer_than_other_figures`]).
    fn check_clause(
        &self,
        sentence: &str,
        words: &[Token],
        value: &Range<usize>,
        keep: &Range<usize>,
        found: (&[Range<usize>], &[Range<usize>]),
    ) -> Result<Scope, String> {
        let own = own_region(sentence, words, value, keep, found);
        let places = Places {
            region: &own.region,
            shared: std::slice::from_ref(&own.shared),
            subject: &own.subject,
            whole: &own.whole,
            scope: Some(nearer_than_other_figures(sentence, value, keep, found.1)),
            ..Places::default()
        };
        self.conditions
            .check_shared(sentence, words, &places, value)
    }

    /// A figure whose counted noun is left out ("2,000 have died", "killing at least 150", "thousands remain
    /// missing", "30,000 displaced" for a claim of the displaced): kept only when nothing after it could be a noun
    /// of its own (one of the claim's `of` words right after it is none), and on the clause conditions.
    /// `dates` and `figures` are the sentence's date phrases and [`Self::figures`], found once by the caller.
    fn judge_elided(
        &self,
        sentence: &str,
        words: &[Token],
        value: &Range<usize>,
        (dates, figures): (&[Range<usize>], &[Range<usize>]),
        found: Match,
    ) -> Result<Match, String> {
        let refused = || {
            format!(
                "no `counts` word ({}) next to the figure, and the words after it may be its own noun",
                self.counts.describe()
            )
        };
        let next = leading_words(&sentence[value.end..]).next();
        let bare = match &next {
            None => true,
            Some(word) => {
                let between = &sentence[value.end..value.end + word.span.start];
                let span = super::shift(&word.span, value.end);
                between.contains([',', ';', ':', '.', '(', ')', '—', '–'])
                    || ELIDED_NEXT.contains(&word.lower.as_str())
                    || (between == " "
                        && self
                            .conditions
                            .whose_from(sentence, words, span.start)
                            .is_some_and(|end| {
                                // "102 unaccounted for", not "955 evacuation centers": no noun counted after it
                                let last = sentence[..end].rsplit(' ').next().unwrap_or_default();
                                !plural_noun(&last.to_lowercase()) && !noun_follows(sentence, end)
                            }))
            }
        };
        if !bare {
            return Err(refused());
        }
        self.in_another_state(sentence, value.end)?;
        // "one was freed by the army": without a noun, "one" stands for someone, it counts nothing
        if sentence[value.clone()].eq_ignore_ascii_case("one") {
            return Err("'one' without a noun stands for someone: it is no count".to_string());
        }
        let scope = match whole_of_part(sentence, value) {
            // "Image 1 of 17": the whole of a part, with no noun of its own
            Some(of) => self
                .conditions
                .check_phrase(sentence, words, &(of..value.end), value)?,
            None => self.check_clause(sentence, words, value, value, (dates, figures))?,
        };
        let scope = scope.or_else(|| self.part(sentence, words, value, dates));
        Ok(Match {
            span: super::shift(value, found.sentence.start),
            scope,
            ..found
        })
    }

    /// Refuses a `counts` word after the figure that is not what the figure counts: a modifier of the noun after
    /// it ("50 civilian women and children hostages" counts hostages), or a part of a whole that counts something
    /// else ("fifty women and children out of the 240 hostages").
    fn counts_the_head(
        &self,
        sentence: &str,
        words: &[Token],
        counted: &Range<usize>,
        figures: &[Range<usize>],
    ) -> Result<(), String> {
        let counts = |noun: &Range<usize>| {
            self.counts
                .hits(sentence, words)
                .iter()
                .any(|h| h.span.start <= noun.start && noun.end <= h.span.end)
        };
        let next = words.iter().find(|w| w.span.start >= counted.end);
        let head = next.filter(|w| {
            sentence[counted.end..w.span.start] == *" "
                && plural_noun(&w.lower)
                && !PHRASE_ENDS.contains(&w.lower.as_str())
                && !self.is_unit(&w.lower)
                && !counts(&w.span)
        });
        if let Some(head) = head {
            return Err(format!(
                "'{}' describes '{}', which is what the figure counts",
                &sentence[counted.clone()],
                head.lower
            ));
        }
        let whole = whole_after(sentence, counted.end, figures);
        let whole_noun = whole.and_then(|w| other_noun_after(sentence, &w));
        match whole_noun {
            Some((noun, at)) if !counts(&at) => Err(format!(
                "the figure is a part of the {noun}, which the claim does not count"
            )),
            _ => Ok(()),
        }
    }

    /// Refuses a figure given after its `counts` word when "the number of", "the total of" or "the count of"
    /// something the claim neither counts nor names stands in `between` (the words from the `counts` word to the
    /// figure): "24 deaths and the total number of seriously injured now stands at 22" gives the injured's number.
    fn another_number_between(
        &self,
        sentence: &str,
        words: &[Token],
        between: Range<usize>,
    ) -> Result<(), String> {
        let inside: Vec<&Token> = words
            .iter()
            .filter(|w| between.start <= w.span.start && w.span.end <= between.end)
            .collect();
        let Some(at) = inside.windows(2).rposition(|pair| {
            NUMBER_NOUNS.contains(&pair[0].lower.as_str()) && pair[1].lower == "of"
        }) else {
            return Ok(());
        };
        let named: Vec<&&Token> = inside[at + 2..]
            .iter()
            .skip_while(|w| ["the", "a", "an"].contains(&w.lower.as_str()))
            .take(3)
            .collect();
        let (Some(first), Some(last)) = (named.first(), named.last()) else {
            return Ok(());
        };
        let what = first.span.start..last.span.end;
        let counted = !self.counts.hits_in(sentence, words, &what).is_empty()
            || self.conditions.names_whose(sentence, words, &what);
        match counted {
            true => Ok(()),
            false => Err(format!(
                "the figure is the {} of '{}', which the claim does not count",
                inside[at].lower, &sentence[what]
            )),
        }
    }

    /// The scope of the figure at `value` when it counts a part of what its sentence counts ([`part_words`]), unless
    /// the words that say which part name whose the claim is, and the words before the figure do not: then the part
    /// is the claim's own figure ("4,300 troops in the region, including 2,400 in Mali" for a claim of Mali's). A
    /// whole that already names whose it is keeps its parts apart ("the deaths of 241 people, 15 of whom died
    /// later": "died" names the claim, as "deaths" did).
    fn part(
        &self,
        sentence: &str,
        words: &[Token],
        value: &Range<usize>,
        dates: &[Range<usize>],
    ) -> Option<String> {
        let Some(part) = part_words(sentence, value, dates) else {
            return period_scope(sentence, value, dates);
        };
        let before = 0..value.start;
        let own = self.conditions.names_whose(sentence, words, &part)
            && !self.conditions.names_whose(sentence, words, &before);
        // "killed 40 people, including 13 soldiers" (for a count of soldiers), "25,000 foreign troops, including 4,300
        // French soldiers" (foreign troops being `not_of`): a part listed of a whole the claim does not count is its
        // own ("the figure includes 15 deaths" stays a part)
        let other_whole = listed_after_including(sentence, value)
            && (self.counts.hits_in(sentence, words, &before).is_empty()
                || self.conditions.excludes(sentence, words, &before));
        (!own && !other_whole).then(|| part_scope(sentence, &part))
    }

    /// The figures of `sentence` that could be counts: quantity phrases that are not years, names or measures.
    fn figures(&self, sentence: &str, dates: &[Range<usize>]) -> Vec<Range<usize>> {
        quantity_phrases(sentence, dates)
            .into_iter()
            .filter(|f| names_or_dates(sentence, f, dates).is_none())
            // "96% rejected the deal and 96% approved the strike": a claim of a unit counts its measures
            .filter(|f| {
                measures(sentence, f).is_none()
                    || (!self.units.is_empty() && self.lacks_unit(sentence, f).is_none())
            })
            .collect()
    }

    /// Judges the candidate `found` again with its figure moved to `next` (bytes of its sentence), when there is one.
    fn judge_next(
        &self,
        text: &str,
        found: Match,
        next: Option<Range<usize>>,
    ) -> Option<Result<Match, String>> {
        let next = next?;
        let base = found.sentence.start;
        let start = found.span.start;
        Some(self.judge(
            text,
            Match {
                span: start..super::shift(&next, base).end.max(found.span.end),
                value: super::shift(&next, base),
                ..found
            },
        ))
    }

    /// True when `word` (lower case) is one of the claim's units or its plural ("dollars"), or the last word of one
    /// ("tons" of "metric ton").
    fn is_unit(&self, word: &str) -> bool {
        self.units.iter().any(|unit| {
            let last = unit.rsplit(' ').next().unwrap_or(unit);
            unit_forms(last).iter().any(|form| form == word)
        })
    }

    /// Why the figure at `value` (bytes of `sentence`) does not carry one of the claim's units, if it does not: a
    /// symbol in the phrase or just before or after it ("$110 million", "38%"), or a unit of one or more words just
    /// before or after ("USD 110 million", "110 million dollars", "33 million metric tons", "38 per cent").
    fn lacks_unit(&self, sentence: &str, value: &Range<usize>) -> Option<String> {
        let before = sentence[..value.start].trim_end().to_lowercase();
        let phrase = sentence[value.clone()].to_lowercase();
        let after = sentence[value.end..].trim_start().to_lowercase();
        let carries = self.units.iter().any(|unit| {
            let symbol = !unit.chars().any(char::is_alphanumeric);
            match symbol {
                true => {
                    phrase.contains(unit.as_str())
                        || before.ends_with(unit.as_str())
                        || after.starts_with(unit.as_str())
                }
                false => unit_opens(&after, unit) || unit_closes(&before, unit),
            }
        });
        (!carries).then(|| {
            format!(
                "'{}' carries no `unit` ({})",
                &sentence[value.clone()],
                self.units.join(", ")
            )
        })
    }

    /// Why the figure at `value` (bytes of `sentence`) is not a count, if it is not one.
    fn not_a_count(
        &self,
        sentence: &str,
        value: &Range<usize>,
        dates: &[Range<usize>],
    ) -> Option<String> {
        if let Some(reason) = names_or_dates(sentence, value, dates) {
            return Some(reason);
        }
        match self.units.is_empty() {
            true => measures(sentence, value),
            false => self.lacks_unit(sentence, value),
        }
    }
}

/// Nouns of how many of something there are, before "of" ("the number of", "the total of", "the count of").
const NUMBER_NOUNS: &[&str] = &["number", "total", "count", "tally"];

/// Verbs by which several parts each give a figure: "the two towns each have 24 deaths".
const EACH_VERBS: &[&str] = &[
    "have",
    "has",
    "had",
    "reported",
    "recorded",
    "registered",
    "counted",
    "confirmed",
    "suffered",
    "lost",
    "saw",
];

/// Why the figure at `value` is no count of the whole although it counts the claim's things, if it is not: a rank
/// ("one of the largest airlifts"), a figure for each of several parts ("two deaths each", "70 people each in
/// Wajima and Suzu", "the two towns each reported 24 deaths") or a difference ("19,000 more people", "three more than the list of Friday"; not a vague
/// plural: "hundreds more remain missing" after a toll are more people than the dead).
fn not_the_whole(sentence: &str, value: &Range<usize>) -> Option<String> {
    static RANK: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static EACH: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static MORE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static EACH_BEFORE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let compiled = |cell: &'static std::sync::OnceLock<regex::Regex>, pattern: &str| {
        cell.get_or_init(|| {
            regex::Regex::new(pattern).expect("the figure's context patterns are valid")
        })
    };
    let figure = &sentence[value.clone()];
    let after = &sentence[value.end..];
    let rank = compiled(
        &RANK,
        r"(?i)^\s+of\s+the\s+(?:\p{L}+est|most|worst|best|least)\b",
    );
    if figure.eq_ignore_ascii_case("one") && rank.is_match(after) {
        return Some("'one of the ...' ranks something, it is no count".to_string());
    }
    let each_before = compiled(
        &EACH_BEFORE,
        &format!(r"(?i)\beach\s+(?:{})\s+$", EACH_VERBS.join("|")),
    );
    if compiled(&EACH, r"(?i)^(?:\s+\p{L}[\p{L}-]*){0,2}?\s+each\b").is_match(after)
        || each_before.is_match(&sentence[..value.start])
    {
        return Some("a figure for each of several parts is no count of the whole".to_string());
    }
    // "hundreds more remain missing" after a toll: more people than the dead, not an increment
    let vague = figure.chars().all(char::is_alphabetic) && figure.to_lowercase().ends_with('s');
    if !vague && compiled(&MORE, r"(?i)^\s+(?:more|fewer|additional)\b").is_match(after) {
        return Some(
            "a figure of how many more (or fewer) is a difference, not the count".to_string(),
        );
    }
    None
}

/// Words that, capitalised before a figure, do not make it a name: in a headline's title case, prepositions and
/// the verbs that give a figure ("Toll Rises To 1,400", "Dead Near 5,000"); after a dateline, the determiner that
/// opens the sentence ("TOKYO — The 7.6 magnitude earthquake").
const TITLE_CASE_LINKS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "their",
    "another",
    "all",
    "some",
    "and",
    "with",
    "to",
    "at",
    "of",
    "by",
    "in",
    "on",
    "for",
    "from",
    "over",
    "than",
    "near",
    "past",
    "nears",
    "tops",
    "hits",
    "passes",
    "exceeds",
    "surpasses",
    "reaches",
    "rises",
    "climbs",
    "jumps",
    "soars",
    "crosses",
    "is",
    "are",
    "now",
    "kills",
    "killed",
];

/// The ways a unit word is written after a figure: itself and its plurals ("ton", "tons", "inches").
fn unit_forms(unit: &str) -> [String; 3] {
    [unit.to_string(), format!("{unit}s"), format!("{unit}es")]
}

/// True when `after` (lower case, the text after a figure) opens with `unit` or its plural as whole words; "per
/// cent" is "percent".
fn unit_opens(after: &str, unit: &str) -> bool {
    let after = match after.strip_prefix("per cent") {
        Some(rest) => format!("percent{rest}"),
        None => after.to_string(),
    };
    unit_forms(unit).iter().any(|form| {
        after.starts_with(form.as_str()) && !after[form.len()..].starts_with(char::is_alphanumeric)
    })
}

/// True when `before` (lower case, the text before a figure) closes with `unit` or its plural as whole words ("USD").
fn unit_closes(before: &str, unit: &str) -> bool {
    unit_forms(unit).iter().any(|form| {
        before.ends_with(form.as_str())
            && !before[..before.len() - form.len()].ends_with(char::is_alphanumeric)
    })
}

/// Why the figure at `value` (bytes of `sentence`) is no count of things, if it is not: part of a date phrase, a
/// year, or a name ("Air Base 201").
fn names_or_dates(sentence: &str, value: &Range<usize>, dates: &[Range<usize>]) -> Option<String> {
    let words = &sentence[value.clone()];
    if dates
        .iter()
        .any(|d| d.start < value.end && value.start < d.end && !words.contains(' '))
    {
        return Some(format!("'{words}' is part of a date phrase"));
    }
    let digits = words.trim();
    let year = |part: &str| {
        part.len() == 4
            && part.chars().all(|c| c.is_ascii_digit())
            && (1900..=2100).contains(&part.parse::<u32>().unwrap_or(0))
    };
    if digits.split(['-', '–']).all(year) {
        return Some(format!("'{digits}' reads as a year"));
    }
    if clock_time().is_match(&sentence[value.end..]) {
        return Some(format!("'{digits}' is a time of day, not a count"));
    }
    let before = sentence_words(&sentence[..value.start]);
    // A hedged figure ("Burkina some 200", "Toll Exceeds 41,000") or a vague plural ("Killing Hundreds") names
    // nothing: only a bare one can ("Air Base 201").
    let vague = digits.to_lowercase().ends_with('s');
    let bare = digits.starts_with(|c: char| c.is_ascii_digit())
        || !(digits.contains(char::is_whitespace) || vague);
    if let Some(previous) = before.last().filter(|_| bare) {
        let word = &sentence[previous.span.clone()];
        let adjacent = sentence[previous.span.end..value.start].trim().is_empty();
        let capital = word.starts_with(|c: char| c.is_uppercase())
            && word.chars().any(char::is_lowercase)
            && !TITLE_CASE_LINKS.contains(&word.to_lowercase().as_str())
            && !word.ends_with("'s")
            && !word.ends_with("’s");
        if adjacent && capital && before.len() > 1 {
            return Some(format!(
                "'{word} {digits}' names something, it is not a count"
            ));
        }
    }
    None
}

/// What follows the hour of a time of day: "4 p.m.", "3:29 p.m.", "7am".
fn clock_time() -> &'static regex::Regex {
    static TIME: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    TIME.get_or_init(|| {
        regex::Regex::new(r"(?i)^(?::[0-5][0-9])?\s*(?:[ap]\.m\.|[ap]m\b|o'clock\b)")
            .expect("the time of day is a valid regex")
    })
}

/// Words between a figure and its unit that leave it a measure: "two more days", "an additional 10 km".
const BEFORE_UNIT: &[&str] = &["more", "additional", "extra", "further", "other", "full"];

/// Why the figure at `value` measures something ("920 km", "15%") instead of counting, if it does.
fn measures(sentence: &str, value: &Range<usize>) -> Option<String> {
    let digits = sentence[value.clone()].trim();
    let after: Vec<_> = leading_words(&sentence[value.end..]).take(2).collect();
    let joined = |t: &&Token, from: usize| {
        sentence[value.end + from..value.end + t.span.start]
            .trim()
            .is_empty()
    };
    let skip = after
        .first()
        .filter(|t| joined(t, 0) && BEFORE_UNIT.contains(&t.lower.as_str()));
    let from = skip.map_or(0, |t| t.span.end);
    let unit = after
        .get(usize::from(skip.is_some()))
        .filter(|t| joined(t, from) && UNITS.contains(&t.lower.as_str()));
    if let Some(unit) = unit {
        return Some(format!(
            "'{digits} {}' is a measure, not a count",
            unit.lower
        ));
    }
    // the last words before the figure, enough for the longest entry of `BEFORE_MEASURE`
    let mut from = value.start.saturating_sub(32);
    while !sentence.is_char_boundary(from) {
        from -= 1;
    }
    let before = sentence_words(&sentence[from..value.start]);
    let ends_with = |words: &[&str]| {
        before.len() >= words.len()
            && before[before.len() - words.len()..]
                .iter()
                .zip(words)
                .all(|(token, word)| token.lower == *word)
    };
    if let Some(words) = BEFORE_MEASURE.iter().find(|words| ends_with(words)) {
        return Some(format!(
            "'{} {digits}' is a measure or a population, not a count",
            words.join(" ")
        ));
    }
    if sentence[value.end..].starts_with('%') {
        return Some(format!("'{digits}%' is a measure, not a count"));
    }
    if let Some(scale) = on_a_scale(&sentence[value.end..]) {
        return Some(format!(
            "'{digits} {scale}' is a point on a scale, not a count"
        ));
    }
    if digits.contains(CURRENCY_SYMBOLS) || sentence[..value.start].ends_with(CURRENCY_SYMBOLS) {
        return Some(format!("'{digits}' is a sum, not a count"));
    }
    if let Some(compound) = compound_adjective(sentence, value) {
        return Some(format!(
            "'{digits}-{compound}' describes something, it is not a count"
        ));
    }
    None
}

/// The words after a figure that make it a point on a scale ("7 on the Japanese intensity scale", "5 on a scale of
/// 1 to 7"), if they do.
fn on_a_scale(after: &str) -> Option<&str> {
    static SCALE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let scale = SCALE.get_or_init(|| {
        regex::Regex::new(r"(?i)^\s+on\s+(?:the|a|an|its)\s+(?:[\p{L}'’-]+\s+){0,4}?scale\b")
            .expect("the scale pattern is valid")
    });
    scale.find(after).map(|found| after[found.range()].trim())
}

/// Second words of a compound adjective that still count ("a 1,000-strong force", "a 146,000-member union").
const COUNTING_COMPOUNDS: &[&str] = &["strong", "member", "person", "man", "men", "seat"];

/// The second word of the compound adjective the figure at `value` opens ("32-hour", "four-day"), unless it counts.
fn compound_adjective<'a>(sentence: &'a str, value: &Range<usize>) -> Option<&'a str> {
    let rest = sentence[value.end..].strip_prefix('-')?;
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    (!word.is_empty() && !COUNTING_COMPOUNDS.contains(&word.to_lowercase().as_str()))
        .then_some(word)
}

impl Kind for WordQuantityClaim {
    fn name(&self) -> &'static str {
        "quantity"
    }

    fn pattern_lists(&self) -> Vec<(&[RulePattern], Option<Polarity>)> {
        vec![(&self.patterns, None)]
    }

    fn judge(&self, text: &str, found: Match) -> Result<Match, String> {
        let base = found.sentence.start;
        let sentence = &text[found.sentence.clone()];
        let value = unshift(&found.value, base);
        let span = unshift(&found.span, base);
        let dates = date_phrases(sentence);
        if let Some(reason) = self.not_a_count(sentence, &value, &dates) {
            // "Air Base 201 in Agadez, which cost $110 million": the figure after the name; "a magnitude 6.8 quake
            // killed 300 people": the figure before the `counts` word
            let next = match span.start < value.start {
                true => next_figure(sentence, value.end, value.end),
                false => next_figure(sentence, value.end, value.end).filter(|f| f.end < span.end),
            };
            return self.judge_next(text, found, next).unwrap_or(Err(reason));
        }
        if let Some(reason) = not_the_whole(sentence, &value) {
            return Err(reason);
        }
        let words = judged_sentence_words(sentence);
        if let Some(verb) = self.change_by(sentence, &words, &value) {
            return Err(format!(
                "the figure after '{verb} by' is how much it changed, not the count"
            ));
        }
        let figures = self.figures(sentence, &dates);
        let hits: Vec<_> = self
            .counts
            .hits(sentence, &words)
            .into_iter()
            .filter(|h| span.start <= h.span.start && h.span.end <= span.end)
            .filter(|h| h.span.end <= value.start || h.span.start >= value.end)
            .collect();
        let first_counts = hits.iter().find(|h| h.span.end <= value.start);
        if let Some(first) = first_counts.filter(|_| reached(sentence, &value)) {
            if let Some(subject) = own_subject(sentence, &first.span, &value) {
                return Err(format!(
                    "the verb that gives the figure has a subject of its own in another clause ('{subject}')"
                ));
            }
        }
        let counted = hits
            .iter()
            .filter(|h| !nearer_figure(sentence, &figures, &h.span, &value))
            .min_by_key(|h| h.span.start.abs_diff(value.start));
        let Some(counted) = counted else {
            // "grew from 100 to 1,100 troops": the counts word after the figure is a nearer figure's
            let nearer = hits
                .iter()
                .filter(|h| h.span.start >= value.end)
                .find_map(|h| {
                    figures
                        .iter()
                        .find(|f| f.start >= value.end && f.end <= h.span.start)
                });
            return match nearer {
                Some(next) => self.judge(
                    text,
                    Match {
                        value: super::shift(next, base),
                        ..found
                    },
                ),
                // "rises to 94 with 222 missing": a candidate without its noun may run from an earlier figure
                None => self
                    .judge_elided(sentence, &words, &value, (&dates, &figures), found.clone())
                    .or_else(|refusal| {
                        let later = figures
                            .iter()
                            .find(|f| f.start >= value.end && f.end <= span.end)
                            .cloned();
                        self.judge_next(text, found, later).unwrap_or(Err(refusal))
                    }),
            };
        };
        let counts_first = counted.span.end <= value.start;
        if counts_first
            && verb_of_change(
                self.counts.written(counted.entry),
                &sentence[counted.span.clone()],
            )
            && !after_by(sentence, &value)
        {
            return Err(format!(
                "'{}' gives the figure it reached, not the change: the change follows 'by'",
                &sentence[counted.span.clone()]
            ));
        }
        if counts_first {
            self.another_number_between(sentence, &words, counted.span.end..value.start)?;
        }
        let counts_next = !counts_first
            && sentence[value.end..counted.span.start]
                .chars()
                .all(|c| c.is_whitespace() || c == '-');
        if !counts_next {
            let own_noun = other_noun_after(sentence, &value)
                .filter(|(_, at)| !(counted.span.start <= at.start && at.end <= counted.span.end))
                .filter(|(noun, _)| !self.is_unit(noun))
                // "injured 2,059 others": the figure counts what its `counts` word counts
                .filter(|(noun, _)| !(counts_first && noun == "others"));
            if let Some((noun, _)) = own_noun {
                let refusal =
                    format!("the figure counts '{noun}', not the `counts` word before it");
                let next = counts_first
                    .then(|| next_figure(sentence, value.end, counted.span.end))
                    .flatten();
                // "the toll across the three provinces has risen to 740": the figure after the one refused
                return self.judge_next(text, found, next).unwrap_or(Err(refusal));
            }
        }
        if !counts_first {
            self.counts_the_head(sentence, &words, &counted.span, &figures)?;
        }
        match counts_first {
            false => self.in_another_state(sentence, counted.span.end)?,
            true => self.in_another_state(sentence, value.end)?,
        }
        let whole = super::union(&counted.span, &value);
        let scope = match whole_of_part(sentence, &value) {
            // "13% of the union's 146,000 members are on strike": the clause tells of the part
            Some(of) => self.conditions.check_phrase(
                sentence,
                &words,
                &(of.min(whole.start)..whole.end),
                &value,
            )?,
            None => self.check_clause(sentence, &words, &value, &whole, (&dates, &figures))?,
        };
        let scope = scope.or_else(|| self.part(sentence, &words, &value, &dates));
        // "9,000 of the 120,000 members": the part's mention leaves the whole to its own
        let part = !counts_first && whole_after(sentence, value.end, &figures).is_some();
        let mention = match counts_first || part {
            true => value.clone(),
            false => whole,
        };
        Ok(Match {
            span: super::shift(&mention, base),
            scope,
            ..found
        })
    }

    fn value(&self, text: &str, published: Option<Date>, found: &Match) -> Result<Value, Unparsed> {
        let phrase = &text[found.value.clone()];
        let unparsed = || Unparsed {
            text: phrase.to_string(),
        };
        let before = &text[found.sentence.start..found.value.start];
        let (own, skip) = match self.own_qualifier(phrase) {
            Some((qualifier, skip)) => (Some(qualifier), skip),
            None => (self.qualifier_before(before), risen_up_to(before, phrase)),
        };
        let mut quantity = parse_quantity(&phrase[skip..], self.tolerance).ok_or_else(unparsed)?;
        if self.round_figures {
            quantity = with_rounding(quantity);
        }
        if let Some(qualifier) = own.filter(|_| quantity.qualifier == Qualifier::Exact) {
            quantity = with_qualifier(quantity, qualifier, self.tolerance);
        }
        let (as_of, revision) = as_of_and_revision(text, published, found);
        Ok(Value::Quantity {
            quantity,
            as_of,
            revision,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_is_no_count_but_a_vague_plural_before_more_is() {
        let whole = |sentence: &str, figure: &str| {
            let start = sentence.find(figure).unwrap();
            not_the_whole(sentence, &(start..start + figure.len()))
        };
        assert!(whole("Crews moved 19,000 more people out.", "19,000").is_some());
        assert!(whole(
            "The list had 388 names, three more than on Friday.",
            "three"
        )
        .is_some());
        assert!(whole(
            "At least 106 died and hundreds more remain missing.",
            "hundreds"
        )
        .is_none());
        assert!(whole("The towns had two deaths each.", "two").is_some());
        assert!(whole("It was one of the worst fires.", "one").is_some());
        assert!(whole("One of the victims was a child.", "One").is_none());
    }

    fn claim(more_than: &[&str]) -> WordQuantityClaim {
        let fields = WordFields {
            counts: vec!["troop".into()],
            of: vec!["US".into()],
            qualifiers: vec![(
                Qualifier::MoreThan,
                more_than.iter().map(|w| w.to_string()).collect(),
            )],
            ..WordFields::default()
        };
        WordQuantityClaim::build(&fields, Tolerance::default(), true).unwrap()
    }

    #[test]
    fn a_word_between_may_be_any_abbreviation_that_ends_no_sentence() {
        let word = regex::Regex::new(&format!("^{WORD}$")).unwrap();
        for abbreviation in crate::text::sentence::ABBREVIATIONS {
            let mut written = abbreviation.to_string();
            written[..1].make_ascii_uppercase();
            assert!(word.is_match(&format!("{written}.")), "{written}.");
        }
        assert!(!word.is_match("Maui."));
    }

    /// The verdict on the first candidate of the claim's patterns in `sentence`.
    fn verdict(claim: &WordQuantityClaim, sentence: &str) -> Result<String, String> {
        let found = claim
            .patterns
            .iter()
            .find_map(|p| {
                let mut caps = p.regex().create_captures();
                p.regex().captures(sentence, &mut caps);
                let whole = caps.get_match()?.range();
                let value = caps.get_group(p.value_group()?)?.range();
                Some((whole, value))
            })
            .ok_or("no candidate")?;
        let found = Match {
            span: found.0,
            value: found.1,
            sentence: 0..sentence.len(),
            polarity: None,
            scope: None,
        };
        let kept = claim.judge(sentence, found)?;
        let value = claim.value(sentence, None, &kept).map_err(|u| u.text)?;
        Ok(value.describe())
    }

    #[test]
    fn a_figure_with_its_counts_word_and_of_in_the_clause() {
        let c = claim(&[]);
        assert_eq!(
            verdict(&c, "About 1,000 US troops remain."),
            Ok("about 1,000 (900–1,100)".into())
        );
        assert_eq!(
            verdict(&c, "US troops, numbering about 1,000, remain."),
            Ok("about 1,000 (900–1,100)".into())
        );
    }

    #[test]
    fn names_years_and_measures_are_not_counts() {
        let c = claim(&[]);
        let refused = verdict(&c, "US troops are at Air Base 201.").unwrap_err();
        assert!(refused.contains("names something"), "{refused}");
        let refused = verdict(&c, "US troops stay until 2025.").unwrap_err();
        assert!(
            refused.contains("date") || refused.contains("year"),
            "{refused}"
        );
        let refused = verdict(&c, "US troops are based 920 km away.").unwrap_err();
        assert!(refused.contains("measure"), "{refused}");
        assert_eq!(kept(&c, "US Troop Count In Niger Falls To 600"), ["600"]);
        let refused = verdict(&c, "Niger gave US troops one month to leave.").unwrap_err();
        assert!(refused.contains("measure"), "{refused}");
    }

    #[test]
    fn a_hedged_figure_after_a_capitalised_word_is_a_count_and_a_range_of_years_is_not() {
        let c = claim(&[]);
        assert_eq!(
            kept(&c, "The US keeps in Djibouti some 300-500 troops."),
            ["some 300-500"]
        );
        assert_eq!(
            kept(&c, "Between 300 and 500 US troops and 40 aircraft stay."),
            ["Between 300 and 500"]
        );
        let refused = verdict(&c, "The US 2019-2020 troops rotation ended.").unwrap_err();
        assert!(refused.contains("year"), "{refused}");
    }

    fn toll_claim(of: &str) -> WordQuantityClaim {
        let fields = WordFields {
            counts: vec!["person".into(), "people".into()],
            of: vec![of.into()],
            ..WordFields::default()
        };
        WordQuantityClaim::build(&fields, Tolerance::default(), true).unwrap()
    }

    /// Every candidate the claim's patterns find in `sentence` and the value of those kept.
    fn kept(claim: &WordQuantityClaim, sentence: &str) -> Vec<String> {
        let mut values = Vec::new();
        for pattern in &claim.patterns {
            let mut caps = pattern.regex().create_captures();
            pattern.regex().captures(sentence, &mut caps);
            let (Some(whole), Some(value)) = (
                caps.get_match(),
                pattern.value_group().and_then(|g| caps.get_group(g)),
            ) else {
                continue;
            };
            let found = Match {
                span: whole.range(),
                value: value.range(),
                sentence: 0..sentence.len(),
                polarity: None,
                scope: None,
            };
            if let Ok(kept) = claim.judge(sentence, found) {
                values.push(sentence[kept.value].to_string());
            }
        }
        values.sort();
        values.dedup();
        values
    }

    #[test]
    fn a_figure_after_another_is_not_excluded_by_the_others_own_words() {
        let toll = |of: &str, not_of: &str| {
            let fields = WordFields {
                counts: vec!["people".into()],
                of: vec![of.into()],
                not_of: vec![not_of.into()],
                ..WordFields::default()
            };
            WordQuantityClaim::build(&fields, Tolerance::default(), true).unwrap()
        };
        let both = "The quake killed more than 5,000 people in Turkey and 1,500 in Syria.";
        assert_eq!(kept(&toll("Turkey", "Syria"), both), ["more than 5,000"]);
        assert_eq!(kept(&toll("Syria", "Turkey"), both), ["1,500"]);
        // words before the first figure still belong to every figure
        let shared = "Syria's quake killed 5,000 people and 1,500 in the north.";
        assert!(kept(&toll("quake", "Syria"), shared).is_empty());
    }

    #[test]
    fn a_participle_clause_takes_whose_the_figure_is_from_the_clause_before() {
        let turkey = toll_claim("Turkey");
        let struck = "A quake struck southern Turkey early Monday, killing at least 1,300 people.";
        assert_eq!(kept(&turkey, struck), ["at least 1,300"]);
        // a clause with a subject of its own, or led by a preposition in -ing, does not take it
        let own =
            "A quake struck southern Turkey early Monday, and officials counted 1,300 people.";
        assert!(kept(&turkey, own).is_empty());
        let according = "A quake struck southern Turkey, according to 1,300 people.";
        assert!(kept(&turkey, according).is_empty());
    }

    #[test]
    fn a_joined_figure_shares_the_opening_unless_it_has_a_verb_of_its_own() {
        let killed = toll_claim("kill");
        let shared = "The flood killed 300 people and 900 in the valley.";
        assert_eq!(kept(&killed, shared), ["300", "900"]);
        for own in [
            "The flood killed 300 people and 900 remain missing.",
            "The flood killed 300 people and left 900 homeless.",
        ] {
            assert_eq!(kept(&killed, own), ["300"], "{own}");
        }
    }

    #[test]
    fn a_relative_clause_takes_whose_the_figure_is_from_its_antecedent() {
        let turkey = toll_claim("Turkey");
        for sentence in [
            "A quake hit a town in Turkey, where 900 people were killed.",
            "A quake shook eastern Turkey for a minute, during which 900 people were killed.",
        ] {
            assert_eq!(kept(&turkey, sentence), ["900"], "{sentence}");
        }
        // "during" alone leads no relative clause
        let during = "A quake shook eastern Turkey, during the night 900 people were killed.";
        assert!(kept(&turkey, during).is_empty());
    }

    #[test]
    fn coordinated_figures_each_keep_their_own_words() {
        let dead = toll_claim("kill");
        let missing = toll_claim("missing");
        let joined = "Officials said 300 people were killed and hundreds are still missing.";
        assert_eq!(kept(&dead, joined), ["300"]);
        assert_eq!(kept(&missing, joined), ["hundreds"]);
        let headline = "Storm toll: 120 people killed, dozens missing in the valley";
        assert_eq!(kept(&dead, headline), ["120"]);
        assert_eq!(kept(&missing, headline), ["dozens"]);
        let with = "The quake killed 640 people, with 300 others missing.";
        assert_eq!(kept(&missing, with), ["300"]);
    }

    #[test]
    fn the_claims_qualifiers_qualify_the_figure() {
        let c = claim(&["top"]);
        assert_eq!(
            verdict(&c, "US troops topped 1,000."),
            Ok("more than 1,000".into())
        );
    }
}
