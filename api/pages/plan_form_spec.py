"""What a plan form is: its fields (named by the command's own field paths, `measure.title`),
the command it builds, and how the posted form becomes that command and its errors become
messages beside the fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from pydantic import ValidationError

from api.i18n import N_, gettext
from api.pages.plan_text import rule_text
from application.commands import Command
from domain.plan import OSLO, Plan, local_date

Options = tuple[tuple[str, str], ...]
FormData = Mapping[str, str | list[str]]
EFFECTIVE = "effective_on"
REASON = "reason"


def translated(options: Iterable[tuple[str, str]]) -> Options:
    """Options whose labels are catalogue ids, in the request's written standard."""
    return tuple((code, gettext(label)) for code, label in options)


@dataclass(frozen=True)
class Field:
    """One input. `kind`: text, textarea, select, radios, checkbox, checkboxes, date, lines
    (one item per line, its parts separated by commas, in `columns`). `label`, `hint` and the
    labels of `options` are catalogue ids (`N_`), shown with `_()`; `options_for` answers
    options already in the request's standard."""

    name: str
    label: str
    kind: str = "text"
    options: Options = ()
    hint: str = ""
    required: bool = False
    columns: tuple[str, ...] = ()
    options_for: Callable[[Plan, str | None], Options] | None = None

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-").replace("_", "-")

    def choices(self, plan: Plan, item: str | None = None) -> Options:
        return self.options_for(plan, item) if self.options_for else translated(self.options)


@dataclass(frozen=True)
class Form:
    """A form on the plan page that runs one command. `item` names the command's id field
    (`goal_id`, …) taken from the page's `?for=`; `confirm` asks before a consequential step.
    Its texts (`title`, `done`, `confirm`, `button`, `when`) are catalogue ids."""

    key: str
    title: str
    command: type[Command]
    fields: tuple[Field, ...]
    done: str
    item: str | None = None
    reason: str = ""
    confirm: str = ""
    button: str = N_("Lagre")
    defaults: Mapping[str, str] = field(default_factory=dict)
    prefill: Callable[[Plan, str], dict[str, str]] | None = None
    when: str = N_("Dato det skjedde")

    def all_fields(self) -> tuple[Field, ...]:
        extra = [Field(EFFECTIVE, self.when, "date", hint=N_("La stå tom hvis det er i dag."))]
        if self.reason:
            required = self.reason == "required"
            extra.insert(0, Field(REASON, N_("Begrunnelse"), "textarea", required=required))
        return (*self.fields, *extra)


class FormErrors(Exception):
    """The form was refused: messages by field name ('' for the form as a whole)."""

    def __init__(self, messages: dict[str, str], status: int = 422) -> None:
        super().__init__(messages)
        self.messages, self.status = messages, status


def build(
    form: Form, data: FormData, item: str | None = None, fixed: Mapping[str, Any] | None = None
) -> Command:
    """The command from the posted form (and `fixed` values the form does not ask for), or
    `FormErrors` with pydantic's own field errors."""
    payload: dict[str, Any] = dict(fixed or {})
    for spec in form.all_fields():
        value = _value(spec, data)
        if value is not None:
            _put(payload, spec.name, value)
    if EFFECTIVE in payload:
        payload["effective_at"] = _effective_at(payload.pop(EFFECTIVE))
    if form.item:
        payload[form.item] = item or ""
    try:
        return form.command.model_validate(payload)
    except ValidationError as error:
        raise FormErrors(validation_messages(form, error)) from None


def check_required(form: Form, data: FormData) -> None:
    """Before a confirmation step: what the domain would refuse for being empty is named
    now (by the domain's rule), so the user is not asked to confirm a form that cannot pass."""
    messages = {
        spec.name: rule_text("reason-required" if spec.name == REASON else "missing", "")
        for spec in form.all_fields()
        if spec.required and not _value(spec, data)
    }
    if messages:
        raise FormErrors(messages)


def validation_messages(form: Form, error: ValidationError) -> dict[str, str]:
    messages: dict[str, str] = {}
    for problem in error.errors():
        name = field_for(form, ".".join(str(part) for part in problem["loc"]))
        messages.setdefault(name, rule_text(problem["type"], problem["msg"]))
    return messages


def field_for(form: Form, path: str | None) -> str:
    """The form field a command path or a domain error's field concerns ('' if none)."""
    if not path:
        return ""
    if path == "effective_at":
        return EFFECTIVE
    names = [spec.name for spec in form.all_fields()]
    for name in names:
        if path == name or path.startswith(name + "."):
            return name
    return next((name for name in names if name.endswith("." + path)), "")


def _value(spec: Field, data: FormData) -> Any:
    raw = data.get(spec.name)
    if spec.kind == "checkbox":
        return raw is not None
    if spec.kind == "checkboxes":
        return [v for v in (raw if isinstance(raw, list) else [raw] if raw else [])]
    text = (raw[-1] if isinstance(raw, list) and raw else raw or "").strip()  # type: ignore[union-attr]
    if spec.kind == "lines":
        return [_line(spec.columns, line) for line in text.splitlines() if line.strip()]
    return text or None


def _line(columns: tuple[str, ...], line: str) -> dict[str, str]:
    parts = [part.strip() for part in line.split(",", len(columns) - 1)]
    return {column: part for column, part in zip(columns, parts, strict=False) if part}


def _put(payload: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        payload = payload.setdefault(part, {})
    payload[last] = value


def _effective_at(value: str) -> str:
    """A date picked in the form: today means now; an earlier day means noon that day (Oslo)."""
    try:
        picked = date.fromisoformat(value)
    except ValueError:
        return value  # pydantic names it as an invalid datetime for the field
    if picked == local_date(datetime.now(UTC)):
        return datetime.now(UTC).isoformat()
    return datetime.combine(picked, time(12), OSLO).isoformat()


def shown_values(form: Form, data: FormData) -> dict[str, Any]:
    """What the user typed, to show again: one value per field, a list for checkboxes."""
    values: dict[str, Any] = {}
    for spec in form.all_fields():
        raw = data.get(spec.name)
        if spec.kind == "checkboxes":
            values[spec.name] = raw if isinstance(raw, list) else [raw] if raw else []
        elif raw is not None:
            values[spec.name] = raw[-1] if isinstance(raw, list) and raw else raw
    return values
