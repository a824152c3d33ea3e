/* « Mon suivi »: readable export and import (merge or replace) of the progress, reset. Loaded by vademecum.js where an element has data-vm-module="suivi". */
(() => {
  "use strict";
  const { FORMAT, facts, el, meta, academy, schoolYear, read, write, isObject, doneKey,
    loadDone, refresh } = window.vademecum.api;
  const index = () => window.vademecum.api.index();
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
      el("p", {}, el("button", { type: "button", class: "md-button", text: "Exporter (fichier JSON)", onclick: exportProgress })),
      el("p", {}, el("label", { for: "vm-import", text: "Importer un fichier de progression : " }), file), choice,
      el("h2", { text: "Nouvelle année" }),
      el("p", {}, el("button", { type: "button", class: "md-button", text: "Tout décocher", onclick: () => {
        const count = Object.keys(read(doneKey(), isObject) || {}).length;
        if (window.confirm(`Effacer les ${count} case(s) cochée(s) de l'année ${schoolYear()} pour ${meta("academy-name")} ? ` +
          "Exportez d'abord votre progression si vous voulez la garder.")) {
          write(doneKey(), {});
          refresh();
          status.textContent = "Progression effacée.";
        }
      } }))];
  }
  const tasksById = () => new Map(index().tasks.map((t) => [t.id, t]));
  // Readable by a person: each ticked task with its title, its periods and the day it was ticked.
  function exportProgress() {
    const done = loadDone();
    const tasks = tasksById();
    const ids = Object.keys(done).filter((id) => tasks.has(id)).sort();
    const data = { format: FORMAT, version: facts.version, academy: academy(), academyName: meta("academy-name"),
      schoolYear: schoolYear(), exportedAt: new Date().toISOString(),
      description: `Tâches cochées dans le vademecum du pilotage numérique (${ids.length}), avec le jour où elles l'ont été ` +
        "(null : cochée avant que le jour ne soit enregistré).",
      done: ids.map((id) => ({ id, title: tasks.get(id).title,
        periods: tasks.get(id).when.map((p) => index().period_labels[p]), ticked: DAY.test(done[id]) ? done[id] : null })) };
    const link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" })),
      download: `vademecum-${academy()}-${schoolYear()}.json` });
    document.body.append(link);
    link.click();
    link.remove();
  }
  const DAY = /^\d{4}-\d{2}-\d{2}$/;
  // The ticks a file holds ({id: day or 1}), or the French reason it is refused.
  function readImport(text) {
    let data;
    try { data = JSON.parse(text); } catch { return "Import refusé : ce fichier n'est pas un fichier JSON valide."; }
    if (!isObject(data) || data.format !== FORMAT || !Array.isArray(data.done)) return "Import refusé : ce fichier n'est pas un export de progression du vademecum.";
    if (data.academy !== academy()) return `Import refusé : ce fichier concerne l'académie « ${data.academy} », pas ce site.`;
    if (data.version !== 1 && data.version !== facts.version) return `Import refusé : version de fichier inconnue (${data.version}).`;
    if (data.schoolYear !== schoolYear()) return `Import refusé : ce fichier concerne l'année scolaire ${data.schoolYear}, pas ${schoolYear()}.`;
    // Old files list ids; readable ones list {id, title, periods, ticked}.
    const entries = data.done.map((item) => (isObject(item) ? [item.id, item.ticked] : [item, null]));
    if (entries.some(([id]) => typeof id !== "string")) return "Import refusé : une tâche du fichier n'a pas d'identifiant.";
    const tasks = tasksById();
    const unknown = entries.map(([id]) => id).filter((id) => !tasks.has(id));
    if (unknown.length) return `Import refusé : tâches inconnues (${unknown.slice(0, 3).join(", ")}).`;
    return Object.fromEntries(entries.map(([id, day]) => [id, DAY.test(day) ? day : 1]));
  }
  const count = (n, one, many) => `${n} ${n > 1 ? many : one}`;
  function offerImport(text, choice, status) {
    const incoming = readImport(text);
    if (typeof incoming === "string") { status.textContent = `${incoming} Votre progression n'a pas changé.`; return; }
    const current = read(doneKey(), isObject) || {};
    const added = Object.keys(incoming).filter((id) => !current[id]).length;
    const dropped = Object.keys(current).filter((id) => !incoming[id]).length;
    const apply = (ticks, how) => () => {
      write(doneKey(), ticks);
      choice.replaceChildren();
      refresh();
      status.textContent = `Progression importée (${how}) : ${count(Object.keys(ticks).length, "tâche cochée", "tâches cochées")} en tout.`;
    };
    const title = el("p", { tabindex: "-1", text: `Ce fichier contient ${count(Object.keys(incoming).length, "tâche cochée", "tâches cochées")}.` });
    choice.replaceChildren(title,
      el("p", { text: `Fusionner : ${count(added, "tâche cochée sera ajoutée", "tâches cochées seront ajoutées")}, aucune décochée.` }),
      el("p", { text: `Remplacer : ${count(added, "tâche cochée sera ajoutée", "tâches cochées seront ajoutées")}, ${count(dropped, "décochée", "décochées")}.` }),
      el("p", { class: "vm-import-buttons" },
        // Merge keeps the day already known here; replace takes the file as it is.
        el("button", { type: "button", class: "md-button", text: "Fusionner", onclick: apply({ ...incoming, ...current }, "fusion") }), " ",
        el("button", { type: "button", class: "md-button", text: "Remplacer", onclick: apply(incoming, "remplacement") }), " ",
        el("button", { type: "button", class: "md-button", text: "Annuler", onclick: () => {
          choice.replaceChildren();
          status.textContent = "Import annulé : votre progression n'a pas changé.";
        } })));
    title.focus();
  }

  window.vademecum.modules.suivi = { mount: fillTools };
})();
