"""Sessions, CSRF tokens, logins with a rate limit, and the headers every response carries
(docs/adr/0009-web-app.md).

- A session is a signed cookie (itsdangerous, keyed by the secret) holding a random
  session id and the user's name once logged in; HttpOnly, SameSite=Strict, and Secure
  (with the `__Host-` prefix) whenever the app is reachable from other computers.
  Logging out revokes the id. Sessions expire after `session_max_age_s`.
- The CSRF token of a session is an HMAC of its id under the secret: every form carries
  it and every form POST is refused (403) without the right one.
- Passwords are argon2id hashes in a users file, one `name:hash` line per user. The file
  is read again whenever it changes; a session carries a mark of its user's hash, so a
  user removed from the file, or given a new password, is logged out on the next request.
  A file that no longer reads refuses every login and every session (fail closed).
- Logins are limited (docs/adr/0015-login-limiter.md): an attempt takes a slot before the
  password is verified, per client address, per user and address, and per user from
  addresses that user has never logged in from; failures fill the slots for the window.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import logging
import os
import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, URLSafeTimedSerializer

from erpath.web.settings import ConfigError

CSRF_FIELD = "csrf"
HASHER = PasswordHasher()
MAX_NAME = 100  # characters of a login name; a longer one is a wrong name
log = logging.getLogger("erpath.web")


def hash_password(password: str) -> str:
    """An argon2id hash of `password`, for a users file line `name:hash`."""
    return HASHER.hash(password)


def _signature(path: Path) -> tuple[int, int, int, int] | None:
    """What changes when the file at `path` is rewritten or replaced (None: cannot stat)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class Users:
    """The users file: `name:argon2-hash` lines; blank lines and `#` comments ignored."""

    def __init__(self, hashes: dict[str, str], path: Path | None = None) -> None:
        self._hashes = hashes
        self._path = path
        self._seen = _signature(path) if path is not None else None
        self._dummy = hash_password(secrets.token_urlsafe(16))

    @staticmethod
    def _read(path: Path) -> dict[str, str]:
        problems: list[str] = []
        hashes: dict[str, str] = {}
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise ConfigError([f"ERPATH_USERS: cannot read {path}: {reason}"]) from None
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
        return hashes

    @classmethod
    def load(cls, path: Path) -> Users:
        return cls(cls._read(path), path)

    def refresh(self) -> None:
        """Read the file again if it changed since it was last read; if it no longer reads,
        no one is a user until it does (every login and session refused)."""
        if self._path is None:
            return
        now = _signature(self._path)
        if now == self._seen:
            return
        self._seen = now
        try:
            self._hashes = self._read(self._path)
        except ConfigError as exc:
            self._hashes = {}
            log.error("the users file no longer reads; every login is refused: %s", exc)
        else:
            log.info("the users file changed: %d users", len(self._hashes))

    def mark(self, name: str) -> str | None:
        """A mark of `name`'s hash, kept in the session: it changes with the password and is
        gone with the user (None)."""
        digest = self._hashes.get(name)
        if digest is None:
            return None
        return hashlib.sha256(digest.encode("utf-8")).hexdigest()[:16]

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
    mark: str | None = None  # Users.mark of the user when the session logged in


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

    def new(self, user: str | None = None, mark: str | None = None) -> Session:
        return Session(secrets.token_urlsafe(24), user, mark)

    def dump(self, session: Session) -> str:
        return self._serializer.dumps(
            {"sid": session.sid, "user": session.user, "mark": session.mark}
        )

    def load(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=self.max_age_s)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
            return None
        user, mark = data.get("user"), data.get("mark")
        with self._lock:
            if data["sid"] in self._revoked:
                return None
        return Session(
            data["sid"],
            user if isinstance(user, str) else None,
            mark if isinstance(mark, str) else None,
        )

    def revoke(self, session: Session) -> None:
        now = time.time()
        with self._lock:
            self._revoked = {s: t for s, t in self._revoked.items() if t > now}
            self._revoked[session.sid] = now + self.max_age_s

    def csrf_token(self, session: Session) -> str:
        return hmac.new(self._secret, b"csrf:" + session.sid.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: Session, token: object) -> bool:
        return isinstance(token, str) and hmac.compare_digest(token, self.csrf_token(session))


def client_key(host: str) -> str:
    """The address a login is counted against: an IPv6 client by its /64 network (one
    machine's share of addresses), any other by itself."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class Attempt:
    """A login attempt holding a slot of each of its keys until it ends."""

    user: str
    address: str
    keys: tuple[str, ...]


@dataclass
class _Slots:
    failures: deque[float] = field(default_factory=deque)
    in_flight: int = 0


class LoginLimiter:
    """Logins limited before the password is verified (docs/adr/0015-login-limiter.md).

    An attempt takes a slot of each of its keys at once, under one lock, and holds it while
    the password is verified; a failure keeps it for `window_s` seconds. The keys: the
    client address (`ADDRESS_FACTOR` x `attempts` slots: an office shares one), the user
    at that address (`attempts`), and the user from any address they have not logged in
    from before (`USER_FACTOR` x `attempts`: the cap on guesses from many addresses, which
    never locks the user out of an address they have used). So parallel attempts get at
    most the slots there are, and an attacker's failures elsewhere leave the user's own
    addresses open. Memory is bounded: at most `max_keys` keys and `KNOWN_PER_USER`
    addresses per user; past that, attempts under new keys wait (fail closed)."""

    ADDRESS_FACTOR = 4
    USER_FACTOR = 4
    KNOWN_PER_USER = 20

    def __init__(
        self,
        attempts: int,
        window_s: int,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 100_000,
    ) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self.max_keys = max_keys
        self._clock = clock
        self._slots: dict[str, _Slots] = {}
        self._known: dict[str, OrderedDict[str, None]] = {}
        self._lock = threading.Lock()

    def _cap(self, key: str) -> int:
        kind = key.partition(":")[0]
        factor = {"address": self.ADDRESS_FACTOR, "user": self.USER_FACTOR}.get(kind, 1)
        return self.attempts * factor

    def _expire(self, slots: _Slots, now: float) -> None:
        """Drop the failures that have left the window."""
        while slots.failures and slots.failures[0] <= now - self.window_s:
            slots.failures.popleft()

    def _forget_expired(self, now: float) -> None:
        for key in list(self._slots):
            slots = self._slots[key]
            self._expire(slots, now)
            if not slots.failures and not slots.in_flight:
                del self._slots[key]

    def _wait(self, key: str, now: float) -> int | None:
        """Seconds until `key` has a free slot (None: it has one now)."""
        slots = self._slots.get(key)
        if slots is None:
            return None
        self._expire(slots, now)
        cap = self._cap(key)
        if len(slots.failures) + slots.in_flight < cap:
            return None
        if len(slots.failures) < cap:  # slots held by attempts being verified now
            return 1
        return int(slots.failures[len(slots.failures) - cap] + self.window_s - now) + 1

    def begin(self, user: str, host: str) -> Attempt | int:
        """An attempt for `user` from the client `host`, holding its slots, or the seconds
        to wait before one may be made."""
        address = client_key(host)
        keys = [f"address:{address}", f"pair:{user}\0{address}"]
        if address not in self._known.get(user, ()):
            keys.append(f"user:{user}")
        now = self._clock()
        with self._lock:
            new = sum(key not in self._slots for key in keys)
            if new and len(self._slots) + new > self.max_keys:
                self._forget_expired(now)
                if len(self._slots) + new > self.max_keys:
                    log.warning("login limiter full: %d keys; new attempts wait", self.max_keys)
                    return self.window_s
            waits = [w for key in keys if (w := self._wait(key, now)) is not None]
            if waits:
                return max(waits)
            for key in keys:
                self._slots.setdefault(key, _Slots()).in_flight += 1
        return Attempt(user, address, tuple(keys))

    def end(self, attempt: Attempt, succeeded: bool) -> None:
        """The attempt is over: a failure keeps its slots for the window; a success frees
        them, forgets the failures at this user and address, and makes the address known."""
        now = self._clock()
        with self._lock:
            for key in attempt.keys:
                slots = self._slots.setdefault(key, _Slots())
                slots.in_flight = max(0, slots.in_flight - 1)
                if not succeeded:
                    slots.failures.append(now)
            if succeeded:
                self._slots.pop(f"pair:{attempt.user}\0{attempt.address}", None)
                known = self._known.setdefault(attempt.user, OrderedDict())
                known[attempt.address] = None
                known.move_to_end(attempt.address)
                while len(known) > self.KNOWN_PER_USER:
                    known.popitem(last=False)


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
