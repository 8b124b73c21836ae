"""gunicorn settings for `make run` and production (`gunicorn -c gunicorn.conf.py app:server`).

Every value can be overridden on the command line; the bind address comes from HOST/PORT.
"""

from dashboard import settings

bind = f"{settings.get('HOST')}:{settings.get('PORT')}"
# Two workers per core is plenty: requests are short and the database does the heavy work.
workers = 2
threads = 2
timeout = 60
# gunicorn 27 opens a control socket by default; one machine may run several instances.
control_socket_disable = True
accesslog = "-"
