"""HTTP for paper sources: polite rate limiting, retries with backoff, capped PDF downloads.

Every error leaves as a ``FetchError`` (``OfflineError`` when the host cannot be reached)
whose one-line message names the paper or URL and says what to do.
"""

from __future__ import annotations

import email.utils
import hashlib
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from synth.errors import FetchError, OfflineError

if TYPE_CHECKING:
    import requests

    from synth.settings import Settings

USER_AGENT = "litcheck/0.1 (literature synthesis and claim checking; python-requests)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER_S = 60.0  # a server asking for longer than this gets a clear error instead of a hang
PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # the PDF spec tolerates junk before the header within the first KiB
CHUNK = 64 * 1024
MIB = 1024 * 1024


class RateLimiter:
    """At most one request per ``delay`` seconds, process-wide, on the monotonic clock.

    The lock is held while sleeping so that concurrent callers queue up instead of
    all waking at once and bursting.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: float | None = None

    def wait(self, delay: float) -> None:
        """Block until ``delay`` seconds have passed since the previous request, then claim a slot."""
        with self._lock:
            now = time.monotonic()
            if self._last is not None and delay > 0:
                pause = self._last + delay - now
                if pause > 0:
                    time.sleep(pause)
            self._last = time.monotonic()

    def reset(self) -> None:
        """Forget the previous request (for tests)."""
        with self._lock:
            self._last = None


ARXIV_LIMITER = RateLimiter()
_local = threading.local()


def _session() -> "requests.Session":
    # One session per thread: connection reuse without sharing a Session across threads.
    import requests

    s = getattr(_local, "session", None)
    if s is None:
        s = requests.Session()
        s.headers["User-Agent"] = USER_AGENT
        _local.session = s
    return s


def host_of(url: str) -> str:
    """host[:port] of a URL, for messages."""
    return urlsplit(url).netloc or url


def is_arxiv_host(url: str, settings: "Settings") -> bool:
    """True when ``url`` goes to arXiv (the configured API/PDF hosts or any *.arxiv.org)."""
    netloc = urlsplit(url).netloc.lower()
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0]
    configured = {urlsplit(u).netloc.lower() for u in (settings.arxiv_query_url, settings.arxiv_pdf_url)}
    return netloc in configured or host == "arxiv.org" or host.endswith(".arxiv.org")


def _retry_after(resp: "requests.Response") -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date), or None."""
    raw = resp.headers.get("Retry-After")
    if not raw:
        return None
    raw = raw.strip()
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _unreachable(exc: BaseException) -> bool:
    """True when a ConnectionError means the host cannot be reached at all (refused, DNS)."""
    from urllib3.exceptions import NewConnectionError  # NameResolutionError subclasses it

    seen: set[int] = set()
    todo: list[Any] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, NewConnectionError):
            return True
        todo.extend([getattr(e, "reason", None), e.__cause__, e.__context__])
        todo.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
    text = str(exc)
    return any(s in text for s in ("Connection refused", "Name or service not known", "Failed to resolve"))


def _throttled(body: bytes) -> bool:
    return body[:64].strip().lower().startswith(b"rate exceeded")


def _status_error(
    resp: "requests.Response", url: str, what: str, retries: int, not_found: str | None, code: int
) -> FetchError:
    host = host_of(url)
    if code == 404:
        return FetchError(not_found or f"{host} answered HTTP 404 for {what}; check the URL")
    if code == 429:
        return FetchError(
            f"{host} is rate-limiting us (HTTP 429) for {what}, still after {retries} retries; "
            "wait a few minutes or raise arxiv_delay_seconds"
        )
    if code == 403:
        return FetchError(
            f"{host} refused {what} (HTTP 403, maybe robot detection); wait a while and raise arxiv_delay_seconds"
        )
    if code >= 500:
        return FetchError(
            f"{host} answered HTTP {code} for {what} after {retries} retries; the server may be down, try again later"
        )
    if code == 400:
        detail = _atom_error_summary(resp.content)
        return FetchError(f"{host} rejected the request for {what} (HTTP 400{': ' + detail if detail else ''}); check the id or query")
    return FetchError(f"{host} answered HTTP {code} for {what}; check the URL")


def _atom_error_summary(content: bytes) -> str | None:
    """arXiv reports bad queries as an Atom entry whose summary holds the message."""
    try:
        from lxml import etree

        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:  # noqa: BLE001 - any unparsable body just means "no detail"
        return None
    node = root.find(".//{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    return " ".join(node.text.split()) if node is not None and node.text else None


def http_get(
    url: str,
    settings: "Settings",
    *,
    what: str,
    stream: bool = False,
    not_found: str | None = None,
) -> "requests.Response":
    """GET ``url`` and return the 200 response, or raise FetchError/OfflineError.

    arXiv hosts are rate-limited process-wide. HTTP 429/5xx, timeouts and dropped
    connections are retried ``settings.arxiv_retries`` times, pausing ``backoff_base``
    seconds and doubling, or as long as a Retry-After header asks (up to 60 s).
    ``what`` names the paper or URL in messages; ``not_found`` is the message for HTTP 404.
    """
    import requests

    limited = is_arxiv_host(url, settings)
    retries = settings.arxiv_retries
    host = host_of(url)
    last_problem = ""
    for attempt in range(retries + 1):
        if limited:
            ARXIV_LIMITER.wait(settings.arxiv_delay_seconds)
        pause = settings.backoff_base * (2**attempt)
        try:
            resp = _session().get(url, timeout=settings.http_timeout, stream=stream)
        except requests.exceptions.Timeout as exc:
            last_problem = "timeout"
            cause: BaseException = exc
        except requests.exceptions.ConnectionError as exc:
            if _unreachable(exc):
                raise OfflineError(f"cannot reach {host}: offline? point --source at local PDFs") from exc
            last_problem = "dropped"
            cause = exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"cannot request {what} from {host}: {exc}; check the URL") from exc
        else:
            status = resp.status_code
            if status == 200 and not stream and _throttled(resp.content):
                status = 429  # arXiv sometimes throttles with a 200 and a bare "Rate exceeded." body
            if status == 200:
                return resp
            wait = _retry_after(resp)
            if status not in RETRY_STATUSES or attempt == retries:
                err = _status_error(resp, url, what, retries, not_found, status)
                resp.close()
                raise err
            resp.close()
            if wait is not None:
                if wait > MAX_RETRY_AFTER_S:
                    raise FetchError(
                        f"{host} asks us to wait {wait:.0f} s before retrying {what} (HTTP {status}); try again later"
                    )
                pause = max(pause, wait)
            time.sleep(pause)
            continue
        if attempt == retries:
            if last_problem == "timeout":
                raise FetchError(
                    f"{host} did not answer within {settings.http_timeout:g} s for {what} ({retries} retries); "
                    "try again later or raise http_timeout"
                ) from cause
            raise FetchError(f"connection to {host} dropped while requesting {what} ({retries} retries); try again later") from cause
        time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover - the loop always returns or raises


@dataclass(frozen=True, slots=True)
class Download:
    """A completed download: where it lies, its checksum and size."""

    path: Path
    sha256: str
    size: int


def _cap_error(what: str, size: int, settings: "Settings", streamed: bool) -> FetchError:
    over = "at least " if streamed else ""
    return FetchError(
        f"{what} is {over}{size / MIB:.1f} MiB, over the {settings.max_pdf_mb:g} MiB cap; raise max_pdf_mb"
    )


def _not_pdf_error(what: str, resp: "requests.Response", head: bytes) -> FetchError:
    ctype = resp.headers.get("Content-Type", "no content type").split(";", 1)[0].strip()
    start = head[:16].decode("latin-1", "replace").strip().replace("\n", " ")
    return FetchError(f"{what} is not a PDF (got {ctype}, starting {start!r}); check the URL or id")


STALE_PART_S = 3600.0


def _remove_stale_parts(dest: Path) -> None:
    """Delete temp files that killed downloads of ``dest`` left behind (old enough not to be live)."""
    cutoff = time.time() - STALE_PART_S
    for part in dest.parent.glob(f".{dest.name}.*.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
        except OSError:
            pass  # another process got there first


def download_pdf(url: str, dest: Path, settings: "Settings", *, what: str, not_found: str | None = None) -> Download:
    """Stream a PDF from ``url`` to ``dest`` atomically, enforcing the size cap and the PDF magic.

    The bytes go to a temp file beside ``dest``, renamed only once complete and checked, so an
    interrupted or refused download never leaves a file under ``dest``'s name.
    """
    import requests

    cap = int(settings.max_pdf_mb * MIB)
    resp = http_get(url, settings, what=what, stream=True, not_found=not_found)
    tmp_name: str | None = None
    try:
        length = resp.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > cap:
            raise _cap_error(what, int(length), settings, streamed=False)
        dest.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_parts(dest)
        fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
        digest = hashlib.sha256()
        size = 0
        head = b""
        checked = False
        with os.fdopen(fd, "wb") as out:
            try:
                for chunk in resp.iter_content(CHUNK):
                    if not chunk:
                        continue
                    size += len(chunk)
                    if size > cap:
                        raise _cap_error(what, size, settings, streamed=True)
                    if not checked:
                        head += chunk[: MAGIC_WINDOW - len(head)]
                        if len(head) >= MAGIC_WINDOW:
                            # Fail early: no point downloading megabytes of an HTML error page.
                            if PDF_MAGIC not in head:
                                raise _not_pdf_error(what, resp, head)
                            checked = True
                    digest.update(chunk)
                    out.write(chunk)
            except requests.exceptions.RequestException as exc:
                raise FetchError(f"download of {what} from {host_of(url)} was interrupted ({exc}); try again") from exc
        if not checked and PDF_MAGIC not in head:
            raise _not_pdf_error(what, resp, head)
        os.chmod(tmp_name, 0o644)  # mkstemp makes 0600; cached PDFs are ordinary readable files
        os.replace(tmp_name, dest)
        tmp_name = None
        return Download(dest, digest.hexdigest(), size)
    finally:
        resp.close()
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except FileNotFoundError:
                pass


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
