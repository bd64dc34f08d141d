from django.urls import path

from . import views
from .dashboards import views as dashboards

app_name = "coalitions"

urlpatterns = [
    path("", views.coalition_home, name="home"),
    path("settings/", views.coalition_settings, name="settings"),
    path("settings/organizations/", views.organization_list, name="organizations"),
    path("settings/organizations/new/", views.organization_create, name="organization_create"),
    path("settings/organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("settings/organizations/<int:pk>/delete/", views.organization_delete, name="organization_delete"),
    path("settings/members/", views.member_list, name="members"),
    path("settings/members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("settings/members/<int:pk>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("settings/members/<int:pk>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path("settings/invitations/", views.invitation_list, name="invitations"),
    path("settings/invitations/new/", views.invitation_create, name="invitation_create"),
    path("settings/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("settings/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("settings/audit/", views.audit_trail, name="audit"),
    path("reports/", dashboards.report_index, name="reports"),
    path("reports/<int:year>/", dashboards.report_year, name="report"),
    path("reports/<int:year>/download.xlsx", dashboards.report_download, name="report_download"),
    path("reports/<int:year>/freeze/", dashboards.report_freeze, name="report_freeze"),
    path("reports/snapshots/<int:pk>/", dashboards.snapshot_detail, name="snapshot"),
    path("reports/snapshots/<int:pk>/share/", dashboards.snapshot_share, name="snapshot_share"),
    path("reports/links/<int:pk>/revoke/", dashboards.share_link_revoke, name="share_link_revoke"),
    path("reports/links/<int:pk>/openings/", dashboards.share_link_openings, name="share_link_openings"),
]
