"""The operation of the squashed migrations: an app's whole schema, applied in one step.

Once Django has rendered the migration state, it renders the changed model again, with its
related models, after every operation. The history of the five apps held some 670 such
operations (pgtrigger adds one per trigger), and making a new database took 100 s, 90 % of it
rebuilding model classes. `SquashedSchema` applies its operations to the state first, without
rendering, then creates each table once from the final state: fields, indexes, constraints and
unique sets as the models have them at the end (PostgreSQL's schema editor adds foreign keys at
the end of the migration, so the order of the tables does not matter), then the triggers.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations import (
    AddConstraint,
    AddField,
    AddIndex,
    AlterUniqueTogether,
    CreateModel,
)
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState
from pgtrigger.migrations import AddTrigger, DatabaseSchemaEditorMixin

# What a squashed initial schema is made of: anything else (a rename, a removal, SQL) would
# need the intermediate states this operation skips.
_ON_CREATED_MODELS = (AddField, AddIndex, AddConstraint, AlterUniqueTogether, AddTrigger)


class SquashedSchema(Operation):
    reversible = True

    def __init__(self, operations: list[Operation]) -> None:
        created = {op.name_lower for op in operations if isinstance(op, CreateModel)}
        for op in operations:
            if isinstance(op, CreateModel):
                continue
            model = getattr(op, "model_name_lower", None) or getattr(op, "name_lower", None)
            if not isinstance(op, _ON_CREATED_MODELS) or model not in created:
                raise ValueError(f"SquashedSchema cannot apply {op.describe()!r}")
        self.operations = operations

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        # Dropping the rendered classes (as Django's clear_delayed_apps_cache does) makes the
        # operations below change the model states only; the next reader renders them once.
        state.__dict__.pop("apps", None)
        for operation in self.operations:
            operation.state_forwards(app_label, state)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        # CreateModel makes the table of the final state's model, with every field, index and
        # constraint the other operations added; pgtrigger's schema editor installs the
        # model's triggers with its table (else each AddTrigger does).
        installs_triggers = isinstance(schema_editor, DatabaseSchemaEditorMixin)
        for operation in self.operations:
            if isinstance(operation, CreateModel) or (
                    isinstance(operation, AddTrigger) and not installs_triggers):
                operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        # Dropping a table drops its triggers, indexes and constraints.
        for operation in reversed(self.operations):
            if isinstance(operation, CreateModel):
                operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Squashed schema of {len(self.operations)} operations"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__name__, [], {"operations": self.operations})
