// Progressive enhancement only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const review = document.getElementById("review-form");
  if (review) enhanceReview(review);
  for (const box of document.querySelectorAll("textarea[data-draft]")) keepDraft(box);
  for (const box of document.querySelectorAll("textarea[data-mentions]")) completeMentions(box);
  // A form kept while its author signed in again goes on its way at once.
  const resume = document.getElementById("resume-form");
  if (resume) resume.requestSubmit();
  const portfolio = document.getElementById("portfolio-form");
  if (portfolio) autosave(portfolio, document.getElementById("portfolio-autosave"), {}, "Saved", "Save portfolio");
});

// Preview in place: the form's Preview button asks the server how the text will read
// and shows it above the buttons, instead of sending the whole form.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-preview]");
  if (!button) return;
  event.preventDefault();
  const form = button.form;
  const box = form.querySelector("textarea[name=body]");
  const data = new URLSearchParams({ body: box.value, _csrf: form.querySelector("input[name=_csrf]").value });
  let shown = form.querySelector(".preview-box");
  if (!shown) {
    shown = document.createElement("section");
    shown.className = "preview-box";
    shown.setAttribute("aria-label", "Preview");
    shown.setAttribute("aria-live", "polite");
    button.closest(".actions").before(shown);
  }
  try {
    const response = await fetch(button.dataset.preview, { method: "POST", body: data, credentials: "same-origin", redirect: "manual" });
    if (!response.ok) throw new Error(String(response.status));
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = "Preview: this is how it will read.";
    const body = document.createElement("div");
    body.className = "post-body";
    body.innerHTML = await response.text();  // rendered and sanitised by the server, as every post is
    shown.replaceChildren(note, body);
  } catch {
    shown.textContent = "The preview could not be shown just now.";
  }
});

// A form that is being sent cannot be sent again by a second click. (The server also
// knows a repeat by the form's one-time key, for when this file does not run.)
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || form.method.toLowerCase() !== "post") return;
  // After the event, so the clicked button's own name and value are still sent.
  setTimeout(() => {
    for (const button of form.querySelectorAll("button:not([type=button])")) {
      button.disabled = true;
      button.dataset.sending = "";
    }
  }, 0);
});

// A file larger than the site takes is refused before it is sent: the form keeps
// everything typed, and says what is wrong at once rather than after the upload.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) return;
  const limit = Number(input.dataset.maxBytes);
  const file = input.files && input.files[0];
  const megabytes = (bytes) => Math.ceil(bytes / (1 << 20));
  input.setCustomValidity(file && file.size > limit
    ? `This file is ${megabytes(file.size)} MB; files can be up to ${megabytes(limit)} MB.`
    : "");
  input.reportValidity();
});

// Back to a page whose form was sent: its buttons work again.
window.addEventListener("pageshow", () => {
  for (const button of document.querySelectorAll("button[data-sending]")) {
    button.disabled = false;
    delete button.dataset.sending;
  }
});

// The review form keeps its summary current (score, criteria to mark, those not met
// without a reason) and saves itself as a draft.
function enhanceReview(form) {
  const score = document.getElementById("running-score");
  const links = (id, numbers) => {
    const runs = [];  // 3, 5, 6, 7 → "3", "5–7", as the server writes them
    for (const n of numbers) {
      const last = runs[runs.length - 1];
      if (last && last[1] + 1 === n) last[1] = n; else runs.push([n, n]);
    }
    const holder = document.getElementById(id + "-links");
    holder.replaceChildren(...runs.flatMap(([first, last]) => {
      const a = document.createElement("a");
      a.href = `#mark-${first}-heading`;
      a.textContent = first === last ? String(first) : `${first}–${last}`;
      return [a, " "];
    }));
    document.getElementById(id + "-line").hidden = numbers.length === 0;
  };
  const update = () => {
    const unmarked = [], unexplained = [];
    let met = 0;
    for (const section of form.querySelectorAll("[data-criterion]")) {
      const n = Number(section.dataset.criterion);
      const choice = section.querySelector("input[type=radio]:checked");
      if (!choice) unmarked.push(n);
      else if (choice.value === "met") met += 1;
      else if (section.querySelector("textarea").value.trim() === "") unexplained.push(n);
    }
    score.textContent = String(met);
    links("unmarked", unmarked);
    links("unexplained", unexplained);
  };
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  autosave(form, document.getElementById("autosave-status"), { decision: "draft" }, "Draft saved", "Save draft");
}

// A form that saves itself shortly after each change, so a closed tab or an expired
// sign-in loses nothing: the server keeps what was typed as it is typed.
function autosave(form, status, extra, savedText, buttonName) {
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  };
  async function save() {
    const data = new URLSearchParams(new FormData(form));
    for (const [name, value] of Object.entries(extra)) data.set(name, value);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-Autosave": "1" },
      });
      if (response.ok) {
        status.textContent = savedText + " " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
      } else if (response.status === 401) {
        status.textContent = `You were signed out. Press ${buttonName}: you will sign in, and what you typed will be saved.`;
      } else {
        status.textContent = `Could not save just now; use ${buttonName}.`;
      }
    } catch {
      status.textContent = `Could not save just now; use ${buttonName}.`;
    }
  }
  form.addEventListener("change", schedule);
  form.addEventListener("input", schedule);
}

// What is typed into a post, reply or feedback box is kept on the server as a draft,
// so it is there again after a closed tab, and in any browser its author signs in from.
function keepDraft(box) {
  const token = box.form.querySelector("input[name=_csrf]").value;
  const status = document.createElement("span");
  status.className = "hint";
  status.setAttribute("role", "status");
  box.after(status);
  let timer;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  });
  async function save() {
    const data = new URLSearchParams({ key: box.dataset.draft, body: box.value, _csrf: token });
    try {
      const response = await fetch(box.dataset.draftAction, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-Autosave": "1" },
      });
      status.textContent = response.ok ? "Draft saved"
        : response.status === 401 ? "You were signed out. Send it anyway: you will sign in, and it will be posted." : "";
    } catch {
      status.textContent = "";
    }
  }
}

// Typing @ and the start of a name offers the people who can be mentioned there: arrow
// keys move, Enter or Tab takes one, Escape closes. Without this, @ and a full name work.
function completeMentions(box) {
  const list = document.createElement("ul");
  list.className = "mention-list";
  list.id = box.id + "-mentions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "People to mention");
  list.hidden = true;
  box.after(list);
  let names = [], active = -1, timer, fragment = null;
  const typedAt = () => {
    const before = box.value.slice(0, box.selectionStart);
    const match = before.match(/(?:^|\s)@([\p{L}][\p{L}\p{N}.' -]{0,40})$/u);
    return match ? match[1] : null;
  };
  const close = () => {
    list.hidden = true;
    names = [];
    active = -1;
    box.removeAttribute("aria-activedescendant");
  };
  const show = () => {
    list.replaceChildren(...names.map((name, index) => {
      const item = document.createElement("li");
      item.id = `${list.id}-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(index === active));
      item.textContent = name;
      item.addEventListener("mousedown", (event) => { event.preventDefault(); take(index); });
      return item;
    }));
    list.hidden = names.length === 0;
    if (active >= 0) box.setAttribute("aria-activedescendant", `${list.id}-${active}`);
  };
  const take = (index) => {
    const caret = box.selectionStart;
    const start = caret - fragment.length - 1;
    const inserted = "@" + names[index] + " ";
    box.value = box.value.slice(0, start) + inserted + box.value.slice(caret);
    box.selectionStart = box.selectionEnd = start + inserted.length;
    close();
    box.dispatchEvent(new Event("input", { bubbles: true }));  // the draft keeps it
  };
  box.addEventListener("input", () => {
    clearTimeout(timer);
    fragment = typedAt();
    if (fragment === null) return close();
    timer = setTimeout(async () => {
      try {
        const response = await fetch(`${box.dataset.mentions}?q=${encodeURIComponent(fragment)}`, { credentials: "same-origin" });
        names = response.ok ? await response.json() : [];
      } catch {
        names = [];
      }
      active = names.length > 0 ? 0 : -1;
      show();
    }, 200);
  });
  box.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : names.length - 1)) % names.length;
      show();
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      take(active);
    } else if (event.key === "Escape") {
      close();
    }
  });
  box.addEventListener("blur", close);
}
