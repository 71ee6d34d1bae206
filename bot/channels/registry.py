"""The channel plugins this bot knows, in the order their routes are asked about a request.

The built-in channels are registered as descriptors (name, capabilities, whether a deployment
runs it, where the plugin lives): a channel's module, and its Bot API client, is imported only
when the deployment runs it."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from bot.channels.base import ChannelPlugin
from bot.channels.declared import BUILT_IN, TELEGRAM, WEB, ZALO
from bot.settings import Settings
from handlers import channels as capability_table
from handlers.channels import Capabilities


@dataclass(frozen=True)
class BuiltIn:
    """A channel known by its data; `load()` imports its plugin."""

    name: str
    capabilities: Capabilities
    configured: Callable[[Settings], bool]  # whether this deployment runs it
    loader: str  # "package.module:ATTRIBUTE", the channel's ChannelPlugin

    def load(self) -> ChannelPlugin:
        module, _, attribute = self.loader.partition(":")
        plugin = getattr(importlib.import_module(module), attribute)
        if not isinstance(plugin, ChannelPlugin) or plugin.name != self.name:
            raise TypeError(f"{self.loader} is not the {self.name} channel's plugin")
        return plugin


Known = ChannelPlugin | BuiltIn

_plugins: dict[str, Known] = {}


def register(plugin: Known) -> None:
    """Known from now on; its capabilities are what the core and storage ask of it."""
    _plugins[plugin.name] = plugin
    capability_table.declare(plugin.name, plugin.capabilities)


def unregister(name: str) -> None:
    _plugins.pop(name, None)
    capability_table.withdraw(name)


def plugins() -> list[Known]:
    """Every known channel, none of them loaded by asking."""
    return list(_plugins.values())


def configured(settings: Settings) -> list[ChannelPlugin]:
    """The plugins this deployment runs, loaded, a catch-all page (the web chat) last."""
    running = [
        plugin.load() if isinstance(plugin, BuiltIn) else plugin
        for plugin in _plugins.values()
        if plugin.configured(settings)
    ]
    return sorted(running, key=lambda plugin: plugin.capabilities.mailbox)


# The messengers before the web chat: its routes' body limit answers for any other path.
for _builtin in (
    BuiltIn(
        TELEGRAM,
        BUILT_IN[TELEGRAM],
        lambda settings: bool(settings.telegram.token),
        "bot.channels.telegram:PLUGIN",
    ),
    BuiltIn(
        ZALO, BUILT_IN[ZALO], lambda settings: bool(settings.zalo.token), "bot.channels.zalo:PLUGIN"
    ),
    BuiltIn(WEB, BUILT_IN[WEB], lambda _settings: True, "bot.channels.web:PLUGIN"),
):
    register(_builtin)
