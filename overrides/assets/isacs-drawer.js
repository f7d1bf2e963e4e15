/* The navigation drawer (screens narrower than 1220 px) with the keyboard: Material opens it from a <label>
   of a hidden checkbox, which a keyboard never reaches. header.html makes the label a focusable button;
   this script gives it Enter and Space, says whether the drawer is open (aria-expanded), moves the focus
   into the opened drawer, and closes it with Escape or when the focus leaves it. While closed, the drawer's
   links are out of the Tab order (isacs.css hides it), so the keyboard no longer walks links off screen. */
(() => {
  const toggle = document.getElementById("__drawer");
  const button = document.querySelector(".isacs-drawer-button");
  const drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;

  const sync = () => button.setAttribute("aria-expanded", String(toggle.checked));
  const set = open => {
    if (toggle.checked !== open) toggle.click(); // a click fires the change event Material listens to
    sync();
  };

  button.addEventListener("keydown", event => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault(); // Space would scroll the page
    set(!toggle.checked);
    if (toggle.checked) {
      // The drawer becomes visible at once (isacs.css), so its first link can take the focus now.
      const first = drawer.querySelector("a[href], label[tabindex], input:not([type=hidden])");
      if (first) first.focus();
    }
  });
  toggle.addEventListener("change", sync);

  document.addEventListener("keydown", event => {
    if (event.key === "Escape" && toggle.checked) {
      set(false);
      button.focus();
    }
  });
  drawer.addEventListener("focusout", event => {
    // Tabbing past the last link (or back before the first) leaves the drawer: close it behind the reader.
    if (toggle.checked && event.relatedTarget && !drawer.contains(event.relatedTarget)) set(false);
  });
  sync();
})();
