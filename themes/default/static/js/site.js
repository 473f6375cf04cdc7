/*
 * Progressive enhancement for the default theme. Without this script the page still works: the
 * menu stays expanded, "Back" and "Top" are plain links, the print, close and read-aloud buttons stay
 * hidden, and the accessibility toolbar's choices apply to the page shown but are not remembered.
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

    var A11Y_KEY = "a11y";
    var A11Y_SWITCHES = ["contrast", "spacing", "cursor"];

    function readChoices() {
        try {
            return JSON.parse(window.localStorage.getItem(A11Y_KEY) || "{}") || {};
        } catch (error) {
            return {};
        }
    }

    function rememberChoices(choices) {
        try {
            var chosen = choices.text !== "normal" || A11Y_SWITCHES.some(function (name) {
                return choices[name];
            });
            if (chosen) {
                window.localStorage.setItem(A11Y_KEY, JSON.stringify(choices));
            } else {
                window.localStorage.removeItem(A11Y_KEY);
            }
        } catch (error) {
            // Storage refused (private mode): the choices still apply to this page.
        }
    }

    function applyChoices(choices) {
        var root = document.documentElement;
        root.classList.toggle("a11y-text-large", choices.text === "large");
        root.classList.toggle("a11y-text-xlarge", choices.text === "xlarge");
        A11Y_SWITCHES.forEach(function (name) {
            root.classList.toggle("a11y-" + name, choices[name] === true);
        });
    }

    /* Sentences of the page's readable parts, each short enough for every speech engine. */
    function sentencesToRead() {
        var parts = document.querySelectorAll("[data-read-aloud]");
        if (parts.length === 0) {
            parts = [document.getElementById("main")];
        }
        var text = Array.prototype.map.call(parts, function (part) {
            return part ? part.innerText : "";
        }).join("\n");
        return text.split(/(?<=[。！？!?；;\n])/).map(function (sentence) {
            return sentence.trim();
        }).filter(Boolean);
    }

    function setUpReadAloud(form, button) {
        var synth = window.speechSynthesis;
        if (!button || !synth || typeof window.SpeechSynthesisUtterance !== "function") {
            return function () {};
        }
        var lang = document.documentElement.lang.indexOf("zh") === 0 ? "zh-CN" : document.documentElement.lang;

        function stop() {
            synth.cancel();
            button.setAttribute("aria-pressed", "false");
        }

        button.hidden = false;
        button.addEventListener("click", function () {
            if (button.getAttribute("aria-pressed") === "true") {
                stop();
                return;
            }
            var sentences = sentencesToRead();
            synth.cancel();
            button.setAttribute("aria-pressed", "true");
            sentences.forEach(function (sentence, index) {
                var utterance = new window.SpeechSynthesisUtterance(sentence);
                utterance.lang = lang;
                if (index === sentences.length - 1) {
                    utterance.addEventListener("end", function () {
                        button.setAttribute("aria-pressed", "false");
                    });
                }
                synth.speak(utterance);
            });
        });
        window.addEventListener("pagehide", stop);
        return stop;
    }

    function setUpAccessibilityBar() {
        var form = document.getElementById("a11y-bar");
        if (!form) {
            return;
        }

        function fromForm() {
            var choices = { text: form.elements.text.value || "normal" };
            A11Y_SWITCHES.forEach(function (name) {
                choices[name] = form.elements[name].checked;
            });
            return choices;
        }

        function changed() {
            var choices = fromForm();
            applyChoices(choices);
            rememberChoices(choices);
        }

        var saved = readChoices();
        form.elements.text.value = saved.text === "large" || saved.text === "xlarge" ? saved.text : "normal";
        A11Y_SWITCHES.forEach(function (name) {
            form.elements[name].checked = saved[name] === true;
        });
        applyChoices(fromForm());

        var stopReading = setUpReadAloud(form, document.getElementById("a11y-read"));
        form.addEventListener("change", changed);
        form.addEventListener("submit", function (event) {
            event.preventDefault();
        });
        // The form's own reset unchecks the controls; the classes and the memory follow once it has.
        form.addEventListener("reset", function () {
            stopReading();
            window.setTimeout(changed, 0);
        });
    }

    setUpMenu();
    setUpTools();
    setUpAccessibilityBar();
})();
