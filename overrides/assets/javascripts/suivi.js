/* « Mon suivi »: readable export and import (merge or replace) of the progress, reset. Loaded by vademecum.js where an element has data-vm-module="suivi". */
(() => {
  "use strict";
  const { FORMAT, facts, el, meta, academy, schoolYear, read, write, isObject, keyOf, comingYear,
    preparing, refresh } = window.vademecum.api;
  const index = () => window.vademecum.api.index();
  // The school years this page acts on, each named: this one, and in June and July the coming
  // rentrée's preparation (its own ticks). Every button acts on the one year it names.
  const years = () => [schoolYear(), ...(preparing() ? [comingYear()] : [])];
  const label = (year) => (year === schoolYear() ? `année ${year}` : `préparation de la rentrée ${year.slice(0, 4)}, année ${year}`);
  const the = (year) => (year === schoolYear() ? "l'" : "la ") + label(year);
  const ticksOf = (year) => read(keyOf(year), isObject) || {};
  const unsaved = (saved) => (saved ? "" : " Attention : le stockage du navigateur a refusé l'enregistrement, exportez-la.");
  function fillTools(host) {
    const status = el("p", { class: "vm-message", role: "status" });
    host.replaceChildren(...carryTools(status), status);
  }

  /* Export, import, reset: the progress carried to another browser or successor. */
  function carryTools(status) {
    const choice = el("div", { class: "vm-import-choice" });
    const file = el("input", { type: "file", accept: "application/json,.json", id: "vm-import" });
    file.addEventListener("change", () => {
      status.textContent = "";
      choice.replaceChildren();
      if (file.files[0]) file.files[0].text().then((text) => { offerImport(text, choice, status); file.value = ""; });
    });
    return [el("h2", { text: "Transmettre ma progression" }),
      ...years().map((year) => el("p", {}, el("button", { type: "button", class: "md-button",
        text: `Exporter (fichier JSON) — ${label(year)}`, onclick: () => exportProgress(year) }))),
      el("p", {}, el("label", { for: "vm-import", text: "Importer un fichier de progression : " }), file), choice,
      el("h2", { text: "Nouvelle année" }),
      ...years().map((year) => el("p", {}, el("button", { type: "button", class: "md-button", text: `Tout décocher — ${label(year)}`,
        onclick: () => clear(year, status) })))];
  }
  function clear(year, status) {
    const others = years().filter((y) => y !== year);
    const kept = others.length ? ` Les cases de ${the(others[0])} ne changent pas.` : "";
    if (window.confirm(`Effacer les ${Object.keys(ticksOf(year)).length} case(s) cochée(s) de ${the(year)} ` +
      `pour ${meta("academy-name")} ?${kept} Exportez d'abord votre progression si vous voulez la garder.`)) {
      const saved = write(keyOf(year), {}, true);
      refresh();
      status.textContent = `Cases de ${the(year)} effacées.${kept}${unsaved(saved)}`;
    }
  }
  const tasksById = () => new Map(index().tasks.map((t) => [t.id, t]));
  // Readable by a person: each ticked task with its title, its periods and the day it was ticked.
  function exportProgress(year) {
    const done = ticksOf(year);
    const tasks = tasksById();
    const ids = Object.keys(done).filter((id) => tasks.has(id)).sort();
    const data = { format: FORMAT, version: facts.version, academy: academy(), academyName: meta("academy-name"),
      schoolYear: year, exportedAt: new Date().toISOString(),
      description: `Tâches cochées dans le vademecum du pilotage numérique (${ids.length}), avec le jour où elles l'ont été ` +
        "(null : cochée avant que le jour ne soit enregistré).",
      done: ids.map((id) => ({ id, title: tasks.get(id).title,
        periods: tasks.get(id).when.map((p) => index().period_labels[p]), ticked: DAY.test(done[id]) ? done[id] : null })) };
    const link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" })),
      download: `vademecum-${academy()}-${year}.json` });
    document.body.append(link);
    link.click();
    link.remove();
  }
  const DAY = /^\d{4}-\d{2}-\d{2}$/;
  // The ticks a file holds ({id: day or 1}) and its school year, or the French reason it is refused.
  function readImport(text) {
    let data;
    try { data = JSON.parse(text); } catch { return "Import refusé : ce fichier n'est pas un fichier JSON valide."; }
    if (!isObject(data) || data.format !== FORMAT || !Array.isArray(data.done)) return "Import refusé : ce fichier n'est pas un export de progression du vademecum.";
    if (data.academy !== academy()) return `Import refusé : ce fichier concerne l'académie « ${data.academy} », pas ce site.`;
    if (data.version !== 1 && data.version !== facts.version) return `Import refusé : version de fichier inconnue (${data.version}).`;
    if (!years().includes(data.schoolYear)) return `Import refusé : ce fichier concerne l'année scolaire ${data.schoolYear}, pas ${years().join(" ni ")}.`;
    // Old files list ids; readable ones list {id, title, periods, ticked}.
    const entries = data.done.map((item) => (isObject(item) ? [item.id, item.ticked] : [item, null]));
    if (entries.some(([id]) => typeof id !== "string")) return "Import refusé : une tâche du fichier n'a pas d'identifiant.";
    const tasks = tasksById();
    const unknown = entries.map(([id]) => id).filter((id) => !tasks.has(id));
    if (unknown.length) return `Import refusé : tâches inconnues (${unknown.slice(0, 3).join(", ")}).`;
    return { year: data.schoolYear, ticks: Object.fromEntries(entries.map(([id, day]) => [id, DAY.test(day) ? day : 1])) };
  }
  const count = (n, one, many) => `${n} ${n > 1 ? many : one}`;
  function offerImport(text, choice, status) {
    const found = readImport(text);
    if (typeof found === "string") { status.textContent = `${found} Votre progression n'a pas changé.`; return; }
    const { year, ticks: incoming } = found;
    const current = ticksOf(year);
    const added = Object.keys(incoming).filter((id) => !current[id]).length;
    const dropped = Object.keys(current).filter((id) => !incoming[id]).length;
    // What is stored is read when the choice is made: a tick made meanwhile (another tab) is kept.
    const apply = (merge) => () => {
      const ticks = merge ? { ...incoming, ...ticksOf(year) } : incoming; // merge keeps the day known here
      const saved = write(keyOf(year), ticks, !merge); // only « Remplacer » replaces unreadable data
      choice.replaceChildren();
      refresh();
      status.textContent = `Progression importée (${merge ? "fusion" : "remplacement"}) : ` +
        `${count(Object.keys(ticks).length, "tâche cochée", "tâches cochées")} en tout pour ${the(year)}.${unsaved(saved)}`;
    };
    const title = el("p", { tabindex: "-1", text: `Ce fichier contient ${count(Object.keys(incoming).length, "tâche cochée", "tâches cochées")} ` +
      `de ${the(year)}. Seules les cases de cette année changent.` });
    choice.replaceChildren(title,
      el("p", { text: `Fusionner : ${count(added, "tâche cochée sera ajoutée", "tâches cochées seront ajoutées")}, aucune décochée.` }),
      el("p", { text: `Remplacer : ${count(added, "tâche cochée sera ajoutée", "tâches cochées seront ajoutées")}, ${count(dropped, "décochée", "décochées")}.` }),
      el("p", { class: "vm-import-buttons" },
        el("button", { type: "button", class: "md-button", text: `Fusionner — ${label(year)}`, onclick: apply(true) }), " ",
        el("button", { type: "button", class: "md-button", text: `Remplacer — ${label(year)}`, onclick: apply(false) }), " ",
        el("button", { type: "button", class: "md-button", text: "Annuler", onclick: () => {
          choice.replaceChildren();
          status.textContent = "Import annulé : votre progression n'a pas changé.";
        } })));
    title.focus();
  }

  window.vademecum.modules.suivi = { mount: fillTools, exportProgress };
})();
