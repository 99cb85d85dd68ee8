/* corpus-audit report: the article list, the article view and the cluster view.
 *
 * Plain JavaScript shipped in the package; no framework, no network. Data files in
 * data/ are scripts that call AUDIT_LOAD(name, payload): a page opened from file://
 * cannot fetch() in Chromium, and the page's Content-Security-Policy allows scripts
 * from this folder only. Every value from the data is put in the page as text
 * (textContent, createTextNode), never as HTML, so a hostile title stays text.
 */
(function () {
  "use strict";

  var SEV = ["error", "warning", "info"];
  var SEV_BIT = { error: 1, warning: 2, info: 4 };
  var store = {}; // name -> Promise of the payload
  var arrived = {}; // name -> resolve, for files requested and not yet run

  /* A data file calls AUDIT_LOAD(name, payload) or, packed, AUDIT_LOAD(name, base64 gzip, 1). */
  window.AUDIT_LOAD = function (name, payload, packed) {
    var value = packed ? unpack(payload) : Promise.resolve(payload);
    if (arrived[name]) { arrived[name](value); delete arrived[name]; } else store[name] = value;
  };

  function unpack(b64) {
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function load(name) {
    if (store[name]) return store[name];
    store[name] = new Promise(function (resolve, reject) {
      arrived[name] = resolve;
      var tag = document.createElement("script");
      tag.src = "data/" + name + ".js";
      tag.addEventListener("error", function () {
        delete store[name];
        reject(new Error("cannot load data/" + name + ".js"));
      });
      document.head.appendChild(tag);
    });
    return store[name];
  }

  /* CRC-32 of the UTF-8 id: the article's view file (audit/report/data.py: bucket). */
  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();
  function crc32(text) {
    var bytes = new TextEncoder().encode(text);
    var c = 0xffffffff;
    for (var i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  /* ---------- small DOM helpers: text only ---------- */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.setAttribute("href", href);
    return a;
  }
  function articleHref(id) { return "#a/" + encodeURIComponent(id); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function $(id) { return document.getElementById(id); }
  function fmt(n) { return Number(n).toLocaleString("en"); }

  /* ---------- the list: every article, columns merged from list-N files ---------- */
  var meta = null;
  var rows = null; // columns: id, ti, ex, st, wv, sm, nf, ck, pb, lg, mo, sf, dt
  var hay = null;
  var idIndex = null;
  var listReady = null;
  var loadedChunks = 0;

  function loadMeta() {
    return load("meta").then(function (m) { meta = m; return m; });
  }

  function loadList(onChunk) {
    if (listReady) return listReady;
    listReady = loadMeta().then(function () {
      rows = { id: [], ti: [], ex: [], st: [], wv: [], sm: [], nf: [], ck: [], pb: [], lg: [], mo: [], sf: [], dt: [] };
      hay = [];
      // one file after the other (each is inflated and parsed on this thread): the first,
      // smaller one shows a first page early; the others follow
      return meta.list.reduce(function (chain, name) {
        return chain.then(function () { return load(name); }).then(function (part) {
          Object.keys(rows).forEach(function (key) { Array.prototype.push.apply(rows[key], part[key]); });
          loadedChunks += 1;
          if (onChunk) onChunk();
        });
      }, Promise.resolve()).then(function () {
        idIndex = new Map();
        for (var i = 0; i < rows.id.length; i++) idIndex.set(rows.id[i], i);
        setTimeout(function () { for (var j = 0; j < rows.id.length; j++) haystack(j); }, 0); // search ready
        return rows;
      });
    });
    return listReady;
  }

  function haystack(i) {
    var h = hay[i];
    if (h === undefined) h = hay[i] = (rows.id[i] + "\u0001" + rows.ti[i] + "\u0001" + rows.ex[i]).toLowerCase();
    return h;
  }

  function params() {
    var hash = location.hash;
    var q = hash.indexOf("?");
    return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : "");
  }

  function codeOf(list, value) { return value ? list.indexOf(value) : -2; }

  function filtered(p) {
    var q = (p.get("q") || "").trim().toLowerCase();
    var check = p.get("check") ? meta.checks.indexOf(p.get("check")) : -2;
    var severity = p.get("severity") || "";
    var status = p.get("status") || "";
    var pub = codeOf(meta.publishers, p.get("publisher"));
    var lang = codeOf(meta.languages, p.get("language"));
    var file = codeOf(meta.files, p.get("file"));
    var month = codeOf(meta.months, p.get("month"));
    var out = [];
    var order = sorted(p.get("sort"));
    var n = order.length;
    for (var k = 0; k < n; k++) {
      var i = order[k];
      if (status && (rows.st[i] === 1) !== (status === "fail")) continue;
      if (severity === "none" ? rows.nf[i] !== 0 : severity && !(rows.sm[i] & SEV_BIT[severity])) continue;
      if (check !== -2 && rows.ck[i].indexOf(check) < 0) continue;
      if (pub !== -2 && rows.pb[i] !== pub) continue;
      if (lang !== -2 && rows.lg[i] !== lang) continue;
      if (file !== -2 && rows.sf[i] !== file) continue;
      if (month !== -2 && rows.mo[i] !== month) continue;
      if (q && haystack(i).indexOf(q) < 0) continue;
      out.push(i);
    }
    return out;
  }

  var SORTS = {
    worst: function (a, b) { return rows.wv[a] - rows.wv[b] || rows.nf[b] - rows.nf[a] || a - b; },
    id: function (a, b) { return rows.id[a] < rows.id[b] ? -1 : rows.id[a] > rows.id[b] ? 1 : 0; },
    title: function (a, b) { return rows.ti[a].localeCompare(rows.ti[b]) || a - b; },
    findings: function (a, b) { return rows.nf[b] - rows.nf[a] || a - b; },
    date: function (a, b) { return rows.dt[a] < rows.dt[b] ? 1 : rows.dt[a] > rows.dt[b] ? -1 : a - b; },
    publisher: function (a, b) {
      var x = meta.publishers[rows.pb[a]] || "\uffff", y = meta.publishers[rows.pb[b]] || "\uffff";
      return x < y ? -1 : x > y ? 1 : a - b;
    }
  };

  /* Every article in one sort order, made once per order and list size: a filter keeps it. */
  var orders = {};
  function sorted(key) {
    key = SORTS[key] ? key : "worst";
    var n = rows.id.length;
    if (!orders[key] || orders[key].length !== n) {
      var all = new Array(n);
      for (var i = 0; i < n; i++) all[i] = i;
      orders[key] = all.sort(SORTS[key]);
    }
    return orders[key];
  }

  function fillSelect(select, values) {
    if (select.options.length > 1) return;
    values.forEach(function (v) { var o = el("option", null, v); o.value = v; select.appendChild(o); });
  }

  function syncForm(p) {
    fillSelect($("f-check"), meta.checks);
    fillSelect($("f-publisher"), meta.publishers.slice().sort());
    fillSelect($("f-language"), meta.languages.slice().sort());
    if (document.activeElement !== $("q")) $("q").value = p.get("q") || "";
    [["f-check", "check"], ["f-severity", "severity"], ["f-status", "status"], ["f-publisher", "publisher"],
      ["f-language", "language"], ["sort", "sort"]].forEach(function (pair) {
      var v = p.get(pair[1]) || (pair[1] === "sort" ? "worst" : "");
      var select = $(pair[0]);
      if (v && !Array.prototype.some.call(select.options, function (o) { return o.value === v; })) {
        var o = el("option", null, v); o.value = v; select.appendChild(o);
      }
      select.value = v;
    });
  }

  function formParams() {
    var p = params();
    [["q", "q"], ["f-check", "check"], ["f-severity", "severity"], ["f-status", "status"],
      ["f-publisher", "publisher"], ["f-language", "language"], ["sort", "sort"]].forEach(function (pair) {
      var v = $(pair[0]).value;
      if (v && !(pair[1] === "sort" && v === "worst")) p.set(pair[1], v); else p.delete(pair[1]);
    });
    p.delete("page");
    return p;
  }

  function renderList() {
    var p = params();
    syncForm(p);
    var started = performance.now();
    var found = filtered(p);
    var size = meta.page || 50;
    var pages = Math.max(1, Math.ceil(found.length / size));
    var page = Math.min(Math.max(1, parseInt(p.get("page") || "1", 10) || 1), pages);
    var body = clear($("rows").tBodies[0]);
    found.slice((page - 1) * size, page * size).forEach(function (i) { body.appendChild(listRow(i)); });
    var total = rows.id.length;
    var loading = loadedChunks < meta.list.length ? " (loading: " + fmt(total) + " of " + fmt(meta.articles) + " so far)" : "";
    var extra = [];
    if (p.get("file")) extra.push("source file " + p.get("file"));
    if (p.get("month")) extra.push("published " + p.get("month"));
    $("list-status").textContent = fmt(found.length) + " of " + fmt(meta.articles) + " articles" +
      (extra.length ? " · " + extra.join(" · ") : "") + loading + " · " + Math.round(performance.now() - started) + " ms";
    renderPager(p, page, pages);
  }

  function listRow(i) {
    var tr = el("tr");
    tr.appendChild(el("td", rows.st[i] ? "fail" : "pass", rows.st[i] ? "fail" : "pass"));
    var cell = el("td", "article-cell");
    cell.appendChild(link(articleHref(rows.id[i]), rows.id[i], "aid"));
    if (rows.ti[i]) cell.appendChild(el("span", "title", " " + rows.ti[i]));
    cell.appendChild(el("div", "excerpt", rows.ex[i]));
    tr.appendChild(cell);
    var nf = el("td", "num" + (rows.nf[i] ? " sev-" + SEV[rows.wv[i]] : ""), rows.nf[i] || "");
    tr.appendChild(nf);
    tr.appendChild(el("td", null, meta.publishers[rows.pb[i]] || ""));
    tr.appendChild(el("td", null, meta.languages[rows.lg[i]] || ""));
    tr.appendChild(el("td", null, rows.dt[i] || ""));
    return tr;
  }

  function renderPager(p, page, pages) {
    var nav = clear($("pager"));
    function go(n, label) {
      var q = new URLSearchParams(p);
      q.set("page", n);
      var a = link("#list?" + q.toString(), label);
      if (n === page) a.className = "current";
      nav.appendChild(a);
    }
    if (page > 1) go(page - 1, "‹ previous");
    var seen = {};
    [1, page - 2, page - 1, page, page + 1, page + 2, pages].forEach(function (n) {
      if (n >= 1 && n <= pages && !seen[n]) { seen[n] = true; go(n, String(n)); }
    });
    if (page < pages) go(page + 1, "next ›");
  }

  /* ---------- the article view ---------- */
  function renderArticle(id) {
    var section = clear($("article"));
    section.appendChild(el("p", "meta", "Loading " + id + "…"));
    loadMeta().then(function () {
      return load("view-" + crc32(id) % meta.view_files);
    }).then(function (part) {
      if (location.hash.slice(1).indexOf("a/") !== 0) return null;
      var a = Object.prototype.hasOwnProperty.call(part, id) ? part[id] : null;
      if (a) { drawArticle(clear(section), a); return null; }
      return loadList().then(function () { drawMissing(clear(section), id); });
    }).catch(function (e) { clear(section).appendChild(el("p", "bad", String(e))); });
  }

  /* An article past the report's size budget: what the list knows, and where the rest is. */
  function drawMissing(section, id) {
    section.appendChild(link("#list", "‹ article list", "back"));
    var i = idIndex.get(id);
    if (i === undefined) { section.appendChild(el("p", "bad", "No article with id " + id + " in this report.")); return; }
    var h = el("h2");
    h.appendChild(el("span", rows.st[i] ? "fail" : "pass", rows.st[i] ? "fail" : "pass"));
    h.appendChild(document.createTextNode(" " + id));
    section.appendChild(h);
    if (rows.ti[i]) section.appendChild(el("p", "article-title", rows.ti[i]));
    var checks = rows.ck[i].map(function (c) { return meta.checks[c]; }).join(", ");
    section.appendChild(el("p", null, rows.nf[i] + " finding" + (rows.nf[i] === 1 ? "" : "s") + (checks ? " (" + checks + ")" : "") +
      " · " + (meta.publishers[rows.pb[i]] || "no publisher") + " · " + (meta.languages[rows.lg[i]] || "language unknown") +
      " · " + (rows.dt[i] || "no date") + " · " + (meta.files[rows.sf[i]] || "")));
    section.appendChild(el("p", "meta", "This article's view is past the report's size budget (" + fmt(meta.views.none) +
      " of " + fmt(meta.articles) + " articles, the mildest last): its findings are in findings.jsonl and its text and provenance in articles.parquet."));
  }

  function drawArticle(section, a) {
    var back = link("#list", "‹ article list", "back");
    section.appendChild(back);
    var h = el("h2");
    h.appendChild(el("span", a.status, a.status));
    h.appendChild(document.createTextNode(" " + a.article_id));
    section.appendChild(h);
    if (a.title) section.appendChild(el("p", "article-title", a.title));
    section.appendChild(provenance(a));
    var cols = el("div", "cols");
    var left = el("div");
    left.appendChild(el("h3", null, "Text"));
    left.appendChild(textBlock(a));
    if (a.clean) {
      var d = el("details", "clean");
      d.appendChild(el("summary", null, "Clean text (without the boilerplate, paywall and metadata lines: " + fmt(a.clean_len) + " characters)"));
      d.appendChild(el("div", "text", a.clean));
      if (a.clean_len > a.clean.length) d.appendChild(el("p", "meta", "first " + fmt(a.clean.length) + " characters; all of it is in articles.parquet (clean_text)"));
      left.appendChild(d);
    } else if (a.clean_len && !a.whole) {
      left.appendChild(el("p", "meta", "Clean text: " + fmt(a.clean_len) + " characters, in articles.parquet (clean_text)."));
    }
    cols.appendChild(left);
    var right = el("div");
    right.appendChild(el("h3", null, a.f.length + " finding" + (a.f.length === 1 ? "" : "s")));
    right.appendChild(findingList(a));
    cols.appendChild(right);
    section.appendChild(cols);
    window.scrollTo(0, 0);
  }

  function provenance(a) {
    var table = el("table", "provenance");
    function row(label, value) {
      if (value === null || value === undefined || value === "") return;
      var tr = el("tr");
      tr.appendChild(el("th", null, label));
      var td = el("td");
      if (value instanceof Node) td.appendChild(value); else td.textContent = String(value);
      tr.appendChild(td);
      table.appendChild(tr);
    }
    row("source", a.source_uri);
    row("source sha256", a.source_sha256);
    row("content sha256", a.content_sha256);
    row("published", (a.published || "unknown") + " (from " + (a.published_from || "none") + ")");
    row("publisher", a.publisher);
    if (a.url) {
      // only web addresses become links: a javascript: or data: url stays text
      row("url", /^https?:\/\//i.test(a.url) ? link(a.url, a.url) : a.url + " (not a web address: not linked)");
    }
    row("language", a.language ? a.language + (a.language_prob != null ? " (" + Number(a.language_prob).toFixed(2) + ")" : "") : "unknown");
    row("author", a.author);
    row("not checked", notChecked(a));
    row("encoding repaired", a.encoding_fixed ? JSON.stringify(a.encoding_fixed) : null);
    if (a.duplicate_cluster) {
      var shown = meta.clusters.indexOf(a.duplicate_cluster) >= 0;
      row("duplicate cluster", shown ? link("#c/" + encodeURIComponent(a.duplicate_cluster), a.duplicate_cluster + ": side by side")
        : a.duplicate_cluster + " (not among the clusters drawn in this report; see articles.parquet)");
    }
    row("text", fmt(a.len) + " characters" + (a.whole ? "" : a.pieces.length ? ", shown in pieces around the findings" : ", not in this report"));
    return table;
  }

  // checks that did not judge the article: a language they do not support, or an error
  // (check_failures: JSON {check: "ExceptionType: message"}, only in runs where one raised)
  function notChecked(a) {
    var failed = a.check_failures ? JSON.parse(a.check_failures) : {};
    var skipped = a.not_checked ? a.not_checked.split(",") : [];
    var unsupported = skipped.filter(function (c) { return !(c in failed); });
    var parts = Object.keys(failed).map(function (c) { return c + ": failed (" + failed[c] + ")"; });
    if (unsupported.length) parts.push(unsupported.join(",") + " (language not supported)");
    return parts.length ? parts.join("; ") : null;
  }

  function textBlock(a) {
    var box = el("div", "text");
    var spans = [];
    a.f.forEach(function (f, k) { if (f[2] !== null && f[3] !== null) spans.push({ n: k + 1, s: f[2], e: f[3], sev: f[1] }); });
    var at = 0;
    if (!a.pieces.length) {
      box.appendChild(el("p", "meta", a.len ? "The text is not in this report (the report carries whole texts for the worst articles first, up to its size budget): it is in articles.parquet." : "(empty text)"));
    }
    a.pieces.forEach(function (piece) {
      var start = piece[0], text = piece[1];
      if (start > at) box.appendChild(el("div", "gap", "… " + fmt(start - at) + " characters not shown …"));
      drawPiece(box, text, start, spans);
      at = start + text.length;
    });
    if (a.pieces.length && at < a.len) box.appendChild(el("div", "gap", "… " + fmt(a.len - at) + " characters not shown (all in articles.parquet) …"));
    return box;
  }

  function drawPiece(box, text, offset, spans) {
    var end = offset + text.length;
    var mine = spans.filter(function (s) { return s.s < end && s.e > offset || (s.s === s.e && s.s >= offset && s.s < end); });
    var cuts = [offset, end];
    mine.forEach(function (s) { cuts.push(Math.max(offset, Math.min(s.s, end)), Math.max(offset, Math.min(s.e, end))); });
    cuts = Array.from(new Set(cuts)).sort(function (x, y) { return x - y; });
    for (var k = 0; k < cuts.length; k++) {
      var left = cuts[k], right = k + 1 < cuts.length ? cuts[k + 1] : left;
      mine.forEach(function (s) {
        if (Math.max(s.s, offset) === left) {
          var sup = el("sup", "n sev-" + s.sev, s.n);
          sup.setAttribute("data-n", s.n);
          sup.title = "finding " + s.n;
          box.appendChild(sup);
        }
      });
      if (right <= left) continue;
      var covering = mine.filter(function (s) { return s.s <= left && right <= s.e; });
      var piece = text.slice(left - offset, right - offset);
      if (!covering.length) { box.appendChild(document.createTextNode(piece)); continue; }
      var worst = covering.reduce(function (w, s) { return SEV.indexOf(s.sev) < SEV.indexOf(w) ? s.sev : w; }, "info");
      var mark = el("mark", "m-" + worst, piece);
      mark.title = "finding " + covering.map(function (s) { return s.n; }).join(", ");
      mark.setAttribute("data-n", covering[0].n);
      box.appendChild(mark);
    }
  }

  function findingList(a) {
    var ol = el("ol", "findings");
    a.f.forEach(function (f, k) {
      var li = el("li");
      li.value = k + 1;
      li.id = "f-" + (k + 1);
      li.appendChild(el("span", "sev-" + f[1], f[1]));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("code", null, f[0]));
      li.appendChild(el("div", "message", f[4]));
      if (f[2] !== null) li.appendChild(el("div", "meta", "characters " + fmt(f[2]) + "–" + fmt(f[3])));
      if (f[5]) li.appendChild(el("div", "excerpt", f[5]));
      if (f[6]) {
        var rel = el("div", "related", "other article: ");
        rel.appendChild(link(articleHref(f[6]), f[6]));
        li.appendChild(rel);
      }
      if (f[7]) li.appendChild(reason(f[7]));
      ol.appendChild(li);
    });
    return ol;
  }

  function reason(data) {
    var table = el("table", "reason");
    Object.keys(data).forEach(function (key) {
      var value = data[key];
      var tr = el("tr");
      tr.appendChild(el("th", null, key));
      tr.appendChild(el("td", null, typeof value === "string" ? value : JSON.stringify(value)));
      table.appendChild(tr);
    });
    return table;
  }

  /* ---------- the cluster view ---------- */
  function renderCluster(id) {
    var section = clear($("cluster"));
    load("clusters").then(function (clusters) {
      var c = clusters.filter(function (x) { return x.id === id; })[0];
      if (!c) { section.appendChild(el("p", "bad", "No cluster " + id + " in this report.")); return; }
      section.appendChild(link(articleHref(c.id), "‹ " + c.id, "back"));
      section.appendChild(el("h2", null, "Cluster " + c.id + " · " + c.size + " articles"));
      section.appendChild(el("p", "meta", "Members side by side (at most three); marked words differ from the cluster's original, the first column."));
      var grid = el("div", "side-by-side");
      grid.classList.add("n" + c.members.length);
      c.members.forEach(function (m) {
        var col = el("div");
        col.appendChild(link(articleHref(m.id), m.id));
        var box = el("div", "text");
        m.segments.forEach(function (s) {
          box.appendChild(s[1] ? el("mark", "m-warning", s[0]) : document.createTextNode(s[0]));
        });
        if (m.cut) box.appendChild(el("div", "gap", "… " + fmt(m.cut) + " more characters …"));
        col.appendChild(box);
        grid.appendChild(col);
      });
      section.appendChild(grid);
    }).catch(function (e) { section.appendChild(el("p", "bad", String(e))); });
  }

  /* ---------- routing: #, #list?..., #a/ID, #c/ID ---------- */
  function show(name) {
    ["overview", "list", "article", "cluster"].forEach(function (s) { $(s).hidden = s !== name; });
  }

  function route() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("a/") === 0) { show("article"); renderArticle(decodeURIComponent(hash.slice(2))); return; }
    if (hash.indexOf("c/") === 0) { show("cluster"); loadMeta().then(function () { renderCluster(decodeURIComponent(hash.slice(2))); }); return; }
    if (hash.indexOf("list") === 0) {
      show("list");
      var onList = function () { return location.hash.slice(1).indexOf("list") === 0; };
      // while chunks arrive the first pages show; once all are in, the full list
      loadList(function () { if (onList() && loadedChunks === 1 && meta.list.length > 1) renderList(); })
        .then(function () { if (onList()) renderList(); })
        .catch(function (e) { $("list-status").textContent = String(e); });
      return;
    }
    show("overview");
  }

  function wireForm() {
    var timer = null;
    function apply() {
      if (!meta || !rows) return;
      history.replaceState(null, "", "#list?" + formParams().toString());
      renderList();
    }
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    $("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    ["f-check", "f-severity", "f-status", "f-publisher", "f-language", "sort"].forEach(function (id) {
      $(id).addEventListener("change", apply);
    });
    $("reset").addEventListener("click", function () { location.hash = "#list"; });
    document.addEventListener("click", function (e) {
      var sup = e.target.closest && e.target.closest("sup.n, mark[data-n]");
      if (!sup) return;
      var li = $("f-" + sup.getAttribute("data-n"));
      if (li) { li.scrollIntoView({ block: "center" }); li.classList.add("flash"); setTimeout(function () { li.classList.remove("flash"); }, 900); }
    });
  }

  window.addEventListener("hashchange", route);
  wireForm();
  route();
})();
