"""Editorial roles and the review workflow, made with Wagtail's groups, page permissions and workflows.

Group, workflow and task names are stored data that editors see as they are, so they are Chinese.
Every function here may run again: it brings the database to the same state and creates nothing twice.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

SITE_ADMINS = "站点管理员"
REVIEWERS = "审核员"
EDITORS = "编辑"
WORKFLOW = "文章审核"
REVIEW_TASK = "审核"
FINAL_REVIEW_TASK = "终审"

EDIT_PAGES = ("add_page", "change_page")
REVIEW_PAGES = ("change_page", "publish_page", "lock_page", "unlock_page")
ALL_PAGES = ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page")
MEDIA_FOR_EDITORS = ("add_image", "choose_image", "add_document", "choose_document")
ALL_MEDIA = (
    *("add_image", "change_image", "choose_image", "delete_image"),
    *("add_document", "change_document", "choose_document", "delete_document"),
)


def section_group_name(section):
    return f"栏目编辑：{section.title}（{section.pk}）"


def _permissions(codenames, model=None):
    permissions = Permission.objects.filter(codename__in=codenames)
    if model is not None:
        permissions = permissions.filter(content_type=ContentType.objects.get_for_model(model))
    return list(permissions)


def _grant_pages(group, page, codenames):
    for permission in _permissions(codenames, Page):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_media(group, codenames):
    root = Collection.get_first_root_node()
    for permission in _permissions(codenames):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def _admin_access(group):
    group.permissions.add(*_permissions(["access_admin"]))


def _approval_task(name, group):
    task = GroupApprovalTask.objects.filter(name=name).first() or GroupApprovalTask.objects.create(name=name)
    task.groups.set([group])
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    return task


@transaction.atomic
def setup_roles(final_review=None):
    """站点管理员 (everything), 审核员 (reviews and publishes), and 文章审核 on every site's home page.

    ``final_review`` True adds the second step 终审 (by 站点管理员), False removes it, None keeps it as it is.
    Returns the workflow.
    """
    site_admins, _created = Group.objects.get_or_create(name=SITE_ADMINS)
    site_admins.permissions.set(Permission.objects.all())
    _grant_pages(site_admins, Page.get_first_root_node(), ALL_PAGES)
    _grant_media(site_admins, ALL_MEDIA)

    reviewers, _created = Group.objects.get_or_create(name=REVIEWERS)
    _admin_access(reviewers)
    _grant_media(reviewers, MEDIA_FOR_EDITORS)
    homes = [site.root_page for site in Site.objects.select_related("root_page")]
    for home in homes:
        _grant_pages(reviewers, home, REVIEW_PAGES)

    workflow = Workflow.objects.filter(name=WORKFLOW).first() or Workflow.objects.create(name=WORKFLOW)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    review = _approval_task(REVIEW_TASK, reviewers)
    WorkflowTask.objects.update_or_create(workflow=workflow, task=review, defaults={"sort_order": 0})
    if final_review is True:
        final = _approval_task(FINAL_REVIEW_TASK, site_admins)
        WorkflowTask.objects.update_or_create(workflow=workflow, task=final, defaults={"sort_order": 1})
    elif final_review is False:
        WorkflowTask.objects.filter(workflow=workflow).exclude(task=review).delete()
    for home in homes:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def has_final_review(workflow):
    return workflow.workflow_tasks.filter(task__name=FINAL_REVIEW_TASK).exists()


@transaction.atomic
def setup_section_editors(section):
    """A 栏目编辑 group that adds and edits pages only in ``section``'s subtree; its pages go live
    through review."""
    group, _created = Group.objects.get_or_create(name=section_group_name(section))
    _admin_access(group)
    _grant_pages(group, section, EDIT_PAGES)
    _grant_media(group, MEDIA_FOR_EDITORS)
    return group
