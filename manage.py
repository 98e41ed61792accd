#!/usr/bin/env python
"""Django's command-line utility."""

import os
import sys


def main():
    from config.roles import choose_for_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    choose_for_command(sys.argv)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
