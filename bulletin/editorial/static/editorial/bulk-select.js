// The all-posts list: a "select all on this page" box for the bulk actions. Without
// JavaScript each post's own box still works; this only adds the shortcut.
document.addEventListener("DOMContentLoaded", () => {
  const all = document.getElementById("pick-all");
  if (!all) return;
  const boxes = Array.from(document.querySelectorAll('.bulk-form input[name="post"]'));
  all.closest(".pick-all").hidden = false;
  all.closest("th").querySelector(".pick-label").remove();
  const reflect = () => {
    const ticked = boxes.filter((box) => box.checked).length;
    all.checked = ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  };
  all.addEventListener("change", () => {
    boxes.forEach((box) => { box.checked = all.checked; });
    reflect();
  });
  boxes.forEach((box) => box.addEventListener("change", reflect));
  reflect();
});
