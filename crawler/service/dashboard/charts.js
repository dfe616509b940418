// Line charts as inline SVG, drawn by hand: no chart library, nothing fetched.
// Thresher.lineChart(points, options) -> <figure> holding an <svg>. Each point: {x: Date, y: number}.
"use strict";

window.Thresher = window.Thresher || {};

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 300, HEIGHT = 140;
  const PAD = { left: 42, right: 10, top: 12, bottom: 24 };

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    return node;
  }

  function niceMax(value) {
    if (value <= 0) return 1;
    const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) {
      if (step * magnitude >= value) return step * magnitude;
    }
    return 10 * magnitude;
  }

  function format(value, kind) {
    if (value === null || value === undefined) return "—";
    if (kind === "percent") return `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)}%`;
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
  }

  Thresher.lineChart = function lineChart(points, options) {
    const kind = options.kind || "number";
    const data = points.filter((p) => p.y !== null && p.y !== undefined && !Number.isNaN(p.y));
    const figure = document.createElement("figure");
    figure.className = "chart";
    figure.dataset.metric = options.metric;
    const caption = document.createElement("figcaption");
    const last = data.length ? data[data.length - 1].y : null;
    caption.textContent = `${options.title}: ${format(last, kind)}`;
    const svg = svgEl("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img",
                               "aria-label": options.title, "data-points": data.length });
    const innerW = WIDTH - PAD.left - PAD.right, innerH = HEIGHT - PAD.top - PAD.bottom;
    const top = kind === "percent" ? 1 : niceMax(Math.max(0, ...data.map((p) => p.y)));
    const xs = data.map((p) => p.x.getTime());
    const x0 = Math.min(...xs), x1 = Math.max(...xs);
    const xOf = (t) => PAD.left + (x1 === x0 ? innerW / 2 : ((t - x0) / (x1 - x0)) * innerW);
    const yOf = (v) => PAD.top + innerH - (v / top) * innerH;

    for (const tick of [0, top / 2, top]) {  // horizontal grid with labels
      const y = yOf(tick);
      svg.append(svgEl("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: "grid" }));
      const label = svgEl("text", { x: PAD.left - 4, y: y + 4, "text-anchor": "end", class: "tick" });
      label.textContent = format(tick, kind);
      svg.append(label);
    }
    if (!data.length) {
      const empty = svgEl("text", { x: WIDTH / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "empty" });
      empty.textContent = "no runs yet";
      svg.append(empty);
    } else {
      const path = data.map((p, i) => `${i ? "L" : "M"}${xOf(p.x.getTime()).toFixed(1)},${yOf(p.y).toFixed(1)}`);
      svg.append(svgEl("path", { d: path.join(" "), class: "series" }));
      for (const p of data) {
        const dot = svgEl("circle", { cx: xOf(p.x.getTime()).toFixed(1), cy: yOf(p.y).toFixed(1), r: 3,
                                      class: "point", "data-value": p.y });
        const tip = svgEl("title", {});
        tip.textContent = `${Thresher.when(p.x.toISOString())}: ${format(p.y, kind)}`;
        dot.append(tip);
        svg.append(dot);
      }
      for (const [t, anchor] of (x1 === x0 ? [[x0, "middle"]] : [[x0, "start"], [x1, "end"]])) {
        const label = svgEl("text", { x: xOf(t), y: HEIGHT - 6, "text-anchor": anchor, class: "tick" });
        label.textContent = new Date(t).toISOString().slice(5, 16).replace("T", " ");
        svg.append(label);
      }
    }
    figure.append(caption, svg);
    return figure;
  };
})();
