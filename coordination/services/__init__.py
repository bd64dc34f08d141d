"""Every write of conditions 4 and 5, one module per area; callers import the module they need
(``from coordination.services import reminders``): nothing is re-exported here.

Each service takes keyword-only arguments, re-checks the actor against the permission
registry (and this app's object rules in coordination.permissions), validates with a
ValidationError keyed by field, writes in one transaction and queues emails with
``transaction.on_commit``. Safe to retry.

The email senders (``reminders``, ``invitations``, ``notifications``, ``summaries``) are the
writers without an actor: Celery runs them for each coalition (coordination.tasks). Exactly-once
delivery rests on a key claimed before the email goes out (``claims``: SentReminder's unique
key; ``Notification.emailed_at``).
"""
