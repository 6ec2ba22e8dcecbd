//! loa: a static site generator for legal-awareness and public-information
//! articles.
//!
//! One pipeline, one direction: [`Site::load`] reads `site.toml`, `content/`
//! and the theme; [`Site::build`] validates, indexes, renders and writes.
//!
//! ```no_run
//! let site = loa::Site::load(std::path::Path::new("."))?;
//! let report = site.build(&loa::BuildOptions::default())?;
//! println!("{} articles", report.articles);
//! # Ok::<(), loa::Error>(())
//! ```

#[cfg(test)]
mod architecture_tests;
mod build;
pub mod config;
pub mod content;
mod dates;
pub mod diagnostics;
mod districts;
pub mod error;
mod feed;
mod hash;
mod html;
mod ignore;
pub mod images;
mod index;
mod jobs;
mod languages;
pub mod laws;
mod links;
pub mod lint;
pub mod markdown;
pub mod memory;
pub mod messages;
mod mime;
mod model;
pub mod output;
pub mod pictures;
pub mod ping;
mod render;
pub mod scaffold;
pub mod serve;
pub mod session;
pub mod slug;
mod subscribe;
pub mod text;
mod theme;
pub mod timings;
mod unit_names;
mod urls;
pub mod validate;
mod words;
mod yaml;

pub use build::{find_site_root, BuildCache, BuildOptions, BuildReport, Site};
pub use error::Error;
pub use subscribe::qr_svg;
pub use timings::Timings;
