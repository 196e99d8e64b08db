//! The phrase parsers on arbitrary phrases: no panic, and every value they return is well formed (intervals and day
//! ranges that start before they end, and that overlap themselves, so a mention never conflicts with itself).
#![no_main]

use factlint::kinds::date::{parse_date, parse_publication_date, Day};
use factlint::kinds::quantity::{parse_quantity, Tolerance};
use factlint::kinds::Value;
use jiff::civil::date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|phrase: &str| {
    let tolerances = [
        Tolerance::default(),
        Tolerance {
            approximate: 0.0,
            exact: 0.0,
        },
        Tolerance {
            approximate: 0.99,
            exact: 0.5,
        },
    ];
    for tolerance in tolerances {
        if let Some(quantity) = parse_quantity(phrase, tolerance) {
            let interval = quantity.interval;
            assert!(
                interval.min.value <= interval.max.value,
                "{phrase:?}: {interval:?}"
            );
            assert!(
                interval.overlaps(&interval),
                "{phrase:?} is empty: {interval:?}"
            );
            let value = Value::Quantity {
                quantity,
                as_of: None,
                revision: factlint::kinds::quantity::Revision::Current,
            };
            value.describe();
        }
    }
    let anchors = [
        None,
        Some(date(2024, 5, 20)),
        Some(date(-9999, 1, 1)),
        Some(date(9999, 12, 31)),
    ];
    for published in anchors {
        if let Ok(range) = parse_date(phrase, published) {
            if let (Day::Full(start), Day::Full(end)) = (range.start, range.end) {
                assert!(start <= end, "{phrase:?} at {published:?}: {range:?}");
            }
            assert!(
                range.overlaps(&range),
                "{phrase:?} at {published:?} is empty: {range:?}"
            );
            range.start.iso();
            range.midpoint();
        }
    }
    parse_publication_date(phrase);
});
