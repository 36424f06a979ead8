// Progressive enhancement for the course editor (author/edit_file.html): the preview refreshes
// about a second after the teacher stops typing, the draft is saved on its own a little later,
// and a problem's "dòng N" link selects that line. Without this script the page works the same
// ("Lưu" saves, "Xem trước" shows the preview). Messages come from the server or the page.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form || !form.dataset.previewUrl || !window.fetch || !window.FormData) { return; }
  var text = form.querySelector("textarea[name=text]");
  var status = document.getElementById("save-status");
  var preview = document.getElementById("preview");
  var token = form.querySelector("input[name=csrf_token]").value;
  var failed = document.documentElement.lang.indexOf("en") === 0
    ? "Not saved just now; your text is still here." : "Chưa lưu được lúc này; văn bản vẫn còn trong ô.";
  var saved = text.value, ended = false, previewTimer = null, saveTimer = null;

  function say(message) { status.textContent = message || ""; }

  // POST the path and the text; a redirect means the session ended (sent to the sign-in page).
  function send(url) {
    var body = new FormData();
    body.append("path", form.dataset.path);
    body.append("text", text.value);
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      headers: { "X-CSRFToken": token }
    }).then(function (response) {
      ended = response.type === "opaqueredirect" || response.status === 401;
      if (ended) { say(form.dataset.ended); throw new Error("session ended"); }
      return response;
    });
  }

  function message(response) {
    return response.json().then(function (data) { say(data.message); return data; }, function () { say(failed); });
  }

  // The server sends the preview as [tag, attributes, children] nodes (already sanitized):
  // elements, attributes and text are set one by one, no string is ever parsed as markup.
  function build(nodes, parent) {
    nodes.forEach(function (node) {
      if (typeof node === "string") { parent.appendChild(document.createTextNode(node)); return; }
      var element = document.createElement(node[0]);
      Object.keys(node[1]).forEach(function (name) { element.setAttribute(name, node[1][name]); });
      build(node[2], element);
      parent.appendChild(element);
    });
  }

  function refreshPreview() {
    send(form.dataset.previewUrl).then(function (response) {
      if (!response.ok) { return message(response); }
      return response.json().then(function (data) {
        var fresh = document.createDocumentFragment();
        build(data.nodes, fresh);
        while (preview.firstChild) { preview.removeChild(preview.firstChild); }
        preview.appendChild(fresh);
      });
    }).catch(function () {});
  }

  function autosave() {
    var sent = text.value;
    if (sent === saved) { return Promise.resolve(); }
    return send(form.dataset.autosaveUrl).then(function (response) {
      return message(response).then(function () { if (response.ok) { saved = sent; } });
    }, function (error) { if (!ended) { say(failed); } throw error; });
  }

  text.addEventListener("input", function () {
    window.clearTimeout(previewTimer);
    window.clearTimeout(saveTimer);
    previewTimer = window.setTimeout(refreshPreview, 1000);
    saveTimer = window.setTimeout(function () { autosave().catch(function () {}); }, 2500);
  });

  // After the session ended, stay on the page (the text with it) until a check shows that the
  // teacher signed in again, in another tab; then send the form as the button asked.
  form.addEventListener("submit", function (event) {
    if (!ended) { return; }
    event.preventDefault();
    var button = event.submitter;
    send(form.dataset.autosaveUrl).then(function () {
      saved = "";
      if (form.requestSubmit) { form.requestSubmit(button || undefined); } else { form.submit(); }
    }).catch(function () {});
  });

  // "dòng 12" in the problems: select that line in the text.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-line]") : null;
    if (link) { event.preventDefault(); goToLine(parseInt(link.dataset.line, 10) || 1); }
  });

  function goToLine(number) {
    var lines = text.value.split("\n"), start = 0;
    for (var i = 0; i < number - 1 && i < lines.length; i += 1) { start += lines[i].length + 1; }
    text.focus();
    text.setSelectionRange(start, start + (lines[number - 1] || "").length);
    var height = parseFloat(window.getComputedStyle(text).lineHeight) || 24;
    text.scrollTop = Math.max(0, (number - 3) * height);
  }

  var wanted = new URLSearchParams(window.location.search).get("line");
  if (wanted) { goToLine(parseInt(wanted, 10) || 1); }
}());
