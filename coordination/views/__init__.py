"""Views of conditions 4 and 5, one module per area: meetings.py (the communication landing
page, meetings, follow-ups), comments.py, announcements.py, notifications.py (and reminders),
calendar.py (each member's calendar feed), backbone.py (team, bodies, tasks, library,
self-assessment). coordination/urls.py imports each module."""
