"""`kgserver import`: the command line over the importers."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kgserver.importers import SOURCES
from kgserver.importers.command import import_command
from kgserver.importers.turtle import generated_by
from tests.curation.test_loading import run_cli
from tests.importers.conftest import FIXTURES


def test_import_command_writes_the_data_folder(tmp_path: Path, data_dir: Path) -> None:
    result = run_cli("import", "scomcat", str(FIXTURES / "scomcat"), "--data", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert (data_dir / "infrastructure" / "blacklight.ttl").exists()
    assert "held back" in result.stdout or "written" in result.stderr


def test_there_is_a_command_per_source_and_for_all(data_dir: Path) -> None:
    listed = CliRunner().invoke(import_command, ["--help"]).output
    assert all(name in listed for name in [*SOURCES, "all", "identifiers"])


def test_import_all_dates_and_labels_what_it_writes(data_dir: Path) -> None:
    result = CliRunner().invoke(
        import_command, ["all", str(FIXTURES), "--data", str(data_dir), "--date", "2026-11-25"]
    )
    assert result.exit_code == 0, result.output
    written = data_dir / "infrastructure" / "blacklight.ttl"
    assert generated_by(written) == ", ".join(sorted(SOURCES))
    assert '"2026-11-25"' in written.read_text(encoding="utf-8")
    assert "file(s) written" in result.output
