"""Friendly error pages that reveal nothing; server errors logged with a request id."""

from __future__ import annotations

import logging
import math
import re
import secrets

from flask import Flask, current_app, g, redirect, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.routing import RequestRedirect

from mooc.web.ratelimit import seconds_to_wait

log = logging.getLogger("mooc.errors")


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Yêu cầu chưa hợp lệ"), _("Trang gửi lên chưa đúng. Hãy quay lại và thử lại.")),
        403: (_("Bạn không có quyền xem trang này"), _("Trang này dành cho người có vai trò khác.")),
        404: (_("Không tìm thấy trang"), _("Địa chỉ có thể đã gõ sai hoặc trang đã được chuyển đi.")),
        405: (_("Cách truy cập chưa đúng"), _("Hãy quay lại trang trước và dùng nút trên trang.")),
        413: (_("Tệp quá lớn"), _("Hãy chọn tệp nhỏ hơn.")),
        429: (_("Bạn thao tác quá nhanh"), _("Vui lòng đợi một chút rồi thử lại.")),
        500: (_("Hệ thống đang gặp sự cố"), _("Chúng tôi đã ghi nhận lỗi. Vui lòng thử lại sau ít phút.")),
    }


def init_app(app: Flask) -> None:
    @app.before_request
    def _request_id() -> None:
        g.request_id = request.headers.get("X-Request-Id", "")[:64] or secrets.token_hex(8)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if error.code == 404 and (canonical := _without_trailing_slash()):
            return redirect(canonical, 308)
        return _page(error.code or 500)

    @app.errorhandler(InternalServerError)
    def _server_error(error: InternalServerError):
        # The path only, never the query string or form: they may hold personal data.
        cause = error.original_exception or error
        log.error(
            "request %s failed: %s %s",
            g.get("request_id", "-"),
            request.method,
            request.path,
            exc_info=(type(cause), cause, cause.__traceback__),
        )
        return _page(500)


def _without_trailing_slash() -> str | None:
    """The address without its trailing slash, if that page exists ("/learn/alpha/" → "/learn/alpha").

    Only GET and HEAD; the target is always a path on this site (slashes merged, so "//x/" can
    never become the address of another host, "//x").
    """
    path = request.path
    if request.method not in ("GET", "HEAD") or path == "/" or not path.endswith("/"):
        return None
    canonical = "/" + re.sub(r"/+", "/", path).strip("/")
    try:
        current_app.create_url_adapter(request).match(canonical, method="GET")  # type: ignore[union-attr]
    except RequestRedirect:
        pass  # the address exists (Werkzeug would only tidy it)
    except HTTPException:
        return None
    query = request.query_string.decode("latin-1")
    return canonical + (f"?{query}" if query else "")


def _page(code: int):
    title, text = _messages().get(code, _messages()[500] if code >= 500 else _messages()[400])
    headers = {}
    if code == 429 and (seconds := seconds_to_wait()) is not None:
        # Roughly how long, in whole minutes (the windows are one to fifteen minutes long).
        text = _("Vui lòng đợi khoảng %(minutes)d phút rồi thử lại.", minutes=math.ceil(seconds / 60))
        headers["Retry-After"] = str(seconds)
    page = render_template(
        "errors/error.html", code=code, title=title, text=text, request_id=g.get("request_id", "")
    )
    return page, code, headers
