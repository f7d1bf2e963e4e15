"""`isacs build-shard` and `isacs merge-shards`: the site built one language per machine, then merged.

A CI matrix runs `isacs build-shard LANG -d shards/LANG` once per language (each machine validates the
whole corpus and builds its language exactly as `isacs build-site` builds it in a forked process); one
job then runs `isacs merge-shards en=shards/en fr=shards/fr ... -d site`, which merges them as
`isacs build-site` does (one sitemap, the policy, one search index, the offline worker). The merged site is
byte-identical to the one-machine build (tests/site/test_site_shards.py). BENCHMARKS.md shows the workflow.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from .build_site import build_one, load_site_config, merge_parts, profile, replace_dir


def register(sub) -> None:
    shard = sub.add_parser("build-shard", help="build one language of the site, to be merged by merge-shards")
    shard.add_argument("language", help="language code, e.g. fr")
    shard.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    shard.add_argument("-d", "--site-dir", type=Path, required=True, help="output folder of this language")
    shard.set_defaults(func=run_shard)
    merge = sub.add_parser("merge-shards", help="merge the languages built by build-shard into the site")
    merge.add_argument("shards", nargs="+", metavar="LANG=DIR", help="each language's build-shard folder")
    merge.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    merge.add_argument("-d", "--site-dir", type=Path, help="output folder (default: site_dir of the config)")
    merge.set_defaults(func=run_merge)


def run_shard(args) -> int:
    start = time.monotonic()
    loaded = load_site_config(args.config_file, None, "build-shard")
    if isinstance(loaded, int):
        return loaded
    config, plugin, i18n = loaded
    if args.language not in i18n.build_languages:
        print(f"isacs build-shard: {args.language}: not a language of {args.config_file}", file=sys.stderr)
        return 2
    target = args.site_dir.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-shard-", dir=target.parent))
    try:
        plugin.stage(config)
        build_one(config, args.language, scratch / args.language)
        replace_dir(scratch / args.language, target)
    except MkDocsException as exc:
        print(f"isacs build-shard: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.monotonic() - start
    print(f"isacs build-shard: {args.language} built into {target} in {seconds:.1f} s", file=sys.stderr)
    return 0


def run_merge(args) -> int:
    start = time.monotonic()
    loaded = load_site_config(args.config_file, args.site_dir, "merge-shards")
    if isinstance(loaded, int):
        return loaded
    config, plugin, i18n = loaded
    given: dict[str, Path] = {}
    for item in args.shards:
        lang, sep, folder = item.partition("=")
        if not sep or not folder or lang in given:
            print(f"isacs merge-shards: {item}: expected LANG=DIR, each language once", file=sys.stderr)
            return 2
        given[lang] = Path(folder).resolve()
    default = i18n.default_language
    expected = [default] + [lang for lang in i18n.build_languages if lang != default]  # build-site's order
    if set(given) != set(expected):
        print(f"isacs merge-shards: the shards must be exactly {', '.join(expected)}", file=sys.stderr)
        return 2
    # a shard holds its language's home: the default language's at its root, another's under <lang>/
    home = {lang: Path("index.html") if lang == default else Path(lang, "index.html") for lang in expected}
    missing = [f"{lang}={given[lang]}" for lang in expected if not (given[lang] / home[lang]).is_file()]
    if missing:
        print(f"isacs merge-shards: not a built shard: {', '.join(missing)}", file=sys.stderr)
        return 2
    site_dir = Path(config.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-merge-", dir=site_dir.parent))
    phases: dict[str, float] = {}
    try:
        merge_parts({lang: given[lang] for lang in expected}, scratch / "site", default, plugin, phases)
        replace_dir(scratch / "site", site_dir)
    except MkDocsException as exc:
        print(f"isacs merge-shards: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"isacs merge-shards: {len(expected)} languages merged into {site_dir} in {time.monotonic() - start:.1f} s; "
        f"{profile(phases, {})}",
        file=sys.stderr,
    )
    return 0
