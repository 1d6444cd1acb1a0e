/* mediation-kg query page: a SPARQL editor, the named queries as examples, results as a table.
 *
 * Plain DOM, no framework, nothing loaded from elsewhere. Every piece of data from the server
 * (query titles, IRIs, literals, error messages) goes into the page with textContent or
 * createElement, never as HTML, so a hostile string in the store shows as text.
 *
 * The server's contract (kg/server/app.py):
 *   GET  /queries                  the named queries, with their parameters and full SPARQL
 *   GET  /queries/NAME?p=v         one named query, its parameters bound by the server as RDF terms
 *   POST /sparql  (query=...)      any SPARQL query
 *   GET  ...&output=NAME           a result as a file, in a format GET /formats lists
 *   GET  /formats                  the formats, per kind ("results", "rdf", ...): name, label, extension
 *   GET  /health                   {"status": "ok", "store": ..., "quads": N}
 */
"use strict";

(function () {
  const RESULTS_JSON = "application/sparql-results+json";
  const ACCEPT_ANY = RESULTS_JSON + ", text/turtle;q=0.9";
  const MAX_ROWS_SHOWN = 2000;
  const FOLLOW_LIMIT = 1000;
  // W3C namespaces every RDF tool knows; kg's own prefixes come from the named queries' PREFIX lines.
  const STANDARD_PREFIXES = [
    ["rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["rdfs", "http://www.w3.org/2000/01/rdf-schema#"],
    ["xsd", "http://www.w3.org/2001/XMLSchema#"],
    ["owl", "http://www.w3.org/2002/07/owl#"],
  ];
  const DEFAULT_QUERY = [
    "# Who said what: every quoted statement, with its speaker and date.",
    "# kg's prefixes (mkg:, id:, rdfs:, ...) are predefined on this server.",
    "SELECT ?speaker ?date ?quote ?statement",
    "WHERE {",
    "  ?statement mkg:speaker/rdfs:label ?speaker ;",
    "             mkg:quote ?quote .",
    "  OPTIONAL { ?statement mkg:time/rdfs:label ?date }",
    "}",
    "ORDER BY ?speaker ?date",
    "LIMIT 100",
    "",
  ].join("\n");
  const TYPE_NAMES = { iri: "IRI", date: "date", integer: "whole number", string: "text", term: "term" };
  const TYPE_HELP = {
    iri: "An IRI is a short id (pakistan), a prefixed name (id:pakistan) or a full <https://…>.",
    term: "A term is an IRI, \"text\"@en, a number or a date (YYYY-MM-DD).",
  };
  // Characters that may not appear in a SPARQL IRIREF: <>"{}|^`\ and control/space characters.
  const IRIREF_FORBIDDEN = /[\u0000-\u0020<>"{}|^`\\]/;
  const PREFIX_LINE = /^[ \t]*PREFIX[ \t]+([A-Za-z][\w.-]*)?:[ \t]*<([^<>"{}|^`\\\s]*)>/gim;
  const TURTLE_PREFIX_LINE = /^@prefix[ \t]+([A-Za-z][\w.-]*)?:[ \t]*<([^<>"{}|^`\\\s]*)>[ \t]*\.[ \t]*$/gm;
  const PN_LOCAL = /^[\w-]([\w.-]*[\w-])?$/;

  const $ = (id) => document.getElementById(id);
  const el = {
    form: $("query-form"),
    select: $("named-query"),
    details: $("named-details"),
    answers: $("named-answers"),
    title: $("named-title"),
    example: $("named-example"),
    paramFields: $("param-fields"),
    noParams: $("no-params"),
    paramHelp: $("param-help"),
    modeNote: $("mode-note"),
    editor: $("editor"),
    gutter: $("gutter"),
    run: $("run"),
    runTarget: $("run-target"),
    status: $("result-status"),
    downloads: $("downloads"),
    downloadLinks: $("download-links"),
    resource: $("resource"),
    body: $("result-body"),
    health: $("health"),
  };

  const state = {
    named: new Map(),        // name -> named query from /queries
    current: null,           // the named query the editor holds unedited, or null for free SPARQL
    loadedText: "",          // the editor text as the named query filled it
    knownPrefixes: new Map(STANDARD_PREFIXES),
    prefixes: new Map(STANDARD_PREFIXES),  // knownPrefixes plus the editor's own PREFIX lines
    seq: 0,                  // the latest run; answers to older runs are dropped
    controller: null,
    escapeArmed: false,
    allColumns: false,       // show every column of a named query, not just its readable ones
    downloads: { results: [], rdf: [] },  // the formats offered as files, per kind, from GET /formats
  };

  // --- small helpers ------------------------------------------------------------------------

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function plural(n, word) {
    return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s");
  }

  function parsePrefixes(text, into, pattern) {
    const re = pattern || PREFIX_LINE;
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(text)) !== null) into.set(m[1] || "", m[2]);
    return into;
  }

  function shorten(iri) {
    let best = null;
    let bestNs = "";
    for (const [prefix, ns] of state.prefixes) {
      if (ns && iri.startsWith(ns) && iri.length > ns.length && ns.length > bestNs.length) {
        best = prefix;
        bestNs = ns;
      }
    }
    if (best === null) return iri;
    const local = iri.slice(bestNs.length);
    return PN_LOCAL.test(local) ? best + ":" + local : iri;
  }

  function isSafeIri(iri) {
    return typeof iri === "string" && iri.length > 0 && /^[A-Za-z][\w+.-]*:/.test(iri) && !IRIREF_FORBIDDEN.test(iri);
  }

  // --- the editor: line numbers, Tab, Ctrl+Enter ---------------------------------------------

  function updateGutter() {
    const lines = el.editor.value.split("\n").length;
    if (Number(el.gutter.dataset.lines) !== lines) {
      const numbers = [];
      for (let i = 1; i <= lines; i++) numbers.push(String(i));
      el.gutter.textContent = numbers.join("\n");
      el.gutter.dataset.lines = String(lines);
    }
    el.gutter.scrollTop = el.editor.scrollTop;
  }

  function insertText(text) {
    el.editor.focus();
    // execCommand keeps the browser's undo history; setRangeText is the fallback.
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      el.editor.setRangeText(text, el.editor.selectionStart, el.editor.selectionEnd, "end");
      el.editor.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function indentSelection() {
    const ed = el.editor;
    const { selectionStart: start, selectionEnd: end, value } = ed;
    if (value.slice(start, end).indexOf("\n") === -1) {
      insertText("  ");
      return;
    }
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    const block = value.slice(lineStart, end);
    ed.setSelectionRange(lineStart, end);
    insertText(block.replace(/^/gm, "  "));
    ed.setSelectionRange(lineStart, lineStart + block.length + 2 * block.split("\n").length);
  }

  function setEditor(text) {
    el.editor.value = text;
    el.editor.scrollTop = 0;
    updateGutter();
  }

  el.editor.addEventListener("input", () => {
    updateGutter();
    if (state.current && el.editor.value !== state.loadedText) {
      const name = state.current.name;
      selectFree();
      el.modeNote.textContent = "You edited the text of “" + name + "”: it now runs as your own SPARQL, " +
        "and its parameters are not bound. Choose the question again to bind them.";
    }
  });
  el.editor.addEventListener("scroll", () => { el.gutter.scrollTop = el.editor.scrollTop; });
  el.editor.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      state.escapeArmed = true;
      return;
    }
    const armed = state.escapeArmed;
    state.escapeArmed = false;
    if (event.key === "Tab" && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey && !armed) {
      event.preventDefault();
      indentSelection();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });

  // --- named queries ------------------------------------------------------------------------

  function cqNumber(q) {
    const m = /(\d+)/.exec(q.answers || "");
    return m ? Number(m[1]) : Infinity;
  }

  function exampleValues(example) {
    const values = new Map();
    const re = /--param[ =]([A-Za-z_]\w*)=(\S+)/g;
    let m;
    while ((m = re.exec(example || "")) !== null) values.set(m[1], m[2]);
    return values;
  }

  function loadNamedQueries() {
    return fetch("/queries", { headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then((list) => {
        if (!Array.isArray(list)) throw new Error("not a list");
        const queries = list.filter((q) => q && typeof q.name === "string" && typeof q.sparql === "string");
        queries.sort((a, b) => cqNumber(a) - cqNumber(b) || a.name.localeCompare(b.name));
        for (const q of queries) {
          state.named.set(q.name, q);
          parsePrefixes(q.sparql, state.knownPrefixes);
          const label = (q.answers ? q.answers + " · " : "") + (q.title || q.name);
          const option = make("option", null, label);
          option.value = q.name;
          el.select.appendChild(option);
        }
        refreshPrefixes();
      })
      .catch((error) => {
        el.modeNote.textContent = "The named queries could not be loaded (" + error.message + "); you can still write your own SPARQL.";
      });
  }

  function paramInput(param, example) {
    const id = "param-" + param.name;
    const field = make("div", "qp-field");
    const label = make("label", "qp-label", param.name);
    label.htmlFor = id;
    label.appendChild(make("span", param.optional ? "qp-optional" : "qp-required", param.optional ? "optional" : "required"));
    const input = make("input", "qp-input");
    input.id = id;
    input.name = param.name;
    input.dataset.param = param.name;
    input.autocomplete = "off";
    input.spellcheck = false;
    if (param.type === "date") {
      input.type = "date";
    } else if (param.type === "integer") {
      input.type = "number";
      input.step = "1";
      input.inputMode = "numeric";
    } else {
      input.type = "text";
    }
    if (example) input.placeholder = "e.g. " + example;
    if (!param.optional) input.required = true;
    const hint = make("p", "qp-hint");
    hint.id = id + "-hint";
    hint.appendChild(make("span", "qp-type", TYPE_NAMES[param.type] || param.type || "value"));
    if (param.description) hint.appendChild(document.createTextNode(param.description));
    input.setAttribute("aria-describedby", hint.id);
    field.appendChild(label);
    field.appendChild(input);
    field.appendChild(hint);
    return field;
  }

  function selectNamed(name) {
    const q = state.named.get(name);
    if (!q) {
      selectFree();
      return;
    }
    state.current = q;
    state.loadedText = q.sparql;
    el.select.value = name;
    setEditor(q.sparql);
    refreshPrefixes();
    el.answers.textContent = q.answers || "";
    el.answers.hidden = !q.answers;
    el.title.textContent = q.title || q.name;
    el.example.textContent = q.example ? "From the command line: " + q.example : "";
    el.example.hidden = !q.example;
    clear(el.paramFields);
    const examples = exampleValues(q.example);
    const params = Array.isArray(q.params) ? q.params : [];
    for (const p of params) {
      if (p && typeof p.name === "string") el.paramFields.appendChild(paramInput(p, examples.get(p.name)));
    }
    el.noParams.hidden = params.length > 0;
    const types = new Set(params.map((p) => p && p.type));
    el.paramHelp.textContent = Object.keys(TYPE_HELP).filter((t) => types.has(t)).map((t) => TYPE_HELP[t]).join(" ");
    el.details.hidden = false;
    el.modeNote.textContent = "";
    el.runTarget.textContent = "runs the named query “" + q.name + "” with its parameters bound by the server";
  }

  function selectFree() {
    state.current = null;
    state.loadedText = "";
    el.select.value = "";
    el.details.hidden = true;
    clear(el.paramFields);
    el.modeNote.textContent = "";
    el.runTarget.textContent = "runs your SPARQL on the endpoint";
  }

  el.select.addEventListener("change", () => {
    if (el.select.value) selectNamed(el.select.value);
    else selectFree();
  });

  function refreshPrefixes() {
    state.prefixes = parsePrefixes(el.editor.value, new Map(state.knownPrefixes));
  }

  // --- running ------------------------------------------------------------------------------

  function namedParams() {
    const params = new URLSearchParams();
    for (const input of el.paramFields.querySelectorAll("input[data-param]")) {
      const value = input.value.trim();
      if (value) params.append(input.dataset.param, value);
    }
    return params;
  }

  function missingParam() {
    for (const input of el.paramFields.querySelectorAll("input[data-param]")) {
      if (input.required && !input.value.trim()) return input;
    }
    return null;
  }

  function buildRequest() {
    if (state.current) {
      const params = namedParams();
      const base = "/queries/" + encodeURIComponent(state.current.name);
      const query = params.toString();
      return {
        url: base + (query ? "?" + query : ""),
        init: { headers: { Accept: RESULTS_JSON } },
        download: (fmt) => { const p = new URLSearchParams(params); p.set("output", fmt); return base + "?" + p.toString(); },
        filename: state.current.name,
        columns: Array.isArray(state.current.columns) ? state.current.columns.map(String) : [],
      };
    }
    const text = el.editor.value;
    const body = new URLSearchParams();
    body.set("query", text);
    return {
      url: "/sparql",
      init: { method: "POST", headers: { Accept: ACCEPT_ANY }, body: body },
      download: (fmt) => { const p = new URLSearchParams(); p.set("query", text); p.set("output", fmt); return "/sparql?" + p.toString(); },
      filename: "query",
    };
  }

  function run(options) {
    const resource = options && options.resource;
    if (state.current) {
      const missing = missingParam();
      if (missing) {
        el.status.textContent = "The parameter “" + missing.dataset.param + "” is required.";
        el.status.classList.add("qp-status-error");
        missing.focus();
        return Promise.resolve();
      }
    }
    refreshPrefixes();
    const request = buildRequest();
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    const seq = ++state.seq;
    request.init.signal = controller.signal;
    el.run.setAttribute("aria-busy", "true");
    el.status.textContent = "Running…";
    el.status.classList.remove("qp-status-error");
    el.body.classList.add("qp-stale");
    const started = performance.now();
    return fetch(request.url, request.init)
      .then((response) => {
        const type = (response.headers.get("Content-Type") || "").toLowerCase();
        if (!response.ok) return response.text().then((text) => ({ response, type, error: text }));
        if (type.indexOf("json") !== -1) return response.json().then((data) => ({ response, type, data }));
        return response.text().then((text) => ({ response, type, text }));
      })
      .then((answer) => {
        if (seq !== state.seq) return;
        const ms = Math.round(performance.now() - started);
        showResource(resource);
        if (answer.error !== undefined) showError(answer.response.status, answer.error);
        else if (answer.data !== undefined) showJson(answer.data, ms, request);
        else showGraph(answer.text, answer.type, ms, request);
      })
      .catch((error) => {
        if (seq !== state.seq || error.name === "AbortError") return;
        showResource(null);
        showError(0, String(error && error.message || error));
      })
      .finally(() => {
        if (seq !== state.seq) return;
        state.controller = null;
        el.run.removeAttribute("aria-busy");
        el.body.classList.remove("qp-stale");
      });
  }

  el.form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  // --- showing results ----------------------------------------------------------------------

  function showResource(iri) {
    clear(el.resource);
    el.resource.hidden = !iri;
    if (!iri) return;
    el.resource.appendChild(document.createTextNode("Triples about "));
    el.resource.appendChild(make("code", "qp-iri-full", iri));
  }

  function setDownloads(request, kind) {
    const formats = state.downloads[kind];
    clear(el.downloadLinks);
    for (const f of formats) {
      const a = make("a", "qp-download", f.label);
      a.href = request.download(f.name);
      a.dataset.format = f.name;
      a.download = request.filename + "." + f.extension;
      el.downloadLinks.appendChild(a);
    }
    el.downloads.hidden = formats.length === 0;
  }

  function showError(status, message) {
    clear(el.body);
    el.downloads.hidden = true;
    const titles = {
      0: "No answer could be read from the server.",
      400: "The query was refused.",
      404: "Not found.",
      406: "The server cannot answer in a format this page reads.",
      422: "The answer is too large to send; add a LIMIT, or narrow the query.",
      503: "The query ran past the server's time limit and was stopped.",
    };
    el.status.textContent = titles[status] || "The server answered HTTP " + status + ".";
    el.status.classList.add("qp-status-error");
    const box = make("div", "qp-error-box");
    box.setAttribute("role", "alert");
    box.appendChild(make("pre", "qp-error-text", message || "(no message)"));
    el.body.appendChild(box);
  }

  function termNode(term) {
    if (!term || typeof term !== "object") return null;
    const type = term.type;
    const value = typeof term.value === "string" ? term.value : "";
    if (type === "uri") {
      const shown = shorten(value);
      if (!isSafeIri(value)) {
        const span = make("span", "qp-iri", shown);
        span.title = value;
        return span;
      }
      const a = make("a", shown === value ? "qp-iri" : "qp-iri qp-pname", shown);
      a.href = "#follow=" + encodeURIComponent(value);
      a.title = value + "\n(follow: its outgoing and incoming triples)";
      a.dataset.iri = value;
      return a;
    }
    if (type === "bnode") return make("span", "qp-bnode", "_:" + value);
    if (type === "triple" && value && typeof value === "object") {
      const span = make("span", "qp-triple", "<< ");
      for (const key of ["subject", "predicate", "object"]) {
        const inner = termNode(value[key]);
        if (inner) span.appendChild(inner);
        span.appendChild(document.createTextNode(" "));
      }
      span.appendChild(document.createTextNode(">>"));
      return span;
    }
    // literal (also "typed-literal" from older servers)
    const short = value.length <= 24 && value.indexOf("\n") === -1;
    const span = make("span", term.datatype && short ? "qp-literal qp-typed" : "qp-literal");
    span.appendChild(make("span", "qp-value", value));
    const lang = term["xml:lang"];
    const datatype = term.datatype;
    if (lang) span.appendChild(make("span", "qp-lang", "@" + lang));
    else if (datatype) {
      const dt = make("span", "qp-datatype", shorten(datatype));
      dt.title = datatype;
      span.appendChild(dt);
    }
    return span;
  }

  function showJson(data, ms, request) {
    clear(el.body);
    el.status.classList.remove("qp-status-error");
    if (data && typeof data.boolean === "boolean") {
      const answer = make("p", "qp-ask " + (data.boolean ? "qp-yes" : "qp-no"), data.boolean ? "Yes" : "No");
      el.body.appendChild(answer);
      el.status.textContent = "ASK answered " + (data.boolean ? "yes" : "no") + " · " + ms + " ms";
      setDownloads(request, "results");
      return;
    }
    const allVars = data && data.head && Array.isArray(data.head.vars) ? data.head.vars.map(String) : [];
    const rows = data && data.results && Array.isArray(data.results.bindings) ? data.results.bindings : [];
    // A named query says which columns a person reads; IRIs and sort keys stay one click away.
    const readable = (request.columns || []).filter((c) => allVars.includes(c));
    const narrowed = readable.length > 0 && readable.length < allVars.length;
    const vars = narrowed && !state.allColumns ? readable : allVars;
    const shown = Math.min(rows.length, MAX_ROWS_SHOWN);
    let status = plural(rows.length, "row") + " · " + ms + " ms";
    if (shown < rows.length) status += " · showing the first " + shown.toLocaleString("en") + "; download for all";
    el.status.textContent = status;
    setDownloads(request, "results");
    if (narrowed) {
      const toggle = make("button", "qp-columns-toggle",
        state.allColumns ? "Show the readable columns" : "Show all " + allVars.length + " columns");
      toggle.type = "button";
      toggle.addEventListener("click", () => { state.allColumns = !state.allColumns; showJson(data, ms, request); });
      el.body.appendChild(toggle);
    }
    if (rows.length === 0) {
      el.body.appendChild(make("p", "qp-empty", "No rows: nothing in the store matches."));
      return;
    }
    const wrap = make("div", "qp-table-wrap");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Result table");
    const table = make("table", "qp-table");
    const thead = make("thead");
    const headRow = make("tr");
    headRow.appendChild(make("th", "qp-rownum", "#"));
    for (const v of vars) {
      const th = make("th", null, v);
      th.scope = "col";
      headRow.appendChild(th);
    }
    thead.appendChild(headRow);
    table.appendChild(thead);
    const tbody = make("tbody");
    for (let i = 0; i < shown; i++) {
      const binding = rows[i] || {};
      const tr = make("tr");
      tr.appendChild(make("td", "qp-rownum", i + 1));
      for (const v of vars) {
        const td = make("td");
        const node = Object.prototype.hasOwnProperty.call(binding, v) ? termNode(binding[v]) : null;
        if (node) td.appendChild(node);
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    wrap.appendChild(table);
    el.body.appendChild(wrap);
  }

  function showGraph(text, type, ms, request) {
    clear(el.body);
    el.status.classList.remove("qp-status-error");
    el.status.textContent = (text.trim() ? "Graph answer" : "Empty graph") + " (" + (type.split(";")[0] || "text") + ") · " +
      text.length.toLocaleString("en") + " characters · " + ms + " ms";
    setDownloads(request, "rdf");
    // the server writes its prefixes into Turtle: learn them for the tables that follow
    parsePrefixes(text, state.knownPrefixes, TURTLE_PREFIX_LINE);
    refreshPrefixes();
    const pre = make("pre", "qp-turtle", text || "# no triples");
    pre.tabIndex = 0;
    pre.setAttribute("aria-label", "Graph answer in Turtle");
    el.body.appendChild(pre);
  }

  // --- following an IRI ---------------------------------------------------------------------

  function followQuery(iri) {
    const t = "<" + iri + ">";
    return [
      "# The triples about one resource: what it says (outgoing) and what points at it (incoming).",
      "SELECT DISTINCT ?subject ?predicate ?object",
      "WHERE {",
      "  { BIND(" + t + " AS ?subject)",
      "    ?subject ?predicate ?object }",
      "  UNION",
      "  { ?subject ?predicate " + t,
      "    BIND(" + t + " AS ?object) }",
      "}",
      "ORDER BY DESC(?subject = " + t + ") ?predicate ?subject ?object",
      "LIMIT " + FOLLOW_LIMIT,
      "",
    ].join("\n");
  }

  function follow(iri) {
    if (!isSafeIri(iri)) {
      el.status.textContent = "That IRI cannot be followed: it holds characters SPARQL does not allow in an IRI.";
      el.status.classList.add("qp-status-error");
      return Promise.resolve();
    }
    selectFree();
    setEditor(followQuery(iri));
    el.runTarget.textContent = "runs your SPARQL on the endpoint";
    return run({ resource: iri });
  }

  function followFromHash() {
    const m = /^#follow=(.*)$/.exec(location.hash);
    if (!m) return false;
    let iri;
    try {
      iri = decodeURIComponent(m[1]);
    } catch (e) {
      return false;
    }
    follow(iri);
    return true;
  }

  el.body.addEventListener("click", (event) => {
    const a = event.target.closest && event.target.closest("a.qp-iri");
    if (!a || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState(null, "", a.getAttribute("href"));
    follow(a.dataset.iri);
    el.status.focus({ preventScroll: true });
  });
  window.addEventListener("popstate", () => { followFromHash(); });

  // --- formats ------------------------------------------------------------------------------

  // The server says which formats it writes; the page offers those meant for programs as files
  // (the ones meant for people, a text table, are what the page itself shows).
  function loadFormats() {
    return fetch("/formats", { headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then((kinds) => {
        for (const kind of Object.keys(state.downloads)) {
          const list = kinds && Array.isArray(kinds[kind]) ? kinds[kind] : [];
          state.downloads[kind] = list
            .filter((f) => f && typeof f.name === "string" && !f.readable)
            .map((f) => ({ name: f.name, label: String(f.label || f.name), extension: String(f.extension || f.name) }));
        }
      })
      .catch(() => {});  // then no downloads are offered; answers still show
  }

  // --- health -------------------------------------------------------------------------------

  function loadHealth() {
    fetch("/health", { headers: { Accept: "application/json" } })
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then((h) => {
        clear(el.health);
        const ok = h && h.status === "ok";
        el.health.classList.toggle("qp-health-bad", !ok);
        el.health.appendChild(make("span", "qp-dot"));
        const parts = [];
        if (!ok) parts.push("status: " + (h && h.status));
        if (h && h.store !== undefined && h.store !== null) parts.push("store " + String(h.store));
        if (h && typeof h.quads === "number") parts.push(plural(h.quads, "quad"));
        el.health.appendChild(document.createTextNode(parts.join(" · ") || "ok"));
        el.health.title = h && h.store !== undefined ? "Store: " + String(h.store) : "";
      })
      .catch((error) => {
        el.health.classList.add("qp-health-bad");
        el.health.textContent = "The server does not answer /health (" + error.message + ")";
      });
  }

  // --- start --------------------------------------------------------------------------------

  el.status.tabIndex = -1;
  setEditor(DEFAULT_QUERY);
  selectFree();
  loadHealth();
  Promise.all([loadFormats(), loadNamedQueries()]).then(() => {
    if (!followFromHash()) refreshPrefixes();
  });
})();
