"""The webhooks answer any body with 200 or 4xx, never 500: a 5xx makes the platform send the
same body again, and Telegram holds every later update back behind it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.app import create_app
from bot.settings import Settings
from storage.database import Database
from tests.e2e.test_telegram import TOKEN as TELEGRAM_TOKEN
from tests.e2e.test_zalo import TOKEN as ZALO_TOKEN
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZalo

Post = Callable[[bytes, str], list[int]]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
# Mostly numbers, as ids are, so that many updates get past validation into the handling.
ids = st.one_of(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.integers(),
    st.text(max_size=12) | json_values,
)
names = st.text(max_size=40) | st.text(max_size=40) | json_values

# Shaped like the updates each platform sends, with any value where a value goes.
telegram_updates = st.fixed_dictionaries(
    {"update_id": ids},
    optional={
        "message": st.fixed_dictionaries(
            {
                "message_id": ids,
                "date": ids,
                "chat": st.fixed_dictionaries(
                    {"id": ids, "type": st.sampled_from(["private", "private", "group"]) | names}
                ),
                "from": st.fixed_dictionaries(
                    {
                        "id": ids,
                        "is_bot": st.booleans() | st.booleans() | json_values,
                        "first_name": names,
                    }
                ),
            },
            optional={
                "text": names,
                "location": st.fixed_dictionaries({"latitude": ids, "longitude": ids}),
                "caption": names,
            },
        ),
        "callback_query": st.fixed_dictionaries(
            {"id": ids, "from": json_values, "data": names, "chat_instance": names}
        ),
        "edited_message": json_values,
    },
)
zalo_updates = st.fixed_dictionaries(
    {
        "event_name": st.sampled_from(
            ["message.text.received", "message.image.received", "message.sticker.received"]
        )
        | names,
        "message": st.fixed_dictionaries(
            {
                "from": st.fixed_dictionaries(
                    {"id": ids, "display_name": names, "is_bot": st.booleans() | json_values}
                ),
                "chat": st.fixed_dictionaries(
                    {"id": ids, "chat_type": st.sampled_from(["PRIVATE", "GROUP"]) | names}
                ),
                "message_id": ids,
                "date": ids,
            },
            optional={
                "text": names,
                # Nothing listens there: a photo that cannot be fetched, at once.
                "photo": st.just("http://127.0.0.1:9/a.jpg") | names,
                "caption": names,
            },
        ),
    }
)
bodies = (
    st.binary(max_size=200)
    | json_values.map(lambda v: json.dumps(v).encode())
    | telegram_updates.map(lambda v: json.dumps(v).encode())
    | zalo_updates.map(lambda v: json.dumps(v).encode())
    | zalo_updates.map(lambda v: json.dumps({"ok": True, "result": v}).encode())
)
content_types = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "multipart/form-data",
        "",
        "application/x-www-form-urlencoded",
    ]
)


FUZZING = hypothesis_settings(
    max_examples=60,
    deadline=None,
    database=None,  # nothing written beside the repository
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def webhooks(settings_: Settings) -> Iterator[Post]:
    """Both webhooks of an app on one event loop, with fake platforms to answer to."""
    with asyncio.Runner() as runner:
        telegram_api, zalo_api = FakeTelegram(), FakeZalo()
        runner.run(telegram_api.start())
        runner.run(zalo_api.start())
        configured = settings_.model_copy(
            update={
                "telegram_token": TELEGRAM_TOKEN,
                "telegram_api_url": telegram_api.url,
                "telegram_webhook_url": "https://bot.example.vn",
                "zalo_token": ZALO_TOKEN,
                "zalo_api_url": zalo_api.url,
                "zalo_webhook_url": "https://bot.example.vn",
            }
        )
        database = Database(configured.resolved_database_url)
        app = create_app(configured, database)
        telegram, zalo = app.state.telegram, app.state.zalo
        telegram.retry_pause = zalo.retry_pause = 0.001
        calls = [
            (telegram.path, {"X-Telegram-Bot-Api-Secret-Token": telegram.secret_token}),
            (zalo.path, {"X-Bot-Api-Secret-Token": zalo.secret_token}),
        ]
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
            base_url="http://testserver",
        )

        def post(body: bytes, content_type: str) -> list[int]:
            async def both() -> list[int]:
                answers = []
                for path, secret in calls:
                    headers = {**secret, "Content-Type": content_type} if content_type else secret
                    answers.append(
                        (await client.post(path, content=body, headers=headers)).status_code
                    )
                return answers

            return runner.run(both())

        try:
            yield post
        finally:
            runner.run(client.aclose())
            runner.run(telegram.client.close())
            runner.run(zalo.client.close())
            runner.run(telegram_api.stop())
            runner.run(zalo_api.stop())
            runner.run(database.dispose())
            database.close()


def test_any_webhook_body_is_answered_200_or_4xx(settings: Settings) -> None:
    with webhooks(settings) as post:

        @FUZZING
        @given(body=bodies, content_type=content_types)
        @example(body=b"", content_type="application/json")
        @example(body=b"[" * 100_000 + b"]" * 100_000, content_type="application/json")
        @example(body=b'{"a": ' * 50_000 + b"1" + b"}" * 50_000, content_type="application/json")
        @example(body=b'{"update_id": 1, "message": ' * 3000 + b"{}" + b"}" * 3000, content_type="")
        @example(body=b"\xff\xfe\x00{", content_type="text/plain")
        @example(body=b'{"update_id": 1e999}', content_type="application/json")
        @example(
            body=json.dumps(
                {
                    "update_id": 7,
                    "message": {
                        "message_id": 1,
                        "date": 0,
                        "chat": {"id": 10**40, "type": "private"},
                        "from": {"id": 10**40, "is_bot": False, "first_name": "A\x00"},
                        "text": "/start \x00",
                    },
                }
            ).encode(),
            content_type="application/json",
        )
        @example(
            body=json.dumps(
                {
                    "event_name": "message.text.received",
                    "message": {
                        "from": {"id": "u" * 300, "display_name": {"a": [1]}},
                        "chat": {"id": "u" * 300},
                        "message_id": "m\x00",
                        "text": "hi\x00",
                    },
                }
            ).encode(),
            content_type="application/json",
        )
        def answered(body: bytes, content_type: str) -> None:
            for status in post(body, content_type):
                assert 200 <= status < 500, (status, body[:200])

        answered()
