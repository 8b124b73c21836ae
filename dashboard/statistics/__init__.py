"""Official statistics: series from Statistics Norway (SSB, KOSTRA), Danmarks Statistik and
Kolada, read from their own formats (`readers`), kept in the database (`store`) and fetched
from their APIs (`fetch`). No web framework here: the CLI and the views call in."""

from __future__ import annotations

from dashboard.i18n import translate


class StatisticsError(ValueError):
    """Input the statistics import or fetch refuses; the message names what and why."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str | None = None) -> str:
        return translate(self.key, lang, **self.params)
