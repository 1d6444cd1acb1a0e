/* mediation-kg graph page. Reads the data from <script id="kg-data"> as JSON and draws
   it with vis-network. Every string from the data reaches the DOM through textContent
   (tooltips are elements, never HTML strings) or the canvas (labels). */
(function () {
  "use strict";
  var MAX_LIST = 12;
  var body = document.body;
  var status = document.getElementById("kg-status");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function addRow(dl, key, value, className) {
    if (value === undefined || value === null || value === "") return;
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

  function fail(error) {
    var message = (error && error.message) ? error.message : String(error);
    body.dataset.kgError = message;
    status.hidden = false;
    status.className = "kg-error";
    status.textContent = "Could not draw the graph: " + message;
  }

  try {
    var data = JSON.parse(document.getElementById("kg-data").textContent);
    var nodeLabels = {};
    var kindLabels = {};
    var relationLabels = {};
    data.nodes.forEach(function (n) { nodeLabels[n.id] = n.label; });
    data.legend.kinds.forEach(function (k) { kindLabels[k.kind] = k.label; });
    data.legend.relations.forEach(function (r) { relationLabels[r.relation] = r.label; });

    data.nodes.forEach(function (n) {
      var box = el("div", "kg-tip");
      box.appendChild(el("div", "kg-tip-head", n.label));
      box.appendChild(el("div", "kg-tip-sub", kindLabels[n.kind] || n.kind));
      var dl = el("dl");
      addRow(dl, "IRI", n.id, "kg-iri");
      addRow(dl, "links", n.degree);
      addInfo(dl, n.info);
      box.appendChild(dl);
      n.title = box;
    });
    data.edges.forEach(function (e) {
      var box = el("div", "kg-tip");
      box.appendChild(el("div", "kg-tip-head", e.text));
      box.appendChild(el("div", "kg-tip-sub",
        (nodeLabels[e.from] || e.from) + " \u2192 " + (nodeLabels[e.to] || e.to)));
      var dl = el("dl");
      addRow(dl, "relation", relationLabels[e.relation] || e.relation);
      addRow(dl, "dates", dates(e.first, e.last));
      addRow(dl, "weight", e.weight);
      addInfo(dl, e.info);
      box.appendChild(dl);
      e.title = box;
    });

    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    var network = new vis.Network(document.getElementById("kg-network"), {}, data.options);
    window.kgNodes = nodes;
    window.kgEdges = edges;
    window.kgNetwork = network;

    // Fit the drawing into the part of the canvas the legend does not cover.
    var fitBesideLegend = function () {
      network.fit({ animation: false });
      var container = document.getElementById("kg-network");
      var legend = document.getElementById("kg-legend");
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

    // Until the user zooms or drags, keep the whole graph in view when the window is
    // resized or the legend is opened or closed (vis-network alone rescales the view
    // by the resize ratio, which can push nodes off screen).
    var userMoved = false;
    network.on("zoom", function () { userMoved = true; });
    network.on("dragStart", function () { userMoved = true; });
    var refit = function () {
      if (!userMoved && body.dataset.kgReady === "1") fitBesideLegend();
    };
    network.on("resize", refit);
    var legendBox = document.getElementById("kg-legend");
    if (legendBox) legendBox.addEventListener("toggle", refit);
    // Resize the canvas at once rather than on vis-network's next check, and draw.
    window.addEventListener("resize", function () {
      network.setSize("100%", "100%");
      refit();
      network.redraw();
    });

    var markReady = function () {
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
      network.once("afterDrawing", markReady);
      network.setData({ nodes: nodes, edges: edges });
      fitBesideLegend();
    }
  } catch (error) {
    fail(error);
  }
})();
