// The reader's unit, without a server or a cookie: the filter box of
// /districts/, the "my unit" button of a unit's page, and the news of that
// unit at the top of the home page. Without scripts the pages are plain
// lists and nothing here is needed.
(function () {
  "use strict";
  var STORE = "loa.unit";

  // As loa folds names at build time: no marks, đ is d, lower case, words
  // separated by one space.
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function stored() {
    try { return window.localStorage.getItem(STORE); } catch (e) { return null; }
  }

  function store(key) {
    try {
      if (key) { window.localStorage.setItem(STORE, key); } else { window.localStorage.removeItem(STORE); }
      return true;
    } catch (e) { return false; }
  }

  function filter(box) {
    var input = box.querySelector("input");
    var status = box.querySelector("[role=status]");
    var items = Array.prototype.slice.call(document.querySelectorAll("li[data-search]"));
    var words = items.map(function (li) { return li.getAttribute("data-search").split(" "); });
    var groups = document.querySelectorAll(".unit-group, section.units");
    function apply() {
      var query = fold(input.value).split(" ").filter(Boolean);
      var shown = 0;
      items.forEach(function (li, i) {
        var match = query.every(function (q) {
          return words[i].some(function (w) { return w.lastIndexOf(q, 0) === 0; });
        });
        li.hidden = !match;
        if (match) { shown += 1; }
      });
      Array.prototype.forEach.call(groups, function (group) {
        group.hidden = !group.querySelector("li[data-search]:not([hidden])");
      });
      status.textContent = !query.length ? ""
        : shown ? status.getAttribute("data-found").replace("{n}", shown) : status.getAttribute("data-none");
      var url = new URL(window.location.href);
      if (query.length) { url.searchParams.set("q", input.value); } else { url.searchParams.delete("q"); }
      window.history.replaceState(null, "", url);
    }
    box.hidden = false;
    input.addEventListener("input", apply);
    var asked = new URLSearchParams(window.location.search).get("q");
    if (asked) { input.value = asked; apply(); }
  }

  function picker(box) {
    var key = box.getAttribute("data-key");
    var pick = box.querySelector("[data-pick]");
    var picked = box.querySelector("[data-picked]");
    function show() {
      var mine = stored() === key;
      pick.hidden = mine;
      picked.hidden = !mine;
    }
    pick.addEventListener("click", function () {
      if (store(key)) { show(); picked.querySelector("button").focus(); }
    });
    box.querySelector("[data-unpick]").addEventListener("click", function () {
      store(null); show(); pick.focus();
    });
    box.hidden = false;
    show();
  }

  function news(section) {
    var key = stored();
    if (!key || !/^[a-z0-9-]+$/.test(key)) { return; }
    var root = section.getAttribute("data-root");
    fetch(root + "districts/" + key + "/latest.json").then(function (reply) {
      if (!reply.ok) { throw new Error(reply.status); }
      return reply.json();
    }).then(function (unit) {
      var name = section.querySelector("[data-name]");
      name.textContent = unit.name;
      name.href = unit.url;
      section.querySelector("[data-all]").href = unit.url;
      var list = section.querySelector("ul");
      unit.items.forEach(function (item) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.title;
        var time = document.createElement("time");
        time.dateTime = item.date;
        time.textContent = item.date_display;
        li.append(link, " ", time);
        list.append(li);
      });
      section.hidden = !unit.items.length;
    }).catch(function () {
      // A unit that no longer exists: forget it, the page is as without it.
      store(null);
    });
  }

  var box = document.querySelector("[data-unit-filter]");
  if (box) { filter(box); }
  var mine = document.querySelector("[data-my-unit]");
  if (mine) { picker(mine); }
  var section = document.querySelector("[data-my-news]");
  if (section) { news(section); }
}());
