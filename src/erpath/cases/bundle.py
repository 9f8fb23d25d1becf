"""A case exported as one file that another erpath can import: the label and every event,
sealed with AES-GCM under a key from the passphrase the user gives (scrypt), so a bundle
that is copied reveals nothing, and one that is altered or damaged is refused whole."""

from __future__ import annotations

import base64
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from erpath.store.crypto import (
    DEFAULT_N,
    DEFAULT_P,
    DEFAULT_R,
    KdfParams,
    Sealer,
    SealError,
    derive_key,
)
from erpath.store.events import Event
from erpath.validation import DocumentError, read_json

FORMAT = "erpath-case-bundle"
VERSION = 1
_PAYLOAD_SEQ = 0  # the sealed payload is bound to this place, as a store record to its seq
# A bundle may not ask for a costlier key derivation than erpath's own (128 MiB, ~0.35 s):
# a file from elsewhere must not spend a gibibyte before "wrong passphrase".
MAX_KDF_N, MAX_KDF_R, MAX_KDF_P = DEFAULT_N, DEFAULT_R, DEFAULT_P


class BundleError(ValueError):
    """The bundle cannot be read: one line saying why."""


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    events: list[Event]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def export_bundle(
    label: str, events: list[Event], passphrase: str, kdf_n: int = DEFAULT_N
) -> bytes:
    if not passphrase:
        raise BundleError("passphrase: give one to protect the bundle")
    params = KdfParams.fresh(kdf_n)
    sealer = Sealer(derive_key(passphrase, params))
    payload = _Payload(label=label, events=events).model_dump_json().encode("utf-8")
    document = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": {"salt": _b64(params.salt), "n": params.n, "r": params.r, "p": params.p},
        "key_check": _b64(sealer.key_check()),
        "sealed": _b64(sealer.seal_record(_PAYLOAD_SEQ, payload)),
    }
    return json.dumps(document, indent=1).encode("utf-8")


def read_bundle(data: bytes, passphrase: str) -> tuple[str, list[Event]]:
    """The label and events of a bundle; BundleError if it is not one, the passphrase is
    wrong, or anything in it was altered."""
    try:
        document: Any = read_json(data, "bundle")
        if not isinstance(document, dict):
            raise BundleError(f"not an {FORMAT} file")
        if document.get("format") != FORMAT or document.get("version") != VERSION:
            raise BundleError(f"not an {FORMAT} version {VERSION} file")
        kdf = document["kdf"]
        params = KdfParams(salt=base64.b64decode(kdf["salt"]), n=kdf["n"], r=kdf["r"], p=kdf["p"])
        key_check = base64.b64decode(document["key_check"])
        sealed = base64.b64decode(document["sealed"])
    except BundleError:
        raise
    except DocumentError as exc:
        raise BundleError(str(exc)) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BundleError(f"not a readable case bundle ({exc})") from None
    if params.n > MAX_KDF_N or params.r > MAX_KDF_R or params.p > MAX_KDF_P:
        raise BundleError(
            "the bundle's key parameters are not acceptable: they ask for more than erpath's "
            f"own (scrypt n={MAX_KDF_N}, r={MAX_KDF_R}, p={MAX_KDF_P})"
        )
    try:
        sealer = Sealer(derive_key(passphrase, params))
    except ValueError as exc:
        raise BundleError(f"the bundle's key parameters are not acceptable: {exc}") from None
    if not sealer.verify_key_check(key_check):
        raise BundleError("wrong passphrase for this bundle")
    try:
        payload = _Payload.model_validate_json(sealer.open_record(_PAYLOAD_SEQ, sealed))
    except SealError:
        raise BundleError(
            "the bundle was altered or damaged: its contents fail authentication"
        ) from None
    except ValidationError as exc:
        raise BundleError(
            f"the bundle's contents are not valid: {exc.errors()[0]['msg']}"
        ) from None
    return payload.label, payload.events
