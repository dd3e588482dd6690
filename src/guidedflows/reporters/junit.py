"""`check --junit FILE`: JUnit XML as Jenkins and GitLab read it (validated against Jenkins' junit-10.xsd in tests).

One <testsuite> per flow, holding its steps as <property> elements (the schema allows properties only on suites)
and one <testcase> with the flow's time; each step is also a line of <system-out>, and the failure screenshot is
attached with the `[[ATTACHMENT|path]]` convention. A flaky flow passes, with its first failure as <flakyFailure>.
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

from ..flow.markup import plain
from ..run.attempts import failure_artifacts
from ..run.events import FAILED, FLAKY, PASSED, SKIPPED
from .failure import failure_text

MARKS = {PASSED: "✓", FAILED: "✗", SKIPPED: "–"}
# Characters XML 1.0 cannot hold at all (a page's text can contain them; the file must still parse).
NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_junit(record, path: Path) -> None:
    root = ET.Element("testsuites", name="guidedflows", tests=str(len(record.results)))
    root.set("failures", str(record.count(FAILED)))
    root.set("errors", "0")
    root.set("time", _seconds(record.duration))
    for result in record.results:
        root.append(_suite(result, record))
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _suite(result, record) -> ET.Element:
    flow = result.flow
    suite = ET.Element("testsuite", name=flow.id, tests="1", failures=str(int(result.status == FAILED)))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    suite.set("time", _seconds(result.duration))
    suite.set("timestamp", record.started.strftime("%Y-%m-%dT%H:%M:%S"))
    suite.set("hostname", socket.gethostname())
    suite.set("file", flow.path)
    properties = ET.SubElement(suite, "properties")
    facts = [("title", flow.title), ("status", result.status), ("attempts", str(result.attempts))]
    facts += [("base_url", result.base_url or record.base_url or "")]
    facts += [(f"step {step.number}", _step_value(flow, step)) for step in result.steps]
    for name, value in facts:
        ET.SubElement(properties, "property", name=name, value=_text(flow, value))
    suite.append(_case(result))
    return suite


def _case(result) -> ET.Element:
    flow = result.flow
    case = ET.Element("testcase", name=flow.id, classname=flow.path, time=_seconds(result.duration))
    if result.status in (FAILED, FLAKY):
        tag = "failure" if result.status == FAILED else "flakyFailure"
        problem = ET.SubElement(case, tag, message=_text(flow, _message(result)), type="StepFailed")
        problem.text = _text(flow, failure_text(result))
    out = ET.SubElement(case, "system-out")
    out.text = _text(flow, system_out(result))
    return case


def _message(result) -> str:
    return result.error if result.status == FLAKY else result.failure_message()


def system_out(result) -> str:
    """One line per step as a CI server shows it (`✓ 3 Click "Save card". (0.12s)`), then the attachments."""
    lines = [step_line(result.flow, step) for step in result.steps]
    if result.error and result.failed_step is None:
        lines.append(result.error)
    attached = failure_artifacts(result) if result.status in (FAILED, FLAKY) else result.artifacts
    lines += [f"[[ATTACHMENT|{path}]]" for path in attached]
    return "\n".join(lines) + "\n"


def step_line(flow, step) -> str:
    mark = MARKS.get(step.status, "?")
    line = f"{mark} {step.number} {plain(step.step.describe())} ({step.duration:.2f}s)"
    if step.error:
        line += f"\n    {step.error}\n    at {step.step.span.short}"
    return flow.redact(line)


def _step_value(flow, step) -> str:
    return f"{step.status} {step.duration:.2f}s {plain(step.step.describe())}" + (f" — {step.error}" if step.error else "")


def _text(flow, text: str) -> str:
    return NOT_XML.sub("\ufffd", flow.redact(text))


def _seconds(value: float) -> str:
    return f"{max(value, 0.0):.3f}"
