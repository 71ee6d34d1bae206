// The console's few enhancements; every page works without them (plain GET filter forms,
// POST forms answered with a redirect). No inline script is allowed (CSP): pages pass data
// in data-* attributes.
(function () {
  "use strict";

  function csrf() {
    var meta = document.querySelector('meta[name="csrf"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Log in: the one-time token is in the fragment (#t=...), which no server log sees.
  function logIn() {
    var form = document.querySelector("form[data-login]");
    if (!form) return;
    var match = /(?:^|[#&])t=([A-Za-z0-9_-]+)/.exec(window.location.hash);
    if (!match) return;
    document.getElementById("login-token").value = match[1];
    history.replaceState(null, "", window.location.pathname);  // the token leaves the bar
    var button = document.getElementById("login-button");
    button.hidden = false;
    form.submit();
  }

  // <select data-autosubmit>: a choice sends its form.
  function autosubmit() {
    document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
      field.addEventListener("change", function () { field.form.submit(); });
    });
  }

  // <form data-confirm="question">: asked before it goes.
  function confirms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  // <input type=checkbox data-check-all="name">: ticks every box of that name.
  function checkAll() {
    document.querySelectorAll("[data-check-all]").forEach(function (box) {
      box.addEventListener("change", function () {
        var name = box.getAttribute("data-check-all");
        document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (b) {
          b.checked = box.checked;
        });
      });
    });
  }

  // <div data-poll="url" data-every="5">: its content is fetched again every few seconds
  // (a broadcast's progress, a deadline's board); the URL answers the fragment only. A box
  // someone is typing or choosing in is left as it is until the next round, so that a reason
  // being written or a file chosen is never taken from under them.
  var refreshers = [];

  function polls() {
    document.querySelectorAll("[data-poll]").forEach(function (box) {
      var every = Math.max(2, parseInt(box.getAttribute("data-every") || "5", 10)) * 1000;
      var stopped = false;
      var last = null;
      function busy() {
        var active = document.activeElement;
        if (active && active !== document.body && box.contains(active)) return true;
        return Array.prototype.some.call(
          box.querySelectorAll("textarea, input[type=text], input[type=file]"),
          function (field) { return field.value !== ""; }
        );
      }
      function once() {
        if (stopped) return Promise.resolve();
        return fetch(box.getAttribute("data-poll"), { credentials: "same-origin", headers: { "X-CSRF-Token": csrf() } })
          .then(function (r) {
            // The session ended (or the right to see it): stop asking; a reload says why.
            if (r.status === 401 || r.status === 403) return undefined;
            return r.ok ? r.text() : null;
          })
          .then(function (html) {
            if (html === undefined) { stopped = true; return; }
            // A box whose content says its version is left alone while the version holds.
            var shown = box.querySelector("[data-version]");
            var fetched = html && /data-version="([^"]*)"/.exec(html);
            if (shown && fetched && shown.getAttribute("data-version") === fetched[1]) return;
            if (html !== null && html !== last && !busy()) {
              box.innerHTML = html;  // same ids and sizes: the page does not jump
              last = html;
            }
          });
      }
      function again() {
        once()
          .then(function () {
            if (!stopped && !box.querySelector("[data-finished]")) window.setTimeout(again, every);
          })
          .catch(function () { window.setTimeout(again, every * 2); });
      }
      refreshers.push(once);
      window.setTimeout(again, every);
    });
  }

  // Every polled box fetched now (what the timer does; a test need not wait for it).
  function refresh() {
    return Promise.all(refreshers.map(function (once) { return once(); }));
  }

  window.antt = { csrf: csrf, refresh: refresh };
  document.addEventListener("DOMContentLoaded", function () {
    logIn();
    autosubmit();
    confirms();
    checkAll();
    polls();
  });
})();
