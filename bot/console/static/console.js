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
  // (a broadcast's progress); the URL answers the fragment only.
  function polls() {
    document.querySelectorAll("[data-poll]").forEach(function (box) {
      var every = Math.max(2, parseInt(box.getAttribute("data-every") || "5", 10)) * 1000;
      function again() {
        fetch(box.getAttribute("data-poll"), { credentials: "same-origin", headers: { "X-CSRF-Token": csrf() } })
          .then(function (r) {
            // The session ended (or the right to see it): stop asking; a reload says why.
            if (r.status === 401 || r.status === 403) return undefined;
            return r.ok ? r.text() : null;
          })
          .then(function (html) {
            if (html === undefined) return;
            if (html !== null) box.innerHTML = html;
            if (!box.querySelector("[data-finished]")) window.setTimeout(again, every);
          })
          .catch(function () { window.setTimeout(again, every * 2); });
      }
      window.setTimeout(again, every);
    });
  }

  window.antt = { csrf: csrf };
  document.addEventListener("DOMContentLoaded", function () {
    logIn();
    autosubmit();
    confirms();
    checkAll();
    polls();
  });
})();
