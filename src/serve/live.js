/* loa serve: reloads the page when the site has been rebuilt and shows the
   build's errors over the page while it is broken. `loa serve` adds this
   script to the HTML it sends; it is never part of a built site.
   Diagnostics quote the editor's own text: everything shown is set with
   textContent, never parsed as HTML. */
(function () {
  "use strict";
  if (window.__loaLive) {
    return;
  }
  window.__loaLive = true;

  // The build this page comes from, so that a rebuild that happened
  // between loading the page and connecting is not missed.
  var pageBuild = null;
  var script = document.currentScript;
  if (script && script.src) {
    var match = /[?&]build=([^&#]*)/.exec(script.src);
    if (match) {
      pageBuild = decodeURIComponent(match[1]);
    }
  }

  // The overlay's words in the editor's language: `loa serve` fills this
  // in from its message catalogue when it sends the script.
  var TEXT = {};
  function text(key, fallback) {
    return typeof TEXT[key] === "string" ? TEXT[key] : fallback;
  }

  var STYLE = [
    ":host{all:initial}",
    ".backdrop{position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483647;",
    "overflow:auto;-webkit-overflow-scrolling:touch;box-sizing:border-box;padding:.75rem;",
    "background:rgba(24,24,24,.6);font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,",
    "'Noto Sans',Arial,sans-serif;color:#1b1b1b;text-align:left}",
    ".panel{box-sizing:border-box;max-width:46rem;margin:0 auto;padding:1rem;",
    "background:#fff;border-top:.4rem solid #b3261e;border-radius:.5rem;",
    "box-shadow:0 .5rem 2rem rgba(0,0,0,.35)}",
    "h2{margin:0 0 .25rem;font-size:1.3rem;line-height:1.3;color:#8c1d18}",
    ".lead{margin:0 0 .75rem;color:#333}",
    "ol{list-style:none;margin:0;padding:0}",
    "li{margin:0;padding:.75rem 0;border-top:1px solid #ddd}",
    "p{margin:0}",
    ".where{display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:baseline}",
    ".kind{font-size:.75rem;font-weight:700;text-transform:uppercase;color:#8c1d18}",
    ".warning .kind{color:#6b4500}",
    "code{font:.9rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace;",
    "overflow-wrap:anywhere;background:#f2f2f2;padding:.1rem .3rem;border-radius:.25rem}",
    ".message{margin-top:.35rem;font-weight:600;overflow-wrap:anywhere;white-space:pre-wrap}",
    ".quoted{margin:.35rem 0 0;font:.85rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace;",
    "white-space:pre;overflow-x:auto;overflow-wrap:normal;background:#f7f7f7;padding:.5rem;border-radius:.25rem}",
    ".help{margin-top:.35rem;overflow-wrap:anywhere;white-space:pre-wrap;color:#0b4f8a}",
    ".actions{margin-top:.75rem;text-align:right}",
    "button{font:inherit;min-height:2.75rem;padding:0 1.25rem;border:1px solid #555;",
    "border-radius:.35rem;background:#fff;color:#1b1b1b;cursor:pointer}",
    "button:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}"
  ].join("");

  var overlay = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  // `content/a.md:3:7`, or the file alone when the line is not known.
  function place(diagnostic) {
    var where = typeof diagnostic.path === "string" ? diagnostic.path : "";
    var line = Number(diagnostic.line) || 0;
    var column = Number(diagnostic.column) || 0;
    if (where && line > 0) {
      where += ":" + line + ":" + Math.max(column, 1);
    }
    return where;
  }

  function hide() {
    if (overlay && overlay.parentNode) {
      overlay.parentNode.removeChild(overlay);
    }
    overlay = null;
  }

  function show(diagnostics) {
    hide();
    var host = document.createElement("div");
    host.setAttribute("data-loa-overlay", "");
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    root.appendChild(element("style", null, STYLE));

    var backdrop = element("div", "backdrop");
    var panel = element("section", "panel");
    panel.setAttribute("role", "alertdialog");
    var title = text("title", "Lỗi khi dựng trang");
    panel.setAttribute("aria-label", title);
    panel.appendChild(element("h2", null, title));
    var errors = 0;
    for (var i = 0; i < diagnostics.length; i++) {
      if (diagnostics[i] && diagnostics[i].severity !== "warning") {
        errors++;
      }
    }
    var notBuilt = document.body && document.body.hasAttribute("data-loa-not-built");
    var count = text(errors === 1 ? "errorsOne" : "errorsOther", "{n} lỗi.");
    panel.appendChild(element("p", "lead",
      count.replace("{n}", String(errors)) + " " +
      (notBuilt ? text("notBuilt", "Trang chưa dựng được lần nào.") :
        text("lastGood", "Trang bạn đang xem là bản dựng đúng gần nhất.")) + " " +
      text("fix", "Sửa lỗi rồi lưu tệp, trang sẽ tự tải lại.")));

    // Errors first: they are what stops the build.
    var ordered = [];
    for (var k = 0; k < 2; k++) {
      for (var m = 0; m < diagnostics.length; m++) {
        var isWarning = !!diagnostics[m] && diagnostics[m].severity === "warning";
        if (isWarning === (k === 1)) {
          ordered.push(diagnostics[m]);
        }
      }
    }
    var list = element("ol");
    for (var j = 0; j < ordered.length; j++) {
      var diagnostic = ordered[j] || {};
      var warning = diagnostic.severity === "warning";
      var item = element("li", warning ? "warning" : "error");
      var head = element("p", "where");
      head.appendChild(element("span", "kind",
        warning ? text("warning", "Cảnh báo") : text("error", "Lỗi")));
      var where = place(diagnostic);
      if (where) {
        head.appendChild(element("code", null, where));
      }
      item.appendChild(head);
      var message = String(diagnostic.message === undefined ? "" : diagnostic.message);
      // A template error quotes the template, with a caret under the spot:
      // the first line is the message, the rest keeps its alignment.
      var lineEnd = message.indexOf("\n");
      item.appendChild(element("p", "message", lineEnd >= 0 ? message.slice(0, lineEnd) : message));
      if (lineEnd >= 0) {
        item.appendChild(element("pre", "quoted", message.slice(lineEnd + 1)));
      }
      if (diagnostic.help) {
        var help = element("p", "help");
        help.appendChild(element("strong", null, text("help", "Gợi ý") + ": "));
        help.appendChild(document.createTextNode(String(diagnostic.help)));
        item.appendChild(help);
      }
      list.appendChild(item);
    }
    panel.appendChild(list);

    var actions = element("p", "actions");
    var close = element("button", null, text("hide", "Ẩn"));
    close.type = "button";
    close.addEventListener("click", hide);
    actions.appendChild(close);
    panel.appendChild(actions);

    backdrop.appendChild(panel);
    root.appendChild(backdrop);
    (document.body || document.documentElement).appendChild(host);
    overlay = host;
  }

  if (typeof window.EventSource !== "function") {
    return;
  }
  var source = new EventSource("/__loa/events");
  source.addEventListener("hello", function (event) {
    if (pageBuild === null) {
      pageBuild = event.data;
    } else if (event.data !== pageBuild) {
      // Rebuilt while this tab was not listening (or the server restarted).
      window.location.reload();
    }
  });
  source.addEventListener("reload", function () {
    window.location.reload();
  });
  source.addEventListener("error", function (event) {
    // The same name is used by the browser for a lost connection, which
    // carries no data; EventSource then reconnects by itself.
    if (typeof event.data !== "string") {
      return;
    }
    var diagnostics;
    try {
      diagnostics = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (Array.isArray(diagnostics)) {
      show(diagnostics);
    }
  });
})();
