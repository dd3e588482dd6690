"""Read a flow file into YAML nodes that keep their line marks, safely.

Nothing from the file is ever constructed or executed: only nodes are made, every tag outside plain YAML data is
refused, and files that are too big, too deep, or whose aliases would expand into something huge are refused.

Two ways to the same nodes (issue 8, B4):

- libyaml composes the document in C (`_composed`), and one walk over the nodes then makes every check the builder
  makes. Composing in C makes no node per alias (an alias is the same node again) and stops at libyaml's own nesting
  limit (1,000), so an alias bomb costs no more than its text; it is used only for files up to FAST_CHARS, whose
  nodes cannot take much memory whatever they hold.
- the builder (`_Builder`) makes nodes from the parser's events itself (iteratively, so 10,000-deep nesting cannot
  blow the stack), checking as it goes, and stops at the first problem. It reads bigger files, files composed in C
  that failed a check or did not compose, and every file when PyYAML was built without libyaml: every message about
  a file's YAML (where, and in what words) comes from it, so both ways refuse the same files in the same words.
"""

from __future__ import annotations

import codecs
from itertools import chain

from ..errors import FlowFileError, Problem
from .source import Span
from .yamllib import yaml  # PyYAML, imported there first: cheaper (B3)

# isort: split
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's parser is many times faster on big files; PyYAML's pure-Python one is the fallback
    from yaml import CSafeLoader as _Loader
    from yaml._yaml import CParser as _CParser  # libyaml's parser and composer, without any constructor
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the same interface, in Python

    _CParser = None  # type: ignore[misc]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000  # after alias expansion
# Files up to this many characters are composed in C before they are checked. A character makes at most one node
# (`{a,a,…}`: a key and its empty value per two), so these hold at most ~65,000 nodes (under 30 MB) whatever they
# are; bigger files go through the builder, which stops at MAX_NODES. Flow files are a few kilobytes.
FAST_CHARS = 64 * 1024

STR, INT, FLOAT, BOOL, NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
MERGE = "tag:yaml.org,2002:merge"
# What YAML 1.1 reads into plain scalars by itself: a date or `=` is text to us (we keep the text as written).
IMPLICIT_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"}
DATA_TAGS = {STR, INT, FLOAT, BOOL, NULL, MAP, SEQ}

# PyYAML's implicit tags of plain scalars (YAML 1.1: bool, int, float, null…) by first character, as its Resolver
# looks them up, with the ones we read as text already turned into text.
_IMPLICIT: dict[str | None, list] = {
    first: [(STR if tag in IMPLICIT_TEXT else tag, pattern) for tag, pattern in found]
    for first, found in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_ANY_FIRST = _IMPLICIT.pop(None, [])
_IMPLICIT = {first: found + _ANY_FIRST for first, found in _IMPLICIT.items()}


def _scalar_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of a scalar written without one: what PyYAML's Resolver says, a date or `=` being text."""
    if implicit[0]:  # plain (unquoted)
        for tag, pattern in _IMPLICIT.get(value[:1], _ANY_FIRST):
            if pattern.match(value):
                return tag
    return STR

UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class Source:
    """A flow file's path and text, kept for caret excerpts."""

    __slots__ = ("path", "text")

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def __repr__(self) -> str:
        return f"Source(path={self.path!r}, text={self.text!r})"

    def problem(self, line: int, column: int, message: str, hint: str | None = None) -> Problem:
        return Problem(Span(self.path, line, column), message, hint, self.text)

    def fail(self, line: int, column: int, message: str, hint: str | None = None) -> FlowFileError:
        return FlowFileError([self.problem(line, column, message, hint)])


def decode(path: str, data: bytes) -> Source:
    """Bytes → text, refusing what is not UTF-8 with the line and column of the first bad byte."""
    empty = Source(path, "")
    if len(data) > MAX_BYTES:
        raise empty.fail(1, 1, f"the file is {len(data):,} bytes; a flow file may be at most {MAX_BYTES:,}")
    for bom, name in UTF16_32_BOMS:
        if data.startswith(bom):
            raise empty.fail(1, 1, f"the file is encoded as {name}", "save it as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        shown = Source(path, data.decode("utf-8", errors="replace"))
        raise shown.fail(
            line, column, f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", "save it as UTF-8"
        ) from None
    return Source(path, text)


def compose(source: Source) -> Node | None:
    """The single YAML document of `source` as nodes, or None when the file holds no document."""
    if _CParser is not None and len(source.text) <= FAST_CHARS:
        root = _composed(source.text)
        if root is not _AGAIN:
            return root
    return _built(source)


_AGAIN = object()  # what _composed returns for a file to read again with the builder, which says what is wrong


def _composed(text: str):
    """The document composed by libyaml in C and checked after, or _AGAIN when it does not compose or a check fails."""
    composer = _Composer(text)
    try:
        root = composer.get_single_node()  # a second document is an error here too
    except yaml.YAMLError:
        return _AGAIN
    finally:
        composer.dispose()
    if root is None:
        return None
    return root if _checked(root) else _AGAIN


_TAGS: dict[str, str] = {}  # a plain scalar's text → its tag: flow files say `click`, `say`, `true` again and again
_TAGS_KEPT = 4096

if _CParser is not None:

    class _Composer(_CParser):
        """libyaml's parser and composer, with each tag resolved as the builder resolves it. It has no constructor:
        nothing but nodes can come out of it."""

        def resolve(self, kind, value, implicit):
            if kind is ScalarNode:  # libyaml asks it of every scalar: plain ones are looked up once
                if implicit[0]:
                    tag = _TAGS.get(value)
                    if tag is None:
                        if len(_TAGS) >= _TAGS_KEPT:
                            _TAGS.clear()
                        tag = _TAGS[value] = _scalar_tag(value, implicit)
                    return tag
                return STR
            return MAP if kind is MappingNode else SEQ

        def descend_resolver(self, current_node, current_index):
            pass  # no path resolvers

        def ascend_resolver(self):
            pass


def _checked(root: Node) -> bool:
    """Whether composed nodes pass every check the builder makes on its way: no collection opened inside MAX_DEPTH
    others, no tag outside plain data, at most MAX_NODES values with each alias counted as what it stands for (the
    builder's running count ends at the root's expanded size, and no size is bigger). Plain scalars get the style the
    builder gives them (None; libyaml's composer says "")."""
    if type(root) is ScalarNode:
        return _scalar_checked(root)
    return _size(root, 0, {}) <= MAX_NODES


_TOO_BIG = MAX_NODES + 1  # the size of whatever fails a check: every collection around it is too big then too


def _size(node: Node, depth: int, sizes: dict[int, int]) -> int:
    """A collection's size once aliases are expanded, or more than MAX_NODES when a check fails inside it. `sizes`
    holds the collections seen, by id: an alias is the same node again, counted without reading it again (an alias
    bomb costs what its text costs), and 0 while its children are read. Children are read in the file's order, so an
    alias comes after the node it names: sized, or still 0 when the alias is inside it (it would repeat forever).
    Recursive: depth stops at MAX_DEPTH."""
    known = sizes.get(id(node))
    if known is not None:
        return known or _TOO_BIG
    if depth >= MAX_DEPTH or node.tag not in DATA_TAGS:
        return _TOO_BIG
    sizes[id(node)] = 0
    size = 1
    for child in node.value if type(node) is SequenceNode else chain.from_iterable(node.value):
        if type(child) is ScalarNode:  # a scalar alias counts 1, as the scalar does: no need to know it again
            if child.tag not in DATA_TAGS:
                return _TOO_BIG
            if child.style == "":
                child.style = None
            size += 1
        else:
            size += _size(child, depth + 1, sizes)
            if size > MAX_NODES:
                return size
    sizes[id(node)] = size
    return size


def _scalar_checked(node: ScalarNode) -> bool:
    if node.style == "":
        node.style = None
    return node.tag in DATA_TAGS


def _built(source: Source) -> Node | None:
    """The document built from the parser's events by _Builder, which stops at the first problem and says where."""
    builder = _Builder(source)
    try:
        for event in yaml.parse(source.text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        raise _unclosed(source, exc, builder) or _translate(source, exc) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position but no mark
        raise _translate_reader(source, exc) from None
    return builder.root


class _Builder:
    """Turns parser events into nodes, checking depth, tags and alias expansion as it goes."""

    def __init__(self, source: Source):
        self.source = source
        self.stack: list[tuple[Node, list]] = []  # open collections and their children so far
        self.anchors: dict[str, Node] = {}
        self.weights: dict[int, int] = {}  # id(node) -> nodes after expanding aliases
        self.total = 0
        self.documents = 0
        self.root: Node | None = None

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._fail(event, "a flow file holds one YAML document; this is a second one (after ---)")
        elif isinstance(event, yaml.AliasEvent):
            node = self.anchors.get(event.anchor)
            if node is None:  # pragma: no cover - the parser reports unknown aliases itself
                raise self._fail(event, f"unknown alias *{event.anchor}")
            if id(node) not in self.weights:  # the collection it names is still open: the alias is inside it
                raise self._fail(
                    event,
                    f"*{event.anchor} stands for a list or mapping it is inside of, so it would repeat forever",
                    "write the values out in full",
                )
            self._add(node, self.weights[id(node)], event)
        elif isinstance(event, yaml.ScalarEvent):
            self._add(self._scalar(event), 1, event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._close(event)

    def _scalar(self, event: yaml.ScalarEvent) -> ScalarNode:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _scalar_tag(event.value, event.implicit)
            if tag == MERGE:
                raise self._fail(event, "YAML merge keys (<<) are not supported here", "write the keys out in full")
        self._check_tag(tag, event)
        start, end = event.start_mark, event.end_mark  # libyaml's C marks have the fields of yaml.Mark that we read
        node = ScalarNode(tag, event.value, start, end, event.style or None)  # type: ignore[arg-type]  # libyaml: ''
        self._anchor(event, node)
        return node

    def _open(self, event) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise self._fail(event, f"the file nests deeper than {MAX_DEPTH} levels; no flow needs that")
        is_map = isinstance(event, yaml.MappingStartEvent)
        tag = event.tag if event.tag not in (None, "!") else (MAP if is_map else SEQ)
        self._check_tag(tag, event)
        cls = MappingNode if is_map else SequenceNode
        node = cls(tag, [], event.start_mark, None, flow_style=event.flow_style)
        self._anchor(event, node)
        self.stack.append((node, []))

    def _close(self, event) -> None:
        node, children = self.stack.pop()
        node.end_mark = event.end_mark
        if isinstance(node, MappingNode):
            node.value = list(zip(children[0::2], children[1::2], strict=False))
        else:
            node.value = children
        weight = 1 + sum(self.weights[id(child)] for child in children)
        self._add(node, weight, event, counted=False)

    def _add(self, node: Node, weight: int, event, counted: bool = True) -> None:
        self.weights[id(node)] = weight
        self.total += weight if counted else 1
        if self.total > MAX_NODES or weight > MAX_NODES:
            raise self._fail(event, f"the file expands to more than {MAX_NODES:,} values (aliases?); no flow needs that")
        if self.stack:
            self.stack[-1][1].append(node)
        else:
            self.root = node

    def _anchor(self, event, node: Node) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = node

    def _check_tag(self, tag: str, event) -> None:
        if tag not in DATA_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise self._fail(event, f"YAML tags are not allowed here ({shown})", "flows hold plain text, lists and mappings")

    def _fail(self, event, message: str, hint: str | None = None) -> FlowFileError:
        mark = event.start_mark
        return self.source.fail(mark.line + 1, mark.column + 1, message, hint)


def _translate(source: Source, exc: yaml.MarkedYAMLError) -> FlowFileError:
    """PyYAML's parser errors, said the way a person editing the file needs to hear them."""
    mark = exc.problem_mark or exc.context_mark
    line, column = mark.line + 1, mark.column + 1
    problem = exc.problem or "invalid YAML"
    char = _char_at(source.text, line, column)
    if char == "\t":
        return source.fail(line, column, "a tab character is used for indentation", "indent with spaces")
    if "maximum nesting depth" in problem:
        return source.fail(line, column, f"the file nests deeper than {MAX_DEPTH} levels; no flow needs that")
    hint = None
    if "mapping values are not allowed" in problem:
        hint = 'a value holding ": " needs quotes, e.g. say: "Note: this"'
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "check the indentation of this line against the lines above"
    message = problem if not exc.context else f"{problem} ({exc.context})"
    return source.fail(line, column, f"invalid YAML: {message}", hint)


CLOSERS = {"[": "]", "{": "}"}


def _unclosed(source: Source, exc: yaml.MarkedYAMLError, builder: _Builder) -> FlowFileError | None:
    """A quote or bracket that is never closed, said at the character that opens it: the parser gives up where it
    runs out of file (a line past the end, with nothing to show) or at the next line (issue 12)."""
    context, problem = exc.context or "", exc.problem or ""
    if context == "while scanning a quoted scalar" and "end of stream" in problem:
        mark = exc.context_mark
        quote = _char_at(source.text, mark.line + 1, mark.column + 1)
        return source.fail(
            mark.line + 1,
            mark.column + 1,
            f"this quote ({quote}) is never closed",
            f"end the text with {quote}, or write it without quotes",
        )
    if context in ("while parsing a flow sequence", "while parsing a flow mapping") and "did not find expected ','" in problem:
        mark = exc.context_mark
    elif exc.problem_mark is not None and exc.problem_mark.line >= len(source.text.splitlines()):
        mark = next((node.start_mark for node, _ in reversed(builder.stack) if node.flow_style), None)
    else:
        return None
    if mark is None:
        return None
    bracket = _char_at(source.text, mark.line + 1, mark.column + 1)
    if bracket not in CLOSERS:
        return None
    return source.fail(
        mark.line + 1,
        mark.column + 1,
        f'this "{bracket}" is not closed: a "{CLOSERS[bracket]}" (or a ",") is missing',
        f'close it with "{CLOSERS[bracket]}"',
    )


def _translate_reader(source: Source, exc: yaml.YAMLError) -> FlowFileError:
    position = getattr(exc, "position", 0) or 0
    before = source.text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    character = getattr(exc, "character", None)
    shown = f"U+{ord(character):04X}" if isinstance(character, str) else "a control character"
    return source.fail(line, column, f"the file contains {shown}, which YAML does not allow", "remove it")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def span_of(source: Source, node: Node) -> Span:
    mark = node.start_mark
    end = node.end_mark.line + 1 if node.end_mark is not None else None
    return Span(source.path, mark.line + 1, mark.column + 1, end)
