"use strict";
// The web chat: every text from the bot or the user is inserted as a text node (never HTML).
(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("text");
  const photo = document.getElementById("photo");
  const photoButton = document.getElementById("photo-button");
  const locate = document.getElementById("locate");
  const status = document.getElementById("status");
  const seen = new Set();      // ids of messages on screen
  const pending = new Map();   // our message ids -> their bubble, until the server has them
  let cursor = 0;              // advanced only by polls, so no notice between replies is skipped
  let busy = false;

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

  function bubble(message) {
    const item = document.createElement("li");
    item.className = "msg " + (message.from_user ? "user" : "bot");
    const body = document.createElement("div");
    body.className = "bubble";
    body.textContent = message.text;
    item.appendChild(body);
    return item;
  }

  function render(message) {
    if (message.id && seen.has(message.id)) return;
    if (message.id) seen.add(message.id);
    if (message.from_user && message.client_id && pending.has(message.client_id)) {
      pending.get(message.client_id).classList.remove("pending");
      pending.delete(message.client_id);
      return;  // already on screen: it is the bubble shown when it was sent
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
    if (message.choices && message.choices.length) {
      // A new question: the buttons of earlier ones no longer apply. A notice without
      // buttons leaves the current question's buttons alone.
      disableOldChoices();
      const group = document.createElement("div");
      group.className = "choices";
      group.setAttribute("role", "group");
      message.choices.forEach((choice) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = choice.label;
        button.addEventListener("click", () => send({ choice: choice.id }, choice.label));
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    if (!message.from_user && (message.choices.length || message.asks_location)) {
      locate.hidden = !message.asks_location;
    }
    log.appendChild(item);
    scrollDown();
  }

  function showMine(text, id) {
    const item = bubble({ text: text, from_user: true });
    item.classList.add("pending");
    pending.set(id, item);
    log.appendChild(item);
    scrollDown();
  }

  // Returns the replies, or null when the message could not be delivered (status says why).
  async function post(body, isForm) {
    const options = { method: "POST", credentials: "same-origin" };
    if (isForm) { options.body = body; }
    else { options.body = JSON.stringify(body); options.headers = { "Content-Type": "application/json" }; }
    // A lost answer is retried with the same message_id: the bot handles it once.
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const response = await fetch("/api/web/messages", options);
        if (response.ok) { status.textContent = ""; return (await response.json()).messages; }
        const problem = await response.json().catch(() => ({}));
        if (response.status >= 500 && attempt < 3) {
          status.textContent = "Máy chủ bận, đang thử lại…";
          await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
          continue;
        }
        status.textContent = problem.detail ? String(problem.detail) : "Lỗi " + response.status + ". Chưa gửi được.";
        return null;
      } catch (error) {
        status.textContent = "Mất kết nối, đang thử lại…";
        await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
      }
    }
    status.textContent = "Không gửi được. Kiểm tra kết nối rồi gửi lại.";
    return null;
  }

  async function deliver(body, isForm, shown, id) {
    if (busy) return;
    busy = true;
    showMine(shown, id);
    const replies = await post(body, isForm);
    if (replies) {
      const mine = pending.get(id);
      if (mine) { mine.classList.remove("pending"); pending.delete(id); }
      replies.forEach(render);
    } else {
      const mine = pending.get(id);
      if (mine) { mine.remove(); pending.delete(id); }
    }
    busy = false;
    input.focus();
  }

  function send(body, shown) {
    const id = newId();
    body.message_id = id;
    return deliver(body, false, shown, id);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    send({ text: text }, text);
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });

  photoButton.addEventListener("click", () => photo.click());
  photo.addEventListener("change", () => {
    const file = photo.files && photo.files[0];
    photo.value = "";
    if (!file || busy) return;
    const id = newId();
    const data = new FormData();
    data.append("photo", file);
    data.append("message_id", id);
    deliver(data, true, "📷 " + file.name, id);
  });

  locate.addEventListener("click", () => {
    if (!navigator.geolocation) { status.textContent = "Trình duyệt không hỗ trợ định vị; hãy gõ địa chỉ."; return; }
    status.textContent = "Đang lấy vị trí…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        status.textContent = "";
        const where = { latitude: position.coords.latitude, longitude: position.coords.longitude };
        send({ location: where }, "📍 " + where.latitude.toFixed(5) + ", " + where.longitude.toFixed(5));
      },
      () => { status.textContent = "Không lấy được vị trí; hãy gõ địa chỉ."; },
      { enableHighAccuracy: true, timeout: 15000 }
    );
  });

  async function poll() {
    try {
      const response = await fetch("/api/web/messages?after=" + cursor, { credentials: "same-origin" });
      if (!response.ok) return;
      const messages = (await response.json()).messages;
      messages.forEach((message) => {
        render(message);
        cursor = Math.max(cursor, message.id);
      });
    } catch (error) { /* offline: the next poll catches up */ }
  }

  poll().then(() => {
    if (!log.children.length) {
      render({ text: "Xin chào! Đây là kênh trò chuyện của lực lượng bảo vệ ANTT ở cơ sở.\n" +
        "Để bắt đầu, gõ mã mời 8 ký tự (hoặc /start), hoặc /help để xem hướng dẫn.", choices: [] });
    }
  });
  setInterval(poll, 4000);
})();
