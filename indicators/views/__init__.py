"""Views of condition 3, one module per area: framework.py (indicators, periods, targets,
categories, learning notes), entry.py (data entry and its JSON twin), review.py (review and
completeness), transfer.py (import and export files). indicators/urls.py imports each module."""
