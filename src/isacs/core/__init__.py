"""The engine-independent core: load the sources (modules, glossary, registries) into a frozen-dataclass
`Corpus` (`loader`, `model`), validate them (`validate`, `lints`, `schema`, `source_policy`: the
diagnostics of `isacs check`), and the tools that edit them (`fmt`, `scaffold`, `stamp`) or export them
(`export_json`). Its public names are re-exported by `isacs` (the API).

May import: the standard library, its libraries (ruamel.yaml, jsonschema, markdown...) and `isacs.i18n`
(interface strings), `isacs.schemas` (data). Never checklists, xref, render, mkdocs_adapter or cli, nor
any site engine. Layers (tests/repo/test_layers.py): i18n, templating, schemas <- core <- checklists,
xref <- render <- mkdocs_adapter, cli.
"""
