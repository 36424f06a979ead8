"""`mooc users set-role | grant-course | revoke-course | courses`: the same rules as the admin pages."""

from __future__ import annotations

from sqlalchemy import select

from mooc.cli import cli
from mooc.models import AuditEvent, CourseAccess


def invoke(app, *args: str):
    return app.test_cli_runner().invoke(cli, ["users", *args])


def audit_trail(session) -> list[tuple]:
    return [
        (e.actor_id, e.action, e.target, e.details)
        for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
    ]


def test_set_role_ends_sessions_and_is_audited_as_the_command_line(app, session, make_user):
    teacher = make_user(role="teacher", login="0900000002")
    token = teacher.session_token

    result = invoke(app, "set-role", "0900000002", "official")

    assert result.exit_code == 0, result.output
    assert result.output == "0900000002 is now official; their other sessions have ended.\n"
    session.refresh(teacher)
    assert teacher.role == "official" and teacher.session_token != token
    assert audit_trail(session) == [
        (None, "user.role", f"user:{teacher.id}", {"old": "teacher", "new": "official"})
    ]


def test_set_role_to_the_same_role_changes_nothing(app, session, make_user):
    official = make_user(role="official", login="0900000003")
    token = official.session_token

    result = invoke(app, "set-role", "0900000003", "official")

    assert result.exit_code == 0 and result.output == "0900000003 already is official.\n"
    session.refresh(official)
    assert official.session_token == token and audit_trail(session) == []


def test_set_role_keeps_the_last_admin(app, session, make_user):
    admin = make_user(role="admin", login="admin@example.test")

    result = invoke(app, "set-role", "admin@example.test", "learner")

    assert result.exit_code == 1
    assert "Đây là quản trị viên cuối cùng: hãy giao vai trò quản trị cho người khác trước." in result.output
    session.refresh(admin)
    assert admin.role == "admin" and audit_trail(session) == []


def test_an_unknown_login_is_refused(app, content):
    result = invoke(app, "grant-course", "0999999999", "alpha")
    assert result.exit_code == 1 and "no account with login '0999999999'" in result.output


def test_grant_list_and_revoke_courses(app, session, make_user):
    teacher = make_user(role="teacher", login="giao.vien@example.test")

    granted = [
        invoke(app, "grant-course", "Giao.Vien@example.test", slug) for slug in ("beta", "Alpha", "alpha")
    ]
    listed = invoke(app, "courses", "giao.vien@example.test")

    assert [r.exit_code for r in granted] == [0, 0, 0]
    assert [r.output for r in granted] == [
        "Giao.Vien@example.test may now edit beta.\n",
        "Giao.Vien@example.test may now edit alpha.\n",
        "Giao.Vien@example.test could already edit alpha.\n",
    ]
    assert listed.exit_code == 0 and listed.stdout == "alpha\nbeta\n"
    rows = session.execute(
        select(CourseAccess.course_slug, CourseAccess.granted_by).order_by("course_slug")
    ).all()
    assert [tuple(r) for r in rows] == [("alpha", None), ("beta", None)]

    revoked = invoke(app, "revoke-course", "giao.vien@example.test", "beta")
    again = invoke(app, "revoke-course", "giao.vien@example.test", "beta")

    assert revoked.exit_code == 0 and revoked.output == "giao.vien@example.test may no longer edit beta.\n"
    assert again.exit_code == 1 and "giao.vien@example.test could not edit beta" in again.output
    assert invoke(app, "courses", "giao.vien@example.test").stdout == "alpha\n"
    target = f"user:{teacher.id}"
    assert audit_trail(session) == [
        (None, "course.grant", target, {"course": "beta"}),
        (None, "course.grant", target, {"course": "alpha"}),
        (None, "course.revoke", target, {"course": "beta"}),
    ]


def test_a_course_for_a_new_module_may_be_granted_before_it_exists(app, session, make_user):
    make_user(role="admin", login="0900000001")
    assert invoke(app, "grant-course", "0900000001", "ky-nang-moi").exit_code == 0
    assert invoke(app, "courses", "0900000001").stdout == "ky-nang-moi\n"


def test_grant_course_refuses_learners_and_malformed_slugs(app, session, make_user):
    make_user(login="0900000005")
    make_user(role="teacher", login="0900000002")

    learner = invoke(app, "grant-course", "0900000005", "alpha")
    malformed = invoke(app, "grant-course", "0900000002", "học phần/../x")

    assert learner.exit_code == 1
    assert "Chỉ giáo viên hoặc quản trị viên mới được giao học phần." in learner.output
    assert malformed.exit_code == 1
    assert "Mã học phần chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang" in malformed.output
    assert session.scalars(select(CourseAccess)).all() == [] and audit_trail(session) == []


def test_courses_of_someone_without_any(app, make_user):
    make_user(role="teacher", login="0900000002")
    result = invoke(app, "courses", "0900000002")
    assert (
        result.exit_code == 0 and result.stdout == "" and result.stderr == "0900000002 may edit no course.\n"
    )


def test_demoting_a_teacher_takes_their_courses_back(app, session, make_user):
    teacher = make_user(role="teacher", login="0900000002")
    invoke(app, "grant-course", "0900000002", "alpha")

    assert invoke(app, "set-role", "0900000002", "learner").exit_code == 0

    assert invoke(app, "courses", "0900000002").stdout == ""
    assert audit_trail(session)[-1] == (
        None,
        "course.revoke",
        f"user:{teacher.id}",
        {"course": "alpha", "reason": "role"},
    )
