"""Hostile programs are contained and recorded; the harness neither dies nor hangs."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from evalkit.sandbox import detect_isolation, run_program, run_samples
from evalkit.types import Problem, Sample, Status

TIMEOUT = 2.0


def _alive_with_arg(marker: str) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmd:
            found.append(int(pid))
    return found


def test_killing_the_parent_does_not_kill_the_harness(settings) -> None:
    r = run_program("import os\nos.kill(os.getppid(), 9)\nassert False\n", settings, timeout=TIMEOUT)
    assert r.status is not Status.passed
    assert run_program("assert True\n", settings).status is Status.passed


def test_fork_bomb_is_contained(settings) -> None:
    program = ("import os\nfor _ in range(400):\n    try:\n        if os.fork() == 0:\n"
               "            import time; time.sleep(30)\n    except OSError:\n        pass\n")
    start = time.monotonic()
    r = run_program(program, settings, timeout=TIMEOUT)
    assert time.monotonic() - start < TIMEOUT + 5
    assert r.status in {Status.passed, Status.timeout, Status.error, Status.failed}
    assert run_program("assert True\n", settings).status is Status.passed


def test_ten_gigabytes_is_a_memory_status(settings) -> None:
    r = run_program("x = bytearray(10 * 1024 ** 3)\n", settings, timeout=TIMEOUT)
    assert r.status is Status.memory


def test_cannot_write_outside_its_directory(settings, tmp_path: Path) -> None:
    if not detect_isolation().drop_uid:
        pytest.skip("writes outside the temp dir are only blocked when the harness runs as root (uid drop)")
    target = settings.home / "pwned.txt"
    r = run_program(f"open({str(target)!r}, 'w').write('x')\n", settings, timeout=TIMEOUT)
    assert r.status is Status.error and "Permission" in r.detail
    assert not target.exists()
    assert run_program("open('inside.txt', 'w').write('fine')\nassert open('inside.txt').read() == 'fine'\n",
                       settings).status is Status.passed


def test_cannot_litter_world_writable_dirs(settings) -> None:
    if "mountns" not in detect_isolation().level:
        pytest.skip("/tmp is only protected with a mount namespace: " + detect_isolation().description)
    name = f"litcheck-hostile-{os.getpid()}.txt"
    r = run_program(f"open('/tmp/{name}', 'w').write('x')\n", settings, timeout=TIMEOUT)
    assert r.status is Status.error and "Read-only" in r.detail
    r = run_program(f"open('/dev/shm/{name}', 'w').write('x')\n", settings, timeout=TIMEOUT)
    assert r.status is Status.passed  # a private RAM disk, gone with the worker
    assert not Path("/tmp", name).exists() and not Path("/dev/shm", name).exists()


def test_no_network(settings) -> None:
    if not detect_isolation().network_blocked:
        pytest.skip("no network namespace here: " + detect_isolation().description)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    try:
        r = run_program(f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=1)\n",
                        settings, timeout=TIMEOUT)
    finally:
        server.close()
    assert r.status is Status.error and ("unreachable" in r.detail or "refused" in r.detail), r


def test_sleep_forever_times_out(settings) -> None:
    start = time.monotonic()
    r = run_program("import time\nwhile True:\n    time.sleep(1)\n", settings, timeout=1.0)
    assert r.status is Status.timeout and time.monotonic() - start < 6


def test_megabytes_of_output_are_capped(settings) -> None:
    r = run_program("import os\nfor _ in range(200):\n    print('x' * 100_000)\n    os.write(1, b'y' * 100_000)\n",
                    settings, timeout=5)
    # 20 MB of prints go to a capped sink; fd writes hit the 16 MB file cap at worst: never a hang.
    assert r.status in {Status.passed, Status.error}
    assert len(r.detail) < 1000


def test_closing_stdout_does_not_break_the_verdict(settings) -> None:
    r = run_program("import os, sys\nsys.stdout.close()\nos.close(1)\nos.close(2)\nassert 1 == 1\n", settings)
    assert r.status is Status.passed


def test_early_exit_is_not_a_pass(settings) -> None:
    p = Problem("t/0", "def f():\n", "f", "def check(c):\n    assert c() == 1\n", "    return 1\n", "b")
    samples = [Sample("t/0", "    return 0\nimport sys\nsys.exit(0)\n"),
               Sample("t/0", "    return 0\nimport os\nos._exit(0)\n"),
               Sample("t/0", "    raise SystemExit(0)\n"),
               Sample("t/0", "    return 1\n")]
    got = [r.status for r in run_samples({"t/0": p}, samples, settings, timeout=TIMEOUT)]
    assert got == [Status.failed, Status.failed, Status.failed, Status.passed]


def test_daemons_do_not_outlive_the_program(settings) -> None:
    marker = "987.654321"
    program = ("import subprocess\nsubprocess.Popen(['sleep', '%s'], start_new_session=True)\n"
               "import os\nif os.fork() == 0:\n    os.setsid()\n    import time\n    time.sleep(99)\n" % marker)
    r = run_program(program, settings, timeout=TIMEOUT)
    assert r.status is Status.passed
    deadline = time.monotonic() + 3
    while _alive_with_arg(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive_with_arg(marker)


def test_a_batch_of_hostile_programs_then_normal_ones(settings) -> None:
    p = Problem("t/0", "", "f", "assert f() == 1\n", "", "b", extra={"harness": "script"})
    hostile = ["import os\nos.kill(os.getppid(), 9)\n", "while True: pass\n", "x = [1] * (10 ** 10)\n",
               "import os\nos.closerange(0, 1024)\n", "import signal, os\nos.killpg(0, signal.SIGKILL)\n"]
    samples = [Sample("t/0", h) for h in hostile] + [Sample("t/0", "def f():\n    return 1\n")] * 3
    results = run_samples({"t/0": p}, samples, settings, timeout=1.5, workers=2)
    assert all(r is not None for r in results)
    assert [r.status for r in results[-3:]] == [Status.passed] * 3
    assert all(r.status is not Status.passed for r in results[:5])
