//! Benchmark: groups synthetic quotations the way `quote` claims group a corpus's quotations, and times it.
//!
//! ```sh
//! cargo run --release --example quote_grouping            # 100,000 quotations
//! cargo run --release --example quote_grouping -- 25000   # another size
//! ```
//!
//! The quotations are generated deterministically (a fixed seed, no randomness from the system): families of five
//! quotations, each made of a quotation of 8 to 30 words, an identical copy, a fragment of it, a copy with one word
//! changed and a fragment with one word changed. Words are drawn from a skewed vocabulary with frequent function
//! words, so that common word pairs exist and must be left out of the index. The figure printed is the time to
//! cut every quotation into words, count the distinct wordings and group them; the check printed with it is how
//! many families came out as exactly one group.

use std::time::Instant;

use factlint::kinds::quote::group::{group, Wordings};
use factlint::kinds::quote::DEFAULT_QUOTE_SIMILARITY;
use factlint::text::wording::{core, keys, words};

/// Quotations per family: the quotation, a copy, a fragment, a changed copy, a changed fragment.
const FAMILY: usize = 5;

const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "with", "as", "it", "was",
    "we", "not", "be", "this", "by", "are",
];

const SYLLABLES: &[&str] = &[
    "ba", "ko", "ri", "mu", "te", "sa", "no", "li", "ga", "pe", "do", "vi", "ra", "zu", "me", "ta",
    "lo", "ni", "ke", "fa",
];

/// A xorshift generator: the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards small values, as word frequencies are.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((u * u) * n as f64) as usize
    }
}

fn vocabulary(rng: &mut Rng, size: usize) -> Vec<String> {
    (0..size)
        .map(|i| {
            let syllables = 2 + rng.below(3);
            let word: String = (0..syllables)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect();
            format!("{word}{i}")
        })
        .collect()
}

fn sentence(rng: &mut Rng, vocabulary: &[String]) -> Vec<String> {
    let length = 8 + rng.below(23);
    (0..length)
        .map(|_| {
            if rng.below(100) < 35 {
                FUNCTION_WORDS[rng.below(FUNCTION_WORDS.len())].to_string()
            } else {
                vocabulary[rng.skewed(vocabulary.len())].clone()
            }
        })
        .collect()
}

/// One family: the quotation and its four variants, as texts.
fn family(rng: &mut Rng, vocabulary: &[String]) -> [String; FAMILY] {
    let base = sentence(rng, vocabulary);
    let fragment = |rng: &mut Rng| {
        let length = 6 + rng.below(base.len() - 5);
        let start = rng.below(base.len() - length + 1);
        base[start..start + length].to_vec()
    };
    let change = |rng: &mut Rng, words: &[String]| {
        let mut changed = words.to_vec();
        let at = 1 + rng.below(changed.len() - 2);
        changed[at] = vocabulary[rng.below(vocabulary.len())].clone();
        changed
    };
    let part = fragment(rng);
    let changed = change(rng, &base);
    let other_part = fragment(rng);
    let changed_part = change(rng, &other_part);
    [&base, &base, &part, &changed, &changed_part].map(|w| w.join(" "))
}

fn main() {
    let quotations: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocabulary = vocabulary(&mut rng, 30_000);
    let texts: Vec<String> = (0..quotations.div_ceil(FAMILY))
        .flat_map(|_| family(&mut rng, &vocabulary))
        .take(quotations)
        .collect();

    let started = Instant::now();
    let mut wordings = Wordings::new();
    let wording_of: Vec<usize> = texts
        .iter()
        .map(|text| {
            let cut = words(text, 0);
            let all = keys(&cut);
            wordings.add(&all[core(&all)])
        })
        .collect();
    let indexed = started.elapsed();
    let groups = group(&wordings, DEFAULT_QUOTE_SIMILARITY);
    let total = started.elapsed();

    let mut group_of = vec![usize::MAX; wordings.len()];
    for (g, found) in groups.iter().enumerate() {
        for &w in &found.members {
            group_of[w] = g;
        }
    }
    let families = wording_of.chunks(FAMILY);
    let family_count = families.len();
    let whole = families
        .filter(|f| {
            f.iter()
                .all(|&w| group_of[w] != usize::MAX && group_of[w] == group_of[f[0]])
        })
        .count();
    let drifting = groups.iter().filter(|g| g.sides.len() > 1).count();
    println!("quotations:        {quotations}");
    println!("distinct wordings: {}", wordings.len());
    println!(
        "groups:            {} ({drifting} with drift)",
        groups.len()
    );
    println!("families whole:    {whole} of {family_count}");
    println!("words, wordings:   {:.3} s", indexed.as_secs_f64());
    println!("total (grouped):   {:.3} s", total.as_secs_f64());
}
