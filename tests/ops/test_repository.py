"""The repository stands on its own: nothing points outside it for the domain, and the sections
that code and documents cite in docs/domain.md are there."""

from __future__ import annotations

import re

from tests.ops.processes import ROOT

SOURCES = ["README.md", "docs", "api", "adapters", "application", "domain", "projections", "bench"]


def _files() -> list[str]:
    found = []
    for name in SOURCES:
        path = ROOT / name
        candidates = [path] if path.is_file() else [*path.rglob("*.py"), *path.rglob("*.md")]
        found += [str(p.relative_to(ROOT)) for p in candidates if "results" not in p.parts]
    return found


def test_no_document_or_module_points_outside_the_repository_for_the_domain() -> None:
    outside = [name for name in _files() if "shared/docs" in (ROOT / name).read_text()]
    assert outside == []


def test_every_cited_section_of_the_domain_document_exists() -> None:
    headings = set(re.findall(r"^## (\d+)\. ", (ROOT / "docs/domain.md").read_text(), re.M))
    cited = {
        section
        for name in _files()
        for section in re.findall(r"domain\.md`? §(\d+)", (ROOT / name).read_text())
    }
    assert cited, "nothing cites docs/domain.md by section"
    assert cited <= headings, f"cited but missing: {sorted(cited - headings)}"
