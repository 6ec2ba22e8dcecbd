//! `loa new` and `loa init`: files an editor starts from.
//!
//! `loa new` writes one article with its front matter filled in (title, the
//! date in the site's timezone, districts and category checked against
//! `site.toml`); `loa init` writes a whole new site: a commented `site.toml`,
//! a sample article and an about page. The site uses the default theme built
//! into loa; `loa init --with-theme` also writes a copy of it to edit.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Offset, Timelike, Utc};
use unicode_normalization::UnicodeNormalization;

use crate::config::SiteConfig;
use crate::config::BUILTIN_THEME;
use crate::messages::msg;
use crate::messages::Message;
use crate::slug::slugify;
use crate::theme::DEFAULT_THEME;
use crate::validate::{resolve_category, resolve_district};
use crate::yaml::yaml_quoted;

/// The folder of an article written on a site without categories: a
/// Vietnamese word for a Vietnamese site, as the URL shows it.
pub(crate) fn uncategorised_dir(language: &str) -> &'static str {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    if primary.eq_ignore_ascii_case("vi") {
        "bai-viet"
    } else {
        "articles"
    }
}

/// File names are cut to this many characters (at a dash): a long title
/// stays readable and under every file system's limit.
pub(crate) const MAX_SLUG_CHARS: usize = 80;

/// Why `loa new` or `loa init` did nothing.
#[derive(Debug)]
pub enum ScaffoldError {
    /// `site.toml` is missing or wrong, or a file could not be written.
    Site(crate::error::Error),
    /// What was asked cannot be done as asked: what and how to fix it.
    Refused {
        message: Message,
        help: Option<Message>,
    },
}

impl ScaffoldError {
    fn refused(message: Message, help: Message) -> Self {
        ScaffoldError::Refused {
            message,
            help: Some(help),
        }
    }
}

impl ScaffoldError {
    pub fn render(&self, lang: crate::messages::Lang) -> String {
        match self {
            ScaffoldError::Site(error) => error.render(lang),
            ScaffoldError::Refused { message, help } => {
                let mut text = msg!("cli.error", error = message.clone()).render(lang);
                if let Some(help) = help {
                    text.push('\n');
                    text.push_str(&msg!("cli.help-line", help = help.clone()).render(lang));
                }
                text
            }
        }
    }
}

/// In the process's language ([`crate::messages::language`]).
impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::messages::language()))
    }
}

impl std::error::Error for ScaffoldError {}

impl From<crate::error::Error> for ScaffoldError {
    fn from(error: crate::error::Error) -> Self {
        ScaffoldError::Site(error)
    }
}

/// What `loa new` is asked to write.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    pub title: String,
    /// Keys or names of districts (`xuyen-moc`, `Huyện Xuyên Mộc`).
    pub districts: Vec<String>,
    /// A category key or name.
    pub category: Option<String>,
    /// Legal documents the article explains: with a `laws.toml`, each a
    /// key, number or title with year of one of its documents; without
    /// one, free words.
    pub laws: Vec<String>,
}

/// What `loa new` wrote.
#[derive(Debug, Clone)]
pub struct Created {
    /// The file, under the site root given.
    pub path: PathBuf,
    /// The same path relative to the site root (`content/canh-bao/x.md`).
    pub relative: String,
    /// Things the editor should know (a district that no longer exists on
    /// this date): message and suggestion.
    pub warnings: Vec<(Message, Option<Message>)>,
    /// What `loa new` chose for the editor (the category, when none was
    /// given), to be said on the terminal.
    pub notes: Vec<Message>,
}

/// Reads and checks `site.toml` alone (the articles are not needed).
pub(crate) fn load_config(root: &Path) -> Result<SiteConfig, crate::error::Error> {
    SiteConfig::read(root).map_err(crate::error::Error::Content)
}

/// Writes `content/<category>/<slug of the title>.md` under
/// `root`, as a draft dated `now` (to the minute) in the site's timezone.
/// Never replaces an existing file.
pub fn new_article(
    root: &Path,
    request: &NewArticle,
    now: DateTime<Utc>,
) -> Result<Created, ScaffoldError> {
    let config = load_config(root)?;
    let title = clean_title(&request.title);
    let slug = file_slug(&title);
    if slug.is_empty() {
        return Err(ScaffoldError::refused(
            msg!("new.title-without-letters", title = request.title.trim()),
            msg!("help.new.title-without-letters"),
        ));
    }
    let date = minute(now.with_timezone(&config.timezone));

    let mut districts = Vec::new();
    let mut warnings = Vec::new();
    for value in &request.districts {
        let key = resolve_district(&config, value.trim(), Some(date)).map_err(|help| {
            ScaffoldError::Refused {
                message: msg!("unknown-district", value = value),
                help,
            }
        })?;
        if districts.contains(&key.0) {
            continue;
        }
        if let Some(warning) = crate::validate::outside_lifetime(&config, &key, date) {
            warnings.push(warning);
        }
        districts.push(key.0);
    }
    let mut notes = Vec::new();
    let category = match &request.category {
        Some(value) => Some(
            resolve_category(&config, value.trim())
                .map_err(|help| ScaffoldError::Refused {
                    message: msg!("unknown-category", value = value),
                    help,
                })?
                .0,
        ),
        // The first category, not an English `articles/` folder: its
        // folder is the article's URL on the site.
        None => config.categories.first().map(|first| {
            notes.push(msg!(
                "new.first-category",
                key = &first.key.0,
                name = &first.name
            ));
            first.key.0.clone()
        }),
    };
    let folder = match &category {
        Some(key) => key.as_str(),
        None => {
            let folder = uncategorised_dir(&config.language);
            notes.push(msg!("new.no-categories", folder = folder));
            folder
        }
    };
    let laws = cited_laws(root, &request.laws)?;
    let relative = format!("content/{folder}/{slug}.md");
    let path = root.join("content").join(folder).join(format!("{slug}.md"));
    let text = article_text(&title, date, &districts, category.as_deref(), &laws);
    write_new(&path, &relative, text.as_bytes())?;
    Ok(Created {
        path,
        relative,
        warnings,
        notes,
    })
}

/// The `laws:` entries of a new article. With a `laws.toml`, the key of
/// the document each value names, each once: the file then says exactly
/// which document is meant, whatever way the editor typed it. Without
/// one, the values as written (free tags, as before the register).
fn cited_laws(root: &Path, values: &[String]) -> Result<Vec<String>, ScaffoldError> {
    let values: Vec<&str> = values
        .iter()
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
        .collect();
    // Read only when asked: an article without --law does not depend on
    // laws.toml, even a broken one.
    let register = if values.is_empty() {
        None
    } else {
        crate::laws::read(root)
    };
    if let Some((_, diagnostics)) = &register {
        if !diagnostics.is_empty() {
            return Err(crate::error::Error::Content(diagnostics.clone()).into());
        }
    }
    let mut cited: Vec<String> = Vec::new();
    for value in values {
        let entry = match &register {
            None => value.to_string(),
            Some((register, _)) => register
                .resolve(value)
                .map_err(|closest| ScaffoldError::Refused {
                    message: msg!("unknown-law", value = value),
                    help: Some(register.unresolved_help(&closest)),
                })?
                .key
                .clone(),
        };
        if !cited.contains(&entry) {
            cited.push(entry);
        }
    }
    Ok(cited)
}

/// One line, NFC, without control characters or surrounding spaces.
fn clean_title(title: &str) -> String {
    let title: String = title.nfc().collect();
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control() && *c != '\u{feff}')
        .collect()
}

/// The slug of the title, cut at a dash to [`MAX_SLUG_CHARS`].
fn file_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.chars().count() <= MAX_SLUG_CHARS {
        return slug;
    }
    let cut: String = slug.chars().take(MAX_SLUG_CHARS + 1).collect();
    match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => cut.chars().take(MAX_SLUG_CHARS).collect(),
    }
}

fn minute(date: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    date.with_second(0)
        .and_then(|d| d.with_nanosecond(0))
        .unwrap_or(date)
}

fn format_date(date: DateTime<FixedOffset>) -> String {
    date.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The text of a new article: front matter, then a short guide to replace.
///
/// `laws` are keys of `laws.toml`, or free words on a site without one.
fn article_text(
    title: &str,
    date: DateTime<FixedOffset>,
    districts: &[String],
    category: Option<&str>,
    laws: &[String],
) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", yaml_quoted(title)));
    text.push_str(&format!("date: {}\n", format_date(date)));
    if districts.is_empty() {
        text.push_str("# districts: []  # để trống: toàn tỉnh\n");
    } else {
        text.push_str(&format!("districts: [{}]\n", districts.join(", ")));
    }
    match category {
        Some(key) => text.push_str(&format!("category: {key}\n")),
        // Only a site without categories has an article without one.
        None => text.push_str("# category:  # thêm chuyên mục vào site.toml trước\n"),
    }
    text.push_str("tags: []\n");
    if laws.is_empty() {
        text.push_str("# laws: []  # văn bản pháp luật bài viết giải thích\n");
    } else {
        // Quoted: a free word may hold a `#` or a `:`, and a key may be
        // all digits, which YAML would read as a number.
        let quoted: Vec<String> = laws.iter().map(|law| yaml_quoted(law)).collect();
        text.push_str(&format!("laws: [{}]\n", quoted.join(", ")));
    }
    text.push_str("author: \"\"\n");
    text.push_str("summary: \"\"\n");
    text.push_str("draft: true\n");
    text.push_str("---\n");
    text.push_str(ARTICLE_BODY);
    text
}

const ARTICLE_BODY: &str = "\
Viết đoạn mở đầu ở đây: một đến ba câu nêu điều quan trọng nhất. Khi không ghi `summary:`, đoạn này là phần tóm tắt trong RSS và khi chia sẻ lên Zalo, Facebook.

## Nội dung chính

Viết nội dung bài ở đây. Ảnh đặt cạnh tệp này, chèn bằng `![Mô tả ảnh](ten-anh.jpg)`.

Khi bài đã sẵn sàng, đổi `draft: true` thành `draft: false`.
";

/// Creates `path` with `bytes`, refusing to replace an existing file.
fn write_new(path: &Path, shown: &str, bytes: &[u8]) -> Result<(), ScaffoldError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| crate::error::Error::io(parent, e))?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(ScaffoldError::refused(
                msg!("new.exists", path = shown),
                msg!("help.new.exists"),
            ));
        }
        Err(e) => return Err(crate::error::Error::io(path, e).into()),
    };
    file.write_all(bytes)
        .map_err(|e| crate::error::Error::io(path, e).into())
}

/// The category of the site `loa init` writes, and so the folder of its
/// sample article.
pub(crate) const INIT_CATEGORY: &str = "tin-tuc";

/// Whether `loa init` writes a copy of the built-in theme into the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeCopy {
    /// The site uses the theme built into loa and gets its fixes with
    /// each new version.
    Builtin,
    /// `themes/default/` holds a copy to edit, which overrides the built-in
    /// theme file by file.
    Copied,
}

/// Writes a new site into `dir` (created if missing; refused unless empty):
/// `site.toml`, a sample article dated `now`, an about page, an empty
/// `static/` and, with [`ThemeCopy::Copied`], the default theme in
/// `themes/default/`. Returns the files written, relative to `dir`.
pub fn init_site(
    dir: &Path,
    now: DateTime<Utc>,
    theme: ThemeCopy,
) -> Result<Vec<String>, ScaffoldError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(ScaffoldError::refused(
                msg!("init.is-a-file", path = dir.display()),
                msg!("help.init.is-a-file"),
            ));
        }
        let not_empty = fs::read_dir(dir)
            .map_err(|e| crate::error::Error::io(dir, e))?
            .next()
            .is_some();
        if not_empty {
            return Err(ScaffoldError::refused(
                msg!("init.not-empty", path = dir.display()),
                msg!("help.init.not-empty"),
            ));
        }
    }
    let timezone = FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix());
    let date = format_date(minute(now.with_timezone(&timezone)));
    let sample = format!("content/{INIT_CATEGORY}/bai-viet-mau.md");
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("site.toml".into(), SITE_TOML.as_bytes().to_vec()),
        (sample, SAMPLE_ARTICLE.replace("{date}", &date).into_bytes()),
        (
            "content/pages/gioi-thieu.md".into(),
            ABOUT_PAGE.as_bytes().to_vec(),
        ),
    ];
    if theme == ThemeCopy::Copied {
        for (path, bytes) in DEFAULT_THEME {
            files.push((format!("themes/{BUILTIN_THEME}/{path}"), bytes.to_vec()));
        }
    }
    for (relative, bytes) in &files {
        write_new(&dir.join(relative), relative, bytes)?;
    }
    let static_dir = dir.join("static");
    fs::create_dir_all(&static_dir).map_err(|e| crate::error::Error::io(&static_dir, e))?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

const SITE_TOML: &str = r#"# Cấu hình trang thông tin, đọc bởi loa (hướng dẫn đầy đủ: docs/content.md của loa).
# Dòng bắt đầu bằng # là chú thích. Khóa lạ hoặc viết sai tên làm dừng build,
# kèm gợi ý khóa đúng.

# Tên trang: hiện ở đầu mọi trang và là tên của nguồn tin RSS.
title = "Công an tỉnh"
# Mô tả ngắn: thẻ meta description của trang chủ và mô tả của nguồn tin RSS.
description = "Tin hoạt động, tuyên truyền pháp luật và cảnh báo tội phạm"
# Địa chỉ trang khi đã đăng, không có dấu / ở cuối (có thể kèm đường dẫn:
# "https://congan.example.gov.vn/tin-tuc"). Dùng cho liên kết trong RSS, sitemap.
# Xem thử trên máy khác: loa build --base-url URL
base_url = "https://congan.example.gov.vn"
# Mã ngôn ngữ: "vi" (tiếng Việt) hoặc "en".
language = "vi"
# Múi giờ của ngày đăng không ghi độ lệch giờ (Việt Nam: +07:00).
timezone = "+07:00"
# Giao diện: "default" là giao diện có sẵn trong loa (được cập nhật cùng loa).
# Muốn sửa: chép nó vào themes/default/ (loa init --with-theme), rồi sửa hoặc
# xóa từng tệp; tệp nào không có ở đó thì lấy từ giao diện có sẵn.
theme = "default"
# Số bài trên mỗi trang danh sách (trang chủ, địa bàn, chuyên mục, thẻ).
per_page = 20
# Số bài mới nhất trong mỗi nguồn tin (RSS, Atom, JSON Feed).
feed_limit = 50
# true: ghi thêm /full.xml, nguồn RSS có mọi bài viết (lưu trữ cho người đọc).
feed_full = false
# Ảnh đại diện của nguồn tin: một tệp trong static/ hoặc static/ của giao diện.
# Bỏ trống: logo.png của giao diện.
# logo = "logo.png"
# false: HTML viết thẳng trong bài không được hiện (chỉ dùng Markdown) và loa
# cảnh báo. Chỉ bật khi mọi người viết bài đều tin cậy được.
allow_html = false

# Địa bàn: mỗi đơn vị hành chính là một bảng [[districts]]. "key" (chữ thường
# không dấu, số, dấu gạch ngang) dùng trong URL và trong trường districts của
# bài viết; bài viết cũng có thể ghi tên (không phân biệt hoa thường, có dấu
# hay không). Bài không ghi địa bàn là tin toàn tỉnh, có ở mọi địa bàn.
[[districts]]
key = "xuyen-moc"
name = "Huyện Xuyên Mộc"
# description = "Giới thiệu ngắn, hiện trên trang của địa bàn"
# Lịch sử địa giới (không bắt buộc; xem docs/content.md):
# level = "huyện"                  # cấp hành chính, hiện cho người đọc
# parent = "tinh"                  # đơn vị cấp trên: trang của nó gồm cả tin cấp dưới
# valid_from = 2020-01-01          # ngày đơn vị bắt đầu tồn tại
# valid_to = 2025-07-01            # ngày đơn vị kế nhiệm bắt đầu
# merged_into = ["xa-xuyen-moc"]   # đơn vị kế nhiệm (cần valid_to): người theo dõi
#                                  # đơn vị cũ vẫn nhận tin của chúng
# aliases = ["ten-cu"]             # key cũ của chính đơn vị này: URL, RSS cũ vẫn chạy

# Chuyên mục: mỗi bài viết có một chuyên mục (trường category), thường cũng là
# thư mục chứa bài trong content/.
[[categories]]
key = "tin-tuc"
name = "Tin tức – Hoạt động"
# description = "Giới thiệu ngắn, hiện trên trang của chuyên mục"
"#;

const SAMPLE_ARTICLE: &str = r#"---
title: "Bài viết mẫu: cách viết một bài trên trang"
date: {date}
districts: [xuyen-moc]           # để trống hoặc bỏ dòng này: tin toàn tỉnh
category: tin-tuc
tags: [hướng dẫn]
author: "Ban biên tập"
summary: "Bài viết mẫu do loa init tạo ra: cách ghi tiêu đề, ngày đăng, địa bàn, chuyên mục và nội dung."
---
Đây là bài viết mẫu. Phần giữa hai dòng `---` ở đầu tệp ghi tiêu đề, ngày đăng, địa bàn, chuyên mục và thẻ của bài; phần dưới là nội dung, viết bằng Markdown.

## Viết nội dung

- Đoạn văn cách nhau một dòng trống.
- Chữ **đậm** viết trong hai cặp dấu sao.
- Liên kết tới bài khác theo tên tệp, như [trang giới thiệu](@/pages/gioi-thieu.md): loa kiểm tra liên kết khi build.

## Bài mới

Tạo bài mới bằng lệnh `loa new "Tiêu đề bài viết"`, xem thử bằng `loa serve`, kiểm tra bằng `loa check`. Xóa bài mẫu này khi không cần nữa.
"#;

const ABOUT_PAGE: &str = r#"---
title: "Giới thiệu"
summary: "Giới thiệu trang thông tin."
---
Trang thông tin tuyên truyền pháp luật và cảnh báo tội phạm. Sửa nội dung trang này trong tệp `content/pages/gioi-thieu.md`.

## Liên hệ

Ghi địa chỉ, số điện thoại trực ban và địa chỉ thư điện tử ở đây.
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const CONFIG: &str = "title = \"T\"\nbase_url = \"https://e.org\"\n\
        [[districts]]\nkey = \"xuyen-moc\"\nname = \"Huyện Xuyên Mộc\"\n\
        [[categories]]\nkey = \"canh-bao\"\nname = \"Cảnh báo\"\n";

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("site.toml"), CONFIG).unwrap();
        dir
    }

    fn now() -> DateTime<Utc> {
        // 14:05:37 in Vietnam.
        Utc.with_ymd_and_hms(2026, 11, 29, 7, 5, 37).unwrap()
    }

    fn request(title: &str) -> NewArticle {
        NewArticle {
            title: title.into(),
            ..NewArticle::default()
        }
    }

    #[test]
    fn new_article_fills_in_the_front_matter() {
        let dir = site();
        let request = NewArticle {
            title: "Cảnh báo \"lừa đảo\" qua mạng \\ Zalo".into(),
            districts: vec!["Xuyên Mộc".into()],
            category: Some("Cảnh báo".into()),
            laws: vec![],
        };
        let created = new_article(dir.path(), &request, now()).unwrap();
        assert_eq!(
            created.relative,
            "content/canh-bao/canh-bao-lua-dao-qua-mang-zalo.md"
        );
        let text = fs::read_to_string(&created.path).unwrap();
        assert!(
            text.starts_with(
                "---\ntitle: \"Cảnh báo \\\"lừa đảo\\\" qua mạng \\\\ Zalo\"\n\
                 date: 2026-11-29T14:05:00+07:00\ndistricts: [xuyen-moc]\ncategory: canh-bao\n\
                 tags: []\n# laws: []  # văn bản pháp luật bài viết giải thích\n\
                 author: \"\"\nsummary: \"\"\ndraft: true\n---\n"
            ),
            "{text}"
        );
        let front: serde_yaml::Value =
            serde_yaml::from_str(text.split("---\n").nth(1).unwrap()).unwrap();
        assert_eq!(front["title"], "Cảnh báo \"lừa đảo\" qua mạng \\ Zalo");
    }

    #[test]
    fn without_a_category_the_first_one_is_taken_and_said() {
        let dir = site();
        let created = new_article(dir.path(), &request("Tin mới"), now()).unwrap();
        assert_eq!(created.relative, "content/canh-bao/tin-moi.md");
        let text = fs::read_to_string(&created.path).unwrap();
        assert!(text.contains("\n# districts: []  # để trống: toàn tỉnh\n"));
        assert!(text.contains("\ncategory: canh-bao\n"), "{text}");
        assert_eq!(
            created.notes.iter().map(Message::en).collect::<Vec<_>>(),
            ["no --category: using the first category, canh-bao (Cảnh báo)"]
        );
    }

    #[test]
    fn a_site_without_categories_gets_a_folder_in_its_language() {
        for (language, folder) in [("vi", "bai-viet"), ("en", "articles")] {
            let dir = tempfile::tempdir().unwrap();
            let config =
                format!("title = \"T\"\nbase_url = \"https://e.org\"\nlanguage = \"{language}\"\n");
            fs::write(dir.path().join("site.toml"), config).unwrap();
            let created = new_article(dir.path(), &request("Tin mới"), now()).unwrap();
            assert_eq!(created.relative, format!("content/{folder}/tin-moi.md"));
            let text = fs::read_to_string(&created.path).unwrap();
            assert!(text.contains("\n# category:  #"), "{text}");
            assert_eq!(created.notes.len(), 1);
            assert!(
                created.notes[0]
                    .render(crate::messages::Lang::En)
                    .starts_with(&format!(
                    "no --category, and site.toml has no categories: writing to content/{folder}/"
                )),
                "{:?}",
                created.notes
            );
        }
    }

    #[test]
    fn refuses_to_overwrite() {
        let dir = site();
        new_article(dir.path(), &request("Tin mới"), now()).unwrap();
        let path = dir.path().join("content/canh-bao/tin-moi.md");
        fs::write(&path, "mine").unwrap();
        let error = new_article(dir.path(), &request("Tin  MỚI"), now()).unwrap_err();
        assert!(
            error
                .render(crate::messages::Lang::En)
                .starts_with("error: content/canh-bao/tin-moi.md already exists"),
            "{error}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
    }

    #[test]
    fn unknown_district_or_category_is_refused_with_a_suggestion() {
        let dir = site();
        let bad = NewArticle {
            title: "A".into(),
            districts: vec!["xuyen-mok".into()],
            category: None,
            laws: vec![],
        };
        let error = new_article(dir.path(), &bad, now()).unwrap_err();
        assert_eq!(
            error.render(crate::messages::Lang::En),
            "error: unknown district `xuyen-mok`\n  help: did you mean `xuyen-moc`?"
        );
        let bad = NewArticle {
            title: "A".into(),
            districts: vec![],
            category: Some("canh-bo".into()),
            laws: vec![],
        };
        let error = new_article(dir.path(), &bad, now()).unwrap_err();
        assert_eq!(
            error.render(crate::messages::Lang::En),
            "error: unknown category `canh-bo`\n  help: did you mean `canh-bao`?"
        );
        assert!(!dir.path().join("content").exists());
    }

    #[test]
    fn a_unit_that_ended_is_accepted_with_its_successor_suggested() {
        let dir = tempfile::tempdir().unwrap();
        let config = "title = \"T\"\nbase_url = \"https://e.org\"\n\
            [[districts]]\nkey = \"xuyen-moc\"\nname = \"Huyện Xuyên Mộc\"\n\
            valid_to = 2025-07-01\nmerged_into = [\"xa-xuyen-moc\"]\n\
            [[districts]]\nkey = \"xa-xuyen-moc\"\nname = \"Xã Xuyên Mộc\"\n\
            valid_from = 2025-07-01\n";
        fs::write(dir.path().join("site.toml"), config).unwrap();
        let request = NewArticle {
            title: "Tin xã".into(),
            districts: vec!["xuyen-moc".into(), "Xuyên Mộc".into()],
            category: None,
            laws: vec![],
        };
        let created = new_article(dir.path(), &request, now()).unwrap();
        let text = fs::read_to_string(&created.path).unwrap();
        // The name is the unit that exists today; the key is kept as written.
        assert!(
            text.contains("\ndistricts: [xuyen-moc, xa-xuyen-moc]\n"),
            "{text}"
        );
        assert_eq!(created.warnings.len(), 1, "{:?}", created.warnings);
        assert!(created.warnings[0]
            .0
            .render(crate::messages::Lang::En)
            .contains("merged into `xa-xuyen-moc`"));
    }

    const LAWS: &str = "[[laws]]\nkey = \"luat-can-cuoc-2023\"\nnumber = \"26/2023/QH15\"\n\
        title = \"Luật Căn cước\"\ntype = \"Luật\"\nissuer = \"Quốc hội\"\n\
        issued = 2023-11-27\neffective = 2024-07-01\n\
        [[laws]]\nkey = \"nghi-dinh-168-2024-nd-cp\"\nnumber = \"168/2024/NĐ-CP\"\n\
        title = \"Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông\"\n\
        type = \"Nghị định\"\nissuer = \"Chính phủ\"\n\
        issued = 2024-12-26\neffective = 2025-01-01\n";

    fn with_laws(laws: &[&str]) -> NewArticle {
        NewArticle {
            title: "Tin mới".into(),
            laws: laws.iter().map(|law| law.to_string()).collect(),
            ..NewArticle::default()
        }
    }

    /// The `laws:` line of the article written.
    fn laws_line(created: &Created) -> String {
        let text = fs::read_to_string(&created.path).unwrap();
        let line = text.lines().find(|line| line.contains("laws:"));
        line.unwrap_or_else(|| panic!("{text}")).to_string()
    }

    #[test]
    fn laws_are_written_as_the_keys_of_the_register() {
        let dir = site();
        fs::write(dir.path().join("laws.toml"), LAWS).unwrap();
        // By number after its form, by title with year, by key; twice the
        // same document is written once.
        let request = with_laws(&[
            " Nghị định 168/2024/NĐ-CP ",
            "luat can cuoc 2023",
            "nghi-dinh-168-2024-nd-cp",
        ]);
        let created = new_article(dir.path(), &request, now()).unwrap();
        assert_eq!(
            laws_line(&created),
            r#"laws: ["nghi-dinh-168-2024-nd-cp", "luat-can-cuoc-2023"]"#
        );
    }

    #[test]
    fn an_unknown_law_is_refused_with_the_closest_keys() {
        let dir = site();
        fs::write(dir.path().join("laws.toml"), LAWS).unwrap();
        let request = with_laws(&["luat-can-cuoc-2023", "Luật Căn cước 2014"]);
        let error = new_article(dir.path(), &request, now()).unwrap_err();
        let en = error.render(crate::messages::Lang::En);
        assert!(
            en.starts_with("error: no document `Luật Căn cước 2014` in laws.toml\n  help: "),
            "{en}"
        );
        assert!(en.contains("`luat-can-cuoc-2023` (26/2023/QH15)"), "{en}");
        let vi = error.render(crate::messages::Lang::Vi);
        assert!(vi.contains("không có văn bản `Luật Căn cước 2014`"), "{vi}");
        assert!(!dir.path().join("content").exists());
    }

    #[test]
    fn a_broken_register_is_reported_only_when_laws_are_asked_for() {
        let dir = site();
        fs::write(dir.path().join("laws.toml"), "[[laws]]\nkey = \"x\"\n").unwrap();
        let error = new_article(dir.path(), &with_laws(&["x"]), now()).unwrap_err();
        let ScaffoldError::Site(crate::error::Error::Content(diagnostics)) = &error else {
            panic!("{error}");
        };
        assert!(!diagnostics.is_empty());
        assert!(diagnostics.iter().all(|d| d.path.ends_with("laws.toml")));
        assert!(!dir.path().join("content").exists());
        let created = new_article(dir.path(), &with_laws(&[]), now()).unwrap();
        assert!(laws_line(&created).starts_with("# laws: []"));
    }

    #[test]
    fn without_a_register_laws_are_free_words_quoted_for_yaml() {
        let dir = site();
        let written = [
            "Luật An ninh mạng 2018",
            "Điều 8: \"cấm\" # tin giả",
            "2018",
        ];
        let created = new_article(dir.path(), &with_laws(&written), now()).unwrap();
        let text = fs::read_to_string(&created.path).unwrap();
        let front: serde_yaml::Value =
            serde_yaml::from_str(text.split("---\n").nth(1).unwrap()).unwrap();
        let laws: Vec<&str> = front["laws"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|law| law.as_str().unwrap())
            .collect();
        assert_eq!(laws, written);
    }

    #[test]
    fn a_title_without_letters_is_refused() {
        let dir = site();
        let error = new_article(dir.path(), &request(" !!! "), now()).unwrap_err();
        assert!(
            error
                .render(crate::messages::Lang::En)
                .contains("no letters or digits"),
            "{error}"
        );
    }

    #[test]
    fn long_titles_are_cut_at_a_dash() {
        let slug = file_slug(&"Lừa đảo qua mạng ".repeat(10));
        assert!(slug.len() <= MAX_SLUG_CHARS, "{slug}");
        assert!(slug.starts_with("lua-dao-qua-mang-lua-dao"));
        assert!(!slug.ends_with('-'));
    }

    #[test]
    fn yaml_quoting_round_trips() {
        for text in ["a: b # c", "\"x\" \\ y", "'z'", "- [ ] {}", "tab\there"] {
            let yaml = format!("v: {}\n", yaml_quoted(text));
            let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(value["v"], text, "{yaml}");
        }
    }

    #[test]
    fn init_refuses_a_folder_that_is_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x"), "x").unwrap();
        let error = init_site(dir.path(), now(), ThemeCopy::Copied).unwrap_err();
        assert!(
            error
                .render(crate::messages::Lang::En)
                .contains("is not empty"),
            "{error}"
        );
        assert!(!dir.path().join("site.toml").exists());
    }

    #[test]
    fn init_writes_a_site_whose_config_parses() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("trang");
        let files = init_site(&root, now(), ThemeCopy::Builtin).unwrap();
        assert!(files.contains(&"content/tin-tuc/bai-viet-mau.md".to_string()));
        assert!(files.iter().all(|f| !f.starts_with("themes/")), "{files:?}");
        assert!(!root.join("themes").exists());
        let config = load_config(&root).unwrap();
        assert_eq!(config.categories[0].key.0, INIT_CATEGORY);
        assert!(root.join("static").is_dir());
        for key in [
            "title",
            "description",
            "base_url",
            "language",
            "timezone",
            "theme",
            "per_page",
            "feed_limit",
            "feed_full",
            "logo",
            "allow_html",
            "level",
            "parent",
            "valid_from",
            "valid_to",
            "merged_into",
            "aliases",
        ] {
            assert!(
                SITE_TOML.contains(&format!("\n{key} = "))
                    || SITE_TOML.contains(&format!("\n# {key} = ")),
                "{key}"
            );
        }
        let sample = fs::read_to_string(root.join("content/tin-tuc/bai-viet-mau.md")).unwrap();
        assert!(
            sample.contains("\ndate: 2026-11-29T14:05:00+07:00\n"),
            "{sample}"
        );
    }
}
