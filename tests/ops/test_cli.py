"""What a newcomer types: the role names are listed, unknown names list the known ones, and
`serve` takes --host and --port like every other server command."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from adapters.readmodels.catalog import MODELS
from api.cli import cli
from domain.values import ROLE_ALIASES_NB, Role

runner = CliRunner()


def _flat(text: str) -> str:
    """Help and errors are boxed and wrapped to the terminal: compare words only."""
    return " ".join(text.replace("│", " ").split())


def test_token_help_lists_every_role_in_english_and_norwegian() -> None:
    result = runner.invoke(cli, ["token", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for norwegian, role in ROLE_ALIASES_NB.items():
        assert f"{role.value} ({norwegian})" in _flat(result.output)
    assert set(ROLE_ALIASES_NB.values()) == set(Role)


def test_an_unknown_role_is_refused_with_the_list_of_roles() -> None:
    result = runner.invoke(
        cli,
        ["token", "--role", "sjef", "--person", "p", "--name", "N", "--municipality", "5001"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 2
    assert "unknown role 'sjef'" in _flat(result.output)
    assert "coordinator (koordinator)" in _flat(result.output)


@pytest.mark.parametrize("command", [["project", "rebuild", "plan"], ["project", "run", "plan"]])
def test_an_unknown_read_model_is_refused_with_the_list_of_read_models(
    command: list[str],
) -> None:
    result = runner.invoke(cli, command, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert f"the read models are: {', '.join(MODELS)}" in _flat(result.output)


def test_serve_takes_host_and_port() -> None:
    result = runner.invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--host" in result.output
    assert "--port" in result.output
