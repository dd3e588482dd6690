"""A copy of the storefront with every class and id renamed and extra wrappers around its elements, for R11: the same
labels, roles and test ids, so a flow that targets what a person sees (or test ids) must not notice.

Written once into a folder (`write_renamed_store`), served like the real store (`Storefront(root=...)`); the store's
own files are not touched. A name becomes "r-" + the name backwards (`card-number` → `r-rebmun-drac`), in HTML, CSS and
at run time in `h()`, the one function every page builds its elements with; a name already starting with "r-" is left
as it is, so a renamed id that code reads back and passes on again stays what it is. Every element `h()` puts inside
a container gets its own `<div style="display:contents">` around it: the layout is unchanged, the tree is not.

The few places where the store's code names a class or id itself are rewritten too (a selector, a getElementById, a
comparison with an id); each rewrite must apply, so a change to the store that this copy no longer understands fails
loudly here instead of quietly testing less.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from guidedflows.storefront import site_root

PREFIX = "r-"
NAME_ATTRIBUTES = re.compile(r'(?<![\w-])(class|id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')
CSS_NAME = re.compile(r"([.#])([A-Za-z_][\w-]*)")
JS_SELECTOR = re.compile(r"""(querySelector(?:All)?|closest|getElementById)\((["'])(.+?)\2\)""")

RUNTIME = """\
// -- renamed-store variant (tests/reliability/renamed_store.py) -------------------------------------------------
const PREFIX = "r-";
const rename = (name) => (!name || name.startsWith(PREFIX) ? name : PREFIX + [...name].reverse().join(""));
const original = (name) => (name && name.startsWith(PREFIX) ? [...name.slice(PREFIX.length)].reverse().join("") : name);
const renameAll = (value) => String(value).split(/\\s+/).filter(Boolean).map(rename).join(" ");
globalThis.__rename = rename;
globalThis.__original = original;
const NAMES = new Set(["class", "id", "for", "aria-labelledby", "aria-describedby", "aria-controls"]);
const CONTAINERS = new Set(["div", "section", "main", "form", "header", "footer", "nav", "aside", "article"]);
function renamed(attribute, value) {
  if (NAMES.has(attribute)) return attribute === "id" || attribute === "for" ? rename(String(value)) : renameAll(value);
  if (attribute === "href" && typeof value === "string" && value.startsWith("#") && value.length > 1) return "#" + rename(value.slice(1));
  return value;
}
function wrapped(tag, children) {
  if (!CONTAINERS.has(tag)) return children;
  return children.map((child) => {
    if (!(child instanceof Element)) return child;
    const wrapper = document.createElement("div");
    wrapper.className = "r-parw";
    wrapper.style.display = "contents";
    wrapper.append(child);
    return wrapper;
  });
}
// ------------------------------------------------------------------------------------------------------------------
"""

# (file, exact text, replacement): the store's own code that names a class or id, or derives a test id from an id.
PATCHES = [
    ("assets/js/dom.js", '    else node.setAttribute(name, value === true ? "" : value);',
     '    else node.setAttribute(name, value === true ? "" : renamed(name, value));'),
    ("assets/js/dom.js", "  node.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));",
     "  node.append(...wrapped(tag, children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false)));"),
    ("assets/js/dom.js", '  if (className) node.setAttribute("class", className);', '  if (className) node.setAttribute("class", renameAll(className));'),
    ("assets/js/dom.js", "  const target = document.getElementById(id);", "  const target = document.getElementById(rename(id));"),
    ("assets/js/validation.js", '"data-testid": id }', '"data-testid": `${globalThis.__original([control].flat()[0].id)}-error` }'),
    ("assets/js/pages/wallet.js", "tab.id === `tab-${key}`", "tab.id === globalThis.__rename(`tab-${key}`)"),
    ("assets/js/pages/wallet.js", "panel.id !== `panel-${key}`", "panel.id !== globalThis.__rename(`panel-${key}`)"),
]


def rename(name: str) -> str:
    return name if not name or name.startswith(PREFIX) else PREFIX + name[::-1]


def write_renamed_store(folder: Path) -> Path:
    """Write the renamed copy of the store into `folder` (created) and return it."""
    shutil.copytree(site_root(), folder)
    for path in folder.rglob("*.html"):
        path.write_text(_html(path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in folder.rglob("*.css"):
        path.write_text(_css(path.read_text(encoding="utf-8")), encoding="utf-8")
    for path in folder.rglob("*.js"):
        if path.name != "elements.js":  # its names live inside shadow roots, with their own styles: left as they are
            path.write_text(_js(path.read_text(encoding="utf-8")), encoding="utf-8")
    for name, old, new in PATCHES:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            raise AssertionError(f"the renamed store no longer understands {name}: {old!r} is not there once")
        path.write_text(text.replace(old, new), encoding="utf-8")
    dom = folder / "assets/js/dom.js"
    dom.write_text(RUNTIME + dom.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _names(attribute: str, value: str) -> str:
    if attribute in ("id", "for"):
        return rename(value)
    return " ".join(rename(token) for token in value.split())


def _html(text: str) -> str:
    text = NAME_ATTRIBUTES.sub(lambda m: f'{m.group(1)}="{_names(m.group(1), m.group(2))}"', text)
    # the page's frame gets wrappers too: <main> sits two levels deeper
    text = re.sub(r"(<main\b)", r'<div class="r-llehs"><div style="display:contents">\1', text)
    return text.replace("</main>", "</main></div></div>")


def _css(text: str) -> str:
    parts = re.split(r"([{}])", text)
    for index, part in enumerate(parts[:-1]):
        if parts[index + 1] == "{" and not part.lstrip().startswith("@"):  # a selector, not declarations
            parts[index] = CSS_NAME.sub(lambda m: m.group(1) + rename(m.group(2)), part).replace(" > ", " ")
    return "".join(parts)


def _js(text: str) -> str:
    def selector(match: re.Match) -> str:
        call, quote, value = match.groups()
        if call == "getElementById":
            return f"{call}({quote}{rename(value)}{quote})"
        return f"{call}({quote}{CSS_NAME.sub(lambda m: m.group(1) + rename(m.group(2)), value)}{quote})"

    return JS_SELECTOR.sub(selector, text)
