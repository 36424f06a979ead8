"""Draws the printable certificate (A4 PDF) from plain data: no Flask, no database.

Design (docs: certification.md §6, §11): A4 landscape, black on white with thin
rules only, so a cheap office printer or a photocopy keeps every word readable.
DejaVu Sans is vendored in mooc/data/fonts and embedded (subset) in the PDF, and
every text is NFC-normalized before drawing: without a shaping engine, decomposed
(NFD) Vietnamese would put tone marks in the wrong place. No ID number, birth
date, phone or e-mail is ever printed. A record that is no longer valid prints
with a banner and a diagonal outline stamp across the page, so it cannot pass
for a valid one even when cut.
"""

from __future__ import annotations

import io
import unicodedata
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import as_file, files

import segno
from fpdf import FPDF
from fpdf.enums import Align, TextMode, XPos, YPos

FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

PAGE_W, PAGE_H = 297.0, 210.0  # mm, A4 landscape
MARGIN = 18.0
INK, GREY = 0, 110  # grey only for rules and the stamp; no text depends on it

TITLE = "GIẤY CHỨNG NHẬN"
SUBTITLE = "Hoàn thành chương trình phổ cập kỹ năng số"
MOVEMENT = "Phong trào “Bình dân học vụ số”"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc")
NOT_VALID = {
    "revoked": "Giấy chứng nhận này đã bị thu hồi.",
    "superseded": "Giấy chứng nhận này đã được thay bằng một giấy chứng nhận khác.",
}
STAMP = "KHÔNG CÒN HIỆU LỰC"
_CITY_PREFIXES = ("thành phố ", "tp. ", "tp ", "tỉnh ")


@dataclass(frozen=True)
class ModuleLine:
    title: str
    score_percent: int | None = None


@dataclass(frozen=True)
class CertificateData:
    """What a certificate shows, copied from the completion record and the ward."""

    ward_name: str
    city: str
    full_name: str
    group_name: str
    framework_name: str
    framework_version: str
    issue_date: date  # the ward's calendar day (Asia/Ho_Chi_Minh), not a UTC one
    code: str
    verification_url: str
    modules: tuple[ModuleLine, ...] = field(default_factory=tuple)
    status: str = "issued"

    @property
    def is_valid(self) -> bool:
        return self.status == "issued"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def place_name(city: str) -> str:
    """'Thành phố Hải Phòng' → 'Hải Phòng', as the place-and-date line writes it."""
    city = nfc(city).strip()
    for prefix in _CITY_PREFIXES:
        if city.lower().startswith(prefix):
            return city[len(prefix) :].strip()
    return city


def date_line(city: str, day: date) -> str:
    """'Hải Phòng, ngày 05 tháng 09 năm 2026'."""
    place = place_name(city)
    return f"{place + ', ' if place else ''}ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def render_certificate(data: CertificateData) -> bytes:
    """The certificate as PDF bytes: one A4 landscape page."""
    pdf = _Certificate(data)
    with ExitStack() as stack:  # font files must stay readable until the PDF is written
        for style, name in _FONT_FILES.items():
            path = stack.enter_context(as_file(files("mooc").joinpath("data", "fonts", name)))
            pdf.add_font(FONT, style, str(path))
        pdf.draw()
        return bytes(pdf.output())


class _Certificate(FPDF):
    def __init__(self, data: CertificateData) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.data = data
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_lang("vi")
        self.set_title(nfc(f"Giấy chứng nhận hoàn thành chương trình phổ cập kỹ năng số – {data.code}"))
        self.set_author(nfc(", ".join(part for part in (data.ward_name, data.city) if part)))
        self.set_subject(nfc("Bình dân học vụ số"))
        self.set_creator("mooc")

    # -- drawing helpers: every text goes through `_text`, which normalizes it --

    def _font(self, size: float, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    def _text(self, text: str, size: float, *, bold: bool = False, x: float, w: float, h: float) -> None:
        """One centred line in [x, x + w], shrunk to fit rather than cut."""
        text = nfc(text)
        self._font(size, bold)
        while size > 6 and self.get_string_width(text) > w:
            size -= 0.5
            self._font(size, bold)
        self.set_x(x)
        self.cell(w, h, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def _paragraph(self, text: str, size: float, *, x: float, w: float, h: float) -> None:
        """Centred lines wrapped at word boundaries."""
        self._font(size)
        self.set_x(x)
        self.multi_cell(w, h, nfc(text), align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def _rule(self, x1: float, x2: float, y: float, width: float = 0.3) -> None:
        self.set_line_width(width)
        self.line(x1, y, x2, y)

    # -- the page --

    def draw(self) -> None:
        self.add_page()
        self.set_text_color(INK)
        self.set_draw_color(INK)
        self._frame()
        self._header()
        self._body()
        self._footer_block()
        if not self.data.is_valid:
            self._stamp()

    def _frame(self) -> None:
        self.set_line_width(0.8)
        self.rect(8, 8, PAGE_W - 16, PAGE_H - 16)
        self.set_line_width(0.25)
        self.rect(10, 10, PAGE_W - 20, PAGE_H - 20)

    def _header(self) -> None:
        left_x, left_w = MARGIN, 110.0
        self.set_y(18)
        self._text(self.data.city.upper(), 10.5, x=left_x, w=left_w, h=5.5)
        self._text(self.data.ward_name.upper(), 11.5, bold=True, x=left_x, w=left_w, h=6)
        self._short_rule(left_x, left_w, self.get_y() + 1, 30)
        right_w = 135.0
        right_x = PAGE_W - MARGIN - right_w
        self.set_y(18)
        self._text(MOTTO[0], 11, bold=True, x=right_x, w=right_w, h=5.5)
        self._text(MOTTO[1], 12, bold=True, x=right_x, w=right_w, h=6)
        self._font(12, bold=True)
        self._short_rule(right_x, right_w, self.get_y() + 1, self.get_string_width(nfc(MOTTO[1])))

    def _short_rule(self, x: float, w: float, y: float, length: float) -> None:
        middle = x + w / 2
        self._rule(middle - length / 2, middle + length / 2, y, 0.3)

    def _body(self) -> None:
        data, x, w = self.data, MARGIN, PAGE_W - 2 * MARGIN
        self.set_y(43)
        self._text(TITLE, 30, bold=True, x=x, w=w, h=13)
        self._text(SUBTITLE, 15, x=x, w=w, h=8)
        self._text(MOVEMENT, 10.5, x=x, w=w, h=5.5)
        if not data.is_valid:
            self._banner()
        self.ln(5 if data.is_valid else 1)
        self._text("Chứng nhận", 12, x=x, w=w, h=7)
        self._text(data.full_name, 26, bold=True, x=x, w=w, h=14)
        self.ln(1.5 if data.is_valid else 0)
        self._text(f"Nhóm: {data.group_name}", 12.5, x=x, w=w, h=7)
        self._paragraph(
            f"đã hoàn thành tất cả các học phần bắt buộc theo {data.framework_name} "
            f"(phiên bản {data.framework_version}):",
            11.5,
            x=x + 20,
            w=w - 40,
            h=6,
        )
        self._modules(self.get_y() + 2)

    def _banner(self) -> None:
        reason = NOT_VALID.get(self.data.status, "Giấy chứng nhận này không còn hiệu lực.")
        text = nfc(f"{STAMP} – {reason}")
        self._font(12, bold=True)
        width = min(self.get_string_width(text) + 12, PAGE_W - 2 * MARGIN)
        x = (PAGE_W - width) / 2
        self.set_line_width(0.8)
        self.rect(x, self.get_y() + 1, width, 9)
        self.set_y(self.get_y() + 1)
        self._text(text, 12, bold=True, x=x, w=width, h=9)

    def _modules(self, top: float) -> None:
        """Two columns of passed modules, each with its score; shrinks when there are many."""
        modules = self.data.modules
        if not modules:
            return
        rows = (len(modules) + 1) // 2 if len(modules) > 3 else len(modules)
        columns = 2 if len(modules) > 3 else 1
        bottom = 144.0
        row_h = max(min(6.5, (bottom - top) / rows), 3.5)
        size = min(10.5, row_h * 1.75)
        column_w, gap = 118.0, 10.0
        left = (PAGE_W - columns * column_w - (columns - 1) * gap) / 2
        self._rule(left, left + columns * column_w + (columns - 1) * gap, top - 0.5, 0.2)
        for index, module in enumerate(modules):
            column, row = divmod(index, rows)
            x = left + column * (column_w + gap)
            y = top + row * row_h
            score = f"{module.score_percent}%" if module.score_percent is not None else ""
            self._font(size)
            score_w = self.get_string_width("100%") + 2
            title = self._fit(f"• {module.title}", column_w - score_w - 1, size)
            self.set_xy(x, y)
            self.cell(column_w - score_w, row_h, title, align=Align.L)
            self._font(size)
            self.cell(score_w, row_h, score, align=Align.R)
        end = top + rows * row_h + 0.5
        self._rule(left, left + columns * column_w + (columns - 1) * gap, end, 0.2)

    def _fit(self, text: str, width: float, size: float) -> str:
        """The text at `size`, else smaller (down to 80%), else cut with an ellipsis."""
        text = nfc(text)
        smallest = size * 0.8
        while size > smallest and self.get_string_width(text) > width:
            size -= 0.25
            self._font(size)
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def _footer_block(self) -> None:
        data = self.data
        qr_size, qr_x, qr_y = 36.0, MARGIN + 6, 148.0
        self.image(_qr_png(data.verification_url), x=qr_x, y=qr_y, w=qr_size, h=qr_size)
        self.set_y(qr_y + qr_size + 0.5)
        self._text(data.code, 10, bold=True, x=qr_x - 10, w=qr_size + 20, h=5)

        sign_w = 90.0
        sign_x = PAGE_W - MARGIN - sign_w
        info_x = qr_x + qr_size + 6
        info_w = sign_x - 6 - info_x
        self.set_y(qr_y + 6)
        self._text("Ai cũng có thể kiểm tra giấy chứng nhận này", 10, x=info_x, w=info_w, h=5.5)
        self._text("bằng cách quét mã QR hoặc mở địa chỉ:", 10, x=info_x, w=info_w, h=5.5)
        self._text(data.verification_url, 10, x=info_x, w=info_w, h=5.5, bold=True)
        self.ln(1.5)
        self._text(f"Mã xác minh: {data.code}", 10, x=info_x, w=info_w, h=5.5)

        self.set_y(qr_y + 4)
        self._text(date_line(data.city, data.issue_date), 11.5, x=sign_x, w=sign_w, h=7)
        self._text(data.ward_name.upper(), 12, bold=True, x=sign_x, w=sign_w, h=7)
        self._text("(đơn vị cấp giấy chứng nhận)", 9.5, x=sign_x, w=sign_w, h=5)

    def _stamp(self) -> None:
        """A diagonal outline stamp across the page: readable through, impossible to miss."""
        text, size = nfc(STAMP), 60.0
        self._font(size, bold=True)
        while self.get_string_width(text) > 200:
            size -= 2
            self._font(size, bold=True)
        width = self.get_string_width(text)
        with self.rotation(angle=20, x=PAGE_W / 2, y=PAGE_H / 2):
            self.set_draw_color(GREY)
            self.set_line_width(0.6)
            self.text_mode = TextMode.STROKE
            cap_height = size * 0.3528 * 0.73  # points to mm, times DejaVu's cap height
            self.text(PAGE_W / 2 - width / 2, PAGE_H / 2 + cap_height / 2, text)
            self.text_mode = TextMode.FILL
            self.set_draw_color(INK)


def _qr_png(url: str) -> io.BytesIO:
    """The QR code as a black-and-white PNG, with its four-module quiet zone."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    buffer.seek(0)
    return buffer
