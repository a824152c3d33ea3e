/* « Mon bilan »: the year's ticks turned into the digital report presented to the conseil
 * d'administration, on screen, on paper (print CSS) and as a Markdown file. Loaded by vademecum.js
 * where an element has data-vm-module="bilan". Nothing leaves the browser. */
(() => {
  "use strict";
  const { el, meta, academy, schoolYear, read, write, isObject, doneKey, loadDone, loadFilters, matches } = window.vademecum.api;
  const index = () => window.vademecum.api.index();
  // The principal's own figures sit next to the ticks: same prefix, same school year.
  const fieldsKey = () => doneKey().replace(/:done$/, ":bilan");
  // What the guides ask the principal to report to the CA: the BFC guide (year plan, « bilan de
  // l'année ») and Limoges' (« rapport annuel ») name the ENT connection rate, the use of resources,
  // the staff's training and Pix certification; the DRANE Nouvelle-Aquitaine's plan adds Pix Orga's
  // activation; the BFC guide's digital commission follows the state of the equipment.
  const FIELDS = [
    ["etablissement", "Établissement"],
    ["ca", "Date du conseil d'administration"],
    ["ent", "Taux de connexion à l'ENT"],
    ["ressources", "Utilisation des ressources numériques"],
    ["pix", "Certification Pix des élèves"],
    ["pixorga", "Activation de Pix Orga"],
    ["formation", "Formations au numérique des personnels"],
    ["parc", "État du parc informatique"],
    ["observations", "Observations et perspectives", true],
  ];
  const INDICATORS = FIELDS.slice(2, -1); // the figures, without the comments
  const loadFields = () => read(fieldsKey(), isObject) || {};
  const frenchDate = (d) => d.split("-").reverse().join("/");
  const plural = (n, one, many) => `${n} ${n > 1 ? many : one}`;
  let doc = null;

  /* What the year's ticks say, grouped the way the report shows them. */
  function summary() {
    const idx = index();
    const done = loadDone();
    // A collège reports on its own tasks: the level and territory chosen in the filter bar
    // apply, never the role (the report covers the whole school).
    const tasks = idx.tasks.filter((t) => done[t.id] || matches(t, { ...loadFilters(), roles: [] }));
    const named = (list, id) => (list.find((x) => x.id === id) || { name: id }).name;
    const byTheme = new Map(idx.themes.map((t) => [t.id, { name: t.name, done: [], todo: [] }]));
    const byMonth = new Map(idx.periods.filter((p) => idx.months[p]).map((p) => [idx.months[p], 0]));
    let undated = 0;
    const roles = new Map();
    const texts = new Map();
    for (const task of tasks) {
      const theme = task.themes[0]; // the main theme: each task counted once
      if (!byTheme.has(theme)) byTheme.set(theme, { name: theme, done: [], todo: [] });
      const tick = done[task.id];
      byTheme.get(theme)[tick ? "done" : "todo"].push(task);
      if (!tick) continue;
      const month = typeof tick === "string" ? Number(tick.slice(5, 7)) : 0;
      if (byMonth.has(month)) byMonth.set(month, byMonth.get(month) + 1); else undated += 1;
      for (const role of task.roles) roles.set(role, (roles.get(role) || 0) + 1);
      for (const text of task.legal_texts || []) texts.set(text, (texts.get(text) || 0) + 1);
    }
    const label = (month) => idx.period_labels[Object.keys(idx.months).find((p) => idx.months[p] === month)];
    return {
      done, total: tasks.length, count: tasks.filter((t) => done[t.id]).length,
      themes: [...byTheme.values()].filter((t) => t.done.length || t.todo.length),
      months: [...byMonth].filter(([, n]) => n).map(([m, n]) => [label(m), n]).concat(undated ? [["Date non enregistrée", undated]] : []),
      roles: [...roles].sort((a, b) => b[1] - a[1]).map(([id, n]) => [named(idx.roles, id), n]),
      texts: [...texts].map(([id, n]) => [idx.legal_texts.find((t) => t.id === id) || { reference: id, title: "" }, n]),
      periods: (task) => task.when.map((p) => idx.period_labels[p].toLowerCase()).join(", "),
    };
  }
  const tickedOn = (tick) => (typeof tick === "string" ? `cochée le ${frenchDate(tick)}` : "date non enregistrée");

  /* The report as page nodes (screen and paper). */
  function table(caption, head, rows) {
    return el("table", { class: "vm-bilan-table" }, el("caption", { text: caption }),
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...rows.map((row) => el("tr", {}, el("th", { scope: "row", text: row[0] }),
        ...row.slice(1).map((c) => el("td", { text: String(c) }))))));
  }
  function render(host) {
    const s = summary();
    const fields = loadFields();
    const percent = s.total ? Math.round((100 * s.count) / s.total) : 0;
    const value = (id) => (fields[id] || "").trim() || "non renseigné";
    const parts = [
      el("p", { class: "vm-bilan-head", text: `${meta("academy-name")} — bilan numérique — année scolaire ${schoolYear()}` }),
      el("h2", { text: `Bilan numérique de l'année scolaire ${schoolYear()}` }),
      el("p", { text: `Établissement : ${value("etablissement")} — conseil d'administration du ${value("ca")}` }),
      el("p", { class: "vm-bilan-count", text: `${plural(s.count, "tâche faite", "tâches faites")} sur ${s.total} (${percent} %).` }),
      table("Tâches par thème", ["Thème", "Faites", "Reste à faire"], s.themes.map((t) => [t.name, t.done.length, t.todo.length])),
      el("h3", { text: "Indicateurs" }),
      table("Indicateurs de l'établissement", ["Indicateur", "Valeur"], INDICATORS.map(([id, name]) => [name, value(id)])),
      el("p", { class: "vm-bilan-notes", text: `Observations et perspectives : ${value("observations")}` }),
      el("h3", { text: "Réalisé, par thème" }),
    ];
    const done = s.themes.filter((t) => t.done.length);
    if (!done.length) parts.push(el("p", { text: "Aucune tâche cochée pour cette année scolaire." }));
    for (const theme of done) {
      parts.push(el("h4", { text: `${theme.name} (${theme.done.length})` }), el("ul", { class: "vm-bilan-done" },
        ...theme.done.map((t) => el("li", {}, el("span", { text: t.title }), ` — ${tickedOn(s.done[t.id])}`))));
    }
    parts.push(el("h3", { text: "Réalisé, par mois" }), s.months.length
      ? table("Tâches cochées, par mois", ["Mois", "Tâches cochées"], s.months) : el("p", { text: "Aucune." }));
    parts.push(el("h3", { text: "Reste à faire" }));
    const todo = s.themes.filter((t) => t.todo.length);
    if (!todo.length) parts.push(el("p", { text: "Toutes les tâches de l'année sont faites." }));
    for (const theme of todo) {
      parts.push(el("h4", { text: `${theme.name} (${theme.todo.length})` }), el("ul", { class: "vm-bilan-todo" },
        ...theme.todo.map((t) => el("li", { text: `${t.title} (${s.periods(t)})` }))));
    }
    parts.push(el("h3", { text: "Rôles mobilisés" }), s.roles.length
      ? el("ul", { class: "vm-bilan-roles" }, ...s.roles.map(([r, n]) => el("li", { text: `${r} : ${plural(n, "tâche faite", "tâches faites")}` })))
      : el("p", { text: "Aucun." }));
    parts.push(el("h3", { text: "Textes officiels concernés" }), s.texts.length
      ? el("ul", {}, ...s.texts.map(([t, n]) => el("li", { text: `${t.reference} — ${t.title} (${plural(n, "tâche faite", "tâches faites")})` })))
      : el("p", { text: "Aucun texte officiel n'est cité par les tâches faites." }));
    doc.replaceChildren(...parts);
    host.dataset.ready = "";
  }

  /* The same report as Markdown, for a word processor: data and fields escaped. */
  const md = (text) => String(text).replace(/[\\`*_[\]<>#|]/g, "\\$&");
  function markdown() {
    const s = summary();
    const fields = loadFields();
    const value = (id) => md((fields[id] || "").trim() || "non renseigné");
    const lines = [`# Bilan numérique de l'année scolaire ${schoolYear()}`, "",
      `${md(meta("academy-name"))} — établissement : ${value("etablissement")} — conseil d'administration du ${value("ca")}`, "",
      `${plural(s.count, "tâche faite", "tâches faites")} sur ${s.total}.`, "",
      "| Thème | Faites | Reste à faire |", "| --- | --- | --- |",
      ...s.themes.map((t) => `| ${md(t.name)} | ${t.done.length} | ${t.todo.length} |`), "",
      "## Indicateurs", "", ...INDICATORS.map(([id, name]) => `- ${name} : ${value(id)}`), "",
      `Observations et perspectives : ${value("observations").replace(/\n/g, "  \n")}`, "", "## Réalisé, par thème", ""];
    for (const t of s.themes.filter((x) => x.done.length)) {
      lines.push(`### ${md(t.name)}`, "", ...t.done.map((x) => `- ${md(x.title)} — ${tickedOn(s.done[x.id])}`), "");
    }
    lines.push("## Réalisé, par mois", "", ...s.months.map(([m, n]) => `- ${md(m)} : ${n}`), "", "## Reste à faire", "");
    for (const t of s.themes.filter((x) => x.todo.length)) {
      lines.push(`### ${md(t.name)}`, "", ...t.todo.map((x) => `- ${md(x.title)} (${md(s.periods(x))})`), "");
    }
    lines.push("## Rôles mobilisés", "", ...s.roles.map(([r, n]) => `- ${md(r)} : ${n}`), "", "## Textes officiels concernés", "",
      ...s.texts.map(([t, n]) => `- ${md(t.reference)} — ${md(t.title)} (${n})`), "");
    return lines.join("\n");
  }
  function download() {
    const link = el("a", { href: URL.createObjectURL(new Blob([markdown()], { type: "text/markdown;charset=utf-8" })),
      download: `bilan-numerique-${academy()}-${schoolYear()}.md` });
    document.body.append(link);
    link.click();
    link.remove();
  }

  /* The fields the principal fills in (screen only), saved at every keystroke. A keystroke the
   * storage refuses stays in memory (the page and its export keep it) and is said under the field. */
  const warning = el("div", { class: "vm-notice vm-warning", role: "alert" },
    el("p", { text: "Ce texte n'est pas enregistré dans ce navigateur (stockage plein ou indisponible) : il reste dans cette page " +
      "tant qu'elle est ouverte. Exportez le bilan pour le garder." }),
    el("button", { type: "button", class: "md-button", text: "Exporter (fichier Markdown)", onclick: download }));
  function mount(host) {
    const fields = loadFields();
    const form = el("form", { class: "vm-bilan-form", onsubmit: (e) => e.preventDefault(), oninput: (e) => {
      const stored = loadFields();
      stored[e.target.name] = e.target.value;
      if (write(fieldsKey(), stored)) warning.remove(); else e.target.closest("p").after(warning);
      render(host);
    } }, el("h2", { text: "Indicateurs à renseigner" }), ...FIELDS.map(([id, name, long]) => el("p", { class: "vm-bilan-field" },
      el("label", { for: `vm-bilan-${id}`, text: name }),
      el(long ? "textarea" : "input", { id: `vm-bilan-${id}`, name: id, ...(long ? { rows: "4" } : { type: "text" }) }))));
    for (const [id] of FIELDS) form.elements[id].value = typeof fields[id] === "string" ? fields[id] : "";
    doc = el("section", { class: "vm-bilan-doc", "aria-label": "Bilan numérique" });
    host.replaceChildren(form, el("p", { class: "vm-bilan-actions" },
      el("button", { type: "button", class: "md-button", text: "Imprimer le bilan", onclick: () => window.print() }), " ",
      el("button", { type: "button", class: "md-button", text: "Exporter (fichier Markdown)", onclick: download })), doc);
    render(host);
  }

  window.vademecum.modules.bilan = { mount, refresh() {
    const host = document.querySelector("[data-vm-module=bilan]");
    if (host && doc && host.contains(doc)) render(host);
  } };
})();
