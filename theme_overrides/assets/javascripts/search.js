// Site search: opens the search dialog (partials/search.html) and, the first time only, loads Pagefind's
// script and index from this site's pagefind/ folder. A page view downloads nothing of the index; a search
// downloads the index chunks of the words typed and the fragments of the results shown.
// Result titles are page text (Pagefind keeps them as text) and are written as text; excerpts are
// Pagefind's escaped HTML with <mark> highlights: parsed in an inert document, only text and <mark> kept.
(function () {
  "use strict";
  var RESULTS_SHOWN = 5; // each shown result downloads its fragment (a few KB)
  var SECTIONS_SHOWN = 3;
  var script = document.currentScript;
  var siteRoot = new URL("../../", script.src);
  var bundle = new URL("pagefind/", siteRoot).href;
  var dialog = document.getElementById("site-search");
  var opener = document.querySelector("[data-site-search-open]");
  if (!dialog || !opener || typeof dialog.showModal !== "function") {
    if (opener) opener.hidden = true;
    return;
  }
  var input = dialog.querySelector("[data-site-search-input]");
  var status = dialog.querySelector("[data-site-search-status]");
  var list = dialog.querySelector("[data-site-search-results]");
  var loading = null;
  var latest = 0;

  function loadPagefind() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pagefind) {
        return pagefind
          // No worker: its script would add 41 KB to the first search; a search takes milliseconds.
          .options({ baseUrl: siteRoot.pathname, excerptLength: 24, noWorker: true })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Text of an excerpt, with <mark> kept: parsed in an inert document (nothing loads or runs), copied as text.
  function appendMarked(parent, fragment) {
    var parsed = new DOMParser().parseFromString(fragment, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "site-search__result";
    var link = document.createElement("a");
    link.className = "site-search__title";
    link.href = data.url;
    link.textContent = data.meta && data.meta.title ? data.meta.title : data.url;
    item.appendChild(link);
    var excerpt = document.createElement("p");
    excerpt.className = "site-search__excerpt";
    appendMarked(excerpt, data.excerpt || "");
    item.appendChild(excerpt);
    // A section at the page's own title (its h1) is the page again, with the same excerpt: not listed.
    var sections = (data.sub_results || []).filter(function (section) {
      return section.url !== data.url && !(section.anchor && section.anchor.element === "h1");
    });
    if (sections.length) {
      var nested = document.createElement("ul");
      nested.className = "site-search__sections";
      sections.slice(0, SECTIONS_SHOWN).forEach(function (section) {
        var entry = document.createElement("li");
        var sectionLink = document.createElement("a");
        sectionLink.href = section.url;
        sectionLink.textContent = section.title || "";
        entry.appendChild(sectionLink);
        var sectionExcerpt = document.createElement("p");
        sectionExcerpt.className = "site-search__excerpt";
        appendMarked(sectionExcerpt, section.excerpt || "");
        entry.appendChild(sectionExcerpt);
        nested.appendChild(entry);
      });
      item.appendChild(nested);
    }
    return item;
  }

  function search(query) {
    var ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "Searching\u2026";
    loadPagefind()
      .then(function (pagefind) { return pagefind.debouncedSearch(query, {}, 150); })
      .then(function (found) {
        if (ticket !== latest || found === null) return null;
        var shown = found.results.slice(0, RESULTS_SHOWN);
        return Promise.all(shown.map(function (result) { return result.data(); })).then(function (pages) {
          if (ticket !== latest) return;
          list.replaceChildren.apply(list, pages.map(resultItem));
          var count = found.results.length;
          status.textContent = count === 0 ? "No matching pages"
            : count === 1 ? "1 matching page"
            : count + " matching pages" + (count > shown.length ? ", the first " + shown.length + " shown" : "");
        });
      })
      .catch(function () {
        if (ticket === latest) status.textContent = "Search is not available on this copy of the site.";
      });
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
  }

  opener.addEventListener("click", open);
  input.addEventListener("input", function () { search(input.value); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
})();
