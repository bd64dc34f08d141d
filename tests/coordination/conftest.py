import pytest

from coalitions.models import Role

from ..factories import MembershipFactory
from .factories import InviteeFactory, MeetingFactory
from .helpers import MEETING_AT


@pytest.fixture
def meeting(world):
    """A meeting at MEETING_AT: world.partner said yes, a partner declined, another (meeting.silent)
    has not answered."""
    meeting = MeetingFactory(coalition=world.coalition, starts_at=MEETING_AT, title="Comité de pilotage")
    InviteeFactory(meeting=meeting, user=world.partner, rsvp="yes")
    declined = MembershipFactory(coalition=world.coalition, role=Role.PARTNER).user
    InviteeFactory(meeting=meeting, user=declined, rsvp="no")
    silent = MembershipFactory(coalition=world.coalition, role=Role.PARTNER).user
    InviteeFactory(meeting=meeting, user=silent)
    meeting.silent = silent
    return meeting
