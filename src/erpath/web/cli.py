"""`erpath web`: serve the web app (and `erpath web-user`: a users-file line).

Registered in the main CLI as commands; `python -m erpath.web` runs `web` alone."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from erpath import DEMO_DATA_DIR
from erpath.store import CaseStore, StoreError
from erpath.web.demo import DEMO_REFERRAL, DemoError, ensure_demo
from erpath.web.security import hash_password
from erpath.web.settings import ConfigError, Settings

# Requests are logged by erpath.web (method, route template, status); uvicorn's own access
# log, which prints every URL with its query string, is off.
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        },
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        "erpath": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for whose X-Forwarded-For to believe: no one's unless proxies are
    named (uvicorn would otherwise believe any peer on 127.0.0.1, and let a client behind a
    local proxy, or on this computer, pick the address the login limit counts)."""
    return {
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": ",".join(settings.trusted_proxies),
    }


def _fail(lines: list[str]) -> typer.Exit:
    for line in lines:
        typer.echo(line, err=True)
    return typer.Exit(code=2)


def web(
    host: Annotated[
        str, typer.Option(help="address to listen on; beyond 127.0.0.1 a login is required")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="your case store (passphrase: ERPATH_PASSPHRASE or asked)"),
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="invented demonstration cases in --data-dir")
    ] = False,
    data_dir: Annotated[
        Path, typer.Option("--data-dir", help="where --demo keeps its store")
    ] = DEMO_DATA_DIR,
    referral: Annotated[
        Path | None,
        typer.Option(
            "--referral",
            help="YAML file of the organisation whom client summaries say to call "
            "(or ERPATH_REFERRAL); --demo uses an invented one",
        ),
    ] = None,
    ssl_certfile: Annotated[Path | None, typer.Option(help="TLS certificate (PEM)")] = None,
    ssl_keyfile: Annotated[Path | None, typer.Option(help="TLS private key (PEM)")] = None,
) -> None:
    """Serve erpath in the browser: screening, evidence, cases, the law, and the JSON API.

    Bound to 127.0.0.1 (the default) only this computer can reach it. Bound anywhere else it
    requires ERPATH_SECRET and ERPATH_USERS (a users file) and refuses to start without them;
    X-Forwarded-For is believed only from the proxies in ERPATH_TRUSTED_PROXIES.
    """
    if demo and store is not None:
        raise _fail(["--demo and --store: choose one"])
    passphrase = None
    if demo:
        try:
            store, passphrase = ensure_demo(data_dir)
        except (DemoError, StoreError) as exc:
            raise _fail([str(exc)]) from None
    elif store is not None:
        passphrase = os.environ.get("ERPATH_PASSPHRASE") or str(
            typer.prompt("Passphrase of the case store", hide_input=True)
        )
    if demo and referral is None:
        referral = DEMO_REFERRAL
    settings = Settings(
        host=host, port=port, store_path=store, passphrase=passphrase, referral_file=referral
    ).with_env()
    problems = settings.problems()
    if problems:
        raise _fail(["erpath web cannot start:", *problems])
    if store is not None and passphrase is not None:
        try:  # a wrong passphrase or a damaged store: say so before serving anything
            CaseStore.open(store, passphrase).close()
        except StoreError as exc:
            raise _fail(["erpath web cannot start:", str(exc)]) from None
    import uvicorn

    from erpath.web.app import create_app

    try:
        app = create_app(settings)
    except ConfigError as exc:
        raise _fail(["erpath web cannot start:", *exc.problems]) from None
    shown = f"[{host}]" if ":" in host else host
    scheme = "https" if ssl_certfile else "http"
    typer.echo(f"erpath web: {scheme}://{shown}:{port}/ (Ctrl+C stops it)", err=True)
    if demo:
        typer.echo(f"demonstration cases (invented) in {store}", err=True)
    if not settings.local and ssl_certfile is None:
        typer.echo(
            "note: cookies are Secure; serve through HTTPS (a TLS proxy, or --ssl-certfile "
            "and --ssl-keyfile) or browsers will not log in",
            err=True,
        )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=LOG_CONFIG,
        access_log=False,
        server_header=False,
        ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
        ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
        **server_options(settings),
    )


def web_user(
    name: Annotated[str, typer.Argument(help="the user's login name")],
) -> None:
    """Print a users-file line (name:argon2-hash) for ERPATH_USERS; asks the password."""
    if ":" in name or not name.strip():
        raise _fail(["name: give a name without ':'"])
    password = os.environ.get("ERPATH_NEW_PASSWORD") or str(
        typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    )
    if len(password) < 12:
        raise _fail(["password: use at least 12 characters"])
    typer.echo(f"{name.strip()}:{hash_password(password)}")
