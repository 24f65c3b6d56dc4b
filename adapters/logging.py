"""Logging as JSON lines through structlog, the standard library's records included.

Log ids and numbers only: never names, plan content or tokens. Whatever slips through anyway is
caught on the way out: an 11-digit number (a fødselsnummer or D-nummer, e.g. a token's `sub`) is
replaced by its keyed pseudonym wherever it appears, and an error is logged as its class and
where it was raised, never its message (which can quote content).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

from adapters.settings import Settings

SHARED: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]
QUIET = {"pgserver": logging.WARNING, "uvicorn.access": logging.CRITICAL, "httpx": logging.WARNING}


IDENTITY_NUMBER = re.compile(r"(?<![0-9A-Za-z])[0-9]{11}(?![0-9A-Za-z])")
_KEY = {"key": b"development"}


def pseudonym(value: str) -> str:
    """The keyed pseudonym of an identity number: the same in every line, not reversible
    without the key (PLANSPOR_PSEUDONYM_KEY)."""
    return "pid-" + hmac.new(_KEY["key"], value.encode(), hashlib.sha256).hexdigest()[:16]


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return IDENTITY_NUMBER.sub(lambda match: pseudonym(match.group()), value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def pseudonymise(_: WrappedLogger, __: str, event_dict: EventDict) -> EventDict:
    return {key: _scrub(value) for key, value in event_dict.items()}


def trace(error: BaseException) -> list[str]:
    """Where an error was raised, frame by frame (file, line, function): no message, no values."""
    return [
        f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
    ]


def _uncaught(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    structlog.get_logger("planspor").error(
        "uncaught_error", error_type=kind.__name__, trace=trace(error.with_traceback(tb))
    )


def _uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    error = args.exc_value if args.exc_value is not None else args.exc_type()
    _uncaught(args.exc_type, error, args.exc_traceback)


class StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stdout` is now (test capture or a replaced stream included)."""

    @property
    def stream(self) -> TextIO:
        return sys.stdout

    @stream.setter
    def stream(self, _: object) -> None:
        pass


def _without_messages(_: WrappedLogger, __: str, event_dict: EventDict) -> EventDict:
    """A library's `exc_info` becomes the error's class and trace (its text can hold content)."""
    info = event_dict.pop("exc_info", None)
    error = info[1] if isinstance(info, tuple) else sys.exc_info()[1] if info is True else info
    if isinstance(error, BaseException):
        event_dict["error_type"], event_dict["trace"] = type(error).__name__, trace(error)
    return event_dict


def configure_logging(level: str = "INFO", pseudonym_key: str | None = None) -> None:
    key = pseudonym_key or Settings().pseudonym_key.get_secret_value()
    _KEY["key"] = key.encode()
    sys.excepthook = _uncaught
    threading.excepthook = lambda args: _uncaught(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )
    structlog.configure(
        processors=[*SHARED, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = StdoutHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=SHARED,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                _without_messages,
                pseudonymise,
                structlog.processors.JSONRenderer(),
            ],
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    for name, quiet_level in QUIET.items():
        logging.getLogger(name).setLevel(quiet_level)
