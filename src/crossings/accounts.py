"""Who may review: user accounts (reviewer | reader) with scrypt-hashed passwords, and login sessions.

Standard library only: hashlib.scrypt for passwords, secrets for session tokens. The store keeps the
SHA-256 of a session token, never the token, and never a password. The operator's bearer token
(settings.token) counts as a reviewer named "operator".
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from crossings.errors import InputError

ROLES = ("reviewer", "reader")
OPERATOR = "operator"
SESSION_HOURS = 12
MIN_PASSWORD = 8
_N, _R, _P = 2**14, 8, 1  # scrypt cost: about 16 MiB and a few tens of milliseconds per check
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    role: str

    @property
    def can_review(self) -> bool:
        return self.role == "reviewer"


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str | None) -> bool:
    """Constant-time check; with no stored hash a dummy one is checked, so a missing name takes as long."""
    try:
        scheme, n, r, p, salt, digest = (stored or _DUMMY).split("$")
        expected = base64.b64decode(digest)
        got = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return scheme == "scrypt" and hmac.compare_digest(got, expected) and stored is not None


def add_user(store, name: str, role: str, password: str) -> bool:
    """Create or update an account; True when it is new. A changed password ends its sessions."""
    if not _NAME.match(name or ""):
        raise InputError(f"user name {name!r}: letters, digits and . _ @ - only, at most 64", "bad_user")
    if role not in ROLES:
        raise InputError(f"role {role!r}: one of {', '.join(ROLES)}", "bad_role")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password needs at least {MIN_PASSWORD} characters", "weak_password")
    return store.add_user(name, role, hash_password(password))


def login(store, name: str, password: str) -> tuple[str, Account, str] | None:
    """(bearer token, account, expiry) for the right password, else None."""
    user = store.user(name) if _NAME.match(name or "") else None
    if not check_password(password, user["password_hash"] if user else None) or user is None:
        return None
    token = secrets.token_urlsafe(32)
    expires = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=SESSION_HOURS)).isoformat(timespec="seconds")
    store.add_session(token_digest(token), user["name"], expires)
    return token, Account(user["name"], user["role"]), expires


def account_for(store, token: str | None, operator_token: str | None) -> Account | None:
    """Whose bearer token this is: the operator (a reviewer), a logged-in user, or nobody."""
    if not token:
        return None
    if operator_token and hmac.compare_digest(token.encode("utf-8"), operator_token.encode("utf-8")):
        return Account(OPERATOR, "reviewer")
    found = store.session_user(token_digest(token))
    return Account(found["name"], found["role"]) if found else None


def logout(store, token: str) -> None:
    store.end_session(token_digest(token))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=64 * 1024 * 1024)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


_DUMMY = f"scrypt${_N}${_R}${_P}${_b64(b'0' * 16)}${_b64(b'0' * 32)}"
