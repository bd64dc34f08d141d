"""Every write of conditions 1 and 2, one module per area: ``agenda`` (the common agenda, its
theory of change, endorsements and priorities), ``plan`` (action plans and actions) and
``activities`` (partners' activities). Import the submodule you need.

Each service re-checks the actor against the permission registry and the object rules,
validates (a ValidationError maps each message to its field), writes in one transaction (the
audit trail is recorded by pghistory triggers) and queues emails with ``transaction.on_commit``.
"""
