"""Fetching a series from its service: SSB PxWebApi v2, Danmarks Statistik API v1, Kolada v3.

The request is built from the series id, the regions and the periods; the answer goes through
the same readers as a file (an error body is refused with the service's message) and is stored
as one transaction. SSB's documented limits are kept: at most 800 000 cells per extract (a
larger request is split by regions) and 30 queries a minute (the client waits before the 31st);
an answer 429 is retried after its Retry-After. Kolada's pages are followed through `next_url`,
only on the service's own host.
"""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from dashboard import settings
from dashboard.statistics import StatisticsError
from dashboard.statistics.readers import (
    Dataset,
    SeriesId,
    parse_json,
    parse_series_id,
    read_json,
)

SSB_MAX_CELLS = 800_000
SSB_QUERIES_PER_MINUTE = 30
MAX_RETRIES = 3
MAX_RETRY_AFTER_SECONDS = 300
MAX_KOLADA_PAGES = 1000
MAX_ANSWER_BYTES = 200 * 2**20
TIMEOUT_SECONDS = 60
USER_AGENT = "kommune-dashboard (statistics fetch)"


def base_urls() -> dict[str, str]:
    return {
        "ssb": settings.value("STATISTICS_SSB_URL"),
        "dst": settings.value("STATISTICS_DST_URL"),
        "kolada": settings.value("STATISTICS_KOLADA_URL"),
    }


@dataclass
class RateLimit:
    """At most `per_minute` requests in any 60 seconds: waits before one that would be more."""

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    sent: deque = field(default_factory=deque)

    def wait(self) -> None:
        now = self.clock()
        while self.sent and now - self.sent[0] >= 60:
            self.sent.popleft()
        if len(self.sent) >= self.per_minute:
            self.sleep(60 - (now - self.sent[0]))
            self.sent.popleft()
        self.sent.append(self.clock())


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header (seconds or an HTTP date); 1 when absent or odd."""
    if not value:
        return 1.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 1.0
    return max(0.0, when.timestamp() - time.time())


@dataclass
class Fetcher:
    urls: dict[str, str] = field(default_factory=base_urls)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    max_cells: int = SSB_MAX_CELLS
    log: Callable[[str], None] = lambda _line: None
    requests: int = 0

    def __post_init__(self) -> None:
        self.ssb_limit = RateLimit(SSB_QUERIES_PER_MINUTE, self.clock, self.sleep)

    # --- HTTP ---------------------------------------------------------------------------------

    def _request(self, url: str, body: dict | None = None, limit: RateLimit | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if data is not None:
            headers["Content-Type"] = "application/json"
        for attempt in range(MAX_RETRIES + 1):
            if limit:
                limit.wait()
            self.requests += 1
            request = urllib.request.Request(url, data=data, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310 (http(s) from settings)
                    raw = answer.read(MAX_ANSWER_BYTES + 1)
                    status = answer.status
            except urllib.error.HTTPError as error:
                raw, status = error.read(MAX_ANSWER_BYTES + 1), error.code
                if status == 429 and attempt < MAX_RETRIES:
                    delay = min(
                        _retry_after(error.headers.get("Retry-After")), MAX_RETRY_AFTER_SECONDS
                    )
                    self.log(f"429 Too Many Requests: waiting {delay:g} s ({url})")
                    self.sleep(delay)
                    continue
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                raise StatisticsError("stats.unreachable", url=url, reason=str(error)) from error
            return self._answer(url, raw, status)
        raise StatisticsError("stats.http_error", url=url, status=429)

    def _answer(self, url: str, raw: bytes, status: int) -> dict:
        if len(raw) > MAX_ANSWER_BYTES:
            raise StatisticsError("stats.too_large", url=url)
        try:
            document = parse_json(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, StatisticsError):
            if status >= 400:
                raise StatisticsError("stats.http_error", url=url, status=status) from None
            raise StatisticsError("stats.not_json", reason=url) from None
        if status >= 400:
            if isinstance(document, dict):
                read_json(document)  # refuses an error body with the service's own message
            raise StatisticsError("stats.http_error", url=url, status=status)
        if not isinstance(document, dict):
            raise StatisticsError("stats.unknown_format")
        return document

    def _url(self, source: str, path: str, query: list[tuple[str, str]] | None = None) -> str:
        base = self.urls[source].rstrip("/")
        url = base + path
        if query:
            url += "?" + urllib.parse.urlencode(query, safe="[](),*")
        return url

    # --- The services -------------------------------------------------------------------------

    def fetch(
        self,
        series: str,
        regions: list[str],
        periods: list[str],
        *,
        region_dimension: str | None = None,
    ) -> Dataset:
        sid = parse_series_id(series)
        if not periods:
            raise StatisticsError("stats.no_periods")
        if sid.source == "ssb":
            dataset = self._fetch_ssb(sid, regions, periods, region_dimension)
        elif sid.source == "dst":
            dataset = self._fetch_dst(sid, regions, periods, region_dimension)
        else:
            dataset = self._fetch_kolada(sid, regions, periods)
        if str(sid) not in dataset.series:
            raise StatisticsError(
                "stats.series_not_in_answer", series=str(sid), found=", ".join(dataset.series)
            )
        return dataset

    def _fetch_ssb(
        self, sid: SeriesId, regions: list[str], periods: list[str], region_dimension: str | None
    ) -> Dataset:
        # KOSTRA tables (contents KOS…) name their regions KOKkommuneregion0000; others Region.
        dim = region_dimension or (
            "KOKkommuneregion0000" if sid.content.upper().startswith("KOS") else "Region"
        )
        per_region = len(periods)
        chunk = max(1, self.max_cells // per_region) if regions else 1
        if regions and per_region > self.max_cells:
            raise StatisticsError("stats.too_many_cells", cells=per_region, limit=self.max_cells)
        merged: Dataset | None = None
        for start in range(0, max(len(regions), 1), chunk):
            part = regions[start : start + chunk]
            query = [("lang", "no"), ("outputFormat", "json-stat2")]
            query.append(("valueCodes[ContentsCode]", sid.content))
            query.append(("valueCodes[Tid]", ",".join(periods)))
            if part:
                query.append((f"valueCodes[{dim}]", ",".join(part)))
            query += [(f"valueCodes[{d}]", code) for d, code in sid.extra]
            url = self._url("ssb", f"/tables/{urllib.parse.quote(sid.table_id)}/data", query)
            self.log(f"GET {url}")
            document = self._request(url, limit=self.ssb_limit)
            merged = _merge(merged, read_json(document, source="ssb", table=sid.table_id))
        assert merged is not None
        return merged

    def _fetch_dst(
        self, sid: SeriesId, regions: list[str], periods: list[str], region_dimension: str | None
    ) -> Dataset:
        variables = [{"code": "Tid", "values": periods}]
        if regions:
            variables.append({"code": region_dimension or "OMRÅDE", "values": regions})
        variables += [{"code": d, "values": [code]} for d, code in sid.extra]
        if sid.content != sid.table_id:
            variables.append({"code": "ContentsCode", "values": [sid.content]})
        body = {
            "table": sid.table_id,
            "format": "JSONSTAT",
            "lang": "da",
            "valuePresentation": "Code",
            "variables": variables,
        }
        url = self._url("dst", "/data")
        self.log(f"POST {url} {json.dumps(body, ensure_ascii=False)}")
        document = self._request(url, body=body)
        return read_json(document, source="dst", table=sid.table_id)

    def _fetch_kolada(self, sid: SeriesId, regions: list[str], periods: list[str]) -> Dataset:
        if not regions:
            raise StatisticsError("stats.no_regions")
        quote = urllib.parse.quote
        path = (
            f"/data/kpi/{quote(sid.table_id)}/municipality/{quote(','.join(regions), safe=',')}"
            f"/year/{quote(','.join(periods), safe=',')}"
        )
        url: str | None = self._url("kolada", path)
        own_host = urllib.parse.urlsplit(self.urls["kolada"]).netloc
        merged: Dataset | None = None
        pages = 0
        while url:
            if urllib.parse.urlsplit(url).netloc != own_host:
                raise StatisticsError("stats.foreign_next_url", url=url)
            pages += 1
            if pages > MAX_KOLADA_PAGES:
                raise StatisticsError("stats.too_many_pages", pages=MAX_KOLADA_PAGES)
            self.log(f"GET {url}")
            document = self._request(url)
            merged = _merge(merged, read_json(document, source="kolada"))
            url = document.get("next_url") or document.get("next_page") or None
        assert merged is not None
        return merged


def _merge(into: Dataset | None, more: Dataset) -> Dataset:
    if into is None:
        return more
    into.series |= more.series
    into.regions |= more.regions
    into.observations += more.observations
    return into
