// The share row of an article: the phone's share sheet (Web Share API,
// where Zalo and Messenger are) and "copy link", each shown only where the
// browser has it. The Facebook link is a plain link and needs no script.
// Nothing is loaded from another host and nothing is sent anywhere.
(function () {
  "use strict";
  var row = document.querySelector("[data-share]");
  if (!row) { return; }
  var url = row.getAttribute("data-url");
  var title = row.getAttribute("data-title");
  var status = row.querySelector("[data-share-status]");
  var nativeItem = row.querySelector("[data-share-native]");
  var copyItem = row.querySelector("[data-share-copy]");

  if (nativeItem && navigator.share) {
    nativeItem.hidden = false;
    nativeItem.querySelector("button").addEventListener("click", function () {
      // A reader who closes the sheet rejects the promise: nothing to say.
      navigator.share({ title: title, url: url }).catch(function () {});
    });
  }
  if (copyItem && navigator.clipboard && navigator.clipboard.writeText) {
    copyItem.hidden = false;
    var copy = copyItem.querySelector("button");
    var label = copy.textContent;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(function () {
        var copied = row.getAttribute("data-copied");
        copy.textContent = copied;
        status.textContent = copied;
        window.setTimeout(function () { copy.textContent = label; }, 2500);
      }).catch(function () {});
    });
  }
}());
