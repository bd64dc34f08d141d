"""/api/v1/: the schema, its reference page and the endpoints of each coalition."""

from django.urls import include, path

from . import docs, views

app_name = "api"

coalition_patterns = [
    path("", views.CoalitionView.as_view(), name="coalition"),
]

urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    path("c/<slug:coalition_slug>/", include(coalition_patterns)),
]
