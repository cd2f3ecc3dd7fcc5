// The console's only script besides htmx: copy buttons, confirmations, and the step after sign-in.
(function () {
  "use strict";

  function copyText(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) {
      return;
    }
    var text = target.value !== undefined ? target.value : target.textContent;
    var done = function () {
      var status = document.getElementById(button.getAttribute("data-copy") + "-copied");
      if (status) {
        status.textContent = "Copied";
      }
      button.setAttribute("data-copied", "true");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        target.select && target.select();
      });
    } else if (target.select) {
      target.select();
      document.execCommand("copy");
      done();
    }
  }

  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      event.preventDefault();
      copyText(copy);
      return;
    }
    var confirmed = event.target.closest("[data-confirm]");
    if (confirmed && !window.confirm(confirmed.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    // After sign-in: this page's own navigation carries the SameSite=Strict session cookie.
    var follow = document.querySelector("[data-auto-follow]");
    if (follow) {
      window.location.assign(follow.getAttribute("href"));
    }
  });
})();
