"""Makes the example site's photos: each scene of scenes.py is drawn by
headless Chromium (render.js), then given what a phone's camera adds (a
slightly soft lens, sensor noise, darker corners) and saved as a phone
saves it, with EXIF: make, model, serial number and, for one of them, the
GPS position and a turned orientation, so that the example site shows loa
publishing them upright and without any of it.

    python3 -m venv /tmp/pyimg && /tmp/pyimg/bin/pip install pillow numpy piexif
    /tmp/pyimg/bin/python tools/example-photos/make.py

Deterministic: the same files every time (fixed seeds)."""

import pathlib
import subprocess
import tempfile

import numpy as np
import piexif
from PIL import Image, ImageFilter

from scenes import SCENES

HERE = pathlib.Path(__file__).resolve().parent
CONTENT = HERE.parent.parent / "content"

# (scene, upright width, height, file under content/, stored turned with GPS)
PHOTOS = [
    ("HALL", 2000, 1500, "hoat-dong/tap-huan.jpg", False),
    ("POST", 3000, 4000, "hoat-dong/tru-so-cong-an-xa-ho-tram.jpg", True),
    ("ROAD", 2000, 1500, "giao-thong/quoc-lo-55-xuyen-moc.jpg", False),
    ("PHONE", 1600, 1200, "canh-bao/tin-nhan-gia-mao.jpg", False),
    ("COUNTER", 1800, 1350, "huong-dan/quay-tiep-nhan-ho-so.jpg", False),
]


def render(scene: str, width: int, height: int) -> Image.Image:
    with tempfile.TemporaryDirectory() as folder:
        html = pathlib.Path(folder) / "scene.html"
        html.write_text(
            "<!doctype html><meta charset=utf-8><style>html,body{margin:0;overflow:hidden}"
            f"svg{{display:block;width:{width}px;height:{height}px}}</style>" + SCENES[scene],
            encoding="utf-8",
        )
        png = pathlib.Path(folder) / "scene.png"
        subprocess.run(["node", str(HERE / "render.js"), str(html), str(png), str(width), str(height)], check=True)
        return Image.open(png).convert("RGB")


def camera(picture: Image.Image, seed: int) -> Image.Image:
    picture = picture.filter(ImageFilter.GaussianBlur(0.7))
    pixels = np.asarray(picture).astype(np.float32)
    height, width, _ = pixels.shape
    rng = np.random.default_rng(seed)
    luminance = rng.normal(0, 5.0, (height, width, 1))
    colour = rng.normal(0, 2.0, (height, width, 3))
    pixels += luminance + colour
    y, x = np.ogrid[:height, :width]
    distance = ((x - width / 2) / (width / 2)) ** 2 + ((y - height / 2) / (height / 2)) ** 2
    pixels *= (1 - 0.22 * np.clip(distance / 2, 0, 1))[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def exif(turned: bool) -> bytes:
    zeroth = {
        piexif.ImageIFD.Make: b"Samsung",
        piexif.ImageIFD.Model: b"SM-A155F",
        piexif.ImageIFD.Orientation: 6 if turned else 1,
        piexif.ImageIFD.DateTime: b"2025:06:14 08:32:10",
    }
    exif_ifd = {piexif.ExifIFD.BodySerialNumber: b"R58W31A7XKJ", piexif.ExifIFD.DateTimeOriginal: b"2025:06:14 08:32:10"}
    gps = {}
    if turned:
        gps = {
            piexif.GPSIFD.GPSLatitudeRef: b"N",
            piexif.GPSIFD.GPSLatitude: ((10, 1), (32, 1), (1836, 100)),
            piexif.GPSIFD.GPSLongitudeRef: b"E",
            piexif.GPSIFD.GPSLongitude: ((107, 1), (28, 1), (4212, 100)),
        }
    return piexif.dump({"0th": zeroth, "Exif": exif_ifd, "GPS": gps})


def main() -> None:
    for seed, (scene, width, height, path, turned) in enumerate(PHOTOS):
        picture = camera(render(scene, width, height), seed)
        if turned:
            # Stored as the sensor saw it: the viewer turns it 90° clockwise.
            picture = picture.transpose(Image.Transpose.ROTATE_90)
        out = CONTENT / path
        picture.save(out, "JPEG", quality=86, exif=exif(turned))
        print(f"{path}: {picture.width}×{picture.height}, {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
