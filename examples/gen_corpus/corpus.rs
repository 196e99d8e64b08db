//! A deterministic generator of news-like corpora for benchmarks and scale tests.
//!
//! Documents are mostly filler prose (markets, weather, sport, culture: numbers, dates, curly quotes and accented
//! names, but no claim's wording) with planted sentences that mention the claims of `rules/niger-withdrawal.yaml`
//! in every number, qualifier and date form the normalisers support, some of them contradicting the rest. The
//! planted sentences come from [`PLANTED`], a table of templates, so that they are easy to adjust when the rules
//! change; every template yields exactly one mention of its claim.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// How many documents; `None` to keep adding documents until `bytes` is reached.
    pub docs: Option<usize>,
    /// The total size to aim for; `None` to draw each document's size freely.
    pub bytes: Option<u64>,
    /// The seed of the pseudo-random sequence: the same plan gives the same bytes.
    pub seed: u64,
}

/// What was written: the number of planted mentions per claim id, and the corpus size.
#[derive(Debug, Default)]
pub struct Planted {
    /// Claim id to planted mentions.
    pub mentions: BTreeMap<&'static str, usize>,
    /// Documents written.
    pub docs: usize,
    /// Bytes of text written (manifest excluded).
    pub bytes: u64,
}

/// One planted sentence: the claim it mentions and its template. Slots: `{Q}` a quantity phrase, `{ASOF}` an
/// optional as-of date phrase (with its leading space), `{COUP}`, `{END}` and `{DEADLINE}` date phrases. No template
/// ends in a slot, so that a slot ending in a full stop of its own ("20.04.2024") never runs two sentences into one.
pub const PLANTED: &[(&str, &str)] = &[
    ("us-troops-in-niger", "Officials said {Q} US troops remain in Niger{ASOF}, according to a defense official."),
    ("us-troops-in-niger", "The Pentagon said {Q} American soldiers were still at the air base{ASOF}, a spokesman added."),
    ("us-troops-in-niger", "Washington kept {Q} troops at two bases in the country{ASOF}, officials said."),
    ("us-troops-in-niger", "The US contingent, numbering {Q}, has begun to hand over equipment."),
    ("us-troops-in-niger", "Pentagon officials counted {Q} U.S. service members at the Agadez drone base{ASOF}, a spokesman said."),
    ("withdrawal-ends-relationship", "A spokesman for the junta said the pullout does mark the end of US-Niger relations."),
    ("withdrawal-ends-relationship", "For many in Niamey, the departure marks the end of the bilateral relationship."),
    ("withdrawal-ends-relationship", "Critics say the US pullout effectively severed relations between the two countries."),
    ("withdrawal-ends-relationship", "The State Department said the withdrawal does not affect the continuation of US-Niger development relations."),
    ("withdrawal-ends-relationship", "Officials insisted that the move does not mark the end of the relationship."),
    ("withdrawal-ends-relationship", "“We don’t see this as the end of our relationship,” a diplomat said."),
    ("withdrawal-deadline", "US forces are to leave the country no later than {DEADLINE}, the Pentagon said."),
    ("withdrawal-deadline", "The Pentagon expects to complete the withdrawal by {DEADLINE}, officials said."),
    ("withdrawal-deadline", "Both governments agreed on a {DEADLINE} deadline for the withdrawal."),
    ("withdrawal-deadline", "The withdrawal deadline is {DEADLINE}, officials said."),
    ("coup-date", "Niger’s military took power in a coup {COUP}, ending civilian rule."),
    ("coup-date", "The coup d’état {COUP} brought General Abdourahamane Tchiani to the presidency."),
    ("coup-date", "But {COUP}, Niger’s elected government fell to a military coup."),
    ("military-agreement-terminated", "Niamey announced {END} it was ending a military cooperation agreement with the United States."),
    ("military-agreement-terminated", "The junta cancelled a military cooperation agreement with the US {END}, the Pentagon said."),
];

/// Qualifiers of quantity phrases, one of each form the normaliser knows ("" for a bare number).
const QUALIFIERS: &[&str] = &[
    "",
    "",
    "",
    "more than",
    "just over",
    "over",
    "upwards of",
    "in excess of",
    "above",
    "north of",
    "less than",
    "fewer than",
    "under",
    "below",
    "short of",
    "about",
    "around",
    "roughly",
    "some",
    "approximately",
    "an estimated",
    "estimated",
    "circa",
    "close to",
    "nearly",
    "almost",
    "just under",
    "just shy of",
    "just short of",
    "at least",
    "no fewer than",
    "no less than",
    "a minimum of",
    "up to",
    "as many as",
    "at most",
    "no more than",
    "a maximum of",
];

/// Numbers, in every written form; the figures cluster around 1,000 so that most mentions agree and some do not.
const NUMBERS: &[&str] = &[
    "1,000",
    "1000",
    "1,100",
    "900",
    "650",
    "1,000 or so",
    "a thousand",
    "one thousand",
    "1.1 thousand",
    "half a thousand",
    "two dozen",
    "twenty-five",
    "twenty five",
    "eleven hundred",
    "a hundred",
];

/// Vague plurals, which take no qualifier.
const VAGUE: &[&str] = &[
    "dozens of",
    "hundreds of",
    "thousands of",
    "tens of thousands of",
];

/// As-of phrases for troop counts (each with its leading space), including relative and weekday forms.
const AS_OF: &[&str] = &[
    "",
    "",
    "",
    " in April",
    " as of May 2024",
    " last year",
    " on Saturday",
    " this month",
    " in early May",
    " last week",
    " yesterday",
    " on 2024-04-20",
    " on 20.04.2024",
];

/// Coup dates: mostly July 2023, some August (a planted conflict).
const COUP_DATES: &[&str] = &[
    "in July 2023",
    "of July 26, 2023",
    "on 26 July 2023",
    "on 26.07.2023",
    "on 2023-07-26",
    "in late July 2023",
    "last July",
    "last year",
    "in mid-July 2023",
    "in August 2023",
];

/// When the military agreement ended: March 2024, and some March 2023 (a year earlier: a planted conflict).
const END_DATES: &[&str] = &[
    "in March 2024",
    "in mid-March",
    "on March 16, 2024",
    "on 16.03.2024",
    "in March",
    "in early 2024",
    "in March 2023",
];

/// Withdrawal deadlines: mostly September 15, 2024, some September 30 or the end of September (planted conflicts).
const DEADLINES: &[&str] = &[
    "September 15",
    "Sept. 15",
    "September 15, 2024",
    "15 September 2024",
    "2024-09-15",
    "15.09.2024",
    "mid-September",
    "September 30",
    "the end of September",
];

/// Filler sentences: numbers, dates and names in contexts that mention no claim.
const FILLER: &[&str] = &[
    "The central bank kept its main rate at {PCT} percent on {WEEKDAY}, citing food prices.",
    "Exports of onions rose {PCT} percent in {MONTH}, the trade ministry said in a statement.",
    "Rain is expected over the Sahel from {MONTH} {DAY}, forecasters at the regional centre said.",
    "Fans filled the stadium in {CITY} as the home side won {SCORE} on {WEEKDAY} evening.",
    "The café on the corner of the market has served the same millet porridge for {NUM} years.",
    "A new bridge over the river is due to open in {MONTH} {YEAR}, according to the contractor.",
    "Schools in {CITY} reopened after the holidays with {NUM} new classrooms built by local volunteers.",
    "The festival drew about {NUM} visitors last weekend, organisers said — twice as many as expected.",
    "Prices for a sack of rice climbed to {NUM} CFA francs in {CITY}, traders told reporters.",
    "“It’s been a difficult season,” said Aïchatou, a farmer who grows sorghum near {CITY}.",
    "The museum’s exhibition of Tuareg silverwork runs until the end of {MONTH}.",
    "Researchers counted {NUM} giraffes in the reserve during the survey, up from the previous count.",
    "The national team’s coach named {NUM} players for the qualifier scheduled for {MONTH} {DAY}, {YEAR}.",
    "Uranium output at the mine fell {PCT} percent year on year, the operator reported on {WEEKDAY}.",
    "The airline added a second weekly flight between {CITY} and Abidjan from {DAY} {MONTH}.",
    "A heatwave pushed temperatures above {NUM} degrees in several towns, and clinics reported more cases of dehydration.",
    "The radio station broadcasts in Hausa, Zarma and French, reaching an audience of {NUM} listeners.",
    "Local officials said the new water pumps would serve {NUM} households by the end of the dry season.",
    "The book fair in {CITY} opened with readings by poets from Mali, Benin and Burkina Faso.",
    "Mobile money transfers grew {PCT} percent in {YEAR}, a telecoms regulator report showed.",
    "Cotton growers expect a better harvest after the rains arrived early in {MONTH}.",
    "The market in {CITY} is busiest on {WEEKDAY}s, when herders bring cattle from the north.",
    "A documentary about the salt caravans of Bilma premiered at the film festival on {MONTH} {DAY}.",
    "Engineers finished repairs on the power line, restoring electricity to {NUM} homes.",
    "The university enrolled {NUM} students this year, {PCT} percent of them women.",
];

/// Towns of Niger, for filler.
pub const CITIES: &[&str] = &[
    "Niamey",
    "Zinder",
    "Maradi",
    "Agadez",
    "Tahoua",
    "Dosso",
    "Diffa",
    "Tillabéri",
];
/// Month names for filler dates ("May" is left out: the date phrases take it only capitalised, so it is not
/// worth the special case in filler).
const MONTHS: &str =
    "January February March April June July August September October November December";
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Outlets a source is credited to.
pub const OUTLETS: &[&str] = &[
    "Sahel Wire",
    "AFP",
    "Reuters",
    "Sputnik Africa",
    "Asian Lite News",
    "Le Sahel",
    "ActuNiger",
];

/// One planted sentence in this many, on average.
const PLANT_EVERY: u64 = 30;
/// Document sizes are drawn log-uniformly between these bounds (bytes).
const MIN_DOC: f64 = 1024.0;
const MAX_DOC: f64 = 4.0 * 1024.0 * 1024.0;

/// Writes the corpus, its `sources.yaml` and `planted.json` into `out` (created if missing).
pub fn generate(plan: Plan, out: &Path) -> std::io::Result<Planted> {
    std::fs::create_dir_all(out)?;
    let mut rng = Rng(plan.seed ^ 0x9e37_79b9_7f4a_7c15);
    let sizes = doc_sizes(plan, (MIN_DOC, MAX_DOC), &mut rng);
    let variants = all_planted_variants();
    let mut planted = Planted::default();
    let mut manifest = String::from("sources:\n");
    for (index, size) in sizes.into_iter().enumerate() {
        let name = format!("doc{index:06}.txt");
        let published = format!("2024-{:02}-{:02}", 4 + rng.below(3), 1 + rng.below(28));
        let outlet = rng.pick(OUTLETS);
        manifest.push_str(&format!(
            "  {name}:\n    outlet: {outlet}\n    published: {published}\n"
        ));
        let text = document(size, &variants, &mut rng, &mut planted.mentions);
        std::fs::File::create(out.join(&name))?.write_all(text.as_bytes())?;
        planted.docs += 1;
        planted.bytes += text.len() as u64;
    }
    std::fs::write(out.join("sources.yaml"), manifest)?;
    std::fs::write(out.join("planted.json"), planted_json(&planted))?;
    Ok(planted)
}

/// The size of every document, drawn log-uniformly between `bounds` (bytes): `docs` draws, scaled to `bytes` when
/// both are given; else draws until `bytes`.
pub fn doc_sizes(plan: Plan, bounds: (f64, f64), rng: &mut Rng) -> Vec<usize> {
    let (min, max) = bounds;
    let mut draw = || (min * (max / min).powf(rng.unit())) as u64;
    match (plan.docs, plan.bytes) {
        (Some(docs), None) => (0..docs).map(|_| draw() as usize).collect(),
        (Some(docs), Some(bytes)) => {
            let drawn: Vec<u64> = (0..docs).map(|_| draw()).collect();
            let total: u64 = drawn.iter().sum::<u64>().max(1);
            drawn
                .iter()
                .map(|d| (d * bytes / total).max(min as u64) as usize)
                .collect()
        }
        (None, bytes) => {
            let target = bytes.unwrap_or(10 * 1024 * 1024);
            let mut sizes = Vec::new();
            let mut total = 0;
            while total < target {
                let size = draw().min(target - total).max(min as u64);
                total += size;
                sizes.push(size as usize);
            }
            sizes
        }
    }
}

/// One document of about `size` bytes: a title, then paragraphs of sentences, one paragraph a line. Planted
/// sentences are drawn from `variants` (by template, as in [`PLANTED`]).
fn document(
    size: usize,
    variants: &[Vec<String>],
    rng: &mut Rng,
    planted: &mut BTreeMap<&'static str, usize>,
) -> String {
    let mut text = format!(
        "{} — report from {}\n\n",
        rng.pick(&["Sahel digest", "Regional news", "Niger today"]),
        rng.pick(CITIES)
    );
    while text.len() < size {
        let sentences = 3 + rng.below(6);
        for i in 0..sentences {
            if i > 0 {
                text.push(' ');
            }
            if rng.below(PLANT_EVERY) == 0 {
                plant(&mut text, variants, rng, planted);
            } else {
                text.push_str(&fill_filler(rng.pick(FILLER), rng));
            }
        }
        text.push_str("\n\n");
    }
    text
}

/// Appends one planted sentence, drawn from `variants` (by template, as in [`PLANTED`]), and counts its mention.
pub fn plant(
    text: &mut String,
    variants: &[Vec<String>],
    rng: &mut Rng,
    planted: &mut BTreeMap<&'static str, usize>,
) {
    let template = rng.below(PLANTED.len() as u64) as usize;
    let forms = &variants[template];
    text.push_str(&forms[rng.below(forms.len() as u64) as usize]);
    *planted.entry(PLANTED[template].0).or_default() += 1;
}

/// The forms of every template of [`PLANTED`], in its order.
pub fn all_planted_variants() -> Vec<Vec<String>> {
    PLANTED.iter().map(|(_, t)| planted_variants(t)).collect()
}

/// Every sentence a planted template can become, each slot filled every way the generator fills it: what a test
/// checks against the rules, so that a rule change that loses a planted wording is caught at once.
pub fn planted_variants(template: &str) -> Vec<String> {
    let mut quantities: Vec<String> = VAGUE.iter().map(|v| v.to_string()).collect();
    for qualifier in QUALIFIERS {
        for number in NUMBERS {
            quantities.push(format!("{qualifier} {number}").trim().to_string());
        }
    }
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    let slots = [
        ("{Q}", quantities),
        ("{ASOF}", list(AS_OF)),
        ("{COUP}", list(COUP_DATES)),
        ("{END}", list(END_DATES)),
        ("{DEADLINE}", list(DEADLINES)),
    ];
    let mut variants = vec![template.to_string()];
    for (slot, values) in &slots {
        if template.contains(slot) {
            variants = variants
                .iter()
                .flat_map(|v| values.iter().map(move |value| v.replace(slot, value)))
                .collect();
        }
    }
    variants.iter().map(|v| capitalise(v)).collect()
}

/// A filler template with its slots (numbers, dates, weekdays, cities) filled; every call draws the same number of
/// times, whatever the template holds.
pub fn fill_filler(template: &str, rng: &mut Rng) -> String {
    template
        .replace("{PCT}", &format!("{}.{}", 1 + rng.below(19), rng.below(10)))
        .replace("{NUM}", &format!("{}", 2 + rng.below(5000)))
        .replace("{SCORE}", &format!("{}-{}", rng.below(5), rng.below(4)))
        .replace("{MONTH}", rng.pick(&MONTHS.split(' ').collect::<Vec<_>>()))
        .replace("{DAY}", &format!("{}", 1 + rng.below(28)))
        .replace("{YEAR}", &format!("{}", 2019 + rng.below(6)))
        .replace("{WEEKDAY}", rng.pick(WEEKDAYS))
        .replace("{CITY}", rng.pick(CITIES))
}

/// Sentences start with a capital, so that sentence breaks stay where the template puts them.
pub fn capitalise(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `planted.json`: documents, bytes, and the planted mentions, in total and per claim.
pub fn planted_json(planted: &Planted) -> String {
    let claims: Vec<String> = planted
        .mentions
        .iter()
        .map(|(claim, n)| format!("    \"{claim}\": {n}"))
        .collect();
    let total: usize = planted.mentions.values().sum();
    format!(
        "{{\n  \"docs\": {},\n  \"bytes\": {},\n  \"mentions\": {total},\n  \"claims\": {{\n{}\n  }}\n}}\n",
        planted.docs,
        planted.bytes,
        claims.join(",\n")
    )
}

/// SplitMix64: small, fast and fixed by its definition, so a seed gives the same corpus on every platform.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}
