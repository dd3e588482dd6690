"""The words of the flow format, as data: top-level keys, actions, common keys, target keys, matchers.

One source of truth: the loader validates against these tables and `guidedflows schema` is generated from them.
Each entry carries the help text editors show on hover.
"""

from __future__ import annotations

from dataclasses import dataclass

# Value kinds: "text", "name" (a flow id, step id or screenshot name: it names files), "where" (a path under the
# base URL or an http(s) URL), "target", "target_or_page", "flow_ref", "duration", "bool", "int", "regex", "texts",
# "params", "with", "steps", "condition", "files" (a path or a list of them), or "enum:a|b|c".


@dataclass(frozen=True)
class Key:
    kind: str
    help: str
    required: bool = False


TOP_LEVEL = {
    "flow": Key("text", "The flow's title, shown in the guide, reports and docs.", required=True),
    "description": Key("text", "One paragraph shown before step 1 in a guide and under the title in docs."),
    "id": Key(
        "name",
        "Unique id of the flow in a run: letters, digits, -, _ and . (it names files and folders); defaults to the "
        "file name without .yaml/.yml/.flow.",
    ),
    "tags": Key("tags", "Words to select flows by (CLI --tag, pytest -m)."),
    "start": Key(
        "where", "Where the flow begins: a path appended to the base URL, or a full http(s) URL (or about:blank). Default /."
    ),
    "params": Key("params", "Inputs: name: default, or name: {default, secret, description}."),
    "setup": Key("steps", "Steps run before `steps` in every mode, never highlighted, never in docs."),
    "steps": Key("steps", "The procedure, one action per step.", required=True),
}

PARAM_KEYS = {
    "default": Key("text", "The value used when none is given on the command line or by `use ... with`."),
    "secret": Key("bool", "Never show the value: masked as •••• and its last 4 characters everywhere."),
    "description": Key("text", "What the param is for."),
}

COMMON = {
    "say": Key("text", "What the guide card, demo and docs say for this step (Markdown: **bold**, *em*, `code`, links)."),
    "optional": Key("bool", "Skip the step (and say so) when its target does not appear within 2 s."),
    "timeout": Key("duration", "How long this step may take, overriding the run's default (e.g. 5s)."),
    "dialog": Key("enum:accept|dismiss", "How to answer a native dialog (confirm/alert/prompt) this step opens."),
    "id": Key(
        "name", "A name for the step, unique in its flow (letters, digits, -, _ and .); used in reports, docs anchors and --from."
    ),
    "when": Key(
        "condition",
        "Run this step (or the used flow) only if this holds now: {visible: TARGET}, {hidden: TARGET} or {url: ...};"
        " decided at once after the page settles, never by waiting out a timeout.",
    ),
}

CONDITIONS = {
    "visible": Key("target", "The condition holds when this target is on the screen."),
    "hidden": Key("target", "The condition holds when this target is not on the screen (absent or hidden)."),
    "url": Key("text", "The condition holds when the page address matches, as `expect: page` with `url:` matches it."),
}

VALUE = Key("text", "The text to type, or the option (label or value) to choose.", required=True)

MATCHERS = {
    "visible": Key("bool", "Visible (true) or hidden/absent (false)."),
    "text": Key("texts", "Exact text after collapsing white space; a list matches the elements in order."),
    "contains": Key("text", "The text contains this."),
    "matches": Key("regex", "The text matches this regular expression."),
    "value": Key("text", "An input's value."),
    "count": Key("int", "How many elements match."),
    "checked": Key("bool", "Checkbox/radio state."),
    "enabled": Key("bool", "Enabled (true) or disabled (false)."),
    "url": Key("text", "With `page`: the page URL (full URL, /path after the base URL, or #fragment)."),
    "title": Key("text", "With `page`: the document title."),
}
PAGE_MATCHERS = ("url", "title")

# The actions themselves, with their own keys, are in the step registry (steps/): one module per family.

TARGET_LOCATORS = {
    "role": Key("role", "An ARIA role (button, link, textbox…); with `name`, its accessible name."),
    "text": Key("text", "Visible text."),
    "label": Key("text", "A form field by its label."),
    "placeholder": Key("text", "A field by its placeholder."),
    "alt": Key("text", "An image by its alt text."),
    "title": Key("text", "An element by its title attribute."),
    "testid": Key("text", "The test id attribute (data-testid by default)."),
    "css": Key("text", "A CSS selector (pierces open shadow roots)."),
    "xpath": Key("text", "An XPath expression."),
}

TARGET_REFINEMENTS = {
    "name": Key("text", "With `role`: the accessible name."),
    "exact": Key(
        "bool",
        "true: the exact words only (no folding of case, quotes or a label's colon, no part of a text); false: any case, any part.",
    ),
    "within": Key("target", "A target to search inside."),
    "has_text": Key("text", "Keep only elements containing this text."),
    "nth": Key("int", "Pick one of several: 0-based, negative counts from the end."),
    "frame": Key("target", "The <iframe> the element lives in."),
}

# The roles Playwright's get_by_role accepts (ARIA 1.2).
ARIA_ROLES = frozenset(
    """alert alertdialog application article banner blockquote button caption cell checkbox code columnheader
    combobox complementary contentinfo definition deletion dialog directory document emphasis feed figure form
    generic grid gridcell group heading img insertion link list listbox listitem log main marquee math menu menubar
    menuitem menuitemcheckbox menuitemradio meter navigation none note option paragraph presentation progressbar
    radio radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider spinbutton status
    strong subscript superscript switch tab table tablist tabpanel term textbox time timer toolbar tooltip tree
    treegrid treeitem""".split()
)
