"""Write docs/api.md's table of every operation's response statuses from the OpenAPI document.

    .venv/bin/python scripts/api_responses.py          # rewrite the table in docs/api.md
    .venv/bin/python scripts/api_responses.py --check  # exit 1 if docs/api.md is out of date

The table sits between the two `responses` markers; tests/api/test_api_docs.py fails when it
differs from what the API declares (samrad/api/responses.py).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"
START, END = "<!-- responses: start -->\n", "<!-- responses: end -->\n"


def documented(text: str, table: str) -> str:
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    return head + START + table + END + tail


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from samrad.api.api import api
    from samrad.api.responses import status_table

    text = DOC.read_text()
    new = documented(text, status_table(api.get_openapi_schema()))
    if "--check" in sys.argv:
        return 0 if new == text else 1
    DOC.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
