from accounts.api import views
from common.api import path_both

UUID = r"(?P<{}>[^/]+)"

urlpatterns = [
    path_both("login/access-token", views.AccessTokenView.as_view(), name="login-access-token"),
    path_both("login/test-token", views.TestTokenView.as_view(), name="login-test-token"),
    path_both(r"password-recovery/(?P<email>[^/]+)", views.PasswordRecoveryView.as_view(), name="password-recovery"),
    path_both("reset-password", views.ResetPasswordView.as_view(), name="reset-password"),
    path_both(
        r"password-recovery-html-content/(?P<email>[^/]+)",
        views.PasswordRecoveryHtmlView.as_view(),
        name="password-recovery-html-content",
    ),
    path_both("users", views.UserListView.as_view(), name="users"),
    path_both("users/me", views.UserMeView.as_view(), name="users-me"),
    path_both("users/me/password", views.UserMePasswordView.as_view(), name="users-me-password"),
    path_both("users/signup", views.UserSignupView.as_view(), name="users-signup"),
    path_both("users/" + UUID.format("user_id"), views.UserDetailView.as_view(), name="user-detail"),
    path_both("items", views.ItemListView.as_view(), name="items"),
    path_both("items/admin/all", views.AdminItemListView.as_view(), name="items-admin-all"),
    path_both("items/admin", views.AdminItemCreateView.as_view(), name="items-admin"),
    path_both("items/admin/" + UUID.format("item_id"), views.AdminItemDetailView.as_view(), name="items-admin-detail"),
    path_both("items/" + UUID.format("item_id"), views.ItemDetailView.as_view(), name="item-detail"),
    path_both("utils/test-email", views.TestEmailView.as_view(), name="utils-test-email"),
    path_both("utils/health-check", views.HealthCheckView.as_view(), name="utils-health-check"),
]
