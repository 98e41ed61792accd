"""Admin for users and items.

Superusers may do everything. Data-entry staff are users who are not superusers but belong
to a group (``Groups``) with Django model permissions: they see the admin for the models
their group may view, add, change or delete (README, "Admin and the data-entry role").
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, ReadOnlyPasswordHashWidget, UserChangeForm
from django.utils.translation import gettext

from accounts.hashers import UpstreamBcryptHasher, is_upstream_bcrypt
from accounts.models import Item, User
from common.admin import ModelAdmin, TabularInline


class PasswordHashWidget(ReadOnlyPasswordHashWidget):
    """Django's summary of the stored hash, also for upstream's bare bcrypt strings (no prefix)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if is_upstream_bcrypt(value):
            summary = UpstreamBcryptHasher().safe_summary(value)
            context["summary"] = [{"label": gettext(key), "value": shown} for key, shown in summary.items()]
        return context


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].widget = PasswordHashWidget()


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "is_active", "is_superuser", "groups")


class ItemInline(TabularInline):
    model = Item
    fields = ("title", "description", "created_at")
    readonly_fields = ("created_at",)
    extra = 0
    show_change_link = True


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    list_display = ("email", "full_name", "is_active", "is_superuser", "created_at")
    list_filter = ("is_active", "is_superuser", "groups")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("id", "created_at", "updated_at", "last_login")
    filter_horizontal = ("groups",)
    inlines = [ItemInline]
    fieldsets = (
        (None, {"fields": ("id", "email", "password")}),
        ("Profile", {"fields": ("full_name",)}),
        ("Access", {"fields": ("is_active", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "created_at", "updated_at")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "is_active", "is_superuser", "groups", "password1", "password2"),
            },
        ),
    )


class ItemAdminForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ("owner", "title", "description")


@admin.register(Item)
class ItemAdmin(ModelAdmin):
    form = ItemAdminForm
    list_display = ("title", "owner", "created_at")
    list_select_related = ("owner",)
    search_fields = ("title", "description")
    list_filter = (("owner", admin.RelatedOnlyFieldListFilter),)
    autocomplete_fields = ["owner"]
    readonly_fields = ("id", "created_at", "updated_at")
    fields = ("id", "owner", "title", "description", "created_at", "updated_at")
