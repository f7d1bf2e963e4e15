"""Interface strings in every language: one YAML file per feature (site, checklists, xref, verbal forms)
and `strings.t(lang, key)`, the lookup every layer uses.

The bottom layer, neutral: imports only the standard library and ruamel.yaml, so the core, the
checklists, the cross-references and the site can all use it without an upward import.
"""
