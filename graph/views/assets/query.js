// The aikg query page: pick a named query or write SPARQL, run it, see the rows.
// Every text that comes from the graph (article text is untrusted) is inserted with
// textContent, never as HTML; the page loads nothing from other sites.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const state = { queries: [], prefixes: {}, labels: {} };

  function shorten(iri) {
    let best = "", prefix = "";
    for (const [p, ns] of Object.entries(state.prefixes)) {
      if (iri.startsWith(ns) && ns.length > best.length) { best = ns; prefix = p; }
    }
    return best ? prefix + ":" + iri.slice(best.length) : iri;
  }

  function setStatus(text, isError) {
    const status = $("status");
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  // An answer on screen belongs to the query that asked it: after an error nothing of the
  // previous answer stays under the message.
  function clearOutput() {
    const table = $("results");
    table.tHead.replaceChildren();
    table.tBodies[0].replaceChildren();
    table.hidden = true;
    const pre = $("graph");
    pre.textContent = "";
    pre.hidden = true;
  }

  function showError(text) {
    clearOutput();
    setStatus(text, true);
    // "[E301] SPARQL syntax error at line L, column C: ...": put the cursor where it went wrong
    const at = /^\[E301\][^:]* at line (\d+), column (\d+)/.exec(text);
    if (!at) return;
    const editor = $("query");
    const lines = editor.value.split("\n");
    const line = Math.min(Number(at[1]), lines.length);
    let offset = 0;
    for (let i = 0; i < line - 1; i += 1) offset += lines[i].length + 1;
    offset += Math.min(Number(at[2]) - 1, lines[line - 1].length);
    editor.focus();
    editor.setSelectionRange(offset, Math.min(offset + 1, editor.value.length));
  }

  function selected() {
    return state.queries.find((q) => q.name === $("examples").value) || null;
  }

  function renderParams(query) {
    const box = $("params");
    box.replaceChildren();
    $("description").textContent = query ? query.description : "";
    if (!query) return;
    for (const p of query.parameters) {
      const label = document.createElement("label");
      label.append(document.createTextNode(p.name + " "));
      const type = document.createElement("span");
      type.className = "type";
      type.textContent = "(" + p.type + (p.optional ? ", optional" : "") + ")";
      label.append(type);
      const input = document.createElement("input");
      input.type = "text";
      input.name = p.name;
      input.dataset.param = p.name;
      input.title = p.description;
      // an example is a hint ("e.g. ..."), styled apart from a typed value; a required
      // parameter starts filled with its example so that Run answers at once
      input.placeholder = p.example ? "e.g. " + p.example : "";
      input.value = p.optional ? "" : (p.example || "");
      if (p.type === "entity") {
        input.setAttribute("list", "entity-names");
        loadEntities();
      }
      label.append(input);
      box.append(label);
    }
  }

  function chooseExample() {
    const query = selected();
    if (query) $("query").value = query.text;
    renderParams(query);
  }

  async function loadQueries() {
    try {
      const response = await fetch("/queries.json", { headers: { Accept: "application/json" } });
      const data = await response.json();
      state.queries = data.queries;
      state.prefixes = data.prefixes;
      const select = $("examples");
      for (const q of state.queries) {
        const option = document.createElement("option");
        option.value = q.name;
        option.textContent = q.title + " (" + q.name + ")";
        select.append(option);
      }
    } catch (err) {
      setStatus("could not load the named queries: " + err, true);
    }
  }

  function termText(term) {
    if (!term) return "";
    if (term.type === "uri") return (state.useLabels && state.labels[term.value]) || shorten(term.value);
    return term.value;
  }

  // Labels of the IRIs in the answer, looked up by the server with bound queries (/labels).
  async function fetchLabels(rows, vars) {
    const iris = new Set();
    for (const row of rows) for (const v of vars) if (row[v] && row[v].type === "uri") iris.add(row[v].value);
    state.labels = {};
    if (!iris.size) return;
    const response = await fetch("/labels", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ iris: [...iris].slice(0, 1000) }),
    });
    if (response.ok) state.labels = await response.json();
  }

  function renderTable(data) {
    const table = $("results");
    const thead = table.tHead, tbody = table.tBodies[0];
    thead.replaceChildren();
    tbody.replaceChildren();
    $("graph").hidden = true;
    table.hidden = false;
    if (typeof data.boolean === "boolean") {
      const row = thead.insertRow();
      const th = document.createElement("th");
      th.textContent = "answer";
      row.append(th);
      tbody.insertRow().insertCell().textContent = String(data.boolean);
      return 1;
    }
    const vars = data.head.vars || [];
    const head = thead.insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.append(th);
    }
    for (const binding of data.results.bindings) {
      const row = tbody.insertRow();
      for (const v of vars) {
        const cell = row.insertCell();
        const term = binding[v];
        cell.textContent = termText(term);
        if (term && term.type === "uri") { cell.className = "iri"; cell.title = term.value; }
        if (!term) cell.className = "unbound";
      }
    }
    return data.results.bindings.length;
  }

  function renderGraph(text) {
    $("results").hidden = true;
    const pre = $("graph");
    pre.hidden = false;
    pre.textContent = text;
  }

  function request() {
    const query = selected();
    const accept = "application/sparql-results+json, text/turtle;q=0.9";
    if (query && $("query").value === query.text) {
      const params = new URLSearchParams();
      for (const input of $("params").querySelectorAll("input[data-param]")) {
        if (input.value.trim()) params.append(input.dataset.param, input.value);
      }
      const qs = params.toString();
      return fetch("/named/" + encodeURIComponent(query.name) + (qs ? "?" + qs : ""), { headers: { Accept: accept } });
    }
    const body = new URLSearchParams({ query: $("query").value });
    return fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
      body: body,
    });
  }

  async function run() {
    const button = $("run");
    button.disabled = true;
    setStatus("running…", false);
    const started = performance.now();
    try {
      const response = await request();
      const type = response.headers.get("content-type") || "";
      if (!response.ok) {
        showError((await response.text()).trim() || "HTTP " + response.status);
        return;
      }
      let count;
      if (type.includes("json")) {
        const data = await response.json();
        state.useLabels = $("labels").checked;
        if (state.useLabels && data.results) await fetchLabels(data.results.bindings, data.head.vars || []);
        count = renderTable(data) + " row(s)";
      } else {
        const text = await response.text();
        renderGraph(text);
        count = "graph";
      }
      setStatus(count + " in " + Math.round(performance.now() - started) + " ms", false);
    } catch (err) {
      showError("request failed: " + err);
    } finally {
      button.disabled = false;
    }
  }

  // The question box: the server maps the question to a query (/ask), which fills the editor
  // and runs like a typed query; what was understood is shown as text.
  async function ask(event) {
    event.preventDefault();
    const question = $("question").value.trim();
    if (!question) return;
    $("understood").textContent = "";
    setStatus("understanding…", false);
    try {
      const response = await fetch("/ask?q=" + encodeURIComponent(question), { headers: { Accept: "application/json" } });
      if (!response.ok) {
        showError((await response.text()).trim() || "HTTP " + response.status);
        return;
      }
      const data = await response.json();
      $("examples").value = "";
      renderParams(null);
      $("query").value = data.sparql;
      $("understood").textContent = data.understood;
      await run();
    } catch (err) {
      showError("request failed: " + err);
    }
  }

  // -- completion: prefixes (aikg: ...) and entities (ent:mistral-ai, found by key or label) ----
  // The entity list comes once from the store through the SPARQL endpoint (the most mentioned
  // first); everything is shown with textContent.
  let entitiesLoading = null;
  function loadEntities() {
    if (entitiesLoading) return entitiesLoading;
    const query = "SELECT ?e (SAMPLE(?l) AS ?label) WHERE { ?e aikg:mentionedIn ?d ; rdfs:label ?l } " +
                  "GROUP BY ?e ORDER BY DESC(COUNT(?d)) LIMIT 5000";
    entitiesLoading = fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
      body: new URLSearchParams({ query: query }),
    }).then((response) => (response.ok ? response.json() : null)).then((data) => {
      state.entities = [];
      if (!data) return;
      const names = $("entity-names");
      for (const row of data.results.bindings) {
        const key = shorten(row.e.value);
        const label = row.label ? row.label.value : "";
        state.entities.push({ key: key, label: label });
        const option = document.createElement("option");
        option.value = label;
        names.append(option);
      }
    }).catch(() => { state.entities = []; });
    return entitiesLoading;
  }

  const complete = { items: [], active: -1, start: 0 };

  function suggestions(before) {
    const word = /(?:^|[^\w:?$<"'#@.-])([A-Za-z][\w-]*)?(?::([\w.%-]*))?$/.exec(before);
    if (!word || (!word[1] && word[2] === undefined)) return null;
    const prefix = word[1] || "";
    if (word[2] === undefined) {  // a bare word: the prefixes it begins
      const items = Object.keys(state.prefixes).filter((p) => p.startsWith(prefix) && p !== prefix)
        .sort().map((p) => ({ text: p + ":", note: state.prefixes[p] }));
      return { start: before.length - prefix.length, items: items };
    }
    if (prefix !== "ent" || !state.entities) return null;
    const typed = word[2].toLowerCase();
    if (!typed) return null;
    // keys that begin with what was typed first, then names with a word that does, then the rest
    // (each group in the store's order: the most mentioned first)
    const rank = (entity) => {
      if (entity.key.slice(4).startsWith(typed)) return 0;
      const label = entity.label.toLowerCase();
      if (label.split(/[\s-]+/).some((w) => w.startsWith(typed))) return 1;
      return label.includes(typed) ? 2 : 3;
    };
    const items = state.entities.map((entity) => [rank(entity), entity]).filter(([r]) => r < 3)
      .sort((a, b) => a[0] - b[0]).slice(0, 12).map(([, entity]) => ({ text: entity.key, note: entity.label }));
    return { start: before.length - prefix.length - 1 - word[2].length, items: items };
  }

  function closeCompletion() {
    complete.items = [];
    complete.active = -1;
    $("complete").replaceChildren();
    $("complete").hidden = true;
  }

  function renderCompletion() {
    const list = $("complete");
    list.replaceChildren();
    complete.items.forEach((item, index) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.className = index === complete.active ? "active" : "";
      const text = document.createElement("code");
      text.textContent = item.text;
      const note = document.createElement("span");
      note.className = "note";
      note.textContent = item.note;
      li.append(text, note);
      li.addEventListener("mousedown", (event) => { event.preventDefault(); accept(index); });
      list.append(li);
    });
    list.hidden = complete.items.length === 0;
  }

  function updateCompletion() {
    const editor = $("query");
    if (editor.selectionStart !== editor.selectionEnd) { closeCompletion(); return; }
    if (state.entities === undefined && /\bent:[\w-]*$/.test(editor.value.slice(0, editor.selectionStart))) {
      loadEntities().then(updateCompletion);
    }
    const found = suggestions(editor.value.slice(0, editor.selectionStart));
    if (!found || !found.items.length) { closeCompletion(); return; }
    complete.items = found.items;
    complete.start = found.start;
    complete.active = -1;
    renderCompletion();
  }

  function accept(index) {
    const item = complete.items[index];
    const editor = $("query");
    const end = editor.selectionStart;
    editor.setRangeText(item.text, complete.start, end, "end");
    closeCompletion();
    editor.focus();
  }

  function completionKeys(event) {
    if ($("complete").hidden) return false;
    const count = complete.items.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      complete.active = (complete.active + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
      renderCompletion();
    } else if (event.key === "Tab" || (event.key === "Enter" && complete.active >= 0)) {
      accept(Math.max(complete.active, 0));
    } else if (event.key === "Escape") {
      closeCompletion();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("examples").addEventListener("change", chooseExample);
    $("run").addEventListener("click", run);
    $("ask-form").addEventListener("submit", ask);
    $("query").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); closeCompletion(); run(); return; }
      completionKeys(event);
    });
    $("query").addEventListener("input", updateCompletion);
    $("query").addEventListener("blur", closeCompletion);
    loadQueries();
  });
})();
