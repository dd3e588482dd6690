/*
 * guidedflows overlay: the in-page half of guide, demo and docs modes (issue 4, "The overlay, as seen from the page").
 *
 * Python injects this with context.add_init_script into every frame of every page (guidedflows.overlay.overlay_script()
 * embeds overlay.css below). It is idempotent, cheap at load (a few listeners that return at once while idle), shows
 * nothing until told to, and works at document start, before <body> exists. Only the top frame draws, inside one
 * <guidedflows-overlay> on the documentElement (open shadow root; CSS through adoptedStyleSheets, so a strict
 * `style-src 'self'` and Trusted Types do not stop it). Child frames measure their element and post the rect to their
 * parent, which adds its iframe's content-box offset and posts it on, up to the top frame.
 *
 * window.__guidedflows, in every frame:
 *   render(card)                   draw or update the card (a child frame forwards the call to the top frame).
 *       card = {flow, body, progress: "3 of 9", step, total,
 *               status: "active" | "looking" | "missing" | "waiting" | "finished",
 *               message: null | text, hint: null | text shown when typed input is rejected,
 *               expect_dialog: null | "accept" | "dismiss", buttons: {back, next, skip, exit, doit}}
 *       All text is a Markdown subset (**bold**, *emphasis*, `code`, [text](http(s) or relative URL)) built as DOM
 *       nodes: never parsed as HTML.
 *   spotlight(element | null, {padding: 6, number: null, style: "guide" | "docs", theme: "light" | "dark", clip: null})
 *       Call in the element's own frame. The box is what a person sees of the element (issue 16: an icon in a
 *       stretched link is the icon, text is its lines, beyond the viewport only the part on screen). Scrolls it into
 *       view when it is not fully visible, then follows it through
 *       scrolling, resizing and layout changes. null: no cut-out, the page dimmed lightly, the card centred.
 *       "docs": an accent outline ring and a numbered badge, no dimming, no card. clip: {x, y, width, height} in
 *       top-frame viewport coordinates: only the target's part inside it is surrounded (a picture's band).
 *   watch(element | null, {action, key, accept, hint})
 *       Emits {type: "done", action, value} once when the person does exactly that action on the element:
 *       click | dblclick | hover | fill (committed by change/Enter, matching `accept`, else the card shows `hint`) |
 *       press (key or chord such as "Control+A"; anywhere in the frame when element is null) | select |
 *       check | uncheck (done at once if the element already is in that state) | upload (files chosen in the file
 *       input, or in the one the element opens; the value is their names). A new watch replaces the previous
 *       one, in whichever frame it was.
 *   unwatch()                      remove the current watch.
 *   releaseFocus()                 give the focus back to the page (where it was before the card took it), when it is
 *                                  on the card: before the tool does a step itself ("Do it for me").
 *   pointerTo(element, {click: false}) -> Promise<boolean>
 *       Demo mode: a fake arrow pointer glides to the element's centre; resolves true when it arrives.
 *   clear()                        remove spotlight, card, watch and pointer in every frame (the host stays, hidden).
 *   nextEvent(timeout_ms?) -> Promise<event | null>   top frame: the next event from any frame, queued; null when
 *                                  timeout_ms passes first (0: only an event already queued).
 *   state()                        top frame: {spotlight, target, card, badge, side, pointer: {x,y,width,height} | null,
 *                                  progress, status, title, body, message, hint} in top-frame viewport coordinates.
 *
 * Focus (issue 16): a new card with buttons takes the focus (not from an open menu, list or dialog of the page, nor
 * from the step's own element, nor for a key pressed anywhere) and says "Step 3 of 9: …" in a polite live region (part="announcer"); Tab from its last
 * control goes to the spotlit element, Shift+Tab from there back to the card; clearing it gives the focus back.
 *
 * Events: {type: "next" | "back" | "skip" | "exit" | "doit", step} from the card's buttons and from keys while the
 * card is shown (Enter or ArrowRight: next, ArrowLeft: back, Escape: exit; not while typing in a page field);
 * {type: "done", action, value} from watch(). Each is passed to window.__guidedflowsNotify(event) in the frame where
 * it happened (a Playwright binding, when present) AND queued for nextEvent() in the top frame.
 */
(() => {
  "use strict";
  if (window.__guidedflows) return;

  const CSS = /*@guidedflows-css*/ "";
  const MSG = "__guidedflows"; // marks our postMessage traffic
  const IS_TOP = window.top === window;
  const ORDER = ["bottom", "top", "right", "left"]; // where the card goes, first that fits
  const GAP = 14; // between the spotlight box and the card: room for the arrow
  const MARGIN = 12; // between the card and the viewport's edge
  const RADIUS = 10; // of the spotlight's cut-out
  const DEFAULT_BUTTONS = { back: false, next: true, skip: false, exit: true, doit: false };
  const ACTIONS = new Set(["click", "dblclick", "hover", "fill", "press", "select", "check", "uncheck", "upload"]);
  const UPWARD = new Set(["rect", "fresh", "pointer", "key", "event", "call", "hint", "watching", "focus-card"]);
  const DOWNWARD = new Set(["release", "unwatch", "clear", "pointer-done", "focus-target"]);

  let seq = 0;
  const clock = () => performance.timeOrigin + performance.now(); // comparable across frames and processes
  const newId = () => `${Math.round(clock())}.${++seq}.${Math.random().toString(36).slice(2, 7)}`;
  const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const clamp = (v, lo, hi) => (hi < lo ? lo : Math.min(Math.max(v, lo), hi));

  // ---------------------------------------------------------------- messages between frames

  function send(win, kind, data) {
    try {
      win.postMessage({ ...data, [MSG]: kind }, "*");
    } catch (_) {
      /* the frame went away */
    }
  }

  function up(kind, data) {
    if (IS_TOP) onMessage(kind, data, null);
    else send(window.parent, kind, data);
  }

  function down(kind, data) {
    for (let i = 0; i < window.length; i++) send(window[i], kind, data);
  }

  function isChild(win) {
    for (let i = 0; i < window.length; i++) if (window[i] === win) return true;
    return false;
  }

  // Registered at document start, before any page script: our messages never reach the page's own listeners.
  window.addEventListener(
    "message",
    (e) => {
      const data = e.data;
      if (!data || typeof data !== "object" || typeof data[MSG] !== "string") return;
      e.stopImmediatePropagation();
      const kind = data[MSG];
      const trusted = UPWARD.has(kind) ? isChild(e.source) : DOWNWARD.has(kind) && !IS_TOP && e.source === window.parent;
      if (trusted) onMessage(kind, data, e.source);
    },
    true,
  );

  function onMessage(kind, d, source) {
    switch (kind) {
      case "rect":
        return onChildRect(d, source);
      case "fresh":
        if (tracker && tracker.frame && frameElementOf(source) === tracker.frame) {
          tracker.child = null;
          refresh();
        }
        return undefined;
      case "pointer":
        return onChildPointer(d, source);
      case "key":
        return IS_TOP ? onKeyInTop(d.info) : up(kind, d);
      case "event":
        return IS_TOP ? enqueue(d.event) : up(kind, d);
      case "hint":
        return IS_TOP ? showRejection(d.text) : up(kind, d);
      case "watching":
        return IS_TOP ? claimWatch(d.id, d.claim) : up(kind, d);
      case "call":
        if (!IS_TOP) return up(kind, d);
        if (d.fn === "render") return render(d.card);
        if (d.fn === "clear") return clear();
        if (d.fn === "unwatch") return unwatch();
        if (d.fn === "releaseFocus") return releaseFocus();
        return undefined;
      case "focus-card":
        return IS_TOP ? focusCard() : up(kind, d);
      case "focus-target":
        return focusTarget();
      case "release":
        // Only a newer spotlight() releases ours: a release posted before our own call may arrive after it.
        if (tracker && tracker.id !== d.id && !(d.claim < tracker.claim)) stopTracking();
        return down(kind, d);
      case "unwatch":
        // As with release: an unwatch posted before this frame's own newer watch() must not remove it.
        if (watcher && watcher.id !== d.except && !(d.claim < watcher.claim)) unwatchLocal();
        return down(kind, d);
      case "clear":
        clearLocal(d.claim);
        return down(kind, d);
      case "pointer-done": {
        const resolve = pendingPointers.get(d.id);
        if (resolve) {
          pendingPointers.delete(d.id);
          resolve(true);
        }
        return down(kind, d);
      }
      default:
        return undefined;
    }
  }

  // The <iframe> element in this document whose window posted a message (cross-origin too: WindowProxy identity).
  const frameCache = new WeakMap();
  function frameElementOf(win) {
    const cached = frameCache.get(win);
    if (cached && cached.isConnected && cached.contentWindow === win) return cached;
    const found = findFrame(document, win);
    if (found) frameCache.set(win, found);
    return found;
  }

  function findFrame(root, win) {
    for (const f of root.querySelectorAll("iframe, frame")) if (f.contentWindow === win) return f;
    for (const el of root.querySelectorAll("*")) {
      const inner = el.shadowRoot && findFrame(el.shadowRoot, win);
      if (inner) return inner;
    }
    return null;
  }

  function contentOrigin(frame) {
    if (!frame.isConnected || frame.getClientRects().length === 0) return null;
    const r = frame.getBoundingClientRect();
    const cs = getComputedStyle(frame);
    return {
      x: r.left + frame.clientLeft + parseFloat(cs.paddingLeft),
      y: r.top + frame.clientTop + parseFloat(cs.paddingTop),
    };
  }

  // ---------------------------------------------------------------- events to Python

  const queue = [];
  const waiters = [];

  function emit(event) {
    const notify = window.__guidedflowsNotify;
    if (typeof notify === "function") {
      try {
        Promise.resolve(notify(event)).catch(() => {});
      } catch (_) {
        /* a binding from a closed session */
      }
    }
    up("event", { event });
  }

  function enqueue(event) {
    const waiter = waiters.shift();
    if (waiter) return waiter(event);
    queue.push(event);
    if (queue.length > 100) queue.shift(); // nobody is reading: keep the newest
    return undefined;
  }

  // The next event; with a timeout (ms), null when none came in time (0: only one already queued).
  function nextEvent(timeout) {
    if (!IS_TOP) return Promise.reject(new Error("nextEvent() is only available in the top frame"));
    if (queue.length) return Promise.resolve(queue.shift());
    return new Promise((resolve) => {
      waiters.push(resolve);
      if (typeof timeout !== "number" || !(timeout >= 0)) return;
      setTimeout(() => {
        const i = waiters.indexOf(resolve);
        if (i >= 0) waiters.splice(i, 1) && resolve(null);
      }, timeout);
    });
  }

  // ---------------------------------------------------------------- geometry

  function viewportSize() {
    const d = document.documentElement;
    if (d && document.compatMode !== "BackCompat" && d.clientWidth) return { width: d.clientWidth, height: d.clientHeight };
    return { width: window.innerWidth, height: window.innerHeight };
  }

  function boxOf(el) {
    if (!el.isConnected || el.getClientRects().length === 0) return null;
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }

  // ---- what a person sees of an element (issue 16): a link stretched down a column whose icon sits at its top is
  // the icon's box; text in a wide block is its lines; something that paints itself (a control, an image, a
  // background, a border) is its own box; the part of an element larger than the viewport that is on the screen.
  const REPLACED = new Set(["IMG", "SVG", "VIDEO", "CANVAS", "IFRAME", "INPUT", "SELECT", "TEXTAREA", "BUTTON", "OBJECT", "EMBED", "METER", "PROGRESS"]);
  const WALK_LIMIT = 300; // elements looked into; past that, the element's own box

  function contentBox(el) {
    const own = boxOf(el);
    if (!own) return null;
    const walk = { rects: [], budget: WALK_LIMIT };
    const seen = paintsItself(el, getComputedStyle(el)) || el.shadowRoot ? null : contentRects(el, walk);
    const box = seen && walk.rects.length ? union(walk.rects) : own;
    return onScreenPart(box);
  }

  function paintsItself(el, cs) {
    if (REPLACED.has(el.tagName.toUpperCase()) || el instanceof SVGElement) return true;
    if (painted(cs)) return true;
    for (const side of ["Top", "Right", "Bottom", "Left"]) {
      if (parseFloat(cs[`border${side}Width`]) > 0 && cs[`border${side}Style`] !== "none" && !transparent(cs[`border${side}Color`])) return true;
    }
    // An icon drawn by ::before or ::after (an icon font's glyph, a masked or background image) is not in the DOM:
    // the element's own box is the nearest box that holds it.
    return hasGeneratedIcon(el, "::before") || hasGeneratedIcon(el, "::after");
  }

  function painted(cs) {
    const mask = cs.maskImage || cs.webkitMaskImage || "none";
    return cs.backgroundImage !== "none" || mask !== "none" || cs.boxShadow !== "none" || !transparent(cs.backgroundColor);
  }

  function hasGeneratedIcon(el, pseudo) {
    const cs = getComputedStyle(el, pseudo);
    if (!cs || cs.content === "none" || cs.content === "normal" || cs.display === "none") return false;
    return (cs.content !== '""' && cs.content !== "''") || painted(cs);
  }

  function transparent(colour) {
    return colour === "transparent" || /^rgba\(.*,\s*0\)$/.test(colour);
  }

  // The boxes of what `el` shows (text lines, images, controls, painted boxes); false when there is too much to look at.
  function contentRects(el, walk) {
    for (const node of el.childNodes) {
      if (node.nodeType === 3) {
        if (!node.data.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) walk.rects.push(r);
      } else if (node.nodeType === 1) {
        if (--walk.budget < 0) return false;
        const cs = getComputedStyle(node);
        if (cs.display === "contents") {
          if (!contentRects(node, walk)) return false;
          continue;
        }
        if (cs.display === "none" || node.getClientRects().length === 0) continue;
        if (cs.visibility !== "hidden" && (paintsItself(node, cs) || node.shadowRoot)) walk.rects.push(node.getBoundingClientRect());
        else if (!contentRects(node, walk)) return false;
      }
    }
    return true;
  }

  function union(rects) {
    const x = Math.min(...rects.map((r) => r.left));
    const y = Math.min(...rects.map((r) => r.top));
    const right = Math.max(...rects.map((r) => r.right));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    return { x, y, width: right - x, height: bottom - y };
  }

  // Only along an axis where the element is larger than the viewport: its on-screen part.
  function onScreenPart(b) {
    const vp = viewportSize();
    let { x, y, width, height } = b;
    if (height > vp.height && y < vp.height && y + height > 0) {
      const top = Math.max(y, 0);
      height = Math.min(y + height, vp.height) - top;
      y = top;
    }
    if (width > vp.width && x < vp.width && x + width > 0) {
      const left = Math.max(x, 0);
      width = Math.min(x + width, vp.width) - left;
      x = left;
    }
    return { x, y, width, height };
  }

  // The part of box `b` inside `c` (docs mode: the picture's band, for a target taller than the picture).
  function clipped(b, c) {
    const x = Math.max(b.x, c.x);
    const y = Math.max(b.y, c.y);
    const right = Math.min(b.x + b.width, c.x + c.width);
    const bottom = Math.min(b.y + b.height, c.y + c.height);
    return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : b;
  }

  function sameBox(a, b) {
    if (!a || !b) return a === b;
    return Math.abs(a.x - b.x) < 0.1 && Math.abs(a.y - b.y) < 0.1 && Math.abs(a.width - b.width) < 0.1 && Math.abs(a.height - b.height) < 0.1;
  }

  function padded(r, p) {
    return { x: r.x - p, y: r.y - p, width: r.width + 2 * p, height: r.height + 2 * p };
  }

  function intersects(r, vp) {
    return r.x < vp.width && r.y < vp.height && r.x + r.width > 0 && r.y + r.height > 0;
  }

  function overlaps(a, b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  // The layout parent, crossing shadow boundaries (slotted nodes are laid out in their slot).
  function flatParent(node) {
    if (node.assignedSlot) return node.assignedSlot;
    if (node.parentElement) return node.parentElement;
    const parent = node.parentNode;
    return parent && parent.host ? parent.host : null;
  }

  function shadowRootsAbove(el) {
    const roots = [];
    for (let root = el.getRootNode(); root && root.host; root = root.host.getRootNode()) roots.push(root);
    return roots;
  }

  // Fully inside the viewport and every clipping ancestor, and not covered at its centre (e.g. by a fixed header).
  function fullyVisible(el) {
    const r = el.getBoundingClientRect();
    const vp = viewportSize();
    if (r.top < -0.5 || r.left < -0.5 || r.bottom > vp.height + 0.5 || r.right > vp.width + 0.5) return false;
    for (let a = flatParent(el); a && a !== document.body && a !== document.documentElement; a = flatParent(a)) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
      const b = a.getBoundingClientRect();
      const left = b.left + a.clientLeft;
      const top = b.top + a.clientTop;
      if (r.left < left - 0.5 || r.top < top - 0.5) return false;
      if (r.right > left + a.clientWidth + 0.5 || r.bottom > top + a.clientHeight + 0.5) return false;
    }
    return !covered(el, r);
  }

  function covered(el, r) {
    const root = el.getRootNode();
    if (typeof root.elementFromPoint !== "function") return false;
    const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit) return false;
    return !(hit === el || el.contains(hit) || hit.contains(el));
  }

  function reveal(el) {
    if (el.getClientRects().length === 0 || fullyVisible(el)) return;
    el.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
  }

  // ---------------------------------------------------------------- following the target (every frame)

  // One target per frame: a local element, or (in a frame on the way up) a child frame's rect plus its iframe.
  let tracker = null;

  function startTracking(t) {
    stopTracking();
    tracker = t;
    const el = t.el || t.frame;
    t.roots = shadowRootsAbove(el);
    for (const root of t.roots) root.addEventListener("scroll", kick, { capture: true, passive: true });
    t.resize = new ResizeObserver(kick);
    t.resize.observe(el);
    if (document.documentElement) t.resize.observe(document.documentElement);
    // Layout can move the target without any event we hear (content inserted above it): a cheap check now and then.
    t.poll = setInterval(() => refresh() && kick(), 250);
    refresh();
  }

  function stopTracking() {
    const t = tracker;
    if (!t) return;
    tracker = null;
    cancelAnimationFrame(t.raf);
    clearInterval(t.poll);
    t.resize.disconnect();
    for (const root of t.roots) root.removeEventListener("scroll", kick, { capture: true });
  }

  // Something may have moved: measure every animation frame until the box has been still for a few frames.
  function kick() {
    const t = tracker;
    if (!t || t.raf) return;
    t.still = 0;
    t.raf = requestAnimationFrame(followFrame);
  }

  function followFrame() {
    const t = tracker;
    if (!t) return;
    t.raf = 0;
    t.still = refresh() ? 0 : t.still + 1;
    if (t.still < 6) t.raf = requestAnimationFrame(followFrame);
  }

  // Measure the target; when its box changed, pass it on. Returns whether it changed.
  function refresh() {
    const t = tracker;
    if (!t) return false;
    const box = measure(t);
    if (t.published && sameBox(box, t.last)) return false;
    t.last = box;
    t.published = true;
    if (IS_TOP) showSpotlight(box, t.opts);
    else send(window.parent, "rect", { id: t.id, claim: t.claim, rect: box, opts: t.opts });
    return true;
  }

  function measure(t) {
    if (t.el) return contentBox(t.el);
    if (!t.child) return null;
    const origin = contentOrigin(t.frame);
    if (!origin) return null;
    return { x: t.child.x + origin.x, y: t.child.y + origin.y, width: t.child.width, height: t.child.height };
  }

  // A new document in a child frame (the frame navigated): whatever that frame was showing is gone. Said from the
  // new document because a message posted while the old one unloads is dropped, and the iframe's `load` event in the
  // parent can come after the new document already reported its target.
  if (!IS_TOP) send(window.parent, "fresh", {});

  window.addEventListener("scroll", () => tracker && kick(), { capture: true, passive: true });
  window.addEventListener("resize", () => {
    if (tracker) kick();
    if (IS_TOP && S.host) update();
  });

  function spotlightOptions(o) {
    const opts = o && typeof o === "object" ? o : {};
    const padding = Number.isFinite(Number(opts.padding)) && opts.padding !== null ? Number(opts.padding) : 6;
    const number = opts.number === null || opts.number === undefined || opts.number === "" ? null : String(opts.number);
    const c = opts.clip;
    const clip = c && [c.x, c.y, c.width, c.height].every((v) => Number.isFinite(Number(v))) ? { x: +c.x, y: +c.y, width: +c.width, height: +c.height } : null;
    return { padding, number, clip, style: opts.style === "docs" ? "docs" : "guide", theme: opts.theme === "dark" ? "dark" : "light" };
  }

  function spotlight(el, options) {
    const opts = spotlightOptions(options);
    const id = newId();
    const claim = clock();
    if (el === null || el === undefined) {
      stopTracking();
      if (!IS_TOP) return send(window.parent, "rect", { id, claim, rect: null, opts });
      claimSpotlight(id, claim);
      return showSpotlight(null, opts);
    }
    if (!el || el.nodeType !== 1) throw new TypeError("spotlight() takes an element or null");
    reveal(el);
    if (IS_TOP) claimSpotlight(id, claim);
    return startTracking({ id, claim, opts, el });
  }

  // A frame below says where its target is now.
  function onChildRect(d, source) {
    const frame = source && frameElementOf(source);
    if (!frame) return;
    const t = tracker;
    if (t && t.id === d.id) {
      t.child = d.rect;
      if (refresh()) kick();
      return;
    }
    const newest = IS_TOP ? S.claim : t ? t.claim : 0;
    if (d.claim < newest) return; // an older spotlight() call, overtaken by a newer one
    if (IS_TOP) claimSpotlight(d.id, d.claim);
    startTracking({ id: d.id, claim: d.claim, opts: spotlightOptions(d.opts), frame, child: d.rect });
  }

  // The newest spotlight() call wins; frames still following an older target stop.
  function claimSpotlight(id, claim) {
    S.claim = claim;
    down("release", { id, claim });
  }

  // ---------------------------------------------------------------- the top frame's drawing

  const S = {
    host: null, // <guidedflows-overlay>
    ui: null, // its parts
    keeper: null, // re-attaches the host when the page removes it
    card: null, // the last render()ed card, normalised
    cardKey: null,
    rejected: null, // {text} after a value failed `accept`, until the step changes
    spot: null, // null: no spotlight; {rect: null | box, opts}
    claim: 0,
    watchClaim: 0,
    side: null,
    pointer: null, // {x, y, visible}
  };

  function update() {
    const showCard = cardShown();
    const anything = showCard || !!S.spot || !!(S.pointer && S.pointer.visible);
    if (!anything) {
      if (S.host) S.host.hidden = true;
      stopKeeper();
      return;
    }
    const ui = ensureHost();
    if (!ui) {
      document.addEventListener("DOMContentLoaded", update, { once: true });
      return;
    }
    S.host.hidden = false;
    paintSpotlight(ui, showCard);
    placeCard(ui, showCard);
  }

  function cardShown() {
    return !!S.card && !(S.spot && S.spot.opts.style === "docs");
  }

  function ensureHost() {
    const root = document.documentElement;
    if (!root) return null;
    if (!S.host) buildHost();
    if (S.host.parentNode !== root) root.appendChild(S.host);
    keepAttached(root);
    return S.ui;
  }

  // Pages re-render whole documents (and some remove unknown elements): put the host back while it is in use.
  function keepAttached(root) {
    if (S.keeper && S.keeper.root === root) return;
    stopKeeper();
    const observer = new MutationObserver(() => {
      if (S.host && !S.host.hidden && S.host.parentNode !== document.documentElement) update();
    });
    observer.observe(document, { childList: true });
    observer.observe(root, { childList: true });
    S.keeper = { root, observer };
  }

  function stopKeeper() {
    if (S.keeper) S.keeper.observer.disconnect();
    S.keeper = null;
  }

  function buildHost() {
    const host = document.createElement("guidedflows-overlay");
    host.hidden = true;
    const shadow = host.attachShadow({ mode: "open" });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch (_) {
      const style = document.createElement("style"); // only where constructable stylesheets are missing
      style.textContent = CSS;
      shadow.append(style);
    }
    const ui = buildUi();
    shadow.append(ui.backdrop, ui.spot, ui.badge, ui.card, ui.pointer, ui.announcer);
    S.host = host;
    S.ui = ui;
  }

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) el.setAttribute(name, value);
    el.append(...children);
    return el;
  }

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs || {})) el.setAttribute(name, value);
    el.append(...children);
    return el;
  }

  function show(el, visible) {
    el.toggleAttribute("hidden", !visible);
  }

  function button(type, label, attrs, ...icons) {
    const b = h("button", { type: "button", part: `button ${type}-button`, ...attrs }, label, ...icons);
    b.addEventListener("click", () => emit({ type, step: S.card ? S.card.step : null }));
    return b;
  }

  function buildUi() {
    const ui = {};
    ui.dim = svg("path", { part: "dim", "fill-rule": "evenodd" });
    ui.backdrop = svg("svg", { part: "backdrop", "aria-hidden": "true", hidden: "" }, ui.dim);
    ui.spot = h("div", { part: "spotlight", "aria-hidden": "true", hidden: "" });
    ui.badge = h("div", { part: "badge", "aria-hidden": "true", hidden: "" });
    ui.title = h("div", { part: "title", id: "gf-title" });
    ui.progress = h("div", { part: "progress" });
    ui.exit = button("exit", "", { class: "icon", "aria-label": "Exit", title: "Exit the guide (Esc)" }, crossIcon());
    ui.fill = h("div", { part: "progress-fill" });
    ui.bar = h("div", { part: "progress-bar", "aria-hidden": "true" }, ui.fill);
    ui.body = h("div", { part: "body", id: "gf-body" });
    ui.messageText = h("div", { part: "message-text" });
    ui.message = h("div", { part: "message" }, h("span", { part: "status-icon", "aria-hidden": "true" }), ui.messageText);
    ui.hint = h("div", { part: "hint", role: "alert" });
    ui.dialogNote = h("div", { part: "dialog-note" });
    ui.back = button("back", "Back", { class: "quiet" });
    ui.skip = button("skip", "Skip", { class: "quiet" });
    ui.doit = button("doit", "Do it for me", { class: "secondary" });
    ui.next = button("next", "Next", { class: "primary" }, arrowIcon());
    // The closing card's button reads "Exit", the name the flow format promises (WCAG 2.5.3: the name holds the label).
    ui.close = button("exit", "Exit", { class: "primary" });
    // Two groups: on a narrow card (or with wide fonts) the main buttons wrap together, to the right.
    ui.footer = h("div", { part: "footer" }, h("div", { class: "group" }, ui.back, ui.skip), h("div", { class: "group main" }, ui.doit, ui.next, ui.close));
    const header = h("div", { part: "header" }, ui.title, ui.progress, ui.exit);
    ui.panel = h("div", { part: "panel" }, ui.bar, header, ui.body, ui.message, ui.hint, ui.dialogNote, ui.footer);
    ui.arrow = h("div", { part: "arrow", "aria-hidden": "true" });
    ui.card = h(
      "div",
      { part: "card", role: "dialog", "aria-modal": "false", "aria-labelledby": "gf-title", "aria-describedby": "gf-body", tabindex: "-1", hidden: "" },
      ui.arrow,
      ui.panel,
    );
    // The page never sees the person using the card (its "click outside closes the menu" handlers, its shortcuts).
    for (const type of ["click", "dblclick", "mousedown", "mouseup", "pointerdown", "pointerup", "touchstart", "touchend", "keydown", "keyup", "keypress"]) {
      ui.card.addEventListener(type, (e) => e.stopPropagation());
    }
    ui.pointer = h("div", { part: "pointer", "aria-hidden": "true", hidden: "" }, pointerIcon());
    // Each new step (and each status line) is said here, politely: outside the card, so it is in the page's
    // accessibility tree before its text changes (a live region that appears with its text is often not read).
    ui.announcer = h("div", { part: "announcer", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    ui.card.addEventListener("keydown", onCardKeydown);
    return ui;
  }

  function crossIcon() {
    return svg("svg", { viewBox: "0 0 16 16", width: "16", height: "16", "aria-hidden": "true" }, svg("path", { d: "M4 4l8 8M12 4l-8 8" }));
  }

  function arrowIcon() {
    return svg("svg", { viewBox: "0 0 16 16", width: "14", height: "14", "aria-hidden": "true", class: "after" }, svg("path", { d: "M3 8h9M8.5 4.5L12 8l-3.5 3.5" }));
  }

  function pointerIcon() {
    return svg(
      "svg",
      { viewBox: "0 0 24 24", width: "26", height: "26", "aria-hidden": "true" },
      svg("path", { d: "M3 2.5v17.2l4.6-4.3 3.1 7 3.2-1.4-3.1-6.9h6.4z" }),
    );
  }

  function paintSpotlight(ui, showCard) {
    const spot = S.spot;
    const docs = !!spot && spot.opts.style === "docs";
    const box = spot && spot.rect ? padded(spot.rect, spot.opts.padding) : null;
    const dim = !docs && (!!box || showCard);
    // At once, never faded in (issue 16): a fade ran on each new document's first card only (every card of a site
    // that loads a page per step, the first card of one that does not), so cards looked dimmed or not by chance.
    show(ui.backdrop, dim);
    if (dim) {
      const vp = viewportSize();
      ui.backdrop.setAttribute("width", vp.width);
      ui.backdrop.setAttribute("height", vp.height);
      ui.dim.setAttribute("d", `M0 0H${vp.width}V${vp.height}H0Z${box ? roundedRect(box) : ""}`);
      ui.backdrop.classList.toggle("light", !box);
    }
    show(ui.spot, !!box);
    if (box) {
      placeAt(ui.spot, box);
      ui.spot.classList.toggle("docs", docs);
      ui.spot.classList.toggle("dark", docs && spot.opts.theme === "dark"); // docs --theme dark: for dark pages
    }
    const number = spot ? spot.opts.number : null;
    show(ui.badge, !!box && number !== null);
    ui.badge.classList.toggle("dark", !!spot && spot.opts.theme === "dark");
    if (box && number !== null) {
      ui.badge.textContent = number;
      const spot = freeSpotFor(ui.badge, box);
      ui.badge.style.left = `${spot.x}px`;
      ui.badge.style.top = `${spot.y}px`;
    }
  }

  // ---- the docs badge (issue 16): in free space beside the outline, never over the page's words or pictures.
  const BADGE_GAP = 6;

  function freeSpotFor(badge, box) {
    const w = badge.offsetWidth || 28;
    const hh = badge.offsetHeight || 28;
    const key = JSON.stringify([box, w, hh]);
    if (S.badgeSpot && S.badgeSpot.key === key) return S.badgeSpot.spot;
    const vp = viewportSize();
    const ring = padded(box, 3); // the outline's own width
    const g = BADGE_GAP;
    const midY = box.y + box.height / 2 - hh / 2;
    const candidates = [
      { x: ring.x - w - g, y: ring.y - hh / 2 }, // at the top-left corner, outside the outline
      { x: ring.x - w - g, y: midY }, // on the left
      { x: ring.x, y: ring.y - hh - g }, // above, at the left
      { x: ring.x + ring.width + g, y: midY }, // on the right
      { x: ring.x, y: ring.y + ring.height + g }, // below, at the left
      { x: ring.x + ring.width - w, y: ring.y - hh - g }, // above, at the right
      { x: ring.x + ring.width - w, y: ring.y + ring.height + g }, // below, at the right
      { x: ring.x - w - g, y: ring.y - hh - g }, // diagonally above-left
    ].map((c) => ({ x: clamp(c.x, 2, vp.width - w - 2), y: clamp(c.y, 2, vp.height - hh - 2), width: w, height: hh }));
    // Failing those (a field in a crowded header): astride one of the outline's corners, where it hides only the ring.
    const corners = [
      [ring.x, ring.y],
      [ring.x + ring.width, ring.y],
      [ring.x, ring.y + ring.height],
      [ring.x + ring.width, ring.y + ring.height],
    ].map(([x, y]) => ({ x: clamp(x - w / 2, 2, vp.width - w - 2), y: clamp(y - hh / 2, 2, vp.height - hh - 2), width: w, height: hh }));
    const near = padded(box, Math.max(w, hh) + 2 * g + 8);
    const words = pageContentRects(near);
    const cost = (c, obstacles) => obstacles.reduce((sum, o) => sum + overlapArea(c, o), 0);
    const wordsAndRing = [...words, ring];
    const free = (c) => cost(c, wordsAndRing) === 0;
    let spot = candidates.find(free) || corners.find((c) => cost(c, words) === 0);
    // Failing those (text on every side: a dense form, a small font): the nearest free place around the outline.
    if (!spot) spot = nearestFree(ring, w, hh, near, vp, free);
    if (!spot) spot = [...candidates, ...corners].reduce((best, c) => (cost(c, words) < cost(best, words) ? c : best));
    S.badgeSpot = { key, spot };
    return spot;
  }

  // Places for a w×hh badge in `area` outside `ring`, every 4 px, nearest to the ring first; the first that is `free`.
  function nearestFree(ring, w, hh, area, vp, free) {
    const places = [];
    for (let y = area.y; y + hh <= area.y + area.height; y += 4) {
      for (let x = area.x; x + w <= area.x + area.width; x += 4) {
        const c = { x: clamp(x, 2, vp.width - w - 2), y: clamp(y, 2, vp.height - hh - 2), width: w, height: hh };
        const gap = Math.max(ring.x - (c.x + w), c.x - (ring.x + ring.width), ring.y - (c.y + hh), c.y - (ring.y + ring.height));
        if (gap >= BADGE_GAP / 2) places.push([gap, c]);
      }
    }
    places.sort((a, b) => a[0] - b[0]);
    const found = places.find(([, c]) => free(c));
    return found ? found[1] : null;
  }

  // How much of `b` the box `a` would hide: nothing where `b` is itself hidden there (words under an open menu).
  function overlapArea(a, b) {
    const x = Math.max(a.x, b.x);
    const y = Math.max(a.y, b.y);
    const w = Math.min(a.x + a.width, b.x + b.width) - x;
    const hh = Math.min(a.y + a.height, b.y + b.height) - y;
    if (w <= 0 || hh <= 0) return 0;
    if (b.el) {
      const top = document.elementFromPoint(x + w / 2, y + hh / 2);
      if (top && top !== b.el && !b.el.contains(top) && !top.contains(b.el)) return 0;
    }
    return w * hh;
  }

  // Boxes of the page's text lines, pictures and controls that meet `area` (top document, light DOM).
  function pageContentRects(area) {
    const out = [];
    const meets = (r) => r.width > 0 && r.height > 0 && overlaps({ x: r.left, y: r.top, width: r.width, height: r.height }, area);
    const add = (r, el) => out.push({ x: r.left, y: r.top, width: r.width, height: r.height, el });
    const body = document.body;
    if (!body) return out;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(), i = 0; n && i < 20000; n = walker.nextNode(), i++) {
      if (!n.data.trim() || (S.host && S.host.contains(n))) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (meets(r)) add(r, n.parentElement);
    }
    for (const el of body.querySelectorAll("img, svg, video, canvas, input, select, textarea, button, iframe")) {
      const r = el.getBoundingClientRect();
      if (meets(r)) add(r, el);
    }
    for (const el of body.querySelectorAll("*")) {
      if (!el.shadowRoot || (S.host && el === S.host)) continue; // a component: what it draws is out of our sight
      const r = el.getBoundingClientRect();
      if (meets(r)) add(r, el);
    }
    return out;
  }

  function roundedRect(b) {
    const r = Math.min(RADIUS, b.width / 2, b.height / 2);
    const { x, y, width: w, height: hh } = b;
    return (
      `M${x + r} ${y}H${x + w - r}A${r} ${r} 0 0 1 ${x + w} ${y + r}V${y + hh - r}` +
      `A${r} ${r} 0 0 1 ${x + w - r} ${y + hh}H${x + r}A${r} ${r} 0 0 1 ${x} ${y + hh - r}V${y + r}A${r} ${r} 0 0 1 ${x + r} ${y}Z`
    );
  }

  function placeAt(el, b) {
    el.style.left = `${b.x}px`;
    el.style.top = `${b.y}px`;
    el.style.width = `${b.width}px`;
    el.style.height = `${b.height}px`;
  }

  function showSpotlight(rect, opts) {
    S.spot = { rect: rect && opts.clip ? clipped(rect, opts.clip) : rect, opts };
    update();
  }

  // ---------------------------------------------------------------- the card

  function normaliseCard(card) {
    const c = card && typeof card === "object" ? card : {};
    const text = (v) => (v === null || v === undefined ? "" : String(v));
    const buttons = { ...DEFAULT_BUTTONS };
    if (c.buttons && typeof c.buttons === "object") for (const k of Object.keys(DEFAULT_BUTTONS)) if (k in c.buttons) buttons[k] = !!c.buttons[k];
    return {
      flow: text(c.flow),
      body: text(c.body),
      progress: text(c.progress),
      step: Number.isFinite(Number(c.step)) && c.step !== null ? Number(c.step) : null,
      total: Number.isFinite(Number(c.total)) && c.total !== null ? Number(c.total) : null,
      status: ["active", "looking", "missing", "waiting", "finished"].includes(c.status) ? c.status : "active",
      message: c.message ? String(c.message) : null,
      hint: c.hint ? String(c.hint) : null,
      expectDialog: c.expect_dialog === "accept" || c.expect_dialog === "dismiss" ? c.expect_dialog : null,
      buttons,
    };
  }

  function render(card) {
    if (!IS_TOP) return up("call", { fn: "render", card });
    if (card === null || card === undefined) {
      S.card = null;
      return update();
    }
    const c = normaliseCard(card);
    const key = JSON.stringify([c.flow, c.step, c.body]);
    const isNew = key !== S.cardKey;
    if (isNew) S.rejected = null;
    S.card = c;
    S.cardKey = key;
    if (!ensureHost()) {
      document.addEventListener("DOMContentLoaded", () => render(card), { once: true });
      return undefined;
    }
    const said = S.ui.messageText.textContent;
    paintCard(S.ui, c);
    const wasHidden = S.ui.card.hasAttribute("hidden");
    update();
    if (!cardShown()) return undefined;
    if (isNew || wasHidden) {
      S.renderedAt = clock();
      enterCard(S.ui.card);
      announce(stepWords(S.ui, c));
      // After this call's watch(): a step done by a key pressed anywhere keeps the person's focus on the page.
      Promise.resolve().then(() => S.card === c && takeFocus(S.ui));
    } else if (c.message && S.ui.messageText.textContent !== said) {
      announce(S.ui.messageText.textContent);
    }
    return undefined;
  }

  // ---------------------------------------------------------------- focus and announcements (issue 16)
  //
  // A new card takes the focus (so a keyboard or screen-reader user lands on it) and says its step in a polite live
  // region. Tab from the card's last control goes to the spotlit element, Shift+Tab from that element back to the
  // card; when the card goes away (Exit, the end), or the tool does the step itself (releaseFocus), the focus goes
  // back to where it was on the page. The focus stays on the page when taking it would close something the person
  // has open there (a menu, a list, the page's own dialog), or when the step is a key pressed anywhere.

  const POPUP_ROLES = new Set(["menu", "listbox", "combobox", "dialog", "alertdialog", "tree", "grid"]);
  const FOCUSABLE = "button, a[href], input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=''], [contenteditable=true]";

  function stepWords(ui, c) {
    const parts = [c.status === "finished" || !c.progress ? "" : `Step ${c.progress}:`, ui.body.textContent];
    if (c.message) parts.push(ui.messageText.textContent);
    return parts.filter(Boolean).join(" ");
  }

  function announce(text) {
    const ui = S.ui;
    if (!ui) return;
    clearTimeout(S.announcing);
    ui.announcer.textContent = "";
    // Changed a moment later, once the host is shown: a screen reader reads a live region's changes, not its birth.
    S.announcing = setTimeout(() => {
      ui.announcer.textContent = text;
    }, 100);
  }

  function deepActive() {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  function focusInOverlay() {
    return !!S.host && document.activeElement === S.host;
  }

  function inOpenPopup(el) {
    for (let n = el; n && n !== document.body && n !== document.documentElement; n = flatParent(n)) {
      if (n.nodeType !== 1) continue;
      if (POPUP_ROLES.has(n.getAttribute("role")) || n.getAttribute("aria-expanded") === "true") return true;
      if (n.tagName === "DIALOG" && n.open) return true;
    }
    return false;
  }

  function cardControls(ui) {
    return [...ui.card.querySelectorAll("button, a[href]")].filter((b) => b.getClientRects().length > 0);
  }

  function takeFocus(ui) {
    if (!cardShown() || cardControls(ui).length === 0) return; // demo mode: nothing on the card to operate
    if (watcher && !watcher.finished && !watcher.el && watcher.spec.action === "press") return;
    if (!focusInOverlay()) {
      const active = deepActive();
      if (active && (inOpenPopup(active) || onThisStepsElement(active))) return;
      S.returnFocus = active && active !== document.body ? active : null;
    }
    ui.card.focus({ preventScroll: true });
  }

  // The person is already on the element this card is about (they tabbed into the next field): leave them there.
  function onThisStepsElement(active) {
    const t = tracker;
    if (!t || !(t.claim >= S.renderedAt)) return false; // not this card's spotlight (yet)
    if (t.frame) return active === t.frame;
    for (let n = active; n; n = flatParent(n)) if (n === t.el) return true;
    return false;
  }

  // Give the focus back to the page: to where it was before the card took it, else to nothing in particular.
  function releaseFocus() {
    if (!IS_TOP) return up("call", { fn: "releaseFocus" });
    if (!focusInOverlay()) return undefined;
    const back = S.returnFocus;
    S.returnFocus = null;
    if (back && back.isConnected && back.getClientRects().length > 0) back.focus({ preventScroll: true });
    if (focusInOverlay()) document.activeElement.blur();
    return undefined;
  }

  function onCardKeydown(e) {
    if (e.key !== "Tab" || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    const controls = cardControls(S.ui);
    const here = e.composedPath()[0];
    if (controls.length && here !== controls[controls.length - 1]) return;
    if (focusTarget()) e.preventDefault();
  }

  // Move the focus to the spotlit element (or the first thing in it that takes focus), in whichever frame it is.
  function focusTarget() {
    const t = tracker;
    if (!t) return false;
    if (t.el) return focusElement(t.el);
    if (!t.frame || !t.frame.contentWindow) return false;
    t.frame.focus({ preventScroll: true }); // the frame's document has the focus first, then its element takes it
    send(t.frame.contentWindow, "focus-target", {});
    return true;
  }

  function focusElement(el) {
    const candidates = [el.tagName === "LABEL" && el.control ? el.control : el, ...el.querySelectorAll(FOCUSABLE)];
    if (el.shadowRoot) candidates.push(...el.shadowRoot.querySelectorAll(FOCUSABLE));
    for (const c of candidates) {
      if (c.disabled || c.getClientRects().length === 0) continue;
      c.focus({ preventScroll: true });
      if (deepActive() === c || c.contains(document.activeElement)) return true;
    }
    return false;
  }

  // Shift+Tab on the spotlit element goes back to the card's last control.
  function backToCard(e) {
    const t = tracker;
    if (!t || !t.el || e.key !== "Tab" || !e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return false;
    if (!e.composedPath().includes(t.el)) return false;
    if (IS_TOP) return focusCard();
    up("focus-card", {});
    return true;
  }

  function focusCard() {
    if (!S.ui || !cardShown()) return false;
    const controls = cardControls(S.ui);
    (controls[controls.length - 1] || S.ui.card).focus({ preventScroll: true });
    return true;
  }

  function paintCard(ui, c) {
    ui.card.dataset.status = c.status;
    ui.title.textContent = c.flow || "Guide";
    ui.progress.textContent = c.progress;
    show(ui.progress, !!c.progress);
    const ratio = c.step !== null && c.total ? clamp(c.step / c.total, 0, 1) : null;
    show(ui.bar, ratio !== null);
    if (ratio !== null) ui.fill.style.width = `${(c.status === "finished" ? 1 : ratio) * 100}%`;
    setMarkdown(ui.body, c.body);
    show(ui.message, !!c.message);
    setMarkdown(ui.messageText, c.message || "");
    const hint = S.rejected ? S.rejected.text || c.hint || "That doesn't look right. Check it and try again." : null;
    show(ui.hint, !!hint);
    setMarkdown(ui.hint, hint || "");
    const answer = c.expectDialog === "accept" ? "OK" : "Cancel";
    show(ui.dialogNote, !!c.expectDialog);
    setMarkdown(ui.dialogNote, c.expectDialog ? `The browser will ask you to confirm: choose **${answer}**.` : "");
    paintButtons(ui, c);
  }

  function paintButtons(ui, c) {
    const b = c.buttons;
    const finished = c.status === "finished";
    show(ui.back, b.back);
    show(ui.skip, b.skip && !finished);
    show(ui.doit, b.doit && !finished);
    show(ui.next, b.next && !finished);
    show(ui.exit, b.exit && !finished);
    show(ui.close, b.exit && finished);
    show(ui.footer, b.back || (!finished && (b.skip || b.doit || b.next)) || (finished && b.exit));
  }

  function enterCard(card) {
    if (reducedMotion() || !card.animate) return;
    const dy = { bottom: -6, top: 6 }[S.side] || 0;
    const dx = { right: -6, left: 6 }[S.side] || 0;
    card.animate(
      [
        { opacity: 0, transform: `translate(${dx}px, ${dy}px) scale(0.98)` },
        { opacity: 1, transform: "none" },
      ],
      { duration: 200, easing: "cubic-bezier(.2,.8,.2,1)" },
    );
  }

  // A typed value failed `accept`: show the hint and nudge the card, without advancing.
  function showRejection(text) {
    S.rejected = { text: text ? String(text) : null };
    if (!S.card || !S.ui) return;
    paintCard(S.ui, S.card);
    update();
    if (!reducedMotion() && S.ui.card.animate) {
      S.ui.card.animate(
        [{ transform: "none" }, { transform: "translateX(-5px)" }, { transform: "translateX(5px)" }, { transform: "translateX(-3px)" }, { transform: "none" }],
        { duration: 280, easing: "ease-in-out" },
      );
    }
  }

  // Beside the target, on the first side (bottom, top, right, left) where it fits whole; else on the side with the
  // most room. Always kept inside the viewport; the arrow points at the target's centre.
  function placeCard(ui, visible) {
    show(ui.card, visible);
    if (!visible) return void releaseFocus();
    const vp = viewportSize();
    const w = ui.card.offsetWidth;
    const hh = ui.card.offsetHeight;
    const box = S.spot && S.spot.rect ? padded(S.spot.rect, S.spot.opts.padding) : null;
    const pos = box ? placeBeside(box, w, hh, vp) : { side: null, x: (vp.width - w) / 2, y: (vp.height - hh) / 2 };
    S.side = pos.side;
    ui.card.style.left = `${Math.round(pos.x)}px`;
    ui.card.style.top = `${Math.round(pos.y)}px`;
    ui.card.dataset.side = pos.side || "none";
    placeArrow(ui.arrow, pos, box, w, hh, vp);
  }

  function placeBeside(t, w, hh, vp) {
    const room = { bottom: vp.height - (t.y + t.height), top: t.y, right: vp.width - (t.x + t.width), left: t.x };
    const need = { bottom: hh + GAP + MARGIN, top: hh + GAP + MARGIN, right: w + GAP + MARGIN, left: w + GAP + MARGIN };
    const across = { bottom: w + 2 * MARGIN <= vp.width, top: w + 2 * MARGIN <= vp.width, right: hh + 2 * MARGIN <= vp.height, left: hh + 2 * MARGIN <= vp.height };
    let side = ORDER.find((s) => room[s] >= need[s] && across[s]);
    if (!side) side = ORDER.reduce((best, s) => (room[s] - need[s] > room[best] - need[best] ? s : best));
    return { side, ...positionOn(side, t, w, hh, vp) };
  }

  function positionOn(side, t, w, hh, vp) {
    let x;
    let y;
    if (side === "bottom" || side === "top") {
      x = t.x + t.width / 2 - w / 2;
      y = side === "bottom" ? t.y + t.height + GAP : t.y - GAP - hh;
    } else {
      y = t.y + t.height / 2 - hh / 2;
      x = side === "right" ? t.x + t.width + GAP : t.x - GAP - w;
    }
    return { x: clamp(x, MARGIN, vp.width - w - MARGIN), y: clamp(y, MARGIN, vp.height - hh - MARGIN) };
  }

  function placeArrow(arrow, pos, box, w, hh, vp) {
    const card = { x: pos.x, y: pos.y, width: w, height: hh };
    const useful = box && intersects(box, vp) && !overlaps(card, box);
    show(arrow, !!useful);
    if (!useful) return;
    const half = 7;
    const vertical = pos.side === "bottom" || pos.side === "top";
    const along = vertical ? clamp(box.x + box.width / 2 - pos.x, 20, w - 20) : clamp(box.y + box.height / 2 - pos.y, 20, hh - 20);
    const edge = { bottom: -half, top: hh - half, right: -half, left: w - half }[pos.side];
    arrow.style.left = `${vertical ? along - half : edge}px`;
    arrow.style.top = `${vertical ? edge : along - half}px`;
  }

  // ---------------------------------------------------------------- Markdown subset → DOM nodes (never HTML)

  const INLINE = [
    ["escape", /\\([\\`*_[\]()])/],
    ["code", /`([^`\n]+)`/],
    ["link", /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/], // a URL may hold one level of (parentheses)
    ["strong", /\*\*(?=\S)([\s\S]*?\S)\*\*/],
    ["em", /\*(?=[^\s*])([^*]*?[^\s*])?\*|(?<![\w])_(?=[^\s_])([^_]*?[^\s_])?_(?![\w])/],
  ];

  function setMarkdown(el, text) {
    el.replaceChildren();
    const paragraphs = String(text || "")
      .split(/\n[ \t]*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    for (const para of paragraphs) {
      const p = h("p");
      para.split("\n").forEach((line, i) => {
        if (i) p.append(h("br"));
        inline(line, p);
      });
      el.append(p);
    }
  }

  function inline(text, into) {
    let rest = text;
    while (rest) {
      let best = null;
      for (const [kind, rx] of INLINE) {
        const m = rx.exec(rest);
        if (m && (!best || m.index < best.m.index)) best = { kind, m };
      }
      if (!best) {
        into.append(rest);
        return;
      }
      if (best.m.index) into.append(rest.slice(0, best.m.index));
      into.append(inlineNode(best.kind, best.m));
      rest = rest.slice(best.m.index + best.m[0].length);
    }
  }

  function inlineNode(kind, m) {
    if (kind === "escape") return m[1];
    if (kind === "code") return h("code", {}, m[1]);
    if (kind === "link") {
      const url = safeUrl(m[2]);
      const el = url ? h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }) : h("span");
      inline(m[1], el);
      return el;
    }
    const el = h(kind);
    inline(m[1] || m[2] || "", el);
    return el;
  }

  // Only http(s) links, absolute or relative to the page: never javascript:, data: or anything else.
  function safeUrl(raw) {
    try {
      const url = new URL(raw, document.baseURI);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  // ---------------------------------------------------------------- watching for the person's action

  let watcher = null;
  const seenEvents = new WeakSet();

  // Registered at document start, capture phase on the window: before the page's own handlers can swallow them.
  for (const type of ["click", "dblclick", "mouseover", "change", "input"]) window.addEventListener(type, onPageEvent, true);
  window.addEventListener("keydown", onKeydown, true);

  function watchSpec(spec) {
    const s = spec && typeof spec === "object" ? spec : {};
    if (!ACTIONS.has(s.action)) throw new TypeError(`watch(): unknown action ${JSON.stringify(s.action)}`);
    return { action: s.action, key: s.key ? String(s.key) : null, accept: s.accept ? String(s.accept) : null, hint: s.hint ? String(s.hint) : null };
  }

  function watch(el, spec) {
    const s = watchSpec(spec);
    if (el !== null && el !== undefined && el.nodeType !== 1) throw new TypeError("watch() takes an element or null");
    unwatchLocal();
    const w = { id: newId(), claim: clock(), el: el || null, spec: s, cleanups: [] };
    w.accept = compileAccept(s.accept);
    w.chord = s.action === "press" ? parseChord(s.key || "Enter") : null;
    watcher = w;
    if (w.el) {
      // `change` does not cross shadow boundaries: listen where it is still visible.
      for (const root of shadowRootsAbove(w.el)) listen(w, root, "change", onPageEvent);
    }
    if (s.action === "hover") listen(w, window, "pointermove", onPageEvent);
    if (s.action === "check" || s.action === "uncheck") watchState(w);
    if (IS_TOP) claimWatch(w.id, w.claim);
    else send(window.parent, "watching", { id: w.id, claim: w.claim });
  }

  function listen(w, target, type, fn) {
    target.addEventListener(type, fn, true);
    w.cleanups.push(() => target.removeEventListener(type, fn, true));
  }

  function claimWatch(id, claim) {
    if (claim < S.watchClaim) return;
    S.watchClaim = claim;
    if (watcher && watcher.id !== id) unwatchLocal();
    down("unwatch", { except: id, claim });
  }

  function unwatchLocal() {
    const w = watcher;
    if (!w) return;
    watcher = null;
    for (const undo of w.cleanups) undo();
  }

  function unwatch() {
    unwatchLocal();
    if (IS_TOP) down("unwatch", { except: null, claim: clock() });
    else up("call", { fn: "unwatch" });
  }

  function finish(w, value) {
    if (w.finished) return;
    w.finished = true;
    if (watcher === w) unwatchLocal();
    emit({ type: "done", action: w.spec.action, value: value === undefined ? null : value });
  }

  function onPageEvent(e) {
    const w = watcher;
    if (!w || w.finished || seenEvents.has(e)) return;
    seenEvents.add(e);
    const path = e.composedPath();
    if (S.host && path.includes(S.host)) return; // the card's own buttons never count
    const a = w.spec.action;
    if (a === "check" || a === "uncheck") return void setTimeout(() => checkState(w)); // after the page's handlers
    if (a === "upload") return void (e.type === "change" && chosenFiles(w, path[0]));
    const on = !w.el || path.includes(w.el);
    if (!on) return;
    if (a === "click" && e.type === "click" && e.button === 0) finish(w, null);
    else if (a === "dblclick" && e.type === "dblclick") finish(w, null);
    else if (a === "hover" && (e.type === "mouseover" || e.type === "pointermove")) finish(w, null);
    else if (a === "fill" && e.type === "change") commitFill(w, path[0]);
    else if (a === "select" && e.type === "change") finish(w, selectedValue(w.el, path[0]));
  }

  // upload: files chosen in the file input the step points at, or, when it points at the control that opens the
  // file chooser (a button), in whichever file input that control serves.
  function chosenFiles(w, input) {
    if (!input || input.type !== "file" || !input.files || !input.files.length) return;
    const pointsAtAnInput = w.el && w.el.matches && w.el.matches("input[type=file]");
    if (pointsAtAnInput && input !== w.el) return;
    finish(w, [...input.files].map((file) => file.name).join(", "));
  }

  function commitFill(w, target) {
    const value = fieldValue(w.el, target);
    if (w.accept && !w.accept.test(value)) return up("hint", { text: w.spec.hint });
    return finish(w, value);
  }

  function fieldValue(el, target) {
    for (const n of [el, target]) if (n && typeof n.value === "string") return n.value;
    for (const n of [el, target]) if (n && n.isContentEditable) return n.innerText;
    return "";
  }

  function selectedValue(el, target) {
    const select = el && el.tagName === "SELECT" ? el : target;
    return select && typeof select.value === "string" ? select.value : null;
  }

  // Python regular expressions, as far as JavaScript can follow them.
  function compileAccept(source) {
    if (!source) return null;
    let s = source;
    let flags = "";
    const inlineFlags = /^\(\?([aiLmsux]+)\)/.exec(s);
    if (inlineFlags) {
      s = s.slice(inlineFlags[0].length);
      for (const f of "ims") if (inlineFlags[1].includes(f)) flags += f;
    }
    s = s.replace(/\(\?P</g, "(?<").replace(/\(\?P=(\w+)\)/g, "\\k<$1>").replace(/\\Z/g, "$").replace(/\\A/g, "^");
    try {
      return new RegExp(s, flags);
    } catch (err) {
      console.warn(`guidedflows: cannot use accept ${JSON.stringify(source)} in the browser (${err.message}); any value passes`);
      return null;
    }
  }

  function watchState(w) {
    const control = controlOf(w.el);
    if (control) {
      const observer = new MutationObserver(() => checkState(w));
      observer.observe(control, { attributes: true, attributeFilter: ["aria-checked", "aria-pressed", "checked"] });
      w.cleanups.push(() => observer.disconnect());
    }
    setTimeout(() => checkState(w)); // already in that state: the step is done
  }

  function checkState(w) {
    if (watcher !== w || w.finished) return;
    const state = checkedState(controlOf(w.el));
    if (state === (w.spec.action === "check")) finish(w, null);
  }

  function controlOf(el) {
    if (!el) return null;
    if (el.tagName === "INPUT" || el.hasAttribute("aria-checked") || el.hasAttribute("aria-pressed")) return el;
    if (el.tagName === "LABEL" && el.control) return el.control;
    const inside = "input[type=checkbox], input[type=radio], [aria-checked], [aria-pressed]";
    return el.querySelector(inside) || (el.shadowRoot && el.shadowRoot.querySelector(inside)) || el;
  }

  function checkedState(c) {
    if (!c) return null;
    if (c.tagName === "INPUT") return c.checked;
    const aria = c.getAttribute("aria-checked") || c.getAttribute("aria-pressed");
    return aria === null ? null : aria === "true";
  }

  // ---------------------------------------------------------------- keys: press steps and the card's shortcuts

  const EDITABLE_INPUTS = new Set(["", "text", "search", "email", "url", "tel", "password", "number", "date", "datetime-local", "month", "time", "week"]);
  const WIDGET_ROLES = new Set(["menu", "menubar", "listbox", "tablist", "tree", "treegrid", "grid", "radiogroup", "slider", "spinbutton", "combobox", "dialog", "alertdialog"]);
  const ACTIVATABLE_ROLES = new Set(["button", "link", "menuitem", "menuitemcheckbox", "menuitemradio", "tab", "option", "checkbox", "radio", "switch", "treeitem"]);

  function onKeydown(e) {
    if (seenEvents.has(e)) return;
    seenEvents.add(e);
    if (backToCard(e)) return void e.preventDefault();
    const consumed = watcherSawKey(e);
    const info = keyInfo(e, consumed);
    if (!IS_TOP) return send(window.parent, "key", { info });
    if (shortcut(info)) e.preventDefault();
    return undefined;
  }

  function watcherSawKey(e) {
    const w = watcher;
    if (!w || w.finished) return false;
    const path = e.composedPath();
    // Keys that work the card's own buttons are not page keys; any other key counts for a press "anywhere" step.
    if (S.host && path.includes(S.host) && (w.el || ["Enter", " ", "Tab"].includes(e.key))) return false;
    const on = !w.el || path.includes(w.el);
    const a = w.spec.action;
    if (a === "press" && on && chordMatches(w.chord, e)) {
      finish(w, null);
      return true;
    }
    if (a === "fill" && on && e.key === "Enter" && !e.isComposing && isSingleLine(path[0])) {
      commitFill(w, path[0]);
      return true;
    }
    if ((a === "check" || a === "uncheck") && (e.key === " " || e.key === "Enter")) setTimeout(() => checkState(w));
    return false;
  }

  function keyInfo(e, consumed) {
    return {
      key: e.key,
      code: e.code,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      shiftKey: e.shiftKey,
      metaKey: e.metaKey,
      repeat: e.repeat,
      composing: e.isComposing || e.keyCode === 229,
      consumed,
      context: keyContext(e.composedPath()),
    };
  }

  // Where the key was pressed: on the card, in a page field, in a page widget that uses arrows/Escape itself, on
  // something Enter activates, or just on the page.
  function keyContext(path) {
    const target = path[0];
    if (S.host && path.includes(S.host)) return isActivatable(target) ? "card" : "card-body";
    if (isEditable(target)) return "editable";
    for (const n of path) {
      if (!n || n.nodeType !== 1) continue;
      if (WIDGET_ROLES.has(n.getAttribute("role")) || n.getAttribute("aria-expanded") === "true" || n.tagName === "DIALOG") return "widget";
    }
    if (isActivatable(target)) return "interactive";
    return "page";
  }

  function isEditable(el) {
    if (!el || el.nodeType !== 1) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    if (el.tagName === "INPUT") return EDITABLE_INPUTS.has((el.getAttribute("type") || "").toLowerCase());
    return ["textbox", "searchbox", "combobox", "spinbutton"].includes(el.getAttribute("role"));
  }

  function isSingleLine(el) {
    return !!el && el.tagName === "INPUT" && EDITABLE_INPUTS.has((el.getAttribute("type") || "").toLowerCase());
  }

  function isActivatable(el) {
    if (!el || el.nodeType !== 1) return false;
    if (["BUTTON", "INPUT", "SELECT", "SUMMARY", "TEXTAREA"].includes(el.tagName)) return true;
    if (el.tagName === "A" && el.hasAttribute("href")) return true;
    return ACTIVATABLE_ROLES.has(el.getAttribute("role"));
  }

  // Playwright key names: "Enter", "a", "Control+A", "Shift+Tab", "ControlOrMeta+S", "Control++".
  function parseChord(spec) {
    const parts = spec.endsWith("++") ? [...spec.slice(0, -2).split("+"), "+"] : spec.split("+");
    const key = parts.pop() || "+";
    const mods = new Set(parts.map((m) => (m === "ControlOrMeta" ? (/Mac/.test(navigator.platform) ? "Meta" : "Control") : m)));
    return { key, ctrl: mods.has("Control"), alt: mods.has("Alt"), shift: mods.has("Shift"), meta: mods.has("Meta") };
  }

  function chordMatches(c, e) {
    if (!c || !keyMatches(c.key, e)) return false;
    if (!!e.ctrlKey !== c.ctrl || !!e.altKey !== c.alt || !!e.metaKey !== c.meta) return false;
    // A printable key may need Shift to be typed at all ("?", "A"): only a chord that names Shift requires it.
    return c.shift ? !!e.shiftKey : !e.shiftKey || c.key.length === 1;
  }

  function keyMatches(key, e) {
    if (e.key === key || e.code === key) return true;
    if (key === "Space") return e.key === " ";
    if (key.length !== 1) return false;
    if (e.key && e.key.length === 1 && e.key.toLowerCase() === key.toLowerCase()) return true;
    if (/[a-z]/i.test(key)) return e.code === `Key${key.toUpperCase()}`;
    return /[0-9]/.test(key) && e.code === `Digit${key}`;
  }

  function onKeyInTop(info) {
    const w = watcher;
    if (w && !w.finished && !w.el && w.spec.action === "press" && !info.consumed && chordMatches(w.chord, info)) {
      finish(w, null);
      info.consumed = true;
    }
    shortcut(info);
  }

  function shortcut(info) {
    const c = S.card;
    if (!c || !cardShown() || info.consumed || info.composing || info.repeat) return false;
    if (info.ctrlKey || info.altKey || info.metaKey || info.shiftKey) return false;
    const b = c.buttons;
    const ctx = info.context;
    const finished = c.status === "finished";
    let type = null;
    if (info.key === "Enter" && (ctx === "page" || ctx === "card-body")) type = b.next && !finished ? "next" : finished && b.exit ? "exit" : null;
    else if (info.key === "ArrowRight" && ["page", "interactive", "card", "card-body"].includes(ctx)) type = b.next && !finished ? "next" : null;
    else if (info.key === "ArrowLeft" && ["page", "interactive", "card", "card-body"].includes(ctx)) type = b.back ? "back" : null;
    else if (info.key === "Escape" && ctx !== "editable" && ctx !== "widget") type = b.exit ? "exit" : null;
    if (!type) return false;
    emit({ type, step: c.step });
    return true;
  }

  // ---------------------------------------------------------------- demo mode's pointer

  const pendingPointers = new Map();

  function pointerTo(el, options) {
    if (!el || el.nodeType !== 1) return Promise.resolve(false);
    reveal(el);
    const b = boxOf(el);
    if (!b) return Promise.resolve(false);
    const point = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    const opts = { click: !!(options && options.click) };
    if (IS_TOP) return movePointer(point, opts);
    const id = newId();
    return new Promise((resolve) => {
      pendingPointers.set(id, resolve);
      send(window.parent, "pointer", { id, point, opts });
      setTimeout(() => pendingPointers.delete(id) && resolve(false), 5000);
    });
  }

  function onChildPointer(d, source) {
    const frame = source && frameElementOf(source);
    const origin = frame && contentOrigin(frame);
    if (!origin) return;
    const point = { x: d.point.x + origin.x, y: d.point.y + origin.y };
    if (!IS_TOP) return send(window.parent, "pointer", { ...d, point });
    movePointer(point, d.opts || {}).then(() => down("pointer-done", { id: d.id }));
  }

  function movePointer(to, opts) {
    const vp = viewportSize();
    const p = S.pointer || { x: vp.width * 0.55, y: vp.height * 0.85, visible: false };
    const from = p.visible ? { x: p.x, y: p.y } : { x: vp.width * 0.55, y: vp.height * 0.85 };
    S.pointer = { x: to.x, y: to.y, visible: true };
    update();
    const ui = S.ui;
    if (!ui) return Promise.resolve(false);
    show(ui.pointer, true);
    const at = (pt) => `translate(${pt.x}px, ${pt.y}px)`;
    ui.pointer.style.transform = at(to);
    if (ui.pointerMove) ui.pointerMove.cancel();
    const duration = reducedMotion() ? 0 : clamp(300 + Math.hypot(to.x - from.x, to.y - from.y) * 0.6, 350, 1000);
    if (!duration || !ui.pointer.animate) return Promise.resolve(afterArrival(ui, opts));
    const move = ui.pointer.animate([{ transform: at(from) }, { transform: at(to) }], { duration, easing: "cubic-bezier(.45,.05,.2,1)" });
    ui.pointerMove = move;
    return move.finished.then(
      () => afterArrival(ui, opts),
      () => false,
    );
  }

  function afterArrival(ui, opts) {
    if (opts.click && !reducedMotion() && ui.pointer.animate) {
      ui.pointer.animate([{ scale: "1" }, { scale: "0.85" }, { scale: "1" }], { duration: 220, easing: "ease-out" });
    }
    return true;
  }

  // ---------------------------------------------------------------- clearing and state

  // `before`: a clear posted from another frame only removes what was started before it was called.
  function clearLocal(before = Infinity) {
    if (tracker && !(tracker.claim > before)) stopTracking();
    if (watcher && !(watcher.claim > before)) unwatchLocal();
    for (const resolve of pendingPointers.values()) resolve(false);
    pendingPointers.clear();
    if (!IS_TOP) return;
    releaseFocus();
    clearTimeout(S.announcing);
    if (S.ui) S.ui.announcer.textContent = "";
    S.card = null;
    S.cardKey = null;
    S.rejected = null;
    S.spot = null;
    S.side = null;
    if (S.pointer) S.pointer.visible = false;
    if (S.ui) {
      show(S.ui.pointer, false);
      if (S.ui.pointerMove) S.ui.pointerMove.cancel();
    }
    update();
  }

  function clear() {
    clearLocal();
    if (IS_TOP) down("clear", { claim: clock() });
    else up("call", { fn: "clear" });
  }

  // The laid-out box, not the one an entrance animation is passing through.
  function boxOfPart(el) {
    if (!el || el.hasAttribute("hidden")) return null;
    const cs = getComputedStyle(el);
    return { x: parseFloat(cs.left), y: parseFloat(cs.top), width: parseFloat(cs.width), height: parseFloat(cs.height) };
  }

  function state() {
    if (!IS_TOP) return null;
    const shown = !!S.host && !S.host.hidden && S.host.isConnected;
    const ui = shown ? S.ui : null;
    return {
      spotlight: ui ? boxOfPart(ui.spot) : null,
      target: S.spot && S.spot.rect ? { ...S.spot.rect } : null,
      card: ui ? boxOfPart(ui.card) : null,
      badge: ui ? boxOfPart(ui.badge) : null,
      side: ui && cardShown() ? S.side : null,
      pointer: ui && S.pointer && S.pointer.visible ? { x: S.pointer.x, y: S.pointer.y } : null,
      progress: S.card ? S.card.progress : null,
      status: S.card ? S.card.status : null,
      title: S.card ? S.card.flow : null,
      body: S.card && S.ui ? S.ui.body.textContent : null,
      message: S.card && S.card.message && S.ui ? S.ui.messageText.textContent : null,
      hint: S.rejected && S.ui ? S.ui.hint.textContent : null,
    };
  }

  const api = Object.freeze({ version: 1, render, spotlight, watch, unwatch, pointerTo, releaseFocus, clear, nextEvent, state });
  Object.defineProperty(window, "__guidedflows", { value: api, enumerable: false, configurable: false, writable: false });
})();
