"""The `isacs` command line: one sub-command per module (`main.COMMANDS`), each with `register(subparsers)`.

The top layer, beside mkdocs_adapter: may import every package below it (core, checklists, xref, render)
and mkdocs_adapter (`isacs build-site` drives the plugin); nothing imports the CLI.
"""
