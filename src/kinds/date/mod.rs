//! Date claims: the date of an event, from phrases such as "no later than Sept. 15" or "mid-March", resolved to
//! day ranges.

mod grammar;

pub use grammar::*;
