"""The dashboard's routes: static pages from ``dashboard/``, guarded like the API.

Pages and scripts are files in this package (no CDN, nothing fetched at run time); the
charts are inline SVG drawn by ``dashboard/charts.js``. A browser without the token gets
the login form (with status 401), which sets the token cookie (see ``auth.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .auth import COOKIE, TokenAuth

STATIC_DIR = Path(__file__).with_name("dashboard")
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
# The inspector's iframe holds the archived page as srcdoc, sandboxed without scripts;
# everything else comes from this origin.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
_PAGES = {"/dashboard": "index.html", "/dashboard/inspector": "inspector.html"}


def mount_dashboard(app: FastAPI, auth: TokenAuth) -> None:
    files = {p.name: p for p in STATIC_DIR.iterdir() if p.suffix in _TYPES}

    def serve(request: Request, name: str) -> Response:
        if not auth.request_ok(request):
            return _login_page(status_code=401)
        path = files.get(name)
        if path is None:
            return HTMLResponse("not found", status_code=404)
        return Response(path.read_bytes(), media_type=_TYPES[path.suffix],
                        headers=_security_headers())

    for route, name in _PAGES.items():
        app.add_api_route(route, _page_handler(serve, name), methods=["GET"],
                          include_in_schema=False)

    @app.get("/dashboard/static/{name}", include_in_schema=False)
    def static(request: Request, name: str) -> Response:
        return serve(request, name)

    @app.post("/dashboard/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0]
        if not auth.matches(token):
            return _login_page(status_code=401, failed=True)
        response = RedirectResponse("/dashboard", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/",
                            secure=request.url.scheme == "https")
        return response

    @app.post("/dashboard/logout", include_in_schema=False)
    def logout() -> Response:
        response = RedirectResponse("/dashboard", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response


def _page_handler(serve: Callable[[Request, str], Response],
                  name: str) -> Callable[[Request], Response]:
    def handler(request: Request) -> Response:
        return serve(request, name)
    return handler


def _login_page(status_code: int, failed: bool = False) -> HTMLResponse:
    html = (STATIC_DIR / "login.html").read_text("utf-8")
    message = "That token is not right." if failed else ""
    return HTMLResponse(html.replace("{{message}}", message), status_code=status_code,
                        headers=_security_headers())


def _security_headers() -> dict[str, str]:
    return {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
