/* 激励明细 exports: download through fetch so a large export shows how much has arrived (the server streams).
 * <a data-export="status-id" href="…"> and <p id="status-id" data-progress="…%s…" data-done="…" data-failed="…">.
 * Without fetch streams the link simply downloads as usual. */
(function () {
  "use strict";
  function say(status, text) { if (status) { status.textContent = text; status.hidden = false; } }
  function filenameOf(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="?([^";]+)"?/.exec(header);
    return match ? match[1] : fallback;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-export]") : null;
    if (!link || !window.fetch || !window.ReadableStream || !window.URL) return;
    event.preventDefault();
    var status = document.getElementById(link.getAttribute("data-export"));
    var received = 0;
    var chunks = [];
    link.setAttribute("aria-disabled", "true");
    say(status, (status.dataset.progress || "%s").replace("%s", "0"));
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || !response.body) throw new Error(String(response.status));
      var reader = response.body.getReader();
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) return;
          chunks.push(step.value);
          received += step.value.length;
          say(status, status.dataset.progress.replace("%s", Math.round(received / 1024)));
          return pump();
        });
      }
      return pump().then(function () {
        var blob = new Blob(chunks, { type: response.headers.get("Content-Type") || "application/octet-stream" });
        var url = URL.createObjectURL(blob);
        var anchor = document.createElement("a");
        anchor.href = url;
        anchor.download = filenameOf(response, "export");
        document.body.appendChild(anchor);
        anchor.click();
        anchor.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        say(status, status.dataset.done);
      });
    }).catch(function () {
      say(status, status.dataset.failed);
    }).then(function () {
      link.removeAttribute("aria-disabled");
    });
  });
})();
