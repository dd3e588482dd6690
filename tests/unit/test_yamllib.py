"""flow/yamllib.py imports PyYAML with its regular expressions compiled when first used (B3): PyYAML works as
before, `re.compile` is itself again after, and a PyYAML imported before is left as it is."""

from __future__ import annotations

import subprocess
import sys

FRESH = """
import re, sys
compile_before = re.compile
from guidedflows.flow.yamllib import yaml
import yaml.reader, yaml.resolver
assert re.compile is compile_before
reader = yaml.reader.Reader.NON_PRINTABLE
assert not isinstance(reader, re.Pattern) and "search" not in vars(reader)  # not compiled: libyaml reads the flows
assert reader.search("a\\x07b").start() == 1 and "search" in vars(reader)  # compiled once asked, then its own
assert yaml.safe_load("a: [1, 2030-01-01, yes, ~, x, 0x1F, .5]") == {
    "a": [1, __import__("datetime").date(2030, 1, 1), True, None, "x", 31, 0.5]
}
assert yaml.load("a: 1", Loader=yaml.SafeLoader) == {"a": 1}  # the pure-Python reader, resolver and constructor
assert isinstance(re.compile("x"), re.Pattern)
print("ok")
"""

BEFORE = """
import re, yaml
from guidedflows.flow.yamllib import yaml as ours
assert ours is yaml and isinstance(yaml.reader.Reader.NON_PRINTABLE, re.Pattern)
print("ok")
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_pyyaml_works_and_compiles_its_patterns_when_used():
    assert _run(FRESH) == "ok"


def test_a_pyyaml_imported_before_is_left_as_it_is():
    assert _run(BEFORE) == "ok"
