"""Conditions 4 and 5: continuous communication and backbone support, one module per area.

Every model is tenant-owned (coalitions.tenancy.TenantModel). Writes go through services.
Import a model from its module (``from coordination.models.meetings import Meeting``).
"""

# Django registers the models of the modules imported here; nothing else is re-exported.
from . import backbone, calendar, communication, governance, meetings, reminders  # noqa: F401

# Migration 0001 refers to the upload path as coordination.models.library_upload_to.
from .backbone import library_upload_to  # noqa: F401
