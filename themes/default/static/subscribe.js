// Nút "Sao chép" của trang Theo dõi tin. Không có JavaScript, trang vẫn hiện
// đủ địa chỉ để chọn và sao chép; các nút chỉ hiện khi tệp này chạy.
(function () {
  "use strict";
  var page = document.querySelector(".subscribe");
  if (!page) {
    return;
  }
  var status = document.getElementById("copy-status");
  var copied = page.getAttribute("data-copied") || "";
  var selected = page.getAttribute("data-selected") || "";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function show(button, text) {
    var label = button.querySelector(".copy-label");
    if (!label) {
      return;
    }
    if (!button.hasAttribute("data-label")) {
      button.setAttribute("data-label", label.textContent);
    }
    label.textContent = text;
    if (status) {
      status.textContent = text;
    }
    window.clearTimeout(button.copyTimer);
    button.copyTimer = window.setTimeout(function () {
      label.textContent = button.getAttribute("data-label");
    }, 2500);
  }

  // Without the clipboard API (an old browser, a page not served over
  // https): select the address so that the reader can copy it by hand.
  function fallback(button, target) {
    if (!target) {
      return;
    }
    selectText(target);
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (e) {
      done = false;
    }
    show(button, done ? copied : selected);
  }

  var buttons = page.querySelectorAll("button[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(
          function () {
            show(button, copied);
          },
          function () {
            fallback(button, target);
          }
        );
      } else {
        fallback(button, target);
      }
    });
  });
})();
