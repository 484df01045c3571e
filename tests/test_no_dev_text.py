"""No dev-set text in the repository: the project's checker (../shared/tools/devtext.py, next to the dev data)
finds 8+ consecutive words of a dev document in src/ or tests/. Skipped where the shared folder is absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT.parent / "shared" / "tools" / "devtext.py"


@pytest.mark.skipif(not CHECKER.is_file(), reason="../shared/tools/devtext.py is not here")
def test_no_dev_text_in_src_or_tests():
    run = subprocess.run([sys.executable, str(CHECKER), "src", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert run.stdout.strip() == "", "dev text copied into the repo:\n" + run.stdout
    assert run.returncode == 0, run.stderr
