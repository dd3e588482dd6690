#!/usr/bin/env python
"""Django's manage.py for the corpus site (to look around by hand: CORPUS_DJANGO_DB=/tmp/x.sqlite3 manage.py …)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corpus_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
