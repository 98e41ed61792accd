"""``/coproduction/api/v1/``: upstream's paths (spec §4), each with and without the final slash."""

from common.api import not_implemented, path_both
from coproduction.api.views import activity as a
from coproduction.api.views import assets as st
from coproduction.api.views import processes as p
from coproduction.api.views import realtime as rt
from coproduction.api.views import teams as t
from coproduction.api.views import tree as tr

ID = r"(?P<id>[^/]+)"
USER_ID = r"(?P<user_id>[^/]+)"
NOT_UPSTREAM = not_implemented(
    "Not built upstream either: its handler calls a crud method (add_team / add_user) upstream never wrote."
)
OUT_OF_SCOPE = "{} is out of scope for this project (spec §8)."


def _oos(what: str):
    return not_implemented(OUT_OF_SCOPE.format(what))


def _needs(service: str, what: str):
    """Out of scope because it needs an external service this project does not include."""
    return not_implemented(f"{what} need {service}, an external service this project does not include.")


CP = "coproductionprocesses"
claims_list, claims_users, claims_teams, claims_detail, claims_approve, claim_lists = a.CLAIM_VIEWS
assign_list, assign_users, assign_teams, assign_detail, assign_approve, assign_lists = a.ASSIGNMENT_VIEWS

urlpatterns = [
    # Processes
    path_both(CP, p.ProcessListView.as_view()),
    path_both(f"{CP}/public", p.PublicProcessListView.as_view()),
    path_both(f"{CP}/public/{ID}", p.PublicProcessDetailView.as_view()),
    path_both(f"{CP}/emailApplyToBeContributor", p.ApplyToBeContributorView.as_view()),
    path_both(f"{CP}/import", rt.ProcessImportView.as_view()),
    path_both(f"{CP}/{ID}", p.ProcessDetailView.as_view()),
    path_both(f"{CP}/{ID}/catalogue", p.ProcessCatalogueView.as_view()),
    path_both(f"{CP}/{ID}/logotype", p.ProcessLogotypeView.as_view()),
    path_both(f"{CP}/{ID}/set_schema", p.SetSchemaView.as_view()),
    path_both(f"{CP}/{ID}/clear_schema", p.ClearSchemaView.as_view()),
    path_both(f"{CP}/{ID}/tree", p.ProcessTreeView.as_view()),
    path_both(f"{CP}/{ID}/tree/catalogue", p.ProcessTreeCatalogueView.as_view()),
    path_both(f"{CP}/{ID}/assets", p.ProcessAssetsView.as_view()),
    path_both(f"{CP}/{ID}/administrators", p.AdministratorsView.as_view()),
    path_both(f"{CP}/{ID}/administrators/{USER_ID}", p.AdministratorDetailView.as_view()),
    path_both(f"{CP}/{ID}/add_team", NOT_UPSTREAM),
    path_both(f"{CP}/{ID}/add_user", NOT_UPSTREAM),
    path_both(f"{CP}/{ID}/copy", p.CopyView.as_view()),
    path_both(f"{CP}/{ID}/publish_story", p.PublishStoryView.as_view()),
    path_both(f"{CP}/{ID}/addTag", p.AddTagView.as_view()),
    path_both(f"{CP}/{ID}/activity", rt.ProcessActivityView.as_view()),
    path_both(f"{CP}/{ID}/download", rt.ProcessDownloadView.as_view()),
    path_both(f"{CP}/{ID}/last_created_zip", rt.LastCreatedZipView.as_view()),
    path_both(f"{CP}/{ID}/ws", rt.websocket_only),
    # Tree
    path_both("phases", tr.PhaseListView.as_view()),
    path_both(f"phases/{ID}", tr.PhaseDetailView.as_view()),
    path_both(f"phases/{ID}/objectives", tr.PhaseObjectivesView.as_view()),
    path_both(f"phases/{ID}/copy", tr.PhaseCopyView.as_view()),
    path_both("objectives", tr.ObjectiveListView.as_view()),
    path_both(f"objectives/{ID}", tr.ObjectiveDetailView.as_view()),
    path_both(f"objectives/{ID}/tasks", tr.ObjectiveTasksView.as_view()),
    path_both("tasks", tr.TaskListView.as_view()),
    path_both(f"tasks/{ID}", tr.TaskDetailView.as_view()),
    path_both(f"tasks/{ID}/listTaskAssetsContributions", tr.TaskAssetsContributionsView.as_view()),
    # Assets
    path_both("assets", st.AssetListView.as_view()),
    path_both("assets/catalogue", st.AssetCatalogueListView.as_view()),
    path_both("assets/listAssetswithInternalInfo", st.AssetInternalInfoListView.as_view()),
    path_both("assets/instantiate", st.InstantiateView.as_view()),
    path_both("assets/emailAskTeamContribution", st.AskTeamContributionView.as_view()),
    path_both("assets/emailAskUserContribution", st.AskUserContributionView.as_view()),
    path_both(f"assets/internal/{ID}", st.AssetInternalView.as_view()),
    path_both(f"assets/internal/{ID}/catalogue", st.AssetInternalCatalogueView.as_view()),
    path_both(f"assets/{ID}", st.AssetDetailView.as_view()),
    path_both(f"assets/{ID}/clone", st.AssetCloneView.as_view()),
    path_both(f"assets/{ID}/listContributions", st.AssetContributionsView.as_view()),
    # Users, teams, organisations, permissions
    path_both("users/me", t.UserMeView.as_view()),
    path_both("users/search", t.UserSearchView.as_view()),
    path_both("users/agree-terms", t.AgreeTermsView.as_view()),
    path_both("users/refuse-terms", t.RefuseTermsView.as_view()),
    path_both(f"users/{ID}/ws", rt.websocket_only),
    path_both("teams", t.TeamListView.as_view()),
    path_both("teams/addtoobservers", t.AddToObserversView.as_view()),
    path_both(f"teams/{ID}", t.TeamDetailView.as_view()),
    path_both(f"teams/{ID}/logotype", t.TeamLogotypeView.as_view()),
    path_both(f"teams/{ID}/users", t.TeamUsersView.as_view()),
    path_both(f"teams/{ID}/users/{USER_ID}", t.TeamUserDetailView.as_view()),
    path_both(f"teams/{ID}/administrators", t.TeamAdministratorsView.as_view()),
    path_both(f"teams/{ID}/administrators/{USER_ID}", t.TeamAdministratorDetailView.as_view()),
    path_both(f"teams/{ID}/apply", t.TeamApplyView.as_view()),
    path_both("organizations", t.OrganizationListView.as_view()),
    path_both(f"organizations/{ID}", t.OrganizationDetailView.as_view()),
    path_both(f"organizations/{ID}/teams", t.OrganizationTeamsView.as_view()),
    path_both(f"organizations/{ID}/logotype", t.OrganizationLogotypeView.as_view()),
    path_both(f"organizations/{ID}/administrators", t.OrganizationAdministratorsView.as_view()),
    path_both(f"organizations/{ID}/administrators/{USER_ID}", t.OrganizationAdministratorDetailView.as_view()),
    path_both("permissions", t.PermissionListView.as_view()),
    path_both(r"permissions/for/(?P<treeitem_id>[^/]+)", t.PermissionsForTreeItemView.as_view()),
    path_both(f"permissions/{ID}", t.PermissionDetailView.as_view()),
    # Stories, ratings, tags, keywords
    path_both("stories", a.StoryListView.as_view()),
    path_both("stories/listStories", a.StoryAllView.as_view()),
    path_both(r"stories/(?P<process_id>[^/]+)/listStories", a.ProcessStoriesView.as_view()),
    path_both(r"stories/(?P<process_id>[^/]+)/createStory", a.CreateStoryView.as_view()),
    path_both(f"stories/{ID}", a.StoryDetailView.as_view()),
    path_both(f"stories/{ID}/story", a.StoryGetView.as_view()),
    path_both(f"stories/{ID}/addKeyword", a.StoryAddKeywordView.as_view()),
    path_both("ratings", a.RatingListView.as_view()),
    path_both(f"ratings/{ID}", a.RatingDetailView.as_view()),
    path_both("tags", a.TagListView.as_view()),
    path_both("tags/createbyName", a.TagCreateByNameView.as_view()),
    path_both("tags/search", a.TagSearchView.as_view()),
    path_both(f"tags/{ID}", a.TagDetailView.as_view()),
    path_both("keywords", a.KeywordListView.as_view()),
    path_both("keywords/createbyName", a.KeywordCreateByNameView.as_view()),
    path_both("keywords/search", a.KeywordSearchView.as_view()),
    path_both(f"keywords/{ID}", a.KeywordDetailView.as_view()),
    # Notifications
    path_both("notifications", a.NotificationListView.as_view()),
    path_both(r"notifications/(?P<event>[^/]+)/(?P<language>[^/]+)/notification", a.NotificationByEventView.as_view()),
    path_both(f"notifications/{ID}", a.NotificationDetailView.as_view()),
    path_both("usernotifications", a.UserNotificationListView.as_view()),
    path_both(f"usernotifications/{USER_ID}/listUserNotifications", a.UserNotificationsOfUserView.as_view()),
    path_both(f"usernotifications/{USER_ID}/listUnseenUserNotifications", a.UnseenUserNotificationsView.as_view()),
    path_both(
        r"usernotifications/(?P<copro_id>[^/]+)/listNotificationsbyCopro", a.UserNotificationsOfProcessView.as_view()
    ),
    path_both(
        r"usernotifications/(?P<copro_id>[^/]+)/listUserAplicationsbyCoproId", a.ApplicationsOfProcessView.as_view()
    ),
    path_both(
        r"usernotifications/(?P<copro_id>[^/]+)/listUserAplicationsHistorybyCoproId",
        a.ApplicationsHistoryOfProcessView.as_view(),
    ),
    path_both(f"usernotifications/{ID}", a.UserNotificationDetailView.as_view()),
    path_both(f"usernotifications/{ID}/archive", a.UserNotificationArchiveView.as_view()),
    path_both(f"usernotifications/{ID}/notification", a.UserNotificationTemplateView.as_view()),
    path_both("coproductionprocessnotifications", a.ProcessNotificationListView.as_view()),
    path_both("coproductionprocessnotifications/createbyEvent", a.CreateByEventView.as_view()),
    path_both(
        r"coproductionprocessnotifications/updateAssetNameParameter/(?P<asset_id>[^/]+)",
        a.UpdateAssetNameParameterView.as_view(),
    ),
    path_both(
        r"coproductionprocessnotifications/(?P<coproductionprocess_id>[^/]+)/listCoproductionProcessNotifications",
        a.ProcessNotificationsOfProcessView.as_view(),
    ),
    path_both(
        r"coproductionprocessnotifications/(?P<coproductionprocess_id>[^/]+)/(?P<asset_id>[^/]+)/listCoproductionProcessNotifications",
        a.ProcessNotificationsOfAssetView.as_view(),
    ),
    path_both(f"coproductionprocessnotifications/{ID}", a.ProcessNotificationDetailView.as_view()),
    path_both(
        f"coproductionprocessnotifications/{ID}/coproductionprocessnotification", a.ProcessNotificationGetView.as_view()
    ),
    path_both(f"coproductionprocessnotifications/{ID}/notification", a.ProcessNotificationTemplateView.as_view()),
    # Participation requests
    path_both("participationrequests", a.ParticipationRequestListView.as_view()),
    path_both(
        r"participationrequests/(?P<candidate_id>[^/]+)/listParticipationRequests", a.RequestsOfCandidateView.as_view()
    ),
    path_both(
        r"participationrequests/(?P<copro_id>[^/]+)/listFullParticipationRequestsbyCoproId",
        a.RequestsOfProcessView.as_view(),
    ),
    path_both(
        r"participationrequests/(?P<copro_id>[^/]+)/listInprogressParticipationRequestsbyCoproId",
        a.PendingRequestsOfProcessView.as_view(),
    ),
    path_both(f"participationrequests/{ID}", a.ParticipationRequestDetailView.as_view()),
    path_both(f"participationrequests/{ID}/archive", a.ParticipationRequestArchiveView.as_view()),
    # Claims and assignments
    path_both("claims", claims_list.as_view()),
    path_both("claims/create_user_list", claims_users.as_view()),
    path_both("claims/create_team_list", claims_teams.as_view()),
    *[
        path_both(rf"claims/(?P<{key}>[^/]+)/{name}", view.as_view())
        for name, view in claim_lists.items()
        for key in [view.key]
    ],
    path_both(f"claims/{ID}", claims_detail.as_view()),
    path_both(f"claims/{ID}/approve", claims_approve.as_view()),
    path_both("assignments", assign_list.as_view()),
    path_both("assignments/create_user_list", assign_users.as_view()),
    path_both("assignments/create_team_list", assign_teams.as_view()),
    *[path_both(rf"assignments/(?P<{view.key}>[^/]+)/{name}", view.as_view()) for name, view in assign_lists.items()],
    path_both(r"assignments/(?P<assign_id>[^/]+)/view", a.AssignmentViewView.as_view()),
    path_both(f"assignments/{ID}", assign_detail.as_view()),
    path_both(f"assignments/{ID}/approve", assign_approve.as_view()),
    # Out of scope (spec §8)
    path_both("utils/test-email", rt.TestEmailView.as_view()),
    path_both("utils/test-celery", rt.TestCeleryView.as_view()),
    path_both(r"games/.*", _needs("the gamification engine (interlink-gamification)", "Games")),
    path_both(r"recomenders/.*", _needs("the recommender service", "The recommenders")),
]
