"""Uploaded images: decided by their content, cleaned of metadata, small enough for a phone."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from mooc.content.sources import asset_name
from mooc.content.uploads import MAX_SIDE, UploadError, image_markdown, process_image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def photo_with_gps(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Máy ảnh"  # make
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (21.0, 1.0, 30.0)
    gps[3], gps[4] = "E", (105.0, 51.0, 0.0)
    return encoded(Image.new("RGB", (400, 300), (180, 40, 40)), "JPEG", exif=exif, quality=90)


def test_a_jpeg_with_gps_comes_out_without_any_exif():
    data = photo_with_gps()
    assert dict(Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD))[2] == (21.0, 1.0, 30.0)
    image = process_image("anh.jpg", data)
    out = Image.open(io.BytesIO(image.data))
    assert (out.format, image.content_type) == ("JPEG", "image/jpeg")
    assert dict(out.getexif()) == {} and "exif" not in out.info
    assert b"Exif" not in image.data and "Máy ảnh".encode() not in image.data


def test_the_exif_orientation_is_applied_before_it_is_dropped():
    image = process_image("anh.jpg", photo_with_gps(orientation=6))  # "rotate 90°": a portrait photo
    assert (image.width, image.height) == (300, 400)


def test_the_type_comes_from_the_content_not_the_name():
    png = encoded(Image.new("RGBA", (20, 10), (0, 128, 0, 100)), "PNG")
    image = process_image("that-ra-la-png.jpg", png)
    assert image.content_type == "image/png" and image.name.endswith(".png")
    out = Image.open(io.BytesIO(image.data))
    assert (out.format, out.mode, out.size) == ("PNG", "RGBA", (20, 10))


def test_the_name_is_the_content_hash_the_importer_would_give_the_file():
    image = process_image("x.png", encoded(Image.new("L", (8, 8), 200), "PNG"))
    assert image.name == hashlib.sha256(image.data).hexdigest()[:32] + ".png"
    assert image.name == asset_name(image.name, image.data)  # an exported file re-imports as this asset


def test_a_text_file_named_png_is_refused():
    with pytest.raises(UploadError) as error:
        process_image("anh.png", "Xin chào, đây không phải ảnh.".encode())
    assert error.value.message == "Tệp anh.png không phải ảnh PNG, JPEG, GIF hoặc WebP."


def test_svg_from_the_browser_is_refused_even_under_another_name():
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(UploadError) as error:
        process_image("hinh.png", svg)
    assert error.value.message.startswith("Không nhận ảnh SVG tải lên từ trình duyệt (hinh.png)")


def test_a_large_image_is_scaled_down_to_the_long_side_limit():
    image = process_image("rong.png", encoded(Image.new("RGB", (4000, 1000), (10, 20, 30)), "PNG"))
    assert (image.width, image.height) == (MAX_SIDE, 400)


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(UploadError) as error:
        process_image("to.jpg", photo_with_gps(), max_bytes=1000)
    assert "quá 0.001 MB" in error.value.message


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = encoded(Image.new("1", (20_000, 20_000)), "PNG")  # a few kB; 400 million pixels once decoded
    assert len(bomb) < 100_000
    with pytest.raises(UploadError) as error:
        process_image("bom.png", bomb)
    assert error.value.message.startswith("Ảnh bom.png có kích thước quá lớn để xử lý.")


def test_an_image_over_the_pixel_limit_is_refused_with_its_size():
    big = encoded(Image.new("1", (8000, 6000)), "PNG")  # 48 million pixels, over our 40 million
    with pytest.raises(UploadError) as error:
        process_image("lon.png", big)
    assert "8000 × 6000 điểm ảnh" in error.value.message


def test_a_truncated_image_is_refused():
    data = photo_with_gps()
    with pytest.raises(UploadError) as error:
        process_image("hong.jpg", data[: len(data) // 2])
    assert "bị hỏng" in error.value.message


def test_a_gif_keeps_its_first_frame_as_a_png():
    frames = [Image.new("P", (30, 20), color) for color in (1, 2, 3)]
    gif = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    image = process_image("dong.gif", gif)
    assert (image.content_type, image.width, image.height) == ("image/png", 30, 20)
    assert getattr(Image.open(io.BytesIO(image.data)), "n_frames", 1) == 1


def test_webp_stays_webp():
    image = process_image("a.webp", encoded(Image.new("RGB", (50, 40), (1, 2, 3)), "WEBP"))
    assert (image.content_type, image.name[-5:]) == ("image/webp", ".webp")


def test_image_markdown_needs_alt_text_and_writes_a_relative_link():
    path = "courses/alpha/images/abc.png"
    assert image_markdown(" Nút [Cài đặt] ", path) == "![Nút (Cài đặt)](images/abc.png)"
    assert image_markdown("Mã QR", path, "quizzes/alpha/kiem-tra.md") == (
        "![Mã QR](../../courses/alpha/images/abc.png)"
    )
    with pytest.raises(UploadError) as error:
        image_markdown("   ", path)
    assert error.value.message.startswith("Hãy viết lời mô tả ảnh")
