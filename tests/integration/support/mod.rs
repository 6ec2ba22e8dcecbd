//! What the integration tests share: fixture sites ([`fixtures`]), parsers
//! of what a build wrote ([`parsers`]) and `loa serve` as a child process
//! ([`serve`]).

pub mod fixtures;
pub mod parsers;
pub mod serve;

pub use fixtures::*;
pub use parsers::*;
