# Several processes on one database (antt-bot run --role).
cli_run_role_help = What this process runs: web (the chat, the console, webhooks), jobs (the scheduler and the outbox; one process per province) or all (both, the default). Defaults to ANTT_ROLE.
cli_role_needs_a_shared_database = Role { $role } needs a database that several processes share (PostgreSQL or a SQLite file), not an in-memory one. Set ANTT_DATABASE_URL, or run with --role all.
cli_role_web_started = Web process: serves the chat, the console and webhooks; runs no scheduled jobs and sends no queued messages. Run exactly one "antt-bot run --role jobs" on the same database too.
cli_role_web_leaves_polling = { $channel } has no webhook: the jobs process receives it by long polling (only one process may). For the web processes to receive { $channel }, set ANTT_{ $variable }_WEBHOOK_URL.
cli_role_jobs_started = Jobs process: runs the scheduled jobs and sends the outbox while it leads (one process leads, any other waits); serves its health check only, at { $url }
