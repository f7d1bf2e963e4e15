"""Untrusted sources (issue 12): what a pull request can put under `modules/` and `glossary/` is refused with a
diagnostic, never followed, expanded or quoted whole.

- E021: a symbolic link (file or folder, inside or outside the repository) is reported from its own entry; its
  target is never opened or listed, so nothing of it can reach a message.
- E022: a file over `sources.MAX_SOURCE_BYTES` is reported with its size and never parsed.
- E023 / E024: YAML anchors and aliases / tags are reported at their own line:col from the token stream, before
  anything is composed or constructed (an alias bomb is never expanded).
- Messages quote at most `diagnostics.EXCERPT_LIMIT` characters of a source value.

Every case runs the real `isacs check`: `path:line:col: error CODE message`, exit 1, no traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core_testkit import (
    ACTORS,
    EN,
    FR,
    IATG,
    INSTRUMENTS,
    MARKING,
    REPO,
    Run,
    assert_clean_failure,
    copy_mini,
    isacs,
    steps,
    sub,
    write,
)
from isacs.core import load_modules, loader, sources, yamlio, yamlnodes
from isacs.core.diagnostics import EXCERPT_LIMIT, excerpt

SECRET = "TOPSECRET-d41d8cd98f00b204"
LINE = re.compile(r"^[^\s:][^:]*:\d+:\d+: (error|warning) [EW]\d{3} \S")


# --- helpers -----------------------------------------------------------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    """A folder beside the corpus (outside the repository) holding files that must never be read."""
    folder = tmp_path / "outside"
    folder.mkdir(exist_ok=True)
    return folder


def _secret_files(outside: Path) -> dict[str, Path]:
    """Targets whose content would be quoted in some message if the loader ever read them."""
    files = {
        # id differs from the file name (E013 quotes it); unknown key (E004 quotes it)
        "concept": f"id: {SECRET.lower()}\n{SECRET}: x\nlanguages: {{en: {{designations: [x], definition: x}}}}\n",
        # an actor key that fails the key pattern (E004 quotes it)
        "actors": f"{SECRET}:\n  en: x\n",
        "instruments": f"{SECRET}:\n  title: {{en: x}}\n  provisions: {{}}\n  {SECRET}: 1\n",
        # an unknown front matter key (E004 quotes it)
        "markdown": f"---\ntitle: x\n{SECRET}: x\n---\n\n## {SECRET}\n",
        "plain": f"{SECRET}\n",
    }
    out = {}
    for name, text in files.items():
        out[name] = outside / f"{name}.txt"
        out[name].write_text(text, "utf-8")
    return out


def _module_outside(outside: Path) -> Path:
    """A whole module folder outside the repository whose front matter would be quoted if read."""
    folder = outside / "module"
    folder.mkdir(exist_ok=True)
    (folder / "index.en.md").write_text(
        f'---\nseries: isacs\nnumber: "{SECRET}"\ntitle: x\n---\n\n## {SECRET}\n', "utf-8"
    )
    return folder


def _link(root: Path, relative: str, target: Path) -> None:
    """Replace `relative` (file or folder, if any) by a symbolic link to `target`."""
    path = root / relative
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target, target_is_directory=target.is_dir())


def _check(root: Path):
    run = isacs("check", "--root", str(root))
    assert_clean_failure(run)
    return run


def _assert_reported(run, expected: str) -> str:
    line = next((line for line in run.lines if line.startswith(expected + " ")), None)
    assert line is not None, f"expected a line starting with {expected!r}, got:\n{run.stdout}{run.stderr}"
    assert LINE.match(line), line
    assert run.returncode == 1, run.stdout
    return line


# --- E021 symbolic links -------------------------------------------------------------------------------------------

# (case id, path replaced by a link, which secret target: a file kind of `_secret_files`, or "module"/"real:<path>")
LINK_CASES = [
    ("concept-file", "glossary/concepts/leak.yaml", "concept"),
    ("concept-replacing-real-file", MARKING, "concept"),
    ("actors", ACTORS, "actors"),
    ("instruments", INSTRUMENTS, "instruments"),
    ("translation-file", FR, "markdown"),
    ("english-file", EN, "markdown"),
    ("non-source-file-in-module", "modules/isacs/05.30/figure.png", "plain"),
    ("module-folder-outside-repo", "modules/isacs/05.40", "module"),
    ("concepts-folder", "glossary/concepts", "folder"),
    ("series-folder", "modules/iatg", "folder"),
    ("modules-folder", "modules", "folder"),
    ("glossary-folder", "glossary", "folder"),
    ("dangling", "modules/isacs/05.30/index.es.md", "missing"),
]


def _target(kind: str, outside: Path) -> Path:
    if kind == "module":
        return _module_outside(outside)
    if kind == "folder":  # a folder full of secret-bearing sources, shaped like any source folder
        folder = outside / "tree"
        (folder / "concepts").mkdir(parents=True, exist_ok=True)
        (folder / "isacs" / "05.30").mkdir(parents=True, exist_ok=True)
        files = _secret_files(outside)
        for name in ("concepts/leak.yaml", "leak.yaml", "actors.yaml"):
            (folder / name).write_text(files["concept"].read_text("utf-8"), "utf-8")
        (folder / "06.10").mkdir(exist_ok=True)
        (folder / "06.10" / "index.en.md").write_text(files["markdown"].read_text("utf-8"), "utf-8")
        (folder / "isacs" / "05.30" / "index.en.md").write_text(files["markdown"].read_text("utf-8"), "utf-8")
        return folder
    if kind == "missing":
        return outside / "does-not-exist.md"
    return _secret_files(outside)[kind]


@pytest.mark.parametrize("relative, kind", [pytest.param(r, k, id=i) for i, r, k in LINK_CASES])
def test_symlink_is_reported_and_its_target_never_shown(tmp_path, relative, kind):
    root = copy_mini(tmp_path)
    _link(root, relative, _target(kind, _outside(tmp_path)))
    run = _check(root)
    line = _assert_reported(run, f"{relative}:1:1: error E021")
    assert "symlink is not allowed in the sources" in line
    assert SECRET not in run.stdout + run.stderr
    assert SECRET.lower() not in run.stdout + run.stderr


def test_symlink_inside_the_repository_is_refused_too(tmp_path):
    """Not only links leaving the repository: a link to a valid source elsewhere in it is refused as well."""
    root = copy_mini(tmp_path)
    _link(root, "glossary/concepts/marking-copy.yaml", root / MARKING)
    run = _check(root)
    _assert_reported(run, "glossary/concepts/marking-copy.yaml:1:1: error E021")
    # The link was not loaded as a second concept (that would be E005/E013 on the link's path).
    assert not any(" E005 " in line or " E013 " in line for line in run.lines), run.stdout


class _FileAccess:
    """Paths the process opens or lists while recording (through Python's audit events, which every open(),
    os.open(), os.scandir() and os.listdir() raises): proof that a link's target is never read."""

    installed = False
    recording: list[str] | None = None

    @classmethod
    def hook(cls, event, args):
        if cls.recording is not None and event in ("open", "os.scandir", "os.listdir") and args and args[0] is not None:
            if isinstance(args[0], (str, bytes, os.PathLike)):
                cls.recording.append(os.fsdecode(args[0]))

    def __enter__(self):
        if not _FileAccess.installed:
            sys.addaudithook(_FileAccess.hook)  # cannot be removed: it records only inside `with`
            _FileAccess.installed = True
        _FileAccess.recording = []
        return _FileAccess.recording

    def __exit__(self, *exc):
        _FileAccess.recording = None


def test_loader_never_opens_or_lists_a_link_target(tmp_path):
    root = copy_mini(tmp_path)
    outside = _outside(tmp_path)
    files = _secret_files(outside)
    links = {
        "glossary/concepts/leak.yaml": files["concept"],
        ACTORS: files["actors"],
        FR: files["markdown"],
        "modules/isacs/05.40": _module_outside(outside),
        "modules/isacs/05.30/figure.png": files["plain"],
    }
    for relative, target in links.items():
        _link(root, relative, target)
    with _FileAccess() as accessed:
        _, problems = loader.load_corpus(root)
    assert accessed, "the audit hook saw nothing: the test would prove nothing"
    touched = [
        p
        for p in accessed
        if Path(p).resolve().is_relative_to(outside.resolve())
        or any(p == str(root / r) or p.startswith(str(root / r) + os.sep) for r in links)
    ]
    assert touched == []
    reported = {p.location.path for p in problems if p.code == "E021"}
    assert reported == set(links)
    assert not any(SECRET in p.message for p in problems)


def test_symlinked_module_folder_is_not_silently_skipped(tmp_path):
    """The folder looks like a module (it holds index.en.md through the link); leaving it out without a word
    would publish a corpus with a module missing."""
    root = copy_mini(tmp_path)
    _link(root, "modules/isacs/05.40", _module_outside(_outside(tmp_path)))
    corpus, problems = loader.load_corpus(root)
    assert [(p.location.path, p.code) for p in problems] == [("modules/isacs/05.40", "E021")]
    assert "isacs/05.40" not in corpus.modules and "isacs/05.30" in corpus.modules


def test_read_text_refuses_a_link_itself(tmp_path):
    """The last line of defence, for any caller that reaches `read_text` with a link: E021, target not read."""
    target = _secret_files(_outside(tmp_path))["plain"]
    link = tmp_path / "link.md"
    link.symlink_to(target)
    problems = []
    with _FileAccess() as accessed:
        assert sources.read_text(link, "link.md", problems) is None
    assert [(p.code, p.location.path) for p in problems] == [("E021", "link.md")]
    assert str(link) not in accessed and str(target) not in accessed


# --- E022 size limit -------------------------------------------------------------------------------------------------


def _padded(text: str, size: int) -> str:
    """`text` followed by a comment line filling it to exactly `size` bytes (ASCII)."""
    filler = size - len(text.encode("utf-8")) - 2
    assert filler > 0 and text.endswith("\n")
    return text + "#" + "x" * filler + "\n"


def test_size_limit_is_two_mib():
    assert sources.MAX_SOURCE_BYTES == 2 * 1024 * 1024


@pytest.mark.parametrize("relative", [FR, MARKING, ACTORS])
def test_oversized_file_is_refused_with_its_size(tmp_path, relative):
    root = copy_mini(tmp_path)
    size = sources.MAX_SOURCE_BYTES + 1
    original = (root / relative).read_text("utf-8")
    write(relative, _padded(original, size))(root)
    assert (root / relative).stat().st_size == size
    run = _check(root)
    line = _assert_reported(run, f"{relative}:1:1: error E022")
    assert f"{size:,} bytes" in line
    assert not any(other.startswith(relative + ":") and " E022 " not in other for other in run.lines), run.stdout


def test_oversized_file_is_never_parsed(tmp_path, monkeypatch):
    """The size comes from fstat: neither the front matter splitter nor the YAML loader ever sees the text."""
    root = copy_mini(tmp_path)
    big = sources.MAX_SOURCE_BYTES + 10
    steps(
        write(FR, _padded((root / FR).read_text("utf-8"), big)),
        write(MARKING, _padded((root / MARKING).read_text("utf-8"), big)),
    )(root)
    seen: list[int] = []
    real_split, real_load = load_modules.split_front_matter, yamlio.load_source

    def split(text):
        seen.append(len(text))
        return real_split(text)

    def load_source(text, *args, **kwargs):
        seen.append(len(text))
        return real_load(text, *args, **kwargs)

    monkeypatch.setattr(load_modules, "split_front_matter", split)
    monkeypatch.setattr(yamlio, "load_source", load_source)
    _, problems = loader.load_corpus(root)
    assert seen and max(seen) < 10_000  # the other, small files were parsed; the big ones never
    assert sorted((p.location.path, p.code) for p in problems if p.code == "E022") == [(MARKING, "E022"), (FR, "E022")]


def test_file_of_exactly_the_limit_is_read(tmp_path):
    root = copy_mini(tmp_path)
    write(MARKING, _padded((root / MARKING).read_text("utf-8"), sources.MAX_SOURCE_BYTES))(root)
    assert (root / MARKING).stat().st_size == sources.MAX_SOURCE_BYTES
    corpus, problems = loader.load_corpus(root)
    assert problems == [] and "marking" in corpus.concepts


# --- E023 / E024 YAML anchors, aliases and tags ------------------------------------------------------------------

YAML_CASES = [
    (
        "E023-anchor-front-matter",
        sub(EN, "title: Marking fixture", "title: &t Marking fixture"),
        f"{EN}:4:8: error E023",
    ),
    ("E023-alias-front-matter", sub(EN, "status: published", "status: published\ntitle2: *t"), f"{EN}:9:9: error E023"),
    (
        "E023-anchor-translation",
        sub(FR, "title: Fixture de marquage", "title: &t Fixture de marquage"),
        f"{FR}:2:8: error E023",
    ),
    ("E023-anchor-concept", sub(MARKING, "id: marking", "id: &m marking"), f"{MARKING}:1:5: error E023"),
    (
        "E023-alias-actors",
        sub(ACTORS, "  fr: Fabricant\n", "  fr: &f Fabricant\n  es: *f\n"),
        f"{ACTORS}:4:7: error E023",
    ),
    ("E023-merge-key", sub(INSTRUMENTS, "  year: 2005", "  <<: *base\n  year: 2005"), f"{INSTRUMENTS}:6:7: error E023"),
    (
        "E024-python-tag",
        sub(EN, "status: published", "status: !!python/object/apply:os.system [echo]"),
        f"{EN}:8:9: error E024",
    ),
    (
        "E024-custom-tag",
        sub(FR, "title: Fixture de marquage", "title: !custom Fixture de marquage"),
        f"{FR}:2:8: error E024",
    ),
    ("E024-standard-tag", sub(MARKING, "id: marking", "id: !!str marking"), f"{MARKING}:1:5: error E024"),
    (
        "E024-verbatim-tag",
        sub(INSTRUMENTS, "year: 2005", "year: !<tag:yaml.org,2002:int> 2005"),
        f"{INSTRUMENTS}:6:9: error E024",
    ),
    (
        "E024-tag-directive",
        write(ACTORS, "%TAG !e! tag:example.com,2026:\n---\nmanufacturer: {en: x}\n"),
        f"{ACTORS}:1:1: error E024",
    ),
]


@pytest.mark.parametrize("edit, expected", [pytest.param(e, x, id=i) for i, e, x in YAML_CASES])
def test_yaml_anchor_alias_tag_reported_at_its_position(tmp_path, edit, expected):
    root = copy_mini(tmp_path)
    edit(root)
    _assert_reported(_check(root), expected)


def test_indicator_characters_inside_values_are_not_constructs(tmp_path):
    """`&`, `*`, `!` and `%` inside a scalar are text: only real anchors, aliases and tags are refused."""
    root = copy_mini(tmp_path)
    steps(
        sub(
            MARKING,
            "definition: Applying an identifying mark to an item.",
            "definition: Marks & labels *must* be applied! 100% of items",
        ),
        sub(EN, "title: Marking fixture", 'title: "Marking & *fixture* !x %TAG"'),
    )(root)
    run = isacs("check", "--root", str(root))
    assert run.returncode == 0 and run.stdout == "", run.stdout


def _bomb(levels: int = 9, width: int = 9) -> str:
    """The "billion laughs": `levels` anchors each aliasing the previous `width` times (9 x 9: 387 million strings)."""
    lines = ['l0: &l0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _never_constructs(monkeypatch) -> list[str]:
    """Make every constructing loader fail the test if it is handed a text with an anchor; returns what they saw."""
    seen: list[str] = []

    def guard(real):
        def load(text, *args, **kwargs):
            seen.append(text)
            assert "&l0" not in text, "the alias bomb reached a YAML constructor"
            return real(text, *args, **kwargs)

        return load

    monkeypatch.setattr(yamlio, "load", guard(yamlio.load))
    monkeypatch.setattr(yamlnodes, "load", guard(yamlnodes.load))
    return seen


def test_alias_bomb_in_front_matter_is_never_expanded(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    sub(EN, "status: published\n", "status: published\n" + _bomb())(root)
    seen = _never_constructs(monkeypatch)
    _, problems = loader.load_corpus(root)
    assert seen, "the guard saw no YAML at all: the test would prove nothing"
    en = [p for p in problems if p.location.path == EN]
    assert en and {p.code for p in en} == {"E023"}
    # The first anchor, on the line after `status:` (line 8): `l0: &l0` -> column 5.
    assert (en[0].location.line, en[0].location.col) == (9, 5)
    assert len(en) == yamlio.MAX_REPORTED + 1 and "more YAML anchors" in en[-1].message


def test_alias_bomb_in_glossary_is_never_expanded(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    write("glossary/concepts/bomb.yaml", "id: bomb\n" + _bomb())(root)
    _never_constructs(monkeypatch)
    _, problems = loader.load_corpus(root)
    first = next(p for p in problems if p.location.path == "glossary/concepts/bomb.yaml")
    assert (first.code, first.location.line, first.location.col) == ("E023", 2, 5)


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


@pytest.mark.skipif(sys.platform != "linux", reason="the memory bound of the child uses RLIMIT_AS")
def test_alias_bomb_through_the_command_line(tmp_path):
    """The real command on the bomb. Expanding it (387 million strings) would take minutes and gigabytes: the
    child gets 2 GiB and 60 s so a regression fails this test (MemoryError or timeout) instead of the machine."""
    root = copy_mini(tmp_path)
    sub(EN, "status: published\n", "status: published\n" + _bomb())(root)
    done = subprocess.run(
        [sys.executable, "-m", "isacs.cli.main", "check", "--root", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    run = Run(done.returncode, done.stdout, done.stderr)
    assert_clean_failure(run)
    _assert_reported(run, f"{EN}:9:5: error E023")


def test_tagged_value_is_never_constructed(tmp_path, monkeypatch):
    """A `!!python/...` tag is refused from the tokens: no constructor (safe or not) is ever handed the text."""
    root = copy_mini(tmp_path)
    sub(EN, "status: published", "status: !!python/object/apply:os.system [touch pwned]")(root)
    seen: list[str] = []
    real = yamlio.load
    monkeypatch.setattr(yamlio, "load", lambda text, *a, **k: (seen.append(text), real(text, *a, **k))[1])
    _, problems = loader.load_corpus(root)
    assert not any("python/object" in text for text in seen)
    assert [(p.location.line, p.code) for p in problems if p.location.path == EN] == [(8, "E024")]


# --- excerpts of source values in messages ---------------------------------------------------------------------------

LONG = "q" * 10_000
KEY = "q" * 1_000  # YAML allows no longer implicit key: still far over the excerpt


def test_excerpt_caps_and_marks_the_cut():
    cut = excerpt(LONG)
    assert len(cut) == EXCERPT_LIMIT == 60 and cut.endswith("…") and cut.startswith("q" * 59)
    assert excerpt("short value") == "short value"
    assert excerpt("q" * EXCERPT_LIMIT) == "q" * EXCERPT_LIMIT


def test_excerpt_escapes_line_breaks_and_invisible_characters():
    """A newline in a value would print a forged second diagnostic; a bidi override would disguise the text."""
    assert excerpt("a\nb.md:1:1: error E001 forged") == "a\\nb.md:1:1: error E001 forged"
    assert excerpt("abc\u202edef") == "abc\\u202edef"
    assert excerpt("الوسم") == "الوسم"
    assert "\n" not in excerpt("\n" * 10_000) and len(excerpt("\n" * 10_000)) <= EXCERPT_LIMIT


EXCERPT_CASES = [
    ("E004-enum", sub(EN, "status: published", f"status: {LONG}"), f"{EN}:8:1: error E004"),
    ("E004-unknown-key", sub(EN, "status: published", f"status: published\n{KEY}: x"), f"{EN}:9:1: error E004"),
    ("E004-key-pattern", sub(ACTORS, "manufacturer:", f"{KEY.upper()}:"), f"{ACTORS}:1:1: error E004"),
    ("E004-type", sub(EN, "related: [iatg/06.10]", f"related: {{{KEY}: x}}"), f"{EN}:9:1: error E004"),
    (
        "E005-duplicate-key",
        sub(EN, "status: published", f"status: published\n{KEY}: 1\n{KEY}: 2"),
        f"{EN}:10:1: error E005",
    ),
    ("E010-link-target", sub(EN, "[marking](term:marking)", f"[marking](term:{LONG})"), f"{EN}:35:21: error E010"),
    (
        "E012-actor",
        sub(EN, "actors: [national-authority]\n    refs: []", f"actors: [{LONG}]\n    refs: []"),
        f"{EN}:20:3: error E012",
    ),
    ("E013-concept-id", sub(MARKING, "id: marking", f"id: {LONG}"), f"{MARKING}:1:1: error E013"),
    (
        "E016-marker",
        sub(IATG, "A form for inspectors.", "A form {: #r" + "1" * 10_000 + " } for inspectors."),
        f"{IATG}:38:8: error E016",
    ),
]


@pytest.mark.parametrize("edit, expected", [pytest.param(e, x, id=i) for i, e, x in EXCERPT_CASES])
def test_messages_quote_only_an_excerpt_of_a_long_value(tmp_path, edit, expected):
    root = copy_mini(tmp_path)
    edit(root)
    run = _check(root)
    line = _assert_reported(run, expected)
    for long_run in ("q" * (EXCERPT_LIMIT + 1), "Q" * (EXCERPT_LIMIT + 1), "1" * (EXCERPT_LIMIT + 1)):
        assert long_run not in run.stdout + run.stderr
    assert max(len(other) for other in run.lines) < 400, max(run.lines, key=len)[:500]
    assert "…" in line
