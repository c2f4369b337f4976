import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partners_site.settings")

application = get_wsgi_application()

# Each server process loads the search dictionaries while starting, not on a visitor's
# first search.
from directory.search import warm_up  # noqa: E402

warm_up()
