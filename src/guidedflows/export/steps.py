"""Flows → the data an exported tour carries: each step as the tour's runtime reads it (js/src/runtime.js).

Everything shown comes from the step's `view` (its secrets masked where they were put) and no secret value is ever
written: a target, an expectation, a condition or an address built from a secret is left out, and the step becomes
one the person reads and moves on from with Next. A masked secret is shown as `••••` alone (not its last four
characters: a tour is public). `secret_leaks` is the net under that, used before anything is written.
"""

from __future__ import annotations

from ..browser.inpage import target_data
from ..flow.markup import plain
from ..flow.masking import MASK, forms, is_short, mask
from ..flow.model import Condition, Expect, Flow, Step, Target
from ..run.executor import PlannedStep, plan
from ..steps import REGISTRY
from ..steps.expect import Expected
from ..steps.keys import Pressed
from ..steps.navigation import Address
from ..steps.notes import Pause


def flow_data(flow: Flow) -> dict:
    """One flow as the tour carries it: its title, start, and every planned step (setup and `use` expanded)."""
    planned = plan(flow)
    shown = [p for p in planned if not p.hidden]
    secrets = _secrets(planned, flow)
    steps = [step_data(p, shown.index(p) + 1 if p in shown else None, secrets) for p in planned]
    return {
        "id": flow.id,
        "title": _text(flow.redact(flow.title), secrets),
        "description": _text(flow.redact(flow.description), secrets) if flow.description else None,
        "start": None if flow.start_secret else flow.start,
        "total": len(shown),
        "steps": steps,
    }


def _secrets(planned: list[PlannedStep], flow: Flow) -> tuple[str, ...]:
    found = set(flow.secrets)
    for p in planned:
        found.update(p.flow.secrets)
        found.update(p.step.secrets)
    return tuple(sorted(s for s in found if s))


def _text(text: str, secrets) -> str:
    """Text as the tour shows it: a masked secret as `••••` alone."""
    for secret in secrets:
        if not is_short(secret):
            text = text.replace(mask(secret), MASK)
    return text


def step_data(planned: PlannedStep, k: int | None, secrets) -> dict:
    step, view = planned.step, planned.step.view
    data: dict = {"number": planned.number, "action": step.action, "k": k, "body": _text(card_text(step), secrets)}
    target = _clean_target(step.target, view.target)
    if step.target is not None and target is None:
        data["action"] = "note"  # its target is built from a secret: the person reads the card and moves on
    else:
        _add_target(data, step, target, secrets)
    _add_common(data, planned, view, secrets)
    return {key: value for key, value in data.items() if value is not None}


def card_text(step: Step) -> str:
    """The card's text: the step's `say`, else its description; a secret typed is never quoted, even masked."""
    view = step.view
    if view.say:
        return view.say
    if step.secret and step.action == "fill" and view.target is not None:
        return f"Type into {view.target.described()}."
    return view.describe()


def _clean_target(real: Target | None, shown: Target | None) -> Target | None:
    return real if real is not None and real == shown else None


def _add_target(data: dict, step: Step, target: Target | None, secrets) -> None:
    view = step.view
    if target is not None:  # the tour reads a press's element as `on`, as the flow writes it
        data["on" if isinstance(step.payload, Pressed) else "target"] = target_data(target)
    if target is not None and view.target is not None and target.kind != "page":
        name = _text(plain(view.target.shown_name), secrets)
        data["looking"] = f"Looking for **{name}**…"
        data["missing"] = f"I can't find **{name}** on this page."
        data["several"] = f"I found {{n}} elements that could be **{name}**, and can't tell which one you mean."
    if (watch := REGISTRY[step.action].watch) is not None:
        data["watch"] = _watch(step, watch)
    if isinstance(step.payload, Expected):
        asked = step.payload.expect
        data["expect"] = expect_data(asked) if asked == view.of(Expected).expect else None
        data["waiting"] = "Waiting for: " + _text(plain(view.describe()), secrets)
    if isinstance(step.payload, Address):
        if step.payload.url == view.of(Address).url:
            data["url"] = step.payload.url
        else:
            data["action"] = "note"


def _watch(step: Step, watch) -> dict:
    """What the overlay watches for: the action's own watch (steps/, as guide mode), read from the shown step; an
    `accept` built from a secret is left out (the person types the secret, any value moves on)."""
    spec = dict(watch(step.view))
    if spec.get("accept") != watch(step).get("accept"):
        spec["accept"] = None
    return {key: value for key, value in spec.items() if value is not None}


def _add_common(data: dict, planned: PlannedStep, view: Step, secrets) -> None:
    step = planned.step
    data["hint"] = REGISTRY[step.action].hint(view)
    data["dialog"] = step.dialog
    data["optional"] = True if step.optional else None
    data["timeout"] = round(step.timeout * 1000) if step.timeout else None
    data["duration"] = round(step.payload.seconds * 1000) if isinstance(step.payload, Pause) and step.payload.seconds else None
    data["when"] = condition_data(step.when, view.when) if step.when is not None else None
    # A `use`'s condition comes without its step's masked view: one that holds a secret's value is left out.
    gates = [[number, condition_data(c, c)] for number, c in planned.gates]
    data["gates"] = [g for g in gates if not _carries_secret(g[1], secrets)] or None


def _carries_secret(value, secrets) -> bool:
    """Whether a value (text, or lists and mappings of them) holds a secret: a long one anywhere, a short one whole."""
    if isinstance(value, dict):
        return any(_carries_secret(v, secrets) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_carries_secret(v, secrets) for v in value)
    if not isinstance(value, str):
        return False
    return any(secret == value or (not is_short(secret) and secret in value) for secret in secrets)


def condition_data(condition: Condition, shown: Condition | None) -> dict | None:
    """A `when:`; one built from a secret is left out (the step is then shown)."""
    if shown is not None and condition != shown:
        return None
    data: dict = {"kind": condition.kind}
    if condition.target is not None:
        data["target"] = target_data(condition.target)
    if condition.url is not None:
        data["url"] = condition.url
    return data


def expect_data(expect: Expect) -> dict:
    return {name: list(value) if isinstance(value, tuple) else value for name, value in expect.asked().items()}


def secret_leaks(text: str, flows: list[Flow]) -> list[str]:
    """The params whose secret value (in any of its written forms) appears in `text`; short secrets are kept out by
    provenance alone (a three-digit code would be "found" in any number)."""
    leaked = []
    for flow in flows:
        for p in plan(flow):
            for secret in set(p.flow.secrets) | set(p.step.secrets) | set(flow.secrets):
                if secret and not is_short(secret) and any(form in text for form in forms(secret)):
                    leaked.append(secret)
    return sorted(set(leaked))
