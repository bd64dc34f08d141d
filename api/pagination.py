"""Cursor pagination: stable pages however the data changes between two requests, each as fast
as the first (no OFFSET). ``page_size`` chooses 1 to 500 rows a page (100 by default)."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    ordering = ("pk",)
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
