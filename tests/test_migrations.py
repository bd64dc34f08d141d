"""A new database is made by the squashed migrations (`coalitions/migration_ops.py`): each
app's schema in one step, from the final state. The test database is one of them, so its
tables must be exactly what the models describe, with nothing the old, step-by-step history
would have made and the squash skipped: columns, nullability, foreign keys, indexes,
constraints and triggers."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations import AddField, CreateModel, RemoveField
from django.db.migrations.loader import MigrationLoader

from coalitions.migration_ops import SquashedSchema

APPS = ("coalitions", "conditions", "coordination", "dashboards", "indicators")

pytestmark = pytest.mark.django_db


def _tables():
    for app in APPS:
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                yield model


def test_every_table_is_its_model_columns_keys_indexes_constraints_and_triggers():
    checked = 0
    with connection.cursor() as cursor:
        for model in _tables():
            table = model._meta.db_table
            columns = {c.name: c for c in connection.introspection.get_table_description(cursor, table)}
            fields = {f.column: f for f in model._meta.local_concrete_fields}
            assert set(columns) == set(fields), table
            for column, field in fields.items():
                assert columns[column].null_ok == field.null, f"{table}.{column}"
            constraints = connection.introspection.get_constraints(cursor, table)
            foreign_keys = {tuple(c["columns"]): c["foreign_key"] for c in constraints.values() if c["foreign_key"]}
            for field in fields.values():
                if field.remote_field and field.db_constraint:
                    target = field.remote_field.model._meta.db_table
                    assert foreign_keys.get((field.column,), ("",))[0] == target, f"{table}.{field.column}"
                if field.db_index and not field.unique and not field.primary_key:
                    assert any(c["columns"] == [field.column] and c["index"] for c in constraints.values()), (
                        f"{table}.{field.column} has no index")
            for named in [*model._meta.indexes, *model._meta.constraints]:
                assert named.name in constraints, f"{table}: {named.name}"
            for together in model._meta.unique_together:
                wanted = [model._meta.get_field(name).column for name in together]
                assert any(c["unique"] and c["columns"] == wanted for c in constraints.values()), table
            for trigger in getattr(model._meta, "triggers", []):
                assert trigger.get_installation_status(model)[0] == "INSTALLED", f"{table}: {trigger.name}"
            checked += 1
    assert checked > 100


def test_the_reporting_backlog_triggers_are_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'dashboards_backlog_%'")
        assert len(cursor.fetchall()) == 10


def test_each_app_starts_from_one_squashed_migration_that_replaces_the_history_before_it():
    loader = MigrationLoader(connection)
    for app in APPS:
        squashed = [key for key, m in loader.disk_migrations.items() if key[0] == app and m.replaces]
        assert len(squashed) == 1, app
        replaced = set(loader.disk_migrations[squashed[0]].replaces)
        for key in loader.disk_migrations:
            if key[0] == app and key != squashed[0] and key not in replaced:
                assert squashed[0] in loader.graph.forwards_plan(key), key


def test_a_squashed_schema_refuses_an_operation_that_needs_the_steps_it_skips():
    create = CreateModel("Thing", fields=[])
    with pytest.raises(ValueError, match="Remove field"):
        SquashedSchema([create, RemoveField("thing", "name")])
    with pytest.raises(ValueError, match="other"):
        SquashedSchema([create, AddField("other", "name", None)])
