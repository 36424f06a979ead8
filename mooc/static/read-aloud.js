// "Nghe đọc bài": the browser's own speech reads the lesson aloud, for the elderly and
// for learners who read with difficulty. Only added where the browser can speak;
// without JavaScript the lesson is simply there to read.
(function () {
  "use strict";
  var holder = document.getElementById("read-aloud");
  var article = document.querySelector("article .prose");
  if (!holder || !article || !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) { return; }
  var synth = window.speechSynthesis;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button-secondary";
  button.textContent = holder.dataset.label;
  var note = document.createElement("p");
  note.className = "hint";
  note.setAttribute("role", "status");
  holder.appendChild(button);
  holder.appendChild(note);
  var speaking = false;

  function vietnameseVoice() {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf("vi") === 0) { return voices[i]; }
    }
    return null;
  }

  function sentences() {
    // Short pieces: some browsers stop a long utterance half way.
    var text = article.innerText || article.textContent || "";
    return text.replace(/([.!?…:])\s+/g, "$1\n").split(/\n+/)
      .map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function stop() {
    synth.cancel();
    speaking = false;
    button.textContent = holder.dataset.label;
  }

  button.addEventListener("click", function () {
    if (speaking) { stop(); return; }
    var voice = vietnameseVoice();
    note.textContent = voice ? "" : holder.dataset.novoice;
    var parts = sentences();
    parts.forEach(function (part, index) {
      var utterance = new SpeechSynthesisUtterance(part);
      utterance.lang = "vi-VN";
      utterance.rate = 0.9;
      if (voice) { utterance.voice = voice; }
      if (index === parts.length - 1) { utterance.onend = stop; }
      synth.speak(utterance);
    });
    speaking = true;
    button.textContent = holder.dataset.stop;
  });
  window.addEventListener("pagehide", stop);
}());
