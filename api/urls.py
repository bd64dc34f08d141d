"""/api/v1/: the schema, its reference page and the endpoints of each coalition."""

from django.urls import include, path, re_path

from . import docs, views

app_name = "api"

coalition_patterns = [
    path("", views.CoalitionView.as_view(), name="coalition"),
    path("organizations/", views.OrganizationList.as_view(), name="organizations"),
    path("members/", views.MemberList.as_view(), name="members"),
    path("priorities/", views.PriorityList.as_view(), name="priorities"),
    path("agenda/", views.AgendaView.as_view(), name="agenda"),
    path("actions/", views.ActionList.as_view(), name="actions"),
    path("activities/", views.ActivityList.as_view(), name="activities"),
    path("indicators/", views.IndicatorList.as_view(), name="indicators"),
    path("indicators/<int:pk>/", views.IndicatorDetail.as_view(), name="indicator"),
    path("periods/", views.PeriodList.as_view(), name="periods"),
    path("values/", views.ValueList.as_view(), name="values"),
    path("values/bulk/", views.ValueBulk.as_view(), name="values_bulk"),
    path("values/<int:pk>/", views.ValueDetail.as_view(), name="value"),
    path("values/<int:pk>/submit/", views.ValueSubmit.as_view(), name="value_submit"),
    path("values/<int:pk>/approve/", views.ValueApprove.as_view(), name="value_approve"),
    path("values/<int:pk>/return/", views.ValueReturn.as_view(), name="value_return"),
    path("rollups/", views.RollupList.as_view(), name="rollups"),
    path("meetings/", views.MeetingList.as_view(), name="meetings"),
    path("announcements/", views.AnnouncementList.as_view(), name="announcements"),
]

urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    path("c/<slug:coalition_slug>/", include(coalition_patterns)),
    re_path(r"^(?P<rest>.*)$", docs.NotFoundView.as_view(), name="not_found"),
]
