"""The web chat's API against its own OpenAPI description (schemathesis): whatever is sent,
valid or not, the answer is never a 5xx and never takes over 2 seconds.

Requests go to the app in this process (no server, no network), on one event loop that also
holds the database's connections; hypothesis runs the examples from a plain function.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import requests
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import max_response_time, not_a_server_error
from schemathesis.generation import GenerationMode

from bot.app import create_app
from bot.settings import Settings
from storage.database import Database

CONFIG = schemathesis.Config.from_dict({"checks": {"max_response_time": 2.0}})
FUZZING = hypothesis_settings(
    max_examples=40,
    deadline=None,
    database=None,  # nothing written beside the repository
    suppress_health_check=list(HealthCheck),
)


def test_the_web_api_never_answers_5xx_nor_slowly(settings: Settings) -> None:
    with asyncio.Runner() as runner:
        database = Database(settings.resolved_database_url)
        app = create_app(settings, database)
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
            base_url="http://testserver",
        )
        schema = schemathesis.openapi.from_dict(app.openapi(), config=CONFIG)
        operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
        assert {o.label for o in operations} == {"GET /api/web/messages", "POST /api/web/messages"}

        def send(case: Any) -> httpx.Response:
            # The case as schemathesis would send it, then sent through httpx to the app.
            prepared = requests.Request(
                **case.as_transport_kwargs(base_url="http://testserver")
            ).prepare()
            body = prepared.body
            content = body.encode() if isinstance(body, str) else body
            assert content is None or isinstance(content, bytes)
            return runner.run(
                client.request(
                    str(prepared.method),
                    str(prepared.url),
                    headers={k: str(v) for k, v in prepared.headers.items()},
                    content=content,
                )
            )

        try:
            for operation in operations:
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

                    @FUZZING
                    @given(case=operation.as_strategy(generation_mode=mode))
                    def answered(case: Any) -> None:
                        response = send(case)
                        case.validate_response(
                            response, checks=[not_a_server_error, max_response_time]
                        )

                    answered()
        finally:
            runner.run(client.aclose())
            runner.run(database.dispose())
            database.close()
