"""The person in front of a site that includes an exported tour (the site as its owner serves it: include_tour):
it reads the card, clicks, types and presses keys. Nothing here drives the overlay or the tour: the state is only read (window.__guidedflows.state())."""

from __future__ import annotations

from person import OverlayReader

TOUR_PATH = "/guidedflows-tour.js"


def include_tour(context, script: str) -> None:
    """Serve the site as its owner would after adding `<script src="/guidedflows-tour.js">` to every page's <head>
    (the wallet's iframe included), and serve that file: the tour runs only as the page's own script."""

    def handle(route):
        request = route.request
        if request.url.split("?")[0].endswith(TOUR_PATH):
            return route.fulfill(status=200, content_type="text/javascript", body=script)
        if request.resource_type != "document":
            return route.continue_()
        response = route.fetch()
        html = response.text()
        tag = f'<script src="{TOUR_PATH}"></script>'
        html = html.replace("<head>", "<head>" + tag, 1) if "<head>" in html else tag + html
        return route.fulfill(response=response, body=html)

    context.route("**/*", handle)


class Visitor(OverlayReader):
    def __init__(self, page):
        self.page = page
        page.context.on("page", self._new_tab)

    def _new_tab(self, page) -> None:
        self.page = page

    def never_showed(self, progress: str, status: str | None, shown) -> str:
        return f"the tour never showed {progress} {status or ''}; it shows {shown}"

    def spotlit(self, locator) -> dict:
        """The spotlight surrounds what a person sees of the element (issue 16, guide's overlay: its text, its icon, its
        own box when it paints one; state().target), that lies within the element's box, and the card does not cover
        it; the overlay's state."""
        locator.wait_for(state="visible")
        box = locator.bounding_box()
        self.page.wait_for_function(
            """b => { const s = window.__guidedflows.state(); const spot = s.spotlight, seen = s.target;
                 const within = (i, o) => i.x >= o.x - 1 && i.y >= o.y - 1 && i.x + i.width <= o.x + o.width + 1
                   && i.y + i.height <= o.y + o.height + 1;
                 return !!spot && !!seen && within(seen, b) && within(seen, spot); }""",
            arg=box,
        )
        state = self.state()
        card, seen = state["card"], state["target"]
        assert card["x"] + card["width"] <= seen["x"] or seen["x"] + seen["width"] <= card["x"] or \
            card["y"] + card["height"] <= seen["y"] or seen["y"] + seen["height"] <= card["y"], (card, seen)
        return state
