//! The integration tests, one binary (as mdBook and ripgrep do): each
//! module is one area of the contract, built on fixture sites in temporary
//! folders. One binary links the library and the helpers once instead of
//! once per area.

mod support;

mod check;
mod cli;
mod config;
mod determinism;
mod districts;
mod errors;
mod example_site;
mod feed_view;
mod feeds;
mod front_matter;
mod incremental;
mod languages;
mod law_feed;
mod law_pages;
mod laws;
mod links;
mod listings;
mod loading;
mod markdown;
mod messages;
mod navigation;
mod output_files;
mod pictures;
mod ping;
mod robustness;
mod safe_output;
mod scaffold;
mod serve;
mod slugs;
mod subscribe;
mod templates;
mod theme;
