"""XSS: whatever a learner, a staff member or an author types comes back escaped, never as markup.

Each test types one payload into a field, then fetches every HTML page where that
value is shown and checks two things:

- nothing active made it into the page (`assert_inert`): no event-handler
  attribute, no inline or foreign `<script>`, no `<svg>`/`<iframe>`/…, no
  `javascript:` URL, and the payload's raw text nowhere;
- the escaped value IS on the page (`assert_shown`), so the test proves it
  looked where the value is displayed ({{7*7}} staying {{7*7}} also proves no
  template ever evaluated it).

Author content goes through Markdown and bleach (mooc/content/markdown.py) once,
at import; titles, names and other plain fields are escaped by Jinja.
CSV, JSON Lines, JSON and PDF downloads are not HTML and are not checked here.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from markupsafe import escape
from sqlalchemy import select

from mooc.domain.certificates import mask_name
from mooc.models import CompletionRecord, DataRequest, QuizAttempt, User
from mooc.models._types import utcnow
from mooc.quiz.settings import GRACE_SECONDS
from tests.conftest import TEST_CONTENT, csrf_from, import_tree
from tests.integration.helpers import take

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "url": "javascript:alert(1)",
    "template": "{{7*7}}",
    "textarea": "</textarea><svg onload=alert(1)>",
}
payloads = pytest.mark.parametrize("payload", list(PAYLOADS.values()), ids=list(PAYLOADS))

PASSWORD = "mat-khau-dai-1"
OFFICIAL, ADMIN, TEACHER = "canbo@example.test", "quantri@example.test", "giaovien@example.test"

# Markup that must never come back whole, whatever field it was typed into.
RAW_MARKUP = ("<script>alert", "<img src=x onerror", "<svg onload", "</textarea><svg")
ACTIVE_TAGS = {"svg", "math", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background"}


class _Scan(HTMLParser):
    """Everything in a page that could run: handlers, scripts, active elements, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"<{tag} {name}={value!r}>")
            url = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in URL_ATTRIBUTES and url.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.found.append(f"<script {attrs!r}> (inline or foreign)")


def active_markup(page: str) -> list[str]:
    scan = _Scan()
    scan.feed(page)
    scan.close()
    return scan.found


def assert_inert(page: str) -> None:
    assert active_markup(page) == []
    for raw in RAW_MARKUP:
        assert raw not in page


def assert_shown(
    page: str, value: str, before: str = "", after: str = "", escaped: str | None = None
) -> None:
    """`value` is on the page escaped (by Jinja unless told), between `before` and `after`, never raw."""
    escaped = str(escape(value)) if escaped is None else escaped
    assert before + escaped + after in page
    if escaped != value:
        assert value not in page
    if "{{7*7}}" in value:  # a template that evaluated it would show 49 in its place
        assert before + escaped.replace("{{7*7}}", "49") + after not in page
    assert_inert(page)


def input_value(page: str, name: str) -> str:
    """The value attribute of the first <input name=...> as written in the page (still escaped)."""
    tag = re.search(rf'<input\b[^>]*\bname="{re.escape(name)}"[^>]*>', page)
    assert tag, name
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


def assert_in_box(page: str, name: str, value: str) -> None:
    """An <input> shows `value` again, escaped, and nothing of it leaks out of the attribute."""
    assert input_value(page, name) == str(escape(value))
    assert_shown(page, value, 'value="', '"')


def text(response) -> str:
    return response.get_data(as_text=True)


def visit(browser, url: str, status: int = 200) -> str:
    response = browser.get(url)
    assert response.status_code == status, url
    return text(response)


def sign_in(browser, login: str) -> None:
    browser.logout()
    assert browser.login(login, PASSWORD).status_code == 302


def as_email(payload: str) -> str:
    """The payload as an address the e-mail check accepts (no spaces, one @)."""
    return payload.replace(" ", "/") + "@x.vn"


def start_quiz(browser, session, quiz_slug: str, course_slug: str) -> tuple[str, str]:
    """Read the module's lessons and press start, as a learner does: (attempt URL, attempt page)."""
    from mooc.models import Course

    course = session.scalar(select(Course).where(Course.slug == course_slug))
    for lesson in course.lessons:
        url = f"/learn/{course_slug}/{lesson.slug}"
        assert browser.post(f"{url}/done", page=url).status_code == 302
    response = browser.post(f"/quiz/{quiz_slug}/start", page=f"/quiz/{quiz_slug}")
    assert response.status_code == 302
    url = response.headers["Location"]
    return url, visit(browser, url)


def submit(browser, url: str, page: str, form: dict) -> str:
    """Post the attempt form (confirming, if asked, that blank questions stay blank); the result's address."""
    response = browser.client.post(url, data={**form, "csrf_token": csrf_from(page)})
    assert response.status_code == 302
    if "/confirm" in response.headers["Location"]:
        confirm = visit(browser, response.headers["Location"])
        assert_inert(confirm)
        response = browser.client.post(url, data={"action": "confirm", "csrf_token": csrf_from(confirm)})
        assert response.status_code == 302
    assert response.headers["Location"].endswith("/result")
    return response.headers["Location"]


def user_by(session, **where) -> User:
    session.expire_all()
    column, value = next(iter(where.items()))
    return session.scalar(select(User).where(getattr(User, column) == value))


# ====================================================================== learner and staff fields


@payloads
def test_a_registered_name_is_escaped_on_every_page_that_shows_it(browser, session, make_user, payload):
    name = f"Lê {payload}"
    make_user(role="official", login=OFFICIAL)
    make_user(role="admin", login=ADMIN)
    response = browser.register(full_name=name)
    assert response.status_code == 302
    assert_shown(visit(browser, "/path"), f"Chào mừng {name}!")  # the welcome message
    assert_shown(visit(browser, "/profile"), name, 'value="', '"')
    assert_shown(visit(browser, "/my-data"), name, "<dd>", "</dd>")
    learner = user_by(session, phone="0912345678")
    take(session, learner, "kiem-tra-alpha")
    _, record = take(session, learner, "kiem-tra-beta")
    assert record is not None and record.full_name == name
    assert_shown(visit(browser, "/certificate"), name)
    assert (
        browser.post("/my-data", {"kind": "correction", "message": payload}, page="/my-data").status_code
        == 302
    )

    browser.logout()
    assert_shown(visit(browser, f"/v/{record.code}"), mask_name(name))  # the public page: masked

    sign_in(browser, OFFICIAL)
    assert_shown(visit(browser, "/official/records"), name)
    assert_shown(visit(browser, f"/official/records/{record.id}"), name, "<h1>", "</h1>")
    found = visit(browser, f"/official/learners?q={quote(name)}")
    assert_shown(found, name, "<strong>", "</strong>")
    reset = browser.post(f"/official/learners/{learner.id}/reset-password", page="/official/learners")
    assert reset.status_code == 200
    assert_shown(text(reset), f"Đọc hoặc viết cho {name} mật khẩu tạm")

    sign_in(browser, ADMIN)
    queue = visit(browser, "/admin/requests")
    assert_shown(queue, name, "— ", "</h2>")  # who asked
    assert_shown(queue, payload, "<p>", "</p>")  # what they wrote
    accounts = visit(browser, f"/admin/users?q={quote(name)}")
    assert_shown(accounts, name, f'href="/admin/users/{learner.id}">', "</a>")
    assert_in_box(accounts, "q", name)
    assert_shown(visit(browser, f"/admin/users/{learner.id}"), name, "<h1>", "</h1>")


@payloads
def test_a_refused_registration_shows_what_was_typed_escaped_and_stores_nothing(
    browser, session, content, payload
):
    response = browser.register(
        full_name=f"Lê {payload}", date_of_birth=payload, phone=payload, residential_group=payload
    )
    page = text(response)
    assert response.status_code == 200 and session.scalar(select(User)) is None
    assert "Ngày sinh viết theo dạng ngày/tháng/năm" in page
    assert "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0." in page
    assert "Vui lòng chọn một tổ dân phố trong danh sách." in page  # the list is closed: no free text
    assert_in_box(page, "full_name", f"Lê {payload}")
    assert_in_box(page, "date_of_birth", payload)
    assert_in_box(page, "phone", payload)


@payloads
def test_an_email_address_is_escaped_wherever_it_is_shown(browser, session, make_user, payload):
    email = as_email(payload)
    make_user(role="official", login=OFFICIAL)
    make_user(role="admin", login=ADMIN)
    assert browser.register(phone="", email=email).status_code == 302
    assert user_by(session, email=email) is not None
    assert_shown(visit(browser, "/profile"), email, 'value="', '"')
    assert_shown(visit(browser, "/my-data"), email, "<dd>", "</dd>")
    assert browser.post("/my-data", {"kind": "deletion", "message": ""}, page="/my-data").status_code == 302
    browser.logout()
    refused = browser.login(email, "sai-mat-khau")  # the sign-in form shows the login again
    assert "Số điện thoại, e-mail hoặc mật khẩu chưa đúng." in text(refused)
    assert_shown(text(refused), email, 'value="', '"')
    assert browser.login(email, PASSWORD).status_code == 302
    sign_in(browser, OFFICIAL)
    found = visit(browser, f"/official/learners?q={quote(email)}")
    assert "1 người học" in found
    assert_shown(found, email, " ", " · ")
    sign_in(browser, ADMIN)
    assert_shown(visit(browser, "/admin/requests"), email, " · ", "</p>")


@payloads
def test_a_profile_edit_is_escaped_where_the_learner_and_the_staff_see_it(
    browser, session, make_user, payload
):
    make_user(role="official", login=OFFICIAL)
    browser.register()
    name = f"Trần {payload}"
    response = browser.post(
        "/profile",
        {
            "full_name": name,
            "date_of_birth": "05/09/1960",
            "phone": "0912345678",
            "email": as_email(payload),
            "target_group_code": "nguoi_dan",
            "residential_group": "Tổ 2",
        },
        page="/profile",
    )
    assert response.status_code == 302 and user_by(session, phone="0912345678").full_name == name
    profile = visit(browser, "/profile")
    assert_shown(profile, name, 'value="', '"')
    assert_shown(profile, as_email(payload), 'value="', '"')
    assert_shown(visit(browser, "/my-data"), name, "<dd>", "</dd>")
    sign_in(browser, OFFICIAL)
    assert_shown(visit(browser, "/official/learners?q=0912345678"), name, "<strong>", "</strong>")


@payloads
def test_a_typed_quiz_answer_is_escaped_on_the_attempt_the_review_and_the_statistics(
    browser, session, make_user, payload
):
    make_user(role="teacher", login=TEACHER)
    browser.register()
    url, page = start_quiz(browser, session, "kiem-tra-alpha", "alpha")
    saved = browser.client.post(
        url, data={"q-thu-do": payload, "csrf_token": csrf_from(page), "action": "save"}
    )
    assert saved.status_code in (200, 302)
    attempt = session.scalar(select(QuizAttempt))
    session.refresh(attempt)
    assert attempt.draft == {"q-thu-do": [payload]}
    again = visit(browser, url)  # a reload shows the saved answer in its box
    assert_shown(again, payload, 'id="q-thu-do-input" value="', '"')
    result = visit(browser, submit(browser, url, again, {"q-thu-do": payload}))
    assert "Bạn được 0%" in result
    assert_shown(result, payload, "<strong>Bạn trả lời:</strong> ", "</p>")
    sign_in(browser, TEACHER)
    stats = visit(browser, "/teach/quizzes/kiem-tra-alpha/stats")
    assert_shown(stats, payload.casefold(), "<td>", " (1)</td>")  # the most common wrong answer


def test_answers_sent_too_late_are_escaped_on_the_result_page(browser, session, content):
    browser.register()
    url, page = start_quiz(browser, session, "kiem-tra-alpha", "alpha")
    attempt = session.scalar(select(QuizAttempt))
    attempt.deadline_at = utcnow() - timedelta(seconds=GRACE_SECONDS + 30)
    session.commit()
    late = {
        "q-thu-do": PAYLOADS["script"],
        "q-otp": PAYLOADS["attribute"],  # a forged option id is shown as typed, escaped
        "q-dung-sai": PAYLOADS["textarea"],
        "q-thoi-quen": [PAYLOADS["template"], PAYLOADS["url"]],
    }
    result = visit(browser, submit(browser, url, page, late))
    assert "Câu trả lời gửi sau giờ hết hạn (không được chấm)" in result
    for value in (PAYLOADS["script"], PAYLOADS["attribute"], PAYLOADS["textarea"]):
        assert_shown(result, value, ": ", "</li>", escaped=html.escape(value))
    assert_shown(result, f"{PAYLOADS['template']}; {PAYLOADS['url']}", ": ", "</li>")


@payloads
def test_a_data_request_and_its_answer_are_escaped_for_the_admin_and_the_learner(
    browser, session, make_user, payload
):
    make_user(role="admin", login=ADMIN)
    browser.register()
    refused = browser.post("/my-data", {"kind": "khong-co", "message": payload}, page="/my-data")
    assert refused.status_code == 200 and session.scalar(select(DataRequest)) is None
    assert_shown(text(refused), payload, "", "</textarea>")  # shown again in its box, escaped
    assert (
        browser.post("/my-data", {"kind": "correction", "message": payload}, page="/my-data").status_code
        == 302
    )
    sign_in(browser, ADMIN)
    assert_shown(visit(browser, "/admin/requests"), payload, "<p>", "</p>")
    request_id = session.scalar(select(DataRequest.id))
    answered = browser.post(
        f"/admin/requests/{request_id}",
        {"action": "done", "answer": f"Đã sửa {payload}"},
        page="/admin/requests",
    )
    assert answered.status_code == 302
    sign_in(browser, "0912345678")
    assert_shown(visit(browser, "/my-data"), f"Đã sửa {payload}", " — ", "</li>")


@payloads
def test_an_officials_correction_and_notes_are_escaped_in_the_record_pages(
    browser, session, make_user, payload
):
    learner = make_user(login="0911222333", name="Hoàng Thị Định")
    take(session, learner, "kiem-tra-alpha")
    _, record = take(session, learner, "kiem-tra-beta")
    make_user(role="official", login=OFFICIAL)
    sign_in(browser, OFFICIAL)
    name = f"Hoàng {payload}"
    detail = f"/official/records/{record.id}"
    response = browser.post(
        f"{detail}/correct",
        {"full_name": name, "date_of_birth": "", "reason": "name_correction", "note": f"Ghi chú {payload}"},
        page=detail,
    )
    assert response.status_code == 302
    fresh = session.scalar(select(CompletionRecord).where(CompletionRecord.supersedes_id == record.id))
    assert fresh.full_name == name
    page = visit(browser, f"/official/records/{fresh.id}")
    assert_shown(page, name, "<h1>", "</h1>")
    assert_shown(page, name, 'name="full_name" value="', '"')
    assert_shown(page, f"Ghi chú {payload}", ": ", "</li>")  # in the history
    assert_shown(visit(browser, "/official/records"), name, ">", "</a>")
    browser.logout()
    assert_shown(visit(browser, f"/v/{fresh.code}"), mask_name(name), "<dd>", "</dd>")
    sign_in(browser, "0911222333")
    assert_shown(visit(browser, "/certificate"), name, '<p class="cert-name">', "</p>")
    sign_in(browser, OFFICIAL)
    revoked = browser.post(
        f"/official/records/{fresh.id}/revoke",
        {"reason": "fraud", "note": f"Thu hồi {payload}"},
        page=f"/official/records/{fresh.id}",
    )
    assert revoked.status_code == 302
    assert_shown(visit(browser, f"/official/records/{fresh.id}"), f"Thu hồi {payload}", ": ", "</li>")


@payloads
def test_a_typed_verification_code_is_escaped(client, content, payload):
    response = client.get("/verify", query_string={"code": payload})
    assert response.status_code == 200 and "Mã chưa đúng" in text(response)
    assert_in_box(text(response), "code", payload)
    response = client.get(f"/v/{quote(payload, safe='')}")
    assert response.status_code == 404
    if "/" in payload:  # the address does not even match the route: only the footer repeats it
        assert "Không tìm thấy trang" in text(response)
        assert_in_box(text(response), "next", f"/v/{payload}")
    else:
        assert "Không tìm thấy giấy chứng nhận với mã này" in text(response)
        assert_shown(text(response), payload, '<strong class="code">', "</strong>")


@payloads
def test_an_officials_searches_and_filters_are_escaped_in_their_boxes(browser, make_user, payload):
    make_user(role="official", login=OFFICIAL)
    sign_in(browser, OFFICIAL)
    found = visit(browser, f"/official/learners?q={quote(payload)}")
    assert "Không tìm thấy ai." in found
    assert_in_box(found, "q", payload)
    filtered = visit(browser, f"/official/records?name={quote(payload)}&issued_from={quote(payload)}")
    assert "Viết ngày theo dạng ngày/tháng/năm." in filtered
    assert_in_box(filtered, "name", payload)
    assert_in_box(filtered, "issued_from", payload)


@payloads
def test_a_query_string_is_escaped_where_the_page_repeats_its_address(client, content, payload):
    page = text(client.get(f"/learn?x={payload}"))  # sent raw, as a script (not a browser) would
    assert_shown(page, f"/learn?x={payload}", 'name="next" value="', '"')  # the language switch
    login = text(client.get(f"/login?next=/path?x={payload}"))
    assert_shown(login, f"/path?x={payload}", 'name="next" value="', '"')


@payloads
def test_a_request_id_header_is_escaped_on_an_error_page(client, content, payload):
    response = client.get("/khong-co-trang-nay", headers={"X-Request-Id": payload})
    assert response.status_code == 404
    assert_shown(text(response), payload, '<span class="code">', "</span>")  # the id to quote to support


@payloads
def test_the_national_id_box_never_echoes_what_was_typed(browser, make_user, payload):
    make_user(login="0911222333")
    sign_in(browser, "0911222333")
    data = {"number": payload, "number_again": payload, "agree": "y"}
    response = browser.post("/certification", data, page="/certification")
    page = text(response)
    assert response.status_code == 200 and 'id="number-error"' in page
    assert payload not in page and str(escape(payload)) not in page and html.escape(payload) not in page
    assert_inert(page)


@payloads
def test_a_guardians_name_is_escaped_in_its_box_and_on_the_learners_data_page(
    browser, session, make_user, payload
):
    child = make_user(login="0911222333")
    child.date_of_birth = date(2015, 3, 4)  # under 16: a parent or guardian consents too
    session.commit()
    sign_in(browser, "0911222333")
    guardian = f"Bố {payload}"
    data = {"number": "001215012345", "guardian_name": guardian, "guardian_agree": "y", "agree": "y"}
    refused = browser.post("/certification", {**data, "number_again": "001215012346"}, page="/certification")
    assert refused.status_code == 200 and 'id="number_again-error"' in text(refused)
    assert_in_box(text(refused), "guardian_name", guardian)
    given = browser.post("/certification", {**data, "number_again": "001215012345"}, page="/certification")
    assert given.status_code == 302
    assert_shown(visit(browser, "/my-data"), guardian, "cùng ", " đồng ý")


def test_the_sign_in_cookies_are_out_of_reach_of_a_script_and_of_other_sites(browser, make_user):
    """Should a script ever run, it still cannot read the session; other sites' forms do not carry it."""
    make_user(login="0911222333")
    response = browser.login("0911222333", PASSWORD, remember="y")
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert {"session", "remember_token"} <= set(cookies)
    for name in ("session", "remember_token"):
        assert "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name], cookies[name]


def test_the_site_scripts_never_turn_text_into_markup():
    """DOM XSS: the static scripts set text and attributes only, never HTML or code from a string."""
    from pathlib import Path

    import mooc

    scripts = sorted(Path(mooc.__file__).parent.joinpath("static").glob("*.js"))
    assert {"quiz.js", "read-aloud.js"} <= {p.name for p in scripts}  # and any script added later
    sinks = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(")
    for script in scripts:
        source = script.read_text(encoding="utf-8")
        assert [sink for sink in sinks if sink in source] == [], script.name


# ====================================================================== author fields

# Markdown bodies carry the payload plus the classic ways to smuggle script through Markdown.
ATTACKS_IN_MARKDOWN = """\
[bấm vào đây](javascript:alert(1)) và <a href="javascript:alert(1)" onclick="alert(1)">nút</a>

<img src="https://example.org/x.png" alt="ảnh" onerror="alert(1)"> <svg onload=alert(1)></svg>

<iframe src="javascript:alert(1)"></iframe><style>body{display:none}</style><script>alert(1)</script>
"""


def yaml_text(value: object) -> str:
    """JSON is valid YAML: strings come out double-quoted, lists as flow sequences."""
    return json.dumps(value, ensure_ascii=False)


def front_matter(**fields: object) -> str:
    return "---\n" + "".join(f"{key}: {yaml_text(value)}\n" for key, value in fields.items()) + "---\n\n"


# What bleach leaves of each payload (its Markdown copy) in a lesson, a question or an option.
SANITIZED = {
    "script": "",  # the whole block goes, its text included
    "attribute": '"&gt;<img alt="x" src="x">',  # an allowed tag keeps only allowed attributes
    "url": "javascript:alert(1)",  # words, not a link
    "template": "{{7*7}}",  # never evaluated
    "textarea": "",  # unknown tags are dropped
}


# The same for a GIFT [html] question: its HTML becomes Markdown first (<b> → **), then is sanitized.
GIFT_SANITIZED = {
    "script": "",
    "attribute": ' "&gt;**',
    "url": " javascript:alert(1)",
    "template": " {{7*7}}",
    "textarea": "",
}


class Authored:
    """The values written into the content tree, so tests can look for them on the pages."""

    def __init__(self, name: str):
        payload = PAYLOADS[name]
        self.payload = payload
        self.sanitized = SANITIZED[name]
        self.gift_sanitized = GIFT_SANITIZED[name]
        # The checker refuses an <img> without alt text anywhere in a Markdown body (question
        # headings, hints and options included), so the copy written there carries one.
        self.markdown = payload.replace("<img ", '<img alt="x" ')
        md = self.markdown
        self.ward = f"Phường {payload}"
        self.residential = f"Tổ {payload}"
        self.group = f"Người dân {payload}"
        self.framework = f"Khung {payload}"
        self.competence = f"Bảo vệ thiết bị {payload}"
        self.course = f"Học phần {payload}"
        self.summary = f"Tóm tắt {payload}"
        self.lesson = f"Bài {payload}"
        self.quiz = f"Kiểm tra {payload}"
        self.heading = f"Câu OTP {md}"
        self.hint = f"Gợi ý {md}"
        self.right = f"Không {md}"
        self.wrong = f"Có {md}"
        # The checker looks for alt="…" in the raw file, where GIFT writes \= : the GIFT copy of a
        # payload carries its handler on a <b> instead of an <img>.
        self.gift = payload.replace("<img ", "<b ")
        self.gift_quiz = f"Kiểm tra GIFT {payload}"
        self.gift_heading = f"Câu GIFT {self.gift}"


def write_content(root, authored: Authored) -> None:
    p = authored.markdown
    framework = root / "framework" / "framework.yaml"
    source = framework.read_text(encoding="utf-8")
    for old, new in (
        ('version: "test-1"', 'version: "test-xss"'),  # a changed framework needs a new version
        ("name: Khung thử nghiệm", f"name: {yaml_text(authored.framework)}"),
        ("name: Bảo vệ thiết bị,", f"name: {yaml_text(authored.competence)},"),
        ("name: Người dân", f"name: {yaml_text(authored.group)}"),
    ):
        assert old in source
        source = source.replace(old, new)
    framework.write_text(source, encoding="utf-8")
    (root / "framework" / "ward.yaml").write_text(
        f"code: thu-nghiem\nname: {yaml_text(authored.ward)}\ncity: Thành phố Mẫu\n"
        f"residential_groups: [{yaml_text(authored.residential)}, Tổ 2]\n",
        encoding="utf-8",
    )
    alpha = root / "courses" / "alpha"
    (alpha / "course.md").write_text(
        front_matter(
            title=authored.course,
            slug="alpha",
            order=1,
            target_groups=["nguoi_dan"],
            competences=["4.1"],
            level=1,
            estimated_minutes=10,
            summary=authored.summary,
        )
        + f"Giới thiệu COURSE-BODY {p}\n\n{ATTACKS_IN_MARKDOWN}",
        encoding="utf-8",
    )
    (alpha / "01-mot.md").write_text(
        front_matter(title=authored.lesson, slug="bai-mot", estimated_minutes=5)
        + f"## Phần đầu {p}\n\nNội dung LESSON-BODY {p}\n\n"
        + f"Xem [bài hai](02-hai.md).\n\n{ATTACKS_IN_MARKDOWN}",
        encoding="utf-8",
    )
    review = ["score", "correctness", "feedback", "answers"]
    (root / "quizzes" / "alpha" / "kiem-tra.md").write_text(
        front_matter(
            title=authored.quiz, slug="kiem-tra-alpha", course="alpha", competences=["4.1"], review=review
        )
        + f"Giới thiệu QUIZ-INTRO {p}\n\n{ATTACKS_IN_MARKDOWN}\n"
        + f"## {authored.heading}\ntype: single_choice\nid: otp\nhint: {authored.hint}\n\n"
        + f'Câu hỏi STEM-TEXT {p} <img src=x alt="x" onerror=alert(1)>\n\n'
        + f"- [x] {authored.right}\n  > Phản hồi RIGHT-FEEDBACK {p}\n"
        + f'- [ ] {authored.wrong}\n  > Phản hồi WRONG-FEEDBACK {p} <a href="javascript:alert(1)">xem</a>\n\n'
        + f"> Giải thích EXPLANATION {p} <svg onload=alert(1)>\n\n"
        + "## Thói quen\ntype: multiple_choice\nid: thoi-quen\n\nThói quen nào an toàn?\n\n"
        + f"- [x] Mật khẩu dài {p}\n- [x] Xác thực hai bước\n"
        + "- [ ] Viết mật khẩu lên vỏ máy <b onmouseover=alert(1)>x</b>\n",
        encoding="utf-8",
    )


def gift_text(value: str) -> str:
    """Text inside a GIFT file: Moodle's special characters escaped."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", value)


def write_gift_quiz(root, authored: Authored) -> None:
    """The beta module's quiz as a Moodle GIFT file with an [html] question and a YAML sidecar."""
    quizzes = root / "quizzes" / "beta"
    (quizzes / "kiem-tra.md").unlink()
    (quizzes / "kiem-tra.yaml").write_text(
        f"title: {yaml_text(authored.gift_quiz)}\nslug: kiem-tra-beta\ncourse: beta\n"
        'competences: ["4.2"]\nreview: [score, correctness, feedback, answers]\n',
        encoding="utf-8",
    )
    g = gift_text(authored.gift)
    (quizzes / "kiem-tra.gift").write_text(
        "// [id:mot]\n"
        f"::{gift_text(authored.gift_heading)}::[html]<p>Câu hỏi GIFT-STEM {g}</p>"
        '<script>alert(1)</script><p onclick="alert(1)">bấm</p> {\n'
        f"  =Đúng rồi {g} #Phản hồi GIFT-RIGHT {g}\n"
        f"  ~Sai rồi {g} #Phản hồi GIFT-WRONG {g}\n"
        f"  ####Giải thích GIFT-EXPLANATION {g}\n"
        "}\n",
        encoding="utf-8",
    )


@pytest.fixture(params=list(PAYLOADS))
def authored(request, session, content, tmp_path) -> Authored:
    """The test content imported again with a payload in every author-written field."""
    values = Authored(request.param)
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    write_content(root, values)
    write_gift_quiz(root, values)
    import_tree(session, root)
    return values


def assert_sanitized(page: str, marker: str, authored: Authored, end: str = "</p>") -> None:
    """A Markdown text shown as bleach left it: the marker, what is left of the payload, no script."""
    assert f"{marker} {authored.sanitized}{end}" in page
    assert_inert(page)


def assert_attacks_defused(page: str) -> None:
    """ATTACKS_IN_MARKDOWN as bleach leaves it: links without their script, the image without its handler."""
    assert "<p><a>bấm vào đây</a> và <a>nút</a></p>" in page
    assert '<img src="https://example.org/x.png" alt="ảnh">' in page
    assert "display:none" not in page


def test_author_fields_are_escaped_or_sanitized_on_the_public_pages(authored, browser):
    a = authored
    catalogue = visit(browser, "/learn")
    assert_shown(catalogue, a.course, '">', "</a>")
    assert_shown(catalogue, a.summary, "<p>", "</p>")
    assert_shown(catalogue, a.ward, '<span class="brand-ward">', "</span>")  # on every page
    course = visit(browser, "/learn/alpha")
    assert_shown(course, a.course, "<h1>", "</h1>")
    assert_shown(course, a.lesson, '">', "</a>")
    assert_shown(course, a.quiz, '">', "</a>")
    assert_sanitized(course, "COURSE-BODY", a)
    assert_attacks_defused(course)
    lesson = visit(browser, "/learn/alpha/bai-mot")
    assert_shown(lesson, a.lesson, "<h1>", "</h1>")
    assert_shown(lesson, a.course, '">', "</a>")  # the crumbs
    assert_sanitized(lesson, "LESSON-BODY", a)
    assert_attacks_defused(lesson)
    assert f"<h2>Phần đầu {a.sanitized}</h2>" in lesson
    register = visit(browser, "/register")
    assert_shown(register, a.group, '">', "</label>")
    assert_shown(register, a.residential, '<option value="', '">')
    assert_shown(register, a.residential, '">', "</option>")
    assert_shown(visit(browser, "/competences"), a.competence, "<td>", "</td>")


def test_author_fields_are_escaped_or_sanitized_on_the_quiz_and_staff_pages(
    authored, browser, session, make_user
):
    from mooc.quiz.base import option_id
    from mooc.services.attempts import served_questions

    a = authored
    learner = make_user(login="0911222333")
    make_user(role="teacher", login=TEACHER)
    make_user(role="official", login=OFFICIAL)
    sign_in(browser, "0911222333")
    overview = visit(browser, "/quiz/kiem-tra-alpha")
    assert_shown(overview, a.quiz, "<h1>", "</h1>")
    assert_sanitized(overview, "QUIZ-INTRO", a)
    assert_attacks_defused(overview)
    url, page = start_quiz(browser, session, "kiem-tra-alpha", "alpha")
    assert_shown(page, a.quiz, "<h1>", "</h1>")
    assert_sanitized(page, "STEM-TEXT", a, ' <img src="x" alt="x"></p>')
    assert_shown(page, a.hint, "Gợi ý: ", "</p>")
    assert f">Không {a.sanitized}</label>" in page and f">Có {a.sanitized}</label>" in page
    answers = {"q-otp": option_id(a.wrong), "q-thoi-quen": [option_id(f"Mật khẩu dài {a.markdown}")]}
    result = visit(browser, submit(browser, url, page, answers))
    assert "Chưa đúng" in result
    assert_shown(result, a.quiz, "Kết quả: ", "</h1>")
    assert_sanitized(result, "WRONG-FEEDBACK", a, " <a>xem</a></p>")
    assert_sanitized(result, "EXPLANATION", a, " </p>")
    assert f"<strong>Đáp án đúng:</strong> Không {a.sanitized}</p>" in result
    assert "RIGHT-FEEDBACK" not in result  # feedback of an option not chosen stays hidden

    url, page = start_quiz(browser, session, "kiem-tra-beta", "beta")  # the GIFT quiz
    gs = a.gift_sanitized
    assert_shown(page, a.gift_quiz, "<h1>", "</h1>")
    assert f"Câu hỏi GIFT-STEM{gs}</p>" in page and "<p>bấm</p>" in page
    attempt = session.scalars(select(QuizAttempt).order_by(QuizAttempt.id.desc())).first()
    (question,) = [q for _, q in served_questions(session, attempt)]
    wrong = [o.id for o in question.options if o.fraction <= 0]
    result = visit(browser, submit(browser, url, page, {"q-mot": wrong}))
    assert_shown(result, a.gift_quiz, "Kết quả: ", "</h1>")
    assert f"Phản hồi GIFT-WRONG{gs}</p>" in result and f"Giải thích GIFT-EXPLANATION{gs}</p>" in result
    assert f"<strong>Đáp án đúng:</strong> Đúng rồi{gs}</p>" in result

    session.expire_all()  # the attempts above were submitted through the pages
    take(session, learner, "kiem-tra-alpha")
    # Statistics count each learner's latest answer: a second learner leaves a wrong one standing.
    take(session, make_user(login="0911222444"), "kiem-tra-alpha", right=0)
    _, record = take(session, learner, "kiem-tra-beta")
    assert record is not None and record.group_name == a.group
    path = visit(browser, "/path")
    assert_shown(path, a.course, '">', "</a></h2>")
    assert_shown(path, a.group, "Nhóm: ", ".")
    certificate = visit(browser, "/certificate")
    assert_shown(certificate, a.course, "<tr><td>", "</td>")
    assert_shown(certificate, a.framework, "theo ", " (phiên bản")
    assert_shown(certificate, a.ward, '<p class="cert-ward">', " · ")
    browser.logout()
    verification = visit(browser, f"/v/{record.code}")
    assert_shown(verification, a.group, "<dd>", "</dd>")
    assert_shown(verification, a.framework, "<dd>", " (phiên bản")
    assert_shown(verification, a.ward, "<dd>", "</dd>")

    sign_in(browser, TEACHER)
    quizzes = visit(browser, "/teach/quizzes")
    assert_shown(quizzes, a.course, "<tr><td>", "</td>")
    assert_shown(quizzes, a.quiz, '">', "</a>")
    stats = visit(browser, "/teach/quizzes/kiem-tra-alpha/stats")
    assert_shown(stats, a.quiz, "Thống kê: ", "</h1>")
    assert_shown(stats, a.heading, "<td>", ' <span class="hint code">otp</span>')
    assert_shown(stats, a.wrong, "<td>", " (1)</td>")  # the wrong option most often chosen
    assert_shown(visit(browser, "/teach/quizzes/kiem-tra-beta/stats"), a.gift_heading, "<td>", " <span")

    sign_in(browser, OFFICIAL)
    records = visit(browser, "/official/records")
    assert_shown(records, a.group, "<td>", "</td>")
    assert_shown(records, a.residential, '<option value="', '">')
    detail = visit(browser, f"/official/records/{record.id}")
    assert_shown(detail, a.group, "<dd>", "</dd>")
    assert_shown(detail, a.framework, "<dd>", " (test-xss)</dd>")


@payloads
def test_a_forged_credential_file_is_shown_escaped_on_the_public_check(
    browser, client, session, make_user, payload
):
    """/credentials/verify reads a file anyone can write: its names and property names come back escaped."""
    learner = make_user(name="Nguyễn Văn An")
    take(session, learner, "kiem-tra-alpha")
    _, record = take(session, learner, "kiem-tra-beta")
    credential = json.loads(client.get(f"/v/{record.code}.json").get_data())
    subject = credential["credentialSubject"]
    subject["achievement"]["name"] = f"Chứng nhận {payload}"
    credential["issuer"]["name"] = f"Phường {payload}"
    # A forged name in clear (ours are hashed now, but a file anyone writes may say hashed=false).
    subject["identifier"][0].update(hashed=False, identityHash=f"Nguyễn {payload}")

    def check(document: dict) -> str:
        body = json.dumps(document, ensure_ascii=False)
        response = browser.post("/credentials/verify", {"text": body}, page="/credentials/verify")
        assert response.status_code == 200
        return text(response)

    page = check(credential)
    assert "Chứng nhận số không hợp lệ" in page and "Chữ ký không khớp với nội dung" in page
    assert_shown(page, f"Chứng nhận {payload}", "<dd>", "</dd>")
    assert_shown(page, f"Phường {payload}", "<dd>", "</dd>")
    assert_shown(page, mask_name(f"Nguyễn {payload}"), "<dd>", "</dd>")
    page = check({**credential, payload: "x"})  # an unknown property is named in the problem
    assert_shown(page, f"Mục {payload} không có trong mẫu chứng nhận")


# ====================================================================== the checks themselves


@payloads
def test_the_checks_catch_a_value_shown_unescaped(payload):
    page = f"<!doctype html><p>Lê {payload}</p>"
    if escape(payload) != payload:
        with pytest.raises(AssertionError):
            assert_shown(page, f"Lê {payload}")
        with pytest.raises(AssertionError):
            assert_inert(page)
    else:  # plain text in a page: harmful only where it is evaluated or used as an address
        assert_shown(page, f"Lê {payload}", "<p>", "</p>")
        evaluated = page.replace("{{7*7}}", "49").replace("<p>", '<p><a href="javascript:alert(1)">')
        with pytest.raises(AssertionError):
            assert_shown(evaluated, f"Lê {payload}")


def test_the_scan_finds_every_kind_of_active_markup():
    assert active_markup('<p onclick="x()">a</p><a href="JavaScript:x()">b</a>') == [
        "<p onclick='x()'>",
        "<a href='JavaScript:x()'>",
    ]
    assert active_markup('<a href="java&#115;cript:x">c</a>') == ["<a href='javascript:x'>"]
    assert active_markup("<script>x()</script><svg></svg><iframe srcdoc=x>") == [
        "<script []> (inline or foreign)",
        "<svg>",
        "<iframe>",
        "<iframe srcdoc='x'>",
    ]
    assert active_markup('<script src="/static/quiz.js" defer></script><a href="/learn">d</a>') == []
