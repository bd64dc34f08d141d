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
]
