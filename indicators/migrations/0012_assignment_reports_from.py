"""Reporting assignments carry the day from which the organisation reports (issue 13). The
assignments already made keep what they meant: every period from the indicator's reporting
start."""

from django.db import migrations, models

FROM_REPORTING_START = """
UPDATE indicators_indicatorgroupobjectpermission a SET reports_from = i.reporting_start
FROM indicators_indicator i WHERE i.id = a.content_object_id AND a.reports_from IS NULL
"""


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0011_remove_indicator_insert_insert_and_more'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicatorgroupobjectpermission',
            name='reports_from',
            field=models.DateField(blank=True, null=True, verbose_name='reports from'),
        ),
        migrations.RunSQL(FROM_REPORTING_START, migrations.RunSQL.noop),
    ]
