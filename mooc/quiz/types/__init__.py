"""Every supported question type, imported explicitly: this list is the whole catalogue."""

from mooc.quiz.types import (  # noqa: F401
    multiple_choice,
    short_answer,
    single_choice,
    true_false,
)
