"""Reads of conditions 4 and 5 shared by views, tasks and templates, one module per area:
``meetings`` (meetings, decisions, follow-ups, calendar feeds), ``communication`` (comments,
announcements, notifications), ``backbone`` (team, governance bodies, tasks, library,
self-assessment), ``reminders`` (what the reminder engine and the weekly summary send) and
``measurement`` (what is missing in the other conditions' data, read through their selectors).
Import the submodule you need; each list has a fixed number of queries."""
