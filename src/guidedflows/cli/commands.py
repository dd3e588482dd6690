"""The `guidedflows` command. `main(argv)` parses, runs one command, prints errors once, returns the exit code.

Exit codes (interfaces.md): 0 success, 1 a flow failed, 2 invalid input or usage, 3 no usable environment,
130 interrupted. Playwright is imported only by commands that need a browser, so --help and validate stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
from pathlib import Path

from ..defaults import OUTPUT_DIR, STEP_TIMEOUT
from ..flow.printable import lines, quoted
from . import arguments

DEFAULT_FLOWS = "flows"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(_named_command(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    from ..errors import (
        GuidedflowsError,  # after parsing: --help does not pay for it (B3)
    )

    try:
        with _interruptible():
            code = args.handler(args)
        sys.stdout.flush()  # here, not at exit: a reader gone away is a BrokenPipeError this function answers
        return code
    except BrokenPipeError:
        return _reader_gone()
    except GuidedflowsError as exc:
        if args.debug:
            raise
        print(exc.show(), file=sys.stderr)  # each error shows itself safely (errors.py, printable.py)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug of ours: one line, and the way to see more
        if args.debug:
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n(run again with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 1


def _reader_gone() -> int:
    """What reads our output went away (`guidedflows validate | head -3`): stop quietly, as a command stopped by
    SIGPIPE does, with its exit status (128 + 13). The rest of the output goes nowhere, not into an error at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 141


@contextlib.contextmanager
def _interruptible():
    """Ctrl-C raises KeyboardInterrupt as usual, after silencing the logs a half-answered browser call would write."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return

    def interrupt(signum, frame):
        from ..browser.pwerrors import quiet_after_interrupt

        quiet_after_interrupt()
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, interrupt)
    except ValueError:  # not the main thread, where only the main thread may set it (no `threading` import: B3)
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad value said in one line on stderr (exit 2), like every other usage error."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's help formatter, given the terminal's width as shutil.get_terminal_size() says it: argparse imports
    shutil (and with it zlib, bz2 and lzma) to ask, as it checks each option added (B3)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ is not None else 0
        except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
            columns = 0
    return argparse.HelpFormatter(prog, width=(columns or 80) - 2)


ALL = "*"


def build_parser(only: str | None = ALL) -> argparse.ArgumentParser:
    """The command line's parser, of every command (ALL), or of `only` the command named: what `main` passes when its
    arguments name one (so `validate` builds neither `check`'s report options nor twelve other parsers, each asking
    gettext for its words: B3). None: every command with its one-line help but no options, all that `--help` and a
    mistyped command need."""
    parser = _Parser(
        prog="guidedflows",
        description="One YAML flow per website procedure: guide a person through it, check it in CI, publish it.",
    )
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks (for reporting bugs)")
    parser.add_argument("--version", action=_VersionAction, help="print the versions of guidedflows, Playwright, Python")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, fill, handler) in COMMANDS.items():
        if only not in (ALL, None, name):
            continue
        sub = commands.add_parser(name, help=help_text)
        if only in (ALL, name):
            fill(sub)
            sub.set_defaults(handler=handler)
            if name != "export":
                sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _named_command(argv: list[str] | None) -> str | None:
    """The command the arguments name (the first one that is not an option), if they name one (argparse reads the
    `--` of `guidedflows -- validate` as the command: then none)."""
    for arg in sys.argv[1:] if argv is None else argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
        if arg == "--":
            return None
    return None


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", metavar="PATH", help=f"flow files or folders (default: {DEFAULT_FLOWS}/)")
    _running_options(check)
    _report_options(check)
    _scale_options(check)


def _guide_options(guide: argparse.ArgumentParser) -> None:
    guide.add_argument("flow", metavar="FLOW", help="a flow file, or the id of a flow under flows/")
    _running_options(guide)


def _demo_options(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("flow", metavar="FLOW", help="a flow file, or the id of a flow under flows/")
    _running_options(demo)
    demo.add_argument(
        "--pace", type=arguments.pace, default=1.5, metavar="DURATION",
        help="pause on each card, plus time to read it (1.5s); 0 for no pauses",
    )
    demo.add_argument("--video", type=arguments.folder, metavar="DIR", help="record a video of the run into DIR")


def _docs_options(docs: argparse.ArgumentParser) -> None:
    docs.add_argument("paths", nargs="*", metavar="PATH", help=f"flow files or folders (default: {DEFAULT_FLOWS}/)")
    _running_options(docs)
    docs.add_argument("--out", type=arguments.folder, required=True, metavar="DIR", help="where the guides go")
    docs.add_argument("--format", default="md,html", metavar="md,html", help="which pages to write (md,html)")
    docs.add_argument("--viewport", default="1280x800", metavar="WxH", help="browser viewport (1280x800)")
    docs.add_argument("--scale", type=arguments.scale, default=2.0, metavar="N", help="device scale factor of the images (2)")
    docs.add_argument("--theme", choices=("light", "dark"), default="light", help="outline colours")


def _validate_options(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("paths", nargs="*", metavar="PATH", help=f"flow files or folders (default: {DEFAULT_FLOWS}/)")
    validate.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="override a flow param")
    validate.add_argument("--strict", action="store_true", help="exit 2 when there are warnings, as for invalid input")


def _export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("paths", nargs="+", metavar="FLOW", help="flow files or folders (several flows go in one tour)")
    export.add_argument("--out", type=arguments.folder, required=True, metavar="DIR", help="where tour.js (or the extension) goes")
    export.add_argument("--format", choices=("script", "extension"), default="script", help="tour.js alone, or a Chrome extension")
    export.add_argument("--base-url", type=arguments.web_url, metavar="URL",
                        help="the site the tour runs on (default: the page's own origin; the extension runs only there)")
    export.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="override a flow param")
    export.add_argument("--tag", action="append", default=[], metavar="TAG", help="only flows with one of these tags")


def _schema_options(schema: argparse.ArgumentParser) -> None:
    pass


def _import_options(convert: argparse.ArgumentParser) -> None:
    convert.add_argument("recording", type=Path, metavar="FILE", help="the recording, exported as JSON")
    convert.add_argument("--out", type=arguments.file, required=True, metavar="FILE", help="the flow file to write")
    convert.add_argument("--base-url", type=arguments.web_url, metavar="URL", help="write URLs under it as paths (start: /cards.html)")


def _record_options(record: argparse.ArgumentParser) -> None:
    record.add_argument("url", nargs="?", type=arguments.web_url, metavar="URL", help="where to start (default: the built-in storefront)")
    record.add_argument("--out", type=arguments.file, required=True, metavar="FILE", help="the flow file to write")
    record.add_argument(
        "--base-url", type=arguments.web_url, metavar="URL", help="write URLs under it as paths (default: the storefront's)"
    )
    shown = record.add_mutually_exclusive_group()
    shown.add_argument("--headed", dest="headless", action="store_false", default=None, help="show the browser (default)")
    shown.add_argument("--headless", dest="headless", action="store_true", help="hide the browser (with --cdp, for scripts)")
    record.add_argument("--browser-path", metavar="PATH", help="the browser executable to use")
    record.add_argument("--cdp", metavar="URL", help="record in a running Chromium's current tab (its remote-debugging URL)")


def _doctor_options(doctor: argparse.ArgumentParser) -> None:
    doctor.add_argument("--browser-path", metavar="PATH", help="the browser executable to use")


def _init_options(init: argparse.ArgumentParser) -> None:
    init.add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="DIR", help="where (default: here)")


def _serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("--port", type=arguments.port, default=0, help="port to listen on, 1 to 65535 (default: a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    serve.add_argument(
        "--allow-remote", action="store_true", help="allow a --host other than loopback (the store is then reachable)"
    )


def _merge_options(merge: argparse.ArgumentParser) -> None:
    merge.add_argument("inputs", nargs="+", type=Path, metavar="FILE", help="results files: .json (--json), .xml (--junit)")
    merge.add_argument("--json", type=arguments.file, metavar="FILE", help="write the merged JSON results here")
    merge.add_argument("--junit", type=arguments.file, metavar="FILE", help="write the merged JUnit XML here")


def _running_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("running")
    group.add_argument(
        "--base-url", type=arguments.web_url, metavar="URL", help="the site to run against (default: the built-in storefront)"
    )
    group.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="override a flow param")
    group.add_argument("--tag", action="append", default=[], metavar="TAG", help="only flows with one of these tags")
    group.add_argument("--timeout", type=arguments.timeout, default=STEP_TIMEOUT, metavar="DURATION", help="per-step timeout (10s)")
    shown = group.add_mutually_exclusive_group()
    shown.add_argument("--headed", dest="headless", action="store_false", default=None, help="show the browser")
    shown.add_argument("--headless", dest="headless", action="store_true", help="hide the browser")
    group.add_argument("--browser-path", metavar="PATH", help="the browser executable to use")
    group.add_argument("--connect", metavar="WS_URL", help="use a browser served by a Playwright server")
    group.add_argument("--cdp", metavar="URL", help="attach to a running Chromium's remote-debugging endpoint")
    # a text default: argparse checks it with `type` too, so the default folder is checked like a given one
    group.add_argument("--output", type=arguments.folder, default=OUTPUT_DIR, metavar="DIR", help="artifacts")


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise _usage(f"--param takes NAME=VALUE, not {quoted(pair)}")
        params[name.strip()] = value
    return params


def _load(paths: list[str], params: dict[str, str], tags: list[str] | None = None, require_values: bool = True):
    from ..flow.loader import load_flows

    given, roots = _given(paths)
    flows = load_flows(given, params, require_values=require_values, roots=roots)
    _check_found(flows, given, params)
    if tags:
        flows = [flow for flow in flows if set(flow.tags) & set(tags)]
        if not flows:
            raise _usage("no flow carries the tag " + " or ".join(f'"{t}"' for t in tags))
    return flows


def _given(paths: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """The paths to read flows from (flows/ when none are given), and the folders `use` may also open files in."""
    if not paths and not Path(DEFAULT_FLOWS).is_dir():
        raise _usage(f"no {DEFAULT_FLOWS}/ folder here; give flow files or folders, e.g. guidedflows check my-flows/")
    roots = (DEFAULT_FLOWS,) if Path(DEFAULT_FLOWS).is_dir() else ()  # `use` may reach into flows/ from a file in it
    return paths or [DEFAULT_FLOWS], roots


def _check_found(flows, given: list[str], params: dict[str, str]) -> None:
    """Flows were found, every --param is one of theirs, and no two have the same id."""
    if not flows:
        raise _usage("no flow files found in " + ", ".join(given))
    _check_params(flows, params)
    _check_ids(flows)


def _check_params(flows, params: dict[str, str]) -> None:
    declared = {param.name for flow in flows for param in flow.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        raise _usage(f'--param {unknown[0]}: no flow here has a param "{unknown[0]}"')


def _check_ids(flows) -> None:
    seen: dict[str, str] = {}
    for flow in flows:
        if flow.id in seen:
            raise _usage(f'two flows have the id "{flow.id}": {seen[flow.id]} and {flow.path}')
        seen[flow.id] = flow.path


def _report_options(parser: argparse.ArgumentParser) -> None:
    from ..reporters.outputs import add_options

    add_options(parser)


def _scale_options(parser: argparse.ArgumentParser) -> None:
    from ..scale.options import add_options

    add_options(parser)


def _check(args) -> int:
    from ..reporters.console import ConsoleReporter
    from ..reporters.outputs import Outputs
    from ..run.runner import RunSettings
    from ..scale.options import run_checks, selected

    flows = selected(_load(args.paths, _params(args.param), args.tag), args)
    console = ConsoleReporter()
    outputs = Outputs(args, console, len(flows))
    settings = RunSettings(
        base_url=args.base_url,
        timeout=args.timeout,
        output_dir=args.output,
        headless=True if args.headless is None else args.headless,
        browser_path=args.browser_path,
        connect=args.connect,
        cdp=args.cdp,
        listeners=outputs.listeners,
        retries=args.retries,
        trace=args.trace,
    )
    results = run_checks(flows, settings, args.workers)
    console.summary()
    outputs.write()
    return outputs.exit_code(results)


def _settings(args, *, headless_by_default: bool, listeners=(), **more):
    from ..run.runner import RunSettings

    headless = headless_by_default if args.headless is None else args.headless
    if not headless and not (args.cdp or args.connect):
        _require_display(args.command)
    return RunSettings(
        base_url=args.base_url,
        timeout=args.timeout,
        output_dir=args.output,
        headless=headless,
        browser_path=args.browser_path,
        connect=args.connect,
        cdp=args.cdp,
        listeners=list(listeners),
        **more,
    )


def _guide(args) -> int:
    from ..reporters.console import ConsoleReporter
    from ..run.runner import run_in_session

    flow = _one_flow(args.flow, _params(args.param))
    settings = _settings(args, headless_by_default=False, listeners=[ConsoleReporter()])
    [result] = run_in_session([flow], settings, mode="guide")
    if result.status == "stopped":
        print(lines(f"{result.flow.id}: {result.error}"))
    return 1 if result.error and result.status == "failed" else 0


def _demo(args) -> int:
    from ..modes.demo import DemoMode
    from ..reporters.console import ConsoleReporter
    from ..run.runner import run_in_session

    flow = _one_flow(args.flow, _params(args.param))
    extra = {"context_options": {"record_video_dir": str(args.video)}} if args.video else {}
    settings = _settings(args, headless_by_default=False, listeners=[ConsoleReporter()], **extra)
    try:
        [result] = run_in_session([flow], settings, mode=lambda _: DemoMode(pace=args.pace))
    except Exception as exc:  # noqa: BLE001 - Playwright's video needs its own ffmpeg: say how to get it
        if "ffmpeg" not in str(exc):
            raise
        from ..errors import EnvironmentProblem

        raise EnvironmentProblem(
            "recording a video needs Playwright's ffmpeg: run `python -m playwright install ffmpeg`"
        ) from exc
    if args.video:
        for video in sorted(args.video.glob("*.webm")):
            print(f"video: {video}")
    return 0 if result.passed else 1


def _docs(args) -> int:
    from ..howto.build import write_docs

    formats = tuple(part.strip() for part in args.format.split(",") if part.strip())
    if not formats or set(formats) - {"md", "html"}:
        raise _usage(f"--format takes md, html or md,html, not {quoted(args.format)}")
    viewport = _viewport(args.viewport)
    flows = _load(args.paths, _params(args.param), args.tag)
    settings = _settings(args, headless_by_default=True, viewport=viewport, device_scale_factor=args.scale)
    return write_docs(flows, settings, args.out, formats, args.theme)


def _viewport(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", text.strip())
    if not match:
        raise _usage(f"--viewport takes WIDTHxHEIGHT such as 1280x800, not {quoted(text)}")
    return int(match.group(1)), int(match.group(2))


def _one_flow(given: str, params: dict[str, str]):
    """A flow file, or a flow id looked up under flows/."""
    from ..flow.loader import Loader, load_flow

    path = Path(given)
    if not path.is_file():
        found = Loader((DEFAULT_FLOWS,)).find(given, Path(DEFAULT_FLOWS)) if Path(DEFAULT_FLOWS).is_dir() else None
        if found is None:
            raise _usage(f"no flow file or flow id {quoted(given)} (looked in {DEFAULT_FLOWS}/)")
        path = found
    flow = load_flow(path, params, search_paths=(DEFAULT_FLOWS,) if Path(DEFAULT_FLOWS).is_dir() else ())
    _check_params([flow], params)
    return flow


def _require_display(command: str) -> None:
    import os

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        from ..errors import EnvironmentProblem

        raise EnvironmentProblem(
            f"`{command}` opens a visible browser, and there is no display here. Run it on a desktop, under a "
            f"virtual display (`xvfb-run guidedflows {command} ...`), or attach to a browser that has a screen "
            f"with --cdp http://127.0.0.1:9222 (start Chrome with --remote-debugging-port=9222)"
        )


def _validate(args) -> int:
    from ..flow.validation import validate

    params = _params(args.param)
    given, roots = _given(args.paths)
    validated = validate(given, params, roots=roots)  # in parts, one per core, for many files (B4)
    _check_found(validated.flows, given, params)
    warnings = validated.rendered
    steps = sum(flow.steps for flow in validated.flows)
    counted = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}:" if warnings else ""
    flows = len(validated.flows)
    print(f"{flows} flow{'s' if flows != 1 else ''} valid ({steps} steps){counted}")
    if warnings:  # a linter's report goes to stdout; stderr stays for what makes the command fail
        print("".join("\n" + lines(warning) + "\n" for warning in warnings), end="")
    return 2 if warnings and args.strict else 0


def _export(args) -> int:
    from ..export import write_tour

    flows = _load(args.paths, _params(args.param), args.tag, require_values=False)
    written = write_tour(flows, args.out, args.format, args.base_url)
    what = "extension" if args.format == "extension" else "tour"
    names = ", ".join(p.name for p in written)
    print(f"wrote the {what} of {len(flows)} flow{'s' if len(flows) != 1 else ''} to {written[0].parent}: {names}")
    return 0


def _schema(args) -> int:
    from ..flow.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _import(args) -> int:
    from ..authoring.drafts import secret_note, write_atomically
    from ..authoring.importer import import_recording
    from ..flow.flowtext import dump_flow

    imported = import_recording(args.recording, args.base_url)
    write_atomically(args.out, dump_flow(imported.flow))
    for note in imported.notes:
        print(lines(f"{args.recording}: {note}"), file=sys.stderr)
    print(f"wrote {args.out} ({len(imported.flow['steps'])} steps)")
    secrets = secret_note(imported.flow, args.out)
    if secrets:
        print(secrets)
    return 0


def _record(args) -> int:
    from ..authoring.record_session import record

    headless = False if args.headless is None else args.headless
    if not headless and not args.cdp:
        _require_display(args.command)
    record(args.url, args.out, base_url=args.base_url, headless=headless, browser_path=args.browser_path, cdp=args.cdp,
           echo=lambda line: print(lines(line), flush=True))
    return 0


def _doctor(args) -> int:
    from ..browser.doctor import run_doctor

    return run_doctor(args.browser_path, echo=lambda line: print(line, flush=True))


class _VersionAction(argparse.Action):
    """--version: the versions are looked up only when asked for (--help stays fast, B3)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from ..browser.doctor import versions

        print(versions())
        parser.exit()


def _init(args) -> int:
    from ..authoring.scaffold import init_project, report

    for line in report(init_project(args.folder), args.folder):
        print(line)
    return 0


def _merge_results(args) -> int:
    from ..scale.merge import merge_results

    return merge_results(args.inputs, json_out=args.json, junit_out=args.junit)


def _serve(args) -> int:
    from ..storefront import serve_forever

    serve_forever(args.port, args.host, args.allow_remote)
    return 0


# The commands in the order `--help` lists them: (one-line help, what adds its options, what runs it).
COMMANDS = {
    "check": ("run flows headless and fail precisely when the site no longer matches", _check_options, _check),
    "guide": ("walk a person through one flow in a visible browser", _guide_options, _guide),
    "demo": ("perform one flow automatically with the spotlight and card shown", _demo_options, _demo),
    "docs": ("run flows and write illustrated how-to guides (Markdown and HTML)", _docs_options, _docs),
    "validate": ("load and validate flows without a browser", _validate_options, _validate),
    "export": ("compile flows into an in-page tour (tour.js) or a Chrome extension", _export_options, _export),
    "schema": ("print the JSON Schema of the flow format (for editor completion)", _schema_options, _schema),
    "import": ("convert a Chrome DevTools Recorder recording (JSON) into a flow", _import_options, _import),
    "record": ("record what you do in a browser into a flow file", _record_options, _record),
    "doctor": ("say which browser will be used and why, start it for real, or say what to install", _doctor_options, _doctor),
    "init": ("start a flows project: a first flow, editor schema, CI workflow, README", _init_options, _init),
    "serve": ("serve the mock storefront on 127.0.0.1 until stopped", _serve_options, _serve),
    "merge-results": ("merge the --json / --junit results of shards into one", _merge_options, _merge_results),
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def _usage(message: str):
    from ..errors import UsageError

    return UsageError(message)
