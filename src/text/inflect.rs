//! Inflections of the words a rule author lists, so that `troop` also finds "troops" and `terminate` also finds
//! "terminated", "terminating" and "termination", without the author listing them.
//!
//! # Rules
//!
//! An entry is one word or several ("service member", "mark the end of"). Which word is inflected depends on what
//! the entry names:
//!
//! - **Nouns** ([`Part::Noun`]): the last word takes its plural: `troop` → troops, `service member` → service
//!   members, `ally` → allies, `force` → forces, `serviceman` → servicemen; an entry that ends in prepositions
//!   pluralises the noun before them (`tie between` → ties between, `relation with` → relations with). Nouns that do not change (`personnel`,
//!   `staff`) and irregular plurals (`person` → people) are in a short table. A noun of change that is also its
//!   verb (`raise`, `increase`, `hike`, `boost`, `cut`) takes the verb's forms too: "raised pay by 25%".
//! - **Verbs** ([`Part::Verb`]): the first word takes its verb forms and nouns of action: `terminate` → terminates,
//!   terminated, terminating, termination; `end` → ends, ended, ending; `cut off` → cuts off, cutting off; `mark the
//!   end of` → marked the end of. Irregular verbs (break, broke, broken; tear, tore, torn) and irregular nouns of
//!   action (revoke → revocation, withdraw → withdrawal) are in a short table.
//! - **Names** ([`Part::Name`]): as written (`U.S.`, `French`); "in" and a place's name (`in Anamizu`) also as
//!   "in the town of Anamizu", "in Anamizu city" and the like. A name written in capitals ("US") matches only in
//!   capitals, so that the pronoun "us" is not the United States; see [`crate::text::words`].
//!
//! The regular rules, for a word `w`:
//!
//! | form | rule |
//! | --- | --- |
//! | plural, 3rd person | `-s`; `-es` after s, x, z, ch, sh; `-y` after a consonant becomes `-ies`; `-man` becomes `-men` |
//! | past | `-ed`; `-d` after e; `-y` after a consonant becomes `-ied`; a short word ending consonant-vowel-consonant doubles it (scrap → scrapped); a final `l` may double (cancelled, canceled) |
//! | `-ing` | `-ing`; a final e is dropped (terminate → terminating), but not ee; doubling as for the past |
//! | noun of action | `-ate` → `-ation`, `-ize`/`-ise` → `-ization`/`-isation`, `-el` → `-ellation`, `-ify` → `-ification`, else the table |
//!
//! Extra forms never hurt much: a form no text uses matches nothing. Missing forms do, which is why an entry that
//! is already inflected ("killed") is kept as written too.

/// What an entry names, which decides the word that is inflected and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A noun: its last word takes the plural.
    Noun,
    /// A verb or a verb phrase: its first word takes the verb forms and nouns of action.
    Verb,
    /// A name, matched as written.
    Name,
    /// A word of any part: a name as written when it has a capital ("US", "French"), else every form of it as a
    /// noun and as a verb ("die": dies, died, dying; "death": deaths), for the word lists that say what a clause
    /// must or must not hold.
    Any,
}

/// Irregular verbs: base, then other forms (3rd person, past, participles).
const IRREGULAR_VERBS: &[(&str, &[&str])] = &[
    ("be", &["is", "are", "was", "were", "been", "being", "am"]),
    ("break", &["breaks", "broke", "broken", "breaking"]),
    ("tear", &["tears", "tore", "torn", "tearing"]),
    ("cut", &["cuts", "cut", "cutting"]),
    ("put", &["puts", "put", "putting"]),
    ("set", &["sets", "set", "setting"]),
    ("shut", &["shuts", "shut", "shutting"]),
    ("quit", &["quits", "quit", "quitting"]),
    ("take", &["takes", "took", "taken", "taking"]),
    ("give", &["gives", "gave", "given", "giving"]),
    ("go", &["goes", "went", "gone", "going"]),
    ("keep", &["keeps", "kept", "keeping"]),
    ("hold", &["holds", "held", "holding"]),
    ("mean", &["means", "meant", "meaning"]),
    ("spell", &["spells", "spelled", "spelt", "spelling"]),
    ("sit", &["sits", "sat", "sitting"]),
    ("leave", &["leaves", "left", "leaving"]),
    ("make", &["makes", "made", "making"]),
    ("seize", &["seizes", "seized", "seizing", "seizure"]),
    (
        "withdraw",
        &[
            "withdraws",
            "withdrew",
            "withdrawn",
            "withdrawing",
            "withdrawal",
        ],
    ),
    (
        "overthrow",
        &["overthrows", "overthrew", "overthrown", "overthrowing"],
    ),
    ("bring", &["brings", "brought", "bringing"]),
    ("come", &["comes", "came", "coming"]),
    ("begin", &["begins", "began", "begun", "beginning"]),
    ("stand", &["stands", "stood", "standing"]),
    (
        "pull",
        &["pulls", "pulled", "pulling", "pullout", "pull-out"],
    ),
    (
        "rescind",
        &["rescinds", "rescinded", "rescinding", "rescission"],
    ),
    ("revoke", &["revokes", "revoked", "revoking", "revocation"]),
    (
        "renounce",
        &["renounces", "renounced", "renouncing", "renunciation"],
    ),
    ("depart", &["departs", "departed", "departing", "departure"]),
    ("sever", &["severs", "severed", "severing", "severance"]),
    (
        "continue",
        &["continues", "continued", "continuing", "continuation"],
    ),
    (
        "maintain",
        &["maintains", "maintained", "maintaining", "maintenance"],
    ),
    (
        "preserve",
        &["preserves", "preserved", "preserving", "preservation"],
    ),
    (
        "complete",
        &["completes", "completed", "completing", "completion"],
    ),
    ("expel", &["expels", "expelled", "expelling", "expulsion"]),
    ("oust", &["ousts", "ousted", "ousting", "ouster"]),
    ("exit", &["exits", "exited", "exiting"]),
    ("visit", &["visits", "visited", "visiting"]),
    ("end", &["ends", "ended", "ending"]),
    ("strike", &["strikes", "struck", "stricken", "striking"]),
    ("sweep", &["sweeps", "swept", "sweeping"]),
    ("hit", &["hits", "hitting"]),
    ("burst", &["bursts", "bursting"]),
];

/// Nouns of a change that are also its verb: a noun entry takes the verb's forms too ("raise" finds "raised pay by
/// 25%").
pub const CHANGE_NOUNS: &[&str] = &["raise", "increase", "hike", "boost", "cut", "rise"];

/// Verb forms that are prepositions, never the verb's own: `accord` does not find "according", nor `follow`
/// "following", where an entry of any part is taken as a verb too.
const PREPOSITIONAL_FORMS: &[&str] = &[
    "according",
    "including",
    "excluding",
    "following",
    "regarding",
    "concerning",
    "considering",
    "pending",
    "barring",
    "during",
];

/// Nouns whose plural is not regular, or that have none.
const IRREGULAR_NOUNS: &[(&str, &[&str])] = &[
    ("person", &["people", "persons"]),
    ("personnel", &[]),
    ("staff", &["staffs", "staffers", "staffer"]),
    ("child", &["children"]),
    ("aircraft", &[]),
    ("police", &[]),
    ("military", &["militaries"]),
    ("life", &["lives"]),
    ("wife", &["wives"]),
    ("knife", &["knives"]),
    ("leaf", &["leaves"]),
    ("half", &["halves"]),
    ("shelf", &["shelves"]),
    ("thief", &["thieves"]),
    ("crisis", &["crises"]),
];

/// Every form of `entry` for its `part`, in lower case, the entry first.
pub fn forms(entry: &str, part: Part) -> Vec<String> {
    let words: Vec<&str> = entry.split_whitespace().collect();
    let Some((&first, _)) = words.split_first() else {
        return Vec::new();
    };
    let joined = |replaced: usize, form: &str| {
        let mut out: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        out[replaced] = form.to_string();
        out.join(" ")
    };
    let mut out = vec![words.join(" ").to_lowercase()];
    let part = match part {
        Part::Any if entry.chars().any(char::is_uppercase) => Part::Name,
        other => other,
    };
    match part {
        Part::Name => out.extend(place_forms(&words)),
        Part::Any => {
            let last = head_noun(&words);
            for form in noun_forms(&words[last].to_lowercase()) {
                out.push(joined(last, &form));
            }
            for form in verb_forms(&first.to_lowercase()) {
                if !PREPOSITIONAL_FORMS.contains(&form.as_str()) {
                    out.push(joined(0, &form));
                }
            }
        }
        Part::Noun => {
            let last = head_noun(&words);
            for form in noun_forms(&words[last].to_lowercase()) {
                out.push(joined(last, &form));
            }
            // "a 25% raise", "raised pay by 25%": a noun of change names the change as its verb does
            if words.len() == 1 && CHANGE_NOUNS.contains(&first.to_lowercase().as_str()) {
                out.extend(verb_forms(&first.to_lowercase()));
            }
        }
        Part::Verb => {
            for form in verb_forms(&first.to_lowercase()) {
                out.push(joined(0, &form));
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|form| seen.insert(form.clone()));
    out
}

/// Nouns of places that name a place before or after its name: "the town of Anamizu", "Anamizu town".
const PLACE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "prefecture",
    "province",
    "county",
    "district",
    "region",
    "state",
    "municipality",
];

/// Verbs by which a place, as the subject of its clause, gives its own part of a count: "Suzu recorded 99 deaths".
const PLACE_SUBJECT_VERBS: &[&str] = &["recorded", "reported", "registered", "had"];

/// The other ways of writing an entry "in" and a place's name ("in Anamizu"): "in the town of Anamizu", "in
/// Anamizu town", and so on for each of [`PLACE_NOUNS`]; and the place as the subject that gives its own count
/// ("Anamizu recorded", "Anamizu town reported", [`PLACE_SUBJECT_VERBS`]). Nothing for other entries.
fn place_forms(words: &[&str]) -> Vec<String> {
    let place = match words {
        [first, name @ ..] if first.eq_ignore_ascii_case("in") && !name.is_empty() => name,
        _ => return Vec::new(),
    };
    if !place[0].starts_with(char::is_uppercase) {
        return Vec::new();
    }
    let name = place.join(" ").to_lowercase();
    let written = PLACE_NOUNS.iter().flat_map(|noun| {
        [
            format!("in the {noun} of {name}"),
            format!("in {name} {noun}"),
        ]
    });
    let subjects = std::iter::once(name.clone())
        .chain(PLACE_NOUNS.iter().map(|noun| format!("{name} {noun}")))
        .flat_map(|subject| {
            PLACE_SUBJECT_VERBS
                .iter()
                .map(move |verb| format!("{subject} {verb}"))
        });
    written.chain(subjects).collect()
}

/// Words that end a noun entry after its noun: "tie between", "relation with", "agreement on".
const TRAILING_PREPOSITIONS: &[&str] = &[
    "between", "with", "of", "to", "for", "from", "in", "on", "at", "by", "among", "against",
    "over", "into",
];

/// The index of the word of a noun entry that takes the plural: the last, but for the prepositions that end the
/// entry ("tie between" → "tie"). An entry of prepositions only keeps its last word.
fn head_noun(words: &[&str]) -> usize {
    let last = words.len() - 1;
    (0..=last)
        .rev()
        .find(|&i| !TRAILING_PREPOSITIONS.contains(&words[i].to_lowercase().as_str()))
        .unwrap_or(last)
}

/// The plural (and possessive-free) forms of a noun, without the noun itself.
fn noun_forms(word: &str) -> Vec<String> {
    if let Some((_, irregular)) = IRREGULAR_NOUNS.iter().find(|(base, _)| *base == word) {
        return irregular.iter().map(|f| f.to_string()).collect();
    }
    if let Some(stem) = word.strip_suffix("man") {
        return vec![format!("{stem}men")];
    }
    vec![third_person(word)]
}

/// The verb forms and nouns of action of a verb, without the verb itself.
fn verb_forms(word: &str) -> Vec<String> {
    if let Some((_, irregular)) = IRREGULAR_VERBS.iter().find(|(base, _)| *base == word) {
        return irregular.iter().map(|f| f.to_string()).collect();
    }
    let mut out = vec![third_person(word)];
    out.extend(past(word));
    out.extend(present_participle(word));
    out.extend(action_noun(word));
    out
}

fn is_vowel(c: char) -> bool {
    "aeiou".contains(c)
}

/// "troops", "forces", "allies", "finishes".
fn third_person(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        format!("{word}es")
    } else if n >= 2 && chars[n - 1] == 'y' && !is_vowel(chars[n - 2]) {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

/// True for a word of one syllable that ends consonant-vowel-consonant and doubles its last letter: scrap, stop,
/// drop (not visit, whose stress is not on the last syllable).
fn doubles(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let syllables = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(chars[i - 1])))
        .count();
    n >= 3
        && syllables == 1
        && !is_vowel(chars[n - 1])
        && !"wxy".contains(chars[n - 1])
        && is_vowel(chars[n - 2])
        && !is_vowel(chars[n - 3])
}

/// "ended", "terminated", "scrapped", "cancelled" and "canceled", "allied".
fn past(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if word.ends_with('e') {
        vec![format!("{word}d")]
    } else if n >= 2 && chars[n - 1] == 'y' && !is_vowel(chars[n - 2]) {
        vec![format!("{}ied", &word[..word.len() - 1])]
    } else if doubles(word) {
        vec![format!("{word}{}ed", chars[n - 1])]
    } else if word.ends_with('l') && n >= 2 && is_vowel(chars[n - 2]) {
        vec![format!("{word}led"), format!("{word}ed")]
    } else {
        vec![format!("{word}ed")]
    }
}

/// "ending", "terminating", "scrapping", "cancelling" and "canceling".
fn present_participle(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if let Some(stem) = word.strip_suffix("ie") {
        // die, lie, tie: dying, lying, tying
        vec![format!("{stem}ying")]
    } else if word.ends_with('e') && !word.ends_with("ee") && n > 2 {
        vec![format!("{}ing", &word[..word.len() - 1])]
    } else if doubles(word) {
        vec![format!("{word}{}ing", chars[n - 1])]
    } else if word.ends_with('l') && n >= 2 && is_vowel(chars[n - 2]) {
        vec![format!("{word}ling"), format!("{word}ing")]
    } else {
        vec![format!("{word}ing")]
    }
}

/// "termination", "cancellation", "organization", "notification".
fn action_noun(word: &str) -> Vec<String> {
    if let Some(stem) = word.strip_suffix("ate") {
        vec![format!("{stem}ation")]
    } else if let Some(stem) = word.strip_suffix("ize") {
        vec![format!("{stem}ization")]
    } else if let Some(stem) = word.strip_suffix("ise") {
        vec![format!("{stem}isation")]
    } else if let Some(stem) = word.strip_suffix("ify") {
        vec![format!("{stem}ification")]
    } else if word.ends_with("el") {
        vec![format!("{word}lation")]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(entry: &str, part: Part, expected: &[&str]) {
        let found = forms(entry, part);
        for form in expected {
            assert!(
                found.contains(&form.to_string()),
                "{entry}: {form} not in {found:?}"
            );
        }
    }

    #[test]
    fn nouns_take_their_plural_on_the_last_word() {
        has("troop", Part::Noun, &["troop", "troops"]);
        has(
            "service member",
            Part::Noun,
            &["service member", "service members"],
        );
        has("force", Part::Noun, &["force", "forces"]);
        has("ally", Part::Noun, &["ally", "allies"]);
        has("serviceman", Part::Noun, &["serviceman", "servicemen"]);
        has("life", Part::Noun, &["life", "lives"]);
        has(
            "withdraw",
            Part::Any,
            &["withdraw", "withdrawing", "withdrew"],
        );
        assert!(!forms("accord", Part::Any).contains(&"according".to_string()));
        has("person", Part::Noun, &["people"]);
        has("tie between", Part::Noun, &["ties between"]);
        has("relation with", Part::Any, &["relations with"]);
        assert_eq!(forms("personnel", Part::Noun), ["personnel"]);
    }

    #[test]
    fn verbs_take_their_forms_on_the_first_word() {
        has(
            "terminate",
            Part::Verb,
            &["terminates", "terminated", "terminating", "termination"],
        );
        has("end", Part::Verb, &["ends", "ended", "ending"]);
        has("cut", Part::Verb, &["cuts", "cut", "cutting"]);
        has("sever", Part::Verb, &["severed", "severs"]);
        has("break", Part::Verb, &["broke", "broken", "breaks"]);
        has("scrap", Part::Verb, &["scrapped", "scrapping", "scraps"]);
        has(
            "cancel",
            Part::Verb,
            &["cancelled", "canceled", "cancellation"],
        );
        has("revoke", Part::Verb, &["revoked", "revocation"]);
        has(
            "mark the end of",
            Part::Verb,
            &[
                "marked the end of",
                "marks the end of",
                "marking the end of",
            ],
        );
        has("tear up", Part::Verb, &["tore up", "torn up"]);
        has("cut off", Part::Verb, &["cutting off", "cuts off"]);
        has("strike", Part::Verb, &["struck", "striking"]);
        has("sweep", Part::Verb, &["swept"]);
        assert!(!forms("hit", Part::Verb).contains(&"hitted".to_string()));
    }

    #[test]
    fn names_stay_as_written() {
        assert_eq!(forms("U.S.", Part::Name), ["u.s."]);
        assert_eq!(forms("French", Part::Any), ["french"]);
        let any = forms("die", Part::Any);
        for form in ["die", "dies", "died", "dying"] {
            assert!(any.iter().any(|f| f == form), "{form} in {any:?}");
        }
        assert!(forms("death", Part::Any).iter().any(|f| f == "deaths"));
        assert_eq!(forms("United States", Part::Name), ["united states"]);
        let place = forms("in Al Haouz", Part::Name);
        for form in [
            "in al haouz",
            "in the province of al haouz",
            "in al haouz province",
        ] {
            assert!(place.iter().any(|f| f == form), "{form} in {place:?}");
        }
        assert!(!forms("in the region", Part::Any)
            .iter()
            .any(|f| f.contains("town")));
    }
}
