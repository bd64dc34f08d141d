# Squashed on 2026-12-01: the schema of the migrations it replaces, made in one step by
# SquashedSchema (coalitions/migration_ops.py). The replaced migrations stay until every
# database has applied them; a new database runs only this one.

from coalitions.migration_ops import SquashedSchema
from django.conf import settings
from django.db import migrations, models
import coalitions.models
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import pgtrigger.compiler
import pgtrigger.migrations


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('coalitions', '0001_initial'),
        ('coalitions', '0002_report_snapshots_share_links'),
        ('coalitions', '0003_coalition_fiscal_year_start_month'),
        ('coalitions', '0004_hash_invitation_tokens'),
        ('coalitions', '0005_worker_heartbeat'),
        ('coalitions', '0006_form_submission_tokens'),
        ('coalitions', '0007_move_reports_from_coalitions'),
        ('coalitions', '0008_api_tokens'),
        ('coalitions', '0008_audit_trail_index'),
        ('coalitions', '0008_coalition_completeness_threshold'),
        ('coalitions', '0008_organization_skills'),
        ('coalitions', '0008_privacy_consent_profile_deletion'),
        ('coalitions', '0008_privacy_settings'),
        ('coalitions', '0009_confidentiality_incidents'),
        ('coalitions', '0010_retention'),
        ('coalitions', '0011_personal_data_downloads'),
        ('coalitions', '0012_small_number_threshold'),
        ('coalitions', '0013_merge_20261201_0606'),
        ('coalitions', '0014_apitokenevent_coalitions__coaliti_272015_idx_and_more'),
        ('coalitions', '0015_merge_20261201_0627'),
        ('coalitions', '0016_export_jobs'),
    ]

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('pghistory', '0007_auto_20250421_0444'),
    ]

    operations = [
        SquashedSchema(operations=[
            migrations.CreateModel(
                name='CoalitionEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('slug', models.SlugField(db_index=False, help_text="Used in the coalition's web address: lowercase letters, digits and hyphens.", max_length=60, verbose_name='web address')),
                    ('territory', models.CharField(max_length=200, verbose_name='territory')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('default_language', models.CharField(choices=[('fr', 'French'), ('en', 'English')], default='fr', max_length=5, verbose_name='default language')),
                    ('time_zone', models.CharField(choices=[('America/Adak', 'America/Adak'), ('America/Anchorage', 'America/Anchorage'), ('America/Anguilla', 'America/Anguilla'), ('America/Antigua', 'America/Antigua'), ('America/Araguaina', 'America/Araguaina'), ('America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'), ('America/Argentina/Catamarca', 'America/Argentina/Catamarca'), ('America/Argentina/ComodRivadavia', 'America/Argentina/ComodRivadavia'), ('America/Argentina/Cordoba', 'America/Argentina/Cordoba'), ('America/Argentina/Jujuy', 'America/Argentina/Jujuy'), ('America/Argentina/La_Rioja', 'America/Argentina/La_Rioja'), ('America/Argentina/Mendoza', 'America/Argentina/Mendoza'), ('America/Argentina/Rio_Gallegos', 'America/Argentina/Rio_Gallegos'), ('America/Argentina/Salta', 'America/Argentina/Salta'), ('America/Argentina/San_Juan', 'America/Argentina/San_Juan'), ('America/Argentina/San_Luis', 'America/Argentina/San_Luis'), ('America/Argentina/Tucuman', 'America/Argentina/Tucuman'), ('America/Argentina/Ushuaia', 'America/Argentina/Ushuaia'), ('America/Aruba', 'America/Aruba'), ('America/Asuncion', 'America/Asuncion'), ('America/Atikokan', 'America/Atikokan'), ('America/Atka', 'America/Atka'), ('America/Bahia', 'America/Bahia'), ('America/Bahia_Banderas', 'America/Bahia_Banderas'), ('America/Barbados', 'America/Barbados'), ('America/Belem', 'America/Belem'), ('America/Belize', 'America/Belize'), ('America/Blanc-Sablon', 'America/Blanc-Sablon'), ('America/Boa_Vista', 'America/Boa_Vista'), ('America/Bogota', 'America/Bogota'), ('America/Boise', 'America/Boise'), ('America/Buenos_Aires', 'America/Buenos_Aires'), ('America/Cambridge_Bay', 'America/Cambridge_Bay'), ('America/Campo_Grande', 'America/Campo_Grande'), ('America/Cancun', 'America/Cancun'), ('America/Caracas', 'America/Caracas'), ('America/Catamarca', 'America/Catamarca'), ('America/Cayenne', 'America/Cayenne'), ('America/Cayman', 'America/Cayman'), ('America/Chicago', 'America/Chicago'), ('America/Chihuahua', 'America/Chihuahua'), ('America/Ciudad_Juarez', 'America/Ciudad_Juarez'), ('America/Coral_Harbour', 'America/Coral_Harbour'), ('America/Cordoba', 'America/Cordoba'), ('America/Costa_Rica', 'America/Costa_Rica'), ('America/Coyhaique', 'America/Coyhaique'), ('America/Creston', 'America/Creston'), ('America/Cuiaba', 'America/Cuiaba'), ('America/Curacao', 'America/Curacao'), ('America/Danmarkshavn', 'America/Danmarkshavn'), ('America/Dawson', 'America/Dawson'), ('America/Dawson_Creek', 'America/Dawson_Creek'), ('America/Denver', 'America/Denver'), ('America/Detroit', 'America/Detroit'), ('America/Dominica', 'America/Dominica'), ('America/Edmonton', 'America/Edmonton'), ('America/Eirunepe', 'America/Eirunepe'), ('America/El_Salvador', 'America/El_Salvador'), ('America/Ensenada', 'America/Ensenada'), ('America/Fort_Nelson', 'America/Fort_Nelson'), ('America/Fort_Wayne', 'America/Fort_Wayne'), ('America/Fortaleza', 'America/Fortaleza'), ('America/Glace_Bay', 'America/Glace_Bay'), ('America/Godthab', 'America/Godthab'), ('America/Goose_Bay', 'America/Goose_Bay'), ('America/Grand_Turk', 'America/Grand_Turk'), ('America/Grenada', 'America/Grenada'), ('America/Guadeloupe', 'America/Guadeloupe'), ('America/Guatemala', 'America/Guatemala'), ('America/Guayaquil', 'America/Guayaquil'), ('America/Guyana', 'America/Guyana'), ('America/Halifax', 'America/Halifax'), ('America/Havana', 'America/Havana'), ('America/Hermosillo', 'America/Hermosillo'), ('America/Indiana/Indianapolis', 'America/Indiana/Indianapolis'), ('America/Indiana/Knox', 'America/Indiana/Knox'), ('America/Indiana/Marengo', 'America/Indiana/Marengo'), ('America/Indiana/Petersburg', 'America/Indiana/Petersburg'), ('America/Indiana/Tell_City', 'America/Indiana/Tell_City'), ('America/Indiana/Vevay', 'America/Indiana/Vevay'), ('America/Indiana/Vincennes', 'America/Indiana/Vincennes'), ('America/Indiana/Winamac', 'America/Indiana/Winamac'), ('America/Indianapolis', 'America/Indianapolis'), ('America/Inuvik', 'America/Inuvik'), ('America/Iqaluit', 'America/Iqaluit'), ('America/Jamaica', 'America/Jamaica'), ('America/Jujuy', 'America/Jujuy'), ('America/Juneau', 'America/Juneau'), ('America/Kentucky/Louisville', 'America/Kentucky/Louisville'), ('America/Kentucky/Monticello', 'America/Kentucky/Monticello'), ('America/Knox_IN', 'America/Knox_IN'), ('America/Kralendijk', 'America/Kralendijk'), ('America/La_Paz', 'America/La_Paz'), ('America/Lima', 'America/Lima'), ('America/Los_Angeles', 'America/Los_Angeles'), ('America/Louisville', 'America/Louisville'), ('America/Lower_Princes', 'America/Lower_Princes'), ('America/Maceio', 'America/Maceio'), ('America/Managua', 'America/Managua'), ('America/Manaus', 'America/Manaus'), ('America/Marigot', 'America/Marigot'), ('America/Martinique', 'America/Martinique'), ('America/Matamoros', 'America/Matamoros'), ('America/Mazatlan', 'America/Mazatlan'), ('America/Mendoza', 'America/Mendoza'), ('America/Menominee', 'America/Menominee'), ('America/Merida', 'America/Merida'), ('America/Metlakatla', 'America/Metlakatla'), ('America/Mexico_City', 'America/Mexico_City'), ('America/Miquelon', 'America/Miquelon'), ('America/Moncton', 'America/Moncton'), ('America/Monterrey', 'America/Monterrey'), ('America/Montevideo', 'America/Montevideo'), ('America/Montreal', 'America/Montreal'), ('America/Montserrat', 'America/Montserrat'), ('America/Nassau', 'America/Nassau'), ('America/New_York', 'America/New_York'), ('America/Nipigon', 'America/Nipigon'), ('America/Nome', 'America/Nome'), ('America/Noronha', 'America/Noronha'), ('America/North_Dakota/Beulah', 'America/North_Dakota/Beulah'), ('America/North_Dakota/Center', 'America/North_Dakota/Center'), ('America/North_Dakota/New_Salem', 'America/North_Dakota/New_Salem'), ('America/Nuuk', 'America/Nuuk'), ('America/Ojinaga', 'America/Ojinaga'), ('America/Panama', 'America/Panama'), ('America/Pangnirtung', 'America/Pangnirtung'), ('America/Paramaribo', 'America/Paramaribo'), ('America/Phoenix', 'America/Phoenix'), ('America/Port-au-Prince', 'America/Port-au-Prince'), ('America/Port_of_Spain', 'America/Port_of_Spain'), ('America/Porto_Acre', 'America/Porto_Acre'), ('America/Porto_Velho', 'America/Porto_Velho'), ('America/Puerto_Rico', 'America/Puerto_Rico'), ('America/Punta_Arenas', 'America/Punta_Arenas'), ('America/Rainy_River', 'America/Rainy_River'), ('America/Rankin_Inlet', 'America/Rankin_Inlet'), ('America/Recife', 'America/Recife'), ('America/Regina', 'America/Regina'), ('America/Resolute', 'America/Resolute'), ('America/Rio_Branco', 'America/Rio_Branco'), ('America/Rosario', 'America/Rosario'), ('America/Santa_Isabel', 'America/Santa_Isabel'), ('America/Santarem', 'America/Santarem'), ('America/Santiago', 'America/Santiago'), ('America/Santo_Domingo', 'America/Santo_Domingo'), ('America/Sao_Paulo', 'America/Sao_Paulo'), ('America/Scoresbysund', 'America/Scoresbysund'), ('America/Shiprock', 'America/Shiprock'), ('America/Sitka', 'America/Sitka'), ('America/St_Barthelemy', 'America/St_Barthelemy'), ('America/St_Johns', 'America/St_Johns'), ('America/St_Kitts', 'America/St_Kitts'), ('America/St_Lucia', 'America/St_Lucia'), ('America/St_Thomas', 'America/St_Thomas'), ('America/St_Vincent', 'America/St_Vincent'), ('America/Swift_Current', 'America/Swift_Current'), ('America/Tegucigalpa', 'America/Tegucigalpa'), ('America/Thule', 'America/Thule'), ('America/Thunder_Bay', 'America/Thunder_Bay'), ('America/Tijuana', 'America/Tijuana'), ('America/Toronto', 'America/Toronto'), ('America/Tortola', 'America/Tortola'), ('America/Vancouver', 'America/Vancouver'), ('America/Virgin', 'America/Virgin'), ('America/Whitehorse', 'America/Whitehorse'), ('America/Winnipeg', 'America/Winnipeg'), ('America/Yakutat', 'America/Yakutat'), ('America/Yellowknife', 'America/Yellowknife')], default='America/Toronto', max_length=64, verbose_name='time zone')),
                    ('fiscal_year_start_month', models.PositiveSmallIntegerField(choices=[(1, 'January'), (2, 'February'), (3, 'March'), (4, 'April'), (5, 'May'), (6, 'June'), (7, 'July'), (8, 'August'), (9, 'September'), (10, 'October'), (11, 'November'), (12, 'December')], default=1, help_text='The month your fiscal year begins in: period reports cover one fiscal year. Choose January to report on calendar years.', verbose_name='start of the fiscal year')),
                    ('completeness_threshold', models.PositiveSmallIntegerField(db_default=100, default=100, help_text="A period counts as the coalition's result once this share of the organizations that report an indicator have an approved value; before that it is shown as partial. 100: every organization.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='completeness threshold (%)')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ConfidentialityIncident',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('occurred_on', models.DateField(help_text='When it happened, or began, as far as is known.', verbose_name='date of the incident')),
                    ('discovered_on', models.DateField(verbose_name='date of discovery')),
                    ('discovery', models.TextField(verbose_name='how it was discovered')),
                    ('nature', models.CharField(choices=[('access', 'Access not authorized by law'), ('use', 'Use not authorized by law'), ('disclosure', 'Disclosure not authorized by law'), ('loss', 'Loss of personal information'), ('other', 'Other breach of the protection of personal information')], max_length=20, verbose_name='nature of the incident')),
                    ('description', models.TextField(verbose_name='what happened')),
                    ('information_concerned', models.TextField(help_text='The kinds of information, e.g. names and email addresses of members; never the information itself.', verbose_name='personal information concerned')),
                    ('people_count', models.PositiveIntegerField(help_text='Your best estimate if the exact number is not known.', verbose_name='number of people concerned')),
                    ('serious_risk', models.BooleanField(default=False, help_text='Tick if the incident presents a risk of serious injury to the people concerned: then the Commission and the people must be notified promptly.', verbose_name='risk of serious injury')),
                    ('risk_assessment', models.TextField(help_text='How sensitive the information is, what use could be made of it, how likely harm is.', verbose_name='assessment of the risk')),
                    ('measures', models.TextField(help_text='To reduce the risk of harm and prevent a new incident.', verbose_name='measures taken')),
                    ('commission_notified_on', models.DateField(blank=True, null=True, verbose_name='Commission notified on')),
                    ('people_notified_on', models.DateField(blank=True, null=True, verbose_name='people notified on')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded on')),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                ],
                options={
                    'verbose_name': 'confidentiality incident',
                    'verbose_name_plural': 'confidentiality incidents',
                    'ordering': ['-discovered_on', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='ConfidentialityIncidentEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('occurred_on', models.DateField(help_text='When it happened, or began, as far as is known.', verbose_name='date of the incident')),
                    ('discovered_on', models.DateField(verbose_name='date of discovery')),
                    ('discovery', models.TextField(verbose_name='how it was discovered')),
                    ('nature', models.CharField(choices=[('access', 'Access not authorized by law'), ('use', 'Use not authorized by law'), ('disclosure', 'Disclosure not authorized by law'), ('loss', 'Loss of personal information'), ('other', 'Other breach of the protection of personal information')], max_length=20, verbose_name='nature of the incident')),
                    ('description', models.TextField(verbose_name='what happened')),
                    ('information_concerned', models.TextField(help_text='The kinds of information, e.g. names and email addresses of members; never the information itself.', verbose_name='personal information concerned')),
                    ('people_count', models.PositiveIntegerField(help_text='Your best estimate if the exact number is not known.', verbose_name='number of people concerned')),
                    ('serious_risk', models.BooleanField(default=False, help_text='Tick if the incident presents a risk of serious injury to the people concerned: then the Commission and the people must be notified promptly.', verbose_name='risk of serious injury')),
                    ('risk_assessment', models.TextField(help_text='How sensitive the information is, what use could be made of it, how likely harm is.', verbose_name='assessment of the risk')),
                    ('measures', models.TextField(help_text='To reduce the risk of harm and prevent a new incident.', verbose_name='measures taken')),
                    ('commission_notified_on', models.DateField(blank=True, null=True, verbose_name='Commission notified on')),
                    ('people_notified_on', models.DateField(blank=True, null=True, verbose_name='people notified on')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded on')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Consent',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('purpose', models.CharField(choices=[('service', 'Use of my information to take part in my coalitions, as the privacy policy describes'), ('weekly_summary', 'Receive the weekly summary by email'), ('directory', "Appear in the members' directory with my contact details")], max_length=30, verbose_name='purpose')),
                    ('granted', models.BooleanField(verbose_name='given')),
                    ('policy_version', models.CharField(max_length=20, verbose_name='policy version')),
                    ('source', models.CharField(choices=[('signup', 'Sign-up'), ('invitation', 'Invitation accepted'), ('profile', 'Profile'), ('new_policy', 'New privacy policy')], max_length=20, verbose_name='where')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date')),
                ],
                options={
                    'verbose_name': 'consent',
                    'verbose_name_plural': 'consents',
                    'ordering': ['-recorded_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='ConsentEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('purpose', models.CharField(choices=[('service', 'Use of my information to take part in my coalitions, as the privacy policy describes'), ('weekly_summary', 'Receive the weekly summary by email'), ('directory', "Appear in the members' directory with my contact details")], max_length=30, verbose_name='purpose')),
                    ('granted', models.BooleanField(verbose_name='given')),
                    ('policy_version', models.CharField(max_length=20, verbose_name='policy version')),
                    ('source', models.CharField(choices=[('signup', 'Sign-up'), ('invitation', 'Invitation accepted'), ('profile', 'Profile'), ('new_policy', 'New privacy policy')], max_length=20, verbose_name='where')),
                    ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='ExportJob',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(max_length=40, verbose_name='export')),
                    ('parameters', models.JSONField(blank=True, default=dict, verbose_name='filters')),
                    ('language', models.CharField(default='fr', max_length=8)),
                    ('status', models.CharField(choices=[('pending', 'Waiting to start'), ('running', 'Being prepared'), ('ready', 'Ready to download'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status')),
                    ('progress', models.PositiveIntegerField(default=0)),
                    ('row_count', models.PositiveIntegerField(null=True, verbose_name='rows')),
                    ('file', models.FileField(blank=True, max_length=300, upload_to=coalitions.models.export_upload_to)),
                    ('error', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested at')),
                    ('finished_at', models.DateTimeField(null=True)),
                ],
                options={
                    'verbose_name': 'export',
                    'verbose_name_plural': 'exports',
                },
            ),
            migrations.CreateModel(
                name='ExportJobEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('kind', models.CharField(max_length=40, verbose_name='export')),
                    ('parameters', models.JSONField(blank=True, default=dict, verbose_name='filters')),
                    ('language', models.CharField(default='fr', max_length=8)),
                    ('status', models.CharField(choices=[('pending', 'Waiting to start'), ('running', 'Being prepared'), ('ready', 'Ready to download'), ('failed', 'Failed')], default='pending', max_length=10, verbose_name='status')),
                    ('row_count', models.PositiveIntegerField(null=True, verbose_name='rows')),
                    ('file', models.FileField(blank=True, max_length=300, upload_to=coalitions.models.export_upload_to)),
                    ('error', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested at')),
                    ('finished_at', models.DateTimeField(null=True)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='FormSubmission',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('token', models.CharField(max_length=64, unique=True)),
                    ('object_id', models.PositiveBigIntegerField(null=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                ],
            ),
            migrations.CreateModel(
                name='InactivityNotice',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('warned_at', models.DateTimeField()),
                    ('emailed_at', models.DateTimeField(null=True)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Invitation',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('email', models.EmailField(max_length=254, verbose_name='email address')),
                    ('role', models.CharField(choices=[('coordinator', 'Coordinator'), ('partner', 'Partner'), ('funder', 'Funder')], max_length=20, verbose_name='role')),
                    ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                    ('token_salt', models.CharField(blank=True, default='', editable=False, max_length=32)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('expires_at', models.DateTimeField(verbose_name='expires on')),
                    ('last_sent_at', models.DateTimeField(null=True)),
                    ('send_count', models.PositiveIntegerField(default=0)),
                    ('emailed_count', models.PositiveIntegerField(default=0)),
                    ('accepted_at', models.DateTimeField(null=True)),
                    ('revoked_at', models.DateTimeField(null=True)),
                ],
                options={
                    'verbose_name': 'invitation',
                    'verbose_name_plural': 'invitations',
                    'ordering': ['-created_at'],
                },
            ),
            migrations.CreateModel(
                name='InvitationEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('email', models.EmailField(max_length=254, verbose_name='email address')),
                    ('role', models.CharField(choices=[('coordinator', 'Coordinator'), ('partner', 'Partner'), ('funder', 'Funder')], max_length=20, verbose_name='role')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('expires_at', models.DateTimeField(verbose_name='expires on')),
                    ('send_count', models.PositiveIntegerField(default=0)),
                    ('accepted_at', models.DateTimeField(null=True)),
                    ('revoked_at', models.DateTimeField(null=True)),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Membership',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('role', models.CharField(choices=[('coordinator', 'Coordinator'), ('partner', 'Partner'), ('funder', 'Funder')], max_length=20, verbose_name='role')),
                    ('is_active', models.BooleanField(default=True, verbose_name='active')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='joined on')),
                ],
                options={
                    'verbose_name': 'member',
                    'verbose_name_plural': 'members',
                },
            ),
            migrations.CreateModel(
                name='MembershipEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('role', models.CharField(choices=[('coordinator', 'Coordinator'), ('partner', 'Partner'), ('funder', 'Funder')], max_length=20, verbose_name='role')),
                    ('is_active', models.BooleanField(default=True, verbose_name='active')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='joined on')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='Organization',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('sector', models.CharField(choices=[('health', 'Health and social services'), ('education', 'Education'), ('childcare', 'Childcare'), ('municipal', 'Municipality'), ('community', 'Community'), ('library', 'Library and culture'), ('family', 'Family services'), ('philanthropy', 'Philanthropy'), ('other', 'Other')], max_length=20, verbose_name='sector')),
                    ('kind', models.CharField(choices=[('public', 'Public institution'), ('community', 'Community organization'), ('private', 'Private business'), ('funder', 'Funder'), ('other', 'Other')], max_length=20, verbose_name='kind')),
                    ('website', models.URLField(blank=True, verbose_name='website')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('skills', models.TextField(blank=True, help_text='What the organization can offer the other partners, one skill per line or separated by commas.', max_length=2000, verbose_name='skills offered')),
                ],
                options={
                    'verbose_name': 'organization',
                    'verbose_name_plural': 'organizations',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='OrganizationEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('sector', models.CharField(choices=[('health', 'Health and social services'), ('education', 'Education'), ('childcare', 'Childcare'), ('municipal', 'Municipality'), ('community', 'Community'), ('library', 'Library and culture'), ('family', 'Family services'), ('philanthropy', 'Philanthropy'), ('other', 'Other')], max_length=20, verbose_name='sector')),
                    ('kind', models.CharField(choices=[('public', 'Public institution'), ('community', 'Community organization'), ('private', 'Private business'), ('funder', 'Funder'), ('other', 'Other')], max_length=20, verbose_name='kind')),
                    ('website', models.URLField(blank=True, verbose_name='website')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('skills', models.TextField(blank=True, help_text='What the organization can offer the other partners, one skill per line or separated by commas.', max_length=2000, verbose_name='skills offered')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='PersonalDataDownload',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(choices=[('members', 'Members list'), ('activities', 'Activities export'), ('attachment', 'Activity attachment'), ('incidents', 'Register of confidentiality incidents')], max_length=20, verbose_name='what')),
                    ('detail', models.CharField(blank=True, max_length=200, verbose_name='details')),
                    ('row_count', models.PositiveIntegerField(null=True, verbose_name='rows')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='when')),
                ],
                options={
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='PrivacySettings',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('officer_name', models.CharField(blank=True, help_text='The person in charge of the protection of personal information, by name or by title (for example « Direction générale »). Left empty, the page says that the person with the highest authority in the coalition holds this role.', max_length=200, verbose_name='name or title')),
                    ('officer_email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                    ('officer_phone', models.CharField(blank=True, max_length=50, verbose_name='telephone')),
                    ('officer_other', models.TextField(blank=True, help_text='A mailing address, office hours…', verbose_name='other ways to reach them')),
                    ('retention_days', models.JSONField(blank=True, default=dict, verbose_name='retention periods')),
                    ('small_number_threshold', models.PositiveSmallIntegerField(default=5, help_text='Counts of people or families below this number are shown to funders as “fewer than” it, in dashboards, reports, snapshots, share links and exports (from 3 to 20).', validators=[django.core.validators.MinValueValidator(3), django.core.validators.MaxValueValidator(20)], verbose_name='small numbers threshold')),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                ],
                options={
                    'verbose_name': 'privacy settings',
                    'verbose_name_plural': 'privacy settings',
                },
            ),
            migrations.CreateModel(
                name='PrivacySettingsEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('officer_name', models.CharField(blank=True, help_text='The person in charge of the protection of personal information, by name or by title (for example « Direction générale »). Left empty, the page says that the person with the highest authority in the coalition holds this role.', max_length=200, verbose_name='name or title')),
                    ('officer_email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                    ('officer_phone', models.CharField(blank=True, max_length=50, verbose_name='telephone')),
                    ('officer_other', models.TextField(blank=True, help_text='A mailing address, office hours…', verbose_name='other ways to reach them')),
                    ('retention_days', models.JSONField(blank=True, default=dict, verbose_name='retention periods')),
                    ('small_number_threshold', models.PositiveSmallIntegerField(default=5, help_text='Counts of people or families below this number are shown to funders as “fewer than” it, in dashboards, reports, snapshots, share links and exports (from 3 to 20).', validators=[django.core.validators.MinValueValidator(3), django.core.validators.MaxValueValidator(20)], verbose_name='small numbers threshold')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.CreateModel(
                name='RetentionRun',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('ran_on', models.DateField(verbose_name='date')),
                    ('kind', models.CharField(max_length=40, verbose_name='kind of data')),
                    ('count', models.PositiveIntegerField(default=0, verbose_name='count')),
                ],
                options={
                    'ordering': ['-ran_on', 'kind'],
                },
            ),
            migrations.CreateModel(
                name='WorkerHeartbeat',
                fields=[
                    ('id', models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                    ('beat_at', models.DateTimeField()),
                ],
            ),
            migrations.CreateModel(
                name='User',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('password', models.CharField(max_length=128, verbose_name='password')),
                    ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                    ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                    ('email', models.EmailField(max_length=254, unique=True, verbose_name='email address')),
                    ('first_name', models.CharField(blank=True, max_length=75, verbose_name='first name')),
                    ('last_name', models.CharField(blank=True, max_length=75, verbose_name='last name')),
                    ('full_name', models.CharField(blank=True, max_length=150, verbose_name='full name')),
                    ('organization_role', models.CharField(blank=True, help_text='Your position, e.g. executive director or family worker.', max_length=150, verbose_name='role in your organization')),
                    ('language', models.CharField(blank=True, choices=[('fr', 'French'), ('en', 'English')], max_length=5, verbose_name='language')),
                    ('time_zone', models.CharField(blank=True, choices=[('America/Adak', 'America/Adak'), ('America/Anchorage', 'America/Anchorage'), ('America/Anguilla', 'America/Anguilla'), ('America/Antigua', 'America/Antigua'), ('America/Araguaina', 'America/Araguaina'), ('America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'), ('America/Argentina/Catamarca', 'America/Argentina/Catamarca'), ('America/Argentina/ComodRivadavia', 'America/Argentina/ComodRivadavia'), ('America/Argentina/Cordoba', 'America/Argentina/Cordoba'), ('America/Argentina/Jujuy', 'America/Argentina/Jujuy'), ('America/Argentina/La_Rioja', 'America/Argentina/La_Rioja'), ('America/Argentina/Mendoza', 'America/Argentina/Mendoza'), ('America/Argentina/Rio_Gallegos', 'America/Argentina/Rio_Gallegos'), ('America/Argentina/Salta', 'America/Argentina/Salta'), ('America/Argentina/San_Juan', 'America/Argentina/San_Juan'), ('America/Argentina/San_Luis', 'America/Argentina/San_Luis'), ('America/Argentina/Tucuman', 'America/Argentina/Tucuman'), ('America/Argentina/Ushuaia', 'America/Argentina/Ushuaia'), ('America/Aruba', 'America/Aruba'), ('America/Asuncion', 'America/Asuncion'), ('America/Atikokan', 'America/Atikokan'), ('America/Atka', 'America/Atka'), ('America/Bahia', 'America/Bahia'), ('America/Bahia_Banderas', 'America/Bahia_Banderas'), ('America/Barbados', 'America/Barbados'), ('America/Belem', 'America/Belem'), ('America/Belize', 'America/Belize'), ('America/Blanc-Sablon', 'America/Blanc-Sablon'), ('America/Boa_Vista', 'America/Boa_Vista'), ('America/Bogota', 'America/Bogota'), ('America/Boise', 'America/Boise'), ('America/Buenos_Aires', 'America/Buenos_Aires'), ('America/Cambridge_Bay', 'America/Cambridge_Bay'), ('America/Campo_Grande', 'America/Campo_Grande'), ('America/Cancun', 'America/Cancun'), ('America/Caracas', 'America/Caracas'), ('America/Catamarca', 'America/Catamarca'), ('America/Cayenne', 'America/Cayenne'), ('America/Cayman', 'America/Cayman'), ('America/Chicago', 'America/Chicago'), ('America/Chihuahua', 'America/Chihuahua'), ('America/Ciudad_Juarez', 'America/Ciudad_Juarez'), ('America/Coral_Harbour', 'America/Coral_Harbour'), ('America/Cordoba', 'America/Cordoba'), ('America/Costa_Rica', 'America/Costa_Rica'), ('America/Coyhaique', 'America/Coyhaique'), ('America/Creston', 'America/Creston'), ('America/Cuiaba', 'America/Cuiaba'), ('America/Curacao', 'America/Curacao'), ('America/Danmarkshavn', 'America/Danmarkshavn'), ('America/Dawson', 'America/Dawson'), ('America/Dawson_Creek', 'America/Dawson_Creek'), ('America/Denver', 'America/Denver'), ('America/Detroit', 'America/Detroit'), ('America/Dominica', 'America/Dominica'), ('America/Edmonton', 'America/Edmonton'), ('America/Eirunepe', 'America/Eirunepe'), ('America/El_Salvador', 'America/El_Salvador'), ('America/Ensenada', 'America/Ensenada'), ('America/Fort_Nelson', 'America/Fort_Nelson'), ('America/Fort_Wayne', 'America/Fort_Wayne'), ('America/Fortaleza', 'America/Fortaleza'), ('America/Glace_Bay', 'America/Glace_Bay'), ('America/Godthab', 'America/Godthab'), ('America/Goose_Bay', 'America/Goose_Bay'), ('America/Grand_Turk', 'America/Grand_Turk'), ('America/Grenada', 'America/Grenada'), ('America/Guadeloupe', 'America/Guadeloupe'), ('America/Guatemala', 'America/Guatemala'), ('America/Guayaquil', 'America/Guayaquil'), ('America/Guyana', 'America/Guyana'), ('America/Halifax', 'America/Halifax'), ('America/Havana', 'America/Havana'), ('America/Hermosillo', 'America/Hermosillo'), ('America/Indiana/Indianapolis', 'America/Indiana/Indianapolis'), ('America/Indiana/Knox', 'America/Indiana/Knox'), ('America/Indiana/Marengo', 'America/Indiana/Marengo'), ('America/Indiana/Petersburg', 'America/Indiana/Petersburg'), ('America/Indiana/Tell_City', 'America/Indiana/Tell_City'), ('America/Indiana/Vevay', 'America/Indiana/Vevay'), ('America/Indiana/Vincennes', 'America/Indiana/Vincennes'), ('America/Indiana/Winamac', 'America/Indiana/Winamac'), ('America/Indianapolis', 'America/Indianapolis'), ('America/Inuvik', 'America/Inuvik'), ('America/Iqaluit', 'America/Iqaluit'), ('America/Jamaica', 'America/Jamaica'), ('America/Jujuy', 'America/Jujuy'), ('America/Juneau', 'America/Juneau'), ('America/Kentucky/Louisville', 'America/Kentucky/Louisville'), ('America/Kentucky/Monticello', 'America/Kentucky/Monticello'), ('America/Knox_IN', 'America/Knox_IN'), ('America/Kralendijk', 'America/Kralendijk'), ('America/La_Paz', 'America/La_Paz'), ('America/Lima', 'America/Lima'), ('America/Los_Angeles', 'America/Los_Angeles'), ('America/Louisville', 'America/Louisville'), ('America/Lower_Princes', 'America/Lower_Princes'), ('America/Maceio', 'America/Maceio'), ('America/Managua', 'America/Managua'), ('America/Manaus', 'America/Manaus'), ('America/Marigot', 'America/Marigot'), ('America/Martinique', 'America/Martinique'), ('America/Matamoros', 'America/Matamoros'), ('America/Mazatlan', 'America/Mazatlan'), ('America/Mendoza', 'America/Mendoza'), ('America/Menominee', 'America/Menominee'), ('America/Merida', 'America/Merida'), ('America/Metlakatla', 'America/Metlakatla'), ('America/Mexico_City', 'America/Mexico_City'), ('America/Miquelon', 'America/Miquelon'), ('America/Moncton', 'America/Moncton'), ('America/Monterrey', 'America/Monterrey'), ('America/Montevideo', 'America/Montevideo'), ('America/Montreal', 'America/Montreal'), ('America/Montserrat', 'America/Montserrat'), ('America/Nassau', 'America/Nassau'), ('America/New_York', 'America/New_York'), ('America/Nipigon', 'America/Nipigon'), ('America/Nome', 'America/Nome'), ('America/Noronha', 'America/Noronha'), ('America/North_Dakota/Beulah', 'America/North_Dakota/Beulah'), ('America/North_Dakota/Center', 'America/North_Dakota/Center'), ('America/North_Dakota/New_Salem', 'America/North_Dakota/New_Salem'), ('America/Nuuk', 'America/Nuuk'), ('America/Ojinaga', 'America/Ojinaga'), ('America/Panama', 'America/Panama'), ('America/Pangnirtung', 'America/Pangnirtung'), ('America/Paramaribo', 'America/Paramaribo'), ('America/Phoenix', 'America/Phoenix'), ('America/Port-au-Prince', 'America/Port-au-Prince'), ('America/Port_of_Spain', 'America/Port_of_Spain'), ('America/Porto_Acre', 'America/Porto_Acre'), ('America/Porto_Velho', 'America/Porto_Velho'), ('America/Puerto_Rico', 'America/Puerto_Rico'), ('America/Punta_Arenas', 'America/Punta_Arenas'), ('America/Rainy_River', 'America/Rainy_River'), ('America/Rankin_Inlet', 'America/Rankin_Inlet'), ('America/Recife', 'America/Recife'), ('America/Regina', 'America/Regina'), ('America/Resolute', 'America/Resolute'), ('America/Rio_Branco', 'America/Rio_Branco'), ('America/Rosario', 'America/Rosario'), ('America/Santa_Isabel', 'America/Santa_Isabel'), ('America/Santarem', 'America/Santarem'), ('America/Santiago', 'America/Santiago'), ('America/Santo_Domingo', 'America/Santo_Domingo'), ('America/Sao_Paulo', 'America/Sao_Paulo'), ('America/Scoresbysund', 'America/Scoresbysund'), ('America/Shiprock', 'America/Shiprock'), ('America/Sitka', 'America/Sitka'), ('America/St_Barthelemy', 'America/St_Barthelemy'), ('America/St_Johns', 'America/St_Johns'), ('America/St_Kitts', 'America/St_Kitts'), ('America/St_Lucia', 'America/St_Lucia'), ('America/St_Thomas', 'America/St_Thomas'), ('America/St_Vincent', 'America/St_Vincent'), ('America/Swift_Current', 'America/Swift_Current'), ('America/Tegucigalpa', 'America/Tegucigalpa'), ('America/Thule', 'America/Thule'), ('America/Thunder_Bay', 'America/Thunder_Bay'), ('America/Tijuana', 'America/Tijuana'), ('America/Toronto', 'America/Toronto'), ('America/Tortola', 'America/Tortola'), ('America/Vancouver', 'America/Vancouver'), ('America/Virgin', 'America/Virgin'), ('America/Whitehorse', 'America/Whitehorse'), ('America/Winnipeg', 'America/Winnipeg'), ('America/Yakutat', 'America/Yakutat'), ('America/Yellowknife', 'America/Yellowknife')], max_length=64, verbose_name='time zone')),
                    ('privacy_policy_version', models.CharField(blank=True, editable=False, max_length=20)),
                    ('deletion_requested_at', models.DateTimeField(blank=True, editable=False, null=True)),
                    ('erased_at', models.DateTimeField(blank=True, editable=False, null=True)),
                    ('is_staff', models.BooleanField(default=False, verbose_name='staff status')),
                    ('is_active', models.BooleanField(default=True, verbose_name='active')),
                    ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                    ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                    ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                ],
                options={
                    'verbose_name': 'user',
                    'verbose_name_plural': 'users',
                },
                managers=[
                    ('objects', coalitions.models.UserManager()),
                ],
            ),
            migrations.CreateModel(
                name='ApiToken',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(help_text='What the token is for, e.g. the tool or the spreadsheet that uses it.', max_length=100, verbose_name='name')),
                    ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                    ('token_start', models.CharField(editable=False, max_length=12)),
                    ('can_write', models.BooleanField(default=False, verbose_name='read and write')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created on')),
                    ('expires_at', models.DateTimeField(verbose_name='expires on')),
                    ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='last used on')),
                    ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked on')),
                    ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                ],
                options={
                    'verbose_name': 'API token',
                    'verbose_name_plural': 'API tokens',
                    'ordering': ['-created_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='Coalition',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=200, verbose_name='name')),
                    ('slug', models.SlugField(help_text="Used in the coalition's web address: lowercase letters, digits and hyphens.", max_length=60, unique=True, verbose_name='web address')),
                    ('territory', models.CharField(max_length=200, verbose_name='territory')),
                    ('description', models.TextField(blank=True, verbose_name='description')),
                    ('default_language', models.CharField(choices=[('fr', 'French'), ('en', 'English')], default='fr', max_length=5, verbose_name='default language')),
                    ('time_zone', models.CharField(choices=[('America/Adak', 'America/Adak'), ('America/Anchorage', 'America/Anchorage'), ('America/Anguilla', 'America/Anguilla'), ('America/Antigua', 'America/Antigua'), ('America/Araguaina', 'America/Araguaina'), ('America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'), ('America/Argentina/Catamarca', 'America/Argentina/Catamarca'), ('America/Argentina/ComodRivadavia', 'America/Argentina/ComodRivadavia'), ('America/Argentina/Cordoba', 'America/Argentina/Cordoba'), ('America/Argentina/Jujuy', 'America/Argentina/Jujuy'), ('America/Argentina/La_Rioja', 'America/Argentina/La_Rioja'), ('America/Argentina/Mendoza', 'America/Argentina/Mendoza'), ('America/Argentina/Rio_Gallegos', 'America/Argentina/Rio_Gallegos'), ('America/Argentina/Salta', 'America/Argentina/Salta'), ('America/Argentina/San_Juan', 'America/Argentina/San_Juan'), ('America/Argentina/San_Luis', 'America/Argentina/San_Luis'), ('America/Argentina/Tucuman', 'America/Argentina/Tucuman'), ('America/Argentina/Ushuaia', 'America/Argentina/Ushuaia'), ('America/Aruba', 'America/Aruba'), ('America/Asuncion', 'America/Asuncion'), ('America/Atikokan', 'America/Atikokan'), ('America/Atka', 'America/Atka'), ('America/Bahia', 'America/Bahia'), ('America/Bahia_Banderas', 'America/Bahia_Banderas'), ('America/Barbados', 'America/Barbados'), ('America/Belem', 'America/Belem'), ('America/Belize', 'America/Belize'), ('America/Blanc-Sablon', 'America/Blanc-Sablon'), ('America/Boa_Vista', 'America/Boa_Vista'), ('America/Bogota', 'America/Bogota'), ('America/Boise', 'America/Boise'), ('America/Buenos_Aires', 'America/Buenos_Aires'), ('America/Cambridge_Bay', 'America/Cambridge_Bay'), ('America/Campo_Grande', 'America/Campo_Grande'), ('America/Cancun', 'America/Cancun'), ('America/Caracas', 'America/Caracas'), ('America/Catamarca', 'America/Catamarca'), ('America/Cayenne', 'America/Cayenne'), ('America/Cayman', 'America/Cayman'), ('America/Chicago', 'America/Chicago'), ('America/Chihuahua', 'America/Chihuahua'), ('America/Ciudad_Juarez', 'America/Ciudad_Juarez'), ('America/Coral_Harbour', 'America/Coral_Harbour'), ('America/Cordoba', 'America/Cordoba'), ('America/Costa_Rica', 'America/Costa_Rica'), ('America/Coyhaique', 'America/Coyhaique'), ('America/Creston', 'America/Creston'), ('America/Cuiaba', 'America/Cuiaba'), ('America/Curacao', 'America/Curacao'), ('America/Danmarkshavn', 'America/Danmarkshavn'), ('America/Dawson', 'America/Dawson'), ('America/Dawson_Creek', 'America/Dawson_Creek'), ('America/Denver', 'America/Denver'), ('America/Detroit', 'America/Detroit'), ('America/Dominica', 'America/Dominica'), ('America/Edmonton', 'America/Edmonton'), ('America/Eirunepe', 'America/Eirunepe'), ('America/El_Salvador', 'America/El_Salvador'), ('America/Ensenada', 'America/Ensenada'), ('America/Fort_Nelson', 'America/Fort_Nelson'), ('America/Fort_Wayne', 'America/Fort_Wayne'), ('America/Fortaleza', 'America/Fortaleza'), ('America/Glace_Bay', 'America/Glace_Bay'), ('America/Godthab', 'America/Godthab'), ('America/Goose_Bay', 'America/Goose_Bay'), ('America/Grand_Turk', 'America/Grand_Turk'), ('America/Grenada', 'America/Grenada'), ('America/Guadeloupe', 'America/Guadeloupe'), ('America/Guatemala', 'America/Guatemala'), ('America/Guayaquil', 'America/Guayaquil'), ('America/Guyana', 'America/Guyana'), ('America/Halifax', 'America/Halifax'), ('America/Havana', 'America/Havana'), ('America/Hermosillo', 'America/Hermosillo'), ('America/Indiana/Indianapolis', 'America/Indiana/Indianapolis'), ('America/Indiana/Knox', 'America/Indiana/Knox'), ('America/Indiana/Marengo', 'America/Indiana/Marengo'), ('America/Indiana/Petersburg', 'America/Indiana/Petersburg'), ('America/Indiana/Tell_City', 'America/Indiana/Tell_City'), ('America/Indiana/Vevay', 'America/Indiana/Vevay'), ('America/Indiana/Vincennes', 'America/Indiana/Vincennes'), ('America/Indiana/Winamac', 'America/Indiana/Winamac'), ('America/Indianapolis', 'America/Indianapolis'), ('America/Inuvik', 'America/Inuvik'), ('America/Iqaluit', 'America/Iqaluit'), ('America/Jamaica', 'America/Jamaica'), ('America/Jujuy', 'America/Jujuy'), ('America/Juneau', 'America/Juneau'), ('America/Kentucky/Louisville', 'America/Kentucky/Louisville'), ('America/Kentucky/Monticello', 'America/Kentucky/Monticello'), ('America/Knox_IN', 'America/Knox_IN'), ('America/Kralendijk', 'America/Kralendijk'), ('America/La_Paz', 'America/La_Paz'), ('America/Lima', 'America/Lima'), ('America/Los_Angeles', 'America/Los_Angeles'), ('America/Louisville', 'America/Louisville'), ('America/Lower_Princes', 'America/Lower_Princes'), ('America/Maceio', 'America/Maceio'), ('America/Managua', 'America/Managua'), ('America/Manaus', 'America/Manaus'), ('America/Marigot', 'America/Marigot'), ('America/Martinique', 'America/Martinique'), ('America/Matamoros', 'America/Matamoros'), ('America/Mazatlan', 'America/Mazatlan'), ('America/Mendoza', 'America/Mendoza'), ('America/Menominee', 'America/Menominee'), ('America/Merida', 'America/Merida'), ('America/Metlakatla', 'America/Metlakatla'), ('America/Mexico_City', 'America/Mexico_City'), ('America/Miquelon', 'America/Miquelon'), ('America/Moncton', 'America/Moncton'), ('America/Monterrey', 'America/Monterrey'), ('America/Montevideo', 'America/Montevideo'), ('America/Montreal', 'America/Montreal'), ('America/Montserrat', 'America/Montserrat'), ('America/Nassau', 'America/Nassau'), ('America/New_York', 'America/New_York'), ('America/Nipigon', 'America/Nipigon'), ('America/Nome', 'America/Nome'), ('America/Noronha', 'America/Noronha'), ('America/North_Dakota/Beulah', 'America/North_Dakota/Beulah'), ('America/North_Dakota/Center', 'America/North_Dakota/Center'), ('America/North_Dakota/New_Salem', 'America/North_Dakota/New_Salem'), ('America/Nuuk', 'America/Nuuk'), ('America/Ojinaga', 'America/Ojinaga'), ('America/Panama', 'America/Panama'), ('America/Pangnirtung', 'America/Pangnirtung'), ('America/Paramaribo', 'America/Paramaribo'), ('America/Phoenix', 'America/Phoenix'), ('America/Port-au-Prince', 'America/Port-au-Prince'), ('America/Port_of_Spain', 'America/Port_of_Spain'), ('America/Porto_Acre', 'America/Porto_Acre'), ('America/Porto_Velho', 'America/Porto_Velho'), ('America/Puerto_Rico', 'America/Puerto_Rico'), ('America/Punta_Arenas', 'America/Punta_Arenas'), ('America/Rainy_River', 'America/Rainy_River'), ('America/Rankin_Inlet', 'America/Rankin_Inlet'), ('America/Recife', 'America/Recife'), ('America/Regina', 'America/Regina'), ('America/Resolute', 'America/Resolute'), ('America/Rio_Branco', 'America/Rio_Branco'), ('America/Rosario', 'America/Rosario'), ('America/Santa_Isabel', 'America/Santa_Isabel'), ('America/Santarem', 'America/Santarem'), ('America/Santiago', 'America/Santiago'), ('America/Santo_Domingo', 'America/Santo_Domingo'), ('America/Sao_Paulo', 'America/Sao_Paulo'), ('America/Scoresbysund', 'America/Scoresbysund'), ('America/Shiprock', 'America/Shiprock'), ('America/Sitka', 'America/Sitka'), ('America/St_Barthelemy', 'America/St_Barthelemy'), ('America/St_Johns', 'America/St_Johns'), ('America/St_Kitts', 'America/St_Kitts'), ('America/St_Lucia', 'America/St_Lucia'), ('America/St_Thomas', 'America/St_Thomas'), ('America/St_Vincent', 'America/St_Vincent'), ('America/Swift_Current', 'America/Swift_Current'), ('America/Tegucigalpa', 'America/Tegucigalpa'), ('America/Thule', 'America/Thule'), ('America/Thunder_Bay', 'America/Thunder_Bay'), ('America/Tijuana', 'America/Tijuana'), ('America/Toronto', 'America/Toronto'), ('America/Tortola', 'America/Tortola'), ('America/Vancouver', 'America/Vancouver'), ('America/Virgin', 'America/Virgin'), ('America/Whitehorse', 'America/Whitehorse'), ('America/Winnipeg', 'America/Winnipeg'), ('America/Yakutat', 'America/Yakutat'), ('America/Yellowknife', 'America/Yellowknife')], default='America/Toronto', max_length=64, verbose_name='time zone')),
                    ('fiscal_year_start_month', models.PositiveSmallIntegerField(choices=[(1, 'January'), (2, 'February'), (3, 'March'), (4, 'April'), (5, 'May'), (6, 'June'), (7, 'July'), (8, 'August'), (9, 'September'), (10, 'October'), (11, 'November'), (12, 'December')], default=1, help_text='The month your fiscal year begins in: period reports cover one fiscal year. Choose January to report on calendar years.', verbose_name='start of the fiscal year')),
                    ('completeness_threshold', models.PositiveSmallIntegerField(db_default=100, default=100, help_text="A period counts as the coalition's result once this share of the organizations that report an indicator have an approved value; before that it is shown as partial. 100: every organization.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='completeness threshold (%)')),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                ],
                options={
                    'verbose_name': 'coalition',
                    'verbose_name_plural': 'coalitions',
                    'ordering': ['name'],
                    'constraints': [models.CheckConstraint(condition=models.Q(('fiscal_year_start_month__gte', 1), ('fiscal_year_start_month__lte', 12)), name='coalition_fiscal_year_start_month_1_to_12'), models.CheckConstraint(condition=models.Q(('completeness_threshold__gte', 1), ('completeness_threshold__lte', 100)), name='coalition_completeness_threshold_1_to_100')],
                },
            ),
            migrations.CreateModel(
                name='ApiTokenEvent',
                fields=[
                    ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                    ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                    ('pgh_label', models.TextField(help_text='The event label.')),
                    ('id', models.BigIntegerField()),
                    ('name', models.CharField(help_text='What the token is for, e.g. the tool or the spreadsheet that uses it.', max_length=100, verbose_name='name')),
                    ('can_write', models.BooleanField(default=False, verbose_name='read and write')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created on')),
                    ('expires_at', models.DateTimeField(verbose_name='expires on')),
                    ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked on')),
                    ('pgh_context', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context')),
                    ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.apitoken')),
                    ('user', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                    ('coalition', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition')),
                ],
                options={
                    'abstract': False,
                },
            ),
            migrations.AddField(
                model_name='apitoken',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='coalition',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_coalitionevent" ("completeness_threshold", "default_language", "description", "fiscal_year_start_month", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "slug", "territory", "time_zone") VALUES (NEW."completeness_threshold", NEW."default_language", NEW."description", NEW."fiscal_year_start_month", NEW."id", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."slug", NEW."territory", NEW."time_zone"); RETURN NULL;', hash='f92f1e4b93497953389cdc3a38499e5b6f41be99', operation='INSERT', pgid='pgtrigger_insert_insert_8cf7e', table='coalitions_coalition', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='coalition',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."completeness_threshold" IS DISTINCT FROM (NEW."completeness_threshold") OR OLD."default_language" IS DISTINCT FROM (NEW."default_language") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."fiscal_year_start_month" IS DISTINCT FROM (NEW."fiscal_year_start_month") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."slug" IS DISTINCT FROM (NEW."slug") OR OLD."territory" IS DISTINCT FROM (NEW."territory") OR OLD."time_zone" IS DISTINCT FROM (NEW."time_zone"))', func='INSERT INTO "coalitions_coalitionevent" ("completeness_threshold", "default_language", "description", "fiscal_year_start_month", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "slug", "territory", "time_zone") VALUES (NEW."completeness_threshold", NEW."default_language", NEW."description", NEW."fiscal_year_start_month", NEW."id", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."slug", NEW."territory", NEW."time_zone"); RETURN NULL;', hash='d0412e97afd860fe577c0b0a1b681dea18638b41', operation='UPDATE', pgid='pgtrigger_update_update_4d8a0', table='coalitions_coalition', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='coalition',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_coalitionevent" ("completeness_threshold", "default_language", "description", "fiscal_year_start_month", "id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "slug", "territory", "time_zone") VALUES (OLD."completeness_threshold", OLD."default_language", OLD."description", OLD."fiscal_year_start_month", OLD."id", OLD."name", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."slug", OLD."territory", OLD."time_zone"); RETURN NULL;', hash='66c67c4d8613c39d75eefc3ed56003b3d426ea37', operation='DELETE', pgid='pgtrigger_delete_delete_f62a9', table='coalitions_coalition', when='AFTER')),
            ),
            migrations.AddField(
                model_name='coalitionevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='coalitionevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.coalition'),
            ),
            migrations.AddField(
                model_name='confidentialityincident',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='confidentialityincident',
                name='recorded_by',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by'),
            ),
            migrations.AddField(
                model_name='confidentialityincidentevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='confidentialityincidentevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='confidentialityincidentevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.confidentialityincident'),
            ),
            migrations.AddField(
                model_name='confidentialityincidentevent',
                name='recorded_by',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by'),
            ),
            migrations.AddField(
                model_name='consent',
                name='user',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to=settings.AUTH_USER_MODEL, verbose_name='person'),
            ),
            migrations.AddField(
                model_name='consentevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='consentevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.consent'),
            ),
            migrations.AddField(
                model_name='consentevent',
                name='user',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person'),
            ),
            migrations.AddField(
                model_name='exportjob',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='exportjob',
                name='requested_by',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by'),
            ),
            migrations.AddField(
                model_name='exportjobevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='exportjobevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='exportjobevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.exportjob'),
            ),
            migrations.AddField(
                model_name='exportjobevent',
                name='requested_by',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by'),
            ),
            migrations.AddField(
                model_name='formsubmission',
                name='actor',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='formsubmission',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='formsubmission',
                name='content_type',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype'),
            ),
            migrations.AddField(
                model_name='inactivitynotice',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='invitation',
                name='accepted_by',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='invitation',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='invitation',
                name='invited_by',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='invitationevent',
                name='accepted_by',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='invitationevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='invitationevent',
                name='invited_by',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL),
            ),
            migrations.AddField(
                model_name='invitationevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='invitationevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.invitation'),
            ),
            migrations.AddField(
                model_name='membership',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='membership',
                name='user',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL, verbose_name='person'),
            ),
            migrations.AddField(
                model_name='inactivitynotice',
                name='membership',
                field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='inactivity_notice', to='coalitions.membership'),
            ),
            migrations.AddField(
                model_name='apitokenevent',
                name='membership',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.membership', verbose_name='member'),
            ),
            migrations.AddField(
                model_name='apitoken',
                name='membership',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to='coalitions.membership', verbose_name='member'),
            ),
            migrations.AddField(
                model_name='membershipevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='membershipevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='membershipevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.membership'),
            ),
            migrations.AddField(
                model_name='membershipevent',
                name='user',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person'),
            ),
            migrations.AddField(
                model_name='organization',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='organization',
                name='group',
                field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='organization', to='auth.group'),
            ),
            migrations.AddField(
                model_name='organization',
                name='representative',
                field=models.ForeignKey(blank=True, help_text='The person who speaks for the organization, e.g. to endorse the common agenda.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='representative'),
            ),
            migrations.AddField(
                model_name='membershipevent',
                name='organization',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='organization'),
            ),
            migrations.AddField(
                model_name='membership',
                name='organization',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='coalitions.organization', verbose_name='organization'),
            ),
            migrations.AddField(
                model_name='invitationevent',
                name='organization',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.organization', verbose_name='organization'),
            ),
            migrations.AddField(
                model_name='invitation',
                name='organization',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='coalitions.organization', verbose_name='organization'),
            ),
            migrations.AddField(
                model_name='organizationevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='organizationevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='organizationevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.organization'),
            ),
            migrations.AddField(
                model_name='organizationevent',
                name='representative',
                field=models.ForeignKey(blank=True, db_constraint=False, help_text='The person who speaks for the organization, e.g. to endorse the common agenda.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='representative'),
            ),
            migrations.AddField(
                model_name='personaldatadownload',
                name='actor',
                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who'),
            ),
            migrations.AddField(
                model_name='personaldatadownload',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='privacysettings',
                name='coalition',
                field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='privacy_settings', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='privacysettingsevent',
                name='coalition',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddField(
                model_name='privacysettingsevent',
                name='pgh_context',
                field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='pghistory.context'),
            ),
            migrations.AddField(
                model_name='privacysettingsevent',
                name='pgh_obj',
                field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='events', to='coalitions.privacysettings'),
            ),
            migrations.AddField(
                model_name='retentionrun',
                name='coalition',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition', verbose_name='coalition'),
            ),
            migrations.AddConstraint(
                model_name='workerheartbeat',
                constraint=models.CheckConstraint(condition=models.Q(('id', 1)), name='worker_heartbeat_single_row'),
            ),
            migrations.AddIndex(
                model_name='confidentialityincident',
                index=models.Index(fields=['coalition', '-discovered_on', '-id'], name='incident_register_order'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='confidentialityincident',
                trigger=pgtrigger.compiler.Trigger(name='incident_kept_five_years', sql=pgtrigger.compiler.UpsertTriggerSql(condition="WHEN (OLD.created_at > NOW() - INTERVAL '5 years')", func="RAISE EXCEPTION 'pgtrigger: Cannot delete rows from % table', TG_TABLE_NAME;", hash='37cb41b9d74d1fc93ef11cf81c186ea1dd680903', operation='DELETE', pgid='pgtrigger_incident_kept_five_years_c7a6f', table='coalitions_confidentialityincident', when='BEFORE')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='confidentialityincident',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_confidentialityincidentevent" ("coalition_id", "commission_notified_on", "created_at", "description", "discovered_on", "discovery", "id", "information_concerned", "measures", "nature", "occurred_on", "people_count", "people_notified_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_by_id", "risk_assessment", "serious_risk") VALUES (NEW."coalition_id", NEW."commission_notified_on", NEW."created_at", NEW."description", NEW."discovered_on", NEW."discovery", NEW."id", NEW."information_concerned", NEW."measures", NEW."nature", NEW."occurred_on", NEW."people_count", NEW."people_notified_on", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."recorded_by_id", NEW."risk_assessment", NEW."serious_risk"); RETURN NULL;', hash='2b0e839b8b52ecf3d1d7bdfb97c77152703b2691', operation='INSERT', pgid='pgtrigger_insert_insert_4e095', table='coalitions_confidentialityincident', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='confidentialityincident',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."commission_notified_on" IS DISTINCT FROM (NEW."commission_notified_on") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."discovered_on" IS DISTINCT FROM (NEW."discovered_on") OR OLD."discovery" IS DISTINCT FROM (NEW."discovery") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."information_concerned" IS DISTINCT FROM (NEW."information_concerned") OR OLD."measures" IS DISTINCT FROM (NEW."measures") OR OLD."nature" IS DISTINCT FROM (NEW."nature") OR OLD."occurred_on" IS DISTINCT FROM (NEW."occurred_on") OR OLD."people_count" IS DISTINCT FROM (NEW."people_count") OR OLD."people_notified_on" IS DISTINCT FROM (NEW."people_notified_on") OR OLD."recorded_by_id" IS DISTINCT FROM (NEW."recorded_by_id") OR OLD."risk_assessment" IS DISTINCT FROM (NEW."risk_assessment") OR OLD."serious_risk" IS DISTINCT FROM (NEW."serious_risk"))', func='INSERT INTO "coalitions_confidentialityincidentevent" ("coalition_id", "commission_notified_on", "created_at", "description", "discovered_on", "discovery", "id", "information_concerned", "measures", "nature", "occurred_on", "people_count", "people_notified_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_by_id", "risk_assessment", "serious_risk") VALUES (NEW."coalition_id", NEW."commission_notified_on", NEW."created_at", NEW."description", NEW."discovered_on", NEW."discovery", NEW."id", NEW."information_concerned", NEW."measures", NEW."nature", NEW."occurred_on", NEW."people_count", NEW."people_notified_on", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."recorded_by_id", NEW."risk_assessment", NEW."serious_risk"); RETURN NULL;', hash='04efaf6a0085b9c796d0e04b9fc1a4db86e8375e', operation='UPDATE', pgid='pgtrigger_update_update_45dba', table='coalitions_confidentialityincident', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='confidentialityincident',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_confidentialityincidentevent" ("coalition_id", "commission_notified_on", "created_at", "description", "discovered_on", "discovery", "id", "information_concerned", "measures", "nature", "occurred_on", "people_count", "people_notified_on", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_by_id", "risk_assessment", "serious_risk") VALUES (OLD."coalition_id", OLD."commission_notified_on", OLD."created_at", OLD."description", OLD."discovered_on", OLD."discovery", OLD."id", OLD."information_concerned", OLD."measures", OLD."nature", OLD."occurred_on", OLD."people_count", OLD."people_notified_on", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."recorded_by_id", OLD."risk_assessment", OLD."serious_risk"); RETURN NULL;', hash='07576aa67a166e47a07b418bd1e54be3eb48ea9e', operation='DELETE', pgid='pgtrigger_delete_delete_ab2fd', table='coalitions_confidentialityincident', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='confidentialityincidentevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_b4e23b_idx'),
            ),
            migrations.AddIndex(
                model_name='consent',
                index=models.Index(fields=['user', 'purpose', '-recorded_at'], name='consent_latest'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consent',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_consentevent" ("granted", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "policy_version", "purpose", "recorded_at", "source", "user_id") VALUES (NEW."granted", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."policy_version", NEW."purpose", NEW."recorded_at", NEW."source", NEW."user_id"); RETURN NULL;', hash='66ffd9444e5b5962bb0e0509fee6f1c2549ab49e', operation='INSERT', pgid='pgtrigger_insert_insert_08b68', table='coalitions_consent', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consent',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coalitions_consentevent" ("granted", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "policy_version", "purpose", "recorded_at", "source", "user_id") VALUES (NEW."granted", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."policy_version", NEW."purpose", NEW."recorded_at", NEW."source", NEW."user_id"); RETURN NULL;', hash='86499fec131fc5aab2f7909039fffbdb9f042645', operation='UPDATE', pgid='pgtrigger_update_update_a7e67', table='coalitions_consent', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='consent',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_consentevent" ("granted", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "policy_version", "purpose", "recorded_at", "source", "user_id") VALUES (OLD."granted", OLD."id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."policy_version", OLD."purpose", OLD."recorded_at", OLD."source", OLD."user_id"); RETURN NULL;', hash='50ee224f50843f6e917f5806be66f508e9481187', operation='DELETE', pgid='pgtrigger_delete_delete_eaf8f', table='coalitions_consent', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='exportjob',
                index=models.Index(fields=['coalition', 'created_at'], name='export_job_age'),
            ),
            migrations.AddConstraint(
                model_name='exportjob',
                constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['pending', 'running'])), fields=('coalition', 'requested_by', 'kind', 'parameters'), name='export_job_once_at_a_time'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='exportjob',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_exportjobevent" ("coalition_id", "created_at", "error", "file", "finished_at", "id", "kind", "language", "parameters", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "requested_by_id", "row_count", "status") VALUES (NEW."coalition_id", NEW."created_at", NEW."error", NEW."file", NEW."finished_at", NEW."id", NEW."kind", NEW."language", NEW."parameters", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."requested_by_id", NEW."row_count", NEW."status"); RETURN NULL;', hash='ab74264be9bc13e47ba92f894d8a9f583c116baf', operation='INSERT', pgid='pgtrigger_insert_insert_6ca9e', table='coalitions_exportjob', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='exportjob',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."error" IS DISTINCT FROM (NEW."error") OR OLD."file" IS DISTINCT FROM (NEW."file") OR OLD."finished_at" IS DISTINCT FROM (NEW."finished_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."language" IS DISTINCT FROM (NEW."language") OR OLD."parameters" IS DISTINCT FROM (NEW."parameters") OR OLD."requested_by_id" IS DISTINCT FROM (NEW."requested_by_id") OR OLD."row_count" IS DISTINCT FROM (NEW."row_count") OR OLD."status" IS DISTINCT FROM (NEW."status"))', func='INSERT INTO "coalitions_exportjobevent" ("coalition_id", "created_at", "error", "file", "finished_at", "id", "kind", "language", "parameters", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "requested_by_id", "row_count", "status") VALUES (NEW."coalition_id", NEW."created_at", NEW."error", NEW."file", NEW."finished_at", NEW."id", NEW."kind", NEW."language", NEW."parameters", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."requested_by_id", NEW."row_count", NEW."status"); RETURN NULL;', hash='26917ad72dd81e85026ab8d3ce00b312aa438a7c', operation='UPDATE', pgid='pgtrigger_update_update_62685', table='coalitions_exportjob', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='exportjob',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_exportjobevent" ("coalition_id", "created_at", "error", "file", "finished_at", "id", "kind", "language", "parameters", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "requested_by_id", "row_count", "status") VALUES (OLD."coalition_id", OLD."created_at", OLD."error", OLD."file", OLD."finished_at", OLD."id", OLD."kind", OLD."language", OLD."parameters", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."requested_by_id", OLD."row_count", OLD."status"); RETURN NULL;', hash='2552860bb0046aad179bb018ffc75b60e48cc8df', operation='DELETE', pgid='pgtrigger_delete_delete_38892', table='coalitions_exportjob', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='exportjobevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_f1e58c_idx'),
            ),
            migrations.AddIndex(
                model_name='formsubmission',
                index=models.Index(fields=['created_at'], name='form_submission_created'),
            ),
            migrations.AddIndex(
                model_name='apitokenevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_272015_idx'),
            ),
            migrations.AddIndex(
                model_name='apitoken',
                index=models.Index(fields=['coalition', 'user', '-created_at'], name='api_token_by_owner'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='apitoken',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_apitokenevent" ("can_write", "coalition_id", "created_at", "expires_at", "id", "membership_id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "user_id") VALUES (NEW."can_write", NEW."coalition_id", NEW."created_at", NEW."expires_at", NEW."id", NEW."membership_id", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."revoked_at", NEW."user_id"); RETURN NULL;', hash='9501bb5231fd86d82d3487a0e3540f9bfbf2550a', operation='INSERT', pgid='pgtrigger_insert_insert_36704', table='coalitions_apitoken', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='apitoken',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."can_write" IS DISTINCT FROM (NEW."can_write") OR OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."expires_at" IS DISTINCT FROM (NEW."expires_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."membership_id" IS DISTINCT FROM (NEW."membership_id") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."revoked_at" IS DISTINCT FROM (NEW."revoked_at") OR OLD."user_id" IS DISTINCT FROM (NEW."user_id"))', func='INSERT INTO "coalitions_apitokenevent" ("can_write", "coalition_id", "created_at", "expires_at", "id", "membership_id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "user_id") VALUES (NEW."can_write", NEW."coalition_id", NEW."created_at", NEW."expires_at", NEW."id", NEW."membership_id", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."revoked_at", NEW."user_id"); RETURN NULL;', hash='4320f80c5f269e078c529b6b5e945f561c8c1e4f', operation='UPDATE', pgid='pgtrigger_update_update_5e94c', table='coalitions_apitoken', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='apitoken',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_apitokenevent" ("can_write", "coalition_id", "created_at", "expires_at", "id", "membership_id", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "user_id") VALUES (OLD."can_write", OLD."coalition_id", OLD."created_at", OLD."expires_at", OLD."id", OLD."membership_id", OLD."name", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."revoked_at", OLD."user_id"); RETURN NULL;', hash='c76f2d27f12a5500970401901c11fab55cfabd81', operation='DELETE', pgid='pgtrigger_delete_delete_ac473', table='coalitions_apitoken', when='AFTER')),
            ),
            migrations.AddConstraint(
                model_name='organization',
                constraint=models.UniqueConstraint(models.F('coalition'), django.db.models.functions.text.Lower('name'), name='organization_unique_name'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='organization',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_organizationevent" ("coalition_id", "description", "id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "representative_id", "sector", "skills", "website") VALUES (NEW."coalition_id", NEW."description", NEW."id", NEW."kind", NEW."name", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."representative_id", NEW."sector", NEW."skills", NEW."website"); RETURN NULL;', hash='ddc19edee8a6edb88c0816fbe8598fbc454fcfdd', operation='INSERT', pgid='pgtrigger_insert_insert_09cd1', table='coalitions_organization', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='organization',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."description" IS DISTINCT FROM (NEW."description") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."name" IS DISTINCT FROM (NEW."name") OR OLD."representative_id" IS DISTINCT FROM (NEW."representative_id") OR OLD."sector" IS DISTINCT FROM (NEW."sector") OR OLD."skills" IS DISTINCT FROM (NEW."skills") OR OLD."website" IS DISTINCT FROM (NEW."website"))', func='INSERT INTO "coalitions_organizationevent" ("coalition_id", "description", "id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "representative_id", "sector", "skills", "website") VALUES (NEW."coalition_id", NEW."description", NEW."id", NEW."kind", NEW."name", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."representative_id", NEW."sector", NEW."skills", NEW."website"); RETURN NULL;', hash='649758f65f679d08523383d9dcc340f98ad2d196', operation='UPDATE', pgid='pgtrigger_update_update_b120d', table='coalitions_organization', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='organization',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_organizationevent" ("coalition_id", "description", "id", "kind", "name", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "representative_id", "sector", "skills", "website") VALUES (OLD."coalition_id", OLD."description", OLD."id", OLD."kind", OLD."name", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."representative_id", OLD."sector", OLD."skills", OLD."website"); RETURN NULL;', hash='f04d1825b39bf9603c9750361eec071ac52314ef', operation='DELETE', pgid='pgtrigger_delete_delete_7bc6d', table='coalitions_organization', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='membershipevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_de2a21_idx'),
            ),
            migrations.AddConstraint(
                model_name='membership',
                constraint=models.UniqueConstraint(models.F('coalition'), models.F('user'), name='membership_one_per_coalition'),
            ),
            migrations.AddConstraint(
                model_name='membership',
                constraint=models.CheckConstraint(condition=models.Q(('role', 'coordinator'), ('organization__isnull', False), _connector='OR'), name='membership_partner_funder_has_organization'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='membership',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_membershipevent" ("coalition_id", "created_at", "id", "is_active", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "user_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."id", NEW."is_active", NEW."organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."role", NEW."user_id"); RETURN NULL;', hash='5b679e7b05befefeecfaef7ab7853c42fb48ce2f', operation='INSERT', pgid='pgtrigger_insert_insert_c69fb', table='coalitions_membership', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='membership',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "coalitions_membershipevent" ("coalition_id", "created_at", "id", "is_active", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "user_id") VALUES (NEW."coalition_id", NEW."created_at", NEW."id", NEW."is_active", NEW."organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."role", NEW."user_id"); RETURN NULL;', hash='b00dc19ca7f8a84a74893f59b6b5e7cce89782a6', operation='UPDATE', pgid='pgtrigger_update_update_a60e5', table='coalitions_membership', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='membership',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_membershipevent" ("coalition_id", "created_at", "id", "is_active", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "user_id") VALUES (OLD."coalition_id", OLD."created_at", OLD."id", OLD."is_active", OLD."organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."role", OLD."user_id"); RETURN NULL;', hash='31ebfb14b2c1ac2d62ffea47fbf9154be64bdd8c', operation='DELETE', pgid='pgtrigger_delete_delete_b3ee2', table='coalitions_membership', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='invitationevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_527be2_idx'),
            ),
            migrations.AddConstraint(
                model_name='invitation',
                constraint=models.UniqueConstraint(models.F('coalition'), django.db.models.functions.text.Lower('email'), condition=models.Q(('accepted_at__isnull', True), ('revoked_at__isnull', True)), name='invitation_one_open_per_email'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='invitation',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_invitationevent" ("accepted_at", "accepted_by_id", "coalition_id", "created_at", "email", "expires_at", "id", "invited_by_id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "role", "send_count") VALUES (NEW."accepted_at", NEW."accepted_by_id", NEW."coalition_id", NEW."created_at", NEW."email", NEW."expires_at", NEW."id", NEW."invited_by_id", NEW."organization_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."revoked_at", NEW."role", NEW."send_count"); RETURN NULL;', hash='7f45a90069325e5bad4cfc975753fc48cbd973ba', operation='INSERT', pgid='pgtrigger_insert_insert_3bf27', table='coalitions_invitation', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='invitation',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."accepted_at" IS DISTINCT FROM (NEW."accepted_at") OR OLD."accepted_by_id" IS DISTINCT FROM (NEW."accepted_by_id") OR OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."created_at" IS DISTINCT FROM (NEW."created_at") OR OLD."email" IS DISTINCT FROM (NEW."email") OR OLD."expires_at" IS DISTINCT FROM (NEW."expires_at") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."invited_by_id" IS DISTINCT FROM (NEW."invited_by_id") OR OLD."organization_id" IS DISTINCT FROM (NEW."organization_id") OR OLD."revoked_at" IS DISTINCT FROM (NEW."revoked_at") OR OLD."role" IS DISTINCT FROM (NEW."role") OR OLD."send_count" IS DISTINCT FROM (NEW."send_count"))', func='INSERT INTO "coalitions_invitationevent" ("accepted_at", "accepted_by_id", "coalition_id", "created_at", "email", "expires_at", "id", "invited_by_id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "role", "send_count") VALUES (NEW."accepted_at", NEW."accepted_by_id", NEW."coalition_id", NEW."created_at", NEW."email", NEW."expires_at", NEW."id", NEW."invited_by_id", NEW."organization_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."revoked_at", NEW."role", NEW."send_count"); RETURN NULL;', hash='4648f371a58979fd8ba66c50702486b34eea0913', operation='UPDATE', pgid='pgtrigger_update_update_99ebb', table='coalitions_invitation', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='invitation',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_invitationevent" ("accepted_at", "accepted_by_id", "coalition_id", "created_at", "email", "expires_at", "id", "invited_by_id", "organization_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "revoked_at", "role", "send_count") VALUES (OLD."accepted_at", OLD."accepted_by_id", OLD."coalition_id", OLD."created_at", OLD."email", OLD."expires_at", OLD."id", OLD."invited_by_id", OLD."organization_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."revoked_at", OLD."role", OLD."send_count"); RETURN NULL;', hash='b9f9763a605234283ac018bd24f55d418aa20720', operation='DELETE', pgid='pgtrigger_delete_delete_a4060', table='coalitions_invitation', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='organizationevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_f9064a_idx'),
            ),
            migrations.AddIndex(
                model_name='personaldatadownload',
                index=models.Index(fields=['coalition', '-created_at', '-id'], name='download_log_order'),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='privacysettings',
                trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_privacysettingsevent" ("coalition_id", "id", "officer_email", "officer_name", "officer_other", "officer_phone", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "retention_days", "small_number_threshold") VALUES (NEW."coalition_id", NEW."id", NEW."officer_email", NEW."officer_name", NEW."officer_other", NEW."officer_phone", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."retention_days", NEW."small_number_threshold"); RETURN NULL;', hash='d00992bbd7812cd1365a21242398b942d2cb8154', operation='INSERT', pgid='pgtrigger_insert_insert_5dfc9', table='coalitions_privacysettings', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='privacysettings',
                trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD."coalition_id" IS DISTINCT FROM (NEW."coalition_id") OR OLD."id" IS DISTINCT FROM (NEW."id") OR OLD."officer_email" IS DISTINCT FROM (NEW."officer_email") OR OLD."officer_name" IS DISTINCT FROM (NEW."officer_name") OR OLD."officer_other" IS DISTINCT FROM (NEW."officer_other") OR OLD."officer_phone" IS DISTINCT FROM (NEW."officer_phone") OR OLD."retention_days" IS DISTINCT FROM (NEW."retention_days") OR OLD."small_number_threshold" IS DISTINCT FROM (NEW."small_number_threshold"))', func='INSERT INTO "coalitions_privacysettingsevent" ("coalition_id", "id", "officer_email", "officer_name", "officer_other", "officer_phone", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "retention_days", "small_number_threshold") VALUES (NEW."coalition_id", NEW."id", NEW."officer_email", NEW."officer_name", NEW."officer_other", NEW."officer_phone", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."retention_days", NEW."small_number_threshold"); RETURN NULL;', hash='d47ce3ee5db11302dcbebd61fc45e1df08875b5b', operation='UPDATE', pgid='pgtrigger_update_update_a909b', table='coalitions_privacysettings', when='AFTER')),
            ),
            pgtrigger.migrations.AddTrigger(
                model_name='privacysettings',
                trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "coalitions_privacysettingsevent" ("coalition_id", "id", "officer_email", "officer_name", "officer_other", "officer_phone", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "retention_days", "small_number_threshold") VALUES (OLD."coalition_id", OLD."id", OLD."officer_email", OLD."officer_name", OLD."officer_other", OLD."officer_phone", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."retention_days", OLD."small_number_threshold"); RETURN NULL;', hash='df703c53f3c5a055aab73f7b15b1711c7f81fb8f', operation='DELETE', pgid='pgtrigger_delete_delete_23a14', table='coalitions_privacysettings', when='AFTER')),
            ),
            migrations.AddIndex(
                model_name='privacysettingsevent',
                index=models.Index(fields=['coalition', '-pgh_created_at', '-pgh_id'], name='coalitions__coaliti_ffb85f_idx'),
            ),
            migrations.AddConstraint(
                model_name='retentionrun',
                constraint=models.UniqueConstraint(fields=('coalition', 'ran_on', 'kind'), name='retention_run_once_a_day'),
            ),
        ]),
    ]
