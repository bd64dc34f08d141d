"""What the API returns: explicit fields, so that the published schema does not move when a
model gains a column. Decimals are strings ("12.5000"), datetimes ISO 8601 with their offset."""

from rest_framework import serializers


class CoalitionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    territory = serializers.CharField()
    description = serializers.CharField()
    default_language = serializers.CharField()
    time_zone = serializers.CharField()
    fiscal_year_start_month = serializers.IntegerField()
    role = serializers.SerializerMethodField(help_text="Your role in the coalition.")

    def get_role(self, coalition) -> str:
        return self.context["request"].membership.role
