"""The theme's templates are compiled once per process, not once per language build (mkdocs makes a new
Jinja environment per build; static-i18n runs six), and an edited template is compiled again."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from isacs.mkdocs_adapter.jinja_cache import MemoryBytecodeCache


def _counting(env: Environment) -> list[str]:
    """Names of the templates `env` compiles from source, from now on (this test's own environment)."""
    compiled: list[str] = []
    compile_source = env.compile

    def compile_and_count(source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_source(source, name, filename, raw, defer_init)

    env.compile = compile_and_count
    return compiled


def test_a_second_language_build_compiles_no_theme_template(make_config):
    config = make_config()
    config = config.plugins.run_event("config", config)
    first, second = config.theme.get_env(), config.theme.get_env()  # what two language builds make
    for env in (first, second):
        assert config.plugins.run_event("env", env, config=config, files=None) is env
    compiled_first, compiled_second = _counting(first), _counting(second)
    names = ["main.html", "base.html", "partials/header.html"]  # ours (overrides/) and Material's
    for name in names:
        first.get_template(name)
    assert compiled_first == names
    for name in names:
        second.get_template(name)
    assert compiled_second == []
    assert first.bytecode_cache is second.bytecode_cache is config.plugins["isacs"].compiled


def test_an_edited_template_compiles_again():
    cache, sources = MemoryBytecodeCache(), {"page.html": "old {{ x }}"}
    env = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    assert env.get_template("page.html").render(x=1) == "old 1"
    sources["page.html"] = "new {{ x }}"  # as under `mkdocs serve`: the next build's environment sees the edit
    again = Environment(loader=DictLoader(sources), bytecode_cache=cache)
    compiled = _counting(again)
    assert again.get_template("page.html").render(x=1) == "new 1"
    assert compiled == ["page.html"]
