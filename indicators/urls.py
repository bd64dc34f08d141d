from django.urls import path

from .views import entry, framework, grid, imports, review, transfer

app_name = "indicators"

urlpatterns = [
    path("measurement/", framework.index, name="index"),
    path("measurement/indicators/new/", framework.indicator_create, name="indicator_create"),
    path("measurement/indicators/<int:pk>/", framework.indicator_detail, name="indicator_detail"),
    path("measurement/indicators/<int:pk>/edit/", framework.indicator_edit, name="indicator_edit"),
    path("measurement/indicators/<int:pk>/delete/", framework.indicator_delete, name="indicator_delete"),
    path("measurement/indicators/<int:pk>/assignments/", framework.indicator_assignments, name="indicator_assignments"),
    path("measurement/indicators/<int:pk>/targets/", framework.indicator_targets, name="indicator_targets"),
    path("measurement/indicators/<int:pk>/periods/", framework.indicator_periods, name="indicator_periods"),
    path("measurement/indicators/<int:pk>/categories/", framework.indicator_categories, name="indicator_categories"),
    path("measurement/categories/<int:pk>/delete/", framework.category_delete, name="category_delete"),
    path("measurement/targets/<int:pk>/delete/", framework.target_delete, name="target_delete"),
    path("measurement/periods/<int:pk>/lock/", framework.period_lock, name="period_lock"),
    path("measurement/periods/<int:pk>/note/", framework.note_edit, name="note_edit"),
    path("measurement/entry/", entry.entry, name="entry"),
    path("measurement/entry/grid/", grid.entry_grid, name="entry_grid"),
    path("measurement/api/to-report/", entry.entry_api, name="entry_api"),
    path("measurement/entry/<int:period_pk>/org/<int:organization_pk>/", entry.entry_cell, name="entry_cell"),
    path("measurement/entry/<int:period_pk>/coalition/", entry.entry_cell_coalition, name="entry_cell_coalition"),
    path("measurement/review/", review.review, name="review"),
    path("measurement/review/approve/", review.review_approve, name="review_approve"),
    path("measurement/values/<int:pk>/", review.value_detail, name="value_detail"),
    path("measurement/values/<int:pk>/return/", review.value_return, name="value_return"),
    path("measurement/completeness/", review.completeness, name="completeness"),
    path("measurement/transfer/", imports.transfer, name="transfer"),
    path("measurement/transfer/<int:pk>/", imports.import_status, name="import_status"),
    path("measurement/transfer/template/", transfer.import_template, name="import_template"),
    path("measurement/export/values/", transfer.export_values, name="export_values"),
    path("measurement/export/rollups/", transfer.export_rollups, name="export_rollups"),
]
