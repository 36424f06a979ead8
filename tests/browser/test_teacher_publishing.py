"""A teacher writes a module in the browser, an official publishes it, a learner takes it.

Issue 5's "done when", as a new user would do it: two lessons, an image, a five-question quiz,
a preview, publishing; then a second version changes a question and the first learner's result
stays what it was. Every authoring page is checked with axe on the way.
"""

from __future__ import annotations

import re

from PIL import Image

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible
from tests.browser.helpers import answers_for, attempt_id, fill_right_answers, log_in, register

SLUG = "mua-ban-an-toan"
LESSON_ONE = """---
title: "Mua hàng trên mạng"
slug: bai-dau-tien
estimated_minutes: 5
---

## Trước khi bấm "Đặt hàng"

Xem kỹ tên cửa hàng, đánh giá của người mua trước và chính sách đổi trả.

- Chỉ trả tiền qua ứng dụng của sàn.
- Không chuyển khoản trước cho người lạ.
"""
GIFT = """::Đổi trả:: Trước khi mua, nên xem chính sách nào của cửa hàng? {
=Chính sách đổi trả
~Màu logo của cửa hàng
~Số lượt thích trang của cửa hàng
}

::Chuyển khoản:: Người bán lạ đòi chuyển khoản trước để "giữ hàng". Bạn nên làm gì? {
=Không chuyển, chỉ trả tiền qua ứng dụng của sàn
~Chuyển ngay cho kịp
~Chuyển một nửa số tiền
}

::Mã OTP:: Người giao hàng hỏi mã OTP vừa gửi đến điện thoại của bạn là đúng quy trình. {F}

::Đánh giá:: Nên đọc đánh giá của những ai trước khi mua? {
=Những người đã mua hàng đó
~Chỉ người bán
~Không cần đọc
}
"""


def make_png(folder) -> str:
    path = folder / "gio-hang.png"
    Image.new("RGB", (64, 40), (30, 90, 160)).save(path)
    return str(path)


def sign_out(page) -> None:
    page.click("footer button:has-text('Đăng xuất'), header button:has-text('Đăng xuất')")


def test_a_teacher_publishes_a_module_and_a_learner_takes_it(live_server, open_page, tmp_path):
    base = live_server.url

    # The teacher creates the module, on a desktop screen with JavaScript.
    teacher = open_page(viewport=DESKTOP)
    log_in(teacher, base, "giaovien@example.test")
    teacher.click("nav a:has-text('Soạn học phần')")
    assert_accessible(teacher)
    teacher.fill("#title", "Mua bán an toàn trên mạng")
    teacher.fill("#slug", SLUG)
    teacher.click("main button:has-text('Tạo học phần mới')")
    teacher.wait_for_url(re.compile(rf"/teach/courses/{SLUG}(#.*)?$"))
    assert_accessible(teacher)

    # Lesson one: written in the textarea; the live preview shows it as a learner will see it.
    teacher.click("a:has-text('Sửa bài “Bài đầu tiên')")
    teacher.fill("#van-ban", LESSON_ONE + "\n<script>alert(1)</script>\n")
    teacher.wait_for_selector("#preview h2:has-text('Trước khi bấm')")  # no eval: the CSP forbids it
    preview = teacher.inner_html("#preview")
    assert "<h2" in preview and "<script" not in preview
    teacher.wait_for_selector("#save-status:has-text('Đã lưu')")  # saved by itself
    assert_accessible(teacher)
    teacher.fill("#van-ban", LESSON_ONE)
    teacher.click("button[value=save]:not(.visually-hidden)")

    # Lesson two, added by title.
    teacher.goto(f"{base}/teach/courses/{SLUG}")
    teacher.fill("#title", "Trả tiền khi nhận hàng")
    teacher.click("main button:has-text('Thêm bài học')")
    teacher.wait_for_url(re.compile(r"/edit\?path="))
    text = teacher.input_value("#van-ban").replace(
        "Viết bài học ở đây: câu ngắn, từ dễ hiểu.", "Mở hộp, xem hàng rồi mới trả tiền cho người giao hàng."
    )
    teacher.fill("#van-ban", text)
    teacher.click("button[value=save]:not(.visually-hidden)")

    # An image, with the alt text the form requires, put at the end of lesson one.
    teacher.goto(f"{base}/teach/courses/{SLUG}")
    teacher.set_input_files("#image", make_png(tmp_path))
    teacher.fill("#alt", "Giỏ hàng trên ứng dụng mua sắm")
    teacher.select_option("#lesson", f"courses/{SLUG}/01-bai-dau-tien.md")
    teacher.click("main button:has-text('Tải ảnh lên')")
    assert "gio-hang" not in teacher.inner_text("main")  # stored under its content hash

    # The quiz: the skeleton's question removed, one true/false question by form, four pasted as GIFT.
    teacher.goto(f"{base}/teach/courses/{SLUG}/quiz")
    assert_accessible(teacher)
    teacher.click("main form button:has-text('Xóa')")
    teacher.click("button:has-text('Xóa câu hỏi')")
    teacher.click("a:has-text('Thêm câu hỏi')")
    teacher.click("a:has-text('Đúng / Sai')")
    teacher.get_by_label("Tên câu hỏi").fill("Kiểm tra hàng")
    teacher.get_by_label("Nội dung câu hỏi").fill(
        "Nên mở hộp xem hàng trước khi trả tiền cho người giao hàng."
    )
    teacher.get_by_role("radio", name="Đúng", exact=True).check()
    teacher.click("button[value=preview]:not(.visually-hidden)")
    assert "Nên mở hộp xem hàng" in teacher.inner_text("#xem-truoc + *, main")
    assert_accessible(teacher)
    teacher.click("button[value=save]:not(.visually-hidden)")
    teacher.click("a:has-text('Dán câu hỏi GIFT hoặc Aiken')")
    teacher.fill("#gift-text", GIFT)
    teacher.click("button[value=preview]:not(.visually-hidden)")
    assert "Trước khi mua, nên xem chính sách nào" in teacher.inner_text("main")
    assert_accessible(teacher)
    teacher.click("button:has-text('Lưu 4 câu hỏi')")
    assert len(teacher.locator("main ol li, main ul li").filter(has_text="Sửa").all()) == 5

    # Checked clean, sent for review.
    teacher.goto(f"{base}/teach/courses/{SLUG}")
    assert "0 lỗi" in teacher.inner_text("#loi + p") or "Không có lỗi" in teacher.inner_text("main")
    teacher.click("main button:has-text('Gửi duyệt')")
    assert "đang chờ duyệt" in teacher.inner_text("main")

    # An official publishes it, on a phone, without JavaScript.
    official = open_page(viewport=PHONE, javascript=False)
    log_in(official, base, "canbo@example.test")
    official.click("nav a:has-text('Duyệt bài')")
    assert_accessible(official)
    official.click("a:has-text('Mua bán an toàn trên mạng')")
    assert "Mở hộp, xem hàng" in official.inner_text("main")  # the diff shows what is new
    assert_accessible(official)
    official.click("button:has-text('Xuất bản')")
    official.wait_for_url(re.compile(rf"/teach/courses/{SLUG}/versions$"))

    # A learner reads both lessons and takes the quiz, on a phone.
    learner = open_page(viewport=PHONE)
    register(learner, base, name="Hồ Thị Mua Sắm", phone="0977000005")
    learner.goto(f"{base}/learn/{SLUG}")
    learner.click("ol.lessons a >> nth=0")
    image = learner.locator("main img[alt='Giỏ hàng trên ứng dụng mua sắm']")
    assert image.count() == 1 and "/media/" in image.get_attribute("src")
    while "/learn/" in learner.url:
        learner.click("button:has-text('Đã học xong')")
    learner.click("button:has-text('Bắt đầu làm bài')")
    first_attempt = attempt_id(learner)
    questions = answers_for(live_server.db, first_attempt)
    assert len(questions) == 5
    fill_right_answers(learner, questions)
    learner.click("button:has-text('Nộp bài')")
    learner.wait_for_url(re.compile(r"/result$"))
    result_url = learner.url
    first_result = learner.inner_text("main h1")
    assert "100" in learner.inner_text("main")

    # Version 2 turns the true/false question around; the learner's result stays as it was.
    teacher.goto(f"{base}/teach/courses/{SLUG}")
    teacher.click("button:has-text('Bắt đầu sửa')")
    teacher.goto(f"{base}/teach/courses/{SLUG}/quiz")
    teacher.click("a:has-text('Sửa'):has-text('Kiểm tra hàng')")
    teacher.get_by_label("Nội dung câu hỏi").fill("Có thể trả tiền trước rồi mới mở hộp xem hàng.")
    teacher.get_by_role("radio", name="Sai", exact=True).check()
    teacher.click("button[value=save]:not(.visually-hidden)")
    teacher.goto(f"{base}/teach/courses/{SLUG}")
    teacher.click("main button:has-text('Gửi duyệt')")
    official.goto(f"{base}/teach/review/{SLUG}")
    official.click("button:has-text('Xuất bản')")
    official.goto(f"{base}/teach/courses/{SLUG}/versions")
    assert "2" in official.inner_text("main table")

    learner.goto(result_url)
    assert learner.inner_text("main h1") == first_result
    assert "Nên mở hộp xem hàng trước khi trả tiền" in learner.inner_text("main")
    assert "Có thể trả tiền trước" not in learner.inner_text("main")
