"""The question-set score lives in ``benchmarks/ask.py``, outside the installed package."""

from __future__ import annotations

import sys

from tests.helpers import REPO

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
