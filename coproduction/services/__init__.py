"""Co-production's writes with rules, one module per concern (spec §5).

Every function runs in the caller's transaction; API views wrap each request in one
(``transaction.atomic(using="coproduction")``), so aggregates move with the change that moves them.
Import from the concern's module (``coproduction.services.tree``) or from here.
"""

from coproduction.services.assets import asset_clone, asset_create, asset_delete
from coproduction.services.notifications import (
    notification_template,
    notify_process,
    notify_user,
    parameters_text,
    parse_parameters,
    permission_notify,
)
from coproduction.services.permissions import effective_permissions, is_process_administrator, require_flag
from coproduction.services.processes import (
    administrator_add,
    administrator_remove,
    phase_copy,
    process_clear_schema,
    process_copy,
    process_create,
    process_delete,
    set_schema,
)
from coproduction.services.ratings import RATED_MODELS, rating_delete, rating_save, refresh_rating
from coproduction.services.stories import publish_story
from coproduction.services.teams import (
    short_user_name,
    team_add_member,
    team_refresh_users_count,
    team_remove_member,
    user_sync_from_account,
)
from coproduction.services.transactions import DB, atomic, lock_row
from coproduction.services.tree import (
    as_concrete,
    creates_prerequisite_cycle,
    refresh_ancestors,
    refresh_dates,
    refresh_status_and_progress,
    task_update,
    treeitem_create,
    treeitem_disable,
    treeitem_insert_in_chain,
    treeitem_set_prerequisite,
)

__all__ = [
    "DB",
    "atomic",
    "lock_row",
    "short_user_name",
    "team_add_member",
    "team_refresh_users_count",
    "team_remove_member",
    "user_sync_from_account",
    "as_concrete",
    "creates_prerequisite_cycle",
    "refresh_ancestors",
    "refresh_dates",
    "refresh_status_and_progress",
    "task_update",
    "treeitem_create",
    "treeitem_disable",
    "treeitem_insert_in_chain",
    "treeitem_set_prerequisite",
    "effective_permissions",
    "is_process_administrator",
    "require_flag",
    "administrator_add",
    "administrator_remove",
    "phase_copy",
    "process_clear_schema",
    "process_copy",
    "process_create",
    "process_delete",
    "set_schema",
    "publish_story",
    "asset_clone",
    "asset_create",
    "asset_delete",
    "RATED_MODELS",
    "rating_delete",
    "rating_save",
    "refresh_rating",
    "notification_template",
    "notify_process",
    "notify_user",
    "parameters_text",
    "parse_parameters",
    "permission_notify",
]
