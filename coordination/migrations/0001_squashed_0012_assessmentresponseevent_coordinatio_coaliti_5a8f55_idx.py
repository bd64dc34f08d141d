# Squashed on 2026-12-01: the schema of the migrations it replaces, made in one step by
# SquashedSchema (coalitions/migration_ops.py). The replaced migrations stay until every
# database has applied them; a new database runs only this one.

from coalitions.migration_ops import SquashedSchema
from django.conf import settings
from django.db import migrations, models
import coordination.models.backbone
import django.contrib.postgres.fields
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
import uuid


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('coordination', '0001_initial'),
        ('coordination', '0002_followups'),
        ('coordination', '0003_calendar_feed'),
        ('coordination', '0004_decision_action'),
        ('coordination', '0005_reminder_delivery'),
        ('coordination', '0006_undelivered_claims_index'),
        ('coordination', '0007_revoke_feeds_of_inactive_members'),
        ('coordination', '0008_notification_not_emailed_index'),
        ('coordination', '0009_audit_trail_index'),
        ('coordination', '0009_consultation_notifications'),
        ('coordination', '0009_normalize_stored_texts'),
        ('coordination', '0010_assessment_answered_by_people'),
        ('coordination', '0010_merge_20261201_0606'),
        ('coordination', '0011_merge_20261201_0627'),
        ('coordination', '0012_assessmentresponseevent_coordinatio_coaliti_5a8f55_idx'),
    ]

    dependencies = [
        ('coalitions', '0001_squashed_0016_export_jobs'),
        ('conditions', '0001_squashed_0007_practiceadoptionevent_conditions__coaliti_973133_idx_and_more'),
        ('pghistory', '0007_auto_20250421_0444'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('indicators', '0001_squashed_0013_merge_20261201_0908'),
    ]

    operations = [
        SquashedSchema(operations=[
            migrations.CreateModel(
                name='CommentEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('body', models.TextField(verbose_name='comment')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('edited_at', models.DateTimeField(blank=True, null=True)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Decision',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveIntegerField(verbose_name='number')),
                    ('text', models.TextField(verbose_name='decision')),
                ],
                options={
                    'verbose_name': 'decision',
                    'verbose_name_plural': 'decisions',
                    'ordering': ['meeting', 'number'],
                },
            ),
            migrations.CreateModel(
                name='DecisionEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('number', models.PositiveIntegerField(verbose_name='number')),
                    ('text', models.TextField(verbose_name='decision')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='FollowUp',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('what', models.CharField(max_length=300, verbose_name='what')),
                    ('due_on', models.DateField(verbose_name='due date')),
                    ('status', models.CharField(choices=[('open', 'To do'), ('in_progress', 'In progress'), ('done', 'Done')], default='open', max_length=20, verbose_name='status')),
                    ('done_at', models.DateTimeField(blank=True, null=True)),
                ],
                options={
                    'verbose_name': 'follow-up',
                    'verbose_name_plural': 'follow-ups',
                    'ordering': ['due_on', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='FollowUpEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('what', models.CharField(max_length=300, verbose_name='what')),
                    ('due_on', models.DateField(verbose_name='due date')),
                    ('status', models.CharField(choices=[('open', 'To do'), ('in_progress', 'In progress'), ('done', 'Done')], default='open', max_length=20, verbose_name='status')),
                    ('done_at', models.DateTimeField(blank=True, null=True)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='GovernanceBody',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('kind', models.CharField(choices=[('steering_committee', 'Steering committee'), ('working_group', 'Working group'), ('other', 'Other')], default='working_group', max_length=30, verbose_name='kind')),
                    ('mandate', models.TextField(blank=True, help_text='What the body is responsible for.', verbose_name='mandate')),
                ],
                options={
                    'verbose_name': 'governance body',
                    'verbose_name_plural': 'governance bodies',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='GovernanceBodyEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('kind', models.CharField(choices=[('steering_committee', 'Steering committee'), ('working_group', 'Working group'), ('other', 'Other')], default='working_group', max_length=30, verbose_name='kind')),
                    ('mandate', models.TextField(blank=True, help_text='What the body is responsible for.', verbose_name='mandate')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Invitee',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('rsvp', models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No'), ('maybe', 'Maybe')], max_length=10, verbose_name='answer')),
                    ('responded_at', models.DateTimeField(blank=True, null=True)),
                    ('attended', models.BooleanField(null=True, verbose_name='attended')),
                ],
                options={
                    'verbose_name': 'invited person',
                    'verbose_name_plural': 'invited people',
                },
            ),
            migrations.CreateModel(
                name='InviteeEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('rsvp', models.CharField(blank=True, choices=[('yes', 'Yes'), ('no', 'No'), ('maybe', 'Maybe')], max_length=10, verbose_name='answer')),
                    ('responded_at', models.DateTimeField(blank=True, null=True)),
                    ('attended', models.BooleanField(null=True, verbose_name='attended')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='LibraryItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('kind', models.CharField(choices=[('document', 'Document'), ('link', 'Link'), ('tool', 'Tool')], default='document', max_length=10, verbose_name='kind')),
                    ('condition', models.PositiveSmallIntegerField(choices=[(1, 'Common agenda'), (2, 'Mutually reinforcing activities'), (3, 'Shared measurement'), (4, 'Continuous communication'), (5, 'Backbone support')], verbose_name='condition')),
                    ('tags', models.CharField(blank=True, help_text='Separated by commas.', max_length=300, verbose_name='tags')),
                    ('file', models.FileField(blank=True, max_length=300, upload_to=coordination.models.backbone.library_upload_to, verbose_name='file')),
                    ('url', models.URLField(blank=True, verbose_name='link')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('search_text', models.TextField(default='', editable=False)),
                ],
                options={
                    'verbose_name': 'library item',
                    'verbose_name_plural': 'library items',
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='LibraryItemEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('kind', models.CharField(choices=[('document', 'Document'), ('link', 'Link'), ('tool', 'Tool')], default='document', max_length=10, verbose_name='kind')),
                    ('condition', models.PositiveSmallIntegerField(choices=[(1, 'Common agenda'), (2, 'Mutually reinforcing activities'), (3, 'Shared measurement'), (4, 'Continuous communication'), (5, 'Backbone support')], verbose_name='condition')),
                    ('tags', models.CharField(blank=True, help_text='Separated by commas.', max_length=300, verbose_name='tags')),
                    ('file', models.FileField(blank=True, max_length=300, upload_to=coordination.models.backbone.library_upload_to, verbose_name='file')),
                    ('url', models.URLField(blank=True, verbose_name='link')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Meeting',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('kind', models.CharField(choices=[('general_assembly', 'General assembly'), ('steering_committee', 'Steering committee'), ('working_group', 'Working group'), ('other', 'Other')], max_length=30, verbose_name='kind')),
                    ('starts_at', models.DateTimeField(verbose_name='starts at')),
                    ('duration_minutes', models.PositiveIntegerField(default=120, verbose_name='duration (minutes)')),
                    ('place', models.CharField(blank=True, max_length=300, verbose_name='place')),
                    ('video_url', models.URLField(blank=True, verbose_name='video link')),
                    ('agenda', models.TextField(blank=True, help_text='One agenda item per line.', verbose_name='agenda')),
                    ('minutes', models.TextField(blank=True, verbose_name='minutes')),
                    ('minutes_published_at', models.DateTimeField(blank=True, null=True)),
                    ('shared_with_funders', models.BooleanField(default=False, help_text='Funders then also see the agenda, attendance, minutes, follow-ups and comments.', verbose_name='shared with funders')),
                    ('uid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                    ('sequence', models.PositiveIntegerField(default=0)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                ],
                options={
                    'verbose_name': 'meeting',
                    'verbose_name_plural': 'meetings',
                    'ordering': ['-starts_at'],
                },
            ),
            migrations.CreateModel(
                name='MeetingEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('kind', models.CharField(choices=[('general_assembly', 'General assembly'), ('steering_committee', 'Steering committee'), ('working_group', 'Working group'), ('other', 'Other')], max_length=30, verbose_name='kind')),
                    ('starts_at', models.DateTimeField(verbose_name='starts at')),
                    ('duration_minutes', models.PositiveIntegerField(default=120, verbose_name='duration (minutes)')),
                    ('place', models.CharField(blank=True, max_length=300, verbose_name='place')),
                    ('video_url', models.URLField(blank=True, verbose_name='video link')),
                    ('agenda', models.TextField(blank=True, help_text='One agenda item per line.', verbose_name='agenda')),
                    ('minutes', models.TextField(blank=True, verbose_name='minutes')),
                    ('minutes_published_at', models.DateTimeField(blank=True, null=True)),
                    ('shared_with_funders', models.BooleanField(default=False, help_text='Funders then also see the agenda, attendance, minutes, follow-ups and comments.', verbose_name='shared with funders')),
                    ('uid', models.UUIDField(default=uuid.uuid4, editable=False)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Notification',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('meeting_invitation', 'Meeting invitations and changes'), ('meeting_reminder', 'Meeting reminders'), ('minutes_reminder', 'Reminders to publish minutes'), ('follow_up', 'Follow-ups assigned and due'), ('announcement', 'Announcements'), ('mention', 'Mentions in comments'), ('weekly_summary', 'Weekly summary by email'), ('indicator_reminder', 'Indicator reporting reminders'), ('endorsement_reminder', 'Agenda endorsement reminders'), ('consultation', 'Consultations on the draft agenda')], max_length=30)),
                    ('event', models.CharField(blank=True, max_length=30)),
                    ('title', models.CharField(max_length=300)),
                    ('actor_name', models.CharField(blank=True, max_length=150)),
                    ('url', models.CharField(blank=True, max_length=500)),
                    ('created_at', models.DateTimeField()),
                    ('read_at', models.DateTimeField(blank=True, null=True)),
                    ('emailed_at', models.DateTimeField(blank=True, null=True)),
                ],
                options={
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='NotificationPreference',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('meeting_invitation', 'Meeting invitations and changes'), ('meeting_reminder', 'Meeting reminders'), ('minutes_reminder', 'Reminders to publish minutes'), ('follow_up', 'Follow-ups assigned and due'), ('announcement', 'Announcements'), ('mention', 'Mentions in comments'), ('weekly_summary', 'Weekly summary by email'), ('indicator_reminder', 'Indicator reporting reminders'), ('endorsement_reminder', 'Agenda endorsement reminders'), ('consultation', 'Consultations on the draft agenda')], max_length=30)),
                    ('frequency', models.CharField(choices=[('immediately', 'Immediately'), ('daily', 'Daily digest'), ('weekly', 'Weekly digest'), ('never', 'Never')], default='immediately', max_length=20)),
                ],
            ),
            migrations.CreateModel(
                name='ReminderSettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('meeting_enabled', models.BooleanField(default=True, verbose_name='remind invitees before a meeting')),
                    ('meeting_days_before', models.PositiveSmallIntegerField(default=1, verbose_name='days before the meeting')),
                    ('minutes_enabled', models.BooleanField(default=True, verbose_name='remind coordinators to publish the minutes')),
                    ('minutes_days_after', models.PositiveSmallIntegerField(default=2, verbose_name='days after the meeting')),
                    ('follow_up_enabled', models.BooleanField(default=True, verbose_name='remind assignees of follow-ups')),
                    ('follow_up_days_before', models.PositiveSmallIntegerField(default=3, verbose_name='days before a follow-up is due')),
                    ('weekly_summary_enabled', models.BooleanField(default=True, verbose_name='send a weekly summary')),
                    ('indicator_enabled', models.BooleanField(default=True, verbose_name='remind organizations to report their indicator values')),
                    ('indicator_days_before', models.PositiveSmallIntegerField(default=7, verbose_name='days before a reporting period is due')),
                    ('indicator_escalation_days', models.PositiveSmallIntegerField(default=7, verbose_name='days late before the coordinators are told')),
                    ('endorsement_enabled', models.BooleanField(default=True, verbose_name='remind representatives to endorse the current agenda')),
                    ('endorsement_days_after', models.PositiveSmallIntegerField(default=7, verbose_name='days after the agenda is published')),
                ],
                options={
                    'verbose_name': 'reminder settings',
                    'verbose_name_plural': 'reminder settings',
                },
            ),
            migrations.CreateModel(
                name='ReminderSettingsEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('meeting_enabled', models.BooleanField(default=True, verbose_name='remind invitees before a meeting')),
                    ('meeting_days_before', models.PositiveSmallIntegerField(default=1, verbose_name='days before the meeting')),
                    ('minutes_enabled', models.BooleanField(default=True, verbose_name='remind coordinators to publish the minutes')),
                    ('minutes_days_after', models.PositiveSmallIntegerField(default=2, verbose_name='days after the meeting')),
                    ('follow_up_enabled', models.BooleanField(default=True, verbose_name='remind assignees of follow-ups')),
                    ('follow_up_days_before', models.PositiveSmallIntegerField(default=3, verbose_name='days before a follow-up is due')),
                    ('weekly_summary_enabled', models.BooleanField(default=True, verbose_name='send a weekly summary')),
                    ('indicator_enabled', models.BooleanField(default=True, verbose_name='remind organizations to report their indicator values')),
                    ('indicator_days_before', models.PositiveSmallIntegerField(default=7, verbose_name='days before a reporting period is due')),
                    ('indicator_escalation_days', models.PositiveSmallIntegerField(default=7, verbose_name='days late before the coordinators are told')),
                    ('endorsement_enabled', models.BooleanField(default=True, verbose_name='remind representatives to endorse the current agenda')),
                    ('endorsement_days_after', models.PositiveSmallIntegerField(default=7, verbose_name='days after the agenda is published')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='SentReminder',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('meeting', 'Meeting reminder'), ('minutes', 'Minutes reminder'), ('follow_up_soon', 'Follow-up due soon'), ('follow_up_due', 'Follow-up due today'), ('invitation', 'Meeting invitation'), ('weekly_summary', 'Weekly summary'), ('indicator_soon', 'Indicator values due soon'), ('indicator_late', 'Indicator values late'), ('indicator_escalation', 'Late values, to the coordinators'), ('endorsement', 'Agenda endorsement reminder'), ('consultation', 'Consultation closing soon')], max_length=30)),
                    ('subject', models.CharField(max_length=100)),
                    ('period', models.CharField(max_length=40)),
                    ('claimed_at', models.DateTimeField()),
                    ('delivered_at', models.DateTimeField(blank=True, null=True)),
                ],
            ),
            migrations.CreateModel(
                name='TeamMember',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=150, verbose_name='role in the team')),
                    ('responsibilities', models.TextField(blank=True, verbose_name='responsibilities')),
                ],
                options={
                    'verbose_name': 'team member',
                    'verbose_name_plural': 'team members',
                    'ordering': ['title'],
                },
            ),
            migrations.CreateModel(
                name='TeamMemberEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=150, verbose_name='role in the team')),
                    ('responsibilities', models.TextField(blank=True, verbose_name='responsibilities')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Announcement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('body', models.TextField(verbose_name='message')),
                    ('audience', models.CharField(choices=[('all', 'All members'), ('coordinator', 'Coordinators'), ('partner', 'Partners'), ('funder', 'Funders')], default='all', max_length=20, verbose_name='audience')),
                    ('pinned', models.BooleanField(default=False, help_text='Pinned announcements stay on top.', verbose_name='pinned')),
                    ('published_at', models.DateTimeField(auto_now_add=True)),
                    ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                ],
                options={
                    'verbose_name': 'announcement',
                    'verbose_name_plural': 'announcements',
                    'ordering': ['-pinned', '-published_at'],
                },
            ),
            migrations.CreateModel(
                name='AnnouncementEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('body', models.TextField(verbose_name='message')),
                    ('audience', models.CharField(choices=[('all', 'All members'), ('coordinator', 'Coordinators'), ('partner', 'Partners'), ('funder', 'Funders')], default='all', max_length=20, verbose_name='audience')),
                    ('pinned', models.BooleanField(default=False, help_text='Pinned announcements stay on top.', verbose_name='pinned')),
                    ('published_at', models.DateTimeField(auto_now_add=True)),
                    ('author', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.announcement')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='AnnouncementRead',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('read_at', models.DateTimeField(auto_now_add=True)),
                    ('announcement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reads', to='coordination.announcement')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
            ),
            migrations.CreateModel(
                name='AssessmentQuestion',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('condition', models.PositiveSmallIntegerField(choices=[(1, 'Common agenda'), (2, 'Mutually reinforcing activities'), (3, 'Shared measurement'), (4, 'Continuous communication'), (5, 'Backbone support')], verbose_name='condition')),
                    ('position', models.PositiveSmallIntegerField()),
                    ('text_fr', models.CharField(max_length=300, verbose_name='statement (French)')),
                    ('text_en', models.CharField(max_length=300, verbose_name='statement (English)')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                ],
                options={
                    'ordering': ['condition', 'position'],
                },
            ),
            migrations.CreateModel(
                name='AssessmentResponse',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('role', models.CharField(choices=[('coordinator', 'Coordinator'), ('partner', 'Partner'), ('funder', 'Funder')], max_length=20, verbose_name='role')),
                    ('submitted_at', models.DateTimeField()),
                    ('updated_at', models.DateTimeField()),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='coalitions.organization')),
                    ('respondent', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'self-assessment response',
                    'verbose_name_plural': 'self-assessment responses',
                },
            ),
            migrations.CreateModel(
                name='AssessmentAnswer',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('score', models.PositiveSmallIntegerField(verbose_name='score')),
                    ('comment', models.TextField(blank=True, verbose_name='comment')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='coordination.assessmentquestion')),
                    ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='coordination.assessmentresponse')),
                ],
            ),
            migrations.CreateModel(
                name='AssessmentRound',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=10, verbose_name='status')),
                    ('opened_at', models.DateTimeField()),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('roles', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('coordinator', 'Coordinator'), ('partner', 'Partner'), ('funder', 'Funder')], max_length=20), default=list, size=None, verbose_name='who answers')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                ],
                options={
                    'verbose_name': 'self-assessment round',
                    'verbose_name_plural': 'self-assessment rounds',
                    'ordering': ['-opened_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='AssessmentResponseEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('role', models.CharField(choices=[('coordinator', 'Coordinator'), ('partner', 'Partner'), ('funder', 'Funder')], max_length=20, verbose_name='role')),
                    ('submitted_at', models.DateTimeField()),
                    ('updated_at', models.DateTimeField()),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.assessmentresponse')),
                    ('respondent', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                    ('round', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.assessmentround')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.AddField(
                model_name='assessmentresponse',
                name='round',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='coordination.assessmentround'),
            ),
            migrations.CreateModel(
                name='AssessmentQuestionEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('condition', models.PositiveSmallIntegerField(choices=[(1, 'Common agenda'), (2, 'Mutually reinforcing activities'), (3, 'Shared measurement'), (4, 'Continuous communication'), (5, 'Backbone support')], verbose_name='condition')),
                    ('position', models.PositiveSmallIntegerField()),
                    ('text_fr', models.CharField(max_length=300, verbose_name='statement (French)')),
                    ('text_en', models.CharField(max_length=300, verbose_name='statement (English)')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.assessmentquestion')),
                    ('round', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.assessmentround')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.AddField(
                model_name='assessmentquestion',
                name='round',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='coordination.assessmentround'),
            ),
            migrations.CreateModel(
                name='AssessmentRoundEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='title')),
                    ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=10, verbose_name='status')),
                    ('opened_at', models.DateTimeField()),
                    ('closed_at', models.DateTimeField(blank=True, null=True)),
                    ('roles', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('coordinator', 'Coordinator'), ('partner', 'Partner'), ('funder', 'Funder')], max_length=20), default=list, size=None, verbose_name='who answers')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.assessmentround')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='BackboneTask',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='task')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('status', models.CharField(choices=[('todo', 'To do'), ('doing', 'Doing'), ('done', 'Done')], default='todo', max_length=10, verbose_name='status')),
                    ('due_on', models.DateField(blank=True, null=True, verbose_name='due date')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                ],
                options={
                    'verbose_name': 'backbone task',
                    'verbose_name_plural': 'backbone tasks',
                    'ordering': ['due_on', 'pk'],
                },
            ),
            migrations.CreateModel(
                name='BackboneTaskEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('title', models.CharField(max_length=200, verbose_name='task')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('status', models.CharField(choices=[('todo', 'To do'), ('doing', 'Doing'), ('done', 'Done')], default='todo', max_length=10, verbose_name='status')),
                    ('due_on', models.DateField(blank=True, null=True, verbose_name='due date')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.backbonetask')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='CalendarFeed',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('key', models.CharField(editable=False, max_length=32, unique=True)),
                    ('only_invited', models.BooleanField(default=True, help_text='Otherwise, every meeting of the coalition.', verbose_name='only the meetings I am invited to')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created on')),
                    ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked on')),
                    ('last_fetched_at', models.DateTimeField(blank=True, null=True, verbose_name='last read by a calendar')),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                ],
                options={
                    'verbose_name': 'calendar feed',
                    'verbose_name_plural': 'calendar feeds',
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='CalendarFeedEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('only_invited', models.BooleanField(default=True, help_text='Otherwise, every meeting of the coalition.', verbose_name='only the meetings I am invited to')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created on')),
                    ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked on')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.calendarfeed')),
                    ('user', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Comment',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('body', models.TextField(verbose_name='comment')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('edited_at', models.DateTimeField(blank=True, null=True)),
                    ('action', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='conditions.action')),
                    ('announcement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='coordination.announcement')),
                    ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('coalition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition')),
                ],
                options={
                    'verbose_name': 'comment',
                    'verbose_name_plural': 'comments',
                    'ordering': ['created_at'],
                },
            ),
            migrations.AddField(
                model_name='comment',
                name='indicator',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='indicators.indicator'),
            ),
            migrations.AddField(
                model_name='commentevent',
                name='action',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.action'),
            ),
            migrations.AddField(
                model_name='commentevent',
                name='announcement',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.announcement'),
            ),
            migrations.AddField(
                model_name='commentevent',
                name='author',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='commentevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='commentevent',
                name='indicator',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='indicators.indicator'),
            ),
            migrations.AddField(
                model_name='commentevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='commentevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.comment'),
            ),
            migrations.AddField(
                model_name='decision',
                name='action',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='conditions.action', verbose_name='action of the plan'),
            ),
            migrations.AddField(
                model_name='decision',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='decisionevent',
                name='action',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='conditions.action', verbose_name='action of the plan'),
            ),
            migrations.AddField(
                model_name='decisionevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='decisionevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='decisionevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.decision'),
            ),
            migrations.AddField(
                model_name='followup',
                name='assignee_organization',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='coalitions.organization', verbose_name='organization responsible'),
            ),
            migrations.AddField(
                model_name='followup',
                name='assignee_user',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person responsible'),
            ),
            migrations.AddField(
                model_name='followup',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='followup',
                name='decision',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='follow_ups', to='coordination.decision'),
            ),
            migrations.AddField(
                model_name='followupevent',
                name='assignee_organization',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='organization responsible'),
            ),
            migrations.AddField(
                model_name='followupevent',
                name='assignee_user',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person responsible'),
            ),
            migrations.AddField(
                model_name='followupevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='followupevent',
                name='decision',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.decision'),
            ),
            migrations.AddField(
                model_name='followupevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='followupevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.followup'),
            ),
            migrations.AddField(
                model_name='governancebody',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='governancebody',
                name='members',
                field=models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='people'),
            ),
            migrations.AddField(
                model_name='governancebody',
                name='organizations',
                field=models.ManyToManyField(blank=True, related_name='+', to='coalitions.organization', verbose_name='organizations'),
            ),
            migrations.AddField(
                model_name='governancebodyevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='governancebodyevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='governancebodyevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.governancebody'),
            ),
            migrations.AddField(
                model_name='invitee',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='invitee',
                name='user',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person'),
            ),
            migrations.AddField(
                model_name='inviteeevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='inviteeevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='inviteeevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.invitee'),
            ),
            migrations.AddField(
                model_name='inviteeevent',
                name='user',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person'),
            ),
            migrations.AddField(
                model_name='libraryitem',
                name='added_by',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='libraryitem',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='libraryitemevent',
                name='added_by',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='libraryitemevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='libraryitemevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='libraryitemevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.libraryitem'),
            ),
            migrations.AddField(
                model_name='meeting',
                name='body',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='meetings', to='coordination.governancebody', verbose_name='governance body'),
            ),
            migrations.AddField(
                model_name='meeting',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='meeting',
                name='created_by',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='meeting',
                name='invited_organizations',
                field=models.ManyToManyField(blank=True, related_name='+', to='coalitions.organization', verbose_name='invited organizations'),
            ),
            migrations.AddField(
                model_name='meeting',
                name='invited_people',
                field=models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invited people'),
            ),
            migrations.AddField(
                model_name='inviteeevent',
                name='meeting',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='invitee',
                name='meeting',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitees', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='followupevent',
                name='meeting',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='followup',
                name='meeting',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='decisionevent',
                name='meeting',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='decision',
                name='meeting',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='commentevent',
                name='meeting',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='comment',
                name='meeting',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='backbonetaskevent',
                name='meeting',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.meeting', verbose_name='meeting'),
            ),
            migrations.AddField(
                model_name='backbonetask',
                name='meeting',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='tasks', to='coordination.meeting', verbose_name='meeting'),
            ),
            migrations.AddField(
                model_name='meetingevent',
                name='body',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coordination.governancebody', verbose_name='governance body'),
            ),
            migrations.AddField(
                model_name='meetingevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='meetingevent',
                name='created_by',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='meetingevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='meetingevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.meeting'),
            ),
            migrations.AddField(
                model_name='notification',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='notification',
                name='recipient',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='notificationpreference',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='notificationpreference',
                name='user',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='remindersettings',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='remindersettingsevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='remindersettingsevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='remindersettingsevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.remindersettings'),
            ),
            migrations.AddField(
                model_name='sentreminder',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='sentreminder',
                name='recipient',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='teammember',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='teammember',
                name='user',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person'),
            ),
            migrations.AddField(
                model_name='teammemberevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='teammemberevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='teammemberevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coordination.teammember'),
            ),
            migrations.AddField(
                model_name='teammemberevent',
                name='user',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='announcement',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_announcementevent" ("audience", "author_id", "body", "coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pinned", "published_at", "title") VALUES (NEW."audience", NEW."author_id", NEW."body", NEW."coalition_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."pinned", NEW."published_at", NEW."title"); RETURN NULL;', hash='73cf31b748fb0aa5a4dd54669583b4bab0b10db0', operation='INSERT', pgid='pgtrigger_insert_insert_e8c74', table='coordination_announcement', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='announcement',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_announcementevent" ("audience", "author_id", "body", "coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pinned", "published_at", "title") VALUES (NEW."audience", NEW."author_id", NEW."body", NEW."coalition_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."pinned", NEW."published_at", NEW."title"); RETURN NULL;', hash='13430cdbc1630d897f4396a9e74b3fa230960804', operation='UPDATE', pgid='pgtrigger_update_update_92356', table='coordination_announcement', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='announcement',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_announcementevent" ("audience", "author_id", "body", "coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pinned", "published_at", "title") VALUES (OLD."audience", OLD."author_id", OLD."body", OLD."coalition_id", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."pinned", OLD."published_at", OLD."title"); RETURN NULL;', hash='358a07b408442824f19b2742d7bb547a0911d129', operation='DELETE', pgid='pgtrigger_delete_delete_07bcc', table='coordination_announcement', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='announcementevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_786ee6_idx'),
            ),
            migrations.AddConstraint(
                model_name='announcementread',
                constraint=models.UniqueConstraint(models.F('announcement'), models.F('user'), name='announcement_read_once'),
            ),
            migrations.AddConstraint(
                model_name='assessmentanswer',
                constraint=models.UniqueConstraint(models.F('response'), models.F('question'), name='answer_once_per_response'),
            ),
            migrations.AddConstraint(
                model_name='assessmentanswer',
                constraint=models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='answer_score_1_to_5'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentround',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_assessmentroundevent" ("closed_at", "coalition_id", "id", "opened_at", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "roles", "status", "title") VALUES (NEW."closed_at", NEW."coalition_id", NEW."id", NEW."opened_at", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."roles", NEW."status", NEW."title"); RETURN NULL;', hash='c2286f9f350ce6d73cfb6d58b674ead630814a26', operation='INSERT', pgid='pgtrigger_insert_insert_ed4d9', table='coordination_assessmentround', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentround',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_assessmentroundevent" ("closed_at", "coalition_id", "id", "opened_at", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "roles", "status", "title") VALUES (NEW."closed_at", NEW."coalition_id", NEW."id", NEW."opened_at", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."roles", NEW."status", NEW."title"); RETURN NULL;', hash='c4141044b691f73c6e1305eb0d2cab2e14908c6e', operation='UPDATE', pgid='pgtrigger_update_update_763bf', table='coordination_assessmentround', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentround',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_assessmentroundevent" ("closed_at", "coalition_id", "id", "opened_at", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "roles", "status", "title") VALUES (OLD."closed_at", OLD."coalition_id", OLD."id", OLD."opened_at", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."roles", OLD."status", OLD."title"); RETURN NULL;', hash='965273bf064e1284c79341b435f74df0dec220b9', operation='DELETE', pgid='pgtrigger_delete_delete_2248c', table='coordination_assessmentround', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='assessmentresponseevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_5a8f55_idx'),
            ),
            migrations.AddIndex(
                model_name='assessmentresponse',
                index=models.Index(fields=['round', 'role'], name='response_round_role'),
            ),
            migrations.AddConstraint(
                model_name='assessmentresponse',
                constraint=models.UniqueConstraint(models.F('round'), models.F('respondent'), name='response_once_per_person'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentresponse',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_assessmentresponseevent" ("coalition_id", "id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "respondent_id", "role", "round_id", "submitted_at", "updated_at") VALUES (NEW."coalition_id", NEW."id", NEW."organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."respondent_id", NEW."role", NEW."round_id", NEW."submitted_at", NEW."updated_at"); RETURN NULL;', hash='b156d6c1d807e667dcc9a7f2b1462173ae0445c9', operation='INSERT', pgid='pgtrigger_insert_insert_9e9f5', table='coordination_assessmentresponse', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentresponse',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_assessmentresponseevent" ("coalition_id", "id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "respondent_id", "role", "round_id", "submitted_at", "updated_at") VALUES (NEW."coalition_id", NEW."id", NEW."organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."respondent_id", NEW."role", NEW."round_id", NEW."submitted_at", NEW."updated_at"); RETURN NULL;', hash='e1d5ec47e61520a3b9a480aacfb94fccd3c423b8', operation='UPDATE', pgid='pgtrigger_update_update_f4ac2', table='coordination_assessmentresponse', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentresponse',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_assessmentresponseevent" ("coalition_id", "id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "respondent_id", "role", "round_id", "submitted_at", "updated_at") VALUES (OLD."coalition_id", OLD."id", OLD."organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."respondent_id", OLD."role", OLD."round_id", OLD."submitted_at", OLD."updated_at"); RETURN NULL;', hash='9b07b6dc4962286e1d4371979c0ec77dbda7ae1f', operation='DELETE', pgid='pgtrigger_delete_delete_091e0', table='coordination_assessmentresponse', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='assessmentquestionevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_fb451d_idx'),
            ),
            migrations.AddConstraint(
                model_name='assessmentquestion',
                constraint=models.UniqueConstraint(models.F('round'), models.F('condition'), models.F('position'), name='question_position_once'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentquestion',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_assessmentquestionevent" ("coalition_id", "condition", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "round_id", "text_en", "text_fr") VALUES (NEW."coalition_id", NEW."condition", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."position", NEW."round_id", NEW."text_en", NEW."text_fr"); RETURN NULL;', hash='1bcdacc895947e0d863b15158bfadfee8281bdc1', operation='INSERT', pgid='pgtrigger_insert_insert_ceb62', table='coordination_assessmentquestion', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentquestion',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_assessmentquestionevent" ("coalition_id", "condition", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "round_id", "text_en", "text_fr") VALUES (NEW."coalition_id", NEW."condition", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."position", NEW."round_id", NEW."text_en", NEW."text_fr"); RETURN NULL;', hash='9fe5c09e66e1b09841b2f4990b0f52a949376d5d', operation='UPDATE', pgid='pgtrigger_update_update_5903c', table='coordination_assessmentquestion', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='assessmentquestion',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_assessmentquestionevent" ("coalition_id", "condition", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "position", "round_id", "text_en", "text_fr") VALUES (OLD."coalition_id", OLD."condition", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."position", OLD."round_id", OLD."text_en", OLD."text_fr"); RETURN NULL;', hash='c599504ebb9a7cb5fd50f293aeaab69a6c635ac5', operation='DELETE', pgid='pgtrigger_delete_delete_fd8a8', table='coordination_assessmentquestion', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='assessmentroundevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_c4f068_idx'),
            ),
            migrations.AddConstraint(
                model_name='calendarfeed',
                constraint=models.UniqueConstraint(models.F('coalition'), models.F('user'), condition=models.Q(('revoked_at__isnull', True)), name='calendar_feed_one_active_per_member'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='calendarfeed',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_calendarfeedevent" ("coalition_id", "created_at", "id", "only_invited", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "user_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."id", NEW."only_invited", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."revoked_at", NEW."user_id"); RETURN NULL;', hash='f6f93e50ae52da012763bc88caec6e5ccdbf8020', operation='INSERT', pgid='pgtrigger_insert_insert_6996d', table='coordination_calendarfeed', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='calendarfeed',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."only_invited" IS DISTINCT FROM (NEW."only_invited") OR OLD."revoked_at" IS DISTINCT FROM (NEW."revoked_at") OR OLD."user_id" IS DISTINCT FROM (NEW."user_id"))', func='INSERT INTO "coordination_calendarfeedevent" ("coalition_id", "created_at", "id", "only_invited", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "user_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."id", NEW."only_invited", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."revoked_at", NEW."user_id"); RETURN NULL;', hash='76827456da730e674d2b08661584f05d52ca83dd', operation='UPDATE', pgid='pgtrigger_update_update_c9485', table='coordination_calendarfeed', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='calendarfeed',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_calendarfeedevent" ("coalition_id", "created_at", "id", "only_invited", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "user_id") VALUES (OLD."coalition_id", OLD."created_at", OLD."id", OLD."only_invited", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."revoked_at", OLD."user_id"); RETURN NULL;', hash='2f2500a5a3b468943a147053f76e8ad73f804995', operation='DELETE', pgid='pgtrigger_delete_delete_0a9c2', table='coordination_calendarfeed', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='calendarfeedevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_552721_idx'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='governancebody',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_governancebodyevent" ("coalition_id", "id", "kind", "mandate", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."coalition_id", NEW."id", NEW."kind", NEW."mandate", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id"); RETURN NULL;', hash='cdedb72d981b241b54d3bb1dd5be893b8c9bbd34', operation='INSERT', pgid='pgtrigger_insert_insert_27a29', table='coordination_governancebody', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='governancebody',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_governancebodyevent" ("coalition_id", "id", "kind", "mandate", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."coalition_id", NEW."id", NEW."kind", NEW."mandate", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id"); RETURN NULL;', hash='8527289d7159b61c3d3180e0bbdbea110900f95f', operation='UPDATE', pgid='pgtrigger_update_update_24d29', table='coordination_governancebody', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='governancebody',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_governancebodyevent" ("coalition_id", "id", "kind", "mandate", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (OLD."coalition_id", OLD."id", OLD."kind", OLD."mandate", OLD."name", _pgh_attach_context(), NOW(), \'delete\', OLD."id"); RETURN NULL;', hash='6a4f3182ee830935e7f2af760ac9e9da8887839e', operation='DELETE', pgid='pgtrigger_delete_delete_165be', table='coordination_governancebody', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='governancebodyevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_4fa90c_idx'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='libraryitem',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_libraryitemevent" ("added_by_id", "coalition_id", "condition", "created_at", "description", "file", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tags", "title", "url") VALUES (NEW."added_by_id", NEW."coalition_id", NEW."condition", NEW."created_at", NEW."description", NEW."file", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."tags", NEW."title", NEW."url"); RETURN NULL;', hash='415ba9a0bca7df578ae060ca7b2ab396bc9b3095', operation='INSERT', pgid='pgtrigger_insert_insert_37d11', table='coordination_libraryitem', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='libraryitem',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."added_by_id" IS DISTINCT FROM (NEW."added_by_id") OR OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."condition" IS DISTINCT FROM (NEW."condition") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."file" IS DISTINCT FROM (NEW."file") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."tags" IS DISTINCT FROM (NEW."tags") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."url" IS DISTINCT FROM (NEW."url"))', func='INSERT INTO "coordination_libraryitemevent" ("added_by_id", "coalition_id", "condition", "created_at", "description", "file", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tags", "title", "url") VALUES (NEW."added_by_id", NEW."coalition_id", NEW."condition", NEW."created_at", NEW."description", NEW."file", NEW."id", NEW."kind", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."tags", NEW."title", NEW."url"); RETURN NULL;', hash='f82bc83f53d013180ed44bb9ddc63dd1f29303f8', operation='UPDATE', pgid='pgtrigger_update_update_1675e', table='coordination_libraryitem', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='libraryitem',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_libraryitemevent" ("added_by_id", "coalition_id", "condition", "created_at", "description", "file", "id", "kind", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "tags", "title", "url") VALUES (OLD."added_by_id", OLD."coalition_id", OLD."condition", OLD."created_at", OLD."description", OLD."file", OLD."id", OLD."kind", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."tags", OLD."title", OLD."url"); RETURN NULL;', hash='90aae718647cccbdc99cb803466a7c9d8682f9e3', operation='DELETE', pgid='pgtrigger_delete_delete_fe1be', table='coordination_libraryitem', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='libraryitemevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_0c2284_idx'),
            ),
            migrations.AddIndex(
                model_name='meeting',
                index=models.Index(models.F('coalition'), models.F('starts_at'), name='meeting_coalition_start'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='meeting',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_meetingevent" ("agenda", "body_id", "coalition_id", "created_at", "created_by_id", "duration_minutes", "id", "kind", "minutes", "minutes_published_at", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place", "shared_with_funders", "starts_at", "title", "uid", "video_url") VALUES (NEW."agenda", NEW."body_id", NEW."coalition_id", NEW."created_at", NEW."created_by_id", NEW."duration_minutes", NEW."id", NEW."kind", NEW."minutes", NEW."minutes_published_at", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."place", NEW."shared_with_funders", NEW."starts_at", NEW."title", NEW."uid", NEW."video_url"); RETURN NULL;', hash='ee99ffc03cc8692ef89cbe21ec06805be5981205', operation='INSERT', pgid='pgtrigger_insert_insert_777ab', table='coordination_meeting', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='meeting',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."agenda" IS DISTINCT FROM (NEW."agenda") OR OLD."body_id" IS DISTINCT FROM (NEW."body_id") OR OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."created_by_id" IS DISTINCT FROM (NEW."created_by_id") OR OLD."duration_minutes" IS DISTINCT FROM (NEW."duration_minutes") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."minutes" IS DISTINCT FROM (NEW."minutes") OR OLD."minutes_published_at" IS DISTINCT FROM (NEW."minutes_published_at") OR OLD."place" IS DISTINCT FROM (NEW."place") OR OLD."shared_with_funders" IS DISTINCT FROM (NEW."shared_with_funders") OR OLD."starts_at" IS DISTINCT FROM (NEW."starts_at") OR OLD."title" IS DISTINCT FROM (NEW."title") OR OLD."uid" IS DISTINCT FROM (NEW."uid") OR OLD."video_url" IS DISTINCT FROM (NEW."video_url"))', func='INSERT INTO "coordination_meetingevent" ("agenda", "body_id", "coalition_id", "created_at", "created_by_id", "duration_minutes", "id", "kind", "minutes", "minutes_published_at", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place", "shared_with_funders", "starts_at", "title", "uid", "video_url") VALUES (NEW."agenda", NEW."body_id", NEW."coalition_id", NEW."created_at", NEW."created_by_id", NEW."duration_minutes", NEW."id", NEW."kind", NEW."minutes", NEW."minutes_published_at", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."place", NEW."shared_with_funders", NEW."starts_at", NEW."title", NEW."uid", NEW."video_url"); RETURN NULL;', hash='213646b40bbd0f7313173015712723634b3ef8cc', operation='UPDATE', pgid='pgtrigger_update_update_3db91', table='coordination_meeting', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='meeting',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_meetingevent" ("agenda", "body_id", "coalition_id", "created_at", "created_by_id", "duration_minutes", "id", "kind", "minutes", "minutes_published_at", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "place", "shared_with_funders", "starts_at", "title", "uid", "video_url") VALUES (OLD."agenda", OLD."body_id", OLD."coalition_id", OLD."created_at", OLD."created_by_id", OLD."duration_minutes", OLD."id", OLD."kind", OLD."minutes", OLD."minutes_published_at", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."place", OLD."shared_with_funders", OLD."starts_at", OLD."title", OLD."uid", OLD."video_url"); RETURN NULL;', hash='45faaf57fdce928e93a20781992a6145f5ff63a8', operation='DELETE', pgid='pgtrigger_delete_delete_ec9fb', table='coordination_meeting', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='inviteeevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_3adc19_idx'),
            ),
            migrations.AddConstraint(
                model_name='invitee',
                constraint=models.UniqueConstraint(models.F('meeting'), models.F('user'), name='invitee_once_per_meeting'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='invitee',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_inviteeevent" ("attended", "coalition_id", "id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_at", "rsvp", "user_id") VALUES (NEW."attended", NEW."coalition_id", NEW."id", NEW."meeting_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."responded_at", NEW."rsvp", NEW."user_id"); RETURN NULL;', hash='4b4d445afc5ac96faa851b349363694076b8d64c', operation='INSERT', pgid='pgtrigger_insert_insert_cf299', table='coordination_invitee', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='invitee',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_inviteeevent" ("attended", "coalition_id", "id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_at", "rsvp", "user_id") VALUES (NEW."attended", NEW."coalition_id", NEW."id", NEW."meeting_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."responded_at", NEW."rsvp", NEW."user_id"); RETURN NULL;', hash='a786ca23370b5261dcb9c669ffdba221207f0ca7', operation='UPDATE', pgid='pgtrigger_update_update_207d8', table='coordination_invitee', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='invitee',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_inviteeevent" ("attended", "coalition_id", "id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responded_at", "rsvp", "user_id") VALUES (OLD."attended", OLD."coalition_id", OLD."id", OLD."meeting_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."responded_at", OLD."rsvp", OLD."user_id"); RETURN NULL;', hash='9319760f880b7534e4d90af9af624302c41949ff', operation='DELETE', pgid='pgtrigger_delete_delete_5116d', table='coordination_invitee', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='followupevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_44b3a4_idx'),
            ),
            migrations.AddIndex(
                model_name='followup',
                index=models.Index(models.F('coalition'), models.F('status'), models.F('due_on'), name='followup_open_due'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='followup',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_followupevent" ("assignee_organization_id", "assignee_user_id", "coalition_id", "decision_id", "done_at", "due_on", "id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "what") VALUES (NEW."assignee_organization_id", NEW."assignee_user_id", NEW."coalition_id", NEW."decision_id", NEW."done_at", NEW."due_on", NEW."id", NEW."meeting_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."status", NEW."what"); RETURN NULL;', hash='d1a89a50c0ab76bec8a3f7801c48e77f30d1faf2', operation='INSERT', pgid='pgtrigger_insert_insert_53804', table='coordination_followup', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='followup',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_followupevent" ("assignee_organization_id", "assignee_user_id", "coalition_id", "decision_id", "done_at", "due_on", "id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "what") VALUES (NEW."assignee_organization_id", NEW."assignee_user_id", NEW."coalition_id", NEW."decision_id", NEW."done_at", NEW."due_on", NEW."id", NEW."meeting_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."status", NEW."what"); RETURN NULL;', hash='61e16ce99c031e239c7c8ec9a4b3f1cdec36fc50', operation='UPDATE', pgid='pgtrigger_update_update_f2998', table='coordination_followup', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='followup',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_followupevent" ("assignee_organization_id", "assignee_user_id", "coalition_id", "decision_id", "done_at", "due_on", "id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "what") VALUES (OLD."assignee_organization_id", OLD."assignee_user_id", OLD."coalition_id", OLD."decision_id", OLD."done_at", OLD."due_on", OLD."id", OLD."meeting_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."status", OLD."what"); RETURN NULL;', hash='6f40d25778f809e820060a4c17dcb793a708dadb', operation='DELETE', pgid='pgtrigger_delete_delete_21247', table='coordination_followup', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='decisionevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_25f27b_idx'),
            ),
            migrations.AddConstraint(
                model_name='decision',
                constraint=models.UniqueConstraint(models.F('meeting'), models.F('number'), name='decision_number_unique'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='decision',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_decisionevent" ("action_id", "coalition_id", "id", "meeting_id", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "text") VALUES (NEW."action_id", NEW."coalition_id", NEW."id", NEW."meeting_id", NEW."number", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."text"); RETURN NULL;', hash='6639a1ce4228933f0b01995c63faaa769092643a', operation='INSERT', pgid='pgtrigger_insert_insert_ba9be', table='coordination_decision', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='decision',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_decisionevent" ("action_id", "coalition_id", "id", "meeting_id", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "text") VALUES (NEW."action_id", NEW."coalition_id", NEW."id", NEW."meeting_id", NEW."number", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."text"); RETURN NULL;', hash='29f2b105ecdcf0feb12981e36010e4198b091747', operation='UPDATE', pgid='pgtrigger_update_update_f20b2', table='coordination_decision', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='decision',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_decisionevent" ("action_id", "coalition_id", "id", "meeting_id", "number", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "text") VALUES (OLD."action_id", OLD."coalition_id", OLD."id", OLD."meeting_id", OLD."number", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."text"); RETURN NULL;', hash='d3be2210c3bccbe4a314838a0c28134af302281d', operation='DELETE', pgid='pgtrigger_delete_delete_c478d', table='coordination_decision', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='commentevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_682114_idx'),
            ),
            migrations.AddConstraint(
                model_name='comment',
                constraint=models.CheckConstraint(condition=models.Q(models.Q(('action__isnull', True), ('announcement__isnull', True), ('indicator__isnull', True), ('meeting__isnull', False)), models.Q(('action__isnull', True), ('announcement__isnull', False), ('indicator__isnull', True), ('meeting__isnull', True)), models.Q(('action__isnull', False), ('announcement__isnull', True), ('indicator__isnull', True), ('meeting__isnull', True)), models.Q(('action__isnull', True), ('announcement__isnull', True), ('indicator__isnull', False), ('meeting__isnull', True)), _connector='OR'), name='comment_on_one_thing'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='comment',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_commentevent" ("action_id", "announcement_id", "author_id", "body", "coalition_id", "created_at", "edited_at", "id", "indicator_id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."action_id", NEW."announcement_id", NEW."author_id", NEW."body", NEW."coalition_id", NEW."created_at", NEW."edited_at", NEW."id", NEW."indicator_id", NEW."meeting_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id"); RETURN NULL;', hash='ba6926333f1f6975a613228ea674a6ef4c62c9f4', operation='INSERT', pgid='pgtrigger_insert_insert_56578', table='coordination_comment', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='comment',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_commentevent" ("action_id", "announcement_id", "author_id", "body", "coalition_id", "created_at", "edited_at", "id", "indicator_id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (NEW."action_id", NEW."announcement_id", NEW."author_id", NEW."body", NEW."coalition_id", NEW."created_at", NEW."edited_at", NEW."id", NEW."indicator_id", NEW."meeting_id", _pgh_attach_context(), NOW(), \'update\', NEW."id"); RETURN NULL;', hash='89812d6b0eaf4373023609bd2f1d94b920d8225e', operation='UPDATE', pgid='pgtrigger_update_update_e4aed', table='coordination_comment', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='comment',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_commentevent" ("action_id", "announcement_id", "author_id", "body", "coalition_id", "created_at", "edited_at", "id", "indicator_id", "meeting_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id") VALUES (OLD."action_id", OLD."announcement_id", OLD."author_id", OLD."body", OLD."coalition_id", OLD."created_at", OLD."edited_at", OLD."id", OLD."indicator_id", OLD."meeting_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id"); RETURN NULL;', hash='36ea26672ee6ac1564e5b99c538bf4ff041f6cbf', operation='DELETE', pgid='pgtrigger_delete_delete_0b52f', table='coordination_comment', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='backbonetaskevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_0ad9a2_idx'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='backbonetask',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_backbonetaskevent" ("coalition_id", "created_at", "description", "due_on", "id", "meeting_id", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."description", NEW."due_on", NEW."id", NEW."meeting_id", NEW."owner_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."status", NEW."title"); RETURN NULL;', hash='3df4c6c535d236f717d8a35a7bc567b105e62ba4', operation='INSERT', pgid='pgtrigger_insert_insert_01fdd', table='coordination_backbonetask', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='backbonetask',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_backbonetaskevent" ("coalition_id", "created_at", "description", "due_on", "id", "meeting_id", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "title") VALUES (NEW."coalition_id", NEW."created_at", NEW."description", NEW."due_on", NEW."id", NEW."meeting_id", NEW."owner_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."status", NEW."title"); RETURN NULL;', hash='55c2e9611b11cec04105fcee55592a5c70c66dae', operation='UPDATE', pgid='pgtrigger_update_update_83209', table='coordination_backbonetask', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='backbonetask',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_backbonetaskevent" ("coalition_id", "created_at", "description", "due_on", "id", "meeting_id", "owner_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "status", "title") VALUES (OLD."coalition_id", OLD."created_at", OLD."description", OLD."due_on", OLD."id", OLD."meeting_id", OLD."owner_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."status", OLD."title"); RETURN NULL;', hash='a71a0d761c2e0bf3b5902d688fae32d43501186a', operation='DELETE', pgid='pgtrigger_delete_delete_66fd6', table='coordination_backbonetask', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='meetingevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_5de134_idx'),
            ),
            migrations.AddIndex(
                model_name='notification',
                index=models.Index(models.F('coalition'), models.F('recipient'), condition=models.Q(('read_at__isnull', True)), name='notification_unread'),
            ),
            migrations.AddIndex(
                model_name='notification',
                index=models.Index(models.F('coalition'), models.F('created_at'), condition=models.Q(('emailed_at__isnull', True)), name='notification_not_emailed'),
            ),
            migrations.AddConstraint(
                model_name='notificationpreference',
                constraint=models.UniqueConstraint(models.F('coalition'), models.F('user'), models.F('kind'), name='notification_preference_once'),
            ),
            migrations.AddConstraint(
                model_name='remindersettings',
                constraint=models.UniqueConstraint(models.F('coalition'), name='reminder_settings_once'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='remindersettings',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_remindersettingsevent" ("coalition_id", "endorsement_days_after", "endorsement_enabled", "follow_up_days_before", "follow_up_enabled", "id", "indicator_days_before", "indicator_enabled", "indicator_escalation_days", "meeting_days_before", "meeting_enabled", "minutes_days_after", "minutes_enabled", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "weekly_summary_enabled") VALUES (NEW."coalition_id", NEW."endorsement_days_after", NEW."endorsement_enabled", NEW."follow_up_days_before", NEW."follow_up_enabled", NEW."id", NEW."indicator_days_before", NEW."indicator_enabled", NEW."indicator_escalation_days", NEW."meeting_days_before", NEW."meeting_enabled", NEW."minutes_days_after", NEW."minutes_enabled", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."weekly_summary_enabled"); RETURN NULL;', hash='bfa007f2d905f01e936596a076d572e2bb64942c', operation='INSERT', pgid='pgtrigger_insert_insert_c6430', table='coordination_remindersettings', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='remindersettings',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_remindersettingsevent" ("coalition_id", "endorsement_days_after", "endorsement_enabled", "follow_up_days_before", "follow_up_enabled", "id", "indicator_days_before", "indicator_enabled", "indicator_escalation_days", "meeting_days_before", "meeting_enabled", "minutes_days_after", "minutes_enabled", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "weekly_summary_enabled") VALUES (NEW."coalition_id", NEW."endorsement_days_after", NEW."endorsement_enabled", NEW."follow_up_days_before", NEW."follow_up_enabled", NEW."id", NEW."indicator_days_before", NEW."indicator_enabled", NEW."indicator_escalation_days", NEW."meeting_days_before", NEW."meeting_enabled", NEW."minutes_days_after", NEW."minutes_enabled", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."weekly_summary_enabled"); RETURN NULL;', hash='555cc490b76e6243398e9f3b577c8fd83c5e1bd1', operation='UPDATE', pgid='pgtrigger_update_update_652e1', table='coordination_remindersettings', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='remindersettings',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_remindersettingsevent" ("coalition_id", "endorsement_days_after", "endorsement_enabled", "follow_up_days_before", "follow_up_enabled", "id", "indicator_days_before", "indicator_enabled", "indicator_escalation_days", "meeting_days_before", "meeting_enabled", "minutes_days_after", "minutes_enabled", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "weekly_summary_enabled") VALUES (OLD."coalition_id", OLD."endorsement_days_after", OLD."endorsement_enabled", OLD."follow_up_days_before", OLD."follow_up_enabled", OLD."id", OLD."indicator_days_before", OLD."indicator_enabled", OLD."indicator_escalation_days", OLD."meeting_days_before", OLD."meeting_enabled", OLD."minutes_days_after", OLD."minutes_enabled", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."weekly_summary_enabled"); RETURN NULL;', hash='f055d35871abaf6f5d1a2c3d5c9c150d205a90dc', operation='DELETE', pgid='pgtrigger_delete_delete_00ea3', table='coordination_remindersettings', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='remindersettingsevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_1258f6_idx'),
            ),
            migrations.AddIndex(
                model_name='sentreminder',
                index=models.Index(models.F('coalition'), models.F('claimed_at'), condition=models.Q(('delivered_at__isnull', True)), name='sent_reminder_undelivered'),
            ),
            migrations.AddConstraint(
                model_name='sentreminder',
                constraint=models.UniqueConstraint(models.F('recipient'), models.F('subject'), models.F('kind'), models.F('period'), name='sent_reminder_once'),
            ),
            migrations.AddConstraint(
                model_name='teammember',
                constraint=models.UniqueConstraint(models.F('coalition'), models.F('user'), name='team_member_once'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='teammember',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_teammemberevent" ("coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responsibilities", "title", "user_id") VALUES (NEW."coalition_id", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."responsibilities", NEW."title", NEW."user_id"); RETURN NULL;', hash='7ac4bc3cc5f66622477ddb19841412e5564e7b9d', operation='INSERT', pgid='pgtrigger_insert_insert_df43e', table='coordination_teammember', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='teammember',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coordination_teammemberevent" ("coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responsibilities", "title", "user_id") VALUES (NEW."coalition_id", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."responsibilities", NEW."title", NEW."user_id"); RETURN NULL;', hash='304dca2c08a2b9755ed733d5dd64b6cee2aadea5', operation='UPDATE', pgid='pgtrigger_update_update_3b6fc', table='coordination_teammember', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='teammember',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coordination_teammemberevent" ("coalition_id", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "responsibilities", "title", "user_id") VALUES (OLD."coalition_id", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."responsibilities", OLD."title", OLD."user_id"); RETURN NULL;', hash='c0b4d53dbb07e065e10b5232a5d1b66050de759b', operation='DELETE', pgid='pgtrigger_delete_delete_7220d', table='coordination_teammember', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='teammemberevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coordinatio_coaliti_bed707_idx'),
            ),
        ]),
    ]
