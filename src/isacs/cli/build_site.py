"""`isacs build-site`: build the whole six-language site into site/ (strict)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("build-site", help="build the six-language site (mkdocs build --strict)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    parser.set_defaults(func=run)


def run(args) -> int:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(args.config_file)]).returncode
