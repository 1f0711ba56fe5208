"""`kg export --output` replaces regular files whole and nothing else: FIFOs and devices are written to, symlinks
are written through (the link stays), and a path inside a store is refused. The CLI's cases through a real `kg`
process (a FIFO, a full device, a store's CURRENT), the rest through kg.store.write_file, which it calls."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.errors import UsageError
from kg.store import OxigraphStore, write_file

ID = "https://w3id.org/aipkg/id/"


def kg(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_STORE=str(store))
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with OxigraphStore(path) as s:
        s.add([Quad(NamedNode(ID + "x"), NamedNode(ID + "p"), Literal("최태원"), NamedNode(ID + "graph/g"))])
    return path


def export(store: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return kg("export", "--format", "nquads", "--output", str(output), store=store)


def export_here(store: Path, output: Path) -> None:
    with OxigraphStore(store, read_only=True) as s:
        write_file(output, lambda out: s.export("nquads", out))


def test_a_regular_file_is_replaced_whole_keeping_its_mode_and_a_new_name_is_created(store: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.nq"
    old.write_text("previous\n")
    old.chmod(0o640)
    export_here(store, old)
    assert "최태원" in old.read_text(encoding="utf-8") and stat.S_IMODE(old.stat().st_mode) == 0o640
    new = tmp_path / "new.nq"
    export_here(store, new)
    assert "최태원" in new.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.nq", "old.nq", "store"]  # no temporary left


def test_a_fifo_is_written_to_and_stays_a_fifo(store: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = export(store, fifo)
    if not received and stat.S_ISFIFO(fifo.lstat().st_mode):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # nothing was written: let the reader go
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert "최태원".encode() in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def _device(path: Path, minor: int) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return path


def test_devices_are_written_to_and_stay_devices(store: Path, tmp_path: Path) -> None:
    null = _device(tmp_path / "null", 3)  # like /dev/null, made here so a failure cannot hurt the machine
    export_here(store, null)
    assert stat.S_ISCHR(null.lstat().st_mode)
    full = _device(tmp_path / "full", 7)  # like /dev/full: every write fails
    result = export(store, full)
    assert result.returncode != 0 and "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "null", "store"]


def test_a_symlink_is_written_through_and_stays_a_link(store: Path, tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    target = tmp_path / "exports" / "latest.nq"
    target.write_text("previous\n")
    link = tmp_path / "latest.nq"
    link.symlink_to(target)
    export_here(store, link)
    assert link.is_symlink() and "최태원" in target.read_text(encoding="utf-8")
    dangling = tmp_path / "next.nq"
    dangling.symlink_to(tmp_path / "exports" / "next.nq")
    export_here(store, dangling)
    assert dangling.is_symlink() and "최태원" in (tmp_path / "exports" / "next.nq").read_text(encoding="utf-8")


def test_a_planted_partial_symlink_is_not_followed(store: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (tmp_path / "out.nq.partial").symlink_to(victim)
    export_here(store, tmp_path / "out.nq")
    assert victim.read_text() == "keep me\n"


def _files(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if p.name != ".aipkg-readers")  # readers' copies come and go


@pytest.mark.parametrize("name", ["CURRENT", "export.nq", "sub/export.nq", ".aipkg-readers/x.nq"])
def test_a_path_inside_a_store_is_refused(store: Path, name: str, tmp_path: Path) -> None:
    current = (store / "CURRENT").read_bytes()
    before = _files(store)
    link = tmp_path / "into-store"
    link.symlink_to(store / name)
    for output in (store / name, link):
        with pytest.raises(UsageError, match="inside the store"):
            export_here(store, output)
    assert (store / "CURRENT").read_bytes() == current and _files(store) == before


def test_kg_export_into_a_stores_current_exits_2_and_the_store_still_opens(store: Path) -> None:
    result = export(store, store / "CURRENT")
    assert result.returncode == 2 and "inside the store" in result.stderr and "Traceback" not in result.stderr
    stats = kg("stats", store=store)
    assert stats.returncode == 0 and "statements: 1" in stats.stdout
