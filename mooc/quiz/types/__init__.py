"""Every supported question type, imported explicitly: this list is the whole catalogue."""

from mooc.quiz.types import (  # noqa: F401
    matching,
    missing_word,
    multiple_choice,
    numerical,
    ordering,
    short_answer,
    single_choice,
    true_false,
)
