/* Zensical only (the export for it adds this file): its search panel, drawn in an open shadow
 * root, writes English labels that its configuration cannot translate yet (0.0.73). They are put
 * in French as the panel draws them; the results themselves are left as they are. */
(() => {
  "use strict";
  const WORDS = new Map([
    ["Search", "Rechercher"],
    ["Close search", "Fermer la recherche"],
    ["Filters", "Filtres"],
    ["Tags", "Étiquettes"],
    ["Search results", "Résultats de la recherche"],
    ["No results", "Aucun résultat"],
  ]);
  const COUNT = /^(\d+) results?$/;

  function translate(root) {
    for (const node of root.querySelectorAll("[aria-label], [placeholder]")) {
      for (const name of ["aria-label", "placeholder"]) {
        const value = node.getAttribute(name);
        if (WORDS.has(value)) node.setAttribute(name, WORDS.get(value));
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (text.parentElement && text.parentElement.closest("[role=listbox]")) continue;
      const value = text.nodeValue.trim();
      const count = COUNT.exec(value);
      if (WORDS.has(value)) text.nodeValue = WORDS.get(value);
      else if (count) text.nodeValue = `${count[1]} résultat${count[1] === "1" ? "" : "s"}`;
    }
  }

  const watched = new WeakSet();
  function watch() {
    for (const host of document.body.children) {
      const root = host.shadowRoot;
      if (!root || watched.has(root)) continue;
      watched.add(root);
      translate(root);
      new MutationObserver(() => translate(root)).observe(root, {
        subtree: true, childList: true, characterData: true, attributeFilter: ["aria-label", "placeholder"],
      });
    }
  }
  const start = () => {
    watch();
    new MutationObserver(watch).observe(document.body, { childList: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
