"""How the web app runs: where it listens, which case store it opens, and the secrets it
needs when it listens beyond this computer (docs/adr/0009-web-app.md).

Bound to a loopback address (the default, 127.0.0.1) the app serves only this computer
and asks for no login. Bound anywhere else it requires a signing secret
(`ERPATH_SECRET`) and a users file of argon2 password hashes (`ERPATH_USERS`), and
refuses to start without them."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

LOOPBACK_NAMES = ("localhost",)
MIN_SECRET_LENGTH = 32
DEFAULT_DATA_DIR = Path(".erpath-demo")


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


@dataclass(frozen=True)
class Settings:
    """Everything the app factory needs. Secrets are kept out of `repr`."""

    host: str = "127.0.0.1"
    port: int = 8000
    store_path: Path | None = None
    passphrase: str | None = field(default=None, repr=False)
    secret: str | None = field(default=None, repr=False)
    users_file: Path | None = None
    data_dir: Path = DEFAULT_DATA_DIR
    allowed_hosts: tuple[str, ...] = ()
    login_attempts: int = 5
    login_window_s: int = 300
    session_max_age_s: int = 8 * 3600
    result_ttl_s: int = 3600
    today: date | None = None  # a fixed "today" for the case pages (tests, demos)

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
        if self.local:
            return found
        where = f"binding to {self.host} makes erpath reachable from other computers"
        if not self.secret:
            found.append(
                f"ERPATH_SECRET is not set: {where}, which needs a secret of at least "
                f"{MIN_SECRET_LENGTH} characters to sign sessions"
            )
        elif len(self.secret) < MIN_SECRET_LENGTH:
            found.append(
                f"ERPATH_SECRET is too short ({len(self.secret)} characters): "
                f"use at least {MIN_SECRET_LENGTH}"
            )
        if self.users_file is None:
            found.append(
                f"ERPATH_USERS is not set: {where}, which needs a users file "
                "(one 'name:argon2-hash' line per user; `erpath web-user NAME` writes one)"
            )
        elif not self.users_file.is_file():
            found.append(f"ERPATH_USERS: no users file at {self.users_file}")
        return found

    def check(self) -> Settings:
        """Raise ConfigError naming every problem; return self when the app can start."""
        found = self.problems()
        if found:
            raise ConfigError(found)
        return self

    def with_env(self) -> Settings:
        """These settings completed from the environment: ERPATH_SECRET, ERPATH_USERS,
        ERPATH_ALLOWED_HOSTS (comma-separated), ERPATH_PASSPHRASE (with a store)."""
        secret = self.secret or os.environ.get("ERPATH_SECRET") or None
        users = self.users_file or (
            Path(os.environ["ERPATH_USERS"]) if os.environ.get("ERPATH_USERS") else None
        )
        hosts = self.allowed_hosts or tuple(
            h.strip() for h in os.environ.get("ERPATH_ALLOWED_HOSTS", "").split(",") if h.strip()
        )
        passphrase = self.passphrase
        if self.store_path is not None and passphrase is None:
            passphrase = os.environ.get("ERPATH_PASSPHRASE") or None
        return replace(
            self, secret=secret, users_file=users, allowed_hosts=hosts, passphrase=passphrase
        )
