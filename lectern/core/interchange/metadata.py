"""Lectern's own fields, carried through GIFT and Moodle XML as one line of JSON.

GIFT has no place for a question's skill, difficulty, evidence, points, tags or accepted warnings, and
Moodle XML none for the first three. Lectern writes them as JSON (in a
`// lectern: {…}` comment in GIFT, a <lectern> element in Moodle XML) so that a
Lectern → file → Lectern round trip loses nothing; Moodle and other tools ignore
it. The same line carries the few type fields a format cannot hold exactly, named
per type below.
"""

from __future__ import annotations

import json
from typing import Any

from lectern.core.questions import QuestionDefinition

GIFT_PREFIX = "lectern:"
COMMON_KEYS = ("skill", "difficulty", "points", "evidence", "tags", "accept_warnings")
# Type fields a format may need to carry here; the writer decides which it needs.
EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    "single_choice": ("option_ids",),
    "multiple_response": ("option_ids",),
    "short_answer": ("answers", "case_sensitive"),
    "numeric": ("unit",),
    "essay": ("model_answer", "rubric"),
    "ordering": ("items", "explanation"),
    "matching": ("pairs", "distractors"),
}


def common_metadata(question: QuestionDefinition) -> dict[str, Any]:
    """The question's Lectern-only fields that differ from their defaults."""
    data = question.to_data()
    return {key: data[key] for key in COMMON_KEYS if key in data}


def option_ids_if_custom(question: QuestionDefinition) -> list[str] | None:
    """The option ids when they are not the a, b, c… an import would give (None otherwise)."""
    ids = [o.id for o in getattr(question, "options", [])]
    default = [chr(ord("a") + i) if i < 26 else f"o{i + 1}" for i in range(len(ids))]
    return ids if ids != default else None


def encode(meta: dict[str, Any]) -> str:
    """Metadata as one line of JSON (JSON escapes every line break inside strings)."""
    return json.dumps(meta, ensure_ascii=False, separators=(", ", ": "))


def decode(text: str) -> dict[str, Any]:
    """Metadata from its JSON text (ValueError with a readable message if it is not)."""
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"the Lectern metadata is not valid JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(meta, dict):  # valid JSON of the wrong shape is still a bad value, for the reader
        raise ValueError("the Lectern metadata must be a JSON object {…}")  # noqa: TRY004
    return meta


def apply(data: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    """Merge metadata into a question's data; what is wrong with it, as messages.

    Only keys this format may carry for this type are accepted, so a hand-edited
    line cannot smuggle in anything else.
    """
    allowed = set(COMMON_KEYS) | set(EXTRA_KEYS.get(str(data.get("type")), ()))
    unknown = sorted(set(meta) - allowed)
    if unknown:
        return [f"the Lectern metadata has keys {unknown} that a {data.get('type')} question does not take"]
    for key, value in meta.items():
        if key == "option_ids":
            options = data.get("options") or []
            if not isinstance(value, list) or len(value) != len(options):
                listed = len(value) if isinstance(value, list) else "no"
                return [f"the Lectern metadata lists {listed} option ids for {len(options)} options"]
            data["options"] = [{**o, "id": i} for o, i in zip(options, value)]
        elif key == "tags":
            data["tags"] = list(dict.fromkeys([*(value if isinstance(value, list) else [value]),
                                               *(data.get("tags") or [])]))
        else:
            data[key] = value
    return []
