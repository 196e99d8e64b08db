//! Quantity claims: a number with its qualifier, from phrases such as "more than 1,000" or "some two dozen",
//! resolved to intervals of counts.

mod grammar;

pub use grammar::*;
