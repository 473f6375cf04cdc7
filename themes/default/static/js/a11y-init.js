/*
 * Loaded in <head> without defer: applies the visitor's accessibility choices (remembered by site.js)
 * as classes on <html> before the page is drawn, so a page never flashes at the wrong size or contrast.
 */
(function () {
    "use strict";

    var saved;
    try {
        saved = JSON.parse(window.localStorage.getItem("a11y") || "{}") || {};
    } catch (error) {
        return;
    }
    var root = document.documentElement;
    if (saved.text === "large" || saved.text === "xlarge") {
        root.classList.add("a11y-text-" + saved.text);
    }
    ["contrast", "spacing", "cursor"].forEach(function (name) {
        if (saved[name] === true) {
            root.classList.add("a11y-" + name);
        }
    });
})();
