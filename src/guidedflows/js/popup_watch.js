// Tells guidedflows, through the exposed binding, that the page is about to open a tab or window, so the next step
// waits for that tab instead of racing it (Playwright reports a target=_blank popup after the click returns).
(() => {
  if (window.__guidedflowsPopupWatch) return;
  window.__guidedflowsPopupWatch = true;
  const tell = () => {
    try {
      if (typeof window.__guidedflowsOpening === "function") window.__guidedflowsOpening();
    } catch (e) {
      /* the binding is gone (page closing): nothing to tell */
    }
  };
  const open = window.open;
  window.open = function (...args) {
    tell();
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
    if (opensElsewhere(event)) tell();
  };
  window.addEventListener("click", onClick, true);
  window.addEventListener("auxclick", onClick, true);
})();
