"""Key derivation (scrypt) and sealing (AES-256-GCM) for the case store.

A record is sealed as ``nonce (12 bytes) || ciphertext || tag (16 bytes)``. Its
associated data binds it to its place in the log, so a record moved to another row,
or rows swapped, fail authentication. Plaintexts are padded to a multiple of
``PAD_TO`` bytes so record lengths say less about what is in them.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
PAD_TO = 64

# Default scrypt cost: n=2**17, r=8, p=1 (128 MiB, about a third of a second), the
# OWASP recommendation for scrypt. Lower n is accepted for tests only (see KdfParams).
DEFAULT_N = 2**17
DEFAULT_R = 8
DEFAULT_P = 1
# Bounds on what a store header may ask for: below MIN_N is too weak to be anything but
# a test store; above the maxima a damaged or hostile header could exhaust memory.
MIN_N = 2**10
MAX_N = 2**20
MAX_R = 32
MAX_P = 16
MAX_MEMORY = 2**30  # scrypt uses 128 * n * r bytes

_KEY_CHECK_AAD = b"erpath-case-store/v1/key-check"
_KEY_CHECK_PLAINTEXT = b"erpath-case-store/v1/key-check"
_RECORD_AAD = b"erpath-case-store/v1/record/"
_TIP_AAD = b"erpath-case-store/v1/tip"


class SealError(Exception):
    """A sealed value fails authentication (wrong key, or altered bytes)."""


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters, kept in the store's header in clear (they are not secret)."""

    salt: bytes
    n: int = DEFAULT_N
    r: int = DEFAULT_R
    p: int = DEFAULT_P

    @classmethod
    def fresh(cls, n: int = DEFAULT_N) -> KdfParams:
        params = cls(salt=os.urandom(SALT_BYTES), n=n)
        params.check()
        return params

    def check(self) -> None:
        """ValueError if the parameters are outside what this code accepts."""
        if self.n < MIN_N or self.n > MAX_N or self.n & (self.n - 1):
            raise ValueError(f"scrypt n must be a power of two from {MIN_N} to {MAX_N}")
        if not 1 <= self.r <= MAX_R or not 1 <= self.p <= MAX_P:
            raise ValueError(f"scrypt r must be 1..{MAX_R} and p 1..{MAX_P}")
        if 128 * self.n * self.r > MAX_MEMORY:
            raise ValueError(f"scrypt n and r would need more than {MAX_MEMORY >> 20} MiB")
        if len(self.salt) < SALT_BYTES:
            raise ValueError(f"the salt must be at least {SALT_BYTES} bytes")


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    """The 256-bit store key. The passphrase is NFC-normalised first, so the same
    passphrase typed on systems that compose accents differently opens the store."""
    params.check()
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    kdf = Scrypt(salt=params.salt, length=KEY_BYTES, n=params.n, r=params.r, p=params.p)
    return kdf.derive(secret)


class Sealer:
    """Seals and opens values under one store key. Keeps the key only in memory."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"the key must be {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    def _seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def _open(self, sealed: bytes, aad: bytes) -> bytes:
        if len(sealed) < NONCE_BYTES + 16:
            raise SealError("too short to be a sealed value")
        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
        except InvalidTag:
            raise SealError("fails authentication") from None

    def key_check(self) -> bytes:
        """A sealed known value: opening it proves the key (so the passphrase) is right."""
        return self._seal(_KEY_CHECK_PLAINTEXT, _KEY_CHECK_AAD)

    def verify_key_check(self, sealed: bytes) -> bool:
        try:
            return self._open(sealed, _KEY_CHECK_AAD) == _KEY_CHECK_PLAINTEXT
        except SealError:
            return False

    def seal_tip(self, seq: int) -> bytes:
        """The last committed seq, sealed: the store's integrity record."""
        return self._seal(str(seq).encode("ascii"), _TIP_AAD)

    def open_tip(self, sealed: bytes) -> int:
        """The seq of a sealed integrity record; SealError if it fails authentication."""
        text = self._open(sealed, _TIP_AAD)
        if not text.isdigit():
            raise SealError("not an integrity record")
        return int(text)

    def seal_record(self, seq: int, plaintext: bytes) -> bytes:
        return self._seal(pad(plaintext), _record_aad(seq))

    def open_record(self, seq: int, sealed: bytes) -> bytes:
        """The padded plaintext of record ``seq``; SealError if it fails authentication."""
        return self._open(sealed, _record_aad(seq))


def _record_aad(seq: int) -> bytes:
    return _RECORD_AAD + str(seq).encode("ascii")


def pad(plaintext: bytes) -> bytes:
    """Pad with spaces (insignificant after JSON) to a multiple of PAD_TO bytes."""
    return plaintext + b" " * (-len(plaintext) % PAD_TO)
