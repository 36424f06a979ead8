"""Read one quiz file (Markdown, or GIFT/Aiken with an optional .yaml beside it) into a QuizSource."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mooc.content.fields import Fields
from mooc.content.frontmatter import split_front_matter
from mooc.content.paths import shown_path
from mooc.content.yamlfile import LineDict, load_yaml
from mooc.domain.text import slugify
from mooc.quiz.base import Question
from mooc.quiz.settings import DEFAULT_REVIEW, REVIEW_PARTS, QuizSettings

QUIZ_KEYS = {
    "title",
    "slug",
    "course",
    "competences",
    "max_attempts",
    "pass_mark",
    "draw",
    "shuffle_questions",
    "shuffle_options",
    "time_limit_minutes",
    "wait_minutes",
    "review",
}
QUIZ_FORMATS = {".md": "md", ".gift": "gift", ".aiken": "aiken"}


@dataclass
class QuizSource:
    path: Path
    shown: str
    slug: str
    title: str
    course: str
    competences: list[str]  # empty until resolved: a GIFT file without a sidecar takes its course's
    settings: QuizSettings
    body: str
    body_line: int
    meta_lines: dict[str, int]
    fmt: str = "md"
    intro_html: str = ""
    questions: list[Question] = field(default_factory=list)

    @property
    def max_attempts(self) -> int:
        return self.settings.max_attempts

    @property
    def pass_mark(self) -> int | None:
        return self.settings.pass_mark


def read_quiz(path: Path) -> QuizSource:
    """A quiz file; GIFT and Aiken files take their settings from an optional .yaml beside them."""
    shown = shown_path(path)
    fmt = QUIZ_FORMATS[path.suffix]
    if fmt == "md":
        meta, body, body_line = split_front_matter(path.read_text(encoding="utf-8"), shown)
        f = Fields(meta, shown, 1, QUIZ_KEYS)
        slug, title, course = f.slug(), f.text("title"), f.slug("course")
        competences = f.competence_codes()
    else:
        sidecar = path.with_suffix(".yaml")
        sidecar_shown = shown_path(sidecar)
        meta = load_yaml(sidecar.read_text(encoding="utf-8-sig"), sidecar_shown) if sidecar.exists() else None
        if meta is None:
            meta = LineDict()
            meta.line, meta.key_lines = 1, {}
        f = Fields(meta, sidecar_shown, 1, QUIZ_KEYS)
        body, body_line = path.read_text(encoding="utf-8-sig"), 1
        slug = f.slug() if "slug" in meta else slugify(path.stem)
        title = f.text("title", required=False) or path.stem
        course = f.slug("course") if "course" in meta else path.parent.name
        competences = f.competence_codes() if "competences" in meta else []
    return QuizSource(
        path=path,
        shown=shown,
        slug=slug,
        title=title,
        course=course,
        competences=competences,
        settings=quiz_settings(f),
        body=body,
        body_line=body_line,
        meta_lines=dict(meta.key_lines),
        fmt=fmt,
    )


def quiz_settings(f: Fields) -> QuizSettings:
    review = tuple(f.text_list("review", required=False)) or DEFAULT_REVIEW
    unknown = [part for part in review if part not in REVIEW_PARTS]
    if unknown:
        raise f.error("review", f"review lists {', '.join(REVIEW_PARTS)}; not {unknown[0]!r}")
    return QuizSettings(
        max_attempts=f.integer("max_attempts", low=0, high=100, required=False, default=0),  # type: ignore[arg-type]
        pass_mark=f.integer("pass_mark", low=1, high=100, required=False),
        draw=f.integer("draw", low=1, high=500, required=False),
        shuffle_questions=f.boolean("shuffle_questions", default=True),
        shuffle_options=f.boolean("shuffle_options", default=True),
        time_limit_minutes=f.integer("time_limit_minutes", low=1, high=600, required=False),
        wait_minutes=f.integer("wait_minutes", low=0, high=60 * 24 * 30, required=False, default=0),  # type: ignore[arg-type]
        review=review,
    )
