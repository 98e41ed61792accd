from django.urls import path

from interlink_auth import views

app_name = "interlink_auth"

urlpatterns = [
    path("login", views.login, name="login"),
    path("callback", views.callback, name="callback"),
    path("logout", views.logout, name="logout"),
    path("logout_callback", views.logout_callback, name="logout_callback"),
    path("api/v1/users/me", views.UserMeView.as_view(), name="users-me"),
    path("api/v1/users/<str:user_id>", views.UserDetailView.as_view(), name="users-detail"),
]
