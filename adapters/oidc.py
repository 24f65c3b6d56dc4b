"""OpenID Connect login (authorization code flow with PKCE) against the configured provider,
with Authlib's OAuth 2 client. The tokens stay here: only the verified claims leave this module,
and Planspor's server keeps them in the session (`adapters.sessions`)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session

from adapters.auth import AuthenticationError
from adapters.settings import Settings

TIMEOUT_SECONDS = 10
DISCOVERY_TTL_SECONDS = 3600


@dataclass(frozen=True)
class AuthorizationRequest:
    url: str
    state: str
    nonce: str
    code_verifier: str


class OidcClient:
    def __init__(self, settings: Settings) -> None:
        if not settings.oidc_discovery_url:
            raise ValueError("PLANSPOR_OIDC_DISCOVERY_URL is not set")
        self._discovery_url = settings.oidc_discovery_url
        self._client_id = settings.oidc_client_id
        self._secret = settings.oidc_client_secret.get_secret_value()
        self._scope = settings.oidc_scope
        self._acr_values = settings.oidc_acr_values
        self._leeway = settings.token_leeway_seconds
        self._algorithms = [a for a in settings.oidc_algorithms if a[:2] in ("RS", "ES", "PS")]
        self._metadata: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._keys: jwt.PyJWKClient | None = None

    def metadata(self) -> dict[str, Any]:
        if not self._metadata or time.monotonic() - self._fetched_at > DISCOVERY_TTL_SECONDS:
            response = requests.get(self._discovery_url, timeout=TIMEOUT_SECONDS)
            response.raise_for_status()
            self._metadata, self._fetched_at = response.json(), time.monotonic()
            self._keys = jwt.PyJWKClient(self._metadata["jwks_uri"], timeout=TIMEOUT_SECONDS)
        return self._metadata

    def _session(self, redirect_uri: str) -> OAuth2Session:
        return OAuth2Session(
            self._client_id,
            self._secret or None,
            scope=self._scope,
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic" if self._secret else "none",
        )

    def authorization_request(self, redirect_uri: str) -> AuthorizationRequest:
        verifier, nonce = generate_token(64), generate_token(32)
        extra = {"acr_values": self._acr_values} if self._acr_values else {}
        with self._session(redirect_uri) as session:
            url, state = session.create_authorization_url(
                self.metadata()["authorization_endpoint"],
                code_verifier=verifier,
                nonce=nonce,
                **extra,
            )
        return AuthorizationRequest(url=url, state=state, nonce=nonce, code_verifier=verifier)

    def finish(self, redirect_uri: str, code: str, request: AuthorizationRequest) -> dict[str, Any]:
        """Exchange the code (with the PKCE verifier), verify the ID token, merge userinfo."""
        metadata = self.metadata()
        with self._session(redirect_uri) as session:
            try:
                token = session.fetch_token(
                    metadata["token_endpoint"], code=code, code_verifier=request.code_verifier,
                    timeout=TIMEOUT_SECONDS,
                )  # fmt: skip
                claims = self._verified_id_token(str(token.get("id_token", "")), request.nonce)
                if "userinfo_endpoint" in metadata:
                    info = session.get(metadata["userinfo_endpoint"], timeout=TIMEOUT_SECONDS)
                    info.raise_for_status()
                    claims = info.json() | claims  # the signed ID token wins
            except (requests.RequestException, ValueError, KeyError) as error:
                raise AuthenticationError("login with the identity provider failed") from error
        return claims

    def _signing_key(self, id_token: str) -> jwt.PyJWK:
        """The key the header names; a provider with one key may leave `kid` out."""
        assert self._keys is not None
        kid = jwt.get_unverified_header(id_token).get("kid")
        if kid:
            return self._keys.get_signing_key(kid)
        keys = self._keys.get_signing_keys()
        if len(keys) != 1:
            raise jwt.PyJWKClientError("the ID token names no key and the provider has several")
        return keys[0]

    def _verified_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        if not id_token or self._keys is None:
            raise AuthenticationError("no ID token from the identity provider")
        try:
            claims: dict[str, Any] = jwt.decode(
                id_token,
                self._signing_key(id_token),
                algorithms=self._algorithms,
                audience=self._client_id,
                issuer=self.metadata()["issuer"],
                leeway=self._leeway,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise AuthenticationError("the ID token was not valid") from error
        if claims.get("nonce") != nonce:
            raise AuthenticationError("the ID token's nonce does not match the login")
        return claims
