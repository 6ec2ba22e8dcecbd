//! The same sources give the same bytes, whatever the thread scheduling or
//! the order files are found in.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::pictures::drawing;
use crate::support::*;

/// A site with the features whose order could vary: parallel rendering,
/// equal dates, term spellings, several districts, aliases, code, images.
fn busy_fixture() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("content/hoat-dong/anh.png", drawing(1200, 630));
    fixture.write("static/files/a.pdf", b"%PDF fake");
    for i in 0..30 {
        let district = DISTRICTS[i % 3];
        // Pairs of articles share a date; tag spellings differ.
        let tag = if i % 2 == 0 {
            "Mạng xã hội"
        } else {
            "mạng xã hội"
        };
        fixture.article(
            &format!("hoat-dong/bai-{i:02}.md"),
            &format!(
                "title: Bài {i}\ndate: 2021-10-{:02}\ncategory: {}\ndistricts: [{district}]\ntags: [{tag}, thẻ {}]\nlaws: [Luật số {}]\naliases: [/cu/{i}.html]\nimage: anh.png\nimage_alt: Ảnh {i}\n",
                1 + i / 2,
                if i % 2 == 0 { "hoat-dong" } else { "canh-bao" },
                i % 5,
                i % 4,
            ),
            &format!(
                "## Mục\n\nĐoạn {i} có [liên kết](@/hoat-dong/bai-{:02}.md).\n\n```rust\nlet x = {i};\n```\n\n## Mục\n\n| a | b |\n|---|---|\n| {i} | x |\n",
                (i + 1) % 30
            ),
        );
    }
    fixture.write(
        "content/pages/gioi-thieu.md",
        "---\ntitle: Giới thiệu\n---\nTrang.\n",
    );
    fixture
}

fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let names_a: Vec<&String> = a.keys().collect();
    let names_b: Vec<&String> = b.keys().collect();
    assert_eq!(names_a, names_b, "the two builds wrote different files");
    for (path, bytes) in a {
        assert!(&b[path] == bytes, "{path} differs between the two builds");
    }
}

#[test]
fn two_builds_of_a_fixture_are_byte_identical() {
    let fixture = busy_fixture();
    let first = fixture.dir.path().join("mot");
    let second = fixture.dir.path().join("hai");
    for out in [&first, &second] {
        let mut options = fixture.options();
        options.output = Some(out.clone());
        fixture.build_with(&options);
    }
    let a = snapshot(&first);
    let b = snapshot(&second);
    assert!(a.len() > 100, "{}", a.len());
    assert_same_tree(&a, &b);

    // A rebuild into the same folder and a build by the CLI agree too
    // (the fixture's dates are long past, so the clock does not matter).
    fixture.build_with(&{
        let mut options = fixture.options();
        options.output = Some(first.clone());
        options
    });
    assert_same_tree(&a, &snapshot(&first));
    assert_exit(&fixture.cli_build(), 0);
    assert_same_tree(&a, &snapshot(&fixture.out()));
}

#[test]
fn file_discovery_order_does_not_matter() {
    // The same articles written in the opposite order (so directory order
    // on disk differs) give the same site.
    let forward = busy_fixture();
    let backward = Fixture::new();
    let sources = snapshot(&forward.root());
    for (path, bytes) in sources.iter().rev() {
        if path.starts_with("content/") || path.starts_with("static/") {
            backward.write(path, bytes);
        }
    }
    forward.build();
    backward.build();
    assert_same_tree(&snapshot(&forward.out()), &snapshot(&backward.out()));
}

#[test]
fn two_builds_of_the_example_site_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let site = loa::Site::load(&repo_root()).unwrap_or_else(|e| panic!("{}", describe(&e)));
    let mut trees = Vec::new();
    for name in ["mot", "hai"] {
        let out = dir.path().join(name);
        let options = loa::BuildOptions {
            output: Some(out.clone()),
            base_url: None,
            drafts: false,
            now: now(),
        };
        site.clone()
            .build(&options)
            .unwrap_or_else(|e| panic!("{}", describe(&e)));
        trees.push(snapshot(&out));
    }
    assert!(trees[0].len() > 100);
    assert_same_tree(&trees[0], &trees[1]);
    // Loading again from disk changes nothing either.
    let again = dir.path().join("ba");
    loa::Site::load(Path::new(env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .build(&loa::BuildOptions {
            output: Some(again.clone()),
            base_url: None,
            drafts: false,
            now: now(),
        })
        .unwrap();
    assert_same_tree(&trees[0], &snapshot(&again));
}
