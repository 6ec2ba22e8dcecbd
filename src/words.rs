//! The words loa shows residents, in each language of the default theme:
//! one table per language, chosen by `site.language`.

use crate::model::Kind;

/// The words of the subscribe page in one language.
#[derive(Debug, serde::Serialize)]
pub struct Strings {
    /// The page title, also the text of links to the page.
    pub title: &'static str,
    /// Meta description and the lead paragraph.
    pub intro: &'static str,
    pub steps: [&'static str; 3],
    /// The name of the list of links to every card.
    pub jump: &'static str,
    pub formats: &'static str,
    pub site_heading: &'static str,
    pub district_heading: &'static str,
    pub category_heading: &'static str,
    pub tag_heading: &'static str,
    pub law_heading: &'static str,
    /// Units that were merged or abolished: no QR code, their feeds still run.
    pub former_heading: &'static str,
    pub former_help: &'static str,
    pub merged_into: &'static str,
    pub articles: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub selected: &'static str,
    /// Put before the feed's name in the QR code's `aria-label`.
    pub qr_label: &'static str,
    pub qr_caption: &'static str,
    pub opml_heading: &'static str,
    pub opml_link: &'static str,
    pub opml_help: &'static str,
    pub others: &'static str,
    /// In a feed item whose body is too large to carry, before the link to
    /// the article (see [`crate::feed`]).
    pub read_on_site: &'static str,
}

const VI: Strings = Strings {
    title: "Theo dõi tin",
    intro: "Nhận tin mới của địa bàn hoặc chuyên mục bạn quan tâm ngay trong ứng dụng đọc tin, \
            không cần vào trang web mỗi ngày.",
    steps: [
        "Tìm địa bàn hoặc chuyên mục của bạn bên dưới.",
        "Bấm “Sao chép” bên cạnh địa chỉ RSS, hoặc quét mã QR bằng ứng dụng đọc tin.",
        "Dán địa chỉ vào ứng dụng đọc tin hoặc bot Zalo, Telegram đọc RSS.",
    ],
    jump: "Chọn nhanh",
    formats: "Hầu hết ứng dụng dùng RSS; Atom và JSON Feed là cùng nội dung ở định dạng khác.",
    site_heading: "Tất cả tin",
    district_heading: "Địa bàn",
    category_heading: "Chuyên mục",
    tag_heading: "Chủ đề",
    law_heading: "Văn bản pháp luật",
    former_heading: "Địa bàn cũ",
    former_help: "Các đơn vị đã sáp nhập hoặc không còn. Ai đã theo dõi vẫn tiếp tục nhận tin của \
                  đơn vị kế nhiệm; người mới nên chọn địa bàn hiện nay ở trên.",
    merged_into: "Đã sáp nhập vào",
    articles: "bài",
    copy: "Sao chép",
    copied: "Đã sao chép",
    selected: "Đã chọn, hãy sao chép",
    qr_label: "Mã QR của nguồn RSS",
    qr_caption: "Quét mã bằng ứng dụng đọc tin để theo dõi",
    opml_heading: "Theo dõi tất cả",
    opml_link: "Tải tệp OPML có mọi nguồn tin",
    opml_help: "Nhập tệp này vào ứng dụng đọc tin để theo dõi cùng lúc mọi địa bàn, chuyên mục, \
                chủ đề và văn bản pháp luật.",
    others: "Mỗi chủ đề và văn bản pháp luật cũng có nguồn RSS riêng:",
    read_on_site: "Bài viết dài, đọc toàn bài trên trang",
};

const EN: Strings = Strings {
    title: "Subscribe",
    intro: "Get the news of your district or of a category in your feed reader, \
            without visiting the site every day.",
    steps: [
        "Find your district or category below.",
        "Press “Copy” next to the RSS address, or scan the QR code with your feed reader.",
        "Paste the address into your feed reader or a Zalo or Telegram bot that reads RSS.",
    ],
    jump: "Jump to",
    formats: "Most apps use RSS; Atom and JSON Feed carry the same news in other formats.",
    site_heading: "All news",
    district_heading: "Districts",
    category_heading: "Categories",
    tag_heading: "Topics",
    law_heading: "Legal documents",
    former_heading: "Former districts",
    former_help: "Units that were merged or abolished. Their subscribers keep receiving the news \
                  of the successors; new subscribers should pick a current district above.",
    merged_into: "Merged into",
    articles: "articles",
    copy: "Copy",
    copied: "Copied",
    selected: "Selected, copy it now",
    qr_label: "QR code of the RSS feed",
    qr_caption: "Scan with your feed reader to subscribe",
    opml_heading: "Follow everything",
    opml_link: "Download every feed as OPML",
    opml_help: "Import this file into your feed reader to follow every district, category, \
                topic and legal document at once.",
    others: "Every topic and legal document has its own RSS feed too:",
    read_on_site: "A long article: read it in full on the site",
};

/// The words loa's own code puts on pages (titles, descriptions, redirect
/// pages), beside those of the subscribe page ([`Strings`]). `{…}` are
/// filled in by the caller.
#[derive(Debug)]
pub struct PageWords {
    /// The title of page `{n}` of a listing titled `{title}`.
    pub numbered_page: &'static str,
    /// The description of a listing without one of its own.
    pub latest_about: &'static str,
    /// The description of the overview of a kind of listing.
    pub kind_on_site: &'static str,
    pub not_found: &'static str,
    pub redirect_title: &'static str,
    /// Before the link on the page left at an article's old address.
    pub moved_to: &'static str,
}

const VI_PAGES: PageWords = PageWords {
    numbered_page: "{title} (trang {n})",
    latest_about: "Tin bài mới nhất về {name} trên trang {site}",
    kind_on_site: "{kind} trên trang {site}",
    not_found: "Không tìm thấy trang",
    redirect_title: "Chuyển hướng",
    moved_to: "Bài viết đã chuyển đến",
};

const EN_PAGES: PageWords = PageWords {
    numbered_page: "{title} (page {n})",
    latest_about: "The latest news about {name} on {site}",
    kind_on_site: "{kind} on {site}",
    not_found: "Page not found",
    redirect_title: "Redirect",
    moved_to: "This article has moved to",
};

/// Whether `language` (`en`, `en-GB`…) is one loa has English words for.
fn is_english(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
}

/// The page words for `site.language`; Vietnamese for any language without
/// a table.
pub fn page_words(language: &str) -> &'static PageWords {
    if is_english(language) {
        &EN_PAGES
    } else {
        &VI_PAGES
    }
}

/// The words for `site.language` (`vi`, `en`, `en-GB`…); Vietnamese for
/// any language without a table.
pub fn strings(language: &str) -> &'static Strings {
    if is_english(language) {
        &EN
    } else {
        &VI
    }
}

impl Strings {
    /// The heading of the listings of `kind` (`Địa bàn`).
    pub fn heading(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::District => self.district_heading,
            Kind::Category => self.category_heading,
            Kind::Tag => self.tag_heading,
            Kind::Law => self.law_heading,
        }
    }
}
