from django.urls import path

from . import export_views, privacy_views, views

app_name = "coalitions"

# The coalition home (coalitions:home) is the dashboard of the person's role: config/urls.py adds
# it to this namespace, since the core cannot import the dashboards above it.

urlpatterns = [
    path("settings/", views.coalition_settings, name="settings"),
    path("members/", views.member_directory, name="directory"),
    path("settings/organizations/", views.organization_list, name="organizations"),
    path("settings/organizations/new/", views.organization_create, name="organization_create"),
    path("settings/organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("settings/organizations/<int:pk>/delete/", views.organization_delete, name="organization_delete"),
    path("settings/members/", views.member_list, name="members"),
    path("settings/members/export/", views.member_export, name="member_export"),
    path("settings/members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("settings/members/<int:pk>/deactivate/", views.member_deactivate, name="member_deactivate"),
    path("settings/members/<int:pk>/erase/", views.member_erase, name="member_erase"),
    path("settings/members/<int:pk>/reactivate/", views.member_reactivate, name="member_reactivate"),
    path("settings/invitations/", views.invitation_list, name="invitations"),
    path("settings/invitations/new/", views.invitation_create, name="invitation_create"),
    path("settings/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("settings/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("settings/audit/", views.audit_trail, name="audit"),
    path("account/api-tokens/", views.api_tokens, name="api_tokens"),
    path("account/api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("settings/audit/downloads/", privacy_views.download_log, name="audit_downloads"),
    path("settings/privacy/", privacy_views.privacy_settings, name="privacy_settings"),
    path("settings/incidents/", privacy_views.incident_list, name="incidents"),
    path("settings/incidents/new/", privacy_views.incident_create, name="incident_create"),
    path("settings/incidents/<int:pk>/edit/", privacy_views.incident_edit, name="incident_edit"),
    path("settings/incidents/export/", privacy_views.incident_export, name="incident_export"),
    path("privacy/", privacy_views.privacy_page, name="privacy"),
    path("exports/<int:pk>/", export_views.export_status, name="export_status"),
    path("exports/<int:pk>/download/", export_views.export_download, name="export_download"),
]
