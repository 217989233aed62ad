// After a refused submit, move focus to the summary of what went wrong (or the
// conflict notice), so keyboard and screen-reader users start from there.
(function () {
  "use strict";
  var target = document.querySelector(".conflict[tabindex='-1'], .error-summary[tabindex='-1']");
  if (target) target.focus();
})();
