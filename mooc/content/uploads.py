"""Images uploaded from the browser: checked by their content, cleaned and made small for phones.

- The type is decided by the bytes, never by the file name: PNG, JPEG, GIF and WebP are accepted.
  SVG is refused from the browser (it can carry scripts); SVG files still come in through
  `courses/` on disk, where they are reviewed like code.
- Every image is decoded and encoded again, which drops EXIF (GPS position, camera, owner) and any
  other metadata. The EXIF orientation is applied first, so a phone photo stays upright.
- The long side is scaled down to at most MAX_SIDE pixels. A file over `max_bytes` or an image
  over `max_pixels` (a "decompression bomb": a small file that decodes to gigabytes) is refused.
- PNG stays PNG (optimized); JPEG stays JPEG at quality 82; WebP stays WebP at quality 82.
  A GIF keeps its first frame only and becomes PNG: a moving picture distracts on a lesson page
  and costs data on a poor connection.
- The name is the SHA-256 of the encoded bytes (32 hex digits) plus the extension: the same name
  the importer gives an image file (sources.asset_name), so an exported image imports as the same
  asset.

Pure: bytes in, bytes out. Messages are in Vietnamese, for the teacher who uploaded the file.
"""

from __future__ import annotations

import io
import posixpath
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from mooc.content.sources import asset_name

MAX_BYTES = 2_000_000
MAX_PIXELS = 40_000_000  # 8000 × 5000; a phone's largest photo mode still fits
MAX_SIDE = 1600
QUALITY = 82
_SHRINK = f"Hãy thu nhỏ ảnh xuống dưới {MAX_SIDE} điểm ảnh mỗi cạnh."
_DECODERS = ("PNG", "JPEG", "GIF", "WEBP")
_OUTPUT = {"PNG": ("PNG", ".png", "image/png"), "JPEG": ("JPEG", ".jpg", "image/jpeg")}
_OUTPUT |= {"GIF": _OUTPUT["PNG"], "WEBP": ("WEBP", ".webp", "image/webp")}


class UploadError(ValueError):
    """An upload that cannot be used; `.message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ProcessedImage:
    name: str  # "<sha256[:32]>.png": the asset name and the file name under images/
    content_type: str
    data: bytes
    width: int
    height: int


def process_image(
    filename: str, data: bytes, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> ProcessedImage:
    """Check, clean and shrink one uploaded image. `filename` is only used in messages."""
    shown = posixpath.basename((filename or "").replace("\\", "/")) or "ảnh"
    if not data:
        raise UploadError(f"Tệp {shown} trống.")
    if len(data) > max_bytes:
        raise UploadError(
            f"Ảnh {shown} nặng {len(data) / 1_000_000:.1f} MB, quá {max_bytes / 1_000_000:g} MB. "
            "Hãy chụp lại với cỡ ảnh nhỏ hơn hoặc thu nhỏ ảnh trước khi tải lên."
        )
    if _looks_like_svg(data):
        raise UploadError(
            f"Không nhận ảnh SVG tải lên từ trình duyệt ({shown}): tệp SVG có thể chứa mã chạy được. "
            "Hãy dùng PNG hoặc JPEG."
        )
    image = _open(shown, data, max_pixels)
    kind = image.format or ""
    try:
        image.seek(0)  # a GIF or WebP animation keeps its first frame
        if kind == "JPEG":
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode at a reduced size: less memory
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            image = ImageOps.exif_transpose(image) or image
    except (OSError, Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise UploadError(f"Không đọc được ảnh {shown}: tệp bị hỏng hoặc không đầy đủ.") from error
    return _encode(image, kind)


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def _open(shown: str, data: bytes, max_pixels: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=_DECODERS)  # reads the header only
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        if isinstance(error, UnidentifiedImageError):
            raise UploadError(f"Tệp {shown} không phải ảnh PNG, JPEG, GIF hoặc WebP.") from error
        raise UploadError(f"Ảnh {shown} có kích thước quá lớn để xử lý. {_SHRINK}") from error
    except OSError as error:
        raise UploadError(f"Không đọc được ảnh {shown}: tệp bị hỏng hoặc không đầy đủ.") from error
    width, height = image.size
    if width * height > max_pixels or width <= 0 or height <= 0:
        raise UploadError(
            f"Ảnh {shown} có kích thước {width} × {height} điểm ảnh, quá lớn để xử lý. {_SHRINK}"
        )
    return image


def _encode(image: Image.Image, kind: str) -> ProcessedImage:
    fmt, extension, content_type = _OUTPUT[kind]
    # Colours, not personal data: kept unless the colour space changes (CMYK → RGB). Nothing else is.
    icc = image.info.get("icc_profile") if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA") else None
    if fmt == "JPEG":
        image = image.convert("L" if image.mode in ("L", "1", "I;16") else "RGB")
    elif image.mode == "P" and (kind == "GIF" or max(image.size) > MAX_SIDE):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    transparency = image.info.get("transparency") if image.mode in ("P", "L", "RGB") else None
    clean = image.copy()
    clean.info = {}  # EXIF, XMP, comments, text chunks: none of it is written again
    options: dict = {"icc_profile": icc} if icc else {}
    if fmt == "PNG":
        options |= {"optimize": True}
        if transparency is not None:
            options["transparency"] = transparency
    elif fmt == "JPEG":
        options |= {"quality": QUALITY, "optimize": True, "progressive": True}
    else:
        options |= {"quality": QUALITY, "method": 6}
    buffer = io.BytesIO()
    clean.save(buffer, fmt, **options)
    data = buffer.getvalue()
    return ProcessedImage(
        asset_name(f"image{extension}", data), content_type, data, clean.width, clean.height
    )


def image_markdown(alt: str, path: str, from_file: str | None = None) -> str:
    """`![alt](images/x.png)` for the editor to insert; the alt text is required.

    `path` is the image's logical path (courses/<slug>/images/x.png); the link is written relative
    to `from_file` (a lesson by default, so "images/x.png").
    """
    text = " ".join((alt or "").replace("[", "(").replace("]", ")").split())
    if not text:
        raise UploadError("Hãy viết lời mô tả ảnh (ảnh cho thấy gì) cho người không xem được ảnh.")
    base = posixpath.dirname(from_file) if from_file else posixpath.dirname(posixpath.dirname(path))
    return f"![{text}]({posixpath.relpath(path, base or '.')})"
