"""Secret keys at rest: encrypted with a key derived from settings.SECRET_KEY, stdlib only.

Why not Fernet/AES: the `cryptography` package is not installed in this project and adding a native
dependency for one column is not worth it. The construction is encrypt-then-MAC with a random 16-byte salt:

* enc_key, mac_key = PBKDF2-HMAC-SHA256(SECRET_KEY, salt‖purpose, 100k rounds) split in two 32-byte halves;
* keystream = HMAC-SHA256(enc_key, salt‖counter) blocks (a PRF in counter mode), XORed with the plaintext;
* tag = HMAC-SHA256(mac_key, salt‖ciphertext), checked in constant time before decrypting.

Stored as urlsafe base64 of salt‖ciphertext‖tag. Rotating SECRET_KEY makes old secrets undecryptable (the
keys must then be re-issued), which is the same behaviour as Django's own signed values.
"""
import base64
import hashlib
import hmac
import os

from django.conf import settings

PURPOSE = b"partnercenter.api.access-key-secret"
ROUNDS = 100_000


class SecretDecryptionError(Exception):
    pass


def _keys(salt: bytes) -> tuple[bytes, bytes]:
    material = hashlib.pbkdf2_hmac("sha256", settings.SECRET_KEY.encode(), salt + PURPOSE, ROUNDS, dklen=64)
    return material[:32], material[32:]


def _keystream(key: bytes, salt: bytes, length: int) -> bytes:
    blocks, counter = [], 0
    while sum(map(len, blocks)) < length:
        blocks.append(hmac.new(key, salt + counter.to_bytes(8, "big"), hashlib.sha256).digest())
        counter += 1
    return b"".join(blocks)[:length]


def encrypt_secret(plaintext: str) -> str:
    salt = os.urandom(16)
    enc_key, mac_key = _keys(salt)
    data = plaintext.encode()
    cipher = bytes(a ^ b for a, b in zip(data, _keystream(enc_key, salt, len(data)), strict=True))
    tag = hmac.new(mac_key, salt + cipher, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(salt + cipher + tag).decode()


def decrypt_secret(token: str) -> str:
    try:
        raw = base64.urlsafe_b64decode(token.encode())
    except (ValueError, TypeError) as exc:
        raise SecretDecryptionError("malformed") from exc
    if len(raw) < 48:
        raise SecretDecryptionError("malformed")
    salt, cipher, tag = raw[:16], raw[16:-32], raw[-32:]
    enc_key, mac_key = _keys(salt)
    if not hmac.compare_digest(tag, hmac.new(mac_key, salt + cipher, hashlib.sha256).digest()):
        raise SecretDecryptionError("tag mismatch")
    return bytes(a ^ b for a, b in zip(cipher, _keystream(enc_key, salt, len(cipher)), strict=True)).decode()
