# The API's value pages by indicator, organisation, status and update (api.views.ValueList).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0013_merge_20261201_0908'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='indicatorvalue',
            index=models.Index(fields=['coalition', 'indicator', 'id'], name='value_api_indicator'),
        ),
        migrations.AddIndex(
            model_name='indicatorvalue',
            index=models.Index(fields=['coalition', 'organization', 'id'], name='value_api_organization'),
        ),
        migrations.AddIndex(
            model_name='indicatorvalue',
            index=models.Index(condition=models.Q(('status', 'approved'), _negated=True), fields=['coalition', 'status', 'id'], name='value_api_status'),
        ),
        migrations.AddIndex(
            model_name='indicatorvalue',
            index=models.Index(fields=['coalition', 'updated_at'], name='value_api_updated'),
        ),
    ]
