"""Views of conditions 4 and 5 (coordination/urls.py refers to them through this package)."""

from .backbone import *  # noqa: F403
from .calendar import *  # noqa: F403
from .communication import *  # noqa: F403
