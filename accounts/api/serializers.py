"""Request and response shapes of the template's API (upstream's Pydantic models)."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from accounts.models import Item, User


def validate_new_password(value: str | None) -> None:
    """Django's AUTH_PASSWORD_VALIDATORS (upstream's minimum length 8 among them)."""
    if value:
        try:
            password_validation.validate_password(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(list(error.messages)) from None


PASSWORD = {"min_length": 8, "max_length": 40, "trim_whitespace": False}
NEW_PASSWORD = {**PASSWORD, "validators": [validate_new_password]}


class UserPublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["email", "is_active", "is_superuser", "full_name", "id"]


class UsersPublicSerializer(serializers.Serializer):
    data = UserPublicSerializer(many=True)
    count = serializers.IntegerField()


class UserCreateSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=255)
    password = serializers.CharField(**NEW_PASSWORD)
    is_active = serializers.BooleanField(default=True)
    is_superuser = serializers.BooleanField(default=False)
    full_name = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)


class UserRegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=255)
    password = serializers.CharField(**NEW_PASSWORD)
    full_name = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)


class UserUpdateMeSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)
    email = serializers.EmailField(max_length=255, required=False)


class UserUpdateSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=255, required=False)
    is_active = serializers.BooleanField(required=False)
    is_superuser = serializers.BooleanField(required=False)
    full_name = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)
    password = serializers.CharField(required=False, allow_null=True, **NEW_PASSWORD)


class UpdatePasswordSerializer(serializers.Serializer):
    current_password = serializers.CharField(**PASSWORD)
    new_password = serializers.CharField(**NEW_PASSWORD)


class NewPasswordSerializer(serializers.Serializer):
    token = serializers.CharField()
    new_password = serializers.CharField(**NEW_PASSWORD)


class LoginFormSerializer(serializers.Serializer):
    """The OAuth2 password form; ``grant_type``, ``scope`` and the client fields are ignored."""

    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False)
    grant_type = serializers.RegexField(r"^password$", required=False, allow_blank=True)
    scope = serializers.CharField(required=False, allow_blank=True)
    client_id = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    client_secret = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class TokenSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    token_type = serializers.CharField(default="bearer")


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class ItemPublicSerializer(serializers.ModelSerializer):
    owner_id = serializers.UUIDField(read_only=True)

    class Meta:
        model = Item
        fields = ["title", "description", "id", "owner_id"]


class ItemsPublicSerializer(serializers.Serializer):
    data = ItemPublicSerializer(many=True)
    count = serializers.IntegerField()


class ItemCreateSerializer(serializers.Serializer):
    title = serializers.CharField(min_length=1, max_length=255, trim_whitespace=False)
    description = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)


class ItemUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(min_length=1, max_length=255, required=False, allow_null=True, trim_whitespace=False)
    description = serializers.CharField(max_length=255, required=False, allow_null=True, allow_blank=True)


class OwnerParamSerializer(serializers.Serializer):
    owner_id = serializers.UUIDField()

    def validate_owner_id(self, value):
        if not User.objects.filter(pk=value).exists():
            raise serializers.ValidationError("No user with this id exists.")
        return value


class EmailParamSerializer(serializers.Serializer):
    email_to = serializers.EmailField()
