"""The whole guide with the keyboard alone (issue 16): the person presses keys and nothing else (no mouse, no
Playwright clicks or fills), finds each element by Tab from the card that took the focus, and reads names only."""

from __future__ import annotations

from helpers import write_flow

FLOW = """
flow: Keyboard only
steps:
  - click: Press me
  - fill: Email
    value: ada@example.com
  - select: Size
    value: m
  - check: Send me news
  - fill: Card number
    value: "4242 4242 4242 4242"
    say: Type the card number in the payment form (an iframe).
  - note: Read this, then press Next.
  - click: Next page
  - expect: Second page
"""

DEEP_FOCUS = """async () => {
  // Read the focus once it has settled: Tab into an iframe lands on its document first, then on its first field.
  for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(done));
  let el = document.activeElement, frames = 0;
  while (el) {
    if (el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; continue; }
    if (el.tagName === "IFRAME") { try { el = el.contentDocument.activeElement; frames++; continue; } catch (_) { break; } }
    break;
  }
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  return (el.getAttribute("aria-label") || label || el.textContent || el.getAttribute("part") || "").trim();
}"""


def focus_on(person) -> str | None:
    """What the focused element is called, inside the overlay's shadow root and same-origin frames too."""
    return person.page.evaluate(DEEP_FOCUS)


def card_has_focus(person) -> None:
    person.page.wait_for_function(
        "() => { const h = document.querySelector('guidedflows-overlay');"
        " return !!h && document.activeElement === h && h.shadowRoot.activeElement?.getAttribute('part') === 'card'; }"
    )


def tab_to(person, name: str, limit: int = 8) -> list:
    """Press Tab until the focused element is called `name`; return what the focus passed through."""
    passed = []
    for _ in range(limit):
        person.page.keyboard.press("Tab")
        passed.append(focus_on(person))
        if passed[-1] == name:
            return passed
    raise AssertionError(f"Tab never reached {name!r}; it went through {passed}")


def test_a_person_does_the_whole_guide_with_the_keyboard_alone(guide, site, tmp_path):
    person = guide(write_flow(tmp_path, FLOW), base_url=site)
    keys = person.page.keyboard

    person.at("1 of 8")
    card_has_focus(person)
    assert tab_to(person, "Press me")[-2] == "Next"  # the card's controls, then the spotlit element
    keys.press("Enter")

    person.at("2 of 8")
    card_has_focus(person)
    tab_to(person, "Email")
    keys.type("ada@example.com")
    keys.press("Enter")

    person.at("3 of 8")
    tab_to(person, "Size")
    keys.press("ArrowDown")  # Small → Medium: a closed list changes at once

    person.at("4 of 8")
    tab_to(person, "Send me news")
    keys.press("Space")

    person.at("5 of 8")
    card_has_focus(person)
    tab_to(person, "Card number")  # inside the iframe: Tab from the card reaches it there
    keys.type("4242 4242 4242 4242")
    keys.press("Enter")

    person.at("6 of 8")
    card_has_focus(person)
    keys.press("Enter")  # a note: Enter on the card is Next

    person.at("7 of 8")
    tab_to(person, "Next page")
    keys.press("Enter")

    person.at("8 of 8", status="finished")
    card_has_focus(person)
    tab_to(person, "Exit")
    keys.press("Enter")
    code, out = person.finish()
    assert code == 0, out
    assert out.count("done by the person") == 6, out  # every step but the note, by the person
    assert person.page.get_by_role("heading", name="Second page").is_visible()
