"""The messengers' shared sending and polling (bot/channels/messenger.py), tried once for
each messenger against its fake server: a wait the messenger asks of an answer is waited out
and holds the outbox back too, failures are retried with back-off, a failing poll goes on."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest

from bot.app import create_app
from bot.channels import zalo as zalo_channel
from bot.channels.messenger import SEND_ATTEMPTS, Backoff, Messenger
from bot.settings import Settings
from scheduler.outbox_sender import Lane
from storage.database import Database
from tests.e2e.test_all_channels import TELEGRAM_TOKEN, ZALO_TOKEN
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser

QUOTA_PAUSE = 0.3  # Zalo's pause after a 429, shortened for the test


@dataclass
class Talk:
    """One messenger as these tests drive it."""

    channel: Messenger
    lane: Lane
    say: Callable[[str], Awaitable[str]]  # a stranger's text, and the bot's answer
    fail_next: Callable[[str, int], None]  # the next call of a method answers this status
    too_fast_next: Callable[[], None]  # the next sendMessage asks the bot to wait
    asked_wait: float  # what that wait is, in seconds
    sends: Callable[[], int]  # sendMessage calls the server answered so far


def telegram_talk(app: object, server: FakeTelegram) -> Talk:
    user = TelegramUser(server, 4242)

    async def say(text: str) -> str:
        await user.say(text)
        return user.text

    return Talk(
        channel=app.state.telegram,  # type: ignore[attr-defined]
        lane=app.state.outbox.lanes["telegram"],  # type: ignore[attr-defined]
        say=say,
        fail_next=lambda method, status: server.fail_next(method, status, description="Boom"),
        too_fast_next=lambda: server.fail_next(
            "sendMessage", 429, description="Too Many Requests", parameters={"retry_after": 1}
        ),
        asked_wait=1.0,
        sends=lambda: server.calls.count("sendMessage"),
    )


def zalo_talk(app: object, server: FakeZalo) -> Talk:
    user = ZaloUser(server, "zalo-4242")

    async def say(text: str) -> str:
        await user.say(text)
        return user.text

    return Talk(
        channel=app.state.zalo,  # type: ignore[attr-defined]
        lane=app.state.outbox.lanes["zalo"],  # type: ignore[attr-defined]
        say=say,
        fail_next=lambda method, status: server.fail_next(
            method, status, error_code=status, description="Boom"
        ),
        too_fast_next=lambda: server.fail_next(
            "sendMessage", 429, error_code=429, description="Quota exceeded"
        ),
        asked_wait=QUOTA_PAUSE,
        sends=lambda: server.calls.count("sendMessage"),
    )


@pytest.fixture(params=["telegram", "zalo"])
async def talk(
    request: pytest.FixtureRequest,
    telegram_api: FakeTelegram,
    zalo_api: FakeZalo,
    settings: Settings,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Talk]:
    monkeypatch.setattr(zalo_channel, "QUOTA_PAUSE", QUOTA_PAUSE)
    configured = settings.model_copy(
        update={
            "telegram_token": TELEGRAM_TOKEN,
            "telegram_api_url": telegram_api.url,
            "zalo_token": ZALO_TOKEN,
            "zalo_api_url": zalo_api.url,
        }
    )
    app = create_app(configured, database)
    found = (
        telegram_talk(app, telegram_api)
        if request.param == "telegram"
        else zalo_talk(app, zalo_api)
    )
    found.channel.retry_pause = 0.01
    found.lane.clock = lambda: 1000.0  # the outbox's clock stands still: its waits are exact
    await found.channel.start()
    yield found
    await found.channel.stop()


async def test_a_wait_asked_of_an_answer_is_waited_out_and_holds_the_outbox_back(
    talk: Talk,
) -> None:
    talk.too_fast_next()
    started = time.monotonic()
    assert "/baotin" in await talk.say("/help")  # delivered after the wait
    assert time.monotonic() - started >= talk.asked_wait * 0.9
    assert talk.lane.wait_for("another chat") == pytest.approx(talk.asked_wait)


async def test_failures_are_retried_with_back_off_until_the_answer_goes(talk: Talk) -> None:
    for _ in range(SEND_ATTEMPTS - 1):
        talk.fail_next("sendMessage", 500)
    before = talk.sends()
    assert "/baotin" in await talk.say("/help")
    assert talk.sends() - before == SEND_ATTEMPTS  # three failures, then the answer
    assert talk.lane.wait_for("another chat") == 0  # a failure is no wait asked


async def test_a_failing_poll_is_tried_again(talk: Talk) -> None:
    talk.fail_next("getUpdates", 502)
    talk.fail_next("getUpdates", 502)
    assert "/baotin" in await talk.say("/help")


def test_back_off_doubles_up_to_its_bound_and_starts_again() -> None:
    backoff = Backoff(1.0, 5.0)
    assert [backoff.take() for _ in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    backoff.reset()
    assert backoff.take() == 1.0
