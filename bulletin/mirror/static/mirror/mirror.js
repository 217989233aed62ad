// The static mirror's one script (see docs/deploy.md, "The static mirror").
// Without a server two forms need help: the list filter, whose answer is a redirect
// on the site, and search, answered here from the posts.js index of the language.
(function () {
  "use strict";
  var script = document.currentScript;
  var kinds = JSON.parse(script.dataset.kinds || "{}");
  var SHOWN = 100, LISTED = 500;

  // A list with one filter (or none) is a page of the mirror; a combination of
  // filters is answered by the search page, from the index of the language.
  function filterForm(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var kind = data.get("kind"), topic = data.get("topic"), year = data.get("year");
      var home = new URL(form.getAttribute("action"), window.location.href);
      var chosen = [kind, topic, year].filter(Boolean).length, path = "";
      if (chosen > 1) {
        var query = new URLSearchParams();
        [["kind", kind], ["topic", topic], ["year", year]].forEach(function (pair) {
          if (pair[1]) query.set(pair[0], pair[1]);
        });
        window.location.href = new URL("../search/index.html?" + query, home).href;
        return;
      }
      if (kind && kinds[kind]) path = kinds[kind] + "/";
      if (topic) path = "topics/" + encodeURIComponent(topic) + "/";
      if (year) path = year + "/";
      window.location.href = new URL("../" + path + "index.html", home).href;
    });
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function parse(query) {
    var terms = [], excluded = [], pattern = /(-?)"([^"]+)"|(-?)(\S+)/g, match;
    while ((match = pattern.exec(query)) !== null) {
      var minus = match[1] || match[3], text = fold(match[2] || match[4]);
      if (minus === "-" && text) excluded.push(text);
      else if (text.replace(/^-+/, "")) terms.push(text.replace(/^-+/, ""));
    }
    return { terms: terms, excluded: excluded };
  }

  function matches(post, query, filters) {
    if (filters.kind && post[4] !== filters.kind) return false;
    if (filters.topic && post[5].indexOf(filters.topic) < 0) return false;
    if (filters.year && post[3].slice(0, 4) !== filters.year) return false;
    var text = fold(post[0] + " " + post[1]);
    return query.terms.every(function (t) { return text.indexOf(t) >= 0; }) &&
      !query.excluded.some(function (t) { return text.indexOf(t) >= 0; });
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function showResults(form, params) {
    var index = window.BULLETIN_SEARCH, status = document.querySelector(".list-count");
    var text = params.get("q") || "";
    var query = parse(text);
    var filters = { kind: params.get("kind"), topic: params.get("topic"), year: params.get("year") };
    var filtered = !query.terms.length && (filters.kind || filters.topic || filters.year);
    var found = query.terms.length || filtered ? index.posts.filter(function (post) {
      return matches(post, query, filters);
    }) : [];
    var root = script.dataset.root;
    if (status) {
      var message = filtered ? index.messages.filtered : index.messages.results;
      status.textContent = message
        .replace("%(query)s", text).replace("%(count)s", String(found.length));
      status.after(element("p", "search-form__help", index.messages.scope));
    }
    var list = element("ol", "post-list search-results");
    list.setAttribute("role", "list");
    found.slice(0, filtered ? LISTED : SHOWN).forEach(function (post) {
      var item = element("li"), article = element("article", "post-summary search-result");
      var heading = element("h3", "post-summary__title"), link = element("a", "", post[0]);
      link.href = root + post[2];
      heading.append(link);
      var meta = element("p", "post-meta"), time = element("time", "", post[3]);
      time.dateTime = post[3];
      meta.append(time);
      article.append(heading, meta, element("p", "post-summary__text", post[1]));
      item.append(article);
      list.append(item);
    });
    form.after(list);
  }

  function searchForm(form) {
    var params = new URLSearchParams(window.location.search);
    ["q", "kind", "topic", "year"].forEach(function (name) {
      if (form.elements[name] && params.get(name)) form.elements[name].value = params.get(name);
    });
    if (!["q", "kind", "topic", "year"].some(function (name) { return params.get(name); })) return;
    var loader = document.createElement("script");
    loader.src = "posts.js";
    loader.addEventListener("load", function () { showResults(form, params); });
    document.head.append(loader);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.filters").forEach(function (form) {
      if (form.classList.contains("search-form")) searchForm(form);
      else if (form.querySelector("select[name=kind]")) filterForm(form);
    });
  });
})();
