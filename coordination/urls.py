from django.urls import path

from . import views

app_name = "coordination"

urlpatterns = [
    path("communication/", views.communication, name="communication"),
    path("backbone/", views.backbone, name="backbone"),
]
