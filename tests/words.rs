//! Claims written in words, on sentences written for these tests (not taken from any report): each test is one
//! shape of real coverage that whole-sentence regexes missed, and what the word form reads from it.

mod common;

use std::path::Path;

use common::{run, stdout};
use factlint::check::{check, Checked};
use factlint::kinds::quantity::Revision;
use factlint::kinds::Value;
use factlint::model::FindingKind;
use factlint::rules::RuleSet;
use factlint::source::{Corpus, Source};

fn rules(yaml: &str) -> RuleSet {
    RuleSet::parse(Path::new("words.yaml"), yaml).unwrap_or_else(|errors| {
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("rules do not load:\n{}", messages.join("\n"))
    })
}

/// Checks `texts`, one source each, published on `published`.
fn checked(rules: &RuleSet, published: &str, texts: &[&str]) -> Checked {
    let sources = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let text = format!("---\npublished: {published}\n---\n{text}\n");
            Source::in_memory(&format!("report-{i}.txt"), &text).unwrap()
        })
        .collect();
    check(rules, Corpus::from_sources(sources))
}

/// The values of the mentions of a check, with their scopes.
fn values(checked: &Checked) -> Vec<String> {
    checked
        .mentions
        .iter()
        .map(|m| match &m.scope {
            Some(scope) => format!("{} [{scope}]", m.value.describe()),
            None => m.value.describe(),
        })
        .collect()
}

/// The first day of each mention's as-of date, when it has one.
fn as_of_days(checked: &Checked) -> Vec<Option<String>> {
    checked
        .mentions
        .iter()
        .map(|m| m.value.as_of().flatten().map(|d| d.start.iso()))
        .collect()
}

/// The values of the mentions that `yaml`'s claims find in `texts`, one source each, published on `published`.
fn values_in(yaml: &str, published: &str, texts: &[&str]) -> Vec<String> {
    values(&checked(&rules(yaml), published, texts))
}

/// True for a figure the text marks as earlier than the one it reports ("up from 844").
fn is_earlier(value: &Value) -> bool {
    matches!(
        value,
        Value::Quantity {
            revision: Revision::Earlier,
            ..
        }
    )
}

/// Each mention's words (or, with `values`, its value) marked " (earlier)" when the text makes it an earlier figure.
fn marked_earlier(checked: &Checked, values: bool) -> Vec<String> {
    checked
        .mentions
        .iter()
        .map(|m| {
            let earlier = if is_earlier(&m.value) {
                " (earlier)"
            } else {
                ""
            };
            match values {
                true => format!("{}{earlier}", m.value.describe()),
                false => format!("{}{earlier}", m.text),
            }
        })
        .collect()
}

fn conflicts(checked: &Checked) -> usize {
    checked
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::Conflict)
        .count()
}

const ACCORD: &str = "
claims:
  - id: trade-accord-scrapped
    title: When the ministry scrapped the trade accord
    kind: date
    event: [scrap, end, terminate]
    object: [accord, deal]
";

#[test]
fn the_date_that_governs_the_event_not_the_accords_year() {
    let rules = rules(ACCORD);
    let checked = checked(
        &rules,
        "2024-06-10",
        &["The ministry announced on Saturday it had scrapped the 2019 trade accord."],
    );
    assert_eq!(values(&checked), ["2024-06-08"]);
}

#[test]
fn a_fronted_date_governs_the_clause_after_its_comma() {
    let rules = rules(ACCORD);
    let checked = checked(
        &rules,
        "2024-06-10",
        &["In mid-May, the union ended its pay deal with the company."],
    );
    assert_eq!(values(&checked), ["2024-05-11..2024-05-20"]);
}

#[test]
fn a_year_less_date_follows_its_own_clauses_tense_not_another_clauses() {
    let rules = rules(ACCORD);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "Soon after scrapping the trade accord on June 3, the ministry warned that tariffs will rise.",
            "The minister is due to visit on Friday, hoping to revive the accord that the ministry ended in May.",
            "The ministry will scrap the accord on June 30, its spokesman said.",
        ],
    );
    assert_eq!(
        values(&checked),
        ["2024-06-03", "2024-05-01..2024-05-31", "2024-06-30"]
    );
}

const STORM: &str = "
claims:
  - id: storm-date
    title: When the storm struck
    kind: date
    event: [storm, cyclone]
";

#[test]
fn a_date_before_after_the_event_or_after_as_of_dates_something_else() {
    let rules = rules(STORM);
    let checked = checked(
        &rules,
        "2024-03-08",
        &[
            "Schools reopened on Tuesday after the powerful storm.",
            "Crews cleared roads on Wednesday following a series of violent storms.",
            "The count of homes hit by the storm stood at 310 as of 2 p.m. Thursday.",
            "The storm has cut power to 9,000 homes as of Thursday.",
            "Harlan, Ost Province, March 6 (Wire)--Power was restored after the storm hit the coast on Monday.",
            "Harlan, Ost Province, March 6 (Wire)--The storm left thousands of homes without power.",
        ],
    );
    assert_eq!(values(&checked), ["2024-03-04"]);
}

#[test]
fn an_event_word_hyphened_into_a_compound_or_counted_in_the_plural_is_no_event() {
    let rules = rules(STORM);
    let checked = checked(
        &rules,
        "2024-03-08",
        &[
            "Crews reached storm-hit villages on Tuesday.",
            "Cyclone-triggered landslides blocked the road on Wednesday.",
            "Forecasters counted three storms over the gulf on Thursday.",
            "The storm hit the coast on Monday.",
        ],
    );
    assert_eq!(values(&checked), ["2024-03-04"]);
}

#[test]
fn an_object_may_part_a_phrasal_verb_from_its_particle() {
    let rules = rules(
        "claims:
  - id: pact-ended
    title: When the pact was torn up
    kind: date
    event: [tear up, break off]
    object: [pact, talks]
  - id: exit-deadline
    title: Deadline for the exit
    kind: date
    event: [deadline]
    deadline_for: [pull out, move out]
",
    );
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The council tore the 2015 pact up in May.",
            "Envoys broke the talks off on Friday.",
            "The army must pull all of its troops out by July 31.",
            // a clause between the verb and the particle is no object
            "The army will pull the trucks and then head out by July 31.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "2024-05-01..2024-05-31",
            "2024-06-07",
            "2024-07-31 (deadline)"
        ]
    );
}

#[test]
fn a_headline_that_names_whose_the_event_is_stands_for_a_clause_that_does_not() {
    let rules = rules(
        "claims:
  - id: pullout-announced
    title: When the pullout from Varna was announced
    kind: date
    event: [announce]
    object: [withdrawal, pullout]
    of: [Varna]
    not_of: [Kelso]
",
    );
    let body =
        "Announcing the troop withdrawal on Thursday, the president said it would take six months.";
    let headlined = checked(
        &rules,
        "2024-02-20",
        &[&format!(
            "Troops to leave Varna within six months\n\n{body}"
        )],
    );
    assert_eq!(values(&headlined), ["2024-02-15"]);
    let bare = checked(&rules, "2024-02-20", &[body]);
    assert!(values(&bare).is_empty(), "{:?}", values(&bare));
    let other = checked(
        &rules,
        "2024-02-20",
        &["Troops to leave Varna within six months\n\nAnnouncing the pullout from Kelso on Thursday, the president spoke."],
    );
    assert!(values(&other).is_empty(), "{:?}", values(&other));
}

#[test]
fn a_holiday_on_a_fixed_day_is_a_date() {
    let rules = rules(STORM);
    let checked = checked(
        &rules,
        "2024-01-03",
        &[
            "The storm struck the coast on New Year's Day.",
            "Crews still clear roads after the New Year’s Eve storm.",
            "The Christmas Eve 2022 storm was the last one this strong.",
            "The storm that hit the coast on New Year's has cut power to 9,000 homes.",
        ],
    );
    assert_eq!(
        values(&checked),
        ["2024-01-01", "2023-12-31", "2022-12-24", "2024-01-01"]
    );
}

/// What `factlint explain CLAIM --rules RULES --text TEXT` prints.
fn explained(claim: &str, rules: &str, text: &str) -> String {
    stdout(&run(&["explain", claim, "--rules", rules, "--text", text]))
}

#[test]
fn explain_says_why_a_candidate_is_refused() {
    let cases = [
        (
            "trade-accord-scrapped",
            "tests/fixtures/words/accord.yaml",
            "The union, which was founded in 1990, ended its pay deal.",
            "belongs to a relative clause",
        ),
        (
            "miners-brought-up",
            "tests/fixtures/words/rescue.yaml",
            "Under the rescue plan, 33 miners would be lifted out over two days.",
            "refused by `mode: done`: 'would' reports it as planned",
        ),
    ];
    for (claim, rules, sentence, reason) in cases {
        let text = explained(claim, rules, sentence);
        assert!(text.contains("refused"), "{text}");
        assert!(text.contains(reason), "{text}");
    }
}

const JOBS: &str = "
claims:
  - id: jobs-cut
    title: Jobs the regulator ordered cut
    kind: quantity
    counts: [job, worker, staff, employee]
    of: [regulator, plant, company]
    scope: [at the plant]
  - id: order-date
    title: When the regulator ordered the cuts
    kind: date
    event: [cut]
    object: [job]
";

#[test]
fn a_figure_and_its_order_date_apart_from_the_words_that_name_them() {
    let rules = rules(JOBS);
    let checked = checked(
        &rules,
        "2024-06-10",
        &["The company appealed the regulator's order in April to cut its nearly 900 jobs."],
    );
    assert_eq!(
        values(&checked),
        ["2024-04-01..2024-04-30", "nearly 900 (810–900)"]
    );
    let figure = checked.mentions.iter().find(|m| m.claim == 0).unwrap();
    assert_eq!(
        figure.value.as_of().flatten().map(|d| d.start.iso()),
        Some("2024-04-01".to_string())
    );
}

#[test]
fn a_part_is_compared_with_parts_only() {
    let rules = rules(JOBS);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The company employs 900 workers.",
            "About 150 staff remain at the plant, the company said.",
            "Some 300 staff remain at the plant, the union said.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "900 (895–905)",
            "about 150 (135–165) [at the plant]",
            "about 300 (270–330) [at the plant]"
        ]
    );
    let conflict = checked
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Conflict)
        .expect("the two parts conflict");
    let ids: Vec<usize> = conflict.mentions.iter().map(|id| id.index()).collect();
    assert_eq!(ids, [1, 2], "the whole is not in it");
}

const FLOOD_DEATHS: &str = "
claims:
  - id: flood-deaths
    title: People killed in the flood
    kind: quantity
    counts: [person, death, dead, victim, toll]
    of: [killed, died, dead, death, toll]
";

#[test]
fn breakdowns_of_a_toll_are_parts_not_the_toll() {
    let rules = rules(FLOOD_DEATHS);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The flood left 412 people dead, including 160 people killed in the port town.",
            "The toll includes 95 victims in the valley.",
            "The flood left 412 people dead, 120 each in the two river towns.",
            "Eleven of the victims died in hospital.",
            "The flood caused the deaths of 412 people, 30 of whom died after being evacuated.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "412",
            "160 (155–165) [in the port town]",
            "95 [in the valley]",
            "412",
            // "120 each": a figure for each town is no count of the toll nor of the two towns
            "11 [in hospital]",
            "412",
            "30 [after being evacuated]",
        ]
    );
    assert_eq!(conflicts(&checked), 0, "no part conflicts with the toll");
}

#[test]
fn shared_counts_scale_readings_named_places_and_other_numbers_are_not_the_toll() {
    let yaml = format!("{FLOOD_DEATHS}    scope: [in Varna, in Kelso]\n");
    let rules = rules(&yaml);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            // several parts each gave the figure
            "The river towns of Varna and Kelso each reported 14 deaths.",
            // a point on a scale after the toll's words
            "The flood killed 40 people and reached level 4 on the national warning scale.",
            // the place of a scope entry "in Varna", written otherwise
            "Nine people died in the town of Varna and 12 people died on the coast.",
            "Six people died in Kelso town, officials said.",
            // the place as the subject that gives its own count
            "Varna recorded 11 deaths, the most of the river towns.",
            // the number of something else after the toll's words
            "The flood left 30 dead and the total number of seriously injured now stands at 22.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "40",
            "9 [in Varna]",
            "12",
            "6 [in Kelso]",
            "11 [in Varna]",
            "30"
        ]
    );
}

const MISSING: &str = "
claims:
  - id: missing
    title: People missing after the flood
    kind: quantity
    counts: [person, resident]
    of: [missing, unaccounted for, shelter]
";

#[test]
fn a_state_told_as_it_is_now_gives_its_figure() {
    let found = values_in(
        MISSING,
        "2024-06-10",
        &["The list of people who may be unaccounted for in the wake of the floods along the northern river is now between 500 and 600."],
    );
    assert_eq!(found, ["between 500 and 600"]);
}

#[test]
fn a_verb_in_s_after_the_counted_noun_is_its_verb_not_its_head() {
    let found = values_in(
        "claims:\n  - id: missing\n    title: People missing\n    kind: quantity\n    counts: [people]\n    of: [unconfirmed, missing]\n",
        "2024-06-10",
        &["The fate of 140 people remains unconfirmed in the valley."],
    );
    assert_eq!(found, ["140 (135–145)"]);
}

#[test]
fn the_figure_a_count_went_from_after_a_comma_is_the_claims_too() {
    let found = values_in(
        MISSING,
        "2024-06-10",
        &["The number of residents still missing dipped to 40, from 65."],
    );
    assert_eq!(found, ["40", "65"]);
}

#[test]
fn a_figure_whose_state_follows_it_without_a_noun() {
    let rules = rules(MISSING);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "Flood toll climbs to 52 with 130 missing",
            "By noon 52 people were dead and 118 unaccounted for, the county said.",
            "Volunteers ran 40 shelter kitchens in the valley.",
            "People unaccounted for after the flood doubled on Sunday to 64 while the toll rose to 52.",
        ],
    );
    assert_eq!(values(&checked), ["130 (125–135)", "118", "64"]);
}

const RAISE: &str = "
claims:
  - id: raise
    title: The pay raise offered
    kind: quantity
    unit: ['%', percent]
    counts: [raise, increase]
  - id: grain
    title: Grain shipped
    kind: quantity
    unit: [metric ton]
    counts: [grain]
";

#[test]
fn a_unit_after_the_figure_as_a_sign_or_in_several_words() {
    let rules = rules(RAISE);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The company offered a 38% raise over four years.",
            "The new offer is a raise of 35 per cent.",
            "Some 33 million metric tons of grain left the ports.",
            "A raise of 35 workers is no raise at all.",
        ],
    );
    let found: Vec<(String, String)> = checked
        .mentions
        .iter()
        .map(|m| (m.claim.to_string(), m.value.describe()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
}

const TOLL: &str = "
claims:
  - id: toll
    title: People killed in the flood
    kind: quantity
    counts: [person, death, toll]
    unless_near: [province]
    more_than: [crossed, surpassed, topped]
";

#[test]
fn unless_near_drops_the_figure_not_the_sentence() {
    let rules = rules(TOLL);
    let checked = checked(
        &rules,
        "2024-06-10",
        &["Officials said 4,310 people died, 1,950 of them in the province."],
    );
    assert_eq!(values(&checked), ["4,310 (4,305–4,315)"]);
}

#[test]
fn a_scope_keeps_both_figures_apart() {
    let rules = rules(&TOLL.replace("unless_near: [province]", "scope: [in the province]"));
    let checked = checked(
        &rules,
        "2024-06-10",
        &["Officials said 4,310 people died, 1,950 of them in the province."],
    );
    assert_eq!(
        values(&checked),
        [
            "4,310 (4,305–4,315)",
            "1,950 (1,945–1,955) [in the province]"
        ]
    );
    assert_eq!(conflicts(&checked), 0);
}

const WAVES: &str = "
claims:
  - id: strikers
    title: Workers on strike
    kind: quantity
    counts: [worker, member]
    of: [strike]
    scope: [at the mill, another, additional]
";

#[test]
fn a_scope_word_is_the_part_of_the_nearer_figure() {
    let rules = rules(WAVES);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "About 9,400 workers - 2,100 at the mill and 3,000 at the docks - will be on strike, the union said.",
            "Another 1,200 members joined the strike on top of the 9,400 workers who walked out last week.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "about 9,400 (8,460–10,340)",
            "1,200 (1,150–1,250) [another]",
            "9,400 (9,350–9,450)"
        ]
    );
}

#[test]
fn claim_qualifiers_extend_the_grammar() {
    let rules = rules(TOLL);
    let checked = checked(
        &rules,
        "2024-06-10",
        &["By Sunday the toll crossed 2,000, and rescuers feared more."],
    );
    assert_eq!(values(&checked), ["more than 2,000"]);
}

const WORKERS: &str = "
claims:
  - id: workers
    title: Workers at the site
    kind: quantity
    counts: [worker, workforce, troop]
    more_than: [greater than]
";

#[test]
fn counts_words_on_either_side_with_modifiers_between() {
    let rules = rules(WORKERS);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The site employed 1,200 contract construction workers.",
            "At its peak the site had a workforce that totalled greater than 1,200.",
            "U.S. troops, numbering about 1,000, left the site.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "1,200 (1,150–1,250)",
            "more than 1,200",
            "about 1,000 (900–1,100)"
        ]
    );
}

#[test]
fn not_of_and_measures_refuse_figures() {
    let rules = rules(
        "
claims:
  - id: troops
    title: US troops
    kind: quantity
    counts: [troop, soldier]
    of: [US, U.S.]
    not_of: [French]
",
    );
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "French troops numbering 1,500 left, and U.S. troops stayed.",
            "U.S. troops are based 1,000 km from the capital.",
            "Let us count 300 troops.",
            // the figure counts aircraft, whose plural is the singular
            "Yesterday, 42 U.S. military aircraft left with 6,000 troops of several allies.",
        ],
    );
    assert!(values(&checked).is_empty(), "{:?}", values(&checked));
    // a noun of the same plural that modifies another is not the head: the troops are counted
    let modifier = checked_with(&rules, "The U.S. sent 900 aircraft maintenance troops.");
    assert_eq!(values(&modifier), ["900 (895–905)"]);
}

fn checked_with(rules: &RuleSet, text: &str) -> Checked {
    checked(rules, "2024-06-10", &[text])
}

const SUPPLY: &str = "
claims:
  - id: split-ends-supply
    title: Whether the split ends the supply deal
    kind: polarity
    subject: [split, breakup]
    predicate: [end, affect, hinder, mark the end of]
    deny_with: [continue, keep]
    object: [supply deal, cooperation, alliance]
";

#[test]
fn negation_and_denying_verbs_decide_the_polarity() {
    let rules = rules(SUPPLY);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The split will in no way affect the supply deal, the ministry said.",
            "Officials said the split will not hinder cooperation.",
            "Analysts said the breakup marks the end of the alliance.",
            "Despite the split, cooperation will continue.",
            "After the split, cooperation will not continue.",
            "The ministry disputed accusations that the split ended the alliance.",
            "Ministry denies rumours about split ending supply deal",
        ],
    );
    assert_eq!(
        values(&checked),
        ["denies", "denies", "affirms", "denies", "affirms", "denies", "denies"]
    );
    assert_eq!(conflicts(&checked), 1);
}

/// A death toll in words, for the shapes where the counted noun is left out or stands far from the figure.
const TOLL_IN_WORDS: &str = "claims:
  - id: toll
    title: Deaths in the flood
    kind: quantity
    counts: [person, people, death, toll]
    of: [kill, die, dead, death, toll, missing]
";

#[test]
fn a_toll_whose_noun_is_left_out_or_far_from_the_figure_is_read() {
    let rules = rules(TOLL_IN_WORDS);
    let checked = checked(
        &rules,
        "2025-03-15",
        &[
            "At least 2,000 have died, the regional governor said.",
            "The storm struck the coast overnight, killing at least 150.",
            "The toll from the flooding across the three coastal provinces has risen to 740.",
            "The death toll from the floods that swept the towns along the northern coast of the country last week has risen to more than 3,000.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "at least 2,000",
            "at least 150",
            "740 (735–745)",
            "more than 3,000"
        ]
    );
}

#[test]
fn a_figure_with_a_noun_of_its_own_is_not_a_toll() {
    let rules = rules(TOLL_IN_WORDS);
    let checked = checked(
        &rules,
        "2025-03-15",
        &[
            "The flood killed livestock and destroyed 2,000 homes.",
            "Rescuers searched three target villages where people died.",
        ],
    );
    assert_eq!(values(&checked), Vec::<String>::new());
}

const QUAKE: &str = "claims:
  - id: toll
    title: Deaths in the earthquake
    kind: quantity
    counts: [people, death, victim]
    of: [killed, dead, deaths, toll]
  - id: magnitude
    title: Magnitude of the earthquake
    kind: quantity
    counts: [quake, earthquake]
    unit: [magnitude, \"-magnitude\", magnitude of]
";

#[test]
fn a_toll_named_only_in_of_gives_the_figure_its_verb_reaches() {
    let rules = rules(QUAKE);
    let checked = checked(
        &rules,
        "2025-03-15",
        &[
            "Rescuers dug through the rubble as the toll from the quake climbed above 2,000.",
            "The toll rose to 2,100 overnight, officials said.",
        ],
    );
    assert_eq!(values(&checked), ["more than 2,000", "2,100 (2,050–2,150)"]);
}

#[test]
fn a_capitalised_determiner_after_a_dateline_names_nothing() {
    let rules = rules(QUAKE);
    let checked = checked(
        &rules,
        "2025-03-15",
        &[
            "MARRAKECH — The 6.4 magnitude earthquake flattened villages in the mountains.",
            "Flight 370 and Air Base 201 name things.",
        ],
    );
    assert_eq!(values(&checked), ["6.4"]);
}

const QUAKE_NOT_1999: &str = "claims:
  - id: toll
    title: Deaths in the earthquake
    kind: quantity
    counts: [people, death, victim, life]
    of: [kill, die, dead, death, toll, life]
    not_of: [1999, Izmit]
";

#[test]
fn a_not_of_word_that_is_only_the_yardstick_of_a_comparison_refuses_nothing() {
    let rules = rules(QUAKE_NOT_1999);
    let checked = checked(
        &rules,
        "2025-03-15",
        &[
            "It was the country's deadliest quake since 1999, killing at least 200 people.",
            "It is the first quake to claim more than 100 lives since the 1999 Izmit quake, which killed 17,000.",
            "At least 210 people died, compared with 17,000 in 1999.",
            "The 1999 Izmit earthquake killed 17,000 people, more than any since.",
        ],
    );
    assert_eq!(
        values(&checked),
        ["at least 200", "more than 100", "at least 210"]
    );
}

const AIRLIFT: &str = "claims:
  - id: airlifted
    title: People flown out of the capital
    kind: quantity
    counts: [people, evacuee]
    of: [evacuate, fly out, airlift]
";

#[test]
fn a_count_within_a_span_of_time_is_a_part_of_the_running_total() {
    let rules = rules(AIRLIFT);
    let checked = checked(
        &rules,
        "2025-03-15",
        &[
            "Some 4,000 people were evacuated in the past 24 hours.",
            "Crews airlifted 1,500 people between noon and midnight on Friday.",
            "Flights were evacuating 2,500 people per day by the weekend.",
            "The number of people evacuated has risen to 40,000 in the past 24 hours.",
            "Between 2,000 and 3,000 people were evacuated on Friday.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "about 4,000 (3,600–4,400) [in the past 24 hours]",
            "1,500 (1,450–1,550) [between noon and midnight]",
            "2,500 (2,450–2,550) [per day]",
            "40,000 (39,500–40,500)",
            "between 2,000 and 3,000"
        ]
    );
}

const TOLL_AND_MISSING: &str = "
claims:
  - id: dead
    title: People killed in the flood
    kind: quantity
    counts: [person, people, resident]
    of: [kill, dead, die]
  - id: missing
    title: People missing after the flood
    kind: quantity
    counts: [person, people, resident]
    of: [missing]
";

#[test]
fn coordinated_figures_keep_their_own_claims() {
    let rules = rules(TOLL_AND_MISSING);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The governor said 1,200 people had been killed and hundreds are still missing.",
            "Valley floods: 900 residents dead, dozens missing",
            "The dam failure killed 750 people and left 4 300 missing, officials said.",
        ],
    );
    let by_claim = |id: &str| -> Vec<String> {
        let claim = rules.claims.iter().position(|c| c.id == id).unwrap();
        let mut texts: Vec<String> = checked
            .mentions
            .iter()
            .filter(|m| m.claim == claim)
            .map(|m| m.text.to_string())
            .collect();
        texts.sort();
        texts
    };
    assert_eq!(
        by_claim("dead"),
        ["1,200 people", "750 people", "900 residents"]
    );
    assert_eq!(by_claim("missing"), ["4 300", "dozens", "hundreds"]);
}

const SWAP: &str = "
claims:
  - id: captives
    title: Captives to be freed under the swap
    kind: quantity
    counts: [captive]
    of: [swap, accord]
  - id: inmates
    title: Inmates to be freed under the swap
    kind: quantity
    counts: [inmate, Northern]
    of: [swap, accord]
";

#[test]
fn a_figure_joined_to_another_shares_the_words_before_both() {
    let rules = rules(SWAP);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "Officials said the accord frees 40 captives and 120 Northern inmates, most of them women.",
            "The swap was agreed on Monday, and 120 inmates were moved on Tuesday.",
        ],
    );
    // "Northern" is the 120's modifier, not a noun the 40 counts; the 120 has no verb of its own and shares the
    // accord with the 40, where "and 120 inmates were moved" opens a clause of its own
    assert_eq!(values(&checked), ["40", "120 (115–125)"]);
    let claims: Vec<usize> = checked.mentions.iter().map(|m| m.claim).collect();
    assert_eq!(claims, [0, 1]);
}

const WALKOUT_REACHED_THE_MILL: &str = "
claims:
  - id: mill-joins
    title: Whether the walkout reached the mill
    kind: polarity
    subject: [walkout, union]
    predicate: [reach, walkout, spread to]
    object: [mill]
";

#[test]
fn a_word_listed_as_subject_and_predicate_is_not_its_own_subject() {
    let rules = rules(WALKOUT_REACHED_THE_MILL);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "Prices rose after the walkout at the mill.",
            "The union said its walkout spread to the mill on Monday.",
        ],
    );
    let texts: Vec<String> = checked
        .mentions
        .iter()
        .map(|m| m.text.to_string())
        .collect();
    assert_eq!(texts, ["spread to the mill"]);
}

const COMPLETED: &str = "
claims:
  - id: completed
    title: When the withdrawal was completed
    kind: date
    event: [complete]
    object: [withdrawal]
";

#[test]
fn a_weekday_takes_the_tense_of_its_own_event_before_the_sentences() {
    let rules = rules(COMPLETED);
    // a Tuesday's report: "completed" is past whatever the rest of the sentence says of the future
    let checked = checked(
        &rules,
        "2024-06-11",
        &["The army completed its withdrawal late Monday, a day likely to be remembered for years."],
    );
    assert_eq!(values(&checked), ["2024-06-10"]);
}

const STRIKE_BEGAN: &str = "
claims:
  - id: strike-start
    title: When the strike began
    kind: date
    event: [begin, strike]
    object: [strike, plant]
";

#[test]
fn an_event_hidden_by_an_earlier_candidate_is_still_judged() {
    let rules = rules(STRIKE_BEGAN);
    // "plant hit by the strike" is the first candidate and has no date; "the strike since it began" overlaps it
    let checked = checked(
        &rules,
        "2024-03-20",
        &["Staff at the one plant hit by the strike since it began on March 3 remain out."],
    );
    assert_eq!(values(&checked), ["2024-03-03"]);
}

const STRIKERS: &str = "
claims:
  - id: strikers
    title: Workers on strike
    kind: quantity
    counts: [worker, member]
    of: [strike, walk out]
";

#[test]
fn a_part_of_a_whole_and_a_figure_reached_later_keep_the_counted_noun() {
    let rules = rules(STRIKERS);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "More workers joined the strike on Friday, beside the 9,000 of the 120,000 members already out.",
            "About 9,000 workers went on strike, though that number has since climbed to 21,000.",
        ],
    );
    let mut texts: Vec<String> = checked
        .mentions
        .iter()
        .map(|m| m.text.to_string())
        .collect();
    texts.sort();
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("9,000") && !t.ends_with("120,000")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.ends_with("21,000")), "{texts:?}");
}

#[test]
fn an_aside_between_dashes_sums_and_compound_adjectives() {
    let rules = rules(STRIKERS);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "About 9,400 workers – 4,000 at one plant, 3,100 at another and 2,300 at a third – will be on strike.",
            "The union pays strikers from its $600 million strike fund, and members want a 30-hour week on strike pay.",
        ],
    );
    assert_eq!(values(&checked), ["about 9,400 (8,460–10,340)"]);
}

const RESCUE: &str = include_str!("fixtures/words/rescue.yaml");

/// The values of the mentions of each claim of `yaml` in `texts` (one report each), by claim.
fn values_by_claim(yaml: &str, texts: &[&str]) -> Vec<Vec<String>> {
    let rules = rules(yaml);
    let checked = checked(&rules, "2024-06-10", texts);
    let mut by_claim = vec![Vec::new(); rules.claims.len()];
    for mention in &checked.mentions {
        by_claim[mention.claim].push(mention.value.describe());
    }
    by_claim
}

#[test]
fn a_plan_and_a_deed_go_to_the_claim_of_their_mode() {
    let values = values_by_claim(
        RESCUE,
        &[
            "Under the rescue plan, 33 miners would be lifted out over two days.",
            "By Tuesday night rescuers had lifted 12 miners to the surface.",
            "Crews are to bring up the remaining 21 miners if the weather holds.",
            "So far 18 miners have been brought up, the rescue chief said.",
            "Engineers say the shaft will be finished on Friday.",
            "The engineers completed the shaft on Sunday.",
        ],
    );
    assert_eq!(values[0], ["33", "21"]);
    assert_eq!(values[1], ["12", "18"]);
    // a completion that is only planned dates nothing
    assert_eq!(values[2], ["2024-06-09"]);
}

/// Claims read together with [`STRIKERS`].
const MEMBERS_AND_EVACUEES: &str = "
  - id: members
    title: Members of the union
    kind: quantity
    counts: [member]
    of: [union]
    unless_near: [strike, walk out]
  - id: evacuees
    title: Women and children evacuated
    kind: quantity
    counts: [women and children]
    of: [evacuate, fly out]
";

#[test]
fn a_part_its_whole_and_the_noun_a_figure_counts() {
    let values = values_by_claim(
        &format!("{STRIKERS}{MEMBERS_AND_EVACUEES}"),
        &[
            "About 15% of the union's 80,000 members are on strike this week.",
            "Some 6,000 of the union's 80,000 members walked out on Monday.",
            "The army evacuated 40 women and children patients from the clinic.",
            "Some 30 women and children out of the 200 passengers were flown out first.",
            "The army evacuated 55 women and children from the valley.",
            "Women and children were evacuated from 4 p.m. for two more days.",
        ],
    );
    // the whole beside its part is judged on its own noun phrase
    assert_eq!(values[0], ["about 6,000 (5,400–6,600)"]);
    assert_eq!(
        values[1],
        ["80,000 (79,500–80,500)", "80,000 (79,500–80,500)"]
    );
    // a counts word that describes another noun, a part of another whole, a time of day, a measure
    assert_eq!(values[2], ["55"]);
}

#[test]
fn a_breakdown_of_a_toll_is_a_part_not_a_contradiction() {
    let rules = rules(TOLL_IN_WORDS);
    let checked = checked(
        &rules,
        "2025-03-15",
        &[
            "Officials said 4,310 people died in the floods, 1,950 of them in the delta.",
            "Of the people killed, 1,293 were found in the hill towns, the governor said.",
            "The ministry said 4,310 people had died.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "4,310 (4,305–4,315)",
            "1,950 (1,945–1,955) [in the delta]",
            "1,293 [in the hill towns]",
            "4,310 (4,305–4,315)"
        ]
    );
    assert_eq!(conflicts(&checked), 0, "{:#?}", checked.findings);
}

#[test]
fn verbs_of_passing_and_nearing_qualify_a_figure_unless_the_claim_says_otherwise() {
    let plain = rules(TOLL_IN_WORDS);
    let texts = [
        "The death toll passed 2,000 on Sunday.",
        "The toll is nearing 3,000, officials said.",
        "The toll has topped 2,500.",
    ];
    let all = checked(&plain, "2025-03-15", &texts);
    assert_eq!(
        values(&all),
        [
            "more than 2,000",
            "nearly 3,000 (2,700–3,000)",
            "more than 2,500"
        ]
    );
    let own = rules(&format!("{TOLL_IN_WORDS}    about: [nearing]\n"));
    let nearing = checked(&own, "2025-03-15", &texts[1..2]);
    assert_eq!(values(&nearing), ["about 3,000 (2,700–3,300)"]);
}

const STORM_DEATHS: &str = "claims:
  - id: toll
    title: Deaths in the storm
    kind: quantity
    counts: [people, death]
    of: [killed, dead, toll]
";

#[test]
fn a_verb_of_passing_qualifies_a_figure_whichever_way_the_figure_was_found() {
    let deaths = STORM_DEATHS;
    let texts = [
        // no counted noun: the fact's word, then the verb
        "The toll topped 2,000 on Saturday.",
        // the counted noun far from the figure, past a relative clause
        "The death toll from the storm that hit the islands off the northern coast late on Friday exceeded 900 as rain slowed the search.",
        // a date of the storm between the noun and the verb
        "The death toll from the storm that struck the valley on March 3 passed 400 on Tuesday.",
        // a tilde hedges the figure
        "The storm killed ~450 people in the valley.",
    ];
    let all = checked(&rules(deaths), "2025-03-12", &texts);
    assert_eq!(
        values(&all),
        [
            "more than 2,000",
            "more than 900",
            "more than 400",
            "about 450 (405–495)"
        ]
    );
    // "by Tuesday" dates a count reached by then: the Tuesday before the report, not the one after
    let by = checked(
        &rules(deaths),
        "2025-03-12",
        &["The toll reached 3,000 by Tuesday."],
    );
    assert_eq!(as_of_days(&by), [Some("2025-03-11".to_string())]);
}

#[test]
fn a_count_as_of_the_weekday_after_publication_is_of_that_day_unless_told_in_the_past() {
    let deaths = STORM_DEATHS;
    // published on a Wednesday: "Thursday" is the next day where the report was filed, a time zone ahead
    let ahead = checked(
        &rules(deaths),
        "2025-03-12",
        &["The storm has killed 140 people as of Thursday, officials said."],
    );
    assert_eq!(as_of_days(&ahead), [Some("2025-03-13".to_string())]);
    // a week-old figure is told in the past: the Thursday before
    let past = checked(
        &rules(deaths),
        "2025-03-12",
        &["The toll was 90 on Thursday, the agency said."],
    );
    assert_eq!(as_of_days(&past), [Some("2025-03-06".to_string())]);
    // any other weekday stays the latest on or before publication
    let earlier = checked(
        &rules(deaths),
        "2025-03-12",
        &["The storm has killed 120 people as of Monday."],
    );
    assert_eq!(as_of_days(&earlier), [Some("2025-03-10".to_string())]);
}

const TOLL_AND_INJURED: &str = "
claims:
  - id: dead
    title: Deaths in the quake
    kind: quantity
    counts: [person, people, dead, death, toll]
    of: [quake, kill, die, dead, death, toll]
  - id: injured
    title: Injured in the quake
    kind: quantity
    counts: [person, people, injured]
    of: [injure, wound]
";

#[test]
fn a_figure_joined_after_another_counts_its_own_noun_or_the_others() {
    let rules = rules(TOLL_AND_INJURED);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "By noon the toll stood at 2,400 dead and 5,100 injured.",
            "So far 2,010 people were confirmed dead and 8,700 displaced.",
            "The quake killed 1,000 people and injured 2,050 others.",
        ],
    );
    let by_claim = |id: &str| -> Vec<String> {
        let claim = rules.claims.iter().position(|c| c.id == id).unwrap();
        checked
            .mentions
            .iter()
            .filter(|m| m.claim == claim)
            .map(|m| m.value.describe())
            .collect()
    };
    assert_eq!(
        by_claim("dead"),
        [
            "2,400 (2,350–2,450)",
            "2,010 (2,005–2,015)",
            "1,000 (950–1,050)"
        ]
    );
    assert_eq!(
        by_claim("injured"),
        ["5,100 (5,050–5,150)", "2,050 (2,045–2,055)"]
    );
}

#[test]
fn a_toll_that_rose_from_one_figure_to_another_keeps_both_in_order() {
    let rules = rules(TOLL_AND_INJURED);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The death toll rose from 300 to 2,000 overnight.",
            "The toll has risen to 1,234, from 844, the agency said.",
            "The toll climbed to 1,400, up from 1,200 a day earlier.",
        ],
    );
    let described: Vec<String> = checked
        .mentions
        .iter()
        .map(|m| format!("{} {}", m.text, m.value.describe()))
        .collect();
    assert_eq!(
        described,
        [
            "300 300 (295–305)",
            "2,000 2,000 (1,950–2,050)",
            "1,234 1,234",
            "844 844",
            "1,400 1,400 (1,350–1,450)",
            "1,200 1,200 (1,150–1,250)"
        ]
    );
    let earlier: Vec<String> = checked
        .mentions
        .iter()
        .filter(|m| is_earlier(&m.value))
        .map(|m| m.text.to_string())
        .collect();
    assert_eq!(
        earlier,
        ["300", "844", "1,200"],
        "the figures it rose from are earlier ones"
    );
}

#[test]
fn a_figure_reached_past_a_few_words_or_fallen_to_never_the_change_by_which_it_rose() {
    let rules = rules(TOLL_AND_INJURED);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The death toll rose by 250 to 1,730 on Sunday.",
            "The toll was revised down to 410 after officials found double counts.",
            "The number of dead more than doubled overnight to 3,020.",
            "The toll jumps to 960, rescuers say.",
        ],
    );
    let texts: Vec<String> = checked
        .mentions
        .iter()
        .map(|m| m.text.to_string())
        .collect();
    assert_eq!(
        texts,
        ["1,730", "410", "3,020", "960"],
        "never the 250 it rose by"
    );
    let rules = self::rules(MISSING);
    let checked = self::checked(
        &rules,
        "2024-06-10",
        &[
            "The number of missing fell to 140 on Saturday.",
            "People unaccounted for in the valley tripled on Monday to 415 while the toll rose to 90.",
        ],
    );
    assert_eq!(values(&checked), ["140 (135–145)", "415"]);
}

#[test]
fn a_magnitude_and_a_town_s_population_are_no_toll() {
    let rules = rules(TOLL_AND_INJURED);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "A magnitude 6.8 quake killed 300 people.",
            "A 7.1 magnitude quake struck the valley, killing dozens.",
            "The quake hit Varn, a town of 90,000 people, and killed 40 people.",
        ],
    );
    let texts: Vec<String> = checked
        .mentions
        .iter()
        .map(|m| m.text.to_string())
        .collect();
    assert_eq!(texts, ["300 people", "dozens", "40 people"]);
}

const QUAKE_DATE: &str = include_str!("fixtures/words/quake.yaml");

#[test]
fn a_date_of_the_toll_or_the_survivors_is_not_the_quake_s() {
    let rules = rules(QUAKE_DATE);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "Officials on Saturday raised the toll in the quake to 832.",
            "Survivors of the quake were found on Monday.",
            "The toll from Friday's quake rose on Sunday.",
        ],
    );
    assert_eq!(values(&checked), ["2030-09-27"]);
    let why = explained(
        "quake-date",
        "tests/fixtures/words/quake.yaml",
        "Survivors of the quake were found on Monday.",
    );
    assert!(
        why.contains("the clause's date tells of the survivors"),
        "{why}"
    );
}

#[test]
fn up_to_after_a_running_total_is_what_it_rose_to() {
    let rules = rules(TOLL_AND_INJURED);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "Quake toll up to 1,234 as rescuers dig.",
            "The toll is now up to 900.",
            "Up to 2,000 people may have died.",
        ],
    );
    assert_eq!(values(&checked), ["1,234", "900 (895–905)", "up to 2,000"]);
}

#[test]
fn a_joined_or_possessed_event_after_a_toll_and_a_name_of_its_agency_take_no_date() {
    let rules = rules(QUAKE_DATE);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "The toll from the quake and flood rose on Sunday to 640.",
            "The toll from the valley's quake climbed on Monday to 700.",
            "The toll has risen to 640, the quake relief agency said on Sunday.",
            "The head of the National Quake Management Agency told reporters late on Saturday that 640 had died.",
            "The quake struck the valley on Friday evening.",
        ],
    );
    assert_eq!(values(&checked), ["2030-09-27"]);
    let why = explained(
        "quake-date",
        "tests/fixtures/words/quake.yaml",
        "The toll has risen to 640, the quake relief agency said on Sunday.",
    );
    assert!(why.contains("'quake' qualifies 'relief'"), "{why}");
}

const TOLL_UNLESS_LATER: &str = "
claims:
  - id: dead
    title: Deaths in the quake
    kind: quantity
    counts: [person, people, dead, toll]
    unless_near: [clinic, could, festival]
";

#[test]
fn words_of_a_later_subordinate_clause_or_verb_phrase_do_not_drop_a_figure() {
    let rules = rules(TOLL_UNLESS_LATER);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "At least 210 people died as clinics struggled to treat the wounded.",
            "The toll has risen to 512 and could climb further, officials said.",
            "Crowds had come for a festival when 80 people were swept away.",
            "The toll could reach 900, the agency warned.",
        ],
    );
    assert_eq!(values(&checked), ["at least 210", "512"]);
}

const DISPLACED: &str = "
claims:
  - id: displaced
    title: People displaced by the flood
    kind: quantity
    counts: [person, people, resident]
    of: [displace, homeless]
    not_of: [upstream]
";

#[test]
fn one_of_the_claim_s_words_after_a_figure_stands_for_its_noun() {
    let rules = rules(DISPLACED);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "Hundreds are still missing and more than 12,000 displaced.",
            "The flood has left tens of thousands homeless and hungry.",
            "Some 4,000 displaced residents returned home.",
            "About 900 displaced families' tents were flooded.",
            "On the upstream side of the old dam, 3,000 displaced.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "more than 12,000",
            "at least 20,000 (20,000–100,000)",
            "about 4,000 (3,600–4,400)"
        ]
    );
}

#[test]
fn a_word_in_quotation_marks_and_a_headline_s_vague_figure_are_read() {
    let polarity = checked(
        &rules(SUPPLY),
        "2024-06-10",
        &["The minister said the split has not \"ended\" the supply deal."],
    );
    assert_eq!(values(&polarity), ["denies"]);
    let toll = checked(
        &rules(TOLL_IN_WORDS),
        "2024-06-10",
        &["Floods Sweep Through Valley Town, Killing Hundreds And Leaving Thousands Homeless"],
    );
    assert_eq!(values(&toll), ["at least 200 (200–1,000)"]);
}

#[test]
fn a_time_of_day_after_before_is_no_other_event() {
    let rules = rules(QUAKE_DATE);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "The quake struck the coast just before dusk on Friday, flattening homes.",
            "The quake struck the coast after the storm on Friday.",
        ],
    );
    assert_eq!(values(&checked), ["2030-09-27"]);
}

const MISSING_AFTER_TRUCE: &str = "
claims:
  - id: missing
    title: People missing after the flood
    kind: quantity
    counts: [person, people]
    of: [missing, truce]
";

#[test]
fn an_of_word_of_a_later_subordinate_clause_is_not_the_figure_s() {
    let rules = rules(MISSING_AFTER_TRUCE);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "Another 1,100 people are listed as missing in the valley.",
            "Thousands of people fled north when the truce began.",
        ],
    );
    assert_eq!(values(&checked), ["1,100 (1,050–1,150)"]);
}

#[test]
fn a_vague_figure_counts_the_noun_after_its_of_and_a_bare_one_is_someone() {
    let rules = rules(TOLL_IN_WORDS);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "Of the climbers on the ridge, one died in the flood.",
            "The flood killed 40 people and cost the valley tens of millions of dollars.",
            "Hundreds of people have died in the flood.",
        ],
    );
    assert_eq!(values(&checked), ["40", "at least 200 (200–1,000)"]);
}

const TOLL_NOT_MISSING: &str = "claims:
  - id: toll
    title: Deaths in the storm
    kind: quantity
    counts: [person, people, death, toll]
    of: [kill, die, dead, death, toll]
";

const DEATHS_ONLY: &str = "claims:
  - id: deaths
    title: Deaths in the storm
    kind: quantity
    counts: [death, fatality, person, people]
    of: [storm]
";

#[test]
fn a_claim_of_deaths_counts_no_one_evacuated() {
    let rules = rules(DEATHS_ONLY);
    let checked = checked(
        &rules,
        "2030-10-02",
        &["The storm caused 120 deaths and 4,000 people were evacuated from the storm's path."],
    );
    assert_eq!(values(&checked), ["120 (115–125)"]);
}

#[test]
fn a_figure_said_to_be_in_another_state_is_not_the_claim_s() {
    let rules = rules(TOLL_NOT_MISSING);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "The storm's toll climbed, with 1,210 people dead and more than 3,000 still missing.",
            "The toll of the storm rose again: 4,000 people are missing.",
            "In the storm 75 people were killed and 640 people were injured.",
            "Another 150 people remain unaccounted for, the toll's keepers said.",
            "Beyond the toll, officials say hundreds of people are injured.",
            "Some 30,000 people were evacuated and 2 million people have been affected by the storm.",
        ],
    );
    assert_eq!(values(&checked), ["1,210 (1,205–1,215)", "75"]);
}

const COMBINED_TOLL: &str = "claims:
  - id: combined-toll
    title: Deaths in both countries
    kind: quantity
    counts: [person, people, death, toll]
    of: [Arland and Beria, both countries]
";

#[test]
fn a_pair_is_named_in_either_order_and_as_headlines_join_it() {
    let rules = rules(COMBINED_TOLL);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "Arland-Beria quake: death toll passes 5,000",
            "Death toll in Beria, Arland rises to 6,100",
            "The toll in Beria and Arland stood at 6,300 on Sunday.",
            "In Arland, 4,000 people died; in Beria, 2,000.",
        ],
    );
    assert_eq!(
        values(&checked),
        [
            "more than 5,000",
            "6,100 (6,050–6,150)",
            "6,300 (6,250–6,350)"
        ]
    );
}

#[test]
fn a_relative_clause_after_the_event_s_noun_dates_the_event() {
    let rules = rules(QUAKE_DATE);
    let checked = checked(
        &rules,
        "2030-10-02",
        &["The governor said Tuesday that 900 people died in the quake that struck near the city of Palo on September 20."],
    );
    assert_eq!(values(&checked), ["2030-09-20"]);
}

#[test]
fn a_live_page_s_entry_stamp_and_a_toll_from_a_modified_event_date_no_event() {
    let rules = rules(QUAKE_DATE);
    let checked = checked(
        &rules,
        "2030-10-02",
        &[
            "Rescuers said the toll from several strong quakes and an ensuing tsunami rose on Sunday to 900.",
            "Officials on Monday raised the toll in the devastating quake to 950.",
            "Update 4:05 p.m. EDT Sept. 30: At least 500 people died after the quake struck the coast.",
            "The quake struck the coast on Friday, September 28.",
        ],
    );
    assert_eq!(values(&checked), ["2030-09-28"]);
}

const TREATY_AND_STOPPAGE: &str = "
claims:
  - id: treaty-signed
    title: When the river treaty was signed
    kind: date
    event: [broker, sign, announce]
    object: [treaty, pact, withdrawal]
    of: [Arland, Beria]
  - id: stoppage-start
    title: When the dockers' stoppage began
    kind: date
    event: [stoppage, walk out]
";

#[test]
fn a_past_participle_after_a_comma_or_dash_tells_of_the_noun_before() {
    assert_eq!(
        values_in(
            TREATY_AND_STOPPAGE,
        "2031-05-20",
            &[
                "The river treaty, brokered by Arland and Beria in March 2029, has kept the dams open.",
                "Shipping resumed after Beria left the pact - signed by both capitals in April 2029 - and closed a dam.",
                "The ferries, delayed by fog on Monday, reached the port at noon.",
            ],
        ),
        ["2029-03-01..2029-03-31", "2029-04-01..2029-04-30"]
    );
}

#[test]
fn the_subject_before_an_aside_and_a_date_owns_the_verb() {
    assert_eq!(
        values_in(
            TREATY_AND_STOPPAGE,
        "2031-05-20",
            &[
                "Arland and its partners, together with the port authority, on Friday announced their withdrawal from the scheme.",
                "Carlo and its partners, together with the port authority, on Friday announced their withdrawal from the scheme.",
            ],
        ), ["2031-05-16"]);
}

#[test]
fn a_since_date_after_the_state_an_event_starts_is_its_start() {
    assert_eq!(
        values_in(
            TREATY_AND_STOPPAGE,
            "2031-05-20",
            &[
                "The 4,000 dockers, who have been on stoppage since April 2, rejected the offer.",
                "The cost of the stoppage since Monday has passed two million.",
            ],
        ),
        ["2031-04-02"]
    );
}

#[test]
fn an_earlier_figure_after_up_or_down_from_is_the_claims_however_far() {
    let rules = rules(TOLL_AND_INJURED);
    let checked = checked(
        &rules,
        "2024-06-10",
        &[
            "The people who died in the quake across the two valleys now number 640, down from the previous count of 702.",
            "The official toll in the northern province has been revised down from 702 to 640.",
            "Officials revise quake toll to 640, down from 702",
            "The toll is 640 — down from estimates of about 700.",
            "Aid came from 30 countries for the quake's 640 dead.",
        ],
    );
    let earlier = marked_earlier(&checked, false);
    assert_eq!(
        earlier,
        [
            "640",
            "702 (earlier)",
            "702 (earlier)",
            "640",
            "640",
            "702 (earlier)",
            "640",
            "about 700 (earlier)",
            "640 dead"
        ]
    );
}

#[test]
fn an_abbreviation_between_the_counts_word_and_the_figure() {
    assert_eq!(
        values_in(
            TOLL_AND_INJURED,
            "2024-06-10",
            &["The death toll from the Aug. 8 quake in the hills stands at 640, and it may rise."],
        ),
        ["640 (635–645)"]
    );
}

const GARRISON: &str = "
claims:
  - id: garrison
    title: Arland soldiers in Beria
    kind: quantity
    counts: [soldier, troop]
    of: [Arland, Arlandic]
    not_of: [foreign, allied]
    unless_near: [killed, wounded]
  - id: soldiers-killed
    title: Arland soldiers killed in the ambush
    kind: quantity
    counts: [soldier, troop]
    of: [killed]
";

#[test]
fn a_part_listed_after_including_belongs_to_its_wholes_clause() {
    let rules = rules(GARRISON);
    let checked = checked(
        &rules,
        "2031-05-20",
        &[
            "The ambush killed dozens of people, including 12 Arlandic soldiers, on Friday.",
            "Some 9,000 foreign troops serve in Beria, including about 2,100 Arlandic soldiers.",
            "About 800 Arland troops left, including 300 soldiers from the northern base.",
            "Eleven Arland military flights left the base.",
        ],
    );
    let described: Vec<String> = checked
        .mentions
        .iter()
        .map(|m| {
            let claim = &rules.claims[m.claim].id;
            let scope = m
                .scope
                .as_deref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            format!("{claim}: {}{scope}", m.value.describe())
        })
        .collect();
    assert_eq!(
        described,
        [
            "soldiers-killed: 12",
            "garrison: about 2,100 (1,890–2,310)",
            "garrison: about 800 (720–880)",
            "garrison: 300 (295–305) [from the northern base]"
        ]
    );
}

const OFFERED_RAISE: &str = "
claims:
  - id: raise
    title: The pay raise offered to the dockers
    kind: quantity
    trend: rising
    window: 2 days
    unit: ['%', percent]
    counts: [raise, increase]
    of: [offer, contract, port]
";

#[test]
fn a_raise_said_with_its_verb_is_the_figure_after_by_and_a_previous_offer_is_earlier() {
    let rules = rules(OFFERED_RAISE);
    let checked = checked(
        &rules,
        "2031-05-20",
        &[
            "The dockers rejected a contract that would have raised pay by 18% over three years.",
            "The port raised its pension match to 90% of pay.",
            "The new offer includes a 24% increase, up from the previous offer of 18%.",
        ],
    );
    let described = marked_earlier(&checked, true);
    assert_eq!(described, ["18", "24", "18 (earlier)"]);
    assert_eq!(conflicts(&checked), 0);
}

const VOTE_SHARE: &str = "
claims:
  - id: rejected
    title: Share of dockers who rejected the offer
    kind: quantity
    unit: ['%', percent]
    counts: [docker, member, worker]
    of: [reject, turn down]
    unless_near: [approve the stoppage, approved the stoppage]
";

#[test]
fn a_percentage_joined_to_another_keeps_its_own_part_of_the_clause() {
    assert_eq!(
        values_in(
            VOTE_SHARE,
            "2031-05-20",
            &[
                "The union said 91% of voting dockers rejected the offer and 88% approved the stoppage.",
                "The union said 91% of voting dockers approved the stoppage.",
            ]
        ),
        ["91"]
    );
}

const EVACUATION_DEADLINE: &str = "
claims:
  - id: evacuation-deadline
    title: Date by which the island is to be evacuated
    kind: date
    event: [deadline]
    deadline_for: [evacuate, leave, clear]
";

#[test]
fn a_date_before_the_nouns_of_a_compound_or_renamed_by_it_dates_the_compounds_head() {
    assert_eq!(
        values_in(
            EVACUATION_DEADLINE,
            "2031-02-27",
            &[
                "The council stood by the March 3 evacuation deadline.",
                "The mayor is not moving the March 3 island evacuation deadline, his office said.",
                "Ferries will run until March 3, the deadline for the evacuation of the island.",
                "On March 3, the deadline passed without incident.",
            ]
        ),
        ["2031-03-03", "2031-03-03", "2031-03-03", "2031-03-03"]
    );
}

const FLOOD_DATE: &str = "
claims:
  - id: flood-date
    title: Date of the Harlan flood
    kind: date
    event: [flood, burst, strike]
";

#[test]
fn a_holiday_before_the_events_noun_and_a_clock_time_before_the_day_date_the_event() {
    assert_eq!(
        values_in(
            FLOOD_DATE,
            "2032-01-06",
            &[
                "The toll from the New Year's Day flood in Harlan rose again.",
                "The dam burst shortly after 4 p.m. on New Year's Day.",
            ]
        ),
        ["2032-01-01", "2032-01-01"]
    );
}

const TOWN_TOLL: &str = "
claims:
  - id: flood-deaths
    title: Deaths in the Harlan flood
    kind: quantity
    counts: [person, life, death]
    of: [die, kill, claim, death]
    scope: [in Portville, in Harlan City]
";

#[test]
fn a_place_after_a_figure_up_to_the_next_comma_is_that_figures_part() {
    assert_eq!(
        values_in(
            TOWN_TOLL,
            "2032-01-06",
            &[
                "The flood has claimed 45 lives.",
                "31 people died in Portville, and 9 people died in Harlan City.",
            ]
        ),
        ["45", "31 [in Portville]", "9 [in Harlan City]"]
    );
}

const PACT_RETURN: &str = "
claims:
  - id: returns-to-pact
    title: Whether Arvia returns to the fishing pact
    kind: polarity
    subject: [Arvia, Arvian government]
    predicate: [return to, rejoin, sound]
    object: [pact, siren]
";

#[test]
fn impossible_unable_and_nobody_negate_what_follows() {
    let checked = checked(
        &rules(PACT_RETURN),
        "2031-07-20",
        &[
            "Arvia said it is impossible to return to the pact for now.",
            "The Arvian government was unable to rejoin the pact before the season.",
            "Returning to the pact is impossible, Arvia said.",
        ],
    );
    let polarities: Vec<String> = checked
        .mentions
        .iter()
        .map(|m| m.value.describe())
        .collect();
    assert_eq!(polarities, ["denies", "denies", "denies"]);
}

const GUARD_WITHDRAWAL: &str = "
claims:
  - id: withdrawal-announced
    title: When the governor announced the guard's withdrawal
    kind: date
    event: [announce]
    object: [withdraw, withdrawal]
";

#[test]
fn an_object_written_as_a_verb_and_a_date_between_the_verb_and_its_object_are_read() {
    assert_eq!(
        values_in(
            GUARD_WITHDRAWAL,
            "2031-04-10",
            &[
                "On Tuesday, the governor announced that he was withdrawing the guard from the valley.",
                "The governor announced on Tuesday, April 8, the withdrawal of the guard.",
                "The governor's office announced, according to the guard, a new schedule.",
            ]
        ),
        ["2031-04-08", "2031-04-08"]
    );
}

const WALKOUT_START: &str = "
claims:
  - id: walkout-start
    title: When the dockers' walkout began
    kind: date
    event: [walkout]
";

#[test]
fn a_relative_clause_set_off_by_a_comma_after_the_events_noun_dates_it() {
    assert_eq!(
        values_in(
            WALKOUT_START,
            "2031-06-20",
            &[
                "The walkout, which began on June 2 and idled 4,000 dockers, has ended.",
                "The port, which reopened on June 19, lost 4,000 shifts to the walkout.",
            ]
        ),
        ["2031-06-02"]
    );
}

#[test]
fn a_rank_a_figure_for_each_part_and_a_difference_are_no_count_of_the_whole() {
    assert_eq!(
        values_in(
            TOWN_TOLL,
            "2032-01-06",
            &[
                "The flood killed 52 people, one of the deadliest disasters in the valley.",
                "The towns of Lowick and Brae had two deaths each.",
                "The flood killed 6 more people overnight.",
            ]
        ),
        ["52"]
    );
}

const MOVED: &str = "
claims:
  - id: evacuated
    title: People moved off the island since the airlift began
    kind: quantity
    counts: [people, islander]
    of: [evacuate, airlift]
    unless_near: [end of May, past 24 hours]
";

#[test]
fn an_opening_since_or_during_phrase_is_read_with_the_clause_after_it() {
    assert_eq!(
        values_in(
            MOVED,
            "2031-06-20",
            &[
                "Since the end of May, crews have evacuated 14,000 people.",
                "During the past 24 hours, crews evacuated 900 people.",
                "Crews have evacuated 12,000 people since the airlift began.",
            ]
        ),
        ["12,000 (11,500–12,500)"]
    );
}

const RISING_TOLL: &str = "
claims:
  - id: flood-toll
    title: Deaths in the Harlan flood
    kind: quantity
    trend: rising
    window: 1 day
    counts: [person, death]
    of: [kill, toll, die]
";

#[test]
fn a_later_figure_its_words_lower_is_a_change_of_a_rising_claim_but_one_they_raise_is_not() {
    let conflicts_after_115 = |later: &str| {
        let first = "On May 2, officials said the flood had killed 115 people.";
        conflicts(&checked(&rules(RISING_TOLL), "2031-06-20", &[first, later]))
    };
    assert_eq!(
        conflicts_after_115("On June 1, police said the toll was lowered to 97 people."),
        0
    );
    assert_eq!(
        conflicts_after_115("On June 1, the toll has risen to 97 people."),
        1
    );
}

#[test]
fn a_date_in_a_trailing_clause_of_saying_dates_the_statement_not_the_event() {
    assert_eq!(
        values_in(
            FLOOD_DATE,
            "2032-01-06",
            &[
                "The flood swept Harlan, the county said in a statement on its website late Wednesday.",
                "The flood swept Harlan on Monday, the county said in a statement late Wednesday.",
            ]
        ),
        ["2032-01-05"]
    );
}

#[test]
fn a_pronoun_by_the_event_stands_for_the_object_named_before_it() {
    let pact = "claims:
  - id: lapsed
    title: When the fishing pact lapsed
    kind: date
    event: [lapse, expire, sign]
    object: [pact, accord]
  - id: returns
    title: Whether the fleet returns to the pact
    kind: polarity
    subject: [fleet, government]
    predicate: [return to, rejoin]
    object: [pact, accord]
";
    let checked = checked(
        &rules(pact),
        "2025-05-20",
        &[
            "The pact kept prices low for a decade, and the government let it lapse on May 2.",
            "Shipping has slowed since the accord, which was praised by both sides, was signed on April 4.",
            "The government spoke of the pact on Friday, saying the fleet was ready to return to it at once.",
            // no object named before the pronoun: "it" stands for something else
            "Officials said it expired on May 2.",
        ],
    );
    assert_eq!(
        values(&checked),
        ["2025-05-02", "2025-04-04", "affirms"],
        "{:?}",
        checked
            .mentions
            .iter()
            .map(|m| m.text.to_string())
            .collect::<Vec<_>>()
    );
}

#[test]
fn another_count_after_and_or_but_ends_a_figures_part_for_unless_near() {
    let toll = "claims:
  - id: toll
    title: Deaths in the flood
    kind: quantity
    counts: [people, death]
    of: [dead, killed, died]
    unless_near: [missing]
  - id: soldiers
    title: Soldiers in the garrison
    kind: quantity
    counts: [soldier, troop]
    unless_near: [killed]
";
    let checked = checked(
        &rules(toll),
        "2025-03-15",
        &[
            "The valley town is in ruins, with at least 53 dead and many more missing.",
            "At least 106 people died in the flood, but hundreds more remain missing.",
            // "or" joins two states of one count: dead or missing together
            "At least 140 people are dead or missing.",
            // a count after "and" keeps the verb before it: the soldiers were killed
            "The blast killed dozens of civilians and 13 soldiers at the gate.",
        ],
    );
    assert_eq!(values(&checked), ["at least 53", "at least 106"]);
}

#[test]
fn a_date_that_names_the_event_after_which_a_toll_is_counted_is_not_its_as_of() {
    let toll = "claims:
  - id: toll
    title: Deaths in the flood
    kind: quantity
    counts: [people, dead]
    of: [dead, died]
";
    let checked = checked(
        &rules(toll),
        "2025-03-06",
        &[
            "90 Confirmed Dead after March 3 Valley Flood; Rescuers Reach Cut-Off Villages",
            "At least 90 people died after Monday night storms swept the valley.",
        ],
    );
    assert_eq!(
        as_of_days(&checked),
        [
            Some("2025-03-06".to_string()),
            Some("2025-03-06".to_string())
        ]
    );
}
