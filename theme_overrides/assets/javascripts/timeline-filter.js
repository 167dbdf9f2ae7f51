// Timeline filter: show only the events and claims on one issue, in the page, without a server.
// Without JavaScript the "Follow one issue" links still work: they open each issue's own timeline.
// The choice is kept in the address (#issue=<id>), so a filtered timeline can be linked to.
(function () {
  "use strict";
  function setUp() {
    var links = document.querySelector("[data-issue-filter]");
    if (!links || links.dataset.ready) return;
    links.dataset.ready = "1";
    var items = Array.prototype.slice.call(document.querySelectorAll(".timeline-item"));
    var select = document.createElement("select");
    select.id = "timeline-issue";
    select.add(new Option("All issues", ""));
    Array.prototype.forEach.call(links.querySelectorAll("a[href]"), function (link) {
      var match = /issues\/([a-z0-9-]+)\//.exec(link.getAttribute("href"));
      if (match) select.add(new Option(link.textContent, match[1]));
    });
    var label = document.createElement("label");
    label.htmlFor = select.id;
    label.textContent = "Show only: ";
    var status = document.createElement("span");
    status.className = "timeline-count";
    status.setAttribute("role", "status");
    var form = document.createElement("p");
    form.className = "timeline-filter";
    form.append(label, select, " ", status);
    links.parentNode.insertBefore(form, links.nextSibling);

    function about(element, issue) {
      return !issue || (" " + element.dataset.issues + " ").indexOf(" " + issue + " ") !== -1;
    }
    function apply(issue) {
      var shown = 0;
      items.forEach(function (item) {
        // An event's issues include those of the claims said at it; those claims are filtered inside it.
        var visible = about(item, issue);
        item.hidden = !visible;
        if (visible) shown += 1;
        Array.prototype.forEach.call(item.querySelectorAll("li[data-issues]"), function (claim) {
          claim.hidden = !about(claim, issue);
        });
      });
      // A date heading stays only if one of its entries is shown.
      Array.prototype.forEach.call(document.querySelectorAll(".md-content h2"), function (heading) {
        var node = heading.nextElementSibling;
        var any = false;
        while (node && node.tagName !== "H2") {
          if (node.classList.contains("timeline-item") && !node.hidden) any = true;
          node = node.nextElementSibling;
        }
        heading.hidden = !any;
      });
      status.textContent = "Showing " + shown + " of " + items.length + " entries.";
    }
    select.addEventListener("change", function () {
      history.replaceState(null, "", select.value ? "#issue=" + select.value : location.pathname);
      apply(select.value);
    });
    var wanted = /^#issue=([a-z0-9-]+)$/.exec(location.hash);
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted[1]; })) {
      select.value = wanted[1];
    }
    apply(select.value);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
