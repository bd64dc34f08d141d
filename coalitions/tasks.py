"""Background work of the core: thin tasks by id (coalitions.jobs); the claims and the emails
are in services."""

from celery import shared_task
from celery.schedules import crontab

from . import heartbeat
from .concurrency import forget_old_submissions
from .jobs import NetworkTask, coalition_scope, fan_out, sweep

BEAT_SCHEDULE = {
    # Expires unrun after one period: a worker that comes back runs one, not a backlog.
    "coalitions-worker-heartbeat": {
        "task": "coalitions.tasks.worker_heartbeat", "schedule": heartbeat.EVERY_SECONDS,
        "options": {"expires": heartbeat.EVERY_SECONDS},
    },
    "coalitions-forget-form-submissions": {
        "task": "coalitions.tasks.forget_form_submissions", "schedule": crontab(hour=3, minute=40),
    },
    # Law 25: what is past its retention period, every night (coalitions.retention).
    "coalitions-apply-retention": {
        "task": "coalitions.tasks.apply_retention", "schedule": crontab(hour=3, minute=10),
    },
    "coalitions-erase-due-accounts": {
        "task": "coalitions.tasks.erase_due_accounts", "schedule": crontab(hour=3, minute=20),
    },
    "coalitions-lost-invitation-emails": {
        "task": "coalitions.tasks.send_lost_invitation_emails", "schedule": crontab(minute="*/15"),
    },
}


@shared_task(ignore_result=True)
def worker_heartbeat() -> None:
    heartbeat.record()


@shared_task(base=NetworkTask)
def send_invitation_email(coalition_id: int, invitation_id: int, send_number: int) -> bool:
    from . import services

    with coalition_scope(coalition_id) as coalition:
        return services.send_invitation_email(coalition=coalition, invitation_id=invitation_id,
                                              send_number=send_number)


@shared_task
def send_lost_invitation_emails() -> int:
    from . import services

    return sweep(lambda coalition: services.send_lost_invitation_emails(coalition=coalition))


@shared_task
def forget_form_submissions() -> int:
    """Create forms' one-time tokens are needed for a double submit or a retry, not forever."""
    return forget_old_submissions()


@shared_task
def apply_retention() -> int:
    """Queue the retention job of every coalition (one task each: a large one holds up no other)."""
    return fan_out(apply_retention_in_coalition)


@shared_task
def apply_retention_in_coalition(coalition_id: int) -> dict:
    from . import retention

    with coalition_scope(coalition_id) as coalition:
        return retention.apply(coalition)


@shared_task(base=NetworkTask)
def send_inactivity_warning(coalition_id: int, notice_id: int) -> bool:
    from . import retention

    with coalition_scope(coalition_id) as coalition:
        return retention.send_inactivity_warning(coalition=coalition, notice_id=notice_id)


@shared_task
def erase_due_accounts() -> int:
    """Accounts whose deletion was asked more than the grace period ago: erased, one by one."""
    from .rights import due_for_erasure, person_erase

    erased = 0
    for user_id in due_for_erasure():
        if person_erase(user_id=user_id) is not None:
            erased += 1
    return erased


@shared_task(acks_late=False)
def build_export(coalition_id: int, job_id: int) -> str:
    """Write a large XLSX export (idempotent: only a job still waiting is built). A job that
    raises is marked failed, so its page stops waiting."""
    from . import export_jobs

    with coalition_scope(coalition_id):
        try:
            return export_jobs.export_build(job_id=job_id).status
        except Exception:
            export_jobs.export_fail(job_id=job_id)
            raise
