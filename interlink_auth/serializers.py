"""Shapes of /auth/api/v1/users (upstream's ``UserOutSchema``), for the OpenAPI document."""

from rest_framework import serializers


class InterlinkUserOutSerializer(serializers.Serializer):
    _id = serializers.CharField(help_text="The subject, as upstream's MongoDB `_id`.")
    sub = serializers.CharField()
    email = serializers.CharField(allow_null=True)
    full_name = serializers.CharField(allow_null=True)
    given_name = serializers.CharField(allow_null=True)
    family_name = serializers.CharField(allow_null=True)
    picture = serializers.CharField(allow_null=True)
    locale = serializers.CharField(allow_null=True)
    zoneinfo = serializers.CharField(allow_null=True)
    last_login = serializers.DateTimeField(allow_null=True)
    additionalEmails = serializers.ListField(child=serializers.EmailField())


class InterlinkUserUpdateSerializer(serializers.Serializer):
    additionalEmails = serializers.ListField(
        child=serializers.EmailField(), help_text="The only field a user may change; other keys are ignored."
    )
