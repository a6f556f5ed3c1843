import importlib.util
import io
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[4] / "scripts" / "fitment_import.py"


@pytest.fixture(scope="module")
def cli():
    spec = importlib.util.spec_from_file_location("fitment_import_cli", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_format_progress(cli):
    line = cli.format_progress(120000, 25_000_000, 100_000_000, 2.0)
    assert "120,000 applications read" in line
    assert "25.0% of 100.0 MB" in line
    assert "60,000/s" in line
    assert "100.0%" in cli.format_progress(0, 0, 0, 0)


def test_progress_lines_when_not_a_terminal(cli):
    out = io.StringIO()
    progress = cli.Progress(out)
    progress(10, 50, 100)
    progress(20, 100, 100)
    progress.done()
    assert out.getvalue().count("\n") == 2
    assert "50.0%" in out.getvalue()


def test_arguments(cli, tmp_path, capsys):
    data = tmp_path / "a.csv"
    data.write_text("x")
    args = cli.parse_args(["-d", "db1", str(data), "--dry-run"])
    assert (args.database, args.file, args.type, args.dry_run) == ("db1", data, None, True)
    with pytest.raises(SystemExit):
        cli.parse_args(["-d", "db1", str(tmp_path / "missing.xml")])
    with pytest.raises(SystemExit):
        cli.parse_args([str(data)])
    assert "no such file" in capsys.readouterr().err


def test_odoo_arguments_follow_lib_sh(cli, monkeypatch):
    monkeypatch.setenv("PGHOST", "db.example")
    monkeypatch.setenv("PGUSER_ODOO", "shop")
    args = cli._odoo_env_args("suite_demo")
    assert "--db_host=db.example" in args
    assert "--db_user=shop" in args
    assert "--database=suite_demo" in args
    assert any(a.startswith("--addons-path=") and a.endswith("/addons") for a in args)
