//! The pictures beside the articles, made fit for the web once per
//! content: every JPEG, PNG and WebP file under `content/` goes through
//! [`images::process`], and what it makes is kept in a cache folder in the
//! site root ([`CACHE_DIR`]), outside the output. A build reads a picture
//! it has made before from there; a picture is processed again only when
//! its bytes or the `[images]` settings change.
//!
//! The cache folder holds one folder per picture and settings, named by
//! their hash, and a list of the sources' sizes and modification times
//! with their hashes (`stamps`), so that a build with nothing new reads no
//! picture at all. Folders that no build used are removed at the end of
//! the next one.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::ImageSettings;
use crate::content::{Asset, Content};
use crate::error::Error;
use crate::images::{self, Focus, Format, ImageProblem, Request};

/// The cache folder, in the site root: hidden, and never published.
pub const CACHE_DIR: &str = ".loa-cache";
const IMAGES_DIR: &str = "images";
const STAMPS_FILE: &str = "stamps";
const ENTRY_FILE: &str = "picture.txt";
/// Changes when loa makes pictures differently, so that no file made the
/// old way is taken for one made the new way: loa's version, the code that
/// makes them and the versions of the crates it uses (a development build
/// changes both without a new version).
fn recipe() -> &'static str {
    static RECIPE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    RECIPE.get_or_init(|| {
        let mut code = blake3::Hasher::new();
        code.update(include_str!("images.rs").as_bytes());
        code.update(include_str!("../Cargo.lock").as_bytes());
        let code = code.finalize().to_hex();
        format!("loa {} {}", env!("CARGO_PKG_VERSION"), &code[..16])
    })
}

/// Whether a file beside the articles is a picture loa makes smaller
/// copies of: JPEG, PNG and WebP; and the photo formats browsers do not
/// show (see [`UNSHOWN_FORMATS`]), so that their editor hears of it
/// instead of publishing a file residents cannot open. GIF (often moving),
/// SVG (drawn at any size) and AVIF are copied as they are.
pub fn is_picture(path: &str) -> bool {
    extension(path).is_some_and(|e| {
        ["jpg", "jpeg", "png", "webp"].contains(&e.as_str())
            || UNSHOWN_FORMATS.contains(&e.as_str())
    })
}

/// Photo formats no phone's browser shows: an iPhone's HEIC, TIFF, BMP.
const UNSHOWN_FORMATS: [&str; 5] = ["heic", "heif", "tif", "tiff", "bmp"];

fn extension(path: &str) -> Option<String> {
    path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
}

/// One file made from a picture, as published.
#[derive(Debug, Clone, PartialEq)]
pub struct PictureFile {
    /// Where it is published, relative to the output root
    /// (`hoat-dong/anh-480w.1a2b3c4d.webp`).
    pub path: String,
    pub format: Format,
    pub width: u32,
    pub height: u32,
    /// Its size in bytes.
    pub length: u64,
    /// The file in the cache it is copied from.
    cached: PathBuf,
}

impl PictureFile {
    /// Its URL from the site's root path: a space or a comma in a file's
    /// name would end the URL in a `srcset`, so they are escaped.
    pub fn url(&self, root_path: &str) -> String {
        const IN_SRCSET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
            .add(b' ')
            .add(b',')
            .add(b'"')
            .add(b'#')
            .add(b'?')
            .add(b'%');
        format!(
            "{root_path}{}",
            percent_encoding::utf8_percent_encode(&self.path, IN_SRCSET)
        )
    }
}

/// A picture and the files made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Its size once upright.
    pub width: u32,
    pub height: u32,
    /// Each width, narrowest first: the WebP file, then the JPEG or PNG.
    pub files: Vec<PictureFile>,
    /// Its link previews by focus.
    pub previews: BTreeMap<Focus, PictureFile>,
    /// The whole picture, published at the source's own path, when the
    /// site asks for originals.
    pub original: Option<PictureFile>,
}

impl Picture {
    /// The files of one format, narrowest first.
    fn of_format(&self, webp: bool) -> impl Iterator<Item = &PictureFile> {
        self.files
            .iter()
            .filter(move |f| (f.format == Format::Webp) == webp)
    }

    /// The JPEG or PNG file a browser without `<picture>` shows, and feeds
    /// carry: the narrowest at least `width` wide, or the widest there is.
    pub fn fallback(&self, width: u32) -> Option<&PictureFile> {
        self.of_format(false)
            .find(|f| f.width >= width)
            .or_else(|| self.of_format(false).last())
    }

    /// `url 480w, url 960w` for the files of one format.
    pub fn srcset(&self, root_path: &str, webp: bool) -> String {
        self.of_format(webp)
            .map(|f| format!("{} {}w", f.url(root_path), f.width))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The `<picture>` element showing it, `alt` and the URLs escaped. The
    /// lead picture of a page is fetched first; the others when scrolled
    /// near.
    pub fn html(&self, root_path: &str, alt: &str, sizes: &str, lead: bool) -> String {
        let Some(fallback) = self.fallback(FALLBACK_WIDTH) else {
            return String::new();
        };
        let attribute = crate::html::escape_attribute;
        let loading = if lead {
            "fetchpriority=\"high\""
        } else {
            "loading=\"lazy\""
        };
        format!(
            "<picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\">\
             <img src=\"{src}\" srcset=\"{srcset}\" sizes=\"{sizes}\" width=\"{width}\" \
             height=\"{height}\" alt=\"{alt}\" {loading} decoding=\"async\"></picture>",
            webp = attribute(&self.srcset(root_path, true)),
            sizes = attribute(sizes),
            src = attribute(&fallback.url(root_path)),
            srcset = attribute(&self.srcset(root_path, false)),
            width = self.width,
            height = self.height,
            alt = attribute(alt),
        )
    }

    /// Every file to publish.
    fn outputs(&self) -> impl Iterator<Item = &PictureFile> {
        self.files
            .iter()
            .chain(self.previews.values())
            .chain(self.original.iter())
    }
}

/// The width of the file an `<img src>` names and feeds carry: sharp in a
/// feed reader's column and on a phone, a tenth of a phone photo's bytes.
pub const FALLBACK_WIDTH: u32 = 960;

/// A picture, or why it cannot be shown.
pub type Found = Result<Arc<Picture>, ImageProblem>;

/// Every picture of the site, by content path.
#[derive(Debug, Default)]
pub struct Pictures {
    found: BTreeMap<String, Found>,
    /// Changes when any picture's files do: what a body that shows
    /// pictures is made of.
    pub fingerprint: u64,
}

impl Pictures {
    /// The picture at a content path: `None` when there is no picture
    /// file there.
    pub fn get(&self, path: &str) -> Option<Result<&Arc<Picture>, &ImageProblem>> {
        self.found.get(path).map(Result::as_ref)
    }

    /// Each published file made from a picture: its output path and the
    /// cache file it is copied from.
    pub fn outputs(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.found
            .values()
            .filter_map(|found| found.as_ref().ok())
            .flat_map(|picture| picture.outputs())
            .map(|file| (file.path.as_str(), file.cached.as_path()))
    }

    /// The pictures that could not be read, by content path.
    pub fn problems(&self) -> impl Iterator<Item = (&str, &ImageProblem)> {
        self.found
            .iter()
            .filter_map(|(path, found)| found.as_ref().err().map(|p| (path.as_str(), p)))
    }
}

/// What a serve session keeps between builds: each picture as the last
/// build made it, with the stamp of its source, so that a rebuild reads
/// only the pictures that changed.
#[derive(Debug, Default)]
pub struct PictureCache {
    kept: HashMap<String, Kept>,
}

#[derive(Debug, Clone)]
struct Kept {
    stamp: Option<Stamp>,
    request: Request,
    settings: ImageSettings,
    found: Found,
}

/// A source file's size and modification time: when both are the same,
/// so are its bytes (what version control and Hugo rely on too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Stamp {
    length: u64,
    modified_ns: u128,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        let modified = metadata.modified().ok()?;
        let modified_ns = modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            length: metadata.len(),
            modified_ns,
        })
    }
}

/// Whether a build may write the cache folder: `loa check` writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    ReadWrite,
    /// Pictures the cache does not have are made in memory and forgotten.
    ReadOnly,
}

/// Makes (or finds in the cache) every picture of `content`: the link
/// previews each needs by content path in `previews`. Pictures with the
/// same bytes are made once. Fails only when the cache folder cannot be
/// written.
pub fn prepare(
    root: &Path,
    content: &Content,
    settings: &ImageSettings,
    previews: &BTreeMap<String, BTreeSet<Focus>>,
    memory: &mut PictureCache,
    cache_use: CacheUse,
) -> Result<Pictures, Error> {
    let folder = root.join(CACHE_DIR).join(IMAGES_DIR);
    let writable = cache_use == CacheUse::ReadWrite;
    let sources: Vec<&Asset> = content
        .assets
        .iter()
        .filter(|a| is_picture(&a.path))
        .collect();
    if sources.is_empty() && !folder.exists() {
        memory.kept.clear();
        return Ok(Pictures::default());
    }
    if writable {
        std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    }
    let stamps = Stamps::read(&folder);
    let workshop = Workshop {
        folder: &folder,
        settings,
        settings_key: settings_key(settings),
        writable,
    };
    let wanted: Vec<Wanted> = sources
        .par_iter()
        .map(|asset| Wanted::new(asset, settings, previews, memory, &stamps))
        .collect();
    // One job per content, asking for what all its files need.
    let mut jobs: BTreeMap<&str, (&Path, Request)> = BTreeMap::new();
    for wanted in &wanted {
        if let (None, Some(Ok(hash))) = (&wanted.kept, &wanted.hash) {
            let (_, request) = jobs
                .entry(hash.as_str())
                .or_insert_with(|| (&wanted.asset.source, Request::default()));
            request.previews.extend(&wanted.request.previews);
            request.previews.sort_unstable();
            request.previews.dedup();
            request.original |= wanted.request.original;
        }
    }
    let listings: BTreeMap<&str, Result<Listing, ImageProblem>> = jobs
        .into_par_iter()
        .map(|(hash, (file, request))| Ok((hash, workshop.listing(hash, file, &request)?)))
        .collect::<Result<_, Error>>()?;
    let mut new_stamps = stamps.clone();
    let mut used = BTreeSet::new();
    let mut found = BTreeMap::new();
    let mut kept_now = HashMap::new();
    for wanted in &wanted {
        let path = wanted.asset.path.to_string();
        let kept = match &wanted.kept {
            Some(kept) => kept.clone(),
            None => {
                let picture = workshop.picture(wanted, &listings);
                if let (Some(stamp), Some(Ok(hash))) = (wanted.stamp, &wanted.hash) {
                    new_stamps.set(&path, stamp, hash.clone());
                }
                Kept {
                    stamp: wanted.stamp,
                    request: wanted.request.clone(),
                    settings: settings.clone(),
                    found: picture,
                }
            }
        };
        if let Some(entry) = kept.found.as_ref().ok().and_then(|p| p.entry()) {
            used.insert(entry.to_os_string());
        }
        found.insert(path.clone(), kept.found.clone());
        kept_now.insert(path, kept);
    }
    memory.kept = kept_now;
    new_stamps.retain(|path| found.contains_key(path));
    if writable {
        if new_stamps != stamps {
            new_stamps.write(&folder)?;
        }
        prune(&folder, &used);
    }
    let fingerprint = crate::hash::fingerprint(&found);
    Ok(Pictures { found, fingerprint })
}

/// A picture file of the site and what this build knows of it so far.
struct Wanted<'a> {
    asset: &'a Asset,
    request: Request,
    stamp: Option<Stamp>,
    /// As the last build of a serve session found it, when its file did
    /// not change since.
    kept: Option<Kept>,
    /// The hash of its bytes (`None` when kept).
    hash: Option<Result<String, ImageProblem>>,
}

impl<'a> Wanted<'a> {
    fn new(
        asset: &'a Asset,
        settings: &ImageSettings,
        previews: &BTreeMap<String, BTreeSet<Focus>>,
        memory: &PictureCache,
        stamps: &Stamps,
    ) -> Wanted<'a> {
        let request = Request {
            previews: previews
                .get(asset.path.as_str())
                .map(|focuses| focuses.iter().copied().collect())
                .unwrap_or_default(),
            original: settings.publish_originals,
        };
        let stamp = Stamp::of(&asset.source);
        let kept = memory
            .kept
            .get(asset.path.as_str())
            .filter(|k| {
                stamp.is_some()
                    && k.stamp == stamp
                    && k.request == request
                    && k.settings == *settings
            })
            .cloned();
        let hash = kept
            .is_none()
            .then(|| match stamp.and_then(|s| stamps.hash(&asset.path, s)) {
                Some(hash) => Ok(hash),
                None => std::fs::read(&asset.source)
                    .map(|bytes| content_hash(&bytes))
                    .map_err(|e| ImageProblem::Damaged(e.to_string())),
            });
        Wanted {
            asset,
            request,
            stamp,
            kept,
            hash,
        }
    }
}

/// What making the pictures needs to know.
struct Workshop<'a> {
    folder: &'a Path,
    settings: &'a ImageSettings,
    settings_key: String,
    writable: bool,
}

impl Workshop<'_> {
    fn entry(&self, hash: &str) -> PathBuf {
        self.folder.join(format!("{hash}-{}", self.settings_key))
    }

    /// The files of the picture with `hash`: from the cache when it has
    /// all that `request` asks for, else made from `file` now.
    fn listing(
        &self,
        hash: &str,
        file: &Path,
        request: &Request,
    ) -> Result<Result<Listing, ImageProblem>, Error> {
        let entry = self.entry(hash);
        if let Some(listing) = Listing::read(&entry).filter(|l| l.covers(request)) {
            return Ok(Ok(listing));
        }
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => return Ok(Err(ImageProblem::Damaged(e.to_string()))),
        };
        match images::process(&bytes, &self.settings.make, request) {
            Ok(processed) => Listing::write(&entry, request, processed, self.writable).map(Ok),
            Err(problem) => Ok(Err(problem)),
        }
    }

    /// The picture `wanted` names, from the files made of its content.
    fn picture(
        &self,
        wanted: &Wanted,
        listings: &BTreeMap<&str, Result<Listing, ImageProblem>>,
    ) -> Found {
        let path = wanted.asset.path.as_str();
        let hash = match &wanted.hash {
            Some(Ok(hash)) => hash,
            Some(Err(problem)) => return Err(problem.clone()),
            None => return Err(ImageProblem::NotAPicture),
        };
        match listings.get(hash.as_str()) {
            Some(Ok(listing)) => {
                let names = Names::new(path, hash, &self.settings_key);
                listing
                    .picture(&self.entry(hash), &names, &wanted.request)
                    .map(Arc::new)
                    .ok_or(ImageProblem::NotAPicture)
            }
            // Known by its name when loa cannot even tell it is a picture.
            Some(Err(problem)) => Err(match extension(path) {
                Some(name) if UNSHOWN_FORMATS.contains(&name.as_str()) => {
                    ImageProblem::Unsupported(name.to_uppercase())
                }
                _ => problem.clone(),
            }),
            None => Err(ImageProblem::NotAPicture),
        }
    }
}

impl Picture {
    /// The name of its folder in the cache.
    fn entry(&self) -> Option<&std::ffi::OsStr> {
        self.outputs()
            .next()
            .and_then(|file| file.cached.parent())
            .and_then(Path::file_name)
    }
}

impl std::hash::Hash for Picture {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for file in self.outputs() {
            file.path.hash(state);
            file.length.hash(state);
        }
    }
}

/// The hash of a picture's bytes the cache is keyed by: the same on every
/// machine and with every version of Rust, unlike [`std::hash`].
fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..32].to_string()
}

/// The hash of everything besides the bytes that decides what a picture
/// becomes.
fn settings_key(settings: &ImageSettings) -> String {
    let make = &settings.make;
    let text = format!(
        "{} widths={:?} jpeg={} webp={}",
        recipe(),
        make.widths,
        make.jpeg_quality,
        make.webp_quality
    );
    blake3::hash(text.as_bytes()).to_hex()[..8].to_string()
}

/// Where the files made from one picture are published: beside the
/// source, named after it, with the width and a hash of the bytes and
/// settings, so that a changed picture gets new addresses and browsers
/// never show the old one from their cache.
struct Names {
    /// `hoat-dong/anh`
    stem: String,
    /// `hoat-dong/anh.jpg`
    source: String,
    tag: String,
}

impl Names {
    fn new(content_path: &str, hash: &str, settings_key: &str) -> Names {
        let stem = content_path
            .rsplit_once('.')
            .map_or(content_path, |(stem, _)| stem);
        let tag =
            blake3::hash(format!("{hash}-{settings_key}").as_bytes()).to_hex()[..8].to_string();
        Names {
            stem: stem.to_string(),
            source: content_path.to_string(),
            tag,
        }
    }

    fn published(&self, file: &Listed) -> String {
        let (stem, tag) = (&self.stem, &self.tag);
        match file.kind {
            Kind::Size => format!("{stem}-{}w.{tag}.{}", file.width, file.format.extension()),
            Kind::Preview if file.focus == Focus::CENTRE => format!("{stem}-chia-se.{tag}.jpg"),
            Kind::Preview => format!("{stem}-chia-se-{}-{}.{tag}.jpg", file.focus.x, file.focus.y),
            Kind::Original => self.source.clone(),
        }
    }
}

/// What a file made from a picture is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Size,
    Preview,
    Original,
}

/// One file of a picture's folder in the cache.
#[derive(Debug, Clone, PartialEq)]
struct Listed {
    kind: Kind,
    format: Format,
    width: u32,
    height: u32,
    length: u64,
    /// A preview's focus (the centre for the others).
    focus: Focus,
}

impl Listed {
    /// Its name in the picture's folder.
    fn cached_name(&self) -> String {
        let extension = self.format.extension();
        match self.kind {
            Kind::Size => format!("size-{}.{extension}", self.width),
            Kind::Preview => format!("preview-{}-{}.jpg", self.focus.x, self.focus.y),
            Kind::Original => format!("original.{extension}"),
        }
    }
}

/// One picture's folder in the cache: its files and `picture.txt`, which
/// lists them and is written last, so that a folder without it is an
/// unfinished one.
#[derive(Debug, Clone, PartialEq)]
struct Listing {
    width: u32,
    height: u32,
    files: Vec<Listed>,
}

impl Listing {
    fn read(entry: &Path) -> Option<Listing> {
        let text = std::fs::read_to_string(entry.join(ENTRY_FILE)).ok()?;
        let mut lines = text.lines();
        let mut size = lines.next()?.split(' ');
        let (width, height) = (size.next()?.parse().ok()?, size.next()?.parse().ok()?);
        let files = lines.map(Listed::parse).collect::<Option<Vec<_>>>()?;
        Some(Listing {
            width,
            height,
            files,
        })
    }

    fn text(&self) -> String {
        let mut text = format!("{} {}\n", self.width, self.height);
        for file in &self.files {
            let kind = match file.kind {
                Kind::Size => "size",
                Kind::Preview => "preview",
                Kind::Original => "original",
            };
            text.push_str(&format!(
                "{kind} {} {} {} {} {} {}\n",
                file.format.extension(),
                file.width,
                file.height,
                file.length,
                file.focus.x,
                file.focus.y
            ));
        }
        text
    }

    /// Whether it has every file `request` asks for.
    fn covers(&self, request: &Request) -> bool {
        let has = |kind: Kind, focus: Focus| {
            self.files
                .iter()
                .any(|f| f.kind == kind && (kind != Kind::Preview || f.focus == focus))
        };
        request
            .previews
            .iter()
            .all(|&focus| has(Kind::Preview, focus))
            && (!request.original || has(Kind::Original, Focus::CENTRE))
    }

    /// The picture as published under `names`, with what `request` asks
    /// for; `None` when the folder lacks some of it.
    fn picture(&self, entry: &Path, names: &Names, request: &Request) -> Option<Picture> {
        if !self.covers(request) {
            return None;
        }
        let file = |listed: &Listed| PictureFile {
            path: names.published(listed),
            format: listed.format,
            width: listed.width,
            height: listed.height,
            length: listed.length,
            cached: entry.join(listed.cached_name()),
        };
        Some(Picture {
            width: self.width,
            height: self.height,
            files: self
                .files
                .iter()
                .filter(|f| f.kind == Kind::Size)
                .map(file)
                .collect(),
            previews: self
                .files
                .iter()
                .filter(|f| f.kind == Kind::Preview && request.previews.contains(&f.focus))
                .map(|f| (f.focus, file(f)))
                .collect(),
            original: self
                .files
                .iter()
                .find(|f| f.kind == Kind::Original && request.original)
                .map(file),
        })
    }

    /// Writes the files of `processed` into the picture's folder (unless
    /// the cache is only read) and lists them.
    fn write(
        entry: &Path,
        request: &Request,
        processed: images::Processed,
        writable: bool,
    ) -> Result<Listing, Error> {
        let mut listing = Listing {
            width: processed.width,
            height: processed.height,
            files: Vec::new(),
        };
        let previews = request.previews.iter().copied().zip(processed.previews);
        let made = processed
            .variants
            .into_iter()
            .map(|variant| (Kind::Size, Focus::CENTRE, variant))
            .chain(previews.map(|(focus, variant)| (Kind::Preview, focus, variant)))
            .chain(
                processed
                    .original
                    .map(|variant| (Kind::Original, Focus::CENTRE, variant)),
            );
        if writable {
            std::fs::create_dir_all(entry).map_err(|e| Error::io(entry, e))?;
        }
        for (kind, focus, variant) in made {
            let listed = Listed {
                kind,
                format: variant.format,
                width: variant.width,
                height: variant.height,
                length: variant.bytes.len() as u64,
                focus,
            };
            if writable {
                write_atomically(&entry.join(listed.cached_name()), &variant.bytes)?;
            }
            listing.files.push(listed);
        }
        if writable {
            write_atomically(&entry.join(ENTRY_FILE), listing.text().as_bytes())?;
        }
        Ok(listing)
    }
}

impl Listed {
    /// A line of `picture.txt`: `kind format width height length x y`.
    fn parse(line: &str) -> Option<Listed> {
        let fields: Vec<&str> = line.split(' ').collect();
        let [kind, extension, width, height, length, x, y] = fields[..] else {
            return None;
        };
        Some(Listed {
            kind: match kind {
                "size" => Kind::Size,
                "preview" => Kind::Preview,
                "original" => Kind::Original,
                _ => return None,
            },
            format: match extension {
                "webp" => Format::Webp,
                "jpg" => Format::Jpeg,
                "png" => Format::Png,
                _ => return None,
            },
            width: width.parse().ok()?,
            height: height.parse().ok()?,
            length: length.parse().ok()?,
            focus: Focus {
                x: x.parse().ok()?,
                y: y.parse().ok()?,
            },
        })
    }
}

/// Written beside and renamed into place: a build stopped halfway leaves
/// no half file that a later one would take for whole.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes).map_err(|e| Error::io(&partial, e))?;
    std::fs::rename(&partial, path).map_err(|e| Error::io(path, e))
}

/// The hashes of the sources as the last build read them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Stamps {
    by_path: BTreeMap<String, (Stamp, String)>,
}

impl Stamps {
    /// `length modified hash path` lines; a damaged file is an empty list
    /// (every picture is read once more).
    fn read(folder: &Path) -> Stamps {
        let text = std::fs::read_to_string(folder.join(STAMPS_FILE)).unwrap_or_default();
        let by_path = text
            .lines()
            .filter_map(|line| {
                let mut fields = line.splitn(4, ' ');
                let length = fields.next()?.parse().ok()?;
                let modified_ns = fields.next()?.parse().ok()?;
                let hash = fields.next()?.to_string();
                let path = fields.next()?.to_string();
                Some((
                    path,
                    (
                        Stamp {
                            length,
                            modified_ns,
                        },
                        hash,
                    ),
                ))
            })
            .collect();
        Stamps { by_path }
    }

    fn hash(&self, path: &str, stamp: Stamp) -> Option<String> {
        self.by_path
            .get(path)
            .filter(|(known, _)| *known == stamp)
            .map(|(_, hash)| hash.clone())
    }

    fn set(&mut self, path: &str, stamp: Stamp, hash: String) {
        self.by_path.insert(path.to_string(), (stamp, hash));
    }

    fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.by_path.retain(|path, _| keep(path));
    }

    fn write(&self, folder: &Path) -> Result<(), Error> {
        let text: String = self
            .by_path
            .iter()
            .map(|(path, (stamp, hash))| {
                format!("{} {} {hash} {path}\n", stamp.length, stamp.modified_ns)
            })
            .collect();
        write_atomically(&folder.join(STAMPS_FILE), text.as_bytes())
    }
}

/// Removes the folders of pictures this build did not use: pictures
/// deleted or changed, or made with other settings. Best effort: a folder
/// that cannot be removed is tried again next time.
fn prune(folder: &Path, used: &BTreeSet<std::ffi::OsString>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if entry.path().is_dir() && !used.contains(&name) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
