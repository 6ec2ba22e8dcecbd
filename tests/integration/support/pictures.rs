//! Pictures for fixture sites: a drawing saved as PNG, and a photo as a
//! phone saves it (noise, an EXIF orientation, a GPS position and the
//! phone's serial number), and what to look for in the files a build made.

use std::io::Cursor;

/// The serial number every fixture photo carries: no output may.
pub const SERIAL: &[u8] = b"SN-PHONE-0042";

/// A `width`×`height` PNG of two flat colours (left red, right blue): a
/// drawing, published as PNG.
pub fn drawing(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([200, 30, 30])
        } else {
            image::Rgb([30, 30, 200])
        }
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

/// A `width`×`height` JPEG as stored by a phone: its left half reddish and
/// its right half bluish with camera noise, and an EXIF block with
/// `orientation` (6: viewers turn it 90° clockwise), a GPS position and
/// [`SERIAL`].
pub fn photo(width: u16, height: u16, orientation: u16) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let mut noise = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        (seed % 41) as i16 - 20
    };
    let mut pixels = Vec::with_capacity(usize::from(width) * usize::from(height) * 3);
    for _ in 0..height {
        for x in 0..width {
            let base: [i16; 3] = if x < width / 2 {
                [200, 40, 40]
            } else {
                [40, 40, 200]
            };
            pixels.extend(base.map(|c| (c + noise()).clamp(0, 255) as u8));
        }
    }
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 92);
    encoder.add_app_segment(1, phone_exif(orientation)).unwrap();
    encoder
        .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    bytes
}

/// `Exif\0\0` and a big-endian TIFF: IFD0 with the orientation and
/// pointers to an Exif IFD (the body serial number) and a GPS IFD
/// (latitude 10°30'0" N).
fn phone_exif(orientation: u16) -> Vec<u8> {
    struct Ifd(Vec<(u16, u16, u32, [u8; 4])>);
    impl Ifd {
        fn bytes(&self, next: &mut Vec<u8>) {
            next.extend((self.0.len() as u16).to_be_bytes());
            for (tag, kind, count, value) in &self.0 {
                next.extend(tag.to_be_bytes());
                next.extend(kind.to_be_bytes());
                next.extend(count.to_be_bytes());
                next.extend(value);
            }
            next.extend(0u32.to_be_bytes());
        }
        fn len(&self) -> u32 {
            2 + 12 * self.0.len() as u32 + 4
        }
    }
    let ifd0_at = 8u32;
    let ifd0_len = 2 + 12 * 3 + 4;
    let exif_at = ifd0_at + ifd0_len;
    let serial_at = exif_at + 2 + 12 + 4;
    let gps_at = serial_at + SERIAL.len() as u32 + 1;
    let gps_len = 2 + 12 * 2 + 4;
    let rationals_at = gps_at + gps_len;
    let mut orientation_value = [0u8; 4];
    orientation_value[..2].copy_from_slice(&orientation.to_be_bytes());
    let ifd0 = Ifd(vec![
        (0x0112, 3, 1, orientation_value),
        (0x8769, 4, 1, exif_at.to_be_bytes()),
        (0x8825, 4, 1, gps_at.to_be_bytes()),
    ]);
    let exif = Ifd(vec![(
        0xa431,
        2,
        SERIAL.len() as u32 + 1,
        serial_at.to_be_bytes(),
    )]);
    let gps = Ifd(vec![
        (0x0001, 2, 2, *b"N\0\0\0"),
        (0x0002, 5, 3, rationals_at.to_be_bytes()),
    ]);
    let mut tiff = b"MM\0*".to_vec();
    tiff.extend(ifd0_at.to_be_bytes());
    ifd0.bytes(&mut tiff);
    assert_eq!(tiff.len() as u32, exif_at);
    exif.bytes(&mut tiff);
    tiff.extend(SERIAL);
    tiff.push(0);
    assert_eq!(tiff.len() as u32, gps_at);
    gps.bytes(&mut tiff);
    assert_eq!(tiff.len() as u32, gps_at + gps.len());
    for (numerator, denominator) in [(10u32, 1u32), (30, 1), (0, 1)] {
        tiff.extend(numerator.to_be_bytes());
        tiff.extend(denominator.to_be_bytes());
    }
    [b"Exif\0\0".as_slice(), &tiff].concat()
}

/// The metadata blocks a picture file can carry, by what marks them: an
/// EXIF block (and its TIFF header, either byte order), XMP, IPTC (Photoshop
/// resources), and the fixture's serial number.
pub fn metadata_in(bytes: &[u8]) -> Vec<&'static str> {
    let marks: [(&str, &[u8]); 6] = [
        ("EXIF", b"Exif"),
        ("TIFF (little-endian)", b"II*\0"),
        ("TIFF (big-endian)", b"MM\0*"),
        ("XMP", b"http://ns.adobe.com/xap"),
        ("IPTC", b"Photoshop 3.0"),
        ("serial number", SERIAL),
    ];
    marks
        .into_iter()
        .filter(|(_, mark)| bytes.windows(mark.len()).any(|w| w == *mark))
        .map(|(name, _)| name)
        .collect()
}

/// The size of a picture file, decoded.
pub fn dimensions(bytes: &[u8]) -> (u32, u32) {
    let picture = image::load_from_memory(bytes).unwrap();
    (picture.width(), picture.height())
}

/// The file made of the picture at `source` (a content path) that a
/// page's `<img src>` and the feeds show: the narrowest JPEG or PNG at
/// least 960 px wide, else the widest; relative to the output root.
pub fn shown_file(out: &std::path::Path, source: &str) -> String {
    let (folder, name) = source.rsplit_once('/').unwrap_or(("", source));
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let mut made: Vec<(u32, String)> = std::fs::read_dir(out.join(folder))
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .filter_map(|entry| {
            let file = entry.ok()?.file_name().into_string().ok()?;
            let rest = file.strip_prefix(stem)?.strip_prefix('-')?;
            let (width, rest) = rest.split_once("w.")?;
            let width: u32 = width.parse().ok()?;
            let fallback = rest.ends_with(".jpg") || rest.ends_with(".png");
            fallback.then_some((width, file))
        })
        .collect();
    made.sort();
    let chosen = made
        .iter()
        .find(|(width, _)| *width >= 960)
        .or(made.last())
        .unwrap_or_else(|| panic!("nothing made of {source}"));
    if folder.is_empty() {
        chosen.1.clone()
    } else {
        format!("{folder}/{}", chosen.1)
    }
}
