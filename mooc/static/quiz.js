// Progressive enhancement for the quiz page: answers are saved as the learner goes,
// and a countdown shows the time left. Without this script the page works the same
// (the "Lưu câu trả lời" button saves, and the server enforces the deadline).
(function () {
  "use strict";
  var form = document.querySelector("form.quiz[data-save-url]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = form.querySelector(".save-status");
  var lang = document.documentElement.lang;
  var english = lang.indexOf("en") === 0;
  var words = english
    ? { saved: "Answers saved at ", failed: "Your answers could not be saved just now. They are still on the page.",
        closed: "Time is up: answers are no longer saved. Press “Submit” to send what is on the page.",
        left: "Time left: " }
    : { saved: "Đã lưu câu trả lời lúc ", failed: "Chưa lưu được; câu trả lời vẫn còn trên trang.",
        closed: "Đã hết giờ: câu trả lời không còn được lưu. Hãy bấm “Nộp bài” để gửi những gì trên trang.",
        left: "Thời gian còn lại: " };
  var timer = null;

  function save() {
    var data = new FormData(form);
    data.delete("action");
    fetch(form.dataset.saveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": data.get("csrf_token") }
    }).then(function (response) {
      if (response.status === 204) {
        var now = new Date();
        status.textContent = words.saved + now.toLocaleTimeString(english ? "en-GB" : "vi-VN", { hour: "2-digit", minute: "2-digit" });
      } else if (response.status === 409) {
        status.textContent = words.closed;
      } else {
        status.textContent = words.failed;
      }
    }).catch(function () { status.textContent = words.failed; });
  }

  function later() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1500);
  }

  form.addEventListener("change", later);
  form.addEventListener("input", later);

  // The page says answers are saved as the learner goes (without this script: "press Save").
  var mode = document.getElementById("save-mode");
  if (mode && mode.dataset.js) { mode.textContent = mode.dataset.js; }

  // The countdown in the bar that stays at the top. At 0:00 the alert at the top says to
  // submit now (answers saved within the grace still count) and saves at once; when the
  // grace is over it says that answers are no longer saved. The server keeps the time.
  var deadline = document.getElementById("deadline");
  if (deadline && deadline.dataset.deadline) {
    var end = new Date(deadline.dataset.deadline).getTime();
    var grace = (parseInt(deadline.dataset.grace, 10) || 0) * 1000;
    var alertBox = document.getElementById("time-up");
    var line = deadline.querySelector(".deadline-time") || deadline;
    var clock = document.createElement("strong");
    clock.className = "countdown";
    line.insertBefore(clock, line.firstChild);
    var warned = Date.now() >= end; // opened after the time: the page already says so
    var tick = function () {
      var now = Date.now();
      var left = Math.max(0, Math.ceil((end - now) / 1000));
      var minutes = Math.floor(left / 60), seconds = left % 60;
      clock.textContent = words.left + minutes + ":" + (seconds < 10 ? "0" : "") + seconds + " ";
      if (left === 60) { save(); }
      if (left > 0) { setTimeout(tick, 1000); return; }
      if (!warned) {
        warned = true;
        if (alertBox) { alertBox.textContent = deadline.dataset.timeUp; }
        save();
      }
      if (now <= end + grace) { setTimeout(tick, 1000); return; }
      if (alertBox) { alertBox.textContent = deadline.dataset.closed; }
    };
    tick();
  }
}());
