#!/usr/bin/env python
"""Django's command-line utility; `samrad` (samrad/cli.py) is the same thing once installed."""

from samrad.cli import main

if __name__ == "__main__":
    main()
