//! `/search/` and the per-result files of the search index.

use serde::Serialize;

use crate::error::Error;
use crate::index::search::{snippet_text, SEARCH_DIR};
use crate::languages::Target;
use crate::model::ArticleId;

use super::context::*;
use super::{render_page, Shared};

/// `search/d/<n>.json`: what results show of some articles.
pub(super) fn docs_json(shared: &Shared, ids: &[ArticleId]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Doc<'a> {
        title: &'a str,
        url: &'a str,
        date: String,
        date_display: String,
        units: Vec<&'a str>,
        province_wide: bool,
        category: Option<&'a str>,
        text: String,
    }
    let doc = |id: ArticleId| {
        let article = shared.site.article(id);
        Doc {
            title: &article.title,
            url: &article.url,
            date: article.date.format("%Y-%m-%d").to_string(),
            date_display: shared.words.date(&article.date),
            units: article
                .districts
                .iter()
                .filter_map(|key| shared.config.district(key))
                .map(|unit| unit.name.as_str())
                .collect(),
            province_wide: article.districts.is_empty(),
            category: article
                .category
                .as_ref()
                .and_then(|c| shared.config.category(c))
                .map(|c| c.name.as_str()),
            text: snippet_text(&article.body.html),
        }
    };
    let docs: Vec<Doc> = ids.iter().map(|&id| doc(id)).collect();
    serde_json::to_vec(&docs).unwrap_or_default()
}

/// The search page: a form that works without scripts (it names the
/// listings to browse instead), the filters, and `search.js`.
pub(super) fn page(shared: &Shared) -> Result<Vec<u8>, Error> {
    let title = &shared.words.pages.search;
    let dir = format!("{SEARCH_DIR}/");
    let url = format!("{}{dir}", shared.root);
    let description = on_site(shared, title);
    let head = Head::website(Target::Everywhere(&dir), title, &description, &url);
    let units: Vec<Link> = shared
        .units
        .current_choices()
        .into_iter()
        .map(|i| {
            let unit = shared.units.unit(i);
            Link {
                url: unit.key.0.clone(),
                title: unit.name.clone(),
            }
        })
        .collect();
    let categories: Vec<Link> = shared
        .config
        .categories
        .iter()
        .map(|c| Link {
            url: c.key.0.clone(),
            title: c.name.clone(),
        })
        .collect();
    let extra = object([(
        "search",
        object([
            ("title", title.as_str().into()),
            ("files_url", url.clone().into()),
            ("part_docs", crate::index::search::PART_DOCS.into()),
            ("docs_per_file", crate::index::search::DOCS_PER_FILE.into()),
            ("units", value(units)),
            ("categories", value(categories)),
        ]),
    )]);
    render_page(shared, "search.html", page_values(shared, head, extra)).0
}
