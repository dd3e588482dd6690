"""Overlay test fixtures: small pages on two loopback origins, and a page with the overlay injected as guide mode does.

The main origin is http://127.0.0.1:PORT; the second is http://localhost:PORT2 (another site, so Chromium puts its
frames in another process, the hardest case for iframe forwarding).
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from guidedflows.overlay import overlay_script

CSP = "require-trusted-types-for 'script'; style-src 'self'"

BASE_CSS = "body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#f6f7fb;color:#222}"

EDGES = """<!doctype html><title>Edges</title><style>
body{height:100vh;overflow:hidden} button{position:absolute;width:96px;height:32px}
#tl{top:8px;left:8px} #t{top:8px;left:592px} #tr{top:8px;right:8px}
#l{top:384px;left:8px} #c{top:384px;left:592px} #r{top:384px;right:8px}
#bl{bottom:8px;left:8px} #b{bottom:8px;left:592px} #br{bottom:8px;right:8px}
#wide{top:300px;left:8px;width:1264px;height:200px}
</style><body>
<button id=tl>Top left</button><button id=t>Top</button><button id=tr>Top right</button>
<button id=l>Left</button><button id=c>Centre</button><button id=r>Right</button>
<button id=bl>Bottom left</button><button id=b>Bottom</button><button id=br>Bottom right</button>
<button id=wide hidden>Wide</button>
</body>"""

FORM = """<!doctype html><title>Form</title><style>
main{padding:40px;display:grid;gap:14px;max-width:380px} #hoverme{padding:10px;background:#ddd}
</style><body><main>
<label>Name <input id=name></label>
<label>Card number <input id=card></label>
<label>Notes <textarea id=notes></textarea></label>
<label>Month <select id=month><option value=01>January</option><option value=02>February</option>
<option value=03>March</option></select></label>
<label><input type=checkbox id=agree> I agree</label>
<label><input type=checkbox id=news checked> Send me news</label>
<div id=sw role=checkbox aria-checked=false tabindex=0>Dark mode</div>
<div><button id=save>Save</button> <button id=dbl>Double</button> <button id=other>Other</button></div>
<div id=hoverme>Hover me</div>
</main><script>
window.clicks = [];
for (const b of document.querySelectorAll("button")) b.addEventListener("click", () => clicks.push(b.id));
// A page that swallows its events must not hide them from the guide.
document.getElementById("save").addEventListener("click", (e) => e.stopPropagation());
document.getElementById("name").addEventListener("change", (e) => e.stopPropagation());
const sw = document.getElementById("sw");
sw.addEventListener("click", () => sw.setAttribute("aria-checked", String(sw.getAttribute("aria-checked") !== "true")));
</script></body>"""

LONG = """<!doctype html><title>Long</title><style>
header{position:fixed;top:0;left:0;right:0;height:64px;background:#fff;box-shadow:0 1px 4px #0003;z-index:10}
#box{height:150px;width:300px;overflow:auto;border:1px solid #999;margin:0 40px}
button{margin-left:40px}
</style><body><header>Fixed header</header>
<div style="height:1000px"></div><button id=under>Under the header</button>
<div style="height:1200px"></div>
<div id=box><div style="height:500px"></div><button id=inner>Inside the box</button><div style="height:300px"></div></div>
<div style="height:600px"></div><button id=far>Far below</button><div style="height:900px"></div>
</body>"""

FRAMES = """<!doctype html><title>Frames</title><style>
iframe{position:absolute;top:150px;width:420px;height:320px;border:7px solid #889;padding:5px;background:#fff}
#same{left:60px} #cross{left:640px}
</style><body><div style="height:1600px">Frames page</div>
<iframe id=same src="/inner"></iframe><iframe id=cross src="{other}/inner"></iframe></body>"""

INNER = """<!doctype html><title>Inner</title><body style="margin:0;padding:30px">
<label>Field <input id=in-field></label> <button id=in-btn>Frame button</button>
<div style="height:700px"></div><button id=in-far>Far in the frame</button><div style="height:200px"></div>
<script>window.innerClicks = 0; document.getElementById("in-btn").onclick = () => innerClicks++;</script></body>"""

SHADOW = """<!doctype html><title>Shadow</title><body><x-pay></x-pay><script>
customElements.define("x-pay", class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({mode: "open"});
    const style = document.createElement("style");
    style.textContent = ":host{display:block;margin:220px 0 0 300px} div{padding:20px;background:#fff;width:320px}";
    const box = document.createElement("div");
    const button = document.createElement("button"); button.id = "sh-btn"; button.textContent = "Pay now";
    const input = document.createElement("input"); input.id = "sh-in"; input.setAttribute("aria-label", "Amount");
    box.append(button, " ", input);
    root.append(style, box);
  }
});</script></body>"""

STRICT = """<!doctype html><title>Strict</title><link rel=stylesheet href="/strict.css">
<body><main><h1>Strict page</h1><button id=pay>Pay</button> <button id=other>Other</button>
<label>Card number <input id=card></label></main>
<script src="/strict.js"></script></body>"""

STRICT_JS = """window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));"""

NAV1 = """<!doctype html><title>One</title><body><main style="padding:40px"><h1>Page one</h1>
<a id=go href="/nav2">Go to page two</a></main></body>"""

NAV2 = """<!doctype html><title>Two</title><body><main style="padding:40px"><h1>Page two</h1>
<button id=done>Finish</button></main></body>"""

CONTENT = """<!doctype html><title>Content</title><style>
main{padding:40px} .row{display:flex;align-items:stretch;gap:8px;height:240px}
.stretched{display:flex;align-items:flex-start} .block{display:block;width:600px}
.iconic::before{content:"";display:inline-block;width:16px;height:16px;margin-right:40px;background:#2a7}
.contents{display:contents} #tall{height:2600px;background:#eef}
</style><body><main>
<div class=row><div style="width:300px;border:1px solid #999">Chosen groups</div>
<a id=plus class=stretched href="#" title="Add another group"><img alt="" width=20 height=20
 src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 2 2'%3E%3Crect width='2' height='2' fill='green'/%3E%3C/svg%3E"></a></div>
<a id=words class=block href="#">Read the words</a>
<a id=iconic class=block href="#"><span class=iconic></span>Settings</a>
<a id=icon-after href="#" style="display:block;width:500px">More<i style="display:inline-block;width:12px;height:12px;background:#27a;margin-left:30px"></i></a>
<div id=wrap style="width:700px"><span class=contents><b>Shown through contents</b></span></div>
<div id=tall>Taller than the screen</div>
</main></body>"""

PAGES = {
    "/content": (CONTENT, "text/html", {}),
    "/edges": (EDGES, "text/html", {}),
    "/form": (FORM, "text/html", {}),
    "/long": (LONG, "text/html", {}),
    "/frames": (FRAMES, "text/html", {}),
    "/inner": (INNER, "text/html", {}),
    "/shadow": (SHADOW, "text/html", {}),
    "/strict": (STRICT, "text/html", {"Content-Security-Policy": CSP}),
    "/strict.css": ("main{padding:40px}", "text/css", {}),
    "/strict.js": (STRICT_JS, "text/javascript", {}),
    "/nav1": (NAV1, "text/html", {}),
    "/nav2": (NAV2, "text/html", {}),
}


class Site:
    """Two loopback servers serving PAGES: `url(path)` on the main origin, `other(path)` on a second site."""

    def __init__(self) -> None:
        self.servers = [self._serve(), self._serve()]
        self.origin = f"http://127.0.0.1:{self.servers[0].server_address[1]}"
        self.other_origin = f"http://localhost:{self.servers[1].server_address[1]}"

    def _serve(self) -> ThreadingHTTPServer:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                body, kind, headers = PAGES.get(self.path, ("not found", "text/plain", {}))
                if kind == "text/html":
                    body = BASE_CSS_TAG + body.replace("{other}", site.other_origin)
                data = body.encode()
                self.send_response(200 if self.path in PAGES else 404)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def url(self, path: str) -> str:
        return self.origin + path

    def other(self, path: str) -> str:
        return self.other_origin + path

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


# A stylesheet link, not a <style>, so the strict page's `style-src 'self'` accepts the shared look too.
BASE_CSS_TAG = '<link rel=stylesheet href="/base.css">'
PAGES["/base.css"] = (BASE_CSS, "text/css", {})

DEFAULT_CARD = {
    "flow": "Change the card",
    "body": "Press **Save**.",
    "progress": "3 of 9",
    "step": 3,
    "total": 9,
    "status": "active",
    "message": None,
    "hint": None,
    "expect_dialog": None,
    "buttons": {"back": True, "next": True, "skip": True, "exit": True, "doit": True},
}


class FramedTarget:
    """An element inside an iframe, measured in the top page's viewport as the page lays it out.

    Playwright's bounding_box() is off by the iframe's border and padding when the frame runs out of process (a
    cross-site iframe), and its click() then misses too; so these tests measure such targets themselves and check
    the result by clicking at the spotlight's centre with the mouse.
    """

    def __init__(self, page, frame_selector: str, selector: str) -> None:
        self.frame = page.locator(frame_selector)
        self.locator = page.frame_locator(frame_selector).locator(selector)

    def evaluate(self, expression: str, arg=None):
        return self.locator.evaluate(expression, arg)

    def bounding_box(self) -> dict:
        inner = self.locator.evaluate("(el) => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }")
        origin = self.frame.evaluate(
            "(f) => { const r = f.getBoundingClientRect(), cs = getComputedStyle(f);"
            " return [r.x + f.clientLeft + parseFloat(cs.paddingLeft), r.y + f.clientTop + parseFloat(cs.paddingTop)]; }"
        )
        return {"x": inner[0] + origin[0], "y": inner[1] + origin[1], "width": inner[2], "height": inner[3]}


class Overlay:
    """Drives window.__guidedflows the way the guide's Python side does, and reads back what a person would see."""

    def __init__(self, page, site: Site, notified: list) -> None:
        self.page = page
        self.site = site
        self.notified = notified  # events delivered through the __guidedflowsNotify binding

    def goto(self, path: str) -> None:
        self.page.goto(self.site.url(path))

    def render(self, **card) -> None:
        self.page.evaluate("(c) => window.__guidedflows.render(c)", {**DEFAULT_CARD, **card})

    def spotlight(self, target, **opts) -> None:
        if target is None:
            self.page.evaluate("(o) => window.__guidedflows.spotlight(null, o)", opts)
        else:
            target.evaluate("(el, o) => window.__guidedflows.spotlight(el, o)", opts)

    def watch(self, target, action: str, **spec) -> None:
        spec = {"action": action, "key": None, "accept": None, "hint": None, **spec}
        if target is None:
            self.page.evaluate("(s) => window.__guidedflows.watch(null, s)", spec)
        else:
            target.evaluate("(el, s) => window.__guidedflows.watch(el, s)", spec)

    def state(self) -> dict:
        return self.page.evaluate("window.__guidedflows.state()")

    def next_event(self, timeout_ms: int = 3000):
        """The next queued event, or None when none comes within timeout_ms (0: only one already queued)."""
        return self.page.evaluate("(t) => window.__guidedflows.nextEvent(t)", timeout_ms)

    def in_frame(self, frame_selector: str, selector: str) -> FramedTarget:
        return FramedTarget(self.page, frame_selector, selector)

    def part(self, name: str):
        return self.page.locator(f"guidedflows-overlay [part~='{name}']")

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def wait_for(self, condition, timeout: float = 4.0, message: str = "condition"):
        """Wait for condition() to be truthy, one animation frame at a time (each round trip also lets Playwright
        deliver binding calls). Returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {message}")
            self.page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => resolve()))")

    def spotlight_matches(self, target, padding: float = 6, tolerance: float = 1.0) -> dict:
        """Wait until part=spotlight's box is the target's box grown by `padding` (±tolerance); return both."""

        def matches():
            t = target.bounding_box()
            s = self.part("spotlight").bounding_box()
            if not t or not s:
                return None
            want = (t["x"] - padding, t["y"] - padding, t["width"] + 2 * padding, t["height"] + 2 * padding)
            got = (s["x"], s["y"], s["width"], s["height"])
            return {"target": t, "spotlight": s} if all(abs(a - b) <= tolerance for a, b in zip(want, got)) else None

        return self.wait_for(matches, message="the spotlight to surround the target")

    @staticmethod
    def overlap(a: dict, b: dict) -> bool:
        return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and (
            a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
        )

    @staticmethod
    def inside_viewport(box: dict, width: int = 1280, height: int = 800) -> bool:
        return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height


@pytest.fixture(scope="session")
def overlay_site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def gf(context, overlay_site) -> Overlay:
    notified: list = []
    context.expose_binding("__guidedflowsNotify", lambda source, event: notified.append(event))
    context.add_init_script(overlay_script())
    return Overlay(context.new_page(), overlay_site, notified)
