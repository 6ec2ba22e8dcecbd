//! The register's feed as a file of the build (see `feed::laws`): its
//! channel in this language and the pages its items lead to.

use crate::feed::laws::RegisterFeed;
use crate::feed::FeedChannel;
use crate::jobs::FEED_STYLE_FILE;
use crate::model::{FeedFormat, Kind};

use super::context::{listing_url, permalink};
use super::Shared;

/// `laws/rss.xml` (or the other formats) of this language: the channel
/// links to `/laws/`, each item to its document's page.
pub(super) fn register_feed(shared: &Shared, format: FeedFormat) -> Vec<u8> {
    // The job is only made for a site with a register.
    let Some(laws) = shared.site.laws.as_deref() else {
        return Vec::new();
    };
    let config = shared.config;
    let link = permalink(config, &format!("{}{}/", shared.root, Kind::Law.segment()));
    let self_link = format!("{link}{}", format.file_name());
    let stylesheet = format!("{}{FEED_STYLE_FILE}", shared.root);
    let words = &shared.words;
    let title = words.laws.feed_title.replace("{site}", &config.title);
    let channel = FeedChannel {
        title: &title,
        description: &words.laws.feed_description,
        link: &link,
        self_link: &self_link,
        logo: shared.logo.as_deref(),
        stylesheet: &stylesheet,
    };
    let page_of = |key: &str| permalink(config, &listing_url(&shared.root, Kind::Law, key, 1));
    let feed = RegisterFeed {
        config,
        words,
        laws,
        page_of: &page_of,
    };
    crate::feed::laws::write(format, &feed, &channel).into_bytes()
}
