"""An email backend that writes one file per message in EMAIL_FILE_PATH, after waiting
MAILBOX_DELAY seconds: a slow SMTP server whose deliveries a test can count across processes."""

import time
import uuid
from email import message_from_bytes
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            time.sleep(getattr(settings, "MAILBOX_DELAY", 0))
            path = Path(settings.EMAIL_FILE_PATH) / f"{uuid.uuid4().hex}.eml"
            path.with_suffix(".tmp").write_bytes(message.message().as_bytes())
            path.with_suffix(".tmp").rename(path)  # a message is there whole or not at all
        return len(email_messages)


def delivered(folder) -> list[tuple[str, str]]:
    """(recipient, subject) of every message delivered in ``folder``."""
    messages = [message_from_bytes(p.read_bytes()) for p in sorted(Path(folder).glob("*.eml"))]
    return [(m["To"], str(m["Subject"])) for m in messages]
