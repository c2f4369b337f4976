# Dates in English pages read "29 November 2026": the directory is international, and the
# day-month order matches the Polish pages.
DATE_FORMAT = "j F Y"
