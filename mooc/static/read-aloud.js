// "Nghe đọc bài": the browser's own speech reads the lesson aloud, for the elderly and
// for learners who read with difficulty. Only added where the browser can speak;
// without JavaScript the lesson is simply there to read.
(function () {
  "use strict";
  var holder = document.getElementById("read-aloud");
  var article = document.querySelector("article .prose");
  if (!holder || !article || !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) { return; }
  var synth = window.speechSynthesis;
  var VOICE_WAIT_MS = 2000; // Chrome fills its voice list a moment after the page loads
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button-secondary";
  button.textContent = holder.dataset.label;
  var note = document.createElement("p");
  note.className = "hint";
  note.setAttribute("role", "status");
  holder.appendChild(button);
  holder.appendChild(note);
  var state = "idle"; // "idle", "waiting" (for the voice list) or "speaking"

  function vietnameseVoice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().replace("_", "-").indexOf("vi") === 0) { return voices[i]; }
    }
    return null;
  }

  // getVoices() is empty until the browser has loaded its voices; it then fires
  // "voiceschanged". Wait for that, but not for ever: some browsers never fire it.
  function whenVoicesKnown(then) {
    if ((synth.getVoices() || []).length) { then(); return; }
    var done = false;
    var finish = function () {
      if (done) { return; }
      done = true;
      if (synth.removeEventListener) { synth.removeEventListener("voiceschanged", finish); }
      then();
    };
    if (synth.addEventListener) {
      synth.addEventListener("voiceschanged", finish);
    } else {
      synth.onvoiceschanged = finish;
    }
    setTimeout(finish, VOICE_WAIT_MS);
  }

  function sentences() {
    // Short pieces: some browsers stop a long utterance half way.
    var text = article.innerText || article.textContent || "";
    return text.replace(/([.!?…:])\s+/g, "$1\n").split(/\n+/)
      .map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function stop() {
    synth.cancel();
    state = "idle";
    button.textContent = holder.dataset.label;
  }

  function speak(voice) {
    var parts = sentences();
    parts.forEach(function (part, index) {
      var utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = voice.lang || "vi-VN";
      utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onerror = function (event) {
        // "interrupted" and "canceled" are our own stop; anything else means nothing is playing.
        if (state === "speaking" && event && event.error !== "interrupted" && event.error !== "canceled") {
          note.textContent = holder.dataset.novoice;
          stop();
        }
      };
      if (index === parts.length - 1) { utterance.onend = stop; }
      synth.speak(utterance);
    });
    state = "speaking";
    button.textContent = holder.dataset.stop;
  }

  button.addEventListener("click", function () {
    if (state !== "idle") { stop(); return; }
    state = "waiting";
    note.textContent = "";
    whenVoicesKnown(function () {
      if (state !== "waiting") { return; } // pressed again while waiting: stopped
      var voice = vietnameseVoice();
      if (!voice) {
        note.textContent = holder.dataset.novoice; // nothing would play: say why, and stay ready
        stop();
        return;
      }
      speak(voice);
    });
  });
  window.addEventListener("pagehide", stop);
}());
