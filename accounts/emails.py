"""The e-mails of the template (reset, new account, test), sent through Django's backend."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.utils.html import format_html, strip_tags


@dataclass(frozen=True)
class EmailData:
    subject: str
    html_content: str


def send_email(*, email_to: str, data: EmailData) -> None:
    send_mail(
        subject=data.subject,
        message=strip_tags(data.html_content),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email_to],
        html_message=data.html_content,
    )


def reset_password_email(*, email_to: str, email: str, token: str) -> EmailData:
    link = f"{settings.FRONTEND_HOST}/reset-password?token={token}"
    return EmailData(
        subject=f"{settings.PROJECT_NAME} - Password recovery for user {email}",
        html_content=format_html(
            "<p>{} - Password Recovery</p><p>Hello {},</p>"
            '<p>We received a request to recover your password. <a href="{}">Reset your password</a></p>'
            "<p>This link is valid for {} hours.</p>"
            "<p>If you didn't request a password recovery you can disregard this email.</p>",
            settings.PROJECT_NAME,
            email,
            link,
            settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS,
        ),
    )


def new_account_email(*, email_to: str, username: str, password: str) -> EmailData:
    return EmailData(
        subject=f"{settings.PROJECT_NAME} - New account for user {username}",
        html_content=format_html(
            "<p>{} - New Account</p><p>Welcome to your new account!</p>"
            "<p>Here are your account details:</p><p>Username: {}</p><p>Password: {}</p>"
            '<p><a href="{}">Go to Dashboard</a></p>',
            settings.PROJECT_NAME,
            username,
            password,
            settings.FRONTEND_HOST,
        ),
    )


def test_email(*, email_to: str) -> EmailData:
    return EmailData(
        subject=f"{settings.PROJECT_NAME} - Test email",
        html_content=format_html("<p>Test email for: {}</p>", email_to),
    )
