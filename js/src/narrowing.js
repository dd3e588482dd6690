// What a step's action lets its target be: a port of src/guidedflows/flow/narrowing.py and of the narrowing each action
// declares in src/guidedflows/steps/ (fill looks at editable fields, check at checkboxes and radios, select at lists,
// upload at file inputs, click at buttons and links first). Pure data: tests/export/test_words_js.py compares it with
// the step registry, action by action.

export const INTERACTIVE_ROLES = ["button", "link", "menuitem", "tab", "checkbox", "radio", "option", "textbox", "combobox"];
// The spec's five kinds of a string target, in its order, then a tooltip; "shown" and "section" are kinds some
// actions add.
export const HUMAN_KINDS = ["interactive", "label", "placeholder", "text", "alt", "title"];

const EDITABLE =
  "input:not([type=button], [type=submit], [type=reset], [type=checkbox], [type=radio], [type=file], " +
  "[type=image], [type=hidden], [type=range], [type=color]), textarea, [contenteditable]:not([contenteditable=false]), " +
  "[role=textbox], [role=searchbox], [role=combobox], [role=spinbutton]";
const TICKABLE =
  "input[type=checkbox], input[type=radio], [role=checkbox], [role=radio], [role=switch], " +
  "[role=menuitemcheckbox], [role=menuitemradio]";
const CHOOSABLE = "select, [role=combobox], [role=listbox]";
const CLICKABLE = ["button", "link", "menuitem", "menuitemcheckbox", "menuitemradio", "tab", "checkbox", "radio", "switch", "option", "treeitem"];

/** roles of the "interactive" kind, the kinds that apply, the CSS the label and placeholder kinds must match, whether
 * words may be a part of a longer text, whether the label kind may find a hidden field. */
const narrow = (roles, kinds, fields = null, part = true, hiddenFields = false) => ({ roles, kinds, fields, part, hiddenFields });

export const ANYTHING = narrow(INTERACTIVE_ROLES, HUMAN_KINDS);
const POINTED = narrow(CLICKABLE, HUMAN_KINDS);
const FIELDS = narrow(["textbox", "searchbox", "combobox", "spinbutton"], ["interactive", "label", "placeholder", "section"], EDITABLE, false);
const TICKS = narrow(["checkbox", "radio", "switch", "menuitemcheckbox", "menuitemradio"], ["interactive", "label"], TICKABLE, false);
const LISTS = narrow(["combobox", "listbox"], ["interactive", "label", "shown"], CHOOSABLE, false);
const FOCUSABLE = narrow(INTERACTIVE_ROLES, ["interactive", "label", "placeholder"], null, false);
const FILE_CHOOSERS = narrow(["button", "link"], ["label", "interactive"], "input[type=file]", false, true);

/** The actions that narrow their target's search; any other action (expect, a `when:`…) looks at anything. */
export const NARROWING = {
  click: POINTED,
  dblclick: POINTED,
  fill: FIELDS,
  select: LISTS,
  check: TICKS,
  uncheck: TICKS,
  press: FOCUSABLE,
  upload: FILE_CHOOSERS,
};

export const narrowing = (action) => (Object.prototype.hasOwnProperty.call(NARROWING, action || "") ? NARROWING[action] : ANYTHING);
