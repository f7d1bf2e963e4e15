"""A synthetic but valid corpus for benchmarks: N modules x six languages of realistic size.

Each module has the shape of a real one (foreword, introduction, scope, normative references, terms,
clauses two and three levels deep, tables and nested lists, an annex with sub-clauses and a table, a
bibliography), a tombstone, term/module/requirement/instrument links, and stamped translations in every
language. `words` sets the English length: 2,000 words (3 clauses, 18 requirements) per unit, the clauses
growing first (up to 12), then their sub-clauses (a requirement every ~150 words) and running text, as in
real modules of 15,000-40,000 words; every main clause of a longer module also holds a table and a nested
list. The glossary, instruments and actors are the bundled ones (so every reference resolves) plus
synthetic concepts up to the requested count. The text is filler: deterministic
pseudo-random sentences from a small vocabulary per language, never real standards text.

    python -m benchmarks.generate DEST --modules 65 --words 25000 [--glossary-root REPO]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from isacs.core.languages import LANGUAGES, SOURCE_LANGUAGE
from isacs.core.loader import load_corpus
from isacs.core.markdown_source import digest
from isacs.core.model import Corpus

REQUIREMENTS_PER_MODULE = 18  # per unit of UNIT_WORDS English words
UNIT_WORDS = 2000
MAX_CLAUSES = 12  # main clauses of the longest modules; longer ones have more sub-clauses per clause
LEVELS = ("shall", "shall", "should", "may")  # the mix of a typical module

# Filler vocabulary per language; Arabic, Cyrillic and CJK so the benchmark reads every script.
WORDS = {
    "en": (
        "record weapon authority marking transfer licence stockpile inspection procedure item register "
        "national control export import security destruction facility report manufacturer period data "
        "information process system state measure document storage access review"
    ).split(),
    "fr": (
        "registre arme autorité marquage transfert licence stock inspection procédure article national "
        "contrôle exportation importation sécurité destruction installation rapport fabricant période "
        "données information processus système État mesure document entreposage accès examen"
    ).split(),
    "es": (
        "registro arma autoridad marcaje transferencia licencia existencias inspección procedimiento "
        "artículo nacional control exportación importación seguridad destrucción instalación informe "
        "fabricante periodo datos información proceso sistema Estado medida documento acceso"
    ).split(),
    "ar": (
        "سجل سلاح سلطة وسم نقل ترخيص مخزون تفتيش إجراء صنف وطني رقابة تصدير استيراد أمن تدمير منشأة "
        "تقرير صانع فترة بيانات معلومات عملية نظام دولة تدبير وثيقة تخزين وصول مراجعة"
    ).split(),
    "ru": (
        "реестр оружие орган маркировка передача лицензия запас инспекция процедура изделие национальный "
        "контроль экспорт импорт безопасность уничтожение объект отчёт изготовитель период данные "
        "информация процесс система государство мера документ хранение доступ"
    ).split(),
    "zh": (
        "登记 武器 主管 标识 转让 许可 库存 检查 程序 物品 国家 管制 出口 进口 安全 销毁 设施 报告 制造商 期限 "
        "数据 信息 过程 系统 措施 文件 储存"
    ).split(),
}
# The verbal forms per language (English ones are what W101 checks).
VERBS = {
    "en": {"shall": "shall", "should": "should", "may": "may"},
    "fr": {"shall": "doit", "should": "devrait", "may": "peut"},
    "es": {"shall": "deberá", "should": "debería", "may": "podrá"},
    "ar": {"shall": "يجب", "should": "ينبغي", "may": "يجوز"},
    "ru": {"shall": "должен", "should": "следует", "may": "может"},
    "zh": {"shall": "应", "should": "宜", "may": "可"},
}
FIXED_TITLES = {
    "foreword": {
        "en": "Foreword",
        "fr": "Avant-propos",
        "es": "Prólogo",
        "ar": "تمهيد",
        "ru": "Предисловие",
        "zh": "前言",
    },
    "introduction": {
        "en": "Introduction",
        "fr": "Introduction",
        "es": "Introducción",
        "ar": "مقدمة",
        "ru": "Введение",
        "zh": "引言",
    },
    "scope": {
        "en": "Scope",
        "fr": "Domaine d'application",
        "es": "Alcance",
        "ar": "النطاق",
        "ru": "Область применения",
        "zh": "范围",
    },
    "references": {
        "en": "Normative references",
        "fr": "Références normatives",
        "es": "Referencias normativas",
        "ar": "المراجع المعيارية",
        "ru": "Нормативные ссылки",
        "zh": "规范性引用文件",
    },
    "terms": {
        "en": "Terms and definitions",
        "fr": "Termes et définitions",
        "es": "Términos y definiciones",
        "ar": "المصطلحات والتعاريف",
        "ru": "Термины и определения",
        "zh": "术语和定义",
    },
    "bibliography": {
        "en": "Bibliography",
        "fr": "Bibliographie",
        "es": "Bibliografía",
        "ar": "ببليوغرافيا",
        "ru": "Библиография",
        "zh": "参考文献",
    },
}


@dataclass(frozen=True)
class GeneratedCorpus:
    root: Path
    modules: int
    languages: tuple[str, ...]
    requirements: int  # with text (tombstones not counted)
    concepts: int
    files: int
    english_words: int  # all English module files together
    bytes: int
    words: int = UNIT_WORDS  # the requested English words per module


@dataclass(frozen=True)
class _Vocabulary:
    """What links and metadata may refer to: the bundled registries and the generated modules."""

    concepts: tuple[str, ...]
    actors: tuple[str, ...]
    provisions: tuple[tuple[str, str], ...]  # (instrument, provision label without spaces)
    module_ids: tuple[str, ...]
    designations: dict = field(default_factory=dict)  # concept -> language -> the text of a link to it

    def term_link(self, concept: str, lang: str) -> str:
        """A `term:` link whose text is the concept's designation, as an editor writes it (lint W106)."""
        return f"[{self.designations[concept][lang]}](term:{concept})"


def module_ids(count: int) -> list[str]:
    """isacs/01.00, iatg/01.10, isacs/01.20 ... : unique numbers, both series."""
    return [f"{('isacs', 'iatg')[i % 2]}/{1 + i // 10:02d}.{(i % 10) * 10:02d}" for i in range(count)]


def generate(
    dest: str | Path,
    modules: int = 70,
    glossary_root: str | Path = ".",
    concepts: int = 50,
    languages: tuple[str, ...] = LANGUAGES,
    seed: int = 2026,
    words: int = UNIT_WORDS,
) -> GeneratedCorpus:
    """Write the corpus under `dest` (which must not exist yet or be empty) and return its size."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty")
    if SOURCE_LANGUAGE not in languages:
        raise ValueError("the English source language is required")
    if words < UNIT_WORDS // 2:
        raise ValueError(f"words: at least {UNIT_WORDS // 2} per module")
    bundled = _bundled(Path(glossary_root))
    (dest / "glossary").mkdir(parents=True)
    for name in ("actors.yaml", "instruments.yaml"):
        shutil.copyfile(Path(glossary_root) / "glossary" / name, dest / "glossary" / name)
    designations = _write_concepts(dest, Path(glossary_root), bundled, concepts)
    concept_ids = list(designations)
    ids = module_ids(modules)
    vocab = _Vocabulary(
        concepts=tuple(concept_ids),
        actors=tuple(bundled.actors),
        provisions=tuple(
            (i.abbreviation, p) for i in bundled.instruments.values() for p in i.provisions if " " not in p
        ),
        module_ids=tuple(ids),
        designations=designations,
    )
    shape = _calibrated(Shape.for_words(words), words, ids, vocab)
    rng = random.Random(seed)
    requirements = english_words = 0
    for index, module_id in enumerate(ids):
        folder = dest / "modules" / module_id
        folder.mkdir(parents=True)
        module = _Module(module_id, index, vocab, rng, shape)
        english = module.english()
        (folder / "index.en.md").write_text(english, "utf-8")
        english_words += len(english.split())
        requirements += len(module.reqs)
        for lang in languages:
            if lang != SOURCE_LANGUAGE:
                (folder / f"index.{lang}.md").write_text(module.translation(lang), "utf-8")
    files = [p for p in dest.rglob("*") if p.is_file()]
    return GeneratedCorpus(
        root=dest,
        modules=modules,
        languages=tuple(languages),
        requirements=requirements,
        concepts=len(concept_ids),
        files=len(files),
        english_words=english_words,
        bytes=sum(p.stat().st_size for p in files),
        words=words,
    )


@dataclass(frozen=True)
class Shape:
    """How a module of a given length is laid out: its main clauses, the pairs of sub-clauses in each
    (the first with two requirements, the second with two sub-sub-clauses of two each: six requirements a
    pair), and whether its clauses hold a table and a nested list."""

    clauses: int
    pairs: int  # sub-clause pairs per main clause
    blocks: bool  # a table and a nested list in every main clause
    paragraphs: int = 0  # running-text paragraphs added to every sub-clause (set by calibration)

    @classmethod
    def for_words(cls, words: int) -> Shape:
        """Clauses grow with the length up to MAX_CLAUSES; requirements keep about one per WORDS_PER_REQUIREMENT
        words (pairs of sub-clauses hold six each); running text makes up the rest (see _calibrated)."""
        units = max(1, round(words / UNIT_WORDS))
        clauses = min(MAX_CLAUSES, 3 * units)
        pairs = max(1, round(words / WORDS_PER_REQUIREMENT / 6 / clauses)) if units > 1 else 1
        return cls(clauses, pairs, units > 1)

    @property
    def requirements(self) -> int:
        return self.clauses * self.pairs * 6


WORDS_PER_REQUIREMENT = 150  # real modules: a requirement or recommendation every 100-200 words


def _calibrated(shape: Shape, words: int, ids: list[str], vocab: _Vocabulary) -> Shape:
    """The shape with as many added paragraphs per sub-clause as bring the English text nearest to `words`:
    measured on a probe module (its own random stream, so the corpus does not depend on the probe)."""
    if not shape.blocks:
        return shape  # one unit: the fixed shape of a 2,000-word module

    def english_words(paragraphs: int) -> int:
        probe = _Module(ids[0], 0, vocab, random.Random("probe"), replace(shape, paragraphs=paragraphs))
        return len(probe.english().split())

    base, per_paragraph = english_words(0), english_words(1) - english_words(0)
    return replace(shape, paragraphs=max(0, round((words - base) / per_paragraph)))


def _bundled(root: Path) -> Corpus:
    corpus, problems = load_corpus(root)
    if not corpus.actors or not corpus.instruments:
        raise ValueError(f"{root} has no glossary/actors.yaml or glossary/instruments.yaml to build on")
    return corpus


def _write_concepts(dest: Path, root: Path, bundled: Corpus, count: int) -> dict[str, dict[str, str]]:
    """The bundled concepts (source module dropped: it is not in the generated corpus) plus synthetic ones;
    returns each one's preferred designation per language (English where it has none)."""
    folder = dest / "glossary" / "concepts"
    folder.mkdir(parents=True)
    ids: dict[str, dict[str, str]] = {}
    for concept in list(bundled.concepts.values())[:count]:
        text = (root / concept.location.path).read_text("utf-8")
        lines = [line for line in text.split("\n") if not line.startswith("source:")]
        (folder / f"{concept.id}.yaml").write_text("\n".join(lines), "utf-8")
        ids[concept.id] = {lang: concept.term(lang).preferred for lang in LANGUAGES}
    for n in range(len(ids), count):
        cid = f"synthetic-term-{n:03d}"
        (folder / f"{cid}.yaml").write_text(
            f"id: {cid}\nlanguages:\n"
            + "".join(
                f"  {lang}:\n    designations: [{WORDS[lang][n % len(WORDS[lang])]} {n}]\n"
                f"    definition: {' '.join(WORDS[lang][(n + k) % len(WORDS[lang])] for k in range(12))}.\n"
                for lang in LANGUAGES
            ),
            "utf-8",
        )
        ids[cid] = {lang: f"{WORDS[lang][n % len(WORDS[lang])]} {n}" for lang in LANGUAGES}
    return ids


class _Module:
    """One synthetic module: its structure is fixed once, then written in each language."""

    def __init__(self, module_id: str, index: int, vocab: _Vocabulary, rng: random.Random, shape: Shape) -> None:
        self.id = module_id
        self.shape = shape
        self.series, self.number = module_id.split("/")
        self.vocab = vocab
        ids = vocab.module_ids
        self.related = tuple(dict.fromkeys(i for i in (ids[index - 1], ids[(index + 1) % len(ids)]) if i != module_id))
        self.seed = rng.random()
        self.reqs = [self._requirement(n, rng) for n in range(1, shape.requirements + 1)]
        self.instruments = tuple(dict.fromkeys(ref.split(" ")[0] for req in self.reqs for ref in req["refs"]))
        self._english_reqs: dict[str, str] = {}

    def _requirement(self, n: int, rng: random.Random) -> dict:
        instrument, provision = rng.choice(self.vocab.provisions)
        return {
            "id": f"r{n:03d}",
            "level": LEVELS[n % len(LEVELS)],
            "actors": rng.sample(self.vocab.actors, 2 if n % 3 == 0 else 1),
            "refs": [f"{instrument} {provision}"] if n % 4 else [],
            "rrpl": 1 + n % 3,
            "link": (instrument, provision),
        }

    # --- text -------------------------------------------------------------------------------------------

    def _sentence(self, lang: str, rng: random.Random, words: int, link: str | None = None) -> str:
        vocab = WORDS[lang]
        parts = [rng.choice(vocab) for _ in range(words)]
        if link:
            parts.insert(words // 2, link)
        if lang == "zh":
            return "".join(parts) + "。"
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def _paragraph(self, lang: str, rng: random.Random, sentences: int = 5) -> str:
        out = []
        for k in range(sentences):
            link = None
            if k == 1:
                concept = rng.choice(self.vocab.concepts)
                link = self.vocab.term_link(concept, lang)
            elif k == 3 and self.related:
                link = f"[{self.related[0]}](module:{self.related[0]})"
            out.append(self._sentence(lang, rng, 12, link))
        return _wrap(" ".join(out))

    def _requirement_text(self, lang: str, req: dict, rng: random.Random) -> str:
        vocab = WORDS[lang]
        instrument, provision = req["link"]
        concept = rng.choice(self.vocab.concepts)
        other = self.related[-1] if self.related else self.id
        verb = VERBS[lang][req["level"]]
        parts = [rng.choice(vocab), rng.choice(vocab), verb] + [rng.choice(vocab) for _ in range(9)]
        parts.insert(6, self.vocab.term_link(concept, lang))
        parts.insert(9, f"[{instrument}](instrument:{instrument}#{provision})")
        if req["id"] == "r002":
            parts.append(f"[{other}](req:{other}#r001)")
        elif int(req["id"][1:]) % 5 == 0:
            parts.append("[r001](req:#r001)")
        sentence = ("".join(parts) + "。") if lang == "zh" else " ".join(parts) + "."
        extra = self._sentence(lang, rng, 14)
        return _wrap(sentence[0].upper() + sentence[1:] + " " + extra)

    def _heading(self, lang: str, rng: random.Random, level: int, key: str | None = None, attrs: str = "") -> str:
        title = FIXED_TITLES[key][lang] if key else " ".join(rng.choice(WORDS[lang]) for _ in range(3))
        return f"{'#' * level} {title[0].upper() + title[1:]}" + (f" {{: {attrs} }}" if attrs else "")

    def body(self, lang: str) -> str:
        """The same headings and requirement IDs in every language; `rng` is re-seeded per language."""
        rng = random.Random(f"{self.seed}-{lang}")
        blocks: list[str] = []
        add = blocks.append
        add(self._heading(lang, rng, 2, "foreword", ".unnumbered"))
        add(self._paragraph(lang, rng))
        add(self._heading(lang, rng, 2, "introduction", ".unnumbered"))
        add(self._paragraph(lang, rng))
        add(self._paragraph(lang, rng))
        add(self._heading(lang, rng, 2, "scope"))
        add(self._paragraph(lang, rng))
        add(self._heading(lang, rng, 2, "references"))
        add(self._paragraph(lang, rng, 3))
        add(self._heading(lang, rng, 2, "terms"))
        add(self._paragraph(lang, rng, 3))
        reqs = iter(self.reqs)
        for _clause in range(self.shape.clauses):  # from clause 4: pairs of sub-clauses, the second one deeper
            add(self._heading(lang, rng, 2))
            add(self._paragraph(lang, rng))
            add(self._paragraph(lang, rng, 4))
            if self.shape.blocks:
                add(self._table(lang, rng))
                add(self._nested_list(lang, rng))
            for _pair in range(self.shape.pairs):
                for sub in range(2):
                    add(self._heading(lang, rng, 3))
                    add(self._paragraph(lang, rng, 4))
                    for _ in range(self.shape.paragraphs):
                        add(self._paragraph(lang, rng))
                    for _ in range(2 if sub == 0 else 0):
                        blocks.extend(self._requirement_block(lang, next(reqs), rng))
                    for _subsub in range(2 if sub == 1 else 0):
                        add(self._heading(lang, rng, 4))
                        for _ in range(2):
                            blocks.extend(self._requirement_block(lang, next(reqs), rng))
        add(self._heading(lang, rng, 2, None, ".annex"))
        add(self._paragraph(lang, rng, 3))
        add(self._table(lang, rng))
        for _ in range(2):
            add(self._heading(lang, rng, 3))
            add(self._paragraph(lang, rng, 4))
        add(self._nested_list(lang, rng))
        add(self._heading(lang, rng, 2, "bibliography", ".unnumbered"))
        add(self._paragraph(lang, rng, 2))
        assert next(reqs, None) is None, "every requirement is placed"
        return "\n\n".join(blocks) + "\n"

    def _words(self, lang: str, rng: random.Random, count: int) -> str:
        return ("" if lang == "zh" else " ").join(rng.choice(WORDS[lang]) for _ in range(count))

    def _table(self, lang: str, rng: random.Random, rows: int = 4) -> str:
        """A pipe table of three columns (a register's fields, say), as editors write them."""
        lines = ["| " + " | ".join(self._words(lang, rng, 2) for _ in range(3)) + " |", "|---|---|---|"]
        lines += ["| " + " | ".join(self._words(lang, rng, 3) for _ in range(3)) + " |" for _ in range(rows)]
        return "\n".join(lines)

    def _nested_list(self, lang: str, rng: random.Random) -> str:
        """A bulleted list with a numbered list nested in its second item (two-space indents, as GitHub)."""
        items = [f"- {self._words(lang, rng, 7)}" for _ in range(3)]
        items[1] += "".join(f"\n  {n}. {self._words(lang, rng, 5)}" for n in (1, 2, 3))
        return "\n".join(items)

    def _requirement_block(self, lang: str, req: dict, rng: random.Random) -> list[str]:
        text = self._requirement_text(lang, req, rng)
        if lang == SOURCE_LANGUAGE:
            self._english_reqs[req["id"]] = text
        return [text + f"\n{{: #{req['id']} }}"]

    # --- files ------------------------------------------------------------------------------------------

    def english(self) -> str:
        lines = [
            "---",
            f"series: {self.series}",
            f'number: "{self.number}"',
            f"title: Synthetic module {self.id} for benchmarks",
            'edition: "2026"',
            'version: "1.0"',
            "date: 2026-01-01",
            "status: draft",
            f"related: [{', '.join(self.related)}]",
            f"instruments: [{', '.join(self.instruments)}]",
            "requirements:",
        ]
        for req in self.reqs:
            refs = ", ".join(f'"{ref}"' for ref in req["refs"])
            lines += [
                f"  {req['id']}:",
                f"    level: {req['level']}",
                f"    actors: [{', '.join(req['actors'])}]",
                f"    refs: [{refs}]",
            ]
            if self.series == "iatg":
                lines.append(f"    rrpl: {req['rrpl']}")
        tombstone = f"r{len(self.reqs) + 1:03d}"
        lines += [f"  {tombstone}:", '    withdrawn: "2026"', "    replaced_by: r001", "---", ""]
        return "\n".join(lines) + "\n" + self.body(SOURCE_LANGUAGE)

    def translation(self, lang: str) -> str:
        if not self._english_reqs:
            self.body(SOURCE_LANGUAGE)
        stamped = "".join(f"  {rid}: '{digest(text.strip())}'\n" for rid, text in self._english_reqs.items())
        title = " ".join(WORDS[lang][:3]) + f" {self.id}"
        return f"---\ntitle: {title}\ntranslation_of:\n{stamped}---\n\n" + self.body(lang)


def _wrap(text: str, width: int = 110) -> str:
    """Hard-wrap like an editor would (CJK text has no spaces and stays on one line)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n")[0])
    parser.add_argument("dest", type=Path, help="folder to create (must not exist or be empty)")
    parser.add_argument("--modules", type=int, default=70)
    parser.add_argument("--words", type=int, default=UNIT_WORDS, help="English words per module (about)")
    parser.add_argument("--concepts", type=int, default=50)
    parser.add_argument(
        "--glossary-root",
        type=Path,
        default=Path("."),
        help="repository whose glossary/ (actors, instruments, concepts) is reused",
    )
    args = parser.parse_args(argv)
    try:
        made = generate(args.dest, args.modules, args.glossary_root, args.concepts, words=args.words)
    except (OSError, ValueError) as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    print(
        f"{made.root}: {made.modules} modules x {len(made.languages)} languages, {made.requirements} requirements, "
        f"{made.concepts} concepts, {made.files} files, {made.bytes / 1e6:.1f} MB, "
        f"{made.english_words / made.modules:.0f} English words per module"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
