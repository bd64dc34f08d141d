"""A page for a condition that is not built yet: it says what will come, so the menu is whole."""

from django.shortcuts import render


def condition_placeholder(request, *, title, intro, coming):
    return render(request, "coalitions/placeholder.html", {"title": title, "intro": intro, "coming": coming})
