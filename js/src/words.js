// How the words of a target match what a page says: a port of src/guidedflows/flow/words.py (flow-format.md, "How words
// match"). Each function returns what its Python twin returns, character for character (the patterns' sources
// too): tests/export/test_words_js.py runs both over the same texts. Python's str.split() white space and
// str.isalnum() are spelled out below, because JavaScript's \s and \w are not the same sets.

export const EXACT = "exact";
export const NORMALISED = "normalised";
export const PART = "part";
export const TIERS = [EXACT, NORMALISED, PART];

// Typographic characters a person types as ASCII (and ASCII a page may show typographically).
const FOLD = {
  "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
  "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
  "\u00a0": " ", "\u2007": " ", "\u202f": " ",
};
const FOLDED = new RegExp(`[${Object.keys(FOLD).join("")}]`, "g");
const CLASSES = {
  "'": "['\u2018\u2019\u201a\u201b\u2032\u00b4`]",
  '"': '["\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]',
  "-": "[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]",
};
// What may follow a label or a sentence without changing what it says, on the page's side (the pattern)…
const TRAILING = String.raw`(?:\s*(?::|\*|\(required\)))*(?:\.(?!\.))?`;
// …and on the writer's side (stripped from the words). Applied to collapsed text: its only white space is " ".
const TRAILING_WRITTEN = /(?:\s*(?::|\*|(?<!\.)\.(?!\.)|\(required\)))+\s*$/i;
const JS_SPECIAL = /[\\^$.*+?()[\]{}|/]/;
// Python's str.split() with no argument splits on these.
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const ALNUM = /^[\p{L}\p{N}]/u;

/** White space collapsed (NBSP counts), as Playwright compares text. */
export function collapse(text) {
  return text.replace(/\u00a0/g, " ").split(PY_SPACE).filter(Boolean).join(" ");
}

/** The words as tier 2 reads them: typographic characters as ASCII, the ellipsis as three dots, collapsed. */
export function fold(text) {
  return collapse(text.replace(FOLDED, (ch) => FOLD[ch]).replace(/\u2026/g, "..."));
}

/** The words without what tier 2 ignores at their end (a label's colon or star, a final full stop). */
export function core(text) {
  const folded = fold(text);
  const stripped = folded.replace(TRAILING_WRITTEN, "");
  return stripped || folded;
}

function body(words) {
  const out = [];
  const text = core(words);
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (text.startsWith("...", i)) {
      out.push(String.raw`(?:\.\.\.|\u2026)`);
      i += 3;
      continue;
    }
    if (ch === " ") out.push(String.raw`\s+`);
    else if (ch in CLASSES) out.push(CLASSES[ch]);
    else if (JS_SPECIAL.test(ch)) out.push("\\" + ch);
    else out.push(ch);
    i += 1;
  }
  return out.join("");
}

const isAlnum = (ch) => !!ch && ALNUM.test(ch);

/** Tier 2: the whole name or text, normalised on both sides. {source, flags}, as Playwright receives it. */
export function whole(words) {
  return { source: String.raw`^\s*` + body(words) + TRAILING + String.raw`\s*$`, flags: "i" };
}

/** Tier 3: the words inside a longer text, not cut in the middle of a word. */
export function part(words) {
  const text = core(words);
  const chars = Array.from(text);
  const start = isAlnum(chars[0]) ? String.raw`(?<![\w])` : "";
  const end = isAlnum(chars[chars.length - 1]) ? String.raw`(?![\w])` : "";
  return { source: start + body(words) + end, flags: "i" };
}

/** `has_text`: the words anywhere in an element's text, folded as tier 2 folds them. */
export function contained(words) {
  return { source: body(words), flags: "i" };
}

// -- the XPath steps of locate.py: words inside a control, `<label for>` joined by id -----------------------------

// Words inside a control are that control (locate.py: AS_CONTROL, AS_PART): the text of a button, or of a heading
// inside a link that wraps a card, finds the button or the link; a part of a text (tier 3) may be inside a link but
// never inside a button-like control, and never be a control's own text. One XPath step from each element that reads
// the words (XPath's ancestors are not limited to a `within`'s container, in either engine).
const LINK = "self::a[@href] or @role='link'";
const BUTTON_LIKE = ["self::button", "self::summary"]
  .concat(["button", "menuitem", "tab", "option", "checkbox", "radio", "switch", "menuitemcheckbox", "menuitemradio", "treeitem"].map((r) => `@role='${r}'`))
  .join(" or ");
const CONTROL = `${LINK} or ${BUTTON_LIKE}`;
const FIELD = "self::input or self::select or self::textarea";
export const AS_CONTROL = `ancestor-or-self::*[${CONTROL}][1] | self::*[not(ancestor::*[${CONTROL}])]`;
export const AS_PART =
  `self::*[not(ancestor-or-self::*[${CONTROL}]) and not(${FIELD})]` +
  ` | self::*[not(${CONTROL}) and not(ancestor::*[${BUTTON_LIKE}])]/ancestor::*[${LINK}][1]`;

const QUOTES = "'\u2018\u2019\"\u201c\u201d";
const DASHES = "\u2013\u2014";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ";
const LOWER = "abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïñòóôõöøùúûüý";
const XPATH_TO = "`".repeat(QUOTES.length) + "-".repeat(DASHES.length) + LOWER;
const XPATH_FROM = `concat("'", '${QUOTES.slice(1) + DASHES + UPPER + ":*."}')`;
const XPATH_SOURCE = QUOTES + DASHES + UPPER;

/** What label_for's translate() makes of a text: every quote a backtick, dashes ASCII, lower case, no `:*.`. */
export function xpathFold(text) {
  let out = "";
  for (const ch of text) {
    if (":*.".includes(ch)) continue;
    const at = XPATH_SOURCE.indexOf(ch);
    out += at >= 0 ? XPATH_TO[at] : ch;
  }
  return collapse(out);
}

/** A string literal in XPath 1.0, which has no escapes: concat() where the text holds both kinds of quote. */
export function xpathLiteral(text) {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return "concat(" + text.split("'").map((p) => `'${p}'`).join(", \"'\", ") + ")";
}

/** The field a `<label for=…>` with these words names (tiers 1–2), as XPath steps: the label, then its field by id
 * (locate.py: label_for; a person reads the `<label>` even when the field has aria-labelledby). */
export function labelFor(text, tier) {
  let condition;
  if (tier === EXACT) condition = `normalize-space(.) = ${xpathLiteral(collapse(text))}`;
  else condition = `normalize-space(translate(., ${XPATH_FROM}, ${xpathLiteral(XPATH_TO)})) = ${xpathLiteral(xpathFold(text))}`;
  return [`//label[${condition}]`, FIELD_OF_LABEL];
}

// A label's field, by id; for a hidden input holding a rich-text editor's value, the editor beside it (locate.py).
const EDITABLE = "@contenteditable='true' or @contenteditable=''";
export const FIELD_OF_LABEL =
  "id(@for)[not(self::input[@type='hidden'])]" +
  ` | id(@for)[self::input[@type='hidden']]/ancestor::*[descendant::*[${EDITABLE}]][1]` +
  "[not(descendant::input[not(@type='hidden')] | descendant::select | descendant::textarea)]" +
  `/descendant::*[(${EDITABLE}) and not(ancestor::*[${EDITABLE}])]`;
