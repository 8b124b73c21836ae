"""The views: each module registers one page whose layout(**query_args) renders it.

The login, import and admin forms are not here: Flask serves them from Jinja2 templates
(dashboard/web/forms), since Dash's router does not know them.
"""
