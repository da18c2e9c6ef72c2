"""A real install: the data is found from a checkout and from a wheel, and the wheel built from
this checkout works from any folder (command line, page, `kuril-map serve`) with no checkout.

The wheel test builds the wheel (pip, as a user would), installs it alone into a fresh venv and
lends that venv this one's dependencies through a .pth line (no download, and this checkout's
editable install stays out: a .pth line adds a folder but runs none of its .pth files).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
import venv
from pathlib import Path

import pytest

from kuril_map import __version__, paths

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # setup.py's list of data files, read as the build reads it
from setup import DATA_GLOBS, data_files  # noqa: E402

sys.path.remove(str(ROOT))


# ---------------------------------------------------------------- the resolver, both ways


def test_checkout_reads_the_repository_itself() -> None:
    assert paths.ROOT == ROOT
    assert paths.DATA_DIR == ROOT / "data"
    assert paths.DEFAULT_SEEDS_DIR == ROOT / "seeds"
    assert paths.PAGE_FILE == ROOT / "app.py"
    assert not (ROOT / "kuril_map" / "_data").exists(), "a copy in the tree would go stale"


def test_installed_package_reads_its_own_copy(tmp_path: Path) -> None:
    packaged, checkout = tmp_path / "kuril_map" / "_data", tmp_path
    assert paths.data_root(packaged, checkout) == checkout
    (packaged / "data").mkdir(parents=True)
    assert paths.data_root(packaged, checkout) == packaged


def test_the_build_copies_every_file_the_app_reads() -> None:
    copied = {p.as_posix() for p in data_files(ROOT)}
    wanted = [
        *paths.DATA_DIR.glob("*.json"),  # the history the app draws (timeline, history)
        *paths.DATA_DIR.glob("*.toml"),  # the territories' names
        paths.SOURCES_DIR / "facts.json",
        paths.PAGE_FILE,
        ROOT / ".streamlit" / "config.toml",
        *paths.GEO_DIR.glob("*.geojson"),
        *(p for p in paths.DEFAULT_SEEDS_DIR.rglob("*") if p.suffix in (".md", ".txt")),
    ]
    missing = [
        str(p.relative_to(ROOT)) for p in wanted if p.relative_to(ROOT).as_posix() not in copied
    ]
    assert not missing, f"add to DATA_GLOBS in setup.py (and MANIFEST.in): {missing}"
    assert len(DATA_GLOBS) == len(set(DATA_GLOBS))


def test_package_data_covers_every_file_the_package_reads() -> None:
    """A JS, CSS or catalog file missing from package-data works in the checkout and is
    missing from the wheel: the page then fails only once installed."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    globs = tool["setuptools"]["package-data"]["kuril_map"]
    package = ROOT / "kuril_map"
    files = [
        p.relative_to(package)
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert files
    uncovered = [str(f) for f in files if not any(f.match(g) for g in globs)]
    assert not uncovered, f"add to [tool.setuptools.package-data] in pyproject.toml: {uncovered}"


def test_sdist_manifest_lists_the_same_data() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    for needed in ("app.py", ".streamlit/config.toml", "data/*.json", "data/sources/facts.json"):
        assert needed in manifest
    assert "recursive-include data/geo *.geojson" in manifest
    assert "recursive-include seeds *.md *.txt" in manifest


# ---------------------------------------------------------------- the wheel, installed


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel built from this checkout; returns its bin folder."""
    work = tmp_path_factory.mktemp("install")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(work / "dist"), str(ROOT)], check=True)
    (wheel,) = (work / "dist").glob("kuril_map-*.whl")
    venv.EnvBuilder(with_pip=False).create(work / "venv")
    python = work / "venv" / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", str(wheel)], check=True)
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    lent = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_kuril_map_test_deps.pth").write_text("\n".join(sorted(lent)) + "\n")
    return work / "venv" / "bin"


def _elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "somewhere else"
    folder.mkdir()
    return folder


def _run(bin_dir: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KURIL_MAP_SEEDS")}
    return subprocess.run(
        [str(bin_dir / argv[0]), *argv[1:]],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        check=False,
        timeout=180,
    )


@pytest.mark.slow
def test_wheel_carries_its_data_and_reads_no_checkout(installed: Path, tmp_path: Path) -> None:
    code = "from kuril_map import paths; print(paths.ROOT); print(paths.PAGE_FILE.is_file())"
    proc = _run(installed, _elsewhere(tmp_path), "python", "-c", code)
    assert proc.returncode == 0, proc.stderr
    root, page_there = proc.stdout.split()
    assert Path(root).parts[-2:] == ("kuril_map", "_data")
    assert Path(root).is_relative_to(installed.parent)
    assert page_there == "True"


@pytest.mark.slow
def test_installed_command_line_from_another_folder(installed: Path, tmp_path: Path) -> None:
    here = _elsewhere(tmp_path)
    proc = _run(installed, here, "kuril-map", "--version")
    assert (proc.returncode, proc.stdout.strip()) == (0, f"kuril-map {__version__}")

    proc = _run(installed, here, "kuril-map", "status", "--year", "1946", "--json")
    assert proc.returncode == 0, proc.stderr
    assert "1946" in json.dumps(json.loads(proc.stdout)), "the history comes with the wheel"

    proc = _run(
        installed, here, "kuril-map", "excerpts", "--island", "択捉島", "--year", "2022", "--json"
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["excerpts"], "the seeds come with the wheel"

    proc = _run(installed, here, "kuril-map", "export", "--year", "1905", "-o", "map.html")
    assert proc.returncode == 0, proc.stderr
    assert "L.map(" in (here / "map.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_installed_page_runs(installed: Path, tmp_path: Path) -> None:
    code = (
        "from streamlit.testing.v1 import AppTest\n"
        "from kuril_map import paths\n"
        "at = AppTest.from_file(str(paths.PAGE_FILE), default_timeout=120).run()\n"
        "assert not at.exception, [e.message for e in at.exception]\n"
        "print(at.title[0].value)\n"
    )
    proc = _run(installed, _elsewhere(tmp_path), "python", "-c", code)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "·" in proc.stdout  # "{year} · {era}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_kuril_map_serve_starts_the_app(installed: Path, tmp_path: Path) -> None:
    port = _free_port()
    argv = [str(installed / "kuril-map"), "serve", "--server.port", str(port)]
    argv += ["--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(argv, cwd=_elsewhere(tmp_path), stdout=out, stderr=out)
    try:
        deadline, health = time.monotonic() + 90, ""
        while time.monotonic() < deadline and server.poll() is None and health != "ok":
            time.sleep(0.5)
            try:
                url = f"http://127.0.0.1:{port}/_stcore/health"
                with urllib.request.urlopen(url, timeout=2) as reply:
                    health = reply.read().decode()
            except OSError:
                pass
        assert health == "ok", log.read_text(errors="replace")
    finally:
        server.terminate()
        server.wait(timeout=30)
