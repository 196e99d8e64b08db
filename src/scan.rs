//! One pass over a text for all patterns of a rule set, with the results of one search per pattern.
//!
//! Running every pattern over every text costs one pass per pattern, and rule patterns are large (each embeds the
//! quantity or date phrase regex). The [`Scanner`] makes one pass instead, with every pattern combined into one
//! lazy DFA over *relaxed* patterns: with Unicode word boundaries (`\b`) reduced to what they imply of ASCII word
//! characters, without capture groups, and with counted repetitions (`{0,14}`) left open. Relaxing only lets a
//! pattern match in more places, so every place where some pattern can start a match is among the places that pass
//! finds; and without Unicode word boundaries the DFA never has to give up on non-ASCII text. A large rule set can
//! need more states than the combined DFA's cache holds; it then gives up, and the scanner makes one pass per claim
//! from then on, each claim's patterns in a DFA of their own (slower, but each DFA stays small).
//!
//! The pass is also *widened*: every non-ASCII character a pattern names, but for curly quotation marks, dashes and
//! the like, stands for any such character. The case folding of `(?i)` alone brings the Kelvin sign and the long s
//! into the patterns, and each such character makes the DFA tell apart more kinds of bytes; widened, it tells apart
//! half as many, so the states a scan keeps visiting take half the memory and stay in the processor's caches.
//! (Widening is for finding starts only: measuring how far an attempt can reach keeps the characters as written.)
//!
//! The exact attempts are *narrowed* where they can be: on a stretch of ASCII and punctuation such as curly
//! quotation marks (most stretches of English text), a pattern matches exactly as its [`narrow`] form does, whose
//! classes keep only such characters and whose word boundaries are ASCII ones. Its NFA is a small part of the
//! pattern's (Unicode `\w` alone is hundreds of states, and a gap of up to eight words repeats it eight times), and a
//! backtracker's cost grows with the NFA: it clears a bit per state and byte of the stretch before each attempt.
//!
//! At each such place, each pattern is walked anchored through a second relaxed DFA, which says whether it can
//! match there at all and how far any attempt can reach; the pattern proper (word boundaries and all) is then tried
//! on that stretch only. This gives, pattern by pattern, exactly the matches of a leftmost-first search of that
//! pattern alone, whatever the text: the first match of a pattern at or after a position starts at the first place
//! where the pattern matches anchored, and is that anchored match.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::hybrid::{self, dfa::DFA, LazyStateID};
use regex_automata::meta;
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::captures::Captures;
use regex_automata::util::pool::Pool;
use regex_automata::util::start;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};

/// The named group that quantity and date patterns must capture: the phrase that gets normalised.
pub const VALUE_GROUP: &str = "value";

/// A pattern that finds a claim's mentions: placeholders expanded, case-insensitive, unable to match the empty
/// string, and compiled once, for the anchored attempts of this module.
///
/// The exact regex is compiled when first needed: on ASCII text the narrow forms stand in for it, and compiling a
/// pattern whose word gaps repeat the Unicode word class is most of what loading a rule file costs. Whether it
/// compiles within the size limit is still settled when the pattern is made ([`RulePattern::from_hir`]).
#[derive(Debug, Clone)]
pub struct RulePattern {
    text: String,
    /// The pattern as parsed, which the scanner's relaxed, widened and narrow forms are made from.
    hir: Arc<Hir>,
    regex: OnceLock<meta::Regex>,
    value_group: Option<usize>,
}

impl RulePattern {
    /// Takes a parsed pattern (`text` is what was parsed) for the scanner's anchored attempts, and finds its
    /// [`VALUE_GROUP`]; the error of a pattern that compiles to more than the size limit. Rule files compile their
    /// patterns through `RulePattern::compile`, which parses and checks them first.
    ///
    /// A pattern whose [`nfa_bound`] is within the limit is compiled when first needed; a larger one is compiled
    /// now, which tells whether it really is over the limit.
    pub fn from_hir(text: String, hir: Hir) -> Result<RulePattern, Box<meta::BuildError>> {
        let regex = OnceLock::new();
        if nfa_bound(&hir) > EXACT_SIZE_LIMIT {
            let _ = regex.set(compile_exact(&hir)?);
        }
        Ok(RulePattern {
            text,
            value_group: capture_index(&hir, VALUE_GROUP),
            hir: Arc::new(hir),
            regex,
        })
    }

    /// The pattern as compiled: placeholders expanded, `(?i)` in front.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The compiled pattern, compiled on the first call.
    pub fn regex(&self) -> &meta::Regex {
        self.regex.get_or_init(|| {
            // within the size limit by its bound (or compiled when made); without a limit, a build from a parsed
            // pattern cannot fail
            compile_exact(&self.hir)
                .or_else(|_| build_exact(&self.hir, None))
                .expect("a parsed pattern compiles without a size limit")
        })
    }

    /// The index of the `value` group, when the pattern has one.
    pub fn value_group(&self) -> Option<usize> {
        self.value_group
    }
}

/// A match of one pattern: which pattern, the whole match and its `value` group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternMatch {
    /// Index of the pattern in the list given to [`Scanner::new`].
    pub pattern: usize,
    /// The whole match, in bytes of the text scanned.
    pub span: Range<usize>,
    /// The `value` group, when the pattern has one and it took part in the match.
    pub value: Option<Range<usize>>,
}

/// The per-thread state of the lazy DFAs and of the exact patterns.
struct Caches {
    /// The combined candidate DFA's, then the per-claim ones' (made when first needed).
    starts: [Vec<hybrid::regex::Cache>; 2],
    reach: hybrid::dfa::Cache,
    /// The exact patterns' caches, made when first needed.
    exact: Vec<AttemptCache>,
    /// The narrow forms' caches, made when first needed.
    narrow: Vec<AttemptCache>,
}

/// The cache and groups of one compiled form of a pattern for its anchored attempts, made when first needed.
type AttemptCache = Option<(meta::Cache, Captures)>;

/// Where [`Caches::starts`] keeps the caches of the combined candidate DFA.
const COMBINED: usize = 0;
/// Where [`Caches::starts`] keeps the caches of the per-claim candidate DFAs.
const PER_CLAIM: usize = 1;

/// Patterns whose relaxed forms share one candidate DFA, and that DFA.
struct Group {
    /// The group's patterns, as indices into [`Scanner::patterns`]; the DFA numbers them in this order.
    patterns: Vec<usize>,
    /// The group's relaxed patterns, leftmost-first: where their matches can start.
    starts: Arc<hybrid::regex::Regex>,
}

type CachePool = Pool<Caches, Box<dyn Fn() -> Caches + Send + Sync>>;

/// What makes one thread's [`Caches`].
type MakeCaches = Arc<dyn Fn() -> Caches + Send + Sync>;

/// Every pattern of a rule set, compiled for one-pass scanning.
pub struct Scanner {
    /// The patterns as written.
    ///
    /// Each is tried anchored where the relaxed DFAs say it may match, on the short stretch an attempt can reach.
    /// Their compiled forms have no lazy DFAs of their own ([`compile_exact`]): on such stretches a backtracker is
    /// as fast, and each lazy DFA would cost every thread a cache of its own.
    patterns: Arc<Vec<RulePattern>>,
    /// The patterns compiled for whole-paragraph searches, once the plain way of [`Scanner::scan_one_by_one`] is
    /// taken (never, but in tests).
    plain: OnceLock<Result<Vec<meta::Regex>, String>>,
    /// Each pattern's [`narrow`] form, tried instead of the pattern on stretches that [`reads_narrow`].
    narrow: Vec<Narrow>,
    /// The relaxed and widened patterns, which the candidate DFAs are built from.
    widened: Vec<Hir>,
    /// The patterns of each claim (each group of `group_of`, as [`Scanner::new`] takes it).
    claims: Vec<Vec<usize>>,
    /// One candidate DFA for every pattern, when there are several claims: one pass over the text finds where any
    /// pattern may start. On a large rule set and varied text its states can outgrow its cache; it then gives up
    /// (see [`lazy_dfa`]), and every later scan takes the per-claim DFAs.
    combined: Option<Group>,
    /// Set once the combined DFA has given up.
    combined_gave_up: AtomicBool,
    /// One candidate DFA per claim, one pass each: slower than the combined one, but each stays small. Built when
    /// first needed.
    per_claim: OnceLock<Result<Vec<Group>, String>>,
    /// All relaxed patterns, every match kept: how far an anchored attempt of one pattern can reach.
    reach: DFA,
    /// The caches of the threads that scan, kept from one scan to the next until they are let go
    /// ([`Scanner::let_go_caches`]).
    caches: Mutex<Arc<CachePool>>,
    /// What makes a thread's caches, for the pool made again after they are let go.
    make_caches: MakeCaches,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("patterns", &self.patterns)
            .finish_non_exhaustive()
    }
}

/// A pool of caches made by `make`.
fn pool_of(make: &MakeCaches) -> Arc<CachePool> {
    let make = Arc::clone(make);
    Arc::new(Pool::new(Box::new(move || make())))
}

/// Cache of the combined DFA that finds candidate starts (it only grows as far as it needs). On a gigabyte of
/// generated news text the seed rules' DFA fills it and is cleared now and then, without thrashing; 16 MB made that
/// check 20% slower, 32 MB 2% faster.
const COMBINED_CACHE: usize = 24 << 20;
/// Cache of each per-claim DFA that finds candidate starts.
const CLAIM_CACHE: usize = 8 << 20;
/// Cache of the DFA that measures anchored attempts.
const REACH_CACHE: usize = 16 << 20;

impl Scanner {
    /// Compiles the scanner for `patterns`, whose `value` groups give [`PatternMatch::value`]; `group_of[i]` says
    /// which candidate DFA pattern `i` shares (patterns of one claim, say).
    pub fn new(patterns: &[RulePattern], group_of: &[usize]) -> Result<Scanner, String> {
        let narrow = patterns
            .iter()
            .map(|p| Narrow {
                pattern: Arc::clone(&p.hir),
                regex: OnceLock::new(),
            })
            .collect();
        let relaxed: Vec<Hir> = patterns.iter().map(|p| relax(&p.hir)).collect();
        let widened: Vec<Hir> = relaxed
            .iter()
            .map(|hir| widen(&opening(hir, OPENING_BYTES)))
            .collect();
        let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for (pattern, &group) in group_of.iter().enumerate().take(patterns.len()) {
            members.entry(group).or_default().push(pattern);
        }
        let claims: Vec<Vec<usize>> = members.into_values().collect();
        let (combined, per_claim) = if claims.len() > 1 {
            let all: Vec<usize> = (0..patterns.len()).collect();
            let combined = group(&widened, all, COMBINED_CACHE, GiveUp::WhenThrashing)?;
            (Some(combined), OnceLock::new())
        } else {
            (None, OnceLock::from(per_claim_groups(&widened, &claims)))
        };
        let reach = lazy_dfa(
            DFA::config()
                .match_kind(MatchKind::All)
                .starts_for_each_pattern(true)
                .cache_capacity(REACH_CACHE),
            nfa(&relaxed, false)?,
            GiveUp::Never,
        )?;
        let patterns = Arc::new(patterns.to_vec());
        let reach_for_pool = reach.clone();
        let patterns_for_pool = patterns.clone();
        let make_caches: MakeCaches = Arc::new(move || Caches {
            starts: [Vec::new(), Vec::new()],
            reach: reach_for_pool.create_cache(),
            exact: patterns_for_pool.iter().map(|_| None).collect(),
            narrow: patterns_for_pool.iter().map(|_| None).collect(),
        });
        Ok(Scanner {
            patterns,
            plain: OnceLock::new(),
            narrow,
            widened,
            claims,
            combined,
            combined_gave_up: AtomicBool::new(false),
            per_claim,
            reach,
            caches: Mutex::new(pool_of(&make_caches)),
            make_caches,
        })
    }

    /// The pool the threads take their caches from.
    fn pool(&self) -> Arc<CachePool> {
        match self.caches.lock() {
            Ok(pool) => Arc::clone(&pool),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Lets go of the caches that scanning filled (the lazy DFAs' states and the anchored attempts' caches, tens of
    /// MB for each thread that scanned): a check calls it once every source is scanned, so that reconciliation
    /// does not stand on them. A later scan fills them again; a scan under way keeps its own until it ends.
    pub fn let_go_caches(&self) {
        let fresh = pool_of(&self.make_caches);
        match self.caches.lock() {
            Ok(mut pool) => *pool = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
    }

    /// The matches of every pattern in `text`, sorted by start then pattern: for each pattern and paragraph (see
    /// [`paragraphs`]), exactly the matches its own leftmost-first search of the paragraph would report.
    pub fn scan(&self, text: &str) -> Vec<PatternMatch> {
        let pool = self.pool();
        let mut caches = pool.get();
        if let Some(combined) = &self.combined {
            if !self.combined_gave_up.load(Ordering::Relaxed) {
                let groups = std::slice::from_ref(combined);
                match self.scan_with(groups, COMBINED, &mut caches, text) {
                    Ok(found) => return found,
                    Err(()) => self.combined_gave_up.store(true, Ordering::Relaxed),
                }
            }
        }
        self.scan_per_claim(&mut caches, text)
    }

    /// [`Scanner::scan`] with one candidate DFA per claim.
    fn scan_per_claim(&self, caches: &mut Caches, text: &str) -> Vec<PatternMatch> {
        let per_claim = self
            .per_claim
            .get_or_init(|| per_claim_groups(&self.widened, &self.claims));
        match per_claim {
            Ok(groups) => self
                .scan_with(groups, PER_CLAIM, caches, text)
                .unwrap_or_else(|()| self.scan_one_by_one(text)),
            Err(_) => self.scan_one_by_one(text),
        }
    }

    /// The matches of every pattern in `text`, with the candidate DFAs of `groups` (whose per-thread caches are
    /// `caches.starts[tier]`); `Err` when one of them gave up.
    fn scan_with(
        &self,
        groups: &[Group],
        tier: usize,
        caches: &mut Caches,
        text: &str,
    ) -> Result<Vec<PatternMatch>, ()> {
        let Caches {
            starts,
            reach,
            exact,
            narrow,
        } = caches;
        let starts = &mut starts[tier];
        if starts.len() != groups.len() {
            *starts = groups.iter().map(|g| g.starts.create_cache()).collect();
        }
        let mut pass = Pass {
            groups,
            starts,
            reach,
            exact,
            narrow,
            free_from: vec![0; self.patterns.len()],
            reached: vec![None; self.patterns.len()],
            next: Vec::with_capacity(groups.len()),
            found: Vec::new(),
        };
        for paragraph in paragraphs(text) {
            self.scan_paragraph(text, paragraph, &mut pass)?;
        }
        let mut found = pass.found;
        found.sort_by_key(|m| (m.span.start, m.pattern));
        Ok(found)
    }

    /// Adds the matches within `paragraph` of `text` to `pass.found`. `Err` when a candidate DFA gave up.
    fn scan_paragraph(
        &self,
        text: &str,
        paragraph: Range<usize>,
        pass: &mut Pass,
    ) -> Result<(), ()> {
        let end = paragraph.end;
        let next = &mut pass.next;
        next.clear();
        for (group, cache) in pass.groups.iter().zip(pass.starts.iter_mut()) {
            next.push(candidate(group, cache, text, paragraph.clone())?);
        }
        while let Some(start) = next.iter().flatten().min().copied() {
            let after = start + text[start..].chars().next().map_or(1, char::len_utf8);
            let mut measured = false;
            for (index, group) in pass.groups.iter().enumerate() {
                if next[index] != Some(start) {
                    continue;
                }
                for &pattern in &group.patterns {
                    if pass.free_from[pattern] > start {
                        continue;
                    }
                    if !measured {
                        self.reach(pass.reach, text, start..end, &mut pass.reached)?;
                        measured = true;
                    }
                    let Some(reached) = pass.reached[pattern] else {
                        continue;
                    };
                    let caches = (&mut pass.exact[pattern], &mut pass.narrow[pattern]);
                    if let Some(matched) = self.try_at(text, start..reached, pattern, caches) {
                        pass.free_from[pattern] = matched.span.end;
                        pass.found.push(matched);
                    }
                }
                next[index] = candidate(group, &mut pass.starts[index], text, after..end)?;
            }
        }
        Ok(())
    }

    /// How far a match of each pattern anchored at `within.start` can end without leaving `within`, into `ends`
    /// (one per pattern): `None` when it cannot match there at all, `Some(end)` when no match of it ends past `end`.
    /// `Err` when the DFA could not tell. Assertions look at the text around `within`, as a search of that range
    /// does. One walk serves every pattern: the reach DFA keeps every match of every pattern, each with its own.
    ///
    /// The bound is the last place where a relaxed match ends, not where the relaxed DFA dies: a pattern with a gap
    /// of words before its last word (`cut\s+(?:\w+\s+){0,8}?ties`) can read on to the end of the sentence, but
    /// can only match up to its last `ties`. An exact attempt on a shorter stretch costs less (a backtracker clears
    /// a bit per NFA state and byte of it), and finds the same match: every match of the pattern is a relaxed match.
    fn reach(
        &self,
        cache: &mut hybrid::dfa::Cache,
        text: &str,
        within: Range<usize>,
        ends: &mut [Option<usize>],
    ) -> Result<(), ()> {
        ends.fill(None);
        let bytes = text.as_bytes();
        let config = start::Config::new()
            .anchored(Anchored::Yes)
            .look_behind(within.start.checked_sub(1).map(|i| bytes[i]));
        let mut state = self.reach.start_state(cache, &config).map_err(drop)?;
        // Matches show one byte late: a match state before the byte at `at` means a match ending at `at - 1`, so
        // `at` bounds it with a byte to spare.
        for at in within.clone() {
            if state.is_match() {
                self.note_matches(cache, state, at, ends);
            }
            if state.is_dead() {
                return Ok(());
            }
            if state.is_quit() {
                return Err(());
            }
            state = self
                .reach
                .next_state(cache, state, bytes[at])
                .map_err(drop)?;
        }
        let last = match bytes.get(within.end) {
            Some(&look_ahead) => self.reach.next_state(cache, state, look_ahead),
            None => self.reach.next_eoi_state(cache, state),
        }
        .map_err(drop)?;
        for matched in [state, last] {
            if matched.is_match() {
                self.note_matches(cache, matched, within.end, ends);
            }
        }
        Ok(())
    }

    /// Records `end` as the reach of every pattern that the reach DFA's match state `state` matches.
    fn note_matches(
        &self,
        cache: &hybrid::dfa::Cache,
        state: LazyStateID,
        end: usize,
        ends: &mut [Option<usize>],
    ) {
        for index in 0..self.reach.match_len(cache, state) {
            ends[self.reach.match_pattern(cache, state, index).as_usize()] = Some(end);
        }
    }

    /// The exact match of `pattern` anchored at `within.start` and ending within `within` (widened to a character
    /// boundary), if any: by the pattern's narrow form when the stretch [`reads_narrow`], else by the pattern.
    fn try_at(
        &self,
        text: &str,
        within: Range<usize>,
        pattern: usize,
        (exact, narrow_cache): (&mut AttemptCache, &mut AttemptCache),
    ) -> Option<PatternMatch> {
        let mut end = within.end;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let input = Input::new(text)
            .range(within.start..end)
            .anchored(Anchored::Yes);
        let rule = &self.patterns[pattern];
        let narrow = match reads_narrow(text, within.start..end) {
            true => self.narrow[pattern].regex(),
            false => None,
        };
        let (regex, (cache, captures)) = match narrow {
            Some(regex) => (
                regex,
                narrow_cache.get_or_insert_with(|| (regex.create_cache(), regex.create_captures())),
            ),
            None => {
                let regex = rule.regex();
                let caches =
                    exact.get_or_insert_with(|| (regex.create_cache(), regex.create_captures()));
                (regex, caches)
            }
        };
        // without a `value` group, the whole match is all there is to read: the lazy DFA alone finds it, with no
        // backtracker run for the groups
        let (span, value) = match rule.value_group() {
            None => (regex.search_with(cache, &input)?.range(), None),
            Some(group) => {
                regex.search_captures_with(cache, &input, captures);
                spans(captures, Some(group))?
            }
        };
        Some(PatternMatch {
            pattern,
            span,
            value,
        })
    }

    /// The plain way, one search per pattern over each paragraph: what [`Scanner::scan`] must equal, and what it
    /// falls back on should a DFA give up.
    pub fn scan_one_by_one(&self, text: &str) -> Vec<PatternMatch> {
        let plain = self.plain.get_or_init(|| {
            self.patterns
                .iter()
                .map(|p| meta::Regex::new(p.as_str()).map_err(|e| e.to_string()))
                .collect()
        });
        let Ok(plain) = plain else {
            return Vec::new();
        };
        let mut found: Vec<PatternMatch> = plain
            .iter()
            .zip(self.patterns.iter())
            .enumerate()
            .flat_map(|(pattern, (regex, rule))| {
                matches_by_paragraph(regex, rule.value_group(), text).map(move |(span, value)| {
                    PatternMatch {
                        pattern,
                        span,
                        value,
                    }
                })
            })
            .collect();
        found.sort_by_key(|m| (m.span.start, m.pattern));
        found
    }
}

/// A regex searched over whole short texts (sentences), in its [`narrow`] form on a text that [`reads_narrow`]: there
/// the lazy DFA keeps going where Unicode word boundaries across non-ASCII text would make it give up for a
/// backtracker. On other texts it is searched by a [`Scanner`] of its own, whose candidate DFA never gives up and
/// whose backtracker tries short stretches only: a backtracker over a whole sentence with a large regex (the date
/// phrases) costs a hundred times the lazy DFA's search. The same matches as the regex, whatever the text.
#[derive(Debug)]
pub struct SentenceRegex {
    regex: meta::Regex,
    narrow: Option<meta::Regex>,
    /// The pattern as parsed, for [`SentenceRegex::scanner`].
    pattern: (String, Hir),
    /// The regex alone in a scanner, made when a text first needs it; `None` when the regex can match the empty
    /// string (the scanner's attempts could not tell its empty matches apart) or too large a scanner.
    scanner: OnceLock<Option<Scanner>>,
}

impl SentenceRegex {
    /// Compiles `pattern`, and its narrow form (when that does not compile, the pattern is searched everywhere).
    pub fn new(pattern: &str) -> Result<SentenceRegex, String> {
        let hir = regex_syntax::parse(pattern).map_err(|e| e.to_string())?;
        let regex = meta::Regex::builder()
            .build_from_hir(&hir)
            .map_err(|e| e.to_string())?;
        let narrow = meta::Regex::builder().build_from_hir(&narrow(&hir)).ok();
        Ok(SentenceRegex {
            regex,
            narrow,
            pattern: (pattern.to_string(), hir),
            scanner: OnceLock::new(),
        })
    }

    /// The spans of the regex's successive non-overlapping matches in `text`.
    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        if let Some(narrow) = &self.narrow {
            if reads_narrow(text, 0..text.len()) {
                return narrow.find_iter(text).map(|m| m.range()).collect();
            }
        }
        // the scanner searches paragraph by paragraph: the same as one search when the text is one paragraph
        let one_paragraph =
            matches!(paragraphs(text).as_slice(), [only] if *only == (0..text.len()));
        match self.scanner() {
            Some(scanner) if one_paragraph => {
                scanner.scan(text).into_iter().map(|m| m.span).collect()
            }
            _ => self.regex.find_iter(text).map(|m| m.range()).collect(),
        }
    }

    /// The regex alone in a [`Scanner`], when it cannot match the empty string.
    fn scanner(&self) -> Option<&Scanner> {
        self.scanner
            .get_or_init(|| {
                let (text, hir) = &self.pattern;
                if hir.properties().minimum_len().unwrap_or(0) == 0 {
                    return None;
                }
                let pattern = RulePattern::from_hir(text.clone(), hir.clone()).ok()?;
                Scanner::new(&[pattern], &[0]).ok()
            })
            .as_ref()
    }
}

/// Every match of `regex` in `text`, found the plain way: one leftmost-first search per paragraph (see
/// [`paragraphs`]), with assertions seeing the text around it. Each match comes with the span of group
/// `value_group`, when it took part.
pub fn matches_by_paragraph<'a>(
    regex: &'a meta::Regex,
    value_group: Option<usize>,
    text: &'a str,
) -> impl Iterator<Item = (Range<usize>, Option<Range<usize>>)> + 'a {
    paragraphs(text).into_iter().flat_map(move |paragraph| {
        regex
            .captures_iter(Input::new(text).range(paragraph))
            .filter_map(move |captures| spans(&captures, value_group))
    })
}

/// The whole match that `captures` holds, if any, and the span of its group `value_group`.
fn spans(
    captures: &Captures,
    value_group: Option<usize>,
) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let whole = captures.get_match()?.range();
    let value = value_group
        .and_then(|group| captures.get_group(group))
        .map(|span| span.range());
    Some((whole, value))
}

/// The paragraphs of `text`: the stretches between blank lines (a line break, spaces or tabs, and another line
/// break; breaks are `\n`, `\r\n` or a lone `\r`), in order. No match crosses a blank line: a claim's words are
/// in one paragraph, and a pattern whose word runs could reach across would otherwise take one paragraph's date
/// for the next paragraph's event.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(found_at) = memchr::memchr2(b'\n', b'\r', &bytes[from..]) {
        let line_break = from + found_at;
        let mut next_line = after_line_break(bytes, line_break);
        let mut blank_lines = 0;
        loop {
            let indent = bytes[next_line..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            match bytes.get(next_line + indent) {
                Some(b'\n' | b'\r') => {
                    blank_lines += 1;
                    next_line = after_line_break(bytes, next_line + indent);
                }
                _ => break,
            }
        }
        if blank_lines > 0 {
            if line_break > start {
                found.push(start..line_break);
            }
            start = next_line;
        }
        from = next_line;
    }
    if start < bytes.len() {
        found.push(start..bytes.len());
    }
    found
}

/// Where the line after the line break at `at` (`\n`, `\r\n` or `\r`) starts.
fn after_line_break(bytes: &[u8], at: usize) -> usize {
    if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
        at + 2
    } else {
        at + 1
    }
}

/// One scan of a text with one set of candidate DFAs: their caches, and the matches found so far.
struct Pass<'a> {
    groups: &'a [Group],
    starts: &'a mut [hybrid::regex::Cache],
    reach: &'a mut hybrid::dfa::Cache,
    exact: &'a mut [AttemptCache],
    narrow: &'a mut [AttemptCache],
    /// For each pattern, where it may match next: its last match's end.
    free_from: Vec<usize>,
    /// For each pattern, how far its match at the candidate being tried can reach ([`Scanner::reach`]).
    reached: Vec<Option<usize>>,
    /// For each group, where its next candidate starts in the paragraph being scanned.
    next: Vec<Option<usize>>,
    found: Vec<PatternMatch>,
}

/// A pattern's [`narrow`] form: the pattern, and the narrow form made and compiled from it when first needed (a
/// check of a short text, or of one without candidates of the pattern, never needs it).
struct Narrow {
    pattern: Arc<Hir>,
    regex: OnceLock<Option<meta::Regex>>,
}

impl Narrow {
    /// The compiled narrow form; `None` when it does not compile (the pattern itself is tried instead).
    fn regex(&self) -> Option<&meta::Regex> {
        self.regex
            .get_or_init(|| compile_narrow(&narrow(&self.pattern)).ok())
            .as_ref()
    }
}

/// Whether a lazy DFA may give up when its cache is too small for the states a text needs.
#[derive(Clone, Copy)]
enum GiveUp {
    /// When it has cleared its cache three times and searched fewer than ten bytes per state it made since: it
    /// spends its time making states rather than searching with them. There is a slower way to fall back on.
    WhenThrashing,
    /// Never: when its cache fills, it clears it and goes on, slower but never wrong.
    Never,
}

/// The candidate DFA of the patterns `patterns` (indices into `widened`).
fn group(
    widened: &[Hir],
    patterns: Vec<usize>,
    cache: usize,
    give_up: GiveUp,
) -> Result<Group, String> {
    let hirs: Vec<&Hir> = patterns.iter().map(|&p| &widened[p]).collect();
    let starts = Arc::new(candidate_dfa(&hirs, cache, give_up)?);
    Ok(Group { patterns, starts })
}

/// One candidate DFA per claim, never giving up.
fn per_claim_groups(widened: &[Hir], claims: &[Vec<usize>]) -> Result<Vec<Group>, String> {
    claims
        .iter()
        .map(|patterns| group(widened, patterns.clone(), CLAIM_CACHE, GiveUp::Never))
        .collect()
}

/// Compiles a pattern for anchored attempts on short stretches: without lazy or full DFAs, so that it compiles
/// fast (one NFA, no reverse one) and its per-thread cache stays small (a backtracker's or a PikeVM's). No
/// prefilter either: an anchored attempt never uses one, and gathering the literals of a large pattern costs.
pub fn compile_exact(hir: &Hir) -> Result<meta::Regex, Box<meta::BuildError>> {
    build_exact(hir, Some(EXACT_SIZE_LIMIT))
}

/// The NFA size limit of [`compile_exact`], the regex crates' default.
const EXACT_SIZE_LIMIT: usize = 10 << 20;

/// [`compile_exact`] with an NFA size limit of `limit` bytes.
fn build_exact(hir: &Hir, limit: Option<usize>) -> Result<meta::Regex, Box<meta::BuildError>> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .hybrid(false)
                .dfa(false)
                .auto_prefilter(false)
                .nfa_size_limit(limit),
        )
        .build_from_hir(hir)
        .map_err(Box::new)
}

/// The index of the capture group named `name` in `hir`, if it has one.
fn capture_index(hir: &Hir, name: &str) -> Option<usize> {
    match hir.kind() {
        HirKind::Capture(capture) if capture.name.as_deref() == Some(name) => {
            Some(capture.index as usize)
        }
        HirKind::Capture(Capture { sub, .. }) | HirKind::Repetition(Repetition { sub, .. }) => {
            capture_index(sub, name)
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().find_map(|sub| capture_index(sub, name))
        }
        _ => None,
    }
}

/// Bytes the Thompson NFA builder counts for each state, at least (`size_of` of its state type).
const STATE_BYTES: usize = 32;
/// Bytes the builder counts for each transition of a state (`size_of` of its transition type), at least; an
/// alternative of a union state counts less.
const EDGE_BYTES: usize = 8;

/// An upper bound of the memory the Thompson NFA builder counts against its size limit when it compiles `hir`
/// forward, as [`compile_exact`] does. The builder counts its states and their transitions and alternatives; the
/// bound counts them as the compiler adds them, without the sharing it may find: a repetition compiles its
/// sub-pattern once per count, a Unicode class adds at most a state per node of the trie of its UTF-8 sequences
/// (the compiler shares the suffixes of that trie where it can), an alternation of literals at most two states per
/// byte. The states around the whole pattern (the search's unanchored start, the match) are given room.
fn nfa_bound(hir: &Hir) -> usize {
    let mut classes = BTreeMap::new();
    let size = nfa_size_bound(hir, &mut classes);
    (size.states + 16) * STATE_BYTES + (size.edges + 8) * EDGE_BYTES
}

/// Counts of a compiled pattern's parts, for [`nfa_bound`].
#[derive(Clone, Copy, Default)]
struct NfaSize {
    states: usize,
    /// Transitions and alternatives.
    edges: usize,
}

impl NfaSize {
    fn new(states: usize, edges: usize) -> NfaSize {
        NfaSize { states, edges }
    }

    fn plus(self, other: NfaSize) -> NfaSize {
        NfaSize::new(self.states + other.states, self.edges + other.edges)
    }

    fn times(self, n: usize) -> NfaSize {
        NfaSize::new(self.states * n, self.edges * n)
    }
}

/// [`nfa_bound`] of `hir` in states and edges; `classes` keeps what each Unicode class already seen costs.
fn nfa_size_bound(hir: &Hir, classes: &mut BTreeMap<Vec<ClassUnicodeRange>, NfaSize>) -> NfaSize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => NfaSize::new(1, 0),
        HirKind::Literal(literal) => NfaSize::new(literal.0.len() + 1, 0),
        HirKind::Class(Class::Bytes(class)) => NfaSize::new(2, class.ranges().len()),
        HirKind::Class(Class::Unicode(class)) if class.is_ascii() => {
            NfaSize::new(2, class.ranges().len())
        }
        HirKind::Class(Class::Unicode(class)) => match classes.get(class.ranges()) {
            Some(&size) => size,
            None => *classes
                .entry(class.ranges().to_vec())
                .or_insert(utf8_trie_size(class)),
        },
        HirKind::Capture(capture) => nfa_size_bound(&capture.sub, classes).plus(NfaSize::new(2, 0)),
        HirKind::Repetition(repetition) => {
            let count = repetition.max.unwrap_or(repetition.min).max(1) as usize;
            let each = nfa_size_bound(&repetition.sub, classes).plus(NfaSize::new(1, 2));
            each.times(count).plus(NfaSize::new(3, 2))
        }
        HirKind::Concat(subs) => sum_of_bounds(subs, classes).plus(NfaSize::new(1, 0)),
        HirKind::Alternation(subs) => {
            let all = sum_of_bounds(subs, classes);
            match subs
                .iter()
                .all(|sub| matches!(sub.kind(), HirKind::Literal(_)))
            {
                // compiled as a trie of the literals: per byte, a state and maybe a union
                true => NfaSize::new(2 * all.states + 3, 2 * all.states + subs.len()),
                false => all.plus(NfaSize::new(2, subs.len())),
            }
        }
    }
}

/// The sum of the [`nfa_size_bound`]s of `subs`.
fn sum_of_bounds(subs: &[Hir], classes: &mut BTreeMap<Vec<ClassUnicodeRange>, NfaSize>) -> NfaSize {
    subs.iter().fold(NfaSize::default(), |sum, sub| {
        sum.plus(nfa_size_bound(sub, classes))
    })
}

/// The states and transitions of a Unicode class compiled forward, at most: a state per node of the trie of its
/// UTF-8 sequences (which come sorted, so a sequence adds the nodes after its common prefix with the one before),
/// and the class's end.
fn utf8_trie_size(class: &ClassUnicode) -> NfaSize {
    let mut size = NfaSize::new(2, 0);
    let mut before: Option<regex_syntax::utf8::Utf8Sequence> = None;
    for sequence in class
        .iter()
        .flat_map(|range| regex_syntax::utf8::Utf8Sequences::new(range.start(), range.end()))
    {
        let shared = before.map_or(0, |b| {
            b.as_slice()
                .iter()
                .zip(sequence.as_slice())
                .take_while(|(a, b)| a == b)
                .count()
        });
        let added = sequence.len() - shared.min(sequence.len() - 1);
        size = size.plus(NfaSize::new(added - 1, added));
        before = Some(sequence);
    }
    size
}

/// Cache of the lazy DFA of each narrow form, per thread.
const NARROW_CACHE: usize = 1 << 20;

/// Compiles a [`narrow`] form for anchored attempts: with a lazy DFA, which its ASCII word boundaries allow. The
/// DFA finds whether and where an attempt matches, walking every choice of the pattern at once, and the
/// backtracker then reads the groups of the match found only; alone, the backtracker would try the pattern's
/// alternations (every form of every listed word) one after another at each word of the stretch. No prefilter, as
/// for [`compile_exact`].
fn compile_narrow(hir: &Hir) -> Result<meta::Regex, Box<meta::BuildError>> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .dfa(false)
                .auto_prefilter(false)
                .hybrid_cache_capacity(NARROW_CACHE),
        )
        .build_from_hir(hir)
        .map_err(Box::new)
}

/// Where the next match of one of `group`'s relaxed patterns within `range` of `text` starts; `Err` when the DFA
/// gave up (it is built never to).
fn candidate(
    group: &Group,
    cache: &mut hybrid::regex::Cache,
    text: &str,
    range: Range<usize>,
) -> Result<Option<usize>, ()> {
    if range.start > range.end {
        return Ok(None);
    }
    let input = Input::new(text).range(range);
    match group.starts.try_search(cache, &input) {
        Ok(found) => Ok(found.map(|m| m.start())),
        Err(_) => Err(()),
    }
}

/// The NFA of relaxed patterns, forward or (to find where a match starts) backward.
fn nfa<H: std::borrow::Borrow<Hir>>(hirs: &[H], reverse: bool) -> Result<thompson::NFA, String> {
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .which_captures(WhichCaptures::None)
                .reverse(reverse),
        )
        .build_many_from_hir(hirs)
        .map_err(|e| e.to_string())
}

/// A lazy DFA that gives up as `give_up` says.
fn lazy_dfa(
    config: hybrid::dfa::Config,
    nfa: thompson::NFA,
    give_up: GiveUp,
) -> Result<DFA, String> {
    let config = match give_up {
        GiveUp::WhenThrashing => config
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10)),
        GiveUp::Never => config.minimum_cache_clear_count(None),
    };
    hybrid::dfa::Builder::new()
        .configure(config)
        .build_from_nfa(nfa)
        .map_err(|e| e.to_string())
}

/// The leftmost-first search of relaxed patterns, with the backward DFA that finds where each match starts.
fn candidate_dfa(
    hirs: &[&Hir],
    cache: usize,
    give_up: GiveUp,
) -> Result<hybrid::regex::Regex, String> {
    let forward = lazy_dfa(
        DFA::config().cache_capacity(cache),
        nfa(hirs, false)?,
        give_up,
    )?;
    let backward = lazy_dfa(
        DFA::config()
            .match_kind(MatchKind::All)
            .specialize_start_states(false)
            .cache_capacity(cache),
        nfa(hirs, true)?,
        give_up,
    )?;
    Ok(hybrid::regex::Builder::new().build_from_dfas(forward, backward))
}

/// The same pattern without Unicode word-boundary assertions, capture groups or upper bounds on counted
/// repetitions: it matches wherever the pattern does, and more, with a much smaller DFA.
fn relax(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => relax_look(*look),
        HirKind::Capture(capture) => relax(&capture.sub),
        HirKind::Repetition(repetition) => {
            let open = repetition
                .max
                .is_some_and(|max| max >= repetition.min.saturating_add(2));
            Hir::repetition(Repetition {
                sub: Box::new(relax(&repetition.sub)),
                max: if open { None } else { repetition.max },
                ..repetition.clone()
            })
        }
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(relax).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(relax).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

/// The pattern as it reads text whose characters are all ASCII or non-word characters of [`KEPT_PUNCTUATION`]
/// (see [`reads_narrow`]): its classes and literals keep only ASCII and [`KEPT_PUNCTUATION`] (a literal naming
/// another character cannot match), and its Unicode word-boundary assertions become ASCII ones, which agree with
/// them on such text (its only word characters are ASCII letters, digits and `_`). Capture groups, their order and
/// every choice are kept, so on such text it gives the pattern's leftmost-first match and groups.
fn narrow(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Literal(literal) => match std::str::from_utf8(&literal.0) {
            Ok(text) if text.chars().all(is_narrow) => hir.clone(),
            _ => Hir::fail(),
        },
        HirKind::Class(Class::Unicode(class)) => {
            let mut kept = ClassUnicode::new([
                ClassUnicodeRange::new('\0', '\x7f'),
                ClassUnicodeRange::new(*KEPT_PUNCTUATION.start(), *KEPT_PUNCTUATION.end()),
            ]);
            kept.intersect(class);
            Hir::class(Class::Unicode(kept))
        }
        HirKind::Look(look) => Hir::look(ascii_look(*look)),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(narrow(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(narrow(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(narrow).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(narrow).collect()),
        HirKind::Empty | HirKind::Class(Class::Bytes(_)) => hir.clone(),
    }
}

/// A character that a [`narrow`] form keeps.
fn is_narrow(c: char) -> bool {
    c.is_ascii() || KEPT_PUNCTUATION.contains(&c)
}

/// The ASCII counterpart of a Unicode word-boundary assertion; other assertions as they are.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        look => look,
    }
}

/// True when a pattern's [`narrow`] form can stand for it on `stretch` of `text`: the stretch and the characters
/// just before and after it (which assertions look at) are ASCII, or punctuation of [`KEPT_PUNCTUATION`] that is
/// no word character.
fn reads_narrow(text: &str, stretch: Range<usize>) -> bool {
    let before = text[..stretch.start].chars().next_back();
    let after = text[stretch.end..].chars().next();
    let read = &text[stretch];
    let ascii = |c: Option<char>| c.is_none_or(|c| c.is_ascii());
    if read.is_ascii() && ascii(before) && ascii(after) {
        return true;
    }
    before
        .into_iter()
        .chain(read.chars())
        .chain(after)
        .all(|c| {
            c.is_ascii() || (KEPT_PUNCTUATION.contains(&c) && !regex_syntax::is_word_character(c))
        })
}

/// How many bytes of a pattern at least its [`opening`] keeps, where the pattern has that many.
const OPENING_BYTES: usize = 8;

/// The part of a pattern that every match of it starts with, of at least `need` bytes where it can be: the first
/// parts of a concatenation up to that length (the last of them an opening itself), an opening of each choice of
/// an alternation. Every place where the
/// pattern matches is a place where its opening does, so the candidate DFA can look for openings only: its
/// forward search then stops at the opening's end instead of reading through the whole match, and the reach DFA,
/// which has the whole pattern, says whether it can match there.
fn opening(hir: &Hir, need: usize) -> Hir {
    match hir.kind() {
        HirKind::Concat(parts) => {
            let mut kept = Vec::new();
            let mut have = 0;
            for part in parts {
                let len = part.properties().minimum_len().unwrap_or(0);
                if have + len >= need {
                    // The last part kept may be cut short itself, so nothing may follow it.
                    kept.push(opening(part, need - have));
                    break;
                }
                kept.push(part.clone());
                have += len;
            }
            Hir::concat(kept)
        }
        HirKind::Alternation(choices) => {
            Hir::alternation(choices.iter().map(|choice| opening(choice, need)).collect())
        }
        HirKind::Capture(capture) => opening(&capture.sub, need),
        _ => hir.clone(),
    }
}

/// Punctuation of the General Punctuation block (curly quotation marks, dashes, ellipsis), which a widened pattern
/// keeps as written: runs of words in a pattern must still stop at them, or a search would read on far past where
/// the pattern could match.
const KEPT_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// The same (relaxed) pattern with every non-ASCII character it names widened to any non-ASCII character outside
/// [`KEPT_PUNCTUATION`]: it matches wherever the pattern does, and more, with fewer kinds of bytes to tell apart.
fn widen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Literal(literal) => widen_literal(&literal.0),
        HirKind::Class(Class::Unicode(class)) => widen_class(class),
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(widen(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => widen(&capture.sub),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(widen).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(widen).collect()),
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => hir.clone(),
    }
}

/// A class's ASCII members, its members among [`KEPT_PUNCTUATION`], and any other non-ASCII character when it has
/// one. Read off the class's ranges in one pass: the classes of `(?i)` letters are many and small.
fn widen_class(class: &ClassUnicode) -> Hir {
    let clip = |range: &ClassUnicodeRange, from: char, to: char| {
        let (start, end) = (range.start().max(from), range.end().min(to));
        (start <= end).then(|| ClassUnicodeRange::new(start, end))
    };
    let (kept_from, kept_to) = (*KEPT_PUNCTUATION.start(), *KEPT_PUNCTUATION.end());
    let mut ascii = Vec::new();
    let mut kept = Vec::new();
    let mut others = false;
    for range in class.ranges() {
        ascii.extend(clip(range, '\0', '\x7f'));
        kept.extend(clip(range, kept_from, kept_to));
        let beyond_ascii = range.start().max('\u{80}');
        others |=
            beyond_ascii <= range.end() && (beyond_ascii < kept_from || range.end() > kept_to);
    }
    let mut parts = Vec::new();
    for part in [ascii, kept] {
        if !part.is_empty() {
            parts.push(Hir::class(Class::Unicode(ClassUnicode::new(part))));
        }
    }
    if others {
        parts.push(any_other_non_ascii_char());
    }
    Hir::alternation(parts)
}

/// A literal with each non-ASCII character in it, but those of [`KEPT_PUNCTUATION`], widened.
fn widen_literal(bytes: &[u8]) -> Hir {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Hir::literal(bytes);
    };
    let mut parts = Vec::new();
    let mut kept_from = 0;
    for (at, c) in text.char_indices() {
        if !c.is_ascii() && !KEPT_PUNCTUATION.contains(&c) {
            parts.push(Hir::literal(&bytes[kept_from..at]));
            parts.push(any_other_non_ascii_char());
            kept_from = at + c.len_utf8();
        }
    }
    parts.push(Hir::literal(&bytes[kept_from..]));
    Hir::concat(parts)
}

/// Any non-ASCII character outside [`KEPT_PUNCTUATION`], in UTF-8, and some invalid sequences, which a scanned text
/// never holds. Its matches start on a lead byte, so a widened pattern's matches start where a character does.
fn any_other_non_ascii_char() -> Hir {
    static ANY: OnceLock<Hir> = OnceLock::new();
    ANY.get_or_init(build_any_other_non_ascii_char).clone()
}

/// Builds [`any_other_non_ascii_char`].
fn build_any_other_non_ascii_char() -> Hir {
    let bytes = |ranges: &[(u8, u8)]| {
        Hir::class(Class::Bytes(ClassBytes::new(
            ranges
                .iter()
                .map(|&(from, to)| ClassBytesRange::new(from, to)),
        )))
    };
    let continuation = || bytes(&[(0x80, 0xBF)]);
    // U+2000..U+206F is E2 80 xx and E2 81 xx: every other sequence led by E2 goes on with 82..BF.
    Hir::alternation(vec![
        Hir::concat(vec![bytes(&[(0xC0, 0xDF)]), continuation()]),
        Hir::concat(vec![
            bytes(&[(0xE0, 0xE1), (0xE3, 0xEF)]),
            continuation(),
            continuation(),
        ]),
        Hir::concat(vec![
            bytes(&[(0xE2, 0xE2)]),
            bytes(&[(0x82, 0xBF)]),
            continuation(),
        ]),
        Hir::concat(vec![
            bytes(&[(0xF0, 0xFF)]),
            continuation(),
            continuation(),
            continuation(),
        ]),
    ])
}

/// A Unicode word-boundary assertion as what it implies of ASCII word characters, which a DFA can check without
/// giving up on non-ASCII text: where a Unicode boundary is, its two sides are not both ASCII word characters (they
/// would both be word characters); where a word starts, the character before is no ASCII word character; where one
/// ends, the character after. Other assertions are kept.
fn relax_look(look: Look) -> Hir {
    match look {
        Look::WordUnicode => Hir::alternation(vec![
            Hir::look(Look::WordStartHalfAscii),
            Hir::look(Look::WordEndHalfAscii),
        ]),
        Look::WordStartUnicode | Look::WordStartHalfUnicode => Hir::look(Look::WordStartHalfAscii),
        Look::WordEndUnicode | Look::WordEndHalfUnicode => Hir::look(Look::WordEndHalfAscii),
        Look::WordUnicodeNegate => Hir::empty(),
        look => Hir::look(look),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns shaped as the claims in words make them (gaps of words of the Unicode word class), and others.
    const SIZED: &[&str] = &[
        r"(?i)\b(?:troops?|soldiers?)(?:[\s,]+(?:(?:\w\.){2,}[\w'’-]*|[\w'’-]+)){0,24}?[\s,]+(?P<value>\d+)",
        r"(?i)\b(?:end|ended)(?:[\s,“”]+[\w'’-]+){0,8}?[\s,“”]+(?:relations?|ties)\b",
        "(?:alpha|beta|gamma|delta)[0-9]{2,5}",
        r"\p{Greek}+\s*(?:x|y)?z*",
    ];

    #[test]
    fn the_nfa_bound_holds_what_the_compiler_counts() {
        for pattern in SIZED {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            let bound = nfa_bound(&hir);
            assert!(build_exact(&hir, Some(bound)).is_ok(), "{pattern}: {bound}");
        }
        // and not much more, where word gaps make the pattern large
        for pattern in &SIZED[..2] {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            let bound = nfa_bound(&hir);
            assert!(
                build_exact(&hir, Some(bound * 2 / 3)).is_err(),
                "{pattern}: {bound}"
            );
        }
    }

    #[test]
    fn a_pattern_is_compiled_when_first_needed_and_one_over_the_limit_when_made() {
        let pattern = RulePattern::compile(SIZED[0]).unwrap();
        assert!(pattern.regex.get().is_none());
        assert!(pattern.regex().is_match("troops numbered 900"));
        assert_eq!(pattern.value_group(), Some(1));
        let too_big = RulePattern::compile(r"\w{2000}").unwrap_err();
        assert!(
            too_big.contains("compiles to more than the size limit"),
            "{too_big}"
        );
    }

    fn scanner(patterns: &[&str]) -> Scanner {
        let compiled: Vec<RulePattern> = patterns
            .iter()
            .map(|p| RulePattern::compile(p).unwrap())
            .collect();
        let one_group_each: Vec<usize> = (0..compiled.len()).map(|i| i % 2).collect();
        Scanner::new(&compiled, &one_group_each).unwrap()
    }

    #[test]
    fn scanning_once_finds_what_each_pattern_finds_alone() {
        let scanner = scanner(&[
            r"(?i)\b(?P<value>\d[\d,]*)\s+troops\b",
            r"(?i)\bmore\s+than\s+(?P<value>\d[\d,]*)",
            r"(?i)\btroops\b",
            r"(?i)(?:^|,\s*)(?P<value>\w+)\s+said",
            r"(?i)é\w*",
            r"(?i)\bcut\s+(?:\w+\s+){0,2}?ties\b",
            r"(?i)\d+(?:\s+troops)?$",
        ]);
        let text = "More than 1,000 troops, 20 troops; x5 troops. Écoutez: él said, café said troops’ 3 troops\n\
                    more than 12,000 troopsé 7 troops cut the old ties, cut a b c ties 42";
        let found = scanner.scan(text);
        assert_eq!(found.len(), 19);
        assert_eq!(found, scanner.scan_one_by_one(text));
        assert_eq!(
            found,
            scanner.scan_per_claim(&mut scanner.pool().get(), text)
        );
    }

    /// Patterns that name non-ASCII characters in every way the widened pass rewrites them: literals, classes
    /// with and without kept punctuation, case folding that reaches beyond ASCII (the Kelvin sign, the long s), and
    /// runs of words that must stop at curly quotation marks.
    fn non_ascii_scanner() -> Scanner {
        scanner(&[
            r"(?i)\bcaf[ée]\s+(?P<value>\w+)",
            r"(?i)(?P<value>\w+)’s\s+troops\b",
            r"(?i)\bdon[’']t\s+(?:[\w’-]+\s+){0,3}?ask\b",
            r"(?i)\bkilo\w*\s+[^“”\n]{1,12}”",
            r"(?i)«\s*(?P<value>[^»]+?)\s*»",
            r"(?i)\bso\s+—\s+\w+",
            r"(?i)\d+\s*(?:km|€|£)",
            r"(?i)(?P<value>[^\s“”,.]+)\s+troops\b",
        ])
    }

    proptest::proptest! {
        #[test]
        fn the_widened_pass_finds_what_each_pattern_finds_alone(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "café", "cafe", "CAFÉ", "Café", "naïve", "’s", "'s", "troops", "don’t", "don't", "ask", "kilo",
                "\u{212A}ilo", "\u{17F}o", "so", "—", "“", "”", "«", "»", "€", "£", "12", "3", "km", "🙂", "\u{a0}",
                ",", ".", "\n", " ", "Ñandú", "日本", "a‿b", "\u{200d}",
            ]), 0..40),
        ) {
            let text: String = words.concat();
            let scanner = non_ascii_scanner();
            let found = scanner.scan(&text);
            proptest::prop_assert_eq!(&found, &scanner.scan_one_by_one(&text));
            proptest::prop_assert_eq!(&found, &scanner.scan_per_claim(&mut scanner.pool().get(), &text));
        }
    }

    #[test]
    fn an_attempt_reaches_no_further_than_the_last_place_a_match_can_end() {
        let scanner = scanner(&[r"(?i)\bcut\s+(?:\w+\s+){0,8}?ties\b", r"(?i)\bthe\b"]);
        let text = "They cut the old ties then cut more ties and went on talking for a long while";
        let reached = |from: usize| {
            let pool = scanner.pool();
            let mut caches = pool.get();
            let mut ends = [Some(0), Some(0)];
            scanner
                .reach(&mut caches.reach, text, from..text.len(), &mut ends)
                .unwrap();
            ends
        };
        let last_ties = text.rfind("ties").unwrap() + "ties".len();
        assert_eq!(reached(5), [Some(last_ties + 1), None]);
        let the = text.find("the").unwrap();
        assert_eq!(reached(the), [None, Some(the + "the".len() + 1)]);
        assert_eq!(reached(text.rfind("talking").unwrap()), [None, None]);
    }

    #[test]
    fn narrow_forms_stand_in_on_ascii_and_punctuation_only() {
        let text = "troops’ “12” é5 a‿b x";
        let at = |word: &str| {
            let start = text.find(word).unwrap();
            start..start + word.len()
        };
        assert!(reads_narrow(text, at("troops’ “12”")));
        assert!(
            !reads_narrow(text, at("5")),
            "é before it is a word character"
        );
        assert!(
            !reads_narrow(text, at("a")),
            "‿ after it is a word character"
        );
        assert!(reads_narrow(text, at("x")));
        let hir = regex_syntax::parse(r"(?i)\b(?P<value>\w+)[’é]s?\B").unwrap();
        let narrowed = compile_exact(&narrow(&hir)).unwrap();
        let exact = compile_exact(&hir).unwrap();
        for haystack in ["kilo’s", "Kilo’", "kiloé", "ab’ss"] {
            assert_eq!(
                narrowed
                    .captures_iter(haystack)
                    .map(|c| c.get_group(1))
                    .collect::<Vec<_>>(),
                exact
                    .captures_iter(haystack)
                    .map(|c| c.get_group(1))
                    .collect::<Vec<_>>(),
                "{haystack}"
            );
        }
        assert!(
            !narrowed.is_match("\u{212A}ilo’s"),
            "the Kelvin sign is not kept"
        );
    }

    #[test]
    fn an_opening_matches_wherever_its_pattern_does() {
        let pattern = r"(?i)\b(?:cutting\s+off|ending)\s+(?:\w+\s+){0,2}?(?:relations|ties)\b";
        let hir = relax(&regex_syntax::parse(pattern).unwrap());
        let opened = opening(&hir, OPENING_BYTES);
        let opening_regex = regex_automata::meta::Regex::builder()
            .syntax(regex_automata::util::syntax::Config::new().utf8(false))
            .build_from_hir(&opened)
            .unwrap();
        let text = "Niger cutting off relations, ending old ties";
        let found: Vec<usize> = opening_regex.find_iter(text).map(|m| m.start()).collect();
        assert_eq!(found, [6, 29]);
        assert_eq!(opening(&hir, 4).properties().minimum_len(), Some(4));
        let scanner = scanner(&[pattern]);
        assert_eq!(scanner.scan(text).len(), 2);
        assert_eq!(scanner.scan(text), scanner.scan_one_by_one(text));
    }

    #[test]
    fn a_sentence_regex_finds_what_the_regex_finds() {
        let pattern = r"(?i)\b(?:by|on)\s+(?:\d{1,2}\s+)?(?:march|sept\.?)\b";
        let sentence_regex = SentenceRegex::new(pattern).unwrap();
        let regex = meta::Regex::new(pattern).unwrap();
        for sentence in [
            "Troops leave by March, officials said.",
            "“Troops leave by 15 March,” officials said — on Sept. 3 too.",
            "Ils partent by March’s end, éby March, by Marché",
            "by \u{212A}arch by March\u{200d}",
            "Ils partent by March.\n\nÉté: on 3 Sept",
            "Été by March\n \n",
            "by March\n\n",
        ] {
            let found: Vec<Range<usize>> = regex.find_iter(sentence).map(|m| m.range()).collect();
            assert_eq!(sentence_regex.find_all(sentence), found, "{sentence}");
        }
        assert!(sentence_regex.narrow.is_some());
        assert!(sentence_regex.scanner().is_some());
        let may_be_empty = SentenceRegex::new(r"(?i)\b\d*").unwrap();
        let regex = meta::Regex::new(r"(?i)\b\d*").unwrap();
        let sentence = "Été 12 é3 4é";
        let found: Vec<Range<usize>> = regex.find_iter(sentence).map(|m| m.range()).collect();
        assert_eq!(may_be_empty.find_all(sentence), found);
        assert!(may_be_empty.scanner().is_none());
    }

    #[test]
    fn a_class_widens_to_other_characters_only_when_it_has_some() {
        let widened = |pattern: &str| {
            let HirKind::Class(Class::Unicode(class)) =
                regex_syntax::parse(pattern).unwrap().into_kind()
            else {
                panic!("{pattern} is not a class");
            };
            regex_automata::meta::Regex::builder()
                .syntax(regex_automata::util::syntax::Config::new().utf8(false))
                .build_from_hir(&widen_class(&class))
                .unwrap()
        };
        // wholly ASCII, wholly kept punctuation: no other character
        for (pattern, matched, unmatched) in [
            ("[a-c]", "b", "é"),
            ("[\u{2010}-\u{2020}]", "\u{2014}", "é"),
            ("[\u{2030}-\u{2040}]", "\u{2030}", "\u{2014}"),
        ] {
            let regex = widened(pattern);
            assert!(regex.is_match(matched), "{pattern} {matched:?}");
            assert!(!regex.is_match(unmatched), "{pattern} {unmatched:?}");
        }
        // one range across ASCII, the characters before the kept punctuation, the kept punctuation and beyond
        let regex = widened("[y-\u{2001}]");
        for matched in ["z", "é", "\u{2000}", "\u{2001}", "日"] {
            assert!(regex.is_match(matched), "{matched:?}");
        }
        for unmatched in ["x", "\u{2002}"] {
            assert!(!regex.is_match(unmatched), "{unmatched:?}");
        }
        // beyond the kept punctuation only
        let regex = widened("[\u{3000}-\u{3001}]");
        assert!(regex.is_match("日") && !regex.is_match("\u{2014}") && !regex.is_match("a"));
    }

    #[test]
    fn widening_keeps_the_ascii_and_the_kept_punctuation_of_a_class() {
        let class = match regex_syntax::parse(r"(?i)[k’é-]").unwrap().into_kind() {
            HirKind::Class(Class::Unicode(class)) => class,
            other => panic!("not a class: {other:?}"),
        };
        let widened = widen_class(&class);
        let regex = regex_automata::meta::Regex::builder()
            .syntax(regex_automata::util::syntax::Config::new().utf8(false))
            .build_from_hir(&widened)
            .unwrap();
        for matched in ["k", "K", "-", "’", "é", "\u{212A}", "ñ", "日", "🙂"] {
            assert!(regex.is_match(matched), "{matched:?}");
        }
        for unmatched in ["x", "“", "—", "'"] {
            assert!(!regex.is_match(unmatched), "{unmatched:?}");
        }
    }

    #[test]
    fn paragraphs_end_at_blank_lines_whatever_the_line_breaks() {
        let text = "one\ntwo\n\nthree\r\n \t\r\nfour\r\rfive\n\n\n\n";
        let found: Vec<&str> = paragraphs(text).into_iter().map(|p| &text[p]).collect();
        assert_eq!(found, ["one\ntwo", "three", "four", "five"]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n \n").is_empty());
        assert_eq!(paragraphs("\n\nsix"), vec![2..5]);
    }

    #[test]
    fn no_match_crosses_a_blank_line() {
        let scanner = scanner(&[r"(?i)\b(?P<value>\d{4}),?\s+(?:[\w.]+\s+){0,8}?cancel\w*"]);
        for blank in ["\n\n", "\r\n\r\n", "\r\r", "\n \t\n"] {
            let text = format!("In 2023, the army took power.{blank}The junta cancelled the deal in 2024, cancelling");
            let found: Vec<&str> = scanner
                .scan(&text)
                .iter()
                .map(|m| &text[m.span.clone()])
                .collect();
            assert_eq!(found, ["2024, cancelling"], "{blank:?}");
            assert_eq!(scanner.scan(&text), scanner.scan_one_by_one(&text));
        }
        let one_paragraph = "In 2023, the army took power.\nThe junta cancelled";
        assert_eq!(scanner.scan(one_paragraph).len(), 1);
    }

    #[test]
    fn assertions_see_past_the_paragraph() {
        let scanner = scanner(&[r"(?i)\btroops$", r"(?im)\btroops$", r"(?i)^troops"]);
        let text = "troops\n\ntroops";
        let found: Vec<(usize, usize)> = scanner
            .scan(text)
            .iter()
            .map(|m| (m.pattern, m.span.start))
            .collect();
        assert_eq!(found, [(1, 0), (2, 0), (0, 8), (1, 8)]);
        assert_eq!(scanner.scan(text), scanner.scan_one_by_one(text));
    }

    #[test]
    fn word_boundaries_hold_next_to_non_ascii_letters() {
        let scanner = scanner(&[r"(?i)\b(?P<value>\d+)\b"]);
        let text = "é12 34é 56 ñ7ñ 8";
        let found: Vec<&str> = scanner
            .scan(text)
            .iter()
            .map(|m| &text[m.span.clone()])
            .collect();
        assert_eq!(found, ["56", "8"]);
    }
}
