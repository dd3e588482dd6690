// Tells guidedflows, through the exposed binding, two things a step's own Playwright call does not see:
//
// - "opening": the page is about to open a tab or window. Playwright reports a target=_blank popup after the click
//   returns; the next step waits for that tab instead of racing it.
// - "lost-click": the element the mouse pressed left the document before the button came up (a list re-rendered
//   under the pointer), so no click reached it or its replacement. A person would click again; Playwright reports the
//   click done (its hit-target check looks at the press only), so the step clicks again.
(() => {
  if (window.__guidedflowsPageWatch) return;
  window.__guidedflowsPageWatch = true;
  const tell = (what) => {
    try {
      if (typeof window.__guidedflowsTell === "function") window.__guidedflowsTell(what);
    } catch (e) {
      /* the binding is gone (page closing): nothing to tell */
    }
  };
  const open = window.open;
  window.open = function (...args) {
    tell("opening");
    return open.apply(this, args);
  };
  const opensElsewhere = (event) => {
    const link = event.target && event.target.closest ? event.target.closest("a[href], area[href]") : null;
    if (!link) return false;
    const target = (link.getAttribute("target") || "").toLowerCase();
    const newTarget = target && !["_self", "_top", "_parent"].includes(target);
    return newTarget || event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1;
  };
  const onClick = (event) => {
    if (opensElsewhere(event)) tell("opening");
  };
  window.addEventListener("click", onClick, true);
  window.addEventListener("auxclick", onClick, true);

  // A press is lost when the node pressed left the document before the release: Chromium then fires no click at all,
  // even when only a label inside a button was redrawn. Said at the release, before the page's own handlers run (one
  // that removes the node on mouseup acted, as a menu closing does); a click that follows after all (another
  // browser's rules, or Playwright's own retry after it blocked a press) takes it back.
  let pressed = null;
  let suspect = false;
  window.addEventListener("pointerdown", (event) => {
    if (event.isTrusted && event.button === 0 && event.pointerType === "mouse") pressed = event.composedPath()[0];
  }, true);
  window.addEventListener("mouseup", (event) => {
    if (!event.isTrusted || event.button !== 0 || pressed === null) return;
    if (!pressed.isConnected) {
      suspect = true;
      tell("lost-click");
    }
    pressed = null;
  }, true);
  window.addEventListener("click", (event) => {
    if (event.isTrusted && suspect) {
      suspect = false;
      tell("click-landed");
    }
  }, true);
})();
