// Progressive enhancement only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const review = document.getElementById("review-form");
  if (review) enhanceReview(review);
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

// The review form keeps its running score current and saves itself as a draft
// shortly after each change, so a closed tab loses nothing.
function enhanceReview(form) {
  const score = document.getElementById("running-score");
  const status = document.getElementById("autosave-status");
  const count = () => form.querySelectorAll("input[type=radio][value=met]:checked").length;
  let timer;
  const schedule = () => {
    score.textContent = String(count());
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  };
  async function save() {
    const data = new URLSearchParams(new FormData(form));
    data.set("decision", "draft");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Autosave": "1" },
      });
      status.textContent = response.ok ? "Draft saved " + new Date().toLocaleTimeString() : "Could not save the draft; use Save draft.";
    } catch {
      status.textContent = "Could not save the draft; use Save draft.";
    }
  }
  form.addEventListener("change", schedule);
  form.addEventListener("input", schedule);
}
