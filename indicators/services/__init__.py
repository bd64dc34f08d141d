"""Every write of shared measurement.

Each service re-checks the actor against the permission registry and the object rules,
validates (ValidationError with {field: message}), writes in one transaction (pghistory
records the history) and queues follow-up work with ``transaction.on_commit``. Safe to
retry: a repeated call finds the work done and does not write twice."""

# One module per sub-domain; callers import the module they need
# (``from indicators.services import values``): nothing is re-exported here.
