/* Home page: « Maintenant », what to do now, computed from today's date and the reader's filters.
 * From the preparation day to the rentrée: the coming rentrée's preparation (« avant la rentrée »
 * tasks and scenario) first; then the current month in the order of work; then what is late.
 * Until the turnover the preparation is the coming year's, with its own ticks (data-year): this
 * year's tasks, ticks and lateness stay as they are.
 * Loaded by vademecum.js where an element has data-vm-module="accueil" (the home page's declaration
 * names the module: vademecum/site/pages/declarations.py). Links to other pages come from facts.pages. */
(() => {
  "use strict";
  const { ROOT, facts, el, currentMonth, loadFilters, matches, schoolYear, preparing, beforeRentree, comingYear, read,
    keyOf, isObject, plural } = window.vademecum.api;
  const index = () => window.vademecum.api.index();
  const SHOWN = 8; // open tasks listed before the rest folds


  function taskItem(task, year) {
    const id = `vm-${year ? "prep" : "home"}-${task.id}`;
    return el("li", {}, el("input", { type: "checkbox", class: "vm-done", id, "data-task": task.id, ...(year ? { "data-year": year } : {}) }),
      el("label", { for: id, text: task.title }), " ",
      el("a", { href: ROOT + task.url, text: "voir", "aria-label": `Voir la tâche : ${task.title}` }));
  }
  const checklist = (tasks, year) => el("ul", { class: "vm-checklist" }, ...tasks.map((t) => taskItem(t, year)));
  // Open tasks first (the first few shown, the rest one click away), ticked ones folded in one line.
  function taskBlock(tasks, done, year) {
    const open = tasks.filter((t) => !done[t.id]);
    const ticked = tasks.filter((t) => done[t.id]);
    const parts = [checklist(open.slice(0, SHOWN), year)];
    if (open.length > SHOWN) {
      parts.push(el("details", {}, el("summary", { text: `Voir les ${plural(open.length - SHOWN, "autre tâche", "autres tâches")}` }),
        checklist(open.slice(SHOWN), year)));
    }
    if (ticked.length) {
      parts.push(el("details", { class: "vm-done-fold" }, el("summary", { text: `${plural(ticked.length, "tâche faite", "tâches faites")}` }),
        checklist(ticked, year)));
    }
    return parts;
  }

  const section = (name, title, ...children) => el("section", { class: `vm-now vm-now--${name}` }, el("h3", { text: title }), ...children);

  function fillNow(host, done) {
    const data = index();
    const month = currentMonth();
    const filters = loadFilters();
    const visible = data.tasks.filter((t) => matches(t, filters)); // in the order of work
    // In June and July the preparation is the coming year's: its own list and ticks.
    const year = preparing() ? comingYear() : "";
    const shared = beforeRentree() && !year; // in August, the preparation is this year's
    const isPreparation = (t) => t.when.some((p) => facts.preparation_periods.includes(p));
    const order = data.periods;
    const parts = [];
    if (beforeRentree()) {
      const tasks = visible.filter(isPreparation);
      const scenarios = data.scenarios.filter((s) => s.steps.some((id) => data.tasks.some((t) => t.id === id && isPreparation(t))));
      const ticks = year ? read(keyOf(year), isObject) || {} : done;
      parts.push(section("preparation", `Rentrée ${(year || schoolYear()).slice(0, 4)} : préparation`,
        ...(year ? [el("p", { class: "vm-hint", text: `Ces cases préparent l'année scolaire ${year}. Les pages des mois, ` +
          `« Mon bilan » et les listes ci-dessous gardent les cases de l'année ${schoolYear()}.` })] : []),
        ...scenarios.map((s) => el("p", {}, "Suivez l'ordre conseillé : ",
          el("a", { href: ROOT + s.url, text: s.title }), ` (${plural(s.steps.length, "étape", "étapes")}).`)),
        ...(tasks.length ? taskBlock(tasks, ticks, year) : [el("p", { text: "Aucune tâche « avant la rentrée » pour vos filtres." })]),
        el("p", {}, "Un compte à vérifier, une question : voyez les ", el("a", { href: ROOT + facts.pages.contacts, text: "contacts" }),
          " et les ", el("a", { href: ROOT + facts.pages.services, text: "services" }), ".")));
    }
    const current = visible.filter((t) => t.when.includes(month) && !(shared && isPreparation(t)));
    // Late: not ticked and every period of the task is over (« toute l'année » ends with the year).
    const late = visible.filter((t) => !done[t.id] && !(shared && isPreparation(t)) &&
      t.when.every((p) => order.indexOf(p) < order.indexOf(month)));
    const monthName = data.period_labels[month].toLowerCase();
    if (current.length || !(parts.length || late.length)) {
      parts.push(section("month", `À faire en ${monthName}`,
        ...(current.length ? taskBlock(current, done) : [el("p", { text: `Aucune tâche n'est prévue en ${monthName}.` })])));
    }
    parts.push(section("late", late.length ? `En retard (${late.length})` : "En retard",
      el("p", { class: "vm-hint", text: "Une tâche est en retard quand toutes ses périodes sont passées et qu'elle n'est pas cochée." }),
      ...(late.length ? taskBlock(late, done) : [el("p", { text: "Rien en retard." })])));
    host.replaceChildren(...parts);
  }

  // Nothing to build before the ticks are known: each refresh writes the whole section.
  window.vademecum.register("accueil", { mount() {}, refresh: fillNow });
})();
