"""How the web app runs: where it listens, which case store it opens, and the secrets it
needs when it listens beyond this computer (docs/adr/0009-web-app.md).

Bound to a loopback address (the default, 127.0.0.1) the app serves only this computer
and asks for no login. Bound anywhere else it requires a signing secret
(`ERPATH_SECRET`, long and random) and a users file of argon2 password hashes
(`ERPATH_USERS`), and refuses to start without them. The client's address (which the login
limit counts) is the peer's, unless the peer is a proxy named in `ERPATH_TRUSTED_PROXIES`:
only then is its X-Forwarded-For believed."""

from __future__ import annotations

import ipaddress
import math
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from erpath import DEMO_DATA_DIR
from erpath.report.referral import Referral, ReferralError, load_referral

LOOPBACK_NAMES = ("localhost",)
MIN_SECRET_LENGTH = 32
MIN_SECRET_BITS = 64  # estimated (estimated_bits); 32 random hex digits never fall near it
MAKE_A_SECRET = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"


class ConfigError(ValueError):
    """The app cannot start as configured; `problems` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def is_loopback(host: str) -> bool:
    """Whether `host` is an address (or name) of this computer only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _period(text: str) -> int:
    """The length of the shortest piece that `text` repeats ("abcabcab": 3)."""
    return next(p for p in range(1, len(text) + 1) if text[p:] == text[:-p])


def estimated_bits(secret: str) -> float:
    """An upper estimate of the secret's entropy: its letters' Shannon entropy times the
    length of the piece it repeats. "s" * 40 has none, "changeme" * 4 about 22 bits, 32
    random hex digits about 115 and a random 43-letter token about 210."""
    piece = secret[: _period(secret)] if secret else ""
    counts = Counter(piece)
    per_letter = sum(n / len(piece) * math.log2(len(piece) / n) for n in counts.values())
    return per_letter * len(piece)


def secret_problems(secret: str | None, where: str) -> list[str]:
    """Why `secret` cannot sign sessions, one line each."""
    if not secret:
        return [
            f"ERPATH_SECRET is not set: {where}, which needs a secret of at least "
            f"{MIN_SECRET_LENGTH} random characters to sign sessions: make one with "
            f"{MAKE_A_SECRET}"
        ]
    if secret != secret.strip():
        return ["ERPATH_SECRET begins or ends with white space (a copying slip?): set it without"]
    if len(secret) < MIN_SECRET_LENGTH:
        return [
            f"ERPATH_SECRET is too short ({len(secret)} characters): use at least "
            f"{MIN_SECRET_LENGTH}, e.g. from {MAKE_A_SECRET}"
        ]
    bits = estimated_bits(secret)
    if bits < MIN_SECRET_BITS:
        return [
            f"ERPATH_SECRET is guessable (about {bits:.0f} bits by its letters, fewer than "
            f"{MIN_SECRET_BITS}): make a random one with {MAKE_A_SECRET}"
        ]
    return []


def proxy_problems(proxies: tuple[str, ...]) -> list[str]:
    """Why entries of ERPATH_TRUSTED_PROXIES cannot be used, one line each."""
    found = []
    for proxy in proxies:
        if proxy == "*":
            found.append(
                "ERPATH_TRUSTED_PROXIES: '*' would believe X-Forwarded-For from anyone; "
                "name the proxy's address"
            )
            continue
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            found.append(f"ERPATH_TRUSTED_PROXIES: {proxy!r} is not an IP address or network")
    return found


@dataclass(frozen=True)
class Settings:
    """Everything the app factory needs. Secrets are kept out of `repr`."""

    host: str = "127.0.0.1"
    port: int = 8000
    store_path: Path | None = None
    passphrase: str | None = field(default=None, repr=False)
    secret: str | None = field(default=None, repr=False)
    users_file: Path | None = None
    data_dir: Path = DEMO_DATA_DIR
    allowed_hosts: tuple[str, ...] = ()
    trusted_proxies: tuple[str, ...] = ()  # whose X-Forwarded-For is believed
    login_attempts: int = 5
    login_window_s: int = 300
    session_max_age_s: int = 8 * 3600
    result_ttl_s: int = 3600
    today: date | None = None  # a fixed "today" for the case pages (tests, demos)
    referral_file: Path | None = None  # who the client summaries tell the client to call

    @property
    def local(self) -> bool:
        return is_loopback(self.host)

    @property
    def secure_cookies(self) -> bool:
        """Cookies are `Secure` (sent over HTTPS only) whenever the app is reachable from
        other computers; a TLS proxy or uvicorn's TLS options must then be in front."""
        return not self.local

    def day(self) -> date:
        return self.today or date.today()

    def problems(self) -> list[str]:
        """What stops the app from starting, one line each (empty when it can start)."""
        found: list[str] = []
        if not 0 < self.port < 65536:
            found.append(f"port: {self.port} is not a TCP port")
        if (self.store_path is None) != (self.passphrase is None):
            found.append("store: a case store needs both its path and its passphrase")
        found.extend(proxy_problems(self.trusted_proxies))
        found.extend(self._referral_problems())
        if self.local:
            return found
        where = f"binding to {self.host} makes erpath reachable from other computers"
        found.extend(secret_problems(self.secret, where))
        if self.users_file is None:
            found.append(
                f"ERPATH_USERS is not set: {where}, which needs a users file "
                "(one 'name:argon2-hash' line per user; `erpath web-user NAME` writes one)"
            )
        elif not self.users_file.is_file():
            found.append(f"ERPATH_USERS: no users file at {self.users_file}")
        return found

    def _referral_problems(self) -> list[str]:
        if self.referral_file is None:
            return []
        try:
            load_referral(self.referral_file)
        except ReferralError as exc:
            return exc.problems
        return []

    def referral(self) -> Referral | None:
        """The organisation's referral for client summaries, if one is configured."""
        return load_referral(self.referral_file) if self.referral_file is not None else None

    def check(self) -> Settings:
        """Raise ConfigError naming every problem; return self when the app can start."""
        found = self.problems()
        if found:
            raise ConfigError(found)
        return self

    def with_env(self) -> Settings:
        """These settings completed from the environment: ERPATH_SECRET, ERPATH_USERS,
        ERPATH_ALLOWED_HOSTS and ERPATH_TRUSTED_PROXIES (comma-separated),
        ERPATH_PASSPHRASE (with a store), ERPATH_REFERRAL (a referral file)."""
        secret = self.secret or os.environ.get("ERPATH_SECRET") or None
        users = self.users_file or (
            Path(os.environ["ERPATH_USERS"]) if os.environ.get("ERPATH_USERS") else None
        )
        hosts = self.allowed_hosts or _listed("ERPATH_ALLOWED_HOSTS")
        proxies = self.trusted_proxies or _listed("ERPATH_TRUSTED_PROXIES")
        passphrase = self.passphrase
        if self.store_path is not None and passphrase is None:
            passphrase = os.environ.get("ERPATH_PASSPHRASE") or None
        referral = self.referral_file or (
            Path(os.environ["ERPATH_REFERRAL"]) if os.environ.get("ERPATH_REFERRAL") else None
        )
        return replace(
            self,
            referral_file=referral,
            secret=secret,
            users_file=users,
            allowed_hosts=hosts,
            trusted_proxies=proxies,
            passphrase=passphrase,
        )


def _listed(variable: str) -> tuple[str, ...]:
    """The comma-separated entries of an environment variable."""
    return tuple(h.strip() for h in os.environ.get(variable, "").split(",") if h.strip())
