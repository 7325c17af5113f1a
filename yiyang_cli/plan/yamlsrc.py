"""Load YAML safely and remember where every value came from (file:line:column).

Only YAML's safe core is accepted: tags that construct Python objects are refused by
SafeLoader, and anchors/aliases are refused outright (rule files do not need them, and they
are how "billion laughs" bombs are built), as are files larger than MAX_BYTES. Documents nested
deeper than MAX_NESTING are refused before they are built (a rule file needs six levels), and so is
a number that is not finite (.nan, .inf, or too large for a float): no target, scale or fixture
value means one.
"""

from __future__ import annotations

import math
from pathlib import Path

MAX_BYTES = 1_000_000
MAX_NESTING = 20  # levels of mappings and lists: tests > data > table > row > field is six


class YamlProblem(Exception):
    def __init__(self, key: str, line: int = 0, column: int = 0, /, **args):
        super().__init__(key)
        self.key, self.line, self.column, self.args_ = key, line, column, args


class SourceMap:
    """Maps a path of keys/indices inside the document to (line, column), 1-based."""

    def __init__(self):
        self.marks: dict[tuple, tuple[int, int, str]] = {}
        self.keys: dict[tuple, tuple[int, int]] = {}  # where each mapping key itself is written

    def add(self, path: tuple, node) -> None:
        style = getattr(node, "style", None) or ""
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1, style)

    def locate(self, path: tuple) -> tuple[int, int]:
        """Line and column of the deepest known prefix of `path`."""
        for n in range(len(path), -1, -1):
            if path[:n] in self.marks:
                line, col, _ = self.marks[path[:n]]
                return line, col
        return 0, 0

    def value_column(self, path: tuple) -> int:
        """Column of the first character of a scalar's text (inside its quotes)."""
        line, col, style = self.marks.get(path, (0, 0, ""))
        return col + (1 if style in ("'", '"') else 0)


def load(path: Path) -> tuple[object, SourceMap]:
    import yaml

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblem("rule.unreadable", reason=exc.strerror or str(exc)) from None
    if size > MAX_BYTES:
        raise YamlProblem("rule.too_big", size=size, limit=MAX_BYTES)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise YamlProblem("rule.not_utf8") from None
    except OSError as exc:
        raise YamlProblem("rule.unreadable", reason=exc.strerror or str(exc)) from None
    try:
        # libyaml's safe loader when PyYAML was built with it (about ten times faster); same marks.
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlProblem("rule.yaml_syntax", line, col, problem=exc.problem or str(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("rule.yaml_syntax", problem=str(exc)) from None
    except RecursionError:  # PyYAML without libyaml composes recursively: ~500 levels overflow it
        line, col = _too_deep_at(text)
        raise YamlProblem("rule.too_deep", line, col, limit=MAX_NESTING) from None
    if node is None:
        raise YamlProblem("rule.empty")
    smap = SourceMap()
    loader = yaml.SafeLoader("")
    seen: set[int] = set()
    return _build(node, (), smap, loader, seen), smap


def _too_deep_at(text: str) -> tuple[int, int]:
    """Where the nesting first goes deeper than MAX_NESTING, found by the scanner (which does not
    recurse) once the composer has overflowed."""
    import yaml

    opening = (
        yaml.BlockMappingStartToken,
        yaml.BlockSequenceStartToken,
        yaml.FlowMappingStartToken,
        yaml.FlowSequenceStartToken,
    )
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            depth += isinstance(token, opening) - isinstance(token, closing)
            if depth > MAX_NESTING:
                return token.start_mark.line + 1, token.start_mark.column + 1
    except yaml.YAMLError:
        pass
    return 0, 0


def _build(node, path, smap, loader, seen):
    import yaml

    if id(node) in seen:
        raise YamlProblem("rule.alias", node.start_mark.line + 1, node.start_mark.column + 1)
    if len(path) > MAX_NESTING:  # checked on the way down, so the recursion stays this shallow
        raise YamlProblem("rule.too_deep", node.start_mark.line + 1, node.start_mark.column + 1, limit=MAX_NESTING)
    seen.add(id(node))
    smap.add(path, node)
    # Collections are built here, not by the constructor, so refuse their tags here too
    # (!!python/object/apply:… on a list, !!set, !!omap, …).
    plain = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}
    if type(node) in plain and node.tag != plain[type(node)]:
        raise YamlProblem("rule.yaml_tag", node.start_mark.line + 1, node.start_mark.column + 1, tag=node.tag)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("rule.bad_key", key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("rule.alias", key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            key = _scalar(key_node, loader)
            smap.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                raise YamlProblem(
                    "rule.duplicate_key", key_node.start_mark.line + 1, key_node.start_mark.column + 1, key=key
                )
            out[key] = _build(value_node, path + (key,), smap, loader, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), smap, loader, seen) for i, item in enumerate(node.value)]
    return _scalar(node, loader)


def _scalar(node, loader):
    import yaml

    try:
        value = loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or node.start_mark
        raise YamlProblem("rule.yaml_tag", mark.line + 1, mark.column + 1, tag=node.tag) from None
    except (ValueError, OverflowError):
        # Looks like a date or number but is not one (2025-13-45): keep the text, so the schema
        # reports it with its location instead of a crash.
        return node.value
    if not _finite(value):
        mark = node.start_mark
        raise YamlProblem("rule.not_finite", mark.line + 1, mark.column + 1, text=node.value[:40])
    return value


def _finite(value: object) -> bool:
    """False for .nan, .inf and an integer too large to be a float: a count, amount or ratio never is."""
    if isinstance(value, bool):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, int):
        try:
            float(value)
        except OverflowError:
            return False
    return True
