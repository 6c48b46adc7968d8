/* quotetrace view: the inspector. Reads each document's data and shows the trace of what the
   pointer or the keyboard focus is on; a click or Enter pins it, Esc unpins. No network, no
   libraries. Safe to load twice (a notebook may show many results): documents are set up once. */
(function () {
  "use strict";
  var ROLES = ["source", "cue", "content", "addressee", "medium"];

  function h(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (attrs[key] === null || attrs[key] === undefined) return;
        if (key === "text") node.textContent = attrs[key];
        else if (key === "cls") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    function add(child) {
      if (child === null || child === undefined || child === false || child === "") return;
      if (Array.isArray(child)) child.forEach(add);
      else node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    }
    for (var i = 2; i < arguments.length; i++) add(arguments[i]);
    return node;
  }

  function where(rule) {
    if (!rule || !rule.file) return null;
    return h("span", { cls: "qt-where", text: rule.file + (rule.line ? ":" + rule.line : "") });
  }

  /* Rules and lexicon entries: in the document's data (a notebook), or once for the page. */
  var pagePack = null;
  function packOf(data) {
    if (data.rules) return data;
    if (pagePack === null) {
      var script = document.getElementById("qt-pack");
      pagePack = script ? JSON.parse(script.textContent) : { rules: {}, entries: {} };
    }
    return pagePack;
  }
  function ruleInfo(data, ruleId) { return packOf(data).rules[ruleId] || {}; }
  function entryInfo(data, key) { return packOf(data).entries[key] || { lexicon: key }; }

  function ruleBlock(data, ruleId) {
    var rule = ruleInfo(data, ruleId);
    var out = [h("h4", { text: "Rule" }), h("p", null, h("code", { text: ruleId }), " ", where(rule))];
    if (rule.description) out.push(h("p", { cls: "qt-desc", text: rule.description }));
    if (rule.pattern) out.push(h("pre", { cls: "qt-pattern", text: rule.pattern }));
    else out.push(h("p", { cls: "qt-none", text: "Pattern and description: give the rule pack the record was made with." }));
    return out;
  }

  /* Long passages keep their beginning and end, as the report's Python side clips them. */
  function clip(text, width) {
    width = width || 240;
    text = text.replace(/\s+/g, " ").trim();
    if (text.length <= width) return text;
    return text.slice(0, Math.floor(width * 2 / 3)) + " … " + text.slice(text.length - Math.floor(width / 4));
  }

  function capturesBlock(trace, words) {
    var rows = [];
    if (trace.match) rows.push(h("tr", null, h("td", { text: "match" }), h("td", { cls: "qt-quote", text: words(trace.match) }), h("td", { cls: "qt-off", text: trace.match[0] + "–" + trace.match[1] })));
    Object.keys(trace.captures || {}).forEach(function (name) {
      trace.captures[name].forEach(function (span, index) {
        rows.push(h("tr", null, h("td", { text: index ? "" : name }), h("td", { cls: "qt-quote", text: words(span) }), h("td", { cls: "qt-off", text: span[0] + "–" + span[1] })));
      });
    });
    if (!rows.length) return [];
    return [h("h4", { text: "Captures" }), h("table", { cls: "qt-caps" }, h("tbody", null, rows))];
  }

  function lexiconBlock(data, trace, words) {
    if (!trace.lexicon || !trace.lexicon.length) return [];
    var rows = trace.lexicon.map(function (item) {
      var hit = entryInfo(data, item[0]), span = item.slice(1);
      var attrs = Object.keys(hit.attributes || {}).map(function (k) { return k + "=" + hit.attributes[k]; });
      var entry = "@" + hit.lexicon + (hit.entry ? " “" + hit.entry + "”" : " (no entry of its own)") + (attrs.length ? " (" + attrs.join(", ") + ")" : "");
      var outside = trace.match && (span[0] >= trace.match[1] || span[1] <= trace.match[0]);
      var place = hit.file ? hit.file + ":" + hit.line : (hit.line ? "line " + hit.line : "");
      return h("tr", null, h("td", { cls: "qt-quote", text: "“" + words(span) + "”" }),
        h("td", null, entry, outside ? h("span", { cls: "qt-none", text: " — looked at after the match" }) : null,
          place ? h("div", { cls: "qt-where", text: place }) : null));
    });
    return [h("h4", { text: "Lexicon entries" }), h("table", { cls: "qt-caps qt-lex" }, h("tbody", null, rows))];
  }

  function stepsBlock(trace) {
    if (!trace.steps || !trace.steps.length) return [];
    return [h("h4", { text: "Then the assembly steps" }), h("ol", { cls: "qt-steps" }, trace.steps.map(function (step) {
      return h("li", null, h("code", { text: step[0] }), step[1] ? " — " + step[1] : "");
    }))];
  }

  function linkBlock(link, title) {
    if (!link) return [];
    return [h("h4", { text: title }), h("p", { cls: "qt-link" }, h("code", { text: link.rule }), link.note ? " — " + link.note : "")];
  }

  function setUp(section) {
    if (section.getAttribute("data-ready")) return;
    section.setAttribute("data-ready", "1");
    var script = section.querySelector("script.qt-data");
    if (!script) return;
    var data = JSON.parse(script.textContent);
    var panel = section.querySelector(".qt-panel");
    var text = section.querySelector(".qt-text");
    var hint = panel ? panel.innerHTML : "";
    var documentText = data.full && text ? text.textContent : null;
    /* The words of a span: from the page's text, which is the document, or from the data. */
    function words(span) { return span.length > 2 ? span[2] : clip(documentText.slice(span[0], span[1])); }
    var pinned = null, shown = null;

    function same(a, b) { return a && b && a.att === b.att && a.actor === b.actor && a.m === b.m; }

    function targetOf(node) {
      if (!node || !node.closest || !section.contains(node)) return null;
      var row = node.closest("tr[data-att], tr[data-actor]");
      if (row) return { att: row.getAttribute("data-att"), actor: row.getAttribute("data-actor"), m: null };
      var role = node.closest(".qt-text [data-att]"), mention = node.closest(".qt-text [data-actor]");
      if (!role && !mention) return null;
      return { att: role ? role.getAttribute("data-att") : null, actor: mention ? mention.getAttribute("data-actor") : null,
               m: mention ? Number(mention.getAttribute("data-m")) : null };
    }

    function marks(selector) { return Array.prototype.slice.call(section.querySelectorAll(selector)); }

    function highlight(target) {
      marks(".qt-on").forEach(function (node) { node.classList.remove("qt-on"); });
      if (!target) return;
      if (target.att) marks('[data-att="' + target.att + '"]').forEach(function (n) { n.classList.add("qt-on"); });
      if (target.actor) marks('[data-actor="' + target.actor + '"]').forEach(function (n) { n.classList.add("qt-on"); });
    }

    function jump(target) {
      var node = target.att ? section.querySelector('.qt-text [data-att="' + target.att + '"][data-role="cue"]')
        : section.querySelector('.qt-text [data-actor="' + target.actor + '"][data-m="' + (target.m === null ? 0 : target.m) + '"]');
      if (node && node.scrollIntoView) node.scrollIntoView({ block: "center", behavior: "smooth" });
      return node;
    }

    function heading(label, extra) {
      var head = h("h3", null, label, extra);
      if (pinned) head.appendChild(h("span", { cls: "qt-badge qt-pinned", text: "Pinned" }));
      if (pinned) {
        var unpin = h("button", { type: "button", cls: "qt-unpin", text: "Unpin (Esc)" });
        unpin.addEventListener("click", function (event) { event.stopPropagation(); unpinNow(); });
        head.appendChild(unpin);
      }
      return head;
    }

    function jumpButton(label, target) {
      var button = h("button", { type: "button", cls: "qt-unpin", text: label });
      button.addEventListener("click", function (event) { event.stopPropagation(); pin(target); jump(target); });
      return button;
    }

    function attributionCard(id) {
      var att = data.atts[id];
      if (!att) return null;
      var trace = att.trace || {};
      var children = Object.keys(data.atts).filter(function (other) { return data.atts[other].parent === id; });
      var nesting = [];
      if (att.parent) nesting.push("Nested in ", jumpButton(att.parent, { att: att.parent, actor: null, m: null }), " ");
      if (children.length) nesting.push("Contains ", children.map(function (c) { return jumpButton(c, { att: c, actor: null, m: null }); }));
      var roles = [];
      ROLES.forEach(function (role) {
        var spans = att.roles[role];
        if (!spans || !spans.length) return;
        var dd = h("dd", null, spans.map(words).join(" … "));
        if (role === "source" && att.actor && data.actors[att.actor]) {
          var actor = data.actors[att.actor];
          dd.appendChild(h("span", { cls: "qt-aka", text: " → " + actor.name + " (" + actor.kind + ")" }));
        }
        roles.push(h("dt", null, h("span", { cls: "qt-key qt-k-" + role, text: role })), dd);
      });
      var linked = [];
      if (att.actor && data.actors[att.actor] && att.roles.source) {
        var source = att.roles.source[0], actor = data.actors[att.actor];
        var mention = actor.mentions.filter(function (m) { return m.span[0] >= source[0] && m.span[1] <= source[1]; })[0];
        if (mention && mention.trace && mention.trace.link) {
          linked = linkBlock(mention.trace.link, "Source linked to " + actor.name);
          linked[1].insertBefore(document.createTextNode("“" + words(mention.span) + "”: "), linked[1].firstChild);
        }
      }
      return h("div", { cls: "qt-card", "data-card": "attribution" },
        heading("Attribution " + id, h("span", { cls: "qt-badge", text: att.kind })),
        nesting.length ? h("p", { cls: "qt-nest" }, nesting) : null,
        h("dl", { cls: "qt-roles" }, roles),
        ruleBlock(data, trace.rule), capturesBlock(trace, words), lexiconBlock(data, trace, words), stepsBlock(trace), linked);
    }

    function actorCard(id, index) {
      var actor = data.actors[id];
      if (!actor) return null;
      var mentions = actor.mentions.map(function (m, i) {
        var button = h("button", { type: "button", title: m.type + ", offset " + m.span[0], text: words(m.span), "aria-current": i === index ? "true" : null });
        button.addEventListener("click", function (event) { event.stopPropagation(); var t = { att: null, actor: id, m: i }; pin(t); jump(t); });
        return h("li", null, button);
      });
      var out = [heading(h("span", { cls: "qt-chip", text: String(actor.n) }), [" " + actor.name + " ", h("span", { cls: "qt-badge", text: actor.kind })])];
      if (actor.titles.length) out.push(h("p", null, "Titles: " + actor.titles.join("; ")));
      out.push(h("p", { cls: "qt-aka", text: actor.mentions.length + " mention" + (actor.mentions.length === 1 ? "" : "s") + " · quoted " + actor.quoted + " time" + (actor.quoted === 1 ? "" : "s") }));
      out.push(h("h4", { text: "Mentions" }), h("ul", { cls: "qt-mentions" }, mentions));
      var mention = index === null || index === undefined ? null : actor.mentions[index];
      if (mention && mention.trace) {
        out.push(h("h4", { text: "This mention" }), h("p", null, h("span", { cls: "qt-quote", text: "“" + words(mention.span) + "”" }), " — " + mention.type + ", offset " + mention.span[0] + "–" + mention.span[1]));
        out = out.concat(linkBlock(mention.trace.link, "Linked by"), ruleBlock(data, mention.trace.rule), capturesBlock(mention.trace, words), lexiconBlock(data, mention.trace, words), stepsBlock(mention.trace));
      }
      return h("div", { cls: "qt-card", "data-card": "actor" }, out);
    }

    function show(target) {
      if (same(target, shown)) return;
      shown = target;
      highlight(target);
      if (!panel) return;
      if (!target) { panel.innerHTML = hint; return; }
      panel.textContent = "";
      if (target.att) { var a = attributionCard(target.att); if (a) panel.appendChild(a); }
      if (target.actor) { var b = actorCard(target.actor, target.m); if (b) panel.appendChild(b); }
    }

    function pin(target) { pinned = target; shown = null; show(target); }
    function unpinNow() { var was = pinned; pinned = null; shown = null; show(was); }

    section.addEventListener("mouseover", function (event) {
      if (pinned) return;
      var target = targetOf(event.target);
      if (target) show(target);
    });
    section.addEventListener("focusin", function (event) {
      var target = targetOf(event.target);
      if (target && !pinned) show(target);
    });
    section.addEventListener("click", function (event) {
      var target = targetOf(event.target);
      if (text && text.contains(event.target)) {
        var place = new CustomEvent("qt-place", { bubbles: true, detail: { offset: offsetAt(event), target: target, event: event } });
        section.dispatchEvent(place);
        if (place.defaultPrevented) return;
      }
      if (!target) return;
      if (same(target, pinned)) unpinNow(); else pin(target);
    });
    section.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && pinned) { unpinNow(); event.preventDefault(); return; }
      if (event.key !== "Enter" && event.key !== " ") return;
      var target = targetOf(event.target);
      if (!target || !event.target.hasAttribute("tabindex")) return;
      event.preventDefault();
      if (same(target, pinned)) unpinNow(); else { pin(target); if (event.target.tagName === "TR") jump(target); }
    });

    /* The character offset of a click in the text, counted as the document counts it: the
       text content of .qt-text is the document, so the offset is the length of the text before. */
    function offsetAt(event) {
      var node = null, offset = 0;
      if (document.caretPositionFromPoint) {
        var position = document.caretPositionFromPoint(event.clientX, event.clientY);
        if (position) { node = position.offsetNode; offset = position.offset; }
      } else if (document.caretRangeFromPoint) {
        var range = document.caretRangeFromPoint(event.clientX, event.clientY);
        if (range) { node = range.startContainer; offset = range.startOffset; }
      }
      if (!node || !text.contains(node)) return null;
      var before = document.createRange();
      before.setStart(text, 0);
      before.setEnd(node, offset);
      return before.toString().length;
    }

    function fromHash() {
      var id = decodeURIComponent((window.location.hash || "").slice(1));
      if (!id) return;
      var node = document.getElementById(id);
      if (!node || !section.contains(node) || !node.getAttribute("data-att")) return;
      var target = { att: node.getAttribute("data-att"), actor: null, m: null };
      pin(target);
      node.scrollIntoView({ block: "center" });
      if (node.focus) node.focus({ preventScroll: true });
    }
    window.addEventListener("hashchange", fromHash);
    fromHash();
    section.quotetrace = { show: show, pin: pin, unpin: unpinNow, data: data };
  }

  function setUpAll(root) {
    root = root || document;
    Array.prototype.forEach.call(root.querySelectorAll(".qt-doc"), setUp);
    Array.prototype.forEach.call(root.querySelectorAll(".qt-toggle"), function (box) {
      if (box.getAttribute("data-ready")) return;
      box.setAttribute("data-ready", "1");
      box.addEventListener("change", function () {
        var view = box.closest(".qt-view");
        if (view) view.classList.toggle(box.getAttribute("data-class"), box.checked);
      });
    });
  }

  window.quotetraceView = { setUp: setUp, setUpAll: setUpAll, h: h };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setUpAll(); });
  else setUpAll();
})();
