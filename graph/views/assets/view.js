/* aikg network view. Every text from articles is written with textContent, never as HTML.
 * The page in-lines this file verbatim (aikg.graph.views). */
(function () {
  "use strict";
  var t0 = performance.now();
  function json(id) { return JSON.parse(document.getElementById(id).textContent); }
  var info = json("aikg-info");
  var nodeItems = json("aikg-nodes");
  var edgeItems = json("aikg-edges");
  var options = json("aikg-options");
  var tParsed = performance.now();

  var state = {
    types: info.types.map(function () { return true; }),
    predicates: info.predicates.map(function () { return true; }),
    minWeight: 0,
    asOf: null,
    selected: null,
    dimmed: false
  };
  var weakIndex = info.predicates.findIndex(function (p) { return p.weak; });

  // ---- small DOM helpers (text only) -------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") { node.textContent = attrs[k]; }
        else if (k === "class") { node.className = attrs[k]; }
        else { node.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function link(text, url) {
    var ok = safeUrl(url);
    if (!ok) { return el("span", { text: text }); }
    return el("a", { href: ok, target: "_blank", rel: "noopener noreferrer", text: text });
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  // ---- data and network ---------------------------------------------------------------------
  var baseColor = nodeItems.map(function (n) { return n.color; });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  // as of a date (the date slider): an entity appears with its first dated fact or document, a
  // fact holds from its first statement until it ended; ISO dates compare as strings
  function seen(n) { return !state.asOf || !n.d0 || n.d0 <= state.asOf; }
  function holds(e) { return !state.asOf || ((!e.d0 || e.d0 <= state.asOf) && (!e.d1 || e.d1 > state.asOf)); }
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return state.types[n.t] && seen(n); } });
  var edgesView = new vis.DataView(edges, {
    filter: function (e) {
      if (!state.predicates[e.p]) { return false; }
      if (e.weak && e.w < state.minWeight) { return false; }
      if (!holds(e)) { return false; }
      var a = nodeItems[e.from], b = nodeItems[e.to];
      return state.types[a.t] && state.types[b.t] && seen(a) && seen(b);
    }
  });
  var adjacency = nodeItems.map(function () { return []; });
  edgeItems.forEach(function (e) { adjacency[e.from].push(e.id); adjacency[e.to].push(e.id); });

  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  var tNetwork = performance.now();
  var api = { network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
              info: info, ready: false, firstDraw: null, interactive: null,
              timings: { script: t0, parsed: tParsed, network: tNetwork } };
  window.aikgView = api;

  network.once("afterDrawing", function () {
    api.firstDraw = performance.now();
    performance.mark("aikg-first-draw");
    // interactive once the frame is on screen and the main thread is free again
    setTimeout(function () {
      api.interactive = performance.now();
      api.ready = true;
      performance.mark("aikg-interactive");
      document.body.setAttribute("data-ready", "1");
    }, 0);
  });
  if (info.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });
  }

  // ---- notices and counts --------------------------------------------------------------------
  var notice = document.getElementById("aikg-notice");
  if (info.notices.length) {
    info.notices.forEach(function (text) { notice.appendChild(el("p", { text: text })); });
    notice.hidden = false;
  }
  var counts = document.getElementById("aikg-counts");
  function updateCounts() {
    counts.textContent = plural(nodesView.length, "entity").replace("entitys", "entities") + ", " +
      plural(edgesView.length, "link") + " shown";
  }

  // ---- legend and filters --------------------------------------------------------------------
  var legend = document.getElementById("aikg-legend");
  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
    updateCounts();
  }
  legend.appendChild(el("h2", { text: "Entity types" }));
  info.types.forEach(function (t, i) {
    if (!t.count) { return; }
    var box = el("input", { type: "checkbox", "data-type": t.name });
    box.checked = true;
    box.addEventListener("change", function () { state.types[i] = box.checked; refresh(); });
    var swatch = el("span", { class: "swatch " + t.shape });
    swatch.style.background = t.color;
    legend.appendChild(el("label", {}, [box, swatch, el("span", { text: t.name }),
      el("span", { class: "count", text: String(t.count) })]));
  });
  if (info.predicates.length) { legend.appendChild(el("h2", { text: "Links" })); }
  info.predicates.forEach(function (p, i) {
    var box = el("input", { type: "checkbox", "data-predicate": p.name });
    box.checked = true;
    box.addEventListener("change", function () { state.predicates[i] = box.checked; refresh(); });
    var line = el("span", { class: "line" + (p.weak ? " weak" : p.dashed ? " dashed" : "") });
    line.style.borderTopColor = p.color;
    var name = p.weak ? "co-mentioned" : p.name;
    legend.appendChild(el("label", { title: p.weak ? "weak link: named in the same document" : "" },
      [box, line, el("span", { text: name }), el("span", { class: "count", text: String(p.count) })]));
  });
  if (weakIndex >= 0 && info.maxWeight > 1) {
    var slider = el("input", { type: "range", min: "0", max: String(Math.ceil(info.maxWeight)), step: "1",
                               value: "0", "aria-label": "minimum co-mention weight", id: "aikg-min-weight" });
    var shown = el("span", { text: "co-mention weight ≥ 0" });
    slider.addEventListener("input", function () {
      state.minWeight = Number(slider.value);
      shown.textContent = "co-mention weight ≥ " + slider.value;
      refresh();
    });
    legend.appendChild(el("div", {}, [shown, slider]));
  }
  if (info.dates.length > 1) {
    // the graph as of a date: the last step shows everything (undated facts included)
    var last = info.dates.length;
    var when = el("input", { type: "range", min: "0", max: String(last), step: "1", value: String(last),
                             "aria-label": "show the graph as of a date", id: "aikg-as-of" });
    var asOf = el("span", { id: "aikg-as-of-label", text: "as of: all dates" });
    when.addEventListener("input", function () {
      var k = Number(when.value);
      state.asOf = k >= last ? null : info.dates[k];
      asOf.textContent = "as of: " + (state.asOf || "all dates");
      refresh();
    });
    legend.appendChild(el("h2", { text: "Time" }));
    legend.appendChild(el("div", {}, [asOf, when]));
  }
  // Fit to the main group of linked entities on screen: isolated ones (an amount no fact uses) and
  // small islands are packed apart by the layout and, fitted too, would shrink the labels of the
  // rest below reading size. The largest connected group is fitted when it holds most linked
  // entities; otherwise every linked entity is.
  function fitIds() {
    var parent = {};
    function find(x) { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
    edgesView.forEach(function (e) {
      if (parent[e.from] === undefined) { parent[e.from] = e.from; }
      if (parent[e.to] === undefined) { parent[e.to] = e.to; }
      parent[find(e.from)] = find(e.to);
    });
    var groups = {};
    Object.keys(parent).forEach(function (k) { var r = find(Number(k)); (groups[r] = groups[r] || []).push(Number(k)); });
    var linked = Object.keys(parent).map(Number);
    var largest = Object.keys(groups).map(function (r) { return groups[r]; })
      .sort(function (a, b) { return b.length - a.length; })[0] || [];
    return largest.length * 2 >= linked.length ? largest : linked;
  }
  function fitView() {
    var ids = fitIds();
    network.fit(ids.length ? { nodes: ids, animation: false } : { animation: false });
  }
  api.fit = fitView;
  var fit = el("button", { type: "button", text: "Fit to screen", id: "aikg-fit" });
  fit.addEventListener("click", fitView);
  legend.appendChild(fit);

  // ---- neighbourhood highlight ---------------------------------------------------------------
  var DIM = "rgba(200,200,200,0.35)";
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    adjacency[id].forEach(function (eid) { var e = edgeItems[eid]; keep[e.from] = true; keep[e.to] = true; });
    var updates = [];
    if (nodeItems.length <= 1500) {
      nodeItems.forEach(function (n) {
        var want = keep[n.id] ? baseColor[n.id] : DIM;
        if (nodes.get(n.id).color !== want) { updates.push({ id: n.id, color: want }); }
      });
      nodes.update(updates);
      state.dimmed = true;
    }
    network.setSelection({ nodes: [id], edges: adjacency[id] }, { unselectAll: true, highlightEdges: true });
  }
  function clearHighlight() {
    if (state.dimmed) {
      var updates = [];
      nodeItems.forEach(function (n) {
        if (nodes.get(n.id).color !== baseColor[n.id]) { updates.push({ id: n.id, color: baseColor[n.id] }); }
      });
      nodes.update(updates);
      state.dimmed = false;
    }
    network.unselectAll();
  }

  // ---- details panel -------------------------------------------------------------------------
  var panel = document.getElementById("aikg-panel");
  function nodeLink(idx) {
    var a = el("a", { class: "node", role: "button", tabindex: "0", text: info.nodes[idx].label });
    a.addEventListener("click", function () { select(idx, true); });
    return a;
  }
  function evidenceList(edgeIdx) {
    var ei = info.edges[edgeIdx];
    var wrap = el("div");
    ei.ev.slice(0, 20).forEach(function (ev) {
      wrap.appendChild(el("blockquote", { text: ev[0] }));
      var doc = info.documents[ev[1]];
      if (doc) {
        var src = el("div", { class: "source" }, [el("span", { text: "— " }),
          link(doc.title || doc.id, doc.url), el("span", { text: doc.date ? " (" + doc.date + ")" : "" })]);
        wrap.appendChild(src);
      }
    });
    if (ei.ev.length > 20) { wrap.appendChild(el("div", { class: "source", text: "… and " + (ei.ev.length - 20) + " more" })); }
    if (ei.note) { wrap.appendChild(el("div", { class: "source", text: ei.note })); }
    if (ei.docs.length) {
      var weakEdge = edgeItems[edgeIdx].weak;
      var docs = el("div", { class: "source" }, [el("span", {
        text: weakEdge ? "weight " + ei.w + "; in " : "also co-mentioned in " })]);
      ei.docs.slice(0, 10).forEach(function (d, k) {
        var doc = info.documents[d];
        if (k) { docs.appendChild(el("span", { text: ", " })); }
        docs.appendChild(link(doc.title || doc.id, doc.url));
      });
      if (ei.docs.length > 10) { docs.appendChild(el("span", { text: " … (" + ei.docs.length + " documents)" })); }
      wrap.appendChild(docs);
    }
    return wrap;
  }
  function factLine(edgeIdx) {
    var e = edgeItems[edgeIdx];
    var p = info.predicates[e.p];
    return el("div", { class: "fact" }, [nodeLink(e.from), el("span", { text: " " }),
      el("span", { class: "pred", text: p.weak ? "co-mentioned with" : p.name }), el("span", { text: " " }),
      nodeLink(e.to), evidenceList(edgeIdx)]);
  }
  // An entity's facts by what matters (roles, founded, funding ... announced last; the order of
  // aikg.graph.views.render.FACT_GROUPS), then by the other entity's name.
  function groupFacts(idx, facts) {
    function other(eid) { var e = edgeItems[eid]; return info.nodes[e.from === idx ? e.to : e.from].label; }
    var sorted = facts.slice().sort(function (a, b) {
      var ga = info.predicates[edgeItems[a].p].group, gb = info.predicates[edgeItems[b].p].group;
      return ga[0] - gb[0] || other(a).localeCompare(other(b));
    });
    var groups = [];
    sorted.forEach(function (eid) {
      var name = info.predicates[edgeItems[eid].p].group[1];
      if (!groups.length || groups[groups.length - 1].name !== name) { groups.push({ name: name, facts: [] }); }
      groups[groups.length - 1].facts.push(eid);
    });
    return groups;
  }
  function closeButton() {
    var b = el("button", { type: "button", class: "close", "aria-label": "close", text: "×" });
    b.addEventListener("click", function () { panel.hidden = true; clearHighlight(); state.selected = null; });
    return b;
  }
  function showNode(idx) {
    var n = info.nodes[idx];
    var type = info.types.find(function (t) { return t.name === n.type; });
    panel.textContent = "";
    var badge = el("span", { class: "type", text: n.type });
    badge.style.background = type ? type.color : "#888";
    panel.appendChild(closeButton());
    panel.appendChild(el("h2", { text: n.label }));
    panel.appendChild(badge);
    panel.appendChild(el("div", { class: "iri", text: n.iri }));
    if (n.aliases.length) {
      panel.appendChild(el("h3", { text: "Also known as" }));
      panel.appendChild(el("ul", {}, n.aliases.map(function (a) { return el("li", { text: a }); })));
    }
    if (n.wikidata && /^Q[0-9]+$/.test(n.wikidata)) {
      panel.appendChild(el("h3", { text: "Wikidata" }));
      panel.appendChild(link(n.wikidata, "https://www.wikidata.org/wiki/" + n.wikidata));
    }
    if (n.attrs.length) {
      panel.appendChild(el("h3", { text: "Attributes" }));
      panel.appendChild(el("ul", {}, n.attrs.map(function (a) { return el("li", { text: a[0] + ": " + a[1] }); })));
    }
    if (n.timeline.length) {
      panel.appendChild(el("h3", { text: "Timeline (" + n.timeline.length + ")" }));
      panel.appendChild(el("ol", { class: "timeline" }, n.timeline.slice(0, 200).map(function (item) {
        return el("li", {}, [el("time", { text: item[0] }), el("span", { text: " " + item[1] })]);
      })));
    }
    var facts = adjacency[idx].filter(function (eid) { return !edgeItems[eid].weak; });
    var weak = adjacency[idx].filter(function (eid) { return edgeItems[eid].weak; });
    panel.appendChild(el("h3", { text: "Facts (" + facts.length + ")" }));
    if (!facts.length) { panel.appendChild(el("div", { class: "source", text: "No stated facts." })); }
    groupFacts(idx, facts.slice(0, 200)).forEach(function (group) {
      panel.appendChild(el("h4", { class: "group", text: group.name + " (" + group.facts.length + ")" }));
      group.facts.forEach(function (eid) { panel.appendChild(factLine(eid)); });
    });
    if (weak.length) {
      weak.sort(function (a, b) { return edgeItems[b].w - edgeItems[a].w; });
      panel.appendChild(el("h3", { text: "Co-mentioned with (" + weak.length + ")" }));
      panel.appendChild(el("ul", {}, weak.slice(0, 50).map(function (eid) {
        var e = edgeItems[eid];
        var other = e.from === idx ? e.to : e.from;
        return el("li", {}, [nodeLink(other), el("span", { class: "source", text: " weight " + e.w })]);
      })));
    }
    if (n.docs.length) {
      panel.appendChild(el("h3", { text: "Mentioned in (" + n.docs.length + ")" }));
      panel.appendChild(el("ul", {}, n.docs.slice(0, 50).map(function (d) {
        var doc = info.documents[d];
        return el("li", {}, [link(doc.title || doc.id, doc.url)]);
      })));
    }
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function showEdge(eid) {
    panel.textContent = "";
    panel.appendChild(closeButton());
    panel.appendChild(el("h2", { text: "Link" }));
    panel.appendChild(factLine(eid));
    panel.hidden = false;
  }
  function select(idx, focus) {
    if (!state.types[nodeItems[idx].t]) {
      state.types[nodeItems[idx].t] = true;
      var box = legend.querySelector('input[data-type="' + info.nodes[idx].type.replace(/"/g, "") + '"]');
      if (box) { box.checked = true; }
      refresh();
    }
    state.selected = idx;
    highlight(idx);
    showNode(idx);
    if (focus) {
      network.focus(idx, { scale: Math.max(network.getScale(), 1.0), animation: nodeItems.length < 3000 ? { duration: 350 } : false });
    }
  }
  api.select = select;
  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0], false); }
    else if (params.edges.length) { clearHighlight(); showEdge(params.edges[0]); }
    else { clearHighlight(); panel.hidden = true; state.selected = null; }
  });

  // ---- hover tooltip (text only) -------------------------------------------------------------
  var tip = document.getElementById("aikg-tooltip");
  var mouse = { x: 0, y: 0 };
  container.addEventListener("mousemove", function (ev) {
    mouse.x = ev.clientX; mouse.y = ev.clientY;
    if (!tip.hidden) { tip.style.left = (mouse.x + 12) + "px"; tip.style.top = (mouse.y + 12) + "px"; }
  });
  function showTip(text) {
    tip.textContent = text;
    tip.style.left = (mouse.x + 12) + "px"; tip.style.top = (mouse.y + 12) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) {
    var n = info.nodes[p.node];
    showTip(n.label + " (" + n.type + ")" + (n.aliases.length ? " — " + n.aliases.slice(0, 3).join(", ") : ""));
  });
  network.on("hoverEdge", function (p) {
    var e = edgeItems[p.edge];
    var pred = info.predicates[e.p];
    showTip(info.nodes[e.from].label + " " + (pred.weak ? "co-mentioned with (weight " + e.w + ")" : pred.name) +
            " " + info.nodes[e.to].label);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  // vis-network sends no blur event when the pointer leaves the canvas straight from a node or link
  container.addEventListener("mouseleave", function () { tip.hidden = true; });

  // ---- search by label or alias --------------------------------------------------------------
  var names = [];
  info.nodes.forEach(function (n, i) {
    names.push([n.label.toLowerCase(), i, null]);
    n.aliases.forEach(function (a) { names.push([a.toLowerCase(), i, a]); });
  });
  var input = document.getElementById("aikg-search");
  var list = document.getElementById("aikg-suggest");
  var matches = [];
  var active = 0;
  function search(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return []; }
    var exact = [], prefix = [], inner = [], seen = {};
    for (var k = 0; k < names.length; k++) {
      var entry = names[k];
      var pos = entry[0].indexOf(q);
      if (pos < 0) { continue; }
      (entry[0] === q ? exact : pos === 0 ? prefix : inner).push(entry);
    }
    var byScore = function (a, b) { return info.nodes[b[1]].score - info.nodes[a[1]].score; };
    return exact.sort(byScore).concat(prefix.sort(byScore), inner.sort(byScore)).filter(function (entry) {
      if (seen[entry[1]]) { return false; }
      seen[entry[1]] = true;
      return true;
    }).slice(0, 12);
  }
  function renderSuggestions() {
    list.textContent = "";
    matches.forEach(function (entry, k) {
      var n = info.nodes[entry[1]];
      var item = el("li", { role: "option", "aria-selected": k === active ? "true" : "false" }, [
        el("span", { text: n.label }),
        el("span", { class: "alias", text: (entry[2] ? "“" + entry[2] + "” · " : "") + n.type })]);
      item.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(k); });
      list.appendChild(item);
    });
    list.hidden = matches.length === 0;
  }
  function choose(k) {
    if (!matches[k]) { return; }
    var idx = matches[k][1];
    input.value = info.nodes[idx].label;
    matches = [];
    renderSuggestions();
    select(idx, true);
  }
  input.addEventListener("input", function () { matches = search(input.value); active = 0; renderSuggestions(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, matches.length - 1); renderSuggestions(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); renderSuggestions(); ev.preventDefault(); }
    else if (ev.key === "Enter") {
      if (!matches.length) { matches = search(input.value); active = 0; }
      choose(active);
    } else if (ev.key === "Escape") { matches = []; renderSuggestions(); }
  });
  input.addEventListener("blur", function () { list.hidden = true; });
  api.search = function (text) { matches = search(text); active = 0; choose(0); return state.selected; };

  updateCounts();
  // The first view: centred and zoomed on the focus (the focus and its direct links fill the
  // screen, never smaller than reading size), else fitted to the linked entities.
  var READABLE = 0.8;
  function openOnFocus(idx) {
    var near = [idx];
    adjacency[idx].forEach(function (eid) { var e = edgeItems[eid]; near.push(e.from === idx ? e.to : e.from); });
    network.fit({ nodes: near, animation: false });
    network.moveTo({ position: network.getPositions([idx])[idx],
                     scale: Math.min(1.6, Math.max(READABLE, network.getScale())), animation: false });
  }
  network.once("afterDrawing", function () {
    if (info.focus !== null && info.focus !== undefined) {
      select(info.focus, false);
      network.setSize("100%", "100%");  // measure the canvas now that the panel takes its share
      openOnFocus(info.focus);
    } else {
      fitView();
    }
  });
  api.setup = performance.now() - t0;
})();
