//! Pictures from phones (issue 13): every picture an article uses is
//! published upright, without metadata, in several widths and formats,
//! with a link preview and a feed enclosure; made once and kept in a
//! cache; a bad picture is an error at the line that uses it.

use std::collections::BTreeMap;
use std::fs;

use loa::diagnostics::Severity;
use scraper::{Html, Selector};

use crate::support::pictures::{dimensions, drawing, metadata_in, photo};
use crate::support::*;

/// A site with one article whose lead picture and two body pictures are
/// phone photos stored turned (EXIF orientation 6) with a GPS position.
fn photo_site(extra_config: &str) -> Fixture {
    let fixture = Fixture::with_config(extra_config);
    fixture.write("content/hoat-dong/hien-truong.jpg", photo(1600, 1200, 6));
    fixture.write("content/hoat-dong/tuan-tra.jpg", photo(1000, 750, 1));
    fixture.article(
        "hoat-dong/tuan-tra-dem.md",
        "title: Tuần tra đêm\ndate: 2021-10-19\ncategory: hoat-dong\ndistricts: [xuyen-moc]\n\
         image: hien-truong.jpg\nimage_alt: Tổ tuần tra ở ngã ba\n",
        "Đoạn đầu.\n\n![Tổ tuần tra ở ngã ba](hien-truong.jpg \"Ngã ba lúc 22 giờ\")\n\n\
         Đoạn giữa.\n\n![Xe tuần tra](tuan-tra.jpg)\n\n[Ảnh lớn](tuan-tra.jpg)\n",
    );
    fixture
}

const ARTICLE: &str = "hoat-dong/tuan-tra-dem/index.html";

/// Every file of the output made from a picture, by path, with its bytes.
fn picture_files(fixture: &Fixture) -> BTreeMap<String, Vec<u8>> {
    snapshot(&fixture.out())
        .into_iter()
        .filter(|(path, _)| {
            [".jpg", ".png", ".webp"]
                .iter()
                .any(|extension| path.ends_with(extension))
                && !path.starts_with("logo")
        })
        .collect()
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn attribute(element: &scraper::ElementRef, name: &str) -> String {
    element.value().attr(name).unwrap_or_default().to_string()
}

/// `url 480w, url 960w` as (path without the site's root, width).
fn candidates(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|candidate| {
            let (url, width) = candidate.rsplit_once(' ').unwrap();
            (
                url.trim_start_matches('/').to_string(),
                width.trim_end_matches('w').parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_turned_phone_photo_is_published_upright_in_every_size_without_metadata() {
    let fixture = photo_site("");
    fixture.build();
    let files = picture_files(&fixture);
    // Neither original is published: only the files made from them.
    assert!(!fixture.exists("hoat-dong/hien-truong.jpg"));
    assert!(!fixture.exists("hoat-dong/tuan-tra.jpg"));
    let mut made: Vec<(String, (u32, u32))> = Vec::new();
    for (path, bytes) in &files {
        assert_eq!(
            metadata_in(bytes),
            Vec::<&str>::new(),
            "{path} keeps metadata"
        );
        made.push((path.clone(), dimensions(bytes)));
    }
    let sizes = |prefix: &str, extension: &str| -> Vec<(u32, u32)> {
        made.iter()
            .filter(|(path, _)| {
                path.starts_with(prefix) && path.ends_with(extension) && !path.contains("chia-se")
            })
            .map(|(_, size)| *size)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    // 1600×1200 stored turned: 1200×1600 upright; widths 480, 960 and its
    // own 1200 (1600 would be larger than the picture).
    let upright = [(480, 640), (960, 1280), (1200, 1600)];
    assert_eq!(sizes("hoat-dong/hien-truong-", ".webp"), upright);
    assert_eq!(sizes("hoat-dong/hien-truong-", ".jpg"), upright);
    assert_eq!(
        sizes("hoat-dong/tuan-tra-", ".jpg"),
        [(480, 360), (960, 720), (1000, 750)]
    );
    // The name says the width.
    for (path, (width, _)) in &made {
        if !path.contains("chia-se") {
            assert!(path.contains(&format!("-{width}w.")), "{path}");
        }
    }
}

#[test]
fn the_html_is_a_picture_element_with_srcset_sizes_width_and_height() {
    let fixture = photo_site("");
    fixture.build();
    let html = fixture.html(ARTICLE);
    let pictures = select(&html, "picture");
    // The lead picture is in the body (a figure with its caption): shown
    // there once, not again above it.
    assert_eq!(pictures.len(), 2, "{}", fixture.read(ARTICLE));
    assert!(select(&html, ".lead-image").is_empty());
    for picture in &pictures {
        let source = select_in(picture, "source");
        assert_eq!(attribute(&source, "type"), "image/webp");
        let img = select_in(picture, "img");
        assert_eq!(attribute(&img, "decoding"), "async");
        assert_eq!(attribute(&source, "sizes"), attribute(&img, "sizes"));
        assert!(!attribute(&img, "sizes").is_empty());
        for (srcset, extension) in [
            (attribute(&source, "srcset"), ".webp"),
            (attribute(&img, "srcset"), ".jpg"),
        ] {
            let listed = candidates(&srcset);
            assert_eq!(listed.len(), 3, "{srcset}");
            for (path, width) in listed {
                assert!(path.ends_with(extension), "{path}");
                let bytes = fs::read(fixture.output(&path)).unwrap();
                assert_eq!(dimensions(&bytes).0, width, "{path}");
            }
        }
        let src = attribute(&img, "src");
        assert!(fixture.exists(src.trim_start_matches('/')), "{src}");
    }
    let lead = select_in(&pictures[0], "img");
    assert_eq!(attribute(&lead, "alt"), "Tổ tuần tra ở ngã ba");
    assert_eq!(
        (attribute(&lead, "width"), attribute(&lead, "height")),
        ("1200".to_string(), "1600".to_string())
    );
    // The lead picture is fetched first; the others when scrolled near.
    assert_eq!(attribute(&lead, "fetchpriority"), "high");
    assert_eq!(lead.value().attr("loading"), None);
    let second = select_in(&pictures[1], "img");
    assert_eq!(attribute(&second, "loading"), "lazy");
    assert_eq!(
        (attribute(&second, "width"), attribute(&second, "height")),
        ("1000".to_string(), "750".to_string())
    );
    assert_eq!(
        select(&html, "figure figcaption")[0]
            .text()
            .collect::<String>(),
        "Ngã ba lúc 22 giờ"
    );
    // A link to a picture leads to its widest JPEG.
    let link = select(&html, ".content a")
        .into_iter()
        .find(|a| a.text().collect::<String>() == "Ảnh lớn")
        .unwrap();
    let href = attribute(&link, "href");
    assert!(href.starts_with("/hoat-dong/tuan-tra-1000w."), "{href}");
    assert!(fixture.exists(href.trim_start_matches('/')));
}

fn select_in<'a>(element: &scraper::ElementRef<'a>, css: &str) -> scraper::ElementRef<'a> {
    element
        .select(&Selector::parse(css).unwrap())
        .next()
        .unwrap_or_else(|| panic!("no {css} in {}", element.html()))
}

#[test]
fn a_lead_picture_not_in_the_body_is_shown_above_it_and_fetched_first() {
    let fixture = Fixture::new();
    fixture.write("content/hoat-dong/anh.jpg", photo(1300, 900, 1));
    fixture.article(
        "hoat-dong/a.md",
        "title: Bài có ảnh\ndate: 2021-10-19\ncategory: hoat-dong\nimage: anh.jpg\nimage_alt: Hội trường\n",
        "Chỉ có chữ.\n",
    );
    fixture.build();
    let html = fixture.html("hoat-dong/a/index.html");
    let img = select(&html, ".lead-image picture img").pop().unwrap();
    assert_eq!(attribute(&img, "fetchpriority"), "high");
    assert_eq!(attribute(&img, "width"), "1300");
    assert_eq!(attribute(&img, "height"), "900");
    assert_eq!(attribute(&img, "alt"), "Hội trường");
    let source = select(&html, ".lead-image picture source").pop().unwrap();
    assert_eq!(candidates(&attribute(&source, "srcset")).len(), 3);
}

#[test]
fn the_link_preview_is_a_1200_by_630_jpeg_with_its_size_and_alt() {
    let fixture = photo_site("");
    fixture.build();
    let html = fixture.html(ARTICLE);
    let meta = |property: &str| {
        select(&html, &format!("meta[property=\"{property}\"]"))
            .pop()
            .map(|m| attribute(&m, "content"))
            .unwrap_or_else(|| panic!("no {property}"))
    };
    let url = meta("og:image");
    let path = url
        .strip_prefix(&format!("{BASE}/"))
        .unwrap_or_else(|| panic!("not absolute: {url}"));
    assert!(path.ends_with(".jpg"), "{path}");
    let bytes = fs::read(fixture.output(path)).unwrap();
    assert_eq!(dimensions(&bytes), (1200, 630));
    assert!(bytes.starts_with(&[0xff, 0xd8]));
    assert_eq!(metadata_in(&bytes), Vec::<&str>::new());
    assert_eq!(meta("og:image:width"), "1200");
    assert_eq!(meta("og:image:height"), "630");
    assert_eq!(meta("og:image:alt"), "Tổ tuần tra ở ngã ba");
}

#[test]
fn a_focus_moves_the_link_preview_and_a_wrong_one_is_an_error_at_its_line() {
    let fixture = Fixture::new();
    // Tall: red above, blue below (a drawing, flat colours).
    let tall = {
        let pixels = image::RgbImage::from_fn(1200, 2400, |_, y| {
            image::Rgb(if y < 1200 {
                [220, 20, 20]
            } else {
                [20, 20, 220]
            })
        });
        let mut bytes = Vec::new();
        image::DynamicImage::ImageRgb8(pixels)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    };
    fixture.write("content/hoat-dong/cao.png", &tall);
    fixture.article(
        "hoat-dong/a.md",
        "title: A\ndate: 2021-10-19\ncategory: hoat-dong\nimage: cao.png\nimage_alt: Cột\nimage_focus: dưới\n",
        "Chữ.\n",
    );
    fixture.build();
    let html = fixture.html("hoat-dong/a/index.html");
    let url = attribute(
        &select(&html, "meta[property=\"og:image\"]").pop().unwrap(),
        "content",
    );
    let bytes = fs::read(fixture.output(url.strip_prefix(&format!("{BASE}/")).unwrap())).unwrap();
    let preview = image::load_from_memory(&bytes).unwrap().into_rgb8();
    assert!(
        preview.get_pixel(600, 5)[2] > 150,
        "the bottom (blue) is kept"
    );

    fixture.article(
        "hoat-dong/a.md",
        "title: A\ndate: 2021-10-19\ncategory: hoat-dong\nimage: cao.png\nimage_alt: Cột\nimage_focus: giữa trời\n",
        "Chữ.\n",
    );
    let errors = located(&fixture.build_errors());
    assert_eq!(
        errors,
        [(
            "content/hoat-dong/a.md".to_string(),
            7,
            14,
            "`image_focus: giữa trời` is not a point of the picture".to_string()
        )]
    );
}

#[test]
fn feeds_carry_a_mid_size_jpeg_with_an_absolute_url_and_its_length() {
    let fixture = photo_site("");
    fixture.build();
    let rss = fixture.read("rss.xml");
    let document = roxmltree::Document::parse(&rss).unwrap();
    let enclosure = document
        .descendants()
        .find(|n| n.has_tag_name("enclosure"))
        .expect("an enclosure");
    let url = enclosure.attribute("url").unwrap();
    let path = url.strip_prefix(&format!("{BASE}/")).unwrap();
    let bytes = fs::read(fixture.output(path)).unwrap();
    assert_eq!(
        enclosure.attribute("length").unwrap(),
        bytes.len().to_string()
    );
    assert_eq!(enclosure.attribute("type"), Some("image/jpeg"));
    assert_eq!(dimensions(&bytes), (960, 1280));
    // Atom and JSON Feed name the same file.
    assert!(fixture.read("atom.xml").contains(url));
    assert!(fixture.read("feed.json").contains(url));
}

/// Each file of the cache folder with its modification time.
fn cache_state(fixture: &Fixture) -> BTreeMap<String, std::time::SystemTime> {
    let folder = fixture.root().join(".loa-cache");
    let mut state = BTreeMap::new();
    for path in all_paths(&folder) {
        let full = folder.join(&path);
        if full.is_file() {
            state.insert(
                path.to_string_lossy().into_owned(),
                fs::metadata(&full).unwrap().modified().unwrap(),
            );
        }
    }
    state
}

#[test]
fn a_second_build_makes_nothing_again_and_publishes_the_same_bytes() {
    let fixture = photo_site("");
    fixture.build();
    let first = snapshot(&fixture.out());
    let cache = cache_state(&fixture);
    assert!(
        cache.keys().filter(|p| p.ends_with(".webp")).count() >= 6,
        "{cache:?}"
    );
    fixture.build();
    assert_eq!(
        cache_state(&fixture),
        cache,
        "a cached picture was made again"
    );
    assert_eq!(snapshot(&fixture.out()), first);
    // `loa check` reads the cache and writes nothing, even with a new
    // picture.
    fixture.write("content/hoat-dong/moi.jpg", photo(800, 600, 1));
    fixture.load().check(&fixture.options()).unwrap();
    assert_eq!(cache_state(&fixture), cache, "check wrote the cache");
}

#[test]
fn a_changed_picture_gets_new_addresses_and_its_old_files_are_pruned() {
    let fixture = photo_site("");
    fixture.build();
    let before = cache_state(&fixture);
    let old_files: Vec<String> = picture_files(&fixture)
        .into_keys()
        .filter(|p| p.starts_with("hoat-dong/tuan-tra-"))
        .collect();
    fixture.write("content/hoat-dong/tuan-tra.jpg", photo(1100, 700, 1));
    fixture.build();
    let new_files: Vec<String> = picture_files(&fixture)
        .into_keys()
        .filter(|p| p.starts_with("hoat-dong/tuan-tra-"))
        .collect();
    assert!(old_files.iter().all(|old| !new_files.contains(old)));
    assert!(new_files.iter().any(|p| p.contains("-1100w.")));
    let after = cache_state(&fixture);
    let folders = |state: &BTreeMap<String, std::time::SystemTime>| {
        state
            .keys()
            .filter_map(|p| p.strip_prefix("images/"))
            .filter_map(|p| p.split_once('/').map(|(folder, _)| folder.to_string()))
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(folders(&before).len(), 2);
    assert_eq!(folders(&after).len(), 2, "the old picture's folder is gone");
    assert_eq!(folders(&before).intersection(&folders(&after)).count(), 1);

    // Other settings: every picture made again, the old ones pruned.
    fixture.write(
        "site.toml",
        format!("{SITE_HEAD}\n[images]\nwidths = [320, 640]\n{SITE_TABLES}"),
    );
    fixture.build();
    let widths = folders(&cache_state(&fixture));
    assert_eq!(widths.len(), 2);
    assert!(widths.is_disjoint(&folders(&after)));
    assert!(picture_files(&fixture)
        .keys()
        .any(|p| p.starts_with("hoat-dong/tuan-tra-640w.")));
}

#[test]
fn originals_are_published_only_when_asked_and_then_without_metadata() {
    let fixture = photo_site("");
    fixture.write(
        "site.toml",
        format!("{SITE_HEAD}\n[images]\npublish_originals = true\n{SITE_TABLES}"),
    );
    fixture.build();
    let original = fs::read(fixture.output("hoat-dong/hien-truong.jpg")).unwrap();
    assert_eq!(dimensions(&original), (1200, 1600));
    assert_eq!(metadata_in(&original), Vec::<&str>::new());
    // An upright one keeps its pixels as they were: only its metadata goes.
    let source = photo(1000, 750, 1);
    let original = fs::read(fixture.output("hoat-dong/tuan-tra.jpg")).unwrap();
    assert_eq!(metadata_in(&original), Vec::<&str>::new());
    assert_eq!(
        image::load_from_memory(&original).unwrap().into_rgb8(),
        image::load_from_memory(&source).unwrap().into_rgb8()
    );
    // A link to the picture leads to it.
    assert!(fixture
        .read(ARTICLE)
        .contains("href=\"/hoat-dong/tuan-tra.jpg\""));
}

/// A PNG header declaring `width`×`height` pixels, and no pixels.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = drawing(2, 2);
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn each_bad_picture_is_an_error_at_the_line_that_uses_it_and_nothing_is_written() {
    let fixture = photo_site("");
    fixture.build();
    let before = snapshot(&fixture.out());
    let whole = photo(800, 600, 1);
    fixture.write("content/su-co/cat-cut.jpg", &whole[..whole.len() / 2]);
    fixture.write(
        "content/su-co/van-ban.jpg",
        "đây là văn bản, không phải ảnh",
    );
    fixture.write(
        "content/su-co/dong.png",
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
    );
    fixture.write("content/su-co/iphone.heic", b"\0\0\0\x18ftypheic\0\0\0\0");
    fixture.write("content/su-co/khong-lo.png", png_header(30000, 30000));
    fixture.article(
        "su-co/a.md",
        "title: Ảnh hỏng\ndate: 2021-10-19\ncategory: hoat-dong\nimage: cat-cut.jpg\nimage_alt: Ảnh\n",
        "Chữ.\n\n![Văn bản](van-ban.jpg)\n\n![GIF](dong.png) và ![HEIC](iphone.heic)\n\n\
         ![Khổng lồ](khong-lo.png)\n",
    );
    let diagnostics = fixture.build_errors();
    // Each file is named once, as not published.
    let warned: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| {
            assert_eq!((d.line, d.column), (0, 0));
            assert!(d
                .message_in(En)
                .starts_with("this picture is not published: "));
            d.path.display().to_string()
        })
        .collect();
    assert_eq!(
        warned,
        [
            "content/su-co/cat-cut.jpg",
            "content/su-co/dong.png",
            "content/su-co/iphone.heic",
            "content/su-co/khong-lo.png",
            "content/su-co/van-ban.jpg"
        ]
    );
    let errors: Vec<_> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let found: Vec<(usize, usize, String)> = located(&errors)
        .into_iter()
        .map(|(file, line, column, message)| {
            assert_eq!(file, "content/su-co/a.md");
            (line, column, message)
        })
        .collect();
    assert_eq!(
        found.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
        [(5, 8), (10, 1), (12, 1), (12, 21), (14, 1)],
        "{found:#?}"
    );
    assert!(found[0]
        .2
        .starts_with("the picture `su-co/cat-cut.jpg` is damaged or cut short"));
    assert_eq!(found[1].2, "`su-co/van-ban.jpg` is not a picture file");
    assert_eq!(
        found[2].2,
        "loa cannot read the picture `su-co/dong.png` in the GIF format"
    );
    assert_eq!(
        found[3].2,
        "loa cannot read the picture `su-co/iphone.heic` in the HEIC format"
    );
    assert_eq!(
        found[4].2,
        "the picture `su-co/khong-lo.png` declares 30000×30000 pixels, more than the 120 million pixels loa reads"
    );
    assert!(errors.iter().all(|e| e.help.is_some()));
    assert_eq!(
        snapshot(&fixture.out()),
        before,
        "a failed build changed the site"
    );
}

#[test]
fn check_warns_about_pictures_too_narrow_and_without_alt_text() {
    let fixture = Fixture::new();
    fixture.write("content/hoat-dong/nho.png", drawing(300, 200));
    fixture.article(
        "hoat-dong/a.md",
        "title: A\ndate: 2021-10-19\ncategory: hoat-dong\nimage: nho.png\n",
        "Chữ.\n\n![](nho.png)\n",
    );
    let site = fixture.load();
    let report = site.check(&fixture.options()).unwrap();
    let warnings: Vec<(usize, usize, String)> = report
        .warnings
        .iter()
        .inspect(|w| assert_eq!(w.severity, Severity::Warning))
        .map(|w| (w.line, w.column, w.message_in(En).to_string()))
        .collect();
    assert!(
        warnings.contains(&(
            5,
            8,
            "the picture is only 300 pixels wide: blurred on phones and in link previews"
                .to_string()
        )),
        "{warnings:#?}"
    );
    assert!(warnings
        .iter()
        .any(|(line, _, message)| *line == 5 && message == "the image has no `image_alt`"));
    assert!(warnings
        .iter()
        .any(|(line, column, message)| (*line, *column) == (9, 1)
            && message.contains("only 300 pixels wide")));
    assert!(warnings
        .iter()
        .any(|(line, column, message)| (*line, *column) == (9, 1) && message.contains("alt")));
}

#[test]
fn a_rebuild_in_place_after_a_picture_changes_equals_a_full_build() {
    let fixture = photo_site("");
    let options = fixture.options();
    let mut cache = loa::BuildCache::default();
    fixture
        .load()
        .build_with_cache(&options, &mut cache)
        .unwrap();
    fixture.write("content/hoat-dong/tuan-tra.jpg", photo(900, 700, 8));
    fixture
        .load()
        .rebuild_in_place(&options, &mut cache)
        .unwrap();
    let served = snapshot(&fixture.out());
    let fresh = Fixture::new();
    copy_dir(&fixture.root(), &fresh.root());
    fs::remove_dir_all(fresh.root().join(".loa-cache")).unwrap();
    fresh.build();
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        snapshot(&fresh.out()).keys().collect::<Vec<_>>()
    );
    assert_eq!(served, snapshot(&fresh.out()));
    assert!(served
        .keys()
        .any(|p| p.starts_with("hoat-dong/tuan-tra-700w.")));
}

#[test]
fn the_logo_is_published_upright_without_metadata() {
    let fixture = Fixture::with_config("logo = \"img/logo.jpg\"");
    fixture.write("static/img/logo.jpg", photo(200, 100, 6));
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.build();
    let logo = fs::read(fixture.output("img/logo.jpg")).unwrap();
    assert_eq!(dimensions(&logo), (100, 200));
    assert_eq!(metadata_in(&logo), Vec::<&str>::new());
    // The theme's own logo has no metadata and is upright: published as
    // it is, not encoded again.
    let fixture = Fixture::new();
    fixture.simple("hoat-dong/a.md", "A", "2021-10-19");
    fixture.build();
    let theme_logo = fs::read(fixture.root().join("themes/default/static/logo.png")).unwrap();
    assert_eq!(fs::read(fixture.output("logo.png")).unwrap(), theme_logo);
}

#[test]
fn the_same_photo_in_two_folders_is_made_once_and_published_in_both() {
    let fixture = photo_site("");
    fixture.write("content/su-co/hien-truong.jpg", photo(1600, 1200, 6));
    fixture.article(
        "su-co/b.md",
        "title: B\ndate: 2021-10-20\ncategory: hoat-dong\nimage: hien-truong.jpg\nimage_alt: Ngã ba\nimage_focus: trên\n",
        "Chữ.\n",
    );
    fixture.build();
    let folders: std::collections::BTreeSet<String> = cache_state(&fixture)
        .keys()
        .filter_map(|p| p.strip_prefix("images/")?.split_once('/'))
        .map(|(folder, _)| folder.to_string())
        .collect();
    // hien-truong.jpg twice and tuan-tra.jpg: two contents.
    assert_eq!(folders.len(), 2, "{folders:?}");
    let files = picture_files(&fixture);
    for folder in ["hoat-dong", "su-co"] {
        assert!(
            files
                .keys()
                .any(|p| p.starts_with(&format!("{folder}/hien-truong-1200w."))),
            "{folder}"
        );
    }
    // Each article has the preview of its own focus.
    let preview = |page: &str| {
        let html = fixture.html(page);
        attribute(
            &select(&html, "meta[property=\"og:image\"]").pop().unwrap(),
            "content",
        )
    };
    assert!(preview(ARTICLE).contains("/hoat-dong/hien-truong-chia-se."));
    assert!(preview("su-co/b/index.html").contains("/su-co/hien-truong-chia-se-50-0."));
}
