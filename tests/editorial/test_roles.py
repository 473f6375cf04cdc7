import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Workflow, WorkflowTask

from editorial import roles
from tests.factories import SectionPageFactory


def test_wagtails_english_groups_and_workflow_are_renamed(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"编辑", "审核员"} <= names
    assert not names & {"Editors", "Moderators"}
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_setup_roles_creates_the_roles_and_the_workflow_on_every_home(home):
    call_command("setup_roles", verbosity=0)
    assert Group.objects.filter(name__in=["站点管理员", "审核员"]).count() == 2
    workflow = home.get_workflow()
    assert workflow.name == "文章审核"
    [task] = [task.specific for task in workflow.tasks]
    assert task.name == "审核"
    assert [group.name for group in task.groups.all()] == ["审核员"]


def test_setup_roles_again_changes_nothing(home):
    call_command("setup_roles", "--final-review", verbosity=0)
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowTask.objects.count())
    call_command("setup_roles", verbosity=0)
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowTask.objects.count(),
    ) == counts


def test_final_review_is_a_second_step_that_can_be_switched_off(home):
    call_command("setup_roles", "--final-review", verbosity=0)
    assert [task.name for task in home.get_workflow().tasks] == ["审核", "终审"]
    call_command("setup_roles", "--no-final-review", verbosity=0)
    assert [task.name for task in home.get_workflow().tasks] == ["审核"]


def test_section_editor_adds_and_edits_only_in_the_section(home, login):
    own = SectionPageFactory(parent=home, title="教学教研")
    child = SectionPageFactory(parent=own, title="教研活动")
    other = SectionPageFactory(parent=home, title="党建工作")
    call_command("setup_roles", "--section", str(own.pk), verbosity=0)
    user = login("teacher", roles.section_group_name(own)).user
    assert own.permissions_for_user(user).can_add_subpage()
    assert child.permissions_for_user(user).can_edit()
    assert not other.permissions_for_user(user).can_add_subpage()
    assert not other.permissions_for_user(user).can_edit()
    assert not own.permissions_for_user(user).can_publish()


def test_section_editor_is_refused_the_editor_of_another_section(home, login):
    own = SectionPageFactory(parent=home, title="教学教研")
    other = SectionPageFactory(parent=home, title="党建工作")
    roles.setup_section_editors(own)
    client = login("teacher", roles.section_group_name(own))
    add_url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", other.pk])
    assert client.get(add_url).status_code == 302  # back to the dashboard with 权限不足
    assert client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).status_code == 302
    own_add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", own.pk])
    assert client.get(own_add).status_code == 200


def test_unknown_section_is_a_clear_error(home):
    with pytest.raises(CommandError, match="123456"):
        call_command("setup_roles", "--section", "123456")


def test_admin_action_sets_up_section_editors(home, admin_client):
    section = SectionPageFactory(parent=home, title="教学教研")
    explorer = admin_client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()
    url = reverse("editorial_section_editors", args=[section.pk])
    assert url in explorer
    assert "设置栏目编辑" in admin_client.get(url).content.decode()
    response = admin_client.post(url)
    group = Group.objects.get(name=roles.section_group_name(section))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailusers_groups:edit", args=[group.pk])


def test_admin_action_is_refused_to_editors(home, section, editor_client):
    url = reverse("editorial_section_editors", args=[section.pk])
    response = editor_client.post(url)
    assert response.status_code == 302  # Wagtail's 权限不足, back to the dashboard
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not Group.objects.filter(name=roles.section_group_name(section)).exists()
