from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import SectionPage

from . import roles


def can_set_up_groups(user):
    return user.has_perm("auth.add_group") and user.has_perm("auth.change_group")


def section_editors(request, page_id):
    """设置栏目编辑: the admin's way to what ``setup_roles --section`` does."""
    if not can_set_up_groups(request.user):
        raise PermissionDenied
    section = get_object_or_404(SectionPage, pk=page_id)
    if request.method == "POST":
        group = roles.setup_section_editors(section)
        messages.success(
            request,
            _("Group “%(group)s” is ready: add its members under Users.") % {"group": group.name},
        )
        return redirect(reverse("wagtailusers_groups:edit", args=[group.pk]))
    return TemplateResponse(
        request,
        "editorial/section_editors.html",
        {"section": section, "group_name": roles.section_group_name(section)},
    )
