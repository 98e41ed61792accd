"""``/coproduction/api/v1/``: upstream's paths (spec §4), each with and without the final slash."""

from common.api import not_implemented, path_both
from coproduction.api.views import (
    assets,
    assignments,
    claims,
    labels,
    notifications,
    objectives,
    organizations,
    participation_requests,
    permissions,
    phases,
    process_notifications,
    processes,
    ratings,
    realtime,
    stories,
    tasks,
    teams,
    user_notifications,
    users,
)

ID = r"(?P<id>[^/]+)"
USER_ID = r"(?P<user_id>[^/]+)"
NOT_UPSTREAM = not_implemented(
    "Not built upstream either: its handler calls a crud method (add_team / add_user) upstream never wrote."
)
OUT_OF_SCOPE = "{} is out of scope for this project (spec §8)."


def out_of_scope(what: str):
    return not_implemented(OUT_OF_SCOPE.format(what))


def needs(service: str, what: str):
    """Out of scope because it needs an external service this project does not include."""
    return not_implemented(f"{what} need {service}, an external service this project does not include.")


CP = "coproductionprocesses"

urlpatterns = [
    # Processes
    path_both(CP, processes.ProcessListView.as_view()),
    path_both(f"{CP}/public", processes.PublicProcessListView.as_view()),
    path_both(f"{CP}/public/{ID}", processes.PublicProcessDetailView.as_view()),
    path_both(f"{CP}/emailApplyToBeContributor", processes.ApplyToBeContributorView.as_view()),
    path_both(f"{CP}/import", realtime.ProcessImportView.as_view()),
    path_both(f"{CP}/{ID}", processes.ProcessDetailView.as_view()),
    path_both(f"{CP}/{ID}/catalogue", processes.ProcessCatalogueView.as_view()),
    path_both(f"{CP}/{ID}/logotype", processes.ProcessLogotypeView.as_view()),
    path_both(f"{CP}/{ID}/set_schema", processes.SetSchemaView.as_view()),
    path_both(f"{CP}/{ID}/clear_schema", processes.ClearSchemaView.as_view()),
    path_both(f"{CP}/{ID}/tree", processes.ProcessTreeView.as_view()),
    path_both(f"{CP}/{ID}/tree/catalogue", processes.ProcessTreeCatalogueView.as_view()),
    path_both(f"{CP}/{ID}/assets", processes.ProcessAssetsView.as_view()),
    path_both(f"{CP}/{ID}/administrators", processes.AdministratorsView.as_view()),
    path_both(f"{CP}/{ID}/administrators/{USER_ID}", processes.AdministratorDetailView.as_view()),
    path_both(f"{CP}/{ID}/add_team", NOT_UPSTREAM),
    path_both(f"{CP}/{ID}/add_user", NOT_UPSTREAM),
    path_both(f"{CP}/{ID}/copy", processes.CopyView.as_view()),
    path_both(f"{CP}/{ID}/publish_story", processes.PublishStoryView.as_view()),
    path_both(f"{CP}/{ID}/addTag", processes.AddTagView.as_view()),
    path_both(f"{CP}/{ID}/activity", realtime.ProcessActivityView.as_view()),
    path_both(f"{CP}/{ID}/download", realtime.ProcessDownloadView.as_view()),
    path_both(f"{CP}/{ID}/last_created_zip", realtime.LastCreatedZipView.as_view()),
    path_both(f"{CP}/{ID}/ws", realtime.websocket_only),
    # Tree
    path_both("phases", phases.PhaseListView.as_view()),
    path_both(f"phases/{ID}", phases.PhaseDetailView.as_view()),
    path_both(f"phases/{ID}/objectives", phases.PhaseObjectivesView.as_view()),
    path_both(f"phases/{ID}/copy", phases.PhaseCopyView.as_view()),
    path_both("objectives", objectives.ObjectiveListView.as_view()),
    path_both(f"objectives/{ID}", objectives.ObjectiveDetailView.as_view()),
    path_both(f"objectives/{ID}/tasks", objectives.ObjectiveTasksView.as_view()),
    path_both("tasks", tasks.TaskListView.as_view()),
    path_both(f"tasks/{ID}", tasks.TaskDetailView.as_view()),
    path_both(f"tasks/{ID}/listTaskAssetsContributions", tasks.TaskAssetsContributionsView.as_view()),
    # Assets
    path_both("assets", assets.AssetListView.as_view()),
    path_both("assets/catalogue", assets.AssetCatalogueListView.as_view()),
    path_both("assets/listAssetswithInternalInfo", assets.AssetInternalInfoListView.as_view()),
    path_both("assets/instantiate", assets.InstantiateView.as_view()),
    path_both("assets/emailAskTeamContribution", assets.AskTeamContributionView.as_view()),
    path_both("assets/emailAskUserContribution", assets.AskUserContributionView.as_view()),
    path_both(f"assets/internal/{ID}", assets.AssetInternalView.as_view()),
    path_both(f"assets/internal/{ID}/catalogue", assets.AssetInternalCatalogueView.as_view()),
    path_both(f"assets/{ID}", assets.AssetDetailView.as_view()),
    path_both(f"assets/{ID}/clone", assets.AssetCloneView.as_view()),
    path_both(f"assets/{ID}/listContributions", assets.AssetContributionsView.as_view()),
    # Users, teams, organisations, permissions
    path_both("users/me", users.UserMeView.as_view()),
    path_both("users/search", users.UserSearchView.as_view()),
    path_both("users/agree-terms", users.AgreeTermsView.as_view()),
    path_both("users/refuse-terms", users.RefuseTermsView.as_view()),
    path_both(f"users/{ID}/ws", realtime.websocket_only),
    path_both("teams", teams.TeamListView.as_view()),
    path_both("teams/addtoobservers", teams.AddToObserversView.as_view()),
    path_both(f"teams/{ID}", teams.TeamDetailView.as_view()),
    path_both(f"teams/{ID}/logotype", teams.TeamLogotypeView.as_view()),
    path_both(f"teams/{ID}/users", teams.TeamUsersView.as_view()),
    path_both(f"teams/{ID}/users/{USER_ID}", teams.TeamUserDetailView.as_view()),
    path_both(f"teams/{ID}/administrators", teams.TeamAdministratorsView.as_view()),
    path_both(f"teams/{ID}/administrators/{USER_ID}", teams.TeamAdministratorDetailView.as_view()),
    path_both(f"teams/{ID}/apply", teams.TeamApplyView.as_view()),
    path_both("organizations", organizations.OrganizationListView.as_view()),
    path_both(f"organizations/{ID}", organizations.OrganizationDetailView.as_view()),
    path_both(f"organizations/{ID}/teams", organizations.OrganizationTeamsView.as_view()),
    path_both(f"organizations/{ID}/logotype", organizations.OrganizationLogotypeView.as_view()),
    path_both(f"organizations/{ID}/administrators", organizations.OrganizationAdministratorsView.as_view()),
    path_both(
        f"organizations/{ID}/administrators/{USER_ID}", organizations.OrganizationAdministratorDetailView.as_view()
    ),
    path_both("permissions", permissions.PermissionListView.as_view()),
    path_both(r"permissions/for/(?P<treeitem_id>[^/]+)", permissions.PermissionsForTreeItemView.as_view()),
    path_both(f"permissions/{ID}", permissions.PermissionDetailView.as_view()),
    # Stories, ratings, tags, keywords
    path_both("stories", stories.StoryListView.as_view()),
    path_both("stories/listStories", stories.StoryAllView.as_view()),
    path_both(r"stories/(?P<process_id>[^/]+)/listStories", stories.ProcessStoriesView.as_view()),
    path_both(r"stories/(?P<process_id>[^/]+)/createStory", stories.CreateStoryView.as_view()),
    path_both(f"stories/{ID}", stories.StoryDetailView.as_view()),
    path_both(f"stories/{ID}/story", stories.StoryGetView.as_view()),
    path_both(f"stories/{ID}/addKeyword", stories.StoryAddKeywordView.as_view()),
    path_both("ratings", ratings.RatingListView.as_view()),
    path_both(f"ratings/{ID}", ratings.RatingDetailView.as_view()),
    path_both("tags", labels.LabelListView.as_view(**labels.TAGS)),
    path_both("tags/createbyName", labels.LabelCreateByNameView.as_view(**labels.TAGS)),
    path_both("tags/search", labels.LabelSearchView.as_view(**labels.TAGS)),
    path_both(f"tags/{ID}", labels.LabelDetailView.as_view(**labels.TAGS)),
    path_both("keywords", labels.LabelListView.as_view(**labels.KEYWORDS)),
    path_both("keywords/createbyName", labels.LabelCreateByNameView.as_view(**labels.KEYWORDS)),
    path_both("keywords/search", labels.LabelSearchView.as_view(**labels.KEYWORDS)),
    path_both(f"keywords/{ID}", labels.LabelDetailView.as_view(**labels.KEYWORDS)),
    # Notifications
    path_both("notifications", notifications.NotificationListView.as_view()),
    path_both(
        r"notifications/(?P<event>[^/]+)/(?P<language>[^/]+)/notification",
        notifications.NotificationByEventView.as_view(),
    ),
    path_both(f"notifications/{ID}", notifications.NotificationDetailView.as_view()),
    path_both("usernotifications", user_notifications.UserNotificationListView.as_view()),
    path_both(
        f"usernotifications/{USER_ID}/listUserNotifications", user_notifications.UserNotificationsOfUserView.as_view()
    ),
    path_both(
        f"usernotifications/{USER_ID}/listUnseenUserNotifications",
        user_notifications.UnseenUserNotificationsView.as_view(),
    ),
    path_both(
        r"usernotifications/(?P<copro_id>[^/]+)/listNotificationsbyCopro",
        user_notifications.UserNotificationsOfProcessView.as_view(),
    ),
    path_both(
        r"usernotifications/(?P<copro_id>[^/]+)/listUserAplicationsbyCoproId",
        user_notifications.ApplicationsOfProcessView.as_view(),
    ),
    path_both(
        r"usernotifications/(?P<copro_id>[^/]+)/listUserAplicationsHistorybyCoproId",
        user_notifications.ApplicationsHistoryOfProcessView.as_view(),
    ),
    path_both(f"usernotifications/{ID}", user_notifications.UserNotificationDetailView.as_view()),
    path_both(f"usernotifications/{ID}/archive", user_notifications.UserNotificationArchiveView.as_view()),
    path_both(f"usernotifications/{ID}/notification", user_notifications.UserNotificationTemplateView.as_view()),
    path_both("coproductionprocessnotifications", process_notifications.ProcessNotificationListView.as_view()),
    path_both("coproductionprocessnotifications/createbyEvent", process_notifications.CreateByEventView.as_view()),
    path_both(
        r"coproductionprocessnotifications/updateAssetNameParameter/(?P<asset_id>[^/]+)",
        process_notifications.UpdateAssetNameParameterView.as_view(),
    ),
    path_both(
        r"coproductionprocessnotifications/(?P<coproductionprocess_id>[^/]+)/listCoproductionProcessNotifications",
        process_notifications.ProcessNotificationsOfProcessView.as_view(),
    ),
    path_both(
        r"coproductionprocessnotifications/(?P<coproductionprocess_id>[^/]+)/(?P<asset_id>[^/]+)/listCoproductionProcessNotifications",
        process_notifications.ProcessNotificationsOfAssetView.as_view(),
    ),
    path_both(f"coproductionprocessnotifications/{ID}", process_notifications.ProcessNotificationDetailView.as_view()),
    path_both(
        f"coproductionprocessnotifications/{ID}/coproductionprocessnotification",
        process_notifications.ProcessNotificationGetView.as_view(),
    ),
    path_both(
        f"coproductionprocessnotifications/{ID}/notification",
        process_notifications.ProcessNotificationTemplateView.as_view(),
    ),
    # Participation requests
    path_both("participationrequests", participation_requests.ParticipationRequestListView.as_view()),
    path_both(
        r"participationrequests/(?P<candidate_id>[^/]+)/listParticipationRequests",
        participation_requests.RequestsOfCandidateView.as_view(),
    ),
    path_both(
        r"participationrequests/(?P<copro_id>[^/]+)/listFullParticipationRequestsbyCoproId",
        participation_requests.RequestsOfProcessView.as_view(),
    ),
    path_both(
        r"participationrequests/(?P<copro_id>[^/]+)/listInprogressParticipationRequestsbyCoproId",
        participation_requests.PendingRequestsOfProcessView.as_view(),
    ),
    path_both(f"participationrequests/{ID}", participation_requests.ParticipationRequestDetailView.as_view()),
    path_both(f"participationrequests/{ID}/archive", participation_requests.ParticipationRequestArchiveView.as_view()),
    # Claims and assignments
    path_both("claims", claims.ClaimListView.as_view()),
    path_both("claims/create_user_list", claims.ClaimUsersCreateView.as_view()),
    path_both("claims/create_team_list", claims.ClaimTeamsCreateView.as_view()),
    path_both(r"claims/(?P<user_id>[^/]+)/listClaims", claims.ClaimsOfUserView.as_view()),
    path_both(r"claims/(?P<copro_id>[^/]+)/listFullClaimsbyCoproId", claims.ClaimsOfProcessView.as_view()),
    path_both(r"claims/(?P<task_id>[^/]+)/listFullClaimsbyTaskId", claims.ClaimsOfTaskView.as_view()),
    path_both(r"claims/(?P<asset_id>[^/]+)/listFullClaimsbyAssetId", claims.ClaimsOfAssetView.as_view()),
    path_both(r"claims/(?P<copro_id>[^/]+)/listPendingClaimsbyCoproId", claims.PendingClaimsOfProcessView.as_view()),
    path_both(f"claims/{ID}", claims.ClaimDetailView.as_view()),
    path_both(f"claims/{ID}/approve", claims.ClaimApproveView.as_view()),
    path_both("assignments", assignments.AssignmentListView.as_view()),
    path_both("assignments/create_user_list", assignments.AssignmentUsersCreateView.as_view()),
    path_both("assignments/create_team_list", assignments.AssignmentTeamsCreateView.as_view()),
    path_both(r"assignments/(?P<user_id>[^/]+)/listAssignments", assignments.AssignmentsOfUserView.as_view()),
    path_both(
        r"assignments/(?P<copro_id>[^/]+)/listFullAssignmentsbyCoproId", assignments.AssignmentsOfProcessView.as_view()
    ),
    path_both(
        r"assignments/(?P<task_id>[^/]+)/listFullAssignmentsbyTaskId", assignments.AssignmentsOfTaskView.as_view()
    ),
    path_both(
        r"assignments/(?P<asset_id>[^/]+)/listFullAssignmentsbyAssetId", assignments.AssignmentsOfAssetView.as_view()
    ),
    path_both(
        r"assignments/(?P<copro_id>[^/]+)/listPendingAssignmentsbyCoproId",
        assignments.PendingAssignmentsOfProcessView.as_view(),
    ),
    path_both(
        r"assignments/(?P<copro_id>[^/]+)/listFullAssignmentsbyCoproIdUserId",
        assignments.CallersAssignmentsOfProcessView.as_view(),
    ),
    path_both(
        r"assignments/(?P<copro_id>[^/]+)/listPendingAssignmentsbyCoproIdUserId",
        assignments.CallersPendingAssignmentsOfProcessView.as_view(),
    ),
    path_both(r"assignments/(?P<assign_id>[^/]+)/view", assignments.AssignmentGetView.as_view()),
    path_both(f"assignments/{ID}", assignments.AssignmentDetailView.as_view()),
    path_both(f"assignments/{ID}/approve", assignments.AssignmentApproveView.as_view()),
    # Out of scope (spec §8)
    path_both("utils/test-email", realtime.TestEmailView.as_view()),
    path_both("utils/test-celery", realtime.TestCeleryView.as_view()),
    path_both(r"games/.*", needs("the gamification engine (interlink-gamification)", "Games")),
    path_both(r"recomenders/.*", needs("the recommender service", "The recommenders")),
]
