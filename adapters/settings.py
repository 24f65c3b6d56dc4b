"""One typed `Settings` from the environment: prefix `PLANSPOR_`, plus `DATABASE_URL` and `PORT`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.configuration import DEFAULTS, Thresholds
from domain.values import AssuranceLevel

DEV_PSEUDONYM_KEY = "development-only-pseudonym-key"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANSPOR_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("PLANSPOR_DATABASE_URL", "DATABASE_URL")
    )
    # A streaming replica of that database: the read models are read there (docs/operations.md).
    database_replica_url: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("PLANSPOR_DATABASE_REPLICA_URL", "DATABASE_REPLICA_URL"),
    )
    data_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, validation_alias=AliasChoices("PLANSPOR_PORT", "PORT"))
    log_level: str = "INFO"
    # A garbage collection at least this long is logged (`slow_collection`); 0: not timed.
    slow_collection_ms: float = 50.0
    db_schema: str = ""
    db_pool_size: int = 5
    snapshot_interval: int = 50
    # Commands that need login assurance level high (acr idporten-loa-high), by class name.
    high_assurance_commands: list[str] = []
    # The login assurance level the user's and representative's own writes need (issue 10).
    user_write_assurance: AssuranceLevel = AssuranceLevel.HIGH
    # Deployment-wide defaults of the virksom thresholds (domain/configuration.py); a
    # municipality may choose its own (`planspor configure virksom`).
    virksom_activity_window_days: int = DEFAULTS.activity_window_days
    virksom_evaluation_interval_days: int = DEFAULTS.evaluation_interval_days
    virksom_revision_grace_days: int = DEFAULTS.revision_grace_days

    # Secret that turns identity numbers into the ids of the one-open-plan-per-person index.
    pseudonym_key: SecretStr = SecretStr(DEV_PSEUDONYM_KEY)

    # Tokens. In development Planspor signs its own (key under data_dir); in production it verifies
    # the municipality's OpenID Connect provider's tokens against its JWKS.
    oidc_issuer: str = "planspor-development"
    oidc_audience: str = "planspor"
    oidc_jwks_url: str | None = None
    oidc_algorithms: list[str] = ["RS256", "ES256"]
    token_leeway_seconds: int = 30

    # Browser login: OpenID Connect authorization code flow with PKCE (docs/pages.md). Without a
    # discovery URL, development offers only the demo-person picker; production cannot log in.
    oidc_discovery_url: str | None = None
    oidc_client_id: str = "planspor"
    oidc_client_secret: SecretStr = SecretStr("")
    oidc_redirect_uri: str | None = None  # default: this server's /login/callback
    oidc_scope: str = "openid profile"
    oidc_acr_values: str = ""  # e.g. idporten-loa-high: the assurance level to ask for
    session_idle_minutes: int = 30

    # The written standard of each municipality's pages (bokmål unless listed), by municipality
    # number: `PLANSPOR_WRITTEN_STANDARDS="4601=nn,1516=nn"`. A person's own choice comes first.
    written_standards: Annotated[dict[str, Literal["nb", "nn"]], NoDecode] = {}

    @field_validator("written_standards", mode="before")
    @classmethod
    def _parse_written_standards(cls, value: Any) -> Any:
        """`4601=nn,1516=nn` (commas or spaces between pairs) into {"4601": "nn", …}."""
        if not isinstance(value, str):
            return value
        pairs = [pair.split("=", 1) for pair in value.replace(",", " ").split()]
        if any(len(pair) != 2 or not pair[0].strip().isdigit() for pair in pairs):
            raise ValueError("write municipality number=standard pairs, e.g. 4601=nn,5001=nb")
        return {number.strip(): standard.strip() for number, standard in pairs}

    @property
    def virksom_thresholds(self) -> Thresholds:
        return Thresholds(
            self.virksom_activity_window_days,
            self.virksom_evaluation_interval_days,
            self.virksom_revision_grace_days,
        )

    @property
    def is_development(self) -> bool:
        return self.environment == Environment.DEVELOPMENT

    @property
    def dev_signing_key_path(self) -> Path:
        return self.data_dir / "dev-signing-key.pem"

    @model_validator(mode="after")
    def _refuse_development_defaults_in_production(self) -> Settings:
        if self.is_development:
            return self
        if self.pseudonym_key.get_secret_value() == DEV_PSEUDONYM_KEY:
            raise ValueError("PLANSPOR_PSEUDONYM_KEY must be set outside development")
        if not self.oidc_jwks_url:
            raise ValueError("PLANSPOR_OIDC_JWKS_URL must be set outside development")
        if self.oidc_issuer == "planspor-development":
            raise ValueError("PLANSPOR_OIDC_ISSUER must name the municipality's provider")
        if self.database_url is None:
            raise ValueError("DATABASE_URL must be set outside development")
        return self
