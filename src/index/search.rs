//! The search index: static files that the theme's `search.js` reads, so
//! that a site on any static host can be searched without a server.
//!
//! Words are folded as residents type them on a phone: lower case, marks
//! off, `đ` as `d` (`Đất Đỏ` → `dat do`), and each word has one file,
//! `search/t/<word>.json`, so a query downloads the files of its words and
//! nothing else. A file lists, per article, how often the word is in its
//! title and in its body, and which spellings with diacritics it uses
//! (`đất`, `đặt`), so that a query typed with diacritics ranks exact
//! spellings first. Articles are numbered oldest first, so that publishing
//! a new article changes the files of its own words and no other (a site
//! rebuilt every day keeps most of its search files, and the caches of
//! its readers and its host keep them too). A word in most articles of a
//! large site is split into parts of [`PART_DOCS`] articles: its file holds
//! the newest part, so that the page shows the newest matches first, and
//! the older parts are fetched only when the reader asks for more. Per
//! article, `search/d/<n>.json` holds what a result shows.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::Index;
use crate::model::{ArticleId, ValidSite};

pub use crate::model::SEARCH_DIR;
/// Articles per part of a word's postings, when they are split.
pub const PART_DOCS: usize = 2500;
/// A word's postings are split into parts when they would take more than
/// this many bytes.
const SPLIT_BYTES: usize = 12_000;
/// Articles indexed at once.
const CHUNK_DOCS: usize = 256;
/// Characters of an article's text kept for the snippets of results.
const TEXT_CHARS: usize = 300;
/// Results per file of `search/d/`: the ten results of a page are spread
/// over up to ten files, each kept small (some 3 KB).
pub const DOCS_PER_FILE: usize = 5;
/// Longest word indexed (longer ones are identifiers, not words).
const LONGEST_WORD: usize = 40;
/// Spellings kept per word, each a bit of a posting.
const MOST_SPELLINGS: usize = 24;

/// Every search file of one language's view.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Document number → article: the view's articles, oldest first.
    pub docs: Vec<ArticleId>,
    /// Path under `search/` → JSON text: the words' files and the filters.
    pub files: BTreeMap<String, String>,
}

/// The folded form of `text`: what loa and `search.js` match.
pub fn fold(word: &str) -> String {
    crate::slug::slugify(word)
}

/// `text` cut into words: each as written (lower case) and folded.
#[cfg(test)]
pub fn words(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    raw_words(text).filter_map(word_forms)
}

/// The words of `text` as they are in it.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// A letter, digit or combining mark. Vietnamese text is nearly all ASCII
/// and the Latin blocks, answered without the Unicode tables (whose lookup
/// took a twentieth of a whole build).
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{bf}' => c.is_alphanumeric(),
        // Latin-1's letters (not × and ÷), Latin Extended-A and -B.
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        // Latin Extended Additional from Ạ to ỹ: the Vietnamese letters.
        '\u{1ea0}'..='\u{1ef9}' => true,
        _ => c.is_alphanumeric() || is_mark(c),
    }
}

/// A word as written (lower case, NFC) and folded; `None` for what is not
/// indexed.
fn word_forms(raw: &str) -> Option<(String, String)> {
    use unicode_normalization::UnicodeNormalization;
    let written: String = raw.nfc().flat_map(char::to_lowercase).collect();
    let folded = fold(&written);
    (!folded.is_empty() && folded.len() <= LONGEST_WORD && !folded.contains('-'))
        .then_some((written, folded))
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// The name of a word's file: the word itself when it is `a-z0-9`, else a
/// hash of it (as `search.js` computes it), so that every name is safe on
/// any host.
pub fn file_stem(folded: &str) -> String {
    if folded
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        folded.to_string()
    } else {
        // FNV-1a, 32 bits, over the UTF-8 bytes.
        let mut hash: u32 = 0x811c_9dc5;
        for byte in folded.bytes() {
            hash ^= u32::from(byte);
            hash = hash.wrapping_mul(0x0100_0193);
        }
        format!("_{hash:08x}")
    }
}

/// Base64url digits: five bits of a number each, the sixth says another
/// digit follows.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn push_number(out: &mut String, mut n: u64) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low | 32] as char);
    }
}

/// The numbers [`push_number`] wrote.
#[cfg(test)]
pub fn read_numbers(text: &str) -> Vec<u64> {
    let mut numbers = Vec::new();
    let (mut value, mut shift) = (0u64, 0);
    for c in text.bytes() {
        let digit = DIGITS.iter().position(|&d| d == c).unwrap_or(0) as u64;
        value |= (digit & 31) << shift;
        shift += 5;
        if digit < 32 {
            numbers.push(value);
            value = 0;
            shift = 0;
        }
    }
    numbers
}

/// One article's use of one word.
#[derive(Debug, Clone, Copy)]
struct Use {
    doc: u32,
    in_title: u16,
    in_body: u16,
    /// Bit i: the article writes the word as the i-th spelling met.
    spellings: u64,
}

/// Everything known of one word while indexing.
#[derive(Default)]
struct Word {
    folded: String,
    /// Spellings in the order they were first met; a use's bits point
    /// here. The files list them by how many articles use them, so that a
    /// rebuild after an edit writes what a new build writes.
    met: Vec<String>,
    /// In document order.
    uses: Vec<Use>,
}

/// Spellings of a word that get a bit of their own (a word spelled more
/// ways than this is a list of codes, not Vietnamese).
const MOST_MET: usize = 64;

impl Word {
    fn spelling_id(&mut self, written: &str) -> Option<u8> {
        let at = match self.met.iter().position(|s| s == written) {
            Some(at) => at,
            None if self.met.len() < MOST_MET => {
                self.met.push(written.to_string());
                self.met.len() - 1
            }
            None => return None,
        };
        Some(at as u8)
    }

    /// The spellings the files list (the most used first, at most
    /// [`MOST_SPELLINGS`]) and, per spelling met, its bit in the files.
    fn listed_spellings(&self) -> (Vec<&str>, [u32; MOST_MET]) {
        let mut docs = [0u32; MOST_MET];
        for used in &self.uses {
            let mut bits = used.spellings;
            while bits != 0 {
                docs[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
        let mut order: Vec<usize> = (0..self.met.len()).filter(|&i| docs[i] > 0).collect();
        order.sort_by(|&a, &b| docs[b].cmp(&docs[a]).then(self.met[a].cmp(&self.met[b])));
        order.truncate(MOST_SPELLINGS);
        let mut bit = [0u32; MOST_MET];
        for (n, &met) in order.iter().enumerate() {
            bit[met] = 1 << n;
        }
        (order.iter().map(|&i| self.met[i].as_str()).collect(), bit)
    }
}

/// An article's text to index (its title, a line break, its body) and its
/// distinct words as written: where each is in the text, whether in the
/// title, and how many times.
struct Counted {
    text: String,
    words: Vec<(u32, u32, bool, u32)>,
}

fn count_words(title: &str, body_html: &str) -> Counted {
    let mut text = String::with_capacity(title.len() + body_html.len() / 2);
    text.push_str(title);
    text.push('\n');
    let title_end = text.len();
    text.push_str(&plain_text(body_html));
    let base = text.as_ptr() as usize;
    let mut counted: HashMap<(&str, bool), (u32, u32)> = HashMap::default();
    for raw in raw_words(&text) {
        let start = raw.as_ptr() as usize - base;
        let entry = counted
            .entry((raw, start < title_end))
            .or_insert((start as u32, 0));
        entry.1 += 1;
    }
    let mut words: Vec<(u32, u32, bool, u32)> = counted
        .into_iter()
        .map(|((raw, in_title), (start, count))| (start, raw.len() as u32, in_title, count))
        .collect();
    // The order words are met in, so that spellings are numbered the same
    // in every build.
    words.sort_unstable();
    Counted { text, words }
}

const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "code", "del", "em", "i", "mark", "s", "small", "span", "strong", "sub",
    "sup", "u",
];

/// The plain text of an article's HTML: tags dropped, entities decoded,
/// white space collapsed.
pub fn plain_text(html: &str) -> String {
    plain_text_upto(html, usize::MAX)
}

/// The plain text of `html` up to about `limit` bytes: whole when it is
/// shorter, else a little more (never cut inside a character).
fn plain_text_upto(html: &str, limit: usize) -> String {
    let mut text = PlainText {
        out: String::with_capacity(html.len().min(limit) / 2 + 16),
        space: false,
    };
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_decoded(&rest[..open]);
        if text.out.len() > limit {
            return text.out;
        }
        let tag = rest[open + 1..].trim_start_matches('/');
        let name = &tag[..tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len())];
        // Inline tags (`strong`, `a`) join the words around them; the
        // others separate them.
        if !INLINE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            text.space = true;
        }
        rest = rest[open..]
            .find('>')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    text.push_decoded(rest);
    text.out
}

/// Text being collected: one space where the HTML had any white space.
struct PlainText {
    out: String,
    /// White space was met since the last character.
    space: bool,
}

impl PlainText {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = true;
        } else {
            if self.space && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push(c);
        }
    }

    /// Pushes `text` with its entities decoded.
    fn push_decoded(&mut self, text: &str) {
        let mut rest = text;
        while let Some(amp) = rest.find('&') {
            rest[..amp].chars().for_each(|c| self.push(c));
            rest = &rest[amp..];
            let end = rest.find(';').filter(|&e| e <= 10);
            match end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e))) {
                Some((c, e)) => {
                    self.push(c);
                    rest = &rest[e + 1..];
                }
                None => {
                    self.push('&');
                    rest = &rest[1..];
                }
            }
        }
        rest.chars().for_each(|c| self.push(c));
    }
}

/// The character of an entity's name (`amp`, `#39`, `#x41`).
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" | "#39" => Some('\''),
        "nbsp" => Some(' '),
        number => number
            .strip_prefix("#x")
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| number.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    }
}

/// The beginning of an article's text that results quote from.
pub fn snippet_text(html: &str) -> String {
    // Vietnamese takes up to three bytes a character.
    let text = plain_text_upto(html, TEXT_CHARS * 4);
    match text.char_indices().nth(TEXT_CHARS) {
        // Cut between words.
        Some((end, _)) => {
            let cut = text[..end].rfind(' ').unwrap_or(end);
            text[..cut].to_string()
        }
        None => text,
    }
}

/// A word's file (or entry in a shared file): its spellings, its postings
/// in titles and in bodies; what is as `search.js` assumes is left out.
#[derive(Serialize)]
struct WordFile<'a> {
    /// Spellings, lower case, by bit (left out when the only one is the
    /// folded word itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    v: Option<&'a [&'a str]>,
    /// Title postings (see [`postings`] and `search.js`) of the newest part.
    #[serde(skip_serializing_if = "str::is_empty")]
    t: &'a str,
    /// Body postings of the newest part.
    #[serde(skip_serializing_if = "str::is_empty")]
    b: &'a str,
    /// How many parts of [`PART_DOCS`] documents the postings have: this
    /// file holds the last, `search/t/<word>.<i>.json` the others, from
    /// part 0 (the oldest); left out when one.
    #[serde(skip_serializing_if = "is_one")]
    p: usize,
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// Postings as numbers: per use, the gap from the previous document and,
/// for a word written more than one way, the bits of the listed spellings
/// it uses (with one spelling, every use has it). How often a word is used
/// does not change the order of results, so it is not written.
fn postings<'a>(uses: impl Iterator<Item = &'a Use>, bit: &[u32; MOST_MET], bits: bool) -> String {
    let mut out = String::new();
    let mut previous = 0u32;
    let mut first = true;
    for used in uses {
        let gap = if first { used.doc } else { used.doc - previous };
        first = false;
        previous = used.doc;
        push_number(&mut out, u64::from(gap));
        if bits {
            let mut spellings = 0u32;
            let mut met = used.spellings;
            while met != 0 {
                spellings |= bit[met.trailing_zeros() as usize];
                met &= met - 1;
            }
            push_number(&mut out, u64::from(spellings));
        }
    }
    out
}

/// The words of one language's articles, kept between the builds of a
/// `serve` session: an edit that changes no listing re-counts the edited
/// articles and rewrites the files of their words only.
#[derive(Default)]
pub struct SearchState {
    words: Vec<Word>,
    word_ids: HashMap<String, u32>,
    /// Each word as written: its word and the spelling's number, found once
    /// per session.
    forms: HashMap<String, Option<(u32, Option<u8>)>>,
    /// Per document number, oldest first.
    docs: Vec<Doc>,
    /// Per word, its files (`None`: no article uses it any more).
    files: Vec<Option<WordFiles>>,
}

/// A numbered article and the words it was counted with.
struct Doc {
    id: ArticleId,
    /// Its file: ids change when an article is added before it.
    source: String,
    fingerprint: u64,
    words: Vec<u32>,
}

impl Doc {
    fn new(site: &ValidSite, id: ArticleId, words: Vec<u32>) -> Doc {
        let article = site.article(id);
        Doc {
            id,
            source: article.source.clone(),
            fingerprint: article.fingerprint,
            words,
        }
    }
}

/// The view's articles in document order: oldest first.
fn numbered(index: &Index) -> Vec<ArticleId> {
    index.newest.iter().rev().copied().collect()
}

impl std::fmt::Debug for SearchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchState")
            .field("words", &self.words.len())
            .field("docs", &self.docs.len())
            .finish_non_exhaustive()
    }
}

impl SearchState {
    /// Indexes every article of `index`, oldest first.
    pub fn new(site: &ValidSite, index: &Index) -> SearchState {
        use rayon::prelude::*;
        let mut state = SearchState::default();
        let count_chunk = |ids: &[ArticleId]| -> Vec<Counted> {
            ids.par_iter().map(|&id| count(site, id)).collect()
        };
        // A few hundred articles at a time (the words of all of them at
        // once took a gigabyte on a 10,000-article site); the words of one
        // chunk are added while the next one is counted.
        let order = numbered(index);
        let chunks: Vec<&[ArticleId]> = order.chunks(CHUNK_DOCS).collect();
        let mut counted = chunks.first().map_or_else(Vec::new, |ids| count_chunk(ids));
        for (chunk, ids) in chunks.iter().enumerate() {
            let (next, ()) = rayon::join(
                || {
                    chunks
                        .get(chunk + 1)
                        .map_or_else(Vec::new, |ids| count_chunk(ids))
                },
                || {
                    for (offset, (article, &id)) in counted.iter().zip(*ids).enumerate() {
                        let doc = (chunk * CHUNK_DOCS + offset) as u32;
                        let words = state.add(doc, article);
                        state.docs.push(Doc::new(site, id, words));
                    }
                },
            );
            counted = next;
        }
        state.files = state
            .words
            .par_iter()
            .map(|word| word_files(&word.folded, word))
            .collect();
        state
    }

    /// Brings the state up to date with `index`'s articles: re-counts the
    /// edited ones and those numbered after the first that moved (an
    /// article added, removed or redated is nearly always among the
    /// newest); `false` when that is most of them, and a new state is
    /// quicker.
    pub fn update(&mut self, site: &ValidSite, index: &Index) -> bool {
        use rayon::prelude::*;
        let order = numbered(index);
        let kept = self
            .docs
            .iter()
            .zip(&order)
            .take_while(|(doc, &id)| doc.source == site.article(id).source)
            .count();
        if kept < self.docs.len().max(order.len()) / 2 {
            return false;
        }
        let mut touched: Vec<u32> = Vec::new();
        // The documents past `kept` have the highest numbers: their uses
        // are the last of each word's.
        for doc in self.docs.drain(kept..) {
            for &word in &doc.words {
                let uses = &mut self.words[word as usize].uses;
                uses.truncate(uses.partition_point(|u| (u.doc as usize) < kept));
            }
            touched.extend(doc.words);
        }
        for (doc, &id) in self.docs.iter_mut().zip(&order) {
            doc.id = id;
        }
        let edited = (0..kept as u32).filter(|&doc| {
            site.article(order[doc as usize]).fingerprint != self.docs[doc as usize].fingerprint
        });
        let recount: Vec<u32> = edited.chain(kept as u32..order.len() as u32).collect();
        let counted: Vec<Counted> = recount
            .par_iter()
            .map(|&doc| count(site, order[doc as usize]))
            .collect();
        for (&doc, article) in recount.iter().zip(&counted) {
            let id = order[doc as usize];
            if let Some(old) = self.docs.get_mut(doc as usize) {
                let old_words = std::mem::take(&mut old.words);
                for &word in &old_words {
                    let uses = &mut self.words[word as usize].uses;
                    if let Ok(at) = uses.binary_search_by_key(&doc, |u| u.doc) {
                        uses.remove(at);
                    }
                }
                touched.extend(old_words);
                let new = self.add(doc, article);
                touched.extend(&new);
                self.docs[doc as usize] = Doc::new(site, id, new);
            } else {
                let new = self.add(doc, article);
                touched.extend(&new);
                self.docs.push(Doc::new(site, id, new));
            }
        }
        touched.sort_unstable();
        touched.dedup();
        self.files.resize_with(self.words.len(), || None);
        let made: Vec<(u32, Option<WordFiles>)> = touched
            .par_iter()
            .map(|&id| {
                let word = &self.words[id as usize];
                (id, word_files(&word.folded, word))
            })
            .collect();
        for (id, files) in made {
            self.files[id as usize] = files;
        }
        true
    }

    /// Adds document `doc`'s uses of its words; returns the words.
    fn add(&mut self, doc: u32, article: &Counted) -> Vec<u32> {
        // Sorted by word rather than gathered in a map: no hashing, and
        // the words come out in order.
        let mut uses: Vec<(u32, Use)> = Vec::with_capacity(article.words.len());
        for &(start, len, in_title, count) in &article.words {
            let raw = &article.text[start as usize..(start + len) as usize];
            let Some((id, spelling)) = self.form(raw) else {
                continue;
            };
            let count = u16::try_from(count).unwrap_or(u16::MAX);
            uses.push((
                id,
                Use {
                    doc,
                    in_title: if in_title { count } else { 0 },
                    in_body: if in_title { 0 } else { count },
                    spellings: spelling.map_or(0, |s| 1 << s),
                },
            ));
        }
        uses.sort_unstable_by_key(|(id, _)| *id);
        uses.dedup_by(|(id, later), (kept_id, kept)| {
            let same = id == kept_id;
            if same {
                kept.in_title = kept.in_title.saturating_add(later.in_title);
                kept.in_body = kept.in_body.saturating_add(later.in_body);
                kept.spellings |= later.spellings;
            }
            same
        });
        for &(id, used) in &uses {
            let word = &mut self.words[id as usize].uses;
            // A new state adds documents in order: no search for the place.
            if word.last().is_none_or(|u| u.doc < doc) {
                word.push(used);
            } else {
                let at = word.partition_point(|u| u.doc < doc);
                word.insert(at, used);
            }
        }
        uses.into_iter().map(|(id, _)| id).collect()
    }

    /// The word of `raw` and the number of its spelling (`None` past
    /// [`MOST_MET`] spellings); `None` for what is not indexed.
    fn form(&mut self, raw: &str) -> Option<(u32, Option<u8>)> {
        if let Some(form) = self.forms.get(raw) {
            return *form;
        }
        let form = word_forms(raw).map(|(written, folded)| {
            let next = self.words.len() as u32;
            let id = *self.word_ids.entry(folded.clone()).or_insert(next);
            if id == next {
                self.words.push(Word {
                    folded,
                    ..Word::default()
                });
            }
            (id, self.words[id as usize].spelling_id(&written))
        });
        self.forms.insert(raw.to_string(), form);
        form
    }

    /// The search files of the state, with the filters of `index`.
    pub fn index(&self, index: &Index) -> SearchIndex {
        let docs: Vec<ArticleId> = self.docs.iter().map(|d| d.id).collect();
        let mut files: BTreeMap<String, String> = BTreeMap::new();
        let mut shared: Vec<(&str, &str, &str)> = Vec::new();
        for (word, made) in self.words.iter().zip(&self.files) {
            match made {
                Some(WordFiles::Own(own)) => files.extend(own.iter().cloned()),
                Some(WordFiles::Shared { key, entry }) => {
                    shared.push((key, &word.folded, entry));
                }
                None => {}
            }
        }
        shared.sort_unstable();
        shared_files(&shared, 2, &mut files);
        filter_files(&docs, index, &mut files);
        SearchIndex { docs, files }
    }
}

fn count(site: &ValidSite, id: ArticleId) -> Counted {
    let article = site.article(id);
    count_words(&article.title, &article.body.html)
}

/// `f/district-<key>.json`, `f/category-<key>.json`: the document numbers
/// of each unit's and category's articles, to narrow results.
fn filter_files(docs: &[ArticleId], index: &Index, files: &mut BTreeMap<String, String>) {
    let number: HashMap<ArticleId, u32> = docs
        .iter()
        .enumerate()
        .map(|(n, &id)| (id, n as u32))
        .collect();
    for (kind, listings) in [
        ("district", &index.districts),
        ("category", &index.categories),
    ] {
        for listing in listings.iter() {
            let mut numbers: Vec<u32> = listing
                .articles
                .iter()
                .filter_map(|id| number.get(id).copied())
                .collect();
            numbers.sort_unstable();
            let mut text = String::new();
            let mut previous = 0;
            for (i, n) in numbers.iter().enumerate() {
                push_number(&mut text, u64::from(if i == 0 { *n } else { n - previous }));
                previous = *n;
            }
            files.insert(format!("f/{kind}-{}.json", listing.key), json_string(&text));
        }
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Where a word's postings go.
enum WordFiles {
    /// A word of at least [`OWN_FILE_DOCS`] articles: its file and the
    /// files of its later parts.
    Own(Vec<(String, String)>),
    /// A rarer word: its entry in a file shared with words whose file names
    /// begin alike (`key`: the name without its leading `_`).
    Shared { key: String, entry: String },
}

/// Articles that give a word a file of its own; rarer words share a file
/// per first letters of their file's name (`t/__ca.json`), which
/// `search.js` reads when a word has no file: a site of 10,000 articles
/// has some 10,000 words, most of them in a few articles.
const OWN_FILE_DOCS: usize = 48;

/// Bytes of a shared file past which its words go to files of one more
/// letter (`t/__57.json` → `t/__570.json` …), keeping in it only the words
/// no longer than its letters and `"_":1`, which tells `search.js` to look
/// further: numbers alone made files of 50 KB on a 100,000-article site.
const SHARED_FILE_BYTES: usize = 12_000;

/// The shared files of the rarer words, from two letters on, each
/// `(key, folded word, entry)` sorted by key.
fn shared_files(
    entries: &[(&str, &str, &str)],
    letters: usize,
    files: &mut BTreeMap<String, String>,
) {
    let prefix = |key: &str| key[..key.len().min(letters)].to_string();
    let mut start = 0;
    while start < entries.len() {
        let group = prefix(entries[start].0);
        let end = start
            + entries[start..]
                .iter()
                .take_while(|e| prefix(e.0) == group)
                .count();
        let members = &entries[start..end];
        let bytes: usize = members.iter().map(|e| e.2.len() + 1).sum();
        let (here, longer): (Vec<_>, Vec<_>) = if bytes > SHARED_FILE_BYTES {
            members.iter().partition(|e| e.0.len() <= letters)
        } else {
            (members.iter().collect(), Vec::new())
        };
        let mut text: Vec<&str> = here.iter().map(|e| e.2).collect();
        if !longer.is_empty() {
            text.insert(0, "\"_\":1");
            let longer: Vec<(&str, &str, &str)> = longer.into_iter().copied().collect();
            shared_files(&longer, letters + 1, files);
        }
        files.insert(
            format!("t/__{group}.json"),
            format!("{{{}}}", text.join(",")),
        );
        start = end;
    }
}

/// The file of a word, and the files of its later parts when it is split;
/// `None` for a word no article uses.
fn word_files(folded: &str, word: &Word) -> Option<WordFiles> {
    let last_doc = word.uses.last()?.doc as usize;
    let stem = file_stem(folded);
    let (spellings, bit) = word.listed_spellings();
    let bits = spellings.len() > 1;
    // Title and body postings of one part of the documents, or all.
    let postings_of = |part: Option<usize>| {
        let in_part = move |u: &&Use| part.is_none_or(|p| u.doc as usize / PART_DOCS == p);
        let uses = word.uses.iter().filter(in_part);
        (
            postings(uses.clone().filter(|u| u.in_title > 0), &bit, bits),
            postings(uses.filter(|u| u.in_body > 0), &bit, bits),
        )
    };
    let whole = postings_of(None);
    let parts = if whole.0.len() + whole.1.len() > SPLIT_BYTES {
        last_doc / PART_DOCS + 1
    } else {
        1
    };
    // The word's file holds its newest part, which the page reads first.
    let newest = if parts > 1 {
        postings_of(Some(parts - 1))
    } else {
        whole
    };
    let main = WordFile {
        v: (spellings != [folded]).then_some(&spellings[..]),
        t: &newest.0,
        b: &newest.1,
        p: parts,
    };
    let text = serde_json::to_string(&main).unwrap_or_default();
    if word.uses.len() < OWN_FILE_DOCS && parts == 1 {
        return Some(WordFiles::Shared {
            key: stem.trim_start_matches('_').to_string(),
            entry: format!("{}:{text}", json_string(folded)),
        });
    }
    let mut files = vec![(format!("t/{stem}.json"), text)];
    for part in 0..parts - 1 {
        let (t, b) = postings_of(Some(part));
        let later = WordFile {
            v: None,
            t: &t,
            b: &b,
            p: 1,
        };
        files.push((
            format!("t/{stem}.{part}.json"),
            serde_json::to_string(&later).unwrap_or_default(),
        ));
    }
    Some(WordFiles::Own(files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let mut text = String::new();
        let values = [
            0,
            1,
            31,
            32,
            1023,
            1024,
            5000,
            123_456_789,
            u64::from(u32::MAX),
        ];
        for n in values {
            push_number(&mut text, n);
        }
        assert_eq!(read_numbers(&text), values);
        // Small numbers take one digit.
        let mut one = String::new();
        push_number(&mut one, 31);
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn words_fold_as_residents_type() {
        let folded = |text: &str| words(text).map(|(_, f)| f).collect::<Vec<_>>();
        assert_eq!(folded("Đất Đỏ"), ["dat", "do"]);
        assert_eq!(folded("lừa đảo, CĂN CƯỚC!"), ["lua", "dao", "can", "cuoc"]);
        // Decomposed input (NFD) is the same word.
        assert_eq!(folded("lu\u{300}a"), ["lua"]);
        assert_eq!(
            folded("Nghị định 42/2022/NĐ-CP"),
            ["nghi", "dinh", "42", "2022", "nd", "cp"]
        );
        let written: Vec<String> = words("ĐẤT").map(|(w, _)| w).collect();
        assert_eq!(written, ["đất"]);
    }

    #[test]
    fn word_characters_are_unicode_letters_digits_and_marks() {
        // The quick answers agree with the Unicode tables.
        for c in ('\0'..='\u{2000}').chain('\u{1e00}'..='\u{1fff}') {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_mark(c),
                "{c:?} (U+{:04X})",
                c as u32
            );
        }
    }

    #[test]
    fn a_snippet_is_the_beginning_cut_between_words() {
        let html = format!("<p>{}</p>", "Cảnh giác lừa đảo. ".repeat(100));
        let snippet = snippet_text(&html);
        assert!(snippet.chars().count() <= TEXT_CHARS);
        assert!(snippet.chars().count() > TEXT_CHARS - 12);
        let whole = plain_text(&html);
        assert!(whole.starts_with(&snippet));
        assert!(whole[snippet.len()..].starts_with(' '), "cut between words");
        // A short text is whole.
        assert_eq!(snippet_text("<p>Tin &amp; ảnh</p>"), "Tin & ảnh");
    }

    /// Finds a rarer word's entry as `search.js` does.
    fn shared_entry(files: &BTreeMap<String, String>, folded: &str) -> Option<serde_json::Value> {
        let key = file_stem(folded).trim_start_matches('_').to_string();
        let mut letters = 2;
        loop {
            let name = format!("t/__{}.json", &key[..key.len().min(letters)]);
            let file: serde_json::Value = serde_json::from_str(files.get(&name)?).ok()?;
            if let Some(entry) = file.get(folded) {
                return Some(entry.clone());
            }
            if file.get("_").is_none() || key.len() <= letters {
                return None;
            }
            letters += 1;
        }
    }

    #[test]
    fn a_shared_file_too_large_passes_its_words_to_files_of_more_letters() {
        let words: Vec<String> = (0..2000).map(|n| format!("57{n}")).collect();
        let entries: Vec<String> = words
            .iter()
            .map(|w| format!("\"{w}\":{{\"t\":\"A\"}}"))
            .collect();
        let mut shared: Vec<(&str, &str, &str)> = words
            .iter()
            .zip(&entries)
            .map(|(w, e)| (w.as_str(), w.as_str(), e.as_str()))
            .chain([("ca", "ca", "\"ca\":{}")])
            .collect();
        shared.sort_unstable();
        let mut files = BTreeMap::new();
        shared_files(&shared, 2, &mut files);
        for word in words.iter().chain([&"ca".to_string()]) {
            assert!(shared_entry(&files, word).is_some(), "{word} is found");
        }
        assert!(shared_entry(&files, "5799999").is_none());
        assert!(files["t/__57.json"].starts_with("{\"_\":1"));
        assert!(files.contains_key("t/__570.json"));
        assert!(files
            .values()
            .all(|text| text.len() <= SHARED_FILE_BYTES + 100));
        // A small group stays in one file.
        assert_eq!(files["t/__ca.json"], "{\"ca\":{}}");
    }

    #[test]
    fn a_word_of_many_articles_is_split_in_parts_of_titles_and_bodies() {
        // Gaps of one take a digit each: 16,000 digits in all.
        let uses = (0..12_000)
            .map(|doc| Use {
                doc,
                in_title: u16::from(doc % 3 == 0),
                in_body: 1,
                spellings: 1,
            })
            .collect();
        let word = Word {
            folded: "dan".into(),
            met: vec!["dân".into()],
            uses,
        };
        let Some(WordFiles::Own(files)) = word_files("dan", &word) else {
            panic!("a file of its own");
        };
        let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
        // The word's own file holds the newest part (documents are numbered
        // oldest first), the others part 0 to 3.
        assert_eq!(
            names,
            [
                "t/dan.json",
                "t/dan.0.json",
                "t/dan.1.json",
                "t/dan.2.json",
                "t/dan.3.json"
            ]
        );
        let documents = |postings: &serde_json::Value| {
            let mut doc = 0;
            read_numbers(postings.as_str().unwrap_or_default())
                .iter()
                .enumerate()
                .map(|(i, &gap)| {
                    doc = if i == 0 { gap } else { doc + gap };
                    doc
                })
                .collect::<Vec<u64>>()
        };
        let parts = [4, 0, 1, 2, 3];
        for (&part, (_, text)) in parts.iter().zip(&files) {
            let file: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            let range = (part * PART_DOCS) as u64..((part + 1) * PART_DOCS).min(12_000) as u64;
            assert_eq!(documents(&file["b"]), range.clone().collect::<Vec<_>>());
            let titles: Vec<u64> = range.filter(|d| d % 3 == 0).collect();
            assert_eq!(documents(&file["t"]), titles);
        }
        let main: serde_json::Value = serde_json::from_str(&files[0].1).unwrap_or_default();
        assert_eq!(main["p"], 5);
        assert_eq!(main["v"], serde_json::json!(["dân"]));
    }

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(file_stem("dat"), "dat");
        assert_eq!(file_stem("2022"), "2022");
        // FNV-1a of the UTF-8 bytes, as search.js computes it (checked with
        // Python and with Node).
        assert_eq!(file_stem("\u{4e2d}"), "_b846d3f4");
    }

    #[test]
    fn plain_text_joins_inline_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<p>Tin của <strong>Đất Đỏ</strong>.</p><p>A &amp; B&#39;s &#x41;</p>"),
            "Tin của Đất Đỏ. A & B's A"
        );
    }
}
