"""For the tests that pin the library versions a module using their internals was written against."""

import inspect
from importlib.metadata import version


def check_versions(module, pinned, recheck):
    """Fail, naming what to re-check in ``module``, when an installed version differs from ``pinned``."""
    installed = {name: version(name) for name in pinned}
    changed = {
        name: f"{pinned[name]} -> {installed[name]}" for name in pinned if installed[name] != pinned[name]
    }
    assert not changed, (
        f"{module} uses private parts of these libraries and was written against other versions "
        f"({changed}). Re-check: {recheck}. Then update the pinned versions in this test."
    )


def check_private_method(cls, name, parameters):
    """The private method a fenced module overrides or calls still exists with these parameters."""
    method = getattr(cls, name, None)
    assert method is not None, f"{cls.__module__}.{cls.__qualname__}.{name} is gone."
    found = list(inspect.signature(method).parameters)
    assert found == parameters, f"{cls.__qualname__}.{name} now takes {found}, not {parameters}."
