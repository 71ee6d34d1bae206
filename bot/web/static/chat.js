"use strict";
// The web chat: every text from the bot or the user is inserted as a text node (never HTML).
(function () {
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("text");
  const photo = document.getElementById("photo");
  const locate = document.getElementById("locate");
  const status = document.getElementById("status");
  const seen = new Set();
  let lastId = 0;
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

  function render(message) {
    if (message.id && seen.has(message.id)) return;
    if (message.id) { seen.add(message.id); lastId = Math.max(lastId, message.id); }
    const item = document.createElement("li");
    item.className = "msg " + (message.from_user ? "user" : "bot");
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = message.text;
    item.appendChild(bubble);
    if (!message.from_user) {
      disableOldChoices();
      locate.hidden = !message.asks_location;
    }
    if (message.choices && message.choices.length) {
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
    log.appendChild(item);
    scrollDown();
  }

  function showMine(text) {
    render({ text: text, from_user: true, choices: [] });
  }

  async function post(body, isForm) {
    const options = { method: "POST", credentials: "same-origin" };
    if (isForm) { options.body = body; }
    else { options.body = JSON.stringify(body); options.headers = { "Content-Type": "application/json" }; }
    // A lost answer is retried with the same message_id: the bot handles it once.
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const response = await fetch("/api/web/messages", options);
        if (response.ok) return (await response.json()).messages;
        const problem = await response.json().catch(() => ({}));
        status.textContent = problem.detail ? String(problem.detail) : "Lỗi " + response.status;
        return [];
      } catch (error) {
        status.textContent = "Mất kết nối, đang thử lại…";
        await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
      }
    }
    status.textContent = "Không gửi được. Kiểm tra kết nối rồi gửi lại.";
    return null;
  }

  async function send(body, shown) {
    if (busy) return;
    busy = true;
    status.textContent = "";
    showMine(shown);
    body.message_id = newId();
    const replies = await post(body, false);
    if (replies) { status.textContent = ""; replies.forEach(render); }
    busy = false;
    input.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send({ text: text }, text);
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });

  photo.addEventListener("change", async () => {
    const file = photo.files && photo.files[0];
    photo.value = "";
    if (!file || busy) return;
    busy = true;
    showMine("📷 " + file.name);
    const data = new FormData();
    data.append("photo", file);
    data.append("message_id", newId());
    const replies = await post(data, true);
    if (replies) replies.forEach(render);
    busy = false;
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
    if (busy) return;  // the answer being awaited carries these messages
    try {
      const response = await fetch("/api/web/messages?after=" + lastId, { credentials: "same-origin" });
      if (response.ok) (await response.json()).messages.forEach(render);
    } catch (error) { /* offline: the next poll catches up */ }
  }

  poll().then(() => {
    if (!log.children.length) {
      render({ text: "Xin chào! Đây là kênh trò chuyện của lực lượng bảo vệ ANTT ở cơ sở.\n" +
        "Để bắt đầu, gõ mã mời 8 ký tự (hoặc /start), hoặc /help để xem hướng dẫn.", choices: [] });
    }
  });
  setInterval(poll, 5000);
})();
