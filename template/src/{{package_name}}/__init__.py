"""The service package; `main.create_app` assembles it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version(__name__.replace("_", "-"))
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
