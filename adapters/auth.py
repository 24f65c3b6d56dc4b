"""Bearer tokens: verified into an `Actor`; in development Planspor also signs its own (ES256)."""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import jwt
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.ec import generate_private_key as generate_ec_key
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from jwt.algorithms import AllowedPublicKeys

from adapters.settings import Settings
from domain import municipalities
from domain.errors import RuleViolation
from domain.facts import OSLO
from domain.offices import OFFICE_ROLES, OFFICES
from domain.values import Actor, AssuranceLevel, Role

DEVELOPMENT_ISSUER = "planspor-development"
DEV_ALGORITHM = "ES256"
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "sub", "role", "municipality"]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # a claim is one line of text
MAX_CLAIM = 200
_Vocabulary = TypeVar("_Vocabulary", Role, AssuranceLevel)

# Most specific first: the first matching class names the reason.
_REASONS: list[tuple[type[jwt.PyJWTError], str]] = [
    (jwt.ExpiredSignatureError, "token expired"),
    (jwt.ImmatureSignatureError, "token not yet valid"),
    (jwt.InvalidAudienceError, "wrong audience"),
    (jwt.InvalidIssuerError, "wrong issuer"),
    (jwt.InvalidIssuedAtError, "invalid issued-at time"),
    (jwt.InvalidAlgorithmError, "algorithm not allowed"),
    (jwt.InvalidSignatureError, "invalid signature"),
    (jwt.DecodeError, "malformed token"),
    (jwt.InvalidKeyError, "unusable signing key"),
    (jwt.PyJWKClientConnectionError, "signing keys unavailable"),
    (jwt.PyJWKClientError, "unknown signing key"),
]


class AuthenticationError(Exception):
    """A refused token. `reason` is safe to show a client: it never echoes the token or claims."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DevelopmentOnlyError(AuthenticationError):
    """Planspor was asked to issue its own tokens outside development."""


class TokenVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        algorithms: list[str],
        leeway_seconds: int,
        public_key: AllowedPublicKeys | None = None,
        jwks_url: str | None = None,
        allow_development_issuer: bool = False,
    ) -> None:
        _check_algorithms(algorithms)
        self._keys: AllowedPublicKeys | jwt.PyJWKClient
        if public_key is not None and jwks_url is None:
            self._keys = public_key
        elif jwks_url is not None and public_key is None:
            self._keys = jwt.PyJWKClient(jwks_url, cache_keys=True, timeout=10)
        else:
            raise ValueError("give exactly one of public_key and jwks_url")
        self._issuer = issuer
        self._audience = audience
        self._algorithms = list(algorithms)
        self._leeway = leeway_seconds
        self._allow_development_issuer = allow_development_issuer

    def verify(self, token: str) -> Actor:
        try:
            self._precheck(token)
            claims = jwt.decode(
                token,
                self._signing_key(token),
                algorithms=self._algorithms,
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.MissingRequiredClaimError as error:
            raise AuthenticationError(f"missing claim '{error.claim}'") from None
        except jwt.PyJWTError as error:
            raise AuthenticationError(_reason_for(error)) from None
        return actor_from_claims(claims)

    def _precheck(self, token: str) -> None:
        """Refuse on the unverified header and issuer before any key lookup or network fetch."""
        unverified = jwt.decode_complete(token, options={"verify_signature": False})
        if unverified["header"].get("alg") not in self._algorithms:
            raise jwt.InvalidAlgorithmError("algorithm not allowed")
        issuer = unverified["payload"].get("iss")
        if issuer == DEVELOPMENT_ISSUER and not self._allow_development_issuer:
            raise AuthenticationError("development tokens are not accepted in this environment")

    def _signing_key(self, token: str) -> AllowedPublicKeys | jwt.PyJWK:
        if isinstance(self._keys, jwt.PyJWKClient):
            return self._keys.get_signing_key_from_jwt(token)
        return self._keys


def _check_algorithms(algorithms: list[str]) -> None:
    """Symmetric or unsigned algorithms would let a public key double as an HMAC secret."""
    if not algorithms:
        raise ValueError("at least one algorithm is required")
    for name in algorithms:
        if name.lower() == "none" or name.upper().startswith("HS"):
            raise ValueError(f"algorithm {name!r} is not allowed for bearer tokens")


def _reason_for(error: jwt.PyJWTError) -> str:
    for kind, reason in _REASONS:
        if isinstance(error, kind):
            return reason
    return "invalid token"


def actor_from_claims(claims: dict[str, Any]) -> Actor:
    """The actor from verified claims: a bearer token's, or a browser login's ID token."""
    person_id = _text(claims, "sub")
    if not person_id:
        raise AuthenticationError("invalid claim 'sub'")
    role = _enum(Role, _text(claims, "role"), "role")
    return Actor(
        person_id=person_id,
        name=_text(claims, "name"),
        role=role,
        municipality=_municipality(_text(claims, "municipality")),
        organisation=_text(claims, "org"),
        unit=_text(claims, "unit"),
        assurance=_enum(AssuranceLevel, _text(claims, "acr", AssuranceLevel.LOW), "acr"),
        office=_office(claims, role),
    )


def _office(claims: dict[str, Any], role: Role) -> str:
    """Supervisors and Statsforvalteren's complaint handlers act for one office (embete) or for
    Helsetilsynet: the `office` claim names it; other roles carry none."""
    if role not in OFFICE_ROLES:
        return ""
    if "office" not in claims:
        raise AuthenticationError("missing claim 'office'")
    office = _text(claims, "office")
    if office not in OFFICES:
        raise AuthenticationError("invalid claim 'office'")
    return office


def _text(claims: dict[str, Any], name: str, default: str = "") -> str:
    value = claims.get(name, default)
    if not isinstance(value, str) or len(value) > MAX_CLAIM or _CONTROL.search(value):
        raise AuthenticationError(f"invalid claim '{name}'")
    return value


def _enum(kind: type[_Vocabulary], value: str, claim: str) -> _Vocabulary:
    try:
        return kind(value)
    except ValueError:
        raise AuthenticationError(f"invalid claim '{claim}'") from None


def _municipality(value: str) -> str:
    if not municipalities.is_number(value):
        raise AuthenticationError("invalid claim 'municipality'")
    return value


def load_or_create_dev_key(path: Path) -> EllipticCurvePrivateKey:
    if path.exists():
        key = load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
            raise ValueError(f"{path} does not hold an EC P-256 private key")
        return key
    key = generate_ec_key(SECP256R1())
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created with 0600 from the start, so the key is never readable by others, even briefly.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(pem)
    return key


def issue_dev_token(
    settings: Settings,
    *,
    person_id: str,
    name: str,
    role: Role,
    municipality: str,
    organisation: str = "",
    unit: str = "",
    assurance: AssuranceLevel = AssuranceLevel.SUBSTANTIAL,
    ttl: timedelta = timedelta(hours=8),
    office: str = "",
) -> str:
    if not settings.is_development:
        raise DevelopmentOnlyError("development tokens can only be issued in development")
    now = datetime.now(UTC)
    _check_dev_claims(municipality, role, office, now)
    claims = {
        "iss": settings.oidc_issuer,
        "aud": settings.oidc_audience,
        "sub": person_id,
        "name": name,
        "role": str(role),
        "municipality": municipality,
        "org": organisation,
        "unit": unit,
        "acr": str(assurance),
        "iat": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
    } | ({"office": office} if office else {})
    key = load_or_create_dev_key(settings.dev_signing_key_path)
    return jwt.encode(claims, key, algorithm=DEV_ALGORITHM)


def _check_dev_claims(municipality: str, role: Role, office: str, now: datetime) -> None:
    """A development token names a kommunenummer in force today, and an office where the role
    needs one."""
    try:
        municipalities.check(municipality, now.astimezone(OSLO).date())
    except RuleViolation as error:
        raise AuthenticationError(error.detail) from None
    if role in OFFICE_ROLES and office not in OFFICES:
        raise AuthenticationError(f"a {role} acts for an office: one of {', '.join(OFFICES)}")
    if role not in OFFICE_ROLES and office:
        raise AuthenticationError(f"a {role} acts for no office")


def build_verifier(settings: Settings) -> TokenVerifier:
    if settings.is_development:
        key = load_or_create_dev_key(settings.dev_signing_key_path)
        return TokenVerifier(
            issuer=settings.oidc_issuer,
            audience=settings.oidc_audience,
            algorithms=[DEV_ALGORITHM],
            leeway_seconds=settings.token_leeway_seconds,
            public_key=key.public_key(),
            allow_development_issuer=True,
        )
    return TokenVerifier(
        issuer=settings.oidc_issuer,
        audience=settings.oidc_audience,
        algorithms=list(settings.oidc_algorithms),
        leeway_seconds=settings.token_leeway_seconds,
        jwks_url=settings.oidc_jwks_url,
        allow_development_issuer=False,
    )
