// The entry point of target-engine.js: check mode's target search as a Playwright selector engine, so that finding a
// plain-words target is one query inside the page, as a hand-written get_by_role is (issue 13: "a plain-words step
// costs what the explicit locator costs"). Registered by src/guidedflows/browser/inpage.py as `guidedflows=<JSON>`, where the
// JSON is {target, testid}: the target as tour.js spells it (export/steps.py: target_data) and the test id attribute.
//
// It answers what locate.py's tier-by-tier search answers: every element of the first tier and kind that finds any
// visible one (allMatches). One element is the target; several are ambiguous, and Playwright's strict mode refuses to
// act on them, so check mode asks locate.py for the precise targets to suggest.

import { allMatches } from "./locate.js";

export function queryAll(root, body) {
  const { target, testid } = JSON.parse(body);
  return allMatches(target, root, { testIdAttribute: testid || "data-testid" }) || [];
}

export function query(root, body) {
  return queryAll(root, body)[0] || null;
}
