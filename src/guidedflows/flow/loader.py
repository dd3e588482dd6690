"""Flow files → validated, immutable Flow objects. All validation happens here, once, before any browser starts.

Every problem is collected with its `path:line:column`, so a file with three mistakes is fixed in one pass.
"""

from __future__ import annotations

import functools
import gc
import itertools
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..defaults import DURATION, LONGEST_MS, UNIT_SECONDS
from ..errors import FlowFileError, Problem, UsageError
from ..steps import REGISTRY, Action
from . import vocabulary as vocab
from .model import Condition, Expect, Flow, Param, Payload, Step, Target, mask
from .names import name_problem
from .urls import where_problem
from .yamlread import BOOL, INT, NULL, MappingNode, Node, ScalarNode, SequenceNode, Source, compose, decode, span_of

FLOW_SUFFIXES = (".yaml", ".yml")
PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
TAG_WORD = re.compile(r"[\w.-]+\Z")
PLACEHOLDER = re.compile(r"\$\$\{|\$\{([^}]*)\}")
UNCLOSED = re.compile(r"\$\{")  # a `${` outside every `${name}` and `$${` is not closed


class _Fields(dict):
    """A YAML mapping's values by key, plus the key nodes (for pointing at a key in a message)."""

    def __init__(self):
        super().__init__()
        self.key_nodes: dict[str, Node] = {}


class _Invalid(Exception):
    """One problem; stops the current step (or top-level key) and is collected."""

    def __init__(self, problem: Problem):
        self.problem = problem


def flow_id_from_path(path: Path) -> str:
    name = path.name
    for suffix in FLOW_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name[: -len(".flow")] if name.endswith(".flow") else name


def discover(paths: Sequence[str | Path], real: dict[Path, Path] | None = None) -> list[Path]:
    """Flow files under `paths`: files as given, folders searched recursively, `_partials` left out. `real` gets
    each file found in a folder → its resolved path (a Loader's cache: it need not ask again)."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(_inside(path, real))
        else:
            raise UsageError(f"no such flow file or folder: {given}")
    return found


def _inside(folder: Path, real: dict[Path, Path] | None) -> list[Path]:
    """The flow files in `folder` and below; a symbolic link out of it is refused, never read (issue 12). Each
    file's real path is its folder's and its name, unless the file is itself a link: resolve() would walk every
    component of every path again (B4)."""
    real_folder = folder.resolve()
    files = []
    for parts, path, linked in flow_files(folder, deep=True):
        if parts[-1].startswith("_"):
            continue
        resolved = path.resolve() if linked else real_folder.joinpath(*parts)
        if linked and not resolved.is_relative_to(real_folder):
            raise UsageError(f"{path} links to a file outside {folder}: flow files are read only inside the folders given")
        if real is not None:
            real[path] = resolved
        files.append(path)
    return files


def flow_files(folder: Path, deep: bool) -> list[tuple[tuple[str, ...], Path, bool]]:
    """The flow files (.yaml, .yml; links to files too) in `folder`, and in its folders when `deep` (not through
    links to folders), in the order of their paths: each as its path's parts below `folder`, its path, and whether it
    is a symbolic link. One os.scandir per folder: Path.rglob and sorting Paths took a third of validating 1,000
    flows (B4). An unreadable folder inside is left out, as rglob leaves it."""
    found: list[tuple[tuple[str, ...], Path, bool]] = []

    def walk(directory: Path, below: tuple[str, ...]) -> None:
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except PermissionError:
            if below or deep:
                return
            raise
        for entry in entries:
            parts = (*below, entry.name)
            if deep and entry.is_dir(follow_symlinks=False):
                walk(directory / entry.name, parts)
            elif os.path.splitext(entry.name)[1] in FLOW_SUFFIXES and entry.is_file():
                found.append((parts, directory / entry.name, entry.is_symlink()))

    walk(folder, ())
    found.sort(key=lambda item: item[0])
    return found


def load_flow(
    path: str | Path,
    params: dict[str, str] | None = None,
    *,
    search_paths: tuple[str | Path, ...] = (),
    require_values: bool = True,
) -> Flow:
    """Load and validate one flow file; raise FlowFileError listing every problem found."""
    return Loader(search_paths, require_values).load(Path(path), dict(params or {}))


def load_flows(paths: Sequence[str | Path], params: dict[str, str] | None = None, **options) -> list[Flow]:
    """Load every flow under `paths`; problems from all files are reported together."""
    loader = Loader(tuple(paths), options.get("require_values", True), options.get("roots", ()))
    with collector_paused():
        flows, problems = loader.load_all(discover(paths, loader.real), params or {})
    if problems:
        raise FlowFileError(problems)
    return flows


class collector_paused:
    """`with collector_paused():` Python's cyclic garbage collector does not run inside (it runs again after, if it ran
    before). Loading makes many objects and no cycles, and the collector, run every few hundred new objects, walks
    the flows loaded so far again and again: loading 1,000 flows took 0.64 s of CPU with it, 0.56 s without (B4)."""

    def __enter__(self) -> None:
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.collecting:
            gc.enable()


class Loader:
    """Loads flow files, following `use` references; remembers what it loaded and detects cycles.

    `use` opens files only inside the flows folders: the folders (and the folders of the files) the run was given,
    `roots` (the command line's flows/), and the folder of each flow loaded on its own (SECURITY.md; issue 12:
    `use: ../../outside/x.yaml`).
    """

    def __init__(self, search_paths: tuple[str | Path, ...] = (), require_values: bool = True, roots: tuple = ()):
        self.search_paths = tuple(Path(p) for p in search_paths)
        self.roots = {_folder(Path(p)).resolve() for p in (*self.search_paths, *roots)}
        self.require_values = require_values
        self.loading: list[Path] = []
        self.cache: dict[tuple, Flow] = {}
        # One listing per folder and one read of each file's ids per load: with one `use` per flow, looking again
        # each time made loading N flows O(N²) (issue 8, B4: 1,000 flows took seconds, not a fraction of one).
        self.listings: dict[tuple[Path, bool], list[Path]] = {}
        self.ids: dict[Path, set[str]] = {}
        self.real: dict[Path, Path] = {}  # paths resolved (symbolic links followed), once per load: see resolved()
        self.inside: dict[Path, bool] = {}  # allowed(), by resolved path, while the flows folders stay the same
        self.found: dict[tuple[str, Path], Path | None] = {}  # find() of a flow id, by id and using file's folder

    def load(self, path: Path, params: dict[str, str], hidden: tuple = ()) -> Flow:
        """Load `path` with `params`; `hidden` says which of them hold secrets: (name, shown, secret values)."""
        if not self.loading:  # a flow the run was given, not one it uses: its folder is a flows folder
            folder = self.resolved(path.parent)
            if folder not in self.roots:
                self.roots.add(folder)
                self.inside.clear()
        real = self.resolved(path)
        key = (real, tuple(sorted(params.items())), hidden)
        if key not in self.cache:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise UsageError(f"cannot read {path}: {exc.strerror}") from None
            source = decode(str(path), data)
            self.loading.append(real)
            try:
                self.cache[key] = _FileReader(self, source, path, params, hidden).read()
            finally:
                self.loading.pop()
        return self.cache[key]

    def load_all(self, files: Sequence[Path], params: dict[str, str]) -> tuple[list[Flow], list[Problem]]:
        """Load each of `files`: the flows loaded, and the problems of all the others, in file order."""
        flows: list[Flow] = []
        problems: list[Problem] = []
        for path in files:
            try:
                flows.append(self.load(path, dict(params)))
            except FlowFileError as exc:
                problems.extend(exc.problems)
        return flows, problems

    def allowed(self, path: Path) -> bool:
        """Whether `path` (symbolic links followed) is inside one of the flows folders."""
        resolved = self.resolved(path)
        inside = self.inside.get(resolved)
        if inside is None:  # is_relative_to raises and catches ValueError for each folder the path is not in
            inside = self.inside[resolved] = any(resolved.is_relative_to(root) for root in self.roots)
        return inside

    def resolved(self, path: Path) -> Path:
        """`path.resolve()`, asked of the file system once per path and load: 1,000 flows using one partial asked it
        8,000 times, a tenth of validating them (B4)."""
        real = self.real.get(path)
        if real is None:
            real = self.real[path] = path.resolve()
        return real

    def find(self, ref: str, base: Path) -> Path | None:
        """A `use` reference → a file: a relative path, or an id in the using file's folder, then the flow paths.

        Only flow files (.yaml/.yml) are ever opened: a reference must never make us read, and then quote in an
        error, some other file (`use: /proc/self/environ`).
        """
        if _is_path(ref):
            candidate = base / ref
            if Path(ref).is_absolute() or not ref.endswith(FLOW_SUFFIXES):
                return None
            return candidate if candidate.is_file() else None
        if (ref, base) not in self.found:  # the folders are listed, and their files' ids read, once per load
            self.found[ref, base] = self._find_id(ref, base)
        return self.found[ref, base]

    def _find_id(self, ref: str, base: Path) -> Path | None:
        folders = itertools.chain([(base, False)], ((_folder(root), True) for root in self.search_paths))  # lazily:
        for folder, deep in folders:  # _folder asks the file system, and the using file's folder mostly has the flow
            for path in self._flow_files(folder, deep):
                if path not in self.ids:
                    self.ids[path] = _ids_of(path)
                if ref in self.ids[path]:
                    return path
        return None

    def _flow_files(self, folder: Path, deep: bool) -> list[Path]:
        """Flow files in `folder` (and below when `deep`), sorted, listed once per load."""
        if (folder, deep) not in self.listings:
            self.listings[folder, deep] = [path for _, path, _ in flow_files(folder, deep)]
        return self.listings[folder, deep]


def _folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _is_path(ref: str) -> bool:
    """A `use` value naming a file (relative to the using file), not a flow id."""
    return ref.endswith(FLOW_SUFFIXES) or "/" in ref or "\\" in ref


def _ids_of(path: Path) -> set[str]:
    """The ids a file answers to: its file-name id (also without a leading `_`) and an explicit `id:`."""
    derived = flow_id_from_path(path)
    ids = {derived, derived.lstrip("_")}
    try:
        head = path.read_text("utf-8", errors="replace")[:20000]
    except OSError:
        return ids
    match = re.search(r"^id:[ \t]*['\"]?([^'\"\s#]+)", head, re.MULTILINE)
    if match:
        ids.add(match.group(1))
    return ids


class _FileReader:
    """Reads one file's nodes into a Flow, collecting problems."""

    def __init__(self, loader: Loader, source: Source, path: Path, overrides: dict[str, str], hidden: tuple):
        self.loader = loader
        self.source = source
        self.path = path
        self.overrides = overrides
        self.passed_hidden = {name: (shown, set(secrets)) for name, shown, secrets in hidden}  # `use … with:`
        self.problems: list[Problem] = []
        self.values: dict[str, str] = {}
        # Params whose value is, or was built from, a secret: how they are shown, and the secret values inside.
        self.hidden: dict[str, tuple[str, set[str]]] = {}
        self.child_secrets: list[str] = []
        self._secret_seen = False  # set by _substitute when a secret param's value goes into a string
        self._secret_values: set[str] = set()  # the secret values that went into the current step
        self._masking = False  # reading a step again as it is shown: every secret param masked where it goes
        self._declaring: str | None = None  # the param whose default is being read
        self._below: dict[str, int] = {}  # the params declared after it, and their lines
        self._source_lines: list[str] | None = None
        self.params_used: set[str] = set()  # every ${name} met, for lint's unused-param warning

    # -- the file ----------------------------------------------------------------------------------------------

    def read(self) -> Flow:
        root = compose(self.source)
        if root is None or (isinstance(root, ScalarNode) and root.tag == NULL):
            raise self.source.fail(1, 1, "the file is empty", "a flow needs at least `flow:` and `steps:`")
        if not isinstance(root, MappingNode):
            raise FlowFileError([self._problem(root, "a flow file must be a mapping with `flow:` and `steps:`")])
        fields = self._collect(lambda: self._mapping(root, "the flow", vocab.TOP_LEVEL))
        flow = self._build(root, fields) if fields is not None else None
        if self.problems or flow is None:  # no flow without a problem to say why
            raise FlowFileError(self.problems)
        return flow

    def _build(self, root: MappingNode, fields: dict) -> Flow | None:
        for required in ("flow", "steps"):
            if required not in fields:
                self.problems.append(self._problem(root, f"the flow has no `{required}:`", _REQUIRED_HINTS[required]))
        params = self._params(fields["params"]) if "params" in fields else ()  # first: the title may use them
        title = self._collect(lambda: self._text(fields["flow"], display=True)) if "flow" in fields else ""
        given_id = self._collect(lambda: self._name(fields["id"], "flow id")) if "id" in fields else None
        if "id" not in fields:
            self._collect(self._derived_id)
        description = self._optional(fields, "description", lambda n: self._text(n, display=True))
        tags = self._optional(fields, "tags", self._tags) or ()
        start, start_secret = self._optional(fields, "start", self._start) or ("/", False)
        shown_start = self._text(fields["start"], display=True) if start_secret else None
        setup = self._steps(fields["setup"], "setup", allow_empty=True) if "setup" in fields else ()
        steps = self._steps(fields["steps"], "steps") if "steps" in fields else ()
        if self.problems:
            return None
        secrets = tuple(value for name in sorted(self.hidden) for value in sorted(self.hidden[name][1]) if value)
        return Flow(
            id=given_id or flow_id_from_path(self.path),
            title=title or "",
            path=self.source.path,
            span=span_of(self.source, root),
            steps=steps,
            setup=setup,
            description=description,
            tags=tags,
            start=start,
            shown_start=shown_start,
            params=params or (),
            values=dict(self.values),
            secrets=tuple(dict.fromkeys(secrets + tuple(self.child_secrets))),
            params_used=frozenset(self.params_used),
            text=self.source.text,
        )

    def _derived_id(self) -> None:
        derived = flow_id_from_path(self.path)
        problem = name_problem(derived)
        if problem:
            message = f'the flow id "{_shown_word(derived)}", from the file name, {problem}'
            raise _Invalid(self.source.problem(1, 1, message, "rename the file, or give the flow an `id:`"))

    def _start(self, node: Node) -> tuple[str, bool]:
        return self._watching(lambda: self._where(node, "start"))

    def _watching(self, read):
        """Run `read`; return what it read and whether a secret param's value went into it."""
        before, self._secret_seen = self._secret_seen, False
        try:
            return read(), self._secret_seen
        finally:
            self._secret_seen = before or self._secret_seen

    def _optional(self, fields: dict, key: str, read):
        return self._collect(lambda: read(fields[key])) if key in fields else None

    def _collect(self, read):
        """Run one reader; on a problem, record it and carry on with the next part of the file."""
        try:
            return read()
        except _Invalid as exc:
            self.problems.append(exc.problem)
            return None

    # -- params ------------------------------------------------------------------------------------------------

    def _params(self, node: Node) -> tuple[Param, ...]:
        """Every param; one with a problem is reported and still declared, so its uses are not errors too."""
        fields = self._collect(lambda: self._mapping(node, "params")) or _Fields()
        names = list(fields)
        params = []
        for index, (name, value_node) in enumerate(fields.items()):
            self.values.setdefault(name, "")
            self._declaring = name
            self._below = {later: fields.key_nodes[later].start_mark.line + 1 for later in names[index + 1 :]}
            param = self._collect(lambda: self._param(name, fields.key_nodes[name], value_node))
            if param is not None:
                params.append(param)
            elif not self.values[name]:  # reported once: its uses are not "empty" problems too
                self.values[name] = f"${{{name}}}"
        self._declaring, self._below = None, {}
        return tuple(params)

    def _param(self, name: str, key_node: Node, value_node: Node) -> Param:
        if not PARAM_NAME.match(name):
            raise self._invalid(key_node, f'param name "{_shown_word(name)}" must be letters, digits and _', None)
        default_node: Node | None = value_node
        if isinstance(value_node, MappingNode):
            long = self._mapping(value_node, f'param "{name}"', vocab.PARAM_KEYS)
            default_node = long.get("default")
            secret = self._bool(long["secret"]) if "secret" in long else False
            description = self._text(long["description"]) if "description" in long else None
        else:
            secret, description = False, None
        self._secret_values = set()
        default, built_from_secret = self._watching(lambda: self._default(default_node))
        secret = secret or name in self.passed_hidden
        value = self.overrides.get(name, default)
        if value is None and self.loader.require_values:
            raise self._invalid(
                key_node, f'param "{name}" has no value', f"give one with --param {name}=VALUE, or add `default:`"
            )
        self.values[name] = value if value is not None else ""
        if name in self.passed_hidden:
            self.hidden[name] = self.passed_hidden[name]
        elif secret:
            self.hidden[name] = (mask(self.values[name]), {self.values[name]} - {""})
        elif built_from_secret and default_node is not None and name not in self.overrides:  # e.g. url: "https://x/?code=${code}"
            self.hidden[name] = (self._text(default_node, display=True, allow_empty=True), set(self._secret_values))
        return Param(name, default, secret, description, span_of(self.source, key_node))

    def _default(self, node: Node | None) -> str | None:
        return self._text(node, allow_empty=True) if node is not None else None

    # -- steps -------------------------------------------------------------------------------------------------

    def _steps(self, node: Node, where: str, allow_empty: bool = False) -> tuple[Step, ...]:
        if isinstance(node, ScalarNode) and node.tag == NULL and allow_empty:
            return ()
        if not isinstance(node, SequenceNode) or (not node.value and not allow_empty):
            what = "a list of steps" if allow_empty else "a non-empty list of steps"
            self.problems.append(self._problem(node, f"`{where}` must be {what}", "each step starts with `- `"))
            return ()
        steps: list[Step] = []
        ids: dict[str, int] = {}
        for item in node.value:
            step = self._collect(lambda: self._step(item))
            if step is None:
                continue
            if step.id is not None and step.id in ids:
                self.problems.append(self._problem(item, f'step id "{step.id}" is already used on line {ids[step.id]}'))
            elif step.id is not None:
                ids[step.id] = item.start_mark.line + 1
            steps.append(step)
        return tuple(steps)

    def _step(self, node: Node) -> Step:
        if not isinstance(node, MappingNode):
            raise self._invalid(node, "a step must be a mapping such as `- click: Save`", None)
        fields = self._mapping(node, "a step")
        action_keys = [name for name in fields if name in REGISTRY]
        if len(action_keys) > 1:
            extra = fields.key_nodes[action_keys[1]]
            raise self._invalid(
                extra,
                f'a step has one action; this one has "{action_keys[0]}" and "{action_keys[1]}"',
                "split it into two steps",
            )
        if not action_keys:
            return self._no_action(node, fields)
        action = REGISTRY[action_keys[0]]
        allowed = _allowed_keys(action.name)
        for name in fields:
            if name not in allowed:
                article = "an" if action.name[0] in "aeiou" else "a"
                raise self._unknown_key(fields.key_nodes[name], name, f'{article} "{action.name}" step', list(allowed))
        for name, key in action.keys.items():
            if key.required and name not in fields:
                raise self._invalid(node, f'"{action.name}" needs a `{name}:`', f'add `{name}: ...` to this step')
        return self._build_step(node, action, fields)

    def _no_action(self, node: MappingNode, fields: _Fields) -> Step:
        unknown = [name for name in fields if name not in vocab.COMMON]
        if unknown:
            name = unknown[0]
            raise self._unknown_key(fields.key_nodes[name], name, "the steps", list(REGISTRY), noun="action")
        raise self._invalid(node, "this step has no action", "start it with one of: " + ", ".join(REGISTRY))

    def _build_step(self, node: MappingNode, action: Action, values: dict[str, Node]) -> Step:
        self._secret_seen = False
        self._secret_values = set()
        payload = self._payload(action, values)  # the action first: its problem is the one to report
        common = self._common(values)
        secret = self._secret_seen
        return Step(
            action.name,
            span_of(self.source, node),
            payload,
            secret=secret,
            secrets=tuple(sorted(self._secret_values, key=len, reverse=True)),
            source_lines=self._lines(node),
            shown=self._shown_step(node, action, values) if secret and action.name != "use" else None,
            **common,
        )

    def _shown_step(self, node: MappingNode, action: Action, values: dict[str, Node]) -> Step:
        """The step read again with each secret param masked where it is written: `Step.shown`, what every text
        about the step is made from. Masking by place, not by searching the text for the value, keeps a 3-digit
        code from being found (and masked, and so revealed) inside a card number or an order number (issue 12)."""
        self._masking = True
        try:
            payload = self._payload(action, values)
            common = self._common(values)
        finally:
            self._masking = False
        return Step(action.name, span_of(self.source, node), payload, secret=True, **common)

    def _common(self, values: dict[str, Node]) -> dict:
        out: dict = {}
        if "say" in values:
            out["say"] = self._text(values["say"], display=True)
        if "optional" in values:
            out["optional"] = self._bool(values["optional"])
        if "timeout" in values:
            out["timeout"] = self._timeout(values["timeout"])
        if "dialog" in values:
            out["dialog"] = self._enum(values["dialog"], ("accept", "dismiss"))
        if "id" in values:
            out["id"] = self._name(values["id"], "step id")
        if "when" in values:
            out["when"] = self._condition(values["when"])
        return out

    def _condition(self, node: Node) -> Condition:
        fields = self._mapping(node, "`when:`", vocab.CONDITIONS)
        if len(fields) != 1:
            raise self._invalid(node, "`when:` takes one condition: visible, hidden or url", "e.g. when: {visible: Log in}")
        (kind,) = fields
        span = span_of(self.source, node)
        if kind == "url":
            return Condition(kind, span, url=self._text(fields[kind]))
        return Condition(kind, span, target=self._target(fields[kind]))

    def _payload(self, action: Action, values: dict[str, Node]) -> Payload:
        """What the action alone says (its typed payload, steps/): its own reading when it has one, else read by the
        kinds of its value and keys, in the payload's order (the value first; `on:` is the target a key goes to)."""
        node = values[action.name]
        if action.parse is not None:
            return action.parse(self, node, values)
        kind = action.value
        first: object
        if kind == "target":
            first = self._target(node, action.name)
        elif kind.startswith("enum:"):
            first = self._enum(node, tuple(kind[5:].split("|")))
        elif kind == "duration":
            first = self._duration(node)
        elif kind == "where":
            first = self._where(node, action.name)
        elif kind == "name":
            first = self._name(node, f"{action.name} name")
        else:
            first = self._text(node)
        keys: dict[str, object] = {}
        if "value" in action.keys:
            keys["value"] = self._text(values["value"], allow_empty=True)
        if "accept" in values:
            keys["accept"] = self._regex(values["accept"])
        if "hint" in values:
            keys["hint"] = self._text(values["hint"], display=True)
        if "on" in values:
            keys["target"] = self._target(values["on"], action.name)
        return action.payload(first, **keys)  # type: ignore[call-arg]

    # -- what the step registry's own readings use (steps/) ------------------------------------------------------

    def target(self, node: Node, action: str | None = None) -> Target:
        """A target; a step's (given its `action`) carries the action and what the action lets it be."""
        return self._target(node, action)

    def target_or_page(self, node: Node, action: str | None = None) -> Target:
        return self._target_or_page(node, action)

    def text(self, node: Node, display: bool = False) -> str:
        return self._text(node, display=display)

    def list_of(self, node: Node) -> list[Node]:
        """A value that may be one item or a list of them, as nodes."""
        return list(node.value) if isinstance(node, SequenceNode) else [node]

    def invalid(self, node: Node, message: str, hint: str | None) -> _Invalid:
        return self._invalid(node, message, hint)

    @property
    def folder(self) -> Path:
        """The folder of the flow file being read (paths in it are relative to it)."""
        return self.path.parent

    def inside_flows(self, path: Path) -> bool:
        """Whether `path` is inside the flows folders a run may read (SECURITY.md)."""
        return self.loader.allowed(path)

    def expectation(self, target: Target, values: dict[str, Node]) -> Expect:
        return self._expect(target, values)

    def use_step(self, node: Node, values: dict[str, Node]) -> tuple[str, Flow]:
        """A `use`: the reference as written, and the flow it names, loaded with `with:`'s params."""
        return self._use(node, values)

    def _expect(self, target: Target, values: dict[str, Node]) -> Expect:
        asked = {name: values[name] for name in vocab.MATCHERS if name in values}
        on_page = target.kind == "page"
        for name, node in asked.items():
            if on_page and name not in vocab.PAGE_MATCHERS:
                raise self._invalid(node, f"`{name}:` checks an element, not the page", "use `url:` or `title:` with `expect: page`")
            if not on_page and name in vocab.PAGE_MATCHERS:
                raise self._invalid(node, f"`{name}:` checks the page", f"write `expect: page` with `{name}:`")
        if on_page and not asked:
            raise self._invalid(values["expect"], "`expect: page` needs `url:` or `title:`", None)
        readers = {"bool": self._bool, "int": self._count, "regex": self._regex, "texts": self._texts}
        parsed: dict[str, Any] = {
            name: readers.get(vocab.MATCHERS[name].kind, self._any_text)(node) for name, node in asked.items()
        }
        return Expect(**parsed)

    def _use(self, node: Node, values: dict[str, Node]) -> tuple[str, Flow]:
        ref = self._text(node)
        if Path(ref).is_absolute():
            raise self._invalid(node, "`use` takes a flow id or a path relative to this file, not an absolute path", None)
        if ("/" in ref or "\\" in ref) and not ref.endswith(FLOW_SUFFIXES):
            raise self._invalid(node, f'"{_shown_word(ref)}" is not a flow file', "a flow file's name ends in .yaml or .yml")
        if _is_path(ref) and not self.loader.allowed(self.path.parent / ref):
            raise self._outside(node, ref)
        found = self.loader.find(ref, self.path.parent)
        if found is None:
            raise self._invalid(node, f'no flow "{_shown_word(ref)}" to use', "give a flow id or a path relative to this file")
        if not self.loader.allowed(found):
            raise self._outside(node, ref)
        if self.loader.resolved(found) in self.loader.loading:
            chain = " → ".join(p.name for p in [*self.loader.loading, self.loader.resolved(found)])
            raise self._invalid(node, f"`use` makes a cycle: {chain}", None)
        params, hidden = {}, []
        if "with" in values:
            for name, value_node in self._mapping(values["with"], "`with`").items():
                before, self._secret_values = self._secret_values, set()
                params[name], secret = self._watching(lambda: self._text(value_node, allow_empty=True))
                if secret:  # it stays secret in the used flow, shown there as here
                    shown = self._text(value_node, display=True, allow_empty=True)
                    hidden.append((name, shown, frozenset(self._secret_values)))
                self._secret_values |= before
        try:
            used = self.loader.load(found, params, tuple(hidden))
        except FlowFileError as exc:
            self.problems.extend(exc.problems)
            raise self._invalid(node, f'the flow used here ("{ref}") has problems, shown above', None) from None
        unknown = sorted(set(params) - {p.name for p in used.params})
        if unknown:
            key_node = self._mapping(values["with"], "with").key_nodes[unknown[0]]
            raise self._unknown_key(key_node, unknown[0], f'flow "{used.id}" params', [p.name for p in used.params])
        self.child_secrets.extend(used.secrets)
        return ref, used

    def _outside(self, node: Node, ref: str) -> _Invalid:
        folders = ", ".join(sorted(str(root) for root in self.loader.roots))
        return self._invalid(
            node, f'"{_shown_word(ref)}" is outside the flows folder', f"`use` opens flow files only inside {folders}"
        )

    # -- targets -----------------------------------------------------------------------------------------------

    def _target_or_page(self, node: Node, action: str | None = None) -> Target:
        if isinstance(node, ScalarNode) and node.value == "page" and node.style is None:
            return Target("page", "page", span_of(self.source, node), action=action, narrowing=_narrowing(action))
        return self._target(node, action)

    def _target(self, node: Node, action: str | None = None) -> Target:
        """A target as written; a step's target (`action` given, not for `within`, `frame` or `when`) carries the
        action and what the action lets it be (steps/: fill looks at fields only)."""
        span = span_of(self.source, node)
        if isinstance(node, ScalarNode):
            return Target("human", self._text(node), span, action=action, narrowing=_narrowing(action))
        if not isinstance(node, MappingNode):
            raise self._invalid(node, "a target is text on the screen, or a mapping such as {role: button, name: Save}", None)
        keys = {**vocab.TARGET_LOCATORS, **vocab.TARGET_REFINEMENTS}
        fields = self._mapping(node, "a target", keys)
        kinds = [name for name in fields if name in vocab.TARGET_LOCATORS]
        if len(kinds) != 1:
            message = "a target needs one of: " + ", ".join(vocab.TARGET_LOCATORS)
            if kinds:
                message = f'a target has one way to find it; this one has "{kinds[0]}" and "{kinds[1]}"'
            raise self._invalid(node if not kinds else fields.key_nodes[kinds[1]], message, "use `within:` to search inside another target")
        kind = kinds[0]
        if "name" in fields and kind != "role":
            hint = f"write {{role: ..., name: ...}} or just {{{kind}: ...}}"
            raise self._invalid(fields.key_nodes["name"], "`name:` goes with `role:`", hint)
        value = self._word(fields[kind]) if kind == "role" else self._text(fields[kind])
        if kind == "role" and value not in vocab.ARIA_ROLES:
            raise self._invalid(fields[kind], f'unknown role "{value}"', _did_you_mean(value, vocab.ARIA_ROLES))
        get = fields
        return Target(
            kind=kind,
            value=value,
            span=span,
            name=self._text(get["name"]) if "name" in get else None,
            exact=self._bool(get["exact"]) if "exact" in get else None,
            within=self._target(get["within"]) if "within" in get else None,
            has_text=self._text(get["has_text"]) if "has_text" in get else None,
            nth=self._int(get["nth"]) if "nth" in get else None,
            frame=self._target(get["frame"]) if "frame" in get else None,
            action=action,
            narrowing=_narrowing(action),
        )

    # -- scalars -----------------------------------------------------------------------------------------------

    def _mapping(self, node: Node, what: str, known: dict | None = None) -> _Fields:
        """A mapping's keys → value nodes; duplicate and (when `known` is given) unknown keys refused."""
        if not isinstance(node, MappingNode):
            raise self._invalid(node, f"{what} must be a mapping (key: value lines), not {_kind(node)}", None)
        fields = _Fields()
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise self._invalid(key_node, f"a key in {what} must be a word, not {_kind(key_node)}", None)
            name = key_node.value
            if name in fields:
                first = fields.key_nodes[name].start_mark.line + 1
                raise self._invalid(key_node, f'duplicate key "{name}" (first on line {first})', "keep one of them")
            if known is not None and name not in known:
                raise self._unknown_key(key_node, name, what, list(known))
            fields[name] = value_node
            fields.key_nodes[name] = key_node
        return fields

    def _text(self, node: Node, display: bool = False, allow_empty: bool = False) -> str:
        """A string value. Plain scalars keep their source text, so `value: 04` is "04", not 4."""
        if not isinstance(node, ScalarNode):
            raise self._invalid(node, f"expected text here, not {_kind(node)}", None)
        if node.tag == NULL and node.style is None:
            raise self._invalid(node, "a value is missing here", None)
        if node.value == "" and not allow_empty:
            raise self._invalid(node, "this must not be empty", None)
        text = self._substitute(node, node.value, display)
        if text == "" and not allow_empty:
            raise self._invalid(node, "this is empty once its params are filled in", "give the param a value")
        return text

    def _word(self, node: Node) -> str:
        """A word of the format's vocabulary (a role, `back`, `accept`), read as written even when masking."""
        masking, self._masking = self._masking, False
        try:
            return self._text(node)
        finally:
            self._masking = masking

    def _name(self, node: Node, what: str) -> str:
        """A flow id, step id or screenshot name: it names files and folders, so it is a safe name, never a secret."""
        name, secret = self._watching(lambda: self._word(node))
        if secret:
            raise self._invalid(node, f"a {what} cannot use a secret param: it is written in file names and reports", None)
        problem = name_problem(name)
        if problem:
            raise self._invalid(node, f'{what} "{_shown_word(name)}" {problem}', None)
        return name

    def _where(self, node: Node, key: str) -> str:
        """Where `start` or `goto` goes: a path under the base URL, an http(s) URL, or about:blank."""
        where = self._text(node)
        problem = where_problem(where) if not self._masking else None
        if problem:
            hint = "write a path under the base URL (/cards) or a full http:// or https:// URL"
            raise self._invalid(node, f"`{key}` opens web pages only: {problem}", hint)
        return where

    def _any_text(self, node: Node) -> str:
        return self._text(node, allow_empty=True)

    def _texts(self, node: Node) -> str | tuple[str, ...]:
        if isinstance(node, SequenceNode):
            return tuple(self._any_text(item) for item in node.value)
        return self._any_text(node)

    def _tags(self, node: Node) -> tuple[str, ...]:
        if not isinstance(node, SequenceNode):
            raise self._invalid(node, f"`tags` must be a list such as [payments, cards], not {_kind(node)}", None)
        tags = []
        for item in node.value:
            tag = self._text(item)
            if not TAG_WORD.match(tag):
                raise self._invalid(item, f'tag "{tag}" must be one word (letters, digits, -, _ or .)', None)
            tags.append(tag)
        return tuple(tags)

    def _bool(self, node: Node) -> bool:
        if isinstance(node, ScalarNode) and node.tag == BOOL and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        quoted = isinstance(node, ScalarNode) and node.style in ("'", '"') and node.value.lower() in ("true", "false")
        hint = f"write {node.value.lower()} without quotes: quoted, it is text" if quoted else None
        raise self._invalid(node, f"expected true or false, not {_shown(node)}", hint)

    def _int(self, node: Node) -> int:
        if isinstance(node, ScalarNode) and node.tag == INT and re.fullmatch(r"[-+]?\d+", node.value):
            return int(node.value)
        raise self._invalid(node, f"expected a whole number, not {_shown(node)}", None)

    def _count(self, node: Node) -> int:
        count = self._int(node)
        if count < 0:
            raise self._invalid(node, "a count cannot be negative", None)
        return count

    def _enum(self, node: Node, choices: tuple[str, ...]) -> str:
        value = self._word(node) if isinstance(node, ScalarNode) and node.tag != NULL else None
        if value not in choices:
            raise self._invalid(
                node, f"expected {' or '.join(choices)}, not {_shown(node)}", _did_you_mean(value or "", choices)
            )
        return value

    def _duration(self, node: Node) -> float:
        seconds = self._any_duration(node)
        if seconds * 1000 > LONGEST_MS:
            raise self._invalid(node, "a duration can be at most 2,147,483,647 ms (about 24 days)", "the browser cannot wait longer")
        return seconds

    def _timeout(self, node: Node) -> float:
        seconds = self._duration(node)
        if seconds <= 0:
            raise self._invalid(node, "a timeout must be more than 0", "0 would wait forever; e.g. 500ms, 2s")
        return seconds

    def _any_duration(self, node: Node) -> float:
        text = node.value.strip() if isinstance(node, ScalarNode) else ""
        match = DURATION.fullmatch(text)
        if not match:
            if re.fullmatch(r"\d+(\.\d+)?", text):
                hint = f"write {text}s or {text}ms"
            elif DURATION.fullmatch("0" + text):
                hint = f"write 0{text}"
            else:
                hint = "e.g. 500ms, 2s, 1.5s, 1m"
            raise self._invalid(node, f"expected a duration with a unit, not {_shown(node)}", hint)
        return float(match.group(1)) * UNIT_SECONDS[match.group(2)]

    def _regex(self, node: Node) -> str:
        pattern = self._text(node)
        if self._masking:  # shown, not run: a masked pattern need not compile
            return pattern
        try:
            re.compile(pattern)
        except re.error as exc:
            raise self._invalid(node, f"invalid regular expression: {exc}", None) from None
        return pattern

    # -- ${params} ---------------------------------------------------------------------------------------------

    def _substitute(self, node: ScalarNode, text: str, display: bool) -> str:
        if "$" not in text:
            return text
        if "${" in PLACEHOLDER.sub("\0", text):  # a `${` left once each `${name}` and `$${` is cut out ("\0": no new one)
            taken = [match.span() for match in PLACEHOLDER.finditer(text)]
            offset = next(m.start() for m in UNCLOSED.finditer(text) if not any(a <= m.start() < b for a, b in taken))
            raise self._invalid_at(node, offset, "`${` is not closed by `}`", "write ${name}, or $${ for a literal ${")

        def replace(match: re.Match) -> str:
            if match.group(0) == "$${":
                return "${"
            name = match.group(1).strip()
            if name == "env." or not name:
                shown = "`${env.}` has no variable name" if name else "`${}` has no name"
                raise self._invalid_at(node, match.start(), shown, "write ${param}, or ${env.NAME} for an environment variable")
            if name.startswith("env."):
                return self._env(node, match, name[4:])
            self.params_used.add(name)
            self._check_order(node, match, name)
            if name not in self.values:
                hint = _did_you_mean(name, self.values) or "declare it under `params:`, or write $${ for a literal ${"
                raise self._invalid_at(node, match.start(), f'unknown param "{name}"', hint)
            value = self.values[name]
            if name in self.hidden:
                shown, secrets = self.hidden[name]
                self._secret_seen = True
                self._secret_values.update(secrets)
                return shown if display or self._masking else value
            return value

        return PLACEHOLDER.sub(replace, text)

    def _check_order(self, node: ScalarNode, match: re.Match, name: str) -> None:
        """A param's default may use only the params declared above it (they are read in order)."""
        if name == self._declaring:
            raise self._invalid_at(node, match.start(), f'param "{name}" refers to itself', "a default cannot use its own value")
        if name in self._below:
            raise self._invalid_at(
                node,
                match.start(),
                f'param "{name}" is declared below "{self._declaring}" (line {self._below[name]})',
                f'a param can use only the params above it: move "{name}" above "{self._declaring}"',
            )

    def _env(self, node: ScalarNode, match: re.Match, name: str) -> str:
        value = os.environ.get(name)
        if value is None and self.loader.require_values:
            raise self._invalid_at(node, match.start(), f"environment variable {name} is not set", None)
        return value or ""

    # -- problems ----------------------------------------------------------------------------------------------

    def _problem(self, node: Node, message: str, hint: str | None = None) -> Problem:
        mark = node.start_mark
        return self.source.problem(mark.line + 1, mark.column + 1, message, hint)

    def _invalid(self, node: Node, message: str, hint: str | None) -> _Invalid:
        return _Invalid(self._problem(node, message, hint))

    def _invalid_at(self, node: ScalarNode, offset: int, message: str, hint: str | None) -> _Invalid:
        """A problem inside a one-line scalar, pointing at the character (quotes counted)."""
        mark = node.start_mark
        same_line = node.end_mark is None or node.end_mark.line == mark.line
        column = mark.column + 1 + (offset + (1 if node.style in ("'", '"') else 0) if same_line else 0)
        return _Invalid(self.source.problem(mark.line + 1, column, message, hint))

    def _unknown_key(self, node: Node, name: str, where: str, known: list[str], noun: str = "key") -> _Invalid:
        hint = _did_you_mean(name, known)
        if hint is None and _shown_word(name) != name:
            hint = "it holds invisible characters; retype it"
        return self._invalid(node, f'unknown {noun} "{_shown_word(name)}" in {where}', hint)

    def _lines(self, node: MappingNode) -> tuple[str, ...]:
        """The step's own lines. A block mapping's end mark is already on the next step: end at its last scalar."""
        if self._source_lines is None:
            self._source_lines = self.source.text.splitlines()  # once per file: a 10,000-step file stays linear
        last_scalar = node
        while isinstance(last_scalar, (MappingNode, SequenceNode)) and last_scalar.value:
            last = last_scalar.value[-1]
            last_scalar = last[1] if isinstance(last, tuple) else last
        end = last_scalar.end_mark
        last = end.line if end.column > 0 or end.line == node.start_mark.line else end.line - 1
        return tuple(self._source_lines[node.start_mark.line : max(node.start_mark.line, last) + 1])


@functools.cache
def _allowed_keys(action: str) -> dict:
    """The keys a step of `action` may have: its action's, and the ones every step has (made once per action)."""
    return {**vocab.COMMON, **REGISTRY[action].keys, action: None}


_REQUIRED_HINTS = {
    "flow": "add a title: `flow: Change the card on your account`",
    "steps": "add `steps:` with at least one step, e.g. `- click: Account`",
}


def _shown_word(text: str) -> str:
    """A word from the file, safe to print: invisible and direction-changing characters shown as U+XXXX."""
    import unicodedata

    return "".join(
        f"U+{ord(ch):04X}" if unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cs", "Zl", "Zp") else ch for ch in text
    )


def _did_you_mean(word: str, choices) -> str | None:
    import difflib  # only for a mistake: loading good flows does not pay for it (B3)

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else None


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _shown(node)


def _shown(node: Node) -> str:
    if isinstance(node, ScalarNode):
        if node.tag == NULL and node.style is None:
            return "nothing"
        value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        return f'"{value}"'
    return "a mapping" if isinstance(node, MappingNode) else "a list"


def _narrowing(action: str | None):
    return REGISTRY[action].narrowing if action is not None else None
