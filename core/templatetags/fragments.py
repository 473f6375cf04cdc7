"""``{% fragment name value… %}…{% endfragment %}``: a part of a page rendered once for the values it shows.

Rendering long lists costs more than building them (the home page's lists: 10 ms of template work
from data read in one cache lookup). The part is cached under a digest of the values named, the
language and the theme, not under the content version: the same values always render the same HTML,
so a cached part is never stale and a preview's draft has a key of its own. Name every value the part
shows; anything else it reads (the request, the time) would be frozen into the cached copy.

Since a key always names the same HTML, each process also keeps the parts it used last: with Redis, a page
of ten parts would otherwise wait for ten round trips.
"""

import hashlib
import pickle

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.lru import LRU
from core.themes import current_theme

register = template.Library()

kept = LRU(1_000)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        values = [value.resolve(context) for value in self.values]
        try:
            shown = pickle.dumps((self.name, get_language(), current_theme(), values), protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError):
            return self.nodelist.render(context)
        key = f"fragment:{hashlib.sha256(shown).hexdigest()}"
        html = kept.get(key)
        if html is None:
            html = cache.get(key)
            if html is None:
                html = str(self.nodelist.render(context))
                cache.set(key, html, timeout=settings.SITE_DATA_CACHE_SECONDS)
            kept.set(key, html)
        # Rendered by the template engine, which escaped what it had to.
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a name and at least one value it shows")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
