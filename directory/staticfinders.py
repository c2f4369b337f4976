"""Static files from installed packages that ship more than the site may publish."""

from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from xstatic.pkg import jquery_ui


class JQueryUIFinder(BaseFinder):
    """jQuery UI's script for modeltranslation's tabbed admin, served as
    `vendor/jquery-ui/jquery-ui.min.js`. Only the script: the package's themes refer to
    images in a way that the hashed-names storage cannot resolve, and nothing uses them."""

    prefix = "vendor/jquery-ui/"
    files = ("jquery-ui.min.js",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=jquery_ui.BASE_DIR)
        self.storage.prefix = self.prefix.rstrip("/")

    def find(self, path, find_all=False, **kwargs):
        name = path.removeprefix(self.prefix)
        if path.startswith(self.prefix) and name in self.files:
            found = str(Path(jquery_ui.BASE_DIR) / name)
            return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns):
        for name in self.files:
            yield name, self.storage
