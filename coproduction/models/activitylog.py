"""The activity log: what upstream sends to its separate logging service, kept here.

Upstream's crud code posts each write as a JSON record (``action``, ``model``,
``object_id``, ``user_id``, ``service`` and model-specific ids such as
``coproductionprocess_id``, ``team_id``, ``treeitem_id``) to ``http://logging/api/v1/log``;
``GET …/coproductionprocesses/{id}/activity`` reads them back. This table keeps the same
records in the co-production database (written in the transaction of the change they
describe), readable in the admin and through that endpoint. Not an upstream table.
"""

from __future__ import annotations

import uuid

from django.db import models


class ActivityLog(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)
    service = models.CharField(max_length=40, default="coproduction")
    action = models.CharField(max_length=40, help_text="Upstream's action: CREATE, UPDATE, DELETE, SET_SCHEMA, …")
    model = models.CharField(max_length=60, help_text="Upstream's model name, upper case: COPRODUCTIONPROCESS, TEAM, …")
    object_id = models.CharField(max_length=64, null=True, blank=True)
    user_id = models.CharField(max_length=64, null=True, blank=True, help_text="Co-production user id, or 'anonymous'.")
    coproductionprocess_id = models.UUIDField(null=True, blank=True, help_text="Co-production process id (no FK).")
    data = models.JSONField(default=dict, blank=True, help_text="The whole record as upstream sends it.")

    class Meta:
        db_table = "activity_log"
        ordering = ["-timestamp"]
        indexes = [models.Index(fields=["coproductionprocess_id", "-timestamp"], name="activity_log_process_idx")]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.action} {self.model} {self.object_id}"
