"""The theme renders each block of a body's representation with the template its block class names."""

from django import template

from articles.blocks import BodyBlock

register = template.Library()


@register.filter
def block_template(block_type):
    return BodyBlock.base_blocks[block_type].meta.template
