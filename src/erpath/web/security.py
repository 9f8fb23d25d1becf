"""Sessions, CSRF tokens, logins with a rate limit, and the headers every response carries
(docs/adr/0009-web-app.md).

- A session is a signed cookie (itsdangerous, keyed by the secret) holding a random
  session id and the user's name once logged in; HttpOnly, SameSite=Strict, and Secure
  (with the `__Host-` prefix) whenever the app is reachable from other computers.
  Logging out revokes the id. Sessions expire after `session_max_age_s`.
- The CSRF token of a session is an HMAC of its id under the secret: every form carries
  it and every form POST is refused (403) without the right one.
- Passwords are argon2id hashes in a users file, one `name:hash` line per user.
- Failed logins are counted per client address and per user name; past the limit in
  the window, logins are refused (429) until the window passes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from erpath.web.settings import ConfigError

CSRF_FIELD = "csrf"
HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of `password`, for a users file line `name:hash`."""
    return HASHER.hash(password)


class Users:
    """The users file: `name:argon2-hash` lines; blank lines and `#` comments ignored."""

    def __init__(self, hashes: dict[str, str]) -> None:
        self._hashes = hashes
        self._dummy = hash_password(secrets.token_urlsafe(16))

    @classmethod
    def load(cls, path: Path) -> Users:
        problems: list[str] = []
        hashes: dict[str, str] = {}
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError([f"ERPATH_USERS: cannot read {path}: {exc.strerror}"]) from None
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, digest = line.partition(":")
            if not sep or not name.strip() or not digest.startswith("$argon2"):
                problems.append(f"ERPATH_USERS: {path} line {number}: expected name:argon2-hash")
            elif name.strip() in hashes:
                problems.append(f"ERPATH_USERS: {path} line {number}: user {name!r} twice")
            else:
                hashes[name.strip()] = digest.strip()
        if not hashes and not problems:
            problems.append(f"ERPATH_USERS: {path} lists no user")
        if problems:
            raise ConfigError(problems)
        return cls(hashes)

    def verify(self, name: str, password: str) -> bool:
        """Whether `password` is `name`'s; an unknown name costs the same time."""
        digest = self._hashes.get(name)
        try:
            return HASHER.verify(digest or self._dummy, password) and digest is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


@dataclass(frozen=True)
class Session:
    sid: str
    user: str | None = None


class Sessions:
    """Signed session cookies, their CSRF tokens, and revocation on logout."""

    def __init__(self, secret: str, max_age_s: int, secure: bool) -> None:
        self._secret = secret.encode("utf-8")
        self._serializer = URLSafeTimedSerializer(secret, salt="erpath-session")
        self.max_age_s = max_age_s
        self.secure = secure
        self.cookie = "__Host-erpath_session" if secure else "erpath_session"
        self._revoked: dict[str, float] = {}
        self._lock = threading.Lock()

    def new(self, user: str | None = None) -> Session:
        return Session(secrets.token_urlsafe(24), user)

    def dump(self, session: Session) -> str:
        return self._serializer.dumps({"sid": session.sid, "user": session.user})

    def load(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=self.max_age_s)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
            return None
        user = data.get("user")
        with self._lock:
            if data["sid"] in self._revoked:
                return None
        return Session(data["sid"], user if isinstance(user, str) else None)

    def revoke(self, session: Session) -> None:
        now = time.time()
        with self._lock:
            self._revoked = {s: t for s, t in self._revoked.items() if t > now}
            self._revoked[session.sid] = now + self.max_age_s

    def csrf_token(self, session: Session) -> str:
        return hmac.new(self._secret, b"csrf:" + session.sid.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: Session, token: object) -> bool:
        return isinstance(token, str) and hmac.compare_digest(token, self.csrf_token(session))


class LoginLimiter:
    """At most `attempts` failed logins per key (client address, user name) in a sliding
    window of `window_s` seconds."""

    def __init__(
        self, attempts: int, window_s: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures

    def retry_after(self, keys: Iterable[str]) -> int | None:
        """Seconds until a login may be tried again, or None if it may be tried now."""
        now = self._clock()
        with self._lock:
            waits = [
                int(failures[0] + self.window_s - now) + 1
                for key in keys
                if len(failures := self._recent(key, now)) >= self.attempts
            ]
        return max(waits, default=None)

    def failed(self, keys: Iterable[str]) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self'",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def document_csp(html: str) -> str:
    """The CSP for a printable document (a report, the evidence index), whose styles are
    inline so that the file stands alone: the same policy, with exactly those style
    blocks allowed by their SHA-256 hashes."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode() + "'"
        for block in STYLE_BLOCK.findall(html)
    ]
    return CONTENT_SECURITY_POLICY.replace(
        "style-src 'self'", " ".join(["style-src 'self'", *hashes])
    )


def security_headers(local: bool) -> dict[str, str]:
    """Headers on every response: a strict CSP (nothing inline, nothing from elsewhere),
    no framing, no sniffing, no referrer, nothing cached (pages hold personal facts)."""
    headers = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }
    if not local:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return headers
