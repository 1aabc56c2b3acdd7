"""kg: turn news articles into an RDF knowledge graph of actors and their relationships."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kg-news")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
