"""The views: each module registers one page whose layout(**query_args) renders it."""
