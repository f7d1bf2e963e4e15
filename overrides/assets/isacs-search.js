// The header search box: loads Pagefind's UI on first use, then hands it the box.
// Pagefind picks the index of the page's <html lang>, so only this language's data is fetched.
(function () {
  "use strict";
  var box = document.querySelector("[data-isacs-search]");
  if (!box) return;
  var input = box.querySelector(".isacs-search__input");
  var holder = box.querySelector(".isacs-search__ui");
  var bundle = new URL(box.getAttribute("data-bundle"), document.baseURI); // <site root>/pagefind/
  var loading = null;

  function addAsset(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attrs).forEach(function (key) { element.setAttribute(key, attrs[key]); });
      element.onload = resolve;
      element.onerror = function () { reject(new Error("could not load " + (attrs.src || attrs.href))); };
      document.head.appendChild(element);
    });
  }

  function start() {
    if (loading) return loading;
    loading = Promise.all([
      addAsset("link", { rel: "stylesheet", href: new URL("pagefind-ui.css", bundle).href }),
      addAsset("script", { src: new URL("pagefind-ui.js", bundle).href }),
    ]).then(function () {
      var ui = new window.PagefindUI({
        element: holder,
        bundlePath: bundle.pathname,
        baseUrl: new URL("..", bundle).pathname, // result URLs are relative to the site root
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        autofocus: true,
      });
      var typed = input.value;
      // The focus moves straight from our box to Pagefind's: hiding ours first would drop it on the page
      // until the browser's autofocus runs a frame later, and a key pressed then would be lost.
      var focused = document.activeElement === input;
      holder.hidden = false;
      var theirs = holder.querySelector(".pagefind-ui__search-input");
      if (focused && theirs) theirs.focus();
      input.hidden = true;
      if (typed) ui.triggerSearch(typed);
      box.classList.add("isacs-search--ready");
      return ui;
    }, function (error) {
      loading = null; // let a later focus retry (e.g. after a network hiccup)
      throw error;
    });
    return loading;
  }

  input.addEventListener("focus", start);
  input.addEventListener("input", start);
  // Escape inside the results closes them and leaves the box.
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement) document.activeElement.blur();
  });
})();
