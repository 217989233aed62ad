// A form that fits the post: choosing a kind shows that kind's fields at once.
// Without JavaScript the "Show the fields for this kind" button asks the server
// to draw the form again, with everything typed kept; here it is not needed.
// Fields of the other kinds stay in the page, hidden, so changing back keeps them.
(function () {
  "use strict";
  var form = document.querySelector("form.post-form");
  if (!form) return;
  var radios = form.querySelectorAll("input[type=radio][name=kind]");
  if (!radios.length) return;
  var apply = form.querySelector("[data-kind-apply]");
  if (apply) apply.remove();

  function show(kind) {
    form.querySelectorAll("[data-kind-fields]").forEach(function (group) {
      group.hidden = group.dataset.kindFields !== kind;
    });
    form.querySelectorAll("[data-kind-loss]").forEach(function (note) {
      note.hidden = note.dataset.kindLoss !== kind;
    });
  }

  // The event's times say which zone they read; keep that true as the zone changes.
  var zone = form.querySelector("select[name=event_timezone]");
  if (zone) {
    var shown = zone.value;
    zone.addEventListener("change", function () {
      ["id_event_start_helptext", "id_event_end_helptext"].forEach(function (id) {
        var help = document.getElementById(id);
        if (help && shown) help.textContent = help.textContent.split(shown).join(zone.value);
      });
      shown = zone.value;
    });
  }

  radios.forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked) show(radio.value);
    });
  });
})();
