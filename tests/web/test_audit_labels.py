"""Downloads are audited, and people see labels rather than raw codes (audit, records, my data)."""

from __future__ import annotations

import ast
import hashlib
import re

from sqlalchemy import select

from mooc.models import AuditEvent
from mooc.services import record_status
from mooc.web.admin.forms import action_names
from tests.conftest import PROJECT
from tests.web.test_certify import issue


def sign_in(browser, make_user, role: str, login: str):
    user = make_user(role=role, name="Cán Bộ Thử", login=login)
    assert browser.login(login, "mat-khau-dai-1").status_code == 302
    return user


def test_downloading_records_as_csv_or_json_lines_is_audited(browser, session, make_user):
    issue(session, make_user, "Trần Thị Bình")
    issue(session, make_user, "Lê Văn Cường")
    official = sign_in(browser, make_user, "official", "canbo@example.test")
    csv_body = browser.get("/official/records.csv?name=binh&group=nguoi_dan").get_data()
    jsonl_body = browser.get("/official/records.jsonl").get_data()
    found = session.scalars(select(AuditEvent).where(AuditEvent.action == "export.download")).all()
    assert [(e.actor_id, e.target, e.details) for e in found] == [
        (
            official.id,
            "records.csv",
            {
                "format": "csv",
                "filters": {"name": "binh", "group": "nguoi_dan"},
                "records": 1,
                "sha256": hashlib.sha256(csv_body).hexdigest(),
            },
        ),
        (
            official.id,
            "records.jsonl",
            {
                "format": "jsonl",
                "filters": {},
                "records": 2,
                "sha256": hashlib.sha256(jsonl_body).hexdigest(),
            },
        ),
    ]
    admin = type(browser)(browser.client.application.test_client())
    sign_in(admin, make_user, "admin", "admin@example.test")
    page = admin.get("/admin/audit").get_data(as_text=True)
    assert 'Tải danh sách hồ sơ hoàn thành<br><span class="code">export.download</span>' in page


def audit_actions() -> dict[str, set[str]]:
    """Every action string the code passes to audit(...), by where: literals, variables, dict lookups."""
    found: dict[str, set[str]] = {}
    for path in sorted((PROJECT / "mooc").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings: dict[str, set[str]] = {}  # name → the string constants assigned to it (dict values too)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                values = node.value.values if isinstance(node.value, ast.Dict) else [node.value]
                for target in targets:
                    if isinstance(target, ast.Name):
                        strings.setdefault(target.id, set()).update(
                            v.value
                            for v in values
                            if isinstance(v, ast.Constant) and isinstance(v.value, str)
                        )
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "audit"
                and len(node.args) >= 3
            ):
                action = node.args[2]
                where = f"{path.relative_to(PROJECT)}:{node.lineno}"
                if isinstance(action, ast.Constant):
                    found[where] = {action.value}
                elif isinstance(action, ast.Name):
                    found[where] = strings.get(action.id, set())
                elif isinstance(action, ast.Subscript) and isinstance(action.value, ast.Name):
                    found[where] = strings.get(action.value.id, set())
                else:
                    found[where] = set()
    return found


def test_every_audited_action_has_a_vietnamese_label():
    found = audit_actions()
    assert len(found) >= 20 and {"course.publish", "course.import"} <= set().union(*found.values())
    unresolved = [where for where, actions in found.items() if not actions]
    assert unresolved == [], "audit() calls whose action the test cannot read"
    labels = action_names()
    missing = sorted({a for actions in found.values() for a in actions if a not in labels})
    assert missing == []


def test_the_audit_log_shows_the_label_of_a_course_access_grant(browser, session, make_user):
    from mooc.services.course_access import grant_access

    teacher = make_user(role="teacher", login="0900000002")
    admin = sign_in(browser, make_user, "admin", "admin@example.test")
    grant_access(session, "alpha", teacher, admin)
    session.commit()
    page = browser.get("/admin/audit").get_data(as_text=True)
    assert 'Giao quyền soạn học phần<br><span class="code">course.access.grant</span>' in page


def test_my_data_names_the_group(browser, content):
    browser.register(target_group_code="nguoi_dan")
    page = browser.get("/my-data").get_data(as_text=True)
    assert "<dt>Nhóm</dt><dd>Người dân</dd>" in page and "nguoi_dan" not in page


def test_the_record_history_shows_labels_not_codes(browser, session, make_user):
    record = issue(session, make_user, "Trần Thị Bình")
    official = sign_in(browser, make_user, "official", "canbo@example.test")
    correction = record_status.Correction(full_name="Trần Thị Bính", date_of_birth=None)
    fresh = record_status.supersede(session, record, correction, "data_error", official)
    session.commit()
    old = browser.get(f"/official/records/{record.id}").get_data(as_text=True)
    assert re.search(r"— Đã thay thế \(Sửa thông tin sai\) — Cán Bộ Thử</li>", old), old
    new = browser.get(f"/official/records/{fresh.id}").get_data(as_text=True)
    assert "— Cấp giấy chứng nhận (Sửa thông tin sai) — Cán Bộ Thử</li>" in new
    assert "issued" not in new and "data_error" not in new.split("<select")[0]
    record_status.revoke(session, fresh, "duplicate", official)
    session.commit()
    revoked = browser.get(f"/official/records/{fresh.id}").get_data(as_text=True)
    assert "— Thu hồi giấy chứng nhận (Cấp trùng) — Cán Bộ Thử</li>" in revoked
