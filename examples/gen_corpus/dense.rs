//! The dense profile: many short reports of one story, shaped like real coverage rather than like a news digest.
//!
//! Each report is a file of its own with front matter (most give no `published`, as most real reports state no
//! date), a title, sometimes a dateline ("NIAMEY, May 14 (AFP) -", or with the year when the front matter gives
//! no date), and paragraphs of one to three sentences, one a line. About a quarter of the sentences are planted
//! mentions, drawn from the same templates as the sparse profile ([`PLANTED`]); the rest are the story's other
//! sentences: who said what (quotations, some of them repeated in other words), the ruling council under its
//! names, diplomacy, and figures and dates that mention no claim. `bench/corpus_shape.py` compares the result
//! with real reports (BENCHMARKS.md, "Dense coverage").

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::corpus::{self, Plan, Planted, Rng, CITIES, OUTLETS};

/// Report sizes are drawn log-uniformly between these bounds (bytes).
const MIN_REPORT: f64 = 800.0;
const MAX_REPORT: f64 = 8_000.0;
/// Planted sentences per thousand sentences.
const PLANTED_PER_MILLE: u64 = 285;
/// Reports whose front matter gives `published`, per thousand.
const DATED_PER_MILLE: u64 = 400;
/// Reports that open with a dateline, per thousand.
const DATELINE_PER_MILLE: u64 = 500;

/// The story's other sentences. Slots: those of [`corpus::fill_filler`], and `{PERSON}`, `{ROLE}`, `{QUOTE}` and
/// `{COUNCIL}`. None mentions a claim of the shipped rules: no troop count, no deadline, no coup, no agreement
/// ended, no cost of a base, nothing ending the relationship.
const STORY: &[&str] = &[
    "“{QUOTE},” {PERSON}, {ROLE}, told reporters in {CITY} on {WEEKDAY} after a meeting that lasted several hours.",
    "{PERSON}, {ROLE}, said the talks in Niamey had been “{QUOTE}”, according to two people who attended the meeting.",
    "The {COUNCIL} said in a statement read on state television that it would publish a timetable for its transition in {MONTH}.",
    "Hundreds of people gathered in a square in {CITY} on {WEEKDAY}, waving flags and chanting slogans, witnesses said.",
    "A delegation from Washington led by {PERSON} arrived in Niamey on {MONTH} {DAY} for two days of meetings with ministers.",
    "Diplomats said the embassy in Niamey would stay open and that its visa section would resume work in {MONTH}.",
    "The {COUNCIL} has received delegations from Moscow and Ankara in recent months and signed a mining memorandum with a Turkish firm.",
    "Analysts in {CITY} said the budget depends on uranium and oil exports, which fell {PCT} percent in {YEAR}.",
    "{PERSON}, a researcher at a policy institute in Dakar, said that Niamey was “{QUOTE}” and that its neighbours were watching closely.",
    "Nigeria’s president spoke with regional leaders in Abuja about border trade, which has suffered since {MONTH} {YEAR}.",
    "The spokesman, {PERSON}, declined to comment on the timetable when reached by telephone on {WEEKDAY} afternoon.",
    "According to {PERSON}, {ROLE}, “{QUOTE}”.",
    "Farmers near {CITY} said fuel prices had doubled since {MONTH} and that the weekly market was quieter than usual.",
    "The {COUNCIL} named {PERSON} minister of the economy on {WEEKDAY}, the third change in the cabinet this year.",
    "In a televised address, {PERSON} thanked citizens for their patience and said that “{QUOTE}”.",
    "Rights groups said {NUM} people had been detained since the start of the year, a figure the authorities dispute.",
    "The European Union said it would keep funding health programmes, including vaccination campaigns in {CITY} and Diffa.",
    "{PERSON} wrote on social media that “{QUOTE}”, drawing thousands of replies within an hour.",
    "Officials in Washington described their conversations with the {COUNCIL} as frank and said more meetings were planned for {MONTH}.",
    "Aid agencies in {CITY} said {NUM} families had asked for food help since {MONTH}, most of them from villages near the border.",
];

/// What people in the story say, in quotation marks; some come twice, the second time in slightly other words, as
/// reports quote one statement differently.
const QUOTES: &[&str] = &[
    "we will keep talking as long as talking helps",
    "we will keep on talking for as long as talking helps",
    "our people expect results, not promises",
    "the door remains open to every partner who respects our choices",
    "the door stays open to any partner that respects our choices",
    "this is a matter of national sovereignty",
    "we are asking for patience while the details are worked out",
    "nobody in this room wants instability in the region",
    "the transition will take the time it needs",
    "security comes first, and everything else follows",
    "we have heard their concerns and we will answer them in writing",
    "the next weeks will show whether both sides mean what they say",
];

/// Invented people of the story.
const PEOPLE: &[&str] = &[
    "Moussa Garba",
    "Aïssata Boubacar",
    "Hamidou Sanda",
    "Colonel Ibrahim Adamou",
    "Mariama Seyni",
    "Laura Pembroke",
    "David Harlow",
    "Oumarou Kané",
    "Fatouma Idé",
    "Karim Bello",
];

const ROLES: &[&str] = &[
    "a spokesman for the foreign ministry",
    "a senior diplomat",
    "an adviser to the prime minister",
    "a professor of political science in Niamey",
    "the head of a civic association",
    "a member of the transitional council",
];

/// The ruling council under the names reports give it: the name in English, its acronym, its French name, a
/// common description, and a near miss of the name.
const COUNCIL: &[&str] = &[
    "National Council for the Safeguard of the Homeland",
    "CNSP",
    "CNSP",
    "Conseil national pour la sauvegarde de la patrie",
    "military council",
    "military council",
    "National Committee for Safeguarding the Homeland",
];

const TITLES: &[&str] = &[
    "Talks continue in Niamey",
    "What comes next for Niger and its partners",
    "Niger: the week in diplomacy",
    "Officials meet as questions remain",
    "Niamey weighs its options",
];

/// Writes the reports and `planted.json` into `out` (created if missing); the reports carry their own front
/// matter, so there is no manifest.
pub fn generate(plan: Plan, out: &Path) -> std::io::Result<Planted> {
    std::fs::create_dir_all(out)?;
    let mut rng = Rng(plan.seed ^ 0xd1b5_4a32_d192_ed03);
    let sizes = corpus::doc_sizes(plan, (MIN_REPORT, MAX_REPORT), &mut rng);
    let variants = corpus::all_planted_variants();
    let mut planted = Planted::default();
    for (index, size) in sizes.into_iter().enumerate() {
        let text = report(index, size, &variants, &mut rng, &mut planted.mentions);
        let name = format!("report{index:06}.txt");
        std::fs::File::create(out.join(name))?.write_all(text.as_bytes())?;
        planted.docs += 1;
        planted.bytes += text.len() as u64;
    }
    std::fs::write(out.join("planted.json"), corpus::planted_json(&planted))?;
    Ok(planted)
}

/// One report of about `size` bytes: front matter, a title, then paragraphs, one a line.
fn report(
    index: usize,
    size: usize,
    variants: &[Vec<String>],
    rng: &mut Rng,
    planted: &mut BTreeMap<&'static str, usize>,
) -> String {
    let outlet = rng.pick(OUTLETS);
    let (month, day) = (4 + rng.below(3), 1 + rng.below(28));
    let dated = rng.below(1000) < DATED_PER_MILLE;
    let mut text = format!("---\nname: report-{index}\noutlet: {outlet}\n");
    if dated {
        text.push_str(&format!("published: 2024-{month:02}-{day:02}\n"));
    }
    text.push_str(&format!("---\n{}\n", rng.pick(TITLES)));
    if rng.below(1000) < DATELINE_PER_MILLE {
        text.push_str(&dateline(rng.pick(CITIES), outlet, (month, day), dated));
    }
    // The first sentence is never a planted one, so that a dateline's date stays out of every mention.
    text.push_str(&story_sentence(rng));
    text.push('\n');
    let body = text.len();
    while text.len() - body < size {
        let sentences = match rng.below(20) {
            0..13 => 1,
            13..19 => 2,
            _ => 3,
        };
        for i in 0..sentences {
            if i > 0 {
                text.push(' ');
            }
            if rng.below(1000) < PLANTED_PER_MILLE {
                corpus::plant(&mut text, variants, rng, planted);
            } else {
                text.push_str(&story_sentence(rng));
            }
        }
        text.push('\n');
    }
    text
}

/// A dateline ending in a dash and a space: "NIAMEY, May 14 (AFP) - " when the front matter dates the report, else
/// with the year, as undated reports often give it ("Niamey, Niger (AFP) May 14, 2024 - ").
fn dateline(city: &str, outlet: &str, (month, day): (u64, u64), dated: bool) -> String {
    let month = ["April", "May", "June"][month as usize - 4];
    if dated {
        format!("{}, {month} {day} ({outlet}) - ", city.to_uppercase())
    } else {
        format!("{city}, Niger ({outlet}) {month} {day}, 2024 - ")
    }
}

/// One of the story's other sentences, slots filled, starting with a capital.
fn story_sentence(rng: &mut Rng) -> String {
    let template = rng.pick(STORY);
    let filled = corpus::fill_filler(template, rng)
        .replace("{PERSON}", rng.pick(PEOPLE))
        .replace("{ROLE}", rng.pick(ROLES))
        .replace("{QUOTE}", rng.pick(QUOTES))
        .replace("{COUNCIL}", rng.pick(COUNCIL));
    capitalise_first_letter(&filled)
}

/// `sentence` with its first letter in capitals, after any opening quotation mark.
fn capitalise_first_letter(sentence: &str) -> String {
    match sentence.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((at, letter)) => {
            let rest = &sentence[at + letter.len_utf8()..];
            format!("{}{}{rest}", &sentence[..at], letter.to_uppercase())
        }
        None => sentence.to_string(),
    }
}
