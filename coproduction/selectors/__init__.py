"""Co-production's reads with joins, prefetches and rules, one module per concern (as
``coproduction.services``): users, teams, organizations, permissions, processes, tree, assets,
contributions (claims and assignments), notifications, participation, stories, ratings, labels
(tags and keywords), activity.

Each list is fetched in a fixed number of queries. Views read through these functions and never
query the ORM themselves (``common/tests/test_views_do_not_write.py``). The concern's module
holds the code (``coproduction.selectors.teams.can_create_team``); this package re-exports every
public name, so callers write ``selectors.can_create_team``.
"""

from coproduction.selectors.activity import (
    activity_of_process,
)
from coproduction.selectors.assets import (
    assets_of_process,
    assets_of_task,
    assets_qs,
    process_assets_visible_to,
)
from coproduction.selectors.contributions import (
    assignments_qs,
    claims_qs,
    contributors_of_assets,
)
from coproduction.selectors.labels import (
    label_by_name,
    label_list,
)
from coproduction.selectors.notifications import (
    notification_template_for,
    notification_template_list,
    process_notifications_qs,
    user_notifications_qs,
)
from coproduction.selectors.organizations import (
    is_organization_administrator,
    organizations_qs,
    organizations_visible_to,
    teams_of_organization,
)
from coproduction.selectors.participation import (
    participation_requests_qs,
)
from coproduction.selectors.permissions import (
    permissions_qs,
)
from coproduction.selectors.processes import (
    administered_process_ids,
    can_read_process,
    is_process_administrator,
    process_list,
    processes_qs,
    processes_visible_to,
    public_process_list,
    public_processes_qs,
)
from coproduction.selectors.ratings import (
    rating_list,
)
from coproduction.selectors.rows import (
    as_rows,
    process_permission_rows,
    process_related_rows,
    tree_rows,
)
from coproduction.selectors.stories import (
    stories_of_process,
    stories_qs,
    story_list,
)
from coproduction.selectors.teams import (
    applicants_of_team,
    can_create_team,
    is_team_administrator,
    team_exists,
    team_member_ids,
    teams_qs,
)
from coproduction.selectors.tree import (
    disabled_item_ids,
    objective_full_qs,
    objectives_of_phase,
    objectives_qs,
    phase_full_qs,
    phases_qs,
    tasks_of_objective,
    tasks_qs,
    tree_qs,
)
from coproduction.selectors.users import (
    user_exists,
    user_search,
    users_qs,
)

__all__ = [
    "users_qs",
    "user_search",
    "user_exists",
    "teams_qs",
    "team_exists",
    "is_team_administrator",
    "team_member_ids",
    "can_create_team",
    "applicants_of_team",
    "organizations_qs",
    "organizations_visible_to",
    "is_organization_administrator",
    "teams_of_organization",
    "permissions_qs",
    "processes_qs",
    "public_processes_qs",
    "processes_visible_to",
    "process_list",
    "public_process_list",
    "can_read_process",
    "is_process_administrator",
    "administered_process_ids",
    "tasks_qs",
    "objectives_qs",
    "phases_qs",
    "phase_full_qs",
    "objective_full_qs",
    "tree_qs",
    "objectives_of_phase",
    "tasks_of_objective",
    "disabled_item_ids",
    "assets_qs",
    "assets_of_task",
    "assets_of_process",
    "process_assets_visible_to",
    "claims_qs",
    "assignments_qs",
    "contributors_of_assets",
    "notification_template_list",
    "notification_template_for",
    "user_notifications_qs",
    "process_notifications_qs",
    "participation_requests_qs",
    "as_rows",
    "process_related_rows",
    "process_permission_rows",
    "tree_rows",
    "stories_qs",
    "story_list",
    "stories_of_process",
    "rating_list",
    "label_list",
    "label_by_name",
    "activity_of_process",
]
