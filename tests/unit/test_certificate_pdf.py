"""The printable certificate, read back with pypdf: A4, embedded fonts, Vietnamese text, QR."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date

import pytest
import segno
from pypdf import PdfReader

from mooc.certificate_pdf import CertificateData, ModuleLine, date_line, place_name, render_certificate

URL = "https://hoc.phulien.example.vn/v/ABCD-EFGH-JKMN-PQRS"
NAMES = ["Nguyễn Thị Hương Giang", "Đặng Văn Ất", "Lê Thị Thủy"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def sample(**changes) -> CertificateData:
    data = CertificateData(
        ward_name="Phường Phù Liễn",
        city="Thành phố Hải Phòng",
        full_name="Nguyễn Thị Hương Giang",
        group_name="Người dân",
        framework_name="Khung năng lực số cho người học",
        framework_version="2026.2",
        issue_date=date(2026, 3, 5),
        code="ABCD-EFGH-JKMN-PQRS",
        verification_url=URL,
        modules=(
            ModuleLine("Dùng điện thoại thông minh và Internet an toàn", 90),
            ModuleLine("VNeID và danh tính số", 100),
            ModuleLine("Nhận biết lừa đảo trực tuyến và bảo vệ dữ liệu cá nhân", 85),
        ),
    )
    return replace(data, **changes)


def read(data: CertificateData) -> PdfReader:
    return PdfReader(io.BytesIO(render_certificate(data)))


def text_of(data: CertificateData) -> str:
    return read(data).pages[0].extract_text()


def test_the_certificate_is_one_a4_page():
    reader = read(sample())
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == [595, 842]


def test_its_fonts_are_dejavu_and_embedded():
    fonts = read(sample()).pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        assert "DejaVuSans" in font["/BaseFont"]
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor


@pytest.mark.parametrize("name", NAMES)
def test_a_vietnamese_name_prints_exactly_as_given_even_when_passed_decomposed(name):
    text = text_of(sample(full_name=nfd(name), modules=tuple(ModuleLine(nfd(NAMES[2]), 90) for _ in "x")))
    assert name in text.splitlines()
    assert unicodedata.normalize("NFC", text) == text  # nothing left decomposed anywhere
    assert f"• {NAMES[2]}" in text


def test_every_vietnamese_letter_has_a_glyph_in_the_embedded_font(caplog):
    letters = "ĂÂĐÊÔƠƯ ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ"
    with caplog.at_level("WARNING", logger="fpdf"):
        text = text_of(sample(full_name=letters, group_name=letters.lower(), framework_name=letters.lower()))
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    assert letters in text and letters.lower() in text


def test_the_glyph_check_above_would_see_a_missing_glyph(caplog):
    with caplog.at_level("WARNING", logger="fpdf"):
        text_of(sample(full_name="Nguyễn 中"))  # DejaVu Sans has no CJK
    assert any("missing" in r.getMessage() for r in caplog.records)


def test_it_shows_the_ward_group_framework_modules_date_and_code():
    text = text_of(sample())
    lines = text.splitlines()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "Độc lập – Tự do – Hạnh phúc" in lines
    assert "GIẤY CHỨNG NHẬN" in lines and "Hoàn thành chương trình phổ cập kỹ năng số" in lines
    assert "PHƯỜNG PHÙ LIỄN" in lines and "THÀNH PHỐ HẢI PHÒNG" in lines
    assert "Nhóm: Người dân" in lines
    assert "Khung năng lực số cho người học (phiên bản 2026.2)" in text
    assert "• VNeID và danh tính số" in text and "100%" in text
    assert "Hải Phòng, ngày 05 tháng 03 năm 2026" in lines
    assert "Mã xác minh: ABCD-EFGH-JKMN-PQRS" in lines and "ABCD-EFGH-JKMN-PQRS" in lines


def test_it_tells_anyone_where_to_check_it_and_carries_the_qr_image():
    reader = read(sample())
    assert URL in reader.pages[0].extract_text().splitlines()
    assert len(reader.pages[0].images) == 1


def test_the_qr_image_is_exactly_the_code_of_the_verification_url():
    """Without a decoder: sample every module of the embedded image and compare with segno's own."""
    image = read(sample()).pages[0].images[0].image.convert("L")
    expected = segno.make(URL, error="m", micro=False)
    border = 4
    size = expected.symbol_size(scale=1, border=border)[0]
    step = image.width / size
    assert image.width == image.height
    seen = [
        [image.getpixel((int((x + 0.5) * step), int((y + 0.5) * step))) < 128 for x in range(size)]
        for y in range(size)
    ]
    dark = [[bool(v) for v in row] for row in expected.matrix]
    assert [row[border:-border] for row in seen[border:-border]] == dark
    assert not any(any(row[:border]) or any(row[-border:]) for row in seen)  # a clean quiet zone


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="needs pdftoppm and zbarimg (poppler-utils, zbar-tools)",
)
def test_a_qr_reader_reads_the_verification_url_off_the_printed_page(tmp_path):
    (tmp_path / "c.pdf").write_bytes(render_certificate(sample()))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", "c.pdf", "c"], cwd=tmp_path, check=True)
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "c.png")], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == URL


def test_no_id_number_birth_date_phone_or_email_can_appear():
    text = text_of(sample())
    assert not re.search(r"\d{12}", text.replace("-", ""))  # a citizen ID has 12 digits
    assert not re.search(r"(?<!\d)0\d{9}(?!\d)", text)  # a Vietnamese mobile number
    assert "@" not in text
    assert not re.search(r"\d{2}/\d{2}/\d{4}", text)  # the only date is written out in words
    fields = set(CertificateData.__dataclass_fields__)
    assert not fields & {"date_of_birth", "national_id", "phone", "email"}


@pytest.mark.parametrize(
    ("status", "reason"),
    [("revoked", "đã bị thu hồi"), ("superseded", "đã được thay bằng một giấy chứng nhận khác")],
)
def test_a_record_no_longer_valid_prints_clearly_marked(status, reason):
    text = text_of(sample(status=status))
    assert text.count("KHÔNG CÒN HIỆU LỰC") == 2  # the banner and the diagonal stamp
    assert reason in text


def test_a_valid_record_carries_no_such_mark():
    assert "HIỆU LỰC" not in text_of(sample())


def test_the_pdf_says_what_it_is_who_issued_it_and_its_language():
    reader = read(sample())
    assert (
        reader.metadata.title.startswith("Giấy chứng nhận") and "ABCD-EFGH-JKMN-PQRS" in reader.metadata.title
    )
    assert reader.metadata.author == "Phường Phù Liễn, Thành phố Hải Phòng"
    assert reader.trailer["/Root"]["/Lang"] == "vi"


def test_a_long_name_shrinks_to_fit_on_one_line_rather_than_being_cut():
    name = "Tôn Nữ Hoàng Phương Thảo Nguyễn Thị Huyền Trang Đặng Lê"
    assert name in text_of(sample(full_name=name)).splitlines()


def test_the_place_is_the_city_without_its_administrative_prefix():
    assert place_name("Thành phố Hải Phòng") == "Hải Phòng"
    assert place_name(nfd("Tỉnh Bắc Ninh")) == "Bắc Ninh"
    assert place_name("Hải Phòng") == "Hải Phòng"
    assert date_line("Thành phố Hải Phòng", date(2026, 12, 1)) == "Hải Phòng, ngày 01 tháng 12 năm 2026"
