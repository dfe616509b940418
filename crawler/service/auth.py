"""Bearer-token auth: every route but ``/healthz`` needs the token from THRESHER_API_TOKEN.

API clients send ``Authorization: Bearer <token>``. A browser cannot add that header when it
opens ``/dashboard``, so the dashboard's login form (``POST /dashboard/login``) checks the
token once and sets it as an HttpOnly, SameSite=Strict cookie, which is accepted in place of
the header. SameSite=Strict keeps other sites from riding on the cookie (no CSRF).
Comparison is constant-time.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

COOKIE = "thresher_token"
_SCHEME = HTTPBearer(auto_error=False, description="THRESHER_API_TOKEN")


class TokenAuth:
    """A FastAPI dependency bound to one token (no module-level state)."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("the API token must not be empty")
        self._token = token.encode("utf-8")

    def matches(self, candidate: str | None) -> bool:
        if not candidate:
            return False
        return hmac.compare_digest(candidate.encode("utf-8"), self._token)

    def request_ok(self, request: Request) -> bool:
        """Header or cookie carries the token (for pages, which answer with a login form)."""
        header = request.headers.get("authorization", "")
        scheme, _, credentials = header.partition(" ")
        if scheme.lower() == "bearer" and self.matches(credentials.strip()):
            return True
        return self.matches(request.cookies.get(COOKIE))

    async def __call__(
        self, request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_SCHEME)],
    ) -> None:
        if credentials is not None and self.matches(credentials.credentials):
            return
        if self.matches(request.cookies.get(COOKIE)):
            return
        reason = ("missing bearer token" if credentials is None and COOKIE not in request.cookies
                  else "wrong token")
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail=f"{reason}: send 'Authorization: Bearer <THRESHER_API_TOKEN>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
