"""The read-aloud button with the browser's speech stubbed: voices that arrive late, and no voice at all."""

from __future__ import annotations

from tests.browser.conftest import PHONE

LESSON = "/learn/thanh-toan-so/quet-ma-qr"
NO_VOICE = "Máy của bạn chưa có giọng đọc tiếng Việt; hãy cài thêm giọng đọc trong phần Cài đặt của máy."

# A stand-in for window.speechSynthesis: the voice list starts empty (as in Chrome, which fills it
# a moment later and fires "voiceschanged"); window.addVoices([lang, …]) plays that moment.
STUB = """
(() => {
  const voices = [], listeners = [];
  window.spoken = [];
  const synth = {
    speaking: false, pending: false, paused: false, onvoiceschanged: null,
    getVoices: () => voices.slice(),
    speak: (u) => { window.spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.lang}); },
    cancel: () => {}, pause: () => {}, resume: () => {},
    addEventListener: (type, fn) => { if (type === "voiceschanged") listeners.push(fn); },
    removeEventListener: (type, fn) => {
      const i = listeners.indexOf(fn);
      if (i >= 0) { listeners.splice(i, 1); }
    },
  };
  window.addVoices = (langs) => {
    langs.forEach((lang) => voices.push({lang: lang, name: lang, voiceURI: lang, localService: true}));
    const event = new Event("voiceschanged");
    listeners.slice().forEach((fn) => fn(event));
    if (synth.onvoiceschanged) { synth.onvoiceschanged(event); }
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; this.voice = null; };
})();
"""


def lesson_with_stub(live_server, open_page):
    page = open_page(viewport=PHONE)
    page.add_init_script(STUB)
    page.goto(live_server.url + LESSON)
    button = page.locator("#read-aloud button")
    assert button.inner_text() == "Nghe đọc bài"
    return page, button


def test_without_any_voice_the_hint_shows_and_the_button_is_ready_again(live_server, open_page):
    page, button = lesson_with_stub(live_server, open_page)
    button.click()
    hint_shown = "() => document.querySelector('#read-aloud .hint').textContent.length > 0"
    page.wait_for_function(hint_shown, timeout=5000)
    assert page.locator("#read-aloud .hint").inner_text() == NO_VOICE
    assert button.inner_text() == "Nghe đọc bài"
    assert page.evaluate("window.spoken") == []


def test_voices_arriving_late_are_waited_for_and_the_vietnamese_one_reads(live_server, open_page):
    page, button = lesson_with_stub(live_server, open_page)
    button.click()
    page.wait_for_timeout(300)  # the list is still empty: Chrome has not filled it yet
    assert page.evaluate("window.spoken") == []
    page.evaluate("window.addVoices(['en-US', 'vi-VN'])")
    page.wait_for_function("() => window.spoken.length > 0", timeout=5000)
    spoken = page.evaluate("window.spoken")
    assert {(s["lang"], s["voice"]) for s in spoken} == {("vi-VN", "vi-VN")}
    assert spoken[0]["text"] == page.locator("article .prose > *").first.inner_text().strip()
    assert button.inner_text() == "Dừng đọc"
    assert page.locator("#read-aloud .hint").inner_text() == ""
    button.click()
    assert button.inner_text() == "Nghe đọc bài"
