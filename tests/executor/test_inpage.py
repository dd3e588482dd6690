"""The in-page search (inpage.py, js/src/engine.js) answers as Playwright's own locators do, however a name is made.

Its cheap test before computing a name (dom.js: mayBeNamed) must never drop an element whose name holds the words:
each case below names a control in a way that test has to see through — CSS content, a label, aria-labelledby, a
hidden part inside a word, a field's value — and the in-page search must find exactly the element Playwright's
get_by_role finds for the same name.
"""

from __future__ import annotations

import pytest

from guidedflows.browser import inpage

PAGE = """
<style>
  .next::before { content: "Next"; }
  .more::after { content: " page"; }
  .num::before { content: counter(item) ". "; counter-increment: item; }
</style>
<button class="next" id="css-only"></button>
<a href="#" class="more" id="css-after">Read</a>
<ol><li><a href="#" class="num" id="counter">Chapter</a></li></ol>
<span id="tag">Remove the tag</span><button aria-labelledby="tag" id="labelledby">x</button>
<label for="labelled">Send the form</label><button id="labelled">Go</button>
<a href="#" id="split">Pass<span hidden>XYZ</span>word reset</a>
<a href="#" id="soft">Sign&shy;out</a>
<a href="#" id="icon-alt"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Home page"></a>
<a href="#" id="inner-label"><span aria-label="Shopping cart">&#128722;</span></a>
<form><input type="submit" id="default-submit"><input type="button" value="Apply filter" id="value"></form>
<a href="#" title="Open the settings" id="titled"><svg width="8" height="8"></svg></a>
<div id="host"></div>
<script>
  const root = document.getElementById("host").attachShadow({mode: "open"});
  root.innerHTML = "<button>In the shadow</button>";
</script>
"""

# (role, name as written by a person, the id of the element it names, or None for the shadow button)
CASES = [
    ("button", "Next", "css-only"),
    ("link", "Read page", "css-after"),
    ("link", "Chapter", "counter"),  # a counter is not part of a name (for Playwright either)
    ("button", "Remove the tag", "labelledby"),
    ("button", "Send the form", "labelled"),
    ("link", "Pass word reset", "split"),  # the hidden part leaves a space
    ("link", "Signout", "soft"),
    ("link", "Home page", "icon-alt"),
    ("link", "Shopping cart", "inner-label"),
    ("button", "Submit", "default-submit"),
    ("button", "Apply filter", "value"),
    ("link", "Open the settings", "titled"),
    ("button", "In the shadow", None),
]


@pytest.fixture
def named(page):
    page.set_content(PAGE)
    return page


def _same(page, ours, theirs) -> bool:
    return ours.evaluate("(el, other) => el === other", theirs.element_handle())


@pytest.mark.parametrize("role,name,element_id", CASES, ids=[c[1] for c in CASES])
def test_the_in_page_search_finds_what_get_by_role_finds(named, role, name, element_id):
    theirs = named.get_by_role(role, name=name, exact=True)
    assert theirs.count() == 1, f"the page itself does not name one {role} {name!r}"
    explicit = named.locator(inpage.selector({"kind": "role", "value": role, "name": name}, "data-testid"))
    plain = named.locator(inpage.selector({"kind": "human", "value": name, "action": "click"}, "data-testid"))
    for ours in (explicit, plain):
        assert ours.count() == 1, ours
        assert _same(named, ours, theirs)
    if element_id is not None:
        assert named.locator(f"#{element_id}").evaluate("(el, other) => el === other", theirs.element_handle())


class _Context:
    pass


class _Unregistered:
    """A page of a Playwright instance that never registered the engine: its locators say so when asked."""

    def __init__(self):
        self.context, self.main_frame, self.asked = _Context(), self, 0

    def locator(self, selector):
        return self

    def count(self):
        self.asked += 1
        raise Exception('Locator.count: Unknown engine "guidedflows" while parsing selector guidedflows={}')


def test_a_page_without_the_engine_is_found_out_once():
    """Someone else's Playwright (no `register`): asked once per context, and locate.py's own union takes over."""
    page = _Unregistered()
    assert not inpage.usable(page) and not inpage.usable(page)
    assert page.asked == 1
