"""WTForms fields for answering questions that refuse values the form never offered.

An unticked question is simply unanswered; a value outside the offered choices
can only come from a tampered request, so it raises TamperedResponse, which the
web layer turns into a 400 before anything is written.
"""

from __future__ import annotations

from typing import Any

from wtforms import RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from lectern.core.questions.base import TamperedResponse


def _offered(field) -> set[str]:
    return {str(choice.value) for choice in field.choices}


class _PairChoices:
    """Takes choices as (value, label) pairs, as the type modules write them."""

    def __new__(cls, *args: Any, choices: Any = None, **kwargs: Any) -> Any:
        # Unbound (declared in a form class): the pairs become SelectChoices once, here, rather
        # than each time a student's form is made from the class.
        if "_form" not in kwargs and choices is not None:
            choices = _select_choices(choices)
        return super().__new__(cls, *args, choices=choices, **kwargs)

    def __init__(self, *args: Any, choices: list[tuple[str, str]] | list[SelectChoice], **kwargs: Any) -> None:
        super().__init__(*args, choices=_select_choices(choices), **kwargs)


def _select_choices(choices: list[tuple[str, str]] | list[SelectChoice]) -> list[SelectChoice]:
    if choices and isinstance(choices[0], SelectChoice):
        return choices
    return [SelectChoice(value, label) for value, label in choices]


class ChoiceRadioField(_PairChoices, RadioField):
    """One choice from a list; leaving it empty is allowed."""

    def pre_validate(self, form) -> None:
        if self.data not in (None, "") and str(self.data) not in _offered(self):
            raise TamperedResponse(f"{self.name}: {self.data!r} is not one of the options")


class ChoiceCheckboxField(_PairChoices, SelectMultipleField):
    """Any number of choices, shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form) -> None:
        stray = set(map(str, self.data or [])) - _offered(self)
        if stray:
            raise TamperedResponse(f"{self.name}: {sorted(stray)!r} are not options")


class ChoiceSelectField(_PairChoices, SelectField):
    """A drop-down whose first entry, the empty string, means 'not answered'."""

    def pre_validate(self, form) -> None:
        if self.data not in (None, "") and str(self.data) not in _offered(self):
            raise TamperedResponse(f"{self.name}: {self.data!r} is not one of the options")
