"""The views: each module registers one page whose layout(**query_args) renders it.

login.py, data_import.py and admin.py are form pages instead: Flask routes app.py registers,
written out as plain HTML by components/static_page.py (Dash's router does not know them).
"""
