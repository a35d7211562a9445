// The page's own script (plain browser JavaScript, no build step): draws the charts with the bundled Chart.js
// from the embedded report data, and sorts and filters the server-rendered account rows. Without it the
// page still shows every number and every row; printing shows everything either way.

export const CLIENT_SCRIPT = `(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  document.documentElement.classList.add("js");

  var charts = [];
  /** Words onto lines of at most \`width\` characters (a longer word keeps a line of its own). */
  function wrapLabel(label, width) {
    var words = String(label).split(" ");
    var lines = [];
    var line = "";
    for (var i = 0; i < words.length; i++) {
      if (line && (line + " " + words[i]).length > width) { lines.push(line); line = words[i]; }
      else line = line ? line + " " + words[i] : words[i];
    }
    if (line) lines.push(line);
    return lines.length === 1 ? lines[0] : lines;
  }
  function drawCharts() {
    if (!window.Chart) return;
    var Chart = window.Chart;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = "#334155";
    Chart.defaults.animation = false;
    var canvases = document.querySelectorAll("canvas[data-chart]");
    for (var i = 0; i < canvases.length; i++) {
      var canvas = canvases[i];
      var series = data.charts[canvas.getAttribute("data-chart")];
      var kind = canvas.getAttribute("data-kind");
      var dataset = { label: canvas.getAttribute("aria-label"), data: series.values, backgroundColor: series.colors, borderWidth: kind === "doughnut" ? 1 : 0 };
      var integerTicks = { precision: 0 };
      // The figures table under each chart is its legend, with the exact numbers.
      var options = { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } };
      if (kind === "doughnut") options.cutout = "55%";
      if (kind === "hbar") {
        options.indexAxis = "y";
        // Long control names wrap onto a second or third line on the axis rather than being cut.
        options.scales = { x: { beginAtZero: true, ticks: integerTicks }, y: { ticks: { autoSkip: false, callback: function (value) { return wrapLabel(this.getLabelForValue(value), 30); } } } };
      } else if (kind === "bar") {
        // Short lines under each bar instead of slanted labels that run into each other.
        var xLabel = function (value) { return wrapLabel(this.getLabelForValue(value), 12); };
        options.scales = { y: { beginAtZero: true, ticks: integerTicks }, x: { ticks: { maxRotation: 0, autoSkip: false, callback: xLabel } } };
      }
      charts.push(new Chart(canvas, { type: kind === "doughnut" ? "doughnut" : "bar", data: { labels: series.labels, datasets: [dataset] }, options: options }));
    }
  }
  // Chart.js sizes a chart to its box only when told: do it on the way into and out of print.
  function resizeCharts() { for (var i = 0; i < charts.length; i++) charts[i].resize(); }
  window.addEventListener("beforeprint", resizeCharts);
  window.addEventListener("afterprint", resizeCharts);
  if (window.matchMedia) {
    var printQuery = window.matchMedia("print");
    if (printQuery.addEventListener) printQuery.addEventListener("change", resizeCharts);
  }

  var SEVERITY_RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
  var STATE_RANK = { credentials: 0, failed: 1, management: 2, skipped: 3, clean: 4 };
  var table = document.getElementById("accounts");
  // A standalone report (one account) has no table to sort or filter.
  if (!table) { drawCharts(); return; }
  var tbody = table.querySelector("tbody");
  var rowElements = {};
  var detailElements = {};
  var trs = tbody.querySelectorAll("tr[data-id]");
  for (var r = 0; r < trs.length; r++) rowElements[trs[r].getAttribute("data-id")] = trs[r];
  var sections = document.querySelectorAll("section.account[data-id]");
  for (var s = 0; s < sections.length; s++) detailElements[sections[s].getAttribute("data-id")] = sections[s];

  function num(v) { return v === null || v === undefined ? null : v; }
  var SORT_VALUES = {
    id: function (row) { return row.id; },
    name: function (row) { return row.name.toLowerCase(); },
    ou: function (row) { return row.ou === null ? null : row.ou.toLowerCase(); },
    state: function (row) { return STATE_RANK[row.state]; },
    password: function (row) { return row.password === null ? null : row.password ? 1 : 0; },
    keys: function (row) { return row.keysActive === null ? null : row.keysActive * 1000 + row.keysInactive; },
    mfa: function (row) { return row.mfaVirtual === null ? null : row.mfaHardware * 1000 + row.mfaVirtual; },
    certs: function (row) { return num(row.certs); },
    findings: function (row) { return row.findings; },
    worst: function (row) { return row.worst === null ? -1 : SEVERITY_RANK[row.worst]; },
    lastUsed: function (row) { return row.lastUsed === null ? null : Date.parse(row.lastUsed); }
  };

  var order = data.rows.slice();
  var sortKey = null;
  var sortDirection = 1;

  function compare(a, b) {
    var pick = SORT_VALUES[sortKey];
    var x = pick(a), y = pick(b);
    // Unknown values stay at the bottom whichever way the column is sorted.
    if (x === null && y === null) return a.id < b.id ? -1 : 1;
    if (x === null) return 1;
    if (y === null) return -1;
    if (x < y) return -sortDirection;
    if (x > y) return sortDirection;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  var textInput = document.getElementById("filter-text");
  var stateSelect = document.getElementById("filter-state");
  var severitySelect = document.getElementById("filter-severity");
  var counter = document.getElementById("filter-count");
  var empty = document.getElementById("no-match");

  function matches(row) {
    var text = textInput.value.trim().toLowerCase();
    if (text) {
      var haystack = [row.id, row.name, row.email || "", row.ou || ""].join(" ").toLowerCase();
      var words = text.split(/\\s+/);
      for (var i = 0; i < words.length; i++) if (haystack.indexOf(words[i]) === -1) return false;
    }
    if (stateSelect.value && row.state !== stateSelect.value) return false;
    var severity = severitySelect.value;
    if (severity === "none") return row.findings === 0;
    if (severity) return row.worst !== null && SEVERITY_RANK[row.worst] >= SEVERITY_RANK[severity];
    return true;
  }

  // Touch only what changes: with thousands of accounts, every needless DOM write costs a relayout.
  function update(reorder) {
    var shown = 0;
    if (reorder) {
      var fragment = document.createDocumentFragment();
      for (var j = 0; j < order.length; j++) if (rowElements[order[j].id]) fragment.appendChild(rowElements[order[j].id]);
      tbody.appendChild(fragment);
    }
    for (var i = 0; i < order.length; i++) {
      var row = order[i];
      var visible = matches(row);
      var tr = rowElements[row.id];
      if (tr && tr.hidden === visible) tr.hidden = !visible;
      var section = detailElements[row.id];
      if (section && section.hidden === visible) section.hidden = !visible;
      if (visible) shown++;
    }
    counter.textContent = "Showing " + shown + " of " + order.length + " accounts";
    table.setAttribute("data-shown", String(shown));
    empty.hidden = shown !== 0;
  }

  var headers = table.querySelectorAll("th[data-sort]");
  function sortBy(key) {
    sortDirection = sortKey === key ? -sortDirection : (key === "worst" || key === "findings" || key === "lastUsed" ? -1 : 1);
    sortKey = key;
    order.sort(compare);
    for (var i = 0; i < headers.length; i++) {
      var th = headers[i];
      th.setAttribute("aria-sort", th.getAttribute("data-sort") === key ? (sortDirection === 1 ? "ascending" : "descending") : "none");
    }
    update(true);
  }
  for (var h = 0; h < headers.length; h++) {
    (function (th) {
      th.querySelector("button").addEventListener("click", function () { sortBy(th.getAttribute("data-sort")); });
    })(headers[h]);
  }
  var typing = null;
  textInput.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { update(false); }, order.length > 2000 ? 200 : 0);
  });
  stateSelect.addEventListener("change", function () { update(false); });
  severitySelect.addEventListener("change", function () { update(false); });

  update(false);
  drawCharts();
})();
`;
