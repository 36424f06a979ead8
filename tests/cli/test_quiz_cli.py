"""`mooc quiz show | convert | regrade | stats`."""

from __future__ import annotations

import json
import shutil
from textwrap import dedent

import pytest
import yaml
from sqlalchemy import select

from mooc.cli import cli
from mooc.content.markdown import render_markdown
from mooc.content.quiz_sources import read_quiz
from mooc.models import Quiz, QuizAttempt
from mooc.quiz.gift import parse_gift
from mooc.quiz.parse import parse_questions
from mooc.services import attempts
from tests.conftest import DATA, TEST_CONTENT, import_tree
from tests.integration.helpers import read_lessons, right_values, take

MOODLE_EXPORT = DATA / "gift" / "moodle_export.gift"
AIKEN = """\
Biểu tượng nào mở phần Cài đặt của điện thoại?
A) Bánh răng
B) Máy ảnh
ANSWER: A

Số nào để gọi công an?
A. 114
B. 113
ANSWER: B
"""
MARKDOWN = dedent(
    """\
    ---
    title: Kiểm tra thử
    slug: kiem-tra-thu
    course: thu
    competences: ["4.1"]
    max_attempts: 2
    review: [score, answers]
    ---

    Lời giới thiệu.

    ## Mã OTP
    type: single_choice
    hint: Nghĩ đến ngân hàng.

    Ngân hàng có hỏi mã OTP không?

    - [x] Không bao giờ
      > Đúng.
    - [ ] Có

    ## Thủ đô
    type: short_answer
    points: 2
    ignore_tones: yes

    Thủ đô của nước ta?

    - [x] Hà Nội

    ## Các bước
    type: ordering

    Sắp xếp.

    - [1] Mở máy.
    - [2] Mở ứng dụng.
    """
)


@pytest.fixture
def run(app):
    def invoke(*args: str):
        return app.test_cli_runner().invoke(cli, ["quiz", *args])

    return invoke


@pytest.fixture
def aiken_file(tmp_path):
    path = tmp_path / "cai-dat.aiken"
    path.write_text(AIKEN, encoding="utf-8")
    return path


@pytest.fixture
def markdown_file(tmp_path):
    path = tmp_path / "thu" / "kiem-tra-thu.md"
    path.parent.mkdir()
    path.write_text(MARKDOWN, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ show


def test_show_prints_what_was_understood_from_a_gift_file(run):
    result = run("show", str(MOODLE_EXPORT))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1. [single_choice] mk-01: Mật khẩu nào **mạnh** nhất?"  # [html] made Markdown
    assert "        -100%  Dùng chung một mật khẩu cho mọi nơi  # Một nơi bị lộ là mất tất cả." in lines
    assert "4. [numerical] so-cap-cuu: Số điện thoại gọi xe cấp cứu là số nào?" in lines
    assert "        pair   VNeID -> Định danh điện tử" in lines
    assert "     > Mật khẩu mạnh dài ít nhất 12 ký tự." in lines
    assert result.stderr.splitlines() == [
        f"{MOODLE_EXPORT}:8: warning: [html] text was turned into Markdown (in 7 questions, the first "
        "one here): bold, italic, line breaks and links are kept, other tags and styles are dropped; "
        "check how the questions read",
        f"{MOODLE_EXPORT}:61: warning: an essay question ('{{}}') needs a person to grade it: skipped",
        f"{MOODLE_EXPORT}:65: warning: a description (no answers) is skipped",
    ]


def test_show_json_gives_kinds_weights_and_right_answers_of_an_aiken_file(run, aiken_file):
    result = run("show", str(aiken_file), "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert [(q["kind"], q["id"], q["right_answer_html"]) for q in shown] == [
        ("single_choice", "bieu-tuong-nao-mo-phan-cai-dat-cua-dien-thoai", "Bánh răng"),
        ("single_choice", "so-nao-de-goi-cong-an", "113"),
    ]
    assert [(o["text"], o["weight_percent"]) for o in shown[1]["options"]] == [("114", 0.0), ("113", 100.0)]


def test_show_json_of_a_gift_file_carries_matching_pairs_and_feedback(run):
    shown = json.loads(run("show", str(MOODLE_EXPORT), "--json").stdout)
    matching = next(q for q in shown if q["kind"] == "matching")
    assert [o["matches"] for o in matching["options"]] == ["Định danh điện tử", "Nhắn tin", "Chỉ đường"]
    assert matching["explanation"] == "VNeID do Bộ Công an quản lý."


def test_show_a_broken_gift_file_exits_1_with_path_line_and_message(run, tmp_path):
    broken = tmp_path / "hong.gift"
    broken.write_text("::Một::Câu một? {=A ~B}\n\n// chú thích\n::Hai::Số? {#1,5}\n", encoding="utf-8")
    result = run("show", str(broken))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{broken}:4: write '1,5' with a decimal point, as GIFT requires"]
    assert result.stdout.startswith("1. [single_choice] mot: Câu một?")


def test_show_a_broken_markdown_file_exits_1_with_path_line_and_message(run, markdown_file):
    markdown_file.write_text(MARKDOWN.replace("- [ ] Có", "- [x] Có"), encoding="utf-8")
    result = run("show", str(markdown_file))
    assert result.exit_code == 1
    assert (
        f"{markdown_file}:20: a single_choice question needs exactly one [x] answer, found 2" in result.stderr
    )


def test_show_refuses_a_file_that_is_no_quiz_format(run, tmp_path):
    other = tmp_path / "ghi-chu.txt"
    other.write_text("x", encoding="utf-8")
    result = run("show", str(other))
    assert result.exit_code == 2 and "a quiz file ends in .md, .gift or .aiken" in result.output


# ------------------------------------------------------------------------------ convert


def test_convert_gift_to_markdown_keeps_every_question_and_says_what_is_not_carried(run):
    result = run("convert", str(MOODLE_EXPORT), "--to", "md")
    assert result.exit_code == 0, result.output
    assert (
        "not carried over: the GIFT category '$course$/top/Mặc định cho An toàn số/Bài 1: Mật khẩu' "
        "(quizzes are grouped by course instead)"
    ) in result.stderr.splitlines()
    front, body = result.stdout.split("---\n", 2)[1:]
    assert yaml.safe_load(front) == {
        "title": "Bài 1: Mật khẩu",
        "slug": "moodle-export",
        "course": "TODO",  # tests/data/gift is no course folder
        "competences": [],
    }
    again = parse_questions(body, "x.md", 1, render_markdown)
    original = parse_gift(MOODLE_EXPORT.read_text(encoding="utf-8"), "x.gift", 1, render_markdown)
    assert again.errors == []
    strip = [{k: v for k, v in q.to_dict().items() if k != "line"} for q in original.questions]
    assert [{k: v for k, v in q.to_dict().items() if k != "line"} for q in again.questions] == strip


def test_convert_aiken_to_markdown_writes_a_file(run, aiken_file, tmp_path):
    out = tmp_path / "cai-dat.md"
    result = run("convert", str(aiken_file), "--to", "md", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path.name!r} is no course folder: write the module's slug after 'course:' "
        "in place of TODO",
        "check the front matter: 'competences' must list the module's codes before mooc content check "
        "accepts the file",
        f"wrote 2 question(s) to {out}",
    ]
    assert "## Số nào để gọi công an?\ntype: single_choice\nid: so-nao-de-goi-cong-an" in out.read_text(
        "utf-8"
    )


def test_convert_markdown_to_gift_with_out_keeps_the_settings_in_a_yaml_sidecar(run, markdown_file, tmp_path):
    out = tmp_path / "thu" / "xuat.gift"
    result = run("convert", str(markdown_file), "--to", "gift", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"quiz settings kept in {out.with_suffix('.yaml')}",
        "not carried over: ma-otp: the hint (GIFT has none)",
        "not carried over: thu-do: points: 2 (GIFT questions weigh 1)",
        "not carried over: thu-do: ignore_tones (accept the tone-less spellings as extra answers instead)",
        "not carried over: cac-buoc: GIFT has no ordering questions: left out",
        "not carried over: the introduction text (GIFT has none)",
        f"wrote 3 question(s) to {out}",
    ]
    assert yaml.safe_load(out.with_suffix(".yaml").read_text("utf-8")) == {
        "title": "Kiểm tra thử",
        "slug": "kiem-tra-thu",
        "course": "thu",
        "competences": ["4.1"],
        "max_attempts": 2,
        "review": ["score", "answers"],
    }
    source = read_quiz(out)  # read back as `content import` reads a quiz file
    assert (source.slug, source.title, source.course, source.fmt) == (
        "kiem-tra-thu",
        "Kiểm tra thử",
        "thu",
        "gift",
    )
    assert (source.settings.max_attempts, source.settings.review) == (2, ("score", "answers"))
    parsed = parse_gift(out.read_text("utf-8"), str(out), 1, render_markdown)
    assert parsed.errors == [] and [q.key for q in parsed.questions] == ["ma-otp", "thu-do"]


def test_convert_to_gift_without_out_says_the_settings_are_not_carried(run, markdown_file):
    result = run("convert", str(markdown_file), "--to", "gift")
    assert result.exit_code == 0, result.output
    assert (
        "not carried over: the quiz settings (use --out to keep them in a .yaml beside the file)"
        in result.stderr.splitlines()
    )
    assert result.stdout.startswith("// [id:ma-otp]\n::Mã OTP::[markdown]Ngân hàng có hỏi mã OTP không? {")


def test_convert_a_broken_file_exits_1_and_converts_nothing(run, tmp_path):
    broken = tmp_path / "hong.gift"
    broken.write_text("::Một::Câu một? {=A ~B}\n::Hai::Câu hai? {=C ~D}\n", encoding="utf-8")
    out = tmp_path / "hong.md"
    result = run("convert", str(broken), "--to", "md", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{broken}:2: a second answer block")
    assert "fix the problems above first; nothing was converted" in result.stderr
    assert not out.exists()


M4 = """\
// Xuất từ Moodle 4
$CATEGORY: $course$/top/Mô-đun 4\\: Thanh toán số

$CATEGORY: $course$/top/Mô-đun 4\\: Thanh toán số/Phần A

::Thói quen::Thói quen nào giữ tài khoản an toàn? {
  ~%50%Mật khẩu dài
  ~%50%Xác thực hai bước
  ~Dùng chung một mật khẩu
}
"""


def m4_in(folder) -> None:
    folder.mkdir(parents=True)
    (folder / "m4.gift").write_text(M4, encoding="utf-8")


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_convert_names_the_quiz_after_the_first_category_and_lists_every_category(run, tmp_path):
    m4_in(tmp_path / "quizzes" / "thanh-toan-so")
    result = run("convert", str(tmp_path / "quizzes" / "thanh-toan-so" / "m4.gift"), "--to", "md")
    assert result.exit_code == 0, result.output
    assert front_matter(result.stdout)["title"] == "Mô-đun 4: Thanh toán số"
    assert (
        "not carried over: the GIFT categories '$course$/top/Mô-đun 4: Thanh toán số', "
        "'$course$/top/Mô-đun 4: Thanh toán số/Phần A' (quizzes are grouped by course instead)"
    ) in result.stderr.splitlines()


def test_convert_of_a_relative_path_takes_the_course_from_the_course_folder(run, tmp_path, monkeypatch):
    m4_in(tmp_path / "quizzes" / "thanh-toan-so")
    monkeypatch.chdir(tmp_path / "quizzes" / "thanh-toan-so")
    result = run("convert", "m4.gift", "--to", "md")
    assert result.exit_code == 0, result.output
    assert front_matter(result.stdout)["course"] == "thanh-toan-so"
    assert "TODO" not in result.output


def test_convert_outside_a_course_folder_leaves_a_todo_for_the_course_and_warns(run, tmp_path, monkeypatch):
    m4_in(tmp_path / "tai-ve")
    monkeypatch.chdir(tmp_path / "tai-ve")
    result = run("convert", "m4.gift", "--to", "md")
    assert result.exit_code == 0, result.output
    assert "\ncourse: TODO  # the module's slug: its folder name in courses/\n" in result.stdout
    assert front_matter(result.stdout)["course"] == "TODO"
    assert (
        "warning: 'tai-ve' is no course folder: write the module's slug after 'course:' in place of TODO"
        in result.stderr.splitlines()
    )


def test_convert_prints_every_parser_warning_after_the_converted_text(run, tmp_path):
    m4_in(tmp_path / "quizzes" / "thanh-toan-so")
    path = tmp_path / "quizzes" / "thanh-toan-so" / "m4.gift"
    result = run("convert", str(path), "--to", "md")
    assert result.exit_code == 0, result.output
    warning = (
        f"{path}:6: warning: every wrong answer weighs 0%: ticking every box earns full marks; "
        "give wrong answers a negative weight such as [-50%] (~%-50% in GIFT)"
    )
    assert warning in result.stderr.splitlines()
    assert "1 warning(s): the file was converted; check these questions in it" in result.stderr.splitlines()
    assert result.output.index(warning) > result.output.index("## Thói quen")  # not scrolled away
    again = parse_questions(result.stdout.split("---\n", 2)[2], "m4.md", 1, render_markdown)
    assert [w.message for w in again.warnings] == [warning.split("warning: ", 1)[1]]  # kept in the file


# ------------------------------------------------------------------------------ regrade and stats


def submit_alpha(session, user, **typed: str) -> QuizAttempt:
    """Take kiem-tra-alpha with every answer right, except the short answers typed as given (by key)."""
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))
    read_lessons(session, user, quiz.course_id)
    attempt = attempts.start_attempt(session, user, quiz)
    form = {}
    for _, question in attempts.served_questions(session, attempt):
        form[f"q-{question.key}"] = [typed[question.key]] if question.key in typed else right_values(question)
    outcome = attempts.submit_attempt(session, user, attempt, form)
    session.commit()
    return outcome.attempt


@pytest.fixture
def hue_accepted(session, tmp_path):
    """Import a new version of kiem-tra-alpha in which Huế is also right."""

    def apply():
        root = tmp_path / "content"
        shutil.copytree(TEST_CONTENT, root)
        quiz_file = root / "quizzes" / "alpha" / "kiem-tra.md"
        text = quiz_file.read_text("utf-8").replace("- [ ] Huế\n  > Huế là cố đô.", "- [x] Huế")
        quiz_file.write_text(text, "utf-8")
        import_tree(session, root)

    return apply


def test_regrade_dry_run_reports_and_changes_nothing_then_regrade_changes_and_issues(
    run, session, make_user, hue_accepted
):
    user = make_user()
    attempt = submit_alpha(session, user, **{"thu-do": "Huế"})
    take(session, user, "kiem-tra-beta")
    hue_accepted()
    dry = run("regrade", "kiem-tra-alpha", "--dry-run")
    assert dry.exit_code == 0, dry.output
    change = f"attempt {attempt.id} (account {user.id}, #1): 75% -> 100%  now passes"
    assert dry.stdout.splitlines() == [change]
    assert dry.stderr.splitlines() == [
        "Would change 1 of 1 attempt(s); 1 answer(s) graded with a newer version."
    ]
    session.expire_all()
    assert session.get(QuizAttempt, attempt.id).score_ppm == 750_000

    result = run("regrade", "kiem-tra-alpha")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == change and lines[1].startswith("record issued: ") and len(lines) == 2
    assert result.stderr.splitlines() == [
        "Changed 1 of 1 attempt(s); 1 answer(s) graded with a newer version."
    ]
    session.expire_all()
    assert (
        session.get(QuizAttempt, attempt.id).score_ppm,
        session.get(QuizAttempt, attempt.id).is_passed,
    ) == (
        1_000_000,
        True,
    )


def test_regrade_of_an_unknown_quiz_exits_1(run, content):
    result = run("regrade", "khong-co")
    assert result.exit_code == 1 and "no quiz 'khong-co'" in result.output


def test_stats_prints_a_row_per_question_with_the_most_common_wrong_answer(run, session, make_user):
    submit_alpha(session, make_user())
    submit_alpha(session, make_user(), **{"thu-do": "Huế"})
    submit_alpha(session, make_user(), **{"thu-do": " HUẾ "})
    submit_alpha(session, make_user(), **{"thu-do": ""})  # left blank: counted apart
    result = run("stats", "kiem-tra-alpha")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "question",
        "answered",
        "blank",
        "facility",
        "right",
        "most",
        "common",
        "wrong",
        "answer",
    ]
    rows = {line.split()[0]: line.split(None, 5) for line in lines[1:]}
    assert rows["thu-do"] == ["thu-do", "3", "1", "33%", "1", "huế (2)"]
    assert rows["otp"] == ["otp", "4", "0", "100%", "4", "-"]
    assert list(rows) == ["thu-do", "otp", "dung-sai", "thoi-quen"]
