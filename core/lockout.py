"""What a client locked out of the admin login by django-axes sees (settings.AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "core/locked_out.html", {"minutes": minutes}, status=429)
