from django.urls import path

from . import views

app_name = "conditions"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/versions/", views.agenda_versions, name="agenda_versions"),
    path("agenda/versions/<str:key>/", views.agenda_version, name="agenda_version"),
    path("agenda/compare/", views.agenda_compare, name="agenda_compare"),
    path("agenda/draft/", views.agenda_draft, name="agenda_draft"),
    path("agenda/draft/publish/", views.agenda_draft_publish, name="agenda_draft_publish"),
    path("agenda/endorse/", views.agenda_endorse, name="agenda_endorse"),
    path("agenda/priorities/", views.priority_list, name="priorities"),
    path("agenda/priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("agenda/priorities/<int:pk>/move/", views.priority_move, name="priority_move"),
    path("plan/", views.plan, name="plan"),
    path("plan/new/", views.plan_create, name="plan_create"),
    path("plan/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plan/actions/new/", views.action_create, name="action_create"),
    path("plan/actions/<int:pk>/", views.action_detail, name="action"),
    path("plan/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("plan/actions/<int:pk>/review/", views.action_review, name="action_review"),
    path("plan/activities/", views.activity_list, name="activities"),
    path("plan/activities/export/", views.activity_export, name="activity_export"),
    path("plan/activities/new/", views.activity_create, name="activity_create"),
    path("plan/activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("plan/activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("plan/activities/<int:pk>/attachment/", views.activity_attachment, name="activity_attachment"),
    path("plan/matrix/", views.contribution_matrix, name="matrix"),
    path("plan/matrix/export/", views.matrix_export, name="matrix_export"),
]
