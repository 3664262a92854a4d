"""A new question's id, made from its prompt so a teacher need not invent one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from lectern.core.images import without_images

MAX_WORDS = 6
MAX_LENGTH = 60  # leaves room for "-2" and the like under the 80 a question id may have


def id_from_prompt(prompt: str, taken: Container[str]) -> str:
    """A short slug of the prompt's first words, unique among `taken` ("who-signed-it", then "who-signed-it-2")."""
    # Accents folded to plain letters; Markdown and punctuation fall away with the other non-letters.
    # A picture counts as its alt text: its media: address is no word of the question.
    folded = unicodedata.normalize("NFKD", without_images(prompt)).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)[:MAX_WORDS]
    base = ""
    for word in words:
        longer = f"{base}-{word}" if base else word
        if len(longer) > MAX_LENGTH:
            break
        base = longer
    base = base or (words[0][:MAX_LENGTH] if words else "question")
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key
