// Progressive enhancement: Esc closes a key-term definition opened by focus (WCAG 1.4.13);
// without JavaScript the definitions still show on focus and hover, and in the glossary.
document.addEventListener("keydown", function (event) {
  var active = document.activeElement;
  if (event.key === "Escape" && active && active.matches("dfn[aria-describedby]")) {
    active.closest(".term").classList.add("term-dismissed");
  }
});
document.addEventListener("focusout", function (event) {
  var term = event.target.closest && event.target.closest(".term");
  if (term) { term.classList.remove("term-dismissed"); }
});
