// The extension's service worker: it holds the settings (the service's
// address and token, the helpdesk sites the user allowed), registers the
// content script on those sites only, and makes the calls to the replylint
// service for it (the worker's host permission reaches the service without
// the helpdesk page's CORS rules).
"use strict";

const DEFAULTS = { service: "http://127.0.0.1:8787", token: "", sites: [] };

async function settings() {
  return { ...DEFAULTS, ...(await chrome.storage.sync.get(DEFAULTS)) };
}

/** Registers content.js on exactly the allowed sites. Calls are queued:
 * two at once (a settings change and the options page's request) would
 * both register the same script id. */
let queue = Promise.resolve();
function register() {
  queue = queue.then(registerNow).catch((e) => console.warn("replylint: " + e));
  return queue;
}

async function registerNow() {
  const { sites } = await settings();
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: ["replylint"] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: ["replylint"] });
  if (!sites.length) return;
  await chrome.scripting.registerContentScripts([{
    id: "replylint",
    matches: sites.map((origin) => origin + "/*"),
    js: ["content.js"],
    runAt: "document_idle",
    allFrames: true,
  }]);
}

chrome.runtime.onInstalled.addListener(register);
chrome.runtime.onStartup.addListener(register);
chrome.storage.onChanged.addListener((changes) => { if (changes.sites) register(); });
chrome.action.onClicked.addListener(() => chrome.runtime.openOptionsPage());

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (message.type === "register") { register().then(() => reply({ ok: true })); return true; }
  if (message.type !== "check") return false;
  (async () => {
    const { service, token } = await settings();
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    try {
      const res = await fetch(service + "/v1/check", {
        method: "POST", headers, body: JSON.stringify({ text: message.text, format: message.format }),
      });
      const body = await res.json();
      if (!res.ok) return reply({ error: body.error ? body.error.message : "HTTP " + res.status });
      reply({ summary: body.summary, fails: body.fails, rules: body.diagnostics.map((d) => d.rule), page: service + "/" });
    } catch (e) {
      reply({ error: "The replylint service at " + service + " is not answering." });
    }
  })();
  return true;
});
