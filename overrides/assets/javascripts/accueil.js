/* Home page: what to do now. Loaded by vademecum.js where an element has data-vm-module="accueil". */
(() => {
  "use strict";
  const { ROOT, $$, el, currentMonth, loadFilters, matches } = window.vademecum.api;
  const index = () => window.vademecum.api.index();
  function taskItem(task) {
    const id = `vm-home-${task.id}`;
    return el("li", {}, el("input", { type: "checkbox", class: "vm-done", id, "data-task": task.id }),
      el("label", { for: id, text: task.title }), " ",
      el("a", { href: ROOT + task.url, text: "voir", "aria-label": `Voir la tâche : ${task.title}` }));
  }
  function fillThisMonth(host, done) {
    const month = currentMonth();
    const filters = loadFilters();
    const visible = index().tasks.filter((t) => matches(t.roles, t.level, filters));
    const now = visible.filter((t) => t.when.includes(month));
    const order = index().periods;
    // Late: every period of the task is over (the year-long period comes after the last month).
    const late = visible.filter((t) => !done[t.id] && t.when.every((p) => order.indexOf(p) < order.indexOf(month)));
    host.replaceChildren(
      el("h3", { text: `À faire en ${index().period_labels[month].toLowerCase()}` }),
      now.length ? el("ul", { class: "vm-checklist" }, ...now.map((t) => taskItem(t))) : el("p", { text: "Aucune tâche ce mois-ci." }),
      el("h3", { text: "En retard" }),
      late.length ? el("ul", { class: "vm-checklist vm-late" }, ...late.map((t) => taskItem(t))) : el("p", { text: "Rien en retard." }));
  }

  window.vademecum.modules.accueil = { mount() {}, refresh(done) {
    for (const host of $$("[data-vm-module=accueil]")) fillThisMonth(host, done);
  } };
})();
