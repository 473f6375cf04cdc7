"""Django names its model permissions in English ("Can add group") and stores the names as data;
the group editor shows them as they are. After migrating, they are renamed in the site's language:
model permissions by action and model name, apps' own permissions by their translated name."""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy

ACTIONS = {"add": "Can add %s", "change": "Can change %s", "delete": "Can delete %s", "view": "Can view %s"}
ACTION_NAMES = {
    "add": pgettext_lazy("permission", "add"),
    "change": pgettext_lazy("permission", "change"),
    "delete": pgettext_lazy("permission", "delete"),
    "view": pgettext_lazy("permission", "view"),
}


def name_permissions(**kwargs):
    """``post_migrate``: model permissions still named by Django in English get a name in LANGUAGE_CODE."""
    renamed = []
    with translation.override(settings.LANGUAGE_CODE):
        for permission in Permission.objects.select_related("content_type"):
            action, _sep, _model = permission.codename.partition("_")
            model = permission.content_type.model_class()
            translated = gettext(permission.name)
            if translated != permission.name:  # an app's own permission, translated in a catalogue
                permission.name = translated
                renamed.append(permission)
                continue
            if action not in ACTIONS or model is None:
                continue
            if permission.name != ACTIONS[action] % model._meta.verbose_name_raw:
                continue  # named by its app, or renamed already
            permission.name = gettext("Can %(action)s %(model)s") % {
                "action": ACTION_NAMES[action],
                "model": model._meta.verbose_name,
            }
            renamed.append(permission)
    Permission.objects.bulk_update(renamed, ["name"])
