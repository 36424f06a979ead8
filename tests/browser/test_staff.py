"""Officials and teachers in the browser: records downloaded, a learner helped, quiz statistics read."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible
from tests.browser.helpers import answers_for, attempt_id, fill_right_answers, log_in, register


def finish_module(page, base: str, db, course: str) -> None:
    page.goto(f"{base}/learn/{course}")
    page.click("ol.lessons a >> nth=0")
    while "/learn/" in page.url:
        page.click("button:has-text('Đã học xong')")
    page.click("button:has-text('Bắt đầu làm bài')")
    fill_right_answers(page, answers_for(db, attempt_id(page)))
    page.click("button:has-text('Nộp bài')")
    page.wait_for_url(re.compile(r"/result$"))


def test_an_official_filters_and_downloads_the_records_as_csv(live_server, open_page):
    base = live_server.url
    learner = open_page(viewport=DESKTOP)
    register(learner, base, name="Bùi Thị Xuất Khẩu", phone="0966000001", group="hoc_sinh", band="CB2")
    for course in ("hs-nhi-an-toan-tu-te", "hs-nhi-man-hinh-vua-du"):
        finish_module(learner, base, live_server.db, course)
    official = open_page(viewport=PHONE, javascript=False)
    log_in(official, base, "canbo@example.test")
    assert official.url.endswith("/official/records")
    official.fill("#name", "xuat khau")
    official.click("main button:has-text('Lọc')")
    assert "Bùi Thị Xuất Khẩu" in official.inner_text("main")
    with official.expect_download() as download_info:
        official.click("a:has-text('Tải CSV')")
    raw = Path(download_info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["full_name"], r["group_name"]) for r in rows] == [("Bùi Thị Xuất Khẩu", "Học sinh · Lớp 4–5")]


def test_an_official_gives_a_learner_a_temporary_password(live_server, open_page):
    base = live_server.url
    learner = open_page(viewport=PHONE)
    register(learner, base, name="Tạ Văn Quên Mật Khẩu", phone="0966000002")
    official = open_page(viewport=PHONE)
    log_in(official, base, "canbo@example.test")
    official.click("nav a:has-text('Hỗ trợ người học')")
    official.fill("#q", "0966000002")
    official.click("main button:has-text('Tìm')")
    official.click("button:has-text('Đặt lại mật khẩu')")
    temporary = official.locator("p.score.code").inner_text().strip()
    assert_accessible(official)
    again = open_page(viewport=PHONE)
    again.goto(f"{base}/login")
    again.fill("#login", "0966000002")
    again.fill("#password", temporary)
    again.click("main button:has-text('Đăng nhập')")
    assert again.url.endswith("/password")


def test_a_teacher_reads_the_statistics_of_a_quiz(live_server, open_page):
    base = live_server.url
    learner = open_page(viewport=DESKTOP)
    register(learner, base, name="Hồ Văn Thống Kê", phone="0966000003")
    finish_module(learner, base, live_server.db, "tro-ly-ai")
    teacher = open_page(viewport=DESKTOP)
    log_in(teacher, base, "giaovien@example.test")
    teacher.click("nav a:has-text('Bài kiểm tra')")
    teacher.click("a:has-text('Dùng trợ lý AI khôn ngoan')")
    table = teacher.inner_text("main table")
    assert "100%" in table
    assert_accessible(teacher)
