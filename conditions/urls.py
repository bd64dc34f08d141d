from django.urls import path

from . import views

app_name = "conditions"

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("plan/", views.plan, name="plan"),
]
