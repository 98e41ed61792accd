from django.contrib import admin

from interlink_auth.models import InterlinkUser


@admin.register(InterlinkUser)
class InterlinkUserAdmin(admin.ModelAdmin):
    list_display = ("sub", "email", "full_name", "account", "last_login")
    search_fields = ("sub", "email", "full_name")
    raw_id_fields = ("account",)
    list_select_related = ("account",)
    readonly_fields = ("last_login", "created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        """``sub`` is the record's identity: typed once when adding, then fixed; the
        timestamps exist only once the row does."""
        return (*self.readonly_fields, "sub") if obj is not None else ()
