"""Wagtail's default groups, workflow and root page get the Chinese names editors see (``editorial.roles``)."""

from django.db import migrations

GROUPS = {"Editors": "编辑", "Moderators": "审核员"}
WORKFLOWS = {"Moderators approval": "文章审核"}
TASKS = {"Moderators approval": "审核"}
ROOT_TITLES = {"Root": "根目录"}


def rename(apps, names_by_model):
    for (app_label, model_name), names in names_by_model.items():
        model = apps.get_model(app_label, model_name)
        for old, new in names.items():
            if not model.objects.filter(name=new).exists():
                model.objects.filter(name=old).update(name=new)


def rename_root(apps, titles):
    Page = apps.get_model("wagtailcore", "Page")
    for old, new in titles.items():
        Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    Collection = apps.get_model("wagtailcore", "Collection")
    for old, new in titles.items():
        Collection.objects.filter(depth=1, name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(
        apps,
        {("auth", "Group"): GROUPS, ("wagtailcore", "Workflow"): WORKFLOWS, ("wagtailcore", "Task"): TASKS},
    )
    rename_root(apps, ROOT_TITLES)


def backwards(apps, schema_editor):
    def reverse(names):
        return {new: old for old, new in names.items()}

    rename(
        apps,
        {
            ("auth", "Group"): reverse(GROUPS),
            ("wagtailcore", "Workflow"): reverse(WORKFLOWS),
            ("wagtailcore", "Task"): reverse(TASKS),
        },
    )
    rename_root(apps, reverse(ROOT_TITLES))


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
