"""The Vietnamese personal identification number (số định danh cá nhân): checks that need no database.

Twelve digits: 3 for where the birth was registered (a province code, or a
country code 101–295 for births registered abroad), 1 for century and sex, 2 for
the last digits of the birth year, 6 random. There is no check digit, so a typo
in the random part cannot be caught: the number is typed twice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# The 63 provincial codes in use before the 2025 merger; numbers keep them for life, and the
# 34 codes of the merged provinces are among them.
PROVINCE_CODES = frozenset(
    f"{code:03d}"
    for code in (
        1,
        2,
        4,
        6,
        8,
        10,
        11,
        12,
        14,
        15,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        30,
        31,
        33,
        34,
        35,
        36,
        37,
        38,
        40,
        42,
        44,
        45,
        46,
        48,
        49,
        51,
        52,
        54,
        56,
        58,
        60,
        62,
        64,
        66,
        67,
        68,
        70,
        72,
        74,
        75,
        77,
        79,
        80,
        82,
        83,
        84,
        86,
        87,
        89,
        91,
        92,
        93,
        94,
        95,
        96,
    )
)


class NationalIdError(ValueError):
    """Why a typed number cannot be a personal identification number (Vietnamese, for the learner)."""


@dataclass(frozen=True)
class NationalId:
    number: str
    birth_year: int

    @property
    def last4(self) -> str:
        return self.number[-4:]


def normalize(raw: str) -> str:
    """Digits only: full-width digits, spaces, dots and dashes as people type them are forgiven."""
    return re.sub(r"[\s.\-]", "", unicodedata.normalize("NFKC", raw or ""))


def parse_national_id(raw: str, date_of_birth: date | None, today: date | None = None) -> NationalId:
    """The checked number, or NationalIdError saying what is wrong."""
    number = normalize(raw)
    if not re.fullmatch(r"\d{12}", number):
        raise NationalIdError("Số định danh cá nhân gồm đúng 12 chữ số (số in trên thẻ căn cước).")
    place, century_sex, year = number[:3], int(number[3]), int(number[4:6])
    if place.startswith("0") and place not in PROVINCE_CODES:
        raise NationalIdError("Ba chữ số đầu không phải mã tỉnh nơi đăng ký khai sinh. Hãy kiểm tra lại.")
    if not place.startswith("0") and not 101 <= int(place) <= 295:
        raise NationalIdError("Ba chữ số đầu không phải mã nơi đăng ký khai sinh. Hãy kiểm tra lại.")
    birth_year = (19 + century_sex // 2) * 100 + year
    if birth_year > (today or date.today()).year:
        raise NationalIdError("Năm sinh trong số định danh nằm ở tương lai. Hãy kiểm tra lại.")
    if date_of_birth is not None and date_of_birth.year != birth_year:
        raise NationalIdError(
            "Chữ số thứ 4 đến thứ 6 của số định danh không khớp với năm sinh bạn đã khai. "
            "Hãy kiểm tra lại số, hoặc sửa ngày sinh trong trang Tài khoản."
        )
    return NationalId(number, birth_year)


def mask(last4: str) -> str:
    """How a number is ever shown: eight dots and the last four digits."""
    return "•" * 8 + last4
