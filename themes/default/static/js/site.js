/*
 * Progressive enhancement for the default theme. Without this script the page still works: the
 * menu stays expanded, "Back" and "Top" are plain links, and the print and close buttons stay hidden.
 */
(function () {
    "use strict";

    function setUpMenu() {
        var nav = document.querySelector(".site-nav");
        var toggle = nav && nav.querySelector(".site-nav__toggle");
        var list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
        if (!list) {
            return;
        }

        function setOpen(open) {
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            list.classList.toggle("is-open", open);
        }

        nav.classList.add("is-collapsible");
        toggle.hidden = false;
        toggle.addEventListener("click", function () {
            setOpen(toggle.getAttribute("aria-expanded") !== "true");
        });
        nav.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
                setOpen(false);
                toggle.focus();
            }
        });
    }

    function isSameOriginReferrer() {
        try {
            return document.referrer !== "" && new URL(document.referrer).origin === window.location.origin;
        } catch (error) {
            return false;
        }
    }

    function setUpTools() {
        var printButton = document.querySelector('[data-action="print"]');
        if (printButton && typeof window.print === "function") {
            printButton.hidden = false;
            printButton.addEventListener("click", function () {
                window.print();
            });
        }

        // Going back keeps the visitor's place in a list or search; the link's own target is the section.
        var backLink = document.querySelector('[data-action="back"]');
        if (backLink && window.history.length > 1 && isSameOriginReferrer()) {
            backLink.addEventListener("click", function (event) {
                event.preventDefault();
                window.history.back();
            });
        }

        // Browsers only let a script close a window that a script opened; otherwise go to the fallback page.
        var closeButton = document.querySelector('[data-action="close"]');
        if (closeButton) {
            closeButton.hidden = false;
            closeButton.addEventListener("click", function () {
                window.close();
                window.setTimeout(function () {
                    if (!window.closed) {
                        window.location.assign(closeButton.getAttribute("data-fallback") || "/");
                    }
                }, 200);
            });
        }
    }

    setUpMenu();
    setUpTools();
})();
