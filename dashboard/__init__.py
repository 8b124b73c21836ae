"""Management-information dashboard for Nordic municipalities: data model, queries and figures."""
