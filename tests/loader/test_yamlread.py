"""yamlread's two ways to the same nodes: composed by libyaml in C and checked after, or built from the parser's events
and checked on the way (issue 8, B4). Whatever the text, `compose` gives what the builder gives: the same nodes (tags,
values, styles, marks, aliases as the same node), or the same problem at the same place in the same words.
"""

from __future__ import annotations

import tracemalloc

import pytest
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from guidedflows.errors import FlowFileError
from guidedflows.flow import yamlread
from guidedflows.flow.yamlread import FAST_CHARS, MAX_DEPTH, MAX_NODES, Source, compose

from .conftest import BAD, GOOD
from .test_fuzz import SETTINGS, YAMLISH, given

ROOT = GOOD.parents[2]
libyaml = pytest.mark.skipif(yamlread._CParser is None, reason="PyYAML without libyaml: every file is built from events")


def shape(node: Node | None):
    """Everything the loader reads from nodes, with an alias shown as the number of the node it repeats."""
    numbers: dict[int, int] = {}

    def walk(node: Node):
        if id(node) in numbers:
            return ("alias", numbers[id(node)])
        numbers[id(node)] = len(numbers)
        marks = [(mark.line, mark.column) if mark is not None else None for mark in (node.start_mark, node.end_mark)]
        if isinstance(node, ScalarNode):
            return ("scalar", node.tag, node.value, node.style, marks)
        if isinstance(node, MappingNode):
            items = [(walk(key), walk(value)) for key, value in node.value]
            return ("mapping", node.tag, node.flow_style, marks, items)
        assert isinstance(node, SequenceNode)
        return ("sequence", node.tag, node.flow_style, marks, [walk(item) for item in node.value])

    return None if node is None else walk(node)


def outcome(read, text: str):
    try:
        return ("nodes", shape(read(Source("f.yaml", text))))
    except FlowFileError as exc:
        return ("refused", [(p.span.line, p.span.column, p.message, p.hint) for p in exc.problems])


def same_both_ways(text: str):
    built = outcome(yamlread._built, text)
    assert outcome(compose, text) == built
    return built


def corpus() -> list:
    files = [*sorted(GOOD.glob("*.y*ml")), *sorted(BAD.glob("*.y*ml")), *sorted((ROOT / "flows").rglob("*.y*ml"))]
    return [pytest.param(path, id=str(path.relative_to(ROOT))) for path in files]


@pytest.mark.parametrize("path", corpus())
def test_every_corpus_file_reads_the_same_both_ways(path):
    data = path.read_bytes()
    try:
        text = yamlread.decode(str(path), data).text
    except FlowFileError:
        return  # refused before YAML is read at all
    same_both_ways(text)


@libyaml
def test_the_shipped_flows_are_composed_in_c():
    """The fast way is the one taken for ordinary flow files (the corpus test above would pass without it)."""
    for path in sorted((ROOT / "flows").rglob("*.yaml")) + sorted(GOOD.glob("*.yaml")):
        text = yamlread.decode(str(path), path.read_bytes()).text
        assert yamlread._composed(text) is not yamlread._AGAIN, path


def nested(depth: int) -> str:
    """`depth` collections, one inside the other: the flow, its steps, a step, then lists."""
    return "flow: x\nsteps:\n  - click: " + "[" * (depth - 3) + "a" + "]" * (depth - 3) + "\n"


def aliases(values: int) -> str:
    """A document of exactly `values` values once every alias is expanded."""
    # the mapping 1; `a` 1 and its list of 98 values 99; `b` 1, its list 1 and n aliases of that list 99 each;
    # `c` 1, its list 1 and `rest` values
    n, rest = divmod(values - 105, 99)
    items = ", ".join(["x"] * 98)
    return f"a: &a [{items}]\nb: [" + ", ".join(["*a"] * n) + "]\nc: [" + ", ".join(["y"] * rest) + "]\n"


EDGES = {
    "depth at the limit": nested(MAX_DEPTH),
    "depth over the limit": nested(MAX_DEPTH + 1),
    "values at the limit": aliases(MAX_NODES),
    "values over the limit": aliases(MAX_NODES + 1),
    "alias in its own list": "flow: x\na: &a [b, *a]\nsteps:\n  - click: Save\n",
    "alias in its own mapping": "flow: x\na: &a {k: *a}\nsteps:\n  - click: Save\n",
    "alias as its own key": "flow: x\na: &a {*a : v}\nsteps:\n  - click: Save\n",
    "anchor given twice": "a: &x 1\nb: &x 2\nc: *x\n",
    "unknown alias": "a: *nowhere\n",
    "scalar alias": "a: &x Save\nb: *x\n",
    "mapping alias": "a: &x {role: button, name: Save}\nb: [*x, *x]\n",
    "merge key": "a: &x {k: v}\nb:\n  <<: *x\n",
    "merge key quoted": "a: {'<<': v}\n",
    "timestamp and = are text": "a: 2030-01-01\nb: =\nc: 2001-12-14t21:59:43.10-05:00\n",
    "explicit timestamp": "a: !!timestamp 2030-01-01\n",
    "tags": "a: !!str 3\nb: !!int '3'\nc: ! 3\nd: !!null ''\ne: !!binary aGk=\n",
    "custom tag": "a: !foo x\n",
    "tag on a collection": "a: !!set {x}\nb: !!map {k: v}\nc: ! [x]\n",
    "tag directive": "%TAG !e! tag:example.com,2000:\n---\na: !e!x y\n",
    "plain, quoted and block scalars": "a: x\nb: 'x'\nc: \"x\"\nd: |\n  x\ne: >-\n  x\nf:\ng: ~\nh: ''\n",
    "implicit kinds": "a: yes\nb: 0x1F\nc: 1_000\nd: .inf\ne: -.5\nf: 0o7\ng: Null\nh: +12\ni: 1:20\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "a second document after an error-free first": "a: 1\n...\n---\n[\n",
    "document end only": "a: 1\n...\n",
    "empty document": "---\n",
    "nothing": "",
    "comments only": "# hi\n",
    "syntax error": "a: b: c\n",
    "unclosed bracket": "flow: x\nsteps: [a, b\n",
    "unclosed quote": 'flow: "x\nsteps: []\n',
    "tab": "a:\n\tb: c\n",
    "control character": "a: \x07\n",
    "bad tag before a syntax error": "a: !!python/name:os.system ''\nb: [\n",
    "deep before a syntax error": nested(MAX_DEPTH + 1) + "b: [\n",
    "complex key": "? [a, b]\n: c\n",
    "flow pairs": "[a: b, : c, d: ]\n",
    "scalar document": "just text\n",
}


@pytest.mark.parametrize("text", list(EDGES.values()), ids=list(EDGES))
def test_edge_cases_read_the_same_both_ways(text):
    same_both_ways(text)


@libyaml
@pytest.mark.parametrize(
    ("name", "composed"),
    [
        ("depth at the limit", True),
        ("depth over the limit", False),
        ("values at the limit", True),
        ("values over the limit", False),
        ("alias in its own list", False),
        ("anchor given twice", False),  # libyaml's composer refuses it; the builder lets the second one win
        ("scalar alias", True),
        ("merge key", False),
        ("timestamp and = are text", True),
        ("explicit timestamp", False),
        ("custom tag", False),
        ("two documents", False),
        ("bad tag before a syntax error", False),
    ],
)
def test_what_the_checks_after_composing_send_to_the_builder(name, composed):
    assert (yamlread._composed(EDGES[name]) is not yamlread._AGAIN) == composed


def test_the_value_count_is_exact():
    assert outcome(compose, aliases(MAX_NODES))[0] == "nodes"
    refused = outcome(compose, aliases(MAX_NODES + 1))
    assert refused[0] == "refused"
    assert refused[1][0][2] == f"the file expands to more than {MAX_NODES:,} values (aliases?); no flow needs that"


def test_an_alias_inside_what_it_names_is_refused_where_it_is_written():
    """It used to end in `internal error: KeyError` (the alias's size was asked before the list had one)."""
    for text, column in (("flow: x\na: &a [b, *a]\n", 11), ("flow: x\na: &a {k: *a}\n", 11)):
        refused = same_both_ways(text)
        assert refused[0] == "refused"
        line, col, message, hint = refused[1][0]
        assert (line, col) == (2, column)
        assert message == "*a stands for a list or mapping it is inside of, so it would repeat forever"
        assert hint == "write the values out in full"


def test_a_big_file_is_built_from_events():
    """Past FAST_CHARS the builder reads the file, stopping at the first problem: composing first could make many
    nodes from a file that is refused anyway."""
    text = "flow: x\ntags: [" + "a, " * (FAST_CHARS // 3) + "a]\nsteps:\n  - click: Save\n"
    assert len(text) > FAST_CHARS
    assert same_both_ways(text)[0] == "nodes"


@libyaml
def test_the_densest_file_composed_in_c_stays_small():
    """A character makes at most one node (`{a,a,…}`); at FAST_CHARS that is well under the hostile files' 200 MB."""
    text = "{" + "a," * (FAST_CHARS // 2 - 1) + "}"
    assert len(text) <= FAST_CHARS
    tracemalloc.start()
    try:
        assert yamlread._composed(text) is not yamlread._AGAIN
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60 * 1024 * 1024


@SETTINGS
@given(text=YAMLISH)
def test_yaml_shaped_noise_reads_the_same_both_ways(text):
    same_both_ways(text)


@SETTINGS
@given(text=YAMLISH)
def test_noise_after_a_valid_head_reads_the_same_both_ways(text):
    same_both_ways("flow: x\na: &a [x, {k: v}]\nsteps:\n  - click: *a\n  - " + text)
