// Requirement permalinks on module pages: the targeted requirement is marked (isacs-cite.css), and each
// requirement gets a "copy citation" button that copies its edition-qualified citation in the page's
// language and its permalink. Everything comes from data attributes the templates write (module_header.md:
// series, number, edition, version and the translated strings; requirement.md: the block's id, which is the
// requirement's and the permalink's fragment), never from the page's text, so a translation or a restyled
// page cannot change what is cited.
(function () {
  "use strict";
  var meta = document.querySelector("[data-isacs-cite-format]");
  if (!meta) return; // not a module page
  var data = meta.dataset;
  var TARGET = "isacs-req--target";
  var DONE = "isacs-cite-button--done";
  // The page's language and direction (Material sets dir on <body>), for the controls this script adds:
  // inside an English fallback block (lang="en" dir="ltr") they still speak the page's language.
  var LANG = document.documentElement.lang;
  var DIR = document.body.getAttribute("dir") || document.documentElement.getAttribute("dir") || "ltr";

  // --- the targeted requirement ------------------------------------------------------------------------
  // CSS :target marks it as the browser opens a permalink or follows an id link; the class does the same
  // where the document's target does not follow the address (history.pushState, e.g. Material's instant
  // navigation, which mkdocs.yml leaves off).
  function markTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    Array.prototype.forEach.call(document.querySelectorAll("." + TARGET), function (block) {
      if (block !== target) block.classList.remove(TARGET);
    });
    if (target && target.classList.contains("isacs-req")) target.classList.add(TARGET);
  }
  window.addEventListener("hashchange", markTarget);
  window.addEventListener("popstate", markTarget);
  markTarget();

  // --- the citation --------------------------------------------------------------------------------------
  function citation(id) {
    var parts = { series: data.isacsSeries, number: data.isacsNumber, edition: data.isacsEdition,
                  version: data.isacsVersion, id: id };
    var text = data.isacsCiteFormat.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(parts, name) ? parts[name] : whole;
    });
    var link = new URL(location.href); // absolute: the address the reader sees, host and base path included
    link.search = "";
    link.hash = id;
    return text + "\n" + link.href;
  }

  // One polite live region for the page: screen readers hear "Citation copied" without losing their place.
  var status = document.createElement("p");
  status.className = "isacs-cite-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  (document.querySelector("main") || document.body).appendChild(status);

  function announce(message) {
    status.textContent = "";
    // a new text node after a tick, so the same message said twice is announced twice
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  // Where the clipboard cannot be written (plain http, a refused permission, an old browser): the citation
  // in a visible read-only field, selected, for the reader to copy with the keyboard.
  function showField(block, text) {
    var field = block.querySelector(".isacs-cite-field");
    if (!field) {
      field = document.createElement("textarea");
      field.className = "isacs-cite-field";
      field.readOnly = true;
      field.rows = 2;
      field.setAttribute("aria-label", data.isacsCiteField);
      field.setAttribute("lang", LANG);
      field.setAttribute("dir", DIR);
      block.querySelector(".isacs-req-head").after(field);
    }
    field.value = text;
    field.focus();
    field.select();
    announce(data.isacsCiteManual);
  }

  function copy(block, id, button) {
    var text = citation(id);
    var write = navigator.clipboard && navigator.clipboard.writeText
      ? navigator.clipboard.writeText(text)
      : Promise.reject(new Error("no clipboard"));
    write.then(function () {
      var field = block.querySelector(".isacs-cite-field");
      if (field) field.remove();
      announce(data.isacsCiteCopied);
      // for the eye: a check mark on the button for a moment (isacs-cite.css; not in its accessible name)
      button.classList.add(DONE);
      window.setTimeout(function () { button.classList.remove(DONE); }, 2500);
    }, function () {
      showField(block, text);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".isacs-req[id]"), function (block) {
    var id = block.id;
    var head = block.querySelector(".isacs-req-head");
    if (!head) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "isacs-cite-button";
    button.setAttribute("lang", LANG);
    button.setAttribute("dir", DIR);
    button.textContent = data.isacsCiteButton;
    var which = document.createElement("span"); // the accessible name says which requirement: "Copy citation r006"
    which.className = "isacs-cite-which";
    which.textContent = " " + id;
    button.appendChild(which);
    button.addEventListener("click", function () { copy(block, id, button); });
    head.appendChild(button);
  });
})();
