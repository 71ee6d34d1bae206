"use strict";
// The web chat: every text from the bot or the user is inserted as a text node (never HTML).
(function () {
  const root = document.documentElement;
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("text");
  const photo = document.getElementById("photo");
  const photoButton = document.getElementById("photo-button");
  const documentInput = document.getElementById("document");
  const documentButton = document.getElementById("document-button");
  const sendButton = document.getElementById("send");
  const locate = document.getElementById("locate");
  const locateHint = document.getElementById("locate-hint");
  const counter = document.getElementById("counter");
  const status = document.getElementById("status");

  // The page's own texts. The bot's messages come in the chat's language from the server;
  // every answer of the server says which language that is, and the page follows it.
  // (bot/web/page_texts.py: the catalogs' page.ftl, served as /page-texts.js before this file)
  const TEXTS = window.ANTT_PAGE_TEXTS;

  const LANGUAGE_KEY = "antt-language";  // the last language seen: no flash of the other one
  let language = TEXTS[localStorage.getItem(LANGUAGE_KEY)] ? localStorage.getItem(LANGUAGE_KEY) : "vi";
  let maxText = null;          // told by the server in every answer (the chat's own limit)
  let maxDocument = null;      // the largest file a document question takes, in bytes

  function t(key, values) {
    let said = TEXTS[language][key];
    Object.entries(values || {}).forEach(([name, value]) => { said = said.replace("{" + name + "}", value); });
    return said;
  }

  const seen = new Set();      // ids of messages on screen
  const mine = new Map();      // ids of the messages this page sent -> their bubble (kept: the
                               // stored copy a poll brings back later is the same message)
  let cursor = 0;              // advanced only by polls, so no notice between replies is skipped
  let queue = Promise.resolve();  // sends go one after another, in the order they were made
  let loaded = false;          // the opening history is on screen
  let wantsLocation = false;   // the current question asks where
  let unseenUrgent = 0;
  let audio = null;

  // Browsers give a location to secure pages only (https, or this machine itself).
  const canLocate = window.isSecureContext && "geolocation" in navigator;
  // On a phone the keyboard's Enter makes a new line and the Send button sends.
  const touch = window.matchMedia("(pointer: coarse)").matches;

  // A test may poll faster (?poll=ms); people get one poll every 4 seconds.
  const asked = Number(new URLSearchParams(location.search).get("poll"));
  const pollEvery = asked >= 100 ? asked : 4000;

  function applyTexts() {
    root.lang = language;
    document.title = (unseenUrgent ? "🚨 (" + unseenUrgent + ") " : "") + t("title");
    document.getElementById("subtitle").textContent = t("subtitle");
    log.setAttribute("aria-label", t("conversation"));
    document.getElementById("text-label").textContent = t("message");
    input.placeholder = t("placeholder");
    sendButton.textContent = t("send");
    photoButton.setAttribute("aria-label", t("photo"));
    photoButton.title = t("photo");
    documentButton.setAttribute("aria-label", t("document"));
    documentButton.title = t("document");
    locate.textContent = t("locate");
    locateHint.textContent = t("noLocation");
    const welcome = document.getElementById("welcome");
    if (welcome) welcome.querySelector(".bubble").textContent = t("welcome");
  }

  // Only a sent message changes the language (/lang): a poll that was on its way while an
  // answer came back may have read the language from before it, and is not followed.
  let answers = 0;

  function learn(answer, fresh) {
    if (answer.max_text && answer.max_text !== maxText) { maxText = answer.max_text; updateCounter(); }
    if (answer.max_document) maxDocument = answer.max_document;
    if (fresh && TEXTS[answer.language] && answer.language !== language) {
      language = answer.language;
      localStorage.setItem(LANGUAGE_KEY, language);
      applyTexts();
    }
  }

  function newId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function scrollDown() {
    const main = log.parentElement;
    main.scrollTop = main.scrollHeight;
  }

  function disableOldChoices() {
    log.querySelectorAll(".choices button").forEach((b) => { b.disabled = true; });
  }

  function showLocation() {
    locate.hidden = !(wantsLocation && canLocate);
    locateHint.hidden = !(wantsLocation && !canLocate);
  }

  // The length the server counts (campaign/normalize.clean_text): characters after NFC, not
  // UTF-16 units, without the invisible characters it drops (zero-width spaces, the BOM,
  // direction marks; the zero-width joiner stays, emoji are built with it).
  const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u200C\u200E\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
  function length(text) {
    return Array.from(text.normalize("NFC").replace(INVISIBLE, "").trim()).length;
  }

  function updateCounter() {
    const used = length(input.value);
    const near = maxText !== null && used >= maxText * 0.8;
    counter.hidden = !near;
    counter.textContent = near ? used + "/" + maxText : "";
    counter.classList.toggle("over", maxText !== null && used > maxText);
  }

  // The box grows with its text up to its CSS max-height (about five lines), then scrolls.
  function fit() {
    input.style.height = "auto";
    const style = getComputedStyle(input);
    const limit = parseFloat(style.maxHeight) || Infinity;
    const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    const wanted = input.scrollHeight + borders;
    input.style.height = Math.min(wanted, limit) + "px";
    input.style.overflowY = wanted > limit ? "auto" : "hidden";
  }

  function bubble(message) {
    const item = document.createElement("li");
    item.className = "msg " + (message.from_user ? "user" : "bot");
    const body = document.createElement("div");
    body.className = "bubble";
    if (message.from_user) body.textContent = message.text;
    else withLinks(body, message.text);
    item.appendChild(body);
    return item;
  }

  // The bot's own links (the console's one-time link) can be opened with a tap; text is
  // still set as text, never as HTML.
  const LINK = /https?:\/\/[^\s<>"']+|\/quanly\/vao#t=[A-Za-z0-9_-]+/g;
  function withLinks(body, text) {
    let at = 0;
    for (const found of text.matchAll(LINK)) {
      body.appendChild(document.createTextNode(text.slice(at, found.index)));
      const link = document.createElement("a");
      link.href = found[0];
      link.textContent = found[0];
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      body.appendChild(link);
      at = found.index + found[0].length;
    }
    body.appendChild(document.createTextNode(text.slice(at)));
  }

  // An urgent notice (🚨) arriving while the page is open: the title counts it until the
  // person is back on the page, and a short beep and buzz call them where the browser lets us.
  function alarm() {
    unseenUrgent += 1;
    applyTexts();
    try {
      if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    } catch (error) { /* not allowed: the title still says it */ }
    try {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      audio = audio || new Context();
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.frequency.value = 880;
      volume.gain.value = 0.2;
      tone.connect(volume).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.4);
    } catch (error) { /* no sound here: the title still says it */ }
  }

  function seenNow() {
    if (document.visibilityState !== "visible" || !unseenUrgent) return;
    unseenUrgent = 0;
    applyTexts();
  }

  // Sound needs a gesture first: the first tap or key on the page opens the audio for later.
  function unlockAudio() {
    const Context = window.AudioContext || window.webkitAudioContext;
    try {
      if (!audio && Context) audio = new Context();
      if (audio && audio.state === "suspended") audio.resume();
    } catch (error) { /* no sound on this browser */ }
  }

  function render(message) {
    if (message.id && seen.has(message.id)) return;
    if (message.id) seen.add(message.id);
    if (message.from_user && message.client_id && mine.has(message.client_id)) {
      // Already on screen: the bubble shown when it was sent. (The stored copy may differ: an
      // informant's name is stored as 🔒.)
      const item = mine.get(message.client_id);
      if (item) item.classList.remove("pending");
      return;
    }
    const item = bubble(message);
    if (message.image_url) {
      const picture = document.createElement("img");
      picture.src = message.image_url;
      picture.alt = message.text;
      picture.className = "picture";
      item.querySelector(".bubble").appendChild(picture);
    }
    if (message.file_url) {
      const link = document.createElement("a");
      link.href = message.file_url;
      link.textContent = "⬇ " + message.text;
      link.setAttribute("download", "");
      item.querySelector(".bubble").textContent = "";
      item.querySelector(".bubble").appendChild(link);
    }
    const choices = message.choices || [];
    if (choices.length) {
      // A new question: the buttons of earlier ones no longer apply. A notice without
      // buttons leaves the current question's buttons alone.
      disableOldChoices();
      const group = document.createElement("div");
      group.className = "choices";
      group.setAttribute("role", "group");
      choices.forEach((choice) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = choice.label;
        button.addEventListener("click", () => {
          // One answer per question: a second tap before the reply would answer the next one.
          const buttons = group.querySelectorAll("button");
          buttons.forEach((b) => { b.disabled = true; });
          send({ choice: choice.id }, choice.label, () => buttons.forEach((b) => { b.disabled = false; }));
        });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    if (!message.from_user && (choices.length || message.asks_location)) {
      wantsLocation = Boolean(message.asks_location);
      showLocation();
      // The file button shows while the question takes a document.
      documentButton.hidden = !message.asks_document;
    }
    if (!message.from_user && loaded && message.text.startsWith("🚨")) alarm();
    log.appendChild(item);
    scrollDown();
  }

  function showMine(text, id) {
    const item = bubble({ text: text, from_user: true });
    item.classList.add("pending");
    mine.set(id, item);
    log.appendChild(item);
    scrollDown();
  }

  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // The answer ({messages, language, max_text}), or null when the message could not be
  // delivered (status says why).
  async function post(body, isForm) {
    const options = { method: "POST", credentials: "same-origin" };
    if (isForm) { options.body = body; }
    else { options.body = JSON.stringify(body); options.headers = { "Content-Type": "application/json" }; }
    // A lost answer is retried with the same message_id: the bot handles it once.
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const response = await fetch("/api/web/messages", options);
        if (response.ok) { status.textContent = ""; return await response.json(); }
        const problem = await response.json().catch(() => ({}));
        if (response.status >= 500 && attempt < 3) {
          status.textContent = t("busy");
          await wait(1000 * (attempt + 1));
          continue;
        }
        status.textContent = problem.detail ? String(problem.detail) : t("error", { status: response.status });
        return null;
      } catch (error) {
        status.textContent = t("offline");
        await wait(1000 * (attempt + 1));
      }
    }
    status.textContent = t("failed");
    return null;
  }

  // Shown at once, delivered in turn. A message that could not be delivered leaves the
  // screen and `failed` gives it back (a typed text goes back into the box).
  function deliver(body, isForm, shown, id, failed) {
    showMine(shown, id);
    queue = queue.then(async () => {
      const answer = await post(body, isForm);
      const item = mine.get(id);
      if (answer) {
        answers += 1;
        learn(answer, true);
        if (item) item.classList.remove("pending");
        answer.messages.forEach(render);
      } else {
        // Not on screen any more, so a stored copy (the answer was lost, not the message)
        // shows when a poll brings it.
        if (item) item.remove();
        mine.delete(id);
        if (failed) failed();
      }
    });
    return queue;
  }

  function send(body, shown, failed) {
    const id = newId();
    body.message_id = id;
    return deliver(body, false, shown, id, failed);
  }

  function giveBack(text) {
    // The box may hold a newer text by now: the one not sent goes before it.
    input.value = input.value.trim() ? text + "\n" + input.value : text;
    fit();
    updateCounter();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    if (maxText !== null && length(text) > maxText) {
      status.textContent = t("tooLong", { length: length(text), limit: maxText });
      input.focus();
      return;  // the text stays in the box to be shortened
    }
    status.textContent = "";
    input.value = "";
    fit();
    updateCounter();
    send({ text: text }, text, () => giveBack(text));
    input.focus();
  });

  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    if (touch) return;  // a phone keyboard's Enter is a new line; the Send button sends
    event.preventDefault();
    form.requestSubmit();
  });
  input.addEventListener("input", () => { fit(); updateCounter(); });

  photoButton.addEventListener("click", () => photo.click());
  photo.addEventListener("change", () => {
    const file = photo.files && photo.files[0];
    photo.value = "";
    if (!file) return;
    const id = newId();
    const data = new FormData();
    data.append("photo", file);
    data.append("message_id", id);
    deliver(data, true, "📷 " + file.name, id, null);
  });

  documentButton.addEventListener("click", () => documentInput.click());
  documentInput.addEventListener("change", () => {
    const file = documentInput.files && documentInput.files[0];
    documentInput.value = "";
    if (!file) return;
    if (maxDocument !== null && file.size > maxDocument) {
      const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
      status.textContent = t("documentTooBig", { size: mb(file.size), limit: mb(maxDocument) });
      return;  // not sent: the server would refuse the whole upload
    }
    status.textContent = "";
    const id = newId();
    const data = new FormData();
    data.append("document", file);
    data.append("message_id", id);
    deliver(data, true, "📄 " + file.name, id, null);
  });

  locate.addEventListener("click", () => {
    if (!navigator.geolocation) { status.textContent = t("noGeolocation"); return; }
    status.textContent = t("locating");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        status.textContent = "";
        const where = { latitude: position.coords.latitude, longitude: position.coords.longitude };
        send({ location: where }, "📍 " + where.latitude.toFixed(5) + ", " + where.longitude.toFixed(5));
      },
      () => { status.textContent = t("locationFailed"); },
      { enableHighAccuracy: true, timeout: 15000 }
    );
  });

  ["pointerdown", "keydown"].forEach((kind) => document.addEventListener(kind, () => {
    unlockAudio();
    seenNow();
  }, { capture: true }));
  window.addEventListener("focus", seenNow);
  document.addEventListener("visibilitychange", () => { if (document.hasFocus()) seenNow(); });

  let polls = 0;
  async function poll() {
    const before = answers;
    try {
      const response = await fetch("/api/web/messages?after=" + cursor, { credentials: "same-origin" });
      if (response.ok) {
        const answer = await response.json();
        learn(answer, answers === before);
        answer.messages.forEach((message) => {
          render(message);
          cursor = Math.max(cursor, message.id);
        });
      }
    } catch (error) { /* offline: the next poll catches up */ }
    polls += 1;
    root.dataset.polls = String(polls);  // for tests: how many polls have come back
  }

  async function keepPolling() {
    await poll();
    setTimeout(keepPolling, pollEvery);  // one poll at a time, however slow the network
  }

  // An invite card's QR opens the chat at /?ma=CODE (or #ma=CODE): the code is put in the box
  // as "/start CODE", ready for the newcomer to press Send, and leaves the address bar (a
  // reload or a shared screenshot does not carry it).
  function inviteFromAddress() {
    const query = new URLSearchParams(location.search);
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
    const given = (query.get("ma") || fragment.get("ma") || "").trim().toUpperCase();
    if (!query.has("ma") && !fragment.has("ma")) return;
    query.delete("ma");
    const rest = query.toString();
    history.replaceState(null, "", location.pathname + (rest ? "?" + rest : ""));
    if (!/^[A-Z0-9]{4,16}$/.test(given)) return;
    input.value = "/start " + given;
    fit();
    updateCounter();
    input.focus();
  }

  applyTexts();
  fit();
  inviteFromAddress();
  poll().then(() => {
    if (!log.children.length) {
      render({ text: t("welcome"), choices: [] });
      log.lastElementChild.id = "welcome";
    }
    loaded = true;
    setTimeout(keepPolling, pollEvery);
  });
})();
