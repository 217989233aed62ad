// Work is never lost: a few seconds after typing stops, the form's fields are sent
// to the server, which keeps them for this person and post; if the tab closes, the
// next visit offers them back. Leaving with changes not saved asks first.
// Without JavaScript the form still saves as before.
(function () {
  "use strict";
  var form = document.querySelector("form.post-form[data-autosave-url]");
  if (!form) return;
  var status = document.getElementById("autosave-status");
  var DELAY = 3000;
  var timer = null;
  var changed = form.dataset.changed === "true";
  var sending = false;
  var again = false;
  var submitting = false;

  function say(text) {
    if (status) status.textContent = text;
  }

  function keep() {
    timer = null;
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    say(form.dataset.autosaveSaving);
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        say(data.message);
        form.dataset.keptAt = data.saved_at;
      })
      .catch(function () {
        say(form.dataset.autosaveFailed);
      })
      .then(function () {
        sending = false;
        if (again) {
          again = false;
          schedule();
        }
      });
  }

  function schedule() {
    changed = true;
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(keep, DELAY);
  }

  // The rich-text editor writes into its textarea and fires "input" on it.
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", function () {
    submitting = true;
    if (timer) window.clearTimeout(timer);
  });
  window.addEventListener("beforeunload", function (event) {
    if (changed && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
