"""The few HTTP calls Lectern makes to a platform (its JWKS, token and score endpoints), in one place.

One function, `send`, so the tests' simulated platform replaces exactly this and nothing else.
The standard library's urllib is enough for three small JSON exchanges; no redirects are followed
(a token or a score must reach the URL the platform registered, not wherever it points).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

TIMEOUT_SECONDS = 10


class PlatformUnreachable(Exception):
    """The platform did not answer, or answered with an error; the message says which."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def send(method: str, url: str, headers: dict[str, str], body: bytes | None = None) -> Reply:
    """One HTTP request to a platform; the reply whatever its status, PlatformUnreachable if none came."""
    if urlsplit(url).scheme not in ("https", "http"):
        raise PlatformUnreachable(f"{url} is not an http(s) address")
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    opener = urllib.request.build_opener(_NoRedirects())
    try:
        # The scheme is checked above (http or https only), so no file:// or custom scheme is opened.
        with opener.open(request, timeout=TIMEOUT_SECONDS) as reply:  # nosec B310
            return Reply(reply.status, reply.read())
    except urllib.error.HTTPError as e:
        with e:
            return Reply(e.code, e.read())
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        raise PlatformUnreachable(f"{urlsplit(url).netloc} did not answer: {e}") from e
    except ValueError as e:  # http.client.InvalidURL and the like: an address no request can go to
        raise PlatformUnreachable(f"{url[:200]} is not an address Lectern can call: {e}") from e


def _json(reply: Reply, what: str) -> Any:
    if not 200 <= reply.status < 300:
        raise PlatformUnreachable(f"{what} answered {reply.status}: {reply.body[:200].decode('utf-8', 'replace')}")
    try:
        return json.loads(reply.body)
    except ValueError:
        raise PlatformUnreachable(f"{what} did not answer with JSON") from None


def get_json(url: str, what: str = "The platform") -> Any:
    return _json(send("GET", url, {"Accept": "application/json"}), what)


def post_form(url: str, fields: dict[str, str], what: str = "The platform's token endpoint") -> Any:
    body = urlencode(fields).encode()
    return _json(send("POST", url, {"Content-Type": "application/x-www-form-urlencoded",
                                    "Accept": "application/json"}, body), what)


def post_json(url: str, data: dict[str, Any], *, content_type: str, token: str) -> Reply:
    return send("POST", url, {"Content-Type": content_type, "Authorization": f"Bearer {token}"},
                json.dumps(data).encode())


def get_with_token(url: str, *, accept: str, token: str, what: str) -> Any:
    return _json(send("GET", url, {"Accept": accept, "Authorization": f"Bearer {token}"}), what)
