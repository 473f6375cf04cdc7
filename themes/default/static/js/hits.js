/*
 * 点击次数: the article page counts its own view through the API and shows the fresh number, so a
 * copy served from a cache or as a static file still counts. Without this script the number
 * rendered with the page stays. The visitor cookie is a random token that lets the server count
 * one visitor once per article per window, even behind a shared address.
 */
(function () {
    "use strict";

    var counter = document.querySelector("[data-hit-url]");
    if (!counter) {
        return;
    }
    var cookieName = counter.getAttribute("data-hit-cookie");

    function ensureVisitorCookie() {
        if (!cookieName || !window.crypto || typeof window.crypto.getRandomValues !== "function") {
            return;
        }
        if (new RegExp("(?:^|;\\s*)" + cookieName + "=").test(document.cookie)) {
            return;
        }
        var bytes = new Uint8Array(18);
        window.crypto.getRandomValues(bytes);
        var token = Array.prototype.map.call(bytes, function (value) {
            return ("0" + value.toString(16)).slice(-2);
        }).join("");
        document.cookie = cookieName + "=" + token + "; path=/; max-age=31536000; SameSite=Lax" +
            (window.location.protocol === "https:" ? "; Secure" : "");
    }

    ensureVisitorCookie();
    var url = counter.getAttribute("data-hit-url");
    if (typeof window.fetch !== "function") {
        if (navigator.sendBeacon) {
            navigator.sendBeacon(url);
        }
        return;
    }
    window.fetch(url, {method: "POST", credentials: "same-origin", keepalive: true, headers: {Accept: "application/json"}})
        .then(function (response) {
            return response.ok ? response.json() : null;
        })
        .then(function (data) {
            if (data && typeof data.hits === "number") {
                counter.textContent = String(data.hits);
            }
        })
        .catch(function () {});
})();
