//! Pictures made fit for a phone on mobile data: a photo as a phone takes
//! it (4000×3000, turned by an EXIF flag, carrying the GPS position and the
//! phone's serial number) becomes a few smaller files, upright, in WebP and
//! in JPEG (PNG for a picture with transparency), with no metadata at all.
//!
//! The pixels are decoded, turned upright, resized and encoded again, so
//! nothing of the original file but its pixels reaches the output: EXIF,
//! XMP, IPTC, GPS and maker notes are left behind by construction, not by
//! a list of tags to remove. The size a picture declares is checked before
//! its pixels are allocated, so a file that claims 30000×30000 pixels costs
//! nothing. Crates, each for speed: `image` (its JPEG decoder is
//! zune-jpeg's, with SIMD), `fast_image_resize` (SIMD convolution),
//! `jpeg-encoder` (SIMD, pure Rust) and `webp` (libwebp, the reference
//! encoder; the `image` crate only writes lossless WebP).

use std::io::Cursor;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

/// The largest picture loa decodes, in pixels: a 108-megapixel phone photo
/// fits; a picture that declares more is refused before its pixels are
/// allocated (4 bytes each: 480 MB at this size).
pub const MAX_PIXELS: u64 = 120_000_000;

/// How pictures are made: the widths of the files and the encoders'
/// quality.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Widths in CSS pixels of the files made from each picture, never
    /// wider than the picture itself.
    pub widths: Vec<u32>,
    /// JPEG quality, 1–100.
    pub jpeg_quality: u8,
    /// WebP quality, 0–100.
    pub webp_quality: f32,
}

impl Default for Settings {
    /// 480 px fills a phone at 1×, 960 px at 2× (or a desktop column),
    /// 1600 px a wide screen at 2×.
    fn default() -> Self {
        Settings {
            widths: vec![480, 960, 1600],
            jpeg_quality: 80,
            webp_quality: 75.0,
        }
    }
}

/// The format of a file made from a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Webp,
    Jpeg,
    Png,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// One file made from a picture.
#[derive(Debug, Clone)]
pub struct Variant {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// A picture made fit for the web.
#[derive(Debug, Clone)]
pub struct Processed {
    /// The picture's size once upright.
    pub width: u32,
    pub height: u32,
    /// Has transparency: its fallback is PNG, not JPEG.
    pub has_alpha: bool,
    /// For each width, smallest first: the WebP file, then the fallback.
    pub variants: Vec<Variant>,
}

/// Why a picture cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    #[error("the file is not a picture")]
    NotAPicture,
    #[error("the picture's format ({0}) is not one loa reads")]
    Unsupported(String),
    #[error("the picture declares {width}×{height} pixels, more than loa decodes")]
    TooLarge { width: u32, height: u32 },
    #[error("the picture is damaged or cut short: {0}")]
    Damaged(String),
}

/// Reads `bytes` as a picture and makes its files: upright, at each width
/// of `settings` (never wider than the picture), in WebP and JPEG (PNG
/// when it has transparency).
pub fn process(bytes: &[u8], settings: &Settings) -> Result<Processed, ImageProblem> {
    let picture = decode(bytes)?;
    let has_alpha = picture.color().has_alpha();
    let (width, height) = (picture.width(), picture.height());
    let mut variants = Vec::new();
    for target in target_widths(width, &settings.widths) {
        let resized = resize(&picture, target, scaled_height(width, height, target))?;
        variants.push(webp(&resized, settings.webp_quality));
        variants.push(if has_alpha {
            png(&resized)?
        } else {
            jpeg(&resized, settings.jpeg_quality)?
        });
    }
    Ok(Processed {
        width,
        height,
        has_alpha,
        variants,
    })
}

/// The picture's pixels, upright; refused before decoding when it
/// declares more than [`MAX_PIXELS`].
fn decode(bytes: &[u8]) -> Result<DynamicImage, ImageProblem> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    let Some(format) = reader.format() else {
        return Err(ImageProblem::NotAPicture);
    };
    // The JPEG decoder shows a file cut short with its missing part grey,
    // as browsers do: an editor must hear of it before residents see it.
    if format == image::ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(ImageProblem::Damaged(
            "the file ends before the picture does".into(),
        ));
    }
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Unsupported(_) => {
            ImageProblem::Unsupported(format!("{format:?}").to_lowercase())
        }
        other => ImageProblem::Damaged(other.to_string()),
    })?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageProblem::TooLarge { width, height });
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    decoder
        .set_limits(limits)
        .map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    // A broken EXIF block leaves the picture as it was taken.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture =
        DynamicImage::from_decoder(decoder).map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    picture.apply_orientation(orientation);
    // 8 bits a channel is all the encoders write.
    Ok(if picture.color().has_alpha() {
        DynamicImage::ImageRgba8(picture.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(picture.into_rgb8())
    })
}

/// Whether a JPEG file holds its whole picture: its segments lead to the
/// image data, which ends with the end-of-image marker. (Searching the file
/// for that marker is not enough: the EXIF thumbnail has one of its own.)
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut at = 2;
    // The segments before the image data, each with its length.
    loop {
        let (Some(&0xff), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return false;
        };
        if marker == 0xff {
            at += 1;
            continue;
        }
        let Some(length) = bytes.get(at + 2..at + 4) else {
            return false;
        };
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        at += 2 + length;
        if marker == 0xda {
            break;
        }
    }
    // The image data: 0xff is followed by 0x00 (a stuffed byte), a restart
    // marker, another scan's segments, or the end.
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == 0xff))
    {
        at += offset + 1;
        match bytes.get(at) {
            Some(0xd9) => return true,
            None => return false,
            Some(_) => {}
        }
    }
    false
}

/// Each width of `widths` that is narrower than the picture, and the
/// picture's own width in place of the wider ones: never upscaled.
fn target_widths(width: u32, widths: &[u32]) -> Vec<u32> {
    let mut targets: Vec<u32> = widths.iter().map(|&w| w.min(width).max(1)).collect();
    targets.sort_unstable();
    targets.dedup();
    targets
}

fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let scaled = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled.max(1)).unwrap_or(u32::MAX)
}

fn resize(picture: &DynamicImage, width: u32, height: u32) -> Result<DynamicImage, ImageProblem> {
    if (width, height) == (picture.width(), picture.height()) {
        return Ok(picture.clone());
    }
    let mut resized = match picture {
        DynamicImage::ImageRgba8(_) => DynamicImage::new_rgba8(width, height),
        _ => DynamicImage::new_rgb8(width, height),
    };
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(picture, &mut resized, &options)
        .map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    Ok(resized)
}

fn webp(picture: &DynamicImage, quality: f32) -> Variant {
    let (width, height) = (picture.width(), picture.height());
    let encoder = match picture {
        DynamicImage::ImageRgba8(pixels) => webp::Encoder::from_rgba(pixels, width, height),
        other => webp::Encoder::from_rgb(other.as_bytes(), width, height),
    };
    Variant {
        format: Format::Webp,
        width,
        height,
        bytes: encoder.encode(quality).to_vec(),
    }
}

fn jpeg(picture: &DynamicImage, quality: u8) -> Result<Variant, ImageProblem> {
    let (width, height) = (picture.width(), picture.height());
    let too_large = || ImageProblem::TooLarge { width, height };
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, quality)
        .encode(
            picture.as_bytes(),
            u16::try_from(width).map_err(|_| too_large())?,
            u16::try_from(height).map_err(|_| too_large())?,
            jpeg_encoder::ColorType::Rgb,
        )
        .map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    Ok(Variant {
        format: Format::Jpeg,
        width,
        height,
        bytes,
    })
}

fn png(picture: &DynamicImage) -> Result<Variant, ImageProblem> {
    let mut bytes = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
        .map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    Ok(Variant {
        format: Format::Png,
        width: picture.width(),
        height: picture.height(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `width`×`height` JPEG whose left half is red and right half blue,
    /// with an EXIF block holding `orientation` and a GPS position.
    fn phone_photo(width: u16, height: u16, orientation: u16) -> Vec<u8> {
        let mut pixels = Vec::with_capacity(usize::from(width) * usize::from(height) * 3);
        for _ in 0..height {
            for x in 0..width {
                pixels.extend(if x < width / 2 {
                    [220, 20, 20]
                } else {
                    [20, 20, 220]
                });
            }
        }
        let mut bytes = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 90);
        encoder.add_app_segment(1, exif(orientation)).unwrap();
        encoder
            .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        bytes
    }

    /// `Exif\0\0`, then a little-endian TIFF with the orientation and a
    /// GPS block (latitude `N`, `10 20 30`) as a phone writes them.
    fn exif(orientation: u16) -> Vec<u8> {
        let mut tiff: Vec<u8> = b"II*\0".to_vec();
        tiff.extend(8u32.to_le_bytes());
        // IFD0: orientation, GPS pointer.
        tiff.extend(2u16.to_le_bytes());
        tiff.extend([0x12, 0x01, 3, 0]);
        tiff.extend(1u32.to_le_bytes());
        tiff.extend(u32::from(orientation).to_le_bytes());
        let gps_at = 8 + 2 + 2 * 12 + 4;
        tiff.extend([0x25, 0x88, 4, 0]);
        tiff.extend(1u32.to_le_bytes());
        tiff.extend((gps_at as u32).to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        // The GPS IFD: GPSLatitudeRef = "N", GPSLatitude = 10/1 20/1 30/1.
        let rationals_at = gps_at + 2 + 2 * 12 + 4;
        tiff.extend(2u16.to_le_bytes());
        tiff.extend([0x01, 0x00, 2, 0]);
        tiff.extend(2u32.to_le_bytes());
        tiff.extend(*b"N\0\0\0");
        tiff.extend([0x02, 0x00, 5, 0]);
        tiff.extend(3u32.to_le_bytes());
        tiff.extend((rationals_at as u32).to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        for value in [10u32, 20, 30] {
            tiff.extend(value.to_le_bytes());
            tiff.extend(1u32.to_le_bytes());
        }
        [b"Exif\0\0".as_slice(), &tiff].concat()
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_turned_photo_comes_out_upright_without_its_metadata() {
        // Orientation 6: the camera was held turned; viewers rotate it 90°
        // clockwise, so the red left half ends up on top.
        let photo = phone_photo(400, 300, 6);
        assert!(contains(&photo, b"Exif"));
        let processed = process(&photo, &Settings::default()).unwrap();
        assert_eq!((processed.width, processed.height), (300, 400));
        assert!(!processed.variants.is_empty());
        for variant in &processed.variants {
            assert_eq!(
                (variant.width, variant.height),
                (300, 400),
                "{:?}",
                variant.format
            );
            assert!(
                !contains(&variant.bytes, b"Exif"),
                "{:?} keeps EXIF",
                variant.format
            );
            assert!(
                !contains(&variant.bytes, b"II*\0"),
                "{:?} keeps a TIFF block",
                variant.format
            );
            let decoded = image::load_from_memory(&variant.bytes).unwrap().into_rgb8();
            let top = decoded.get_pixel(150, 20);
            let bottom = decoded.get_pixel(150, 380);
            assert!(top[0] > 150 && top[2] < 100, "top is red: {top:?}");
            assert!(
                bottom[2] > 150 && bottom[0] < 100,
                "bottom is blue: {bottom:?}"
            );
        }
    }

    #[test]
    fn each_width_in_webp_and_jpeg_and_never_wider_than_the_picture() {
        let processed = process(&phone_photo(1200, 900, 1), &Settings::default()).unwrap();
        let made: Vec<(Format, u32, u32)> = processed
            .variants
            .iter()
            .map(|v| (v.format, v.width, v.height))
            .collect();
        assert_eq!(
            made,
            [
                (Format::Webp, 480, 360),
                (Format::Jpeg, 480, 360),
                (Format::Webp, 960, 720),
                (Format::Jpeg, 960, 720),
                (Format::Webp, 1200, 900),
                (Format::Jpeg, 1200, 900),
            ]
        );
        assert!(processed.variants[0].bytes.starts_with(b"RIFF"));
        assert!(processed.variants[1].bytes.starts_with(&[0xff, 0xd8]));
    }

    #[test]
    fn a_picture_with_transparency_falls_back_to_png() {
        let mut bytes = Vec::new();
        DynamicImage::new_rgba8(64, 32)
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .unwrap();
        let processed = process(&bytes, &Settings::default()).unwrap();
        assert!(processed.has_alpha);
        let formats: Vec<Format> = processed.variants.iter().map(|v| v.format).collect();
        assert_eq!(formats, [Format::Webp, Format::Png]);
    }

    #[test]
    fn bad_pictures_are_refused_with_the_reason() {
        assert_eq!(
            process(b"this is a text file", &Settings::default()).unwrap_err(),
            ImageProblem::NotAPicture
        );
        let photo = phone_photo(400, 300, 1);
        assert!(jpeg_is_complete(&photo));
        for cut in [
            &photo[..photo.len() - 3],
            &photo[..photo.len() / 2],
            &photo[..40],
        ] {
            assert!(
                matches!(
                    process(cut, &Settings::default()),
                    Err(ImageProblem::Damaged(_))
                ),
                "{} bytes",
                cut.len()
            );
        }
        // A PNG header that declares 30000×30000 pixels and holds none:
        // refused from its header, before any pixel is allocated.
        let mut header = Vec::new();
        DynamicImage::new_rgb8(1, 1)
            .write_to(&mut Cursor::new(&mut header), image::ImageFormat::Png)
            .unwrap();
        header[16..20].copy_from_slice(&30000u32.to_be_bytes());
        header[20..24].copy_from_slice(&30000u32.to_be_bytes());
        // The header's checksum no longer matches: fix it, as a crafted
        // file would.
        let crc = crc32(&header[12..29]);
        header[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            process(&header, &Settings::default()).unwrap_err(),
            ImageProblem::TooLarge {
                width: 30000,
                height: 30000
            }
        );
    }

    /// CRC-32 as PNG chunks use it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn widths_are_never_upscaled() {
        assert_eq!(target_widths(4000, &[480, 960, 1600]), [480, 960, 1600]);
        assert_eq!(target_widths(800, &[480, 960, 1600]), [480, 800]);
        assert_eq!(target_widths(300, &[480, 960, 1600]), [300]);
        assert_eq!(scaled_height(4000, 3000, 480), 360);
        assert_eq!(scaled_height(3, 1, 1), 1);
    }
}
