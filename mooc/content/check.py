"""Find every problem in a content tree, each with its file and line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from mooc.content.answer_bias import answer_bias_problems
from mooc.content.markdown import is_relative
from mooc.content.problems import Problem
from mooc.content.sources import IMAGE_TYPES, ContentTree, QuizSource
from mooc.domain.framework import TargetGroup

# About ten minutes of reading on a phone for an unhurried reader; lessons should be shorter.
READING_BUDGET_WORDS = 900
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_RAW_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SHALLOW_NESTED_ITEM = re.compile(r"^ {1,3}([-*+]|\d+\.)\s")


def find_problems(tree: ContentTree) -> list[Problem]:
    """All problems: those found while reading plus cross-file and Markdown checks."""
    problems = list(tree.problems) + list(_cross_checks(tree))
    for course in tree.courses:
        problems += _markdown_problems(course.path, course.shown, course.body, course.body_line, 2)
        for lesson in course.lessons:
            problems += _markdown_problems(lesson.path, lesson.shown, lesson.body, lesson.body_line, 2)
            words = len(re.findall(r"\w+", lesson.body))
            if words > READING_BUDGET_WORDS:
                problems.append(
                    Problem(
                        lesson.shown,
                        1,
                        f"{words} words: more than a phone reading budget of "
                        f"{READING_BUDGET_WORDS}; split the lesson",
                    )
                )
    for quiz in tree.quizzes:
        problems += _markdown_problems(
            quiz.path, quiz.shown, quiz.body, quiz.body_line, 2, check_headings=False
        )
    return sorted(set(problems))


def _cross_checks(tree: ContentTree) -> Iterator[Problem]:
    framework = tree.framework
    groups = {g.code for g in framework.groups} if framework else set()
    known = {c.code for c in framework.competences} if framework else None
    slugs: dict[str, str] = {}
    for course in tree.courses:
        if course.slug in slugs:
            yield Problem(course.shown, 1, f"slug {course.slug!r} is also used by {slugs[course.slug]}")
        slugs[course.slug] = course.shown
        yield from _codes(course.shown, course.meta_lines, course.competences, known)
        for group in course.target_groups:
            if framework and group not in groups:
                yield Problem(
                    course.shown,
                    course.meta_lines.get("target_groups", 1),
                    f"unknown target group {group!r} (known: {', '.join(sorted(groups))})",
                )
        if not any(course.path.parent.glob("[0-9]*.md")):
            yield Problem(course.shown, 1, "the course has no lessons (files named 01-….md)")
        lesson_slugs: dict[str, str] = {}
        for lesson in course.lessons:
            if lesson.slug in lesson_slugs:
                yield Problem(
                    lesson.shown,
                    2,
                    f"lesson slug {lesson.slug!r} is also used by {lesson_slugs[lesson.slug]}",
                )
            lesson_slugs[lesson.slug] = lesson.shown
            if "competences" in lesson.meta_lines:  # inherited codes are reported on the course
                yield from _codes(lesson.shown, lesson.meta_lines, lesson.competences, known)
        if not any(q.course == course.slug for q in tree.quizzes):
            yield Problem(course.shown, 1, f"no quiz belongs to this course (add quizzes/{course.slug}/…md)")
    quiz_slugs: dict[str, str] = {}
    for quiz in tree.quizzes:
        yield from _quiz_checks(tree, quiz, quiz_slugs, known)
    if framework:
        yield from _requirement_checks(tree)


def _quiz_checks(tree: ContentTree, quiz: QuizSource, seen: dict[str, str], known) -> Iterator[Problem]:
    if quiz.slug in seen:
        yield Problem(
            quiz.shown,
            quiz.meta_lines.get("slug", 1),
            f"quiz slug {quiz.slug!r} is also used by {seen[quiz.slug]}",
        )
    seen[quiz.slug] = quiz.shown
    yield from _codes(quiz.shown, quiz.meta_lines, quiz.competences, known)
    if tree.course(quiz.course) is None:
        yield Problem(quiz.shown, quiz.meta_lines.get("course", 1), f"unknown course {quiz.course!r}")
    elif quiz.path.parent.name != quiz.course:
        yield Problem(
            quiz.shown,
            quiz.meta_lines.get("course", 1),
            f"a quiz for {quiz.course!r} belongs in quizzes/{quiz.course}/",
        )
    holder = min((q for q in tree.quizzes if q.course == quiz.course), key=_quiz_precedence)
    if holder is not quiz:  # reported at the extra file, naming the one that holds the course's quiz
        yield Problem(
            quiz.shown,
            1,
            f"a second quiz for course {quiz.course!r}: its quiz is {holder.shown} "
            "(one quiz per course: copy these questions into that file, or remove this one)",
        )
    if not quiz.questions and not any(p.path == quiz.shown and p.line > 1 for p in tree.problems):
        yield Problem(quiz.shown, quiz.body_line, "the quiz has no questions ('## ' blocks)")
    draw = quiz.settings.draw
    if draw and quiz.questions and draw > len(quiz.questions):
        yield Problem(
            quiz.shown,
            quiz.meta_lines.get("draw", 1),
            f"draws {draw} questions but has only {len(quiz.questions)}",
        )
    yield from answer_bias_problems(tree, quiz)


def _quiz_precedence(quiz: QuizSource) -> tuple[bool, bool, bool, str]:
    """Which of a course's quiz files is its quiz, in a stable order: the one in the course's own
    folder, named kiem-tra.md (the documented name), then any Markdown file, then GIFT or Aiken,
    each by path. So a file added beside kiem-tra.md is the extra one, whatever its name."""
    return (
        quiz.path.parent.name != quiz.course,
        quiz.path.name != "kiem-tra.md",
        quiz.fmt != "md",
        quiz.path.as_posix(),
    )


def _requirement_checks(tree: ContentTree) -> Iterator[Problem]:
    """Every required module exists and is aimed at its group; every required competence is taught."""
    framework_path = _shown_framework(tree)
    known = {c.code for c in tree.framework.competences}  # type: ignore[union-attr]
    for group in tree.framework.groups:  # type: ignore[union-attr]
        for label, requirement in group.requirements():
            lines = tree.framework_lines.get(label, {})
            taught: set[str] = set()
            for slug in requirement.modules:
                course = tree.course(slug)
                if course is None:
                    yield Problem(
                        framework_path,
                        lines.get("modules", 1),
                        f"group {label} requires unknown module {slug!r}",
                    )
                    continue
                taught |= set(course.competences)
                if group.code not in course.target_groups:
                    yield Problem(
                        course.shown,
                        course.meta_lines.get("target_groups", 1),
                        f"group {group.code} requires this module; add it to target_groups",
                    )
            for code in requirement.competences:
                if code not in known:
                    yield Problem(
                        framework_path, lines.get("competences", 1), f"unknown competence code {code!r}"
                    )
                elif code not in taught:
                    yield Problem(
                        framework_path,
                        lines.get("competences", 1),
                        f"group {label} must reach {code}, but none of its modules teaches it",
                    )


def coverage(tree: ContentTree) -> list[tuple[str, TargetGroup, dict[str, list[str]]]]:
    """Per group (or band): competence code → the required modules that teach it."""
    report = []
    for group in tree.framework.groups if tree.framework else ():
        for label, requirement in group.requirements():
            teaching: dict[str, list[str]] = {}
            for slug in requirement.modules:
                course = tree.course(slug)
                for code in course.competences if course else ():
                    teaching.setdefault(code, []).append(slug)
            report.append((label, requirement, teaching))
    return report


def _shown_framework(tree: ContentTree) -> str:
    from mooc.content.sources import shown_path

    return shown_path(tree.root / "framework" / "framework.yaml")


def _codes(shown: str, lines: dict[str, int], codes: list[str], known) -> Iterator[Problem]:
    if not codes:
        yield Problem(shown, lines.get("competences", 1), "list at least one competence code")
    for code in codes:
        if known is not None and code not in known:
            yield Problem(shown, lines.get("competences", 1), f"unknown competence code {code!r}")


def _markdown_problems(
    path: Path, shown: str, body: str, first_line: int, top_level: int, check_headings: bool = True
) -> list[Problem]:
    """Images, links and headings, found in the source so the line is exact."""
    problems: list[Problem] = []
    in_fence = False
    previous_level = top_level - 1
    for offset, text in enumerate(body.splitlines()):
        line = first_line + offset
        if _FENCE.match(text):
            in_fence = not in_fence
        if in_fence:
            continue
        if check_headings and _SHALLOW_NESTED_ITEM.match(text):
            problems.append(
                Problem(shown, line, "indent a list inside a list by 4 spaces, or it shows as plain text")
            )
        heading = _HEADING.match(text)
        if heading and check_headings:
            level = len(heading.group(1))
            if level < top_level:
                problems.append(
                    Problem(
                        shown,
                        line,
                        f"body headings start at {'#' * top_level} "
                        "(the title is the page's only top heading)",
                    )
                )
            elif level > previous_level + 1:
                problems.append(
                    Problem(
                        shown, line, f"heading skips a level ({'#' * level} after {'#' * previous_level})"
                    )
                )
            previous_level = level
        for alt, src in _IMAGE.findall(text):
            if not alt.strip():
                problems.append(Problem(shown, line, f"image {src!r} has no alt text: say what it shows"))
            if is_relative(src):
                target = (path.parent / src).resolve()
                if not target.is_file():
                    problems.append(Problem(shown, line, f"image {src!r} not found"))
                elif target.suffix.lower() not in IMAGE_TYPES:
                    problems.append(Problem(shown, line, f"image {src!r}: use PNG, JPEG, GIF, WebP or SVG"))
            elif not src.startswith("https://"):
                problems.append(Problem(shown, line, f"image {src!r}: use a file beside the lesson"))
        for raw in _RAW_IMG.findall(text):
            if not re.search(r'\balt\s*=\s*"[^"]+"', raw):
                problems.append(Problem(shown, line, "an <img> without alt text"))
        for href in _LINK.findall(text):
            if is_relative(href):
                target = (path.parent / href.partition("#")[0]).resolve()
                if not target.is_file() or target.suffix != ".md":
                    problems.append(Problem(shown, line, f"link {href!r}: no such lesson file"))
                elif not (target.name == "course.md" or re.match(r"^\d", target.name)):
                    problems.append(Problem(shown, line, f"link {href!r}: not a lesson or course.md"))
    return problems
