"""What isolation this machine allows, probed once per process and cached.

Strongest first: new network + PID namespaces via ``unshare`` as root (programs then also
run under a per-worker unprivileged uid), the same inside a user namespace when not root,
and finally no namespaces at all, which is reported loudly because the network is then
NOT blocked.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass

# Programs run as uid SANDBOX_UID_BASE + worker slot (when the harness is root), so that
# RLIMIT_NPROC counts per worker and a sandboxed program cannot write anywhere root owns.
SANDBOX_UID_BASE = 64000
SANDBOX_GID = 65534  # nogroup


@dataclass(frozen=True)
class Isolation:
    """The isolation level programs get; ``level`` is recorded in provenance."""

    level: str  # "netns+pidns+uid", "userns+netns+pidns", "none"
    prefix: tuple[str, ...]  # command prefix that enters the namespaces
    network_blocked: bool
    pid_namespace: bool
    drop_uid: bool
    description: str


def _probe(prefix: list[str]) -> bool:
    try:
        done = subprocess.run(prefix + [sys.executable, "-I", "-S", "-c", "pass"],
                              capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


# Run by /bin/sh inside a new mount namespace (as root) before the worker starts: /tmp and
# /var/tmp become read-only for everything below, /dev/shm a private RAM disk where the
# per-program working directories live. Nothing of this is visible outside the namespace.
_MOUNT_SCRIPT = (
    "set -e; "
    "for d in /tmp /var/tmp; do if [ -d $d ]; then mount --bind $d $d; mount -o remount,bind,ro $d; fi; done; "
    "mount -t tmpfs -o size=512m,mode=1777 litcheck-shm /dev/shm; "
    'exec "$@"'
)


@functools.lru_cache(maxsize=1)
def detect_isolation() -> Isolation:
    """Probe ``unshare`` once; return the strongest isolation that works here."""
    unshare = shutil.which("unshare") or ("/usr/bin/unshare" if os.path.exists("/usr/bin/unshare") else None)
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if unshare:
        ns = [unshare, "--net", "--pid", "--fork", "--kill-child"]
        with_mounts = [unshare, "--mount", "--net", "--pid", "--fork", "--kill-child", "/bin/sh", "-c", _MOUNT_SCRIPT, "sh"]
        if is_root and shutil.which("mount") and _probe(with_mounts):
            return Isolation(
                "netns+pidns+mountns+uid", tuple(with_mounts), True, True, True,
                "isolation: new network, PID and mount namespaces (unshare; /tmp read-only, private /dev/shm), "
                "unprivileged uid per worker, rlimits",
            )
        if is_root and _probe(ns):
            return Isolation(
                "netns+pidns+uid", tuple(ns), True, True, True,
                "isolation: new network and PID namespaces (unshare), unprivileged uid per worker, rlimits",
            )
        user_ns = [unshare, "--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child"]
        if _probe(user_ns):
            return Isolation(
                "userns+netns+pidns", tuple(user_ns), True, True, False,
                "isolation: new user, network and PID namespaces (unshare), rlimits; programs keep your uid",
            )
    reason = "unshare unavailable" if not unshare else "unshare refused to create namespaces"
    return Isolation(
        "none", (), False, False, False,
        f"isolation: no network namespace ({reason}): network is NOT blocked; only rlimits, "
        "a process group and a temp directory contain the programs",
    )


def _world_traversable(path: str) -> bool:
    """True when every ancestor of ``path`` lets other users in (o+x) and it is o+r."""
    p = os.path.abspath(path)
    if not os.path.exists(p):
        return False
    if not os.stat(p).st_mode & 0o004:
        return False
    while True:
        if not os.stat(p).st_mode & 0o001:
            return False
        parent = os.path.dirname(p)
        if parent == p:
            return True
        p = parent


def _mirror(src: str, dest_root: str) -> str:
    """A world-readable hard-link mirror of ``src`` (same file system), built once, atomically."""
    import tempfile

    dest = os.path.join(dest_root, os.path.basename(src))
    if os.path.isdir(dest):
        return dest
    os.makedirs(dest_root, mode=0o755, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".staging-", dir=dest_root)
    os.chmod(staging, 0o755)
    # __pycache__ is kept: without the .pyc files every import would compile from source.
    skip = {"test", "site-packages", "idlelib", "tkinter", "turtledemo", "ensurepip"}
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if d not in skip]
        rel = os.path.relpath(dirpath, src)
        target = os.path.join(staging, rel)
        os.makedirs(target, mode=0o755, exist_ok=True)
        for name in filenames:
            s, t = os.path.join(dirpath, name), os.path.join(target, name)
            try:
                os.link(s, t)
            except OSError:
                shutil.copy2(s, t)
    try:
        os.rename(staging, dest)
    except OSError:  # another process won the race
        shutil.rmtree(staging, ignore_errors=True)
    return dest


@functools.lru_cache(maxsize=1)
def program_sys_path(drop_uid: bool) -> tuple[str, ...]:
    """sys.path for sandboxed programs: the standard library and site-packages.

    A program that runs under an unprivileged uid must be able to read them; when the
    interpreter lives under a private directory (e.g. pyenv under /root), a hard-link
    mirror of the standard library is made once under the system temp dir.
    """
    import sysconfig
    import tempfile

    paths = sysconfig.get_paths()
    stdlib = paths["stdlib"]
    # Not platstdlib: inside a virtualenv that names the venv, which has no lib-dynload.
    dynload = os.path.join(stdlib, "lib-dynload")
    if not os.path.isdir(dynload):
        dynload = next((p for p in sys.path if p.endswith("lib-dynload")), dynload)
    site = sorted({paths["purelib"], paths["platlib"]})
    out = [stdlib, dynload] + site
    if drop_uid and not _world_traversable(stdlib):
        root = os.path.join(tempfile.gettempdir(), f"litcheck-stdlib-{sys.version_info.major}{sys.version_info.minor}-"
                            f"{zlib.crc32(stdlib.encode()):08x}")
        mirrored = _mirror(stdlib, root)
        out = [mirrored, os.path.join(mirrored, "lib-dynload")] + site
    return tuple(p for p in out if os.path.isdir(p))
