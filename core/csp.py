"""django-csp's middleware with one policy for the public site and a looser one for the admin."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Under CSP_ADMIN_PREFIXES the policy gets CSP_ADMIN_UPDATE's sources added (Wagtail's admin
    templates are not yet free of inline styles); everything else gets the strict policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.update is None
            and settings.CSP_ADMIN_UPDATE
            and request.path_info.startswith(settings.CSP_ADMIN_PREFIXES)
        ):
            parts.update = settings.CSP_ADMIN_UPDATE
        return parts
