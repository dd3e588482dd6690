// The tour's runtime: guide mode's policy (src/guidedflows/modes/guide.py), run by the page itself. It drives the
// overlay (overlay.js, already in tour.js: window.__guidedflows) from the top frame: for each step it finds the
// target as check mode would (locate.js), spotlights it and watches for the person's real action in the target's own
// frame, and keeps its place in sessionStorage so the tour survives page loads on the same site.
//
// What a page cannot do alone is defined (issue 17): a `goto` (and a `start` page the person is not on) is a card
// with the link, which moves on when the person arrives there; `go back/forward/reload` and `close: tab` are cards
// that move on after the person does it; `screenshot` and `wait` pass by themselves; secrets are never in the file
// (the person types them); native dialogs are the person's to answer (the card says which answer the flow expects).

import { locate } from "./locate.js";
import { isVisible } from "./dom.js";
import { conditionHolds, expectationHolds, joinUrl } from "./expect.js";

const STORE = "guidedflows.tour";
// A click that opens a tab with `noopener` (any target=_blank link) gives the new tab no copy of sessionStorage: the
// tour leaves its place here for a moment, and a page opened from this one (its referrer) takes it.
const HANDOFF = "guidedflows.tour.handoff";
const HANDOFF_MS = 10000;
const CHANNEL = "guidedflows.tour";
const FIRST_LOOK = 300; // ms a target may take to appear before the card says "Looking for …" (guide.py: FIRST_LOOK)
const LOOK_EVERY = 250; // ms between looks for a target, or for an expectation to hold
const DEFAULT_TIMEOUT = 10000; // ms before "Looking for …" becomes "I can't find …" (the run's default timeout)
const SETTLE = 500; // ms a `when:` condition gives late content before it is decided (driver.py: SETTLE)
const OPTIONAL_TIMEOUT = 2000; // ms an `optional` step's target may take before the step is passed over (executor.py)
const CHECK_TARGET = 500; // ms between checks that the spotlit element is still there

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function storage() {
  try {
    return window.sessionStorage;
  } catch (_) {
    return null; // storage switched off: the tour still runs, it just does not survive a page load
  }
}

// The card opens its links in a new tab (right for a guide's notes); a link to where the tour goes next opens here, so
// the tour (its place is kept per tab) goes on. Through the overlay's open shadow root, on its documented parts.
function sameTab(url) {
  const host = document.querySelector("guidedflows-overlay");
  const root = host && host.shadowRoot;
  if (!root) return;
  for (const a of root.querySelectorAll("[part=body] a[href], [part=message] a[href]")) {
    if (a.href === url) a.removeAttribute("target");
  }
}

function local() {
  try {
    return window.localStorage;
  } catch (_) {
    return null;
  }
}

function parsed(store, key) {
  try {
    const value = store && JSON.parse(store.getItem(key) || "null");
    return value && typeof value === "object" ? value : null;
  } catch (_) {
    return null;
  }
}

const newTabId = () => Math.random().toString(36).slice(2);

export class Tour {
  constructor(overlay) {
    this.g = overlay;
    this.flows = new Map();
    this.state = null; // {flow, at, history, decided, armed, tab, from}: what sessionStorage keeps
    this.gen = 0; // bumped whenever what is shown changes: async work of an older step stops
    this.cardStep = undefined;
    this.watching = null;
    this.away = false; // the tour went on in another tab
    this.doc = `${Date.now()}.${Math.random().toString(36).slice(2)}`;
  }

  register(data) {
    for (const flow of data.flows || []) this.flows.set(flow.id, { ...flow, site: data.site || null, testid: data.testid });
  }

  // -- starting, stopping, surviving page loads --------------------------------------------------------------------

  boot() {
    this.pump();
    if (typeof BroadcastChannel === "function") {
      this.channel = new BroadcastChannel(CHANNEL);
      this.channel.onmessage = (e) => this.onMessage(e.data);
    }
    window.addEventListener("hashchange", () => this.fromHash());
    window.addEventListener("pagehide", () => this.onPageHide());
    window.addEventListener("pageshow", (e) => e.persisted && this.resume()); // back/forward cache: we did not reload
    const go = () => this.fromHash() || this.resume();
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go, { once: true });
    else go();
  }

  fromHash() {
    const match = /(?:^#|&)guidedflows=([^&]*)/.exec(window.location.hash);
    if (!match) return false;
    const id = decodeURIComponent(match[1]);
    if (!this.flows.has(id)) return false;
    const rest = window.location.hash.replace(match[0], "").replace(/^#?&?/, "");
    history.replaceState(history.state, "", window.location.pathname + window.location.search + (rest ? "#" + rest : ""));
    this.start(id);
    return true;
  }

  start(id) {
    const flow = this.flows.get(id);
    if (!flow) throw new Error(`guidedflows: this tour has no flow "${id}" (it has: ${[...this.flows.keys()].join(", ")})`);
    this.state = { flow: id, at: -1, history: [], decided: {}, armed: null, tab: newTabId() }; // show() moves to 0 on the start page
    this.away = false;
    this.save();
    this.announce();
    this.show();
  }

  stop() {
    this.gen++;
    this.state = null;
    this.watching = null;
    const s = storage();
    if (s) s.removeItem(STORE);
    this.g.clear();
  }

  resume() {
    let saved = parsed(storage(), STORE);
    const handoff = parsed(local(), HANDOFF);
    if (saved && handoff && handoff.state && handoff.state.tab === saved.tab) local().removeItem(HANDOFF); // ours
    if (!saved && handoff && handoff.state && Date.now() - handoff.time < HANDOFF_MS && handoff.url === document.referrer) {
      saved = { ...handoff.state, tab: newTabId(), from: handoff.state.tab }; // the opener left the tour to this page
      local().removeItem(HANDOFF);
    }
    if (!saved || !this.flows.has(saved.flow)) return false;
    this.state = { history: [], decided: {}, armed: null, ...saved };
    this.away = false;
    this.save();
    const step = this.flow().steps[this.state.at];
    if (step && this.state.armed === this.state.at && ["go", "close"].includes(step.action)) return this.advance();
    this.announce();
    this.show();
    return true;
  }

  handOff() {
    const store = local();
    if (store && this.state) store.setItem(HANDOFF, JSON.stringify({ state: this.state, time: Date.now(), url: window.location.href }));
  }

  save() {
    const s = storage();
    if (s && this.state) s.setItem(STORE, JSON.stringify(this.state));
  }

  // Tabs: a tab opened from this one with the tour (a copy of its sessionStorage, or the place it left) has it now;
  // this one stands aside, and offers to go on here.
  announce() {
    const s = this.state;
    if (this.channel && s) this.channel.postMessage({ type: "active", flow: s.flow, doc: this.doc, tab: s.tab, from: s.from || null });
  }

  onMessage(m) {
    if (!m || typeof m !== "object" || m.doc === this.doc || !this.state || m.flow !== this.state.flow) return;
    if (m.type === "active" && !this.away && (m.tab === this.state.tab || m.from === this.state.tab)) this.standAside();
    else if (m.type === "handback" && this.away && Number.isInteger(m.at)) {
      this.state.at = m.at;
      this.away = false;
      this.save();
      this.show();
    }
  }

  standAside() {
    this.gen++;
    this.away = true;
    this.watching = null;
    this.g.unwatch();
    this.g.spotlight(null);
    this.render(null, { body: "The guide goes on in the tab that opened. Press **Next** to go on here instead.", progress: "", buttons: { next: true, exit: true } });
  }

  onPageHide() {
    const step = this.state && !this.away ? this.flow().steps[this.state.at] : null;
    if (step && step.action === "close" && this.channel) {
      this.channel.postMessage({ type: "handback", flow: this.state.flow, at: this.state.at + 1, doc: this.doc });
    }
  }

  // -- moving through the steps ----------------------------------------------------------------------------------

  flow() {
    return this.flows.get(this.state.flow);
  }

  base(flow) {
    return flow.site || window.location.origin + "/";
  }

  atAddress(flow, where) {
    const wanted = new URL(joinUrl(this.base(flow), where), window.location.href);
    const here = new URL(window.location.href);
    return wanted.origin === here.origin && wanted.pathname === here.pathname && wanted.search === here.search;
  }

  advance(remember = true) {
    if (!this.state) return;
    const step = this.flow().steps[this.state.at];
    // Back goes to the steps the person saw counted, never to a setup step (executor.py: _move skips them too).
    if (remember && step && step.k) this.state.history.push(this.state.at);
    this.state.at += 1;
    this.state.armed = null;
    this.save();
    this.show();
  }

  back() {
    if (!this.state || !this.state.history.length) return;
    this.state.at = this.state.history.pop();
    this.state.armed = null;
    this.save();
    this.show();
  }

  show() {
    const gen = ++this.gen;
    this.watching = null;
    const flow = this.flow();
    if (this.state.at < 0 && (flow.start == null || this.atAddress(flow, flow.start))) {
      this.state.at = 0; // the person arrived at the start page
      this.save();
    }
    const at = this.state.at;
    if (at < 0) return this.showStart(flow);
    if (at >= flow.steps.length) return this.showFinished(flow);
    return this.showStep(flow, flow.steps[at], gen);
  }

  card(step, more = {}) {
    const flow = this.flow();
    const k = step ? step.k : null;
    return {
      flow: flow.title,
      body: step ? step.body : "",
      progress: k ? `${k} of ${flow.total}` : "Before you start",
      step: k,
      total: flow.total,
      status: "active",
      message: null,
      hint: step ? step.hint || null : null,
      expect_dialog: step ? step.dialog || null : null,
      buttons: { back: this.state.history.length > 0, next: true, skip: !!step, exit: true, doit: false },
      ...more,
    };
  }

  render(step, more) {
    const card = this.card(step, more);
    this.cardStep = card.step;
    this.g.render(card);
  }

  showStart(flow) {
    const url = new URL(joinUrl(this.base(flow), flow.start), window.location.href).href;
    const body = (flow.description ? flow.description + "\n\n" : "") + `This guide starts on another page: [open it](${url}).`;
    this.g.unwatch();
    this.g.spotlight(null);
    this.render(null, { body });
    sameTab(url);
  }

  showFinished(flow) {
    this.g.unwatch();
    this.g.spotlight(null);
    const n = flow.total;
    this.render(null, { body: `All done — ${n} step${n === 1 ? "" : "s"}.`, status: "finished", step: n, progress: `${n} of ${n}`, buttons: { exit: true } });
  }

  async showStep(flow, step, gen) {
    if (!(await this.allowed(flow, step, gen))) {
      if (gen === this.gen) this.advance(false);
      return;
    }
    if (gen !== this.gen) return;
    switch (step.action) {
      case "screenshot":
        return this.advance(false);
      case "wait":
        this.render(step);
        await delay(step.duration);
        return gen === this.gen ? this.advance() : undefined;
      case "goto":
        return this.showGoto(flow, step);
      case "go":
      case "close":
        this.state.armed = this.state.at;
        this.save();
        return this.showPlain(step, null);
      case "note":
        return this.showPlain(step, null);
      case "press":
        if (!step.on) return this.showPlain(step, step.watch);
        return this.guideTarget(step, step.on, gen);
      case "expect":
        return this.waitForExpectation(flow, step, gen);
      default:
        return this.guideTarget(step, step.target, gen);
    }
  }

  showPlain(step, watch) {
    this.render(step);
    this.g.spotlight(null);
    this.arm(null, watch, this.g);
  }

  showGoto(flow, step) {
    if (this.atAddress(flow, step.url)) return this.advance();
    const url = new URL(joinUrl(this.base(flow), step.url), window.location.href).href;
    this.render(step, { message: `[Go there](${url}); the guide goes on when the page opens.` });
    sameTab(url);
    this.g.spotlight(null);
    this.arm(null, null, this.g);
    return undefined;
  }

  arm(el, watch, api) {
    this.watching = watch ? watch.action : null;
    if (watch) api.watch(el, watch);
    else this.g.unwatch();
  }

  // `when:` and the `when:` of each `use` the step runs inside, decided once after the page settles.
  async allowed(flow, step, gen) {
    for (const [number, condition] of step.gates || []) {
      if (!(number in this.state.decided)) {
        const holds = await this.decide(flow, condition, gen);
        if (gen !== this.gen) return false;
        this.state.decided[number] = holds;
        this.save();
      }
      if (!this.state.decided[number]) return false;
    }
    return step.when ? this.decide(flow, step.when, gen) : true;
  }

  async decide(flow, condition, gen) {
    const deadline = Date.now() + SETTLE;
    for (;;) {
      const holds = conditionHolds(condition, document, this.base(flow), this.options(flow));
      const decided = condition.kind === "hidden" ? !holds : holds;
      if (decided || Date.now() >= deadline || gen !== this.gen) return holds;
      await delay(100);
    }
  }

  options(flow) {
    return { testIdAttribute: flow.testid || "data-testid" };
  }

  // -- a step with a target: find it, spotlight it, wait for the person ---------------------------------------------

  async guideTarget(step, target, gen) {
    const flow = this.flow();
    const started = Date.now();
    let shown = null;
    for (;;) {
      if (gen !== this.gen) return;
      const found = locate(target, document, this.options(flow));
      if (found.status === "found") return this.draw(step, found.element, gen);
      const waited = Date.now() - started;
      if (step.optional && found.status === "missing" && waited >= (step.timeout || OPTIONAL_TIMEOUT)) return this.advance(false);
      if (waited >= FIRST_LOOK) {
        const missing = found.status === "ambiguous" || waited >= (step.timeout || DEFAULT_TIMEOUT);
        const message = found.status === "ambiguous" ? step.several.replace("{n}", String(found.count)) : missing ? step.missing : step.looking;
        if (shown !== message) {
          shown = message;
          this.render(step, { status: missing ? "missing" : "looking", message });
          this.g.spotlight(null);
          this.arm(null, null, this.g);
        }
      }
      await delay(LOOK_EVERY);
    }
  }

  draw(step, el, gen) {
    const win = el.ownerDocument.defaultView;
    const api = win && win.__guidedflows;
    this.render(step);
    if (api) {
      api.spotlight(el, { padding: 6 });
      this.arm(el, step.watch || null, api);
    } else {
      // A same-origin frame without tour.js in it: spotlight the frame; the person moves on with Next.
      this.g.spotlight(win && win.frameElement ? win.frameElement : null, { padding: 6 });
      this.arm(null, null, this.g);
    }
    this.keepAnEyeOn(el, gen);
  }

  async keepAnEyeOn(el, gen) {
    for (;;) {
      await delay(CHECK_TARGET);
      if (gen !== this.gen) return;
      if (!el.isConnected || !isVisible(el)) return this.show(); // re-rendered or hidden: look again
    }
  }

  async waitForExpectation(flow, step, gen) {
    const base = this.base(flow);
    const options = this.options(flow);
    let spotlit = null;
    let drawn = false;
    for (;;) {
      if (gen !== this.gen) return;
      if (step.expect && expectationHolds(step, document, base, options)) return this.advance();
      const el = step.target.kind === "page" ? null : this.expectedElement(step, options);
      if (!drawn || el !== spotlit) {
        drawn = true;
        spotlit = el;
        this.render(step, { status: "waiting", message: step.waiting });
        const api = el && el.ownerDocument.defaultView.__guidedflows;
        if (api) api.spotlight(el, { padding: 6 });
        else this.g.spotlight(null);
        this.arm(null, null, this.g);
      }
      await delay(LOOK_EVERY);
    }
  }

  expectedElement(step, options) {
    const e = step.expect || {};
    if (e.visible === false || e.count === 0) return null;
    const found = locate(step.target, document, options);
    return found.status === "found" && isVisible(found.element) ? found.element : null;
  }

  // -- what the person does on the card -----------------------------------------------------------------------------

  async pump() {
    for (;;) {
      const event = await this.g.nextEvent();
      try {
        if (event) this.onEvent(event);
      } catch (err) {
        console.error("guidedflows:", err);
      }
    }
  }

  onEvent(e) {
    if (!this.state) return;
    if (e.type === "done") {
      if (!this.away && this.watching && e.action === this.watching) {
        this.advance();
        if (e.action === "click" || e.action === "dblclick") this.handOff();
      }
      return;
    }
    if ((e.step === undefined ? null : e.step) !== this.cardStep) return; // from a card that is gone
    if (this.away) {
      if (e.type === "next") {
        this.away = false;
        this.show();
      }
      if (e.type === "exit") this.stop();
      return;
    }
    const finished = this.state.at >= this.flow().steps.length;
    if (e.type === "exit" || (finished && e.type === "next")) this.stop();
    else if (e.type === "next" || e.type === "skip") this.advance();
    else if (e.type === "back") this.back();
  }

  describe() {
    if (!this.state) return null;
    const step = this.flow().steps[this.state.at];
    return { flow: this.state.flow, at: this.state.at, step: step ? step.k : null, away: this.away };
  }
}
