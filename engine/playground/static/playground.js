/* quotetrace playground: edit the rules, see the extractions and check's problems as you type,
   click a word to ask why each rule did or did not match there. Talks only to the server it
   came from; every change is sent as drafts, and the folder changes only on Save. */
(function () {
  "use strict";
  var h = window.quotetraceView.h;
  var token = document.querySelector('meta[name="quotetrace-token"]').content;
  var $ = function (id) { return document.getElementById(id); };
  var text = $("pg-text"), code = $("pg-code"), gutter = $("pg-gutter"), tabs = $("pg-tabs"), view = $("pg-view");
  var status = $("pg-status"), saveButton = $("pg-save"), problemsList = $("pg-problems"), whynot = $("pg-whynot");
  var files = [], original = {}, drafts = {}, current = null, scratch = null, problems = [], errors = 0;
  var timer = null, running = false, again = false, lastPlace = null;

  function setStatus(message, kind) {
    status.textContent = message;
    status.className = "pg-status" + (kind ? " pg-" + kind : "");
  }

  function api(path, body) {
    var options = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json", "X-Quotetrace-Token": token }, body: JSON.stringify(body) };
    return fetch(path, options).then(function (response) {
      return response.json().then(function (data) { data.httpStatus = response.status; return data; });
    });
  }

  /* The drafts sent with every request: the files whose text differs from the folder's. */
  function changed() {
    var out = {};
    Object.keys(drafts).forEach(function (path) {
      if (drafts[path] !== original[path]) out[path] = drafts[path];
    });
    return out;
  }

  function renderTabs() {
    tabs.textContent = "";
    var names = files.slice();
    if (scratch && names.indexOf(scratch.path) < 0) names.push(scratch.path);
    names.forEach(function (path) {
      var count = problems.filter(function (p) { return p.file === path && p.severity === "error"; }).length;
      var tab = h("button", { type: "button", role: "tab", cls: "pg-tab", "aria-selected": String(path === current), "data-path": path },
        path, drafts[path] !== undefined && drafts[path] !== original[path] ? h("span", { cls: "pg-dot", title: "edited", text: "●" }) : null,
        count ? h("span", { cls: "pg-err", title: count + " errors", text: String(count) }) : null);
      tab.addEventListener("click", function () { open(path); });
      tabs.appendChild(tab);
    });
  }

  function renderGutter() {
    var lines = code.value.split("\n").length;
    var marks = {};
    problems.forEach(function (p) { if (p.file === current && (!marks[p.line] || p.severity === "error")) marks[p.line] = p.severity; });
    gutter.textContent = "";
    for (var n = 1; n <= lines; n++) {
      gutter.appendChild(h("span", { cls: marks[n] ? "pg-line-" + marks[n] : null, text: String(n) }));
      gutter.appendChild(document.createTextNode("\n"));
    }
    gutter.scrollTop = code.scrollTop;
  }

  function open(path, line, column) {
    function show() {
      current = path;
      code.value = drafts[path];
      renderTabs();
      renderGutter();
      if (line) {
        var lines = code.value.split("\n"), at = 0;
        for (var i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
        at += Math.max(0, (column || 1) - 1);
        code.focus();
        code.setSelectionRange(at, Math.min(at + 1, code.value.length));
        var lineHeight = parseFloat(getComputedStyle(code).lineHeight) || 16;
        code.scrollTop = Math.max(0, (line - 5) * lineHeight);
        gutter.scrollTop = code.scrollTop;
      }
    }
    if (drafts[path] !== undefined) return show();
    if (scratch && path === scratch.path) { drafts[path] = scratch.text; original[path] = undefined; return show(); }
    api("/api/file?path=" + encodeURIComponent(path)).then(function (data) {
      if (data.error) { setStatus(data.error, "bad"); return; }
      original[path] = data.text;
      drafts[path] = data.text;
      show();
    });
  }

  function renderProblems() {
    problemsList.textContent = "";
    $("pg-problem-count").textContent = problems.length ? problems.length + "" : "none";
    problems.forEach(function (p) {
      var button = h("button", { type: "button" }, h("span", { cls: "pg-where", text: p.file + ":" + p.line + ":" + p.column }),
        h("span", { cls: "pg-sev pg-sev-" + p.severity, text: p.severity }), p.message);
      button.addEventListener("click", function () { open(p.file, p.line, p.column); });
      problemsList.appendChild(h("li", { "data-severity": p.severity, "data-file": p.file, "data-line": String(p.line) }, button));
    });
    if (!problems.length) problemsList.appendChild(h("li", { cls: "qt-none", text: "check finds nothing to report." }));
    renderTabs();
    renderGutter();
  }

  function updateSave() {
    var edited = Object.keys(changed()).length;
    saveButton.disabled = !edited || errors > 0 || running;
    saveButton.textContent = edited ? "Save " + edited + " file" + (edited === 1 ? "" : "s") : "Save";
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(run, delay === undefined ? 600 : delay);
  }

  function run() {
    if (running) { again = true; return; }
    running = true; again = false;
    var started = Date.now(), edited = Object.keys(changed()).length;
    setStatus(edited ? "Checking the pack with your edits and extracting… (a large pack takes a few seconds to compile)" : "Extracting…", "busy");
    updateSave();
    api("/api/run", { text: text.value, drafts: changed() }).then(function (data) {
      running = false;
      if (data.httpStatus !== 200) { setStatus(data.error || "the server refused", "bad"); updateSave(); return; }
      problems = data.problems; errors = data.errors;
      renderProblems();
      var seconds = ((Date.now() - started) / 1000).toFixed(1) + " s";
      if (data.html === undefined) {
        view.classList.add("pg-stale");
        if (!view.querySelector(".pg-stale-note")) view.insertBefore(h("p", { cls: "pg-stale-note", text: "The pack has errors (see Problems); these are the extractions from before." }), view.firstChild);
        setStatus(errors + (errors === 1 ? " error in the pack: fix it" : " errors in the pack: fix them") + " to see extractions · " + seconds, "bad");
      } else {
        view.classList.remove("pg-stale");
        view.innerHTML = data.html;
        window.quotetraceView.setUpAll(view);
        var c = data.counts || {};
        var warnings = problems.length - errors;
        setStatus((c.attributions || 0) + " attributions, " + (c.actors || 0) + " actors" + (warnings ? " · " + warnings + " warning" + (warnings === 1 ? "" : "s") : " · check is clean") + (edited ? " · with your edits, unsaved" : "") + " · " + seconds);
      }
      updateSave();
      if (again) run();
    }, function (error) { running = false; setStatus("The playground server is not answering (" + error + ")", "bad"); updateSave(); });
  }

  function save() {
    var edits = changed();
    if (!Object.keys(edits).length) return;
    setStatus("Saving…", "busy");
    api("/api/save", { drafts: edits }).then(function (data) {
      if (data.httpStatus !== 200) {
        if (data.problems && data.problems.length) { problems = data.problems; errors = problems.filter(function (p) { return p.severity === "error"; }).length; renderProblems(); }
        setStatus(data.error, "bad");
        updateSave();
        return;
      }
      data.saved.forEach(function (path) { original[path] = drafts[path]; });
      files = data.files;
      setStatus("Saved " + data.saved.join(", "));
      renderTabs();
      updateSave();
    });
  }

  /* The word asked about, highlighted in the text without touching the page's elements
     (the CSS Custom Highlight API; browsers without it show no highlight). */
  function markPlace(start, end) {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    CSS.highlights.delete("pg-place");
    var text = view.querySelector(".qt-text");
    if (!text) return;
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT), node, at = 0, range = document.createRange(), started = false;
    while ((node = walker.nextNode())) {
      var length = node.data.length;
      if (!started && start < at + length) { range.setStart(node, start - at); started = true; }
      if (started && end <= at + length) { range.setEnd(node, end - at); CSS.highlights.set("pg-place", new Highlight(range)); return; }
      at += length;
    }
  }

  function askWhyNot(offset) {
    lastPlace = offset;
    whynot.textContent = "";
    whynot.appendChild(h("p", { cls: "qt-hint", text: "Trying every rule at offset " + offset + "…" }));
    api("/api/whynot", { text: text.value, drafts: changed(), offset: offset, stage: $("pg-stage").value }).then(function (data) {
      whynot.textContent = "";
      if (data.httpStatus !== 200 || data.error) { whynot.appendChild(h("p", { cls: "qt-error", text: data.error })); return; }
      var tried = data.attempts.filter(function (a) { return a.steps; });
      var skipped = data.attempts.filter(function (a) { return !a.steps; });
      whynot.appendChild(h("p", null, "At ", h("strong", { cls: "qt-quote", text: "“" + data.word + "”" }), " (offset " + data.offset + "), stage " + data.stage + ": " +
        tried.length + (tried.length === 1 ? " rule gets" : " rules get") + " this far."));
      markPlace(data.offset, data.offset + data.word.length);
      tried.forEach(function (attempt, index) {
        var steps = attempt.steps.map(function (step) {
          var mark = { ok: "ok", fail: "FAIL", later: "…" }[step.state];
          var detail = step.state === "ok" ? (step.took ? "“" + step.took + "”" : "(nothing)") : step.state === "fail" ? (step.at !== undefined ? "no match at “" + step.at + "”" : "no match at the end of the text") : "";
          return h("li", { cls: "pg-" + step.state, "data-state": step.state }, h("span", { text: mark }),
            h("span", { cls: "pg-step", text: step.text + (step.inside.length ? "  in {" + step.inside.join("} in {") + "}" : "") }),
            h("span", { cls: "pg-took", text: detail }));
        });
        var details = h("details", { "data-rule": attempt.rule },
          h("summary", null, h("code", { text: attempt.rule }), " " + attempt.matched + " of " + attempt.total + " steps",
            h("span", { cls: "pg-outcome", text: attempt.outcome })),
          h("p", { cls: "qt-where", text: attempt.file + ":" + attempt.line }),
          attempt.description ? h("p", { cls: "qt-aka", text: attempt.description }) : null,
          h("ol", { cls: "pg-steps" }, steps));
        if (index < 3) details.open = true;
        whynot.appendChild(details);
      });
      if (skipped.length) {
        whynot.appendChild(h("details", null, h("summary", { text: skipped.length + " more rules were never tried here: each needs a word this text lacks" }),
          h("ul", null, skipped.map(function (a) { return h("li", null, h("code", { text: a.rule }), " " + a.outcome); }))));
      }
    });
  }

  text.addEventListener("input", function () { schedule(); });
  code.addEventListener("input", function () {
    drafts[current] = code.value;
    renderGutter();
    renderTabs();
    updateSave();
    schedule();
  });
  code.addEventListener("scroll", function () { gutter.scrollTop = code.scrollTop; });
  saveButton.addEventListener("click", save);
  $("pg-stage").addEventListener("change", function () { if (lastPlace !== null) askWhyNot(lastPlace); });
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); if (!saveButton.disabled) save(); }
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); schedule(0); }
  });
  view.addEventListener("qt-place", function (event) {
    var detail = event.detail;
    if (detail.offset === null || detail.offset === undefined) return;
    if (detail.target && !detail.event.altKey) return;  /* a click on a mark pins its trace */
    event.preventDefault();
    askWhyNot(detail.offset);
  });
  $("pg-file").addEventListener("change", function () {
    var file = this.files && this.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { text.value = String(reader.result); schedule(0); };
    reader.readAsText(file);
  });

  api("/api/state").then(function (state) {
    files = state.files;
    scratch = state.scratch;
    text.value = state.text;
    var first = files.indexOf("attributions.yaml") >= 0 ? "attributions.yaml" : files[0] || (scratch && scratch.path);
    if (first) open(first);
    renderProblems();
    run();
  });
  window.quotetracePlayground = { run: run, open: open, askWhyNot: askWhyNot, drafts: function () { return changed(); } };
})();
