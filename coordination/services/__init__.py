"""Every write of conditions 4 and 5, one module per area, re-exported here.

Each service takes keyword-only arguments, re-checks the actor against the permission
registry (and this app's object rules in coordination.permissions), validates with a
ValidationError keyed by field, writes in one transaction and queues emails with
``transaction.on_commit``. Safe to retry.

The reminder engine (``send_due_reminders`` and friends in ``reminders``) is the one writer
without an actor: Celery beat runs it for each coalition. Exactly-once delivery rests on
``SentReminder``'s unique key, inserted and committed before the email goes out.
"""

from .backbone import (  # noqa: F401
    DEFAULT_QUESTIONS,
    LIBRARY_EXTENSIONS,
    LIBRARY_MAX_BYTES,
    assessment_answer,
    body_save,
    library_add,
    library_delete,
    question_update,
    round_close,
    round_open,
    task_move,
    task_save,
    team_member_add,
    team_member_remove,
)
from .calendar import (  # noqa: F401
    calendar_feed_enable,
    calendar_feed_replace,
    calendar_feed_revoke,
    calendar_feed_update,
    feed_reader,
    feed_token,
    find_feed,
    record_feed_read,
)
from .communication import (  # noqa: F401
    MENTION,
    announcement_create,
    announcement_mark_read,
    announcement_set_pinned,
    comment_add,
    comment_delete,
    comment_update,
    comment_url,
    mentioned_user_ids,
    notification_preferences_set,
    notifications_mark_read,
)
from .meetings import (  # noqa: F401
    decision_add,
    follow_up_create,
    follow_up_set_status,
    meeting_create,
    meeting_record_attendance,
    meeting_rsvp,
    meeting_save_minutes,
    meeting_update,
)
from .reminders import (  # noqa: F401
    PREFERENCE_OF,
    REMINDER_FIELDS,
    claim_reminder,
    confirm_delivered,
    email_notifications,
    release_reminder,
    release_stale_claims,
    reminder_settings_update,
    send_digests,
    send_due_reminders,
    send_lost_invitations,
    send_lost_notification_emails,
    send_meeting_invitations,
    send_weekly_summaries,
)
