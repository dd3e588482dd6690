"""What a failed search tells the author: a precise target for each of several matches, checked to pin exactly that
element, and, when nothing matched, the closest texts on the page and why words that are there did not match.

Precise targets follow codegen's order of preference: role and name, the element's own test id, the same `within`
the row / list item / group / dialog it sits in `has_text` words only that container shows, `within` an ancestor's
test id, and `nth` as the last resort (with the words right next to the element). Each is resolved with the
executor's own rules before it is offered, so pasting it finds that element and no other.
"""

from __future__ import annotations

import json
import re

from ..flow import words
from ..flow.flowtext import inline, target_value, to_target
from ..flow.model import Target
from .inpage import script
from .locate import Resolver, TargetProblem

MAX_SHOWN = 8
NAMED_ROLES = frozenset(
    "button link menuitem menuitemcheckbox menuitemradio tab checkbox radio switch option textbox searchbox "
    "combobox listbox spinbutton slider heading img cell columnheader rowheader treeitem".split()
)
CONTAINER_ROLES = ("row", "listitem", "list", "group", "dialog", "alertdialog", "form", "region", "article", "tabpanel",
                   "gridcell", "navigation", "complementary", "table")
_SNAPSHOT = re.compile(r'- ([a-z]+)(?: "((?:[^"\\]|\\.)*)")?')
SAME = "(a, b) => a === b"


def precise_targets(resolver: Resolver, frame, target: Target, locator) -> list[str]:
    """A target for each element `locator` matches (up to MAX_SHOWN) that finds that element alone, as YAML."""
    checker = Resolver(resolver.test_id_attribute, resolver.exclude_overlay)
    checker.explain = False  # checking a candidate must not suggest candidates of its own
    elements = [locator.nth(index) for index in range(min(locator.count(), MAX_SHOWN))]
    facts = [_facts(element, resolver.test_id_attribute) for element in elements]
    shown: list[str] = []
    for index, element in enumerate(elements):
        others = [f for i, f in enumerate(facts) if i != index]
        chosen = None
        for data, comment in _candidates(target, facts[index], others, index):
            spelled = inline(data) + (f"   # {comment}" if comment else "")
            if spelled not in shown and _pins(checker, frame, target, data, element):
                chosen = spelled
                break
        shown.append(chosen or inline({**_base(target, facts[index]), "nth": index}))
    return shown


def _facts(element, test_id_attribute: str) -> dict:
    facts = element.evaluate(script("element_facts.js"), test_id_attribute)
    facts["role"], facts["name"] = _role_and_name(element)
    return facts


def _role_and_name(element) -> tuple[str | None, str | None]:
    """The element's ARIA role and accessible name, as Playwright computes them (its aria snapshot's first line)."""
    try:
        first = element.aria_snapshot(timeout=2000).splitlines()[0]
    except Exception:  # noqa: BLE001 - the element went away: no role to offer
        return None, None
    match = _SNAPSHOT.match(first)
    if not match:
        return None, None
    name = json.loads(f'"{match.group(2)}"') if match.group(2) else None
    return match.group(1), name


def _base(target: Target, facts: dict) -> dict:
    """The target as written, as a mapping: a string target becomes the role and name it was found by, or its text."""
    if target.kind != "human":
        data: dict = {target.kind: target.value}
        if target.name is not None:
            data["name"] = target.name
        if target.within is not None:
            data["within"] = target_value(target.within)
        return data
    if facts.get("role") in NAMED_ROLES and facts.get("name"):
        return {"role": facts["role"], "name": facts["name"]}
    return {"text": target.value}


def _candidates(target: Target, facts: dict, others: list[dict], index: int):
    """(target data, comment) in the order a person would rather read them."""
    base = _base(target, facts)
    if facts.get("role") in NAMED_ROLES and facts.get("name"):
        yield {"role": facts["role"], "name": facts["name"]}, None
    if facts.get("testid"):
        yield {"testid": facts["testid"]}, None
    for within in _containers(facts, others):  # a closer container than the target's own `within`, if it has one
        yield {**base, "within": within}, None
    if facts.get("within_testid"):
        yield {**base, "within": {"testid": facts["within_testid"]}}, None
    near = _distinct(facts.get("before", []), [o.get("before", []) for o in others])
    yield {**base, "nth": index}, (f'the one near "{near}"' if near else None)


def _containers(facts: dict, others: list[dict]):
    """`{role: listitem, has_text: …}` for each container around the element (nearest first), with words none of the
    other matches' containers of that role show; then the words heading an ancestor (`within: "Suggested facets:"`)."""
    for container in facts.get("containers", []):
        if container["role"] not in CONTAINER_ROLES:
            continue
        taken = [c["lines"] for o in others for c in o.get("containers", []) if c["role"] == container["role"]]
        line = _distinct(container["lines"], taken)
        if line is not None:
            yield {"role": container["role"], "has_text": line}
    for heading in facts.get("headed", []):
        if not any(heading in other.get("headed", []) for other in others):
            yield heading


def _distinct(lines: list[str], others: list[list[str]]) -> str | None:
    """The first of `lines` that appears in none of `others` (nor inside one of their lines)."""
    taken = [line for other in others for line in other]
    for line in lines:
        if not any(line == t or line in t for t in taken):
            return line
    return None


def _pins(checker: Resolver, frame, target: Target, data: dict, element) -> bool:
    """Whether check mode's own search finds `element` and nothing else for `data`."""
    candidate = to_target(data, action=target.action)
    try:
        found = checker.probe_frame(candidate, frame)
        return found is not None and found.locator.count() == 1 and found.locator.evaluate(SAME, element.element_handle(timeout=2000))
    except TargetProblem:
        return False
    except Exception:  # noqa: BLE001 - an element that went away, a frame navigating: not this candidate
        return False


# -- nothing found -----------------------------------------------------------------------------------------------


def not_found_message(resolver: Resolver, page, target: Target, limit: int = 3) -> str:
    """Why nothing matched, in a person's words: words that are there but did not match (and why), else the closest
    texts on the page, ranked by similarity, visible ones first."""
    wanted = target.name if target.kind == "role" and target.name else target.value
    if target.kind in ("testid", "css", "xpath"):
        return f"could not find {target.spelled()} on the page"
    entries = _page_texts(page, words.normalised(wanted), target.action)
    reasons = [e["why"] for e in entries if e.get("why")]
    if reasons:  # the words are there: say why they did not match, not "the closest text is … the same words"
        return f"{target.spelled()} is on the page, but {reasons[0]}"
    closest = _closest(wanted, entries, limit)
    message = f"could not find {target.spelled()} on the page"
    if closest:
        message += "; the closest texts on the page are: " + ", ".join(f'"{t}"' for t in closest)
    return message


def _page_texts(page, wanted: str, action: str | None) -> list[dict]:
    entries: list[dict] = []
    for frame in page.frames:
        try:
            entries.extend(frame.evaluate(script("page_texts.js"), [wanted, action]))
        except Exception:  # noqa: BLE001 - a frame that went away while we looked
            continue
    return entries


def _closest(wanted: str, entries: list[dict], limit: int) -> list[str]:
    """The texts most like `wanted`, never a bare repeat of it; visible texts before hidden tooltips."""
    scored = []
    target = words.normalised(wanted)
    for entry in entries:
        if words.normalised(entry["text"]) == target:
            continue
        score = words.similarity(wanted, entry["text"])
        if score >= 0.5:
            scored.append((not entry["visible"], -score, entry["text"]))
    scored.sort()
    return [text for _, _, text in scored[:limit]]
