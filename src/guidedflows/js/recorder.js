// guidedflows record: the in-page half of the recorder, injected into every frame with add_init_script.
//
// It tells Python (through the exposed binding __guidedflowsRecord) what the person does, with, for each element,
// candidate targets in our vocabulary, most human first (codegen's ranking, human strings before role + name);
// Python keeps the first one its own Resolver pins to exactly this element.
//
// Clicks on anything but a text field or a list, and Enter/Escape, are held back (the page never sees them) until
// Python has recorded the step on the page as it was; Python then performs the action itself, and `passing` lets
// that action's own events through.
// So a click that navigates or closes a form cannot take its element away before its target is chosen.
// Typing is not held back: the first `input` event names the field; its last value becomes one `fill`.
//
// The toolbar is one <guidedflows-recorder> element (open shadow root) in the top frame, taking pointer events
// only on itself, never recorded. Without the binding (recording over, tool gone) nothing is held back.
(() => {
  // A tab opened with window.open keeps its Window from the first about:blank into the real page (HTML's "initial
  // about:blank" rule): the listeners are still there, only the new document needs its toolbar.
  if (window.__gfRecorder) {
    if (window.__gfRecorder.document !== document) window.__gfRecorder.begin();
    return;
  }
  const BINDING = "__guidedflowsRecord";
  const TOOLBAR = "GUIDEDFLOWS-RECORDER";
  const token = Math.random().toString(36).slice(2, 8);
  const elements = new Map();
  const ids = new WeakMap();
  let counter = 0;
  let state = { mode: "recording", steps: 0 };
  let passing = null; // what Python is doing for the person right now: {id} of an element, or {key}
  let stopped = false;
  let held = null; // the element whose pointer gesture is held back

  const alive = () => !stopped && typeof window[BINDING] === "function";
  const send = (event) => {
    if (!alive()) return Promise.resolve(null);
    try {
      return Promise.resolve(window[BINDING](event)).catch(() => null);
    } catch (error) {
      return Promise.resolve(null);
    }
  };
  const idOf = (el) => {
    let id = ids.get(el);
    if (!id) {
      id = `${token}:${++counter}`;
      ids.set(el, id);
      elements.set(id, el);
    }
    return id;
  };

  // -- what an element is called ---------------------------------------------------------------------------------

  const squash = (text) => (text || "").replace(/\s+/g, " ").trim();
  const short = (text) => {
    const t = squash(text);
    return t && t.length <= 80 ? t : "";
  };
  const TEXT_TYPES = new Set(["", "text", "email", "tel", "url", "search", "password", "number"]);
  const isTextField = (el) =>
    el.isContentEditable || el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && TEXT_TYPES.has((el.getAttribute("type") || "").toLowerCase()));
  const isToggle = (el) => el.tagName === "INPUT" && ["checkbox", "radio"].includes(el.type);

  function roleOf(el) {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.tagName;
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (tag === "BUTTON" || (tag === "INPUT" && ["button", "submit", "reset", "image"].includes(type))) return "button";
    if ((tag === "A" || tag === "AREA") && el.hasAttribute("href")) return "link";
    if (tag === "INPUT") {
      if (type === "checkbox" || type === "radio") return type;
      if (type === "search") return "searchbox";
      if (type === "range") return "slider";
      if (type === "number") return "spinbutton";
      if (TEXT_TYPES.has(type) && type !== "password") return "textbox";
      return "";
    }
    if (tag === "SELECT") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (tag === "TEXTAREA") return "textbox";
    if (/^H[1-6]$/.test(tag)) return "heading";
    if (tag === "IMG" && el.getAttribute("alt")) return "img";
    if (tag === "OPTION") return "option";
    return "";
  }

  function labelsOf(el) {
    const out = [];
    for (const label of el.labels || []) out.push(short(label.innerText || label.textContent));
    const by = el.getAttribute("aria-labelledby");
    if (by) out.push(short(by.split(/\s+/).map((id) => document.getElementById(id)?.innerText || "").join(" ")));
    return out.filter(Boolean);
  }

  function nameOf(el) {
    const labels = labelsOf(el);
    const aria = short(el.getAttribute("aria-label"));
    if (el.getAttribute("aria-labelledby") && labels.length) return labels[labels.length - 1];
    if (aria) return aria;
    if (["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName)) {
      if (labels.length) return labels[0];
      if (["button", "submit", "reset"].includes(el.type)) return short(el.value);
      return short(el.getAttribute("title")) || short(el.getAttribute("placeholder"));
    }
    if (el.tagName === "IMG") return short(el.getAttribute("alt"));
    return short(el.innerText || el.textContent) || short(el.getAttribute("title"));
  }

  function uniqueTestid(value) {
    try {
      return document.querySelectorAll(`[data-testid="${CSS.escape(value)}"]`).length === 1;
    } catch (error) {
      return false;
    }
  }

  function cssPath(el) {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 6; node = node.parentElement) {
      if (node.id && /^[A-Za-z][\w-]*$/.test(node.id) && !/\d{3,}/.test(node.id)) {
        parts.unshift(`#${node.id}`);
        break;
      }
      let part = node.tagName.toLowerCase();
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.tagName === node.tagName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
    }
    return parts.join(" > ");
  }

  // Whether a person can read an element's words: a label hidden for screen readers only (a 1px clip) is not.
  function readable(el) {
    const r = el.getBoundingClientRect();
    return r.width > 2 && r.height > 2 && getComputedStyle(el).visibility !== "hidden";
  }

  // The rows, list items, groups and dialogs around `el`, each with a line of text it shows that is not the element's
  // own: what codegen filters with has_text (`{role: listitem, has_text: feed the cat}`).
  const CONTAINERS = "li, tr, fieldset, dialog, article, [role=row], [role=listitem], [role=group], [role=dialog], " +
    "[role=alertdialog], [role=article], [role=tabpanel]";
  const IMPLICIT = { LI: "listitem", TR: "row", FIELDSET: "group", DIALOG: "dialog", ARTICLE: "article" };
  function containersOf(el, own) {
    const out = [];
    for (let node = el.parentElement && el.parentElement.closest(CONTAINERS); node && out.length < 2;
      node = node.parentElement && node.parentElement.closest(CONTAINERS)) {
      const role = (node.getAttribute("role") || "").trim().split(/\s+/)[0] || IMPLICIT[node.tagName];
      const line = (node.innerText || "").split("\n").map(squash).find((l) => l && l !== own && l.length <= 60);
      if (role && line) out.push({ role, has_text: line });
    }
    return out;
  }

  // Candidate targets for `el`, the words a person reads first (a visible label, then the placeholder, then a name
  // only a screen reader hears); `within` lists containers with their words, then ancestors' unique test ids.
  function describe(el) {
    const name = nameOf(el);
    const role = roleOf(el);
    const labels = labelsOf(el);
    const seen = (el.labels && [...el.labels].some(readable)) || false;
    const placeholder = short(el.getAttribute("placeholder"));
    const text = ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName) ? "" : short(el.innerText);
    const alt = short(el.getAttribute("alt"));
    const title = short(el.getAttribute("title"));
    const testid = el.getAttribute("data-testid");
    const candidates = [];
    const add = (c) => {
      if (!c) return;
      const key = JSON.stringify(c);
      if (!candidates.some((o) => JSON.stringify(o) === key)) candidates.push(c);
    };
    const read = seen || !placeholder ? [name, ...labels, placeholder] : [placeholder, name, ...labels];
    for (const human of [...read, text, alt]) if (human && human !== "page") add(human);
    if (role && name) add({ role, name });
    if (placeholder && !seen) add({ placeholder });
    for (const label of labels) add({ label });
    if (placeholder) add({ placeholder });
    if (testid && uniqueTestid(testid)) add({ testid });
    if (alt) add({ alt });
    if (title) add({ title });
    if (text) add({ text });
    if (role && !name) add({ role });  // alone it is rarely unique; `within` a container it often is
    const within = containersOf(el, text);
    for (let node = el.parentElement; node && within.length < 5; node = node.parentElement) {
      const value = node.getAttribute("data-testid");
      if (value && uniqueTestid(value)) within.push({ testid: value });
    }
    const css = [];
    if (el.id && /^[A-Za-z][\w-]*$/.test(el.id) && !/\d{3,}/.test(el.id)) css.push({ css: `#${el.id}` });
    css.push({ css: cssPath(el) });
    return {
      id: idOf(el),
      tag: el.tagName.toLowerCase(),
      candidates,
      within,
      css,
      field: {
        type: (el.getAttribute("type") || "").toLowerCase(),
        hints: [el.getAttribute("autocomplete"), el.getAttribute("name"), el.id, ...labels, placeholder, name],
      },
      checked: isToggle(el) ? el.checked : null,
      radio: el.type === "radio",
    };
  }

  // -- holding back and reporting ----------------------------------------------------------------------------------

  const inToolbar = (event) => event.composedPath().some((n) => n && n.tagName === TOOLBAR);
  const elementOf = (event) => {
    const first = event.composedPath()[0];
    return first && first.nodeType === 1 ? first : first && first.parentElement;
  };
  // Events of the action Python performs let through; anything else the person does meanwhile is still recorded.
  const passes = (event, el) => {
    if (!passing) return false;
    if (passing.key) return event.type.startsWith("key") && event.key === passing.key;
    const acted = elements.get(passing.id);
    return !!acted && !!el && (acted === el || acted.contains(el) || el.contains(acted));
  };
  const recording = (event) => alive() && state.mode !== "paused" && !passes(event, elementOf(event));

  // What a click means: the element, or the control a <label> stands for.
  function clicked(el) {
    const label = el.closest && el.closest("label");
    if (label && label.control && !el.closest("a, button")) {
      if (isTextField(label.control) || label.control.tagName === "SELECT") return null;
      return label.control;
    }
    if (isTextField(el) || el.tagName === "SELECT" || el.tagName === "OPTION" || el.closest("select")) return null;
    return el.closest("a, button, [role=button], [role=link], [role=menuitem], [role=tab], [role=checkbox], [role=option], summary, label") || el;
  }

  function hold(event) {
    event.preventDefault();
    event.stopPropagation();
  }

  const POINTER = ["pointerdown", "mousedown", "pointerup", "mouseup"];
  for (const type of POINTER) {
    window.addEventListener(type, (event) => {
      if (!event.isTrusted || !recording(event) || inToolbar(event)) return;
      if (type === "pointerdown" || type === "mousedown") held = clicked(elementOf(event));
      if (held || state.mode === "expect") hold(event);
    }, true);
  }

  window.addEventListener("click", (event) => {
    // detail 0: a click the browser made from a key (Enter on a link), recorded as that key press
    if (!event.isTrusted || event.detail === 0 || !recording(event) || inToolbar(event)) return;
    const el = state.mode === "expect" ? elementOf(event) : clicked(elementOf(event));
    held = null;
    if (!el) return;
    hold(event);
    const element = describe(el);
    // A checkbox clicked itself is already toggled when its click listeners run (and put back by preventDefault).
    if (element.checked !== null && elementOf(event) === el) element.checked = !el.checked;
    send({ type: state.mode === "expect" ? "expect" : "click", element });
  }, true);

  window.addEventListener("dblclick", (event) => {
    if (!event.isTrusted || !recording(event) || inToolbar(event)) return;
    const el = clicked(elementOf(event));
    if (el) send({ type: "dblclick", element: describe(el) });
  }, true);

  window.addEventListener("keydown", (event) => {
    if (!event.isTrusted || !recording(event) || event.isComposing || inToolbar(event)) return;
    if (event.key !== "Enter" && event.key !== "Escape") return;
    const el = elementOf(event);
    if (event.key === "Enter" && el && (el.tagName === "TEXTAREA" || el.isContentEditable)) return;
    hold(event);
    const chord = [event.ctrlKey && "Control", event.altKey && "Alt", event.shiftKey && "Shift", event.metaKey && "Meta"];
    send({ type: "press", key: [...chord.filter(Boolean), event.key].join("+"), element: el && el !== document.body ? describe(el) : null });
  }, true);

  window.addEventListener("input", (event) => {
    if (!recording(event) || inToolbar(event)) return;
    const el = elementOf(event);
    if (!el || !isTextField(el)) return;
    send({ type: "input", value: el.isContentEditable ? el.innerText : el.value, element: describe(el) });
  }, true);

  window.addEventListener("change", (event) => {
    if (!recording(event) || inToolbar(event)) return;
    const el = elementOf(event);
    if (!el) return;
    if (el.tagName === "SELECT" && !el.multiple) {
      const option = el.options[el.selectedIndex];
      const value = option ? squash(option.label || option.text) || option.value : el.value;
      send({ type: "select", value, element: describe(el) });
    } else if (isTextField(el)) {
      send({ type: "commit", element: describe(el) });
    }
  }, true);

  // Native dialogs: how the person answered is only known here.
  for (const kind of ["alert", "confirm", "prompt"]) {
    const original = window[kind];
    if (typeof original !== "function") continue;
    window[kind] = function (...args) {
      const answer = original.apply(this, args);
      const accepted = kind === "alert" ? true : kind === "confirm" ? !!answer : answer !== null;
      send({ type: "dialog", kind, accepted });
      return answer;
    };
  }

  // A tab the page closes itself was not closed by the person: no `close: tab` step for it.
  const close = window.close;
  window.close = function (...args) {
    send({ type: "closing" });
    return close.apply(this, args);
  };

  // A page restored from the back/forward cache is not a new document: say it came back.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) send({ type: "document", top: window === window.top, url: location.href, referrer: "",
      navigation: "back_forward" });
  });

  // -- the toolbar (top frame only) --------------------------------------------------------------------------------

  let toolbar = null;
  function buildToolbar() {
    if (window !== window.top || toolbar || !document.documentElement) return;
    toolbar = document.createElement(TOOLBAR.toLowerCase());
    toolbar.style.cssText = "all: initial; position: fixed; z-index: 2147483647; left: 50%; bottom: 12px; " +
      "transform: translateX(-50%); pointer-events: none;";
    const root = toolbar.attachShadow({ mode: "open" });
    root.innerHTML = `<style>
      .bar { pointer-events: auto; display: flex; gap: 6px; align-items: center; padding: 6px 8px; border-radius: 10px;
        background: #1f2937; color: #f9fafb; font: 13px/1.2 system-ui, sans-serif; box-shadow: 0 4px 18px rgba(0,0,0,.3); }
      .dot { width: 10px; height: 10px; border-radius: 50%; background: #ef4444; }
      .paused .dot { background: #9ca3af; }
      button { font: inherit; color: inherit; background: #374151; border: 1px solid #4b5563; border-radius: 6px;
        padding: 4px 10px; cursor: pointer; }
      button[aria-pressed="true"] { background: #2563eb; border-color: #2563eb; }
      button:focus-visible { outline: 2px solid #93c5fd; outline-offset: 1px; }
    </style>
    <div class="bar" role="toolbar" aria-label="guidedflows recorder">
      <span class="dot" aria-hidden="true"></span><span part="status" role="status"></span>
      <button part="expect" type="button" aria-pressed="false">Add an expect</button>
      <button part="pause" type="button">Pause recording</button>
      <button part="finish" type="button">Finish recording</button>
    </div>`;
    root.querySelector("[part=expect]").addEventListener("click", () => send({ type: "toolbar", action: "expect" }));
    root.querySelector("[part=pause]").addEventListener("click", () =>
      send({ type: "toolbar", action: state.mode === "paused" ? "resume" : "pause" }));
    root.querySelector("[part=finish]").addEventListener("click", () => send({ type: "toolbar", action: "finish" }));
    document.documentElement.append(toolbar);
    paint();
  }

  function paint() {
    if (!toolbar) return;
    const root = toolbar.shadowRoot;
    const words = { recording: "Recording", paused: "Paused", expect: "Click what to expect" };
    root.querySelector("[part=status]").textContent = `${words[state.mode] || state.mode} · ${state.steps} steps`;
    root.querySelector(".bar").classList.toggle("paused", state.mode === "paused");
    root.querySelector("[part=expect]").setAttribute("aria-pressed", String(state.mode === "expect"));
    root.querySelector("[part=pause]").textContent = state.mode === "paused" ? "Resume recording" : "Pause recording";
  }

  window.__gfRecorder = {
    document: null,
    begin,
    is: (el, id) => elements.get(id) === el,
    describe,
    setState(next) {
      state = { ...state, ...next };
      paint();
    },
    setPassing(value) {
      passing = value || null;
    },
    stop() {
      stopped = true;
      toolbar?.remove();
      toolbar = null;
    },
  };

  // A new document in this window: its toolbar, and Python told where we are (it answers with the toolbar's state).
  function begin() {
    window.__gfRecorder.document = document;
    toolbar = null;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", buildToolbar, { once: true });
    else buildToolbar();
    const nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    send({ type: "document", top: window === window.top, url: location.href, referrer: document.referrer,
      navigation: nav ? nav.type : "navigate" }).then((reply) => {
      if (reply && typeof reply === "object") window.__gfRecorder.setState(reply);
    });
  }

  begin();
})();
