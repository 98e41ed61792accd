"""Paths of the Matar API (mounted at ``/matar/api/v1/``), each with and without a final slash."""

from common.api import path_both
from matar.api import views

app_name = "matar"

urlpatterns = [
    path_both("login", views.LoginView.as_view(), name="login"),
    path_both("refresh", views.RefreshView.as_view(), name="refresh"),
    path_both("logout", views.LogoutView.as_view(), name="logout"),
    path_both("get_current_user", views.CurrentUserView.as_view(), name="get-current-user"),
    path_both("edit_user", views.EditUserView.as_view(), name="edit-user"),
    path_both("organizations", views.OrganizationsView.as_view(), name="organizations"),
    path_both("languages", views.LanguagesView.as_view(), name="languages"),
    path_both("categories", views.CategoriesView.as_view(), name="categories"),
    path_both("activity_types", views.ActivityTypesView.as_view(), name="activity-types"),
    path_both("new_post", views.NewPostView.as_view(), name="new-post"),
    path_both("delete_post", views.DeletePostView.as_view(), name="delete-post"),
    path_both("post_activity", views.PostActivityView.as_view(), name="post-activity"),
    path_both("user_post_activities", views.UserPostActivitiesView.as_view(), name="user-post-activities"),
    path_both("get_post", views.PostFeedView.as_view(), name="get-post"),
    path_both("get_gpt_answer", views.GptAnswerView.as_view(), name="get-gpt-answer"),
    path_both("transcribe", views.TranscribeView.as_view(), name="transcribe"),
]
