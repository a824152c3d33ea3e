/* « Mon suivi »: filters, export and import of the progress, reset. Loaded by vademecum.js where an element has data-vm-module="suivi". */
(() => {
  "use strict";
  const { FORMAT, facts, $$, el, meta, academy, schoolYear, write, isObject, doneKey,
    loadDone, loadFilters, filtersKey, refresh } = window.vademecum.api;
  const index = () => window.vademecum.api.index();
  function fillTools(host) {
    const filters = loadFilters();
    const status = el("p", { class: "vm-message", role: "status" });
    const roleBoxes = index().roles.map((r) => el("label", { class: "vm-option" },
      el("input", { type: "checkbox", name: "vm-role", value: r.id, ...(filters.roles.includes(r.id) ? { checked: "" } : {}) }), ` ${r.name}`));
    // The level every task suits stands for « no level filter » (value "").
    const levels = Object.entries(facts.levels).map(([level, label]) => [level === facts.every_level ? "" : level, label]).map(([value, label]) =>
      el("label", { class: "vm-option" }, el("input", { type: "radio", name: "vm-level", value, ...(filters.level === value ? { checked: "" } : {}) }), ` ${label}`));
    const form = el("form", { class: "vm-filters", onchange: () => {
      write(filtersKey(), { roles: $$("input[name=vm-role]:checked", form).map((i) => i.value), level: (form.querySelector("input[name=vm-level]:checked") || {}).value || "" });
      refresh();
    }, onsubmit: (e) => e.preventDefault() },
    el("fieldset", {}, el("legend", { text: "Mon rôle" }), ...roleBoxes),
    el("fieldset", {}, el("legend", { text: "Niveau" }), ...levels));
    const file = el("input", { type: "file", accept: "application/json,.json", id: "vm-import" });
    file.addEventListener("change", () => {
      status.textContent = "";
      if (file.files[0]) file.files[0].text().then((text) => { status.textContent = importProgress(text); file.value = ""; });
    });
    host.replaceChildren(el("h2", { text: "Filtrer les tâches" }), form,
      el("h2", { text: "Transmettre ma progression" }),
      el("p", {}, el("button", { type: "button", class: "md-button", text: "Exporter (fichier JSON)", onclick: exportProgress })),
      el("p", {}, el("label", { for: "vm-import", text: "Importer un fichier de progression : " }), file),
      el("h2", { text: "Nouvelle année" }),
      el("p", {}, el("button", { type: "button", class: "md-button", text: "Tout décocher", onclick: () => {
        if (window.confirm(`Effacer toutes les cases cochées de l'année ${schoolYear()} pour ${meta("academy-name")} ?`)) {
          write(doneKey(), {});
          refresh();
          status.textContent = "Progression effacée.";
        }
      } })), status);
  }
  function exportProgress() {
    const data = { format: FORMAT, version: facts.version, academy: academy(), schoolYear: schoolYear(),
      exportedAt: new Date().toISOString(), done: Object.keys(loadDone()).sort() };
    const link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" })),
      download: `vademecum-${academy()}-${schoolYear()}.json` });
    document.body.append(link);
    link.click();
    link.remove();
  }
  function importProgress(text) {
    let data;
    try { data = JSON.parse(text); } catch { return "Import refusé : ce fichier n'est pas un fichier JSON valide. Votre progression n'a pas changé."; }
    const keep = " Votre progression n'a pas changé.";
    if (!isObject(data) || data.format !== FORMAT || !Array.isArray(data.done)) return "Import refusé : ce fichier n'est pas un export de progression du vademecum." + keep;
    if (data.academy !== academy()) return `Import refusé : ce fichier concerne l'académie « ${data.academy} », pas ce site.` + keep;
    if (data.version !== 1 && data.version !== facts.version) return `Import refusé : version de fichier inconnue (${data.version}).` + keep;
    if (data.schoolYear !== schoolYear()) return `Import refusé : ce fichier concerne l'année scolaire ${data.schoolYear}, pas ${schoolYear()}.` + keep;
    const known = new Set(index().tasks.map((t) => t.id));
    const unknown = data.done.filter((id) => !known.has(id));
    if (unknown.length) return `Import refusé : tâches inconnues (${unknown.slice(0, 3).join(", ")}).` + keep;
    write(doneKey(), Object.fromEntries(data.done.map((id) => [id, 1])));
    refresh();
    return `Progression importée : ${data.done.length} tâche(s) cochée(s).`;
  }


  window.vademecum.modules.suivi = { mount: fillTools };
})();
