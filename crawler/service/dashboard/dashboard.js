// The dashboard: sources with last and next run, drift charts per source, recent runs.
"use strict";

(function () {
  const { api, el, when, setStatus } = Thresher;
  const REFRESH_MS = 10000;
  const METRICS = [
    { metric: "median_word_count", title: "Median word count", kind: "number" },
    { metric: "empty_body_rate", title: "Empty-body rate", kind: "percent" },
    { metric: "clutter_lint_hits", title: "Clutter-lint hits", kind: "number" },
    { metric: "duplicate_rate", title: "Duplicate rate", kind: "percent" },
    { metric: "records", title: "Records per run", kind: "number", from: "run" },
    { metric: "errors", title: "Errors per run", kind: "number", from: "run" },
  ];

  function showAction(text, isError) {  // kept apart from the refresh status line
    const node = document.getElementById("action");
    node.textContent = text;
    node.classList.toggle("error", Boolean(isError));
  }

  function runSummary(run) {
    if (!run) return "never";
    const counts = run.records === null ? "" : ` · ${run.records} records, ${run.errors ?? "?"} errors`;
    return `${run.status} · ${when(run.started_at)}${counts}`;
  }

  async function runNow(name, button) {
    button.disabled = true;
    try {
      const body = await api("/v1/runs", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ source: name }),
      });
      showAction(`Started run ${body.run.id} of ${name}.`);
    } catch (error) {
      showAction(`${name}: ${error.message}`, true);
    }
    refresh();
  }

  function renderSources(sources) {
    const body = document.querySelector("#sources tbody");
    body.replaceChildren(...sources.map((source) => {
      const button = el("button", { type: "button", text: source.running ? "Running…" : "Run now" });
      button.disabled = source.running;
      button.addEventListener("click", () => runNow(source.name, button));
      return el("tr", { "data-source": source.name },
        el("td", {}, source.name),
        el("td", {}, el("code", {}, source.schedule || "manual only")),
        el("td", { class: `run-${source.last_run ? source.last_run.status : "none"}` }, runSummary(source.last_run)),
        el("td", {}, when(source.next_run)),
        el("td", { class: "num" }, source.records),
        el("td", {}, button));
    }));
  }

  function renderDrift(series, runsBySource) {
    const container = document.getElementById("drift");
    const blocks = Object.entries(series).map(([name, points]) => {
      const finished = points.filter((p) => p.drift && Object.keys(p.drift).length);
      const runs = runsBySource[name] || [];
      const charts = METRICS.map((m) => {
        const data = m.from === "run"
          ? runs.filter((r) => r.ended_at && r[m.metric] !== null).map((r) => ({ x: new Date(r.started_at), y: r[m.metric] }))
          : finished.map((p) => ({ x: new Date(p.started_at), y: p.drift[m.metric] }));
        return Thresher.lineChart(data, m);
      });
      return el("div", { class: "drift-source", "data-source": name },
        el("h3", {}, name), el("div", { class: "charts" }, ...charts));
    });
    container.replaceChildren(...(blocks.length ? blocks : [el("p", { class: "hint" }, "No sources configured.")]));
  }

  function renderRuns(runs) {
    const body = document.querySelector("#runs tbody");
    body.replaceChildren(...runs.map((run) => el("tr", { class: `run-${run.status}` },
      el("td", { class: "num" }, run.id),
      el("td", {}, run.source),
      el("td", {}, run.trigger),
      el("td", {}, run.status),
      el("td", {}, when(run.started_at)),
      el("td", {}, when(run.ended_at)),
      el("td", { class: "num" }, run.pages ?? "—"),
      el("td", { class: "num" }, run.records ?? "—"),
      el("td", { class: "num" }, run.errors ?? "—"),
      el("td", { class: "note" }, run.reason || ""))));
  }

  async function refresh() {
    try {
      const [sources, runs, drift] = await Promise.all([
        api("/v1/sources"), api("/v1/runs?limit=200"), api("/v1/drift?limit=100")]);
      renderSources(sources.sources);
      renderRuns(runs.runs.slice(0, 50));
      const bySource = {};
      for (const run of runs.runs.slice().reverse()) {
        (bySource[run.source] = bySource[run.source] || []).push(run);
      }
      renderDrift(drift.sources, bySource);
      setStatus(`Updated ${when(new Date().toISOString())}`);
      document.body.dataset.loaded = "true";
    } catch (error) {
      setStatus(`Could not load: ${error.message}`, true);
    }
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
