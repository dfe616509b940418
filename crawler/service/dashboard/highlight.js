// Mark removed texts inside a document: Thresher.highlight(doc, root, items) -> found flags.
// Matching ignores whitespace entirely, so a removed line matches even when the page splits
// it across elements ("Powered by <a>X</a>, <a>sitemap</a>") or lays it out differently.
"use strict";

window.Thresher = window.Thresher || {};

(function () {
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "MARK"]);

  function squeeze(text) {
    return text.replace(/\s+/g, "").replace(/(…|\.\.\.)$/, "");
  }

  function textIndex(doc, root) {
    const nodes = [];
    const positions = [];  // for each kept character: [node index, offset in node]
    let flat = "";
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement && SKIP.has(node.parentElement.tagName)
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const data = node.data;
      for (let i = 0; i < data.length; i++) {
        if (!/\s/.test(data[i])) {
          flat += data[i];
          positions.push([nodes.length, i]);
        }
      }
      nodes.push(node);
    }
    return { nodes, positions, flat };
  }

  function find(flat, needle, taken) {
    if (needle.length < 2) return -1;
    let from = 0;
    for (;;) {
      const at = flat.indexOf(needle, from);
      if (at < 0) return -1;
      if (!taken.some(([s, e]) => at < e && s < at + needle.length)) return at;
      from = at + 1;
    }
  }

  Thresher.highlight = function highlight(doc, root, items) {
    const { nodes, positions, flat } = textIndex(doc, root);
    const lowerFlat = flat.toLowerCase();
    const taken = [];
    const segments = [];  // [node index, start, end, item]
    const found = items.map((item) => {
      let needle = squeeze(item.text || "");
      let at = find(flat, needle, taken);
      if (at < 0) at = find(lowerFlat, (needle = needle.toLowerCase()), taken);
      if (at < 0 && needle.length > 60) {  // a long text may have been cut short: its start
        needle = needle.slice(0, 60);
        at = find(lowerFlat, needle, taken);
      }
      if (at < 0) return false;
      taken.push([at, at + needle.length]);
      const byNode = new Map();
      for (let k = at; k < at + needle.length; k++) {
        const [n, offset] = positions[k];
        const span = byNode.get(n) || [offset, offset];
        byNode.set(n, [Math.min(span[0], offset), Math.max(span[1], offset + 1)]);
      }
      for (const [n, [start, end]] of byNode) segments.push([n, start, end, item]);
      return true;
    });
    // Wrap from the last character backwards so earlier offsets stay valid.
    segments.sort((a, b) => (b[0] - a[0]) || (b[1] - a[1]));
    for (const [n, start, end, item] of segments) {
      const middle = nodes[n].splitText(start);
      middle.splitText(end - start);
      const mark = doc.createElement("mark");
      mark.className = "thresher-removed";
      mark.dataset.rule = item.rule;
      mark.title = `removed: ${item.rule}`;
      mark.style.background = "#ffcf5c";
      mark.style.outline = "2px solid #d9480f";
      middle.parentNode.replaceChild(mark, middle);
      mark.append(middle);
    }
    return found;
  };
})();
