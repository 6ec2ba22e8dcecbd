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
use image::metadata::Orientation;
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
    /// Has transparency: its fallback is PNG, not JPEG (as for a
    /// drawing saved as PNG).
    pub has_alpha: bool,
    /// For each width, smallest first: the WebP file, then the fallback.
    pub variants: Vec<Variant>,
    /// The link previews asked for, each [`SOCIAL_WIDTH`]×[`SOCIAL_HEIGHT`]
    /// JPEG, in the order of [`Request::previews`].
    pub previews: Vec<Variant>,
    /// The whole picture at its own size, upright and without metadata,
    /// in its own format, when [`Request::original`] asked for it.
    pub original: Option<Variant>,
}

/// The size of a link preview (`og:image`): what Facebook and Zalo show
/// without cropping again.
pub const SOCIAL_WIDTH: u32 = 1200;
pub const SOCIAL_HEIGHT: u32 = 630;

/// The point of a picture that a crop keeps in view, in percent of its
/// width and height from the top left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Focus {
    pub x: u8,
    pub y: u8,
}

impl Focus {
    pub const CENTRE: Focus = Focus { x: 50, y: 50 };

    /// The focus as an editor writes it: two percentages (`30% 60%`, from
    /// the left and from the top), or words, in Vietnamese or English,
    /// with or without diacritics (`trên`, `dưới trái`, `top left`,
    /// `center`).
    pub fn parse(text: &str) -> Option<Focus> {
        let words: Vec<String> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let percent = |word: &str| -> Option<u8> {
            word.strip_suffix('%')?.parse().ok().filter(|p| *p <= 100)
        };
        if let [x, y] = &words[..] {
            if let (Some(x), Some(y)) = (percent(x), percent(y)) {
                return Some(Focus { x, y });
            }
        }
        let mut focus = Focus::CENTRE;
        let (mut seen_x, mut seen_y) = (false, false);
        for word in &words {
            let (axis, value) = match crate::slug::slugify(word).as_str() {
                "tren" | "top" => ('y', 0),
                "duoi" | "bottom" => ('y', 100),
                "trai" | "left" => ('x', 0),
                "phai" | "right" => ('x', 100),
                "giua" | "center" | "centre" => ('c', 50),
                _ => return None,
            };
            match axis {
                'y' if !seen_y => (focus.y, seen_y) = (value, true),
                'x' if !seen_x => (focus.x, seen_x) = (value, true),
                'c' => {}
                _ => return None,
            }
        }
        (!words.is_empty() && words.len() <= 2).then_some(focus)
    }
}

/// What to make of a picture besides its sizes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// One link preview for each focus.
    pub previews: Vec<Focus>,
    /// The whole picture as published in place of the original file.
    pub original: bool,
}

/// Why a picture cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
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
pub fn process(
    bytes: &[u8],
    settings: &Settings,
    request: &Request,
) -> Result<Processed, ImageProblem> {
    let (stored, format, orientation) = decode_as_stored(bytes)?;
    let has_alpha = stored.color().has_alpha();
    // JPEG blurs the edges of text and lines: a screenshot or a drawing
    // saved as PNG stays PNG.
    let lossless = has_alpha || (format == image::ImageFormat::Png && is_graphic(&stored));
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (width, height) = if turned {
        (stored.height(), stored.width())
    } else {
        (stored.width(), stored.height())
    };
    // The widest file is made from the whole picture, which is then let go
    // (36 MB for a phone's photo), and turned upright only once that small;
    // the narrower files and the previews are made from it: a third of the
    // memory and of the time, for no difference a reader sees.
    let mut targets = target_widths(width, &settings.widths);
    let published = targets.clone();
    // Previews need 1200 px of the picture, whatever the widths.
    if !request.previews.is_empty() && !targets.iter().any(|&t| t >= SOCIAL_WIDTH.min(width)) {
        targets.push(SOCIAL_WIDTH.min(width));
    }
    targets.reverse();
    let mut source: Option<DynamicImage> = None;
    let mut variants = Vec::new();
    let mut previews = Vec::new();
    for target in targets {
        let target_height = scaled_height(width, height, target);
        let resized = match &source {
            Some(widest) => resize(widest, target, target_height)?,
            None => {
                let (stored_width, stored_height) = if turned {
                    (target_height, target)
                } else {
                    (target, target_height)
                };
                let mut widest = resize(&stored, stored_width, stored_height)?;
                widest.apply_orientation(orientation);
                for &focus in &request.previews {
                    let cropped = cover(&widest, SOCIAL_WIDTH, SOCIAL_HEIGHT, focus)?;
                    previews.push(jpeg(&flatten(cropped), settings.jpeg_quality)?);
                }
                widest
            }
        };
        if published.contains(&target) {
            variants.push(if lossless {
                png(&resized)?
            } else {
                jpeg(&resized, settings.jpeg_quality)?
            });
            variants.push(webp(&resized, settings.webp_quality));
        }
        source = Some(resized);
    }
    drop(stored);
    // Narrowest first, WebP before its fallback.
    variants.reverse();
    let original = match request.original {
        true => Some(strip(bytes)?),
        false => None,
    };
    Ok(Processed {
        width,
        height,
        has_alpha,
        variants,
        previews,
        original,
    })
}

/// Whether a picture is drawn (a screenshot, a chart, a scanned form in
/// black and white) rather than photographed: most of its pixels repeat
/// their left neighbour exactly, which a camera's noise never lets happen.
fn is_graphic(picture: &DynamicImage) -> bool {
    let DynamicImage::ImageRgb8(pixels) = picture else {
        return false;
    };
    let (width, height) = pixels.dimensions();
    if width < 2 {
        return true;
    }
    // About 200 rows are enough to tell, whatever the size.
    let step = (height / 200).max(1);
    let (mut same, mut compared) = (0u64, 0u64);
    for y in (0..height).step_by(step as usize) {
        for x in 1..width {
            compared += 1;
            same += u64::from(pixels.get_pixel(x, y) == pixels.get_pixel(x - 1, y));
        }
    }
    same * 2 > compared
}

/// The quality an original is encoded again with: it is the copy a reader
/// downloads to look closely.
const ORIGINAL_QUALITY: u8 = 92;

/// A JPEG has no transparency: what was transparent becomes white, as on
/// the page.
fn flatten(picture: DynamicImage) -> DynamicImage {
    match picture {
        DynamicImage::ImageRgba8(pixels) => {
            let mut rgb = image::RgbImage::new(pixels.width(), pixels.height());
            for (to, from) in rgb.pixels_mut().zip(pixels.pixels()) {
                let alpha = u16::from(from[3]);
                for channel in 0..3 {
                    let blended = (u16::from(from[channel]) * alpha + 255 * (255 - alpha)) / 255;
                    to[channel] = u8::try_from(blended).unwrap_or(u8::MAX);
                }
            }
            DynamicImage::ImageRgb8(rgb)
        }
        other => other,
    }
}

/// The picture at its own size, upright and without metadata, in its own
/// format: for a file published whole, such as the site's logo or an
/// original. An upright JPEG or PNG keeps its pixels as they are: only its
/// metadata segments or chunks are left out (a colour profile is kept).
/// Any other is decoded and encoded again.
pub fn strip(bytes: &[u8]) -> Result<Variant, ImageProblem> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    let format = reader.format().ok_or(ImageProblem::NotAPicture)?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    let (width, height) = decoder.dimensions();
    let upright = decoder
        .orientation()
        .map_or(true, |o| o == image::metadata::Orientation::NoTransforms);
    let lossless = match format {
        image::ImageFormat::Jpeg if upright && jpeg_is_complete(bytes) => {
            without_jpeg_metadata(bytes).map(|bytes| (Format::Jpeg, bytes))
        }
        image::ImageFormat::Png if upright => {
            without_png_metadata(bytes).map(|bytes| (Format::Png, bytes))
        }
        _ => None,
    };
    if let Some((format, bytes)) = lossless {
        return Ok(Variant {
            format,
            width,
            height,
            bytes,
        });
    }
    let (picture, format) = decode(bytes)?;
    match format {
        image::ImageFormat::Png => png(&picture),
        image::ImageFormat::WebP => Ok(webp(&picture, ORIGINAL_QUALITY.into())),
        _ => jpeg(&flatten(picture), ORIGINAL_QUALITY),
    }
}

/// A JPEG file without the segments that carry metadata: APP1 (EXIF,
/// XMP), APP3 to APP13 (IPTC and makers' blocks), APP15 and comments. The
/// JFIF header (APP0), the colour profile (APP2) and Adobe's colour
/// transform (APP14), which decide how the pixels look, stay.
fn without_jpeg_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(bytes.get(..2)?);
    let mut at = 2;
    loop {
        let marker = *bytes.get(at + 1)?;
        if *bytes.get(at)? != 0xff {
            return None;
        }
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let end = at + 2 + length;
        let metadata = matches!(marker, 0xe1 | 0xe3..=0xed | 0xef | 0xfe);
        if !metadata {
            out.extend_from_slice(bytes.get(at..end)?);
        }
        at = end;
        if marker == 0xda {
            out.extend_from_slice(bytes.get(at..)?);
            return Some(out);
        }
    }
}

/// A PNG file without its text chunks, EXIF block and time stamp.
fn without_png_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(bytes.get(..8)?);
    let mut at = 8;
    while at < bytes.len() {
        let length = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?);
        let end = at + 12 + usize::try_from(length).ok()?;
        let kind = bytes.get(at + 4..at + 8)?;
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME") {
            out.extend_from_slice(bytes.get(at..end)?);
        }
        at = end;
    }
    Some(out)
}

/// The largest part of `picture` with the shape of `width`×`height` that
/// keeps `focus` as near its middle as the edges allow, scaled to that size.
fn cover(
    picture: &DynamicImage,
    width: u32,
    height: u32,
    focus: Focus,
) -> Result<DynamicImage, ImageProblem> {
    let (source_width, source_height) = (u64::from(picture.width()), u64::from(picture.height()));
    let (width64, height64) = (u64::from(width), u64::from(height));
    // Wider than the preview: full height, part of the width; else the
    // other way round.
    let (crop_width, crop_height) = if source_width * height64 > source_height * width64 {
        ((source_height * width64 / height64).max(1), source_height)
    } else {
        (source_width, (source_width * height64 / width64).max(1))
    };
    let start = |size: u64, crop: u64, percent: u8| -> f64 {
        let centre = size as f64 * f64::from(percent.min(100)) / 100.0;
        (centre - crop as f64 / 2.0).clamp(0.0, (size - crop) as f64)
    };
    let left = start(source_width, crop_width, focus.x);
    let top = start(source_height, crop_height, focus.y);
    let mut resized = match picture {
        DynamicImage::ImageRgba8(_) => DynamicImage::new_rgba8(width, height),
        _ => DynamicImage::new_rgb8(width, height),
    };
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .crop(left, top, crop_width as f64, crop_height as f64);
    Resizer::new()
        .resize(picture, &mut resized, &options)
        .map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    Ok(resized)
}

/// The picture's pixels, upright, and the format it was in; refused
/// before decoding when it declares more than [`MAX_PIXELS`].
fn decode(bytes: &[u8]) -> Result<(DynamicImage, image::ImageFormat), ImageProblem> {
    let (mut picture, format, orientation) = decode_as_stored(bytes)?;
    picture.apply_orientation(orientation);
    Ok((picture, format))
}

/// The picture's pixels as the file stores them (8 bits a channel, all
/// the encoders write), the format it was in and how a viewer turns it
/// upright; refused before decoding when it declares more than
/// [`MAX_PIXELS`].
fn decode_as_stored(
    bytes: &[u8],
) -> Result<
    (
        DynamicImage,
        image::ImageFormat,
        image::metadata::Orientation,
    ),
    ImageProblem,
> {
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
            ImageProblem::Unsupported(format!("{format:?}").to_uppercase())
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
    let picture =
        DynamicImage::from_decoder(decoder).map_err(|e| ImageProblem::Damaged(e.to_string()))?;
    let picture = if picture.color().has_alpha() {
        DynamicImage::ImageRgba8(picture.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(picture.into_rgb8())
    };
    Ok((picture, format, orientation))
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
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut bytes = Vec::new();
    // Drawings and screenshots are few and small: the smallest file is
    // worth the slower compression.
    let encoder =
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, FilterType::Adaptive);
    picture
        .write_with_encoder(encoder)
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
        let processed = process(&photo, &Settings::default(), &Request::default()).unwrap();
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
        let processed = process(
            &phone_photo(1200, 900, 1),
            &Settings::default(),
            &Request::default(),
        )
        .unwrap();
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
        let processed = process(&bytes, &Settings::default(), &Request::default()).unwrap();
        assert!(processed.has_alpha);
        let formats: Vec<Format> = processed.variants.iter().map(|v| v.format).collect();
        assert_eq!(formats, [Format::Webp, Format::Png]);
    }

    #[test]
    fn bad_pictures_are_refused_with_the_reason() {
        assert_eq!(
            process(
                b"this is a text file",
                &Settings::default(),
                &Request::default()
            )
            .unwrap_err(),
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
                    process(cut, &Settings::default(), &Request::default()),
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
            process(&header, &Settings::default(), &Request::default()).unwrap_err(),
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
    fn a_link_preview_is_1200_by_630_and_keeps_its_focus_in_view() {
        // A tall picture: red above, blue below.
        let mut pixels = image::RgbImage::new(800, 1600);
        for (_, y, pixel) in pixels.enumerate_pixels_mut() {
            *pixel = if y < 800 {
                image::Rgb([220, 20, 20])
            } else {
                image::Rgb([20, 20, 220])
            };
        }
        let mut bytes = Vec::new();
        DynamicImage::ImageRgb8(pixels)
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
            .unwrap();
        let request = Request {
            previews: vec![
                Focus { x: 50, y: 0 },
                Focus::CENTRE,
                Focus { x: 50, y: 100 },
            ],
            original: false,
        };
        let processed = process(&bytes, &Settings::default(), &request).unwrap();
        let colour = |variant: &Variant| {
            assert_eq!(
                (variant.width, variant.height),
                (SOCIAL_WIDTH, SOCIAL_HEIGHT)
            );
            assert!(variant.bytes.starts_with(&[0xff, 0xd8]));
            let decoded = image::load_from_memory(&variant.bytes).unwrap().into_rgb8();
            assert_eq!(decoded.dimensions(), (SOCIAL_WIDTH, SOCIAL_HEIGHT));
            (*decoded.get_pixel(600, 10), *decoded.get_pixel(600, 620))
        };
        let (top, bottom) = colour(&processed.previews[0]);
        assert!(top[0] > 150 && bottom[0] > 150, "the top is all red");
        let (top, bottom) = colour(&processed.previews[1]);
        assert!(
            top[0] > 150 && bottom[2] > 150,
            "the middle is half and half"
        );
        let (top, bottom) = colour(&processed.previews[2]);
        assert!(top[2] > 150 && bottom[2] > 150, "the bottom is all blue");
    }

    #[test]
    fn an_original_is_the_whole_picture_upright_without_metadata() {
        let request = Request {
            previews: Vec::new(),
            original: true,
        };
        let processed = process(&phone_photo(400, 300, 6), &Settings::default(), &request).unwrap();
        let original = processed.original.unwrap();
        assert_eq!(original.format, Format::Jpeg);
        assert_eq!((original.width, original.height), (300, 400));
        assert!(!contains(&original.bytes, b"Exif"));
    }

    #[test]
    fn a_drawing_saved_as_png_stays_png_and_a_photo_saved_as_png_becomes_jpeg() {
        let encode = |picture: DynamicImage| {
            let mut bytes = Vec::new();
            picture
                .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
                .unwrap();
            bytes
        };
        let drawing = encode(DynamicImage::ImageRgb8(image::RgbImage::from_fn(
            600,
            400,
            |x, y| {
                image::Rgb(if (x / 40 + y / 40) % 2 == 0 {
                    [0; 3]
                } else {
                    [255; 3]
                })
            },
        )));
        let mut seed = 7u32;
        let photo = encode(DynamicImage::ImageRgb8(image::RgbImage::from_fn(
            600,
            400,
            |x, _| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let noise = (seed >> 16) as u8 % 16;
                image::Rgb([100 + noise, (x % 200) as u8, 90])
            },
        )));
        let fallbacks = |bytes: &[u8]| -> Vec<Format> {
            process(bytes, &Settings::default(), &Request::default())
                .unwrap()
                .variants
                .iter()
                .map(|v| v.format)
                .filter(|f| *f != Format::Webp)
                .collect()
        };
        assert_eq!(fallbacks(&drawing), [Format::Png, Format::Png]);
        assert_eq!(fallbacks(&photo), [Format::Jpeg, Format::Jpeg]);
    }

    #[test]
    fn a_focus_is_read_as_editors_write_it() {
        let focus = |x, y| Some(Focus { x, y });
        assert_eq!(Focus::parse("30% 60%"), focus(30, 60));
        assert_eq!(Focus::parse("30%, 60%"), focus(30, 60));
        assert_eq!(Focus::parse("trên"), focus(50, 0));
        assert_eq!(Focus::parse("Dưới trái"), focus(0, 100));
        assert_eq!(Focus::parse("duoi phai"), focus(100, 100));
        assert_eq!(Focus::parse("top left"), focus(0, 0));
        assert_eq!(Focus::parse("giữa"), focus(50, 50));
        for wrong in ["", "130% 20%", "30%", "trên dưới", "trái trên giữa", "xa"] {
            assert_eq!(Focus::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn an_upright_picture_is_stripped_without_being_encoded_again() {
        // A JPEG with EXIF (orientation 1, GPS): only the EXIF segment goes.
        let photo = phone_photo(64, 48, 1);
        let stripped = strip(&photo).unwrap();
        assert_eq!(stripped.format, Format::Jpeg);
        assert!(!contains(&stripped.bytes, b"Exif"));
        let exif_segment = 2 + 2 + exif(1).len();
        assert_eq!(stripped.bytes.len(), photo.len() - exif_segment);
        assert_eq!(
            image::load_from_memory(&stripped.bytes)
                .unwrap()
                .into_rgb8(),
            image::load_from_memory(&photo).unwrap().into_rgb8()
        );
        // A PNG with a text chunk: the chunk goes, the rest is the same.
        let mut png_bytes = Vec::new();
        DynamicImage::new_rgb8(8, 8)
            .write_to(&mut Cursor::new(&mut png_bytes), image::ImageFormat::Png)
            .unwrap();
        let text = b"Author\0Nguyen Van A";
        let mut chunk = (text.len() as u32).to_be_bytes().to_vec();
        chunk.extend(b"tEXt");
        chunk.extend(text);
        chunk.extend(crc32(&chunk[4..]).to_be_bytes());
        let with_text = [&png_bytes[..33], &chunk, &png_bytes[33..]].concat();
        let stripped = strip(&with_text).unwrap();
        assert_eq!(stripped.bytes, png_bytes);
        assert_eq!((stripped.width, stripped.height), (8, 8));
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
