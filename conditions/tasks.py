"""Background work of conditions 1 and 2: thin tasks by id (coalitions.jobs); the claims and
the emails are in services."""

from celery import shared_task
from celery.schedules import crontab

from coalitions.jobs import NetworkTask, coalition_scope, sweep

BEAT_SCHEDULE = {
    "conditions-lost-endorsement-requests": {
        "task": "conditions.tasks.send_lost_endorsement_requests", "schedule": crontab(minute="*/15"),
    },
}


@shared_task(base=NetworkTask)
def send_endorsement_request(coalition_id: int, request_id: int) -> bool:
    from .services import agenda as services

    with coalition_scope(coalition_id) as coalition:
        return services.send_endorsement_request(coalition=coalition, request_id=request_id)


@shared_task
def send_lost_endorsement_requests() -> int:
    from .services import agenda as services

    return sweep(lambda coalition: services.send_lost_endorsement_requests(coalition=coalition))
