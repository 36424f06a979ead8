"""Authoring in the browser: drafts, review, versions, rollback, and learners pinned to a version."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from mooc.content.sources import read_tree
from mooc.content.workspace import UnsafePath
from mooc.models import (
    Asset,
    AuditEvent,
    Course,
    CourseAccess,
    CourseDraft,
    CourseVersion,
    Lesson,
    Question,
    QuestionVersion,
)
from mooc.models.authoring import ImmutableVersionError
from mooc.services import authoring, course_versions, enrollments
from mooc.services.authoring import AuthoringError, DraftHasErrors, NotAllowed, PublishError
from tests.conftest import TEST_CONTENT
from tests.integration.helpers import take

ALPHA = "courses/alpha/course.md"


@pytest.fixture
def published(session, content):
    """The test tree imported, each course with its version 1 (origin "files")."""
    versions = course_versions.record_file_versions(session, read_tree(TEST_CONTENT))
    session.commit()
    return {v.course_slug: v for v in versions}


@pytest.fixture
def people(make_user, session, published):
    teacher = make_user(role="teacher", name="Cô Giáo Lan")
    session.add(CourseAccess(course_slug="alpha", user_id=teacher.id))
    session.commit()
    return {
        "teacher": teacher,
        "other_teacher": make_user(role="teacher", name="Thầy Khác"),
        "official": make_user(role="official", name="Cán Bộ Duyệt"),
        "admin": make_user(role="admin", name="Quản Trị"),
        "learner": make_user(),
    }


def actions(session, slug: str) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.target == f"course:{slug}").order_by(AuditEvent.id)
    return list(session.scalars(query))


def publish(session, slug, files, images=None, **options):
    options = {"origin": "browser", "actor": None, "note": "", "content_root": TEST_CONTENT} | options
    return course_versions.publish_version(session, slug, files, images or {}, **options)


def alpha_files(published) -> dict[str, str]:
    return dict(published["alpha"].files)


def test_an_import_writes_version_1_with_the_files_and_what_learners_are_served(session, published):
    alpha = published["alpha"]
    assert (alpha.number, alpha.origin, alpha.created_by) == (1, "files", None)
    assert sorted(alpha.files) == [
        "courses/alpha/01-mot.md",
        "courses/alpha/02-hai.md",
        ALPHA,
        "quizzes/alpha/kiem-tra.md",
    ]
    ((image_path, asset_name),) = alpha.images.items()
    assert image_path == "courses/alpha/images/dot.svg" and session.get(Asset, asset_name) is not None
    lesson = session.scalar(select(Lesson).where(Lesson.slug == "bai-mot"))
    assert alpha.rendered["course"]["title"] == "Học phần Alpha"
    assert [entry["slug"] for entry in alpha.rendered["lessons"]] == ["bai-mot", "bai-hai"]
    assert alpha.rendered["lessons"][0]["html"] == lesson.body_html
    quiz = alpha.rendered["quiz"]
    assert (quiz["slug"], quiz["order"]) == ("kiem-tra-alpha", ["thu-do", "otp", "dung-sai", "thoi-quen"])
    otp = session.scalar(select(Question).where(Question.key == "otp"))
    assert quiz["question_versions"]["otp"] == otp.current_version_id
    assert actions(session, "alpha") == ["course.import"]


def test_a_version_is_never_changed_or_deleted(session, published):
    version = published["beta"]
    version.note = "sửa lịch sử"
    with pytest.raises(ImmutableVersionError):
        session.flush()
    session.rollback()
    session.delete(session.get(CourseVersion, version.id))
    with pytest.raises(ImmutableVersionError):
        session.flush()


def test_publishing_files_with_errors_writes_nothing_and_names_each_problem(session, published):
    files = alpha_files(published)
    files[ALPHA] = files[ALPHA].replace("Học phần Alpha", "Tên mới").replace('["4.1"]', '["9.9"]')
    files["courses/alpha/01-mot.md"] = files["courses/alpha/01-mot.md"].replace("dot.svg", "x.png")
    with pytest.raises(PublishError) as error:
        publish(session, "alpha", files, {})
    assert [str(p) for p in error.value.problems] == [
        "courses/alpha/01-mot.md:9: image 'images/x.png' not found",
        "courses/alpha/course.md:6: unknown competence code '9.9'",
    ]
    assert session.scalar(select(Course.title).where(Course.slug == "alpha")) == "Học phần Alpha"
    assert session.scalar(select(func.count()).select_from(CourseVersion)) == 2


def test_a_publish_imports_the_course_and_writes_the_next_version(session, published):
    files = alpha_files(published)
    files[ALPHA] = files[ALPHA].replace("Học phần Alpha", "Học phần Alpha mới")
    quiz = "quizzes/alpha/kiem-tra.md"
    files[quiz] = files[quiz].replace("Có nên đọc mã OTP", "Có nên đọc mã OTP (mã một lần)")
    images = course_versions.image_bytes(session, published["alpha"].images)
    version = publish(session, "alpha", files, images, note="sửa câu OTP")
    assert (version.number, version.origin, version.note) == (2, "browser", "sửa câu OTP")
    assert session.scalar(select(Course.title).where(Course.slug == "alpha")) == "Học phần Alpha mới"
    old, new = published["alpha"].rendered["quiz"], version.rendered["quiz"]
    assert old["question_versions"]["otp"] != new["question_versions"]["otp"]
    assert old["question_versions"]["thu-do"] == new["question_versions"]["thu-do"]
    assert session.get(QuestionVersion, old["question_versions"]["otp"]).spec["stem_md"].startswith("Có nên")
    assert version.images == published["alpha"].images


def test_publishing_a_course_that_breaks_a_link_in_another_course_is_refused(session, published):
    files = dict(published["beta"].files)
    files["courses/beta/01-ba-moi.md"] = files.pop("courses/beta/01-ba.md")  # alpha links to 01-ba.md
    with pytest.raises(PublishError) as error:
        publish(session, "beta", files)
    assert [str(p) for p in error.value.problems] == [
        "courses/alpha/02-hai.md:9: link '../beta/01-ba.md': no such lesson file"
    ]


def test_files_of_another_course_are_refused(session, published):
    files = alpha_files(published) | {"courses/beta/course.md": "---\n---\n"}
    with pytest.raises(UnsafePath):
        publish(session, "alpha", files)


def test_permissions(session, people):
    teacher, other, official, admin, learner = (
        people[k] for k in ("teacher", "other_teacher", "official", "admin", "learner")
    )
    assert authoring.can_edit(session, teacher, "alpha") and not authoring.can_edit(session, teacher, "beta")
    assert not authoring.can_edit(session, other, "alpha") and authoring.can_edit(session, admin, "beta")
    assert not authoring.can_edit(session, official, "alpha") and not authoring.can_edit(
        session, learner, "alpha"
    )
    assert [authoring.can_review(u) for u in (teacher, official, admin, learner)] == [
        False,
        True,
        True,
        False,
    ]
    with pytest.raises(NotAllowed):
        authoring.open_draft(session, "alpha", other)
    with pytest.raises(NotAllowed):
        authoring.open_draft(session, "moi", learner)
    assert authoring.editable_courses(session, teacher) == ["alpha"]


def test_a_draft_starts_from_the_latest_version_and_saves_normalized_text(session, people, published):
    teacher = people["teacher"]
    draft = authoring.open_draft(session, "alpha", teacher)
    assert (draft.files, draft.base_version_id) == (published["alpha"].files, published["alpha"].id)
    assert authoring.open_draft(session, "alpha", teacher).id == draft.id  # one draft per course
    decomposed = "Ho\u0323c pha\u0302\u0300n"  # "Học phần" typed in NFD
    authoring.save_file(
        session, draft, "courses/alpha/02-hai.md", f"---\r\ntitle: {decomposed}\r\n---", teacher
    )
    assert draft.files["courses/alpha/02-hai.md"] == "---\ntitle: Học phần\n---\n"
    with pytest.raises(UnsafePath):
        authoring.save_file(session, draft, "courses/beta/01-ba.md", "x", teacher)
    with pytest.raises(UnsafePath):
        authoring.save_file(session, draft, "courses/alpha/../../etc/passwd", "x", teacher)
    assert actions(session, "alpha")[-2:] == ["course.draft.create", "course.draft.save"]


def test_a_draft_with_errors_cannot_be_submitted(session, people):
    teacher = people["teacher"]
    draft = authoring.open_draft(session, "alpha", teacher)
    authoring.remove_file(session, draft, "courses/alpha/02-hai.md", teacher)
    problems = authoring.check_draft(session, draft, TEST_CONTENT)
    assert [str(p) for p in problems] == ["courses/alpha/01-mot.md:9: link '02-hai.md': no such lesson file"]
    with pytest.raises(DraftHasErrors) as error:
        authoring.submit_for_review(session, draft, teacher, TEST_CONTENT)
    assert error.value.problems == problems and draft.status == "draft"
    with pytest.raises(AuthoringError):
        authoring.remove_file(session, draft, ALPHA, teacher)


def test_review_return_resubmit_and_publish(session, people):
    teacher, official = people["teacher"], people["official"]
    draft = authoring.open_draft(session, "alpha", teacher)
    path = authoring.add_lesson(session, draft, "Mật khẩu mạnh", teacher)
    assert path == "courses/alpha/03-mat-khau-manh.md"
    with pytest.raises(NotAllowed):
        authoring.publish_draft(session, draft, teacher, TEST_CONTENT)
    authoring.submit_for_review(session, draft, teacher, TEST_CONTENT)
    authoring.return_draft(session, draft, official, "Thêm   ví dụ.")
    assert (draft.status, draft.review_note) == ("returned", "Thêm ví dụ.")
    with pytest.raises(AuthoringError):
        authoring.publish_draft(session, draft, official, TEST_CONTENT)  # not in review any more
    authoring.submit_for_review(session, draft, teacher, TEST_CONTENT)
    version = authoring.publish_draft(session, draft, official, TEST_CONTENT)
    assert (version.number, version.origin, version.created_by) == (2, "browser", official.id)
    assert [entry["slug"] for entry in version.rendered["lessons"]] == ["bai-mot", "bai-hai", "mat-khau-manh"]
    assert session.scalar(select(CourseDraft).filter_by(course_slug="alpha")) is None
    assert actions(session, "alpha")[1:] == [
        "course.draft.create",
        "course.draft.add_lesson",
        "course.submit",
        "course.return",
        "course.submit",
        "course.publish",
    ]


def test_editing_a_draft_in_review_withdraws_it(session, people):
    teacher = people["teacher"]
    draft = authoring.open_draft(session, "alpha", teacher)
    authoring.submit_for_review(session, draft, teacher, TEST_CONTENT)
    authoring.save_file(session, draft, ALPHA, draft.files[ALPHA].replace("Alpha", "Anpha"), teacher)
    assert (draft.status, draft.submitted_by) == ("draft", None)


def test_a_new_course_starts_valid_and_its_creator_may_edit_it(session, people):
    teacher, official = people["other_teacher"], people["official"]
    draft = authoring.open_draft(session, "gamma", teacher, title="An toàn: mật khẩu")
    assert sorted(draft.files) == [
        "courses/gamma/01-bai-dau-tien.md",
        "courses/gamma/course.md",
        "quizzes/gamma/kiem-tra.md",
    ]
    assert session.get(CourseAccess, {"course_slug": "gamma", "user_id": teacher.id}) is not None
    assert authoring.check_draft(session, draft, TEST_CONTENT) == []
    authoring.submit_for_review(session, draft, teacher, TEST_CONTENT)
    version = authoring.publish_draft(session, draft, official, TEST_CONTENT, note="học phần mới")
    assert (version.course_slug, version.number, version.rendered["course"]["title"]) == (
        "gamma",
        1,
        "An toàn: mật khẩu",
    )
    assert version.rendered["quiz"]["order"] == ["cau-hoi-dau-tien"]
    assert actions(session, "gamma") == [
        "course.access.grant",
        "course.create",
        "course.submit",
        "course.publish",
    ]
    with pytest.raises(AuthoringError):
        authoring.open_draft(session, "Gamma Mới", teacher)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), (0, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_attached_image_is_cleaned_stored_and_published(session, people, tmp_path):
    teacher, official = people["teacher"], people["official"]
    draft = authoring.open_draft(session, "alpha", teacher)
    path = authoring.attach_image(session, draft, "ảnh chụp.JPG", png_bytes(), teacher)
    name = path.rsplit("/", 1)[1]
    assert path == f"courses/alpha/images/{name}" and name.endswith(".png")
    assert draft.images[path] == name and session.get(Asset, name).content_type == "image/png"
    lesson = "courses/alpha/01-mot.md"
    authoring.save_file(
        session, draft, lesson, draft.files[lesson] + f"\n![Bầu trời xanh](images/{name})\n", teacher
    )
    authoring.submit_for_review(session, draft, teacher, TEST_CONTENT)
    version = authoring.publish_draft(session, draft, official, TEST_CONTENT)
    assert version.images[path] == name
    assert (
        f'<img alt="Bầu trời xanh" decoding="async" loading="lazy" src="/media/{name}">'
        in (version.rendered["lessons"][0]["html"])
    )
    written = course_versions.export_version(session, version, tmp_path)
    assert (tmp_path / path).read_bytes() == session.get(Asset, name).data and len(written) == 6


def test_rollback_writes_a_new_version_with_the_old_files_and_diff_shows_changes(session, people, published):
    official = people["official"]
    files = alpha_files(published)
    files[ALPHA] = files[ALPHA].replace("title: Học phần Alpha", "title: Alpha đã sửa")
    images = course_versions.image_bytes(session, published["alpha"].images)
    publish(session, "alpha", files, images)
    with pytest.raises(NotAllowed):
        authoring.rollback(session, "alpha", 1, people["teacher"], TEST_CONTENT)
    version = authoring.rollback(session, "alpha", 1, official, TEST_CONTENT)
    assert (version.number, version.origin, version.note) == (3, "rollback", "trở lại phiên bản 1")
    assert version.files == published["alpha"].files and version.images == published["alpha"].images
    assert session.scalar(select(Course.title).where(Course.slug == "alpha")) == "Học phần Alpha"
    (diff,) = authoring.diff_versions(session, "alpha", 1, 2)
    assert (diff.path, diff.status, diff.is_image) == (ALPHA, "changed", False)
    assert "-title: Học phần Alpha" in diff.lines and "+title: Alpha đã sửa" in diff.lines
    assert authoring.diff_versions(session, "alpha", 1, 3) == []
    assert actions(session, "alpha")[-1] == "course.rollback"


def test_diff_of_a_draft_lists_added_and_removed_files(session, people):
    teacher = people["teacher"]
    draft = authoring.open_draft(session, "alpha", teacher)
    authoring.remove_file(session, draft, "courses/alpha/images/dot.svg", teacher)
    path = authoring.add_lesson(session, draft, "Bài ba", teacher)
    diffs = authoring.diff_draft(session, draft)
    assert [(d.path, d.status, d.is_image) for d in diffs] == [
        (path, "added", False),
        ("courses/alpha/images/dot.svg", "removed", True),
    ]
    assert diffs[0].lines[:2] == ["--- /dev/null", f"+++ {path}"]


def test_a_learner_stays_on_their_version_until_they_move(session, people, published):
    learner, course = people["learner"], session.scalar(select(Course).where(Course.slug == "beta"))
    assert enrollments.served_version(session, learner, course).number == 1  # nothing created yet
    enrollment = enrollments.enrollment_for(session, learner, course)
    assert enrollment.version_id == published["beta"].id
    files = dict(published["beta"].files)
    files["courses/beta/01-ba.md"] = files["courses/beta/01-ba.md"].replace("ngắn", "ngắn gọn")
    publish(session, "beta", files)
    assert enrollments.enrollment_for(session, learner, course).version_id == published["beta"].id
    assert enrollments.served_version(session, learner, course).number == 1
    assert enrollments.has_newer_version(session, learner, course) is True
    moved = enrollments.move_to_latest(session, learner, course)
    assert session.get(CourseVersion, moved.version_id).number == 2 and moved.moved_at is not None
    assert enrollments.has_newer_version(session, learner, course) is False


def test_a_learner_who_passed_moves_to_the_newest_version_on_the_next_visit(session, people, published):
    learner, course = people["learner"], session.scalar(select(Course).where(Course.slug == "beta"))
    enrollments.enrollment_for(session, learner, course)
    take(session, learner, "kiem-tra-beta", right=0)  # failed: stays pinned
    publish(
        session,
        "beta",
        dict(published["beta"].files)
        | {
            "courses/beta/course.md": (
                published["beta"].files["courses/beta/course.md"].replace("thứ hai", "thứ 2")
            )
        },
    )
    assert enrollments.enrollment_for(session, learner, course).version_id == published["beta"].id
    assert enrollments.has_passed(session, learner, course) is False
    take(session, learner, "kiem-tra-beta")
    assert enrollments.has_passed(session, learner, course) is True
    assert (
        session.get(CourseVersion, enrollments.enrollment_for(session, learner, course).version_id).number
        == 2
    )
