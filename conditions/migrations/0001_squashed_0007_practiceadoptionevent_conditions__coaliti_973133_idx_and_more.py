# Squashed on 2026-12-01: the schema of the migrations it replaces, made in one step by
# SquashedSchema (coalitions/migration_ops.py). The replaced migrations stay until every
# database has applied them; a new database runs only this one.

from coalitions.migration_ops import SquashedSchema
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models
import conditions.models
import django.contrib.postgres.fields
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import pgtrigger.compiler
import pgtrigger.migrations


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('conditions', '0001_initial'),
        ('conditions', '0002_agenda_consultation'),
        ('conditions', '0002_audit_trail_index'),
        ('conditions', '0002_endorsement_requests_reach_every_member'),
        ('conditions', '0003_normalize_stored_texts'),
        ('conditions', '0003_shared_practices'),
        ('conditions', '0004_merge_20261201_0606'),
        ('conditions', '0004_practice_adoptions'),
        ('conditions', '0005_consultationcommentevent_conditions__coaliti_a520b8_idx_and_more'),
        ('conditions', '0005_referral_paths'),
        ('conditions', '0006_merge_20261201_0619'),
        ('conditions', '0007_practiceadoptionevent_conditions__coaliti_973133_idx_and_more'),
    ]

    dependencies = [
        ('coalitions', '0001_squashed_0016_export_jobs'),
        ('pghistory', '0007_auto_20250421_0444'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        SquashedSchema(operations=[
            migrations.CreateModel(
                name='Action',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('start_date', models.DateField(verbose_name='start date')),
                    ('end_date', models.DateField(verbose_name='end date')),
                    ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('on_hold', 'On hold'), ('cancelled', 'Cancelled')], default='planned', max_length=20, verbose_name='status')),
                    ('planned_budget', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100000000'))], verbose_name='planned budget (CAD)')),
                    ('spent_budget', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100000000'))], verbose_name='spent budget (CAD)')),
                    ('expected_results', models.TextField(blank=True, verbose_name='expected results')),
                    ('progress', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(100)], verbose_name='progress (%)')),
                    ('review_status', models.CharField(choices=[('proposed', 'Proposed'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='accepted', max_length=20, verbose_name='decision')),
                    ('review_note', models.TextField(blank=True, verbose_name='decision note')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('contributing_organizations', models.ManyToManyField(blank=True, related_name='contributed_actions', to='coalitions.organization', verbose_name='contributing organizations')),
                    ('lead_organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='led_actions', to='coalitions.organization', verbose_name='lead organization')),
                    ('proposed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='proposed by')),
                ],
                options={
                    'verbose_name': 'action',
                    'verbose_name_plural': 'actions',
                    'ordering': ['start_date', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='ActionPlan',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('start_date', models.DateField(verbose_name='start date')),
                    ('end_date', models.DateField(verbose_name='end date')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                ],
                options={
                    'verbose_name': 'action plan',
                    'verbose_name_plural': 'action plans',
                    'ordering': ['-start_date', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='ActionEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('start_date', models.DateField(verbose_name='start date')),
                    ('end_date', models.DateField(verbose_name='end date')),
                    ('status', models.CharField(choices=[('planned', 'Planned'), ('in_progress', 'In progress'), ('done', 'Done'), ('on_hold', 'On hold'), ('cancelled', 'Cancelled')], default='planned', max_length=20, verbose_name='status')),
                    ('planned_budget', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100000000'))], verbose_name='planned budget (CAD)')),
                    ('spent_budget', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100000000'))], verbose_name='spent budget (CAD)')),
                    ('expected_results', models.TextField(blank=True, verbose_name='expected results')),
                    ('progress', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(100)], verbose_name='progress (%)')),
                    ('review_status', models.CharField(choices=[('proposed', 'Proposed'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='accepted', max_length=20, verbose_name='decision')),
                    ('review_note', models.TextField(blank=True, verbose_name='decision note')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('lead_organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='lead organization')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.action')),
                    ('proposed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='proposed by')),
                    ('plan', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.actionplan', verbose_name='plan')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.AddField(
                model_name='action',
                name='plan',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='conditions.actionplan', verbose_name='plan'),
            ),
            migrations.CreateModel(
                name='ActionPlanEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('start_date', models.DateField(verbose_name='start date')),
                    ('end_date', models.DateField(verbose_name='end date')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.actionplan')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Activity',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('date', models.DateField(verbose_name='date')),
                    ('end_date', models.DateField(blank=True, help_text='For an activity over several days.', null=True, verbose_name='end date')),
                    ('description', models.TextField(verbose_name='description')),
                    ('people_reached', models.PositiveIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(1000000)], verbose_name='people reached')),
                    ('families_reached', models.PositiveIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(1000000)], verbose_name='families reached')),
                    ('hours', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=8, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100000'))], verbose_name='hours')),
                    ('cost', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100000000'))], verbose_name='cost (CAD)')),
                    ('attachment', models.FileField(blank=True, max_length=300, upload_to=conditions.models.activity_upload_to, verbose_name='attachment')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='activities', to='conditions.action', verbose_name='action')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='activities', to='coalitions.organization', verbose_name='organization')),
                ],
                options={
                    'verbose_name': 'activity',
                    'verbose_name_plural': 'activities',
                    'ordering': ['-date', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='ActivityEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('date', models.DateField(verbose_name='date')),
                    ('end_date', models.DateField(blank=True, help_text='For an activity over several days.', null=True, verbose_name='end date')),
                    ('description', models.TextField(verbose_name='description')),
                    ('people_reached', models.PositiveIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(1000000)], verbose_name='people reached')),
                    ('families_reached', models.PositiveIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(1000000)], verbose_name='families reached')),
                    ('hours', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=8, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100000'))], verbose_name='hours')),
                    ('cost', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100000000'))], verbose_name='cost (CAD)')),
                    ('attachment', models.FileField(blank=True, max_length=300, upload_to=conditions.models.activity_upload_to, verbose_name='attachment')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('action', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.action', verbose_name='action')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('created_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='organization')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.activity')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='AgendaVersion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveIntegerField(blank=True, null=True, verbose_name='version')),
                    ('problem', models.TextField(blank=True, help_text='The problem as the coalition understands it, in its own words.', verbose_name='problem')),
                    ('target_population', models.TextField(blank=True, verbose_name='target population')),
                    ('territory', models.TextField(blank=True, verbose_name='territory')),
                    ('vision', models.TextField(blank=True, verbose_name='vision of change')),
                    ('long_term_outcomes', models.TextField(blank=True, help_text='The population-level results sought, one per line.', verbose_name='long-term outcomes')),
                    ('guiding_principles', models.TextField(blank=True, help_text='One principle per line, e.g. participation, equity between partners.', verbose_name='guiding principles')),
                    ('priorities_snapshot', models.JSONField(blank=True, default=list)),
                    ('change_summary', models.TextField(blank=True, verbose_name='summary of changes')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published on')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
                ],
                options={
                    'verbose_name': 'agenda version',
                    'verbose_name_plural': 'agenda versions',
                    'ordering': ['-number'],
                },
            ),
            migrations.CreateModel(
                name='AgendaVersionEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('number', models.PositiveIntegerField(blank=True, null=True, verbose_name='version')),
                    ('problem', models.TextField(blank=True, help_text='The problem as the coalition understands it, in its own words.', verbose_name='problem')),
                    ('target_population', models.TextField(blank=True, verbose_name='target population')),
                    ('territory', models.TextField(blank=True, verbose_name='territory')),
                    ('vision', models.TextField(blank=True, verbose_name='vision of change')),
                    ('long_term_outcomes', models.TextField(blank=True, help_text='The population-level results sought, one per line.', verbose_name='long-term outcomes')),
                    ('guiding_principles', models.TextField(blank=True, help_text='One principle per line, e.g. participation, equity between partners.', verbose_name='guiding principles')),
                    ('priorities_snapshot', models.JSONField(blank=True, default=list)),
                    ('change_summary', models.TextField(blank=True, verbose_name='summary of changes')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published on')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.agendaversion')),
                    ('published_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Consultation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('closes_on', models.DateField(verbose_name='closing date')),
                    ('message', models.TextField(blank=True, verbose_name='message to the partners')),
                    ('sections', models.JSONField(default=dict)),
                    ('links', models.JSONField(default=list)),
                    ('opened_at', models.DateTimeField(auto_now_add=True)),
                    ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed on')),
                    ('summary', models.TextField(blank=True, verbose_name='summary of the consultation')),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('opened_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('version', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='consultation', to='conditions.agendaversion')),
                ],
                options={
                    'verbose_name': 'consultation',
                    'verbose_name_plural': 'consultations',
                },
            ),
            migrations.CreateModel(
                name='ConsultationComment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('section', models.CharField(blank=True, choices=[('problem', 'Problem'), ('target_population', 'Target population'), ('territory', 'Territory'), ('vision', 'Vision of change'), ('long_term_outcomes', 'Long-term outcomes'), ('theory_of_change', 'Theory of change'), ('priorities', 'Strategic priorities'), ('guiding_principles', 'Guiding principles')], max_length=30, verbose_name='section')),
                    ('link', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='theory of change link')),
                    ('body', models.TextField(verbose_name='comment')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='conditions.consultation')),
                    ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='coalitions.organization')),
                ],
                options={
                    'verbose_name': 'consultation comment',
                    'verbose_name_plural': 'consultation comments',
                    'ordering': ['created_at', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='ConsultationCommentEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('section', models.CharField(blank=True, choices=[('problem', 'Problem'), ('target_population', 'Target population'), ('territory', 'Territory'), ('vision', 'Vision of change'), ('long_term_outcomes', 'Long-term outcomes'), ('theory_of_change', 'Theory of change'), ('priorities', 'Strategic priorities'), ('guiding_principles', 'Guiding principles')], max_length=30, verbose_name='section')),
                    ('link', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='theory of change link')),
                    ('body', models.TextField(verbose_name='comment')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('author', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('consultation', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.consultation')),
                    ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.consultationcomment')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ConsultationEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('closes_on', models.DateField(verbose_name='closing date')),
                    ('message', models.TextField(blank=True, verbose_name='message to the partners')),
                    ('sections', models.JSONField(default=dict)),
                    ('links', models.JSONField(default=list)),
                    ('opened_at', models.DateTimeField(auto_now_add=True)),
                    ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed on')),
                    ('summary', models.TextField(blank=True, verbose_name='summary of the consultation')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('opened_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.consultation')),
                    ('version', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.agendaversion')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ConsultationResponse',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('section', models.CharField(choices=[('problem', 'Problem'), ('target_population', 'Target population'), ('territory', 'Territory'), ('vision', 'Vision of change'), ('long_term_outcomes', 'Long-term outcomes'), ('theory_of_change', 'Theory of change'), ('priorities', 'Strategic priorities'), ('guiding_principles', 'Guiding principles')], max_length=30, verbose_name='section')),
                    ('position', models.CharField(choices=[('agree', 'Agree'), ('reservation', 'Agree with reservations'), ('objection', 'Objection')], max_length=20, verbose_name='position')),
                    ('reason', models.TextField(blank=True, verbose_name='reason')),
                    ('on_behalf', models.BooleanField(default=False, help_text='Recorded by the coordination team, e.g. for a position given in a meeting.', verbose_name="recorded on the organization's behalf")),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('answer', models.TextField(blank=True, verbose_name='answer of the coordination team')),
                    ('answered_at', models.DateTimeField(blank=True, null=True)),
                    ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('consultation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='conditions.consultation')),
                    ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consultation_responses', to='coalitions.organization', verbose_name='organization')),
                    ('responded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'consultation response',
                    'verbose_name_plural': 'consultation responses',
                },
            ),
            migrations.CreateModel(
                name='ConsultationResponseEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('section', models.CharField(choices=[('problem', 'Problem'), ('target_population', 'Target population'), ('territory', 'Territory'), ('vision', 'Vision of change'), ('long_term_outcomes', 'Long-term outcomes'), ('theory_of_change', 'Theory of change'), ('priorities', 'Strategic priorities'), ('guiding_principles', 'Guiding principles')], max_length=30, verbose_name='section')),
                    ('position', models.CharField(choices=[('agree', 'Agree'), ('reservation', 'Agree with reservations'), ('objection', 'Objection')], max_length=20, verbose_name='position')),
                    ('reason', models.TextField(blank=True, verbose_name='reason')),
                    ('on_behalf', models.BooleanField(default=False, help_text='Recorded by the coordination team, e.g. for a position given in a meeting.', verbose_name="recorded on the organization's behalf")),
                    ('answer', models.TextField(blank=True, verbose_name='answer of the coordination team')),
                    ('answered_at', models.DateTimeField(blank=True, null=True)),
                    ('answered_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('consultation', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.consultation')),
                    ('organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='organization')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.consultationresponse')),
                    ('responded_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Endorsement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('comment', models.TextField(blank=True, verbose_name='comment')),
                    ('with_reservations', models.BooleanField(default=False, help_text='Check if the organization endorses the agenda with reservations; explain them in the comment.', verbose_name='with reservations')),
                    ('on_behalf', models.BooleanField(default=False, help_text='Recorded by the coordination team, e.g. for an endorsement given in a meeting.', verbose_name="recorded on the organization's behalf")),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='endorsed on')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_endorsements', to='coalitions.organization')),
                    ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='endorsements', to='conditions.agendaversion')),
                ],
                options={
                    'verbose_name': 'endorsement',
                    'verbose_name_plural': 'endorsements',
                },
            ),
            migrations.CreateModel(
                name='EndorsementEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('comment', models.TextField(blank=True, verbose_name='comment')),
                    ('with_reservations', models.BooleanField(default=False, help_text='Check if the organization endorses the agenda with reservations; explain them in the comment.', verbose_name='with reservations')),
                    ('on_behalf', models.BooleanField(default=False, help_text='Recorded by the coordination team, e.g. for an endorsement given in a meeting.', verbose_name="recorded on the organization's behalf")),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='endorsed on')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.endorsement')),
                    ('recorded_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ('version', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.agendaversion')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='EndorsementRequest',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('round', models.PositiveSmallIntegerField(default=0)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('emailed_at', models.DateTimeField(blank=True, null=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.organization')),
                    ('recipient', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('sent_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='requests', to='conditions.agendaversion')),
                ],
            ),
            migrations.CreateModel(
                name='EndorsementRequestEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('round', models.PositiveSmallIntegerField(default=0)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('emailed_at', models.DateTimeField(blank=True, null=True)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.endorsementrequest')),
                    ('recipient', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('sent_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('version', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.agendaversion')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Practice',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('message', 'Common message'), ('tool', 'Shared tool'), ('welcoming', 'Welcoming'), ('support', 'Support'), ('referral', 'Referral')], max_length=20, verbose_name='kind')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('library_item_ids', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveIntegerField(), blank=True, default=list, size=None, verbose_name='library resources')),
                    ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived on')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                ],
                options={
                    'verbose_name': 'shared practice',
                    'verbose_name_plural': 'shared practices',
                    'ordering': ['kind', 'title', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='PracticeAdoption',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('status', models.CharField(choices=[('not_started', 'Not started'), ('planned', 'Planned'), ('in_place', 'In place'), ('adapted', 'Adapted')], max_length=20, verbose_name='status')),
                    ('since', models.DateField(help_text='The day this status took effect, as near as you know.', verbose_name='since')),
                    ('note', models.TextField(blank=True, verbose_name='note')),
                    ('on_behalf', models.BooleanField(default=False, verbose_name="recorded on the organization's behalf")),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='practice_adoptions', to='coalitions.organization', verbose_name='organization')),
                    ('practice', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='adoptions', to='conditions.practice', verbose_name='practice')),
                    ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'practice adoption',
                    'verbose_name_plural': 'practice adoptions',
                },
            ),
            migrations.CreateModel(
                name='PracticeAdoptionEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('status', models.CharField(choices=[('not_started', 'Not started'), ('planned', 'Planned'), ('in_place', 'In place'), ('adapted', 'Adapted')], max_length=20, verbose_name='status')),
                    ('since', models.DateField(help_text='The day this status took effect, as near as you know.', verbose_name='since')),
                    ('note', models.TextField(blank=True, verbose_name='note')),
                    ('on_behalf', models.BooleanField(default=False, verbose_name="recorded on the organization's behalf")),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='organization')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.practiceadoption')),
                    ('practice', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.practice', verbose_name='practice')),
                    ('recorded_by', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='PracticeEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('kind', models.CharField(choices=[('message', 'Common message'), ('tool', 'Shared tool'), ('welcoming', 'Welcoming'), ('support', 'Support'), ('referral', 'Referral')], max_length=20, verbose_name='kind')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('library_item_ids', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveIntegerField(), blank=True, default=list, size=None, verbose_name='library resources')),
                    ('archived_at', models.DateTimeField(blank=True, null=True, verbose_name='archived on')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.practice')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Priority',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                ],
                options={
                    'verbose_name': 'priority',
                    'verbose_name_plural': 'priorities',
                    'ordering': ['position', 'pk'],
                },
            ),
            migrations.AddField(
                model_name='practice',
                name='priorities',
                field=models.ManyToManyField(blank=True, related_name='practices', to='conditions.priority', verbose_name='priorities'),
            ),
            migrations.AddField(
                model_name='action',
                name='priorities',
                field=models.ManyToManyField(related_name='actions', to='conditions.priority', verbose_name='priorities'),
            ),
            migrations.CreateModel(
                name='PriorityEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.priority')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ReferralPath',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('note', models.CharField(blank=True, max_length=300, verbose_name='how')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('from_organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='referrals_made', to='coalitions.organization', verbose_name='refers families')),
                    ('priority', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='referral_paths', to='conditions.priority', verbose_name='priority')),
                    ('to_organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='referrals_received', to='coalitions.organization', verbose_name='to')),
                ],
                options={
                    'verbose_name': 'referral path',
                    'verbose_name_plural': 'referral paths',
                },
            ),
            migrations.CreateModel(
                name='ReferralPathEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('note', models.CharField(blank=True, max_length=300, verbose_name='how')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('from_organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='refers families')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.referralpath')),
                    ('priority', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.priority', verbose_name='priority')),
                    ('to_organization', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='to')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='TheoryOfChangeLink',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='conditions.agendaversion')),
                ],
                options={
                    'verbose_name': 'theory of change link',
                    'verbose_name_plural': 'theory of change links',
                },
            ),
            migrations.CreateModel(
                name='TheoryOfChangeStatement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('strategy', 'Strategy'), ('intermediate', 'Intermediate outcome'), ('long_term', 'Long-term outcome')], max_length=20, verbose_name='kind')),
                    ('text', models.CharField(max_length=500, verbose_name='statement')),
                    ('position', models.PositiveIntegerField(default=0)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='statements', to='conditions.agendaversion')),
                ],
                options={
                    'verbose_name': 'theory of change statement',
                    'verbose_name_plural': 'theory of change statements',
                    'ordering': ['position', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='TheoryOfChangeLinkEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.theoryofchangelink')),
                    ('version', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.agendaversion')),
                    ('source', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.theoryofchangestatement')),
                    ('target', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.theoryofchangestatement')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.AddField(
                model_name='theoryofchangelink',
                name='source',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='outgoing', to='conditions.theoryofchangestatement'),
            ),
            migrations.AddField(
                model_name='theoryofchangelink',
                name='target',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='incoming', to='conditions.theoryofchangestatement'),
            ),
            migrations.CreateModel(
                name='TheoryOfChangeStatementEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('kind', models.CharField(choices=[('strategy', 'Strategy'), ('intermediate', 'Intermediate outcome'), ('long_term', 'Long-term outcome')], max_length=20, verbose_name='kind')),
                    ('text', models.CharField(max_length=500, verbose_name='statement')),
                    ('position', models.PositiveIntegerField(default=0)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='conditions.theoryofchangestatement')),
                    ('version', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.agendaversion')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.AddConstraint(
                model_name='actionplan',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='plan_end_after_start'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='actionplan',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_actionplanevent" ("coalition_id", "created_at", "description", "end_date", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_date", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."description", NEW."end_date", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."start_date", NEW."title"); RETURN NULL;', hash='12da8133bf211f462f834dfbe8c3b5e8a53912f2', operation='INSERT', pgid='pgtrigger_insert_insert_6e134', table='conditions_actionplan', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='actionplan',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_actionplanevent" ("coalition_id", "created_at", "description", "end_date", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_date", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."description", NEW."end_date", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."start_date", NEW."title"); RETURN NULL;', hash='eccded85794bae68c30e2f3b436d9b1d667de505', operation='UPDATE', pgid='pgtrigger_update_update_bb0ea', table='conditions_actionplan', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='actionplan',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_actionplanevent" ("coalition_id", "created_at", "description", "end_date", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "start_date", "title") VALUES (OLD."coalition_id", OLD."created_at", OLD."description", OLD."end_date", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."start_date", OLD."title"); RETURN NULL;', hash='9a74e7c037bd7f80820b2ae21981300e35498345', operation='DELETE', pgid='pgtrigger_delete_delete_ac80a', table='conditions_actionplan', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='actionevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_09392f_idx'),
            ),
            migrations.AddIndex(
                model_name='actionplanevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_f58f99_idx'),
            ),
            migrations.AddIndex(
                model_name='activity',
                index=models.Index(fields=['coalition', 'date'], name='activity_coalition_date'),
            ),
            migrations.AddConstraint(
                model_name='activity',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('date')), _connector='OR'), name='activity_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='activity',
                constraint=models.CheckConstraint(condition=models.Q(('cost__gte', 0), ('hours__gte', 0)), name='activity_not_negative'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='activity',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_activityevent" ("action_id", "attachment", "coalition_id", "cost", "created_at", "created_by_id", "date", "description", "end_date", "families_reached", "hours", "id", "organization_id", "people_reached", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."action_id", NEW."attachment", NEW."coalition_id", NEW."cost", NEW."created_at", NEW."created_by_id", NEW."date", NEW."description", NEW."end_date", NEW."families_reached", NEW."hours", NEW."id", NEW."organization_id", NEW."people_reached", _pgh_attach_context(), NOW(), \'insert\', NEW."id"); RETURN NULL;', hash='e736d5c7399413ee80d181b0f50308820ddd2155', operation='INSERT', pgid='pgtrigger_insert_insert_3b2a9', table='conditions_activity', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='activity',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_activityevent" ("action_id", "attachment", "coalition_id", "cost", "created_at", "created_by_id", "date", "description", "end_date", "families_reached", "hours", "id", "organization_id", "people_reached", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."action_id", NEW."attachment", NEW."coalition_id", NEW."cost", NEW."created_at", NEW."created_by_id", NEW."date", NEW."description", NEW."end_date", NEW."families_reached", NEW."hours", NEW."id", NEW."organization_id", NEW."people_reached", _pgh_attach_context(), NOW(), \'update\', NEW."id"); RETURN NULL;', hash='62298df661754539acf32523dc52abc159154542', operation='UPDATE', pgid='pgtrigger_update_update_4ac9a', table='conditions_activity', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='activity',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_activityevent" ("action_id", "attachment", "coalition_id", "cost", "created_at", "created_by_id", "date", "description", "end_date", "families_reached", "hours", "id", "organization_id", "people_reached", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (OLD."action_id", OLD."attachment", OLD."coalition_id", OLD."cost", OLD."created_at", OLD."created_by_id", OLD."date", OLD."description", OLD."end_date", OLD."families_reached", OLD."hours", OLD."id", OLD."organization_id", OLD."people_reached", _pgh_attach_context(), NOW(), \'delete\', OLD."id"); RETURN NULL;', hash='09cb67f01c2f91303e3cc8e7b943d416f9bbd1d1', operation='DELETE', pgid='pgtrigger_delete_delete_59fed', table='conditions_activity', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='activityevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_967e6c_idx'),
            ),
            migrations.AddConstraint(
                model_name='agendaversion',
                constraint=models.UniqueConstraint(models.F('coalition'), models.F('number'), name='agenda_version_unique_number'),
            ),
            migrations.AddConstraint(
                model_name='agendaversion',
                constraint=models.UniqueConstraint(models.F('coalition'), condition=models.Q(('number__isnull', True)), name='agenda_version_one_draft'),
            ),
            migrations.AddConstraint(
                model_name='agendaversion',
                constraint=models.CheckConstraint(condition=models.Q(('number__isnull', True), ('published_at__isnull', False), _connector='OR'), name='agenda_version_published_at'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='agendaversion',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_agendaversionevent" ("change_summary", "coalition_id", "created_at", "guiding_principles", "id", "long_term_outcomes", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priorities_snapshot", "problem", "published_at", "published_by_id", "target_population", "territory", "vision") VALUES (NEW."change_summary", NEW."coalition_id", NEW."created_at", NEW."guiding_principles", NEW."id", NEW."long_term_outcomes", NEW."number", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."priorities_snapshot", NEW."problem", NEW."published_at", NEW."published_by_id", NEW."target_population", NEW."territory", NEW."vision"); RETURN NULL;', hash='1f60a946ec70a39c4feeab7a14fb9a301df37b29', operation='INSERT', pgid='pgtrigger_insert_insert_0323d', table='conditions_agendaversion', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='agendaversion',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."change_summary" IS DISTINCT FROM (NEW."change_summary") OR OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."guiding_principles" IS DISTINCT FROM (NEW."guiding_principles") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."long_term_outcomes" IS DISTINCT FROM (NEW."long_term_outcomes") OR OLD."number" IS DISTINCT FROM (NEW."number") OR OLD."priorities_snapshot" IS DISTINCT FROM (NEW."priorities_snapshot") OR OLD."problem" IS DISTINCT FROM (NEW."problem") OR OLD."published_at" IS DISTINCT FROM (NEW."published_at") OR OLD."published_by_id" IS DISTINCT FROM (NEW."published_by_id") OR OLD."target_population" IS DISTINCT FROM (NEW."target_population") OR OLD."territory" IS DISTINCT FROM (NEW."territory") OR OLD."vision" IS DISTINCT FROM (NEW."vision"))', func='INSERT INTO "conditions_agendaversionevent" ("change_summary", "coalition_id", "created_at", "guiding_principles", "id", "long_term_outcomes", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priorities_snapshot", "problem", "published_at", "published_by_id", "target_population", "territory", "vision") VALUES (NEW."change_summary", NEW."coalition_id", NEW."created_at", NEW."guiding_principles", NEW."id", NEW."long_term_outcomes", NEW."number", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."priorities_snapshot", NEW."problem", NEW."published_at", NEW."published_by_id", NEW."target_population", NEW."territory", NEW."vision"); RETURN NULL;', hash='e6385c4c496b85b6ce1639ca58012b74ee87e430', operation='UPDATE', pgid='pgtrigger_update_update_2d996', table='conditions_agendaversion', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='agendaversion',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_agendaversionevent" ("change_summary", "coalition_id", "created_at", "guiding_principles", "id", "long_term_outcomes", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priorities_snapshot", "problem", "published_at", "published_by_id", "target_population", "territory", "vision") VALUES (OLD."change_summary", OLD."coalition_id", OLD."created_at", OLD."guiding_principles", OLD."id", OLD."long_term_outcomes", OLD."number", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."priorities_snapshot", OLD."problem", OLD."published_at", OLD."published_by_id", OLD."target_population", OLD."territory", OLD."vision"); RETURN NULL;', hash='5925d75ea6f62f09828b5172469b0118740b9d90', operation='DELETE', pgid='pgtrigger_delete_delete_88e57', table='conditions_agendaversion', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='agendaversionevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_691919_idx'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultation',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_consultationevent" ("closed_at", "closes_on", "coalition_id", "id", "links", "message", "opened_at", "opened_by_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "sections", "summary", "version_id") VALUES (NEW."closed_at", NEW."closes_on", NEW."coalition_id", NEW."id", NEW."links", NEW."message", NEW."opened_at", NEW."opened_by_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."sections", NEW."summary", NEW."version_id"); RETURN NULL;', hash='35e7f31b923416efa9145a07d1ff6ad5014e5cf4', operation='INSERT', pgid='pgtrigger_insert_insert_61a5c', table='conditions_consultation', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultation',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."closed_at" IS DISTINCT FROM (NEW."closed_at") OR OLD."closes_on" IS DISTINCT FROM (NEW."closes_on") OR OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."links" IS DISTINCT FROM (NEW."links") OR OLD."message" IS DISTINCT FROM (NEW."message") OR OLD."opened_at" IS DISTINCT FROM (NEW."opened_at") OR OLD."opened_by_id" IS DISTINCT FROM (NEW."opened_by_id") OR OLD."sections" IS DISTINCT FROM (NEW."sections") OR OLD."summary" IS DISTINCT FROM (NEW."summary") OR OLD."version_id" IS DISTINCT FROM (NEW."version_id"))', func='INSERT INTO "conditions_consultationevent" ("closed_at", "closes_on", "coalition_id", "id", "links", "message", "opened_at", "opened_by_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "sections", "summary", "version_id") VALUES (NEW."closed_at", NEW."closes_on", NEW."coalition_id", NEW."id", NEW."links", NEW."message", NEW."opened_at", NEW."opened_by_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."sections", NEW."summary", NEW."version_id"); RETURN NULL;', hash='5ef7aa692fcc150a079a77aab941d50575463fbb', operation='UPDATE', pgid='pgtrigger_update_update_4cae3', table='conditions_consultation', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultation',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_consultationevent" ("closed_at", "closes_on", "coalition_id", "id", "links", "message", "opened_at", "opened_by_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "sections", "summary", "version_id") VALUES (OLD."closed_at", OLD."closes_on", OLD."coalition_id", OLD."id", OLD."links", OLD."message", OLD."opened_at", OLD."opened_by_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."sections", OLD."summary", OLD."version_id"); RETURN NULL;', hash='d41ef44e513dbbc8b1221370a415dbcb191f9785', operation='DELETE', pgid='pgtrigger_delete_delete_67baf', table='conditions_consultation', when='AFTER')),
            ),
            migrations.AddConstraint(
                model_name='consultationcomment',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('section', ''), ('link__isnull', False)), models.Q(models.Q(('section', ''), _negated=True), ('link__isnull', True)), _connector='OR'), name='consultation_comment_on_one_thing'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultationcomment',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_consultationcommentevent" ("author_id", "body", "coalition_id", "consultation_id", "created_at", "id", "link", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "section") VALUES (NEW."author_id", NEW."body", NEW."coalition_id", NEW."consultation_id", NEW."created_at", NEW."id", NEW."link", NEW."organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."section"); RETURN NULL;', hash='4073ce355f0b2bcf2637469103f986d0abb31880', operation='INSERT', pgid='pgtrigger_insert_insert_4f057', table='conditions_consultationcomment', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultationcomment',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_consultationcommentevent" ("author_id", "body", "coalition_id", "consultation_id", "created_at", "id", "link", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "section") VALUES (NEW."author_id", NEW."body", NEW."coalition_id", NEW."consultation_id", NEW."created_at", NEW."id", NEW."link", NEW."organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."section"); RETURN NULL;', hash='61b74dd908daac2e13ca41e45a8a1e58ae1b39ff', operation='UPDATE', pgid='pgtrigger_update_update_56d17', table='conditions_consultationcomment', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultationcomment',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_consultationcommentevent" ("author_id", "body", "coalition_id", "consultation_id", "created_at", "id", "link", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "section") VALUES (OLD."author_id", OLD."body", OLD."coalition_id", OLD."consultation_id", OLD."created_at", OLD."id", OLD."link", OLD."organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."section"); RETURN NULL;', hash='72f317cf14a2830b85b148dd245c4116008770ac', operation='DELETE', pgid='pgtrigger_delete_delete_18224', table='conditions_consultationcomment', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='consultationcommentevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_a520b8_idx'),
            ),
            migrations.AddIndex(
                model_name='consultationevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_8a2da3_idx'),
            ),
            migrations.AddConstraint(
                model_name='consultationresponse',
                constraint=models.UniqueConstraint(models.F('consultation'), models.F('organization'), models.F('section'), name='consultation_response_once'),
            ),
            migrations.AddConstraint(
                model_name='consultationresponse',
                constraint=models.CheckConstraint(condition=models.Q(('position', 'agree'), models.Q(('reason', ''), _negated=True), _connector='OR'), name='consultation_response_reason'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultationresponse',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_consultationresponseevent" ("answer", "answered_at", "answered_by_id", "coalition_id", "consultation_id", "id", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "reason", "responded_by_id", "section") VALUES (NEW."answer", NEW."answered_at", NEW."answered_by_id", NEW."coalition_id", NEW."consultation_id", NEW."id", NEW."on_behalf", NEW."organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."position", NEW."reason", NEW."responded_by_id", NEW."section"); RETURN NULL;', hash='02a5ebc7d2ca11c8b84754542cd690a19bef59b3', operation='INSERT', pgid='pgtrigger_insert_insert_67915', table='conditions_consultationresponse', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultationresponse',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."answer" IS DISTINCT FROM (NEW."answer") OR OLD."answered_at" IS DISTINCT FROM (NEW."answered_at") OR OLD."answered_by_id" IS DISTINCT FROM (NEW."answered_by_id") OR OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."consultation_id" IS DISTINCT FROM (NEW."consultation_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."on_behalf" IS DISTINCT FROM (NEW."on_behalf") OR OLD."organization_id" IS DISTINCT FROM (NEW."organization_id") OR OLD."position" IS DISTINCT FROM (NEW."position") OR OLD."reason" IS DISTINCT FROM (NEW."reason") OR OLD."responded_by_id" IS DISTINCT FROM (NEW."responded_by_id") OR OLD."section" IS DISTINCT FROM (NEW."section"))', func='INSERT INTO "conditions_consultationresponseevent" ("answer", "answered_at", "answered_by_id", "coalition_id", "consultation_id", "id", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "reason", "responded_by_id", "section") VALUES (NEW."answer", NEW."answered_at", NEW."answered_by_id", NEW."coalition_id", NEW."consultation_id", NEW."id", NEW."on_behalf", NEW."organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."position", NEW."reason", NEW."responded_by_id", NEW."section"); RETURN NULL;', hash='90e75d00ed3dbd6360985dc0bda25f1a280f94ff', operation='UPDATE', pgid='pgtrigger_update_update_9cdde', table='conditions_consultationresponse', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consultationresponse',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_consultationresponseevent" ("answer", "answered_at", "answered_by_id", "coalition_id", "consultation_id", "id", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "reason", "responded_by_id", "section") VALUES (OLD."answer", OLD."answered_at", OLD."answered_by_id", OLD."coalition_id", OLD."consultation_id", OLD."id", OLD."on_behalf", OLD."organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."position", OLD."reason", OLD."responded_by_id", OLD."section"); RETURN NULL;', hash='ac1cfca8c60b733b4744fbe05cabc190f2d95b46', operation='DELETE', pgid='pgtrigger_delete_delete_76005', table='conditions_consultationresponse', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='consultationresponseevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_415d9d_idx'),
            ),
            migrations.AddConstraint(
                model_name='endorsement',
                constraint=models.UniqueConstraint(models.F('version'), models.F('organization'), name='endorsement_one_per_version'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='endorsement',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_endorsementevent" ("coalition_id", "comment", "created_at", "id", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_by_id", "version_id", "with_reservations") VALUES (NEW."coalition_id", NEW."comment", NEW."created_at", NEW."id", NEW."on_behalf", NEW."organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."recorded_by_id", NEW."version_id", NEW."with_reservations"); RETURN NULL;', hash='91e250d1f43532f3bb76f2fd345a2b500625739f', operation='INSERT', pgid='pgtrigger_insert_insert_c2a80', table='conditions_endorsement', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='endorsement',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_endorsementevent" ("coalition_id", "comment", "created_at", "id", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_by_id", "version_id", "with_reservations") VALUES (NEW."coalition_id", NEW."comment", NEW."created_at", NEW."id", NEW."on_behalf", NEW."organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."recorded_by_id", NEW."version_id", NEW."with_reservations"); RETURN NULL;', hash='9515fb17a9e327d244b8f3641c75a54bba27fff9', operation='UPDATE', pgid='pgtrigger_update_update_f148c', table='conditions_endorsement', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='endorsement',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_endorsementevent" ("coalition_id", "comment", "created_at", "id", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_by_id", "version_id", "with_reservations") VALUES (OLD."coalition_id", OLD."comment", OLD."created_at", OLD."id", OLD."on_behalf", OLD."organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."recorded_by_id", OLD."version_id", OLD."with_reservations"); RETURN NULL;', hash='0594830310348f320a3736e95a3e0d436cc80820', operation='DELETE', pgid='pgtrigger_delete_delete_b8eb1', table='conditions_endorsement', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='endorsementevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_5a45e0_idx'),
            ),
            migrations.AddConstraint(
                model_name='endorsementrequest',
                constraint=models.UniqueConstraint(models.F('version'), models.F('organization'), models.F('recipient'), models.F('round'), name='endorsement_request_once_per_round', nulls_distinct=False),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='endorsementrequest',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_endorsementrequestevent" ("coalition_id", "created_at", "emailed_at", "id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recipient_id", "round", "sent_by_id", "version_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."emailed_at", NEW."id", NEW."organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."recipient_id", NEW."round", NEW."sent_by_id", NEW."version_id"); RETURN NULL;', hash='435480b98ae75fe448855edc7c11af643f2f733a', operation='INSERT', pgid='pgtrigger_insert_insert_5e0e0', table='conditions_endorsementrequest', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='endorsementrequest',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_endorsementrequestevent" ("coalition_id", "created_at", "emailed_at", "id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recipient_id", "round", "sent_by_id", "version_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."emailed_at", NEW."id", NEW."organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."recipient_id", NEW."round", NEW."sent_by_id", NEW."version_id"); RETURN NULL;', hash='5ef7a1136c6abc682f9e839d5b6e5259cbed6c3a', operation='UPDATE', pgid='pgtrigger_update_update_77703', table='conditions_endorsementrequest', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='endorsementrequest',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_endorsementrequestevent" ("coalition_id", "created_at", "emailed_at", "id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recipient_id", "round", "sent_by_id", "version_id") VALUES (OLD."coalition_id", OLD."created_at", OLD."emailed_at", OLD."id", OLD."organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."recipient_id", OLD."round", OLD."sent_by_id", OLD."version_id"); RETURN NULL;', hash='906cc9b88b503a9b0ecf2a4af6b1ab9003c1b356', operation='DELETE', pgid='pgtrigger_delete_delete_7100c', table='conditions_endorsementrequest', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='endorsementrequestevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_7a681e_idx'),
            ),
            migrations.AddConstraint(
                model_name='practiceadoption',
                constraint=models.UniqueConstraint(models.F('practice'), models.F('organization'), name='practice_adoption_once'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='practiceadoption',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_practiceadoptionevent" ("coalition_id", "id", "note", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "practice_id", "recorded_by_id", "since", "status") VALUES (NEW."coalition_id", NEW."id", NEW."note", NEW."on_behalf", NEW."organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."practice_id", NEW."recorded_by_id", NEW."since", NEW."status"); RETURN NULL;', hash='e35d11bbbd831511d31d005545e3190c12faabbb', operation='INSERT', pgid='pgtrigger_insert_insert_c211c', table='conditions_practiceadoption', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='practiceadoption',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."note" IS DISTINCT FROM (NEW."note") OR OLD."on_behalf" IS DISTINCT FROM (NEW."on_behalf") OR OLD."organization_id" IS DISTINCT FROM (NEW."organization_id") OR OLD."practice_id" IS DISTINCT FROM (NEW."practice_id") OR OLD."recorded_by_id" IS DISTINCT FROM (NEW."recorded_by_id") OR OLD."since" IS DISTINCT FROM (NEW."since") OR OLD."status" IS DISTINCT FROM (NEW."status"))', func='INSERT INTO "conditions_practiceadoptionevent" ("coalition_id", "id", "note", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "practice_id", "recorded_by_id", "since", "status") VALUES (NEW."coalition_id", NEW."id", NEW."note", NEW."on_behalf", NEW."organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."practice_id", NEW."recorded_by_id", NEW."since", NEW."status"); RETURN NULL;', hash='d3573a1529a4e7777baedc6355cfaded0a023512', operation='UPDATE', pgid='pgtrigger_update_update_6bfd5', table='conditions_practiceadoption', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='practiceadoption',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_practiceadoptionevent" ("coalition_id", "id", "note", "on_behalf", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "practice_id", "recorded_by_id", "since", "status") VALUES (OLD."coalition_id", OLD."id", OLD."note", OLD."on_behalf", OLD."organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."practice_id", OLD."recorded_by_id", OLD."since", OLD."status"); RETURN NULL;', hash='5a14b0476006a6afee6584adc53703ee0124f6cf', operation='DELETE', pgid='pgtrigger_delete_delete_d6fa4', table='conditions_practiceadoption', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='practiceadoptionevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_973133_idx'),
            ),
            migrations.AddIndex(
                model_name='practiceevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_8f2213_idx'),
            ),
            migrations.AddConstraint(
                model_name='priority',
                constraint=models.UniqueConstraint(models.F('coalition'), django.db.models.functions.text.Lower('title'), name='priority_unique_title'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='priority',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_priorityevent" ("coalition_id", "created_at", "description", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."description", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."position", NEW."title"); RETURN NULL;', hash='c0c2a5d3bdb9b75d1e109c9176c3ba5818d80c2b', operation='INSERT', pgid='pgtrigger_insert_insert_b6144', table='conditions_priority', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='priority',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_priorityevent" ("coalition_id", "created_at", "description", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."description", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."position", NEW."title"); RETURN NULL;', hash='00a7818885b2fa0ba074d97f032a0ab9ff866a58', operation='UPDATE', pgid='pgtrigger_update_update_fbabe', table='conditions_priority', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='priority',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_priorityevent" ("coalition_id", "created_at", "description", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "title") VALUES (OLD."coalition_id", OLD."created_at", OLD."description", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."position", OLD."title"); RETURN NULL;', hash='672da3c1f32d20506f9cdd4223bc09ea9f561cf3', operation='DELETE', pgid='pgtrigger_delete_delete_d182c', table='conditions_priority', when='AFTER')),
            ),
            migrations.AddConstraint(
                model_name='practice',
                constraint=models.UniqueConstraint(models.F('coalition'), django.db.models.functions.text.Lower('title'), name='practice_unique_title'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='practice',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_practiceevent" ("archived_at", "coalition_id", "created_at", "description", "id", "kind", "library_item_ids", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "title") VALUES (NEW."archived_at", NEW."coalition_id", NEW."created_at", NEW."description", NEW."id", NEW."kind", NEW."library_item_ids", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."title"); RETURN NULL;', hash='2a1044ca2c85ec060955f6db9012ef8af9d869a4', operation='INSERT', pgid='pgtrigger_insert_insert_73fd3', table='conditions_practice', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='practice',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."archived_at" IS DISTINCT FROM (NEW."archived_at") OR OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."library_item_ids" IS DISTINCT FROM (NEW."library_item_ids") OR OLD."title" IS DISTINCT FROM (NEW."title"))', func='INSERT INTO "conditions_practiceevent" ("archived_at", "coalition_id", "created_at", "description", "id", "kind", "library_item_ids", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "title") VALUES (NEW."archived_at", NEW."coalition_id", NEW."created_at", NEW."description", NEW."id", NEW."kind", NEW."library_item_ids", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."title"); RETURN NULL;', hash='7584ced1df616c8e3f1f1c7f65c675e945ca5611', operation='UPDATE', pgid='pgtrigger_update_update_b435f', table='conditions_practice', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='practice',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_practiceevent" ("archived_at", "coalition_id", "created_at", "description", "id", "kind", "library_item_ids", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "title") VALUES (OLD."archived_at", OLD."coalition_id", OLD."created_at", OLD."description", OLD."id", OLD."kind", OLD."library_item_ids", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."title"); RETURN NULL;', hash='e48251b4d4cd8973e669d5ed1657e177402832d5', operation='DELETE', pgid='pgtrigger_delete_delete_87eb9', table='conditions_practice', when='AFTER')),
            ),
            migrations.AddConstraint(
                model_name='action',
                constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='action_end_after_start'),
            ),
            migrations.AddConstraint(
                model_name='action',
                constraint=models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='action_progress_percent'),
            ),
            migrations.AddConstraint(
                model_name='action',
                constraint=models.CheckConstraint(condition=models.Q(('planned_budget__gte', 0), ('spent_budget__gte', 0)), name='action_budget_not_negative'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='action',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_actionevent" ("coalition_id", "created_at", "description", "end_date", "expected_results", "id", "lead_organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "planned_budget", "progress", "proposed_by_id", "review_note", "review_status", "spent_budget", "start_date", "status", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."description", NEW."end_date", NEW."expected_results", NEW."id", NEW."lead_organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."plan_id", NEW."planned_budget", NEW."progress", NEW."proposed_by_id", NEW."review_note", NEW."review_status", NEW."spent_budget", NEW."start_date", NEW."status", NEW."title"); RETURN NULL;', hash='9c0ccb7c9d4925da00f2079a90dbab8a6a147a14', operation='INSERT', pgid='pgtrigger_insert_insert_c2100', table='conditions_action', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='action',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_actionevent" ("coalition_id", "created_at", "description", "end_date", "expected_results", "id", "lead_organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "planned_budget", "progress", "proposed_by_id", "review_note", "review_status", "spent_budget", "start_date", "status", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."description", NEW."end_date", NEW."expected_results", NEW."id", NEW."lead_organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."plan_id", NEW."planned_budget", NEW."progress", NEW."proposed_by_id", NEW."review_note", NEW."review_status", NEW."spent_budget", NEW."start_date", NEW."status", NEW."title"); RETURN NULL;', hash='33c832f6284bb1b651d8a53300935e96f8bfa652', operation='UPDATE', pgid='pgtrigger_update_update_62bb4', table='conditions_action', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='action',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_actionevent" ("coalition_id", "created_at", "description", "end_date", "expected_results", "id", "lead_organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "plan_id", "planned_budget", "progress", "proposed_by_id", "review_note", "review_status", "spent_budget", "start_date", "status", "title") VALUES (OLD."coalition_id", OLD."created_at", OLD."description", OLD."end_date", OLD."expected_results", OLD."id", OLD."lead_organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."plan_id", OLD."planned_budget", OLD."progress", OLD."proposed_by_id", OLD."review_note", OLD."review_status", OLD."spent_budget", OLD."start_date", OLD."status", OLD."title"); RETURN NULL;', hash='7b87cdda4872145857dcfa450a9ef856274d2c9b', operation='DELETE', pgid='pgtrigger_delete_delete_6b383', table='conditions_action', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='priorityevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_3d5be4_idx'),
            ),
            migrations.AddConstraint(
                model_name='referralpath',
                constraint=models.UniqueConstraint(models.F('priority'), models.F('from_organization'), models.F('to_organization'), name='referral_path_once'),
            ),
            migrations.AddConstraint(
                model_name='referralpath',
                constraint=models.CheckConstraint(condition=models.Q(('from_organization', models.F('to_organization')), _negated=True), name='referral_path_not_to_itself', violation_error_message='An organization does not refer families to itself.'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='referralpath',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_referralpathevent" ("coalition_id", "created_at", "from_organization_id", "id", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority_id", "to_organization_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."from_organization_id", NEW."id", NEW."note", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."priority_id", NEW."to_organization_id"); RETURN NULL;', hash='27edec727f9baa6258ee97efe44208d96477fb7b', operation='INSERT', pgid='pgtrigger_insert_insert_314aa', table='conditions_referralpath', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='referralpath',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_referralpathevent" ("coalition_id", "created_at", "from_organization_id", "id", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority_id", "to_organization_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."from_organization_id", NEW."id", NEW."note", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."priority_id", NEW."to_organization_id"); RETURN NULL;', hash='931eee6e2eb9dd1cad5b9988474807aef7e1ad46', operation='UPDATE', pgid='pgtrigger_update_update_1fda5', table='conditions_referralpath', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='referralpath',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_referralpathevent" ("coalition_id", "created_at", "from_organization_id", "id", "note", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "priority_id", "to_organization_id") VALUES (OLD."coalition_id", OLD."created_at", OLD."from_organization_id", OLD."id", OLD."note", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."priority_id", OLD."to_organization_id"); RETURN NULL;', hash='7ab07ab0a8c12556a2ba46cc6e4b73149c804412', operation='DELETE', pgid='pgtrigger_delete_delete_0d85e', table='conditions_referralpath', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='referralpathevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_856e93_idx'),
            ),
            migrations.AddConstraint(
                model_name='theoryofchangestatement',
                constraint=models.UniqueConstraint(models.F('version'), models.F('kind'), models.F('text'), name='statement_unique_per_version'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='theoryofchangestatement',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_theoryofchangestatementevent" ("coalition_id", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "text", "version_id") VALUES (NEW."coalition_id", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."position", NEW."text", NEW."version_id"); RETURN NULL;', hash='f682e047e9ac95c441effb548b72aca9d8c21c23', operation='INSERT', pgid='pgtrigger_insert_insert_f05a5', table='conditions_theoryofchangestatement', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='theoryofchangestatement',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_theoryofchangestatementevent" ("coalition_id", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "text", "version_id") VALUES (NEW."coalition_id", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."position", NEW."text", NEW."version_id"); RETURN NULL;', hash='11a123e817e48adf04ca7b2a1b13c68bd3fa6732', operation='UPDATE', pgid='pgtrigger_update_update_0b42b', table='conditions_theoryofchangestatement', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='theoryofchangestatement',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_theoryofchangestatementevent" ("coalition_id", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "text", "version_id") VALUES (OLD."coalition_id", OLD."id", OLD."kind", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."position", OLD."text", OLD."version_id"); RETURN NULL;', hash='5e1d1a550baaa2388590e2d3cc5c2fc2e26b16f9', operation='DELETE', pgid='pgtrigger_delete_delete_5aee2', table='conditions_theoryofchangestatement', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='theoryofchangelinkevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_ffe44d_idx'),
            ),
            migrations.AddConstraint(
                model_name='theoryofchangelink',
                constraint=models.UniqueConstraint(models.F('source'), models.F('target'), name='link_unique'),
            ),
            migrations.AddConstraint(
                model_name='theoryofchangelink',
                constraint=models.CheckConstraint(condition=models.Q(('source', models.F('target')), _negated=True), name='link_not_to_itself'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='theoryofchangelink',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_theoryofchangelinkevent" ("coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id", "version_id") VALUES (NEW."coalition_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."source_id", NEW."target_id", NEW."version_id"); RETURN NULL;', hash='d1d0c832a91ce3772d014cff6c6a934285e5ae99', operation='INSERT', pgid='pgtrigger_insert_insert_108ea', table='conditions_theoryofchangelink', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='theoryofchangelink',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "conditions_theoryofchangelinkevent" ("coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id", "version_id") VALUES (NEW."coalition_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."source_id", NEW."target_id", NEW."version_id"); RETURN NULL;', hash='c52b48fcf8cfe712e7994bab728d5752d5dc1848', operation='UPDATE', pgid='pgtrigger_update_update_d42f2', table='conditions_theoryofchangelink', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='theoryofchangelink',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "conditions_theoryofchangelinkevent" ("coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "source_id", "target_id", "version_id") VALUES (OLD."coalition_id", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."source_id", OLD."target_id", OLD."version_id"); RETURN NULL;', hash='d950284ee584fb8e6ed07a55fd5d164694452fa1', operation='DELETE', pgid='pgtrigger_delete_delete_dfe4f', table='conditions_theoryofchangelink', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='theoryofchangestatementevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='conditions__coaliti_9069c6_idx'),
            ),
        ]),
    ]
