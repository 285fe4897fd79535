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
      input.placeholder = p.example || "";
      input.value = p.optional ? "" : (p.example || "");
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
        setStatus((await response.text()).trim() || "HTTP " + response.status, true);
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
      setStatus("request failed: " + err, true);
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
        setStatus((await response.text()).trim() || "HTTP " + response.status, true);
        return;
      }
      const data = await response.json();
      $("examples").value = "";
      renderParams(null);
      $("query").value = data.sparql;
      $("understood").textContent = data.understood;
      await run();
    } catch (err) {
      setStatus("request failed: " + err, true);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("examples").addEventListener("change", chooseExample);
    $("run").addEventListener("click", run);
    $("ask-form").addEventListener("submit", ask);
    $("query").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
    });
    loadQueries();
  });
})();
