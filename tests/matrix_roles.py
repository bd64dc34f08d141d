"""Vocabulary of the URL x role matrix, shared by each app's tests/<app>/matrix.py."""

ALL = frozenset({"coordinator", "partner", "funder"})
TAKE_PART = frozenset({"coordinator", "partner"})
COORD = frozenset({"coordinator"})
GET, POST, BOTH = frozenset({"GET"}), frozenset({"POST"}), frozenset({"GET", "POST"})
