"""YAML loading that remembers the line of every mapping key and list item.

Bank errors must name the line to fix; PyYAML's safe loader knows each node's
position while composing, so mappings and lists are built as subclasses that keep it.
"""

from __future__ import annotations

from typing import Any

import yaml


class LineDict(dict):
    """A mapping from YAML that knows its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list):
    """A list from YAML that knows its own line and each item's line (1-based)."""

    line: int = 0
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.MarkedYAMLError(
                problem=f"the key {key!r} appears twice in the same block",
                problem_mark=key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
# Dates stay strings: a bank's "date: 2025-01-31" is shown, not computed with.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> Any:
    """Parse YAML safely into LineDict/LineList values (yaml.YAMLError on bad syntax)."""
    # Safe: _Loader is a yaml.SafeLoader that only adds constructors for plain mappings and lists,
    # so no tag can build an arbitrary object (bandit recognises SafeLoader only by name).
    return yaml.load(text, Loader=_Loader)  # nosec B506


def line_of(data: Any, path: tuple[Any, ...], default: int) -> int:
    """The line of the deepest part of data that path reaches."""
    line = getattr(data, "line", default) or default
    for step in path:
        if isinstance(data, LineDict) and step in data:
            line, data = data.key_lines.get(step, line), data[step]
        elif isinstance(data, LineList) and isinstance(step, int) and 0 <= step < len(data):
            line, data = data.item_lines[step], data[step]
        else:
            break
    return line
