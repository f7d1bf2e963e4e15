"""Offline reading (issue 14): the service worker the build writes at the site root (sw.js,
isacs.mkdocs_adapter.offline) and its registration (overrides/assets/isacs-offline.js).

Without a browser: the worker's version is a digest of the built site (same site, same bytes; a changed
page, a new version), it lists the theme's files and each language's Pagefind files, `offline: false` writes
a worker that removes itself, and `mkdocs serve` gets none. In Debian's chromium: a reader opens pages and
searches, the server is then really shut down, and the pages read, the search answers, a page never
opened shows the offline notice (not another page); a new build's worker deletes the old caches; the
switched-off worker and the switched-off script remove the worker and its caches. No CSP violation.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser_testkit import needs_chromium, serve, url, viewport, watched_context
from isacs.i18n.strings import t
from isacs.mkdocs_adapter.offline import WORKER, build_version, site_files, worker_source, write_service_worker
from isacs.mkdocs_adapter.postbuild import finish_site
from site_testkit import LANGS
from site_testkit import page as page_file

MODULE = "isacs/05.30/"
CACHE_PREFIX = "isacs-offline-"
_CONFIG = re.compile(r"^const CONFIG = (.*);$", re.M)


def worker_config(site: Path) -> dict:
    return json.loads(_CONFIG.search((site / WORKER).read_text(encoding="utf-8")).group(1))


@pytest.fixture
def site_copy(site, tmp_path) -> Path:
    """A copy of the built fixture site that a test may change (a page, the worker)."""
    return Path(shutil.copytree(site, tmp_path / "site"))


# --- the worker file -------------------------------------------------------------------------------------


def test_the_build_writes_a_worker_versioned_by_the_sites_files(site):
    config = worker_config(site)
    assert config["version"] == build_version(site_files(site))
    assert config["default"] == "en" and config["languages"] == list(LANGS[1:])
    # the theme: Material's stylesheet and script and the site's own, as the pages link them
    shell = config["shell"]
    assert any(re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", p) for p in shell)
    assert any(re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", p) for p in shell)
    assert {"assets/isacs.css", "assets/isacs-offline.js", "assets/isacs-cite.js"} <= set(shell)
    assert all((site / p).is_file() and not p.endswith(".map") for p in shell)
    # search: each language's own WebAssembly (Chinese has none: Pagefind's "unknown"), metadata and chunks
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    for lang in LANGS:
        files = config["search"][lang]
        assert {"pagefind/pagefind-entry.json", "pagefind/pagefind.js", "pagefind/pagefind-ui.js"} <= set(files)
        assert f"pagefind/wasm.{'unknown' if lang == 'zh' else lang}.pagefind" in files
        assert f"pagefind/pagefind.{entry[lang]['hash']}.pf_meta" in files
        chunks = sorted(p.name for p in (site / "pagefind" / "index").glob(f"{lang}_*.pf_index"))
        assert chunks
        assert [f for f in files if f.startswith("pagefind/index/")] == [f"pagefind/index/{c}" for c in chunks]
        assert not [f for f in files if "fragment/" in f]  # fragments: kept as searches fetch them
    # the notice for a page never opened, in each language, right to left in Arabic
    assert 'lang="ar" dir="rtl"' in config["fallback"]["ar"]
    assert t("zh", "offline_text") in config["fallback"]["zh"]


def test_every_page_loads_the_registration_switched_on(site):
    for lang in LANGS:
        text = page_file(site, lang, MODULE).read_text(encoding="utf-8")
        assert re.search(r'<script src="(\.\./)+assets/isacs-offline\.js" data-isacs-offline="on" defer>', text)


def test_the_same_site_gives_the_same_worker_and_a_changed_page_a_new_one(site, site_copy):
    before = (site / WORKER).read_bytes()
    write_service_worker(site_copy, "en")
    assert (site_copy / WORKER).read_bytes() == before  # written again over the same files: same bytes
    assert worker_source(site_copy, "en").encode("utf-8") == before
    page = page_file(site_copy, "fr", MODULE)
    page.write_bytes(page.read_bytes().replace(b"</article>", b"<p>changed</p></article>", 1))
    write_service_worker(site_copy, "en")
    assert (site_copy / WORKER).read_bytes() != before
    assert worker_config(site_copy)["version"] != json.loads(_CONFIG.search(before.decode()).group(1))["version"]


def test_offline_false_writes_a_worker_that_removes_itself(site_copy):
    finish_site(site_copy, {}, "en", "none", csp=True, offline=False)
    text = (site_copy / WORKER).read_text(encoding="utf-8")
    assert "unregister()" in text and "deleteCaches(null)" in text
    assert 'addEventListener("fetch"' not in text  # keeps nothing, serves nothing
    # the same bytes whatever the site: once a reader's browser has it, it never changes again
    (site_copy / "index.html").write_text("another site", encoding="utf-8")
    finish_site(site_copy, {}, "en", "none", csp=True, offline=False)
    assert (site_copy / WORKER).read_text(encoding="utf-8") == text


def test_mkdocs_serve_gets_no_worker(site_copy):
    (site_copy / WORKER).unlink()
    finish_site(site_copy, {}, "en", "none", csp=False)
    assert not (site_copy / WORKER).exists()


# --- in the browser --------------------------------------------------------------------------------------

_KEPT = """async () => {
    const out = {};
    for (const name of await caches.keys()) {
        out[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
    }
    return out;
}"""


def kept(page) -> dict[str, list[str]]:
    """The caches of the page's origin: name -> the addresses kept in it."""
    return page.evaluate(_KEPT)


def wait_until(condition, what: str, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def wait_kept(page, addresses: list[str]) -> None:
    def done():
        return set(addresses) <= {a for urls in kept(page).values() for a in urls}

    wait_until(done, f"the worker to keep {addresses}")


def wait_controlled(page) -> None:
    # polled from here: wait_for_function would evaluate a string, which the site's policy forbids
    wait_until(lambda: page.evaluate("() => navigator.serviceWorker.controller !== null"), "the worker to control")


def search_ui(page, query: str, expected_href: str) -> None:
    """Type `query` in the header's search box and wait for the result linking to `expected_href`."""
    page.locator(".isacs-search__input").click()
    page.locator(".pagefind-ui__search-input").wait_for(timeout=15000)
    page.locator(".pagefind-ui__search-input").fill(query)
    page.locator(f'a.pagefind-ui__result-link[href="{expected_href}"]').first.wait_for(timeout=15000)


@pytest.fixture
def reader(browser):
    """A fresh browser profile (its own service workers and caches), failing the test on a CSP violation."""
    with watched_context(browser, viewport=viewport(1280)) as context:
        yield context


def _refused(origin: str) -> bool:
    try:
        urllib.request.urlopen(origin, timeout=2)
    except urllib.error.URLError:
        return True
    return False


@needs_chromium
def test_visited_pages_and_search_work_with_the_server_shut_down(site_copy, reader):
    config = worker_config(site_copy)
    page = reader.new_page()
    with serve(site_copy) as origin:
        module, home = url(origin, "fr", MODULE), url(origin, "fr")
        page.goto(module)
        wait_controlled(page)
        # the first page (loaded before the worker ran) and the French search files are kept
        wait_kept(page, [module] + [f"{origin}/{path}" for path in config["search"]["fr"]])
        names = list(kept(page))
        assert names == [CACHE_PREFIX + config["version"]]
        assert not [a for a in kept(page)[names[0]] if re.search(r"/pagefind/(wasm\.|index/|pagefind\.)(en|ar)", a)]
        search_ui(page, "registres", "/fr/isacs/05.30/")  # online: the result's fragment is kept as fetched
        page.goto(home)  # controlled now: kept as the worker passes it on
        wait_kept(page, [home])
    assert _refused(origin), "the server still answers"

    page.reload()
    assert page.locator(".md-header__topic").first.is_visible()
    assert page.title().endswith("Normes ISACS et IATG (illustratif)")
    page.goto(module)
    assert "Fabricant" in page.locator("#r001").inner_text()
    title = page.locator("h1").inner_text()
    assert "05.30" in title
    # the search, offline: the same query shows its result; another word finds pages in the French index
    search_ui(page, "registres", "/fr/isacs/05.30/")
    found = page.evaluate("""async () => {
        const bundle = document.querySelector("[data-isacs-search]").getAttribute("data-bundle");
        const pagefind = await import(new URL(bundle + "pagefind.js", document.baseURI).href);
        return (await pagefind.search("fabricant")).results.length;
    }""")
    assert found > 0
    # a page never opened: the notice in French, not a page kept from elsewhere
    response = page.goto(url(origin, "fr", "glossary/"))
    assert response.status == 503 and response.from_service_worker
    assert page.title() == t("fr", "offline_title")
    assert page.locator("h1").inner_text() == t("fr", "offline_title")
    assert title not in page.content() and "Fabricant" not in page.content()
    assert page.locator("a").get_attribute("href") == f"{origin}/fr/"


@needs_chromium
def test_a_finder_page_read_before_works_with_the_server_shut_down(site_copy, reader):
    # The requirement finder reads its language's data file: kept with the page, so the filtered list a
    # reader opened (a shared link, say) shows the same results offline.
    page = reader.new_page()
    with serve(site_copy) as origin:
        finder = url(origin, "ar", "finder/") + "?level=shall"
        page.goto(url(origin, "ar", MODULE))
        wait_controlled(page)
        page.goto(finder)
        page.locator(".isacs-finder-item").first.wait_for()
        online = page.locator(".isacs-finder-count").inner_text()
        # kept without the query: one copy of the page serves every filtered view (the filters are read
        # by the page's script from the address)
        wait_kept(page, [url(origin, "ar", "finder/"), url(origin, "ar", "finder/requirements.json")])
    assert _refused(origin), "the server still answers"
    page.reload()
    page.locator(".isacs-finder-item").first.wait_for()
    assert page.locator(".isacs-finder-count").inner_text() == online
    assert page.locator(".isacs-finder-fallback").is_hidden()  # not the "could not load" message


@needs_chromium
def test_a_new_build_replaces_the_worker_and_deletes_the_old_caches(site_copy, reader):
    page = reader.new_page()
    with serve(site_copy) as origin:
        module = url(origin, "en", MODULE)
        page.goto(module)
        wait_controlled(page)
        wait_kept(page, [module])
        old = CACHE_PREFIX + worker_config(site_copy)["version"]
        assert list(kept(page)) == [old]
        # a new build: one page changed, the worker written again
        home = page_file(site_copy, "en", "")
        home.write_bytes(home.read_bytes().replace(b"</article>", b"<p>new build</p></article>", 1))
        write_service_worker(site_copy, "en")
        new = CACHE_PREFIX + worker_config(site_copy)["version"]
        assert new != old
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        wait_until(lambda: list(kept(page)) == [new], f"only {new} left, got {kept(page)}")
        page.goto(url(origin, "en"))
        wait_kept(page, [url(origin, "en")])
        assert list(kept(page)) == [new]
        assert "new build" in page.content()


@needs_chromium
def test_the_switched_off_worker_removes_itself_and_its_caches(site_copy, reader):
    page = reader.new_page()
    with serve(site_copy) as origin:
        page.goto(url(origin, "ru", MODULE))
        wait_controlled(page)
        wait_kept(page, [url(origin, "ru", MODULE)])
        write_service_worker(site_copy, "en", enabled=False)  # a build with `offline: false`
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        registrations = "navigator.serviceWorker.getRegistrations().then((all) => all.length)"
        wait_until(lambda: page.evaluate(registrations) == 0 and not kept(page), "the worker to remove itself")


@needs_chromium
def test_the_switched_off_script_unregisters_the_worker_and_clears_the_caches(site_copy, reader):
    page = reader.new_page()
    with serve(site_copy) as origin:
        page.goto(url(origin, "zh", MODULE))
        wait_controlled(page)
        wait_kept(page, [url(origin, "zh", MODULE)])
        # pages of a build with `offline: false` (or of `mkdocs serve`), the old worker still on the server
        for path in site_copy.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace('data-isacs-offline="on"', 'data-isacs-offline="off"'), encoding="utf-8")
        page.goto(url(origin, "zh"))
        registrations = "navigator.serviceWorker.getRegistrations().then((all) => all.length)"
        wait_until(lambda: page.evaluate(registrations) == 0 and not kept(page), "the page to remove the worker")


@needs_chromium
def test_a_site_served_under_a_base_path_registers_its_worker_there(site, tmp_path, reader):
    # e.g. GitHub Pages' https://<owner>.github.io/<repo>/: the worker's scope is the site's folder
    shutil.copytree(site, tmp_path / "standards")
    page = reader.new_page()
    with serve(tmp_path) as origin:
        module = f"{origin}/standards/es/{MODULE}"
        page.goto(module)
        wait_controlled(page)
        scope = page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.scope)")
        assert scope == f"{origin}/standards/"
        wait_kept(page, [module, f"{origin}/standards/pagefind/wasm.es.pagefind"])
