"""Views of conditions 1 and 2, one module per area: agenda.py (the common agenda and its
priorities), plan.py (action plans and actions), activities.py (partners' activities and the
contribution matrix). conditions/urls.py imports each module."""
