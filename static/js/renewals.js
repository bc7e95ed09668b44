/* 营销任务 (renewals wing). Loaded with `defer` on the renewals pages only; no inline script anywhere.
 *
 *   a link to a task with #process (the list's 处理) opens that page's 处理 dialog on arrival.
 */
(function () {
  "use strict";
  function openProcessDialog() {
    if (window.location.hash !== "#process") return;
    var trigger = document.querySelector('[data-dialog-open="process-dialog"]');
    if (trigger) trigger.click();
  }
  // After "load": app.js wires the dialog triggers on DOMContentLoaded, which runs after deferred scripts.
  if (document.readyState === "complete") {
    openProcessDialog();
  } else {
    window.addEventListener("load", openProcessDialog);
  }
})();
