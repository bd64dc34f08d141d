"""Dashboards for each role, the five-conditions health view and period reports (issue 6).

Read-only over conditions/, indicators/ and coordination/: every figure comes from their
models, with a fixed number of queries whatever the size of the coalition.
"""
