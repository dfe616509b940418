// The inspector: one record's text beside its page, with what extraction removed marked.
"use strict";

(function () {
  const { api, el, when, setStatus } = Thresher;

  function paragraphs(text) {
    return (text || "").split(/\n{2,}/).filter((p) => p.trim()).map((p) => el("p", {}, p));
  }

  function showRemovedTable(removed, found) {
    const body = document.querySelector("#removed tbody");
    const rows = removed.map((item, i) => el("tr", {},
      el("td", {}, el("code", {}, item.rule)),
      el("td", {}, item.text),
      el("td", { class: found[i] ? "found" : "not-found" }, found[i] ? "highlighted" : "not found")));
    body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 3 }, "Nothing was removed."))]));
  }

  function showArchivedPage(inspection) {
    const frame = document.getElementById("page-frame");
    document.getElementById("page-note").textContent =
      `The page as archived by the crawl (${inspection.page.url}); scripts and remote resources are taken out. Removed texts are marked.`;
    frame.hidden = false;
    frame.addEventListener("load", () => {
      const doc = frame.contentDocument;
      const found = Thresher.highlight(doc, doc.body || doc.documentElement, inspection.removed);
      showRemovedTable(inspection.removed, found);
      document.body.dataset.loaded = "true";
    }, { once: true });
    frame.srcdoc = inspection.page.html;
  }

  function showReconstruction(inspection) {
    const view = document.getElementById("page-reconstructed");
    document.getElementById("page-note").textContent =
      "The raw page was not archived (keep_pages off, or crawled before it was on). This is a reconstruction: the record's text, then each removed segment, marked; where the segments stood in the page is not known.";
    const removedBlocks = inspection.removed.map((item) => el("p", { class: "removed-block" }, item.text));
    view.replaceChildren(...paragraphs(inspection.record.text), el("hr"), ...removedBlocks);
    view.hidden = false;
    const found = Thresher.highlight(document, view, inspection.removed);
    showRemovedTable(inspection.removed, found);
    document.body.dataset.loaded = "true";
  }

  async function inspect(id) {
    setStatus("Loading…");
    try {
      const inspection = await api(`/v1/records/${encodeURIComponent(id)}/inspect`);
      const record = inspection.record;
      document.getElementById("inspection").hidden = false;
      document.getElementById("recent").hidden = true;
      document.getElementById("title").textContent = record.title || "(no title)";
      document.getElementById("meta").textContent =
        [record.source, record.site_name, record.original_source && `via ${record.original_source}`,
         record.published_at && `published ${record.published_at}`, `${record.word_count} words`,
         record.url].filter(Boolean).join(" · ");
      document.getElementById("record-text").replaceChildren(...paragraphs(record.text));
      document.getElementById("page-heading").textContent =
        inspection.page.available ? "Page (archived)" : "Page (reconstructed)";
      if (inspection.page.available) showArchivedPage(inspection);
      else showReconstruction(inspection);
      setStatus(`Record ${record.id}`);
    } catch (error) {
      setStatus(`Could not inspect ${id}: ${error.message}`, true);
    }
  }

  async function listRecent() {
    try {
      const feed = await api("/v1/feed");
      const since = Math.max(0, Number(feed.last_cursor) - 50);
      const page = await api(`/v1/records?since=${since}&limit=50`);
      const items = page.records.reverse().map((record) => el("li", {},
        el("a", { href: `/dashboard/inspector?id=${record.id}` }, record.title || record.url || record.id),
        ` — ${record.source || "?"}, ${when(record.fetched_at)}`));
      document.getElementById("recent-list").replaceChildren(
        ...(items.length ? items : [el("li", {}, "No records yet.")]));
      document.body.dataset.loaded = "true";
    } catch (error) {
      setStatus(`Could not list records: ${error.message}`, true);
    }
  }

  document.getElementById("pick").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = document.getElementById("record-id").value.trim();
    if (id) window.location.assign(`/dashboard/inspector?id=${encodeURIComponent(id)}`);
  });

  const id = new URLSearchParams(window.location.search).get("id");
  if (id) {
    document.getElementById("record-id").value = id;
    inspect(id);
  } else {
    listRecent();
  }
})();
