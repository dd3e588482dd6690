"""PyYAML, as guidedflows imports it: `from .yamllib import yaml` is `import yaml`, 4–5 ms sooner (B3).

Importing PyYAML compiles the regular expressions of its pure-Python reader, resolver and constructor. One of them,
the pure-Python reader's test for the characters YAML does not allow (a class spanning all of Unicode), takes as long
as reading a flow file: about 4.5 ms of `guidedflows validate ONE-FILE`'s start-up. guidedflows reads YAML with libyaml
where PyYAML has it, which never uses that one. So while PyYAML is imported here, each pattern it compiles is compiled
the first time it is used instead (a pattern never used is never compiled), and then is the compiled pattern's own
methods. Only PyYAML's modules get such patterns; a PyYAML someone imported before is taken as it is.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

_compile_now = re.compile


class _CompiledWhenUsed:
    """A pattern `re.compile` was asked for, compiled on first use; each attribute read is then the pattern's own."""

    def __init__(self, pattern, flags) -> None:
        self._asked = (pattern, flags)

    def __getattr__(self, name: str):  # only for names not read before: `match` is then found without this
        if name.startswith("_"):  # not a pattern's (copy and pickle ask for __deepcopy__, __setstate__…)
            raise AttributeError(name)
        value = getattr(_compile_now(*self._asked), name)
        setattr(self, name, value)
        return value


def _compile_for_pyyaml(pattern, flags=0):
    if sys._getframe(1).f_globals.get("__name__", "").startswith("yaml."):
        return _CompiledWhenUsed(pattern, flags)
    return _compile_now(pattern, flags)  # another thread's, meanwhile


def _import_pyyaml():
    if "yaml" in sys.modules:
        return sys.modules["yaml"]
    re.compile = _compile_for_pyyaml
    try:
        import yaml
    finally:
        re.compile = _compile_now
    return yaml


if TYPE_CHECKING:
    import yaml
else:
    yaml = _import_pyyaml()
