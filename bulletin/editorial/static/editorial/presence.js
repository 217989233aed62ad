// Tell the server this edit page is still open, and show who else has it open.
// Without JavaScript the notice is still shown when the page loads.
(function () {
  "use strict";
  var form = document.querySelector("form[data-presence-url]");
  var box = document.getElementById("presence");
  if (!form || !box) return;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  function ping() {
    fetch(form.dataset.presenceUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token ? token.value : "" },
      credentials: "same-origin",
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("presence");
        if (next && next.innerHTML !== box.innerHTML) box.innerHTML = next.innerHTML;
      })
      .catch(function () {});
  }
  window.setInterval(ping, 60000);
})();
