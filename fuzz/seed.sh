#!/usr/bin/env bash
# Writes the seed inputs of every fuzz target into fuzz/seeds/<target>/ (and
# its dictionary into fuzz/seeds/<target>.dict) from
# the example site (content/, site.toml) and ../shared/seed-article.txt (when
# present). The seeds are made again on every run, so they follow the
# example site; what libFuzzer finds goes to fuzz/corpus/<target>/.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
seeds="$fuzz/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{front_matter,markdown,site_toml,document}

article=""
for candidate in "$repo/../shared/seed-article.txt" /work/shared/seed-article.txt; do
  if [ -f "$candidate" ]; then article="$candidate"; break; fi
done

i=0
while IFS= read -r -d '' file; do
  i=$((i + 1))
  cp "$file" "$seeds/front_matter/example-$i.md"
  cp "$file" "$seeds/document/example-$i.md"
  # The body after the front matter, once with raw HTML off (first byte
  # even) and once on (odd).
  body="$(awk 'n >= 2 { print } /^---[[:space:]]*$/ { n++ }' "$file")"
  { printf '\0'; printf '%s\n' "$body"; } >"$seeds/markdown/off-$i.md"
  { printf '\1'; printf '%s\n' "$body"; } >"$seeds/markdown/on-$i.md"
done < <(find "$repo/content" -name '*.md' -print0 | sort -z)

if [ -n "$article" ]; then
  # The seed article as plain text, and as the body of an article.
  cp "$article" "$seeds/front_matter/seed-article.txt"
  { printf '\0'; cat "$article"; } >"$seeds/markdown/seed-article.md"
  {
    printf -- '---\ntitle: "Triển khai mô hình Kết nối mạng xã hội"\ndate: 2021-10-19\n'
    printf -- 'districts: [xuyen-moc, dat-do]\ncategory: hoat-dong\ntags: [an ninh mạng]\n---\n'
    cat "$article"
  } >"$seeds/document/seed-article.md"
fi

cp "$repo/site.toml" "$seeds/site_toml/example.toml"
cat >"$seeds/site_toml/minimal.toml" <<'TOML'
title = "T"
base_url = "https://e.org/loa/"
[[districts]]
key = "xuyen-moc"
name = "Huyện Xuyên Mộc"
valid_to = 2025-07-01
merged_into = ["xa-xuyen-moc"]
[[districts]]
key = "xa-xuyen-moc"
name = "Xã Xuyên Mộc"
valid_from = 2025-07-01
[[categories]]
key = "tin-tuc"
name = "Tin tức"
TOML

# The libFuzzer dictionaries: a whole document has front matter and a body.
for target in front_matter markdown site_toml; do
  cp "$fuzz/dictionaries/$target.dict" "$seeds/$target.dict"
done
cat "$fuzz/dictionaries/front_matter.dict" "$fuzz/dictionaries/markdown.dict" >"$seeds/document.dict"

for target in front_matter markdown site_toml document; do
  echo "$target: $(find "$seeds/$target" -type f | wc -l) seeds"
done
