//! Every sentence loa says to a person, in the editor's language.
//!
//! The words live in one catalogue per language (`vi.toml`, `en.toml`),
//! so that a translator edits text, not code, and a test can prove both
//! catalogues say the same things. Code names a message by its id and
//! hands over named arguments ([`msg!`](crate::msg)); a [`Message`] keeps
//! them, so one diagnostic can be shown in Vietnamese on the terminal and in
//! English to a tool that asks for it.
//!
//! Ids at the top of a catalogue are the diagnostics' codes
//! (`unknown-district`); the tables below (`[help]`, `[cli]`, ...) are
//! flattened with a dot (`help.unknown-district`).

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// A language loa speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// The default: the editors are Vietnamese.
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The language of a code such as `vi`, `en` or `en-GB`: every kind
    /// of English is English, anything else Vietnamese, since loa has no
    /// third catalogue to offer.
    pub fn from_code(code: &str) -> Lang {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language asked for on the command line or in `LOA_LANG`
    /// (`--lang` wins), before the site is read.
    pub fn requested(args: &[String], env: Option<&str>) -> Option<Lang> {
        let mut flag = None;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--" {
                break;
            }
            if let Some(value) = arg.strip_prefix("--lang=") {
                flag = Some(value.to_string());
            } else if arg == "--lang" {
                flag = args.next().cloned();
            }
        }
        flag.as_deref()
            .or(env)
            .filter(|code| !code.trim().is_empty())
            .map(Lang::from_code)
    }
}

/// The process's language, for the places that print without being handed
/// one (`Display` of diagnostics and errors). Set once by the command line.
static CURRENT: AtomicU8 = AtomicU8::new(0);

pub fn set_language(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn language() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Vi,
    }
}

/// A value put into a message: text as it is, or another message rendered
/// in the same language (a date's reason inside "is not a date: ...").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Text(String),
    Message(Message),
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}
impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}
impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_string())
    }
}
impl From<&&str> for Arg {
    fn from(value: &&str) -> Self {
        Arg::Text(value.to_string())
    }
}
impl From<usize> for Arg {
    fn from(value: usize) -> Self {
        Arg::Text(value.to_string())
    }
}
impl From<u64> for Arg {
    fn from(value: u64) -> Self {
        Arg::Text(value.to_string())
    }
}
impl From<u16> for Arg {
    fn from(value: u16) -> Self {
        Arg::Text(value.to_string())
    }
}
impl From<std::path::Display<'_>> for Arg {
    fn from(value: std::path::Display<'_>) -> Self {
        Arg::Text(value.to_string())
    }
}
impl From<Message> for Arg {
    fn from(value: Message) -> Self {
        Arg::Message(value)
    }
}

/// A message id with its arguments, rendered when it is shown. Boxed: a
/// diagnostic holds two and travels in `Result`s, which stay small.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message(Box<Parts>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Parts {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
    /// For a count: picks `<id>.zero`, `<id>.one` or `<id>.other`.
    count: Option<usize>,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message(Box::new(Parts {
            id,
            args: Vec::new(),
            count: None,
        }))
    }

    /// `n` things as a person says it (`no warnings`, `1 warning`,
    /// `2 warnings`), from the table `[count.<what>]`; `{n}` is the number.
    pub fn count(id: &'static str, n: usize) -> Message {
        Message(Box::new(Parts {
            id,
            args: vec![("n", Arg::Text(n.to_string()))],
            count: Some(n),
        }))
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.0.args.push((name, value.into()));
        self
    }

    /// The id, which for a diagnostic's message is its machine code.
    pub fn id(&self) -> &'static str {
        self.0.id
    }

    /// In English, for tests that compare with the English catalogue.
    #[cfg(test)]
    pub(crate) fn en(&self) -> String {
        self.render(Lang::En)
    }

    pub fn render(&self, lang: Lang) -> String {
        let key;
        let id = match self.0.count {
            None => self.0.id,
            Some(n) => {
                let form = match n {
                    0 => "zero",
                    1 => "one",
                    _ => "other",
                };
                key = format!("{}.{form}", self.0.id);
                key.as_str()
            }
        };
        let Some(template) = catalogue(lang).get(id) else {
            // The catalogue test proves every id exists; if one slipped
            // through, the id still tells a person what went wrong.
            return self.0.id.to_string();
        };
        fill(template, |name| {
            self.0
                .args
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, value)| match value {
                    Arg::Text(text) => text.clone(),
                    Arg::Message(message) => message.render(lang),
                })
        })
    }
}

/// In the process's language ([`language`]).
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(language()))
    }
}

/// A [`Message`] from an id and `name = value` arguments:
/// `msg!("unknown-district", value = key)`. Ids are string literals so
/// that the catalogue test can find every one in the source.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new($id)
            $(.arg(stringify!($name), $crate::messages::Arg::from($value)))*
    };
}

// Named `crate::messages::msg` inside the crate, so that imports name the
// module that owns it; `loa::msg` outside.
pub use super::msg;

/// `template` with each `{name}` replaced by `value(name)`; a brace that
/// names no argument stays as written.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_end = after.find('}');
        let replaced = name_end
            .filter(|&end| is_name(&after[..end]))
            .and_then(|end| value(&after[..end]).map(|v| (end, v)));
        match replaced {
            Some((end, v)) => {
                out.push_str(&v);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

const VI: &str = include_str!("vi.toml");
const EN: &str = include_str!("en.toml");

fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static VI_TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    static EN_TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    match lang {
        Lang::Vi => VI_TABLE.get_or_init(|| parse(VI)),
        Lang::En => EN_TABLE.get_or_init(|| parse(EN)),
    }
}

/// The catalogue's ids and texts, tables flattened with dots. The files are
/// part of the program, and the unit tests parse both, so a mistake in one
/// fails `cargo test`, not an editor's build; here it leaves the table
/// empty and every message shows its id.
fn parse(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    if let Ok(table) = text.parse::<toml::Table>() {
        flatten("", &table, &mut out);
    }
    out
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (key, value) in table {
        let id = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                out.insert(id, text.clone());
            }
            toml::Value::Table(inner) => flatten(&id, inner, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
