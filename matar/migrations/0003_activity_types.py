"""The eight activity types as data (spec §3.4): ``_id`` equal to ``title``, all active."""

from django.db import migrations

ACTIVITY_TYPES = ("reply", "like", "downvote", "dislike", "share", "upvote", "block", "view")


def create_activity_types(apps, schema_editor):
    ActivityType = apps.get_model("matar", "ActivityType")
    db = schema_editor.connection.alias
    for title in ACTIVITY_TYPES:
        ActivityType.objects.using(db).update_or_create(id=title, defaults={"title": title, "is_active": True})


def delete_activity_types(apps, schema_editor):
    ActivityType = apps.get_model("matar", "ActivityType")
    ActivityType.objects.using(schema_editor.connection.alias).filter(id__in=ACTIVITY_TYPES).delete()


class Migration(migrations.Migration):
    dependencies = [("matar", "0002_post_activity_organization_id")]

    operations = [migrations.RunPython(create_activity_types, delete_activity_types)]
