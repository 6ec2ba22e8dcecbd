// The search page: reads the files loa wrote under search/ (one per word,
// one per result, one per filter) and shows the results, newest first
// after those whose title holds every word. The query and the filters are
// in the URL (?q=dat+do&district=xuyen-moc&category=canh-bao), so a list
// of results can be linked and bookmarked. Nothing is sent anywhere.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) { return; }
  var files = form.getAttribute("data-files");
  var partDocs = Number(form.getAttribute("data-part-docs")) || 2500;
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var PAGE = 10;
  var fetched = new Map();
  var current = null;

  // As loa folds words: NFD, marks off, đ as d, lower case.
  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function words(text) {
    var seen = new Set();
    return text.split(/[^\p{L}\p{N}\p{M}]+/u).map(function (w) {
      var written = w.normalize("NFC").toLowerCase();
      return { written: written, folded: fold(written) };
    }).filter(function (w) {
      if (!w.folded || w.folded.length > 40 || seen.has(w.folded)) { return false; }
      seen.add(w.folded);
      return true;
    });
  }

  function stem(folded) {
    if (/^[a-z0-9]+$/.test(folded)) { return folded; }
    var hash = 0x811c9dc5;
    new TextEncoder().encode(folded).forEach(function (byte) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    });
    return "_" + hash.toString(16).padStart(8, "0");
  }

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  // Postings: per document its gap from the previous and, for a word
  // written more than one way, the bits of the spellings it writes.
  function postings(text, into, bits) {
    var numbers = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i += 1) {
      var digit = DIGITS.indexOf(text[i]);
      value += (digit & 31) * Math.pow(2, shift);
      shift += 5;
      if (digit < 32) { numbers.push(value); value = 0; shift = 0; }
    }
    var doc = 0, step = bits ? 2 : 1;
    for (var n = 0; n + step - 1 < numbers.length; n += step) {
      doc = n === 0 ? numbers[0] : doc + numbers[n];
      into.set(doc, bits ? numbers[n + 1] : 1);
    }
    return into;
  }

  function load(path) {
    if (!fetched.has(path)) {
      fetched.set(path, fetch(files + path).then(function (reply) {
        if (reply.status === 404) { return null; }
        if (!reply.ok) { throw new Error(reply.status); }
        return reply.json();
      }));
    }
    return fetched.get(path);
  }

  // A word's file, or its entry in the file its rarer neighbours share:
  // `t/__` and the first two letters of its file's name, or more letters
  // where that file says so (`"_": 1`).
  function wordFile(w) {
    var name = stem(w.folded);
    return load("t/" + name + ".json").then(function (own) {
      return own || sharedEntry(w, name.replace(/^_/, ""), 2);
    });
  }

  function sharedEntry(w, key, letters) {
    return load("t/__" + key.slice(0, letters) + ".json").then(function (shared) {
      if (!shared) { return null; }
      if (Object.prototype.hasOwnProperty.call(shared, w.folded)) { return shared[w.folded]; }
      return shared._ && key.length > letters ? sharedEntry(w, key, letters + 1) : null;
    });
  }

  // A filter: the numbers of its documents, as gaps.
  function docSet(text) {
    var docs = new Set(), doc = 0, value = 0, shift = 0, first = true;
    for (var i = 0; i < (text || "").length; i += 1) {
      var digit = DIGITS.indexOf(text[i]);
      value += (digit & 31) * Math.pow(2, shift);
      shift += 5;
      if (digit < 32) {
        doc = first ? value : doc + value;
        first = false;
        docs.add(doc);
        value = 0;
        shift = 0;
      }
    }
    return docs;
  }

  // One word of the query with what its file says.
  function wordOf(w, file) {
    var spellings = file.v || [w.folded];
    var bit = spellings.indexOf(w.written);
    var bits = spellings.length > 1;
    return {
      word: w,
      exactBit: w.written !== w.folded && bit >= 0 && bit < 24 ? Math.pow(2, bit) : 0,
      wantsExact: w.written !== w.folded,
      bits: bits,
      title: postings(file.t || "", new Map(), bits),
      body: postings(file.b || "", new Map(), bits),
      // Documents are numbered oldest first; a word's file holds its
      // newest part, and the part to read next is the one before it.
      next: (file.p || 1) - 2,
    };
  }

  // Documents from this number on are fully known for every word.
  function known(q) {
    return q.words.reduce(function (limit, w) {
      return w.next >= 0 ? Math.max(limit, (w.next + 1) * partDocs) : limit;
    }, 0);
  }

  function rank(q) {
    var limit = known(q);
    var first = q.words[0];
    var candidates = new Set(first.title.keys());
    first.body.forEach(function (_, doc) { candidates.add(doc); });
    var found = [];
    candidates.forEach(function (doc) {
      if (q.seen.has(doc) || q.filters.some(function (f) { return !f.has(doc); })) { return; }
      var inTitles = 0, exact = 0;
      for (var i = 0; i < q.words.length; i += 1) {
        var w = q.words[i];
        var inTitle = w.title.has(doc);
        if (!inTitle && !w.body.has(doc)) { return; }
        if (inTitle) { inTitles += 1; }
        var spellings = (w.title.get(doc) || 0) | (w.body.get(doc) || 0);
        if (w.exactBit && (spellings & w.exactBit)) { exact += 1; }
      }
      if (doc < limit) { return; }
      var allInTitle = inTitles === q.words.length;
      found.push({ doc: doc, allInTitle: allInTitle, exact: exact, inTitles: inTitles });
    });
    found.sort(function (a, b) {
      return (b.allInTitle - a.allInTitle) || (b.exact - a.exact) || (b.inTitles - a.inTitles) || (b.doc - a.doc);
    });
    q.found = found;
    q.complete = limit === 0;
  }

  function say(kind, n) {
    status.textContent = status.getAttribute("data-" + kind).replace("{n}", n);
  }

  // `text` with the words of the query marked.
  function marked(text, query) {
    var wanted = new Set(query.map(function (w) { return w.folded; }));
    var fragment = document.createDocumentFragment();
    text.split(/([^\p{L}\p{N}\p{M}]+)/u).forEach(function (piece) {
      if (piece && wanted.has(fold(piece))) {
        var mark = document.createElement("mark");
        mark.textContent = piece;
        fragment.append(mark);
      } else if (piece) {
        fragment.append(piece);
      }
    });
    return fragment;
  }

  // Some thirty words of `text` around the first word of the query.
  function snippet(text, query) {
    var wanted = new Set(query.map(function (w) { return w.folded; }));
    var pieces = text.split(/\s+/);
    var at = pieces.findIndex(function (p) {
      return p.split(/[^\p{L}\p{N}\p{M}]+/u).some(function (w) { return wanted.has(fold(w)); });
    });
    var start = Math.max(0, at - 12);
    var cut = pieces.slice(start, start + 32).join(" ");
    return (start > 0 ? "… " : "") + cut + (start + 32 < pieces.length ? " …" : "");
  }

  function show(q, doc, data) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.append(marked(data.title, q.query));
    heading.append(link);
    var meta = document.createElement("p");
    meta.className = "meta";
    var time = document.createElement("time");
    time.dateTime = data.date;
    time.textContent = data.date_display;
    var where = data.province_wide ? status.getAttribute("data-province-wide") : data.units.join(", ");
    meta.append(time, " · " + where + (data.category ? " · " + data.category : ""));
    var quote = document.createElement("p");
    quote.className = "snippet";
    quote.append(marked(snippet(data.text, q.query), q.query));
    item.append(heading, meta, quote);
    return item;
  }

  // Shows the next page of results: the best of those not shown yet (a
  // later part may bring better ones than those already on the page).
  function render(q) {
    var page = q.found.slice(0, PAGE);
    q.found = q.found.slice(PAGE);
    var perFile = Number(form.getAttribute("data-docs-per-file")) || 5;
    return Promise.all(page.map(function (hit) {
      return load("d/" + Math.floor(hit.doc / perFile) + ".json").then(function (docs) {
        return docs && docs[hit.doc % perFile];
      });
    })).then(function (docs) {
      if (q !== current) { return; }
      docs.forEach(function (data, i) { if (data) { list.append(show(q, page[i].doc, data)); } });
      page.forEach(function (hit) { q.seen.add(hit.doc); });
      var total = q.seen.size + q.found.length;
      if (!total) { say("none", 0); }
      else if (q.complete) { say("found", total); }
      else { say("more-found", total); }
      more.hidden = !q.found.length && q.complete;
    });
  }

  // Renders the next page of results, first reading the next parts of the
  // words split in parts until there are enough results or no more parts.
  function fill(q) {
    if (q.found.length >= PAGE || q.complete) { return render(q); }
    // Only the words whose unread parts hold the others back.
    var limit = known(q);
    var next = q.words.filter(function (w) {
      return w.next >= 0 && (w.next + 1) * partDocs === limit;
    }).map(function (w) {
      var part = w.next;
      return load("t/" + stem(w.word.folded) + "." + part + ".json").then(function (file) {
        postings((file && file.t) || "", w.title, w.bits);
        postings((file && file.b) || "", w.body, w.bits);
        w.next = part - 1;
      });
    });
    return Promise.all(next).then(function () {
      if (q !== current) { return; }
      rank(q);
      return fill(q);
    });
  }

  function run() {
    var params = new URLSearchParams(window.location.search);
    var text = params.get("q") || "";
    form.q.value = text;
    form.district.value = params.get("district") || "";
    form.category.value = params.get("category") || "";
    list.replaceChildren();
    more.hidden = true;
    var query = words(text);
    var q = { query: query, seen: new Set(), found: [], complete: true, words: [], filters: [] };
    current = q;
    if (!query.length) { status.textContent = ""; return Promise.resolve(); }
    var filters = [["district", form.district.value], ["category", form.category.value]]
      .filter(function (f) { return f[1]; })
      .map(function (f) { return load("f/" + f[0] + "-" + f[1] + ".json"); });
    var wordFiles = query.map(wordFile);
    return Promise.all([Promise.all(wordFiles), Promise.all(filters)]).then(function (loaded) {
      if (q !== current) { return; }
      if (loaded[0].some(function (f) { return !f; })) { say("none", 0); return; }
      q.words = loaded[0].map(function (file, i) { return wordOf(query[i], file); });
      q.filters = loaded[1].map(function (text) { return docSet(text); });
      rank(q);
      return fill(q);
    }).catch(function () { say("failed", 0); });
  }

  function submit(event) {
    event.preventDefault();
    var params = new URLSearchParams();
    if (form.q.value.trim()) { params.set("q", form.q.value.trim()); }
    if (form.district.value) { params.set("district", form.district.value); }
    if (form.category.value) { params.set("category", form.category.value); }
    var search = params.toString();
    window.history.pushState(null, "", window.location.pathname + (search ? "?" + search : ""));
    run();
  }

  form.addEventListener("submit", submit);
  form.district.addEventListener("change", submit);
  form.category.addEventListener("change", submit);
  more.addEventListener("click", function () { if (current) { fill(current); } });
  window.addEventListener("popstate", run);
  run();
}());
