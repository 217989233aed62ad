// The editor's menu as one toolbar (WAI-ARIA toolbar pattern): one Tab stop, arrow
// keys, Home and End move between its buttons. Its buttons and the library's own
// dialogs get names in the page's language, and every dialog is named by its heading.
// Words come from <script type="application/json" id="editor-words">.
(() => {
  "use strict";
  const wordsElement = document.getElementById("editor-words");
  const words = wordsElement ? JSON.parse(wordsElement.textContent) : {};
  const names = words.buttons || {};
  const texts = words.texts || {};

  const visible = (el) =>
    !el.classList.contains("hidden") && !el.closest(".hidden") && el.getClientRects().length > 0;

  const buttonsOf = (bar) =>
    Array.from(bar.querySelectorAll("button")).filter(
      (button) => !button.closest("[popover]") && visible(button)
    );

  const rename = (button) => {
    const source = button.dataset.nameSource || button.getAttribute("aria-label") || "";
    button.dataset.nameSource = source;
    const name = names[source];
    if (name && button.getAttribute("aria-label") !== name) {
      button.setAttribute("aria-label", name);
      button.title = name;
    }
  };

  const sync = (bar) => {
    const buttons = buttonsOf(bar);
    bar.querySelectorAll("button").forEach(rename);
    let current = buttons.find((b) => b.dataset.current === "true") || buttons[0];
    for (const button of buttons) button.tabIndex = button === current ? 0 : -1;
    bar.querySelectorAll("[popover] button").forEach((b) => (b.tabIndex = 0));
  };

  const focusButton = (bar, button) => {
    for (const b of bar.querySelectorAll("button")) delete b.dataset.current;
    button.dataset.current = "true";
    sync(bar);
    button.focus();
  };

  const enhance = (bar) => {
    if (bar.getAttribute("role") === "toolbar") return;
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", words.toolbar || "Formatting");
    const editable = bar.closest(".prose-editor")?.querySelector("[contenteditable]");
    if (editable && editable.id) bar.setAttribute("aria-controls", editable.id);
    bar.addEventListener("keydown", (event) => {
      if (event.target.closest("[popover]")) return;
      const buttons = buttonsOf(bar);
      const at = buttons.indexOf(document.activeElement);
      if (at === -1) return;
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      const rtl = getComputedStyle(bar).direction === "rtl";
      let next = null;
      if (step) next = buttons[(at + (rtl && Math.abs(step) ? -step : step) + buttons.length) % buttons.length];
      else if (event.key === "Home") next = buttons[0];
      else if (event.key === "End") next = buttons[buttons.length - 1];
      if (next) {
        event.preventDefault();
        focusButton(bar, next);
      }
    });
    bar.addEventListener("focusin", (event) => {
      const button = event.target.closest("button");
      if (button && !button.closest("[popover]") && button.dataset.current !== "true") {
        for (const b of bar.querySelectorAll("button")) delete b.dataset.current;
        button.dataset.current = "true";
        sync(bar);
      }
    });
    // The editor redraws buttons on every change (disabled, hidden, the block type).
    new MutationObserver(() => sync(bar)).observe(bar, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["class"],
    });
    sync(bar);
  };

  // The library's own dialogs (link, table…): named by their heading, in our words.
  const translateText = (el) => {
    const node = Array.from(el.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (node && texts[node.textContent.trim()]) node.textContent = texts[node.textContent.trim()];
  };
  let dialogs = 0;
  const nameDialog = (dialog) => {
    if (dialog.hasAttribute("aria-labelledby") || dialog.hasAttribute("aria-label")) return;
    dialog.querySelectorAll("label, button, h3").forEach(translateText);
    const heading = dialog.querySelector(".prose-editor-dialog-title, h2, h3");
    if (heading) {
      heading.id ||= `editor-dialog-title-${++dialogs}`;
      dialog.setAttribute("aria-labelledby", heading.id);
    } else {
      dialog.setAttribute("aria-label", words.dialog || "Dialog");
    }
  };

  const scan = () => {
    document.querySelectorAll(".prose-editor .prose-menubar:not(.prose-menubar--floating)").forEach(enhance);
    document.querySelectorAll("dialog.prose-editor-dialog").forEach(nameDialog);
  };
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
})();
