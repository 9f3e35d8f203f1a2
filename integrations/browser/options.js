// The settings page: the service's address and token, and the sites to
// check. Adding a site asks Chrome for permission on it (the user sees the
// prompt) and then the worker registers the content script there.
"use strict";

const $ = (id) => document.getElementById(id);
const DEFAULTS = { service: "http://127.0.0.1:8787", token: "", sites: [] };

function originOf(text) {
  try { return new URL(text.trim()).origin; } catch (e) { return null; }
}

async function load() {
  const s = await chrome.storage.sync.get(DEFAULTS);
  $("service").value = s.service;
  $("token").value = s.token;
  $("sites").textContent = "";
  for (const origin of s.sites) {
    const li = document.createElement("li");
    li.textContent = origin + " ";
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    remove.addEventListener("click", async () => {
      const sites = s.sites.filter((o) => o !== origin);
      await chrome.storage.sync.set({ sites });
      await chrome.runtime.sendMessage({ type: "register" });
      chrome.permissions.remove({ origins: [origin + "/*"] }).catch(() => {});
      load();
    });
    li.append(remove);
    $("sites").append(li);
  }
}

$("save").addEventListener("click", async () => {
  const service = originOf($("service").value);
  if (!service) { $("status").textContent = "The service address is not a URL."; return; }
  // A service beyond this machine needs the user's permission too.
  const granted = await chrome.permissions.request({ origins: [service + "/*"] });
  if (!granted) { $("status").textContent = "Chrome did not allow calls to " + service + "."; return; }
  await chrome.storage.sync.set({ service, token: $("token").value });
  $("status").textContent = "Saved.";
});

$("add").addEventListener("click", async () => {
  const origin = originOf($("site").value);
  if (!origin) { $("status").textContent = "That is not a site address."; return; }
  const granted = await chrome.permissions.request({ origins: [origin + "/*"] });
  if (!granted) { $("status").textContent = "Chrome did not allow " + origin + "."; return; }
  const { sites } = await chrome.storage.sync.get(DEFAULTS);
  if (!sites.includes(origin)) sites.push(origin);
  await chrome.storage.sync.set({ sites });
  await chrome.runtime.sendMessage({ type: "register" });
  $("site").value = "";
  $("status").textContent = "replylint now checks replies on " + origin + ".";
  load();
});

load();
