from django.urls import path

from .views import activities, agenda, consultation, plan

app_name = "conditions"

urlpatterns = [
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/versions/", agenda.agenda_versions, name="agenda_versions"),
    path("agenda/versions/<str:key>/", agenda.agenda_version, name="agenda_version"),
    path("agenda/compare/", agenda.agenda_compare, name="agenda_compare"),
    path("agenda/draft/", agenda.agenda_draft, name="agenda_draft"),
    path("agenda/draft/publish/", agenda.agenda_draft_publish, name="agenda_draft_publish"),
    path("agenda/endorse/", agenda.agenda_endorse, name="agenda_endorse"),
    path("agenda/remind/", agenda.agenda_remind, name="agenda_remind"),
    path("agenda/consultation/", consultation.consultation, name="consultation"),
    path("agenda/consultation/open/", consultation.consultation_open, name="consultation_open"),
    path("agenda/consultation/respond/", consultation.consultation_respond, name="consultation_respond"),
    path("agenda/consultation/comment/", consultation.consultation_comment, name="consultation_comment"),
    path("agenda/consultation/responses/", consultation.consultation_responses, name="consultation_responses"),
    path("agenda/consultation/responses/<int:pk>/answer/", consultation.consultation_answer,
         name="consultation_answer"),
    path("agenda/consultation/close/", consultation.consultation_close, name="consultation_close"),
    path("agenda/priorities/", agenda.priority_list, name="priorities"),
    path("agenda/priorities/<int:pk>/edit/", agenda.priority_edit, name="priority_edit"),
    path("agenda/priorities/<int:pk>/move/", agenda.priority_move, name="priority_move"),
    path("plan/", plan.plan, name="plan"),
    path("plan/new/", plan.plan_create, name="plan_create"),
    path("plan/<int:pk>/edit/", plan.plan_edit, name="plan_edit"),
    path("plan/actions/new/", plan.action_create, name="action_create"),
    path("plan/actions/<int:pk>/", plan.action_detail, name="action"),
    path("plan/actions/<int:pk>/edit/", plan.action_edit, name="action_edit"),
    path("plan/actions/<int:pk>/review/", plan.action_review, name="action_review"),
    path("plan/activities/", activities.activity_list, name="activities"),
    path("plan/activities/export/", activities.activity_export, name="activity_export"),
    path("plan/activities/new/", activities.activity_create, name="activity_create"),
    path("plan/activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("plan/activities/<int:pk>/delete/", activities.activity_delete, name="activity_delete"),
    path("plan/activities/<int:pk>/attachment/", activities.activity_attachment, name="activity_attachment"),
    path("plan/matrix/", activities.contribution_matrix, name="matrix"),
    path("plan/matrix/export/", activities.matrix_export, name="matrix_export"),
]
