from __future__ import annotations

import base64
import hashlib
import hmac
import json
import stat
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from jwt.algorithms import RSAAlgorithm

from adapters.auth import (
    AuthenticationError,
    TokenVerifier,
    build_verifier,
    issue_dev_token,
    load_or_create_dev_key,
)
from adapters.settings import Settings
from domain.values import Actor, AssuranceLevel, Role

PROD_ISSUER = "https://idp.example.kommune.no"
KID = "test-key-1"


@pytest.fixture
def dev_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path)


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def jwks_url(rsa_key: rsa.RSAPrivateKey) -> Iterator[str]:
    jwk = RSAAlgorithm.to_jwk(rsa_key.public_key(), as_dict=True)
    body = json.dumps({"keys": [{**jwk, "kid": KID, "use": "sig", "alg": "RS256"}]}).encode()

    class JWKSHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), JWKSHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def prod_settings(tmp_path: Path, jwks_url: str) -> Settings:
    return Settings(
        environment="production",
        database_url="postgresql://x/y",
        pseudonym_key="k",
        oidc_issuer=PROD_ISSUER,
        oidc_jwks_url=jwks_url,
        data_dir=tmp_path,
    )


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {
        "iss": PROD_ISSUER,
        "aud": "planspor",
        "sub": "12345678901",
        "name": "Kari Nordmann",
        "role": "coordinator",
        "municipality": "0301",
        "org": "Oslo kommune",
        "unit": "Tildelingskontoret",
        "acr": "idporten-loa-high",
        "iat": now,
        "exp": now + 600,
    }
    base.update(overrides)
    return {name: value for name, value in base.items() if value is not None}


def rsa_token(key: rsa.RSAPrivateKey, kid: str = KID, **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), key, algorithm="RS256", headers={"kid": kid})


def dev_token(settings: Settings, **overrides: Any) -> str:
    """A token signed with the development key, with any claims the test wants."""
    key = load_or_create_dev_key(settings.dev_signing_key_path)
    return jwt.encode(claims(iss="planspor-development", **overrides), key, algorithm="ES256")


def issue_minimal(settings: Settings, ttl: timedelta = timedelta(hours=8)) -> str:
    return issue_dev_token(
        settings, person_id="1", name="A", role=Role.USER, municipality="0301", ttl=ttl
    )


def unverified(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def refusal(verifier: TokenVerifier, token: str) -> str:
    with pytest.raises(AuthenticationError) as caught:
        verifier.verify(token)
    return caught.value.reason


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_a_dev_token_round_trips_to_the_actor_it_was_issued_for(dev_settings: Settings) -> None:
    token = issue_dev_token(
        dev_settings,
        person_id="12345678901",
        name="Kari Nordmann",
        role=Role.COORDINATOR,
        municipality="4601",
        organisation="Bergen kommune",
        unit="Koordinerende enhet",
        assurance=AssuranceLevel.HIGH,
    )

    actor = build_verifier(dev_settings).verify(token)

    assert actor == Actor(
        person_id="12345678901",
        name="Kari Nordmann",
        role=Role.COORDINATOR,
        municipality="4601",
        organisation="Bergen kommune",
        unit="Koordinerende enhet",
        assurance=AssuranceLevel.HIGH,
    )


def test_a_dev_token_carries_a_unique_id_and_the_configured_lifetime(
    dev_settings: Settings,
) -> None:
    first = unverified(issue_minimal(dev_settings))
    second = unverified(issue_minimal(dev_settings))

    assert first["jti"] != second["jti"]
    assert first["exp"] - first["iat"] == 8 * 3600
    assert first["iss"] == "planspor-development"
    assert first["aud"] == "planspor"


def test_the_dev_key_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "key.pem"

    created = load_or_create_dev_key(path)
    loaded = load_or_create_dev_key(path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    as_pem = (Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    assert loaded.public_key().public_bytes(*as_pem) == created.public_key().public_bytes(*as_pem)


def test_an_expired_token_is_refused(dev_settings: Settings) -> None:
    token = issue_minimal(dev_settings, ttl=timedelta(minutes=-5))

    assert refusal(build_verifier(dev_settings), token) == "token expired"


def test_a_token_for_another_audience_is_refused(dev_settings: Settings) -> None:
    token = dev_token(dev_settings, aud="another-service")

    assert refusal(build_verifier(dev_settings), token) == "wrong audience"


def test_a_token_from_another_issuer_is_refused(dev_settings: Settings) -> None:
    key = load_or_create_dev_key(dev_settings.dev_signing_key_path)
    token = jwt.encode(claims(iss="https://evil.example"), key, algorithm="ES256")

    assert refusal(build_verifier(dev_settings), token) == "wrong issuer"


def test_a_token_not_yet_valid_is_refused(dev_settings: Settings) -> None:
    token = dev_token(dev_settings, nbf=int(time.time()) + 3600)

    assert refusal(build_verifier(dev_settings), token) == "token not yet valid"


@pytest.mark.parametrize("claim", ["exp", "iat", "sub", "role", "municipality"])
def test_a_token_missing_a_required_claim_is_refused(dev_settings: Settings, claim: str) -> None:
    token = dev_token(dev_settings, **{claim: None})

    assert refusal(build_verifier(dev_settings), token) == f"missing claim '{claim}'"


def test_a_tampered_payload_fails_the_signature_check(dev_settings: Settings) -> None:
    header, _, signature = dev_token(dev_settings).split(".")
    forged = b64(json.dumps(claims(iss="planspor-development", role="supervisor")).encode())

    assert refusal(build_verifier(dev_settings), f"{header}.{forged}.{signature}") == (
        "invalid signature"
    )


def test_a_token_signed_by_another_key_is_refused(dev_settings: Settings) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1())
    token = jwt.encode(claims(iss="planspor-development"), stranger, algorithm="ES256")

    assert refusal(build_verifier(dev_settings), token) == "invalid signature"


def test_an_unsigned_alg_none_token_is_refused(dev_settings: Settings) -> None:
    token = jwt.encode(claims(iss="planspor-development"), "", algorithm="none")

    assert refusal(build_verifier(dev_settings), token) == "algorithm not allowed"


def test_an_hs256_token_keyed_with_the_public_key_is_refused(dev_settings: Settings) -> None:
    public_pem = (
        load_or_create_dev_key(dev_settings.dev_signing_key_path)
        .public_key()
        .public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    )
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps(claims(iss="planspor-development")).encode())
    signing_input = f"{header}.{payload}"
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()

    assert refusal(build_verifier(dev_settings), f"{signing_input}.{b64(mac)}") == (
        "algorithm not allowed"
    )


def test_a_verifier_cannot_be_configured_for_symmetric_algorithms() -> None:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()

    with pytest.raises(ValueError, match="HS256"):
        TokenVerifier(
            issuer="i", audience="a", algorithms=["HS256"], leeway_seconds=0, public_key=key
        )


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"role": "admin"}, "invalid claim 'role'"),
        ({"role": "koordinator"}, "invalid claim 'role'"),
        ({"municipality": "301"}, "invalid claim 'municipality'"),
        ({"municipality": "03O1"}, "invalid claim 'municipality'"),
        ({"municipality": "٠٣٠١"}, "invalid claim 'municipality'"),
        ({"municipality": 301}, "invalid claim 'municipality'"),
        ({"acr": "Level4"}, "invalid claim 'acr'"),
        ({"sub": ""}, "invalid claim 'sub'"),
    ],
)
def test_a_token_with_a_bad_claim_value_is_refused_without_echoing_it(
    dev_settings: Settings, overrides: dict[str, Any], reason: str
) -> None:
    token = dev_token(dev_settings, **overrides)

    assert refusal(build_verifier(dev_settings), token) == reason


def test_a_missing_acr_means_low_assurance(dev_settings: Settings) -> None:
    token = dev_token(dev_settings, acr=None, name=None, org=None, unit=None)

    actor = build_verifier(dev_settings).verify(token)

    assert actor.assurance == AssuranceLevel.LOW
    assert (actor.name, actor.organisation, actor.unit) == ("", "", "")


def test_a_production_verifier_accepts_a_provider_token_from_its_jwks(
    prod_settings: Settings, rsa_key: rsa.RSAPrivateKey
) -> None:
    actor = build_verifier(prod_settings).verify(rsa_token(rsa_key))

    assert actor == Actor(
        person_id="12345678901",
        name="Kari Nordmann",
        role=Role.COORDINATOR,
        municipality="0301",
        organisation="Oslo kommune",
        unit="Tildelingskontoret",
        assurance=AssuranceLevel.HIGH,
    )


def test_a_production_verifier_refuses_a_kid_unknown_to_the_jwks(
    prod_settings: Settings, rsa_key: rsa.RSAPrivateKey
) -> None:
    token = rsa_token(rsa_key, kid="rotated-away")

    assert refusal(build_verifier(prod_settings), token) == "unknown signing key"


def test_a_production_verifier_refuses_a_token_from_another_issuer(
    prod_settings: Settings, rsa_key: rsa.RSAPrivateKey
) -> None:
    token = rsa_token(rsa_key, iss="https://idp.other.kommune.no")

    assert refusal(build_verifier(prod_settings), token) == "wrong issuer"


def test_a_production_verifier_refuses_a_token_signed_by_another_key_under_a_known_kid(
    prod_settings: Settings,
) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    assert refusal(build_verifier(prod_settings), rsa_token(stranger)) == "invalid signature"


def test_a_dev_token_is_refused_by_a_production_verifier(
    tmp_path: Path, prod_settings: Settings
) -> None:
    token = issue_minimal(Settings(data_dir=tmp_path))

    assert refusal(build_verifier(prod_settings), token) == (
        "development tokens are not accepted in this environment"
    )


def test_issuing_a_dev_token_is_refused_in_production(prod_settings: Settings) -> None:
    with pytest.raises(AuthenticationError):
        issue_minimal(prod_settings)

    assert not prod_settings.dev_signing_key_path.exists()


def test_a_verifier_needs_exactly_one_key_source() -> None:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    common: dict[str, Any] = {
        "issuer": "i",
        "audience": "a",
        "algorithms": ["ES256"],
        "leeway_seconds": 0,
    }

    with pytest.raises(ValueError, match="exactly one"):
        TokenVerifier(**common)
    with pytest.raises(ValueError, match="exactly one"):
        TokenVerifier(**common, public_key=key, jwks_url="http://127.0.0.1:1/jwks")


def test_a_supervisors_token_names_its_office(dev_settings: Settings) -> None:
    verifier = build_verifier(dev_settings)
    assert refusal(verifier, dev_token(dev_settings, role="supervisor")) == "missing claim 'office'"
    unknown = dev_token(dev_settings, role="supervisor", office="Narnia")
    assert refusal(verifier, unknown) == "invalid claim 'office'"
    actor = verifier.verify(dev_token(dev_settings, role="supervisor", office="vestland"))
    assert actor.office == "vestland"
    coordinator = verifier.verify(dev_token(dev_settings, office="vestland"))
    assert coordinator.office == ""  # other roles act for no office


def test_a_dev_token_is_issued_only_for_a_municipality_in_the_register(
    dev_settings: Settings,
) -> None:
    common: dict[str, Any] = {"person_id": "t-1", "name": "Tor", "role": Role.SUPERVISOR}
    with pytest.raises(AuthenticationError, match="not a kommunenummer in force"):
        issue_dev_token(dev_settings, **common, municipality="9999", office="vestland")
    with pytest.raises(AuthenticationError, match="acts for an office"):
        issue_dev_token(dev_settings, **common, municipality="4601")
    token = issue_dev_token(dev_settings, **common, municipality="4601", office="vestland")
    assert build_verifier(dev_settings).verify(token).office == "vestland"
