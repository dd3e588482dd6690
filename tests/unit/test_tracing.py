"""Where a trace stops (tracing.py), with a fake browser context: before the first step that types a secret, and
before the start page when `start:` is built from one (issue 12), for `check --trace` and for pytest's --tracing."""

from __future__ import annotations

from guidedflows.flow.loader import load_flow
from guidedflows.run.events import FlowFinished, FlowResult, FlowStarted, StepStarted
from guidedflows.run.tracing import ChunkGuard, Tracer
from helpers import write_flow

TOKEN_START = """\
flow: Token
start: /pay?token=${token}
params:
  token: {default: "tok-5e1f0c", secret: true}
steps:
  - click: Pay
"""
PLAIN_START = TOKEN_START.replace("?token=${token}", "")


class FakeTracing:
    def __init__(self):
        self.calls: list[tuple] = []

    def __getattr__(self, name):
        return lambda *args, **kwargs: self.calls.append((name, kwargs.get("path") or (args[0] if args else None)))


class FakeContext:
    def __init__(self):
        self.tracing = FakeTracing()
        self.pages: list = []
        self.browser = None


def test_a_secret_in_start_stops_the_trace_before_the_start_page(tmp_path, capsys):
    flow = load_flow(write_flow(tmp_path, TOKEN_START, "token.yaml"))
    assert flow.start == "/pay?token=tok-5e1f0c" and flow.shown_start == "/pay?token=••••1f0c"
    context = FakeContext()
    tracer = Tracer(context, "on", tmp_path / "out", flow.id)
    tracer(FlowStarted(flow))
    names = [name for name, _ in context.tracing.calls]
    assert names == ["start", "group", "group_end", "stop"]
    assert context.tracing.calls[1][1] == "trace ends here: the start page's address holds a secret, and secrets are never recorded"
    assert capsys.readouterr().err == (
        "token: the trace stops before the start page, whose address holds a secret (secrets are never recorded)\n"
    )
    tracer(StepStarted(flow, flow.steps[0], "1"))  # already stopped: nothing more
    tracer(FlowFinished(FlowResult(flow)))
    tracer.finish(FlowResult(flow))
    assert [name for name, _ in context.tracing.calls] == names


def test_hearing_the_flow_finish_changes_nothing_finish_adds_the_trace(tmp_path):
    """Listeners' order does not matter: as a listener the tracer only stops before secrets; the runner's
    `finish(result)` stops the recording and lists the trace in the result."""
    flow = load_flow(write_flow(tmp_path, PLAIN_START, "plain.yaml"))
    context = FakeContext()
    tracer = Tracer(context, "on", tmp_path / "out", flow.id)
    result = FlowResult(flow)
    tracer(FlowFinished(result))
    assert [name for name, _ in context.tracing.calls] == ["start"] and result.artifacts == []
    tracer.finish(result)
    assert [name for name, _ in context.tracing.calls] == ["start", "stop"]


def test_pytests_trace_is_cut_before_a_secret_start_too(tmp_path):
    flow = load_flow(write_flow(tmp_path, TOKEN_START, "token.yaml"))
    context = FakeContext()
    guard = ChunkGuard(context, tmp_path / "out", tracing=True)
    guard(FlowStarted(flow))
    assert [name for name, _ in context.tracing.calls] == ["group", "group_end", "stop_chunk"]
    assert guard.saved == tmp_path / "out" / "trace-before-secret.zip"


def test_a_start_without_a_secret_is_traced(tmp_path):
    flow = load_flow(write_flow(tmp_path, PLAIN_START, "plain.yaml"))
    assert flow.shown_start is None and not flow.start_secret
    context = FakeContext()
    Tracer(context, "on", tmp_path / "out", flow.id)(FlowStarted(flow))
    ChunkGuard(context, tmp_path / "out", tracing=True)(FlowStarted(flow))
    assert [name for name, _ in context.tracing.calls] == ["start"]
