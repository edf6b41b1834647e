"""Every page needs a signed-in user, except sign-in itself, static files and the admin's own login.

Children's data is the most sensitive there is, so the default is closed: a new view is protected unless it is
listed here as public.
"""
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import resolve
from django.urls.exceptions import Resolver404

PUBLIC_URL_NAMES = {"sign-in", "accessibility"}
PUBLIC_PREFIXES = ("/static/", "/admin/login/", "/favicon.ico")


class LoginRequiredEverywhereMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated or request.path.startswith(PUBLIC_PREFIXES):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)  # the 404 page itself needs no sign-in
        if match.url_name in PUBLIC_URL_NAMES:
            return self.get_response(request)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
