"""Read Moodle XML question files (question/format/xml) into Lectern questions.

The file is parsed with defusedxml: a document that declares entities (the
"billion laughs" bomb, or an entity pointing at file:///etc/passwd) is refused
before anything is expanded or fetched. Element names and defaults follow
Moodle's qformat_xml importer; <question type="category"> switches the category,
kept as a tag "category:A/B". Lectern's own fields come back from the <lectern>
element that moodle_xml_write adds (Moodle ignores elements it does not know), and
an essay's rubric from the marked table in its <graderinfo> (rubric_html).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from lectern.core.images import DEFAULT_MAX_IMAGE_BYTES, ImageFiles
from lectern.core.interchange import metadata, moodle_cloze
from lectern.core.interchange.html_text import (
    HTML,
    MARKDOWN,
    format_from_xml,
    html_to_plain,
    to_markdown,
    to_plain,
)
from lectern.core.interchange.moodle_xml_images import (
    attach_images,
    picture_of_moodle_19,
    pictures_in_markdown,
)
from lectern.core.interchange.result import Collector, ImportResult, category_path, slugify
from lectern.core.interchange.rubric_html import take_rubric
from lectern.core.interchange.rules import (
    Refused,
    Unsupported,
    catch_all_note,
    check_weight,
    choice_data,
    decimal,
    fill_model_answer,
    matching_data,
    ordering_notes,
)
from lectern.core.interchange.upload import UnreadableUpload, decode_upload

ENTITIES_REFUSED = "the file uses XML entities, which Lectern refuses for safety; export it again from Moodle"
_NOT_SUPPORTED = {"description": "description: no question to answer"}


# Moodle's feedback for a whole response, which Lectern has no place for; the texts Moodle fills in
# by itself are no loss and are not mentioned.
_COMBINED_FEEDBACK = {"correctfeedback": "a right response", "partiallycorrectfeedback": "a partly right response",
                      "incorrectfeedback": "a wrong response"}
_MOODLE_DEFAULT_FEEDBACK = {"Your answer is correct.", "Your answer is partially correct.",
                            "Your answer is incorrect."}


class Node:
    """An XML element: tag, attributes, children, its own text, and the line it starts on."""

    __slots__ = ("attrib", "children", "images", "line", "parts", "tag")

    def __init__(self, tag: str, attrib: dict[str, str], line: int | None) -> None:
        self.tag, self.attrib, self.line = tag, attrib, line
        self.children: list[Node] = []
        self.parts: list[str] = []
        self.images: ImageFiles | None = None  # the pictures its text may show (moodle_xml_images)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def child(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]

    def value(self, *path: str, default: str = "") -> str:
        """The trimmed text at a path of child tags (Moodle trims every value it reads)."""
        node: Node | None = self
        for tag in path:
            node = node.child(tag) if node else None
        return node.text.strip() if node else default


class _Builder:
    """An ElementTree parser target building Nodes that remember their line."""

    def __init__(self) -> None:
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.parser: Any = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        expat = getattr(self.parser, "parser", None)
        node = Node(tag, dict(attrib), getattr(expat, "CurrentLineNumber", None))
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def end(self, tag: str) -> None:
        self.stack.pop()

    def data(self, text: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(text)

    def close(self) -> Node | None:
        return self.root


def parse_xml(text: str) -> Node | None:
    """The document's root Node; DefusedXmlException for entities, ParseError for bad XML."""
    builder = _Builder()
    parser = DefusedXMLParser(target=builder)
    builder.parser = parser
    parser.feed(text)
    return parser.close()


def parse_moodle_xml(data: bytes | str, *, taken_ids: Collection[str] = (),
                     max_image_bytes: int = DEFAULT_MAX_IMAGE_BYTES) -> ImportResult:
    """Every question in a Moodle XML file, with the pictures they show; see ImportResult."""
    collector = Collector(taken_ids)
    try:
        root = parse_xml(decode_upload(data) if isinstance(data, bytes) else data)
    except UnreadableUpload as e:
        collector.problem(None, None, str(e))
        return collector.result()
    except DefusedXmlException:
        collector.problem(None, None, ENTITIES_REFUSED)
        return collector.result()
    except ParseError as e:
        line = e.position[0] if getattr(e, "position", None) else None
        collector.problem(line, None, f"this is not well-formed XML ({str(e).split(':')[0]})")
        return collector.result()
    if root is None or root.tag != "quiz":
        collector.problem(root.line if root else None, None,
                          f"a Moodle XML file starts with <quiz>, not <{root.tag if root else ''}>")
        return collector.result()
    category = None
    for node in root.all("question"):
        kind = node.attrib.get("type", "")
        if kind == "category":
            category = category_path(node.value("category", "text") or node.value("category"))
            continue
        attach_images(node, ImageFiles(max_bytes=max_image_bytes, used=collector.images))
        _question(node, kind, category, collector)
    return collector.result()


def _question(node: Node, kind: str, category: str | None, collector: Collector) -> None:
    name = node.value("name", "text")
    title = html_to_plain(name) if name else None
    if kind in _NOT_SUPPORTED or kind not in _READERS:
        collector.skip(node.line, title, _NOT_SUPPORTED.get(kind, f"Moodle's {kind!r} questions are not supported"))
        return
    notes: list[str] = []
    fmt = format_from_xml(_attr(node.child("questiontext"), "format", "html"))
    try:
        data = _READERS[kind](node, fmt, notes)
        if "prompt" not in data:  # a cloze reader has made its prompt around its gaps
            data["prompt"] = _formatted(node.child("questiontext"), HTML, notes)
        old_image = picture_of_moodle_19(node, notes)
        if old_image:
            data["prompt"] = f"{data['prompt']}\n\n{old_image}".strip()
        explanation = _formatted(node.child("generalfeedback"), fmt, notes)
        if explanation:
            data.setdefault("explanation", explanation)
    except Refused as e:
        collector.problem(node.line, title, str(e))
        return
    except Unsupported as e:
        collector.skip(node.line, title, str(e))
        return
    _common(node, data, notes)
    lectern = node.value("lectern")
    try:
        errors = metadata.apply(data, metadata.decode(lectern)) if lectern else []
    except ValueError as e:
        errors = [str(e)]
    if errors:
        collector.problem(node.line, title, "; ".join(errors))
        return
    fill_model_answer(data, notes)
    idnumber = node.value("idnumber")
    collector.add(data, line=node.line, title=title, category=category, notes=notes,
                  wanted_id=slugify(idnumber) if idnumber else None)


def _common(node: Node, data: dict[str, Any], notes: list[str]) -> None:
    tags = [t.value("text") for t in (node.child("tags").all("tag") if node.child("tags") else [])]
    if any(tags):
        data["tags"] = [t for t in dict.fromkeys(tags) if t]
    grade = node.value("defaultgrade")
    try:
        points = float(grade) if grade else data.get("points", 1.0)  # a cloze's: the sum of its gaps' weights
    except ValueError:
        points = 1.0
    if 0 < points <= 100:
        data["points"] = points
    elif grade:
        notes.append(f"the mark {grade} is outside 0–100; the question is worth 1 point")
    if node.all("hint"):
        notes.append("hints for further tries are not imported")
    for tag, what in _COMBINED_FEEDBACK.items():
        text = html_to_plain(node.value(tag, "text"))
        if text and text not in _MOODLE_DEFAULT_FEEDBACK:
            notes.append(f"the feedback for {what} ({text!r}) is not imported: Lectern shows each answer's "
                         "own feedback; add it to the answers' feedback or the explanation")


def _attr(node: Node | None, name: str, default: str) -> str:
    return node.attrib.get(name, default) if node is not None else default


def _formatted(node: Node | None, default: str, notes: list[str], text: str | None = None) -> str:
    """Lectern text for a <… format="…"><text>…</text></…> element (or for text in its format)."""
    if node is None:
        return ""
    fmt = format_from_xml(node.attrib.get("format", _name(default)))
    text = node.value("text") if text is None else text
    if fmt == MARKDOWN:  # Lectern's own export: pictures as ![alt](@@PLUGINFILE@@/<sha256>.png)
        text = pictures_in_markdown(text, node.images, notes)
    return to_markdown(text, fmt, notes, node.images)


def _plain(node: Node, default: str) -> str:
    """Plain text for what Lectern shows as plain text (matching and ordering items), from any format."""
    return to_plain(node.value("text"), format_from_xml(node.attrib.get("format", _name(default))))


def _name(fmt: str) -> str:
    return {"moodle": "moodle_auto_format", "plain": "plain_text"}.get(fmt, fmt)


def _fraction(node: Node) -> float:
    raw = node.attrib.get("fraction", "0") or "0"
    try:
        return float(raw)
    except ValueError:
        raise Refused(f"the grade {raw!r} is not a number") from None


def _feedback(answer: Node, fmt: str, notes: list[str]) -> str | None:
    return _formatted(answer.child("feedback"), fmt, notes) or None


def _multichoice(node: Node, fmt: str, notes: list[str]) -> dict[str, Any]:
    single = node.value("single", default="true") not in ("false", "0", "")
    options = [{"text": _formatted(a, fmt, notes), "weight": _fraction(a), "feedback": _feedback(a, fmt, notes)}
               for a in node.all("answer")]
    return choice_data(options, single, notes)


def _truefalse(node: Node, fmt: str, notes: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "true_false"}
    for n, answer in enumerate(node.all("answer")):
        word = answer.value("text")
        if word not in ("true", "false"):
            word = "true" if n == 0 else "false"  # old files: true first, then false (as Moodle assumes)
        right = _fraction(answer) == 100
        data["answer"] = right if word == "true" else not right
        data[f"feedback_{word}"] = _feedback(answer, fmt, notes)
    if "answer" not in data:
        raise Refused("a true/false question needs its answers 'true' and 'false'")
    return data


def _shortanswer(node: Node, fmt: str, notes: list[str]) -> dict[str, Any]:
    answers = []
    for answer in node.all("answer"):
        text, credit = answer.value("text"), check_weight(_fraction(answer), answer.value("text"))
        if credit < 0:
            notes.append(f"the negative grade of {text!r} became 0: short answers earn no less than nothing")
        answers.append({"text": text, "credit": max(credit, 0.0), "feedback": _feedback(answer, fmt, notes)})
    data: dict[str, Any] = {"type": "short_answer", "answers": answers}
    if node.value("usecase") == "1":  # Moodle compares the case of letters, and so will Lectern
        data["case_sensitive"] = True
    return data


def _numerical(node: Node, fmt: str, notes: list[str]) -> dict[str, Any]:
    answers = []
    for answer in node.all("answer"):
        text, credit, feedback = answer.value("text") or "*", _fraction(answer), _feedback(answer, fmt, notes)
        if text == "*":
            if credit > 0:
                raise Unsupported("the answer '*' gives credit for any number, which Lectern cannot express")
            catch_all_note(feedback, notes)
            continue
        value, tolerance = decimal(text), abs(decimal(answer.value("tolerance") or "0"))
        answers.append({"value": value, "tolerance": tolerance, "credit": max(check_weight(credit, text), 0.0),
                        "feedback": feedback})
    data: dict[str, Any] = {"type": "numeric", "answers": answers}
    units = node.child("units").all("unit") if node.child("units") else []
    base = [u.value("unit_name") for u in units if _is_one(u.value("multiplier", default="1"))]
    if base and base[0]:
        data["unit"] = base[0]
    if len(units) > len(base[:1]):
        notes.append("units other than the main one (with their multipliers) are not imported")
    return data


def _is_one(text: str) -> bool:
    try:
        return float(text) == 1
    except ValueError:
        return False


def _matching(node: Node, fmt: str, notes: list[str]) -> dict[str, Any]:
    pairs, distractors = [], []
    for sub in node.all("subquestion"):
        item = _plain(sub, fmt)
        match = sub.value("answer", "text")
        if item:
            pairs.append({"item": item, "match": match})
        elif match:
            distractors.append(match)
    return matching_data(pairs, distractors)


def _ordering(node: Node, fmt: str, notes: list[str]) -> dict[str, Any]:
    answers = sorted(enumerate(node.all("answer")), key=lambda pair: (_fraction(pair[1]), pair[0]))
    items = [_plain(a, fmt) for _, a in answers]
    count = node.value("selectcount") or node.value("studentsee")
    ordering_notes(len(items), int(count) if count.isdigit() else None,
                   (node.value("selecttype") or node.value("logical") or "RANDOM").upper(),
                   (node.value("gradingtype") or "RELATIVE_NEXT_EXCLUDE_LAST").upper(), notes)
    return {"type": "ordering", "items": [i for i in items if i]}


def _essay(node: Node, fmt: str, notes: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "essay"}
    info = node.child("graderinfo")
    text = info.value("text") if info is not None else ""
    try:
        text, rubric = take_rubric(text)
    except ValueError as e:  # the grader still reads the table, as text of the model answer
        notes.append(f"the rubric in the grader information was kept as text: {e}")
        rubric = None
    if rubric:
        data["rubric"] = rubric
    model = _formatted(info, fmt, notes, text)
    if model:
        data["model_answer"] = model
    return data


_READERS: dict[str, Callable[[Node, str, list[str]], dict[str, Any]]] = {
    "multichoice": _multichoice, "truefalse": _truefalse, "shortanswer": _shortanswer,
    "numerical": _numerical, "matching": _matching, "match": _matching, "ordering": _ordering,
    "essay": _essay, **dict.fromkeys(moodle_cloze.XML_TYPES, moodle_cloze.read_cloze),
}
