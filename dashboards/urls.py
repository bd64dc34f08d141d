from django.urls import path

from . import completeness, views

app_name = "dashboards"

urlpatterns = [
    path("measurement/completeness/all/", completeness.completeness_overview, name="completeness_overview"),
    path("measurement/completeness/all/remind/", completeness.completeness_remind, name="completeness_remind"),
    path("partners/network/", views.partner_network_view, name="partner_network"),
    path("partners/equity/", views.partner_equity_view, name="partner_equity"),
    path("partners/<int:pk>/", views.partner_card_view, name="partner_card"),
    path("reports/", views.report_index, name="reports"),
    path("reports/<int:year>/", views.report_year, name="report"),
    path("reports/<int:year>/download.xlsx", views.report_download, name="report_download"),
    path("reports/<int:year>/freeze/", views.report_freeze, name="report_freeze"),
    path("reports/snapshots/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("reports/snapshots/<int:pk>/share/", views.snapshot_share, name="snapshot_share"),
    path("reports/links/<int:pk>/revoke/", views.share_link_revoke, name="share_link_revoke"),
    path("reports/links/<int:pk>/openings/", views.share_link_openings, name="share_link_openings"),
]
