"""Load a whole repository into one Corpus, collecting every problem instead of stopping at the first."""
from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic, Location
from .load_modules import load_module
from .load_registries import load_actors, load_concepts, load_instruments
from .model import Corpus, Module


def module_folders(root: Path) -> list[Path]:
    """modules/<series>/<number>/ folders holding at least one Markdown file."""
    base = root / "modules"
    if not base.is_dir():
        return []
    return sorted(p for p in base.glob("*/*") if p.is_dir() and any(p.glob("*.md")))


def load_corpus(root: str | Path) -> tuple[Corpus, list[Diagnostic]]:
    root = Path(root).resolve()
    problems: list[Diagnostic] = []
    if not (root / "modules").is_dir():
        problems.append(Diagnostic(Location("modules"), "E020", f"no modules/ folder under {root}"))
    modules: dict[str, Module] = {}
    for folder in module_folders(root):
        module = load_module(folder, root, problems)
        if module is None:
            continue
        if module.id in modules:
            kept, dropped = modules[module.id], module
            if kept.folder != f"modules/{kept.id}" and dropped.folder == f"modules/{dropped.id}":
                kept, dropped = dropped, kept  # the module in its own folder keeps the ID
            problems.append(Diagnostic(Location(dropped.translations["en"].path, dropped.field_lines.get("number", 1)),
                                       "E005", f"duplicate module ID {module.id} (also {kept.translations['en'].path})"))
            modules[module.id] = kept
            continue
        modules[module.id] = module
    glossary = root / "glossary"
    corpus = Corpus(
        root=str(root),
        modules=dict(sorted(modules.items(), key=lambda kv: (("isacs", "iatg").index(kv[1].series), kv[1].number))),
        concepts=load_concepts(glossary / "concepts", root, problems),
        instruments=load_instruments(glossary / "instruments.yaml", root, problems),
        actors=load_actors(glossary / "actors.yaml", root, problems),
    )
    return corpus, problems
