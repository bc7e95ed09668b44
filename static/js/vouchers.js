/* 提货券: the bulk-recall dialog. Without JS the 批量回收 button posts to a confirmation page instead. */
(function () {
  "use strict";

  function fillRecallDialog(dialog, checked) {
    var rows = dialog.querySelector("[data-recall-rows]");
    var form = dialog.querySelector("form");
    rows.textContent = "";
    form.querySelectorAll("input[name=vouchers]").forEach(function (input) { input.remove(); });
    var totalCents = 0;
    checked.forEach(function (box) {
      var tr = document.createElement("tr");
      [box.dataset.code, box.dataset.customer, box.dataset.balance].forEach(function (text, i) {
        var td = document.createElement("td");
        td.textContent = text;
        if (i === 2) td.className = "num";
        tr.appendChild(td);
      });
      rows.appendChild(tr);
      totalCents += Math.round(parseFloat(box.dataset.amount || "0") * 100);
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "vouchers";
      hidden.value = box.value;
      form.appendChild(hidden);
    });
    var yuan = (totalCents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    dialog.querySelector("[data-recall-total]").textContent = "¥" + yuan;
    var empty = checked.length === 0;
    dialog.querySelector("[data-recall-empty]").hidden = !empty;
    dialog.querySelector("[data-recall-list]").hidden = empty;
    dialog.querySelector("[data-recall-note]").hidden = empty;
    dialog.querySelector("[data-recall-submit]").hidden = empty;
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-recall-open]");
    if (!opener) return;
    var dialog = document.getElementById(opener.dataset.recallOpen);
    if (!dialog || typeof dialog.showModal !== "function") return;  // fall back to the confirmation page
    event.preventDefault();
    var checked = Array.prototype.slice.call(opener.form.querySelectorAll("input[name=vouchers]:checked"));
    fillRecallDialog(dialog, checked);
    dialog.showModal();
  });

})();
