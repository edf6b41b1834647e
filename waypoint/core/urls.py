"""URLs of the core app: sign-in, sign-out, accessibility statement."""
from django.urls import path

from . import views

urlpatterns = [
    path("sign-in", views.SignInView.as_view(), name="sign-in"),
    path("sign-out", views.SignOutView.as_view(), name="sign-out"),
    path("accessibility", views.accessibility, name="accessibility"),
]
