/* mediation-kg graph explorer. Reads the data from <script id="kg-data"> as JSON and draws
   it with vis-network; adds type filters (kinds, relations, and how an edge stands: stated,
   reported, corroborated, disputed), an "as of" date slider, a search box, a choice of node
   size and a side panel comparing rival claims and how each stands. Every string from the
   data reaches the DOM through textContent (tooltips, search results and the panel are
   elements, never HTML strings) or the canvas (labels). window.kgExplorer drives it all from scripts and tests. */
(function () {
  "use strict";
  var MAX_LIST = 12;
  var MAX_RESULTS = 12;
  var DAY_MS = 86400000;
  var body = document.body;
  var status = document.getElementById("kg-status");

  function byId(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function addRow(dl, key, value, className) {
    if (value === undefined || value === null || value === "") return;
    if (Array.isArray(value) && value.length === 0) return;
    dl.appendChild(el("dt", null, key));
    var dd = el("dd", className || null);
    if (Array.isArray(value)) {
      if (value.length === 1) {
        dd.textContent = String(value[0]);
      } else {
        var ul = el("ul");
        value.slice(0, MAX_LIST).forEach(function (item) { ul.appendChild(el("li", null, item)); });
        if (value.length > MAX_LIST) {
          ul.appendChild(el("li", "kg-more", "\u2026 and " + (value.length - MAX_LIST) + " more"));
        }
        dd.appendChild(ul);
      }
    } else {
      dd.textContent = String(value);
    }
    dl.appendChild(dd);
  }

  function addInfo(dl, info) {
    if (!info) return;
    Object.keys(info).forEach(function (key) { addRow(dl, key, info[key]); });
  }

  function dates(first, last) {
    if (first && last && first !== last) return first + " \u2013 " + last;
    return first || last || "";
  }

  // Dates are compared as text on their first ten characters (ISO: "2025-10-09").
  function day(text) { return text ? String(text).slice(0, 10) : ""; }
  function dayNumber(iso) {
    var p = iso.split("-");
    return Math.round(Date.UTC(+p[0], (+p[1] || 1) - 1, +p[2] || 1) / DAY_MS);
  }
  function isoOf(n) { return new Date(n * DAY_MS).toISOString().slice(0, 10); }

  // Number of sorted day strings that are <= d (undated ones, "", sort first and count).
  function countUpTo(days, d) {
    var lo = 0, hi = days.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (days[mid] <= d) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function fold(text) {
    var s = String(text);
    if (s.normalize) s = s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return s.toLowerCase();
  }

  function formatNumber(value) {
    if (typeof value !== "number") return String(value);
    if (Number.isInteger(value)) return String(value);
    return String(Number(value.toPrecision(4)));
  }

  function fail(error) {
    var message = (error && error.message) ? error.message : String(error);
    body.dataset.kgError = message;
    status.hidden = false;
    status.className = "kg-error";
    status.textContent = "Could not draw the graph: " + message;
  }

  // Milliseconds spent in each step of the first drawing, for benchmarks (data-kg-timings).
  var timings = [];
  var lastMark = performance.now();
  function mark(name) {
    var now = performance.now();
    timings.push(name + "=" + Math.round(now - lastMark));
    lastMark = now;
  }

  try {
    mark("start");
    var data = JSON.parse(document.getElementById("kg-data").textContent);
    mark("parse");
    var meta = data.meta;
    var kindLabels = {};
    var relationLabels = {};
    data.legend.kinds.forEach(function (k) { kindLabels[k.kind] = k.label; });
    data.legend.relations.forEach(function (r) { relationLabels[r.relation] = r.label; });

    // One shared tooltip element, filled for the item under the pointer (building one per
    // item up front costs more than the drawing on a large graph).
    var tip = el("div", "kg-tip");

    // Indexes, built once: O(nodes + edges + items). The DataSets get each item without
    // what only tooltips and the panel read (vis-network copies every field of every item).
    var nodeById = {};
    var edgeById = {};
    var nodeList = data.nodes;
    var edgeList = data.edges;
    var PAGE_ONLY = { info: 1, items: 1, claim: 1, metrics: 1, rivals: 1, claims: 1 };
    function forVis(item) {
      var copy = {};
      for (var key in item) {
        if (Object.prototype.hasOwnProperty.call(item, key) && !PAGE_ONLY[key] && key.charAt(0) !== "_") {
          copy[key] = item[key];
        }
      }
      copy.title = tip;
      return copy;
    }
    nodeList.forEach(function (n) {
      nodeById[n.id] = n;
      n._start = day(n.start);
      n._hidden = false;
    });
    edgeList.forEach(function (e) {
      edgeById[e.id] = e;
      e._first = day(e.first);
      e._hidden = false;
      if (e.items && e.items.length) {
        e._days = e.items.map(function (item) { return day(item.start); });  // sorted in Python
        e._kept = e.items.length;
      }
    });

    var state = {
      asOf: null,          // "YYYY-MM-DD", or null: every date
      hiddenKinds: {},
      hiddenRelations: {},
      hiddenStatuses: {},
      sizeBy: meta.sizeBy || "degree",
      query: "",
      matches: [],
      matchIndex: -1,
      panelFor: null,
      visibleNodes: nodeList.length,
      visibleEdges: edgeList.length
    };

    // ------------------------------------------------------------------ tooltips

    function nodeTip(n) {
      var box = el("div", "kg-tip-body");
      box.appendChild(el("div", "kg-tip-head", n.label));
      box.appendChild(el("div", "kg-tip-sub", kindLabels[n.kind] || n.kind));
      var dl = el("dl");
      addRow(dl, "IRI", n.id, "kg-iri");
      addRow(dl, "date", n.date || dates(n.start, n.end));
      addRow(dl, "links", n.degree);
      if (state.sizeBy !== "degree" && n.metrics && n.metrics[state.sizeBy] !== undefined) {
        addRow(dl, state.sizeBy, formatNumber(n.metrics[state.sizeBy]));
      }
      if (n.claim) {
        var c = n.claim;
        addRow(dl, "claimant", c.claimant);
        addRow(dl, "figure", figure(c));
        addRow(dl, "measure", c.measure);
        addRow(dl, "whose", c.group);
        addRow(dl, "about", c.about);
        addRow(dl, "claim date", c.date);
        addRow(dl, "verification", c.verification);
        addRow(dl, "source", c.source);
      }
      addInfo(dl, n.info);
      if (n.rivals && n.rivals.length) addRow(dl, "rival claims", n.rivals.length + " (click to compare)");
      if (n.claims && n.claims.length) addRow(dl, "claims about it", n.claims.length + " (click to compare)");
      box.appendChild(dl);
      return box;
    }

    function itemText(item) {
      var text = item.label;
      var when = dates(item.start, item.end);
      if (when) text += " (" + when + ")";
      if (item.according_to && item.according_to.length) text += ", according to " + item.according_to.join(", ");
      return text;
    }

    // "disputed, 2 independent sources": a status as the node tooltips' "status" rows say it.
    function statusText(status, sources) {
      if (typeof sources !== "number") return status;
      return status + ", " + sources + " independent source" + (sources === 1 ? "" : "s");
    }

    // How an item behind an edge stands, unless stated with nobody named: status, who asserts
    // it, who disputes it ("" if nothing to say).
    function itemStanding(item) {
      if (!item.status || (item.status === "stated" && !item.asserted_by && !item.disputed_by)) return "";
      var parts = [statusText(item.status, item.independent_sources)];
      if (item.asserted_by) parts.push("asserted by " + item.asserted_by);
      if (item.disputed_by) parts.push("disputed by " + item.disputed_by);
      return parts.join(" \u00b7 ");
    }

    // The items behind an edge: each its line, and a line saying how it stands.
    function addItems(dl, key, items) {
      if (!items.length) return;
      dl.appendChild(el("dt", null, key));
      var ul = el("ul");
      items.slice(0, MAX_LIST).forEach(function (item) {
        var li = el("li", null, itemText(item));
        var standing = itemStanding(item);
        if (standing) {
          li.appendChild(el("span", "kg-tip-standing" + (item.status === "disputed" ? " kg-disputed" : ""), standing));
        }
        ul.appendChild(li);
      });
      if (items.length > MAX_LIST) ul.appendChild(el("li", "kg-more", "\u2026 and " + (items.length - MAX_LIST) + " more"));
      var dd = el("dd");
      dd.appendChild(ul);
      dl.appendChild(dd);
    }

    function edgeTip(e) {
      var box = el("div", "kg-tip-body");
      box.appendChild(el("div", "kg-tip-head", e.text));
      var from = nodeById[e.from], to = nodeById[e.to];
      box.appendChild(el("div", "kg-tip-sub",
        (from ? from.label : e.from) + " \u2192 " + (to ? to.label : e.to)));
      var dl = el("dl");
      addRow(dl, "relation", relationLabels[e.relation] || e.relation);
      addRow(dl, "dates", dates(e.first, e.last));
      addRow(dl, "weight", e.weight);
      if (e.status !== "stated") addRow(dl, "status", e.status, e.status === "disputed" ? "kg-disputed" : null);
      addRow(dl, "asserted by", e.assertedBy);
      addRow(dl, "disputed by", e.disputedBy);
      var info = e.info;
      if (e.items) {
        var kept = e.items.slice(0, e._kept);
        if (state.asOf !== null) addRow(dl, "as of " + state.asOf, kept.length + " of " + e.items.length);
        addItems(dl, "events", kept);
        // The projections' "because of" lines say again what the items do (one line each).
        if (info && Array.isArray(info["because of"]) && info["because of"].length === e.items.length) {
          info = Object.assign({}, info);
          delete info["because of"];
        }
      }
      addInfo(dl, info);
      box.appendChild(dl);
      return box;
    }

    // A new tooltip element for a node or an edge id (what hovering it shows), or null.
    function tooltipFor(id) {
      var inner = null;
      if (Object.prototype.hasOwnProperty.call(nodeById, id)) inner = nodeTip(nodeById[id]);
      else if (Object.prototype.hasOwnProperty.call(edgeById, id)) inner = edgeTip(edgeById[id]);
      if (!inner) return null;
      var box = el("div", "kg-tip");
      box.appendChild(inner);
      return box;
    }

    function fillTip(kind, id) {
      var item = kind === "node" ? nodeById[id] : edgeById[id];
      if (!item) return;
      clear(tip);
      tip.appendChild(kind === "node" ? nodeTip(item) : edgeTip(item));
      tip.dataset.kgFor = kind + ":" + id;
    }

    // ------------------------------------------------------------------ network

    mark("index");
    var nodes = new vis.DataSet(nodeList.map(forVis));
    var edges = new vis.DataSet(edgeList.map(forVis));
    mark("datasets");
    var container = byId("kg-network");
    var network = new vis.Network(container, {}, data.options);
    window.kgNodes = nodes;
    window.kgEdges = edges;
    window.kgNetwork = network;

    network.on("hoverNode", function (p) { fillTip("node", p.node); });
    network.on("hoverEdge", function (p) { fillTip("edge", p.edge); });
    network.on("showPopup", function (id) {
      var current = tip.dataset.kgFor;
      if (current === "node:" + id || current === "edge:" + id) return;
      fillTip(Object.prototype.hasOwnProperty.call(nodeById, id) ? "node" : "edge", id);
    });

    // Fit the drawing into the part of the canvas the legend does not cover.
    var fitBesideLegend = function () {
      network.fit({ animation: false });
      var legend = byId("kg-legend");
      var W = container.clientWidth;
      var H = container.clientHeight;
      var covered = legend && legend.open ? legend.offsetLeft + legend.offsetWidth + 10 : 0;
      var positions = network.getPositions();
      var ids = Object.keys(positions);
      if (!ids.length || W - covered < 320) return;
      var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      ids.forEach(function (id) {
        var p = positions[id];
        if (p.x < minX) minX = p.x;
        if (p.x > maxX) maxX = p.x;
        if (p.y < minY) minY = p.y;
        if (p.y > maxY) maxY = p.y;
      });
      var margin = 70;  // room for node sizes and labels at the edges (canvas units)
      var scale = Math.min(
        (W - covered - 30) / (maxX - minX + 2 * margin),
        (H - 30) / (maxY - minY + 2 * margin),
        1.0
      );
      network.moveTo({
        position: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 },
        scale: scale,
        offset: { x: covered / 2, y: 0 },
        animation: false
      });
    };

    // Until the user zooms, drags or searches, keep the whole graph in view when the window
    // is resized or the legend is opened or closed (vis-network alone rescales the view by
    // the resize ratio, which can push nodes off screen).
    var userMoved = false;
    network.on("zoom", function () { userMoved = true; });
    network.on("dragStart", function () { userMoved = true; });
    var refit = function () {
      if (!userMoved && body.dataset.kgReady === "1") fitBesideLegend();
    };
    network.on("resize", refit);
    var legendBox = byId("kg-legend");
    if (legendBox) legendBox.addEventListener("toggle", refit);
    // Resize the canvas at once rather than on vis-network's next check, and draw.
    window.addEventListener("resize", function () {
      network.setSize("100%", "100%");
      refit();
      network.redraw();
    });

    // ------------------------------------------------------------------ filters and dates

    // Each DataSet update makes vis-network redraw at once (about 0.3 s with 20,000 edges
    // shown); hold the drawing during a batch of updates and draw once, on the next frame.
    // "_blockRedraw", "_allowRedraw" and "_requestRedraw" are vis-network's own events
    // (9.1.2, inlined here); without them the page only draws more often.
    function batched(work) {
      var emitter = network.body && network.body.emitter;
      if (emitter) emitter.emit("_blockRedraw");
      try {
        work();
      } finally {
        if (emitter) {
          emitter.emit("_allowRedraw");
          emitter.emit("_requestRedraw");
        }
      }
    }

    var visibleText = byId("kg-visible");

    function summary() {
      return {
        asOf: state.asOf,
        nodes: state.visibleNodes,
        edges: state.visibleEdges,
        totalNodes: nodeList.length,
        totalEdges: edgeList.length
      };
    }

    // Recompute what is shown from the kind and relation filters and the date, and send
    // only the changes to vis-network, in one update per DataSet.
    function apply() {
      var d = state.asOf;
      var nodeChanges = [];
      var edgeChanges = [];
      var shownNodes = 0, shownEdges = 0;
      var i, n, e, hide, change;
      for (i = 0; i < nodeList.length; i++) {
        n = nodeList[i];
        hide = state.hiddenKinds[n.kind] === true || (d !== null && n._start !== "" && n._start > d);
        if (hide !== n._hidden) {
          n._hidden = hide;
          nodeChanges.push({ id: n.id, hidden: hide });
        }
        if (!hide) shownNodes++;
      }
      for (i = 0; i < edgeList.length; i++) {
        e = edgeList[i];
        change = null;
        hide = state.hiddenRelations[e.relation] === true || state.hiddenStatuses[e.status] === true ||
          nodeById[e.from]._hidden || nodeById[e.to]._hidden;
        if (e._days) {
          var kept = d === null ? e._days.length : countUpTo(e._days, d);
          if (kept === 0) hide = true;
          if (kept !== e._kept) {
            e._kept = kept;
            if (typeof e.weight === "number" && kept > 0) {
              change = { id: e.id, value: Math.abs(e.weight) * kept / e._days.length };
            }
          }
        } else if (d !== null && e._first !== "" && e._first > d) {
          hide = true;
        }
        if (hide !== e._hidden) {
          e._hidden = hide;
          change = change || { id: e.id };
          change.hidden = hide;
        }
        if (change) edgeChanges.push(change);
        if (!hide) shownEdges++;
      }
      batched(function () {
        if (edgeChanges.length) edges.update(edgeChanges);
        if (nodeChanges.length) nodes.update(nodeChanges);
      });
      state.visibleNodes = shownNodes;
      state.visibleEdges = shownEdges;
      body.dataset.kgVisibleNodes = String(shownNodes);
      body.dataset.kgVisibleEdges = String(shownEdges);
      body.dataset.kgAsOf = d === null ? "" : d;
      if (visibleText) {
        visibleText.textContent = (shownNodes === nodeList.length && shownEdges === edgeList.length) ? "" :
          "showing " + shownNodes + " of " + nodeList.length + " nodes, " +
          shownEdges + " of " + edgeList.length + " edges";
      }
      if (state.query) runSearch(false);
      return summary();
    }

    var slider = byId("kg-asof");
    var sliderText = byId("kg-asof-text");
    var firstDay = meta.dates ? dayNumber(meta.dates.min) : 0;
    var lastDay = meta.dates ? dayNumber(meta.dates.max) : 0;

    function showAsOf() {
      var text = state.asOf === null ? "all dates" : state.asOf;
      if (sliderText) sliderText.textContent = text;
      if (slider) {
        var all = lastDay - firstDay + 1;
        var position = state.asOf === null ? all :
          Math.max(0, Math.min(all - 1, dayNumber(state.asOf) - firstDay));
        slider.value = String(position);
        slider.setAttribute("aria-valuetext", text);
      }
    }

    function setAsOf(date) {
      if (date === null || date === undefined || date === "" || date === "all") {
        state.asOf = null;
      } else {
        var d = day(date);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error("setAsOf takes a date as YYYY-MM-DD, or null for all dates");
        state.asOf = d;
      }
      showAsOf();
      return apply();
    }

    if (slider) {
      slider.addEventListener("input", function () {
        var position = +slider.value;
        setAsOf(position > lastDay - firstDay ? null : isoOf(firstDay + position));
      });
    }

    var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("#kg-legend input[data-kind]"));
    var relationBoxes = Array.prototype.slice.call(document.querySelectorAll("#kg-legend input[data-relation]"));
    var statusBoxes = Array.prototype.slice.call(document.querySelectorAll("#kg-legend input[data-status]"));

    function setKindVisible(kind, visible) {
      kind = String(kind);
      if (visible) delete state.hiddenKinds[kind]; else state.hiddenKinds[kind] = true;
      kindBoxes.forEach(function (box) { if (box.dataset.kind === kind) box.checked = !!visible; });
      return apply();
    }

    function setRelationVisible(relation, visible) {
      relation = String(relation);
      if (visible) delete state.hiddenRelations[relation]; else state.hiddenRelations[relation] = true;
      relationBoxes.forEach(function (box) { if (box.dataset.relation === relation) box.checked = !!visible; });
      return apply();
    }

    // Edges by how they stand (stated, reported, corroborated, disputed): an edge stands as the
    // firmest of the items behind it.
    function setStatusVisible(status, visible) {
      status = String(status);
      if (visible) delete state.hiddenStatuses[status]; else state.hiddenStatuses[status] = true;
      statusBoxes.forEach(function (box) { if (box.dataset.status === status) box.checked = !!visible; });
      return apply();
    }

    kindBoxes.forEach(function (box) {
      box.addEventListener("change", function () { setKindVisible(box.dataset.kind, box.checked); });
    });
    statusBoxes.forEach(function (box) {
      box.addEventListener("change", function () { setStatusVisible(box.dataset.status, box.checked); });
    });
    relationBoxes.forEach(function (box) {
      box.addEventListener("change", function () { setRelationVisible(box.dataset.relation, box.checked); });
    });

    // ------------------------------------------------------------------ node size

    var sizeSelect = byId("kg-size");

    function setSizeBy(name) {
      name = String(name);
      if ((meta.sizeOptions || ["degree"]).indexOf(name) < 0) {
        throw new Error("no numeric node attribute " + JSON.stringify(name) + "; available: " +
          (meta.sizeOptions || ["degree"]).join(", "));
      }
      state.sizeBy = name;
      if (sizeSelect) sizeSelect.value = name;
      body.dataset.kgSizeBy = name;
      batched(function () {
        nodes.update(nodeList.map(function (n) {
          var value = name === "degree" ? n.degree : (n.metrics && n.metrics[name] !== undefined ? n.metrics[name] : 0);
          n.value = value;
          return { id: n.id, value: value };
        }));
      });
      return name;
    }

    if (sizeSelect) sizeSelect.addEventListener("change", function () { setSizeBy(sizeSelect.value); });

    // ------------------------------------------------------------------ search

    var searchBox = byId("kg-search");
    var searchCount = byId("kg-search-count");
    var searchResults = byId("kg-search-results");
    var folded = null;

    function focusNode(id) {
      userMoved = true;
      network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    }

    function showMatchCount() {
      if (!searchCount) return;
      var count = state.matches.length;
      if (!state.query.trim()) searchCount.textContent = "";
      else if (count === 0) searchCount.textContent = "no match";
      else if (count === 1) searchCount.textContent = "1 match";
      else searchCount.textContent = (state.matchIndex + 1) + " of " + count + " matches";
    }

    function showResults() {
      if (!searchResults) return;
      clear(searchResults);
      state.matches.slice(0, MAX_RESULTS).forEach(function (id, index) {
        var n = nodeById[id];
        var li = el("li");
        var button = el("button", index === state.matchIndex ? "kg-result kg-current" : "kg-result");
        button.type = "button";
        button.dataset.id = id;
        button.appendChild(el("span", "kg-result-label", n.label));
        button.appendChild(el("span", "kg-result-kind", kindLabels[n.kind] || n.kind));
        button.addEventListener("click", function () {
          state.matchIndex = index;
          network.selectNodes([id], false);
          focusNode(id);
          showMatchCount();
          showResults();
        });
        li.appendChild(button);
        searchResults.appendChild(li);
      });
      if (state.matches.length > MAX_RESULTS) {
        searchResults.appendChild(el("li", "kg-more", "\u2026 and " + (state.matches.length - MAX_RESULTS) + " more"));
      }
      searchResults.hidden = state.matches.length === 0;
    }

    // Shown nodes whose label contains the text (ignoring case and accents): labels that
    // start with it first, then the others, each in label order.
    function runSearch(focus) {
      var q = fold(state.query.trim());
      var starts = [], contains = [];
      if (q) {
        if (folded === null) folded = nodeList.map(function (n) { return fold(n.label); });
        for (var i = 0; i < nodeList.length; i++) {
          if (nodeList[i]._hidden) continue;
          var at = folded[i].indexOf(q);
          if (at === 0) starts.push(i); else if (at > 0) contains.push(i);
        }
      }
      var byLabel = function (a, b) {
        return folded[a] < folded[b] ? -1 : folded[a] > folded[b] ? 1 : (a - b);
      };
      starts.sort(byLabel);
      contains.sort(byLabel);
      state.matches = starts.concat(contains).map(function (i) { return nodeList[i].id; });
      state.matchIndex = state.matches.length ? 0 : -1;
      if (state.matches.length) {
        network.selectNodes(state.matches, false);
        if (focus) focusNode(state.matches[0]);
      } else {
        network.unselectAll();
      }
      showMatchCount();
      showResults();
      return { count: state.matches.length, ids: state.matches.slice() };
    }

    function search(text) {
      state.query = text === undefined || text === null ? "" : String(text);
      if (searchBox && searchBox.value !== state.query) searchBox.value = state.query;
      return runSearch(true);
    }

    function searchNext(step) {
      if (!state.matches.length) return null;
      var count = state.matches.length;
      state.matchIndex = ((state.matchIndex + (step || 1)) % count + count) % count;
      var id = state.matches[state.matchIndex];
      focusNode(id);
      showMatchCount();
      showResults();
      return id;
    }

    if (searchBox) {
      searchBox.addEventListener("input", function () { search(searchBox.value); });
      searchBox.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          searchNext(event.shiftKey ? -1 : 1);
        } else if (event.key === "Escape" && searchBox.value) {
          event.preventDefault();
          event.stopPropagation();
          search("");
        }
      });
    }

    // ------------------------------------------------------------------ claims panel

    var panel = byId("kg-panel");
    var panelTitle = byId("kg-panel-title");
    var panelSub = byId("kg-panel-sub");
    var panelBody = byId("kg-panel-body");
    var panelClose = byId("kg-panel-close");
    var focusBeforePanel = null;
    var COLUMNS = [
      ["claimant", "Claimant"], ["figure", "Figure"], ["measure", "Measure"], ["group", "Whose losses"],
      ["date", "Date"], ["verification", "Verification"], ["source", "Source"]
    ];
    // Shown when a claim compared says how it stands across the sources.
    var STANDING_COLUMN = ["status", "Standing"];

    function figure(c) {
      var parts = [];
      if (c.qualifier) parts.push(c.qualifier);
      if (c.figure !== undefined && c.figure !== "") parts.push(c.figure);
      return parts.join(" ");
    }

    function isClaim(n) { return !!(n && (n.claim || n.kgGroup === "claim")); }

    function claimKey(n) {
      var c = n.claim || {};
      return [c.measure || "", c.date || "", c.claimant || "", n.label, n.id];
    }

    function compareKeys(a, b) {
      for (var i = 0; i < a.length; i++) {
        if (a[i] < b[i]) return -1;
        if (a[i] > b[i]) return 1;
      }
      return 0;
    }

    // A claim's standing: "disputed by Health Ministry of Sudmark", "corroborated, 2 independent
    // sources", "reported".
    function standingCell(n) {
      var td = el("td", "kg-col-status");
      if (!n.status) {
        td.textContent = "\u2014";
        return td;
      }
      td.appendChild(el("span", n.status === "disputed" ? "kg-standing kg-disputed" : "kg-standing",
        n.status === "corroborated" ? statusText(n.status, n.sources) : n.status));
      if (n.disputedBy) td.appendChild(document.createTextNode(" by " + n.disputedBy));
      return td;
    }

    function claimTable(claims, currentId) {
      var columns = claims.some(function (n) { return !!n.status; }) ? COLUMNS.concat([STANDING_COLUMN]) : COLUMNS;
      var table = el("table", "kg-claims");
      var thead = el("thead");
      var head = el("tr");
      columns.forEach(function (col) {
        var th = el("th", null, col[1]);
        th.scope = "col";
        head.appendChild(th);
      });
      thead.appendChild(head);
      table.appendChild(thead);
      var tbody = el("tbody");
      claims.forEach(function (n) {
        var c = n.claim || {};
        var tr = el("tr");
        tr.dataset.id = n.id;
        if (n.id === currentId) {
          tr.className = "kg-current";
          tr.setAttribute("aria-current", "true");
        }
        columns.forEach(function (col) {
          if (col === STANDING_COLUMN) {
            tr.appendChild(standingCell(n));
            return;
          }
          var value = col[0] === "figure" ? figure(c) : c[col[0]];
          var td = el(col[0] === "claimant" ? "th" : "td", "kg-col-" + col[0], value || "\u2014");
          if (col[0] === "claimant") td.scope = "row";
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      return table;
    }

    // The claims to compare for a node: a claim and its rivals, or the claims about an event.
    function panelClaims(n) {
      if (isClaim(n)) return [n.id].concat(n.rivals || []);
      return n.claims || [];
    }

    // vis-network keeps a hover tooltip up until the pointer moves on; the panel replaces it.
    function hideTooltip() {
      var popup = container.querySelector(".vis-tooltip");
      if (popup) popup.style.visibility = "hidden";
    }

    function openPanel(id) {
      var n = nodeById[id];
      if (!n || !panel) return false;
      var ids = panelClaims(n);
      if (!ids.length) return false;
      hideTooltip();
      var claims = ids.map(function (cid) { return nodeById[cid]; }).filter(Boolean);
      claims.sort(function (a, b) { return compareKeys(claimKey(a), claimKey(b)); });
      var groups = [], byMeasure = {};
      claims.forEach(function (c) {
        var measure = (c.claim && c.claim.measure) || "measure not given";
        if (!Object.prototype.hasOwnProperty.call(byMeasure, measure)) {
          byMeasure[measure] = [];
          groups.push(measure);
        }
        byMeasure[measure].push(c);
      });
      panelTitle.textContent = isClaim(n) ?
        (n.rivals && n.rivals.length ? "A claim and its rival figures" : "A claim (no rival figures)") :
        "Claims about this event";
      panelSub.textContent = isClaim(n) ? ((n.claim && n.claim.about) || n.label) : n.label;
      clear(panelBody);
      groups.forEach(function (measure) {
        var section = el("section", "kg-measure");
        section.appendChild(el("h3", null, measure));
        section.appendChild(claimTable(byMeasure[measure], n.id));
        panelBody.appendChild(section);
      });
      if (panel.hidden) focusBeforePanel = document.activeElement;
      panel.hidden = false;
      state.panelFor = n.id;
      body.dataset.kgPanel = n.id;
      panelTitle.focus({ preventScroll: true });
      return true;
    }

    function closePanel() {
      if (!panel || panel.hidden) return false;
      panel.hidden = true;
      state.panelFor = null;
      delete body.dataset.kgPanel;
      if (focusBeforePanel && focusBeforePanel.focus && document.contains(focusBeforePanel)) {
        focusBeforePanel.focus({ preventScroll: true });
      }
      focusBeforePanel = null;
      return true;
    }

    if (panelClose) panelClose.addEventListener("click", closePanel);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && panel && !panel.hidden) {
        event.preventDefault();
        closePanel();
      }
    });
    network.on("click", function (params) {
      if (params.nodes && params.nodes.length === 1) openPanel(params.nodes[0]);
    });

    // ------------------------------------------------------------------ reset, hooks

    function reset() {
      state.hiddenKinds = {};
      state.hiddenRelations = {};
      state.hiddenStatuses = {};
      kindBoxes.concat(relationBoxes, statusBoxes).forEach(function (box) { box.checked = true; });
      state.asOf = null;
      showAsOf();
      state.query = "";
      if (searchBox) searchBox.value = "";
      runSearch(false);
      return apply();
    }

    var resetButton = byId("kg-reset");
    if (resetButton) resetButton.addEventListener("click", reset);

    window.kgExplorer = {
      setAsOf: setAsOf,
      asOf: function () { return state.asOf; },
      dateRange: function () { return meta.dates ? { min: meta.dates.min, max: meta.dates.max } : null; },
      setKindVisible: setKindVisible,
      setRelationVisible: setRelationVisible,
      setStatusVisible: setStatusVisible,
      // How a node or an edge stands: {status, sources, assertedBy, disputedBy}, or null.
      standing: function (id) {
        var item = Object.prototype.hasOwnProperty.call(nodeById, id) ? nodeById[id] :
          Object.prototype.hasOwnProperty.call(edgeById, id) ? edgeById[id] : null;
        if (!item || !item.status) return null;
        return { status: item.status, sources: item.sources === undefined ? null : item.sources,
                 assertedBy: item.assertedBy || null, disputedBy: item.disputedBy || null };
      },
      setSizeBy: setSizeBy,
      search: search,
      searchNext: function () { return searchNext(1); },
      searchPrevious: function () { return searchNext(-1); },
      openPanel: openPanel,
      closePanel: closePanel,
      reset: reset,
      tooltip: tooltipFor,
      summary: summary,
      visibleIds: function () {
        return {
          nodes: nodeList.filter(function (n) { return !n._hidden; }).map(function (n) { return n.id; }),
          edges: edgeList.filter(function (e) { return !e._hidden; }).map(function (e) { return e.id; })
        };
      }
    };
    showAsOf();

    // ------------------------------------------------------------------ first drawing

    var markReady = function () {
      mark("draw");
      body.dataset.kgTimings = timings.join(" ");
      status.hidden = true;
      body.dataset.kgNodes = String(nodes.length);
      body.dataset.kgEdges = String(edges.length);
      body.dataset.kgReadyMs = String(Math.round(performance.now()));
      body.dataset.kgReady = "1";
    };

    if (data.options.physics.enabled && nodes.length > 0) {
      // Listeners first: a small graph can finish stabilising inside setData.
      network.on("stabilizationProgress", function (p) {
        status.textContent = "Laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
      });
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.once("afterDrawing", markReady);
        fitBesideLegend();
        network.redraw();
      });
      network.setData({ nodes: nodes, edges: edges });
    } else {
      // Draw once, after the view is fitted (setData alone would draw the whole graph first).
      network.once("afterDrawing", markReady);
      batched(function () {
        network.setData({ nodes: nodes, edges: edges });
        mark("setData");
        fitBesideLegend();
      });
    }
  } catch (error) {
    fail(error);
  }
})();
