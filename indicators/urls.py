from django.urls import path

from . import views, views_import

app_name = "indicators"

urlpatterns = [
    path("measurement/", views.index, name="index"),
    path("measurement/indicators/new/", views.indicator_create, name="indicator_create"),
    path("measurement/indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("measurement/indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("measurement/indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("measurement/indicators/<int:pk>/assignments/", views.indicator_assignments, name="indicator_assignments"),
    path("measurement/indicators/<int:pk>/targets/", views.indicator_targets, name="indicator_targets"),
    path("measurement/indicators/<int:pk>/periods/", views.indicator_periods, name="indicator_periods"),
    path("measurement/indicators/<int:pk>/categories/", views.indicator_categories, name="indicator_categories"),
    path("measurement/categories/<int:pk>/delete/", views.category_delete, name="category_delete"),
    path("measurement/targets/<int:pk>/delete/", views.target_delete, name="target_delete"),
    path("measurement/periods/<int:pk>/lock/", views.period_lock, name="period_lock"),
    path("measurement/periods/<int:pk>/note/", views.note_edit, name="note_edit"),
    path("measurement/entry/", views.entry, name="entry"),
    path("measurement/api/to-report/", views.entry_api, name="entry_api"),
    path("measurement/entry/<int:period_pk>/org/<int:organization_pk>/", views.entry_cell, name="entry_cell"),
    path("measurement/entry/<int:period_pk>/coalition/", views.entry_cell_coalition, name="entry_cell_coalition"),
    path("measurement/review/", views.review, name="review"),
    path("measurement/review/approve/", views.review_approve, name="review_approve"),
    path("measurement/values/<int:pk>/", views.value_detail, name="value_detail"),
    path("measurement/values/<int:pk>/return/", views.value_return, name="value_return"),
    path("measurement/completeness/", views.completeness, name="completeness"),
    path("measurement/transfer/", views_import.transfer, name="transfer"),
    path("measurement/transfer/<int:pk>/", views_import.import_status, name="import_status"),
    path("measurement/transfer/template/", views.import_template, name="import_template"),
    path("measurement/export/values/", views.export_values, name="export_values"),
    path("measurement/export/rollups/", views.export_rollups, name="export_rollups"),
]
