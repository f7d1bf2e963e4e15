"""Helpers for the site tests: a copy of the fixture corpus with an mkdocs.yml like the repository's,
built by the real `mkdocs build` (or `isacs build-site`), and small HTML readers.

The copy gains Spanish, Russian and Chinese translations of isacs/05.30 (the fixture only has French
and Arabic) so that search can be tested in every language: a Chinese word inside a sentence, and
inflected forms in the stemmed languages.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini"
BIN = Path(sys.executable).parent
SITE_URL = "https://standards.example.org/"
LANGS = ("en", "fr", "es", "ar", "ru", "zh")

# Translations added to the copy: same clause tree and requirement IDs as the English file.
EXTRA_TRANSLATIONS = {
    "es": """---
title: Accesorio de marcaje
translation_of: {}
---

## Prólogo {: .unnumbered }

Texto de prueba redactado para las pruebas.

## Alcance

Este accesorio trata del [marcaje](term:marking).

## Marcaje

### En la fabricación

El fabricante deberá marcar cada artículo en el momento de su [fabricación](term:marking).
{: #r001 }

#### Detalle

Los Estados deberían conservar cada [registro](term:record) durante el plazo previsto en el [ITI](instrument:ITI#12).
{: #r002 }

## Tabla modelo {: .annex }

La autoridad podrá publicar un modelo, véase [IATG 06.10](module:iatg/06.10) y [r001](req:#r001).
{: #r003 }

La tabla modelo enumera:
- las marcas
  - número de serie
    - en el armazón
  - país de fabricación
- los registros
""",
    "ru": """---
title: Образец маркировки
translation_of: {}
---

## Предисловие {: .unnumbered }

Текст образца, написанный для тестов.

## Сфера применения

Этот образец касается [маркировки](term:marking).

## Маркировка

### При изготовлении

Производитель должен маркировать каждое изделие при его [изготовлении](term:marking).
{: #r001 }

#### Подробности

Государствам следует хранить каждую [запись](term:record) в течение срока, указанного в [ITI](instrument:ITI#12).
{: #r002 }

## Типовая таблица {: .annex }

Орган может опубликовать образец, см. [IATG 06.10](module:iatg/06.10) и [r001](req:#r001).
{: #r003 }

Типовая таблица включает:
- маркировку
  - серийный номер
    - на рамке
  - страну изготовления
- записи
""",
    "zh": """---
title: 标识示例
translation_of: {}
---

## 前言 {: .unnumbered }

为测试编写的示例文本。

## 范围

本示例涉及[标识](term:marking)。

## 标识

### 制造时

制造商应在制造时对每件物品进行[标识](term:marking)。
{: #r001 }

#### 细节

各国宜在[ITI](instrument:ITI#12)规定的期限内保存每份[记录](term:record)。
{: #r002 }

## 示范表 {: .annex }

主管部门可公布示范文本，见[IATG 06.10](module:iatg/06.10)和[r001](req:#r001)。
{: #r003 }

示范表列出：
- 标识
  - 序列号
    - 在框架上
  - 制造国
- 记录
""",
}


def make_project(dest: Path) -> Path:
    """A corpus copy at `dest` with an mkdocs.yml like the repository's (site_dir inside `dest`)."""
    shutil.copytree(MINI, dest)
    for lang, text in EXTRA_TRANSLATIONS.items():
        (dest / "modules" / "isacs" / "05.30" / f"index.{lang}.md").write_text(text, encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^(\s*custom_dir:).*$", rf"\1 {REPO / 'overrides'}", config)
    config = re.sub(r"(?m)^site_dir:.*$", f"site_dir: {dest / 'site'}", config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "BUILD_ONLY_LOCALE")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env | extra


def mkdocs_build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-f", str(project / "mkdocs.yml"), *extra],
                          cwd=project, env=build_env(**(env or {})), capture_output=True, text=True)


def isacs_build_site(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "isacs"), "build-site", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
                          cwd=project, env=build_env(**(env or {})), capture_output=True, text=True)


def lang_of(site: Path, path: Path) -> str:
    """The language a built file belongs to, from where it sits (English at the root)."""
    first = path.relative_to(site).parts[0]
    return first if first in LANGS[1:] else "en"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def page(site: Path, lang: str, path: str = "") -> Path:
    """site/<lang>/<path>/index.html (English at the root)."""
    base = site if lang == "en" else site / lang
    return base / path / "index.html" if not path.endswith(".html") else base / path


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Element | None") -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Element"]:
        def matches(el: Element) -> bool:
            if tag and el.tag != tag:
                return False
            for key, value in attrs.items():
                key = key.rstrip("_").replace("_", "-")
                if key == "class":
                    if value not in el.attrs.get("class", "").split():
                        return False
                elif el.attrs.get(key) != value:
                    return False
            return True

        return [el for el in self.iter() if matches(el)]

    def find(self, tag: str | None = None, **attrs: str) -> "Element":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


class _TreeBuilder(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in self.VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Element:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def article(path: Path) -> Element:
    return parse(path).find("article")


def pagefind_records(site: Path, kind: str) -> dict[str, bytes]:
    """Decompressed Pagefind files of one kind ('fragment' or 'index'), by file name."""
    out = {}
    for file in sorted((site / "pagefind" / kind).iterdir()):
        data = gzip.decompress(file.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        out[file.name] = data[len(b"pagefind_dcd"):]
    return out


def pagefind_fragments(site: Path) -> list[dict]:
    """Every indexed page as Pagefind stored it (url, content, language file name)."""
    return [dict(json.loads(data), file=name) for name, data in pagefind_records(site, "fragment").items()]


def normalise_html(text: str) -> str:
    """Whitespace-insensitive HTML for comparisons (runs of whitespace between/inside tags collapse)."""
    text = re.sub(r">\s+<", "><", text)
    return re.sub(r"\s+", " ", text).strip()
