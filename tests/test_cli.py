"""The command line answers status, excerpts and export, and refuses bad input in one line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kuril_map.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_1860_all_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--year", "1860", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["date"] == "1860-12-31"
    assert {r["id"]: r["administered_by"] for r in data["territories"]} == dict.fromkeys(
        ("etorofu", "kunashiri", "shikotan", "habomai"), "japan"
    )
    assert all(r["claimed_by"] == [] for r in data["territories"])


def test_status_1956_soviet_administered_japan_claims(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--year", "1956", "--json")
    assert code == 0
    for row in json.loads(out)["territories"]:
        assert row["administered_by"] == "ussr"
        assert row["claimed_by"] == ["japan"]


def test_status_by_day_within_1945(capsys: pytest.CaptureFixture[str]) -> None:
    """Japan administered the islands until the landings of 28 Aug - 5 Sep 1945."""
    days = {"1945-02-11": "japan", "1945-08-29": None, "1945-09-06": "ussr"}
    for day, expected in days.items():
        code, out, _ = run(capsys, "status", "--date", day, "--json")
        assert code == 0
        rows = {r["id"]: r["administered_by"] for r in json.loads(out)["territories"]}
        if expected:
            assert set(rows.values()) == {expected}, (day, rows)
        else:
            assert rows["etorofu"] == "ussr" and rows["kunashiri"] == "japan", rows


@pytest.mark.parametrize(
    ("name", "territory"),
    [
        ("Shumshu", "shumshu"),
        ("占守島", "shumshu"),
        ("Paramushir", "paramushir"),
        ("Urup", "urup"),
        ("Karafuto", "sakhalin_south"),
        ("southern Sakhalin", "sakhalin_south"),
        ("Южный Сахалин", "sakhalin_south"),
    ],
)
def test_status_of_any_territory_by_any_name(
    capsys: pytest.CaptureFixture[str], name: str, territory: str
) -> None:
    code, out, _ = run(capsys, "status", "--year", "1880", "--island", name, "--json")
    assert code == 0, out
    (row,) = json.loads(out)["territories"]
    assert row["id"] == territory


def test_status_in_each_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--date", "1956-12-12", "--lang", "ja")
    assert code == 0 and "1956年12月12日" in out and "択捉島" in out
    code, out, _ = run(capsys, "status", "--date", "1956-12-12", "--lang", "ru")
    assert code == 0 and "12 декабря 1956 г." in out and "Итуруп" in out


def test_status_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--year", "1992")
    assert code == 0
    assert "Etorofu / Iturup" in out
    assert "Administered by Russia" in out


@pytest.mark.parametrize("year", ["1500", "2100", "nineteen"])
def test_bad_year_exits_nonzero_with_one_line(
    capsys: pytest.CaptureFixture[str], year: str
) -> None:
    code, out, err = run(capsys, "status", "--year", year)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "1644" in err or "whole number" in err


def test_unknown_island_lists_accepted_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "excerpts", "--island", "Atlantis", "--year", "1956")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "Atlantis" in err
    assert "Etorofu" in err
    assert "Iturup" in err


@pytest.mark.parametrize("name", ["Iturup", "ETOROFU", "択捉島", "Итуруп"])
def test_excerpts_accept_every_name_form(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, "excerpts", "--island", name, "--year", "2022", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["island"] == "etorofu"
    assert data["excerpts"], "the seeds speak of Etorofu in the current era"
    first = data["excerpts"][0]
    assert "etorofu" in first["islands"]
    assert first["document"]["title"]
    assert first["matched"]


def test_excerpts_from_another_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text(
        "---\ntitle: Class handout\npublisher: Room 12\ndate: 2024-05-01\nlanguage: en\n---\n"
        "In 1956 the Soviet Union offered to hand over Shikotan after a peace treaty.\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "excerpts",
        "--island",
        "Shikotan",
        "--year",
        "1960",
        "--seeds",
        str(tmp_path),
        "--json",
    )
    assert code == 0
    excerpts = json.loads(out)["excerpts"]
    assert len(excerpts) == 1
    assert excerpts[0]["document"]["title"] == "Class handout"


def test_missing_seeds_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "excerpts", "--island", "all", "--year", "1960", "--seeds", str(tmp_path / "no")
    )
    assert code == 2
    assert "not found" in err


def test_export_writes_offline_html(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "map-1905.html"
    code, out, _ = run(capsys, "export", "--year", "1905", "-o", str(target))
    assert code == 0
    assert "wrote" in out
    html = target.read_text(encoding="utf-8")
    assert "L.map(" in html
    assert "Portsmouth" in html
    assert not re.search(r"<script[^>]+src=[\"']?http", html)
    assert not re.search(r"<link[^>]+href=[\"']?http", html)


def test_export_in_the_readers_language_and_naming(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "map-ja.html"
    args = ("export", "--date", "1945-08-28", "--lang", "ja", "--naming", "ja", "-o", str(target))
    code, _, _ = run(capsys, *args)
    assert code == 0
    html = target.read_text(encoding="utf-8")
    assert re.search(r'"lang":\s*"ja"', html) and re.search(r'"naming":\s*"ja"', html)
    assert "計測" in html  # the measuring tool's label, in Japanese
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--year", "1905", "--lang", "fr", "-o", str(target)])
    assert stopped.value.code == 2 and "--lang" in capsys.readouterr().err


def test_export_refuses_non_html(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "--year", "1905", "-o", str(tmp_path / "map.png"))
    assert code == 2
    assert ".html" in err


def test_module_entry_point_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kuril_map", "status", "--year", "1880"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Japan" in proc.stdout


def test_excerpts_say_their_span_and_put_the_treaty_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "excerpts", "--island", "Shikotan", "--date", "1956-10-19")
    assert code == 0
    assert out.startswith("9 excerpts on Shikotan, 1955–1957 (the years around 1956-10-19)")
    assert "also in: ja, ru (jd1956_art9_ja, jd1956_art9_ru)" in out
    code, out, _ = run(capsys, "excerpts", "--island", "Shikotan", "--date", "1956-10-19", "--json")
    data = json.loads(out)
    assert data["span"] == {"start": 1955, "end": 1957, "kind": "window", "reach": 1}
    assert data["era"]["id"] == "joint_declaration_cold_war"
    first = data["excerpts"][0]
    assert first["document"]["id"] == "jd1956_art9_en_unts"
    assert first["relevance"] == "names the island"
    assert [t["document"]["id"] for t in first["translations"]] == [
        "jd1956_art9_ja",
        "jd1956_art9_ru",
    ]


def test_group_passages_are_labelled(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "excerpts", "--island", "habomai", "--date", "1811-07-11")
    assert code == 0
    assert out.count("(speaks of the four islands as a group)") == 2
    code, out, _ = run(capsys, "excerpts", "--island", "habomai", "--year", "1811", "--json")
    relevance = {e["relevance"] for e in json.loads(out)["excerpts"]}
    assert relevance == {"speaks of the four islands as a group"}


def test_no_excerpts_say_why_and_where_to_look(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "note.md").write_text(
        "---\ntitle: Class handout\npublisher: Room 12\n---\nIn 1956 Shikotan was promised.\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "excerpts", "--island", "shikotan", "--year", "1740", "--seeds", str(tmp_path)
    )
    assert code == 0
    assert out.splitlines() == [
        "0 excerpts on Shikotan, 1644–1798 (every span tried)",
        "No document in the collection speaks of Shikotan in 1644–1798.",
        "Nearest day with passages: 1956-01-01",
    ]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from kuril_map import __version__

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"kuril-map {__version__}"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["excerpts", "--island", "all", "--year", "1956", "--limit", "-1"], "0 or more"),
        (["excerpts", "--island", "all", "--year", "1956", "--limit", "ten"], "whole number"),
        (["status"], "--year"),
    ],
)
def test_bad_arguments_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    """argparse's own errors read like ours: one line, status 2, no usage block."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    out, err = capsys.readouterr()
    assert stopped.value.code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("kuril-map: error:") and words in err


def test_limit_zero_is_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "excerpts", "--island", "all", "--year", "1956", "--limit", "0")
    assert code == 0
    assert out.startswith("0 excerpts")


@pytest.mark.parametrize("where", ["file-as-folder", "folder"])
def test_export_to_a_bad_path_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    target = blocker / "map.html" if where == "file-as-folder" else tmp_path / "maps.html"
    if where == "folder":
        target.mkdir()
    code, out, err = run(capsys, "export", "--year", "1905", "-o", str(target))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert str(target) in err


def test_output_is_utf8_whatever_the_terminal() -> None:
    """A console that says it can only show ASCII (or cp1252) still gets UTF-8 out, and a
    name typed in Japanese is still read as one."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0", "LC_ALL": "C"}
    argv = ["excerpts", "--island", "択捉島", "--year", "2022", "--limit", "3"]
    proc = subprocess.run(
        [sys.executable, "-m", "kuril_map", *argv], capture_output=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    text = proc.stdout.decode("utf-8")
    assert "excerpts on Etorofu / Iturup" in text
    assert "2022–2026" in text  # an en dash: not ASCII


def test_unknown_option_is_refused_outside_serve(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["status", "--year", "1946", "--server.port", "8600"])
    assert stopped.value.code == 2
    assert "unrecognized arguments: --server.port 8600" in capsys.readouterr().err


def test_serve_runs_streamlit_on_the_page_with_its_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streamlit.web import cli as streamlit_cli

    from kuril_map import paths

    seen: dict = {}

    def fake_main(**kwargs: object) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr(streamlit_cli.main, "main", fake_main)
    assert main(["serve", "--server.port", "8600", "--server.headless", "true"]) == 0
    options = ["--server.port", "8600", "--server.headless", "true"]
    assert seen["args"] == ["run", str(paths.PAGE_FILE), *options]


def test_serve_with_a_mistyped_streamlit_option_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "serve", "--server.prot", "8600")
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1, err
    assert "--server.prot" in err
