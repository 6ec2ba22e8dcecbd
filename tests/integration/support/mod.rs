//! What the integration tests share: fixture sites ([`fixtures`]), parsers
//! of what a build wrote ([`parsers`]), pictures as phones and editors make
//! them ([`pictures`]) and `loa serve` as a child process ([`serve`]).

pub mod fixtures;
pub mod parsers;
pub mod pictures;
pub mod serve;

pub use fixtures::*;
/// Library-level tests read messages in English, the language they were
/// written in; the CLI tests run loa with `LOA_LANG=en` for the same reason.
pub use loa::messages::Lang::En;
pub use parsers::*;
