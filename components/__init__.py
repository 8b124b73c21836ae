"""Reusable layout pieces: page shell, filter bar, KPI card, chart card. Pages compose them."""
