// Runs on the helpdesk sites the user allowed. While the agent writes in a
// reply box (a textarea or an editable area), the draft is checked through
// the extension's worker, debounced; a badge beside the box says how many
// findings there are, with a link to the details on the service's page.
"use strict";

(() => {
  if (window.__replylint) return;
  window.__replylint = true;
  let timer = null;
  let box = null;

  const badge = document.createElement("div");
  badge.id = "replylint-badge";
  badge.setAttribute("role", "status");
  badge.setAttribute("aria-live", "polite");
  badge.style.cssText = "position:fixed;z-index:2147483647;right:12px;bottom:12px;max-width:20rem;" +
    "font:13px/1.4 system-ui,sans-serif;padding:6px 10px;border-radius:6px;" +
    "box-shadow:0 2px 8px #0003;background:#fff;color:#1d1d23;border-left:4px solid #888;display:none";
  const text = document.createElement("span");
  const link = document.createElement("a");
  link.textContent = "details";
  link.target = "_blank";
  link.rel = "noopener";
  link.style.marginLeft = "8px";
  badge.append(text, link);
  document.documentElement.append(badge);

  function draftOf(el) {
    return el.isContentEditable ? el.innerText : el.value;
  }

  function editable(el) {
    return el && (el.tagName === "TEXTAREA" || el.isContentEditable);
  }

  function show(answer, draft) {
    badge.style.display = "block";
    if (answer.error) {
      badge.style.borderLeftColor = "#888";
      text.textContent = "replylint: " + answer.error;
      link.style.display = "none";
      return;
    }
    const s = answer.summary;
    const n = s.errors + s.warnings + s.suggestions;
    badge.style.borderLeftColor = s.errors ? "#b3261e" : s.warnings ? "#8a5a00" : n ? "#1f5fa8" : "#1d6b3a";
    text.textContent = n === 0 ? "replylint: no findings" :
      `replylint: ${n} finding${n === 1 ? "" : "s"}` + (s.errors ? ` (${s.errors} error${s.errors === 1 ? "" : "s"})` : "");
    badge.dataset.findings = String(n);
    link.style.display = n ? "inline" : "none";
    link.href = answer.page + "#draft=" + encodeURIComponent(draft);
  }

  function check() {
    if (!box) return;
    const draft = draftOf(box);
    if (!draft.trim()) { badge.style.display = "none"; return; }
    chrome.runtime.sendMessage({ type: "check", text: draft, format: box.isContentEditable ? "text" : "text" }, (answer) => {
      if (chrome.runtime.lastError || !answer) return;
      if (box && draftOf(box) === draft) show(answer, draft);
    });
  }

  document.addEventListener("focusin", (e) => {
    if (editable(e.target)) { box = e.target; clearTimeout(timer); timer = setTimeout(check, 50); }
  });
  document.addEventListener("input", (e) => {
    if (editable(e.target)) { box = e.target; clearTimeout(timer); timer = setTimeout(check, 300); }
  });
})();
