"""New pages written in a few statements for many, with the rows Wagtail's own way of adding them leaves.

``add_child()`` and publishing took over a hundred queries per page; the importer creates its articles
with these functions instead. They use private parts of Django (``QuerySet._insert``), treebeard
(``MP_Node._get_path`` and ``_inc_path``) and Wagtail (``ReferenceIndex``'s extraction of references),
so they live here alone; ``tests/transfer/test_bulk_pages.py`` pins the versions they were written
against and compares their rows with the ones the public way writes.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex


def child_path(parent, last_child):
    """The tree path ``add_child()`` gives a new last child of ``parent`` after ``last_child`` (None:
    its first child)."""
    if last_child is None:
        return parent._get_path(parent.path, parent.depth + 1, 1)
    return last_child._inc_path()


def insert_pages(model, pages):
    """The rows of new pages of ``model``, a direct subclass of ``Page``, placed in the tree already:
    the ``Page`` rows, then the model's own, as ``save()`` writes them (``bulk_create()`` refuses
    models with a parent table)."""
    Page.objects.bulk_create(pages)
    for page in pages:
        page.page_ptr_id = page.id
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields)


def add_references(model, pages):
    """The reference index rows ``ReferenceIndex.create_or_update_for_object()`` writes for a new
    page (it has none yet), for all the pages in one statement instead of two per page."""
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.bulk_create(
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        )
    )
