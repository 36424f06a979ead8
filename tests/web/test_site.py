"""Site-wide behaviour: security headers, language, friendly errors, health."""

from __future__ import annotations


def test_security_headers_are_set_on_every_page(client, content):
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers
    assert "Strict-Transport-Security" in client.get("/", base_url="https://mooc.test").headers


def test_pages_are_vietnamese_by_default_and_english_on_request(browser, content):
    page = browser.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in page and "Học kỹ năng số" in page
    response = browser.post("/language", {"lang": "en", "next": "/learn"})
    assert response.headers["Location"] == "/learn"
    assert '<html lang="en">' in browser.get("/").get_data(as_text=True)


def test_the_language_switch_never_redirects_off_the_site(browser, content):
    response = browser.post("/language", {"lang": "en", "next": "//evil.example"})
    assert response.headers["Location"] == "/"


def test_a_missing_page_is_friendly_and_vietnamese(client, content):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.get_data(as_text=True)


def test_a_server_error_page_leaks_nothing_and_logs_no_query(app, client, content, caplog):
    from mooc.web.access import public

    @app.route("/boom")
    @public
    def boom():
        raise RuntimeError("secret detail 001099012345")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom?phone=0912345678")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "Hệ thống đang gặp sự cố" in page
    assert "secret detail" not in page and "Traceback" not in page
    assert "0912345678" not in caplog.text and "/boom" in caplog.text


def test_health_check_touches_the_database(client, content):
    assert client.get("/healthz").get_json() == {"status": "ok"}
