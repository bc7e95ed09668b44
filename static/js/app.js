/*
 * PartnerCenter — the one script of the portal (vanilla, no framework; CSP: script-src 'self').
 *
 * Loaded synchronously in <head> so that <html class="js"> is set before the first paint (the phone menu and
 * the no-JS fallbacks in app.css depend on it); everything else waits for DOMContentLoaded.
 *
 *   [data-menu] / [data-menu-trigger]   disclosure dropdowns of the header (click, Escape, arrows, outside click)
 *   [data-nav-toggle]                   the 菜单 button that folds the header on phones
 *   [data-autosubmit]                   submit the surrounding form on change (language switch)
 *   form.filters                        list filters: only the chosen ones go into the URL
 *   [data-toast]                        flash messages; close button, auto-dismiss unless [data-toast-sticky]
 *   button[data-confirm]                ask in a native <dialog class="confirm-dialog"> before submitting
 *   [data-dialog-open="id"]             open <dialog id="id">; [data-dialog-close] inside closes it;
 *                                       <dialog data-dialog-autoopen> opens on load (e.g. to show form errors)
 *   .table-wrap                         made keyboard-scrollable when the table is wider than the screen
 */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  var TOAST_DELAY_MS = 5000;

  /* Header dropdowns ------------------------------------------------------------------------------------ */

  function menuParts(container) {
    var trigger = container.querySelector("[data-menu-trigger]");
    var panel = trigger && document.getElementById(trigger.getAttribute("aria-controls"));
    return { trigger: trigger, panel: panel };
  }

  function setMenu(container, open, focusFirst) {
    var parts = menuParts(container);
    if (!parts.trigger) return;
    parts.trigger.setAttribute("aria-expanded", open ? "true" : "false");
    container.classList.toggle("is-open", open);
    if (open && focusFirst && parts.panel) {
      var first = parts.panel.querySelector("a[href], button:not([disabled])");
      if (first) first.focus();
    }
  }

  function closeMenus(except) {
    document.querySelectorAll("[data-menu].is-open").forEach(function (container) {
      if (container !== except) setMenu(container, false);
    });
  }

  function menuItems(container) {
    var panel = menuParts(container).panel;
    return panel ? Array.prototype.slice.call(panel.querySelectorAll("a[href], button:not([disabled])")) : [];
  }

  function initMenus() {
    document.querySelectorAll("[data-menu]").forEach(function (container) {
      var trigger = menuParts(container).trigger;
      if (!trigger) return;

      trigger.addEventListener("click", function () {
        var open = trigger.getAttribute("aria-expanded") !== "true";
        closeMenus(container);
        setMenu(container, open);
      });

      trigger.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown") {
          event.preventDefault();
          closeMenus(container);
          setMenu(container, true, true);
        }
      });

      container.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && container.classList.contains("is-open")) {
          event.stopPropagation();
          setMenu(container, false);
          trigger.focus();
          return;
        }
        if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
        if (event.target === trigger) return;   // the trigger's own handler opened the panel
        var items = menuItems(container);
        var index = items.indexOf(document.activeElement);
        if (index === -1) return;
        event.preventDefault();
        var next = event.key === "ArrowDown" ? index + 1 : index - 1;
        items[(next + items.length) % items.length].focus();
      });

      // Tabbing out of an open menu closes it, so two panels never overlap.
      container.addEventListener("focusout", function (event) {
        if (event.relatedTarget && !container.contains(event.relatedTarget)) setMenu(container, false);
      });
    });

    document.addEventListener("click", function (event) {
      if (!event.target.closest("[data-menu]")) closeMenus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closeMenus();
    });
  }

  function initNavToggle() {
    var toggle = document.querySelector("[data-nav-toggle]");
    if (!toggle) return;
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!nav) return;

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open") && !document.querySelector("[data-menu].is-open")) {
        setOpen(false);
        toggle.focus();
      }
    });
    // A tap on the page below the open menu folds it again.
    document.addEventListener("click", function (event) {
      if (nav.classList.contains("is-open") && !event.target.closest(".site-header")) setOpen(false);
    });
    // Back on a wide screen the folded state must not linger.
    window.matchMedia("(min-width: 960px)").addEventListener("change", function (query) {
      if (query.matches) setOpen(false);
    });
  }

  /* Forms ---------------------------------------------------------------------------------------------- */

  function initAutosubmit() {
    document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
      field.addEventListener("change", function () {
        if (!field.form) return;
        if (field.form.requestSubmit) field.form.requestSubmit(); else field.form.submit();
      });
    });
  }

  /* The list pages' filter forms (GET, form.filters) put only the filters chosen into the URL: ?period=202610
   * instead of ?year=&period=202610&order_no=&…&sort=. The form itself is left untouched (Back shows it as it was). */
  function initFilterForms() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (event.defaultPrevented || !form.matches || !form.matches("form.filters")) return;
      if ((form.getAttribute("method") || "get").toLowerCase() !== "get") return;
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (typeof value === "string" && value.trim() !== "") params.append(key, value);
      });
      event.preventDefault();
      var query = params.toString();
      window.location.assign(form.action.split("?")[0].split("#")[0] + (query ? "?" + query : ""));
    });
  }

  /* Toasts --------------------------------------------------------------------------------------------- */

  function dismissToast(toast) {
    if (toast.classList.contains("is-leaving")) return;
    toast.classList.add("is-leaving");
    window.setTimeout(function () {
      var container = toast.parentNode;
      toast.remove();
      if (container && !container.children.length) container.remove();
    }, 260);
  }

  function initToasts() {
    document.querySelectorAll("[data-toast]").forEach(function (toast) {
      var close = toast.querySelector("[data-toast-close]");
      if (close) close.addEventListener("click", function () { dismissToast(toast); });
      if (toast.hasAttribute("data-toast-sticky")) return;

      // Auto-dismiss, paused while the pointer or keyboard focus is on the toast (WCAG 2.2.1 Timing Adjustable).
      var timer = null;
      function start() { timer = window.setTimeout(function () { dismissToast(toast); }, TOAST_DELAY_MS); }
      function stop() { window.clearTimeout(timer); }
      toast.addEventListener("mouseenter", stop);
      toast.addEventListener("mouseleave", start);
      toast.addEventListener("focusin", stop);
      toast.addEventListener("focusout", start);
      start();
    });
  }

  /* Dialogs -------------------------------------------------------------------------------------------- */

  var returnFocus = new WeakMap();

  function openDialog(dialog, opener) {
    if (!dialog || dialog.open || typeof dialog.showModal !== "function") return;
    returnFocus.set(dialog, opener || document.activeElement);
    dialog.showModal();   // native modal: the rest of the page is inert, focus stays inside, Escape closes
  }

  function watchDialogClose(dialog) {
    if (dialog.dataset.pcWatched) return;
    dialog.dataset.pcWatched = "1";
    dialog.addEventListener("close", function () {
      var target = returnFocus.get(dialog);
      if (target && typeof target.focus === "function" && document.contains(target)) target.focus();
    });
  }

  function buildConfirmDialog() {
    var body = document.body.dataset;
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("aria-describedby", "confirm-dialog-message");

    var title = document.createElement("h2");
    title.className = "dialog__title";
    title.id = "confirm-dialog-title";
    title.textContent = body.confirmTitle || "请确认";

    var message = document.createElement("p");
    message.className = "dialog__body";
    message.id = "confirm-dialog-message";

    var actions = document.createElement("div");
    actions.className = "dialog__actions";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "btn";
    var ok = document.createElement("button");
    ok.type = "button";
    ok.className = "btn btn--primary";
    actions.append(cancel, ok);

    dialog.append(title, message, actions);
    document.body.appendChild(dialog);
    watchDialogClose(dialog);

    cancel.addEventListener("click", function () { dialog.close("cancel"); });
    ok.addEventListener("click", function () { dialog.close("ok"); });
    return { dialog: dialog, message: message, ok: ok, cancel: cancel };
  }

  var confirmUi = null;

  function askThenSubmit(button) {
    var form = button.form;
    var defaults = document.body.dataset;
    confirmUi = confirmUi || buildConfirmDialog();
    var ui = confirmUi;
    ui.message.textContent = button.dataset.confirm;
    ui.ok.textContent = button.dataset.confirmOk || defaults.confirmOk || "确定";
    ui.cancel.textContent = button.dataset.confirmCancel || defaults.confirmCancel || "取消";
    ui.ok.classList.toggle("btn--danger", button.classList.contains("btn--danger"));
    ui.ok.classList.toggle("btn--primary", !button.classList.contains("btn--danger"));

    ui.dialog.addEventListener("close", function onClose() {
      ui.dialog.removeEventListener("close", onClose);
      if (ui.dialog.returnValue !== "ok") return;
      button.dataset.confirmed = "1";
      // requestSubmit keeps the clicked button's name/value and runs the form's submit handlers.
      if (form.requestSubmit) form.requestSubmit(button); else button.click();
      delete button.dataset.confirmed;
    });
    ui.dialog.returnValue = "";
    openDialog(ui.dialog, button);
    ui.cancel.focus();   // the safe choice has focus: Enter alone never confirms a destructive action
  }

  function initDialogs() {
    document.querySelectorAll("dialog").forEach(watchDialogClose);

    document.addEventListener("click", function (event) {
      var confirmButton = event.target.closest("button[data-confirm], input[type=submit][data-confirm]");
      if (confirmButton && confirmButton.form && !confirmButton.dataset.confirmed) {
        var form = confirmButton.form;
        // Let the browser show its own messages first when the form is invalid.
        if (!form.noValidate && !confirmButton.formNoValidate && !form.checkValidity()) return;
        event.preventDefault();
        askThenSubmit(confirmButton);
        return;
      }

      var opener = event.target.closest("[data-dialog-open]");
      if (opener) {
        event.preventDefault();
        openDialog(document.getElementById(opener.dataset.dialogOpen), opener);
        return;
      }

      var closer = event.target.closest("[data-dialog-close]");
      if (closer) {
        var dialog = closer.closest("dialog");
        if (dialog) { event.preventDefault(); dialog.close("cancel"); }
      }
    });

    document.querySelectorAll("dialog[data-dialog-autoopen]").forEach(function (dialog) { openDialog(dialog); });
  }

  /* Tables --------------------------------------------------------------------------------------------- */

  // A region that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable).
  function initTableWraps() {
    var wraps = document.querySelectorAll(".table-wrap");
    if (!wraps.length) return;
    function update() {
      wraps.forEach(function (wrap) {
        var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
        if (scrolls) {
          wrap.setAttribute("tabindex", "0");
          wrap.setAttribute("role", "region");
          if (!wrap.hasAttribute("aria-label")) {
            var caption = wrap.querySelector("caption");
            wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : (document.body.dataset.tableLabel || "表格"));
          }
        } else if (wrap.getAttribute("tabindex") === "0") {
          wrap.removeAttribute("tabindex");
          wrap.removeAttribute("role");
        }
      });
    }
    update();
    window.addEventListener("resize", update);
  }

  function init() {
    initMenus();
    initNavToggle();
    initAutosubmit();
    initFilterForms();
    initToasts();
    initDialogs();
    initTableWraps();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
