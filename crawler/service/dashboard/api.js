// Small helpers shared by the dashboard pages. The token cookie (HttpOnly) rides along on
// same-origin requests, so scripts never see the token.
"use strict";

window.Thresher = window.Thresher || {};

Thresher.api = async function api(path, options) {
  const response = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
  if (response.status === 401) {
    window.location.assign("/dashboard");  // the login form
    throw new Error("signed out");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
};

Thresher.el = function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

Thresher.when = function when(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");
};

Thresher.setStatus = function setStatus(text, isError) {
  const node = document.getElementById("status");
  if (!node) return;
  node.textContent = text;
  node.classList.toggle("error", Boolean(isError));
};
