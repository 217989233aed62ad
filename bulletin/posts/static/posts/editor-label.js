// The rich-text editor's editable area is a text box of its own: give it the name
// and description of the form field it stands for, so screen readers announce
// "Body, edit text" rather than an unnamed box (WCAG 4.1.2).
(() => {
  const label = (editable) => {
    const textarea = editable.closest(".prose-editor")?.querySelector("textarea[id]");
    const fieldLabel = textarea && document.querySelector(`label[for="${textarea.id}"]`);
    if (!fieldLabel || editable.hasAttribute("aria-labelledby")) return;
    fieldLabel.id ||= `${textarea.id}-label`;
    editable.setAttribute("aria-labelledby", fieldLabel.id);
    const described = textarea.getAttribute("aria-describedby");
    if (described) editable.setAttribute("aria-describedby", described);
    // A click on the label goes to the editor, as it would to a plain field.
    fieldLabel.addEventListener("click", () => editable.focus());
  };
  const scan = () => {
    document.querySelectorAll(".prose-editor [contenteditable]").forEach(label);
    const editors = document.querySelectorAll(".prose-editor").length;
    const done = document.querySelectorAll(".prose-editor [aria-labelledby]").length;
    if (editors && done >= editors) observer.disconnect();
  };
  // The editors are built by module scripts, after this one may have run.
  const observer = new MutationObserver(scan);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  scan();
})();
