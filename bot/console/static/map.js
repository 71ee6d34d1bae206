// The console's map (/quanly/bando). The page gives the points as JSON (a script element of
// type application/json: data, never run), the tile URL template and the unit's name as data-*
// attributes, and the list of points rendered by the server. This places the points on a
// Leaflet map, over the tiles when a tile server is configured and answers, else over a plain
// background that names the unit (an intranet has no tile server). Nothing here is fetched
// from another site but the configured tiles.
(function () {
  "use strict";

  var ERRORS_BEFORE_PLAIN = 4; // tiles failed, none loaded: the server is not reachable
  var WAIT_FOR_TILES_MS = 10000; // a tile server that never answers counts as unreachable
  var COUNTRY = [16.0, 106.0]; // the view with no point at all (the whole of Viet Nam)
  var COUNTRY_ZOOM = 5;
  var CLOSE_ZOOM = 15; // how near a point chosen in the list is shown

  function readPoints() {
    var data = document.getElementById("map-points");
    if (!data) return [];
    try {
      var parsed = JSON.parse(data.textContent || "[]");
      return Array.isArray(parsed) ? parsed : [];
    } catch (error) {
      return [];
    }
  }

  function plainBackground(box) {
    box.classList.remove("tiled");
    box.classList.add("plain");
  }

  // The tiles if configured; on repeated errors with no tile loaded, or no answer at all,
  // the layer goes and the background turns plain. Markers stay whatever the tiles do.
  function addTiles(map, box) {
    var template = box.getAttribute("data-tiles");
    if (!template) {
      plainBackground(box);
      return;
    }
    box.classList.add("tiled");
    // Leaflet writes an attribution as markup: the setting is plain text, so it goes escaped.
    var credit = document.createElement("span");
    credit.textContent = box.getAttribute("data-attribution") || "";
    var layer = L.tileLayer(template, { maxZoom: 19, attribution: credit.innerHTML });
    var errors = 0;
    var loaded = false;
    var timer = null;

    function giveUp() {
      window.clearTimeout(timer);
      if (loaded || !map.hasLayer(layer)) return;
      map.removeLayer(layer);
      plainBackground(box);
    }
    layer.on("tileload", function () {
      loaded = true;
      window.clearTimeout(timer);
    });
    layer.on("tileerror", function () {
      errors += 1;
      if (errors >= ERRORS_BEFORE_PLAIN) giveUp();
    });
    // Every tile in view has answered (loaded or failed): none loaded means none will.
    layer.on("load", function () {
      if (!loaded) giveUp();
    });
    layer.addTo(map);
    timer = window.setTimeout(giveUp, WAIT_FOR_TILES_MS);
  }

  // A popup shows what the list's row says (its words come from the server, in the viewer's
  // language), copied as nodes: no markup is built from the data.
  function popupOf(row, point) {
    if (row) {
      var body = row.querySelector(".map-point");
      if (body) return body.cloneNode(true);
    }
    var text = document.createElement("span");
    text.textContent = point.ref;
    return text;
  }

  function markCurrent(rows, current) {
    Object.keys(rows).forEach(function (ref) {
      rows[ref].classList.toggle("current", rows[ref] === current);
    });
  }

  function start() {
    var box = document.getElementById("map-box");
    var element = document.getElementById("map");
    if (!box || !element || !window.L) return;

    var map = L.map(element, { zoomControl: false });
    L.control
      .zoom({
        zoomInTitle: box.getAttribute("data-zoom-in") || "+",
        zoomOutTitle: box.getAttribute("data-zoom-out") || "-",
      })
      .addTo(map);
    addTiles(map, box);

    var rows = {};
    document.querySelectorAll(".map-points li[data-ref]").forEach(function (row) {
      rows[row.getAttribute("data-ref")] = row;
    });
    var markers = {};
    var bounds = [];
    readPoints().forEach(function (point) {
      if (typeof point.lat !== "number" || typeof point.lon !== "number") return;
      var row = rows[point.ref];
      var marker = L.marker([point.lat, point.lon], {
        title: point.ref,
        alt: point.ref + " · " + point.area,
      });
      marker.bindPopup(function () {
        return popupOf(row, point);
      });
      marker.on("popupopen", function () {
        markCurrent(rows, row);
      });
      marker.addTo(map);
      markers[point.ref] = marker;
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [32, 32], maxZoom: CLOSE_ZOOM });
    } else {
      map.setView(COUNTRY, COUNTRY_ZOOM);
    }

    // The list beside the map: a row's button (or a click on the row) shows its marker.
    function show(ref) {
      var marker = markers[ref];
      if (!marker) return;
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), CLOSE_ZOOM));
      marker.openPopup();
      if (box.getBoundingClientRect().top < 0) box.scrollIntoView({ block: "start" });
    }
    Object.keys(rows).forEach(function (ref) {
      var row = rows[ref];
      var button = row.querySelector("button[data-show]");
      if (button && markers[ref]) button.hidden = false;
      row.addEventListener("click", function (event) {
        if (event.target.closest("a")) return; // the reference opens the entry
        show(ref);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
