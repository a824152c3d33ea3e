/* The script of every page: ticks in localStorage (nothing leaves the browser), filter and print
 * bars, counts, page modules. Facts come from the build: <meta name="vm-facts">, taches.json. */
(() => {
  "use strict";
  const FORMAT = "vademecum-progress";
  const ROOT = ((document.currentScript && document.currentScript.src) || "").replace(/assets\/javascripts\/vademecum\.js.*$/, "");
  const memory = new Map();
  // Storage blocked (SecurityError): a memory stand-in, so that the theme's scripts do not throw.
  let blocked = false;
  try { void window.localStorage; } catch {
    blocked = true;
    const shim = { getItem: (k) => (memory.has(`t:${k}`) ? memory.get(`t:${k}`) : null),
      setItem: (k, v) => memory.set(`t:${k}`, String(v)), removeItem: (k) => memory.delete(`t:${k}`),
      clear: () => {}, key: () => null, length: 0 };
    try { Object.defineProperty(window, "localStorage", { value: shim, configurable: true }); } catch { /* keep going */ }
  }
  let persistent = blocked ? false : null;
  let trouble = "";
  const held = new Set(); // keys whose stored value could not be read
  let index = null;

  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const meta = (name) => (document.querySelector(`meta[name="vm-${name}"]`) || {}).content || "";
  let facts = null;
  try { facts = JSON.parse(meta("facts")); } catch { /* no facts: init() stops */ }
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") node.textContent = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  };

  function schoolYear(now = new Date()) {
    const { month, day } = facts.turnover;
    const turned = now.getMonth() + 1 > month || (now.getMonth() + 1 === month && now.getDate() >= day);
    const start = turned ? now.getFullYear() : now.getFullYear() - 1;
    return `${start}-${start + 1}`;
  }
  const currentMonth = (now = new Date()) =>
    Object.keys(index.months).find((p) => index.months[p] === now.getMonth() + 1);
  const academy = () => meta("academy");
  // A year's ticks are its own until the turnover; the coming year's have data-year checkboxes.
  const keyOf = (year, part = "done") => `vademecum:v${facts.version}:${academy()}:${year}:${part}`;
  const doneKey = () => keyOf(schoolYear());
  // Whether today falls from one {month, day} of the facts (included) to another (excluded).
  const dayOf = (o) => o.month * 100 + o.day;
  const between = (from, to, now = new Date()) => {
    const day = (now.getMonth() + 1) * 100 + now.getDate();
    return day >= dayOf(from) && day < dayOf(to);
  };
  // From the preparation day to the turnover, « avant la rentrée » ticks are the coming year's.
  const preparing = (now) => between(facts.preparation, facts.turnover, now);
  // From the preparation day to the rentrée, the home page shows the preparation first.
  const beforeRentree = (now) => between(facts.preparation, facts.rentree, now);
  const comingYear = () => schoolYear().replace(/\d+/g, (y) => Number(y) + 1);
  const filtersKey = () => `vademecum:v${facts.version}:${academy()}:filters`;
  const oldKey = () => `vademecum:v1:${academy()}:${schoolYear()}`;

  /* Storage: memory holds (and wins with) what could not be saved; failures are said; what could
   * not be read is not written over. */
  function available() {
    if (persistent === null) {
      try {
        localStorage.setItem("vademecum:test", "1");
        localStorage.removeItem("vademecum:test");
        persistent = true;
      } catch { persistent = false; }
    }
    return persistent;
  }
  function fail(why = "Votre progression ne peut plus être enregistrée dans ce navigateur (stockage plein ou désactivé).") {
    trouble = trouble || why;
    if (document.getElementById("vm-storage") || !document.body) return;
    document.body.append(el("div", { id: "vm-storage", class: "md-typeset vm-notice vm-warning", role: "alert" },
      el("p", { text: `${trouble} Ce qui est affiché reste en mémoire tant que la page est ouverte : exportez-le pour ne rien perdre.` }),
      ...[schoolYear(), ...(preparing() ? [comingYear()] : [])].map((year) => el("button", { type: "button", class: "md-button",
        text: `Exporter ma progression ${year}`, onclick: async () => {
          if (await loadIndex()) exportProgress(year);
        } }))));
  }
  function readRaw(key) {
    if (memory.has(key)) return memory.get(key);
    try { return localStorage.getItem(key); } catch { held.add(key); fail(); }
    return null;
  }
  function read(key, valid) {
    const raw = readRaw(key);
    if (raw === null) return null;
    try {
      const value = JSON.parse(raw);
      if (valid(value)) return value;
    } catch { /* unreadable: held below */ }
    if (!memory.has(key)) {
      held.add(key);
      fail("Une partie de votre progression enregistrée dans ce navigateur est illisible : elle est gardée telle quelle, sans être remplacée.");
    }
    return null;
  }
  // True when saved; `chosen` (confirmed clear or import) may replace what could not be read.
  function write(key, value, chosen) {
    const raw = JSON.stringify(value);
    if (chosen) held.delete(key);
    try {
      if (held.has(key)) throw key;
      localStorage.setItem(key, raw);
      memory.delete(key);
      return true;
    } catch {
      memory.set(key, raw);
      fail();
      return false;
    }
  }
  // The local day a task was ticked (YYYY-MM-DD); older ticks hold 1.
  const today = (now = new Date()) =>
    `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

  const plural = (n, one, many) => `${n} ${n > 1 ? many : one}`;
  // A file the browser saves: nothing is sent anywhere.
  function download(name, text, type) {
    const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }
  const DAY = /^\d{4}-\d{2}-\d{2}$/;
  // A year's ticks as a file a person can read: each task with its title, its periods and the
  // day it was ticked. Here, not in « Mon suivi »: the storage warning offers it on every page.
  function exportProgress(year) {
    const done = read(keyOf(year), isObject) || {};
    const tasks = new Map(index.tasks.map((t) => [t.id, t]));
    const ids = Object.keys(done).filter((id) => tasks.has(id)).sort();
    const data = { format: FORMAT, version: facts.version, academy: academy(), academyName: meta("academy-name"),
      schoolYear: year, exportedAt: new Date().toISOString(),
      description: `Tâches cochées dans le vademecum du pilotage numérique (${ids.length}), avec le jour où elles l'ont été ` +
        "(null : cochée avant que le jour ne soit enregistré).",
      done: ids.map((id) => ({ id, title: tasks.get(id).title,
        periods: tasks.get(id).when.map((p) => index.period_labels[p]), ticked: DAY.test(done[id]) ? done[id] : null })) };
    download(`vademecum-${academy()}-${year}.json`, JSON.stringify(data, null, 2), "application/json");
  }

  /* State: this school year's ticks */
  function loadDone() {
    const done = loadYear();
    // Earlier versions stored « avant la rentrée » ticks made from 1 June, on any page, for the
    // coming year: made this year, they count here too (copied once).
    const mark = keyOf(schoolYear(), "split");
    if (preparing() && readRaw(mark) === null) {
      const merged = { ...read(keyOf(comingYear()), isObject), ...done };
      if (write(doneKey(), merged)) write(mark, 1);
      return merged;
    }
    return done;
  }
  function loadYear() {
    const done = read(doneKey(), isObject);
    if (done || held.has(doneKey())) return done || {};
    const old = read(oldKey(), Array.isArray); // schema 1: a list of ids
    if (!old) return {};
    const migrated = Object.fromEntries(old.filter((id) => typeof id === "string").map((id) => [id, 1]));
    if (write(doneKey(), migrated)) localStorage.removeItem(oldKey());
    return migrated;
  }
  const loadFilters = () => ({ roles: [], level: "", territory: "",
    ...read(filtersKey(), (v) => isObject(v) && Array.isArray(v.roles)) });

  /* Checkboxes and progress */
  function syncBoxes(done) {
    for (const box of $$("input.vm-done")) {
      box.checked = Boolean((box.dataset.year ? read(keyOf(box.dataset.year), isObject) || {} : done)[box.dataset.task]);
    }
    // Every task of this year listed (once), shown unless filtered out.
    const boxes = $$("input.vm-done:not([data-year])");
    const ids = (list) => new Set(list.map((b) => b.dataset.task));
    const all = ids(boxes).size;
    const shown = ids(boxes.filter((b) => !b.closest("[hidden]")));
    const count = [...shown].filter((id) => done[id]).length;
    for (const p of $$(".vm-progress")) {
      p.textContent = `${shown.size === all ? `${all} tâche(s) sur cette page` : `${shown.size} tâche(s) affichée(s) sur ${all}`} ; ${count} faite(s)`;
    }
    const filtered = Object.values(loadFilters()).some((v) => v.length);
    for (const b of $$(".vm-filter-reset")) b.hidden = !filtered;
    if (index) fillProgress(done);
  }
  function toggle(event) {
    const box = event.target;
    if (!box.matches || !box.matches("input.vm-done")) return;
    const key = keyOf(box.dataset.year || schoolYear());
    const stored = box.dataset.year ? read(key, isObject) || {} : loadDone();
    if (box.checked) stored[box.dataset.task] = today(); else delete stored[box.dataset.task];
    write(key, stored);
    syncBoxes(loadDone());
  }

  /* Filters: my role (people only), collège or lycée, territory; kept per académie. */
  function matches(task, filters) {
    const roleOk = !filters.roles.length || task.roles.some((r) => filters.roles.includes(r));
    const levelOk = !filters.level || task.level === facts.every_level || task.level === filters.level;
    const placeOk = !filters.territory || !task.scope.length || task.scope.includes(filters.territory);
    return roleOk && levelOk && placeOk;
  }
  const words = (text) => (text ? text.split(" ") : []);
  function applyFilters() {
    const filters = loadFilters();
    for (const a of $$("article.vm-task")) {
      a.hidden = !matches({ roles: words(a.dataset.roles), level: a.dataset.level, scope: words(a.dataset.scope) }, filters);
    }
    // A heading over a list whose tasks are all filtered out goes too.
    for (const list of $$(".vm-tasks")) {
      const heading = list.previousElementSibling;
      if (heading && /^H[2-4]$/.test(heading.tagName)) heading.hidden = !list.querySelector("article.vm-task:not([hidden])");
    }
  }
  function filterBar() {
    const filters = loadFilters();
    const people = index.roles.filter((r) => r.person).map((r) => [r.id, r.name]);
    const levels = Object.entries(facts.levels).filter(([level]) => level !== facts.every_level);
    const places = index.territories.map((t) => [t.id, t.name]);
    const role = people.some(([id]) => id === filters.roles[0]) ? filters.roles[0] : "";
    // Earlier versions let one pick several roles, bodies included: keep what the bar can show.
    if (filters.roles.length !== (role ? 1 : 0)) write(filtersKey(), { ...filters, roles: role ? [role] : [] });
    const select = (name, label, all, options, value) => el("span", {}, el("label", { for: `vm-filter-${name}`, text: `${label} ` }),
      el("select", { name, id: `vm-filter-${name}` }, el("option", { value: "", text: all }),
        ...options.map(([v, text]) => el("option", { value: v, text, ...(v === value ? { selected: "" } : {}) }))));
    const save = (chosen) => { write(filtersKey(), chosen); refresh(); };
    const form = el("form", { class: "vm-filter-bar", "aria-label": "Filtrer les tâches", onsubmit: (e) => e.preventDefault(),
      onchange: () => save({ roles: form.elements.role.value ? [form.elements.role.value] : [], level: form.elements.level.value,
        territory: places.length ? form.elements.territory.value : "" }) },
    select("role", "Mon rôle :", "tous les rôles", people, role),
    select("level", "Établissement :", facts.levels[facts.every_level].toLowerCase(), levels, filters.level),
    ...(places.length ? [select("territory", "Territoire :", "tous", places, filters.territory)] : []),
    el("button", { type: "button", class: "md-button vm-filter-reset", text: "Tout afficher", onclick: () => {
      form.reset();
      $$("select", form).forEach((s) => { s.value = ""; });
      save({ roles: [], level: "", territory: "" });
    } }));
    return form;
  }

  async function loadIndex() {
    if (index) return index;
    try {
      const response = await fetch(`${ROOT}taches.json`);
      index = response.ok ? await response.json() : null;
    } catch { index = null; }
    return index;
  }
  function fillProgress(done) {
    const tasks = index.tasks;
    for (const span of $$("[data-vm-month]")) {
      const month = tasks.filter((t) => t.when.includes(span.dataset.vmMonth));
      span.textContent = `${month.filter((t) => done[t.id]).length} / ${month.length}`;
    }
    for (const node of $$("[data-vm=year-progress]")) {
      const mine = tasks.filter((t) => matches(t, loadFilters()));
      node.textContent = `Année ${schoolYear()} : ${mine.filter((t) => done[t.id]).length} tâche(s) faite(s) sur ${mine.length}` +
        `${mine.length < tasks.length ? " (selon vos filtres)" : ""}.`;
    }
  }
  /* Page modules: one page's code in its own file, loaded where data-vm-module names it. The
   * names are the page declarations' (facts.modules, vademecum/site/pages/declarations.py); a module
   * file registers itself under its name with one contract: mount(host) once per page shown,
   * refresh(host, done) whenever the ticks or filters change. */
  const modules = {};
  const loading = new Map();
  let mounted = [];
  const declared = (name) => facts.modules.includes(name);
  function register(name, module) {
    if (declared(name) && typeof module.mount === "function" && typeof module.refresh === "function") modules[name] = module;
  }
  function loadModule(name) {
    if (!loading.has(name)) {
      loading.set(name, new Promise((resolve) => {
        document.head.append(el("script", { src: `${ROOT}assets/javascripts/${name}.js`,
          onload: () => resolve(modules[name] || null), onerror: () => resolve(null) }));
      }));
    }
    return loading.get(name);
  }
  async function mountModules() {
    mounted = [];
    for (const host of $$("[data-vm-module]")) {
      const name = host.dataset.vmModule;
      const module = declared(name) ? await loadModule(name) : null;
      if (module) { module.mount(host); mounted.push([module, host]); }
    }
  }

  /* Page set-up (again after every instant navigation) */
  function refresh() {
    const done = loadDone();
    applyFilters();
    if (index) for (const [module, host] of mounted) module.refresh(host, done);
    syncBoxes(done);
  }
  async function init() {
    if (!academy()) return;
    const started = performance.now();
    const lists = $$(".vm-tasks, .vm-this-month");
    if (lists.length && !document.querySelector(".vm-progress")) {
      const asShown = el("input", { type: "checkbox", id: "vm-print-ticks", checked: "", onchange: () =>
        document.body.classList.toggle("vm-print-blank", !asShown.checked) });
      document.body.classList.remove("vm-print-blank", "vm-print-detailed");
      const modes = [["liste", "liste"], ["detaillee", "détaillée"]].map(([value, text]) => el("label", {},
        el("input", { type: "radio", name: "vm-print-mode", value, ...(value === "liste" ? { checked: "" } : {}),
          onchange: () => {
            // « détaillée » opens every task's details, on screen too (page.pdf fires no beforeprint).
            document.body.classList.toggle("vm-print-detailed", value === "detaillee");
            for (const more of $$("details.vm-task__more")) more.open = value === "detaillee";
          } }), ` ${text}`));
      // Under the page's title: the count and the button are the page's, not a section's.
      const title = document.querySelector(".md-content__inner > h1");
      (title ? title.after.bind(title) : lists[0].before.bind(lists[0]))(
        el("div", { class: "vm-filter-host" }),
        el("div", { class: "vm-print-bar" },
          el("p", { class: "vm-progress", role: "status" }),
          el("button", { type: "button", class: "md-button", text: "Imprimer", onclick: () => window.print() }),
          el("fieldset", { class: "vm-print-mode" }, el("legend", { text: "Impression :" }), ...modes),
          el("span", {}, asShown, el("label", { for: "vm-print-ticks", text: " imprimer les cases cochées (sinon, cases vides)" }))));
    }
    refresh();
    if (trouble || !available()) fail();
    performance.measure("vm-restore", { start: started }); // read by `make bench`
    mounted = [];
    if (lists.length || $$("[data-vm]").length || $$("[data-vm-month]").length || $$("[data-vm-module]").length) {
      // The page's modules load while the index does.
      for (const host of $$("[data-vm-module]")) if (declared(host.dataset.vmModule)) loadModule(host.dataset.vmModule);
      await loadIndex();
      if (!index) return;
      for (const host of $$(".vm-filter-host:empty")) host.append(filterBar());
      await mountModules();
      refresh();
    }
  }

  // What the page modules use.
  window.vademecum = { register, api: { FORMAT, ROOT, facts, $$, el, meta, academy, schoolYear, currentMonth,
    read, write, isObject, keyOf, doneKey, comingYear, loadDone, loadFilters, filtersKey, matches, refresh,
    preparing, beforeRentree, plural, download, exportProgress, DAY, index: () => index } };

  if (!facts || !academy()) return; // a page of another build: leave it alone
  document.addEventListener("change", toggle);
  window.addEventListener("storage", (event) => {
    if ((event.key || "").startsWith(filtersKey().replace(/filters$/, ""))) refresh();
  });
  // Material's document$ (instant navigation) exists once its bundle, at the end of <body>, ran.
  const start = () => (window.document$ ? window.document$.subscribe(() => { init(); }) : init());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
